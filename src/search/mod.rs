//! Searching the index: parse the query, rank articles, pick their best passages.
//!
//! Ranking is tantivy's BM25 over title (boosted), body and metadata. Ties are broken by
//! path, so the same query gives the same output every time, whatever the segment layout.

pub mod facets;
pub mod forms;
pub mod passage;
pub mod paths;
pub mod query;
mod request;
pub mod sentence;
mod suggest;
pub mod terms;
mod termset;
pub mod timeline;

use std::ops::Range;
use std::path::PathBuf;

use anyhow::Context;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::{DateTime, DocAddress, DocSet, Order, Searcher, Term};

use crate::clean::{Metadata, Signature};
use crate::corpus::path::path_from_bytes;
use crate::index::{Fields, Index, store};
pub use passage::{Highlighter, Passage};
pub use query::{Filters, Needle, ParsedQuery, QueryError};
pub use request::{Facets, Notices, Request};

/// The order of hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first (BM25, title boosted, words together above words apart).
    #[default]
    Relevance,
    /// Newest first; articles without a date last.
    Date,
}

/// How many hits and passages to produce.
#[derive(Debug, Clone, Copy, Default)]
pub struct SearchOptions {
    /// Maximum number of hits (`None`: all).
    pub limit: Option<usize>,
    /// Hits to skip first.
    pub offset: usize,
    /// Passages per hit (0: none, and the body is not read).
    pub passages: usize,
    /// Read titles and metadata (false when only paths or counts are printed).
    pub stored: bool,
    /// Order of hits.
    pub sort: Sort,
    /// Fold copies of one story (syndicated, re-posted) under the best-ranked one.
    pub collapse: bool,
    /// When no article holds every word of a plain word list, rank the articles that
    /// hold any of them instead (the human listing, which says so; never a count, a list
    /// of paths or JSON, which a script takes at its word).
    pub fallback: bool,
}

/// One search result.
#[derive(Debug, Clone)]
pub struct Hit {
    /// 1-based rank, counting skipped (`--offset`) hits.
    pub rank: usize,
    /// BM25 score (`None` when sorted by date).
    pub score: Option<f32>,
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
    /// Paths of copies of this story that rank lower (collapsed under this hit). Named
    /// apart from the `similar` command (articles like a given one), which is another
    /// thing; the JSON keeps its `similar` key.
    pub copies: Vec<PathBuf>,
    /// The article does not hold every word: it matched only as one of the alternatives
    /// `--any` (or the fallback) asked for.
    pub relaxed: bool,
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
    /// Number of matching articles in all (copies included).
    pub total: usize,
    /// Number of hits before offset and limit (copies folded, among the matches ranked;
    /// 0 when none were ranked, as for a count).
    pub available: usize,
    /// True when no article held every word and the articles holding any are shown.
    pub relaxed: bool,
    /// What the user should be told beside the hits (filled by [`Index::search`]).
    pub notices: Notices,
}

impl Results {
    /// How many articles hold what the query asks (0 after the fallback to any word).
    pub fn holding(&self) -> usize {
        if self.relaxed { 0 } else { self.total }
    }
}

/// A match as a collector gives it: score (by relevance) or date (by date), address.
type Fetched = (Option<f32>, Option<i64>, DocAddress);

/// A ranked match before it becomes a hit.
#[derive(Debug, Clone)]
struct Ranked {
    score: Option<f32>,
    date: Option<i64>,
    addr: DocAddress,
    path: PathBuf,
}

/// A story's head and the copies folded into it.
type Group = (Ranked, Vec<Ranked>);

