//! Paragraphs repeated inside one article: the lead printed twice (often with junk glued
//! to one copy), or a summary box whose points reappear in the story.
//!
//! Only copies in the lead zone (before the first full paragraph) are dropped, and the
//! later copy is kept: the early one is the teaser or the summary. Repeats further down
//! are left alone, because there they are usually the story's own (a quote and the tweet
//! that carries it, a refrain in a Q&A).

use std::collections::HashSet;

use xxhash_rust::xxh3::xxh3_64;

use super::lines::fingerprint;

/// Shingle size in words: long enough that two different sentences rarely share one.
const SHINGLE: usize = 5;

/// Share of the shorter paragraph's shingles the longer must hold to count as a repeat:
/// junk glued to one copy ("Get the latest news at ...") lowers the share of a real repeat,
/// while two different sentences on one topic share almost no five-word runs.
const CONTAINMENT: f32 = 0.6;

/// Paragraphs shorter than this (in words) are never called repeats: short lines such as
/// "Email" or a subheading may legitimately recur.
const MIN_WORDS: usize = 10;

/// Finds repeated paragraphs among `texts` (already in article order) whose first copy
/// lies before index `lead_end`. Returns, for each copy to drop, its index and the index of
/// the later copy that is kept.
pub fn repeats(texts: &[&str], lead_end: usize) -> Vec<(usize, usize)> {
    let shingles: Vec<Option<HashSet<u64>>> = texts.iter().map(|t| shingle_set(t)).collect();
    let mut dropped: Vec<bool> = vec![false; texts.len()];
    let mut out = Vec::new();
    // Articles are short; cap the pairwise work for pathological inputs.
    let limit = texts.len().min(2000);
    for i in 0..lead_end.min(limit) {
        let Some(a) = &shingles[i] else { continue };
        if dropped[i] {
            continue;
        }
        for j in i + 1..limit {
            let Some(b) = &shingles[j] else { continue };
            if dropped[j] {
                continue;
            }
            let shared = a.intersection(b).count();
            let smaller = a.len().min(b.len());
            if shared < 6 || (shared as f32) < CONTAINMENT * smaller as f32 {
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

fn shingle_set(text: &str) -> Option<HashSet<u64>> {
    let fp = fingerprint(text);
    let words: Vec<&str> = fp.split(' ').collect();
    if words.len() < MIN_WORDS {
        return None;
    }
    Some(
        words
            .windows(SHINGLE)
            .map(|w| xxh3_64(w.join(" ").as_bytes()))
            .collect(),
    )
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
    fn summary_copy_in_the_lead_zone_goes_later_repeats_stay() {
        let texts = [LEAD, "a", "b", "c", "d", LEAD, "e", LEAD];
        assert_eq!(repeats(&texts, 1), vec![(0, 5)]);
        assert!(repeats(&texts[1..], 1).is_empty());
    }

    #[test]
    fn different_paragraphs_on_one_topic_are_not_repeats() {
        let other = "The central bank held its key interest rate steady on Thursday, citing slowing growth in the region.";
        assert!(repeats(&[LEAD, other], 2).is_empty());
    }
}
