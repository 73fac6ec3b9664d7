//! Corpus evidence: lines a site prints under many of its articles (a blurb, a
//! disclaimer, a call to follow) are template lines, whatever they say.
//!
//! A first pass over the corpus feeds every article's line keys to a [`LineCounter`]; the
//! resulting [`CorpusStats`] are read-only while the articles are cleaned in parallel.
//!
//! Syndicated copies of one story also repeat lines across files, but there every line
//! repeats together. So a line counts as a template line only when it recurs in at least
//! [`MIN_DOCS`] articles that are *not* copies of one another (their other lines differ).

use std::collections::HashSet;
use std::io;

use super::spill::Keys;

use super::lines::Line;

/// A line is a template line when at least this many unrelated articles hold it.
pub const MIN_DOCS: usize = 3;

/// How many of the articles holding a line are compared to tell copies from unrelated
/// articles.
const SAMPLE: usize = 16;

/// Two articles whose other lines overlap this much (Jaccard) are copies of one story.
const COPY_JACCARD: f32 = 0.5;

/// Counts, for each normalised line, the articles that hold it.
///
/// Built for a million articles and more: the keys go to a store of keys (a temporary
/// file in the index folder once they outgrow a few MB), and they are counted exactly in
/// slices of the key space small enough to sort in a few tens of MB, so memory does not
/// grow with the corpus beyond a position per article.
#[derive(Debug, Default)]
pub struct LineCounter {
    /// Every article's keys, sorted and deduplicated per article, one after another.
    keys: Keys,
    /// Where each article's keys start in `keys`.
    starts: Vec<u64>,
}

impl LineCounter {
    /// A counter with no articles, holding its keys in memory.
    pub fn new() -> LineCounter {
        LineCounter::default()
    }

    /// A counter that keeps its keys in a temporary file in `dir` once they outgrow a
    /// few MB.
    pub fn spilling_to(dir: &std::path::Path) -> LineCounter {
        LineCounter {
            keys: Keys::spilling_to(dir),
            starts: Vec::new(),
        }
    }

    /// The keys of an article's countable lines, each once, sorted.
    pub fn keys(text: &str) -> Vec<u64> {
        super::prepare(text).keys()
    }

    /// Counts one article's line keys (from [`LineCounter::keys`]); returns the article's
    /// id in this counter. Fails only when a spilling counter cannot write its file.
    pub fn add_keys(&mut self, keys: &[u64]) -> io::Result<usize> {
        let at = self.keys.append(keys)?;
        self.starts.push(at);
        Ok(self.starts.len() - 1)
    }

    /// The keys of the article with id `doc`, into `out`.
    pub fn doc_keys(&self, doc: usize, out: &mut Vec<u64>) -> io::Result<()> {
        let start = self.starts[doc];
        let end = self.starts.get(doc + 1).copied().unwrap_or(self.keys.len());
        self.keys.read(start, (end - start) as usize, out)
    }

    /// Number of articles counted.
    pub fn docs(&self) -> usize {
        self.starts.len()
    }

    /// The set of template lines.
    pub fn finish(&self) -> io::Result<CorpusStats> {
        self.finish_in_slices(SLICE_KEYS)
    }

