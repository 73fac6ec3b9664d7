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

use std::ops::Bound;
use std::sync::Arc;

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, FuzzyTermQuery, Occur, PhrasePrefixQuery,
    PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::query_grammar::{
    self, Delimiter, UserInputAst, UserInputBound, UserInputLeaf, UserInputLiteral,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;

use super::forms::{Forms, FormsQuery, FuzzyForms, PrefixForms};
use super::paths::PathQuery;
use crate::index::Fields;
use crate::index::schema::{self, QUERY_FIELDS, name};

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
    /// What to highlight in titles and bodies.
    pub needles: Vec<Needle>,
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
    /// Earliest publication date (inclusive).
    pub since: Option<jiff::civil::Date>,
    /// Latest publication date (inclusive).
    pub until: Option<jiff::civil::Date>,
    /// Also search the lines the cleaner removed as boilerplate (`--removed`).
    pub include_removed: bool,
    /// Only articles whose path matches one of these (`--path`; `path:` in the query
    /// adds to them).
    pub paths: Vec<super::paths::PathGlob>,
    /// Words joined by nothing are alternatives (`--any`), not all required.
    pub any_word: bool,
}

impl Filters {
    /// Whether a date filter is set (articles without a date are then excluded).
    pub fn has_dates(&self) -> bool {
        self.since.is_some() || self.until.is_some()
    }
}

/// Default fields and their boosts: a title match weighs more than a body match.
const DEFAULT_FIELDS: &[(&str, f32)] = &[
    (name::TITLE, 2.0),
    (name::BODY, 1.0),
    (name::AUTHOR, 1.0),
    (name::SOURCE, 0.5),
    (name::SECTION, 0.5),
    (name::TAG, 1.0),
    (name::PLACE, 0.5),
];

/// The weight of the lines the cleaner removed when they are searched too (`--removed`).
const REMOVED_BOOST: f32 = 1.0;

/// The start of day `d` (UTC), or its last second with `end_of_day`, as a term of the date
/// field.
fn date_term(field: Field, d: jiff::civil::Date, end_of_day: bool) -> Term {
    let secs = date_secs(d);
    Term::from_field_date_for_search(
        field,
        schema::search_date(if end_of_day { secs + 86_399 } else { secs }),
    )
}

/// The first second of a day, since 1970, for every day of jiff's calendar (its
/// timestamps end a day earlier, so `9999-12-31` has none).
fn date_secs(d: jiff::civil::Date) -> i64 {
    // Days from the civil date (Howard Hinnant's `days_from_civil`).
    let (m, day) = (i64::from(d.month()), i64::from(d.day()));
    let y = i64::from(d.year()) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) * 86_400
}

/// A range over the date field. tantivy needs a bound: "any date" (`date:[* TO *]`) is
/// every date from the first the index can hold.
fn date_range(field: Field, lower: Bound<Term>, upper: Bound<Term>) -> Box<dyn Query> {
    let lower = match (&lower, &upper) {
        (Bound::Unbounded, Bound::Unbounded) => Bound::Included(Term::from_field_date_for_search(
            field,
            schema::search_date(i64::MIN),
        )),
        _ => lower,
    };
    Box::new(RangeQuery::new(lower, upper))
}

fn field_names() -> String {
    let mut names: Vec<&str> = QUERY_FIELDS.iter().map(|(n, _)| *n).collect();
    names.push(name::DATE);
    names.join(", ")
}

/// Takes the `path:GLOB` terms out of the raw text (`-path:GLOB` excludes; a quoted
/// value may hold spaces): the grammar would read the glob's `*` and `/` as syntax, and
/// a path restricts the whole query wherever it stands. Returns the rest of the text and
/// the patterns, each with whether it excludes.
fn take_paths(text: &str) -> (String, Vec<(bool, String)>) {
    let mut out = String::with_capacity(text.len());
    let mut paths = Vec::new();
    let mut in_quote = false;
    let mut at_start = true;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if !in_quote && at_start {
            let (sign, after) = match c {
                '-' | '+' => (Some(c), &rest[1..]),
                _ => (None, rest),
            };
            if after.len() > 5
                && after
                    .get(..5)
                    .is_some_and(|p| p.eq_ignore_ascii_case("path:"))
            {
                let value = &after[5..];
                let (pattern, len) = if let Some(quoted) = value.strip_prefix('"') {
                    match quoted.find('"') {
                        Some(end) => (&quoted[..end], end + 2),
                        None => (quoted, value.len()),
                    }
                } else {
                    let end = value
                        .find(|c: char| c.is_whitespace() || c == ')')
                        .unwrap_or(value.len());
                    (&value[..end], end)
                };
                if !pattern.is_empty() {
                    paths.push((sign == Some('-'), pattern.to_owned()));
                    out.push(' ');
                    rest = &value[len..];
                    at_start = false;
                    continue;
                }
            }
        }
        if c == '"' {
            in_quote = !in_quote;
        }
        at_start = c.is_whitespace() || c == '(';
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    (out, paths)
}

