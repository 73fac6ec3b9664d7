//! Limiting a search to files under a folder or matching a glob (`--path bbc/`,
//! `--path 'bbc/*sport*'`, `path:bbc/` in the query).
//!
//! Articles are indexed by their path's exact bytes (the folder resolved, as
//! `index::path_key` makes it), so a pattern is resolved the same way against the
//! current folder and then matched against the path terms of the index's dictionary.
//! Only the terms that start with the pattern's literal folder are read: a pattern
//! naming one folder costs a walk of that folder's entries in the dictionary, not of
//! the whole index.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::postings::TermInfo;
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::schema::Field;
use tantivy::termdict::TermDictionary;

use super::termset::{TermCache, TermPicker, TermSetWeight};

/// A `--path` pattern, resolved: what the user typed and what it matches.
#[derive(Debug, Clone)]
pub struct PathGlob {
    /// The pattern as typed (for messages).
    pub typed: String,
    /// The bytes every matching path starts with (an absolute folder, resolved).
    prefix: Vec<u8>,
    /// The whole pattern, anchored: matches a path, anything under it, or a record of it
    /// (`feed.jsonl:12`).
    regex: regex::bytes::Regex,
}

impl PartialEq for PathGlob {
    fn eq(&self, other: &PathGlob) -> bool {
        self.prefix == other.prefix && self.regex.as_str() == other.regex.as_str()
    }
}

/// Whether a pattern holds glob syntax (`*`, `?`, `[...]`).
fn is_glob_char(c: char) -> bool {
    matches!(c, '*' | '?' | '[')
}

impl PathGlob {
    /// Resolves `pattern` against `cwd` (the current folder, when it is relative). A
    /// pattern without glob characters names a file or a folder (everything under it);
    /// `*` and `?` match within one path component, `**` across components, `[abc]` and
    /// `[!abc]` one character. A trailing `/` asks for a folder.
    pub fn new(pattern: &str, cwd: &Path) -> Result<PathGlob, String> {
        if pattern.trim().is_empty() {
            return Err("an empty --path names no file".to_owned());
        }
        let folder_only = pattern.ends_with('/') && pattern.len() > 1;
        let trimmed = if folder_only {
            pattern.trim_end_matches('/')
        } else {
            pattern
        };
        let trimmed = if trimmed.is_empty() { "/" } else { trimmed };
        // The literal part: up to the last '/' before the first glob character.
        let glob_at = trimmed.find(is_glob_char);
        let (literal, rest) = match glob_at {
            None => (trimmed, ""),
            Some(at) => match trimmed[..at].rfind('/') {
                Some(slash) => (&trimmed[..slash], &trimmed[slash + 1..]),
                None => ("", trimmed),
            },
        };
        let base = if literal.is_empty() {
            cwd.to_path_buf()
        } else {
            let p = Path::new(literal);
            if p.is_absolute() {
                p.to_path_buf()
            } else {
                cwd.join(p)
            }
        };
        let resolved = resolve(&base);
        let mut prefix = crate::corpus::path::path_bytes(&resolved).to_vec();
        let mut re = String::from("(?s-u)^");
        re.push_str(&escape_bytes(&prefix));
        if !rest.is_empty() {
            if !prefix.ends_with(b"/") {
                re.push('/');
                prefix.push(b'/');
            }
            re.push_str(&glob_regex(rest)?);
        }
        // Under it, or one of its records when it is a file of records.
        re.push_str(if folder_only {
            "/.*$"
        } else {
            "(?:/.*|:[0-9]+(?::[0-9]+)?)?$"
        });
        let regex = regex::bytes::Regex::new(&re)
            .map_err(|e| format!("--path {pattern:?} is not a pattern newsq can read: {e}"))?;
        Ok(PathGlob {
            typed: pattern.to_owned(),
            prefix,
            regex,
        })
    }

    /// Whether the indexed path `bytes` matches.
    pub fn matches(&self, bytes: &[u8]) -> bool {
        bytes.starts_with(&self.prefix) && self.regex.is_match(bytes)
    }
}

/// An absolute path with its folders resolved as `index::path_key` resolves an
/// article's: the longest part that exists is made canonical (links, `..`), the rest is
/// kept as written.
fn resolve(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = abs.as_path();
    let mut tail: Vec<&std::ffi::OsStr> = Vec::new();
    loop {
        if let Ok(c) = std::fs::canonicalize(existing) {
            let mut out = c;
            for part in tail.iter().rev() {
                out.push(part);
            }
            return out;
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                tail.push(name);
                existing = parent;
            }
            _ => return abs,
        }
    }
}

