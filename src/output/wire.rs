//! The JSON wire formats: one documented struct per JSON output of newsq, the contract
//! scripts build on. Every struct serialises to exactly what newsq prints and decodes it
//! back (`Deserialize`, refusing unknown fields), so a Rust consumer can read newsq's
//! output with these types; `tests/json.rs` checks that decoding a printed line and
//! serialising it again gives the same bytes, and decodes every output into its own
//! independent copy of these structs as well (a renamed field fails there).
//!
//! - `search --json`, `similar --json`: one [`WireHit`] per line; with `--stats`, a last
//!   line [`WireSummary`] (`"type":"summary"`).
//! - `facets --json`: one [`WireFacet`] per line.
//! - `timeline --json`: one [`WireBucket`] per period, a [`WireUndated`], a
//!   [`WireTimelineSummary`]; `timeline --first --json`: one [`WireStory`] per story.
//! - `terms --json`: one [`WireTerm`] per line.
//! - `show --json`: one [`WireArticle`].
//! - `stats --json`: one [`WireStats`].
//! - `export` (NDJSON): one [`WireDocument`] per line; `export --format es-bulk`: a
//!   [`WireBulkAction`] line before each document.
//!
//! `check`, `index`, `prune` and `clean` print no JSON (`export --quickwit-config`
//! prints YAML); their lines are for people, and `index` reports on stderr.
//!
//! These types are the output's own: none is an engine struct, so renaming a field of
//! the cleaner's `Metadata` or of the index's stored metadata cannot change a byte here.
//! Strings borrow from the engine's values when newsq prints ([`Cow`]), and are owned
//! when decoded: every type here is `DeserializeOwned` (`WireHit<'static>`), so a
//! consumer can decode a stream (`serde_json::from_reader`, one line at a time) and keep
//! the values.
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

use std::borrow::Cow;
use std::path::Path;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::clean::{Dateline, Metadata};

/// One hit of `search --json` (and `similar --json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireHit<'a> {
    /// 1-based rank, counting the hits `--offset` skipped.
    pub rank: usize,
    /// BM25 score; null when hits are sorted by date.
    pub score: Option<f32>,
    /// The path, relative to the current folder when below it; exact when UTF-8.
    pub path: String,
    /// The exact bytes of the path, only when it is not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<Vec<u8>>,
    /// The headline, or null.
    pub title: Option<Cow<'a, str>>,
    /// The first words of the story (shown as the title when there is none).
    pub lead: Cow<'a, str>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relaxed: Option<bool>,
    /// The unit of every highlight offset: always `"char"`.
    pub offsets: Offsets,
}

/// The unit of highlight offsets, written in every hit so a consumer can check it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Offsets {
    /// Characters (Unicode scalar values): `"char"`.
    #[serde(rename = "char")]
    Char,
}

/// A passage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WirePassage {
    /// The text (may start or end with "…").
    pub text: String,
    /// Highlighted ranges in `text`.
    pub highlights: Vec<WireRange>,
    /// Text of the article is skipped before this passage (shown as "…").
    pub gap_before: bool,
}

/// A highlighted range, in characters from the start of its text, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireRange {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// An article's metadata, as every JSON output gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireMetadata<'a> {
    /// The site's section ("World"), or null.
    pub section: Option<Cow<'a, str>>,
    /// Author names, in the order found.
    pub authors: Cow<'a, [String]>,
    /// The publisher or news service, or null.
    pub source: Option<Cow<'a, str>>,
    /// The dateline, or null.
    pub dateline: Option<WireDateline<'a>>,
    /// The publication date (`YYYY-MM-DD`), or null.
    pub date: Option<Date>,
    /// Where the date came from (`timestamp`, `byline`, `dateline`, `sidecar`, `record`,
    /// `page`), or null.
    pub date_source: Option<Cow<'a, str>>,
    /// Tags.
    pub tags: Cow<'a, [String]>,
    /// ISO 639-3 code of the body's language, or null.
    pub lang: Option<Cow<'a, str>>,
}

/// An optional string of the engine's, borrowed for a wire field.
pub(crate) fn text(s: &Option<String>) -> Option<Cow<'_, str>> {
    s.as_deref().map(Cow::Borrowed)
}