/// Fixes the raw text so the grammar can read it: unknown `name:` prefixes become words,
/// an unmatched quote is dropped, a bare `~` becomes `~1`. Returns the fixed text and what
/// was changed.
fn repair(text: &str) -> (String, Vec<String>) {
    let mut warnings = Vec::new();
    let mut out = String::with_capacity(text.len());
    let quotes = text.matches('"').count();
    let drop_quote_at = (quotes % 2 == 1).then(|| text.rfind('"').expect("odd count"));
    if drop_quote_at.is_some() {
        warnings.push("ignored an unmatched '\"'".to_owned());
    }
    let mut in_quote = false;
    let mut in_single = false;
    let mut word_start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if Some(i) == drop_quote_at {
            out.push(' ');
            word_start = out.len();
            continue;
        }
        match c {
            // An apostrophe in a word is part of it (`O'Neil`, `don't`, `d'Ivoire`,
            // `Jones'`), not the start of a 'quoted phrase': escaped, the grammar keeps
            // the word whole, and the analyzer splits it as it split the text.
            '\'' if !in_quote => {
                let letter =
                    |at: Option<&(usize, char)>| at.is_some_and(|&(_, c)| c.is_alphanumeric());
                let after_letter = k > 0 && letter(chars.get(k - 1));
                let before_letter = letter(chars.get(k + 1));
                if after_letter && (before_letter || !in_single) {
                    out.push_str("\\'");
                } else {
                    in_single = !in_single;
                    out.push(c);
                }
            }
            '"' => {
                in_quote = !in_quote;
                out.push(c);
            }
            ':' if !in_quote => {
                let word = &out[word_start..];
                let bare = word.trim_start_matches(['+', '-', '(']);
                let known = QUERY_FIELDS
                    .iter()
                    .find(|(alias, _)| alias.eq_ignore_ascii_case(bare))
                    .map(|(_, f)| *f)
                    .or_else(|| bare.eq_ignore_ascii_case(name::DATE).then_some(name::DATE));
                let next = chars.get(k + 1).map(|&(_, c)| c);
                let nothing_after = next.is_none_or(|c| c.is_whitespace() || c == ')');
                match known {
                    Some(_) if !bare.is_empty() && nothing_after => {
                        warnings.push(format!("ignored '{bare}:': no word follows it"));
                        out.truncate(word_start + (word.len() - bare.len()));
                    }
                    Some(field) if !bare.is_empty() => {
                        let prefix_len = word.len() - bare.len();
                        out.truncate(word_start + prefix_len);
                        out.push_str(field);
                        out.push(':');
                    }
                    _ => {
                        if bare.is_empty() {
                            warnings.push("ignored a ':' that follows no field name".to_owned());
                        } else {
                            warnings.push(format!(
                                "read '{bare}:' as the word '{bare}': there is no field '{bare}' (fields: {})",
                                field_names()
                            ));
                        }
                        out.push(' ');
                    }
                }
                word_start = out.len();
            }
            '~' if !in_quote => {
                out.push('~');
                let next = chars.get(k + 1).map(|&(_, c)| c);
                if !next.is_some_and(|c| c.is_ascii_digit()) {
                    out.push('1');
                }
            }
            c if c.is_whitespace() || c == '(' || c == ')' => {
                out.push(c);
                word_start = out.len();
            }
            _ => out.push(c),
        }
    }
    let (out, more) = balance_parentheses(&out);
    warnings.extend(more);
    let (out, more) = drop_dangling_operators(&out);
    warnings.extend(more);
    (out, warnings)
}

/// Drops a `)` that closes nothing and closes a `(` left open, outside quotes.
fn balance_parentheses(text: &str) -> (String, Vec<String>) {
    let mut warnings = Vec::new();
    let mut out = String::with_capacity(text.len() + 2);
    let mut depth = 0usize;
    let mut in_quote = false;
    for c in text.chars() {
        match c {
            '"' => in_quote = !in_quote,
            '(' if !in_quote => depth += 1,
            ')' if !in_quote && depth == 0 => {
                warnings.push("ignored a ')' that closes no '('".to_owned());
                out.push(' ');
                continue;
            }
            ')' if !in_quote => depth -= 1,
            _ => {}
        }
        out.push(c);
    }
    if depth > 0 {
        warnings.push(format!(
            "closed {} at the end of the query",
            if depth == 1 {
                "a '(' left open".to_owned()
            } else {
                format!("{depth} '(' left open")
            }
        ));
        out.extend(std::iter::repeat_n(')', depth));
    }
    (out, warnings)
}

fn is_operator(token: &str) -> bool {
    matches!(token, "AND" | "OR" | "NOT")
}

