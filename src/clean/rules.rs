//! Line rules: each recognises one *kind* of boilerplate from the line alone.
//!
//! Every rule has a stable id ([`Rule::id`]) that `newsq clean --explain` prints next to the
//! lines it removed. The marker words live in `markers.rs`; this file says where a marker
//! must stand for the line to count (alone, at the start and followed by a separator, next to
//! a channel name, ...). Whether a matched line is removed can still depend on context: the
//! region finder (`region.rs`) decides for the weak kinds such as teasers and bios.

use std::collections::HashSet;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use regex::Regex;
use serde::Serialize;

use super::lines::Line;
use super::markers;

/// Why a line was removed, kept, or turned into metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// A link to another article: "READ MORE : headline", "Also Read | headline".
    ReadMore,
    /// An invitation to join, follow or subscribe ("Join Whatsapp Channel ...").
    CallToAction,
    /// A row of share or social buttons ("Share", "Tweet", "Email").
    ShareWidget,
    /// A line of hashtags; its tags become metadata.
    Hashtags,
    /// A "Tags: a, b, c" line; its tags become metadata.
    TagList,
    /// A relative time such as "16 mins ago".
    RelativeTime,
    /// A date or time standing alone on its line (a timestamp, not a sentence).
    Timestamp,
    /// An author blurb: "About the author ...", "Author Profile" and what follows it.
    AuthorBlurb,
    /// A self-description of the author or publisher after the story.
    AuthorBio,
    /// A publisher's disclaimer ("(The above story is verified ... )").
    Disclaimer,
    /// A copyright or rights notice.
    Copyright,
    /// A block of links after a heading such as "Recent Posts" or "Related Articles".
    ListBlock,
    /// An advertisement marker ("Advertisement", "Story continues below").
    Advertisement,
    /// A photo caption or credit line.
    Caption,
    /// A truncated teaser of another article, ending in "…", or a headline glued to its
    /// summary ("...Check Out Our GuidesIf you are ...").
    Teaser,
    /// An agency sign-off standing alone after the story ("Reuter", "(AP)").
    Signoff,
    /// A reader comment's header ("jdoe says:", "Reply", "3 responses to ...").
    Comment,
    /// A paragraph that repeats another one (the lead printed twice).
    Duplicate,
    /// Outside the dense run of sentence-like paragraphs that forms the story.
    OutsideStory,
    /// A run of short lines inside the story region that reads as a menu or link list.
    Menu,
    /// A line that recurs in many other articles of the corpus (a site template).
    Template,
    /// The article's title.
    Title,
    /// A metadata line: section, author, source or dateline.
    Metadata,
    /// A story paragraph.
    Body,
    /// A short line inside the story: a subheading, a quote, a list item.
    Subheading,
    /// An item of a list that continues the story after its last paragraph.
    ListItem,
}

impl Rule {
    /// Kinds that mark the edge of a story: widgets, link lists, comments, legal lines.
    /// The story region does not reach across them for a short paragraph.
    pub fn is_boundary(self) -> bool {
        matches!(
            self,
            Rule::ReadMore
                | Rule::CallToAction
                | Rule::ShareWidget
                | Rule::Hashtags
                | Rule::TagList
                | Rule::AuthorBlurb
                | Rule::Disclaimer
                | Rule::Copyright
                | Rule::ListBlock
                | Rule::Comment
                | Rule::Template
        )
    }

    /// Every rule, in the order they are declared.
    pub const ALL: [Rule; 26] = [
        Rule::ReadMore,
        Rule::CallToAction,
        Rule::ShareWidget,
        Rule::Hashtags,
        Rule::TagList,
        Rule::RelativeTime,
        Rule::Timestamp,
        Rule::AuthorBlurb,
        Rule::AuthorBio,
        Rule::Disclaimer,
        Rule::Copyright,
        Rule::ListBlock,
        Rule::Advertisement,
        Rule::Caption,
        Rule::Teaser,
        Rule::Signoff,
        Rule::Comment,
        Rule::Duplicate,
        Rule::OutsideStory,
        Rule::Menu,
        Rule::Template,
        Rule::Title,
        Rule::Metadata,
        Rule::Body,
        Rule::Subheading,
        Rule::ListItem,
    ];

    /// The rule with this [`Rule::id`] (as an export writes it), if there is one.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }

    /// The stable id printed by `--explain` and stored with removed lines.
    pub fn id(self) -> &'static str {
        match self {
            Rule::ReadMore => "read-more",
            Rule::CallToAction => "call-to-action",
            Rule::ShareWidget => "share-widget",
            Rule::Hashtags => "hashtags",
            Rule::TagList => "tag-list",
            Rule::RelativeTime => "relative-time",
            Rule::Timestamp => "timestamp",
            Rule::AuthorBlurb => "author-blurb",
            Rule::AuthorBio => "author-bio",
            Rule::Disclaimer => "disclaimer",
            Rule::Copyright => "copyright",
            Rule::ListBlock => "list-block",
            Rule::Advertisement => "advertisement",
            Rule::Caption => "caption",
            Rule::Teaser => "teaser",
            Rule::Comment => "comment",
            Rule::Signoff => "signoff",
            Rule::Duplicate => "duplicate",
            Rule::OutsideStory => "outside-story",
            Rule::Menu => "menu",
            Rule::Template => "template",
            Rule::Title => "title",
            Rule::Metadata => "metadata",
            Rule::Body => "body",
            Rule::Subheading => "subheading",
            Rule::ListItem => "list-item",
        }
    }
}

/// What a line rule found.
#[derive(Debug, Clone, PartialEq)]
pub enum Marker {
    /// The line is boilerplate of this kind, whatever its context.
    Boilerplate(Rule),
    /// The line is boilerplate and carries tags for the metadata.
    Tags(Rule, Vec<String>),
    /// A heading that opens a block of links ("Recent Posts"); the block goes with it.
    ListHeading,
    /// A heading that opens an author blurb ("Author Profile").
    AuthorHeading,
    /// Weak evidence: a truncated teaser ("... shares her…").
    Teaser,
    /// Weak evidence: reads as a self-description of an author or publisher.
    Bio,
}

fn alternation(words: &[&str]) -> String {
    let mut sorted: Vec<&str> = words.to_vec();
    // Longest first, so "read more" wins over "read".
    sorted.sort_by_key(|w| std::cmp::Reverse(w.len()));
    sorted
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("built-in pattern {pattern:?}: {e}"))
}

/// Separators between a marker and the headline it introduces.
const SEP: &str = r"\s*(?:[:|»>›•\-–—]+|\.\.\.|…)\s*";

