//! Scoring cleaned text against gold article bodies, the way article-extraction
//! benchmarks do: lower-cased `\w+` tokens compared as multisets per document, then P, R
//! and F1 averaged over documents.
//!
//! Used by the `extract_eval` example (the evaluation command) and by the test that pins
//! the cleaner's quality floors.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

pub mod lost;

static TOKEN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").expect("token pattern"));

/// Precision, recall and F1 of one document (or their means over many).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Score {
    /// Share of predicted tokens that are in the gold.
    pub p: f64,
    /// Share of gold tokens that were predicted.
    pub r: f64,
    /// Harmonic mean of `p` and `r`.
    pub f1: f64,
}

fn bag(text: &str) -> HashMap<String, u32> {
    let lower = text.to_lowercase();
    let mut out = HashMap::new();
    for m in TOKEN.find_iter(&lower) {
        *out.entry(m.as_str().to_owned()).or_insert(0) += 1;
    }
    out
}

/// Scores one prediction against its gold text.
pub fn score(pred: &str, gold: &str) -> Score {
    let (p_bag, g_bag) = (bag(pred), bag(gold));
    let n_pred: u32 = p_bag.values().sum();
    let n_gold: u32 = g_bag.values().sum();
    if n_pred == 0 && n_gold == 0 {
        return Score {
            p: 1.0,
            r: 1.0,
            f1: 1.0,
        };
    }
    let tp: u32 = p_bag
        .iter()
        .map(|(t, &c)| c.min(g_bag.get(t).copied().unwrap_or(0)))
        .sum();
    let p = if n_pred == 0 {
        0.0
    } else {
        f64::from(tp) / f64::from(n_pred)
    };
    let r = if n_gold == 0 {
        0.0
    } else {
        f64::from(tp) / f64::from(n_gold)
    };
    let f1 = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    Score { p, r, f1 }
}

/// The mean of per-document scores.
pub fn mean(scores: &[Score]) -> Score {
    if scores.is_empty() {
        return Score::default();
    }
    let n = scores.len() as f64;
    Score {
        p: scores.iter().map(|s| s.p).sum::<f64>() / n,
        r: scores.iter().map(|s| s.r).sum::<f64>() / n,
        f1: scores.iter().map(|s| s.f1).sum::<f64>() / n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiset_overlap() {
        let s = score("the cat the hat", "the cat sat");
        // tp = the(1) + cat(1) = 2; |pred| = 4; |gold| = 3
        assert!((s.p - 0.5).abs() < 1e-9);
        assert!((s.r - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(score("", "").f1, 1.0);
        assert_eq!(score("", "x").f1, 0.0);
        assert_eq!(score("Ünïcode WORD", "ünïcode word").f1, 1.0);
    }
}