/// Drops an `AND`, `OR` or `NOT` that has nothing to act on: at either end of the query,
/// next to another operator or against a parenthesis (`Harbin AND`, `a OR OR b`).
fn drop_dangling_operators(text: &str) -> (String, Vec<String>) {
    // Tokens are runs of non-space characters outside quotes; a quoted phrase is one.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut in_quote = false;
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c == '"' {
            in_quote = !in_quote;
        }
        if c.is_whitespace() && !in_quote {
            if let Some(s) = start.take() {
                spans.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    let tokens: Vec<&str> = spans.iter().map(|&(a, b)| &text[a..b]).collect();
    let mut keep = vec![true; tokens.len()];
    let mut warnings = Vec::new();
    for i in 0..tokens.len() {
        let op = tokens[i];
        if !is_operator(op) {
            continue;
        }
        let prev = (0..i).rev().find(|&j| keep[j]).map(|j| tokens[j]);
        let next = tokens.get(i + 1).copied();
        let why = match (prev, next) {
            (_, None) => Some("at the end of the query".to_owned()),
            (_, Some(n)) if n.starts_with(')') => Some("before a ')'".to_owned()),
            (_, Some(n)) if n != "NOT" && is_operator(n) => Some(format!("before '{n}'")),
            _ if op == "NOT" => None,
            (None, _) => Some("at the start of the query".to_owned()),
            (Some(p), _) if p.ends_with('(') => Some("after a '('".to_owned()),
            (Some(p), _) if is_operator(p) => Some(format!("after '{p}'")),
            _ => None,
        };
        if let Some(why) = why {
            warnings.push(format!("ignored '{op}' {why}: it joins nothing"));
            keep[i] = false;
        }
    }
    if warnings.is_empty() {
        return (text.to_owned(), warnings);
    }
    let kept: Vec<&str> = tokens
        .iter()
        .zip(&keep)
        .filter_map(|(t, k)| k.then_some(*t))
        .collect();
    (kept.join(" "), warnings)
}

/// How deep parentheses may nest in a query.
const MAX_NESTING: usize = 256;

/// The deepest nesting of parentheses outside quotes (unclosed ones count).
fn nesting(text: &str) -> usize {
    let (mut depth, mut deepest, mut quoted) = (0usize, 0, false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '(' if !quoted => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            ')' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
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
    let (text, typed_paths) = take_paths(text);
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut include_paths = filters.paths.clone();
    let mut exclude_paths = Vec::new();
    for (exclude, pattern) in &typed_paths {
        let glob = super::paths::PathGlob::new(pattern, &cwd)
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
    let text = text.as_str();
    let (fixed, mut warnings) = repair(text);
    if strict && let Some(w) = warnings.first() {
        return Err(QueryError::Syntax(as_error(w)));
    }
    if fixed.trim().is_empty() {
        return Err(QueryError::NothingLeft(warnings.join("; ")));
    }
    let ast = match query_grammar::parse_query(&fixed) {
        Ok(ast) => ast,
        Err(_) => {
            let (ast, errors) = query_grammar::parse_query_lenient(&fixed);
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
            ast
        }
    };
    let mut compiler = Compiler {
        fields,
        text: schema::text_analyzer(),
        names: schema::name_analyzer(),
        warnings: Vec::new(),
        needles: Vec::new(),
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
    let query = query.ok_or_else(|| {
        if has_positive(&ast) && !warnings.is_empty() {
            QueryError::NothingLeft(warnings.join("; "))
        } else if has_positive(&ast) {
            QueryError::Empty
        } else if !has_leaf(&ast) {
            // Only syntax: `)(`, `+`, `title:(`.
            QueryError::NothingLeft(format!("{:?} holds no word", text.trim()))
        } else {
            QueryError::OnlyExcluded(text.trim().to_owned())
        }
    })?;
    let mut needles = compiler.needles;
    needles.dedup();
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
        removed: removed.map(|q| restrict(q, false)),
        words,
        typed,
        paths: include_paths,
    })
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

/// A literal as the user typed it (after repairs): `word`, `"a phrase"~1`, `title:expo*`.
fn typed_form(lit: &UserInputLiteral) -> String {
    let field = lit
        .field_name
        .as_deref()
        .map_or_else(String::new, |f| format!("{f}:"));
    match lit.delimiter {
        Delimiter::None => format!("{field}{}", lit.phrase),
        _ => {
            let slop = if lit.slop > 0 {
                format!("~{}", lit.slop)
            } else {
                String::new()
            };
            let prefix = if lit.prefix { "*" } else { "" };
            format!("{field}\"{}\"{slop}{prefix}", lit.phrase)
        }
    }
}

/// A query of two or more words or phrases joined by nothing but spaces, none of them
/// restricted to a field (`author:roe` or `date:2024` is a condition, not a word to drop
/// when nothing matches).
fn plain_words(ast: &UserInputAst) -> bool {
    match ast {
        UserInputAst::Clause(children) => {
            children.len() >= 2
                && children.iter().all(|(occur, child)| {
                    occur.is_none()
                        && matches!(child, UserInputAst::Leaf(leaf)
                            if matches!(leaf.as_ref(), UserInputLeaf::Literal(lit)
                                if lit.field_name.is_none()))
                })
        }
        _ => false,
    }
}

/// The occur of a clause's child, `default` when the query says nothing.
fn occur_of(occur: Option<query_grammar::Occur>, default: Occur) -> Occur {
    match occur {
        Some(query_grammar::Occur::Must) => Occur::Must,
        Some(query_grammar::Occur::Should) => Occur::Should,
        Some(query_grammar::Occur::MustNot) => Occur::MustNot,
        None => default,
    }
}

/// The children of a group that holds nothing but exclusions (`NOT b` reads as such a
/// group of one).
fn only_excludes(ast: &UserInputAst) -> Option<impl Iterator<Item = &UserInputAst>> {
    match ast {
        UserInputAst::Clause(children)
            if !children.is_empty()
                && children
                    .iter()
                    .all(|(o, _)| *o == Some(query_grammar::Occur::MustNot)) =>
        {
            Some(children.iter().map(|(_, c)| c))
        }
        _ => None,
    }
}

fn has_positive(ast: &UserInputAst) -> bool {
    match ast {
        UserInputAst::Clause(children) => children
            .iter()
            .any(|(occur, c)| *occur != Some(query_grammar::Occur::MustNot) && has_positive(c)),
        UserInputAst::Boost(inner, _) => has_positive(inner),
        UserInputAst::Leaf(_) => true,
    }
}

/// Whether a query holds anything but structure.
fn has_leaf(ast: &UserInputAst) -> bool {
    match ast {
        UserInputAst::Clause(children) => children.iter().any(|(_, c)| has_leaf(c)),
        UserInputAst::Boost(inner, _) => has_leaf(inner),
        UserInputAst::Leaf(_) => true,
    }
}

struct Compiler<'a> {
    fields: &'a Fields,
    text: TextAnalyzer,
    names: TextAnalyzer,
    warnings: Vec<String>,
    needles: Vec<Needle>,
    words: Vec<String>,
    typed: Vec<String>,
    /// Whether unfielded words also search the lines the cleaner removed.
    with_removed: bool,
}

fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(t) = stream.next() {
        out.push((t.position, t.text.clone()));
    }
    out
}

impl Compiler<'_> {
    /// Queries for the metadata filters; a filter value with no searchable word is an
    /// error (it would silently match nothing).
    fn filters(&mut self, f: &Filters) -> Result<Vec<Box<dyn Query>>, QueryError> {
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

    /// For a plain list of words, phrase queries that reward articles where the words
    /// stand together (title exactly, body within a few positions).
    fn proximity(&mut self, ast: &UserInputAst) -> Vec<Box<dyn Query>> {
        let UserInputAst::Clause(children) = ast else {
            return Vec::new();
        };
        if !plain_words(ast) {
            return Vec::new();
        }
        let mut stems = Vec::new();
        for (_, child) in children {
            let UserInputAst::Leaf(leaf) = child else {
                return Vec::new();
            };
            let UserInputLeaf::Literal(lit) = leaf.as_ref() else {
                return Vec::new();
            };
            if lit.field_name.is_some()
                || lit.delimiter != Delimiter::None
                || lit.phrase.ends_with('*')
                || lit.phrase.contains('~')
            {
                return Vec::new();
            }
            stems.extend(
                tokens(&mut self.text, &lit.phrase)
                    .into_iter()
                    .map(|(_, t)| t),
            );
        }
        if stems.len() < 2 {
            return Vec::new();
        }
        let phrase = |field: Field, slop: u32, boost: f32| -> Box<dyn Query> {
            let terms: Vec<(usize, Term)> = stems
                .iter()
                .enumerate()
                .map(|(i, t)| (i, Term::from_field_text(field, t)))
                .collect();
            Box::new(BoostQuery::new(
                Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop)),
                boost,
            ))
        };
        vec![
            phrase(self.fields.body, 3, 1.0),
            phrase(self.fields.title, 1, 1.0),
        ]
    }

    fn field(&self, name: &str) -> Option<(Field, bool)> {
        let f = self.fields;
        Some(match name {
            n if n == name::TITLE => (f.title, true),
            n if n == name::BODY => (f.body, true),
            n if n == name::REMOVED => (f.removed, true),
            n if n == name::AUTHOR => (f.author, false),
            n if n == name::SOURCE => (f.source, false),
            n if n == name::SECTION => (f.section, false),
            n if n == name::TAG => (f.tag, false),
            n if n == name::PLACE => (f.place, false),
            _ => return None,
        })
    }

    /// Compiles `ast`; `None` when it holds nothing to search for. `default` is the occur
    /// of clauses joined by spaces; `quiet` suppresses warnings and needles (second pass).
    fn compile(
        &mut self,
        ast: &UserInputAst,
        default: Occur,
        quiet: bool,
    ) -> Result<Option<Box<dyn Query>>, QueryError> {
        self.compile_in(ast, default, quiet, false, false)
    }

    /// `negated`: an enclosing clause is excluded (its words are not highlighted).
    /// `nested`: `ast` is part of a larger query (a clause that only excludes then means
    /// "every article but", as in tantivy's `a OR NOT b`; at the top it is an error).
    fn compile_in(
        &mut self,
        ast: &UserInputAst,
        default: Occur,
        quiet: bool,
        negated: bool,
        nested: bool,
    ) -> Result<Option<Box<dyn Query>>, QueryError> {
        match ast {
            UserInputAst::Clause(children) => {
                let mut subs: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for (occur, child) in children {
                    let occur = occur_of(*occur, default);
                    // The grammar reads `a AND NOT b` as (+a +(-b)): a required group that
                    // only excludes. Its exclusions join this clause, so the query is the
                    // same as `a -b` (same matches, same scores).
                    if occur == Occur::Must
                        && let Some(excluded) = only_excludes(child)
                    {
                        for grandchild in excluded {
                            if let Some(q) =
                                self.compile_in(grandchild, default, quiet, true, true)?
                            {
                                subs.push((Occur::MustNot, q));
                            }
                        }
                        continue;
                    }
                    let child_negated = negated || occur == Occur::MustNot;
                    if let Some(q) = self.compile_in(child, default, quiet, child_negated, true)? {
                        subs.push((occur, q));
                    }
                }
                if subs.is_empty() {
                    return Ok(None);
                }
                if subs.iter().all(|(o, _)| *o == Occur::MustNot) {
                    // Excluding alone matches nothing. At the top the caller reports it;
                    // inside a larger query (`a OR NOT b`, `-(-b)`) it means every article
                    // but the excluded ones.
                    if !nested {
                        return Ok(None);
                    }
                    subs.push((Occur::Must, Box::new(AllQuery)));
                }
                Ok(Some(Box::new(BooleanQuery::new(subs))))
            }
            UserInputAst::Boost(inner, boost) => Ok(self
                .compile_in(inner, default, quiet, negated, nested)?
                .map(|q| {
                    Box::new(BoostQuery::new(q, boost.into_inner() as f32)) as Box<dyn Query>
                })),
            UserInputAst::Leaf(leaf) => self.leaf(leaf, quiet, negated),
        }
    }

    fn warn(&mut self, quiet: bool, message: String) {
        if !quiet {
            self.warnings.push(message);
        }
    }

    fn leaf(
        &mut self,
        leaf: &UserInputLeaf,
        quiet: bool,
        negated: bool,
    ) -> Result<Option<Box<dyn Query>>, QueryError> {
        match leaf {
            UserInputLeaf::Literal(lit) => Ok(self.literal(lit, quiet, negated)),
            UserInputLeaf::All => Ok(Some(Box::new(AllQuery))),
            UserInputLeaf::Range {
                field,
                lower,
                upper,
            } => {
                if field.as_deref() != Some(name::DATE) {
                    self.warn(
                        quiet,
                        format!(
                            "ignored a range on {}: only date:[FROM TO UNTIL] ranges are supported",
                            field.as_deref().unwrap_or("no field")
                        ),
                    );
                    return Ok(None);
                }
                let lower = self.date_bound(lower, false, quiet)?;
                let upper = self.date_bound(upper, true, quiet)?;
                Ok(Some(date_range(self.fields.date, lower, upper)))
            }
            UserInputLeaf::Set { .. } => {
                self.warn(quiet, "ignored an IN [...] set: not supported".to_owned());
                Ok(None)
            }
            UserInputLeaf::Regex { .. } => {
                self.warn(
                    quiet,
                    "ignored a /regex/: not supported (use word* for prefixes)".to_owned(),
                );
                Ok(None)
            }
            UserInputLeaf::Exists { field } => {
                self.warn(quiet, format!("ignored '{field}:*': not supported"));
                Ok(None)
            }
        }
    }

    /// A bound of `date:[FROM TO UNTIL]` (or `date:>FROM`, `date:<=UNTIL`): a year or a
    /// month stands for all its days, so `date:[2023 TO 2024]` ends on 2024-12-31 and
    /// `date:>2024` begins in 2025.
    fn date_bound(
        &mut self,
        b: &UserInputBound,
        upper: bool,
        quiet: bool,
    ) -> Result<Bound<Term>, QueryError> {
        let (s, inclusive) = match b {
            UserInputBound::Unbounded => return Ok(Bound::Unbounded),
            UserInputBound::Inclusive(s) => (s, true),
            UserInputBound::Exclusive(s) => (s, false),
        };
        if s == "*" {
            return Ok(Bound::Unbounded);
        }
        let field = self.fields.date;
        let bound = date_span(s).map(|(first, last)| match (upper, inclusive) {
            (false, true) => Bound::Included(date_term(field, first, false)),
            (false, false) => Bound::Excluded(date_term(field, last, true)),
            (true, true) => Bound::Included(date_term(field, last, true)),
            (true, false) => Bound::Excluded(date_term(field, first, false)),
        });
        match bound {
            Some(b) => Ok(b),
            None => self.bad_date(s, quiet),
        }
    }

    fn bad_date(&mut self, s: &str, quiet: bool) -> Result<Bound<Term>, QueryError> {
        let msg = format!("'{s}' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)");
        if !quiet {
            return Err(QueryError::Syntax(msg));
        }
        Ok(Bound::Unbounded)
    }

    /// `date:2024`, `date:2024-05` or `date:2024-05-17`: the articles of that year, month
    /// or day.
    fn date_literal(&mut self, text: &str, quiet: bool) -> Option<Box<dyn Query>> {
        let Some((first, last)) = date_span(text) else {
            self.warn(
                quiet,
                format!(
                    "ignored 'date:{text}': not a date (use date:YYYY, date:YYYY-MM, \
                     date:YYYY-MM-DD or date:[FROM TO UNTIL])"
                ),
            );
            return None;
        };
        let field = self.fields.date;
        let in_range = |d| schema::DATE_SECS.contains(&date_secs(d));
        if !(in_range(first) && in_range(last)) {
            self.warn(
                quiet,
                format!(
                    "ignored 'date:{text}': out of range (the index holds dates of 1678 to 2261)"
                ),
            );
            return None;
        }
        Some(Box::new(RangeQuery::new(
            Bound::Included(date_term(field, first, false)),
            Bound::Included(date_term(field, last, true)),
        )))
    }

    fn literal(
        &mut self,
        lit: &UserInputLiteral,
        quiet: bool,
        negated: bool,
    ) -> Option<Box<dyn Query>> {
        let targets: Vec<(Field, bool, f32)> = match &lit.field_name {
            None => DEFAULT_FIELDS
                .iter()
                .chain(self.with_removed.then_some(&(name::REMOVED, REMOVED_BOOST)))
                .filter_map(|(n, boost)| self.field(n).map(|(f, stem)| (f, stem, *boost)))
                .filter(|(f, _, _)| !self.fields.holds_no_terms(*f))
                .collect(),
            Some(n) if n == name::LANG => {
                let term = Term::from_field_text(self.fields.lang, &lit.phrase.to_lowercase());
                return Some(Box::new(TermQuery::new(term, IndexRecordOption::Basic)));
            }
            Some(n) if n == name::DATE => return self.date_literal(&lit.phrase, quiet),
            Some(n) => match self.field(n) {
                Some((f, stem)) => vec![(f, stem, 1.0)],
                None => {
                    self.warn(
                        quiet,
                        format!(
                            "ignored '{n}:{}': no such field (fields: {})",
                            lit.phrase,
                            field_names()
                        ),
                    );
                    return None;
                }
            },
        };
        let highlight = !quiet
            && !negated
            && lit
                .field_name
                .as_deref()
                .is_none_or(|n| n == name::TITLE || n == name::BODY);
        let quoted = lit.delimiter != Delimiter::None;
        // The grammar keeps `expo*` and `jinpng~1` as one word when unquoted; split the
        // operator off here.
        let (phrase, prefix, fuzzy) = if quoted {
            (lit.phrase.as_str(), lit.prefix, 0)
        } else if let Some(stem) = lit.phrase.strip_suffix('*') {
            (stem, true, 0)
        } else if let Some((word, d)) = lit.phrase.rsplit_once('~')
            && let Ok(d) = d.parse::<u32>()
        {
            (word, false, d.clamp(1, 2))
        } else {
            (lit.phrase.as_str(), lit.prefix, lit.slop)
        };
        let mut per_field: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut needle = None;
        // Prefix and fuzzy words are matched against stems by what the typed word can
        // stand for (see `forms`); the forms are worked out once for all fields.
        let mut forms: Option<Arc<Forms>> = None;
        for (field, stemmed, boost) in targets {
            let analyzer = if stemmed {
                &mut self.text
            } else {
                &mut self.names
            };
            let toks = tokens(analyzer, phrase);
            if toks.is_empty() {
                continue;
            }
            let fuzzy = if quoted { 0 } else { fuzzy.min(2) as u8 };
            let q: Box<dyn Query> = if toks.len() == 1 {
                let term = Term::from_field_text(field, &toks[0].1);
                if stemmed && (prefix || fuzzy > 0) {
                    let forms = forms
                        .get_or_insert_with(|| {
                            let word = tokens(&mut self.names, phrase)
                                .pop()
                                .map_or_else(|| toks[0].1.clone(), |(_, w)| w);
                            Arc::new(if prefix {
                                Forms::Prefix(PrefixForms::new(&word))
                            } else {
                                Forms::Fuzzy(FuzzyForms::new(&word, fuzzy))
                            })
                        })
                        .clone();
                    needle.get_or_insert_with(|| match forms.as_ref() {
                        Forms::Prefix(p) => Needle::Prefix(p.clone()),
                        Forms::Fuzzy(f) => Needle::Fuzzy(f.clone()),
                    });
                    Box::new(FormsQuery::new(field, forms))
                } else if prefix {
                    Box::new(FuzzyTermQuery::new_prefix(term, 0, true))
                } else if fuzzy > 0 {
                    Box::new(FuzzyTermQuery::new(term, fuzzy, true))
                } else {
                    if stemmed {
                        needle.get_or_insert(Needle::Term(toks[0].1.clone()));
                    }
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
                }
            } else {
                let terms: Vec<(usize, Term)> = toks
                    .iter()
                    .map(|(pos, t)| (*pos, Term::from_field_text(field, t)))
                    .collect();
                if stemmed {
                    needle.get_or_insert(Needle::Phrase(
                        toks.iter().map(|(_, t)| t.clone()).collect(),
                        lit.slop,
                    ));
                }
                if prefix {
                    Box::new(PhrasePrefixQuery::new_with_offset(terms))
                } else {
                    Box::new(PhraseQuery::new_with_offset_and_slop(terms, lit.slop))
                }
            };
            let q: Box<dyn Query> = if (boost - 1.0).abs() > f32::EPSILON {
                Box::new(BoostQuery::new(q, boost))
            } else {
                q
            };
            per_field.push((Occur::Should, q));
        }
        if per_field.is_empty() {
            let too_long = phrase
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.len() >= schema::MAX_WORD_BYTES);
            let why = if too_long {
                format!(
                    "words of {} bytes or more are not indexed",
                    schema::MAX_WORD_BYTES
                )
            } else {
                "it holds no searchable word".to_owned()
            };
            self.warn(quiet, format!("ignored '{}': {why}", lit.phrase));
            return None;
        }
        if highlight && let Some(n) = needle {
            if lit.field_name.is_none() && matches!(n, Needle::Term(_)) {
                self.words.push(phrase.to_owned());
            }
            self.typed.push(typed_form(lit));
            self.needles.push(n);
        }
        Some(if per_field.len() == 1 {
            per_field.pop().expect("one").1
        } else {
            Box::new(BooleanQuery::new(per_field))
        })
    }
}