impl<'a> From<&'a Metadata> for WireMetadata<'a> {
    fn from(m: &'a Metadata) -> WireMetadata<'a> {
        WireMetadata {
            section: text(&m.section),
            authors: Cow::Borrowed(&m.authors),
            source: text(&m.source),
            dateline: m.dateline.as_ref().map(WireDateline::from),
            date: m.date,
            date_source: text(&m.date_source),
            tags: Cow::Borrowed(&m.tags),
            lang: text(&m.lang),
        }
    }
}

/// A dateline: where and when the story was filed ("Moscow, Apr 16 (AP)").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireDateline<'a> {
    /// As written.
    pub text: Cow<'a, str>,
    /// The place, or null.
    pub place: Option<Cow<'a, str>>,
    /// The date as written, or null.
    pub date_text: Option<Cow<'a, str>>,
    /// The date, when the dateline gives a year, or null.
    pub date: Option<Date>,
    /// The agency in brackets ("AP"), or null.
    pub agency: Option<Cow<'a, str>>,
}

impl<'a> From<&'a Dateline> for WireDateline<'a> {
    fn from(d: &'a Dateline) -> WireDateline<'a> {
        WireDateline {
            text: Cow::Borrowed(&d.text),
            place: text(&d.place),
            date_text: text(&d.date_text),
            date: d.date,
            agency: text(&d.agency),
        }
    }
}

/// The last line of `search --json --stats`, after the hits (as `rg --json`'s summary).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireSummary {
    /// Always `"summary"` (hit objects have no `type`).
    #[serde(rename = "type")]
    pub kind: SummaryType,
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

/// The `type` of a [`WireSummary`], which tells it from the hits before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SummaryType {
    /// `"summary"`.
    #[serde(rename = "summary")]
    Summary,
}

/// A duration, as `rg --json` writes one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireFacet<'a> {
    /// Stories or articles holding the value (among those the query matches), as `unit`
    /// says.
    pub count: u64,
    /// The value as written (a source, an author, a tag, a year...).
    pub value: Cow<'a, str>,
    /// What `count` counts: `"stories"` (copies of one story once, `--copies fold`) or
    /// `"articles"` (`--copies all`).
    pub unit: Cow<'a, str>,
}

/// `timeline --json`: one period (a line per period, first to last, empty ones too).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireBucket<'a> {
    /// Always `"bucket"`.
    #[serde(rename = "type")]
    pub kind: BucketType,
    /// `2024-02-29`, `2020-W53` (ISO week), `2024-02`, `2024`.
    pub label: Cow<'a, str>,
    /// The period's first day.
    pub start: Date,
    /// Its last day.
    pub end: Date,
    /// Matching stories whose earliest copy falls in the period.
    pub stories: u64,
    /// Matching articles dated in the period.
    pub articles: u64,
    /// All dated articles of the period that pass the filters.
    pub dated: u64,
    /// `articles / dated` (6 decimals); null when `dated` is 0.
    pub share: Option<f64>,
    /// With `--split`: each series' numbers, in the summary's `series` order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<Vec<WireSeriesCount<'a>>>,
}

/// The `type` of a [`WireBucket`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BucketType {
    /// `"bucket"`.
    #[serde(rename = "bucket")]
    Bucket,
}

/// One series' numbers in a [`WireBucket`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireSeriesCount<'a> {
    /// The value (a source, ...), `"other"` for the rest, `"(none)"` for articles without.
    pub value: Cow<'a, str>,
    /// Stories holding the value, each in the period of its earliest copy holding it.
    pub stories: u64,
    /// Articles holding it.
    pub articles: u64,
}

/// `timeline --json`: the matches without a date (after the periods).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireUndated {
    /// Always `"undated"`.
    #[serde(rename = "type")]
    pub kind: UndatedType,
    /// Stories without a dated copy.
    pub stories: u64,
    /// Articles without a date.
    pub articles: u64,
}

/// The `type` of a [`WireUndated`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum UndatedType {
    /// `"undated"`.
    #[serde(rename = "undated")]
    Undated,
}

