//! The JSON wire formats: one documented struct per JSON output of newsq, the contract
//! scripts build on (`tests/json.rs` decodes every output into its own copy of these
//! structs and fails on a missing or renamed field).
//!
//! - `search --json`, `similar --json`: one [`WireHit`] per line; with `--stats`, a last
//!   line [`WireSummary`] (`"type":"summary"`).
//! - `facets --json`: one [`WireFacet`] per line.
//! - `show --json`: one [`WireArticle`].
//! - `stats --json`: one [`WireStats`].
//!
//! ```json
//! {"rank":1,"score":4.21,"path":"corpus/000.txt","title":null,"lead":"Russian President …",
//!  "title_highlights":[],"metadata":{"section":null,"authors":[],"source":null,
//!  "dateline":null,"date":null,"date_source":null,"tags":[],"lang":"eng"},
//!  "passages":[{"text":"… office in Harbin, with …","highlights":[{"start":12,"end":18}],
//!  "gap_before":true}],"similar":[],"offsets":"char"}
//! ```
//!
//! Highlight ranges count characters (Unicode scalar values, as Python's `str` indexes
//! them) from the start of the passage's `text` (or of the title, or the lead when there is
//! no title), end exclusive. `offsets` says so in every object, so a consumer can check.
//!
//! Paths are exact: a path that is UTF-8 is the JSON string of it (control characters
//! and the like escaped as JSON escapes them, `\u000a`, so `jq -r .path` names the file).
//! A path that is not UTF-8 (Unix file names are bytes) cannot be a JSON string exactly:
//! `path` then shows the bytes that are not UTF-8 escaped (`caf\xe9.txt`), and
//! `path_bytes` holds the exact bytes as an array of numbers (`[99,97,102,233,...]`),
//! which give the file's name back. `path_bytes` is absent for UTF-8 paths.

use std::path::Path;

use jiff::civil::Date;
use serde::Serialize;

use crate::clean::{Dateline, Metadata};

/// One hit of `search --json` (and `similar --json`).
#[derive(Debug, Serialize)]
pub struct WireHit<'a> {
    /// 1-based rank, counting the hits `--offset` skipped.
    pub rank: usize,
    /// BM25 score; null when hits are sorted by date.
    pub score: Option<f32>,
    /// The path, relative to the current folder when below it; exact when UTF-8.
    pub path: String,
    /// The exact bytes of the path, only when it is not UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<Vec<u8>>,
    /// The headline, or null.
    pub title: Option<&'a str>,
    /// The first words of the story (shown as the title when there is none).
    pub lead: &'a str,
    /// Highlight ranges in the title (or in the lead when the title is null).
    pub title_highlights: Vec<WireRange>,
    /// Metadata found in the text, the sidecar or the record.
    pub metadata: WireMetadata<'a>,
    /// Best passages, in article order.
    pub passages: Vec<WirePassage>,
    /// Paths of lower-ranked copies of the same story, folded under this hit (exact when
    /// UTF-8, as `path`).
    pub similar: Vec<String>,
    /// Only under `--any`: true when the article does not hold every word (it matched as
    /// one of the alternatives). Absent otherwise, where every hit holds every word.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relaxed: Option<bool>,
    /// The unit of every highlight offset: always `"char"`.
    pub offsets: &'static str,
}

/// A passage.
#[derive(Debug, Serialize)]
pub struct WirePassage {
    /// The text (may start or end with "…").
    pub text: String,
    /// Highlighted ranges in `text`.
    pub highlights: Vec<WireRange>,
    /// Text of the article is skipped before this passage (shown as "…").
    pub gap_before: bool,
}

