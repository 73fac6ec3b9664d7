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
        .or_else(|| doc.get_first(fields.body_text))
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
    let store = searcher
        .segment_reader(addr.segment_ord)
        .get_store_reader(1)
        .context("opening the document store")?;
    Ok(decode(&read_doc(&store, addr.doc_id)?, fields))
}

/// Reads stored document `doc` of a segment's store, checking every length it declares
/// against the bytes there are. tantivy's own reader allocates whatever a length says
/// before reading, so one damaged byte in a `.store` file would abort the process on a
/// petabyte allocation instead of giving an error.
pub(crate) fn read_doc(
    store: &tantivy::store::StoreReader,
    doc: tantivy::DocId,
) -> anyhow::Result<TantivyDocument> {
    let bytes = store
        .get_document_bytes(doc)
        .context("reading a stored article")?;
    parse_doc(bytes.as_slice())
        .ok_or_else(|| anyhow::anyhow!("reading a stored article: the document store is damaged"))
}

/// Parses tantivy's binary document format for the value types newsq stores (text and
/// bytes); `None` for anything that does not fit the bytes or the schema's types.
fn parse_doc(mut bytes: &[u8]) -> Option<TantivyDocument> {
    const TEXT: u8 = 0;
    const BYTES: u8 = 4;
    fn vint(bytes: &mut &[u8]) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = bytes.split_first()?;
            *bytes = rest;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 != 0 {
                return Some(value);
            }
        }
        None
    }
    fn take<'a>(bytes: &mut &'a [u8], n: u64) -> Option<&'a [u8]> {
        let n = usize::try_from(n).ok().filter(|&n| n <= bytes.len())?;
        let (head, rest) = bytes.split_at(n);
        *bytes = rest;
        Some(head)
    }
    let count = vint(&mut bytes)?;
    let mut doc = TantivyDocument::new();
    for _ in 0..count {
        let id = u32::from_le_bytes(take(&mut bytes, 4)?.try_into().ok()?);
        // The document type holds field ids up to u16::MAX and panics beyond.
        let field = tantivy::schema::Field::from_field_id(u32::from(u16::try_from(id).ok()?));
        let (&code, rest) = bytes.split_first()?;
        bytes = rest;
        let len = vint(&mut bytes)?;
        let value = take(&mut bytes, len)?;
        match code {
            TEXT => doc.add_text(field, std::str::from_utf8(value).ok()?),
            BYTES => doc.add_bytes(field, value),
            _ => return None,
        }
    }
    bytes.is_empty().then_some(doc)
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
        self.lookup_indexed(&path_key(path))
    }

    /// Looks an article up by its path exactly as indexed (absolute, folders resolved),
    /// touching no file: for a server, whose requests must not reach the file system.
    pub fn lookup_indexed(&self, key: &Path) -> anyhow::Result<Option<StoredArticle>> {
        let term = Term::from_field_bytes(self.fields.path_raw, path_bytes(key));
        let query = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
        let searcher = self.searcher();
        let top = searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .context("looking the article up")?;
        let Some((_, addr)) = top.into_iter().next() else {
            return Ok(None);
        };
        let mut article = read(&searcher, &self.fields, addr)?;
        article.path = key.to_path_buf();
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
                f(decode(&read_doc(&store, doc)?, &self.fields));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stored JSON, byte for byte, as formats 1 and 2 hold it (format 2 changed the
    /// schema's fields and analyzers, not this JSON). If this test fails, the stored
    /// format changed: bump FORMAT_VERSION (and tell users to rebuild) or undo the change.
    #[test]
    fn the_stored_json_is_that_of_formats_1_and_2() {
        assert_eq!(
            super::super::FORMAT_VERSION,
            2,
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

    /// The checked reader reads what tantivy wrote, and refuses every damaged length
    /// tantivy's own reader would have trusted.
    #[test]
    fn stored_documents_read_as_tantivy_wrote_them_and_damage_is_an_error() {
        let schema = super::super::schema::build();
        let fields = Fields::new(&schema).unwrap();
        let index = tantivy::Index::create_in_ram(schema);
        super::super::schema::register_analyzers(&index);
        let mut writer: tantivy::IndexWriter =
            index.writer_with_num_threads(1, 15_000_000).unwrap();
        let mut doc = TantivyDocument::new();
        doc.add_bytes(fields.path_raw, b"a/\xffb.txt".as_slice());
        doc.add_text(fields.title, "Harbin expo opens");
        doc.add_text(fields.body, "The expo, in Harbin. ".repeat(40));
        doc.add_text(fields.meta, r#"{"title":"Harbin expo opens"}"#);
        doc.add_date(fields.date, tantivy::DateTime::from_timestamp_secs(86_400));
        writer.add_document(doc).unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let store = searcher.segment_reader(0).get_store_reader(1).unwrap();
        let theirs: TantivyDocument = store.get(0).unwrap();
        let ours = read_doc(&store, 0).unwrap();
        assert_eq!(ours, theirs);

        let bytes = store.get_document_bytes(0).unwrap().as_slice().to_vec();
        assert!(parse_doc(&bytes).is_some());
        let mut rng = 7u64;
        for _ in 0..2_000 {
            rng = rng
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let mut damaged = bytes.clone();
            let at = (rng >> 33) as usize % damaged.len();
            damaged[at] = (rng >> 8) as u8;
            // Either it still parses within its bytes or it is refused: never a panic,
            // never an allocation larger than the document.
            if let Some(doc) = parse_doc(&damaged) {
                let held: usize = doc
                    .field_values()
                    .map(|(_, v)| {
                        use tantivy::schema::document::Value as _;
                        v.as_str().map_or(0, str::len) + v.as_bytes().map_or(0, <[u8]>::len)
                    })
                    .sum();
                assert!(held <= damaged.len());
            }
        }
        let mut cut = bytes.clone();
        cut.pop();
        assert!(parse_doc(&cut).is_none(), "a cut document is refused");
        // A length of 2^60 where the title's length was.
        let mut huge = bytes.clone();
        let title_len = bytes
            .windows(b"Harbin expo opens".len())
            .position(|w| w == b"Harbin expo opens")
            .unwrap()
            - 1;
        huge.splice(
            title_len..=title_len,
            [0xff, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x8f],
        );
        assert!(parse_doc(&huge).is_none());
    }
}
