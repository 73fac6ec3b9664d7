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
    let punctuated = line.ends_sentence || line.inner_stops >= 1;
    match line.stop_density {
        // Prose is made of function words; a headline or a list of names is not.
        Some(d) if d < LOW_STOP_DENSITY => false,
        // A long sentence that merely lost its full stop is still prose.
        Some(d) if !punctuated && line.words >= 12 && d >= HIGH_STOP_DENSITY => {
            line.letter_share >= 0.5
        }
        _ => line.words >= 8 && line.letter_share >= 0.5 && punctuated,
    }
}

/// Whether a line is a row of figures ("Shr 12 cts vs 10 cts", "Mpls 1.49 1.75 1.55",
/// "Shr six cts vs five cts"): numbers make up much of it. Tables inside stories are made
/// of such rows.
pub fn is_figures(line: &Line) -> bool {
    const NUMBER_WORDS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve", "nil",
    ];
    if line.words > 30 {
        return false;
    }
    let numbers = line
        .text
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter(|w| {
            let numeral = w.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+')
                && w.contains(|c: char| c.is_ascii_digit());
            numeral || NUMBER_WORDS.iter().any(|n| w.eq_ignore_ascii_case(n))
        })
        .count();
    numbers >= 2 || numbers > 0 && numbers * 4 >= line.words
}

/// Below this stop-word density a line is not prose, whatever its punctuation.
const LOW_STOP_DENSITY: f32 = 0.1;
/// From this density on a long line reads as prose without a final full stop.
const HIGH_STOP_DENSITY: f32 = 0.45;

/// What a short line between paragraphs costs the span: enough that a run of menu lines
/// separates two blocks, little enough that a subheading does not.
pub const SHORT_SCORE: f32 = -8.0;

/// The score of a line that no rule marked.
pub fn prose_score(line: &Line) -> f32 {
    if is_prose(line) {
        line.words.min(80) as f32
    } else if line.words >= 20 && line.has_punct {
        line.words as f32 * 0.5
    } else {
        // Short fragments, and long lines without any punctuation (menus and tag clouds
        // glued into one line).
        SHORT_SCORE
    }
}

/// Score of a lone name line (a byline) inside a run of paragraphs: a byline between
/// paragraphs usually opens another article (a related-stories list).
pub const NAME_SCORE: f32 = -25.0;

/// Score of a line a rule marked as boilerplate.
pub const MARKED_SCORE: f32 = -10.0;

/// Score of a photo caption or a gallery's controls: a photo sits inside a story as
/// often as beside it, so its lines neither join nor cut paragraphs.
pub const CAPTION_SCORE: f32 = -2.0;

/// Score of a line of a boundary kind (share row, link list, comment, legal line): the
/// story does not continue across it for less than a real paragraph.
pub const BOUNDARY_SCORE: f32 = -40.0;

/// Score of weak evidence (a truncated or glued teaser).
pub const TEASER_SCORE: f32 = -15.0;

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

/// Lines of a gap between two story blocks must all be removable (marked by a rule, or
/// short), and there may be at most this many.
const MAX_GAP: usize = 12;

/// The story's blocks: the best span, plus neighbouring blocks of prose that an inline
/// module (a "More from ..." list, an advertisement, a caption) cut off from it.
///
/// A neighbour joins only when everything between it and the story is removable and it
/// reads as story text itself: at least two prose lines and few short ones. Related
/// teasers (a headline, a summary, a headline, ...) fail the second test.
pub fn story_blocks(scores: &[f32], prose: &[bool], removable: &[bool]) -> Vec<Range<usize>> {
    let Some(best) = best_span(scores) else {
        return Vec::new();
    };
    let block_ok = |r: &Range<usize>| {
        let p = r.clone().filter(|&i| prose[i]).count();
        let other = r.len() - p;
        p >= 2 && other * 2 <= p
    };
    // Across one or two widget lines, a single full paragraph is enough.
    let near_ok = |r: &Range<usize>| r.len() == 1 && prose[r.start] && scores[r.start] >= 15.0;
    let mut blocks = vec![best];
    // Left: skip the removable gap, then take the best block that ends right there.
    loop {
        let start = blocks[0].start;
        let mut e = start;
        while e > 0 && removable[e - 1] && start - e < MAX_GAP {
            e -= 1;
        }
        if e == 0 || e == start || removable[e - 1] {
            break;
        }
        let (mut sum, mut best_sum, mut a) = (0.0, f32::MIN, e);
        for i in (0..e).rev() {
            sum += scores[i];
            if sum > best_sum {
                best_sum = sum;
                a = i;
            }
        }
        let c = a..e;
        if best_sum <= 0.0 || !(block_ok(&c) || (start - e <= 2 && near_ok(&c))) {
            break;
        }
        blocks.insert(0, c);
    }
    // Right: the same, mirrored.
    loop {
        let end = blocks[blocks.len() - 1].end;
        let mut b = end;
        while b < scores.len() && removable[b] && b - end < MAX_GAP {
            b += 1;
        }
        if b >= scores.len() || b == end || removable[b] {
            break;
        }
        let (mut sum, mut best_sum, mut z) = (0.0, f32::MIN, b);
        for (i, &sc) in scores.iter().enumerate().skip(b) {
            sum += sc;
            if sum > best_sum {
                best_sum = sum;
                z = i + 1;
            }
        }
        let c = b..z;
        if best_sum <= 0.0 || !(block_ok(&c) || (b - end <= 2 && near_ok(&c))) {
            break;
        }
        blocks.push(c);
    }
    blocks
}

use std::ops::Range;

