//! Corpus evidence: lines a site prints under many of its articles (a blurb, a
//! disclaimer, a call to follow) are template lines, whatever they say.
//!
//! A first pass over the corpus feeds every article's line keys to a [`LineCounter`]; the
//! resulting [`CorpusStats`] are read-only while the articles are cleaned in parallel.
//!
//! Syndicated copies of one story also repeat lines across files, but there every line
//! repeats together. So a line counts as a template line only when it recurs in at least
//! [`MIN_DOCS`] articles that are *not* copies of one another (their other lines differ).

use std::collections::{HashMap, HashSet};

use super::lines::Line;

/// A line is a template line when at least this many unrelated articles hold it.
pub const MIN_DOCS: usize = 3;

/// How many of the articles holding a line are compared to tell copies from unrelated
/// articles.
const SAMPLE: usize = 16;

/// Two articles whose other lines overlap this much (Jaccard) are copies of one story.
const COPY_JACCARD: f32 = 0.5;

#[derive(Debug, Default, Clone)]
struct Occurrences {
    count: u32,
    /// The first documents (by id) that hold the line.
    sample: Vec<u32>,
}

/// Counts, for each normalised line, the articles that hold it.
///
/// Built for a million articles: every article's keys sit in one flat vector, and only
/// lines that occur more than once get a counter. A Bloom filter over all keys finds those
/// candidates first; the unique lines (most of a corpus) cost a few bits each.
#[derive(Debug, Default, Clone)]
pub struct LineCounter {
    /// Every article's keys, sorted and deduplicated per article, one after another.
    keys: Vec<u64>,
    /// Where each article's keys start in `keys`.
    starts: Vec<usize>,
}

impl LineCounter {
    /// A counter with no articles.
    pub fn new() -> LineCounter {
        LineCounter::default()
    }

    /// The keys of an article's countable lines, each once, sorted.
    pub fn keys(text: &str) -> Vec<u64> {
        super::prepare(text).keys()
    }

    /// Counts one article's line keys (from [`LineCounter::keys`]); returns the article's
    /// id in this counter.
    pub fn add_keys(&mut self, keys: &[u64]) -> usize {
        self.starts.push(self.keys.len());
        self.keys.extend_from_slice(keys);
        self.starts.len() - 1
    }

    /// The keys of the article with id `doc`.
    pub fn doc_keys(&self, doc: usize) -> &[u64] {
        let start = self.starts[doc];
        let end = self.starts.get(doc + 1).copied().unwrap_or(self.keys.len());
        &self.keys[start..end]
    }

    /// Number of articles counted.
    pub fn docs(&self) -> usize {
        self.starts.len()
    }

