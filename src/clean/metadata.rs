//! Metadata found in the text: title, section, authors, source, dateline, date and tags.
//!
//! Scraped articles keep their metadata as short lines around the story ("World",
//! "Sandeep Dikshit", "New Delhi, May 16") or glued to the first paragraph
//! ("Moscow, Apr 16 (AP) Russian President ..."). The recognisers here look at one line
//! each; `region.rs` decides which lines are close enough to the story to be its metadata.

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;
use serde::{Deserialize, Serialize};

use super::lines::Line;
use super::markers;

/// Everything newsq knows about an article besides its body.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    /// The section of the site ("World", "Business").
    pub section: Option<String>,
    /// Author names, in the order found.
    pub authors: Vec<String>,
    /// The publisher or news service ("Tribune News Service").
    pub source: Option<String>,
    /// The dateline, as written, with its parts.
    pub dateline: Option<Dateline>,
    /// The publication date, when a full date (with year) was found.
    pub date: Option<Date>,
    /// Where the date came from: `"timestamp"` (a date line near the story),
    /// `"dateline"`, `"byline"` or `"sidecar"`; `None` when there is no date.
    #[serde(default)]
    pub date_source: Option<String>,
    /// Tags, from hashtag lines and "Tags:" lines.
    pub tags: Vec<String>,
    /// ISO 639-3 code of the body's language ("eng"), when it could be told.
    pub lang: Option<String>,
}

/// A dateline: where and when the story was filed, as in "Moscow, Apr 16 (AP)".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dateline {
    /// The dateline as written.
    pub text: String,
    /// The place ("Moscow").
    pub place: Option<String>,
    /// The date as written ("Apr 16").
    pub date_text: Option<String>,
    /// The date, when the dateline gives a year.
    pub date: Option<Date>,
    /// The agency in brackets ("AP"), if any.
    pub agency: Option<String>,
}

const MONTHS: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

fn month_number(name: &str) -> Option<i8> {
    let m = name.get(..3)?.to_ascii_lowercase();
    let i = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|x| *x == m)?;
    i8::try_from(i + 1).ok()
}

static DATE_MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?P<m>{MONTHS})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y>(?:19|20)\d\d))?\b"
    ))
    .expect("date pattern")
});
static DATE_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{MONTHS})\.?(?:,?\s+(?P<y>(?:19|20)\d\d))?\b"
    ))
    .expect("date pattern")
});
static DATE_ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b").expect("date pattern")
});

/// A date found in text: where it stands and, when it has a year, its value.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundDate {
    /// Byte range of the date in the text.
    pub span: std::ops::Range<usize>,
    /// The calendar date, when the text gives a year.
    pub date: Option<Date>,
}

/// Finds the first date in `text` ("May 16, 2024", "16 May 2024", "2024-05-16", "Apr 16").
pub fn find_date(text: &str) -> Option<FoundDate> {
    let mut best: Option<FoundDate> = None;
    for re in [&*DATE_ISO, &*DATE_MDY, &*DATE_DMY] {
        let Some(c) = re.captures(text) else { continue };
        let whole = c.get(0).expect("group 0");
        let m = c.name("m").map(|m| m.as_str()).unwrap_or_default();
        let month = m.parse::<i8>().ok().or_else(|| month_number(m));
        let day = c.name("d").and_then(|d| d.as_str().parse::<i8>().ok());
        let year = c.name("y").and_then(|y| y.as_str().parse::<i16>().ok());
        let date = match (year, month, day) {
            (Some(y), Some(m), Some(d)) => Date::new(y, m, d).ok(),
            _ => None,
        };
        if month.is_none() || day.is_none_or(|d| !(1..=31).contains(&d)) {
            continue;
        }
        let found = FoundDate {
            span: whole.range(),
            date,
        };
        if best
            .as_ref()
            .is_none_or(|b| found.span.start < b.span.start)
        {
            best = Some(found);
        }
    }
    best
}

