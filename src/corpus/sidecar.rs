//! Metadata given beside an article's text: a sidecar file `article.txt.meta.json` beside
//! `article.txt`, the fields of a JSON record, or an HTML page's meta tags. It gives what
//! the text does not say (the publication date above all), as scrapers and datasets
//! record it, and it wins over what the cleaner found in the text.
//!
//! Keys are read leniently, under the names common scrapers and datasets use (see
//! [`FieldMap::default`]): `title`, `headline`; `date_publish`, `datePublished`,
//! `published`, `date`, ...; `source`, `publisher`, `sitename`, `source_domain`, ...;
//! `authors`, `author`, `byline`; `section`, `category`; `tags`, `keywords`; `url`;
//! `dateline`, `place`. A value may be a string, a list of strings, or an object with a
//! `name` (as JSON-LD and NewsAPI write authors and publishers); a date may also be a Unix
//! time in seconds or milliseconds.
//!
//! What `newsq export` writes reads back whole: besides the fields above, `removed` (the
//! lines the cleaner removed, searchable as `removed:word` and counted again) with
//! `removed_rules` (the rule of each, in parallel), and `date_source` (where the date was
//! first found), so an export indexed again keeps them.

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde_json::Value;

/// Suffix of a sidecar file, appended to the article's file name.
pub const SUFFIX: &str = ".meta.json";

/// Metadata read from a sidecar file (or a record's fields, or a page's meta tags):
/// what one source declares, which the cleaner lays over what it finds.
pub type Sidecar = crate::clean::Declared;

/// The values `date_source` takes (see `clean::Metadata`).
const DATE_SOURCES: &[&str] = &[
    "timestamp",
    "byline",
    "dateline",
    "sidecar",
    "record",
    "page",
];

/// The key, beside those of [`FieldMap::removed`], that names the rule of each removed
/// line, as `newsq export` writes it.
const REMOVED_RULES: &str = "removed_rules";

/// The key of where a date was found, as `newsq export` writes it.
const DATE_SOURCE: &str = "date_source";

/// The JSON keys each field is read from, tried in order: the first that holds a value
/// wins. A key with dots (`source.name`) also reaches into nested objects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMap {
    /// Headline.
    pub title: Vec<String>,
    /// The article's text (JSON records only).
    pub text: Vec<String>,
    /// Read for the text only when no key of `text` holds one (a summary beats nothing).
    pub text_fallback: Vec<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// Publication date.
    pub date: Vec<String>,
    /// Publisher.
    pub source: Vec<String>,
    /// Site section.
    pub section: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Web address.
    pub url: Vec<String>,
    /// The dateline as written.
    pub dateline: Vec<String>,
    /// The dateline's place.
    pub place: Vec<String>,
    /// Lines removed as boilerplate before (a list of strings, as `newsq export` writes).
    pub removed: Vec<String>,
    /// The key (a dotted path allowed) of the array that holds the records, in a JSON
    /// object that wraps them (`--records-at`); `None` finds it (see `records`).
    pub records_at: Option<String>,
}

/// The field names `--field NAME=KEY` accepts.
pub const FIELD_NAMES: &[&str] = &[
    "title", "text", "authors", "date", "source", "section", "tags", "url", "dateline", "place",
    "removed",
];

fn keys(list: &[&str]) -> Vec<String> {
    list.iter().map(|k| (*k).to_owned()).collect()
}

impl Default for FieldMap {
    /// The names news-please, newspaper, trafilatura, NewsAPI, schema.org and common
    /// datasets use.
    fn default() -> Self {
        FieldMap {
            title: keys(&["title", "headline", "title_page", "title_rss"]),
            text: keys(&[
                "text",
                "maintext",
                "body",
                "content",
                "article",
                "articleBody",
                "article_text",
                "story",
            ]),
            text_fallback: keys(&["description", "summary", "abstract"]),
            authors: keys(&["authors", "author", "byline", "creator"]),
            date: keys(&[
                "date_publish",
                "date_published",
                "datePublished",
                "published_at",
                "publishedAt",
                "published",
                "pubDate",
                "date",
            ]),
            source: keys(&[
                "source",
                "publisher",
                "sitename",
                "site_name",
                "source_domain",
            ]),
            section: keys(&["section", "category", "categories"]),
            tags: keys(&["tags", "keywords"]),
            url: keys(&["url", "link", "canonical_url"]),
            dateline: keys(&["dateline"]),
            place: keys(&["place"]),
            removed: keys(&["removed"]),
            records_at: None,
        }
    }
}

