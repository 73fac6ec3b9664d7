//! Readers' comment threads, told by their scaffolding rather than their words.
//!
//! A thread is a run of posts, each opened by a header of one shape: a name with a date
//! or time ("jdoe June 28, 2015 at 10:25 pm", "Anna · 3 years ago", "Hans 12.03.2019 um
//! 10:25"), a name line over a stamp line, or the thread's own furniture ("NAME says:",
//! "Reply"). The posts between the headers are prose, and they can outweigh a short
//! story: a blog post of a few lines and a list loses the region choice to forty
//! comments. Each line of a thread is removed before the story region is chosen, so no
//! post can be taken for the story, and the story can be short.
//!
//! What keeps story text out of a thread:
//! - the headers must repeat (at least [`MIN_HEADERS`]) with the same shape, and text
//!   must stand between them (a results table or a schedule has a stamp on every line);
//! - a header holds a name, not a headline: a few words before the stamp and nothing
//!   sentence-like (a live blog's entries put the time first and a headline after it);
//! - on a page where no prose comes before the first header (a forum, a question page),
//!   the first post is the article, and the thread begins at the second header.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::lines::Line;
use super::metadata;
use super::rules::{Marker, Rule};

/// Fewer headers than this are not a thread (a story may quote two dated e-mails).
pub const MIN_HEADERS: usize = 3;
/// Lines from one header to the next at most: a post is a few paragraphs, and a long
/// one does not end the thread.
const MAX_POST: usize = 30;
/// Words of a typical post at most: a page of articles each under its date line (an
/// endless-scroll page) has the shape of a thread, with posts of article length.
const MAX_TYPICAL_POST_WORDS: usize = 150;

/// A date or time a comment system prints: month names in the languages the cleaner
/// has stop words for, numeric dates, clock times and relative times.
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    const MONTHS: &str = "jan(?:uary|uar|vier)?|feb(?:ruary|ruar|rero)?|f[ée]vrier|mar(?:ch|s|zo)?|m[äa]rz|apr(?:il)?|avril|abril|may|mai|mayo|maggio|jun[ei]?|juin|junio|giugno|jul[iy]?|juillet|julio|luglio|aug(?:ust)?|ao[ûu]t|agosto|sep(?:t(?:ember|embre|iembre)?)?|settembre|oct(?:ober|obre|ubre)?|okt(?:ober)?|ottobre|nov(?:ember|embre|iembre)?|dec(?:ember)?|d[ée]cembre|dez(?:ember)?|diciembre|dicembre|ene(?:ro)?";
    Regex::new(&format!(
        r"(?ix)
        \b(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d\b
        | \b\d{{1,2}}(?:st|nd|rd|th|\.)?\s+(?:de\s+)?(?:{MONTHS})\.?,?\s+(?:de\s+)?(?:19|20)\d\d\b
        | \b\d{{1,2}}[./]\d{{1,2}}[./](?:19|20)?\d\d\b
        | \b(?:19|20)\d\d[-/.]\d{{1,2}}[-/.]\d{{1,2}}\b
        | \b\d{{1,2}}[:.]\d\d\s?(?:[ap]\.?m\b\.?|uhr\b|h\b)
        | \b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b
        | \bvor\s+\d+\s+(?:sekunden|minuten|stunden|tagen|wochen|monaten|jahren)\b
        | \bil\s+y\s+a\s+\d+\s+(?:minutes?|heures?|jours?|semaines?|mois|ans?)\b
        | \bhace\s+\d+\s+(?:minutos?|horas?|d[ií]as?|semanas?|mes(?:es)?|años?)\b
        "
    ))
    .expect("stamp pattern")
});

/// Words that stand around a stamp in a header ("on", "at", "um", "says:") and say
/// nothing about who wrote the post.
static FILLER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:on|at|am|um|le|à|el|a\s+las|il|alle|op|om|posted|written|by|von|par|por|says|said|wrote|sagt|schreibt|écrit|dice|scrive|escribió|replied|commented|reply|antworten|répondre|responder|rispondi|permalink|edit|link|[|·•—–\-,:@#()]+|\d[\d:.,/]*|[ap]\.?m\.?|uhr|h)$",
    )
    .expect("filler pattern")
});

/// The shape of a comment header, for telling one thread's headers from other dated
/// lines: headers of a thread all share one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A name and a stamp on one line.
    NameStamp,
    /// A name on its own line, the stamp on the next.
    NameOverStamp,
    /// The thread's furniture: "NAME says:", "Reply", "Report abuse".
    Scaffold,
}

/// One header: where it is and what shape it has.
#[derive(Debug, Clone, Copy)]
struct Header {
    line: usize,
    /// Lines the header itself takes (two for a name over a stamp).
    len: usize,
    shape: Shape,
}