static TIMESTAMP_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:updated|posted|published|last updated|modified|created|date|on|at|am|pm|a\.m|p\.m|ist|gmt|utc|bst|edt|est|pst|pdt|cst|cdt|mst|mdt|akst|hst|ast|cet|cest|eet|eest|wet|west|msk|amt|gst|pkt|wib|sgt|hkt|jst|kst|aest|aedt|awst|nzst|nzdt|sast|wat|eat|cat|brt|art|et|pt|hrs|hours|mon|tue|wed|thu|fri|sat|sun|monday|tuesday|wednesday|thursday|friday|saturday|sunday|by|the|of|first|and||[0-9:.,/|-]+)$",
    )
    .expect("timestamp words")
});

/// A line that is only a date or time stamp ("October 9, 2018 at 4:02 pm",
/// "Updated: May 16, 2024 10:15 IST"), with the date when it has a year.
pub fn timestamp_line(line: &Line) -> Option<Option<Date>> {
    if line.words > 14 {
        return None;
    }
    let found = find_date(&line.text).or_else(|| {
        // A bare clock time ("10:15 IST") is a stamp too.
        line.text.contains(':').then_some(FoundDate {
            span: 0..0,
            date: None,
        })
    })?;
    let rest = format!(
        "{} {}",
        &line.text[..found.span.start],
        &line.text[found.span.end..]
    );
    let all_stamp = rest
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .all(|w| TIMESTAMP_WORDS.is_match(w.trim_end_matches(':')));
    (all_stamp && (found.span.end > found.span.start || line.words <= 4)).then_some(found.date)
}

const NAME_TOKEN: &str = r"(?:[A-Z][\p{Ll}'’\-]+(?:-[A-Z][\p{Ll}'’]+)?|[A-Z]\.(?:\s?[A-Z]\.)*|(?:de|da|di|du|van|von|der|den|bin|binti|al|el|la|le|dos|del|ibn)|[A-Z]{2,}(?:-[A-Z]+)?)";

static PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?:By\s+|BY\s+|by\s+)?(?P<names>{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,4}}(?:\s*(?:,|and|&)\s*{NAME_TOKEN}(?:\s+{NAME_TOKEN}){{1,4}})*)$"))
        .expect("person pattern")
});
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:Posted|Written|Reported|Story|Words)\s+)?(?:By|BY|by)\s+(?P<rest>.+)$")
        .expect("byline pattern")
});

fn has_org_word(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| markers::ORG_WORDS.iter().any(|o| o.eq_ignore_ascii_case(w)))
}

/// Capitalised words that open titles and menu items, never a person's name.
const NOT_A_NAME_START: &[&str] = &[
    "The", "Our", "Your", "My", "His", "Her", "Their", "Its", "This", "These", "That", "All",
    "About", "More", "Read", "See", "View", "Top", "Latest", "Most", "New", "Next",
];

/// The author names of a line that is only a byline ("By Jane Roe and John Doe",
/// "Sandeep Dikshit"). Organisation names are not persons.
pub fn person_names(line: &Line) -> Option<Vec<String>> {
    let explicit = line.text.starts_with("By ") || line.text.starts_with("BY ");
    names_of(line, explicit)
}

/// [`person_names`], where `explicit` says a "By" introduced the line (then names in
/// capitals are names: "By JANE ROE").
fn names_of(line: &Line, explicit: bool) -> Option<Vec<String>> {
    if line.words < 2 || line.words > 12 || line.text.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let caps = PERSON.captures(&line.text)?;
    let names = caps.name("names")?.as_str();
    if has_org_word(names) || is_section(names) {
        return None;
    }
    let out: Vec<String> = names
        .split(&[',', '&'][..])
        .flat_map(|p| p.split(" and "))
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect();
    // Every name has at least two parts ("Li" alone is not a byline), and none opens
    // with a determiner: "Our Strategy & IR Presentation" is a menu, not two people.
    out.iter()
        .all(|n| {
            let mut parts = n.split_whitespace();
            let first = parts.next().unwrap_or_default();
            parts.next().is_some() && !NOT_A_NAME_START.contains(&first) && name_shape(n, explicit)
        })
        .then_some(out)
}

