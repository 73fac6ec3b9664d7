//! Finding the story: the dense run of long, sentence-like paragraphs.
//!
//! Each line gets a score, positive for paragraphs that read like prose and negative for
//! short fragments and marked boilerplate; the story is the contiguous span with the
//! largest total (a maximum-sum subarray). Short lines inside that span are subheadings,
//! quotes or list items and stay; lines outside it are navigation, teasers and widgets,
//! except for the metadata lines next to it.

use std::ops::Range;

use super::lines::Line;
use super::pass::Cleaning;
use super::rules::{Marker, Rule};
use super::{Decision, Verdict, decided, metadata};

/// How many lines before and after the story are read for metadata.
pub(super) const HEADER_LINES: usize = 8;
const TRAILER_LINES: usize = 3;

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
///
/// Nothing joins across a `terminal` line after the story (a legal notice: the footer has
/// begun).
pub fn story_blocks(
    scores: &[f32],
    prose: &[bool],
    removable: &[bool],
    terminal: &[bool],
) -> Vec<Range<usize>> {
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
        if b >= scores.len() || b == end || removable[b] || terminal[end..b].contains(&true) {
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

/// A denser block passed over for the story under the headline (see
/// [`Cleaning::story_blocks`]), for `--explain`.
#[derive(Debug, Clone)]
pub(super) struct PassedOver {
    /// Line number of the headline.
    pub headline: usize,
    /// The lines of the block passed over.
    pub block: Range<usize>,
    /// The headline's content words, and how many the lead and the block hold.
    pub title_words: usize,
    pub in_lead: usize,
    pub in_block: usize,
}

/// Words of prose a story under its headline must have to win over a longer block.
const MIN_LEAD_WORDS: usize = 25;

/// The content words of some lines (four letters or more, lower-cased), for telling
/// whether a block is about what a headline says.
fn content_words<'a>(texts: impl Iterator<Item = &'a str>) -> std::collections::HashSet<String> {
    texts
        .flat_map(super::lines::word_tokens)
        .filter(|w| w.chars().count() >= 4 && !w.chars().all(|c| c.is_ascii_digit()))
        .map(str::to_lowercase)
        .collect()
}

/// How many of a headline's words a block holds.
fn shared(
    title: &std::collections::HashSet<String>,
    block: &std::collections::HashSet<String>,
) -> usize {
    title.iter().filter(|t| block.contains(*t)).count()
}

/// Score of an item of a list inside the story (numbered picks, ingredients, a
/// schedule): a list neither makes a story nor cuts one, so a story that is mostly a
/// list is not lost to the prose of a comment thread or a sidebar.
pub const LIST_ITEM_SCORE: f32 = 0.0;

/// The lines that are items of a list: runs of at least [`MIN_LIST_ITEMS`] unmarked
/// short lines of one item shape (numbers counting up, bullets, "key: value", dates),
/// bare links allowed between them. Items joined by " | " are a menu's, not a list's.
fn list_items(
    lines: &[Line],
    markers: &[Option<Marker>],
    decisions: &[Option<Decision>],
) -> Vec<bool> {
    let n = lines.len();
    let usable = |i: usize| markers[i].is_none() && decisions[i].is_none() && !is_prose(&lines[i]);
    let shape = |i: usize| {
        item_shape(&lines[i].text)
            .filter(|s| !matches!(s, ItemShape::Separated(k) if SEPARATORS[*k] == " | "))
    };
    let mut out = vec![false; n];
    let mut i = 0;
    while i < n {
        let run = usable(i)
            .then(|| item_run(n, i, shape, |j| is_neutral_item(&lines[j].text), usable))
            .flatten();
        let Some((items, end)) = run else {
            i += 1;
            continue;
        };
        if items >= MIN_LIST_ITEMS {
            out[i..end].fill(true);
        }
        i = end.max(i + 1);
    }
    out
}

/// The run of list items from line `start` of `n`: lines of the first one's shape
/// (numbers counting up), bare links allowed between them, while lines are `usable`.
/// Returns how many items it has and where it ends; `None` when `start` is no item.
fn item_run(
    n: usize,
    start: usize,
    shape: impl Fn(usize) -> Option<ItemShape>,
    neutral: impl Fn(usize) -> bool,
    usable: impl Fn(usize) -> bool,
) -> Option<(usize, usize)> {
    let first = (start < n).then(|| shape(start)).flatten()?;
    let mut expect = match first {
        ItemShape::Numbered(k) => Some(k),
        _ => None,
    };
    let (mut i, mut items, mut end) = (start, 0, start);
    while i < n && usable(i) {
        if neutral(i) {
            i += 1;
            continue;
        }
        match shape(i) {
            Some(ItemShape::Numbered(k)) if expect == Some(k) => expect = Some(k + 1),
            Some(s) if expect.is_none() && s == first => {}
            _ => break,
        }
        items += 1;
        i += 1;
        end = i;
    }
    Some((items, end))
}

/// Fewer items than this are no list.
const MIN_LIST_ITEMS: usize = 3;

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
    let (items, end) = item_run(
        texts.len(),
        i,
        |j| item_shape(texts[j]),
        |j| is_neutral_item(texts[j]),
        |j| usable[j],
    )?;
    (items >= MIN_LIST_ITEMS).then_some(end)
}

