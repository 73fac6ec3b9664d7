//! Files of records: JSON and JSON lines as news scrapers and datasets write them
//! (news-please, newspaper, trafilatura, NewsAPI dumps, Hugging Face news sets).
//!
//! A file may hold one object, an array of objects, or objects one after another (JSON
//! lines, or pretty-printed objects in a row). Each object is one article: its text (under
//! the keys of [`FieldMap::text`]) goes through the same cleaner as a text file, and its
//! other fields are metadata applied over what the cleaner found (see `sidecar`).
//!
//! An article from a record is known by the file's path plus the line where its object
//! starts: `feed.jsonl:12`. When several objects start on one line (a JSON array written
//! on a single line), the byte column is added: `feed.json:1:57`. Both forms are what
//! `newsq show` and `newsq similar` take.
//!
//! A bad record (not JSON, not an object, no text) is reported with its line and skipped;
//! parsing goes on at the next line that starts an object, so one broken line costs only
//! itself.
//!
//! An object with no text of its own whose one array holds article objects is a wrapper,
//! as API responses are (NewsAPI's `{"status":"ok","totalResults":2,"articles":[...]}`,
//! `{"response":{"results":[...]}}`): its records are that array's objects, each named by
//! where it starts. The array is looked for one or two keys deep; when several hold
//! articles, one named `articles`, `results`, `items`, `data`, `docs`, `stories`,
//! `entries`, `posts` or `hits` wins; `--records-at KEY` (a dotted path allowed) names it
//! outright. Field keys are read in each record, and a key that starts with the array's
//! path is read without it: `--field text=articles.content` reads each article's
//! `content`.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use serde::Deserialize;
use serde_json::Value;

use super::sidecar::{self, FieldMap, Sidecar};

/// One article read from a file of records.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Where the record starts.
    pub at: Position,
    /// The article's text, to be cleaned (an exported record's body, to be taken as it is).
    pub text: String,
    /// What the record's other fields say.
    pub meta: Sidecar,
    /// What only newsq's own export gives, when the record is one of its documents.
    pub exported: Option<Exported>,
}

/// The fields of a `newsq export` document that no other record has: what the article's
/// cleaning found, which a re-read must keep rather than find again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    /// The body's language, as detected when the article was first cleaned.
    pub lang: Option<String>,
    /// The encoding the article's file was converted from, when it was not UTF-8.
    pub encoding: Option<String>,
}

impl Record {
    /// The article of a record newsq exported, as it was exported: its body, title,
    /// metadata and removed lines (with their rules) are taken whole, not cleaned again.
    /// `None` for other records, which are cleaned.
    pub fn exported_article(&self) -> Option<crate::clean::Article> {
        let e = self.exported.as_ref()?;
        let mut article = crate::clean::as_exported(&self.text, e.lang.clone());
        let given = crate::clean::Given {
            record: Some(self.meta.clone()),
            ..Default::default()
        };
        crate::clean::overlay(&mut article, &given);
        // The place as exported, none included: a dateline's text read again could name
        // one the first cleaning did not.
        if let Some(d) = article.meta.dateline.as_mut() {
            d.place = self.meta.place.clone();
        }
        Some(article)
    }
}

/// A `newsq export` document, as `output::export::Document` writes it. Only the fields
/// read back are named; others (a later newsq's) are ignored.
#[derive(Debug, serde::Deserialize)]
struct ExportDocument {
    id: String,
    #[allow(dead_code)] // Required, to recognise the document; the new path replaces it.
    path: String,
    url: Option<String>,
    title: Option<String>,
    body: String,
    #[serde(default)]
    authors: Vec<String>,
    source: Option<String>,
    section: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    place: Option<String>,
    dateline: Option<String>,
    date: Option<String>,
    date_source: Option<String>,
    lang: Option<String>,
    encoding: Option<String>,
    removed_lines: usize,
    #[serde(default)]
    removed: Vec<String>,
    #[serde(default)]
    removed_rules: Vec<String>,
}

