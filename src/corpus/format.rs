//! What a file holds, told by its name and, when the name does not say, by its first
//! bytes: plain text (one article), an HTML page (one article) or records (JSON or JSON
//! lines: one article per object). A `.gz` suffix is looked through: `feed.jsonl.gz` holds
//! records, `page.html.gz` a page.

use std::ffi::OsStr;
use std::io::Read;
use std::path::Path;

/// The kinds of article file newsq reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown: one article, one paragraph per line.
    Text,
    /// An HTML page: one article, its main text extracted from the DOM.
    Html,
    /// JSON or JSON lines: one article per object.
    Records,
}

const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "text", "markdown"];
const HTML_EXTENSIONS: &[&str] = &["html", "htm", "xhtml"];
const RECORD_EXTENSIONS: &[&str] = &["json", "jsonl", "ndjson"];

/// How many leading bytes [`sniff`] needs.
const SNIFF_LEN: usize = 512;

fn extension(path: &Path) -> Option<&str> {
    path.extension().and_then(OsStr::to_str)
}

/// Whether the name ends in `.gz`.
pub fn is_gz_name(path: &Path) -> bool {
    extension(path).is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// The format a file's name announces (looking through `.gz`), if any.
pub fn by_name(path: &Path) -> Option<Format> {
    let ext = if is_gz_name(path) {
        // `a.jsonl.gz` → `a.jsonl` → `jsonl`
        path.file_stem().map(Path::new).and_then(extension)?
    } else {
        extension(path)?
    };
    let is = |list: &[&str]| list.iter().any(|e| e.eq_ignore_ascii_case(ext));
    if is(TEXT_EXTENSIONS) {
        Some(Format::Text)
    } else if is(HTML_EXTENSIONS) {
        Some(Format::Html)
    } else if is(RECORD_EXTENSIONS) {
        Some(Format::Records)
    } else {
        None
    }
}

/// The format the first bytes of a (decompressed) file show, if they show one: a JSON
/// object or an array of objects, or an HTML document.
pub fn sniff(head: &[u8]) -> Option<Format> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = &head[start..];
    match head[0] {
        b'{' => return Some(Format::Records),
        b'[' => {
            let next = head[1..].iter().find(|b| !b.is_ascii_whitespace());
            return matches!(next, Some(b'{') | Some(b']')).then_some(Format::Records);
        }
        b'<' => {}
        _ => return None,
    }
    let lower: Vec<u8> = head
        .iter()
        .take(SNIFF_LEN)
        .map(u8::to_ascii_lowercase)
        .collect();
    let starts = |p: &[u8]| lower.starts_with(p);
    let html = starts(b"<!doctype html")
        || starts(b"<html")
        || (starts(b"<?xml") || starts(b"<!--") || starts(b"<head"))
            && lower.windows(5).any(|w| w == b"<html" || w == b"<head");
    html.then_some(Format::Html)
}

/// The format of a file, from its name and its first bytes (decompressed). A name that
/// says JSON or HTML is believed; a text name is believed unless the file is plainly an
/// HTML document (scrapers save raw pages as `.txt` too); any other name goes by content,
/// and plain text is the fallback.
pub fn detect(path: &Path, head: &[u8]) -> Format {
    match by_name(path) {
        Some(Format::Text) if sniff(head) == Some(Format::Html) => Format::Html,
        Some(f) => f,
        None => sniff(head).unwrap_or(Format::Text),
    }
}

/// Whether a file holds records, by its name or, for names that say nothing, by peeking
/// at its first bytes. Files that cannot be read are not records here: reading them
/// later reports the problem.
pub fn is_records_file(path: &Path) -> bool {
    match by_name(path) {
        Some(f) => f == Format::Records,
        None => peek(path).is_some_and(|head| sniff(&head) == Some(Format::Records)),
    }
}

/// The first bytes of a file, decompressed when it is gzip.
fn peek(path: &Path) -> Option<Vec<u8>> {
    let mut file = std::fs::File::open(path).ok()?;
    let mut head = Vec::with_capacity(SNIFF_LEN);
    (&mut file)
        .take(SNIFF_LEN as u64)
        .read_to_end(&mut head)
        .ok()?;
    if !super::is_gzip(path, &head) {
        return Some(head);
    }
    let file = std::fs::File::open(path).ok()?;
    let mut out = Vec::with_capacity(SNIFF_LEN);
    // A damaged stream yields what it could; the full read reports the damage.
    let _ = flate2::read::MultiGzDecoder::new(file)
        .take(SNIFF_LEN as u64)
        .read_to_end(&mut out);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_looked_through_gz() {
        assert_eq!(by_name(Path::new("a/b.TXT")), Some(Format::Text));
        assert_eq!(by_name(Path::new("b.jsonl.gz")), Some(Format::Records));
        assert_eq!(by_name(Path::new("b.NDJSON")), Some(Format::Records));
        assert_eq!(by_name(Path::new("page.htm.gz")), Some(Format::Html));
        assert_eq!(by_name(Path::new("b.gz")), None);
        assert_eq!(by_name(Path::new("b.pdf")), None);
        assert_eq!(by_name(Path::new("txt")), None);
    }

    #[test]
    fn content_decides_when_the_name_does_not() {
        assert_eq!(sniff(b"  {\"title\": 1}"), Some(Format::Records));
        assert_eq!(sniff(b"\xEF\xBB\xBF[\n  {"), Some(Format::Records));
        assert_eq!(sniff(b"[Photo] A caption"), None);
        assert_eq!(sniff(b"<!DOCTYPE html><html>"), Some(Format::Html));
        assert_eq!(sniff(b"<p>Hello</p>"), None);
        assert_eq!(sniff(b""), None);
        assert_eq!(detect(Path::new("x.txt"), b"<html><body>"), Format::Html);
        assert_eq!(detect(Path::new("x.txt"), b"{\"a\":1}"), Format::Text);
        assert_eq!(detect(Path::new("dump"), b"{\"a\":1}"), Format::Records);
        assert_eq!(detect(Path::new("notes"), b"Plain words"), Format::Text);
    }
}