/// Ranks the query's matches and folds copies until `page_end` stories are found (the
/// query of any word instead when nothing holds them all and the options allow it):
/// the stories, the number of matches, and whether the query was relaxed.
fn gather(
    searcher: &Searcher,
    fields: &Fields,
    parsed: &ParsedQuery,
    opts: &SearchOptions,
    page_end: Option<usize>,
    mut want: Option<usize>,
) -> anyhow::Result<(Vec<Group>, usize, bool)> {
    let mut query = parsed.query.as_ref();
    let mut relaxed = false;
    let mut total;
    let groups: Vec<Group> = loop {
        let top;
        (total, top) = ranked(searcher, fields, query, want, opts.sort)?;
        if total == 0
            && opts.fallback
            && !relaxed
            && let Some(any) = &parsed.any
        {
            query = any.as_ref();
            relaxed = true;
            continue;
        }
        let (Some(end), true) = (page_end, opts.collapse) else {
            break top.into_iter().map(|c| (c, Vec::new())).collect();
        };
        let fetched = top.len();
        let groups = collapse(searcher, fields, top, end)?;
        match want {
            Some(w) if groups.len() < end && fetched < total => {
                // The copies per story met so far tell how many candidates a full page
                // needs.
                let per_story = fetched.div_ceil(groups.len().max(1));
                let need = end.saturating_mul(per_story).saturating_mul(3) / 2;
                want = Some(need.max(w.saturating_mul(2)));
            }
            _ => break groups,
        }
    };
    Ok((groups, total, relaxed))
}

/// Fills a hit shown with its text from its stored document: path (when the fast field
/// was not read), title, lead, metadata, and highlights and passages when asked for.
fn fill_stored(
    hit: &mut Hit,
    searcher: &Searcher,
    fields: &Fields,
    addr: DocAddress,
    highlighters: Option<&mut Highlighters<'_>>,
    passages: usize,
) -> anyhow::Result<()> {
    let article = store::read(searcher, fields, addr)?;
    if hit.path.as_os_str().is_empty() {
        hit.path = article.path;
    }
    let body = article.body.as_str();
    let stored = article.stored;
    let dateline = crate::clean::dateline_len(body, &stored.meta);
    hit.lead = crate::clean::lead_words(body, dateline, 12);
    if let Some(h) = highlighters.and_then(|h| h.for_article(stored.meta.lang.as_deref())) {
        let shown = stored.title.as_deref().unwrap_or(&hit.lead);
        hit.title_highlights = h.matches(shown).into_iter().map(|m| m.range).collect();
        hit.passages = h.best(body, dateline, passages);
    }
    hit.title = stored.title;
    hit.meta = stored.meta;
    Ok(())
}