/// The record of a `newsq export` document: an `id` of 32 hex digits, a `path`, a
/// `body`, and `removed_lines` that counts the `removed` lines, each with its rule. Its
/// fields are read exactly (nothing trimmed, no other key names).
fn exported(at: Position, value: &Value) -> Option<Record> {
    let doc = ExportDocument::deserialize(value).ok()?;
    let is_id = doc.id.len() == 32 && doc.id.bytes().all(|b| b.is_ascii_hexdigit());
    let consistent =
        doc.removed.len() == doc.removed_lines && doc.removed_rules.len() == doc.removed.len();
    if !is_id || !consistent {
        return None;
    }
    // Written as `{date}T00:00:00Z`: the calendar date is its first part.
    let date = match &doc.date {
        Some(d) => Some(d.get(..d.find('T').unwrap_or(d.len()))?.parse().ok()?),
        None => None,
    };
    let meta = Sidecar {
        title: doc.title,
        date,
        source: doc.source,
        authors: doc.authors,
        section: doc.section,
        tags: doc.tags,
        url: doc.url,
        dateline: doc.dateline,
        place: doc.place,
        date_source: doc.date_source,
        removed: doc.removed_rules.into_iter().zip(doc.removed).collect(),
    };
    Some(Record {
        at,
        text: doc.body,
        meta,
        exported: Some(Exported {
            lang: doc.lang,
            encoding: doc.encoding,
        }),
    })
}

/// A record that could not be read as an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRecord {
    /// Where the record starts.
    pub at: Position,
    /// What is wrong with it.
    pub reason: String,
}

/// Where a record starts in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based byte column, given only when several records start on the line.
    pub column: Option<usize>,
}

impl Position {
    /// The suffix that names the record after its file's path: `:12` or `:1:57`.
    pub fn suffix(&self) -> String {
        match self.column {
            Some(c) => format!(":{}:{c}", self.line),
            None => format!(":{}", self.line),
        }
    }
}

/// The path that names a record: the file's path with the position appended.
pub fn record_path(file: &Path, at: Position) -> PathBuf {
    let mut s = file.as_os_str().to_owned();
    s.push(at.suffix());
    PathBuf::from(s)
}

/// Splits a record's path into its file's path and the position, when the path ends in
/// `:LINE` or `:LINE:COLUMN`. The walk refuses files whose own names end that way, so
/// the split is never ambiguous.
pub fn split_record_path(path: &[u8]) -> Option<(&[u8], Position)> {
    fn number(b: &[u8]) -> Option<usize> {
        if b.is_empty() || b.len() > 12 || !b.iter().all(u8::is_ascii_digit) || b[0] == b'0' {
            return None;
        }
        std::str::from_utf8(b).ok()?.parse().ok()
    }
    let colon = path.iter().rposition(|&b| b == b':')?;
    let last = number(&path[colon + 1..])?;
    let head = &path[..colon];
    if let Some(c2) = head.iter().rposition(|&b| b == b':')
        && let Some(line) = number(&head[c2 + 1..])
        && c2 > 0
    {
        return Some((
            &head[..c2],
            Position {
                line,
                column: Some(last),
            },
        ));
    }
    if colon == 0 || path[colon - 1] == b'/' {
        return None;
    }
    Some((
        head,
        Position {
            line: last,
            column: None,
        },
    ))
}

/// Whether a file's own name ends like a record's (`name:12`): such a file could not be
/// told from a record, so it is not indexed.
pub fn looks_like_record_path(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| split_record_path(n.as_encoded_bytes()).is_some())
}

