//! The search façade: a [`Request`] as a user asks it (built once from the command line,
//! later from a web form), answered by [`Index::search`] with the hits and every notice a
//! user should read beside them. The callers word the notices; nothing here prints.

use std::path::{Path, PathBuf};

use super::facets::FacetField;
use super::paths::{PathGlob, PathQuery};
use super::query::{self, Filters, ParsedQuery};
use super::{Results, SearchOptions};
use crate::index::Index;
use crate::index::stories::Copies;

/// A search as asked: the query text, its filters, and what to produce.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The query as typed (words, operators, `field:value`).
    pub text: String,
    /// The metadata, date and path filters.
    pub filters: Filters,
    /// A problem in the query is an error instead of a warning.
    pub strict: bool,
    /// How many hits and passages, in which order, folded or not.
    pub options: SearchOptions,
    /// Count the undated articles among the matches (shown last when sorted by date).
    pub count_undated: bool,
    /// The folder paths typed as query words are resolved against (the current folder).
    pub cwd: PathBuf,
}

/// What a user should be told beside the hits, in the order it is said.
#[derive(Debug, Clone, Default)]
pub struct Notices {
    /// What was ignored or reinterpreted in the query.
    pub warnings: Vec<String>,
    /// Query words that name a folder holding indexed articles (`--path` was likely meant).
    pub folder_words: Vec<String>,
    /// Close spellings of query words no article holds: (as typed, the suggestion in the
    /// case it was typed in).
    pub spellings: Vec<(String, String)>,
    /// How many more articles would match if the lines the cleaner removed counted.
    pub in_removed: usize,
    /// The words and phrases the query looks for, as typed (for notices that quote them).
    pub typed: Vec<String>,
    /// Path patterns (as typed) that match no article, when nothing matched.
    pub empty_paths: Vec<String>,
    /// Matching articles a date filter left out because they have no date.
    pub undated_left_out: usize,
    /// Undated articles among the matches (when [`Request::count_undated`] asked).
    pub undated: Option<usize>,
}

/// Facet counts and what was said about the query that narrowed them.
#[derive(Debug, Clone, Default)]
pub struct Facets {
    /// (value, number of articles), most first.
    pub counts: Vec<(String, u64)>,
    /// What was ignored or reinterpreted in the query.
    pub warnings: Vec<String>,
}

impl Request {
    /// Whether copies fold, for the verbs that count stories (`options.collapse`).
    pub fn copies(&self) -> Copies {
        if self.options.collapse {
            Copies::Fold
        } else {
            Copies::All
        }
    }
}

impl Index {
    /// Parses a query against this index's fields (for evaluation tools and benchmarks;
    /// the commands call [`Index::search`]).
    pub fn parse(
        &self,
        text: &str,
        strict: bool,
        filters: &Filters,
    ) -> Result<ParsedQuery, query::QueryError> {
        query::parse(text, self.fields(), strict, filters)
    }

    /// A highlighter of the words `text` (a query) looks for, to mark them in any text (an
    /// article shown whole) in language `lang` (ISO 639-3, as detected); `None` when the
    /// query does not parse or names no word.
    pub fn highlighter(
        &self,
        text: &str,
        lang: Option<&str>,
    ) -> Option<super::passage::Highlighter> {
        let parsed = self.parse(text, false, &Filters::default()).ok()?;
        let language = crate::index::schema::article_language(lang);
        let needles = match language {
            Some(i) => parsed.lang_needles.into_iter().nth(i).unwrap_or_default(),
            None => parsed.needles,
        };
        if needles.is_empty() {
            return None;
        }
        let weights = vec![1.0; needles.len()];
        Some(super::passage::Highlighter::for_language(
            language, needles, weights,
        ))
    }

