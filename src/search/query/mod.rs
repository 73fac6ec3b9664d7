//! Reading a query: tantivy's query syntax, read leniently (with warnings) or strictly,
//! compiled to a tantivy query over newsq's fields, plus the terms to highlight.
//!
//! Syntax: words (all required by default), `"phrases"` (with `~N` slop), `AND`, `OR`,
//! `NOT`, `+word`, `-word`, `(groups)`, `field:word`, `word*` (prefix), `word~` or `word~2`
//! (fuzzy, edit distance 1 or 2), `^` boosts, `date:[2024-01-01 TO 2024-12-31]`.
//!
//! Compiling the query ourselves (rather than with tantivy's `QueryParser`) lets one term
//! be searched over several fields with their own analyzers and boosts, and matches prefix
//! and fuzzy words against the index's stems by the words they stand for (`forms`), where
//! tantivy's parser would compare the typed text with stems.

mod compile;
mod dates;
mod filters;
mod repair;

use tantivy::query::{BooleanQuery, EmptyQuery, Occur, Query};
use tantivy::query_grammar::{self, UserInputAst, UserInputLeaf};

use super::forms::{FuzzyForms, PrefixForms};
use super::paths::{PathGlob, PathQuery};
use crate::index::Fields;
use crate::index::schema;
use compile::{Compiler, has_leaf, has_positive, plain_words};
pub use dates::date_bound;
pub use filters::Filters;
use repair::{MAX_NESTING, nesting, repair, take_paths};

/// Why a query cannot run.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum QueryError {
    /// Nothing to search for.
    #[error("the query is empty: give at least one word to search for")]
    Empty,
    /// Everything the query held was ignored; the reasons are given.
    #[error("nothing left to search for: {0}")]
    NothingLeft(String),
    /// A syntax problem, reported under `--strict`.
    #[error("invalid query: {0}")]
    Syntax(String),
    /// Only excluded terms.
    #[error("the query only excludes words ({0}): add a word to search for")]
    OnlyExcluded(String),
}

/// One thing to highlight in passages.
#[derive(Debug, Clone, PartialEq)]
pub enum Needle {
    /// A word, as its stem.
    Term(String),
    /// The words that start with a prefix (see [`PrefixForms`]).
    Prefix(PrefixForms),
    /// The words close to a misspelt one (see [`FuzzyForms`]).
    Fuzzy(FuzzyForms),
    /// Consecutive words (stems), up to `slop` positions apart in total.
    Phrase(Vec<String>, u32),
}

/// A query ready to run.
pub struct ParsedQuery {
    /// The query with every default-joined word required.
    pub query: Box<dyn Query>,
    /// The same words joined by OR, when the query is a plain list of words (no operators):
    /// what the human listing shows, saying so, when nothing holds them all.
    pub any: Option<Box<dyn Query>>,
    /// Under `--any`: the query with every word required, to tell the hits that hold
    /// them all from the others.
    pub every: Option<Box<dyn Query>>,
    /// What was ignored or reinterpreted (lenient mode).
    pub warnings: Vec<String>,
    /// What to highlight in titles and bodies (of English articles, and those of
    /// languages without fields of their own).
    pub needles: Vec<Needle>,
    /// What to highlight in the articles of each language of `lang::STEMMED`.
    pub lang_needles: Vec<Vec<Needle>>,
    /// The same words searched in the lines the cleaner removed, to tell a user who finds
    /// nothing that the words are there, but only in boilerplate.
    pub removed: Option<Box<dyn Query>>,
    /// The plain words of the query as typed, for spelling suggestions.
    pub words: Vec<String>,
    /// The words and phrases the query looks for, as typed (`Beekeeping`, `"joint
    /// statement"`, `expo*`), for notices.
    pub typed: Vec<String>,
    /// The path patterns the search is limited to (`--path` and `path:`), for notices.
    pub paths: Vec<super::paths::PathGlob>,
}