/// Reads every record of a file's text, in file order.
pub fn parse(text: &str, fields: &FieldMap) -> Vec<Result<Record, BadRecord>> {
    let starts = line_starts(text);
    let mut found: Vec<(usize, Result<Value, String>)> = Vec::new();
    let bytes = text.as_bytes();
    // A byte-order mark the decoder left (text given directly) is not a record.
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut pos = skip_space(bytes, bom);
    if bytes.get(pos) == Some(&b'[') {
        pos = parse_array(text, pos, &starts, &mut found);
    }
    parse_stream(text, pos, &starts, &mut found);
    let found = unwrap_wrappers(text, found, &starts, fields);

    // Records that share a line are told apart by their columns.
    let lines: Vec<usize> = found.iter().map(|(p, _, _)| line_of(&starts, *p)).collect();
    found
        .into_iter()
        .enumerate()
        .map(|(i, (p, value, map))| {
            let line = lines[i];
            let shared = (i > 0 && lines[i - 1] == line) || lines.get(i + 1) == Some(&line);
            let at = Position {
                line,
                column: shared.then(|| p - starts[line - 1] + 1),
            };
            let value = value.map_err(|reason| BadRecord { at, reason })?;
            record(at, &value, map.as_deref().unwrap_or(fields))
        })
        .collect()
}

/// Names of arrays that hold the records of a wrapping object, in the APIs and dumps seen:
/// the tie-break when several arrays hold articles.
const RECORD_ARRAYS: &[&str] = &[
    "articles", "results", "items", "data", "docs", "stories", "entries", "posts", "hits",
];

/// A value found at the top level of a file, or inside a wrapper: where it starts, the
/// value (or why it could not be read), and the field map of the wrapper's array.
type Found = (usize, Result<Value, String>, Option<Rc<FieldMap>>);

/// Replaces each wrapping object among the top-level values by the records of its array.
fn unwrap_wrappers(
    text: &str,
    top: Vec<(usize, Result<Value, String>)>,
    starts: &[usize],
    fields: &FieldMap,
) -> Vec<Found> {
    let mut out = Vec::with_capacity(top.len());
    for (pos, value) in top {
        let array = value
            .as_ref()
            .ok()
            .and_then(|v| records_array(v, fields))
            .and_then(|path| Some((value_at(text, pos, &path)?, path)));
        let Some((at, path)) = array else {
            out.push((pos, value, None));
            continue;
        };
        let map = Rc::new(fields.relative_to(&path.join(".")));
        let mut elements = Vec::new();
        parse_array(text, at, starts, &mut elements);
        out.extend(elements.into_iter().map(|(p, v)| (p, v, Some(map.clone()))));
    }
    out
}

