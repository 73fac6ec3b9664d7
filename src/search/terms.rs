//! Significant terms: the words most over-represented in the stories a query matches
//! (copies folded, so a story syndicated fifty times weighs as one) against the whole
//! index, to see what a period's coverage was about (`newsq terms "euro zone" --since
//! 2010-05 --until 2010-06`).
//!
//! The score is JLH, as Elasticsearch's `significant_terms` uses by default: with `fg`
//! the share of the matching stories holding the word and `bg` the share of all indexed
//! articles holding it, `(fg - bg) * fg / bg` for words with `fg > bg`: it rewards both a
//! large rise and a large ratio, so neither common words nor one-off rarities come first.

use std::collections::{HashMap, HashSet};

use tantivy::Term;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};

use super::request::Request;
use crate::index::Index;
use crate::index::schema::{analyzer_for, article_language};

/// A word and how much more the matching stories use it than the index does.
#[derive(Debug, Clone, PartialEq)]
pub struct SignificantTerm {
    /// The word as the stories most often write it (lower-cased).
    pub term: String,
    /// The JLH score.
    pub score: f64,
    /// Matching stories holding it (of those read, see [`Terms::sampled`]).
    pub stories: u64,
    /// Articles of the whole index holding it.
    pub corpus: u64,
}

/// The significant terms of a query's stories.
#[derive(Debug, Clone, PartialEq)]
pub struct Terms {
    /// Best first.
    pub terms: Vec<SignificantTerm>,
    /// Stories the query matches.
    pub stories: usize,
    /// Stories read (all of them, or an even sample of [`MAX_STORIES`] across their dates).
    pub sampled: usize,
    /// Articles in the index.
    pub corpus: u64,
    /// Whether copies were folded (else every article is a story).
    pub copies: crate::index::stories::Copies,
    /// What was ignored or reinterpreted in the query.
    pub warnings: Vec<String>,
}

/// Stories read at most: beyond this an even sample (every k-th story in date order)
/// estimates the shares as well, at a bounded cost (each is a stored document).
pub const MAX_STORIES: usize = 2_000;

/// Stories that must hold a word for it to be listed (Elasticsearch's `min_doc_count`);
/// [`FEW_MIN_STORIES`] when fewer than [`FEW_STORIES`] stories match.
const MIN_STORIES: u64 = 3;
const FEW_MIN_STORIES: u64 = 2;
const FEW_STORIES: usize = 30;

impl Index {
    /// The `limit` words most over-represented in the stories `request` matches.
    pub fn terms(&self, request: &Request, limit: usize) -> anyhow::Result<Terms> {
        let text = if request.text.trim().is_empty() {
            "*"
        } else {
            &request.text
        };
        let parsed = self.parse(text, request.strict, &request.filters)?;
        let stories = self.stories(parsed.query.as_ref(), request.copies())?;
        let searcher = self.searcher();
        let corpus = searcher.num_docs();
        let step = stories.len().div_ceil(MAX_STORIES).max(1);
        // Each story's words are read in its language, as the index holds them; a stem
        // is known by its language with it.
        let mut analyzers: HashMap<Option<usize>, (TextAnalyzer, HashSet<String>)> = HashMap::new();
        // Stories holding each stem, and the surface forms it was written in.
        let mut held: HashMap<(Option<usize>, String), u64> = HashMap::new();
        let mut forms: HashMap<(Option<usize>, String), HashMap<String, u64>> = HashMap::new();
        let mut sampled = 0usize;
        for s in (0..stories.len()).step_by(step) {
            let head = stories.head(s as u32);
            let article = crate::index::store::read(&searcher, self.fields(), head.addr)?;
            // The body alone, as the index's counts it is compared with.
            let text = article.body;
            sampled += 1;
            let lang = article_language(article.stored.meta.lang.as_deref());
            let (analyzer, asked) = analyzers.entry(lang).or_insert_with(|| {
                let mut analyzer = analyzer_for(lang);
                let asked = stems(&mut analyzer, &request.text);
                (analyzer, asked)
            });
            let mut here: HashSet<(Option<usize>, String)> = HashSet::new();
            let mut stream = analyzer.token_stream(&text);
            while let Some(token) = stream.next() {
                let stem = &token.text;
                if stem.len() < 2
                    || stem.bytes().all(|b| b.is_ascii_digit())
                    || asked.contains(stem)
                {
                    continue;
                }
                if here.insert((lang, stem.clone())) {
                    let surface = text[token.offset_from..token.offset_to].to_lowercase();
                    *forms
                        .entry((lang, stem.clone()))
                        .or_default()
                        .entry(surface)
                        .or_default() += 1;
                }
            }
            for stem in here {
                *held.entry(stem).or_default() += 1;
            }
        }
        let min = if stories.len() < FEW_STORIES {
            FEW_MIN_STORIES
        } else {
            MIN_STORIES
        };
        let mut terms: Vec<SignificantTerm> = Vec::new();
        for ((lang, stem), fg) in held {
            if fg < min {
                continue;
            }
            let field = lang.map_or(self.fields().body, |i| self.fields().lang_body[i]);
            let bg = searcher
                .doc_freq(&Term::from_field_text(field, &stem))?
                .max(fg);
            let fg_share = fg as f64 / sampled as f64;
            let bg_share = bg as f64 / corpus.max(1) as f64;
            if fg_share <= bg_share {
                continue;
            }
            let score = (fg_share - bg_share) * fg_share / bg_share;
            let term = forms
                .get(&(lang, stem.clone()))
                .and_then(|f| {
                    f.iter()
                        .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                        .map(|(w, _)| w.clone())
                })
                .unwrap_or(stem);
            terms.push(SignificantTerm {
                term,
                score,
                stories: fg,
                corpus: bg,
            });
        }
        terms.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.term.cmp(&b.term))
        });
        terms.truncate(limit);
        Ok(Terms {
            terms,
            stories: stories.len(),
            sampled,
            corpus,
            copies: request.copies(),
            warnings: parsed.warnings,
        })
    }
}

/// The stems of the words of `text` (the query's own words, which are not news).
fn stems(analyzer: &mut tantivy::tokenizer::TextAnalyzer, text: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    let mut stream = analyzer.token_stream(text);
    while let Some(t) = stream.next() {
        out.insert(t.text.clone());
    }
    out
}