impl FieldMap {
    /// The default map with `overrides` applied: each `(field, keys)` pair replaces the
    /// default keys of that field (its fallbacks too); several pairs for one field add up,
    /// in order. `field` is one of [`FIELD_NAMES`] (`author` and `tag` also do).
    pub fn with_overrides(overrides: &[(String, String)]) -> Result<FieldMap, String> {
        let mut map = FieldMap::default();
        let mut replaced: Vec<&str> = Vec::new();
        for (field, key) in overrides {
            let name = match field.as_str() {
                "author" => "authors",
                "tag" => "tags",
                other => other,
            };
            let list = match name {
                "title" => &mut map.title,
                "text" => &mut map.text,
                "authors" => &mut map.authors,
                "date" => &mut map.date,
                "source" => &mut map.source,
                "section" => &mut map.section,
                "tags" => &mut map.tags,
                "url" => &mut map.url,
                "dateline" => &mut map.dateline,
                "place" => &mut map.place,
                "removed" => &mut map.removed,
                _ => {
                    return Err(format!(
                        "unknown field {field:?}: use one of {}",
                        FIELD_NAMES.join(", ")
                    ));
                }
            };
            if !replaced.contains(&name) {
                list.clear();
                if name == "text" {
                    map.text_fallback.clear();
                }
                replaced.push(name);
            }
            list.extend(
                key.split(',')
                    .map(str::trim)
                    .filter(|k| !k.is_empty())
                    .map(str::to_owned),
            );
        }
        Ok(map)
    }
}

impl FieldMap {
    /// The map for the records of the array at `array` (a dotted path) of a wrapping
    /// object: a key that starts with the array's path reads the rest of it in each
    /// record (`--field text=articles.content` is each article's `content`, as a user
    /// reading the wrapper would write it); other keys are read in each record as they
    /// are.
    pub fn relative_to(&self, array: &str) -> FieldMap {
        let prefix = format!("{array}.");
        let strip = |list: &[String]| -> Vec<String> {
            list.iter()
                .map(|k| k.strip_prefix(&prefix).unwrap_or(k).to_owned())
                .collect()
        };
        FieldMap {
            title: strip(&self.title),
            text: strip(&self.text),
            text_fallback: strip(&self.text_fallback),
            authors: strip(&self.authors),
            date: strip(&self.date),
            source: strip(&self.source),
            section: strip(&self.section),
            tags: strip(&self.tags),
            url: strip(&self.url),
            dateline: strip(&self.dateline),
            place: strip(&self.place),
            removed: strip(&self.removed),
            records_at: None,
        }
    }
}

/// The value under `key`: a plain key first, else a dotted path into nested objects.
pub(super) fn lookup<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    if let Some(x) = v.get(key) {
        return Some(x);
    }
    if !key.contains('.') {
        return None;
    }
    key.split('.').try_fold(v, |at, part| at.get(part))
}

/// A string value: a string, the first string of a list, or an object's `name`.
fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => {
            Some(crate::clean::decode_entities(s.trim()).into_owned())
        }
        Value::Array(a) => a.iter().find_map(as_text),
        Value::Object(_) => v.get("name").and_then(as_text),
        _ => None,
    }
}

/// The sidecar path of an article.
pub fn path_for(article: &Path) -> PathBuf {
    let mut name = article.as_os_str().to_owned();
    name.push(SUFFIX);
    PathBuf::from(name)
}

/// Whether a path is itself a sidecar file.
pub fn is_sidecar(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.as_encoded_bytes().ends_with(SUFFIX.as_bytes()))
}

fn first_str(v: &Value, keys: &[String]) -> Option<String> {
    keys.iter().find_map(|k| as_text(lookup(v, k)?))
}

fn list(v: &Value, keys: &[String]) -> Vec<String> {
    for k in keys {
        match lookup(v, k) {
            Some(Value::Array(a)) => {
                let items: Vec<String> = a.iter().filter_map(as_text).collect();
                if !items.is_empty() {
                    return items;
                }
            }
            Some(Value::String(s)) => {
                let s = crate::clean::decode_entities(s);
                let items: Vec<String> = s
                    .split([',', ';'])
                    .map(|p| p.trim().to_owned())
                    .filter(|p| !p.is_empty())
                    .collect();
                if !items.is_empty() {
                    return items;
                }
            }
            Some(obj @ Value::Object(_)) => {
                if let Some(name) = as_text(obj) {
                    return vec![name];
                }
            }
            _ => {}
        }
    }
    Vec::new()
}