/// The shape of a list item, for telling a list that belongs to the story (tour dates,
/// numbered picks, "Group A: ...") from a list of links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemShape {
    /// "1) ...", "2. ..."; carries the number.
    Numbered(u32),
    /// "June 9 -- ...", "Aug. 2 -- ...".
    Dated,
    /// "Key: value", with a short key.
    KeyValue,
    /// "- item", "• item".
    Bulleted,
    /// Items joined by the same separator: "France v Israel; Cyprus v Malta",
    /// "Chicago -- 3.03". Carries the separator's index in [`SEPARATORS`].
    Separated(usize),
}

/// Separators that structure list items and table rows.
pub const SEPARATORS: &[&str] = &[
    " -- ", " v ", " vs ", " vs. ", " – ", " - ", "; ", " | ", " @ ", " x ",
];

static NUMBERED: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"^(\d{1,3})[.)]?\s+\S").expect("numbered"));
static DATED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\b")
        .expect("dated")
});
static BULLETED: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"^[-–—•*·▪►]\s+\S").expect("bulleted"));
static KEY_VALUE: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"^[^:.!?]{1,40}\s?:\s+\S").expect("key value"));

/// The item shape of a line, if it has one.
pub fn item_shape(text: &str) -> Option<ItemShape> {
    if let Some(c) = NUMBERED.captures(text) {
        return c[1].parse().ok().map(ItemShape::Numbered);
    }
    if DATED.is_match(text) {
        return Some(ItemShape::Dated);
    }
    if BULLETED.is_match(text) {
        return Some(ItemShape::Bulleted);
    }
    if KEY_VALUE.is_match(text) {
        return Some(ItemShape::KeyValue);
    }
    if text.split_whitespace().count() <= 25 {
        return SEPARATORS
            .iter()
            .position(|s| text.contains(s))
            .map(ItemShape::Separated);
    }
    None
}

/// A line that can sit between list items without breaking the list (a bare link).
pub fn is_neutral_item(text: &str) -> bool {
    !text.contains(' ') && (text.starts_with("http") || text.starts_with("www."))
}

/// The list right after `end` that belongs to the story: at least three items of one
/// shape (numbers counting up), possibly with bare links between them, starting within one
/// short line (a lead-in such as "Qualified teams") of the story. Returns its end.
pub fn list_after(texts: &[&str], end: usize, usable: &[bool]) -> Option<usize> {
    let mut i = end;
    // One lead-in line may stand between the story and the list.
    if i < texts.len() && usable[i] && item_shape(texts[i]).is_none() {
        i += 1;
    }
    let first = item_shape(texts.get(i)?)?;
    let mut items = 0;
    let mut last_end = i;
    let mut expect = match first {
        ItemShape::Numbered(n) => Some(n),
        _ => None,
    };
    while i < texts.len() && usable[i] {
        let t = texts[i];
        if is_neutral_item(t) {
            i += 1;
            continue;
        }
        match item_shape(t) {
            Some(ItemShape::Numbered(n)) if expect == Some(n) => expect = Some(n + 1),
            Some(shape) if expect.is_none() && shape == first => {}
            _ => break,
        }
        items += 1;
        i += 1;
        last_end = i;
    }
    (items >= 3).then_some(last_end)
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
    fn a_block_cut_off_by_a_link_list_joins_the_story() {
        // prose, prose | list heading + 3 links | prose x4
        let scores = [30.0, 25.0, -40.0, -8.0, -8.0, -8.0, 40.0, 30.0, 35.0, 20.0];
        let prose = [
            true, true, false, false, false, false, true, true, true, true,
        ];
        let removable = [
            false, false, true, true, true, true, false, false, false, false,
        ];
        assert_eq!(story_blocks(&scores, &prose, &removable), vec![0..2, 6..10]);
        // A lone paragraph beyond a list stays out...
        let scores = [30.0, -40.0, -8.0, -8.0, 40.0, 30.0, 35.0];
        let prose = [true, false, false, false, true, true, true];
        let removable = [false, true, true, true, false, false, false];
        assert_eq!(story_blocks(&scores, &prose, &removable), vec![4..7]);
        // ...but one across a single widget line is the story's last paragraph.
        let scores = [40.0, 30.0, -40.0, 20.0, -40.0];
        let prose = [true, true, false, true, false];
        let removable = [false, false, true, false, true];
        assert_eq!(story_blocks(&scores, &prose, &removable), vec![0..2, 3..4]);
    }

    #[test]
    fn lists_that_belong_to_the_story() {
        let texts = [
            "Last paragraph.",
            "Tour dates:",
            "June 9 -- Arena, Tampa, FL",
            "June 10 -- Park, Raleigh, NC",
            "July 2 -- Center, Camden, NJ",
            "Subscribe",
        ];
        let usable = [true; 6];
        assert_eq!(list_after(&texts, 1, &usable), Some(5));
        let numbered = [
            "1) First pick",
            "http://example.com/a",
            "2) Second pick",
            "http://example.com/b",
            "3) Third pick",
            "5) Wrong",
        ];
        assert_eq!(list_after(&numbered, 0, &[true; 6]), Some(5));
        let fixtures = [
            "Ireland v Cyprus; France v Israel.",
            "Israel v Cyprus; Malta v France.",
            "France v Ireland.",
            "Sign up",
        ];
        assert_eq!(list_after(&fixtures, 0, &[true; 4]), Some(3));
        let headlines = ["Markets rally", "Storm hits coast", "Election called"];
        assert_eq!(list_after(&headlines, 0, &[true; 3]), None);
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
