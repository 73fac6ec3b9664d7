//! Paragraphs repeated inside one article: the lead printed twice (often with junk glued
//! to one copy), or a summary box whose points reappear in the story.
//!
//! Only copies in the lead zone (before the first full paragraph) are dropped, and the
//! later copy is kept: the early one is the teaser or the summary. Repeats further down
//! are left alone, because there they are usually the story's own (a quote and the tweet
//! that carries it, a refrain in a Q&A).

use xxhash_rust::xxh3::xxh3_64;

use super::lines::fingerprint;

/// Shingle size in words: long enough that two different sentences rarely share one.
const SHINGLE: usize = 5;

/// Share of the shorter paragraph's shingles the longer must hold to count as a repeat:
/// junk glued to one copy ("Get the latest news at ...") lowers the share of a real repeat,
/// while two different sentences on one topic share almost no five-word runs.
const CONTAINMENT: f32 = 0.6;

/// An early paragraph more than this many times the later one's length is kept: glued
/// junk or a lost sentence make one copy longer, not several times longer.
const MAX_GROWTH: usize = 2;

/// Paragraphs shorter than this (in words) are never called repeats: short lines such as
/// "Email" or a subheading may legitimately recur.
const MIN_WORDS: usize = 10;

/// Finds repeated paragraphs among `texts` (already in article order) whose first copy
/// lies before index `lead_end`. Returns, for each copy to drop, its index and the index of
/// the later copy that is kept.
pub fn repeats(texts: &[&str], lead_end: usize) -> Vec<(usize, usize)> {
    // Articles are short; cap the pairwise work for pathological inputs.
    let limit = texts.len().min(2000);
    let lead = lead_end.min(limit);
    // Only lead-zone paragraphs need their shingle sets; later ones are streamed against
    // them (they are most of the text, and most articles have a lead zone of one line).
    // Sorted, for binary search: the values are hashes already, and sets this small
    // search faster so than through a hash table.
    let mut later: Vec<Option<Vec<u64>>> = texts[..lead].iter().map(|t| shingles(t)).collect();
    if later.iter().all(Option::is_none) {
        return Vec::new();
    }
    let lead_sets: Vec<Option<Vec<u64>>> = later
        .iter()
        .map(|s| {
            s.clone().map(|mut v| {
                v.sort_unstable();
                v.dedup();
                v
            })
        })
        .collect();
    // Hard-wrapped stories have no full paragraph, so every line is in the lead zone:
    // the lead's shingles serve as the later lines' too.
    later.extend(texts[lead..limit].iter().map(|t| shingles(t)));
    let mut dropped: Vec<bool> = vec![false; limit];
    let mut out = Vec::new();
    for i in 0..lead {
        let Some(a) = &lead_sets[i] else { continue };
        if dropped[i] {
            continue;
        }
        for j in i + 1..limit {
            let Some(b) = &later[j] else { continue };
            if dropped[j] {
                continue;
            }
            let shared = b.iter().filter(|h| a.binary_search(h).is_ok()).count();
            let smaller = a.len().min(b.len());
            if shared < 6 || (shared as f32) < CONTAINMENT * smaller as f32 {
                continue;
            }
            // An early paragraph that says much more than the later one is not its copy:
            // the later one quotes or sums it up ("McKinley said that ...").
            if a.len() > MAX_GROWTH * b.len() {
                continue;
            }
            dropped[i] = true;
            out.push((i, j));
            break;
        }
    }
    out.sort_unstable();
    out
}

/// Hashes of a paragraph's five-word shingles, or `None` for a short paragraph.
fn shingles(text: &str) -> Option<Vec<u64>> {
    let words = word_hashes(text);
    if words.len() < MIN_WORDS {
        return None;
    }
    Some(words.windows(SHINGLE).map(combine).collect())
}

/// A hash per word of a text's fingerprint (see [`fingerprint`]).
fn word_hashes(text: &str) -> Vec<u64> {
    if !text.is_ascii() {
        let mut out = Vec::new();
        for w in fingerprint(text).split(' ').filter(|w| !w.is_empty()) {
            // CJK characters are three or four bytes in UTF-8, led by 0xE1 or above.
            if w.bytes().any(|b| b >= 0xE1) && w.chars().any(super::words::is_cjk) {
                // Unspaced text: a clause is one "word" between spaces, and one changed
                // character would change all of it. Its character pairs are its words,
                // as the index reads them.
                out.extend(super::words::words(w).map(|r| xxh3_64(w[r].as_bytes())));
            } else {
                out.push(xxh3_64(w.as_bytes()));
            }
        }
        return out;
    }
    // ASCII needs no normalisation.
    let mut out = Vec::with_capacity(text.len() / 5);
    super::lines::for_each_ascii_word(text.as_bytes(), |w| out.push(xxh3_64(w)));
    out
}