/// A comment thread found on a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Thread {
    /// The lines of the thread, headers and posts.
    pub lines: Range<usize>,
    /// How many headers it has.
    pub headers: usize,
    /// The first post was kept out as the article (a forum's opening post).
    pub first_post_kept: bool,
}

/// The part of a short line that is not its stamp nor filler words: the name, when the
/// line is a header. `None` when the line has no stamp or is more than a header.
fn name_beside_stamp(text: &str) -> Option<usize> {
    let m = STAMP.find(text)?;
    let before: Vec<&str> = text[..m.start()]
        .split_whitespace()
        .filter(|w| !FILLER.is_match(w))
        .collect();
    let after = text[m.end()..]
        .split_whitespace()
        .filter(|w| !FILLER.is_match(w))
        .count();
    // A live blog's "10:25 am Minister arrives" has its words after the stamp, and a
    // sentence ("I met him on June 28, 2015") has words no name has.
    let name = before.len();
    let name_shaped = match before.as_slice() {
        [] => true,
        [one] => one.chars().any(char::is_alphabetic),
        many => many.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                || NAME_PARTICLES.contains(&w.to_lowercase().as_str())
        }),
    };
    (after <= 1 && name <= 5 && name_shaped).then_some(name)
}

/// Lower-case words inside names ("Ludwig van Beethoven", "Ana de la Cruz").
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "di", "du", "van", "von", "der", "den", "la", "le", "del", "dos", "bin", "al",
    "el", "ibn", "y",
];

/// Whether a line is a name alone: a person's name or a user's handle.
fn is_name_line(line: &Line) -> bool {
    if line.words == 0 || line.words > 4 || line.ends_sentence || line.text.len() > 60 {
        return false;
    }
    if metadata::person_names(line).is_some() {
        return true;
    }
    // Handles: one token, often lower-case or with digits ("cruefan83", "j_doe").
    let t = line.text.trim();
    !t.contains(' ')
        && t.chars().all(|c| c.is_alphanumeric() || "_.-@".contains(c))
        && t.chars().any(char::is_alphabetic)
}

/// The header starting at line `i`, if there is one.
fn header_at(lines: &[Line], markers: &[Option<Marker>], i: usize) -> Option<Header> {
    let line = &lines[i];
    if markers[i] == Some(Marker::Boilerplate(Rule::Comment)) {
        return Some(Header {
            line: i,
            len: 1,
            shape: Shape::Scaffold,
        });
    }
    if line.words > 14 {
        return None;
    }
    if is_name_line(line)
        && let Some(next) = lines.get(i + 1)
        && next.words <= 10
        && name_beside_stamp(&next.text) == Some(0)
    {
        return Some(Header {
            line: i,
            len: 2,
            shape: Shape::NameOverStamp,
        });
    }
    // A stamp alone is no header: a live blog's entries and an endless-scroll page's
    // articles stand under one too.
    (name_beside_stamp(&line.text)? >= 1).then_some(Header {
        line: i,
        len: 1,
        shape: Shape::NameStamp,
    })
}

/// Every comment thread on the page, in order. `prose` tells which lines read as story
/// paragraphs (see [`super::region::is_prose`]).
pub fn threads(lines: &[Line], markers: &[Option<Marker>], prose: &[bool]) -> Vec<Thread> {
    let n = lines.len();
    let mut headers = Vec::new();
    let mut i = 0;
    while i < n {
        match header_at(lines, markers, i) {
            Some(h) => {
                headers.push(h);
                i += h.len;
            }
            None => i += 1,
        }
    }
    let mut found = Vec::new();
    for shape in [Shape::NameStamp, Shape::NameOverStamp, Shape::Scaffold] {
        let of_shape: Vec<Header> = headers
            .iter()
            .copied()
            .filter(|h| h.shape == shape)
            .collect();
        let mut a = 0;
        while a < of_shape.len() {
            // A chain of headers of one shape, each within a post's length of the last.
            let mut b = a + 1;
            while b < of_shape.len() && of_shape[b].line - of_shape[b - 1].line <= MAX_POST {
                b += 1;
            }
            if let Some(t) = chain(lines, markers, prose, &of_shape[a..b]) {
                found.push(t);
            }
            a = b;
        }
    }
    found.sort_by_key(|t| t.lines.start);
    // Chains of two shapes may overlap (a name-and-date header and its "Reply"): one
    // thread.
    let mut merged: Vec<Thread> = Vec::new();
    for t in found {
        match merged.last_mut() {
            Some(last) if t.lines.start <= last.lines.end => {
                last.lines.end = last.lines.end.max(t.lines.end);
                last.headers += t.headers;
            }
            _ => merged.push(t),
        }
    }
    merged
}