/// Words that are never part of a person's name: calendar words, numbers and the labels
/// of tables ("Nine Mths", "Record April Three", "Pay May One").
const NOT_NAME_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "twenty",
    "thirty",
    "hundred",
    "thousand",
    "million",
    "billion",
    "first",
    "second",
    "third",
    "fourth",
    "half",
    "year",
    "years",
    "month",
    "months",
    "mths",
    "mth",
    "week",
    "weeks",
    "wk",
    "day",
    "days",
    "qtr",
    "quarter",
    "net",
    "shr",
    "shrs",
    "sales",
    "revs",
    "record",
    "pay",
    "total",
    "current",
    "last",
    "prior",
    "previous",
    "difference",
    "avg",
    "average",
    "note",
    "area",
    "crop",
    "stocks",
    "price",
    "prices",
    "rate",
    "rates",
    "index",
    "market",
    "wheat",
    "corn",
];

/// Words that end the name of a place, not of a person ("Ewood Park", "Wembley Stadium").
const PLACE_END_WORDS: &[&str] = &[
    "park", "stadium", "arena", "ground", "road", "street", "lane", "avenue", "square", "hall",
    "centre", "center", "bridge", "station", "airport", "field", "oval", "dome",
];

/// Whether a name has a person's shape: capitalised parts in letter case (or capitals
/// after an explicit "By"), no calendar word, number or table label, not a venue.
fn name_shape(name: &str, explicit: bool) -> bool {
    let parts: Vec<&str> = name.split_whitespace().collect();
    let lower = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let all_caps = parts.iter().all(|w| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
    });
    (!all_caps || explicit)
        && !parts
            .iter()
            .any(|w| NOT_NAME_WORDS.contains(&lower(w).as_str()))
        && !parts
            .last()
            .is_some_and(|w| PLACE_END_WORDS.contains(&lower(w).as_str()))
}

static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[(\[]?\s*(?:Reporting|Reported|Writing|Written|Additional reporting)\s+(?:by|By)\s+(?P<names>[^;)\]]+)")
        .expect("credit pattern")
});

/// The reporters named by a story's credit line, as wires close their stories
/// ("(Reporting by Will Dunham; Editing by Tom Brown)"). The line is the story's, kept
/// with it; its reporters are the authors.
pub fn credit_line(line: &Line) -> Option<Vec<String>> {
    if line.words > 30 {
        return None;
    }
    let caps = CREDIT.captures(&line.text)?;
    let names = caps
        .name("names")?
        .as_str()
        .trim()
        .trim_end_matches(['.', ',']);
    let names = names.split(" in ").next()?.trim();
    names_of(&Line::new(line.no, names.to_owned()), true)
}

/// Authors from an explicit byline ("By Jane Roe, Staff Writer").
pub fn byline(line: &Line) -> Option<Vec<String>> {
    if line.words > 16 {
        return None;
    }
    let caps = BYLINE.captures(&line.text)?;
    let rest = caps.name("rest")?.as_str();
    // "By Jane Roe, John Doe on May 3, 2024": the names end where the date begins.
    let names = rest
        .split(['|', '—', '–'])
        .next()?
        .split(" on ")
        .next()?
        .split(" at ")
        .next()?
        .trim();
    let all = Line::new(line.no, names.to_owned());
    if let Some(names) = names_of(&all, true) {
        return Some(names);
    }
    let first = names.split(',').next()?.trim();
    let cut = Line::new(line.no, first.to_owned());
    names_of(&cut, true).or_else(|| organisation(&cut).map(|o| vec![o]))
}

/// A byline that carries its date ("By Jane Roe on Monday, November 18th, 2019 at
/// 11:04 a.m."): its authors and the date. Such a line is metadata wherever it stands,
/// even among the story's paragraphs, which its length and full stop make it resemble.
pub fn dated_byline(line: &Line) -> Option<(Vec<String>, Option<Date>)> {
    // Every line is asked: the cheap tests first.
    let text = line.text.as_str();
    if line.words > 16
        || !(text.contains(" by ") || text.get(..3).is_some_and(|b| b.eq_ignore_ascii_case("by ")))
    {
        return None;
    }
    let found = find_date(text)?;
    if let Some(names) = byline(line) {
        return Some((names, found.date));
    }
    // "November 3, 2019 by harbourwatch": a blog's date, then its author's name or handle.
    let rest = text[found.span.end..].trim_start_matches([',', ' ']);
    let who = rest
        .strip_prefix("by ")
        .or_else(|| rest.strip_prefix("By "))?
        .trim();
    if found.span.start != 0 || who.is_empty() {
        return None;
    }
    let names = person_names(&Line::new(line.no, who.to_owned())).or_else(|| {
        let handle = !who.contains(' ')
            && who.len() <= 30
            && who
                .chars()
                .all(|c| c.is_alphanumeric() || "._-".contains(c));
        handle.then(|| vec![who.to_owned()])
    })?;
    Some((names, found.date))
}