/// A `--since` (`upper` false: the first day) or `--until` (`upper`: the last day) bound:
/// a year (`2024`), a month (`2024-05`), a day (`2024-05-17`), or a span back from
/// `today` in days, weeks, months or years (`7d`, `2w`, `3m`, `1y`).
pub fn date_bound(
    text: &str,
    upper: bool,
    today: jiff::civil::Date,
) -> Result<jiff::civil::Date, String> {
    let text = text.trim();
    if let Some((first, last)) = date_span(text) {
        return Ok(if upper { last } else { first });
    }
    let bad = || {
        format!(
            "{text:?} is not a date: use YYYY, YYYY-MM, YYYY-MM-DD or a span back from \
             today (7d, 2w, 3m, 1y)"
        )
    };
    let unit = text.chars().last().ok_or_else(bad)?;
    let number = &text[..text.len() - unit.len_utf8()];
    let n: i64 = number
        .parse()
        .ok()
        .filter(|n| *n >= 0 && number.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(bad)?;
    let span = match unit.to_ascii_lowercase() {
        'd' => jiff::Span::new().try_days(n),
        'w' => jiff::Span::new().try_weeks(n),
        'm' => jiff::Span::new().try_months(n),
        'y' => jiff::Span::new().try_years(n),
        _ => return Err(bad()),
    }
    .map_err(|_| format!("{text:?} reaches too far back"))?;
    today
        .checked_sub(span)
        .map_err(|_| format!("{text:?} reaches too far back"))
}

/// The first and last day of a year (`2024`), month (`2024-05`) or day (`2024-05-17`).
fn date_span(text: &str) -> Option<(jiff::civil::Date, jiff::civil::Date)> {
    let parts: Vec<&str> = text.split('-').collect();
    let number = |s: &str, len: usize| -> Option<i16> {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] => {
            let y = number(y, 4)?;
            Some((
                jiff::civil::Date::new(y, 1, 1).ok()?,
                jiff::civil::Date::new(y, 12, 31).ok()?,
            ))
        }
        [y, m] => {
            let first = jiff::civil::Date::new(number(y, 4)?, number(m, 2)? as i8, 1).ok()?;
            Some((first, first.last_of_month()))
        }
        [y, m, d] => {
            let day =
                jiff::civil::Date::new(number(y, 4)?, number(m, 2)? as i8, number(d, 2)? as i8)
                    .ok()?;
            Some((day, day))
        }
        _ => None,
    }
}

