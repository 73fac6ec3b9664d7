//! The export formats: every indexed article as one flat JSON document, written as NDJSON
//! or as an Elasticsearch `_bulk` body, and a Quickwit index config whose fields match.
//!
//! One table, [`FIELDS`], names every exported field with its kind, and both the
//! documents and the Quickwit config follow it, so the two cannot drift apart (a unit test
//! checks a full document against the table). Fields without a value are left out of a
//! document rather than written as `null`, which every ingester takes the same way.
//!
//! # Document
//!
//! One [`WireDocument`] per article:
//!
//! ```json
//! {"id":"3f0c…","path":"/data/news/feed.jsonl:12","url":"https://…","title":"…","body":"…",
//!  "authors":["Jane Roe"],"source":"Harbor Times","section":"Business","tags":["ports"],
//!  "place":"PORTSMOUTH","dateline":"PORTSMOUTH, May 16","date":"2024-05-16T00:00:00Z",
//!  "date_source":"sidecar","lang":"eng","removed_lines":2,"removed":["READ MORE: …"],
//!  "removed_rules":["read-more"]}
//! ```
//!
//! `id` is a hash of the indexed path (128-bit xxh3, hex): unique within an index and the
//! same on every export of it. `body` holds one paragraph per line. `removed` and
//! `removed_rules` run in parallel: the lines the cleaner removed and the rule that
//! removed each.

use std::fmt::Write as _;

use std::borrow::Cow;

use super::wire::{WireBulkAction, WireBulkIndex, WireDocument, text};
use crate::index::StoredArticle;

/// How a field is analysed where it is indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Analysis {
    /// Story text: words, lower-cased, English stems (newsq's `title`, `body`, `removed`;
    /// Quickwit's `en_stem`).
    Stemmed,
    /// Names: words, lower-cased, no stems (newsq's `author:roe` finds "Jane Roe";
    /// Quickwit's `default`), and kept as written for aggregations.
    Words,
    /// Exact values (Quickwit's `raw`).
    Raw,
    /// A date and time (RFC 3339).
    Datetime,
    /// A whole number.
    Count,
}

/// One exported field.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The key in each document.
    pub name: &'static str,
    /// How it is analysed.
    pub analysis: Analysis,
    /// Whether it holds a list.
    pub list: bool,
    /// Whether it is a column for sorting and aggregations.
    pub fast: bool,
    /// What it holds.
    pub about: &'static str,
}

const fn field(
    name: &'static str,
    analysis: Analysis,
    list: bool,
    fast: bool,
    about: &'static str,
) -> Field {
    Field {
        name,
        analysis,
        list,
        fast,
        about,
    }
}

/// Every exported field, in document order.
pub const FIELDS: &[Field] = &[
    field(
        "id",
        Analysis::Raw,
        false,
        false,
        "Stable id: hash of the path",
    ),
    field(
        "path",
        Analysis::Raw,
        false,
        false,
        "The article's path in the newsq index (FILE or FILE:LINE)",
    ),
    field(
        "url",
        Analysis::Raw,
        false,
        false,
        "Web address, when the record, page or sidecar gave one",
    ),
    field("title", Analysis::Stemmed, false, false, "Headline"),
    field(
        "body",
        Analysis::Stemmed,
        false,
        false,
        "The cleaned story, one paragraph per line",
    ),
    field("authors", Analysis::Words, true, true, "Author names"),
    field(
        "source",
        Analysis::Words,
        false,
        true,
        "Publisher or news service",
    ),
    field("section", Analysis::Words, false, true, "Site section"),
    field("tags", Analysis::Words, true, true, "Tags"),
    field("place", Analysis::Words, false, true, "Dateline place"),
    field(
        "dateline",
        Analysis::Words,
        false,
        false,
        "Dateline as written",
    ),
    field("date", Analysis::Datetime, false, true, "Publication date"),
    field(
        "date_source",
        Analysis::Raw,
        false,
        true,
        "Where the date came from: timestamp, byline, dateline, sidecar",
    ),
    field(
        "lang",
        Analysis::Raw,
        false,
        true,
        "Body language, ISO 639-3",
    ),
    field(
        "encoding",
        Analysis::Raw,
        false,
        false,
        "Encoding the file was converted from, when not UTF-8",
    ),
    field(
        "removed_lines",
        Analysis::Count,
        false,
        true,
        "Number of lines the cleaner removed",
    ),
    field(
        "removed",
        Analysis::Stemmed,
        true,
        false,
        "The removed lines",
    ),
    field(
        "removed_rules",
        Analysis::Raw,
        true,
        true,
        "The rule that removed each line",
    ),
];