    /// The set of template lines.
    pub fn finish(&self) -> CorpusStats {
        // Pass 1: keys met a second time (or Bloom false positives) are candidates.
        let mut bloom = Bloom::new(self.keys.len());
        let mut candidates: Vec<u64> = Vec::new();
        for &k in &self.keys {
            if bloom.insert(k) {
                candidates.push(k);
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        drop(bloom);
        // Pass 2: exact counts and samples of the candidates only.
        let mut lines: HashMap<u64, Occurrences> = candidates
            .iter()
            .map(|&k| (k, Occurrences::default()))
            .collect();
        for doc in 0..self.docs() {
            for k in self.doc_keys(doc) {
                if let Some(occ) = lines.get_mut(k) {
                    occ.count += 1;
                    if occ.sample.len() < SAMPLE {
                        occ.sample.push(u32::try_from(doc).unwrap_or(u32::MAX));
                    }
                }
            }
        }
        let votes = |k: u64| {
            lines
                .get(&k)
                .map_or(u32::from(self.keys.contains(&k)), |o| o.count)
        };
        let (english, other) = (votes(VOTE_ENGLISH), votes(VOTE_OTHER));
        let template = lines
            .iter()
            .filter(|(k, _)| !is_vote(**k))
            .filter(|(_, occ)| occ.count as usize >= MIN_DOCS)
            .filter(|(k, occ)| self.unrelated(**k, &occ.sample) >= MIN_DOCS)
            .map(|(k, _)| *k)
            .collect();
        CorpusStats {
            template,
            english: english >= MIN_VOTES && english >= 19 * other,
        }
    }

    /// How many groups of mutual copies the sampled articles holding `key` form.
    fn unrelated(&self, key: u64, sample: &[u32]) -> usize {
        let mut groups: Vec<u32> = Vec::new();
        for &d in sample {
            let doc = self.doc_keys(d as usize);
            let copy = groups
                .iter()
                .any(|&g| jaccard_without(doc, self.doc_keys(g as usize), key) >= COPY_JACCARD);
            if !copy {
                groups.push(d);
                if groups.len() >= MIN_DOCS {
                    break;
                }
            }
        }
        groups.len()
    }
}

/// A Bloom filter of 64-bit keys (about 1% false positives at 10 bits a key).
struct Bloom {
    bits: Vec<u64>,
}

impl Bloom {
    const HASHES: u64 = 7;

    fn new(keys: usize) -> Bloom {
        let words = (keys * 10 / 64).max(16);
        Bloom {
            bits: vec![0; words],
        }
    }

    /// Adds `key`; true when it was (probably) there already.
    fn insert(&mut self, key: u64) -> bool {
        let n = self.bits.len() as u64 * 64;
        let h2 = key.rotate_left(32) ^ 0x9e37_79b9_7f4a_7c15 | 1;
        let mut present = true;
        for i in 0..Self::HASHES {
            let bit = key.wrapping_add(i.wrapping_mul(h2)) % n;
            let (w, b) = ((bit / 64) as usize, bit % 64);
            present &= self.bits[w] & (1 << b) != 0;
            self.bits[w] |= 1 << b;
        }
        present
    }
}

/// Jaccard similarity of two sorted key sets, leaving out `key` itself.
fn jaccard_without(a: &[u64], b: &[u64], key: u64) -> f32 {
    let (mut i, mut j, mut both, mut either) = (0, 0, 0usize, 0usize);
    while i < a.len() || j < b.len() {
        let x = a.get(i).copied();
        let y = b.get(j).copied();
        let (v, step_a, step_b) = match (x, y) {
            (Some(x), Some(y)) if x == y => (x, true, true),
            (Some(x), Some(y)) if x < y => (x, true, false),
            (Some(_), Some(y)) => (y, false, true),
            (Some(x), None) => (x, true, false),
            (None, Some(y)) => (y, false, true),
            (None, None) => break,
        };
        // A language vote is shared by most articles: it says nothing of copies.
        if v != key && !is_vote(v) {
            either += 1;
            if step_a && step_b {
                both += 1;
            }
        }
        i += usize::from(step_a);
        j += usize::from(step_b);
    }
    if either == 0 {
        1.0
    } else {
        both as f32 / either as f32
    }
}

/// A reserved key among an article's line keys: its prose reads as English. (No line's
/// key can be it: line keys hash fingerprints, which hold no NUL.)
pub const VOTE_ENGLISH: u64 = 0x6e65_7773_7100_656e;
/// A reserved key: the article's prose reads as another language.
pub const VOTE_OTHER: u64 = 0x6e65_7773_7100_6f74;

fn is_vote(key: u64) -> bool {
    key == VOTE_ENGLISH || key == VOTE_OTHER
}

/// Articles that must vote before the corpus has a language.
const MIN_VOTES: u32 = 10;

/// What the cleaner knows about the corpus as a whole.
#[derive(Debug, Default, Clone)]
pub struct CorpusStats {
    template: HashSet<u64>,
    /// Nearly every article whose language shows is in English: one too short or too
    /// tabular to tell ("Qtly div 15 cts vs 15 cts prior") is English too.
    english: bool,
}

impl CorpusStats {
    /// Statistics of an empty corpus: no line is a template line.
    pub fn empty() -> CorpusStats {
        CorpusStats::default()
    }

    /// Whether the corpus is (nearly) all English (see [`CorpusStats`]).
    pub fn english(&self) -> bool {
        self.english
    }

    /// Number of template lines known.
    pub fn template_lines(&self) -> usize {
        self.template.len()
    }

    /// A fingerprint of which of an article's line keys are template lines: when it
    /// changes, the article must be cleaned again.
    pub fn template_signature(&self, keys: &[u64]) -> u64 {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        for k in keys.iter().filter(|k| self.template.contains(k)) {
            h.update(&k.to_le_bytes());
        }
        h.digest()
    }

    pub(crate) fn is_template(&self, line: &Line) -> bool {
        line.key.is_some_and(|k| self.template.contains(&k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(texts: &[String]) -> CorpusStats {
        let mut c = LineCounter::new();
        for t in texts {
            c.add_keys(&LineCounter::keys(t));
        }
        c.finish()
    }

    const BLURB: &str = "The Daily Planet brings you the latest news from the region.";

    fn story(n: usize) -> String {
        format!(
            "Story number {n} begins here with its own words.\nIt goes on about topic {n} in some detail today.\n{BLURB}\n"
        )
    }

    #[test]
    fn a_line_under_unrelated_articles_is_template() {
        let s = stats(&[story(1), story(2), story(3)]);
        assert!(s.is_template(&Line::new(1, BLURB.into())));
        assert!(!s.is_template(&Line::new(
            1,
            "Story number 1 begins here with its own words.".into()
        )));
    }

    #[test]
    fn two_articles_are_not_enough() {
        let s = stats(&[story(1), story(2)]);
        assert!(!s.is_template(&Line::new(1, BLURB.into())));
    }

    #[test]
    fn syndicated_copies_do_not_make_templates() {
        let copy = story(7);
        let s = stats(&[copy.clone(), copy.clone(), copy.clone(), copy]);
        assert_eq!(s.template_lines(), 0);
    }

    #[test]
    fn jaccard_ignores_the_line_itself() {
        assert_eq!(jaccard_without(&[1, 2, 3], &[1, 2, 3], 2), 1.0);
        assert_eq!(jaccard_without(&[1, 2], &[2, 3], 2), 0.0);
    }
}