/// The key path of the array that holds the records of `v`, when `v` wraps records (see
/// the module documentation).
fn records_array(v: &Value, fields: &FieldMap) -> Option<Vec<String>> {
    let obj = v.as_object()?;
    if let Some(key) = &fields.records_at {
        let path: Vec<String> = if obj.contains_key(key) {
            vec![key.clone()]
        } else {
            key.split('.').map(str::to_owned).collect()
        };
        let at = path.iter().try_fold(v, |at, k| at.get(k))?;
        return at.is_array().then_some(path);
    }
    if has_text(v, fields) {
        return None;
    }
    let holds_articles = |path: &[String], items: &[Value]| {
        if items.is_empty() {
            return path
                .last()
                .is_some_and(|k| RECORD_ARRAYS.contains(&k.as_str()));
        }
        let map = fields.relative_to(&path.join("."));
        items.iter().all(Value::is_object) && items.iter().any(|i| has_text(i, &map))
    };
    let found: Vec<Vec<String>> = arrays_in(v)
        .into_iter()
        .filter(|(path, items)| holds_articles(path, items))
        .map(|(path, _)| path)
        .collect();
    if found.len() == 1 {
        return found.into_iter().next();
    }
    let mut named = found.into_iter().filter(|p| {
        p.last()
            .is_some_and(|k| RECORD_ARRAYS.contains(&k.as_str()))
    });
    match (named.next(), named.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// The arrays of an object, one or two keys deep, with their key paths.
fn arrays_in(v: &Value) -> Vec<(Vec<String>, &[Value])> {
    let mut out = Vec::new();
    let Some(obj) = v.as_object() else {
        return out;
    };
    for (k, x) in obj {
        match x {
            Value::Array(items) => out.push((vec![k.clone()], items.as_slice())),
            Value::Object(inner) => {
                for (k2, y) in inner {
                    if let Value::Array(items) = y {
                        out.push((vec![k.clone(), k2.clone()], items.as_slice()));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Whether a value holds an article's text under the keys of `fields`.
fn has_text(v: &Value, fields: &FieldMap) -> bool {
    v.is_object()
        && (text_of(v, &fields.text).is_some() || text_of(v, &fields.text_fallback).is_some())
}

/// The byte offset of the value at `path` in the object that starts at `pos` of `text`
/// (the last of duplicate keys, as serde_json keeps).
fn value_at(text: &str, mut pos: usize, path: &[String]) -> Option<usize> {
    use serde::de::IgnoredAny;
    let bytes = text.as_bytes();
    for part in path {
        if bytes.get(pos) != Some(&b'{') {
            return None;
        }
        pos += 1;
        let mut found = None;
        loop {
            pos = skip_space(bytes, pos);
            match bytes.get(pos)? {
                b'}' => break,
                b',' => {
                    pos += 1;
                    continue;
                }
                _ => {}
            }
            let (key, end) = parse_as::<String>(text, pos)?;
            pos = skip_space(bytes, end);
            if bytes.get(pos) != Some(&b':') {
                return None;
            }
            pos = skip_space(bytes, pos + 1);
            if key == *part {
                found = Some(pos);
            }
            pos = parse_as::<IgnoredAny>(text, pos)?.1;
        }
        pos = found?;
    }
    Some(pos)
}

/// One JSON value of type `T` at `pos`, and the offset just past it.
fn parse_as<T: serde::de::DeserializeOwned>(text: &str, pos: usize) -> Option<(T, usize)> {
    let mut stream = serde_json::Deserializer::from_str(&text[pos..]).into_iter::<T>();
    let value = stream.next()?.ok()?;
    Some((value, pos + stream.byte_offset()))
}

/// Turns one parsed value into a record.
fn record(at: Position, value: &Value, fields: &FieldMap) -> Result<Record, BadRecord> {
    let bad = |reason: String| BadRecord { at, reason };
    if !value.is_object() {
        return Err(bad(format!("not an object but {}", kind(value))));
    }
    if let Some(record) = exported(at, value) {
        return Ok(record);
    }
    let text = text_of(value, &fields.text).or_else(|| text_of(value, &fields.text_fallback));
    let Some(text) = text else {
        let mut tried = fields.text.clone();
        tried.extend(fields.text_fallback.iter().cloned());
        // A wrapper newsq could not tell the array of: name the candidates.
        let arrays: Vec<String> = arrays_in(value)
            .into_iter()
            .filter(|(_, items)| !items.is_empty() && items.iter().all(Value::is_object))
            .map(|(path, _)| path.join("."))
            .collect();
        let hint = if arrays.is_empty() {
            "choose the key with --field text=KEY".to_owned()
        } else {
            format!(
                "it holds arrays of objects under {}: name the one of articles with --records-at KEY, or choose the text's key with --field text=KEY",
                arrays.join(", ")
            )
        };
        return Err(bad(format!(
            "no text: none of the keys {} holds any ({hint})",
            tried.join(", ")
        )));
    };
    Ok(Record {
        at,
        text,
        meta: sidecar::from_value_with(value, fields),
        exported: None,
    })
}

/// The text under the first of `keys` that holds some: a string, or a list of strings
/// (paragraphs). Text that is HTML markup is turned into lines first.
fn text_of(value: &Value, keys: &[String]) -> Option<String> {
    keys.iter().find_map(|k| {
        let text = match sidecar::lookup(value, k)? {
            Value::String(s) => s.clone(),
            Value::Array(items) => items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("\n"),
            _ => return None,
        };
        let text = without_truncation_mark(text);
        if text.trim().is_empty() {
            return None;
        }
        Some(if looks_like_markup(&text) {
            super::html::extract(&text).text
        } else {
            text
        })
    })
}

/// The text without the mark NewsAPI puts where it cut a story short (`… [+1234 chars]`):
/// a count of what is missing, not words of the story.
fn without_truncation_mark(mut text: String) -> String {
    let trimmed = text.trim_end();
    if let Some(open) = trimmed.rfind("[+")
        && let Some(count) = trimmed[open + 2..].strip_suffix(" chars]")
        && !count.is_empty()
        && count.bytes().all(|b| b.is_ascii_digit())
    {
        let kept = trimmed[..open].trim_end().len();
        text.truncate(kept);
    }
    text
}

/// Whether a record's text is HTML (some datasets keep the article's markup).
fn looks_like_markup(text: &str) -> bool {
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    ["</p>", "<p>", "<br>", "<br/>", "<br />", "</div>"]
        .iter()
        .any(|t| head.contains(t))
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Byte offsets where lines start.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// The 1-based line holding byte `pos`.
fn line_of(starts: &[usize], pos: usize) -> usize {
    starts.partition_point(|&s| s <= pos).max(1)
}

fn skip_space(bytes: &[u8], mut pos: usize) -> usize {
    while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
        pos += 1;
    }
    pos
}

/// Parses one JSON value at `pos`: the value and the offset just past it, or the error
/// (its message, with the position counted from the file's start).
fn parse_one(text: &str, pos: usize, starts: &[usize]) -> Result<(Value, usize), String> {
    let mut stream = serde_json::Deserializer::from_str(&text[pos..]).into_iter::<Value>();
    match stream.next() {
        Some(Ok(v)) => Ok((v, pos + stream.byte_offset())),
        Some(Err(e)) => Err(json_error(&e, pos, starts)),
        None => Err("not valid JSON: nothing to read".into()),
    }
}

/// serde_json's message, with its position made absolute (it counts from where the
/// value started).
fn json_error(e: &serde_json::Error, pos: usize, starts: &[usize]) -> String {
    let msg = e.to_string();
    let msg = match msg.rfind(" at line ") {
        Some(i) if e.line() > 0 => msg[..i].to_owned(),
        _ => msg,
    };
    // serde_json puts an error at the end of a line in column 0 of the next: no help.
    if e.line() == 0 || e.column() == 0 {
        return format!("not valid JSON: {msg}");
    }
    let line0 = line_of(starts, pos);
    let line = line0 + e.line() - 1;
    let column = if e.line() == 1 {
        pos - starts[line0 - 1] + e.column()
    } else {
        e.column()
    };
    format!("not valid JSON: {msg} (line {line}, column {column})")
}

/// Where to go on after a broken record that started at `pos`: the next line that opens
/// an object (or array) no deeper than the broken one did, so the inner lines of a broken
/// pretty-printed object are not taken for records.
fn resume_after(text: &str, pos: usize, starts: &[usize]) -> usize {
    let line = line_of(starts, pos);
    let indent = pos - starts[line - 1];
    for &s in &starts[line..] {
        let rest = &text.as_bytes()[s..];
        let lead = rest
            .iter()
            .take_while(|b| **b == b' ' || **b == b'\t')
            .count();
        if lead <= indent && matches!(rest.get(lead), Some(b'{' | b'[')) {
            return s + lead;
        }
    }
    text.len()
}

/// Reads the value at `pos` into `found` (or the reason it cannot be read); returns where
/// the next one may start.
fn take_one(
    text: &str,
    pos: usize,
    starts: &[usize],
    found: &mut Vec<(usize, Result<Value, String>)>,
) -> usize {
    match parse_one(text, pos, starts) {
        Ok((v, end)) => {
            found.push((pos, Ok(v)));
            end
        }
        Err(e) => {
            found.push((pos, Err(e)));
            resume_after(text, pos, starts)
        }
    }
}

/// Values one after another (JSON lines, or objects in a row), from `pos` to the end.
fn parse_stream(
    text: &str,
    mut pos: usize,
    starts: &[usize],
    found: &mut Vec<(usize, Result<Value, String>)>,
) {
    let bytes = text.as_bytes();
    loop {
        pos = skip_space(bytes, pos);
        if pos >= bytes.len() {
            return;
        }
        pos = take_one(text, pos, starts, found);
    }
}

/// The elements of a top-level array starting at `pos` (`[`), each with its own offset;
/// returns the offset after the array.
fn parse_array(
    text: &str,
    mut pos: usize,
    starts: &[usize],
    found: &mut Vec<(usize, Result<Value, String>)>,
) -> usize {
    let bytes = text.as_bytes();
    pos += 1;
    loop {
        pos = skip_space(bytes, pos);
        match bytes.get(pos) {
            None => {
                return pos;
            }
            Some(b']') => return pos + 1,
            Some(b',') => {
                pos += 1;
                continue;
            }
            Some(_) => {}
        }
        pos = take_one(text, pos, starts, found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Vec<Record> {
        parse(text, &FieldMap::default())
            .into_iter()
            .map(|r| r.expect("good record"))
            .collect()
    }

    #[test]
    fn json_lines_with_a_bad_line() {
        let text = "{\"title\":\"A\",\"text\":\"Alpha story.\"}\n\
                    {\"title\": broken\n\
                    \n\
                    [1, 2]\n\
                    {\"title\":\"B\",\"maintext\":\"Beta story.\",\"authors\":[\"Jane Roe\"],\"date_publish\":\"2024-05-16 08:00:00\"}\n\
                    {\"title\":\"C\"}\n";
        let all = parse(text, &FieldMap::default());
        assert_eq!(all.len(), 5);
        let a = all[0].as_ref().unwrap();
        assert_eq!((a.at.line, a.text.as_str()), (1, "Alpha story."));
        let bad = all[1].as_ref().unwrap_err();
        assert_eq!(bad.at.line, 2);
        assert!(bad.reason.contains("not valid JSON"), "{}", bad.reason);
        assert!(bad.reason.contains("line 2"), "{}", bad.reason);
        assert!(
            all[2]
                .as_ref()
                .unwrap_err()
                .reason
                .contains("not an object")
        );
        let b = all[3].as_ref().unwrap();
        assert_eq!(
            b.at,
            Position {
                line: 5,
                column: None
            }
        );
        assert_eq!(b.meta.authors, ["Jane Roe"]);
        assert_eq!(b.meta.date, Some(jiff::civil::date(2024, 5, 16)));
        let c = all[4].as_ref().unwrap_err();
        assert!(c.reason.starts_with("no text"), "{}", c.reason);
    }

    #[test]
    fn arrays_pretty_and_on_one_line() {
        let pretty = "[\n  {\n    \"headline\": \"A\",\n    \"body\": \"Alpha.\"\n  },\n  {\n    \"title\": \"B\", \"content\": [\"Beta one.\", \"Beta two.\"]\n  }\n]\n";
        let r = ok(pretty);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].at.line, 2);
        assert_eq!(r[0].meta.title.as_deref(), Some("A"));
        assert_eq!(r[1].at.line, 6);
        assert_eq!(r[1].text, "Beta one.\nBeta two.");
        let one_line = r#"[{"title":"A","text":"x"},{"title":"B","text":"y"}]"#;
        let r = ok(one_line);
        assert_eq!(
            r[0].at,
            Position {
                line: 1,
                column: Some(2)
            }
        );
        assert_eq!(r[1].at.suffix(), ":1:27");
    }

    #[test]
    fn one_pretty_object_and_fallback_text() {
        let r = ok("{\n  \"title\": \"Only\",\n  \"description\": \"A summary.\"\n}\n");
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].text, "A summary.");
        assert_eq!(r[0].at.suffix(), ":1");
    }

    #[test]
    fn markup_in_text_becomes_lines() {
        let r = ok(r#"{"content": "<p>First para.</p><p>Second &amp; last.</p>"}"#);
        assert_eq!(r[0].text, "First para.\nSecond & last.");
    }

    #[test]
    fn overridden_keys() {
        let map = FieldMap::with_overrides(&[
            ("text".into(), "story".into()),
            ("title".into(), "hed".into()),
            ("source".into(), "source.name".into()),
        ])
        .unwrap();
        let r = parse(
            r#"{"hed":"H","story":"S.","text":"not this","source":{"id":"x","name":"Daily"}}"#,
            &map,
        );
        let r = r[0].as_ref().unwrap();
        assert_eq!(r.text, "S.");
        assert_eq!(r.meta.title.as_deref(), Some("H"));
        assert_eq!(r.meta.source.as_deref(), Some("Daily"));
        assert!(FieldMap::with_overrides(&[("colour".into(), "x".into())]).is_err());
        // With the text key replaced, the fallbacks are gone too.
        assert!(parse(r#"{"description":"d"}"#, &map)[0].is_err());
    }

    #[test]
    fn a_wrapper_is_read_as_the_records_of_its_array() {
        let newsapi = r#"{"status":"ok","totalResults":2,
 "articles":[
  {"source":{"id":null,"name":"Harbor Times"},"author":"Jane Roe","title":"Cranes idle",
   "description":"Dock workers strike.","publishedAt":"2024-05-16T08:00:00Z",
   "content":"Cranes stood idle at the terminal on Thursday… [+1234 chars]"},
  {"source":{"name":"Elm Times"},"title":"Bakery wins","content":null,
   "description":"The bakery won the prize."}
 ]}"#;
        let r = ok(newsapi);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].at.suffix(), ":3");
        assert_eq!(r[0].text, "Cranes stood idle at the terminal on Thursday…");
        assert_eq!(r[0].meta.source.as_deref(), Some("Harbor Times"));
        assert_eq!(r[0].meta.authors, ["Jane Roe"]);
        assert_eq!(r[0].meta.date, Some(jiff::civil::date(2024, 5, 16)));
        assert_eq!(r[1].at.suffix(), ":6");
        assert_eq!(r[1].text, "The bakery won the prize.");
        // Two keys deep, on one line, with another array beside it that holds no articles.
        let guardian = r#"{"response":{"status":"ok","tags":[{"id":"a"}],"results":[{"body":"One."},{"body":"Two."}]}}"#;
        let r = ok(guardian);
        assert_eq!(
            r.iter().map(|r| r.text.as_str()).collect::<Vec<_>>(),
            ["One.", "Two."]
        );
        assert_eq!(r[0].at.suffix(), ":1:59");
        // An empty page of results is no record, and no error.
        assert!(
            parse(
                r#"{"status":"ok","totalResults":0,"articles":[]}"#,
                &FieldMap::default()
            )
            .is_empty()
        );
        // An article that has text of its own and a list of objects is one article.
        let r = ok(r#"{"text":"Story.","images":[{"text":"caption"}]}"#);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].text, "Story.");
    }

    #[test]
    fn records_at_and_keys_relative_to_each_record() {
        let dump = "{\"page\":1,\"feed\":{\"stories\":[{\"hed\":\"A\",\"copy\":\"Alpha.\"}]},\"more\":[{\"copy\":\"Not a story.\"}]}\n\
                    {\"page\":2,\"feed\":{\"stories\":[{\"hed\":\"B\",\"copy\":\"Beta.\"}]}}\n";
        let mut map = FieldMap::with_overrides(&[
            ("text".into(), "feed.stories.copy".into()),
            ("title".into(), "hed".into()),
        ])
        .unwrap();
        map.records_at = Some("feed.stories".into());
        let r: Vec<Record> = parse(dump, &map).into_iter().map(Result::unwrap).collect();
        assert_eq!(
            r.iter()
                .map(|r| (r.text.as_str(), r.meta.title.as_deref()))
                .collect::<Vec<_>>(),
            [("Alpha.", Some("A")), ("Beta.", Some("B"))]
        );
        // Without --records-at the dotted key alone finds the array: its objects hold text
        // under it.
        map.records_at = None;
        let r: Vec<Record> = parse(dump, &map).into_iter().map(Result::unwrap).collect();
        assert_eq!(r.len(), 2);
        // Two arrays of articles and neither of a usual name: the error names them.
        let two = r#"{"a":[{"text":"x"}],"b":[{"text":"y"}]}"#;
        let err = parse(two, &FieldMap::default())[0].clone().unwrap_err();
        assert!(
            err.reason.contains(
                "arrays of objects under a, b: name the one of articles with --records-at KEY"
            ),
            "{}",
            err.reason
        );
    }

    #[test]
    fn newsq_export_documents_are_known_by_their_fields() {
        let doc = r#"{"id":"0123456789abcdef0123456789abcdef","path":"/a.txt","body":"B.","removed_lines":1,"removed":["x"],"removed_rules":["read-more"],"lang":"eng"}"#;
        let r = &ok(doc)[0];
        let exported = r.exported.as_ref().expect("an export");
        assert_eq!(exported.lang.as_deref(), Some("eng"));
        assert_eq!(r.meta.removed, [("read-more".to_owned(), "x".to_owned())]);
        // A count that does not add up, an id that is none: ordinary records, cleaned.
        for other in [
            r#"{"id":"0123456789abcdef0123456789abcdef","path":"/a.txt","body":"B.","removed_lines":2,"removed":["x"],"removed_rules":["read-more"]}"#,
            r#"{"id":"42","path":"/a.txt","body":"B.","removed_lines":0}"#,
            r#"{"id":"0123456789abcdef0123456789abcdef","body":"B.","removed_lines":0}"#,
        ] {
            assert!(ok(other)[0].exported.is_none(), "{other}");
        }
    }

    #[test]
    fn record_paths_round_trip() {
        let at = Position {
            line: 12,
            column: None,
        };
        let p = record_path(Path::new("a/feed.jsonl"), at);
        assert_eq!(p, PathBuf::from("a/feed.jsonl:12"));
        let raw = p.as_os_str().as_encoded_bytes();
        assert_eq!(split_record_path(raw), Some((&b"a/feed.jsonl"[..], at)));
        let at2 = Position {
            line: 1,
            column: Some(57),
        };
        let p = record_path(Path::new("/x/f.json"), at2);
        assert_eq!(
            split_record_path(p.as_os_str().as_encoded_bytes()),
            Some((&b"/x/f.json"[..], at2))
        );
        assert_eq!(split_record_path(b"/x/a.txt"), None);
        assert_eq!(split_record_path(b"/x/a:0"), None);
        assert_eq!(split_record_path(b"/x/:3"), None);
        assert!(looks_like_record_path(Path::new("notes:2024")));
        assert!(!looks_like_record_path(Path::new("notes.txt")));
    }

    proptest::proptest! {
        #[test]
        fn any_text_parses_without_panic(text in "\\PC{0,200}") {
            let _ = parse(&text, &FieldMap::default());
        }

        #[test]
        fn json_lines_give_one_record_per_line(texts in proptest::collection::vec("[a-z]{1,12}( [a-z]{1,12}){0,8}", 1..8)) {
            let lines: Vec<String> = texts
                .iter()
                .map(|t| serde_json::json!({"title": t, "text": t}).to_string())
                .collect();
            let records = parse(&lines.join("\n"), &FieldMap::default());
            proptest::prop_assert_eq!(records.len(), texts.len());
            for (i, r) in records.iter().enumerate() {
                let r = r.as_ref().unwrap();
                proptest::prop_assert_eq!(r.at, Position { line: i + 1, column: None });
                proptest::prop_assert_eq!(&r.text, &texts[i]);
            }
        }
    }

    #[test]
    fn garbage_never_panics() {
        for s in [
            "",
            "[",
            "]",
            "{",
            "[{",
            "[1,",
            "{}{}{",
            "\u{feff}[]",
            "[{\"text\":\"a\"} {\"text\":\"b\"}]",
            "\"str\"",
            "nul",
            "[[[[",
            "{\"text\": 1e999}",
        ] {
            let _ = parse(s, &FieldMap::default());
        }
    }
}