/// A highlighted range, in characters from the start of its text, end exclusive.
#[derive(Debug, Serialize)]
pub struct WireRange {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// An article's metadata, as every JSON output gives it.
#[derive(Debug, Serialize)]
pub struct WireMetadata<'a> {
    /// The site's section ("World"), or null.
    pub section: Option<&'a str>,
    /// Author names, in the order found.
    pub authors: &'a [String],
    /// The publisher or news service, or null.
    pub source: Option<&'a str>,
    /// The dateline, or null.
    pub dateline: Option<WireDateline<'a>>,
    /// The publication date (`YYYY-MM-DD`), or null.
    pub date: Option<Date>,
    /// Where the date came from (`timestamp`, `byline`, `dateline`, `sidecar`, `record`,
    /// `page`), or null.
    pub date_source: Option<&'a str>,
    /// Tags.
    pub tags: &'a [String],
    /// ISO 639-3 code of the body's language, or null.
    pub lang: Option<&'a str>,
}

impl<'a> From<&'a Metadata> for WireMetadata<'a> {
    fn from(m: &'a Metadata) -> WireMetadata<'a> {
        WireMetadata {
            section: m.section.as_deref(),
            authors: &m.authors,
            source: m.source.as_deref(),
            dateline: m.dateline.as_ref().map(WireDateline::from),
            date: m.date,
            date_source: m.date_source.as_deref(),
            tags: &m.tags,
            lang: m.lang.as_deref(),
        }
    }
}

/// A dateline: where and when the story was filed ("Moscow, Apr 16 (AP)").
#[derive(Debug, Serialize)]
pub struct WireDateline<'a> {
    /// As written.
    pub text: &'a str,
    /// The place, or null.
    pub place: Option<&'a str>,
    /// The date as written, or null.
    pub date_text: Option<&'a str>,
    /// The date, when the dateline gives a year, or null.
    pub date: Option<Date>,
    /// The agency in brackets ("AP"), or null.
    pub agency: Option<&'a str>,
}

impl<'a> From<&'a Dateline> for WireDateline<'a> {
    fn from(d: &'a Dateline) -> WireDateline<'a> {
        WireDateline {
            text: &d.text,
            place: d.place.as_deref(),
            date_text: d.date_text.as_deref(),
            date: d.date,
            agency: d.agency.as_deref(),
        }
    }
}

/// The last line of `search --json --stats`, after the hits (as `rg --json`'s summary).
#[derive(Debug, Serialize)]
pub struct WireSummary {
    /// Always `"summary"` (hit objects have no `type`).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Articles matching the query, copies included (what `-c` prints).
    pub total: usize,
    /// Hits printed above.
    pub shown: usize,
    /// Copies folded under the printed hits (listed in their `similar`).
    pub folded: usize,
    /// Hits skipped first (`--offset`).
    pub offset: usize,
    /// Whether the words were alternatives (`--any`), not all required.
    pub any: bool,
    /// With `--sort date`: the matching articles that have no known date (they come
    /// last); null in relevance order.
    pub undated: Option<usize>,
    /// Time from start to the last hit.
    pub elapsed: WireElapsed,
}

/// A duration, as `rg --json` writes one.
#[derive(Debug, Serialize)]
pub struct WireElapsed {
    /// Whole seconds.
    pub secs: u64,
    /// Nanoseconds past them.
    pub nanos: u32,
    /// For people: `0.002345s`.
    pub human: String,
}

impl From<std::time::Duration> for WireElapsed {
    fn from(d: std::time::Duration) -> WireElapsed {
        WireElapsed {
            secs: d.as_secs(),
            nanos: d.subsec_nanos(),
            human: format!("{:.6}s", d.as_secs_f64()),
        }
    }
}

/// One value of `facets --json`. (Fields in alphabetical order, as newsq has always
/// written them.)
#[derive(Debug, Serialize)]
pub struct WireFacet<'a> {
    /// Articles holding the value (among those the query matches).
    pub count: u64,
    /// The value as written (a source, an author, a tag, a year...).
    pub value: &'a str,
}

