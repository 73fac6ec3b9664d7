//! The one reader (and writer) of stored documents: what a hit, `show` and `export` read
//! back of an article, and the JSON of format 1 it is kept in.
//!
//! The stored JSON has its own structs ([`StoredMeta`] and below), apart from the
//! cleaner's [`Metadata`]: renaming a field of the cleaner must not silently change what
//! older indexes hold, nor what a newer newsq reads from them. A change to these structs
//! is a change of [`FORMAT_VERSION`](super::FORMAT_VERSION); the test at the bottom holds
//! the format-1 bytes.

use std::path::{Path, PathBuf};

use anyhow::Context;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use super::{Fields, Index};
use crate::clean::{Dateline, Metadata};
use crate::corpus::path::{path_bytes, path_from_bytes, path_key};

/// An article as stored in the index.
#[derive(Debug, Clone)]
pub struct StoredArticle {
    /// The path, exactly as indexed.
    pub path: PathBuf,
    /// The cleaned body, one paragraph per line.
    pub body: String,
    /// Title, metadata and removed lines.
    pub stored: Stored,
}

/// What is kept of an article besides its path and body, as the rest of newsq reads it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Stored {
    /// The headline, if the article has one.
    pub title: Option<String>,
    /// Metadata found in the text or declared by the source.
    pub meta: Metadata,
    /// Number of lines the cleaner removed.
    pub removed_lines: usize,
    /// Removed lines: (line number, rule id, text).
    pub removed: Vec<(usize, String, String)>,
    /// Encoding the file was decoded from, when it was not UTF-8.
    pub encoding: Option<String>,
    /// The article's web address, when its record, page or sidecar gave one.
    pub url: Option<String>,
}

/// The JSON of the `meta` field, format 1: everything a hit shows besides the body.
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
pub struct StoredMeta {
    /// The headline, if the article has one.
    pub title: Option<String>,
    /// Metadata, as format 1 keeps it.
    pub meta: StoredMetadata,
    /// Number of lines the cleaner removed.
    pub removed_lines: usize,
    /// Removed lines: (line number, rule id, text).
    pub removed: Vec<(usize, String, String)>,
    /// Encoding the file was decoded from, when it was not UTF-8.
    pub encoding: Option<String>,
    /// The web address. (Added after format 1 was released: older documents lack it.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Format 1's metadata object (the field names of the cleaner's `Metadata` when format 1
/// was released).
#[derive(Debug, Clone, Serialize, Deserialize, Default, PartialEq)]
pub struct StoredMetadata {
    /// Section of the site.
    pub section: Option<String>,
    /// Author names, in the order found.
    pub authors: Vec<String>,
    /// Publisher or news service.
    pub source: Option<String>,
    /// The dateline.
    pub dateline: Option<StoredDateline>,
    /// Publication date.
    pub date: Option<Date>,
    /// Where the date came from.
    #[serde(default)]
    pub date_source: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// ISO 639-3 code of the body's language.
    pub lang: Option<String>,
}

/// Format 1's dateline object.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StoredDateline {
    /// As written.
    pub text: String,
    /// The place.
    pub place: Option<String>,
    /// The date as written.
    pub date_text: Option<String>,
    /// The date, when the dateline gives a year.
    pub date: Option<Date>,
    /// The agency in brackets.
    pub agency: Option<String>,
}

impl From<Metadata> for StoredMetadata {
    fn from(m: Metadata) -> Self {
        StoredMetadata {
            section: m.section,
            authors: m.authors,
            source: m.source,
            dateline: m.dateline.map(|d| StoredDateline {
                text: d.text,
                place: d.place,
                date_text: d.date_text,
                date: d.date,
                agency: d.agency,
            }),
            date: m.date,
            date_source: m.date_source,
            tags: m.tags,
            lang: m.lang,
        }
    }
}

impl From<StoredMetadata> for Metadata {
    fn from(m: StoredMetadata) -> Self {
        Metadata {
            section: m.section,
            authors: m.authors,
            source: m.source,
            dateline: m.dateline.map(|d| Dateline {
                text: d.text,
                place: d.place,
                date_text: d.date_text,
                date: d.date,
                agency: d.agency,
            }),
            date: m.date,
            date_source: m.date_source,
            tags: m.tags,
            lang: m.lang,
        }
    }
}

impl From<StoredMeta> for Stored {
    fn from(s: StoredMeta) -> Self {
        Stored {
            title: s.title,
            meta: s.meta.into(),
            removed_lines: s.removed_lines,
            removed: s.removed,
            encoding: s.encoding,
            url: s.url,
        }
    }
}

impl From<Stored> for StoredMeta {
    fn from(s: Stored) -> Self {
        StoredMeta {
            title: s.title,
            meta: s.meta.into(),
            removed_lines: s.removed_lines,
            removed: s.removed,
            encoding: s.encoding,
            url: s.url,
        }
    }
}

/// The stored JSON of an article (for the writer; moved, not copied: it runs per article).
pub(crate) fn encode(stored: Stored) -> String {
    serde_json::to_string(&StoredMeta::from(stored)).expect("metadata serialises")
}