/// A marker, then a separator or the other site's domain, then the headline: "READ MORE
/// : ...", "Also on rt.com Journalists ...".
static READ_MORE_SEP: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)^[^\w]*(?:{})(?:{SEP}|\s+(?-i:(?:[a-z0-9-]+\.)+[a-z]{{2,}})(?:{SEP}|\s+))\S",
        alternation(markers::READ_MORE)
    ))
});
static READ_MORE_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)^[^\w]*(?:{})\s*[:|»>›…]*\s*$",
        alternation(markers::READ_MORE)
    ))
});
/// Upper-case markers need no separator: "READ MORE Harbin ..." is unambiguous.
static READ_MORE_CAPS: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"^[^\w]*(?:READ MORE|ALSO READ|READ ALSO|MUST READ|SEE ALSO|RELATED|RECOMMENDED)\b")
});
static CTA_VERB: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)(?:^|[^\w])(?:{})(?:$|[^\w])",
        alternation(markers::CTA_VERBS)
    ))
});
static CTA_OBJECT: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)(?:^|[^\w])(?:{})(?:$|[^\w])",
        alternation(markers::CTA_OBJECTS)
    ))
});
static CLICK_HERE: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)\b(?:click|clicking|tap|tapping)\s+(?:here|this link|the link)\b")
});
static CTA_US: LazyLock<Regex> = LazyLock::new(|| compile(r"(?i)\b(?:us|our|we)\b"));
static TAG_LIST: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)^(?:tags|tagged|tagged with|topics|keywords|filed under|related topics|related tags|schlagwörter|mots-clés|etiquetas|tag)\s*[:|]\s*(.+)$",
    )
});
static RELATIVE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?ix)^(?:(?:updated|posted|published|last\ updated|modified|edited)\s*:?\s*)?
          (?:\d+|an?|one|few|a\ few)\s*(?:{})\.?\s+ago\.?$
        | ^(?:vor\ \d+\s+(?:sekunden|minuten|stunden|tagen|wochen|monaten|jahren))$
        | ^(?:il\ y\ a\ \d+\s+(?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans?))$
        | ^(?:hace\ \d+\s+(?:segundos?|minutos?|horas?|días?|semanas?|meses|mes|años?))$
        | ^(?:há\ \d+\s+(?:segundos?|minutos?|horas?|dias?|semanas?|meses|mês|anos?))$
        | ^(?:\d+\s+(?:секунд\w*|минут\w*|час\w*|дн\w*|день|недел\w*|месяц\w*|год\w*|лет)\s+назад)$
        | ^(?:\d+\s*(?:초|분|시간|일|주|개월|년)\s*전)$
        | ^(?:just\ now|moments\ ago|a\ moment\ ago)$",
        markers::TIME_UNITS.join("|")
    ))
});
static AUTHOR_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)^[^\w]*(?:{})\b\s*[:\-–—|]?\s*(.*)$",
        alternation(markers::AUTHOR_HEADINGS)
    ))
});
static BIO_START: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*(?:\s*\([^)]{0,80}\))?,?\s+(?:is|was|has been|works as|writes|covers|reports|employs|has subsidiaries|is headquartered)\b",
    )
});
static BIO_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)\b(?:{})s?\b",
        alternation(markers::BIO_NOUNS)
    ))
});
static DISCLAIMER_WORD: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)(?:{})",
        alternation(markers::DISCLAIMER_WORDS)
    ))
});
static DISCLAIMER_START: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?ix)^[^\w]*(?:disclaimer\s*[:\-–—]
        | (?:the\ )?(?:views|opinions)\ (?:and\ opinions\ )?expressed
        | if\ you\ (?:buy|purchase|click|shop)\ (?:something|anything|through|on|via)
        | (?:we|[\w.]+)\ may\ (?:earn|get|receive)\ (?:a\ )?(?:share|commission|affiliate)
        | this\ (?:story|article|report|content|post)\ (?:has\ not\ been\ edited|is\ auto-generated|was\ auto-generated|was\ automatically|is\ published\ from|first\ appeared|originally\ appeared|was\ originally\ published|is\ sponsored|contains\ affiliate|may\ contain\ affiliate|was\ produced\ by|is\ part\ of\ a\ sponsored))",
    )
});
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?:©|\bcopyright\b|\ball rights reserved\b|\(c\)\s*(?:19|20)\d\d|\bderechos reservados\b|\btous droits réservés\b|\balle rechte vorbehalten\b)",
    )
});
static ADVERTISEMENT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?ix)^[^\w]*(?:advertisement|advertisment|advert|ads?|sponsored|promoted|paid\ content|paid\ post
        | story\ continues\ below(?:\ this)?(?:\ advertisement|\ ad)?
        | continue\ reading\ (?:below|the\ main\ story)
        | scroll\ (?:down\ )?to\ (?:continue|read\ more)(?:\ with\ content)?
        | article\ continues\ (?:below|after\ (?:this\ )?(?:advertisement|ad))
        | anzeige|werbung|publicité|publicidad|publicidade|pubblicità|реклама|광고)[\s.:…-]*$",
    )
});
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?ix)(?:^[^\w]*(?:photo|image|picture|pic|video|graphic|illustration|file\ photo|representational\ image|representative\ image)s?\s*(?:credit|courtesy|source)?s?\s*[:|/]
        | \((?:photo|image|pic|picture)s?\s*(?:credit|courtesy)?\s*[:/]
        | \b(?:photo|image|picture)\ (?:credit|courtesy)\b
        | \b(?:getty\ images|shutterstock|afp\ photo|ap\ photo|reuters\ photo|epa-efe|istock(?:photo)?)\b
        | ^[^\s]+\.(?:jpe?g|png|gif|webp|avif)$
        | ^(?:foto|fotos|фото|사진|写真|imagem|bild|immagine)\s*[:|/]
        | ^(?:foto|fotos|фото|사진|写真|imagem|bild|immagine)(?:\s+\S+){0,3}$)",
    )
});
/// A photo credit alone on its line: "Joshua Roberts/Reuters", "AP/Jane Roe". In
/// capitals, or with a word a side, the same shape is as often a table's heading
/// ("SOYBEAN CAKE/MEAL", "Meat/Meal"): then a side must name a picture agency.
static CAPTION_SLASH: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\p{Lu}[\w.'’-]*(?:\s\p{Lu}[\w.'’-]*){0,3}\s?/\s?\p{Lu}[\w.&'’-]*(?:\s[\p{Lu}&][\w.'’-]*){0,3}$",
    )
});
static PICTURE_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\b(?:reuters|ap|afp|getty|epa|efe|ansa|xinhua|pti|ani|dpa|anp|tass|bloomberg|photo|pool)\b",
    )
});
/// A photo credit in brackets closing a line: "(AP Photo/Gene J. Puskar)", "(Joshua
/// Roberts/Reuters)", "(Image: name / Getty Images)", often followed by a gallery's
/// "less" or "... more" toggle. A caption can be as long as a paragraph, but story
/// paragraphs do not end in a credit. A slash alone is no credit ("$4.99/mo"): the
/// slash form needs capitalised names on both sides. A picture agency's or chart
/// source's name may also follow the caption's last sentence unbracketed ("... the
/// drug. Getty"), or stand on its own line ("Sex Offender Registry via AP"). And news
/// agencies open their captions with the picture's date: "In this Nov. 3, 2019, file
/// photo, ...", "This undated photo provided by ...".
static CREDIT_END: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?x)\(\s*(?:
            (?i:[^()]{0,40}\b(?:photos?|photograph|photographer|image|getty\ images|shutterstock|istock(?:photo)?)\b[^()]{0,40})
          | \p{Lu}[\w.'’&-]*(?:\s+[\w.'’&-]+){0,3}\s?/\s?\p{Lu}[^()/,]*(?:/[^()/,]*){0,3}
        )\)\s*(?i:less|(?:\.\.\.|…)?\s*more)?\s*$
        | [.!?][\x22”]?\s+(?:Getty(?:\ Images)?|Shutterstock|iStock(?:photo)?|Statista)\s*$
        | ^\p{Lu}[^.!?]{0,60}\ via\ (?:AP|Reuters|AFP|Getty\ Images)\s*$
        | (?i:^(?:in\ )?this\ (?:undated\ |handout\ |file\ |[^!?]{0,30}?\d{4},?\ (?:file\ |handout\ )?)(?:photos?|images?|pictures?)\b)",
    )
});