/// Parses `text`. Leniently, problems become warnings and the rest of the query runs;
/// with `strict`, the first problem is an error that names it.
pub fn parse(
    text: &str,
    fields: &Fields,
    strict: bool,
    filters: &Filters,
) -> Result<ParsedQuery, QueryError> {
    if text.trim().is_empty() {
        return Err(QueryError::Empty);
    }
    let depth = nesting(text);
    if depth > MAX_NESTING {
        // The grammar and the compiler recurse per level: thousands of levels overflow
        // the stack, which aborts the process.
        return Err(QueryError::Syntax(format!(
            "parentheses nested {depth} deep: at most {MAX_NESTING}"
        )));
    }
    let (text, include_paths, exclude_paths) = split_paths(text, filters)?;
    let text = text.as_str();
    let (fixed, mut warnings) = repair(text);
    if strict && let Some(w) = warnings.first() {
        return Err(QueryError::Syntax(as_error(w)));
    }
    if fixed.trim().is_empty() {
        return Err(QueryError::NothingLeft(warnings.join("; ")));
    }
    let ast = read_grammar(text, &fixed, strict, &mut warnings)?;
    let (english, langs) = analysed_languages(fields, filters, &ast);
    let mut compiler = Compiler {
        fields,
        text: schema::text_analyzer(),
        names: schema::name_analyzer(),
        english,
        langs: (0..schema::LANGS)
            .map(|i| langs.contains(&i).then(|| schema::lang_analyzer(i)))
            .collect(),
        warnings: Vec::new(),
        needles: Vec::new(),
        lang_needles: vec![Vec::new(); schema::LANGS],
        words: Vec::new(),
        typed: Vec::new(),
        with_removed: filters.include_removed,
    };
    // Words joined by nothing are all required, unless `--any` makes them alternatives.
    let default = if filters.any_word {
        Occur::Should
    } else {
        Occur::Must
    };
    let query = compiler.compile(&ast, default, false)?;
    let any = if plain_words(&ast) && !filters.any_word {
        Some(compiler.compile(&ast, Occur::Should, true)?)
    } else {
        None
    };
    // Under --any, the query with every word required: hits outside it are marked.
    let every = if filters.any_word {
        compiler.compile(&ast, Occur::Must, true)?
    } else {
        None
    };
    // The same query with removed lines counted as text: what a user would find with
    // --removed.
    let removed = if filters.include_removed {
        None
    } else {
        compiler.with_removed = true;
        compiler.compile(&ast, default, true)?
    };
    let mut restrictions: Vec<(Occur, Box<dyn Query>)> = compiler
        .filters(filters)?
        .into_iter()
        .map(|q| (Occur::Must, q))
        .collect();
    if !include_paths.is_empty() {
        restrictions.push((
            Occur::Must,
            Box::new(PathQuery::new(fields.path_raw, include_paths.clone())),
        ));
    }
    if !exclude_paths.is_empty() {
        restrictions.push((
            Occur::MustNot,
            Box::new(PathQuery::new(fields.path_raw, exclude_paths)),
        ));
    }
    let proximity = compiler.proximity(&ast);
    if strict && let Some(w) = compiler.warnings.first() {
        return Err(QueryError::Syntax(as_error(w)));
    }
    warnings.extend(compiler.warnings);
    let query = query.ok_or_else(|| nothing_to_search(&ast, &warnings, text))?;
    let mut needles = compiler.needles;
    needles.dedup();
    let mut lang_needles = compiler.lang_needles;
    for n in &mut lang_needles {
        n.dedup();
    }
    let words = compiler.words;
    let typed = compiler.typed;
    let restrict = |q: Box<dyn Query>, with_proximity: bool| -> Box<dyn Query> {
        if restrictions.is_empty() && (!with_proximity || proximity.is_empty()) {
            return q;
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, q)];
        if with_proximity {
            clauses.extend(proximity.iter().map(|p| (Occur::Should, p.box_clone())));
        }
        clauses.extend(restrictions.iter().map(|(o, r)| (*o, r.box_clone())));
        Box::new(BooleanQuery::new(clauses))
    };
    Ok(ParsedQuery {
        query: restrict(query, true),
        any: any.flatten().map(|q| restrict(q, true)),
        every: every.map(|q| restrict(q, false)),
        warnings,
        needles,
        lang_needles,
        removed: removed.map(|q| restrict(q, false)),
        words,
        typed,
        paths: include_paths,
    })
}

/// Takes the `path:` terms out of `text`: the rest of the text, the patterns to keep
/// (`--path` and `path:`) and those to exclude (`-path:`).
fn split_paths(
    text: &str,
    filters: &Filters,
) -> Result<(String, Vec<PathGlob>, Vec<PathGlob>), QueryError> {
    let (text, typed_paths) = take_paths(text);
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut include_paths = filters.paths.clone();
    let mut exclude_paths = Vec::new();
    for (exclude, pattern) in &typed_paths {
        let glob = PathGlob::new(pattern, &cwd)
            .map_err(|e| QueryError::Syntax(e.replace("--path", "path:")))?;
        if *exclude {
            exclude_paths.push(glob);
        } else {
            include_paths.push(glob);
        }
    }
    // `path:bbc/` alone asks for every article under it.
    let text = if text.trim().is_empty() && !typed_paths.is_empty() {
        "*".to_owned()
    } else {
        text
    };
    Ok((text, include_paths, exclude_paths))
}