/// Runs a parsed query.
pub fn run(opened: &Index, parsed: &ParsedQuery, opts: SearchOptions) -> anyhow::Result<Results> {
    let searcher = opened.searcher();
    let fields = opened.fields();
    let page_end = opts.limit.map(|l| l.saturating_add(opts.offset));
    // Folding copies needs room, as copies of a story use up candidates. Ranking more is
    // cheap (running the query again is not); each candidate folded costs a dictionary
    // lookup (its signature), so candidates are folded a few at a time until the page
    // is full, and only the page's paths are read.
    let want = match (page_end, opts.collapse) {
        (Some(n), true) => Some(n.saturating_mul(CANDIDATES_PER_HIT).max(MIN_CANDIDATES)),
        (n, _) => n,
    };
    let (groups, total, relaxed) = gather(&searcher, fields, parsed, &opts, page_end, want)?;
    let relaxed = relaxed && total > 0;
    let available = groups.len();
    let mut page: Vec<(Ranked, Vec<Ranked>)> = groups
        .into_iter()
        .skip(opts.offset)
        .take(opts.limit.unwrap_or(usize::MAX))
        .collect();
    let mut paths = BytesColumns::new(&searcher, fields.path_raw);
    let mut members: Vec<&mut Ranked> = Vec::new();
    for (head, copies) in &mut page {
        // A hit shown with its text gets its path from the stored document, read below
        // anyway: a path from the fast field costs a dictionary block decoded.
        if !opts.stored {
            members.push(head);
        }
        members.extend(copies.iter_mut());
    }
    let addrs: Vec<DocAddress> = members.iter().map(|c| c.addr).collect();
    for (c, path) in members.into_iter().zip(paths.get_many(&addrs)?) {
        if c.path.as_os_str().is_empty()
            && let Some(p) = path
        {
            c.path = path_from_bytes(&p);
        }
    }
    let page: Vec<(Ranked, Vec<PathBuf>)> = page
        .into_iter()
        .map(|(head, copies)| (head, copies.into_iter().map(|c| c.path).collect()))
        .collect();
    let mut highlighters =
        (opts.passages > 0).then(|| Highlighters::new(&searcher, fields, parsed));
    // Under --any, which hits hold every word; after the fallback, none does.
    let holds_all: Vec<bool> = match &parsed.every {
        Some(every) => {
            let addrs: Vec<DocAddress> = page.iter().map(|(c, _)| c.addr).collect();
            matching(&searcher, every.as_ref(), &addrs)?
        }
        None => vec![!relaxed; page.len()],
    };
    let mut hits = Vec::with_capacity(page.len());
    for (i, ((cand, copies), holds_all)) in page.into_iter().zip(holds_all).enumerate() {
        let mut hit = Hit {
            rank: opts.offset + i + 1,
            score: cand.score,
            path: cand.path,
            title: None,
            lead: String::new(),
            title_highlights: Vec::new(),
            meta: Metadata::default(),
            passages: Vec::new(),
            copies,
            relaxed: !holds_all,
        };
        if opts.stored {
            fill_stored(
                &mut hit,
                &searcher,
                fields,
                cand.addr,
                highlighters.as_mut(),
                opts.passages,
            )?;
        }
        hits.push(hit);
    }
    Ok(Results {
        hits,
        total,
        available,
        relaxed,
        notices: Notices::default(),
    })
}

/// Whether each of `addrs` matches `query` (one scorer per segment, documents visited in
/// order).
fn matching(
    searcher: &Searcher,
    query: &dyn Query,
    addrs: &[DocAddress],
) -> anyhow::Result<Vec<bool>> {
    let weight = query.weight(tantivy::query::EnableScoring::disabled_from_searcher(
        searcher,
    ))?;
    let mut out = vec![false; addrs.len()];
    let mut order: Vec<usize> = (0..addrs.len()).collect();
    order.sort_by_key(|&i| (addrs[i].segment_ord, addrs[i].doc_id));
    for group in order.chunk_by(|&a, &b| addrs[a].segment_ord == addrs[b].segment_ord) {
        let reader = searcher.segment_reader(addrs[group[0]].segment_ord);
        let mut scorer = weight.scorer(reader, 1.0)?;
        for &i in group {
            let doc = addrs[i].doc_id;
            let at = scorer.doc();
            out[i] = at == doc || (at < doc && scorer.seek(doc) == doc);
        }
    }
    Ok(out)
}

/// A bytes fast field, its column opened once per segment as hits need it.
struct BytesColumns<'a> {
    searcher: &'a Searcher,
    name: String,
    columns: Vec<Option<Option<tantivy::columnar::BytesColumn>>>,
}