/// The stable id of an indexed path.
pub fn id(path_bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(path_bytes))
}

/// The export document of an article.
pub fn document(a: &StoredArticle) -> WireDocument<'_> {
    let s = &a.stored;
    let m = &s.meta;
    WireDocument {
        id: id(crate::corpus::path::path_bytes(&a.path)),
        path: super::sanitize::path(&a.path),
        url: text(&s.url),
        title: text(&s.title),
        body: Cow::Borrowed(&a.body),
        authors: Cow::Borrowed(&m.authors),
        source: text(&m.source),
        section: text(&m.section),
        tags: Cow::Borrowed(&m.tags),
        place: m.dateline.as_ref().and_then(|d| text(&d.place)),
        dateline: m.dateline.as_ref().map(|d| Cow::Borrowed(d.text.as_str())),
        date: m.date.map(|d| format!("{d}T00:00:00Z")),
        date_source: m.date.and(text(&m.date_source)),
        lang: text(&m.lang),
        encoding: text(&s.encoding),
        removed_lines: s.removed_lines,
        removed: s
            .removed
            .iter()
            .map(|(_, _, t)| Cow::Borrowed(t.as_str()))
            .collect(),
        removed_rules: s
            .removed
            .iter()
            .map(|(_, r, _)| Cow::Borrowed(r.as_str()))
            .collect(),
    }
}

/// The Elasticsearch `_bulk` action line for a document.
pub fn bulk_action<'a>(index: &'a str, id: &'a str) -> WireBulkAction<'a> {
    WireBulkAction {
        index: WireBulkIndex {
            id: Cow::Borrowed(id),
            index: Cow::Borrowed(index),
        },
    }
}

/// Whether a name can serve as both an Elasticsearch index name and a Quickwit index id:
/// a lower-case letter, then 2 to 254 lower-case letters, digits, `.`, `_` or `-`.
pub fn valid_index_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && (3..=255).contains(&name.len())
        && chars
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
}

