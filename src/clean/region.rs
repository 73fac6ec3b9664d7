//! Finding the story: the dense run of long, sentence-like paragraphs.
//!
//! Each line gets a score, positive for paragraphs that read like prose and negative for
//! short fragments and marked boilerplate; the story is the contiguous span with the
//! largest total (a maximum-sum subarray). Short lines inside that span are subheadings,
//! quotes or list items and stay; lines outside it are navigation, teasers and widgets,
//! except for the metadata lines next to it.

use super::lines::Line;

/// Whether a line reads as a story paragraph on its own.
pub fn is_prose(line: &Line) -> bool {
    line.words >= 8 && line.letter_share >= 0.5 && (line.ends_sentence || line.inner_stops >= 1)
}

/// The score of a line that no rule marked.
pub fn prose_score(line: &Line) -> f32 {
    if is_prose(line) {
        line.words.min(60) as f32
    } else if line.words >= 20 {
        line.words as f32 * 0.5
    } else {
        -2.0
    }
}

/// Score of a line a rule marked as boilerplate: low enough that a span will not reach
/// across several of them for one short paragraph.
pub const MARKED_SCORE: f32 = -8.0;

/// Score of weak evidence (a teaser ending in "…").
pub const TEASER_SCORE: f32 = -6.0;

/// The contiguous span of `scores` with the largest sum, as `start..end`, or `None` when
/// no line scores above zero.
pub fn best_span(scores: &[f32]) -> Option<std::ops::Range<usize>> {
    let mut best: Option<(f32, usize, usize)> = None;
    let mut sum = 0.0;
    let mut start = 0;
    for (i, &s) in scores.iter().enumerate() {
        if sum <= 0.0 {
            sum = 0.0;
            start = i;
        }
        sum += s;
        if sum > 0.0 && best.is_none_or(|(b, _, _)| sum > b) {
            best = Some((sum, start, i + 1));
        }
    }
    best.map(|(_, s, e)| s..e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_spans_short_gaps_between_paragraphs() {
        let scores = [-2.0, -2.0, 30.0, -2.0, 40.0, -8.0, 25.0, -2.0, -2.0, -6.0];
        assert_eq!(best_span(&scores), Some(2..7));
    }

    #[test]
    fn no_positive_line_no_span() {
        assert_eq!(best_span(&[-2.0, -8.0]), None);
        assert_eq!(best_span(&[]), None);
    }

    #[test]
    fn a_lone_paragraph_far_away_is_left_out() {
        let mut scores = vec![40.0, 40.0];
        scores.extend(std::iter::repeat_n(-2.0, 50));
        scores.push(20.0);
        assert_eq!(best_span(&scores), Some(0..2));
    }
}