/// The hash of a run of words from their hashes (order matters).
fn combine(words: &[u64]) -> u64 {
    words.iter().fold(0x9e37_79b9_7f4a_7c15u64, |acc, &h| {
        mix(acc.rotate_left(23) ^ h)
    })
}

/// Number of hash functions in a MinHash signature.
pub const MINHASH_LEN: usize = 32;

/// A MinHash signature: for each of [`MINHASH_LEN`] hash functions, the least hash of the
/// text's word 3-shingles, and the number of shingles. Two texts agree on a share of
/// positions that estimates the Jaccard similarity of their shingle sets; with the sizes,
/// that gives how much of the shorter text the longer one contains.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature {
    /// The top 16 bits of each minimum: plenty to tell equal minima from different ones
    /// (b-bit MinHash), at half the space.
    mins: [u16; MINHASH_LEN],
    len: u32,
    /// The least 16-bit hashes of the text's distinct figures ("1.5", "6-3/16",
    /// "2,858,000", "two"), ascending, `u16::MAX` past the end: all of them for texts of up to
    /// [`FIGURES_LEN`] figures, a bottom-k sketch beyond.
    figures: [u16; FIGURES_LEN],
    /// How many distinct figures the text has (0 also for signatures stored before
    /// figures were: then figures never tell two texts apart).
    figure_count: u16,
    /// Every figure, as two bits each of a 256-bit filter: whether a short copy's few
    /// figures are all in a long story's many.
    figure_bits: [u64; 4],
}

/// Figures kept in a signature.
pub const FIGURES_LEN: usize = 12;

/// Share of the fewer figures that the other text must hold for two texts to be one
/// story: a copy carries the story's figures (a copy cut short, some of them); a daily
/// report on a template ("The Fed added 1.5 billion dlrs of reserves ...") changes them.
const FIGURES_SHARED: f32 = 0.8;

/// Texts whose shingle counts are this close, and whose word signatures agree less than
/// [`CUT_COPY`], are compared for figures both ways.
const SAME_LENGTH: f32 = 0.9;

/// See [`SAME_LENGTH`].
const CUT_COPY: f32 = 0.9;

/// Words per shingle for near-duplicate signatures: short enough that a changed word
/// disturbs few shingles, long enough that two stories on one topic share few.
const SIG_SHINGLE: usize = 3;

fn mix(mut x: u64) -> u64 {
    // splitmix64's finaliser: a cheap, well-spread bijection.
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The MinHash signature of a text (all `u32::MAX` for a text of no words).
pub fn minhash(text: &str) -> Signature {
    // One-permutation hashing: each shingle is hashed once and lands in one of the
    // MINHASH_LEN buckets by its hash; each bucket keeps its least value. Empty buckets
    // borrow from the next non-empty one (densification), so short texts still compare.
    let words = word_hashes(text);
    let mut shingles: Vec<u64> = if words.is_empty() {
        Vec::new()
    } else if words.len() < SIG_SHINGLE {
        vec![combine(&words)]
    } else {
        words.windows(SIG_SHINGLE).map(combine).collect()
    };
    // Each distinct shingle counts once.
    shingles.sort_unstable();
    shingles.dedup();
    let mut sig = [u64::MAX; MINHASH_LEN];
    for &h in &shingles {
        let h = mix(h);
        let bucket = (h >> 59) as usize % MINHASH_LEN;
        let value = h & ((1 << 59) - 1);
        if value < sig[bucket] {
            sig[bucket] = value;
        }
    }
    let len = u32::try_from(shingles.len()).unwrap_or(u32::MAX);
    let (figures, figure_count, figure_bits) = figure_sketch(text);
    let mut mins = [u16::MAX; MINHASH_LEN];
    if len > 0 {
        for (k, slot) in mins.iter_mut().enumerate() {
            // The nearest non-empty bucket to the right (cyclically), marked by its distance
            // so that borrowed values only match values borrowed the same way.
            let (d, v) = (0..MINHASH_LEN)
                .map(|d| (d, sig[(k + d) % MINHASH_LEN]))
                .find(|(_, v)| *v != u64::MAX)
                .expect("a non-empty bucket");
            *slot = ((v >> 43) as u16) ^ (d as u16).wrapping_mul(0x9e37);
        }
    }
    Signature {
        mins,
        len,
        figures,
        figure_count,
        figure_bits,
    }
}

/// The two bits of a figure's hash in a signature's filter.
fn figure_bit_pair(h: u16) -> [usize; 2] {
    [usize::from(h & 0xff), usize::from(h >> 8)]
}

fn has_figure(bits: &[u64; 4], h: u16) -> bool {
    figure_bit_pair(h)
        .iter()
        .all(|&b| bits[b / 64] & (1 << (b % 64)) != 0)
}

/// The figures of a text as a sketch: the least hashes of its distinct tokens that hold
/// a digit, their number, and a filter of all of them.
fn figure_sketch(text: &str) -> ([u16; FIGURES_LEN], u16, [u64; 4]) {
    // Wire copy spells small numbers out ("two billion dlrs").
    const NUMBER_WORDS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "twenty", "thirty", "forty", "fifty", "hundred",
    ];
    let mut hashes: Vec<u16> = text
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|t| {
            t.bytes().any(|b| b.is_ascii_digit())
                || NUMBER_WORDS.iter().any(|n| t.eq_ignore_ascii_case(n))
        })
        .map(|t| (mix(xxh3_64(t.to_ascii_lowercase().as_bytes())) >> 48) as u16)
        .filter(|&h| h != u16::MAX)
        .collect();
    hashes.sort_unstable();
    hashes.dedup();
    let mut out = [u16::MAX; FIGURES_LEN];
    for (slot, h) in out.iter_mut().zip(&hashes) {
        *slot = *h;
    }
    let mut bits = [0u64; 4];
    for &h in &hashes {
        for b in figure_bit_pair(h) {
            bits[b / 64] |= 1 << (b % 64);
        }
    }
    (out, u16::try_from(hashes.len()).unwrap_or(u16::MAX), bits)
}

