//! Sidecar metadata: `article.txt.meta.json` beside `article.txt` gives what the text does
//! not say (the publication date above all), as scrapers and datasets record it.
//!
//! Keys are read leniently, under the names common scrapers use: `title`; `date`,
//! `published`, `date_publish`, `published_at`, `pubDate`; `source`, `publisher`,
//! `source_domain`, `sitename`; `author`, `authors`, `byline`; `section`, `category`;
//! `tags`, `keywords`; `url`. Values the sidecar gives override those found in the text.

use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde_json::Value;

/// Suffix of a sidecar file, appended to the article's file name.
pub const SUFFIX: &str = ".meta.json";

/// Metadata read from a sidecar file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sidecar {
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub date: Option<Date>,
    /// Publisher.
    pub source: Option<String>,
    /// Authors.
    pub authors: Vec<String>,
    /// Site section.
    pub section: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
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

fn first_str(v: &Value, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match v.get(*k)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Array(a) => a.iter().find_map(|x| x.as_str().map(str::to_owned)),
        _ => None,
    })
}

fn list(v: &Value, keys: &[&str]) -> Vec<String> {
    for k in keys {
        match v.get(*k) {
            Some(Value::Array(a)) => {
                return a
                    .iter()
                    .filter_map(|x| x.as_str().or_else(|| x.get("name")?.as_str()))
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect();
            }
            Some(Value::String(s)) => {
                return s
                    .split([',', ';'])
                    .map(|p| p.trim().to_owned())
                    .filter(|p| !p.is_empty())
                    .collect();
            }
            _ => {}
        }
    }
    Vec::new()
}

/// Parses a date as datasets write it: `2024-05-16`, RFC 3339 timestamps, or "May 16, 2024".
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Ok(ts) = s.parse::<jiff::Timestamp>() {
        return Some(ts.to_zoned(jiff::tz::TimeZone::UTC).date());
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

/// Reads sidecar fields from a JSON object.
pub fn from_value(v: &Value) -> Sidecar {
    Sidecar {
        title: first_str(v, &["title", "headline"]),
        date: first_str(
            v,
            &[
                "date",
                "published",
                "date_publish",
                "published_at",
                "pubDate",
                "datePublished",
            ],
        )
        .and_then(|d| parse_date(&d)),
        source: first_str(
            v,
            &[
                "source",
                "publisher",
                "source_domain",
                "sitename",
                "site_name",
            ],
        ),
        authors: list(v, &["authors", "author", "byline"]),
        section: first_str(v, &["section", "category"]),
        tags: list(v, &["tags", "keywords"]),
    }
}

impl Sidecar {
    /// Applies the sidecar to an article: its values win over those found in the text.
    pub fn apply(&self, article: &mut crate::clean::Article) {
        let m = &mut article.meta;
        if let Some(t) = &self.title {
            article.title = Some(t.clone());
        }
        if let Some(d) = self.date {
            m.date = Some(d);
            m.date_source = Some("sidecar".into());
        }
        if let Some(s) = &self.source {
            m.source = Some(s.clone());
        }
        if !self.authors.is_empty() {
            m.authors = self.authors.clone();
        }
        if let Some(s) = &self.section {
            m.section = Some(s.clone());
        }
        for t in &self.tags {
            if !m.tags.contains(t) {
                m.tags.push(t.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