/// The thread a chain of same-shape headers makes, if it is one: enough headers with
/// posts between them.
fn chain(
    lines: &[Line],
    markers: &[Option<Marker>],
    prose: &[bool],
    chain: &[Header],
) -> Option<Thread> {
    if chain.len() < MIN_HEADERS {
        return None;
    }
    // Posts: the text between one header and the next. A table has none.
    let post_words =
        |from: usize, to: usize| -> usize { lines[from..to].iter().map(|l| l.words).sum() };
    let with_post = chain
        .windows(2)
        .filter(|w| post_words(w[0].line + w[0].len, w[1].line) >= 4)
        .count();
    if with_post * 3 < (chain.len() - 1) * 2 {
        return None;
    }
    let mut posts: Vec<usize> = chain
        .windows(2)
        .map(|w| post_words(w[0].line + w[0].len, w[1].line))
        .collect();
    posts.sort_unstable();
    if posts[posts.len() / 2] > MAX_TYPICAL_POST_WORDS {
        return None;
    }
    let first = chain[0];
    let last = chain[chain.len() - 1];
    // The last post runs as long as a typical one, over unmarked text.
    let mut gaps: Vec<usize> = chain.windows(2).map(|w| w[1].line - w[0].line).collect();
    gaps.sort_unstable();
    let typical = gaps[gaps.len() / 2];
    let end = (last.line + last.len..lines.len().min(last.line + typical.max(2)))
        .take_while(|&j| markers[j].is_none())
        .last()
        .map_or(last.line + last.len, |j| j + 1);
    // A forum's or a question page's opening post is the article.
    let story_before = (0..first.line).any(|j| prose[j] && lines[j].words >= 20);
    let (start, first_post_kept) = if story_before || chain[0].shape == Shape::Scaffold {
        (first.line, false)
    } else {
        (chain[1].line, true)
    };
    let headers = chain.len() - usize::from(first_post_kept);
    (headers >= MIN_HEADERS - 1).then_some(Thread {
        lines: start..end,
        headers,
        first_post_kept,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Line::new(i + 1, (*t).to_owned()))
            .collect()
    }

    fn find(texts: &[&str]) -> Vec<Thread> {
        let ls = lines(texts);
        let markers: Vec<Option<Marker>> = ls.iter().map(super::super::rules::classify).collect();
        let prose: Vec<bool> = ls.iter().map(super::super::region::is_prose).collect();
        threads(&ls, &markers, &prose)
    }

    const STORY: &str = "The council voted on Tuesday to close the old bridge to traffic, after engineers said the supports had rusted through in two places.";
    const POST: &str =
        "I drive over that bridge every day and I think they should have closed it years ago.";

    #[test]
    fn name_and_date_headers_between_posts_are_a_thread() {
        let t = find(&[
            STORY,
            STORY,
            "jdoe June 28, 2015 at 10:25 pm",
            POST,
            "Mary Smith July 6, 2015 at 6:57 pm",
            POST,
            POST,
            "kb77 July 23, 2015 at 3:20 pm",
            POST,
        ]);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].lines, 2..9);
        assert!(!t[0].first_post_kept);
    }

    #[test]
    fn names_over_stamps_and_relative_times() {
        let t = find(&[
            STORY,
            "Anna Berg",
            "3 years ago",
            POST,
            "Tom Hale",
            "2 years ago",
            POST,
            "Ida Lund",
            "1 year ago",
            POST,
        ]);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].lines, 1..10);
    }

    #[test]
    fn a_forums_first_post_is_the_article() {
        let t = find(&[
            "Question about bridges",
            "Hans Weber 12.03.2019 um 10:25 Uhr",
            POST,
            "Eva Roth 12.03.2019 um 11:02 Uhr",
            POST,
            "Lars Klein 13.03.2019 um 09:14 Uhr",
            POST,
            "Uwe Brand 13.03.2019 um 12:40 Uhr",
            POST,
        ]);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].lines.start, 3);
        assert!(t[0].first_post_kept);
    }

    #[test]
    fn schedules_live_blogs_and_two_dated_lines_are_not_threads() {
        // A schedule: a stamp on every line, nothing between.
        assert!(
            find(&[
                STORY,
                "Arena Tampa June 9, 2024 at 8:00 pm",
                "Park Raleigh June 10, 2024 at 8:00 pm",
                "Center Camden July 2, 2024 at 7:30 pm",
                "Hall Boston July 5, 2024 at 7:30 pm",
            ])
            .is_empty()
        );
        // A live blog: the time first, a headline after it.
        assert!(
            find(&[
                "10:25 am Minister arrives at the summit",
                STORY,
                "10:40 am Talks begin behind closed doors",
                STORY,
                "11:05 am Protesters gather outside the hall",
                STORY,
            ])
            .is_empty()
        );
        // Two dated letters quoted in a story.
        assert!(
            find(&[
                STORY,
                "John Roe March 3, 2019",
                STORY,
                "Jane Roe March 9, 2019",
                STORY
            ])
            .is_empty()
        );
    }
}