/// Whether two texts' figures allow them to be copies of one story: the text with fewer
/// figures has nearly all of its figures in the other (estimated from the sketches).
/// A text without figures, or a signature without a sketch, always does.
pub fn figures_agree(a: &Signature, b: &Signature) -> bool {
    let (na, nb) = (usize::from(a.figure_count), usize::from(b.figure_count));
    // One figure is enough to tell two daily reports on a template apart ("trading at
    // 6-1/4 pct" against "6-3/16"); only a text with none cannot say.
    if na == 0 || nb == 0 {
        return true;
    }
    // The fewer figures (all of them, or the sample the sketch keeps of many) are looked
    // up in the other text's filter: a copy cut short keeps some of the figures.
    let held_in = |small: &Signature, large: &Signature, ns: usize| {
        let sample = &small.figures[..ns.min(FIGURES_LEN)];
        let held = sample
            .iter()
            .filter(|&&h| has_figure(&large.figure_bits, h))
            .count();
        held as f32 >= FIGURES_SHARED * sample.len() as f32 - 1e-3
    };
    let (small, large, ns, nl) = if na <= nb {
        (a, b, na, nb)
    } else {
        (b, a, nb, na)
    };
    if !held_in(small, large, ns) {
        return false;
    }
    // Two texts of one length that differ in words are neither one the other cut short nor
    // one copy: a figure one lacks is another report on the same template ("arrange 1.5
    // billion dlrs" against "arrange overnight").
    let (short, long) = (a.len.min(b.len) as f32, a.len.max(b.len) as f32);
    short < SAME_LENGTH * long || similarity(a, b) >= CUT_COPY || held_in(large, small, nl)
}

impl Signature {
    /// The MinHash values, for filing signatures by band; `None` for a text of no words.
    pub fn mins(&self) -> Option<&[u16; MINHASH_LEN]> {
        (self.len > 0).then_some(&self.mins)
    }
}

/// Estimated Jaccard similarity of the texts behind two signatures.
pub fn jaccard(a: &Signature, b: &Signature) -> f32 {
    if a.len == 0 || b.len == 0 {
        return 0.0;
    }
    a.mins.iter().zip(&b.mins).filter(|(x, y)| x == y).count() as f32 / MINHASH_LEN as f32
}

/// Estimated share of the shorter text's shingles that the longer text holds: 1 for a
/// copy cut short, near 0 for two different stories. `|A∩B| = J(|A|+|B|)/(1+J)`.
pub fn similarity(a: &Signature, b: &Signature) -> f32 {
    let j = jaccard(a, b);
    let smaller = a.len.min(b.len);
    if smaller == 0 {
        return 0.0;
    }
    let shared = j * (a.len as f32 + b.len as f32) / (1.0 + j);
    (shared / smaller as f32).min(1.0)
}