impl<'a> BytesColumns<'a> {
    fn new(searcher: &'a Searcher, field: tantivy::schema::Field) -> BytesColumns<'a> {
        BytesColumns {
            searcher,
            name: searcher.schema().get_field_name(field).to_owned(),
            columns: vec![None; searcher.segment_readers().len()],
        }
    }

    /// The column of segment `segment` (opened on first use); `None` when the segment
    /// has no such column.
    fn column(&mut self, segment: u32) -> anyhow::Result<Option<&tantivy::columnar::BytesColumn>> {
        let slot = &mut self.columns[segment as usize];
        if slot.is_none() {
            let reader = self.searcher.segment_reader(segment);
            *slot = Some(reader.fast_fields().bytes(&self.name)?);
        }
        Ok(slot.as_ref().and_then(Option::as_ref))
    }

    /// The values of many documents at once (`None` where one has none), in the order
    /// given. Values are dictionary-encoded: read in dictionary order, each block of the
    /// dictionary is decoded once for all the documents whose values it holds, where one
    /// lookup at a time decodes a block per document.
    fn get_many(&mut self, addrs: &[DocAddress]) -> anyhow::Result<Vec<Option<Vec<u8>>>> {
        let mut out = vec![None; addrs.len()];
        let mut wanted: Vec<(u32, u64, usize)> = Vec::with_capacity(addrs.len());
        for (i, addr) in addrs.iter().enumerate() {
            if let Some(col) = self.column(addr.segment_ord)?
                && let Some(ord) = col.term_ords(addr.doc_id).next()
            {
                wanted.push((addr.segment_ord, ord, i));
            }
        }
        wanted.sort_unstable();
        for group in wanted.chunk_by(|a, b| a.0 == b.0) {
            let Some(col) = self.column(group[0].0)? else {
                continue;
            };
            let ords: Vec<u64> = group.iter().map(|w| w.1).collect();
            let mut next = group.iter();
            col.dictionary().sorted_ords_to_term_cb(&ords, |bytes| {
                if let Some(w) = next.next() {
                    out[w.2] = Some(bytes.to_vec());
                }
            })?;
        }
        Ok(out)
    }
}

/// Candidates ranked per hit of the page when copies are folded (more when they run
/// short).
const CANDIDATES_PER_HIT: usize = 16;

/// ... and at least this many.
const MIN_CANDIDATES: usize = 64;

/// Candidates folded at a time.
const FOLD_CHUNK: usize = 16;

pub use crate::index::stories::COPY_SIMILARITY;

/// Groups candidates in rank order: each joins the first earlier group whose head it
/// copies, or heads a new group. Stops once `end` groups are formed (at the end of a
/// chunk): copies ranked further down are not listed under their story.
fn collapse(
    searcher: &Searcher,
    fields: &Fields,
    top: Vec<Ranked>,
    end: usize,
) -> anyhow::Result<Vec<(Ranked, Vec<Ranked>)>> {
    let mut signatures = BytesColumns::new(searcher, fields.minhash);
    let mut groups: Vec<(Ranked, Option<Signature>, Vec<Ranked>)> = Vec::new();
    let mut rest = top.into_iter().peekable();
    while rest.peek().is_some() && groups.len() < end {
        let chunk: Vec<Ranked> = rest.by_ref().take(FOLD_CHUNK).collect();
        let addrs: Vec<DocAddress> = chunk.iter().map(|c| c.addr).collect();
        for (cand, bytes) in chunk.into_iter().zip(signatures.get_many(&addrs)?) {
            let sig = bytes.and_then(|b| crate::clean::signature_from_bytes(&b));
            let home = sig.as_ref().and_then(|s| {
                groups.iter().position(|(_, g, _)| {
                    g.as_ref()
                        .is_some_and(|g| crate::index::stories::copies(s, g))
                })
            });
            match home {
                Some(g) => groups[g].2.push(cand),
                None => groups.push((cand, sig, Vec::new())),
            }
        }
    }
    Ok(groups
        .into_iter()
        .map(|(c, _, copies)| (c, copies))
        .collect())
}

/// BM25's statistics with the average length of each language's title and body taken over
/// that language's articles. tantivy divides a field's words by every article of the
/// index, so in an index of 10,000 English articles and 10 French ones the French body
/// looked a thousand times longer than its average and scored a tenth of an English one
/// that holds the same word as often.
///
/// A word's rarity is likewise counted over every language's fields of its kind (all
/// titles, all bodies), as Elasticsearch's `cross_fields` blends it: counted in each
/// language's field alone, "Istanbul" in ten Turkish articles was rarer than in a
/// thousand English ones, and every Turkish article outranked every English one.
struct FieldStats<'a> {
    searcher: &'a Searcher,
    /// Articles holding each field that not every article holds.
    docs: Vec<(tantivy::schema::Field, u64)>,
    /// The title fields and the body fields of the languages present (English first),
    /// when more than one language is.
    kinds: [Vec<tantivy::schema::Field>; 2],
}

