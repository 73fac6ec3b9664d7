//! The cleaner: from scraped article text to story paragraphs plus metadata.
//!
//! [`clean`] is a pure function of the text and the read-only [`CorpusStats`], so it runs
//! in parallel and is easy to test. It works on lines (one paragraph per line, as scrapers
//! write them) in four passes:
//!
//! 1. **Line rules** (`rules.rs`) mark kinds of boilerplate that a line shows on its own:
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

mod dedup;
mod exported;
mod lines;
mod markers;
pub mod metadata;
mod region;
mod rules;
mod stopwords;
mod template;

pub use dedup::{
    MINHASH_LEN, Signature, minhash, signature_bytes, signature_from_bytes, similarity,
};
pub use exported::as_exported;
pub use lines::{ALLOCATION_OVERHEAD, fingerprint, normalise_space, word_tokens};
pub use metadata::{Dateline, Metadata};
pub use rules::Rule;
pub use template::{CorpusStats, LineCounter};

use serde::Serialize;

use lines::Line;
use rules::Marker;

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

/// Cleans a set of articles together: lines that recur across them are template lines
/// (see [`CorpusStats`]). Returns the articles in input order.
pub fn clean_all<S: AsRef<str> + Sync>(texts: &[S]) -> Vec<Article> {
    use rayon::prelude::*;
    let mut counter = LineCounter::new();
    for t in texts {
        counter.add_keys(&LineCounter::keys(t.as_ref()));
    }
    let stats = counter.finish();
    texts
        .par_iter()
        .map(|t| clean(t.as_ref(), &stats))
        .collect()
}

/// Bytes of text the language is detected from.
const LANGUAGE_SAMPLE: usize = 600;

/// How many lines before and after the story are read for metadata.
const HEADER_LINES: usize = 8;
const TRAILER_LINES: usize = 3;

/// Cleans one article's text.
pub fn clean(text: &str, stats: &CorpusStats) -> Article {
    clean_prepared(prepare(text), stats)
}

/// An article's text split into measured lines: the work shared by counting lines across a
/// corpus and cleaning, done once.
#[derive(Debug, Clone)]
pub struct Prepared {
    lines: Vec<Line>,
}

/// Splits and measures an article's lines.
pub fn prepare(text: &str) -> Prepared {
    Prepared {
        lines: lines::split(text),
    }
}

impl Prepared {
    /// The keys of the article's countable lines, each once, sorted (for [`LineCounter`]).
    pub fn keys(&self) -> Vec<u64> {
        let mut keys: Vec<u64> = self.lines.iter().filter_map(|l| l.key).collect();
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
        }
    }

    /// Memory held (for cache budgets).
    pub fn memory_bytes(&self) -> usize {
        self.0.memory_bytes()
    }
}