/// The name of an organisation standing alone on a line ("Tribune News Service").
pub fn organisation(line: &Line) -> Option<String> {
    if line.words == 0 || line.words > 7 || line.ends_sentence {
        return None;
    }
    let text = line.text.trim_end_matches([':', '|']).trim();
    // A headline in capitals or a row of figures that happens to hold "Inc" or "Group"
    // is no publisher's name; nor is a name cut mid-phrase ("... Inc President and").
    let words: Vec<&str> = text.split_whitespace().collect();
    let capital_words = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .filter(|w| !w.chars().any(char::is_lowercase))
        .count();
    let caps = capital_words > 3 || line.all_caps && words.len() > 3 || line.text.ends_with(',');
    let cut = words
        .last()
        .is_some_and(|w| ["and", "of", "the", "for", "&", "at", "in", "to"].contains(w));
    if caps || cut || text.starts_with('(') || text.contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let title_case = text.split_whitespace().all(|w| {
        w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || c == '(')
            || ["of", "the", "and", "&", "for", "de", "la", "du"].contains(&w)
    });
    (title_case && has_org_word(text) && !is_section(text)).then(|| text.to_owned())
}

/// Whether the text names a section of a news site ("World", "World News", "Politics").
pub fn is_section(text: &str) -> bool {
    let t = text
        .trim()
        .trim_end_matches([':', '|', '»', '›', '>'])
        .trim()
        .to_lowercase();
    if t.is_empty() || t.split_whitespace().count() > 3 {
        return false;
    }
    markers::SECTIONS.contains(&t.as_str())
        || t.strip_suffix(" news")
            .is_some_and(|head| markers::SECTIONS.contains(&head))
}

static SECTION_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<section>[^|]{2,40}?)\s+[|»›]\s+(?P<title>.{8,})$").expect("section pattern")
});

/// "World News | Putin Meets with ..." gives the section and the title.
pub fn section_and_title(line: &Line) -> Option<(String, String)> {
    let caps = SECTION_TITLE.captures(&line.text)?;
    let section = caps.name("section")?.as_str().trim();
    let title = caps.name("title")?.as_str().trim();
    (is_section(section) && looks_like_title(&Line::new(line.no, title.to_owned())))
        .then(|| (section.to_owned(), title.to_owned()))
}

static SITE_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+[-|–—:]\s+(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|news|co\.uk|co|com\.au|co\.in|in|de|fr|ru|ca|ie|uk)\s*$")
        .expect("site suffix pattern")
});

/// A headline without the site's domain a page title appends to it ("Harbour reopens
/// - CNN.com").
pub fn without_site_name(title: &str) -> &str {
    SITE_SUFFIX
        .find(title)
        .map_or(title, |m| &title[..m.start()])
}

/// Whether a line reads as a headline: a handful of words of sane length, mostly letters,
/// no full stop.
pub fn looks_like_title(line: &Line) -> bool {
    let t = line.text.trim_end_matches(['"', '”', '’', '\'']);
    // Scripts without capitals (Chinese, Japanese, Korean, Arabic, ...) cannot show a
    // headline by its capital; their headlines are short (four characters of Chinese
    // count as two words).
    let caseless = line
        .text
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase());
    let fewest = if caseless { 2 } else { 3 };
    (fewest..=30).contains(&line.words)
        // Thirty words of a headline fit in this; a "word" of thousands of letters is not
        // one.
        && line.text.len() <= 400
        && line.letter_share >= 0.6
        && !t.ends_with('.')
        && !t.ends_with(':')
        && !t.ends_with(',')
        && !t.contains("://")
        && (caseless
            || line.text.starts_with(|c: char| {
                c.is_uppercase()
                    || c.is_ascii_digit()
                    || c == '\''
                    || c == '"'
                    || c == '‘'
                    || c == '“'
            }))
}