impl<'a> FieldStats<'a> {
    fn new(searcher: &'a Searcher, fields: &Fields) -> anyhow::Result<FieldStats<'a>> {
        let mut docs = Vec::new();
        let mut kinds = [vec![fields.title], vec![fields.body]];
        let mut others = 0;
        for i in fields.languages_present() {
            let code = crate::index::lang::STEMMED[i].code;
            let n = searcher.doc_freq(&Term::from_field_text(fields.lang, code))?;
            others += n;
            docs.push((fields.lang_title[i], n));
            docs.push((fields.lang_body[i], n));
            kinds[0].push(fields.lang_title[i]);
            kinds[1].push(fields.lang_body[i]);
        }
        if others > 0 {
            let english = searcher.num_docs().saturating_sub(others);
            docs.push((fields.title, english));
            docs.push((fields.body, english));
        } else {
            // One language: tantivy's own statistics.
            kinds = [Vec::new(), Vec::new()];
        }
        Ok(FieldStats {
            searcher,
            docs,
            kinds,
        })
    }
}

impl tantivy::query::Bm25StatisticsProvider for FieldStats<'_> {
    fn total_num_tokens(&self, field: tantivy::schema::Field) -> tantivy::Result<u64> {
        let tokens = self.searcher.total_num_tokens(field)?;
        let all = self.searcher.total_num_docs()?;
        Ok(match self.docs.iter().find(|(f, _)| *f == field) {
            // tantivy averages over every article: scale the words up so that its
            // average is over the field's own articles.
            Some(&(_, n)) if n > 0 && n < all => {
                u64::try_from(u128::from(tokens) * u128::from(all) / u128::from(n))
                    .unwrap_or(u64::MAX)
            }
            _ => tokens,
        })
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.searcher.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        let field = term.field();
        let Some(kind) = self.kinds.iter().find(|k| k.contains(&field)) else {
            return tantivy::query::Bm25StatisticsProvider::doc_freq(self.searcher, term);
        };
        let value = term.value();
        let Some(text) = value.as_str() else {
            return tantivy::query::Bm25StatisticsProvider::doc_freq(self.searcher, term);
        };
        let mut n = 0;
        for &f in kind {
            n += self.searcher.doc_freq(&Term::from_field_text(f, text))?;
        }
        Ok(n)
    }
}