/// Cleans an article already split by [`prepare`].
pub fn clean_prepared(prepared: Prepared, stats: &CorpusStats) -> Article {
    let mut lines = prepared.lines;
    let n = lines.len();
    let mut stripped: Vec<Option<String>> = vec![None; n];
    for (i, line) in lines.iter_mut().enumerate() {
        if let Some((junk, rest)) = rules::strip_glued_file_name(&line.text) {
            stripped[i] = Some(junk);
            *line = Line::new(line.no, rest);
        }
        if let Some((cards, rest)) = rules::strip_hover_cards(&line.text) {
            stripped[i] = Some(match stripped[i].take() {
                Some(junk) => format!("{junk} | {cards}"),
                None => cards,
            });
            *line = Line::new(line.no, rest);
        }
    }

    // The article's language (from its longer lines: a couple of paragraphs are plenty,
    // and detection is the dearest step of cleaning) decides which stop words tell prose
    // from lists.
    // English, the common case, is told by its stop words, counted per line once: they
    // give both the sample's share and every line's density.
    let english = stopwords::english();
    let en_counts: Vec<(usize, usize)> = lines
        .iter()
        .map(|l| stopwords::counts(&l.text, english))
        .collect();
    let (mut sampled, mut sample_counts) = (0, (0, 0));
    let mut sample_lines = Vec::new();
    for (i, l) in lines.iter().enumerate().filter(|(_, l)| l.words >= 8) {
        if sampled >= LANGUAGE_SAMPLE {
            break;
        }
        sampled += l.text.len() + 1;
        sample_lines.push(i);
        sample_counts = (
            sample_counts.0 + en_counts[i].0,
            sample_counts.1 + en_counts[i].1,
        );
    }
    let lang = if metadata::is_english_share(stopwords::share(sample_counts)) {
        Some(whatlang::Lang::Eng)
    } else {
        let mut sample = String::with_capacity(sampled);
        for &i in &sample_lines {
            sample.push_str(&lines[i].text);
            sample.push('\n');
        }
        metadata::language_not_english(&sample)
    };
    if let Some(stops) = lang.and_then(stopwords::list) {
        let english = lang == Some(whatlang::Lang::Eng);
        for (line, &counts) in lines.iter_mut().zip(&en_counts) {
            line.stop_density = Some(if english {
                stopwords::share(counts)
            } else {
                stopwords::density(&line.text, stops)
            });
        }
    }

    let mut meta = Metadata::default();
    let mut title: Option<String> = None;
    let mut decisions: Vec<Option<Decision>> = vec![None; n];

    // Pass 1: line rules.
    let mut markers: Vec<Option<Marker>> = lines.iter().map(rules::classify).collect();
    // Dates and bylines below a comment header after the story's first paragraph are
    // the readers' (above it, "Most commented" is a menu).
    let (mut story_begun, mut comments) = (false, false);
    for (i, line) in lines.iter().enumerate() {
        story_begun |= line.words >= 20 && markers[i].is_none();
        comments |= story_begun && markers[i] == Some(Marker::Boilerplate(Rule::Comment));
        if markers[i].is_some() {
            continue;
        }
        if let Some(date) = metadata::timestamp_line(line) {
            markers[i] = Some(Marker::Boilerplate(Rule::Timestamp));
            if meta.date.is_none() && date.is_some() && !comments {
                meta.date = date;
                meta.date_source = Some("timestamp".into());
            }
        } else if let Some((names, date)) = metadata::dated_byline(line).filter(|_| !comments) {
            if meta.authors.is_empty() {
                meta.authors = names;
            }
            if meta.date.is_none() && date.is_some() {
                meta.date = date;
                meta.date_source = Some("byline".into());
            }
            decisions[i] = decided(Verdict::Metadata, Rule::Metadata, "byline with its date");
        } else if stats.is_template(line) {
            markers[i] = Some(Marker::Boilerplate(Rule::Template));
        }
    }

    // Pass 2: blocks opened by headings.
    let mut i = 0;
    while i < n {
        match markers[i] {
            Some(Marker::AuthorHeading) => {
                decisions[i] = decided(
                    Verdict::Removed,
                    Rule::AuthorBlurb,
                    "heading of an author blurb",
                );
                let mut j = i + 1;
                while j < n && j <= i + 6 {
                    let line = &lines[j];
                    let name = (meta.authors.is_empty())
                        .then(|| {
                            metadata::person_names(line)
                                .or_else(|| metadata::organisation(line).map(|o| vec![o]))
                        })
                        .flatten();
                    decisions[j] = if let Some(names) = name {
                        meta.authors = names;
                        decided(
                            Verdict::Metadata,
                            Rule::AuthorBlurb,
                            format!("author named in the blurb under line {}", lines[i].no),
                        )
                    } else {
                        decided(
                            Verdict::Removed,
                            Rule::AuthorBlurb,
                            format!("in the author blurb under line {}", lines[i].no),
                        )
                    };
                    j += 1;
                    if line.words >= 15 {
                        break; // the blurb's one long paragraph ends it
                    }
                }
                i = j;
                continue;
            }
            Some(Marker::ListHeading) => {
                let is_item = |j: usize| !(region::is_prose(&lines[j]) && lines[j].words >= 20);
                // "Advertisement" with a paragraph right after it sits inside the story: a
                // list heading there would end the story.
                if rules::is_advertisement(&lines[i].text) && (i + 1 == n || !is_item(i + 1)) {
                    markers[i] = Some(Marker::Boilerplate(Rule::Advertisement));
                    i += 1;
                    continue;
                }
                decisions[i] = decided(
                    Verdict::Removed,
                    Rule::ListBlock,
                    "heading of a list of links",
                );
                let mut j = i + 1;
                while j < n && is_item(j) {
                    decisions[j] = decided(
                        Verdict::Removed,
                        Rule::ListBlock,
                        format!("in the list under line {}", lines[i].no),
                    );
                    j += 1;
                }
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }

    // Pass 3: the story region.
    let scores: Vec<f32> = (0..n)
        .map(|i| match (&decisions[i], &markers[i]) {
            (Some(d), _) if d.rule.is_boundary() => region::BOUNDARY_SCORE,
            (Some(_), _) => region::MARKED_SCORE,
            (None, Some(Marker::Boilerplate(r) | Marker::Tags(r, _))) if r.is_boundary() => {
                region::BOUNDARY_SCORE
            }
            (None, Some(Marker::Boilerplate(Rule::Caption))) => region::CAPTION_SCORE,
            (None, Some(Marker::Boilerplate(_) | Marker::Tags(..))) => region::MARKED_SCORE,
            (None, Some(Marker::Teaser)) => region::TEASER_SCORE,
            // A one-line author self-description marks the end of the story.
            (None, Some(Marker::Bio)) if !region::is_prose(&lines[i]) => region::BOUNDARY_SCORE,
            _ if lines[i].words <= 4 && metadata::person_names(&lines[i]).is_some() => {
                region::NAME_SCORE
            }
            _ => region::prose_score(&lines[i]),
        })
        .collect();
    let prose: Vec<bool> = (0..n)
        .map(|i| markers[i].is_none() && region::is_prose(&lines[i]))
        .collect();
    let removable: Vec<bool> = (0..n)
        .map(|i| {
            decisions[i].is_some() || markers[i].is_some() || (!prose[i] && lines[i].words <= 12)
        })
        .collect();
    let mut blocks = region::story_blocks(&scores, &prose, &removable);
    if is_data_text(&lines, &markers, &decisions, &blocks) {
        // Tables and results: keep every line no rule marked, as one block.
        blocks = std::iter::once(0..n).collect();
    }

    for i in 0..n {
        if decisions[i].is_some() {
            continue;
        }
        match &markers[i] {
            Some(Marker::Boilerplate(rule)) => {
                decisions[i] = decided(Verdict::Removed, *rule, format!("line rule {}", rule.id()));
            }
            Some(Marker::Tags(rule, tags)) => {
                for t in tags {
                    if !meta.tags.contains(t) {
                        meta.tags.push(t.clone());
                    }
                }
                decisions[i] = decided(
                    Verdict::Metadata,
                    *rule,
                    format!("tags: {}", tags.join(", ")),
                );
            }
            _ => {}
        }
    }

    let span = match (blocks.first(), blocks.last()) {
        (Some(first), Some(last)) => Some(first.start..last.end),
        _ => None,
    };
    match span.clone() {
        Some(span) => {
            // Self-descriptions count as bios only in the story's closing run of prose.
            let mut bio_tail = vec![false; n];
            for i in span.clone().rev() {
                if decisions[i].is_some()
                    || !region::is_prose(&lines[i]) && markers[i] != Some(Marker::Bio)
                {
                    continue;
                }
                if markers[i] != Some(Marker::Bio) {
                    break;
                }
                bio_tail[i] = true;
            }
            for block in &blocks {
                for i in block.clone() {
                    if decisions[i].is_some() {
                        continue;
                    }
                    let line = &lines[i];
                    decisions[i] = match markers[i] {
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
                        _ if region::is_prose(line) => decided(
                            Verdict::Kept,
                            Rule::Body,
                            format!("{} words of prose", line.words),
                        ),
                        _ => decided(
                            Verdict::Kept,
                            Rule::Subheading,
                            format!("short line inside the story ({} words)", line.words),
                        ),
                    };
                }
                mark_menus(&lines, &mut decisions, block.clone());
            }
            for i in span.clone() {
                if decisions[i].is_none() {
                    decisions[i] = decided(
                        Verdict::Removed,
                        Rule::OutsideStory,
                        "between two blocks of the story, with a link list or widget",
                    );
                }
            }
            // A list that continues the story (tour dates, numbered picks).
            let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
            let usable: Vec<bool> = decisions.iter().map(Option::is_none).collect();
            let mut end = span.end;
            if let Some(list_end) = region::list_after(&texts, span.end, &usable) {
                for d in &mut decisions[span.end..list_end] {
                    *d = decided(
                        Verdict::Kept,
                        Rule::ListItem,
                        "item of a list that continues the story",
                    );
                }
                end = list_end;
            }
            header_metadata(&lines, &mut decisions, span.start, &mut meta, &mut title);
            trailer_metadata(&lines, &mut decisions, end, &mut meta);
        }
        None => {
            for d in decisions.iter_mut().filter(|d| d.is_none()) {
                *d = decided(
                    Verdict::Kept,
                    Rule::Body,
                    "no prose found: every unmarked line is kept",
                );
            }
        }
    }
    for (i, d) in decisions.iter_mut().enumerate() {
        if d.is_none() {
            let place = if span.as_ref().is_some_and(|s| i < s.start) {
                "before"
            } else {
                "after"
            };
            *d = decided(
                Verdict::Removed,
                Rule::OutsideStory,
                format!("{place} the story ({} words)", lines[i].words),
            );
        }
    }

    // Pass 4: paragraphs printed twice.
    let kept: Vec<usize> = (0..n)
        .filter(|&i| {
            decisions[i]
                .as_ref()
                .is_some_and(|d| d.verdict == Verdict::Kept)
        })
        .collect();
    let texts: Vec<&str> = kept.iter().map(|&i| lines[i].text.as_str()).collect();
    // The lead zone ends at the first full paragraph after the opening one.
    let lead_end = kept
        .iter()
        .skip(1)
        .position(|&i| lines[i].words >= 40)
        .map_or(kept.len(), |p| p + 1)
        .max(1);
    for (drop, keep) in dedup::repeats(&texts, lead_end) {
        decisions[kept[drop]] = decided(
            Verdict::Removed,
            Rule::Duplicate,
            format!("repeats line {}", lines[kept[keep]].no),
        );
    }

    // A dateline opening the first paragraph stays in the text and is also metadata.
    if meta.dateline.is_none()
        && let Some(first) =
            (0..n).find(|&i| decisions[i].as_ref().is_some_and(|d| d.rule == Rule::Body))
        && let Some((d, end)) = metadata::dateline(&lines[first].text)
        && end < lines[first].text.len()
    {
        meta.dateline = Some(d);
    }
    if meta.date.is_none()
        && let Some(d) = meta.dateline.as_ref().and_then(|d| d.date)
    {
        meta.date = Some(d);
        meta.date_source = Some("dateline".into());
    }

    let mut paragraphs = Vec::new();
    let mut reports = Vec::with_capacity(n);
    for (i, (line, d)) in lines.into_iter().zip(decisions).enumerate() {
        let d = d.unwrap_or(Decision {
            verdict: Verdict::Removed,
            rule: Rule::OutsideStory,
            evidence: String::new(),
        });
        if d.verdict == Verdict::Kept {
            paragraphs.push(line.text.clone());
        }
        reports.push(LineReport {
            no: line.no,
            text: line.text,
            verdict: d.verdict,
            rule: d.rule,
            evidence: d.evidence,
            stripped: stripped[i].take(),
        });
    }
    meta.lang = lang.map(|l| l.code().to_owned());
    Article {
        title,
        paragraphs,
        meta,
        lines: reports,
    }
}

/// A short text that is mostly data (a results table, figures with labels) rather than
/// prose, with no widget or link-list lines: the prose span would drop most of it.
fn is_data_text(
    lines: &[Line],
    markers: &[Option<Marker>],
    decisions: &[Option<Decision>],
    blocks: &[std::ops::Range<usize>],
) -> bool {
    const MAX_LINES: usize = 120;
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

/// Inside the story, a run of several short non-sentence lines is a menu or a list of
/// links, not a subheading.
fn mark_menus(lines: &[Line], decisions: &mut [Option<Decision>], span: std::ops::Range<usize>) {
    const RUN: usize = 4;
    let short: Vec<bool> = (0..lines.len())
        .map(|i| {
            decisions[i]
                .as_ref()
                .is_some_and(|d| d.rule == Rule::Subheading)
                && !lines[i].ends_sentence
                && lines[i].words <= 4
                && !lines[i].text.contains(|c: char| c.is_ascii_digit())
                && region::item_shape(&lines[i].text).is_none()
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

/// Reads the lines just before the story for its title, section, byline, source and
/// dateline, closest first.
fn header_metadata(
    lines: &[Line],
    decisions: &mut [Option<Decision>],
    start: usize,
    meta: &mut Metadata,
    title: &mut Option<String>,
) {
    let mut seen = 0;
    // A bare name line gives the authors only until an explicit byline turns up.
    let mut bare_name = false;
    for i in (0..start).rev() {
        if decisions[i].is_some() {
            continue;
        }
        seen += 1;
        if seen > HEADER_LINES {
            break;
        }
        let line = &lines[i];
        decisions[i] = if let Some((d, end)) =
            metadata::dateline(&line.text).filter(|(_, end)| *end == line.text.len())
            && meta.dateline.is_none()
        {
            let _ = end;
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
            metadata::byline(line).filter(|_| meta.authors.is_empty() || bare_name)
        {
            meta.authors = names;
            bare_name = false;
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
            bare_name = true;
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
        };
    }
}

/// Reads the few lines just after the story for an author's name.
fn trailer_metadata(
    lines: &[Line],
    decisions: &mut [Option<Decision>],
    end: usize,
    meta: &mut Metadata,
) {
    let mut seen = 0;
    for i in end..lines.len() {
        // Names after a comment header are the commenters'.
        if decisions[i]
            .as_ref()
            .is_some_and(|d| d.rule == Rule::Comment)
        {
            break;
        }
        if decisions[i].is_some() {
            continue;
        }
        seen += 1;
        if seen > TRAILER_LINES {
            break;
        }
        let line = &lines[i];
        let names = metadata::byline(line)
            .or_else(|| metadata::person_names(line).filter(|_| line.words <= 4));
        if let Some(names) = names.filter(|_| meta.authors.is_empty()) {
            meta.authors = names;
            decisions[i] = decided(
                Verdict::Metadata,
                Rule::Metadata,
                "author name after the story",
            );
        }
    }
}