    /// Runs a search: the hits asked for, the number of matches, and the notices.
    pub fn search(&self, request: &Request) -> anyhow::Result<Results> {
        let parsed = self.parse(&request.text, request.strict, &request.filters)?;
        let mut results = super::run(self, &parsed, request.options)?;
        let mut notices = Notices {
            warnings: parsed.warnings.clone(),
            folder_words: self.folder_words(&request.text, &request.cwd)?,
            typed: parsed.typed.clone(),
            ..Notices::default()
        };
        // The articles holding what the query asks (every word, or under --any one).
        let holding = if results.relaxed { 0 } else { results.total };
        if holding == 0 || request.filters.any_word {
            notices.spellings = super::suggest::suggestions(self, &parsed)?
                .into_iter()
                .map(|(typed, better)| {
                    let shown = match_case(&typed, &better);
                    (typed, shown)
                })
                .collect();
        }
        notices.in_removed = super::suggest::with_removed(self, &parsed)?.saturating_sub(holding);
        if results.total == 0 {
            for glob in &parsed.paths {
                let alone = PathQuery::new(self.fields().path_raw, vec![glob.clone()]);
                if super::count(self, &alone)? == 0 {
                    notices.empty_paths.push(glob.typed.clone());
                }
            }
        }
        if request.filters.has_dates() {
            notices.undated_left_out = self.undated_left_out(request)?;
        }
        if request.count_undated && results.total > 0 {
            let shown = match (&parsed.any, results.relaxed) {
                (Some(any), true) => any.as_ref(),
                _ => parsed.query.as_ref(),
            };
            notices.undated = Some(super::count_undated(self, shown)?);
        }
        results.notices = notices;
        Ok(results)
    }

    /// Counts the articles by the values of `field`, most first: all of them, or those
    /// the request's query and filters match when either narrows them (its options of
    /// hits and passages do not apply).
    pub fn facets(&self, field: FacetField, request: &Request) -> anyhow::Result<Facets> {
        let (text, filters) = (request.text.as_str(), &request.filters);
        let copies = request.copies();
        if text.trim().is_empty() && filters.is_empty() {
            let counts = super::facets::count(self, field, None, copies)?;
            return Ok(Facets {
                counts,
                warnings: Vec::new(),
            });
        }
        let q = if text.trim().is_empty() { "*" } else { text };
        // Every word required, as every count of `search` takes them.
        let parsed = self.parse(q, false, filters)?;
        let counts = super::facets::count(self, field, Some(parsed.query.as_ref()), copies)?;
        Ok(Facets {
            counts,
            warnings: parsed.warnings,
        })
    }

    /// The query words that are folders holding indexed articles (`newsq search oil
    /// bbc/`): the user likely meant `--path bbc/`. The word is still searched.
    fn folder_words(&self, text: &str, cwd: &Path) -> anyhow::Result<Vec<String>> {
        let mut out = Vec::new();
        for word in text.split_whitespace() {
            if word.contains(':') || word.starts_with(['-', '+', '"', '(']) {
                continue;
            }
            if !Path::new(word).is_dir() {
                continue;
            }
            let Ok(glob) = PathGlob::new(word, cwd) else {
                continue;
            };
            let under = PathQuery::new(self.fields().path_raw, vec![glob]);
            if super::count(self, &under)? > 0 {
                out.push(word.to_owned());
            }
        }
        Ok(out)
    }

    /// How many matching articles a date filter left out because they have no date.
    fn undated_left_out(&self, request: &Request) -> anyhow::Result<usize> {
        let undated = Filters {
            since: None,
            until: None,
            ..request.filters.clone()
        };
        let parsed = self.parse(&request.text, false, &undated)?;
        super::count_undated(self, parsed.query.as_ref())
    }
}

/// The suggestion in the case the user typed ("Jinpng" gives "Jinping").
fn match_case(typed: &str, suggestion: &str) -> String {
    if typed.chars().next().is_some_and(char::is_uppercase) {
        let mut c = suggestion.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    } else {
        suggestion.to_owned()
    }
}