/// A Quickwit index config (YAML) for the export: the same field names, English stems on
/// story text, words on names, exact values on the rest. `index_id` must pass
/// [`valid_index_name`].
pub fn quickwit_config(index_id: &str) -> String {
    let mut y = String::new();
    let _ = writeln!(
        y,
        "# Quickwit index config for newsq's export, written by newsq {}.",
        env!("CARGO_PKG_VERSION")
    );
    y.push_str(
        "# The fields are those of `newsq export` and are analysed as newsq analyses them:\n\
         # title, body and removed lines as English stems (en_stem); author, source, section,\n\
         # tag and place names by word (default) and, as written, for aggregations; the rest\n\
         # as exact values (raw).\n\
         #\n",
    );
    let _ = writeln!(
        y,
        "#   quickwit index create --index-config {index_id}.yaml\n\
         #   newsq export > {index_id}.ndjson\n\
         #   quickwit index ingest --index {index_id} --input-path {index_id}.ndjson\n\
         #\n\
         # No timestamp_field: many articles have no known date, and Quickwit would refuse them."
    );
    y.push_str("version: 0.8\n");
    let _ = writeln!(y, "index_id: {index_id}");
    y.push_str("doc_mapping:\n");
    y.push_str("  mode: lenient\n");
    y.push_str("  store_source: false\n");
    y.push_str("  index_field_presence: true\n");
    y.push_str("  field_mappings:\n");
    for f in FIELDS {
        let _ = writeln!(y, "    - name: {}", f.name);
        let _ = writeln!(y, "      description: \"{}\"", f.about.replace('"', "'"));
        let base = match f.analysis {
            Analysis::Datetime => "datetime",
            Analysis::Count => "u64",
            _ => "text",
        };
        let ty = if f.list {
            format!("array<{base}>")
        } else {
            base.to_owned()
        };
        let _ = writeln!(y, "      type: {ty}");
        match f.analysis {
            Analysis::Stemmed => {
                y.push_str("      tokenizer: en_stem\n      record: position\n      fieldnorms: true\n");
            }
            Analysis::Words => y.push_str("      tokenizer: default\n      record: position\n"),
            Analysis::Raw => y.push_str("      tokenizer: raw\n"),
            Analysis::Datetime => y.push_str(
                "      input_formats: [rfc3339]\n      output_format: rfc3339\n      fast_precision: seconds\n",
            ),
            Analysis::Count => {}
        }
        y.push_str("      stored: true\n");
        if f.fast {
            y.push_str("      fast: true\n");
        }
    }
    y.push_str("search_settings:\n  default_search_fields: [title, body]\n");
    y
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::{Dateline, Metadata};
    use crate::index::Stored;

    #[test]
    fn a_full_document_has_exactly_the_fields_of_the_table() {
        let a = StoredArticle {
            path: "/n/feed.jsonl:3".into(),
            body: "Body.".into(),
            stored: Stored {
                title: Some("T".into()),
                meta: Metadata {
                    section: Some("S".into()),
                    authors: vec!["A".into()],
                    source: Some("Src".into()),
                    dateline: Some(Dateline {
                        text: "P, May 1".into(),
                        place: Some("P".into()),
                        date_text: None,
                        date: None,
                        agency: None,
                    }),
                    date: Some(jiff::civil::date(2024, 5, 16)),
                    date_source: Some("sidecar".into()),
                    tags: vec!["t".into()],
                    lang: Some("eng".into()),
                },
                removed_lines: 1,
                removed: vec![(4, "read-more".into(), "READ MORE".into())],
                encoding: Some("windows-1252".into()),
                url: Some("https://example.com/a".into()),
            },
        };
        let v = serde_json::to_value(document(&a)).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        let mut names: Vec<&str> = FIELDS.iter().map(|f| f.name).collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        names.sort_unstable();
        assert_eq!(sorted, names);
        assert_eq!(v["date"], "2024-05-16T00:00:00Z");
        assert_eq!(v["id"].as_str().unwrap().len(), 32);
        // `newsq index` knows the document for newsq's own, and takes it back whole.
        let records =
            crate::corpus::records::parse(&v.to_string(), &crate::corpus::FieldMap::default());
        let record = records[0].as_ref().unwrap();
        let back = record.exported_article().expect("known as an export");
        assert_eq!(back.body(), a.body);
        assert_eq!(back.title, a.stored.title);
        // What the export holds of a dateline is its text and place; the rest is read
        // from the text again.
        let text_and_place = |m: &Metadata| {
            m.dateline
                .as_ref()
                .map(|d| (d.text.clone(), d.place.clone()))
        };
        assert_eq!(text_and_place(&back.meta), text_and_place(&a.stored.meta));
        let without_dateline = |m: &Metadata| Metadata {
            dateline: None,
            ..m.clone()
        };
        assert_eq!(
            without_dateline(&back.meta),
            without_dateline(&a.stored.meta)
        );
        assert_eq!(
            back.removed()
                .map(|l| (l.rule.id(), l.text.as_str()))
                .collect::<Vec<_>>(),
            [("read-more", "READ MORE")]
        );
        assert_eq!(
            record.exported.as_ref().unwrap().encoding.as_deref(),
            Some("windows-1252")
        );
    }

    #[test]
    fn index_names() {
        assert!(valid_index_name("newsq"));
        assert!(valid_index_name("news-2024.v1"));
        assert!(!valid_index_name("ab"));
        assert!(!valid_index_name("News"));
        assert!(!valid_index_name("1news"));
        assert!(!valid_index_name("a b c"));
    }

    #[test]
    fn quickwit_config_names_every_field_once() {
        let y = quickwit_config("newsq");
        for f in FIELDS {
            assert_eq!(y.matches(&format!("- name: {}\n", f.name)).count(), 1);
        }
        assert!(y.contains("tokenizer: en_stem"));
    }
}