/// A photo gallery's controls, each on its own line: counters ("Image 1 of 12", "3 / 12",
/// "1of4") and labels ("Caption", "Close", "Back to Gallery", "Full screen").
static GALLERY: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?ix)^[\s(\[]*(?:
            (?:(?:image|photo|picture|slide|foto)s?\s*)?\d{1,3}\s*(?:of|/)\s*(?:/\s*)?\d{0,3}
          | (?:hide\ |show\ )?captions? | close | (?:back\ to|view|open|exit)\ (?:the\ )?gallery
          | full\ ?screen | expand(?:\ (?:image|photo))?
          | (?:click\ (?:here\ )?to\ )?enlarge(?:\ this)?(?:\ (?:image|photo|picture))?
        )[\s)\]]*$",
    )
});

static SIGNOFF: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)^[\s(\-–—]*(?:reuters?|ap|afp|upi|dpa|pti|ians|ani|xinhua|bloomberg|efe|ansa|kyodo|tass|yonhap)[\s)\-–—.]*$",
    )
});

static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?ix)^(?:\S.{0,60}\s(?:says|wrote|commented|replied)\s*:
        | (?-i:[\p{Ll}\d_.@-]*[\d_@][\p{Ll}\d_.@-]*|[Aa]nonymous|[Gg]uest)\s(?:says|wrote|commented|replied)
        | reply | report | report\ abuse | flag | reply\s*[·|].* | like\s*[·|]\s*reply.*
        | \d+\s+(?:comments?|responses?|replies|thoughts)(?:\s+(?:to|on)\s+.*)?
        | comments\ are\ closed\.? | leave\ a\ reply | log\ in\ to\ reply
        | you\ must\ (?:be\ )?log(?:ged)?\ in\ to\ (?:post\ a\ )?comment\.?
        | your\ email\ address\ will\ not\ be\ published.* | sort\ by.* | newest\ first | oldest\ first
        | lascia\ un\ commento | laisser\ un\ commentaire | deja\ un\ comentario | deixe\ um\ comentário)$",
    )
});

/// A headline glued to the teaser after it: a title-case run ending in a lower-case word
/// that runs straight into a capitalised one ("Our Stadium GuidesIf you ...").
static GLUED_HEADLINE: LazyLock<Regex> = LazyLock::new(|| compile(r"\p{Ll}{4}(\p{Lu}\p{Ll}+)"));

fn is_glued_headline(text: &str) -> bool {
    // In ASCII text the pattern needs a lower-case letter right before a capital.
    if text.is_ascii()
        && !text
            .as_bytes()
            .windows(2)
            .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
    {
        return false;
    }
    let Some(m) = GLUED_HEADLINE.captures(text).and_then(|c| c.get(1)) else {
        return false;
    };
    // The head is a headline: title case, no sentence punctuation.
    let head_text = &text[..m.start()];
    let head: Vec<&str> = head_text.split_whitespace().collect();
    let caps = head
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    head.len() >= 4
        && caps * 10 >= head.len() * 6
        && !head_text.contains('.')
        && (!head_text.contains(',') || caps * 10 >= head.len() * 9)
}

/// A file name glued to the first word of a paragraph: `china_russia_img_0Russian`.
static GLUED_FILE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^(?:(?P<glued>[a-z0-9]+(?:[_-][a-z0-9]+)*_[a-z0-9_-]*)(?:[A-Z][a-z])|(?P<spaced>[\w-]+\.(?:jpe?g|png|gif|webp|avif))\s+\S)",
    )
});

/// Line regexes that a line can only match when it holds one of a few literal words.
/// One scan of the lower-cased line for all of them rules most regexes out at once: a
/// story paragraph holds none of "read more", "©" or "ago", and running a dozen regexes
/// over every paragraph of every article was most of cleaning's time.
#[derive(Debug, Clone, Copy)]
enum Gate {
    ReadMore,
    CtaVerb,
    ClickHere,
    TagList,
    RelativeTime,
    AuthorHeading,
    DisclaimerStart,
    Copyright,
    Advertisement,
    Caption,
    Comment,
}

/// The words each gated regex needs (lower-case): every match of the regex holds one of
/// them. `gates_are_necessary` in the tests checks that over many lines.
fn gate_needles() -> Vec<(Gate, Vec<&'static str>)> {
    vec![
        // READ_MORE_SEP, READ_MORE_ALONE and READ_MORE_CAPS (whose words are in the list).
        (Gate::ReadMore, markers::READ_MORE.to_vec()),
        (Gate::CtaVerb, markers::CTA_VERBS.to_vec()),
        (Gate::ClickHere, vec!["click", "tap"]),
        (
            Gate::TagList,
            vec![
                "tag",
                "topics",
                "keywords",
                "filed under",
                "schlagwörter",
                "mots-clés",
                "etiquetas",
            ],
        ),
        (
            Gate::RelativeTime,
            vec![
                "ago",
                "vor",
                "il y a",
                "hace",
                "há",
                "назад",
                "전",
                "just now",
            ],
        ),
        (Gate::AuthorHeading, markers::AUTHOR_HEADINGS.to_vec()),
        (
            Gate::DisclaimerStart,
            vec!["disclaimer", "expressed", "if you", "may", "this"],
        ),
        (
            Gate::Copyright,
            vec![
                "©",
                "copyright",
                "all rights reserved",
                "(c)",
                "derechos reservados",
                "tous droits réservés",
                "alle rechte vorbehalten",
            ],
        ),
        (
            Gate::Advertisement,
            vec![
                "ad",
                "sponsored",
                "promoted",
                "paid",
                "story continues",
                "continue reading",
                "scroll",
                "article continues",
                "anzeige",
                "werbung",
                "publicit",
                "publicidad",
                "pubblicit",
                "реклама",
                "광고",
            ],
        ),
        (
            Gate::Caption,
            vec![
                "photo",
                "image",
                "pic",
                "video",
                "graphic",
                "illustration",
                "getty",
                "shutterstock",
                "statista",
                "via ap",
                "via reuters",
                "via afp",
                "epa-efe",
                "istock",
                ".jpg",
                ".jpeg",
                ".png",
                ".gif",
                ".webp",
                ".avif",
                "foto",
                "фото",
                "사진",
                "写真",
                "bild",
                "immagine",
                "/",
            ],
        ),
        (
            Gate::Comment,
            vec![
                "says",
                "said",
                "wrote",
                "commented",
                "replied",
                "reply",
                "report",
                "flag",
                "comment",
                "response",
                "replies",
                "thoughts",
                "log",
                "your email",
                "sort by",
                "newest first",
                "oldest first",
                "lascia",
                "laisser",
                "deja",
                "deixe",
            ],
        ),
    ]
}