/// Whether a story-only text's first line reads as its headline: a line of text, not a
/// paragraph. Any case and any length from one word ("Firm sold"), so long as it is not
/// a sentence the story goes on from: followed by a blank line it may end in a full stop
/// when short; run straight into the story it must not.
pub fn looks_like_headline(line: &Line, gap_after: bool) -> bool {
    let t = line.text.trim_end_matches(['"', '”', '’', '\'', ')']);
    let short_sentence = !t.ends_with('.') || line.words <= 15;
    (1..=30).contains(&line.words)
        && line.text.len() <= 400
        && line.letter_share >= 0.4
        && !line.text.contains("://")
        && !t.ends_with(',')
        && !t.ends_with(':')
        && if gap_after {
            short_sentence
        } else {
            !line.ends_sentence && line.words <= 20
        }
}

/// The name of a news agency as it signs or datelines a story ("Reuter", "(AP)",
/// "Reuters"), in its usual spelling; `None` for anything else.
pub fn agency_name(text: &str) -> Option<String> {
    let t = text
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let name = match t.as_str() {
        "reuter" | "reuters" => "Reuters",
        "ap" | "associated press" => "AP",
        "afp" => "AFP",
        "upi" => "UPI",
        "dpa" => "dpa",
        "pti" => "PTI",
        "ians" => "IANS",
        "ani" => "ANI",
        "xinhua" => "Xinhua",
        "bloomberg" => "Bloomberg",
        "efe" => "EFE",
        "ansa" => "ANSA",
        "kyodo" => "Kyodo",
        "tass" => "TASS",
        "yonhap" => "Yonhap",
        _ => return None,
    };
    Some(name.to_owned())
}

static DATELINE_PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<place>(?:[A-Z][\p{{L}}.'’\-]*)(?:[ \-](?:[A-Z][\p{{L}}.'’\-]*|de|la|of)){{0,3}}(?:,\s*[A-Z][\p{{L}}.'’\-]*(?:\s[A-Z][\p{{L}}.'’\-]*){{0,2}})?)\s*,\s*(?P<date>(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:{MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d\d)?|\d{{1,2}}\s+{MONTHS}\.?(?:,?\s+(?:19|20)\d\d)?))\s*(?:\((?P<agency>[\p{{L}} .&]{{2,40}})\))?"
    ))
    .expect("dateline pattern")
});
static DATELINE_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<place>[A-Z][A-Z .'’\-]{1,40}?(?:,\s*[A-Z][\p{L}.]+)?)\s*\((?P<agency>[\p{L} .&]{2,30})\)").expect("agency dateline")
});
static DATELINE_CAPS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<place>[A-Z][A-Z .'’\-]{2,40}?)\s+[-–—]\s+\S").expect("caps dateline")
});

/// The dateline that opens a line, if any, and where it ends in the line (in bytes). The
/// line may be the dateline alone ("New Delhi, May 16") or a paragraph that starts with one
/// ("Moscow, Apr 16 (AP) Russian President ...").
pub fn dateline(text: &str) -> Option<(Dateline, usize)> {
    dateline_any(text).filter(|(d, _)| d.place.as_deref().is_none_or(place_shape))
}

/// Wire copy's control words, which open a line as a place would ("NOTE - ...",
/// "CORRECTED - ...").
const WIRE_WORDS: &[&str] = &[
    "note",
    "notes",
    "corrected",
    "correction",
    "corrects",
    "update",
    "updated",
    "updates",
    "repeat",
    "rpt",
    "refile",
    "urgent",
    "advisory",
    "flash",
    "bulletin",
    "editors",
    "attention",
    "warning",
    "focus",
    "analysis",
    "feature",
    "interview",
    "column",
    "commentary",
    "exclusive",
    "factbox",
    "timeline",
    "snap",
    "recasts",
    "adds",
    "new",
];