/// A query that matches nothing (for completeness when callers need one).
pub fn nothing() -> Box<dyn Query> {
    Box::new(EmptyQuery)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> Fields {
        Fields::new(&schema::build()).unwrap()
    }

    #[test]
    fn unknown_field_prefix_is_read_as_a_word() {
        let (fixed, warnings) = repair("Harbin: expo");
        assert_eq!(fixed.trim(), "Harbin  expo");
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].contains("'Harbin:'"), "{warnings:?}");
        let (fixed, warnings) = repair("Author:Dikshit");
        assert_eq!(fixed, "author:Dikshit");
        assert!(warnings.is_empty());
        let (fixed, _) = repair("tags:china");
        assert_eq!(fixed, "tag:china");
    }

    #[test]
    fn unmatched_quote_is_dropped() {
        let (fixed, warnings) = repair("\"Harbin expo");
        assert_eq!(fixed.trim(), "Harbin expo");
        assert_eq!(warnings, ["ignored an unmatched '\"'"]);
        let (fixed, warnings) = repair("\"Harbin expo\"");
        assert_eq!(fixed, "\"Harbin expo\"");
        assert!(warnings.is_empty());
    }

    #[test]
    fn strict_mode_names_the_problem() {
        let f = fields();
        let err = parse("Harbin: expo", &f, true, &Filters::default())
            .err()
            .unwrap();
        assert!(err.to_string().contains("Harbin"), "{err}");
        assert!(parse("Harbin expo", &f, true, &Filters::default()).is_ok());
        assert_eq!(
            parse("   ", &f, false, &Filters::default()).err(),
            Some(QueryError::Empty)
        );
        assert!(matches!(
            parse(")(", &f, false, &Filters::default()).err(),
            Some(QueryError::NothingLeft(_))
        ));
        assert!(matches!(
            parse("-putin", &f, false, &Filters::default()).err(),
            Some(QueryError::OnlyExcluded(_))
        ));
    }

    #[test]
    fn needles_follow_the_query() {
        let f = fields();
        let p = parse(
            "Harbin \"China-Russia Expo\" expo* jinpng~ -moscow author:roe",
            &f,
            false,
            &Filters::default(),
        )
        .unwrap();
        assert_eq!(
            p.needles,
            vec![
                Needle::Term("harbin".into()),
                Needle::Phrase(vec!["china".into(), "russia".into(), "expo".into()], 0),
                Needle::Prefix(PrefixForms::new("expo")),
                Needle::Fuzzy(FuzzyForms::new("jinpng", 1)),
            ]
        );
        assert!(
            p.any.is_none(),
            "operators and fields make it not a plain word list"
        );
        assert!(
            parse("harbin expo", &f, false, &Filters::default())
                .unwrap()
                .any
                .is_some()
        );
    }

    #[test]
    fn dangling_operators_and_parentheses_are_dropped_or_closed() {
        let fix = |q: &str| repair(q).0;
        assert_eq!(fix("a AND"), "a");
        assert_eq!(fix("OR a b"), "a b");
        assert_eq!(fix("a OR OR b"), "a OR b");
        assert_eq!(fix("a AND NOT b"), "a AND NOT b");
        assert_eq!(fix("a NOT"), "a");
        assert_eq!(fix("(a b"), "(a b)");
        assert_eq!(fix("a b)"), "a b ");
        assert_eq!(fix("\"a OR\" b"), "\"a OR\" b");
        assert!(repair("a AND b").1.is_empty());
    }

    #[test]
    fn days_count_from_1970_across_the_whole_calendar() {
        let d = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
        for s in [
            "1970-01-01",
            "2024-02-29",
            "2024-03-01",
            "1969-12-31",
            "1600-03-01",
            "2262-04-11",
        ] {
            let jiff = d(s)
                .to_zoned(jiff::tz::TimeZone::UTC)
                .unwrap()
                .timestamp()
                .as_second();
            assert_eq!(date_secs(d(s)), jiff, "{s}");
        }
        // Past jiff's last timestamp, the count goes on.
        assert_eq!(
            date_secs(d("9999-12-31")) - date_secs(d("9999-12-30")),
            86_400
        );
    }

    #[test]
    fn nesting_counts_parentheses_outside_quotes() {
        assert_eq!(nesting("a (b (c) d) (e)"), 2);
        assert_eq!(nesting("((("), 3);
        assert_eq!(nesting("\"(((\" x"), 0);
        assert_eq!(nesting(")) ("), 1);
    }

    #[test]
    fn path_terms_are_taken_out_of_the_query() {
        assert_eq!(
            take_paths("oil path:bbc/ -path:\"my news/\" (gas PATH:x*)"),
            (
                "oil     (gas  )".to_owned(),
                vec![
                    (false, "bbc/".to_owned()),
                    (true, "my news/".to_owned()),
                    (false, "x*".to_owned())
                ]
            )
        );
        // Not at a word's start, in a phrase, or with nothing after it: text.
        for text in ["xpath:a", "\"path:a\"", "path:", "視path:a", "é"] {
            assert_eq!(take_paths(text), (text.to_owned(), vec![]), "{text}");
        }
    }

    #[test]
    fn apostrophes_inside_words_are_escaped_for_the_grammar() {
        assert_eq!(repair("O'Neil").0, "O\\'Neil");
        assert_eq!(repair("Côte d'Ivoire").0, "Côte d\\'Ivoire");
        assert_eq!(repair("Jones' dog").0, "Jones\\' dog");
        assert_eq!(repair("'joint statement'").0, "'joint statement'");
        assert!(repair("don't").1.is_empty());
    }

    #[test]
    fn date_bounds_take_years_months_days_and_spans_back() {
        let d = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
        let today = d("2024-05-17");
        assert_eq!(date_bound("1987", false, today), Ok(d("1987-01-01")));
        assert_eq!(date_bound("1987", true, today), Ok(d("1987-12-31")));
        assert_eq!(date_bound("1987-02", true, today), Ok(d("1987-02-28")));
        assert_eq!(date_bound("1987-03-04", false, today), Ok(d("1987-03-04")));
        assert_eq!(date_bound("7d", false, today), Ok(d("2024-05-10")));
        assert_eq!(date_bound("2w", true, today), Ok(d("2024-05-03")));
        assert_eq!(date_bound("3m", false, today), Ok(d("2024-02-17")));
        assert_eq!(date_bound("1y", false, today), Ok(d("2023-05-17")));
        assert_eq!(date_bound("0d", false, today), Ok(today));
        for bad in ["last week", "7", "d", "-3d", "7x", "1987-13", "", "7é", "é"] {
            let err = date_bound(bad, false, today).unwrap_err();
            assert!(err.contains("YYYY-MM-DD"), "{bad}: {err}");
        }
        assert!(date_bound("99999999y", false, today).is_err());
    }

    #[test]
    fn date_spans_cover_a_year_a_month_or_a_day() {
        let d = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
        assert_eq!(date_span("2024"), Some((d("2024-01-01"), d("2024-12-31"))));
        assert_eq!(
            date_span("2024-02"),
            Some((d("2024-02-01"), d("2024-02-29")))
        );
        assert_eq!(
            date_span("2024-05-17"),
            Some((d("2024-05-17"), d("2024-05-17")))
        );
        for bad in ["24", "2024-13", "2024-02-30", "May", "2024-5", ""] {
            assert_eq!(date_span(bad), None, "{bad}");
        }
    }
}
