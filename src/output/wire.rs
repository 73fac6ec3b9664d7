//! The JSON wire format of `newsq search --json`: one object per hit, one per line.
//!
//! ```json
//! {"rank":1,"score":4.21,"path":"corpus/000.txt","title":null,"lead":"Russian President …",
//!  "title_highlights":[],"metadata":{"section":null,"authors":[],"source":null,
//!  "dateline":null,"date":null,"tags":[],"lang":"eng"},
//!  "passages":[{"text":"… office in Harbin, with …","highlights":[{"start":12,"end":18}]}],
//!  "offsets":"char"}
//! ```
//!
//! Highlight ranges count characters (Unicode scalar values, as Python's `str` indexes
//! them) from the start of the passage's `text` (or of the title, or the lead when there is
//! no title), end exclusive. `offsets` says so in every object, so a consumer can check.
//!
//! A path that is not UTF-8 (Unix file names are bytes) cannot be a JSON string exactly:
//! `path` then shows the bytes that are not UTF-8 escaped (`caf\xe9.txt`), and
//! `path_bytes` holds the exact bytes as an array of numbers (`[99,97,102,233,...]`),
//! which give the file's name back. `path_bytes` is absent for UTF-8 paths.

use serde::Serialize;

use crate::clean::Metadata;

/// One hit.
#[derive(Debug, Serialize)]
pub struct WireHit<'a> {
    /// 1-based rank.
    pub rank: usize,
    /// BM25 score; null when hits are sorted by date.
    pub score: Option<f32>,
    /// Path as shown to users (relative to the current folder when below it).
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
    /// Metadata found in the text.
    pub metadata: &'a Metadata,
    /// Best passages, in article order.
    pub passages: Vec<WirePassage>,
    /// Paths of lower-ranked copies of the same story, collapsed under this hit.
    pub similar: Vec<String>,
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

/// The exact bytes of a path that is not UTF-8, for `path_bytes`; `None` for UTF-8 paths,
/// which their `path` string gives exactly.
pub fn path_bytes(path: &std::path::Path) -> Option<Vec<u8>> {
    let bytes = crate::index::path_bytes(path);
    std::str::from_utf8(bytes).is_err().then(|| bytes.to_vec())
}