/// Whether `json` is a stored `meta` field this newsq reads (for `check`).
pub(crate) fn is_readable(json: &str) -> bool {
    serde_json::from_str::<StoredMeta>(json).is_ok()
}

/// A stored document's path, body and stored metadata. A `meta` field that does not read
/// gives empty metadata: the article is still found and shown by its text.
pub(crate) fn decode(doc: &TantivyDocument, fields: &Fields) -> StoredArticle {
    let path = path_from_bytes(
        doc.get_first(fields.path_raw)
            .and_then(|v| v.as_bytes())
            .unwrap_or_default(),
    );
    let body = doc
        .get_first(fields.body)
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_owned();
    let stored = doc
        .get_first(fields.meta)
        .and_then(|v| v.as_str())
        .and_then(|s| serde_json::from_str::<StoredMeta>(s).ok())
        .unwrap_or_default()
        .into();
    StoredArticle { path, body, stored }
}

/// Reads the stored document at `addr`.
pub(crate) fn read(
    searcher: &Searcher,
    fields: &Fields,
    addr: DocAddress,
) -> anyhow::Result<StoredArticle> {
    let doc: TantivyDocument = searcher.doc(addr).context("reading a stored article")?;
    Ok(decode(&doc, fields))
}

impl Index {
    /// The query for the article indexed under `path` (any spelling of it).
    pub(crate) fn path_query(&self, path: &Path) -> tantivy::query::TermQuery {
        let key = path_key(path);
        let term = Term::from_field_bytes(self.fields.path_raw, path_bytes(&key));
        tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic)
    }

    /// The address of the article indexed under `path` (any spelling of it).
    pub(crate) fn address_of(&self, path: &Path) -> anyhow::Result<Option<DocAddress>> {
        let query = self.path_query(path);
        let top = self
            .searcher()
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .context("looking the article up")?;
        Ok(top.into_iter().next().map(|(_, addr)| addr))
    }

    /// Looks an article up by its path (any spelling of it: relative, absolute, with `..`).
    pub fn lookup(&self, path: &Path) -> anyhow::Result<Option<StoredArticle>> {
        let Some(addr) = self.address_of(path)? else {
            return Ok(None);
        };
        let mut article = read(&self.searcher(), &self.fields, addr)?;
        article.path = path_key(path);
        Ok(Some(article))
    }

    /// Every indexed article, sorted by path (for export and for comparing index states).
    pub fn articles(&self) -> anyhow::Result<Vec<StoredArticle>> {
        let mut out = Vec::new();
        self.each_article(|a| out.push(a))?;
        out.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(out)
    }

    /// Calls `f` with every indexed article, in index order, holding one at a time (for
    /// summaries of indexes too large to hold).
    pub fn each_article(&self, mut f: impl FnMut(StoredArticle)) -> anyhow::Result<()> {
        let searcher = self.searcher();
        for reader in searcher.segment_readers() {
            let store = reader.get_store_reader(64)?;
            for doc in 0..reader.max_doc() {
                if reader.is_deleted(doc) {
                    continue;
                }
                let d: TantivyDocument = store.get(doc)?;
                f(decode(&d, &self.fields));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Format 1's stored JSON, byte for byte: an index written by the first release holds
    /// exactly this. If this test fails, the stored format changed: bump FORMAT_VERSION
    /// (and tell users to rebuild) or undo the change.
    #[test]
    fn the_stored_json_is_format_1() {
        assert_eq!(
            super::super::FORMAT_VERSION,
            1,
            "a new format needs its own sample here"
        );
        let meta = Metadata {
            section: Some("World".into()),
            authors: vec!["A. Writer".into()],
            source: Some("Wire".into()),
            dateline: Some(Dateline {
                text: "PARIS, May 3".into(),
                place: Some("PARIS".into()),
                date_text: Some("May 3".into()),
                date: Some(jiff::civil::date(2020, 5, 3)),
                agency: None,
            }),
            date: Some(jiff::civil::date(2020, 5, 3)),
            date_source: Some("dateline".into()),
            tags: vec!["t".into()],
            lang: Some("eng".into()),
        };
        let stored = Stored {
            title: Some("T".into()),
            meta,
            removed_lines: 1,
            removed: vec![(4, "share".into(), "Share this".into())],
            encoding: None,
            url: None,
        };
        let json = encode(stored.clone());
        assert_eq!(
            json,
            r#"{"title":"T","meta":{"section":"World","authors":["A. Writer"],"source":"Wire","dateline":{"text":"PARIS, May 3","place":"PARIS","date_text":"May 3","date":"2020-05-03","agency":null},"date":"2020-05-03","date_source":"dateline","tags":["t"],"lang":"eng"},"removed_lines":1,"removed":[[4,"share","Share this"]],"encoding":null}"#
        );
        let back: Stored = serde_json::from_str::<StoredMeta>(&json).unwrap().into();
        assert_eq!(back, stored);
        // Documents written before `url` (and `date_source`) were added still read.
        let old = r#"{"title":null,"meta":{"section":null,"authors":[],"source":null,"dateline":null,"date":null,"tags":[],"lang":null},"removed_lines":0,"removed":[],"encoding":null}"#;
        assert!(is_readable(old));
    }
}