/// Reads the repaired text `fixed` with tantivy's grammar; what the grammar cannot read
/// is an error under `strict`, a warning otherwise.
fn read_grammar(
    text: &str,
    fixed: &str,
    strict: bool,
    warnings: &mut Vec<String>,
) -> Result<UserInputAst, QueryError> {
    match query_grammar::parse_query(fixed) {
        Ok(ast) => Ok(ast),
        Err(_) => {
            let (ast, errors) = query_grammar::parse_query_lenient(fixed);
            // The grammar's recovery reports one stray character several ways ("expected
            // word", "missing keyword TO", ...): the first says it.
            let mut at = std::collections::HashSet::new();
            let described: Vec<String> = errors
                .iter()
                .filter(|e| at.insert(e.pos))
                .map(|e| format!("{} at character {}", e.message, e.pos + 1))
                .collect();
            if strict {
                return Err(QueryError::Syntax(if described.is_empty() {
                    format!("cannot read {text:?}")
                } else {
                    described.join("; ")
                }));
            }
            if described.is_empty() {
                warnings.push(UNREAD.to_owned());
            }
            warnings.extend(described.into_iter().map(|d| format!("{UNREAD}: {d}")));
            Ok(ast)
        }
    }
}

/// Why a query that compiled to nothing cannot run.
fn nothing_to_search(ast: &UserInputAst, warnings: &[String], text: &str) -> QueryError {
    if has_positive(ast) && !warnings.is_empty() {
        QueryError::NothingLeft(warnings.join("; "))
    } else if has_positive(ast) {
        QueryError::Empty
    } else if !has_leaf(ast) {
        // Only syntax: `)(`, `+`, `title:(`.
        QueryError::NothingLeft(format!("{:?} holds no word", text.trim()))
    } else {
        QueryError::OnlyExcluded(text.trim().to_owned())
    }
}

/// What lenient reading says of text the grammar could not read (with what the grammar
/// said, when it said something): one wording for the cause.
const UNREAD: &str = "ignored what could not be read as query syntax";

/// A warning worded as the error `--strict` makes of it: the problem, without what lenient
/// reading did about it ("ignored 'AND' at the end…" becomes "'AND' at the end…").
fn as_error(warning: &str) -> String {
    if let Some(rest) = warning
        .strip_prefix(UNREAD)
        .and_then(|r| r.strip_prefix(": "))
    {
        rest.to_owned()
    } else if let Some(rest) = warning.strip_prefix("ignored ") {
        rest.to_owned()
    } else if let Some(rest) = warning.strip_prefix("closed ") {
        rest.replace(" at the end of the query", "")
    } else if let Some((_, why)) = warning.split_once(": there is ") {
        format!("there is {why}")
    } else {
        warning.to_owned()
    }
}

/// A query that matches nothing (for completeness when callers need one).
pub fn nothing() -> Box<dyn Query> {
    Box::new(EmptyQuery)
}

#[cfg(test)]
mod tests;

/// The analyses a query's words get: whether English stems are searched, and which
/// languages of `lang::STEMMED`. Languages named by `--lang` or by a required `lang:`
/// clause of the query are analysed alone; otherwise every language the index holds.
fn analysed_languages(
    fields: &Fields,
    filters: &Filters,
    ast: &UserInputAst,
) -> (bool, Vec<usize>) {
    let mut named: Vec<String> = filters.lang.clone();
    if named.is_empty() {
        named = required_langs(ast);
    }
    if named.is_empty() {
        return (true, fields.languages_present().collect());
    }
    let mut english = false;
    let mut langs = Vec::new();
    for code in &named {
        match crate::index::lang::stemmed(&crate::index::lang::normalise_code(code)) {
            Some(i) => langs.push(i),
            None => english = true,
        }
    }
    (english, langs)
}

/// The languages a query requires with `lang:` clauses at its top (`élections lang:fr`,
/// `+lang:fra`, or the query `lang:fra` alone); none when it has alternatives of them.
fn required_langs(ast: &UserInputAst) -> Vec<String> {
    let lang_of = |ast: &UserInputAst| -> Option<String> {
        let UserInputAst::Leaf(leaf) = ast else {
            return None;
        };
        let UserInputLeaf::Literal(lit) = leaf.as_ref() else {
            return None;
        };
        (lit.field_name.as_deref() == Some(schema::name::LANG)).then(|| lit.phrase.clone())
    };
    match ast {
        UserInputAst::Clause(children) => {
            let required: Vec<String> = children
                .iter()
                .filter(|(occur, _)| matches!(occur, None | Some(query_grammar::Occur::Must)))
                .filter_map(|(_, c)| lang_of(c))
                .collect();
            // Two required languages match nothing; either way, analyse both.
            required
        }
        leaf => lang_of(leaf).into_iter().collect(),
    }
}
