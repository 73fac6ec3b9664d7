//! Searching the index: parse the query, rank articles, pick their best passages.
//!
//! Ranking is tantivy's BM25 over title (boosted), body and metadata. Ties are broken by
//! path, so the same query gives the same output every time, whatever the segment layout.

pub mod passage;
pub mod query;
pub mod sentence;

use std::ops::Range;
use std::path::PathBuf;

use anyhow::Context;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::schema::Value;
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

use crate::clean::Metadata;
use crate::index::{Fields, Opened, StoredMeta, path_from_bytes};
pub use passage::{Highlighter, Passage};
pub use query::{Needle, ParsedQuery, QueryError};

/// How many hits and passages to produce.
#[derive(Debug, Clone, Copy)]
pub struct SearchOptions {
    /// Maximum number of hits (`None`: all).
    pub limit: Option<usize>,
    /// Hits to skip first.
    pub offset: usize,
    /// Passages per hit (0: none, and the body is not read).
    pub passages: usize,
    /// Read titles and metadata (false when only paths or counts are printed).
    pub stored: bool,
}

/// One search result.
#[derive(Debug, Clone)]
pub struct Hit {
    /// 1-based rank, counting skipped (`--offset`) hits.
    pub rank: usize,
    /// BM25 score.
    pub score: f32,
    /// The article's path (absolute, exactly as indexed).
    pub path: PathBuf,
    /// The headline, when the article has one.
    pub title: Option<String>,
    /// The first words of the lead, shown when there is no title.
    pub lead: String,
    /// Byte ranges to highlight in the title (or the lead when there is no title).
    pub title_highlights: Vec<Range<usize>>,
    /// Metadata found in the text.
    pub meta: Metadata,
    /// The best passages, in article order.
    pub passages: Vec<Passage>,
}

impl Hit {
    /// The title, or the lead's first words.
    pub fn display_title(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.lead)
    }
}

/// What a search found.
pub struct Results {
    /// The hits asked for (after offset and limit).
    pub hits: Vec<Hit>,
    /// Number of matching articles in all.
    pub total: usize,
    /// True when no article held every word and the articles holding any are shown.
    pub relaxed: bool,
}

/// Runs a parsed query.
pub fn run(opened: &Opened, parsed: &ParsedQuery, opts: SearchOptions) -> anyhow::Result<Results> {
    let searcher = opened.reader.searcher();
    let fields = &opened.fields;
    let want = opts.limit.map(|l| l.saturating_add(opts.offset));
    let (mut total, mut top) = ranked(&searcher, fields, parsed.query.as_ref(), want)?;
    let mut relaxed = false;
    if total == 0
        && let Some(any) = &parsed.any
    {
        (total, top) = ranked(&searcher, fields, any.as_ref(), want)?;
        relaxed = total > 0;
    }
    let page: Vec<Ranked> = top
        .into_iter()
        .skip(opts.offset)
        .take(opts.limit.unwrap_or(usize::MAX))
        .collect();
    let mut highlighter = (opts.passages > 0).then(|| {
        let weights = parsed
            .needles
            .iter()
            .map(|n| rarity(&searcher, fields, n))
            .collect();
        Highlighter::new(parsed.needles.clone(), weights)
    });
    let mut hits = Vec::with_capacity(page.len());
    for (i, (score, addr, path)) in page.into_iter().enumerate() {
        let rank = opts.offset + i + 1;
        if !opts.stored {
            // Paths and counts need no stored text beyond the path.
            hits.push(Hit {
                rank,
                score,
                path,
                title: None,
                lead: String::new(),
                title_highlights: Vec::new(),
                meta: Metadata::default(),
                passages: Vec::new(),
            });
            continue;
        }
        let doc: TantivyDocument = searcher.doc(addr).context("reading a stored article")?;
        let body = doc
            .get_first(fields.body)
            .and_then(|v| v.as_str())
            .unwrap_or("");
        let stored: StoredMeta = doc
            .get_first(fields.meta)
            .and_then(|v| v.as_str())
            .and_then(|s| serde_json::from_str(s).ok())
            .unwrap_or_default();
        let lead = crate::clean::lead_words(body, 12);
        let (passages, title_highlights) = match highlighter.as_mut() {
            Some(h) => {
                let shown = stored.title.as_deref().unwrap_or(&lead);
                let t = h.matches(shown).into_iter().map(|m| m.range).collect();
                (h.best(body, opts.passages), t)
            }
            None => (Vec::new(), Vec::new()),
        };
        hits.push(Hit {
            rank,
            score,
            path,
            title: stored.title,
            lead,
            title_highlights,
            meta: stored.meta,
            passages,
        });
    }
    Ok(Results {
        hits,
        total,
        relaxed,
    })
}

