//! The cleaner: from scraped article text to story paragraphs plus metadata.
//!
//! [`clean`] is a pure function of the text and the read-only [`CorpusStats`], so it runs
//! in parallel and is easy to test. It works on lines (one paragraph per line, as scrapers
//! write them) in four passes:
//!
//! 1. **Line rules** (`rules/`) mark kinds of boilerplate that a line shows on its own:
//!    "READ MORE : ..." links, calls to join a channel, hashtag lines, relative times,
//!    disclaimers, share rows, headings of author blurbs and link lists.
//! 2. **Blocks**: a heading such as "Recent Posts" or "Author Profile" takes the lines
//!    under it with it.
//! 3. **Region** (`region.rs`): the story is the densest run of prose paragraphs; short
//!    lines inside it stay (subheadings), lines outside it go, except the metadata lines
//!    next to it (title, section, byline, source, dateline; `metadata.rs`).
//! 4. **Repeats** (`dedup.rs`): a paragraph printed twice is kept once.
//!
//! Every line's fate is recorded with the rule that decided it, which
//! `newsq clean --explain` prints.
//!
//! Then what the source declares beside the text ([`Given`]: a page's meta tags, a
//! sidecar, a record's fields, the path's date) is laid over the result, in one place
//! (`overlay.rs`): declared values win over found ones.

mod dedup;
mod exported;
mod given;
mod lines;
mod markers;
pub mod metadata;
mod overlay;
mod pass;
mod region;
mod rules;
pub(crate) mod spill;
mod stopwords;
mod template;
mod thread;
pub mod words;

pub use dedup::{
    MINHASH_LEN, Signature, figures_agree, minhash, signature_bytes, signature_from_bytes,
    similarity,
};
pub use exported::as_exported;
pub use given::{Declared, Given};
pub use lines::{ALLOCATION_OVERHEAD, decode_entities, fingerprint, normalise_space, word_tokens};
pub use metadata::{Dateline, Metadata};
pub use overlay::overlay;
pub use rules::Rule;
pub use template::{CorpusStats, LineCounter};

use serde::Serialize;

use lines::Line;

/// The version of the cleaner, raised whenever cleaning changes what an article keeps,
/// its title or its metadata: an index records the version its articles were cleaned
/// with, and says when a rebuild would clean them differently. 1 was the cleaner before
/// story-only texts (0.1.0, stop 17); 2 keeps story-only text whole; 3 removes readers'
/// comment threads and prefers the story under a page's headline.
pub const VERSION: u32 = 3;

/// What happened to one line of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Part of the story.
    Kept,
    /// Boilerplate, left out of the body.
    Removed,
    /// Not body text, but turned into metadata (title, author, tags, ...).
    Metadata,
}

/// One input line with the decision taken on it and the evidence behind it.
#[derive(Debug, Clone, Serialize)]
pub struct LineReport {
    /// 1-based line number in the input.
    pub no: usize,
    /// The line, whitespace-normalised (and without a glued file name).
    pub text: String,
    /// Kept, removed or metadata.
    pub verdict: Verdict,
    /// The rule that decided.
    pub rule: Rule,
    /// Why, in words ("14 words of prose", "repeats line 3").
    pub evidence: String,
    /// Junk that was cut from the line (an image file name at its start, hover cards
    /// inside it), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stripped: Option<String>,
}

/// A cleaned article.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    /// The headline, when the text has one.
    pub title: Option<String>,
    /// The story, one paragraph per element.
    pub paragraphs: Vec<String>,
    /// Metadata found in the text.
    pub meta: Metadata,
    /// Every non-blank input line with its verdict, in input order.
    pub lines: Vec<LineReport>,
    /// Whether the text was story-only or a web page's, which decided how much was
    /// removed.
    pub layout: Layout,
}

/// How an article's text is laid out, as the cleaner judged it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Layout {
    /// The story alone, as news datasets and wire archives store it (a headline, maybe
    /// a byline and a dateline, the story): nothing is removed but sign-offs.
    #[default]
    StoryOnly,
    /// A web page's text, with furniture around the story; `line` (1-based) is the
    /// first line that showed it, and `why` what it was (a rule's id).
    Page {
        /// The line that showed the page.
        line: usize,
        /// What that line was.
        why: String,
    },
}

impl Article {
    /// The body as stored and printed: paragraphs joined by newlines.
    pub fn body(&self) -> String {
        self.paragraphs.join("\n")
    }

    /// The lines that were removed as boilerplate.
    pub fn removed(&self) -> impl Iterator<Item = &LineReport> {
        self.lines.iter().filter(|l| l.verdict == Verdict::Removed)
    }

    /// The title, or else the first words of the lead, for display.
    pub fn display_title(&self) -> String {
        match &self.title {
            Some(t) => t.clone(),
            None => {
                let body = self.body();
                lead_words(&body, dateline_len(&body, &self.meta), 12)
            }
        }
    }
}

/// The length in bytes of the dateline that opens `body`, per the metadata (0 for none).
/// Search uses it to keep the dateline apart from the first sentence without re-running
/// the dateline recogniser at query time.
pub fn dateline_len(body: &str, meta: &Metadata) -> usize {
    meta.dateline
        .as_ref()
        .filter(|d| body.starts_with(&d.text))
        .map_or(0, |d| d.text.len())
}