static GATES: LazyLock<(AhoCorasick, Vec<Gate>)> = LazyLock::new(|| {
    let mut needles = Vec::new();
    let mut owners = Vec::new();
    for (gate, words) in gate_needles() {
        for w in words {
            needles.push(w.to_lowercase());
            owners.push(gate);
        }
    }
    // A full DFA: a few hundred short needles make a small one, and it scans fastest.
    let ac = AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(&needles)
        .expect("gate needles build an automaton");
    (ac, owners)
});

/// Which gated regexes a line may match.
#[derive(Debug, Clone, Copy)]
struct Open(u32);

impl Open {
    fn of(text: &str) -> Open {
        let lower = if text.is_ascii() {
            text.to_ascii_lowercase()
        } else {
            text.to_lowercase()
        };
        let (ac, owners) = &*GATES;
        let mut bits = 0u32;
        for m in ac.find_overlapping_iter(&lower) {
            bits |= 1 << owners[m.pattern().as_usize()] as u32;
        }
        Open(bits)
    }

    fn has(self, gate: Gate) -> bool {
        self.0 & (1 << gate as u32) != 0
    }
}

/// A rights notice: "©", "All rights reserved" (or its translations) anywhere, or the
/// word "copyright" opening the line or next to a year. The word inside a sentence or a
/// headline ("Honda wins China copyright ruling") is news, not a notice.
fn is_copyright(text: &str) -> bool {
    let Some(m) = COPYRIGHT.find(text) else {
        return false;
    };
    if !m.as_str().eq_ignore_ascii_case("copyright") {
        return true;
    }
    let before = text[..m.start()].trim_matches(|c: char| !c.is_alphanumeric());
    let after = text[m.end()..].trim_start_matches(|c: char| !c.is_alphanumeric());
    let year = |t: &str| t.len() >= 4 && t[..4].bytes().all(|b| b.is_ascii_digit());
    before.is_empty() || year(after) || before.ends_with(|c: char| c.is_ascii_digit())
}

/// A bare "MORE": wire copy's "more to follow" at the end of a take.
pub fn is_wire_more(text: &str) -> bool {
    text.trim_matches(|c: char| !c.is_alphanumeric())
        .eq_ignore_ascii_case("more")
}

/// Checks a line against every line rule. The first kind that matches wins.
pub fn classify(line: &Line) -> Option<Marker> {
    let text = line.text.as_str();
    if let Some(tags) = hashtags(text) {
        return Some(Marker::Tags(Rule::Hashtags, tags));
    }
    let open = Open::of(text);
    if open.has(Gate::TagList)
        && line.words <= 40
        && let Some(caps) = TAG_LIST.captures(text)
    {
        let tags = split_tags(&caps[1]);
        if !tags.is_empty() {
            return Some(Marker::Tags(Rule::TagList, tags));
        }
    }
    if open.has(Gate::AuthorHeading)
        && let Some(caps) = AUTHOR_HEADING.captures(text)
    {
        let rest = caps.get(1).map_or("", |m| m.as_str());
        return Some(if rest.trim().is_empty() {
            Marker::AuthorHeading
        } else {
            Marker::Boilerplate(Rule::AuthorBlurb)
        });
    }
    // Story paragraphs are long; only a few kinds of boilerplate are (blurbs, bios,
    // disclaimers, teasers). Skipping the short-line rules is most of cleaning's speed.
    if line.words > 40 {
        return long_line(line, open);
    }
    if is_list_heading(text) {
        return Some(Marker::ListHeading);
    }
    if open.has(Gate::ReadMore)
        && (READ_MORE_SEP.is_match(text)
            || READ_MORE_ALONE.is_match(text)
            || READ_MORE_CAPS.is_match(text))
    {
        return Some(Marker::Boilerplate(Rule::ReadMore));
    }
    if is_call_to_action(line, open) {
        return Some(Marker::Boilerplate(Rule::CallToAction));
    }
    if is_share_widget(text) {
        return Some(Marker::Boilerplate(Rule::ShareWidget));
    }
    if open.has(Gate::RelativeTime) && RELATIVE_TIME.is_match(text) {
        return Some(Marker::Boilerplate(Rule::RelativeTime));
    }
    if open.has(Gate::Advertisement) && ADVERTISEMENT.is_match(text) {
        return Some(Marker::Boilerplate(Rule::Advertisement));
    }
    if is_disclaimer(line, open) {
        return Some(Marker::Boilerplate(Rule::Disclaimer));
    }
    if open.has(Gate::Copyright) && is_copyright(text) {
        return Some(Marker::Boilerplate(Rule::Copyright));
    }
    if line.words <= 30
        && open.has(Gate::Caption)
        && (CAPTION.is_match(text)
            || CAPTION_SLASH.is_match(text)
                && (PICTURE_AGENCY.is_match(text) || !line.all_caps && line.words >= 3))
    {
        return Some(Marker::Boilerplate(Rule::Caption));
    }
    if text.len() <= 40 && GALLERY.is_match(text) {
        return Some(Marker::Boilerplate(Rule::Caption));
    }
    if line.words <= 12 && is_pagination(text) {
        return Some(Marker::Boilerplate(Rule::Menu));
    }
    if line.words <= 2 && SIGNOFF.is_match(text) {
        return Some(Marker::Boilerplate(Rule::Signoff));
    }
    if line.words <= 10 && open.has(Gate::Comment) && COMMENT.is_match(text) {
        return Some(Marker::Boilerplate(Rule::Comment));
    }
    long_line(line, open)
}