/// The articles matching `query`, best first (or newest first), ties broken by path; at
/// least `want` of them (all when `None`), extended past `want` while scores tie so the cut
/// is stable.
fn ranked(
    searcher: &Searcher,
    fields: &Fields,
    query: &dyn Query,
    want: Option<usize>,
    sort: Sort,
) -> anyhow::Result<(usize, Vec<Ranked>)> {
    let date_name = searcher.schema().get_field_name(fields.date).to_owned();
    let fetch = |k: usize| -> anyhow::Result<(usize, Vec<Fetched>)> {
        // Counting and ranking in one pass over the matches.
        Ok(match sort {
            Sort::Relevance => {
                let (n, top) = searcher
                    .search_with_statistics_provider(
                        query,
                        &(Count, TopDocs::with_limit(k.max(1)).order_by_score()),
                        &FieldStats::new(searcher, fields)?,
                    )
                    .context("ranking matches")?;
                (
                    n,
                    top.into_iter().map(|(s, a)| (Some(s), None, a)).collect(),
                )
            }
            Sort::Date => {
                let collector = TopDocs::with_limit(k.max(1))
                    .order_by_fast_field::<DateTime>(&date_name, Order::Desc);
                let (n, top) = searcher
                    .search(query, &(Count, collector))
                    .context("sorting matches by date")?;
                (
                    n,
                    top.into_iter()
                        .map(|(d, a)| (None, d.map(|d| d.into_timestamp_secs()), a))
                        .collect(),
                )
            }
        })
    };
    let (total, mut first) = match want {
        // No more than the index holds: tantivy sets aside room for all `k` at once, and
        // `-n 100000000` would ask for gigabytes.
        Some(w) => fetch(w.min(searcher.num_docs() as usize).saturating_add(1))?,
        None => {
            let n = searcher.search(query, &Count).context("counting matches")?;
            (n, Vec::new())
        }
    };
    if total == 0 {
        return Ok((0, Vec::new()));
    }
    let want = want.unwrap_or(total).min(total);
    if want == 0 {
        return Ok((total, Vec::new()));
    }
    let mut k = (want + 1).min(total);
    if first.len() < k {
        first = fetch(k)?.1;
    }
    let mut out: Vec<Ranked> = loop {
        let top = std::mem::take(&mut first);
        // If the last one fetched ties with the last one wanted, a tie may straddle the
        // cut: fetch more until it does not.
        let key = |t: &Fetched| (t.0.map(f32::to_bits), t.1);
        if k < total && top.len() == k && key(&top[k - 1]) == key(&top[want - 1]) {
            k = (k * 2).min(total);
            first = fetch(k)?.1;
            continue;
        }
        break top
            .into_iter()
            .map(|(score, date, addr)| Ranked {
                score,
                date,
                addr,
                path: PathBuf::new(),
            })
            .collect();
    };
    // Ties are broken by path, so the order does not depend on how segments happen to
    // be laid out; only tied candidates need their paths for that.
    let key = |c: &Ranked| (c.score.map(f32::to_bits), c.date);
    out.sort_by(|a, b| {
        let by_score = b.score.unwrap_or(0.0).total_cmp(&a.score.unwrap_or(0.0));
        by_score.then(b.date.cmp(&a.date))
    });
    let tied: Vec<usize> = (0..out.len())
        .filter(|&i| {
            (i > 0 && key(&out[i - 1]) == key(&out[i]))
                || (i + 1 < out.len() && key(&out[i + 1]) == key(&out[i]))
        })
        .collect();
    if !tied.is_empty() {
        let addrs: Vec<DocAddress> = tied.iter().map(|&i| out[i].addr).collect();
        let paths = BytesColumns::new(searcher, fields.path_raw).get_many(&addrs)?;
        for (&i, path) in tied.iter().zip(paths) {
            if let Some(p) = path {
                out[i].path = path_from_bytes(&p);
            }
        }
        out.sort_by(|a, b| {
            let by_score = b.score.unwrap_or(0.0).total_cmp(&a.score.unwrap_or(0.0));
            let by_date = b.date.cmp(&a.date);
            by_score.then(by_date).then_with(|| a.path.cmp(&b.path))
        });
    }
    out.truncate(want);
    Ok((total, out))
}

/// Inverse document frequency of a needle's words in bodies: rare words weigh more.
/// The highlighters of a page of hits: one per language of the articles shown, each
/// made when a first article of its language is shown.
struct Highlighters<'a> {
    searcher: &'a Searcher,
    fields: &'a Fields,
    parsed: &'a ParsedQuery,
    english: Option<Highlighter>,
    langs: Vec<Option<Highlighter>>,
}

impl<'a> Highlighters<'a> {
    fn new(searcher: &'a Searcher, fields: &'a Fields, parsed: &'a ParsedQuery) -> Self {
        Highlighters {
            searcher,
            fields,
            parsed,
            english: None,
            langs: (0..crate::index::schema::LANGS).map(|_| None).collect(),
        }
    }

    /// The highlighter for an article in language `lang` (as detected).
    fn for_article(&mut self, lang: Option<&str>) -> Option<&mut Highlighter> {
        let (searcher, fields, parsed) = (self.searcher, self.fields, self.parsed);
        let make = |language: Option<usize>| {
            let (needles, field) = match language {
                Some(i) => (&parsed.lang_needles[i], fields.lang_body[i]),
                None => (&parsed.needles, fields.body),
            };
            let weights = needles.iter().map(|n| rarity(searcher, field, n)).collect();
            Highlighter::for_language(language, needles.clone(), weights)
        };
        Some(match crate::index::schema::article_language(lang) {
            Some(i) => self.langs.get_mut(i)?.get_or_insert_with(|| make(Some(i))),
            None => self.english.get_or_insert_with(|| make(None)),
        })
    }
}