/// The first `n` words of `text` after the first `skip` bytes (a dateline), with an
/// ellipsis when there are more (or when they run past `12 * n` characters).
pub fn lead_words(text: &str, skip: usize, n: usize) -> String {
    let mut first_line = text.lines().next().unwrap_or("");
    if skip > 0 && skip < first_line.len() && first_line.is_char_boundary(skip) {
        first_line = first_line[skip..].trim_start_matches([' ', '-', '–', '—', ':']);
    }
    let words: Vec<&str> = first_line.split_whitespace().collect();
    let lead = if words.len() <= n {
        first_line.to_owned()
    } else {
        format!("{} …", words[..n].join(" "))
    };
    // A few words can still be a screenful: a run of letters with no space, a URL.
    match lead.char_indices().nth(n * 12) {
        Some((cut, _)) => format!("{} …", &lead[..cut]),
        None => lead,
    }
}

/// A decision under construction.
#[derive(Debug, Clone)]
struct Decision {
    verdict: Verdict,
    rule: Rule,
    evidence: String,
}

fn decided(verdict: Verdict, rule: Rule, evidence: impl Into<String>) -> Option<Decision> {
    Some(Decision {
        verdict,
        rule,
        evidence: evidence.into(),
    })
}

/// Whether a text reads as English or another Western European language, by the share
/// of its words that are function words of one (for telling Windows-1252 text from
/// Central European text that shares most of its bytes).
pub fn reads_as_western(text: &str) -> bool {
    use whatlang::Lang::*;
    let lower = text.to_lowercase();
    // Short function words ("a", "i", "to", "na") are shared with Central European
    // languages, whose words are full of letters beyond ASCII: English has few such
    // words, the others must show more of their function words.
    let words = lower.split_whitespace().count().max(1);
    let beyond_ascii = lower.split_whitespace().filter(|w| !w.is_ascii()).count();
    metadata::is_english_share(stopwords::density(&lower, stopwords::english()))
        && beyond_ascii * 10 < words
        || [Fra, Deu, Spa, Por, Ita, Nld]
            .into_iter()
            .filter_map(stopwords::list)
            .any(|list| stopwords::density(&lower, list) >= 0.25)
}

/// Cleans a set of articles together: lines that recur across them are template lines
/// (see [`CorpusStats`]). Returns the articles in input order.
pub fn clean_all<S: AsRef<str> + Sync>(texts: &[S]) -> Vec<Article> {
    let given = vec![Given::default(); texts.len()];
    clean_all_with(texts, &given)
}

/// [`clean_all`], where `given[i]` is what the source of text `i` declares.
pub fn clean_all_with<S: AsRef<str> + Sync>(texts: &[S], given: &[Given]) -> Vec<Article> {
    use rayon::prelude::*;
    let mut counter = LineCounter::new();
    // Held in memory: nothing here can fail.
    for t in texts {
        counter
            .add_keys(&LineCounter::keys(t.as_ref()))
            .expect("keys in memory");
    }
    let stats = counter.finish().expect("keys in memory");
    texts
        .par_iter()
        .zip(given)
        .map(|(t, given)| clean(t.as_ref(), given, &stats))
        .collect()
}

/// Cleans one article's text, and lays over it what its source declares (`Given::default()`
/// for plain text): the one entry to the cleaner.
pub fn clean(text: &str, given: &Given, stats: &CorpusStats) -> Article {
    clean_prepared(prepare(text), given, stats)
}

/// An article's text split into measured lines: the work shared by counting lines across a
/// corpus and cleaning, done once.
#[derive(Debug, Clone)]
pub struct Prepared {
    lines: Vec<Line>,
    /// The text is a web page's (see [`Prepared::from_a_page`]).
    page: bool,
}

/// Splits and measures an article's lines.
pub fn prepare(text: &str) -> Prepared {
    Prepared {
        lines: lines::split(text),
        page: false,
    }
}

impl Prepared {
    /// Marks the text as a web page's (the main text of an HTML page): it is cleaned as
    /// a page, never as story-only text, however clean it looks, since the page's
    /// bylines, date stamps and blurbs are what the cleaner is there to remove.
    pub fn from_a_page(mut self) -> Prepared {
        self.page = true;
        self
    }

    /// The keys of the article's countable lines, each once, sorted (for [`LineCounter`]).
    ///
    /// The keys also carry the article's vote on the corpus's language (see
    /// `VOTE_ENGLISH` in the corpus statistics), so that an index run counts the votes of articles it
    /// does not read again from the keys it stored for them.
    pub fn keys(&self) -> Vec<u64> {
        let mut keys: Vec<u64> = self.lines.iter().filter_map(|l| l.key).collect();
        match pass::english_vote(&self.lines) {
            Some(true) => keys.push(template::VOTE_ENGLISH),
            Some(false) => keys.push(template::VOTE_OTHER),
            None => {}
        }
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// The lines packed to be kept for a while (see [`Packed`]), or `None` when they
    /// cannot be.
    pub fn pack(&self) -> Option<Packed> {
        lines::PackedLines::pack(&self.lines).map(Packed)
    }
}

/// A [`Prepared`] article packed into less memory (its lines' texts in one string, their
/// measures in small records), to be kept between the two passes of an index run and
/// unpacked for cleaning.
#[derive(Debug, Clone)]
pub struct Packed(lines::PackedLines);

impl Packed {
    /// The prepared article again, exactly as packed.
    pub fn unpack(&self) -> Prepared {
        Prepared {
            lines: self.0.unpack(),
            page: false,
        }
    }

    /// Memory held (for cache budgets).
    pub fn memory_bytes(&self) -> usize {
        self.0.memory_bytes()
    }
}

/// [`clean`] for an article already split by [`prepare`]. A page's text (see
/// [`Given::page`]) is cleaned as a page's.
pub fn clean_prepared(prepared: Prepared, given: &Given, stats: &CorpusStats) -> Article {
    let prepared = match given.is_page() {
        true => prepared.from_a_page(),
        false => prepared,
    };
    let mut article = pass::Cleaning::new(prepared, stats).run();
    overlay::overlay(&mut article, given);
    article
}