/// Whether a line ends or starts as [`CREDIT_END`] needs: most lines that open the
/// caption gate (a slash, the word "image") are ruled out without running it.
fn may_be_credited(text: &str) -> bool {
    let t = text.trim_end();
    let last = t.rsplit(char::is_whitespace).next().unwrap_or(t);
    let starts = |p: &str| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    t.ends_with(')')
        || [
            "less",
            "more",
            "Getty",
            "Images",
            "Shutterstock",
            "iStock",
            "iStockphoto",
            "Statista",
            "AP",
            "Reuters",
            "AFP",
        ]
        .iter()
        .any(|w| last.eq_ignore_ascii_case(w))
        || starts("in this ")
        || starts("this ")
}

/// The rules that apply to lines of any length (after the short-line rules).
fn long_line(line: &Line, open: Open) -> Option<Marker> {
    let text = line.text.as_str();
    if line.words <= 80
        && open.has(Gate::Caption)
        && may_be_credited(text)
        && CREDIT_END.is_match(text)
    {
        return Some(Marker::Boilerplate(Rule::Caption));
    }
    if is_disclaimer(line, open) {
        return Some(Marker::Boilerplate(Rule::Disclaimer));
    }
    let caps_headline = line.all_caps && line.words >= 5 && !line.ends_sentence;
    // A long paragraph may trail off in an ellipsis; a teaser is short.
    let teaser = is_teaser(text) && line.words <= 45;
    if teaser || is_glued_headline(text) || caps_headline {
        return Some(Marker::Teaser);
    }
    // The subject must be a name, not a sentence opener ("The Commission is ...").
    let first = text.split_whitespace().next().unwrap_or("");
    let opener = [
        "The", "This", "That", "It", "He", "She", "They", "There", "A", "An", "His", "Her", "Its",
        "Our", "We",
    ]
    .contains(&first);
    // BIO_START opens with an ASCII capital.
    let capital = text.as_bytes().first().is_some_and(u8::is_ascii_uppercase);
    if line.words >= 6 && !opener && capital && BIO_START.is_match(text) {
        let head: String = text
            .split_whitespace()
            .take(16)
            .collect::<Vec<_>>()
            .join(" ");
        if BIO_NOUN.is_match(&head) {
            return Some(Marker::Bio);
        }
    }
    None
}

/// A line of hashtags ("#Antony Blinken #China #Russia") gives its tags.
fn hashtags(text: &str) -> Option<Vec<String>> {
    let rest = text.strip_prefix('#')?;
    if !rest.starts_with(char::is_alphanumeric) {
        return None;
    }
    let mut tags = Vec::new();
    for part in text.split('#') {
        let tag = part.trim().trim_end_matches([',', ';', '|', '·']).trim();
        if tag.is_empty() {
            continue;
        }
        if tag.split_whitespace().count() > 5 {
            return None;
        }
        tags.push(tag.to_owned());
    }
    (!tags.is_empty()).then_some(tags)
}

fn split_tags(list: &str) -> Vec<String> {
    list.split([',', ';', '|', '#', '•', '·'])
        .map(|t| t.trim().trim_end_matches('.').trim())
        .filter(|t| !t.is_empty() && t.split_whitespace().count() <= 6)
        .map(str::to_owned)
        .collect()
}

fn is_list_heading(text: &str) -> bool {
    // Trimming keeps every word that holds a letter or digit: more than six is no heading.
    if text
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .nth(6)
        .is_some()
    {
        return false;
    }
    let t = text
        .trim_end_matches([':', '»', '›', '>', '|', ' ', '-', '—'])
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if t.is_empty() || t.split_whitespace().count() > 6 {
        return false;
    }
    // "More Washington Examiner", "More from Business": more of the site's stories.
    let more_site = text.split_whitespace().count() <= 5
        && t.starts_with("more ")
        && text
            .split_whitespace()
            .skip(1)
            .all(|w| w.starts_with(char::is_uppercase));
    more_site
        || markers::LIST_HEADINGS.contains(&t.as_str())
        || [
            "more from ",
            "more in ",
            "next up in ",
            "next article",
            "more on ",
            "also on ",
            "more stories from ",
            "latest from ",
        ]
        .iter()
        .any(|p| {
            // "More in Science & Health": the ampersand is no word.
            let words = t
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric));
            t.starts_with(p) && words.count() <= 5
        })
}

fn is_call_to_action(line: &Line, open: Open) -> bool {
    if line.words > 25 || !open.has(Gate::CtaVerb) {
        return false;
    }
    let text = line.text.as_str();
    let Some(verb) = CTA_VERB.find(text) else {
        return false;
    };
    // "... by clicking here" needs no object: the link is the object.
    if line.words <= 15 && open.has(Gate::ClickHere) && CLICK_HERE.is_match(text) {
        return true;
    }
    if !CTA_OBJECT.is_match(text) {
        return false;
    }
    // Imperative (the verb opens the line, or the sentence after a question such as
    // "Like this story? Share it ...") or addressed from the publisher ("follow us").
    let before = &text[..verb.start()];
    let sentence = before
        .rfind(['?', '!'])
        .map_or(before, |i| &before[i + 1..]);
    let words_before = super::lines::word_tokens(sentence).count();
    words_before <= 2 || CTA_US.is_match(text)
}

/// A page navigation line: "« Previous 1 2 3 Next »", "Page 1 of 3", "Next page",
/// "Older posts". Only its words and page numbers, and one of the words that say it
/// pages.
fn is_pagination(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "page", "pages", "of", "previous", "prev", "next", "first", "last", "older", "newer",
        "posts", "entries", "article", "story", "go", "to",
    ];
    const PAGING: &[&str] = &["page", "previous", "prev", "next", "older", "newer"];
    let mut paging = false;
    for token in text
        .split(|c: char| c.is_whitespace() || "«»‹›<>|·•[]()/:…-–—".contains(c))
        .filter(|t| !t.is_empty() && *t != "...")
    {
        let is = |w: &&str| w.eq_ignore_ascii_case(token);
        // Page numbers are small: "Previous - 1614.2" is a table row.
        let page_number = token.len() <= 3 && token.bytes().all(|b| b.is_ascii_digit());
        if PAGING.iter().any(is) {
            paging = true;
        } else if !(page_number || WORDS.iter().any(is)) {
            return false;
        }
    }
    paging
}

/// The share widget's phrases, and the words they start with.
static SHARE_PHRASES: LazyLock<(HashSet<&str>, HashSet<&str>)> = LazyLock::new(|| {
    let phrases: HashSet<&str> = markers::SHARE_WORDS.iter().copied().collect();
    let firsts = phrases.iter().filter_map(|p| p.split(' ').next()).collect();
    (phrases, firsts)
});

