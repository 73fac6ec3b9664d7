//! Compiling the grammar's tree into a tantivy query over newsq's fields, collecting
//! what to highlight and the words as typed on the way.

use std::sync::Arc;

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, PhrasePrefixQuery, PhraseQuery,
    Query, TermQuery,
};
use tantivy::query_grammar::{self, Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;

use super::dates::date_range;
use super::{Needle, QueryError};
use crate::index::Fields;
use crate::index::schema::{self, QUERY_FIELDS, name};
use crate::search::forms::{Forms, FormsQuery, FuzzyForms, PrefixForms};

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

pub(super) fn field_names() -> String {
    let mut names: Vec<&str> = QUERY_FIELDS.iter().map(|(n, _)| *n).collect();
    names.push(name::DATE);
    names.join(", ")
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
pub(super) fn plain_words(ast: &UserInputAst) -> bool {
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

pub(super) fn has_positive(ast: &UserInputAst) -> bool {
    match ast {
        UserInputAst::Clause(children) => children
            .iter()
            .any(|(occur, c)| *occur != Some(query_grammar::Occur::MustNot) && has_positive(c)),
        UserInputAst::Boost(inner, _) => has_positive(inner),
        UserInputAst::Leaf(_) => true,
    }
}

/// Whether a query holds anything but structure.
pub(super) fn has_leaf(ast: &UserInputAst) -> bool {
    match ast {
        UserInputAst::Clause(children) => children.iter().any(|(_, c)| has_leaf(c)),
        UserInputAst::Boost(inner, _) => has_leaf(inner),
        UserInputAst::Leaf(_) => true,
    }
}

/// How a field's words are analysed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Analysis {
    /// Names and tags: folded, not stemmed.
    Names,
    /// English stems (English articles, and those of languages without fields).
    English,
    /// The stems of language `i` of `lang::STEMMED`.
    Lang(usize),
}

/// A field a word is searched in: the field, how it is analysed, its boost.
type Target = (Field, Analysis, f32);

pub(super) struct Compiler<'a> {
    pub(super) fields: &'a Fields,
    pub(super) text: TextAnalyzer,
    pub(super) names: TextAnalyzer,
    /// Whether English stems are searched (not when the query names other languages only).
    pub(super) english: bool,
    /// The analyzer of each language of `lang::STEMMED` the query is analysed for.
    pub(super) langs: Vec<Option<TextAnalyzer>>,
    pub(super) warnings: Vec<String>,
    pub(super) needles: Vec<Needle>,
    /// The needles of each language of `lang::STEMMED` (its stems of the same words).
    pub(super) lang_needles: Vec<Vec<Needle>>,
    pub(super) words: Vec<String>,
    pub(super) typed: Vec<String>,
    /// Whether unfielded words also search the lines the cleaner removed.
    pub(super) with_removed: bool,
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
    /// For a plain list of words, phrase queries that reward articles where the words
    /// stand together (title exactly, body within a few positions).
    pub(super) fn proximity(&mut self, ast: &UserInputAst) -> Vec<Box<dyn Query>> {
        let UserInputAst::Clause(children) = ast else {
            return Vec::new();
        };
        if !plain_words(ast) {
            return Vec::new();
        }
        let mut words = Vec::new();
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
            words.push(lit.phrase.as_str());
        }
        let phrase = |stems: &[String], field: Field, slop: u32| -> Box<dyn Query> {
            let terms: Vec<(usize, Term)> = stems
                .iter()
                .enumerate()
                .map(|(i, t)| (i, Term::from_field_text(field, t)))
                .collect();
            Box::new(BoostQuery::new(
                Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop)),
                1.0,
            ))
        };
        let stems_of = |analyzer: &mut TextAnalyzer| -> Vec<String> {
            words
                .iter()
                .flat_map(|w| tokens(analyzer, w).into_iter().map(|(_, t)| t))
                .collect()
        };
        let mut out = Vec::new();
        if self.english {
            let stems = stems_of(&mut self.text);
            if stems.len() >= 2 {
                out.push(phrase(&stems, self.fields.body, 3));
                out.push(phrase(&stems, self.fields.title, 1));
            }
        }
        for i in 0..self.langs.len() {
            let Some(analyzer) = self.langs[i].as_mut() else {
                continue;
            };
            let stems = stems_of(analyzer);
            if stems.len() >= 2 {
                out.push(phrase(&stems, self.fields.lang_body[i], 3));
                out.push(phrase(&stems, self.fields.lang_title[i], 1));
            }
        }
        out
    }

    /// The fields a field name stands for, with their analysis: the title and body are
    /// one field per language analysed.
    fn field(&self, name: &str) -> Option<Vec<(Field, Analysis)>> {
        let f = self.fields;
        let per_language = |english: Field, langs: &[Field]| -> Vec<(Field, Analysis)> {
            let mut out = Vec::new();
            if self.english {
                out.push((english, Analysis::English));
            }
            for (i, analyzer) in self.langs.iter().enumerate() {
                if analyzer.is_some() {
                    out.push((langs[i], Analysis::Lang(i)));
                }
            }
            out
        };
        Some(match name {
            n if n == name::TITLE => per_language(f.title, &f.lang_title),
            n if n == name::BODY => per_language(f.body, &f.lang_body),
            n if n == name::REMOVED => vec![(f.removed, Analysis::English)],
            n if n == name::AUTHOR => vec![(f.author, Analysis::Names)],
            n if n == name::SOURCE => vec![(f.source, Analysis::Names)],
            n if n == name::SECTION => vec![(f.section, Analysis::Names)],
            n if n == name::TAG => vec![(f.tag, Analysis::Names)],
            n if n == name::PLACE => vec![(f.place, Analysis::Names)],
            _ => return None,
        })
    }

    /// Compiles `ast`; `None` when it holds nothing to search for. `default` is the occur
    /// of clauses joined by spaces; `quiet` suppresses warnings and needles (second pass).
    pub(super) fn compile(
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

    pub(super) fn warn(&mut self, quiet: bool, message: String) {
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

    /// Warns that a literal gave no term in any field, saying why.
    fn no_word(&mut self, lit: &UserInputLiteral, phrase: &str, quiet: bool) {
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
    }

    /// The fields a literal searches, each with whether it is stemmed and its boost; or,
    /// as `Err`, the whole answer when the literal is not a word search (`lang:`, `date:`,
    /// an unknown field).
    fn targets(
        &mut self,
        lit: &UserInputLiteral,
        quiet: bool,
    ) -> Result<Vec<Target>, Option<Box<dyn Query>>> {
        Ok(match &lit.field_name {
            None => DEFAULT_FIELDS
                .iter()
                .chain(self.with_removed.then_some(&(name::REMOVED, REMOVED_BOOST)))
                .filter_map(|(n, boost)| self.field(n).map(|fs| (fs, *boost)))
                .flat_map(|(fs, boost)| fs.into_iter().map(move |(f, a)| (f, a, boost)))
                .filter(|(f, _, _)| !self.fields.holds_no_terms(*f))
                .collect(),
            Some(n) if n == name::LANG => {
                let code = crate::index::lang::normalise_code(&lit.phrase);
                if !crate::index::lang::is_detected_code(&code) {
                    self.warn(
                        quiet,
                        format!(
                            "'lang:{}' is not a language code newsq detects (fr, fra, de, ru, zh, ...): it matches nothing",
                            lit.phrase
                        ),
                    );
                }
                let term = Term::from_field_text(self.fields.lang, &code);
                return Err(Some(Box::new(TermQuery::new(
                    term,
                    IndexRecordOption::Basic,
                ))));
            }
            Some(n) if n == name::DATE => return Err(self.date_literal(&lit.phrase, quiet)),
            Some(n) => match self.field(n) {
                Some(fs) => fs.into_iter().map(|(f, a)| (f, a, 1.0)).collect(),
                None => {
                    self.warn(
                        quiet,
                        format!(
                            "ignored '{n}:{}': no such field (fields: {})",
                            lit.phrase,
                            field_names()
                        ),
                    );
                    return Err(None);
                }
            },
        })
    }

    pub(super) fn literal(
        &mut self,
        lit: &UserInputLiteral,
        quiet: bool,
        negated: bool,
    ) -> Option<Box<dyn Query>> {
        let targets = match self.targets(lit, quiet) {
            Ok(targets) => targets,
            Err(whole) => return whole,
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
        let mut lang_needle: Vec<Option<Needle>> = vec![None; self.langs.len()];
        // Prefix and fuzzy words are matched against stems by what the typed word can
        // stand for (see `forms`); the forms are worked out once for all fields.
        let mut forms: Option<Arc<Forms>> = None;
        for (field, analysis, boost) in targets {
            let stemmed = analysis != Analysis::Names;
            let analyzer = match analysis {
                Analysis::Names => &mut self.names,
                Analysis::English => &mut self.text,
                Analysis::Lang(i) => match self.langs[i].as_mut() {
                    Some(a) => a,
                    None => continue,
                },
            };
            let toks = tokens(analyzer, phrase);
            // Each language's stems of the word are highlighted in its own articles.
            let needle = match analysis {
                Analysis::Lang(i) => &mut lang_needle[i],
                _ => &mut needle,
            };
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
                    let by_forms: Box<dyn Query> = Box::new(FormsQuery::new(field, forms));
                    match analysis {
                        // The forms follow English endings; in another language the
                        // word's own stem within the distance is the surer match
                        // ("valmorra~" is one edit from the French stem "valmor").
                        Analysis::Lang(_) if fuzzy > 0 => Box::new(BooleanQuery::new(vec![
                            (Occur::Should, by_forms),
                            (
                                Occur::Should,
                                Box::new(FuzzyTermQuery::new(term, fuzzy, true)),
                            ),
                        ])),
                        _ => by_forms,
                    }
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
            self.no_word(lit, phrase, quiet);
            return None;
        }
        if highlight && (needle.is_some() || lang_needle.iter().any(Option::is_some)) {
            let term = matches!(&needle, Some(Needle::Term(_)))
                || lang_needle
                    .iter()
                    .any(|n| matches!(n, Some(Needle::Term(_))));
            if lit.field_name.is_none() && term {
                self.words.push(phrase.to_owned());
            }
            self.typed.push(typed_form(lit));
            if let Some(n) = needle {
                self.needles.push(n);
            }
            for (i, n) in lang_needle.into_iter().enumerate() {
                if let Some(n) = n {
                    self.lang_needles[i].push(n);
                }
            }
        }
        Some(if per_field.len() == 1 {
            per_field.pop().expect("one").1
        } else {
            Box::new(BooleanQuery::new(per_field))
        })
    }
}