    fn finish_in_slices(&self, slice_keys: usize) -> io::Result<CorpusStats> {
        // The key space is cut into slices of about `slice_keys` keys; each slice's (key,
        // article) pairs are sorted, so a line's articles come out together, in order.
        let slices = (self.keys.len() / slice_keys as u64 + 1).min(u64::from(u16::MAX));
        let mut template = HashSet::new();
        let (mut english, mut other) = (0u32, 0u32);
        let mut buf = Vec::new();
        for slice in 0..slices {
            let mut pairs: Vec<(u64, u32)> = Vec::new();
            for doc in 0..self.docs() {
                self.doc_keys(doc, &mut buf)?;
                let id = u32::try_from(doc).unwrap_or(u32::MAX);
                for &k in &buf {
                    if is_vote(k) {
                        if slice == 0 {
                            *(if k == VOTE_ENGLISH {
                                &mut english
                            } else {
                                &mut other
                            }) += 1;
                        }
                    } else if slice_of(k, slices) == slice {
                        pairs.push((k, id));
                    }
                }
            }
            pairs.sort_unstable();
            for run in pairs.chunk_by(|a, b| a.0 == b.0) {
                if run.len() < MIN_DOCS {
                    continue;
                }
                let sample: Vec<u32> = run.iter().take(SAMPLE).map(|&(_, d)| d).collect();
                if self.unrelated(run[0].0, &sample)? >= MIN_DOCS {
                    template.insert(run[0].0);
                }
            }
        }
        Ok(CorpusStats {
            template,
            english: english >= MIN_VOTES && english >= 19 * other,
        })
    }

    /// How many groups of mutual copies the sampled articles holding `key` form.
    fn unrelated(&self, key: u64, sample: &[u32]) -> io::Result<usize> {
        let mut groups: Vec<Vec<u64>> = Vec::new();
        for &d in sample {
            let mut doc = Vec::new();
            self.doc_keys(d as usize, &mut doc)?;
            let copy = groups
                .iter()
                .any(|g| jaccard_without(&doc, g, key) >= COPY_JACCARD);
            if !copy {
                groups.push(doc);
                if groups.len() >= MIN_DOCS {
                    break;
                }
            }
        }
        Ok(groups.len())
    }
}

/// Keys sorted at a time when the template lines are found: 2M (key, article) pairs,
/// 32 MB.
const SLICE_KEYS: usize = 2 << 20;

/// Which of `slices` slices of the key space `key` falls in (keys are hashes: any bits
/// will do, mixed so that the slices stay even).
fn slice_of(key: u64, slices: u64) -> u64 {
    if slices == 1 {
        return 0;
    }
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) % slices
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
            c.add_keys(&LineCounter::keys(t)).unwrap();
        }
        c.finish().unwrap()
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
    fn keys_on_disk_and_in_slices_find_the_same_template_lines() {
        // Articles of a few unique lines each, some sharing one of 50 blurbs, some
        // copies of one another: enough keys to go to disk.
        let article = |i: u64| -> Vec<u64> {
            let mut keys: Vec<u64> = (0..6)
                .map(|j| (i * 8 + j).wrapping_mul(0x9e37_79b9))
                .collect();
            if i.is_multiple_of(3) {
                keys.push(u64::MAX / 2 + i % 50);
            }
            if i % 1000 < 4 {
                keys = vec![7, 8, 9, 10, u64::MAX / 3];
            }
            keys.sort_unstable();
            keys
        };
        let tmp = tempfile::tempdir().unwrap();
        let (mut memory, mut disk) = (LineCounter::new(), LineCounter::spilling_to(tmp.path()));
        for i in 0..200_000 {
            memory.add_keys(&article(i)).unwrap();
            disk.add_keys(&article(i)).unwrap();
        }
        assert!(disk.keys.len() > (1 << 20), "past the buffer: on disk");
        let whole = memory.finish().unwrap();
        // The 50 blurbs; the copies' own lines are no template lines.
        assert_eq!(whole.template_lines(), 50);
        for (name, stats) in [
            ("on disk", disk.finish().unwrap()),
            (
                "in a hundred slices",
                memory.finish_in_slices(12_000).unwrap(),
            ),
        ] {
            assert_eq!(stats.template, whole.template, "{name}");
        }
    }

    #[test]
    fn jaccard_ignores_the_line_itself() {
        assert_eq!(jaccard_without(&[1, 2, 3], &[1, 2, 3], 2), 1.0);
        assert_eq!(jaccard_without(&[1, 2], &[2, 3], 2), 0.0);
    }
}