/// Whether a dateline's place can be one: a few words, none a calendar word, a number,
/// a table label or a wire's control word.
fn place_shape(place: &str) -> bool {
    let words: Vec<String> = place
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    !words.is_empty()
        && words.len() <= 4
        && !place.contains(|c: char| c.is_ascii_digit())
        && !words.iter().any(|w| NOT_NAME_WORDS.contains(&w.as_str()))
        && !words.iter().all(|w| WIRE_WORDS.contains(&w.as_str()))
}

fn dateline_any(text: &str) -> Option<(Dateline, usize)> {
    if let Some(c) = DATELINE_PLACE_DATE.captures(text) {
        let end = c.get(0).expect("group 0").end();
        let rest = &text[end..];
        // Alone on the line, or followed by a separator or the agency, then the story.
        let ok = rest.trim().is_empty()
            || c.name("agency").is_some()
            || rest.trim_start().starts_with(['-', '–', '—', ':']);
        if ok {
            let date_text = c.name("date").map(|d| d.as_str().to_owned());
            let date = date_text
                .as_deref()
                .and_then(find_date)
                .and_then(|f| f.date);
            return Some((
                Dateline {
                    text: text[..end].trim().to_owned(),
                    place: c.name("place").map(|p| p.as_str().to_owned()),
                    date_text,
                    date,
                    agency: c.name("agency").map(|a| a.as_str().trim().to_owned()),
                },
                end,
            ));
        }
    }
    if let Some(c) = DATELINE_AGENCY.captures(text) {
        let end = c.get(0).expect("group 0").end();
        let rest = text[end..].trim_start();
        if rest.starts_with(['-', '–', '—', ':']) {
            return Some((
                Dateline {
                    text: text[..end].trim().to_owned(),
                    place: c.name("place").map(|p| p.as_str().trim().to_owned()),
                    date_text: None,
                    date: None,
                    agency: c.name("agency").map(|a| a.as_str().trim().to_owned()),
                },
                end,
            ));
        }
    }
    if let Some(c) = DATELINE_CAPS.captures(text) {
        let place = c.name("place")?.as_str().trim();
        // "LONDON — The ..." but not "I — ": a real place name has at least two letters.
        if place.chars().filter(|c| c.is_alphabetic()).count() >= 3 {
            let end = c.name("place")?.end();
            return Some((
                Dateline {
                    text: place.to_owned(),
                    place: Some(place.to_owned()),
                    date_text: None,
                    date: None,
                    agency: None,
                },
                end,
            ));
        }
    }
    None
}

/// Whether a share of English stop words (see `stopwords::counts`) is enough to call a
/// text English: plain English is told by its function words at a fraction of the cost
/// of trigram detection, which compares the text with every profile of its script.
pub fn is_english_share(share: f32) -> bool {
    share >= 0.2
}

/// Guesses the language of a text whose share of English stop words was too low to call
/// it English, when the guess is reliable. In an English corpus (`english_corpus`) a
/// guess of another language must be reliable: a headline's few words are no proof.
pub fn language_not_english(text: &str, english_corpus: bool) -> Option<whatlang::Lang> {
    // Latin-script text with almost no function words of any language newsq knows is a
    // table or a list of names: there is no running prose to tell a language from, and
    // trigram detection (the dearest step of cleaning) would only guess.
    if whatlang::detect_script(text) == Some(whatlang::Script::Latin) {
        // Agglutinative languages put in endings what others say in function words
        // (Turkish "limanında", in the port): their prose holds half as many.
        let prose = LATIN_STOP_LANGS.iter().any(|&l| {
            let least = match l {
                whatlang::Lang::Tur | whatlang::Lang::Fin | whatlang::Lang::Hun => 0.05,
                _ => 0.1,
            };
            super::stopwords::list(l)
                .is_some_and(|list| super::stopwords::density(text, list) >= least)
        });
        if !prose {
            return None;
        }
    }
    let info = whatlang::detect(text)?;
    let lang = info.lang();
    // Trigrams of figures and abbreviations ("vs", "dlrs", "mln") read as French or
    // Italian; a text that holds more English function words than the guessed
    // language's is English with little prose, whatever its trigrams say.
    if lang != whatlang::Lang::Eng
        && let Some(own) = super::stopwords::list(lang)
        && whatlang::detect_script(text) == Some(whatlang::Script::Latin)
        && super::stopwords::density(text, super::stopwords::english())
            >= super::stopwords::density(text, own)
    {
        return None;
    }
    (info.is_reliable() || !english_corpus && info.confidence() > 0.5).then_some(lang)
}