fn is_share_widget(text: &str) -> bool {
    // Separators only add tokens below: a line of more than 12 words is no widget.
    if text.split_whitespace().nth(12).is_some() {
        return false;
    }
    let lower = text.to_lowercase();
    let cleaned: String = lower
        .chars()
        .map(|c| {
            if matches!(c, '|' | '·' | '•' | '/' | ',' | ':' | '(' | ')' | '[' | ']') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let tokens: Vec<&str> = cleaned.split_whitespace().collect();
    if tokens.is_empty() || tokens.len() > 12 {
        return false;
    }
    let mut i = 0;
    let mut words = 0;
    'outer: while i < tokens.len() {
        if tokens[i]
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == 'k')
        {
            i += 1; // share counts such as "12" or "1.2k"
            continue;
        }
        // Most lines fail on their first word: no phrase starts with it.
        if !SHARE_PHRASES.1.contains(tokens[i]) {
            return false;
        }
        for len in (1..=4).rev() {
            if i + len <= tokens.len() {
                let phrase = tokens[i..i + len].join(" ");
                if SHARE_PHRASES.0.contains(phrase.as_str()) {
                    i += len;
                    words += 1;
                    continue 'outer;
                }
            }
        }
        return false;
    }
    words > 0
}

/// Whether a line is an advertisement marker ("Advertisement", "Story continues below").
pub fn is_advertisement(text: &str) -> bool {
    Open::of(text).has(Gate::Advertisement) && ADVERTISEMENT.is_match(text)
}

fn is_disclaimer(line: &Line, open: Open) -> bool {
    let text = line.text.as_str();
    if open.has(Gate::DisclaimerStart) && DISCLAIMER_START.is_match(text) {
        return true;
    }
    // A whole paragraph in parentheses that talks about the story itself.
    let parenthesised = text.starts_with('(') && text.trim_end_matches('.').ends_with(')');
    parenthesised && line.words >= 6 && DISCLAIMER_WORD.find_iter(text).count() >= 2
}

fn is_teaser(text: &str) -> bool {
    let t = text.trim_end();
    // A gallery's shortened caption ends in its toggle: "... The Islanders ... more".
    let t = match t.len().checked_sub(4).and_then(|i| t.split_at_checked(i)) {
        Some((rest, toggle)) if toggle.eq_ignore_ascii_case("more") => rest.trim_end(),
        _ => t,
    };
    (t.ends_with('…') || t.ends_with("...")) && !t.ends_with("....")
}

/// Removes a file name glued to the start of a paragraph, returning the junk and the rest.
pub fn strip_glued_file_name(text: &str) -> Option<(String, String)> {
    let caps = GLUED_FILE_NAME.captures(text)?;
    let junk = caps.name("glued").or_else(|| caps.name("spaced"))?;
    // A real word never holds two underscores or an image extension; require one of them.
    let j = junk.as_str();
    if !(j.matches('_').count() >= 2 || j.contains('.') || j.contains("img") || j.contains("image"))
    {
        return None;
    }
    let rest = text[junk.end()..].trim_start().to_owned();
    Some((j.to_owned(), rest))
}