/// A signature as bytes (little-endian), for storing.
pub fn signature_bytes(sig: &Signature) -> Vec<u8> {
    let mut out: Vec<u8> = sig.mins.iter().flat_map(|v| v.to_le_bytes()).collect();
    out.extend(sig.len.to_le_bytes());
    out.extend(sig.figure_count.to_le_bytes());
    out.extend(sig.figures.iter().flat_map(|v| v.to_le_bytes()));
    out.extend(sig.figure_bits.iter().flat_map(|v| v.to_le_bytes()));
    out
}

/// Bytes of a signature stored before figures were part of it.
const WORDS_ONLY: usize = MINHASH_LEN * 2 + 4;

/// A signature from its stored bytes; `None` when they are not one. (Signatures stored
/// before figures were read as having none.)
pub fn signature_from_bytes(bytes: &[u8]) -> Option<Signature> {
    if bytes.len() != WORDS_ONLY && bytes.len() != WORDS_ONLY + 2 + FIGURES_LEN * 2 + 32 {
        return None;
    }
    let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]);
    let mut mins = [0u16; MINHASH_LEN];
    for (k, slot) in mins.iter_mut().enumerate() {
        *slot = u16_at(2 * k);
    }
    let at = MINHASH_LEN * 2;
    let len = u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    let mut figures = [u16::MAX; FIGURES_LEN];
    let mut figure_count = 0;
    let mut figure_bits = [0u64; 4];
    if bytes.len() > WORDS_ONLY {
        figure_count = u16_at(WORDS_ONLY);
        for (k, slot) in figures.iter_mut().enumerate() {
            *slot = u16_at(WORDS_ONLY + 2 + 2 * k);
        }
        let at = WORDS_ONLY + 2 + FIGURES_LEN * 2;
        for (k, slot) in figure_bits.iter_mut().enumerate() {
            let mut word = [0u8; 8];
            word.copy_from_slice(&bytes[at + 8 * k..at + 8 * k + 8]);
            *slot = u64::from_le_bytes(word);
        }
    }
    Some(Signature {
        mins,
        len,
        figures,
        figure_count,
        figure_bits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEAD: &str = "The central bank raised its key interest rate by a quarter point on Wednesday, citing stubborn inflation.";

    #[test]
    fn lead_printed_twice_keeps_the_later_copy() {
        let teaser = format!("Get the latest business stories at Example Daily. {LEAD}");
        let real = format!("Frankfurt, May 3 (AP) {LEAD}");
        let texts = [
            teaser.as_str(),
            real.as_str(),
            "Markets barely moved after the announcement, traders said.",
        ];
        assert_eq!(repeats(&texts, 2), vec![(0, 1)]);
    }

    #[test]
    fn a_paragraph_is_no_copy_of_a_shorter_recap() {
        // The later line repeats part of the earlier one; the earlier says much more.
        let texts = [
            "The dividend of 20 cts a share, an increase of five cts over the prior 15 cts \
             a share on pre-split shares, is payable June 12 to holders of record May 22.",
            "The stock split also is payable June 12 to holders of record May 22.",
        ];
        assert!(repeats(&texts, 2).is_empty());
    }

    #[test]
    fn summary_copy_in_the_lead_zone_goes_later_repeats_stay() {
        let texts = [LEAD, "a", "b", "c", "d", LEAD, "e", LEAD];
        assert_eq!(repeats(&texts, 1), vec![(0, 5)]);
        assert!(repeats(&texts[1..], 1).is_empty());
    }

    #[test]
    fn minhash_estimates_overlap() {
        let story = "The central bank raised its key interest rate by a quarter point on Wednesday, citing stubborn inflation and a tight labour market. Markets had expected the move after weeks of hints from officials, and bond yields barely moved. The governor said further increases were possible if prices kept rising faster than wages over the summer months.";
        let copy = format!("By Jane Roe\n{}", &story[..story.len() * 3 / 4]);
        let other = "The central bank held its key interest rate on Thursday as growth slowed across the region, with officials pointing to weak exports and falling factory orders. Economists said the pause was widely expected.";
        let (a, b, c) = (minhash(story), minhash(&copy), minhash(other));
        assert!(similarity(&a, &b) >= 0.7, "{}", similarity(&a, &b));
        assert!(similarity(&a, &c) < 0.4, "{}", similarity(&a, &c));
        assert_eq!(signature_from_bytes(&signature_bytes(&a)), Some(a));
        assert_eq!(similarity(&minhash(""), &minhash("")), 0.0);
    }

    #[test]
    fn minhash_reads_unspaced_text_by_its_characters() {
        let story = "第二十届哈尔滨国际冰雪节于周五晚上在松花江畔正式开幕，数万名游客冒着严寒前来观看开幕式。今年的冰雪大世界占地面积超过八十万平方米，使用冰块约二十五万立方米。当地官员表示，冰雪旅游已经成为当地经济的重要组成部分。";
        // A copy with a changed date and a changed figure in each clause.
        let copy = story.replace("周五", "周六").replace("八十万", "九十万");
        let other = "市长周一在市政府会见了来自邻国的代表团，双方就经济合作、文化交流和旅游发展等问题深入交换了意见。代表团团长表示，希望两市在港口建设和物流方面加强合作。";
        let (a, b, c) = (minhash(story), minhash(&copy), minhash(other));
        assert!(similarity(&a, &b) >= 0.7, "{}", similarity(&a, &b));
        assert!(similarity(&a, &c) < 0.4, "{}", similarity(&a, &c));
    }

    #[test]
    fn a_template_with_other_figures_is_another_story() {
        let report = |amount: &str, rate: &str| {
            format!(
                "The Federal Reserve entered the U.S. Government securities market to arrange \
                 {amount} billion dlrs of customer repurchase agreements, a Fed spokesman said. \
                 Dealers said Federal funds were trading at {rate} pct when the Fed began its \
                 temporary and indirect supply of reserves to the banking system."
            )
        };
        let (a, b) = (
            minhash(&report("1.5", "6-3/16")),
            minhash(&report("1.5", "6-1/4")),
        );
        assert!(similarity(&a, &b) >= 0.6, "the words are one template");
        assert!(!figures_agree(&a, &b));
        let c = minhash(&report("1.5", "6-3/16"));
        assert!(figures_agree(&a, &c));
        // The same rate, but one report names an amount and the other another kind of
        // operation: not a copy, though the shorter's one figure is in the longer.
        let (amount, no_amount) = (
            minhash(&report("1.5", "6-1/4")),
            minhash(
                "The Federal Reserve entered the U.S. Government securities market to arrange \
                 overnight System repurchase agreements, a Fed spokesman said. Dealers said \
                 that Federal funds were trading at 6-1/4 pct when the Fed began its temporary \
                 and direct supply of reserves to the banking system.",
            ),
        );
        assert!(
            similarity(&amount, &no_amount) >= 0.6,
            "the words are one template"
        );
        assert!(!figures_agree(&amount, &no_amount));
        // A copy cut short keeps a share of the figures: it agrees.
        let long = "Sales rose 12 pct to 4.5 billion dlrs. Profit was 310 mln dlrs, or 1.20 \
                    dlrs a share, against 290 mln, or 1.10. Orders grew 8 pct in the quarter.";
        let short = "Sales rose 12 pct to 4.5 billion dlrs.";
        assert!(figures_agree(&minhash(long), &minhash(short)));
        // Old signatures (no figures) and texts without figures never disagree; one figure
        // each must still be the same figure.
        let old = signature_from_bytes(&signature_bytes(&a)[..MINHASH_LEN * 2 + 4]).unwrap();
        assert!(figures_agree(&old, &b));
        assert!(figures_agree(
            &minhash("no figure"),
            &minhash("another: 13")
        ));
        assert!(!figures_agree(
            &minhash("one figure: 12"),
            &minhash("another: 13")
        ));
        assert!(figures_agree(
            &minhash("one figure: 12"),
            &minhash("the same one: 12, and 14")
        ));
        // Many figures: the sketch still tells a copy from a re-run table.
        let table = |shift: u32| {
            (0..40)
                .map(|i| format!("Item {} {}", i, i * 7 + shift))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let (t0, t1) = (minhash(&table(0)), minhash(&table(1000)));
        assert!(figures_agree(&t0, &minhash(&table(0))));
        assert!(!figures_agree(&t0, &t1));
    }

    #[test]
    fn different_paragraphs_on_one_topic_are_not_repeats() {
        let other = "The central bank held its key interest rate steady on Thursday, citing slowing growth in the region.";
        assert!(repeats(&[LEAD, other], 2).is_empty());
    }

    #[test]
    fn ascii_words_hash_as_their_fingerprint_words() {
        // Signatures are stored in the index: the ASCII fast path must hash exactly the
        // words the general path does.
        let long = "x".repeat(70);
        for text in [
            "The Fed's RATE rose 0.25 points, to 5.5%; markets (mostly) shrugged.",
            "  Shr 15 cts vs 10 cts\tNet 1,234,000 vs 987,000  ",
            &format!("a {long} b"),
            "",
            "--- ...",
        ] {
            let general: Vec<u64> = fingerprint(text)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(|w| xxh3_64(w.as_bytes()))
                .collect();
            assert_eq!(word_hashes(text), general, "{text:?}");
        }
    }
}
