//! The metadata filters (`--source`, `--author`, `--tag`, `--section`, `--since`,
//! `--until`) compiled to restrictions on the query.

use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::query_grammar::{Delimiter, UserInputLiteral};

use super::QueryError;
use super::compile::Compiler;
use super::dates::{date_range, date_term};
use crate::index::schema::name;

/// Restrictions on metadata, from `--source`, `--author`, `--tag`, `--section`, `--since`
/// and `--until`. Values of one kind are alternatives; kinds combine.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Source names (all words of one, in order).
    pub source: Vec<String>,
    /// Author names.
    pub author: Vec<String>,
    /// Tags.
    pub tag: Vec<String>,
    /// Sections.
    pub section: Vec<String>,
    /// Languages (ISO 639-3 or 639-1 codes); the query is analysed for these alone.
    pub lang: Vec<String>,
    /// Earliest publication date (inclusive).
    pub since: Option<jiff::civil::Date>,
    /// Latest publication date (inclusive).
    pub until: Option<jiff::civil::Date>,
    /// Also search the lines the cleaner removed as boilerplate (`--removed`).
    pub include_removed: bool,
    /// Only articles whose path matches one of these (`--path`; `path:` in the query
    /// adds to them).
    pub paths: Vec<crate::search::paths::PathGlob>,
    /// Words joined by nothing are alternatives (`--any`), not all required.
    pub any_word: bool,
}

impl Filters {
    /// Whether a date filter is set (articles without a date are then excluded).
    pub fn has_dates(&self) -> bool {
        self.since.is_some() || self.until.is_some()
    }

    /// Whether no metadata, date or path filter narrows the articles.
    pub fn is_empty(&self) -> bool {
        self.source.is_empty()
            && self.author.is_empty()
            && self.tag.is_empty()
            && self.section.is_empty()
            && self.lang.is_empty()
            && self.paths.is_empty()
            && !self.has_dates()
    }
}

impl Compiler<'_> {
    /// Queries for the metadata filters; a filter value with no searchable word is an
    /// error (it would silently match nothing).
    pub(super) fn filters(&mut self, f: &Filters) -> Result<Vec<Box<dyn Query>>, QueryError> {
        let mut out: Vec<Box<dyn Query>> = Vec::new();
        for (field, values) in [
            (name::SOURCE, &f.source),
            (name::AUTHOR, &f.author),
            (name::TAG, &f.tag),
            (name::SECTION, &f.section),
        ] {
            if values.is_empty() {
                continue;
            }
            let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for v in values {
                let lit = UserInputLiteral {
                    field_name: Some(field.to_owned()),
                    phrase: v.clone(),
                    delimiter: Delimiter::DoubleQuotes,
                    slop: 0,
                    prefix: false,
                };
                match self.literal(&lit, true, true) {
                    Some(q) => alternatives.push((Occur::Should, q)),
                    None => {
                        return Err(QueryError::Syntax(format!(
                            "--{field} {v:?} holds no word to match"
                        )));
                    }
                }
            }
            out.push(Box::new(BooleanQuery::new(alternatives)));
        }
        if !f.lang.is_empty() {
            for code in &f.lang {
                if !crate::index::lang::is_detected_code(&crate::index::lang::normalise_code(code))
                {
                    return Err(QueryError::Syntax(format!(
                        "--lang {code:?} is not a language code newsq detects: give an ISO 639 code such as fr, fra, de, ru, zh, ja, ko (`newsq facets lang` lists the languages indexed)"
                    )));
                }
            }
            let alternatives: Vec<(Occur, Box<dyn Query>)> = f
                .lang
                .iter()
                .map(|code| {
                    let term = Term::from_field_text(
                        self.fields.lang,
                        &crate::index::lang::normalise_code(code),
                    );
                    let q: Box<dyn Query> = Box::new(tantivy::query::TermQuery::new(
                        term,
                        tantivy::schema::IndexRecordOption::Basic,
                    ));
                    (Occur::Should, q)
                })
                .collect();
            out.push(Box::new(BooleanQuery::new(alternatives)));
        }
        if f.has_dates() {
            let bound = |d: Option<jiff::civil::Date>, upper: bool| -> Bound<Term> {
                d.map_or(Bound::Unbounded, |d| {
                    Bound::Included(date_term(self.fields.date, d, upper))
                })
            };
            if let (Some(since), Some(until)) = (f.since, f.until)
                && since > until
            {
                return Err(QueryError::Syntax(format!(
                    "--since {since} is after --until {until}: no article can match"
                )));
            }
            out.push(date_range(
                self.fields.date,
                bound(f.since, false),
                bound(f.until, true),
            ));
        }
        Ok(out)
    }
}