/// Bytes as a regex matching them literally (in a `(?-u)` regex, where `\xNN` is a
/// byte).
fn escape_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for chunk in bytes.utf8_chunks() {
        out.push_str(&regex::escape(chunk.valid()));
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

/// A glob (the part after the literal folder) as a regex.
fn glob_regex(glob: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut chars = glob.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                // `**/` is any number of folders, none included.
                if chars.peek() == Some(&'/') {
                    chars.next();
                    out.push_str("(?:.*/)?");
                } else {
                    out.push_str(".*");
                }
            }
            '*' => out.push_str("[^/]*"),
            '?' => out.push_str("[^/]"),
            '[' => {
                let mut class = String::from("[");
                if chars.peek() == Some(&'!') || chars.peek() == Some(&'^') {
                    chars.next();
                    class.push('^');
                }
                let mut closed = false;
                let mut first = true;
                for k in chars.by_ref() {
                    if k == ']' && !first {
                        closed = true;
                        break;
                    }
                    first = false;
                    match k {
                        '\\' | '[' | ']' | '^' | '&' | '~' => {
                            class.push('\\');
                            class.push(k);
                        }
                        _ => class.push(k),
                    }
                }
                if !closed {
                    return Err(format!("{glob:?}: a '[' is never closed"));
                }
                class.push(']');
                out.push_str(&class);
            }
            _ => out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
        }
    }
    Ok(out)
}

/// Matches the articles whose path matches any of `globs` (constant score: it
/// restricts, it does not rank).
#[derive(Debug, Clone)]
pub struct PathQuery {
    field: Field,
    globs: Arc<Vec<PathGlob>>,
    terms: TermCache,
}

impl PathQuery {
    /// The query for paths matching any of `globs`, in the bytes field `field`.
    pub fn new(field: Field, globs: Vec<PathGlob>) -> PathQuery {
        PathQuery {
            field,
            globs: Arc::new(globs),
            terms: TermCache::default(),
        }
    }
}

impl Query for PathQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(TermSetWeight {
            field: self.field,
            picker: self.globs.clone(),
            terms: self.terms.clone(),
        }))
    }
}

impl TermPicker for Vec<PathGlob> {
    const NAME: &'static str = "PathQuery";

    /// The paths any glob matches, each glob's walk starting at its literal prefix.
    fn pick(&self, dict: &TermDictionary) -> tantivy::Result<Vec<TermInfo>> {
        let mut found = Vec::new();
        for glob in self {
            let mut stream = dict.range().ge(&glob.prefix).into_stream()?;
            while stream.advance() {
                let key = stream.key();
                if !key.starts_with(&glob.prefix) {
                    break;
                }
                if glob.regex.is_match(key) {
                    found.push(stream.value().clone());
                }
            }
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glob(p: &str) -> PathGlob {
        PathGlob::new(p, Path::new("/nonexistent-newsq/data")).unwrap()
    }

    #[test]
    fn folders_match_what_is_under_them() {
        let g = glob("bbc/");
        assert!(g.matches(b"/nonexistent-newsq/data/bbc/a.txt"));
        assert!(g.matches(b"/nonexistent-newsq/data/bbc/x/y.txt"));
        assert!(!g.matches(b"/nonexistent-newsq/data/bbc"));
        assert!(!g.matches(b"/nonexistent-newsq/data/bbc2/a.txt"));
        let g = glob("bbc");
        assert!(g.matches(b"/nonexistent-newsq/data/bbc/a.txt"));
        assert!(!g.matches(b"/nonexistent-newsq/data/bbcx"));
    }

    #[test]
    fn files_match_themselves_and_their_records() {
        let g = glob("feeds/a.jsonl");
        assert!(g.matches(b"/nonexistent-newsq/data/feeds/a.jsonl"));
        assert!(g.matches(b"/nonexistent-newsq/data/feeds/a.jsonl:12"));
        assert!(g.matches(b"/nonexistent-newsq/data/feeds/a.jsonl:1:57"));
        assert!(!g.matches(b"/nonexistent-newsq/data/feeds/a.jsonl.bak"));
    }

    #[test]
    fn globs_stay_within_a_component_unless_doubled() {
        let g = glob("bbc/*sport*");
        assert!(g.matches(b"/nonexistent-newsq/data/bbc/bbc-sport-001.txt"));
        assert!(g.matches(b"/nonexistent-newsq/data/bbc/sport/001.txt"));
        assert!(!g.matches(b"/nonexistent-newsq/data/bbc/tech/001.txt"));
        let g = glob("*/*.txt");
        assert!(g.matches(b"/nonexistent-newsq/data/bbc/a.txt"));
        assert!(!g.matches(b"/nonexistent-newsq/data/a.txt"));
        let g = glob("**/x?.txt");
        assert!(g.matches(b"/nonexistent-newsq/data/x1.txt"));
        assert!(g.matches(b"/nonexistent-newsq/data/a/b/x2.txt"));
        let g = glob("bbc/[!s]*");
        assert!(g.matches(b"/nonexistent-newsq/data/bbc/tech.txt"));
        assert!(!g.matches(b"/nonexistent-newsq/data/bbc/sport.txt"));
    }

    #[test]
    fn absolute_patterns_and_literal_dots() {
        let g = glob("/srv/news.v2/");
        assert!(g.matches(b"/srv/news.v2/a.txt"));
        assert!(!g.matches(b"/srv/newsXv2/a.txt"));
        assert!(PathGlob::new("a/[bc", Path::new("/x")).is_err());
        assert!(PathGlob::new(" ", Path::new("/x")).is_err());
    }
}
