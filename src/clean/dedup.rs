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
        return fingerprint(text)
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(|w| xxh3_64(w.as_bytes()))
            .collect();
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
}

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
    Signature { mins, len }
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
    out
}

/// A signature from its stored bytes; `None` when they are not one.
pub fn signature_from_bytes(bytes: &[u8]) -> Option<Signature> {
    if bytes.len() != MINHASH_LEN * 2 + 4 {
        return None;
    }
    let (head, tail) = bytes.split_at(MINHASH_LEN * 2);
    let mut mins = [0u16; MINHASH_LEN];
    for (slot, c) in mins.iter_mut().zip(head.chunks_exact(2)) {
        *slot = u16::from_le_bytes([c[0], c[1]]);
    }
    let len = u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]);
    Some(Signature { mins, len })
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
