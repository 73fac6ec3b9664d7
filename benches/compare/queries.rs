//! The query list, and each query in the syntax of every tool.

use std::fs;
use std::path::Path;

use anyhow::Context;

#[derive(Debug, Clone)]
pub(crate) struct Query {
    pub(crate) raw: String,
    /// Words and quoted phrases (a phrase is one term, without its quotes).
    pub(crate) terms: Vec<String>,
}

impl Query {
    fn new(raw: &str) -> Query {
        let mut terms = Vec::new();
        for (i, part) in raw.split('"').enumerate() {
            if i % 2 == 1 {
                let text = part.split_whitespace().collect::<Vec<_>>().join(" ");
                if !text.is_empty() {
                    terms.push(text);
                }
            } else {
                terms.extend(part.split_whitespace().map(str::to_owned));
            }
        }
        Query {
            raw: raw.to_owned(),
            terms,
        }
    }

    /// FTS5 MATCH syntax: every word and phrase quoted (implicit AND).
    pub(crate) fn fts5(&self) -> String {
        self.terms
            .iter()
            .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// tantivy's query parser: every word and phrase required and quoted (so `pct-owned`
    /// or `season's` are read as text, not syntax).
    pub(crate) fn tantivy(&self) -> String {
        self.terms
            .iter()
            .map(|t| format!("+\"{}\"", t.replace('"', "")))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A shell pipeline of ripgrep runs narrowing the file list term by term.
    pub(crate) fn rg_pipeline(&self, rg: &Path, corpus: &Path) -> String {
        let rg = sh_quote(&rg.to_string_lossy());
        let mut parts = Vec::new();
        for (i, t) in self.terms.iter().enumerate() {
            let last = i + 1 == self.terms.len();
            let null = if last { "" } else { " -0" };
            if i == 0 {
                parts.push(format!(
                    "{rg} -l{null} -i -F -- {} {}",
                    sh_quote(t),
                    sh_quote(&corpus.to_string_lossy())
                ));
            } else {
                parts.push(format!(
                    "xargs -0 -r {rg} -l{null} -i -F -- {}",
                    sh_quote(t)
                ));
            }
        }
        parts.join(" | ")
    }
}

pub(crate) fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

pub(crate) fn sql_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

pub(crate) fn load_queries(path: &Path) -> anyhow::Result<Vec<Query>> {
    let text = fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(Query::new)
        .filter(|q| !q.terms.is_empty())
        .collect())
}