/// `show --json`: one article as indexed. (Fields in alphabetical order, as newsq has
/// always written them.)
#[derive(Debug, Serialize)]
pub struct WireArticle<'a> {
    /// The encoding the file was converted from, when it was not UTF-8, or null.
    pub encoding: Option<&'a str>,
    /// The article's metadata.
    pub metadata: WireMetadata<'a>,
    /// The cleaned body, one paragraph per element.
    pub paragraphs: Vec<&'a str>,
    /// The path, as in [`WireHit::path`].
    pub path: String,
    /// The exact bytes of the path, only when it is not UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<Vec<u8>>,
    /// The lines the cleaner removed as boilerplate.
    pub removed: Vec<WireRemoved<'a>>,
    /// The headline, or null.
    pub title: Option<&'a str>,
    /// The web address its record, page or sidecar gave, or null.
    pub url: Option<&'a str>,
}

/// A line the cleaner removed. (Fields in alphabetical order, as newsq has always written
/// them.)
#[derive(Debug, Serialize)]
pub struct WireRemoved<'a> {
    /// Its line number in the file (1-based).
    pub line: usize,
    /// The rule that removed it (`read-more`, `author-blurb`, ...).
    pub rule: &'a str,
    /// The line.
    pub text: &'a str,
}

/// `stats --json`: what the index holds.
#[derive(Debug, Serialize)]
pub struct WireStats<'a> {
    /// Articles indexed.
    pub articles: usize,
    /// Files they came from (a file of JSON records counts once).
    pub files: usize,
    /// Distinct sources.
    pub distinct_sources: usize,
    /// Articles without a known source.
    pub without_source: usize,
    /// The most frequent sources, most articles first (`stats -n` sets how many).
    pub sources: &'a [crate::index::stats::Count],
    /// Publication dates.
    pub dates: &'a crate::index::stats::Dates,
    /// Languages (ISO 639-3), most articles first.
    pub languages: &'a [crate::index::stats::Count],
    /// Bytes the index takes on disk.
    pub index_bytes: u64,
    /// Boilerplate lines removed, in all.
    pub removed_lines: usize,
    /// Articles that had any removed.
    pub articles_with_removed: usize,
    /// The rules that removed most lines, most first: `{"value": rule, "count": lines}`.
    pub removed_rules: &'a [crate::index::stats::Count],
}

impl<'a> From<&'a crate::index::stats::Stats> for WireStats<'a> {
    fn from(s: &'a crate::index::stats::Stats) -> WireStats<'a> {
        WireStats {
            articles: s.articles,
            files: s.files,
            distinct_sources: s.distinct_sources,
            without_source: s.without_source,
            sources: &s.sources,
            dates: &s.dates,
            languages: &s.languages,
            index_bytes: s.index_bytes,
            removed_lines: s.removed_lines,
            articles_with_removed: s.articles_with_removed,
            removed_rules: &s.removed_rules,
        }
    }
}

/// Converts byte ranges of `text` to character ranges.
pub fn char_ranges(text: &str, ranges: &[std::ops::Range<usize>]) -> Vec<WireRange> {
    ranges
        .iter()
        .map(|r| WireRange {
            start: text[..r.start].chars().count(),
            end: text[..r.end].chars().count(),
        })
        .collect()
}

/// A path for `path`: the path itself when it is UTF-8 (JSON escaping keeps it exact),
/// else shown with its other bytes escaped (and given exactly by [`path_bytes`]).
pub fn path(path: &Path) -> String {
    match path.to_str() {
        Some(s) => s.to_owned(),
        None => super::sanitize::path(path),
    }
}

/// The exact bytes of a path that is not UTF-8, for `path_bytes`; `None` for UTF-8 paths,
/// which their `path` string gives exactly.
pub fn path_bytes(path: &Path) -> Option<Vec<u8>> {
    let bytes = crate::corpus::path::path_bytes(path);
    std::str::from_utf8(bytes).is_err().then(|| bytes.to_vec())
}