/// The story region's steps on a page's text: which blocks are the story, what stays
/// inside them, and what the lines next to them say about the article.
impl Cleaning<'_> {
    /// The blocks of the story: the densest run of prose and the blocks an inline module
    /// cut off from it (see [`story_blocks`]).
    pub(super) fn story_blocks(&mut self) -> Vec<Range<usize>> {
        let (lines, markers, decisions) = (&self.lines, &self.markers, &self.decisions);
        let n = lines.len();
        let in_list = list_items(lines, markers, decisions);
        let scores: Vec<f32> = (0..n)
            .map(|i| match (&decisions[i], &markers[i]) {
                (Some(d), _) if d.rule.is_boundary() => BOUNDARY_SCORE,
                (Some(_), _) => MARKED_SCORE,
                (None, Some(Marker::Boilerplate(r) | Marker::Tags(r, _))) if r.is_boundary() => {
                    BOUNDARY_SCORE
                }
                (None, Some(Marker::Boilerplate(Rule::Caption))) => CAPTION_SCORE,
                (None, Some(Marker::Boilerplate(_) | Marker::Tags(..))) => MARKED_SCORE,
                (None, Some(Marker::Teaser)) => TEASER_SCORE,
                // A one-line author self-description marks the end of the story.
                (None, Some(Marker::Bio)) if !is_prose(&lines[i]) => BOUNDARY_SCORE,
                _ if lines[i].words <= 4 && metadata::person_names(&lines[i]).is_some() => {
                    NAME_SCORE
                }
                _ if in_list[i] => LIST_ITEM_SCORE,
                _ => prose_score(&lines[i]),
            })
            .collect();
        let prose: Vec<bool> = (0..n)
            .map(|i| markers[i].is_none() && is_prose(&lines[i]))
            .collect();
        let removable: Vec<bool> = (0..n)
            .map(|i| {
                decisions[i].is_some()
                    || markers[i].is_some()
                    || (!prose[i] && lines[i].words <= 12)
            })
            .collect();
        let terminal: Vec<bool> = markers
            .iter()
            .map(|m| {
                matches!(
                    m,
                    Some(Marker::Boilerplate(Rule::Copyright | Rule::Disclaimer))
                )
            })
            .collect();
        let blocks = story_blocks(&scores, &prose, &removable, &terminal);
        let blocks = self.lead_under_headline(&scores, &prose, blocks);
        if self.is_data_text(&blocks) {
            // Tables and results: keep every line no rule marked, as one block.
            return std::iter::once(0..n).collect();
        }
        blocks
    }

    /// The story under the page's headline, when the densest block lies further down,
    /// beyond a widget or a link list, and does not share the headline's words: a short
    /// story loses the plain choice to a long disclaimer, a comment thread or a list of
    /// other articles' teasers, none of which is about what the headline says.
    ///
    /// A headline here is a title-like line that the page shows as one: a byline or a
    /// date stands right under it, or its words recur in another line (a breadcrumb, a
    /// "3 comments on ..." heading). The lead is the best run of lines starting within a
    /// few lines under it and ending at the first boundary line; it must hold at least
    /// [`MIN_LEAD_WORDS`] words of prose and half the headline's words, and the block
    /// chosen otherwise fewer than half as many of them.
    fn lead_under_headline(
        &mut self,
        scores: &[f32],
        prose: &[bool],
        blocks: Vec<Range<usize>>,
    ) -> Vec<Range<usize>> {
        let lines = &self.lines;
        let (Some(first), Some(last)) = (blocks.first(), blocks.last()) else {
            return blocks;
        };
        let chosen = first.start..last.end;
        let chosen_words = content_words(chosen.clone().map(|i| lines[i].text.as_str()));
        let lowered = std::cell::OnceCell::new();
        for h in 0..chosen.start {
            let Some(title) = self.headline_words(h, &lowered) else {
                continue;
            };
            let mut s = h + 1;
            while s < chosen.start && s <= h + 6 && scores[s] <= 0.0 {
                s += 1;
            }
            if s >= chosen.start || scores[s] <= 0.0 {
                continue;
            }
            let (mut sum, mut best, mut end, mut j) = (0.0, 0.0, s, s);
            while j < chosen.start && scores[j] > BOUNDARY_SCORE {
                sum += scores[j];
                if sum > best {
                    best = sum;
                    end = j + 1;
                }
                j += 1;
            }
            // Without a boundary before the chosen block, the plain choice could have
            // taken the lead along and did not.
            if j >= chosen.start {
                continue;
            }
            let lead = s..end;
            let lead_prose: usize = lead
                .clone()
                .filter(|&i| prose[i])
                .map(|i| lines[i].words)
                .sum();
            if lead_prose < MIN_LEAD_WORDS {
                continue;
            }
            let lead_words = content_words(lead.clone().map(|i| lines[i].text.as_str()));
            let (in_lead, in_chosen) = (shared(&title, &lead_words), shared(&title, &chosen_words));
            if in_lead * 2 >= title.len() && in_chosen * 2 < in_lead {
                self.passed_over = Some(PassedOver {
                    headline: lines[h].no,
                    block: chosen,
                    title_words: title.len(),
                    in_lead,
                    in_block: in_chosen,
                });
                return vec![lead];
            }
        }
        blocks
    }

    /// The content words of line `h` when the page shows it as a headline (see
    /// [`Cleaning::shown_as_headline`]) and it has two or more.
    /// `lowered` holds the page's lines in lower case, made the first time a line is
    /// looked for elsewhere on the page.
    fn headline_words(
        &self,
        h: usize,
        lowered: &std::cell::OnceCell<Vec<String>>,
    ) -> Option<std::collections::HashSet<String>> {
        let line = &self.lines[h];
        if self.markers[h].is_some()
            || self.decisions[h].is_some()
            || !metadata::looks_like_title(line)
            || line.words > 20
            || metadata::organisation(line).is_some()
            || metadata::person_names(line).is_some()
            || !self.shown_as_headline(h, lowered)
        {
            return None;
        }
        let title = content_words(std::iter::once(line.text.as_str()));
        (title.len() >= 2).then_some(title)
    }

    /// Whether the page shows line `h` as a headline: a byline or a date stands within
    /// two lines under it, or another line repeats it (four words or more).
    fn shown_as_headline(&self, h: usize, lowered: &std::cell::OnceCell<Vec<String>>) -> bool {
        let lines = &self.lines;
        let under = (h + 1..lines.len().min(h + 3)).any(|j| {
            metadata::byline(&lines[j]).is_some()
                || metadata::dated_byline(&lines[j]).is_some()
                || metadata::timestamp_line(&lines[j]).is_some()
        });
        // A site's name recurs too, in its menus and footer: a headline repeated has a
        // headline's length.
        if under || lines[h].words < 4 {
            return under;
        }
        let lowered = lowered.get_or_init(|| lines.iter().map(|l| l.text.to_lowercase()).collect());
        let key = &lowered[h];
        lines.iter().zip(lowered).enumerate().any(|(j, (l, t))| {
            j != h && l.words <= 40 && t.len() > key.len() / 2 && t.contains(key.as_str())
        })
    }

    /// A short text that is mostly data (a results table, figures with labels) rather
    /// than prose, with no widget or link-list lines: the prose span would drop most of it.
    pub(super) fn is_data_text(&self, blocks: &[Range<usize>]) -> bool {
        const MAX_LINES: usize = 120;
        let (lines, markers, decisions) = (&self.lines, &self.markers, &self.decisions);
        if lines.len() > MAX_LINES {
            return false;
        }
        let boundary = markers.iter().zip(decisions).any(|(m, d)| {
            matches!(m, Some(Marker::Boilerplate(r) | Marker::Tags(r, _)) if r.is_boundary())
                || matches!(m, Some(Marker::ListHeading | Marker::AuthorHeading))
                || d.as_ref().is_some_and(|d| d.rule.is_boundary())
        });
        if boundary {
            return false;
        }
        let unmarked: usize = (0..lines.len())
            .filter(|&i| markers[i].is_none() && decisions[i].is_none())
            .map(|i| lines[i].words)
            .sum();
        let in_story: usize = blocks
            .iter()
            .flat_map(|b| b.clone())
            .map(|i| lines[i].words)
            .sum();
        unmarked >= 20 && in_story * 10 < unmarked * 3
    }

    /// Keeps the lines of the story's blocks (paragraphs and subheadings, less weak
    /// boilerplate and menus) and removes what stands between two blocks.
    pub(super) fn keep_blocks(&mut self, blocks: &[Range<usize>], span: Range<usize>) {
        let n = self.lines.len();
        let in_list = list_items(&self.lines, &self.markers, &self.decisions);
        // Self-descriptions count as bios only in the story's closing run of prose.
        let mut bio_tail = vec![false; n];
        for i in span.clone().rev() {
            if self.decisions[i].is_some()
                || !is_prose(&self.lines[i]) && self.markers[i] != Some(Marker::Bio)
            {
                continue;
            }
            if self.markers[i] != Some(Marker::Bio) {
                break;
            }
            bio_tail[i] = true;
        }
        for block in blocks {
            for i in block.clone() {
                if self.decisions[i].is_some() {
                    continue;
                }
                let line = &self.lines[i];
                self.decisions[i] = match self.markers[i] {
                    Some(Marker::Teaser) => decided(
                        Verdict::Removed,
                        Rule::Teaser,
                        "truncated or glued teaser of another article",
                    ),
                    Some(Marker::Bio) if bio_tail[i] => decided(
                        Verdict::Removed,
                        Rule::AuthorBio,
                        "self-description of an author or publisher after the story",
                    ),
                    _ if is_prose(line) => decided(
                        Verdict::Kept,
                        Rule::Body,
                        format!("{} words of prose", line.words),
                    ),
                    _ if in_list[i] => decided(
                        Verdict::Kept,
                        Rule::ListItem,
                        "item of a list inside the story",
                    ),
                    _ => decided(
                        Verdict::Kept,
                        Rule::Subheading,
                        format!("short line inside the story ({} words)", line.words),
                    ),
                };
            }
            self.mark_menus(block.clone());
        }
        for d in &mut self.decisions[span] {
            if d.is_none() {
                *d = decided(
                    Verdict::Removed,
                    Rule::OutsideStory,
                    "between two blocks of the story, with a link list or widget",
                );
            }
        }
    }

    /// Inside the story, a run of several short non-sentence lines is a menu or a list
    /// of links, not a subheading.
    pub(super) fn mark_menus(&mut self, span: Range<usize>) {
        const RUN: usize = 4;
        let (lines, decisions) = (&self.lines, &mut self.decisions);
        let short: Vec<bool> = (0..lines.len())
            .map(|i| {
                decisions[i]
                    .as_ref()
                    .is_some_and(|d| d.rule == Rule::Subheading)
                    && !lines[i].ends_sentence
                    && lines[i].words <= 4
                    && !lines[i].text.contains(|c: char| c.is_ascii_digit())
                    && item_shape(&lines[i].text).is_none()
            })
            .collect();
        let mut i = span.start;
        while i < span.end {
            if !short[i] {
                i += 1;
                continue;
            }
            let start = i;
            while i < span.end && short[i] {
                i += 1;
            }
            if i - start >= RUN {
                for d in &mut decisions[start..i] {
                    *d = decided(
                        Verdict::Removed,
                        Rule::Menu,
                        format!("run of {} short lines inside the story", i - start),
                    );
                }
            }
        }
    }

    /// Keeps a list that continues the story after `span` (tour dates, numbered picks);
    /// returns where the story now ends.
    pub(super) fn list_after(&mut self, span: Range<usize>) -> usize {
        let texts: Vec<&str> = self.lines.iter().map(|l| l.text.as_str()).collect();
        let usable: Vec<bool> = self.decisions.iter().map(Option::is_none).collect();
        let Some(list_end) = list_after(&texts, span.end, &usable) else {
            return span.end;
        };
        for d in &mut self.decisions[span.end..list_end] {
            *d = decided(
                Verdict::Kept,
                Rule::ListItem,
                "item of a list that continues the story",
            );
        }
        list_end
    }

    /// Reads the lines just before the story for its title, section, byline, source
    /// and dateline, closest first.
    pub(super) fn header_metadata(&mut self, start: usize) {
        let mut seen = 0;
        // A bare name line gives the authors only until an explicit byline turns up.
        let mut bare_name = false;
        for i in (0..start).rev() {
            if self.decisions[i].is_some() {
                continue;
            }
            seen += 1;
            if seen > HEADER_LINES {
                break;
            }
            self.decisions[i] = self.header_line(i, &mut bare_name);
        }
    }

    /// What one line before the story gives the metadata, if anything.
    pub(super) fn header_line(&mut self, i: usize, bare_name: &mut bool) -> Option<Decision> {
        let line = &self.lines[i];
        let (meta, title) = (&mut self.meta, &mut self.title);
        if let Some((d, _)) =
            metadata::dateline(&line.text).filter(|(_, end)| *end == line.text.len())
            && meta.dateline.is_none()
        {
            let e = format!("dateline {}", d.text);
            meta.dateline = Some(d);
            decided(Verdict::Metadata, Rule::Metadata, e)
        } else if let Some((section, t)) = metadata::section_and_title(line)
            && title.is_none()
        {
            meta.section.get_or_insert(section);
            *title = Some(t);
            decided(Verdict::Metadata, Rule::Title, "section | title")
        } else if title.is_none()
            && line.all_caps
            && line.words >= 3
            && metadata::looks_like_title(line)
        {
            // Wire copy heads its stories with a capitalised headline.
            *title = Some(line.text.clone());
            decided(
                Verdict::Metadata,
                Rule::Title,
                "capitalised headline before the story",
            )
        } else if let Some(names) =
            metadata::byline(line).filter(|_| meta.authors.is_empty() || *bare_name)
        {
            meta.authors = names;
            *bare_name = false;
            // "By Jane Roe | May 16, 2024": the byline may carry the date.
            if meta.date.is_none()
                && let Some(d) = metadata::find_date(&line.text).and_then(|f| f.date)
            {
                meta.date = Some(d);
                meta.date_source = Some("byline".into());
            }
            decided(Verdict::Metadata, Rule::Metadata, "byline")
        } else if meta.section.is_none() && metadata::is_section(&line.text) {
            meta.section = Some(line.text.trim_end_matches([':', '|']).trim().to_owned());
            decided(Verdict::Metadata, Rule::Metadata, "section name")
        } else if let Some(names) =
            metadata::person_names(line).filter(|_| meta.authors.is_empty() && line.words <= 4)
        {
            meta.authors = names;
            *bare_name = true;
            decided(
                Verdict::Metadata,
                Rule::Metadata,
                "author name next to the story",
            )
        } else if let Some(org) = metadata::organisation(line).filter(|_| meta.source.is_none()) {
            meta.source = Some(org);
            decided(
                Verdict::Metadata,
                Rule::Metadata,
                "source name next to the story",
            )
        } else if title.is_none() && metadata::looks_like_title(line) {
            *title = Some(metadata::without_site_name(&line.text).to_owned());
            decided(
                Verdict::Metadata,
                Rule::Title,
                "headline-like line before the story",
            )
        } else {
            None
        }
    }

    /// Reads the few lines just after the story for an author's name.
    pub(super) fn trailer_metadata(&mut self, end: usize) {
        let mut seen = 0;
        for i in end..self.lines.len() {
            // Names after a comment header are the commenters'.
            if self.decisions[i]
                .as_ref()
                .is_some_and(|d| d.rule == Rule::Comment)
            {
                break;
            }
            if self.decisions[i].is_some() {
                continue;
            }
            seen += 1;
            if seen > TRAILER_LINES {
                break;
            }
            let line = &self.lines[i];
            // A wire's credit line closes the story: it stays, and names the reporters.
            if let Some(names) = metadata::credit_line(line) {
                if self.meta.authors.is_empty() {
                    self.meta.authors = names;
                }
                self.decisions[i] =
                    decided(Verdict::Kept, Rule::Metadata, "the story's credit line");
                continue;
            }
            let names = metadata::byline(line)
                .or_else(|| metadata::person_names(line).filter(|_| line.words <= 4));
            if let Some(names) = names.filter(|_| self.meta.authors.is_empty()) {
                self.meta.authors = names;
                self.decisions[i] = decided(
                    Verdict::Metadata,
                    Rule::Metadata,
                    "author name after the story",
                );
            }
        }
    }
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
        assert_eq!(
            story_blocks(&scores, &prose, &removable, &vec![false; scores.len()]),
            vec![0..2, 6..10]
        );
        // A lone paragraph beyond a list stays out...
        let scores = [30.0, -40.0, -8.0, -8.0, 40.0, 30.0, 35.0];
        let prose = [true, false, false, false, true, true, true];
        let removable = [false, true, true, true, false, false, false];
        assert_eq!(
            story_blocks(&scores, &prose, &removable, &vec![false; scores.len()]),
            vec![4..7]
        );
        // ...but one across a single widget line is the story's last paragraph.
        let scores = [40.0, 30.0, -40.0, 20.0, -40.0];
        let prose = [true, true, false, true, false];
        let removable = [false, false, true, false, true];
        assert_eq!(
            story_blocks(&scores, &prose, &removable, &vec![false; scores.len()]),
            vec![0..2, 3..4]
        );
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