fn rarity(searcher: &Searcher, field: tantivy::schema::Field, needle: &Needle) -> f32 {
    let n = searcher.num_docs() as f32;
    let idf = |word: &str| {
        let df = searcher
            .doc_freq(&Term::from_field_text(field, word))
            .unwrap_or(0) as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    };
    match needle {
        Needle::Term(t) => idf(t),
        Needle::Phrase(words, _) => words.iter().map(|w| idf(w)).sum(),
        Needle::Prefix(_) | Needle::Fuzzy(..) => 1.0,
    }
}

/// How many articles `query` matches.
pub(crate) fn count(opened: &Index, query: &dyn Query) -> anyhow::Result<usize> {
    Ok(opened.searcher().search(query, &Count)?)
}

/// How many articles match `query` but have no date.
pub(crate) fn count_undated(opened: &Index, query: &dyn Query) -> anyhow::Result<usize> {
    let searcher = opened.searcher();
    let date = searcher
        .schema()
        .get_field_name(opened.fields().date)
        .to_owned();
    let q = tantivy::query::BooleanQuery::new(vec![
        (tantivy::query::Occur::Must, query.box_clone()),
        (
            tantivy::query::Occur::MustNot,
            Box::new(tantivy::query::ExistsQuery::new(date, false)),
        ),
    ]);
    Ok(searcher.search(&q, &Count)?)
}

impl Index {
    /// The articles most like the one at `path` (more-like-this on title and body), best
    /// first, without the article itself. `None` when the path is not indexed.
    pub fn similar(&self, path: &std::path::Path, limit: usize) -> anyhow::Result<Option<Results>> {
        let Some(addr) = self.address_of(path)? else {
            return Ok(None);
        };
        let lookup = self.path_query(path);
        // The article's words are read by newsq's own reader of stored documents and
        // given in its language's fields, where articles like it are indexed.
        let article = store::read(&self.searcher(), self.fields(), addr)?;
        let f = self.fields();
        let (title_field, body_field) =
            match crate::index::schema::article_language(article.stored.meta.lang.as_deref()) {
                Some(i) => (f.lang_title[i], f.lang_body[i]),
                None => (f.title, f.body),
            };
        let mut doc_fields = vec![(
            body_field,
            vec![tantivy::schema::OwnedValue::Str(article.body.clone())],
        )];
        if let Some(t) = &article.stored.title {
            doc_fields.push((
                title_field,
                vec![tantivy::schema::OwnedValue::Str(t.clone())],
            ));
        }
        let mlt = tantivy::query::MoreLikeThisQuery::builder()
            .with_min_doc_frequency(1)
            .with_min_term_frequency(1)
            .with_max_query_terms(30)
            // Two: a pair of CJK characters is a word of two.
            .with_min_word_length(2)
            .with_document_fields(doc_fields);
        let without_self = tantivy::query::BooleanQuery::new(vec![
            (tantivy::query::Occur::Must, Box::new(mlt) as Box<dyn Query>),
            (tantivy::query::Occur::MustNot, Box::new(lookup)),
        ]);
        let parsed = ParsedQuery {
            query: Box::new(without_self),
            any: None,
            every: None,
            paths: Vec::new(),
            warnings: Vec::new(),
            needles: Vec::new(),
            lang_needles: vec![Vec::new(); crate::index::schema::LANGS],
            removed: None,
            words: Vec::new(),
            typed: Vec::new(),
        };
        let opts = SearchOptions {
            limit: Some(limit),
            offset: 0,
            passages: 1,
            stored: true,
            sort: Sort::Relevance,
            collapse: false,
            fallback: false,
        };
        run(self, &parsed, opts).map(Some)
    }
}