/// Whether a text shows a language other than English by itself: a script other than
/// Latin, or the function words of another language newsq knows.
pub fn shows_other_language(text: &str) -> bool {
    match whatlang::detect_script(text) {
        Some(whatlang::Script::Latin) => LATIN_STOP_LANGS
            .iter()
            .filter(|&&l| l != whatlang::Lang::Eng)
            .filter_map(|&l| super::stopwords::list(l))
            .any(|list| super::stopwords::density(text, list) >= 0.15),
        Some(_) => true,
        None => false,
    }
}

/// Languages in Latin script with a stop list.
const LATIN_STOP_LANGS: &[whatlang::Lang] = &[
    whatlang::Lang::Eng,
    whatlang::Lang::Fra,
    whatlang::Lang::Deu,
    whatlang::Lang::Spa,
    whatlang::Lang::Por,
    whatlang::Lang::Ita,
    whatlang::Lang::Nld,
    whatlang::Lang::Tur,
    whatlang::Lang::Ind,
    whatlang::Lang::Swe,
    whatlang::Lang::Dan,
    whatlang::Lang::Nob,
    whatlang::Lang::Fin,
    whatlang::Lang::Pol,
    whatlang::Lang::Ces,
    whatlang::Lang::Ron,
    whatlang::Lang::Hun,
    whatlang::Lang::Cat,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn line(t: &str) -> Line {
        Line::new(1, t.to_owned())
    }

    #[test]
    fn dates_in_common_shapes() {
        let d = find_date("Published May 16, 2024 at 10:00").unwrap();
        assert_eq!(d.date, Some(jiff::civil::date(2024, 5, 16)));
        assert_eq!(
            find_date("16 March 2019").unwrap().date,
            Some(jiff::civil::date(2019, 3, 16))
        );
        assert_eq!(
            find_date("on 2023-11-02").unwrap().date,
            Some(jiff::civil::date(2023, 11, 2))
        );
        assert_eq!(find_date("Apr 16").unwrap().date, None);
        assert!(find_date("May I say something").is_none());
    }

    #[test]
    fn credit_lines_name_the_reporters() {
        let names = |t: &str| credit_line(&line(t));
        assert_eq!(
            names("(Reporting by Will Dunham; Editing by Tom Brown)"),
            Some(vec!["Will Dunham".to_owned()])
        );
        assert_eq!(
            names("(Reporting by Jane Roe and John Doe in London; Editing by X Y)"),
            Some(vec!["Jane Roe".to_owned(), "John Doe".to_owned()])
        );
        assert_eq!(names("Reporting by the agency was late."), None);
    }

    #[test]
    fn datelines_alone_and_glued() {
        let (d, _) = dateline("New Delhi, May 16").unwrap();
        assert_eq!(d.place.as_deref(), Some("New Delhi"));
        assert_eq!(d.date_text.as_deref(), Some("May 16"));
        let (d, end) =
            dateline("Moscow, Apr 16 (AP) Russian President Vladimir Putin met").unwrap();
        assert_eq!(d.text, "Moscow, Apr 16 (AP)");
        assert_eq!(d.agency.as_deref(), Some("AP"));
        assert_eq!(&"Moscow, Apr 16 (AP) Russian"[end..], " Russian");
        let (d, _) = dateline("NEW YORK (Reuters) - Stocks rose on Monday").unwrap();
        assert_eq!(d.place.as_deref(), Some("NEW YORK"));
        let (d, _) = dateline("WASHINGTON, March 2, 1987 - The Senate voted").unwrap();
        assert_eq!(d.date, Some(jiff::civil::date(1987, 3, 2)));
        assert!(dateline("Putin, the president, said on Monday that").is_none());
    }

    #[test]
    fn persons_organisations_sections() {
        assert_eq!(
            person_names(&line("Sandeep Dikshit")),
            Some(vec!["Sandeep Dikshit".into()])
        );
        assert_eq!(
            person_names(&line("By Jane Roe and John Q. Public")),
            Some(vec!["Jane Roe".into(), "John Q. Public".into()])
        );
        assert_eq!(person_names(&line("Tribune News Service")), None);
        assert_eq!(person_names(&line("Our Strategy & IR Presentation")), None);
        assert_eq!(person_names(&line("Latest Stories")), None);
        assert_eq!(
            organisation(&line("Tribune News Service")).as_deref(),
            Some("Tribune News Service")
        );
        assert!(is_section("World"));
        assert!(is_section("World News"));
        assert!(!is_section("Parijat Tripathi"));
        assert_eq!(
            section_and_title(&line(
                "World News | Putin Meets with China's Defence Minister"
            )),
            Some((
                "World News".into(),
                "Putin Meets with China's Defence Minister".into()
            ))
        );
    }

    #[test]
    fn bylines_with_their_dates() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            byline(&line("By Jane Roe, Staff Writer")),
            Some(names(&["Jane Roe"]))
        );
        assert_eq!(
            byline(&line("By Jane Roe , John Doe on May 3, 2024")),
            Some(names(&["Jane Roe", "John Doe"]))
        );
        assert_eq!(
            dated_byline(&line(
                "By Jane Roe on Monday, November 18th, 2019 at 11:04 a.m."
            )),
            Some((names(&["Jane Roe"]), Some(jiff::civil::date(2019, 11, 18))))
        );
        assert_eq!(
            dated_byline(&line("By Jane Roe | November 18, 2019 | Topic: Hardware")),
            Some((names(&["Jane Roe"]), Some(jiff::civil::date(2019, 11, 18))))
        );
        assert_eq!(
            byline(&line("Posted by Jane Roe at 10:15 AM")),
            Some(names(&["Jane Roe"]))
        );
        assert_eq!(
            dated_byline(&line("Written by Jane Roe, MS, RD on November 14, 2019")),
            Some((names(&["Jane Roe"]), Some(jiff::civil::date(2019, 11, 14))))
        );
        assert_eq!(
            dated_byline(&line("November 3, 2019 by harbourwatch")),
            Some((
                names(&["harbourwatch"]),
                Some(jiff::civil::date(2019, 11, 3))
            ))
        );
        assert_eq!(
            dated_byline(&line("November 3, 2019 by Jane Roe")),
            Some((names(&["Jane Roe"]), Some(jiff::civil::date(2019, 11, 3))))
        );
        assert_eq!(
            dated_byline(&line("Prices fell on November 3, 2019 by a tenth.")),
            None
        );
        // No date, or a sentence that opens with "By": no dated byline.
        assert_eq!(dated_byline(&line("By Jane Roe, Staff Writer")), None);
        assert_eq!(
            dated_byline(&line(
                "By May 3, 2024 the ministry had spent its whole budget on roads."
            )),
            None
        );
    }

    #[test]
    fn page_titles_lose_their_site_name() {
        assert_eq!(
            without_site_name("Harbour reopens after storm - CNN.com"),
            "Harbour reopens after storm"
        );
        assert_eq!(
            without_site_name("Harbour reopens | www.example.co.uk"),
            "Harbour reopens"
        );
        assert_eq!(
            without_site_name("Harbour reopens - and ferries run"),
            "Harbour reopens - and ferries run"
        );
    }

    #[test]
    fn timestamps_in_any_time_zone() {
        for t in [
            "November 20, 2019 - 11:28 AMT",
            "20 November 2019 09:15 MSK",
            "Nov. 20, 2019 at 4:02 pm AEDT",
        ] {
            assert!(timestamp_line(&line(t)).is_some(), "{t}");
        }
    }

    #[test]
    fn timestamps_alone_on_a_line() {
        assert_eq!(
            timestamp_line(&line("October 9, 2018 at 4:02 pm")),
            Some(Some(jiff::civil::date(2018, 10, 9)))
        );
        assert!(timestamp_line(&line("Updated: May 16, 2024 10:15 IST")).is_some());
        assert!(timestamp_line(&line("On May 16, 2024 the court ruled against him")).is_none());
    }
}