/// Removes the hover cards a page printed inside a paragraph: a linked name glued to a
/// second copy of itself, then that person's latest headlines, closed by "MORE" ("Rep.
/// Ilhan OmarIlhan OmarHillicon Valley: ... her MORE (D-Minn.), the ..."). Returns the
/// cards and the paragraph without them.
pub fn strip_hover_cards(text: &str) -> Option<(String, String)> {
    /// A card's headlines are a few hundred bytes; a name is a few words.
    const MAX_CARD: usize = 1200;
    const MAX_NAME: usize = 40;
    // Most paragraphs have no "MORE" at all: one search rules them out.
    if !text.contains(" MORE") {
        return None;
    }
    let bytes = text.as_bytes();
    let mut out = String::new();
    let mut cards = String::new();
    let mut copied = 0;
    let mut g = 1;
    while g < bytes.len() {
        // A glue point: a lower-case letter, then a capital, no space between.
        if !(bytes[g].is_ascii_uppercase() && bytes[g - 1].is_ascii_lowercase()) {
            g += 1;
            continue;
        }
        let name_len = (5..=MAX_NAME.min(g)).rev().find(|&k| {
            let start = g - k;
            bytes.get(g..g + k) == Some(&bytes[start..g])
                && bytes[start].is_ascii_uppercase()
                && (start == 0 || !bytes[start - 1].is_ascii_alphanumeric())
                && bytes[start..g].contains(&b' ')
        });
        let Some(k) = name_len else {
            g += 1;
            continue;
        };
        let after = g + k;
        let mut limit = text.len().min(after + MAX_CARD);
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &text[after..limit];
        let Some(more) = window.find(" MORE").filter(|&m| {
            // "MORE" is a word of its own.
            !window[m + 5..].starts_with(|c: char| c.is_alphanumeric())
        }) else {
            g += 1;
            continue;
        };
        let end = after + more + " MORE".len();
        out.push_str(&text[copied..g]);
        if !cards.is_empty() {
            cards.push_str(" | ");
        }
        cards.push_str(text[g..end].trim());
        copied = end;
        g = end + 1;
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&text[copied..]);
    Some((cards, out))
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_rule_is_found_by_its_id() {
        // A new variant must join ALL: this match has no catch-all arm.
        let index = |r: Rule| match r {
            Rule::ReadMore
            | Rule::CallToAction
            | Rule::ShareWidget
            | Rule::Hashtags
            | Rule::TagList
            | Rule::RelativeTime
            | Rule::Timestamp
            | Rule::AuthorBlurb
            | Rule::AuthorBio
            | Rule::Disclaimer
            | Rule::Copyright
            | Rule::ListBlock
            | Rule::Advertisement
            | Rule::Caption
            | Rule::Teaser
            | Rule::Signoff
            | Rule::Comment
            | Rule::Duplicate
            | Rule::OutsideStory
            | Rule::Menu
            | Rule::Template
            | Rule::Title
            | Rule::Metadata
            | Rule::Body
            | Rule::Subheading
            | Rule::ListItem => Rule::ALL.iter().position(|x| *x == r),
        };
        for r in Rule::ALL {
            assert!(index(r).is_some());
            assert_eq!(Rule::from_id(r.id()), Some(r));
        }
        assert_eq!(Rule::from_id("no-such-rule"), None);
    }

    use super::*;

    /// Every line a gated regex matches opens its gate: over the dev set's lines (when
    /// `../shared` is there), the fuzz corpus, and each marker inside a sentence.
    #[test]
    fn gates_are_necessary() {
        let mut lines: Vec<String> = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let fuzz =
            std::fs::read_to_string(root.join("tests/fuzz-corpus/lines.txt")).expect("fuzz corpus");
        lines.extend(fuzz.lines().map(str::to_owned));
        for dir in ["pages", "windows"] {
            let dir = root.join("../shared/data/extract-dev").join(dir);
            for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                lines.extend(text.lines().map(str::to_owned));
            }
        }
        for (_, words) in gate_needles() {
            for w in words {
                lines.push(w.to_uppercase());
                lines.push(format!("{w}: a headline about the port strike"));
                lines.push(format!("Photo / {w} 3 mins ago"));
            }
        }
        let gated: [(&str, &Regex, Gate); 14] = [
            ("READ_MORE_SEP", &READ_MORE_SEP, Gate::ReadMore),
            ("READ_MORE_ALONE", &READ_MORE_ALONE, Gate::ReadMore),
            ("READ_MORE_CAPS", &READ_MORE_CAPS, Gate::ReadMore),
            ("CTA_VERB", &CTA_VERB, Gate::CtaVerb),
            ("CLICK_HERE", &CLICK_HERE, Gate::ClickHere),
            ("TAG_LIST", &TAG_LIST, Gate::TagList),
            ("RELATIVE_TIME", &RELATIVE_TIME, Gate::RelativeTime),
            ("AUTHOR_HEADING", &AUTHOR_HEADING, Gate::AuthorHeading),
            ("DISCLAIMER_START", &DISCLAIMER_START, Gate::DisclaimerStart),
            ("COPYRIGHT", &COPYRIGHT, Gate::Copyright),
            ("ADVERTISEMENT", &ADVERTISEMENT, Gate::Advertisement),
            ("CAPTION", &CAPTION, Gate::Caption),
            ("CREDIT_END", &CREDIT_END, Gate::Caption),
            ("COMMENT", &COMMENT, Gate::Comment),
        ];
        let mut matched = 0;
        for line in &lines {
            let text = line.split_whitespace().collect::<Vec<_>>().join(" ");
            let open = Open::of(&text);
            if BIO_START.is_match(&text) {
                assert!(
                    text.as_bytes()[0].is_ascii_uppercase(),
                    "BIO_START: {text:?}"
                );
            }
            for (name, re, gate) in &gated {
                if re.is_match(&text) {
                    matched += 1;
                    assert!(
                        open.has(*gate),
                        "{name} matches {text:?} but its gate is shut"
                    );
                }
            }
            if GLUED_HEADLINE.is_match(&text) && text.is_ascii() {
                let turn = text
                    .as_bytes()
                    .windows(2)
                    .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
                assert!(turn, "GLUED_HEADLINE: {text:?}");
            }
        }
        assert!(matched > 50, "the check saw too few matches ({matched})");
    }

    fn marker(text: &str) -> Option<Marker> {
        classify(&Line::new(1, text.to_owned()))
    }

    fn rule(text: &str) -> Option<Rule> {
        match marker(text)? {
            Marker::Boilerplate(r) | Marker::Tags(r, _) => Some(r),
            _ => None,
        }
    }

    /// Every line is marked by `want`.
    fn assert_rule(lines: &[&str], want: Option<Rule>) {
        for t in lines {
            assert_eq!(rule(t), want, "{t}");
        }
    }

    /// No line is marked by `not`.
    fn assert_not_rule(lines: &[&str], not: Rule) {
        for t in lines {
            assert_ne!(rule(t), Some(not), "{t}");
        }
    }

    #[test]
    fn read_more_links_in_several_shapes() {
        assert_eq!(
            rule("READ MORE : Some Other Headline About Elections"),
            Some(Rule::ReadMore)
        );
        assert_eq!(
            rule("Also Read | Markets Rally As Rates Fall."),
            Some(Rule::ReadMore)
        );
        assert_eq!(
            rule("ALSO READ: Flood Warnings Issued"),
            Some(Rule::ReadMore)
        );
        assert_eq!(
            rule("Lire aussi : Le gouvernement annonce"),
            Some(Rule::ReadMore)
        );
        assert_eq!(
            rule("Also on example.com Ministers Threatened With Arrest As Purge Widens"),
            Some(Rule::ReadMore)
        );
        assert_eq!(
            rule("Breaking U.S. stocks fell sharply on Monday as rates rose again."),
            None
        );
        assert_eq!(rule("Related"), None); // a heading, handled as a list block
        assert_eq!(rule("Read more"), Some(Rule::ReadMore));
        // A sentence that merely starts with "Read" is a sentence.
        assert_eq!(
            rule("Read the statement carefully and you will see why it matters."),
            None
        );
    }

    #[test]
    fn calls_to_action_need_a_verb_and_a_channel() {
        assert_eq!(
            rule("Join Whatsapp Channel of The Daily Planet for latest updates."),
            Some(Rule::CallToAction)
        );
        assert_eq!(
            rule("For breaking news, follow us on Twitter"),
            Some(Rule::CallToAction)
        );
        assert_eq!(
            rule("Click here to subscribe to our newsletter"),
            Some(Rule::CallToAction)
        );
        assert_eq!(
            rule("Like this story? Share it with a friend!"),
            Some(Rule::CallToAction)
        );
        assert_eq!(
            rule(
                "The regulator said it would follow the case and publish updates as the inquiry proceeds."
            ),
            None
        );
        // After a question the verb must open the next sentence.
        assert_eq!(
            rule("Why? The firm says it will share it with the app's partners."),
            None
        );
    }

    #[test]
    fn hashtags_become_tags() {
        assert_eq!(
            marker("#Climate Change #Energy #Europe"),
            Some(Marker::Tags(
                Rule::Hashtags,
                vec!["Climate Change".into(), "Energy".into(), "Europe".into()]
            ))
        );
        assert_eq!(
            marker("#1 seed wins the final, and the crowd goes home happy after a long day."),
            None
        );
    }

    #[test]
    fn relative_times_in_several_languages() {
        assert_rule(
            &[
                "16 mins ago",
                "2 hours ago",
                "Updated 3 days ago",
                "vor 5 Minuten",
                "il y a 2 heures",
                "3 часа назад",
                "5분 전",
            ],
            Some(Rule::RelativeTime),
        );
        assert_eq!(rule("Two hours ago the market was calm."), None);
    }

    #[test]
    fn blurbs_and_headings() {
        assert_eq!(marker("Author Profile"), Some(Marker::AuthorHeading));
        assert_eq!(
            rule("About The Author Jane Roe Jane Roe writes on trade."),
            Some(Rule::AuthorBlurb)
        );
        assert_eq!(marker("Recent Posts"), Some(Marker::ListHeading));
        assert_eq!(marker("More from Business:"), Some(Marker::ListHeading));
        assert_eq!(
            marker("Next Up In Science & Health"),
            Some(Marker::ListHeading)
        );
        assert_eq!(
            marker(
                "Jane Roe is a senior correspondent who has covered energy markets for a decade and more."
            ),
            Some(Marker::Bio)
        );
    }

    #[test]
    fn disclaimers_in_parentheses() {
        assert_eq!(
            rule(
                "(This story has not been edited by our staff and is auto-generated from a syndicated feed.)"
            ),
            Some(Rule::Disclaimer)
        );
        assert_eq!(
            rule("(The company did not respond to requests for comment on Friday.)"),
            None
        );
    }

    #[test]
    fn share_rows_and_teasers() {
        assert_eq!(rule("Share | Tweet | Email"), Some(Rule::ShareWidget));
        assert_eq!(
            rule("Facebook Twitter WhatsApp 12 Shares"),
            Some(Rule::ShareWidget)
        );
        assert_eq!(
            marker("The minister shares her view on the…"),
            Some(Marker::Teaser)
        );
        assert_eq!(rule("Email"), Some(Rule::ShareWidget));
        assert_rule(
            &[
                "Print this article",
                "E-mail this article to a friend",
                "Printer-friendly version",
                "Digg this",
                "Reprints",
            ],
            Some(Rule::ShareWidget),
        );
        assert_eq!(rule("Print this, she said."), None);
        assert_eq!(
            marker(
                "Check Out Our Weekend Stadium GuidesIf you and your family are headed to a game"
            ),
            Some(Marker::Teaser)
        );
        assert_eq!(
            marker("Rep. David McKinley visited the border near McAllen on Tuesday."),
            None
        );
    }

    #[test]
    fn captions_end_in_a_credit_whatever_their_length() {
        let long = "Rescuers carry a man from the rubble of a house in the town centre on \
                    Tuesday, a day after the earthquake struck the region at dawn, killing \
                    dozens of people and leaving hundreds more homeless, officials said.";
        assert_eq!(rule(long), None);
        for credit in [
            "(AP Photo/Jane Roe, File)",
            "(Joshua Roberts/Reuters)",
            "(Jane Roe/The Union via AP)",
            "(Image: jroe / Getty Images)",
            "(NASA/JPL-Caltech/ASU)",
            "(AP Photo/Jane Roe) less",
        ] {
            let caption = format!("{long} {credit}");
            assert_eq!(rule(&caption), Some(Rule::Caption), "{caption}");
        }
        for source in ["Getty Images", "Getty", "Shutterstock", "Statista"] {
            let caption = format!("{long} {source}");
            assert_eq!(rule(&caption), Some(Rule::Caption), "{caption}");
        }
        assert_eq!(rule(&format!("{long} Getty said")), None);
        assert_rule(
            &[
                "In this Nov. 3, 2019, file photo, rescuers carry a man from the rubble.",
                "This undated photo provided by the family shows the missing climber.",
                "This March 28, 2017, handout image shows the harbour before the storm.",
                "New York State Sex Offender Registry via AP",
            ],
            Some(Rule::Caption),
        );
        assert_rule(
            &[
                "This photo shows why the mayor was angry, residents said on Monday.",
                "In this city, photos of the flood spread quickly on social media.",
            ],
            None,
        );
        // An editor's note in brackets is no credit.
        assert_eq!(
            rule(
                "(This version of an Oct. 14 story removes a photograph of the former chief \
                 executive. The photo was issued in error.)"
            ),
            None
        );
        // A slash between lower-case words, or a plain aside, is no credit.
        for aside in ["(at $4.99/mo)", "(D-Minn.)", "(and/or later)"] {
            let line = format!("{long} {aside}");
            assert_eq!(rule(&line), None, "{line}");
        }
        // A gallery's truncated caption ends in its toggle.
        assert_eq!(
            marker("Rescuers carry a man from the rubble of a house ... more"),
            Some(Marker::Teaser)
        );
        assert_eq!(marker("Prices rose, and then some more."), None);
    }

    #[test]
    fn page_navigation() {
        assert_rule(
            &[
                "« Previous 1 2 3 Next »",
                "Page 1 of 3",
                "Next page »",
                "< Prev | Next >",
                "Older posts",
                "Go to page: 1 2 3",
            ],
            Some(Rule::Menu),
        );
        assert_not_rule(
            &[
                "Next steps for the port",
                "Page three",
                "The last 3 of 10 days",
                "Previous - 1614.2",
                "Next 2025",
            ],
            Rule::Menu,
        );
    }

    #[test]
    fn gallery_controls() {
        assert_rule(
            &[
                "Image 1 of 12",
                "Image 1 of / 12",
                "3 / 12",
                "Caption",
                "Close",
                "Back to Gallery",
                "Full screen",
                "Click to enlarge",
                "Enlarge this image",
            ],
            Some(Rule::Caption),
        );
        assert_not_rule(
            &["Closing bell", "1 of 12 people", "Gallery owners protest"],
            Rule::Caption,
        );
    }

    #[test]
    fn comment_headers() {
        assert_rule(
            &[
                "jdoe42 says:",
                "Bob. Just Bob. says:",
                "Reply",
                "34 responses to \"Budget vote\"",
                "Comments are closed.",
            ],
            Some(Rule::Comment),
        );
        assert_eq!(rule("The minister says the budget is sound."), None);
    }

    #[test]
    fn hover_cards_are_cut_from_paragraphs() {
        let text = "A man threatened Rep. Jane RoeJane RoeSenate passes bill | Critics \
                    respond Roe asks court to act MORE (D-Minn.), officials said, and Sen. \
                    John DoeJohn DoeHouse votes today MORE (R-Ohio) agreed.";
        let (cards, rest) = super::strip_hover_cards(text).expect("two cards");
        assert_eq!(
            rest,
            "A man threatened Rep. Jane Roe (D-Minn.), officials said, and Sen. John Doe \
             (R-Ohio) agreed."
        );
        assert!(cards.starts_with("Jane RoeSenate passes bill"), "{cards}");
        assert!(cards.ends_with("John DoeHouse votes today MORE"), "{cards}");
        // The card's window may end inside a character.
        let wide = format!("Jane RoeJane Roex{} MORE", "é".repeat(700));
        assert_eq!(super::strip_hover_cards(&wide), None);
        let wide = format!("Jane RoeJane Roe{} MORE (D-Minn.)", "é".repeat(500));
        assert_eq!(
            super::strip_hover_cards(&wide)
                .map(|(_, rest)| rest)
                .as_deref(),
            Some("Jane Roe (D-Minn.)")
        );
        // Glued words alone, or without the closing "MORE", are no card.
        for plain in [
            "The McDonald's and YouTube deal, said John Doe.",
            "Jane RoeJane Roe said more things later.",
            "He saw Jane RoeJane Roe and MOREover nothing.",
        ] {
            assert_eq!(super::strip_hover_cards(plain), None, "{plain}");
        }
    }

    #[test]
    fn glued_file_names_are_stripped() {
        assert_eq!(
            strip_glued_file_name("flood_relief_camp_img_3Officials said on Monday"),
            Some((
                "flood_relief_camp_img_3".into(),
                "Officials said on Monday".into()
            ))
        );
        assert_eq!(
            strip_glued_file_name("DSC_0042.jpg Officials said"),
            Some(("DSC_0042.jpg".into(), "Officials said".into()))
        );
        assert_eq!(strip_glued_file_name("Officials said on Monday"), None);
        assert_eq!(strip_glued_file_name("snake_case is a style"), None);
    }
}