/// `timeline --json`: the last line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireTimelineSummary<'a> {
    /// Always `"summary"`.
    #[serde(rename = "type")]
    pub kind: SummaryType,
    /// The query as typed.
    pub query: Cow<'a, str>,
    /// The period: `day`, `week`, `month` or `year`.
    pub by: Cow<'a, str>,
    /// `fold` (copies of one story count once) or `all`.
    pub copies: Cow<'a, str>,
    /// Matching stories, dated or not.
    pub stories: u64,
    /// Matching articles, dated or not.
    pub articles: u64,
    /// Stories without a dated copy.
    pub undated_stories: u64,
    /// Articles without a date.
    pub undated_articles: u64,
    /// The first period's label, or null when nothing dated matched.
    pub first: Option<Cow<'a, str>>,
    /// The last period's label.
    pub last: Option<Cow<'a, str>>,
    /// The period with most stories (the earliest of equals).
    pub peak: Option<Cow<'a, str>>,
    /// The period whose stories rose most above the mean of the three before it.
    pub jump: Option<Cow<'a, str>>,
    /// With `--split`: the series, in the order of each bucket's `series`.
    pub series: Vec<Cow<'a, str>>,
}

/// `timeline --first --json`: a story's first dated copy and the copies that followed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireStory<'a> {
    /// Always `"story"`.
    #[serde(rename = "type")]
    pub kind: StoryType,
    /// The first copy's date, or null.
    pub date: Option<Date>,
    /// Its path (as in `search --json`).
    pub path: String,
    /// The exact bytes of the path, only when it is not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<Vec<u8>>,
    /// Its headline, or null.
    pub title: Option<Cow<'a, str>>,
    /// Its source, or null.
    pub source: Option<Cow<'a, str>>,
    /// Articles of the story, the first included.
    pub copies: usize,
    /// The later copies, in date order.
    pub followers: Vec<WireFollower<'a>>,
}

/// The `type` of a [`WireStory`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StoryType {
    /// `"story"`.
    #[serde(rename = "story")]
    Story,
}

/// A later copy of a story in a [`WireStory`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireFollower<'a> {
    /// Its date, or null.
    pub date: Option<Date>,
    /// Its source, or null.
    pub source: Option<Cow<'a, str>>,
    /// Its path (as in `search --json`).
    pub path: String,
}

/// `terms --json`: one significant term per line, best first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireTerm<'a> {
    /// The word, as the stories most often write it (lower-cased).
    pub term: Cow<'a, str>,
    /// JLH score: `(fg - bg) * fg / bg` (6 significant decimals).
    pub score: f64,
    /// Matching stories holding it, among the `sample` read.
    pub stories: u64,
    /// Matching stories read: all of them, or an even sample of 2,000 when more match.
    pub sample: u64,
    /// Articles of the index holding it.
    pub corpus: u64,
}

/// `show --json`: one article as indexed. (Fields in alphabetical order, as newsq has
/// always written them.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireArticle<'a> {
    /// The encoding the file was converted from, when it was not UTF-8, or null.
    pub encoding: Option<Cow<'a, str>>,
    /// The article's metadata.
    pub metadata: WireMetadata<'a>,
    /// The cleaned body, one paragraph per element.
    pub paragraphs: Vec<Cow<'a, str>>,
    /// The path, as in [`WireHit::path`].
    pub path: String,
    /// The exact bytes of the path, only when it is not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path_bytes: Option<Vec<u8>>,
    /// The lines the cleaner removed as boilerplate.
    pub removed: Vec<WireRemoved<'a>>,
    /// The headline, or null.
    pub title: Option<Cow<'a, str>>,
    /// The web address its record, page or sidecar gave, or null.
    pub url: Option<Cow<'a, str>>,
}

/// A line the cleaner removed. (Fields in alphabetical order, as newsq has always written
/// them.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireRemoved<'a> {
    /// Its line number in the file (1-based).
    pub line: usize,
    /// The rule that removed it (`read-more`, `author-blurb`, ...).
    pub rule: Cow<'a, str>,
    /// The line.
    pub text: Cow<'a, str>,
}

/// `stats --json`: what the index holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireStats<'a> {
    /// Articles indexed.
    pub articles: usize,
    /// Stories they tell, copies counted once (null with `--copies all`).
    pub stories: Option<usize>,
    /// Files they came from (a file of JSON records counts once).
    pub files: usize,
    /// Distinct sources.
    pub distinct_sources: usize,
    /// Articles without a known source.
    pub without_source: usize,
    /// The most frequent sources, most articles first (`stats -n` sets how many).
    pub sources: Vec<WireCount<'a>>,
    /// Publication dates.
    pub dates: WireDates,
    /// Languages (ISO 639-3), most articles first.
    pub languages: Vec<WireCount<'a>>,
    /// Bytes the index takes on disk.
    pub index_bytes: u64,
    /// Boilerplate lines removed, in all.
    pub removed_lines: usize,
    /// Articles that had any removed.
    pub articles_with_removed: usize,
    /// The rules that removed most lines, most first: `{"value": rule, "count": lines}`.
    pub removed_rules: Vec<WireCount<'a>>,
}