/// A date under one of `keys`: a string [`parse_date`] reads, or a Unix time (seconds, or
/// milliseconds when the number is too large for seconds).
fn date(v: &Value, keys: &[String]) -> Option<Date> {
    keys.iter().find_map(|k| match lookup(v, k)? {
        Value::Number(n) => {
            let n = n.as_i64()?;
            let secs = if n.abs() >= 100_000_000_000 {
                n / 1000
            } else {
                n
            };
            let ts = jiff::Timestamp::from_second(secs).ok()?;
            Some(ts.to_zoned(jiff::tz::TimeZone::UTC).date())
        }
        other => parse_date(&as_text(other)?),
    })
}

/// Parses a date as datasets write it: `2024-05-16`, RFC 3339 timestamps (their own
/// calendar date, whatever the offset), or "May 16, 2024".
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Ok(ts) = s.parse::<jiff::Timestamp>() {
        // The calendar date as written, in the writer's own offset: a story filed at
        // 23:30 in New York on New Year's Eve ran on the 31st, not on the UTC 1st (and
        // the HTML path reads dates the same way).
        return s
            .get(..10)
            .and_then(|p| p.parse::<Date>().ok())
            .or_else(|| Some(ts.to_zoned(jiff::tz::TimeZone::UTC).date()));
    }
    if let Ok(dt) = s.parse::<jiff::civil::DateTime>() {
        return Some(dt.date());
    }
    if let Some(d) = s.get(..10).and_then(|p| p.parse::<Date>().ok()) {
        return Some(d);
    }
    crate::clean::metadata::find_date(s).and_then(|f| f.date)
}

/// Reads the sidecar of `article`, if there is one. A sidecar that is not valid JSON is
/// reported as an error message.
pub fn read(article: &Path) -> Result<Option<Sidecar>, String> {
    let path = path_for(article);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let v: Value = serde_json::from_slice(&bytes).map_err(|e| format!("not valid JSON: {e}"))?;
    Ok(Some(from_value(&v)))
}

/// Reads sidecar fields from a JSON object, under the default keys.
pub fn from_value(v: &Value) -> Sidecar {
    from_value_with(v, &FieldMap::default())
}

/// Reads sidecar fields from a JSON object, under the keys of `map`.
pub fn from_value_with(v: &Value, map: &FieldMap) -> Sidecar {
    Sidecar {
        title: first_str(v, &map.title),
        date: date(v, &map.date),
        source: first_str(v, &map.source),
        authors: list(v, &map.authors),
        section: first_str(v, &map.section),
        tags: list(v, &map.tags),
        url: first_str(v, &map.url),
        dateline: first_str(v, &map.dateline),
        place: first_str(v, &map.place),
        date_source: first_str(v, &[DATE_SOURCE.to_owned()])
            .filter(|s| DATE_SOURCES.contains(&s.as_str())),
        removed: removed_lines(v, &map.removed),
    }
}