/// A ranked match: score, address, and the path used to break ties.
type Ranked = (f32, DocAddress, PathBuf);

/// The articles matching `query`, best first, ties broken by path; at least `want` of
/// them (all when `None`), extended past `want` while scores tie so the cut is stable.
fn ranked(
    searcher: &Searcher,
    fields: &Fields,
    query: &dyn Query,
    want: Option<usize>,
) -> anyhow::Result<(usize, Vec<Ranked>)> {
    let total = searcher.search(query, &Count).context("counting matches")?;
    if total == 0 {
        return Ok((0, Vec::new()));
    }
    let want = want.unwrap_or(total).min(total);
    if want == 0 {
        return Ok((total, Vec::new()));
    }
    let mut k = (want + 1).min(total);
    let top = loop {
        let top = searcher
            .search(query, &TopDocs::with_limit(k).order_by_score())
            .context("ranking matches")?;
        // If the last one fetched ties with the last one wanted, a tie may straddle the
        // cut: fetch more until it does not.
        if k < total && top.len() == k && top[k - 1].0 == top[want - 1].0 {
            k = (k * 2).min(total);
            continue;
        }
        break top;
    };
    let mut out = Vec::with_capacity(top.len());
    for (score, addr) in top {
        let doc: TantivyDocument = searcher.doc(addr).context("reading a stored path")?;
        let raw = doc
            .get_first(fields.path_raw)
            .and_then(|v| v.as_bytes())
            .unwrap_or_default();
        out.push((score, addr, path_from_bytes(raw)));
    }
    out.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.2.cmp(&b.2)));
    out.truncate(want);
    Ok((total, out))
}

/// Inverse document frequency of a needle's words in bodies: rare words weigh more.
fn rarity(searcher: &Searcher, fields: &Fields, needle: &Needle) -> f32 {
    let n = searcher.num_docs() as f32;
    let idf = |word: &str| {
        let df = searcher
            .doc_freq(&Term::from_field_text(fields.body, word))
            .unwrap_or(0) as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    };
    match needle {
        Needle::Term(t) => idf(t),
        Needle::Phrase(words, _) => words.iter().map(|w| idf(w)).sum(),
        Needle::Prefix(_) | Needle::Fuzzy(..) => 1.0,
    }
}

/// An article as stored in the index.
#[derive(Debug, Clone)]
pub struct StoredArticle {
    /// The path, exactly as indexed.
    pub path: PathBuf,
    /// The cleaned body, one paragraph per line.
    pub body: String,
    /// Title, metadata and removed lines.
    pub stored: StoredMeta,
}

/// Looks an article up by its path (any spelling of it: relative, absolute, with `..`).
pub fn lookup(opened: &Opened, path: &std::path::Path) -> anyhow::Result<Option<StoredArticle>> {
    let key = crate::index::path_key(path);
    let searcher = opened.reader.searcher();
    let fields = &opened.fields;
    let term = Term::from_field_bytes(fields.path_raw, crate::index::path_bytes(&key));
    let query = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
    let top = searcher
        .search(&query, &TopDocs::with_limit(1).order_by_score())
        .context("looking the article up")?;
    let Some((_, addr)) = top.into_iter().next() else {
        return Ok(None);
    };
    let doc: TantivyDocument = searcher.doc(addr).context("reading a stored article")?;
    let body = doc
        .get_first(fields.body)
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_owned();
    let stored = doc
        .get_first(fields.meta)
        .and_then(|v| v.as_str())
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default();
    Ok(Some(StoredArticle {
        path: key,
        body,
        stored,
    }))
}