/// A value and how many articles have it (for rules: how many lines they removed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireCount<'a> {
    /// The value (a source name, a language code, a rule id).
    pub value: Cow<'a, str>,
    /// Articles (for rules: removed lines).
    pub count: usize,
}

/// The publication dates of the indexed articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireDates {
    /// The earliest (`YYYY-MM-DD`), or null.
    pub first: Option<Date>,
    /// The latest, or null.
    pub last: Option<Date>,
    /// Articles with a known date.
    pub dated: usize,
    /// Articles without one.
    pub undated: usize,
}

impl<'a> From<&'a crate::index::stats::Stats> for WireStats<'a> {
    fn from(s: &'a crate::index::stats::Stats) -> WireStats<'a> {
        let counts = |list: &'a [crate::index::stats::Count]| {
            list.iter()
                .map(|c| WireCount {
                    value: Cow::Borrowed(&c.value),
                    count: c.count,
                })
                .collect()
        };
        WireStats {
            articles: s.articles,
            stories: s.stories,
            files: s.files,
            distinct_sources: s.distinct_sources,
            without_source: s.without_source,
            sources: counts(&s.sources),
            dates: WireDates {
                first: s.dates.first,
                last: s.dates.last,
                dated: s.dates.dated,
                undated: s.dates.undated,
            },
            languages: counts(&s.languages),
            index_bytes: s.index_bytes,
            removed_lines: s.removed_lines,
            articles_with_removed: s.articles_with_removed,
            removed_rules: counts(&s.removed_rules),
        }
    }
}

/// One document of `newsq export`: an indexed article, flat, as search engines ingest
/// it. Fields without a value are left out rather than written as `null`; the fields
/// and their order are those of [`super::export::FIELDS`], which documents each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireDocument<'a> {
    /// Stable id: a hash of the indexed path (128-bit xxh3, hex).
    pub id: String,
    /// The article's path in the index (FILE or FILE:LINE), absolute.
    pub path: String,
    /// The web address, when the record, page or sidecar gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<Cow<'a, str>>,
    /// The headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Cow<'a, str>>,
    /// The cleaned story, one paragraph per line.
    pub body: Cow<'a, str>,
    /// Author names.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub authors: Cow<'a, [String]>,
    /// Publisher or news service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Cow<'a, str>>,
    /// Site section.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<Cow<'a, str>>,
    /// Tags.
    #[serde(default, skip_serializing_if = "<[_]>::is_empty")]
    pub tags: Cow<'a, [String]>,
    /// The dateline's place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Cow<'a, str>>,
    /// The dateline as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dateline: Option<Cow<'a, str>>,
    /// The publication date, as an RFC 3339 date and time at midnight UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where the date came from (only with a date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_source: Option<Cow<'a, str>>,
    /// Body language, ISO 639-3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Cow<'a, str>>,
    /// The encoding the file was converted from, when not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<Cow<'a, str>>,
    /// Number of lines the cleaner removed.
    pub removed_lines: usize,
    /// The removed lines.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<Cow<'a, str>>,
    /// The rule that removed each line, in parallel with `removed`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed_rules: Vec<Cow<'a, str>>,
}

/// The action line before each document of `export --format es-bulk`:
/// `{"index":{"_id":ID,"_index":NAME}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireBulkAction<'a> {
    /// Index (create or replace) the document that follows.
    pub index: WireBulkIndex<'a>,
}

/// Where a bulk action puts its document. (Fields in alphabetical order, as newsq has
/// always written them.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireBulkIndex<'a> {
    /// The document's id (its [`WireDocument::id`]).
    #[serde(rename = "_id")]
    pub id: Cow<'a, str>,
    /// The index name (`--index-name`).
    #[serde(rename = "_index")]
    pub index: Cow<'a, str>,
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