/// The removed lines under the first of `keys` that holds a list of strings, each with
/// the rule that `removed_rules` gives for it (`outside-story` when none is given).
fn removed_lines(v: &Value, keys: &[String]) -> Vec<(String, String)> {
    let Some(lines) = keys.iter().find_map(|k| lookup(v, k)?.as_array()) else {
        return Vec::new();
    };
    let rules = v.get(REMOVED_RULES).and_then(Value::as_array);
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| {
            let text = line.as_str()?.trim();
            let rule = rules
                .and_then(|r| r.get(i)?.as_str())
                .unwrap_or(crate::clean::Rule::OutsideStory.id());
            (!text.is_empty()).then(|| (rule.to_owned(), text.to_owned()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_with_an_offset_keeps_its_own_calendar_date() {
        let d = |y, m, day| Some(jiff::civil::date(y, m, day));
        assert_eq!(parse_date("2024-12-31T23:30:00-05:00"), d(2024, 12, 31));
        assert_eq!(parse_date("2025-01-01T03:00:00+09:00"), d(2025, 1, 1));
        assert_eq!(parse_date("2024-06-30T23:59:59Z"), d(2024, 6, 30));
        assert_eq!(parse_date("2024-02-29"), d(2024, 2, 29));
    }

    #[test]
    fn common_scraper_keys() {
        let v: Value = serde_json::from_str(
            r#"{"title":"T","date_publish":"2019-11-19 08:00:00","authors":["Jane Roe","John Doe"],"source_domain":"example.com","keywords":"a, b"}"#,
        )
        .unwrap();
        let s = from_value(&v);
        assert_eq!(s.title.as_deref(), Some("T"));
        assert_eq!(s.date, Some(jiff::civil::date(2019, 11, 19)));
        assert_eq!(s.authors, ["Jane Roe", "John Doe"]);
        assert_eq!(s.source.as_deref(), Some("example.com"));
        assert_eq!(s.tags, ["a", "b"]);
    }

    #[test]
    fn names_in_objects_unix_times_and_dotted_keys() {
        let v: Value = serde_json::from_str(
            r#"{"author":[{"@type":"Person","name":"Jane Roe"}],"publisher":{"name":"Harbor Times"},"datePublished":1715846400,"meta":{"section":"Ports"},"url":"https://x.example/a"}"#,
        )
        .unwrap();
        let s = from_value(&v);
        assert_eq!(s.authors, ["Jane Roe"]);
        assert_eq!(s.source.as_deref(), Some("Harbor Times"));
        assert_eq!(s.date, Some(jiff::civil::date(2024, 5, 16)));
        assert_eq!(s.url.as_deref(), Some("https://x.example/a"));
        let map = FieldMap::with_overrides(&[("section".into(), "meta.section".into())]).unwrap();
        assert_eq!(from_value_with(&v, &map).section.as_deref(), Some("Ports"));
        // Milliseconds are told from seconds by size.
        let ms: Value = serde_json::from_str(r#"{"date": 1715846400000}"#).unwrap();
        assert_eq!(from_value(&ms).date, Some(jiff::civil::date(2024, 5, 16)));
    }

    #[test]
    fn dates_in_several_shapes() {
        assert_eq!(
            parse_date("2024-05-16T10:00:00Z"),
            Some(jiff::civil::date(2024, 5, 16))
        );
        assert_eq!(
            parse_date("2024-05-16"),
            Some(jiff::civil::date(2024, 5, 16))
        );
        assert_eq!(
            parse_date("May 16, 2024"),
            Some(jiff::civil::date(2024, 5, 16))
        );
        assert_eq!(parse_date("soon"), None);
    }

    fn record(meta: Sidecar) -> crate::clean::Given {
        crate::clean::Given {
            record: Some(meta),
            ..Default::default()
        }
    }

    #[test]
    fn an_export_reads_back_whole() {
        let v: Value = serde_json::from_str(
            r#"{"title":"T","body":"B.","place":"Portsmouth","dateline":"PORTSMOUTH, May 16 (AP)",
                "date":"2024-05-16T00:00:00Z","date_source":"byline",
                "removed":["READ MORE: Ferry fares rise","Follow us"],"removed_rules":["read-more"]}"#,
        )
        .unwrap();
        let s = from_value(&v);
        let mut article = crate::clean::Article {
            title: None,
            paragraphs: vec!["B.".into()],
            meta: crate::clean::Metadata::default(),
            lines: Vec::new(),
            layout: crate::clean::Layout::default(),
        };
        crate::clean::overlay(&mut article, &record(s));
        let m = &article.meta;
        assert_eq!(m.date_source.as_deref(), Some("byline"));
        let d = m.dateline.as_ref().unwrap();
        assert_eq!(d.text, "PORTSMOUTH, May 16 (AP)");
        assert_eq!(d.place.as_deref(), Some("Portsmouth"));
        assert_eq!(d.agency.as_deref(), Some("AP"));
        let removed: Vec<(&str, &str)> = article
            .removed()
            .map(|l| (l.rule.id(), l.text.as_str()))
            .collect();
        // A line without a rule gets the catch-all one.
        assert_eq!(
            removed,
            [
                ("read-more", "READ MORE: Ferry fares rise"),
                ("outside-story", "Follow us")
            ]
        );
        // A date source newsq does not know is not taken.
        let odd: Value =
            serde_json::from_str(r#"{"date":"2024-05-16","date_source":"oracle"}"#).unwrap();
        let mut article = crate::clean::Article {
            title: None,
            paragraphs: Vec::new(),
            meta: crate::clean::Metadata::default(),
            lines: Vec::new(),
            layout: crate::clean::Layout::default(),
        };
        crate::clean::overlay(&mut article, &record(from_value(&odd)));
        assert_eq!(article.meta.date_source.as_deref(), Some("record"));
    }

    #[test]
    fn sidecar_paths() {
        assert_eq!(
            path_for(Path::new("a/b.txt")),
            PathBuf::from("a/b.txt.meta.json")
        );
        assert!(is_sidecar(Path::new("a/b.txt.meta.json")));
        assert!(!is_sidecar(Path::new("a/b.json")));
    }
}
