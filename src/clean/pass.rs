//! The cleaner's passes, as methods of one [`Cleaning`] value that holds an article's
//! lines and what has been decided about each so far. [`Cleaning::run`] calls them in
//! order; each reads the decisions of the passes before it.

use std::ops::Range;

use super::lines::Line;
use super::rules::{self, Marker, Rule};
use super::{
    Article, CorpusStats, Decision, Layout, LineReport, Metadata, Prepared, Verdict, decided,
    dedup, metadata, region, stopwords, thread,
};

/// A link with the count of what it leads to: "April (7)", "Politics (120)".
static COUNTED_LINK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^[^\d()]{1,40}\s?\(\d{1,5}\)$").expect("counted link pattern")
});

/// Bytes of text the language is detected from.
const LANGUAGE_SAMPLE: usize = 600;

/// One article being cleaned.
pub(super) struct Cleaning<'a> {
    pub(super) lines: Vec<Line>,
    /// Junk cut from each line (a glued file name, hover cards), for the report.
    pub(super) stripped: Vec<Option<String>>,
    /// What the line rules found on each line.
    pub(super) markers: Vec<Option<Marker>>,
    /// Each line's verdict, once a pass has decided it.
    pub(super) decisions: Vec<Option<Decision>>,
    pub(super) meta: Metadata,
    pub(super) title: Option<String>,
    pub(super) lang: Option<whatlang::Lang>,
    pub(super) stats: &'a CorpusStats,
    /// Story-only text or a web page's (see [`Cleaning::layout`]).
    pub(super) layout: Layout,
    /// The text is known to be a web page's (an HTML page's main text).
    pub(super) page: bool,
    /// The denser block passed over for the story under the headline, if one was.
    pub(super) passed_over: Option<region::PassedOver>,
}

impl<'a> Cleaning<'a> {
    pub(super) fn new(prepared: Prepared, stats: &'a CorpusStats) -> Cleaning<'a> {
        let n = prepared.lines.len();
        Cleaning {
            page: prepared.page,
            lines: prepared.lines,
            stripped: vec![None; n],
            markers: vec![None; n],
            decisions: vec![None; n],
            meta: Metadata::default(),
            title: None,
            lang: None,
            stats,
            layout: Layout::StoryOnly,
            passed_over: None,
        }
    }

    /// Every pass, in order.
    pub(super) fn run(mut self) -> Article {
        self.strip_junk();
        self.detect_language();
        self.line_rules();
        self.heading_blocks();
        self.layout = self.layout();
        if self.layout == Layout::StoryOnly {
            self.keep_story();
        } else {
            self.story_region();
            self.repeats();
        }
        self.finish()
    }

    /// Cuts junk glued into lines: an image file name before the first word, hover cards
    /// printed inside a paragraph.
    fn strip_junk(&mut self) {
        for (i, line) in self.lines.iter_mut().enumerate() {
            let gap_before = line.gap_before;
            if let Some((junk, rest)) = rules::strip_glued_file_name(&line.text) {
                self.stripped[i] = Some(junk);
                *line = Line::new(line.no, rest);
            }
            if let Some((cards, rest)) = rules::strip_hover_cards(&line.text) {
                self.stripped[i] = Some(match self.stripped[i].take() {
                    Some(junk) => format!("{junk} | {cards}"),
                    None => cards,
                });
                *line = Line::new(line.no, rest);
            }
            line.gap_before = gap_before;
        }
    }

    /// The article's language (from its longer lines: a couple of paragraphs are plenty,
    /// and detection is the dearest step of cleaning), which decides the stop words that
    /// tell prose from lists. An article with too little prose to tell takes its
    /// corpus's language when nearly all of the corpus is English.
    fn detect_language(&mut self) {
        let lines = &mut self.lines;
        // English, the common case, is told by its stop words, counted per line once:
        // they give both the sample's share and every line's density.
        let en_counts = english_counts(lines);
        let (sample_lines, sample_counts) = language_sample(lines, &en_counts);
        let prior = self.stats.english();
        let lang = if metadata::is_english_share(stopwords::share(sample_counts)) {
            Some(whatlang::Lang::Eng)
        } else {
            let mut sample = String::new();
            for &i in &sample_lines {
                match lines[i].all_caps {
                    true => sample.push_str(&lines[i].text.to_lowercase()),
                    false => sample.push_str(&lines[i].text),
                }
                sample.push('\n');
            }
            let found = metadata::language_not_english(&sample, prior);
            let latin = sample.is_empty()
                || whatlang::detect_script(&sample) == Some(whatlang::Script::Latin);
            found.or((prior && latin).then_some(whatlang::Lang::Eng))
        };
        if let Some(stops) = lang.and_then(stopwords::list) {
            let english = lang == Some(whatlang::Lang::Eng);
            for (line, &counts) in lines.iter_mut().zip(&en_counts) {
                line.stop_density = Some(if english {
                    stopwords::share(counts)
                } else if line.all_caps {
                    stopwords::density(&line.text.to_lowercase(), stops)
                } else {
                    stopwords::density(&line.text, stops)
                });
            }
        }
        self.lang = lang;
    }

    /// Pass 1: the line rules, and the date and byline lines they leave.
    fn line_rules(&mut self) {
        let n = self.lines.len();
        for (m, line) in self.markers.iter_mut().zip(&self.lines) {
            *m = rules::classify(line);
        }
        // A wire story's closing "MORE" (more to follow) signs a take off; on a page the
        // same word is a link, and other lines follow it.
        if let Some(last) = n.checked_sub(1)
            && self.markers[last] == Some(Marker::Boilerplate(Rule::ReadMore))
            && rules::is_wire_more(&self.lines[last].text)
        {
            self.markers[last] = Some(Marker::Boilerplate(Rule::Signoff));
        }
        let prose: Vec<usize> = (0..n)
            .filter(|&i| self.markers[i].is_none() && region::is_prose(&self.lines[i]))
            .collect();
        let (first_prose, last_prose) = (prose.first().copied(), prose.last().copied());
        // Dates and bylines below a comment header after the story's first paragraph
        // are the readers' (above it, "Most commented" is a menu).
        let (mut story_begun, mut comments) = (false, false);
        for i in 0..n {
            let line = &self.lines[i];
            story_begun |= line.words >= 20 && self.markers[i].is_none();
            comments |= story_begun && self.markers[i] == Some(Marker::Boilerplate(Rule::Comment));
            if self.markers[i].is_some() {
                continue;
            }
            if let Some(date) = metadata::timestamp_line(line) {
                // "... said on Friday, April 10." wrapped: the tail of a sentence, not a
                // stamp.
                if self.is_sentence_tail(i) {
                    continue;
                }
                self.markers[i] = Some(Marker::Boilerplate(Rule::Timestamp));
                // The story's own date stands above it or below it; one among its
                // paragraphs belongs to something inside (an event, a table).
                let edge = first_prose.is_none_or(|f| i < f) || last_prose.is_none_or(|l| i > l);
                if self.meta.date.is_none() && date.is_some() && !comments && edge {
                    self.meta.date = date;
                    self.meta.date_source = Some("timestamp".into());
                }
            } else if let Some((names, date)) = metadata::dated_byline(line).filter(|_| !comments) {
                if self.meta.authors.is_empty() {
                    self.meta.authors = names;
                }
                if self.meta.date.is_none() && date.is_some() {
                    self.meta.date = date;
                    self.meta.date_source = Some("byline".into());
                }
                self.decisions[i] =
                    decided(Verdict::Metadata, Rule::Metadata, "byline with its date");
            } else if self.stats.is_template(line) {
                self.markers[i] = Some(Marker::Boilerplate(Rule::Template));
            }
        }
    }

    /// Line `i` ends a sentence that began on the line before it (hard-wrapped text):
    /// it starts in lower case, or it closes a sentence the line above left open.
    fn is_sentence_tail(&self, i: usize) -> bool {
        let line = &self.lines[i];
        if line.text.starts_with(char::is_lowercase) {
            return true;
        }
        let Some(prev) = i.checked_sub(1).map(|p| &self.lines[p]) else {
            return false;
        };
        line.ends_sentence
            && !line.gap_before
            && !prev.ends_sentence
            && prev.words >= 6
            && self.markers[i - 1].is_none()
    }

    /// Pass 2: blocks opened by headings ("Author Profile", "Recent Posts") take the
    /// lines under them along.
    fn heading_blocks(&mut self) {
        let n = self.lines.len();
        let mut i = 0;
        while i < n {
            i = match self.markers[i] {
                Some(Marker::AuthorHeading) => self.author_blurb(i),
                Some(Marker::ListHeading) => self.list_block(i),
                _ => i + 1,
            };
        }
    }

    /// The blurb under an author heading at `i`; returns the line after it.
    fn author_blurb(&mut self, i: usize) -> usize {
        let n = self.lines.len();
        self.decisions[i] = decided(
            Verdict::Removed,
            Rule::AuthorBlurb,
            "heading of an author blurb",
        );
        let mut j = i + 1;
        while j < n && j <= i + 6 {
            let line = &self.lines[j];
            let name = (self.meta.authors.is_empty())
                .then(|| {
                    metadata::person_names(line)
                        .or_else(|| metadata::organisation(line).map(|o| vec![o]))
                })
                .flatten();
            self.decisions[j] = if let Some(names) = name {
                self.meta.authors = names;
                decided(
                    Verdict::Metadata,
                    Rule::AuthorBlurb,
                    format!("author named in the blurb under line {}", self.lines[i].no),
                )
            } else {
                decided(
                    Verdict::Removed,
                    Rule::AuthorBlurb,
                    format!("in the author blurb under line {}", self.lines[i].no),
                )
            };
            j += 1;
            if line.words >= 15 {
                break; // the blurb's one long paragraph ends it
            }
        }
        j
    }

    /// The list of links under a list heading at `i`; returns the line after it.
    fn list_block(&mut self, i: usize) -> usize {
        let n = self.lines.len();
        let lines = &self.lines;
        let markers = &self.markers;
        // A legal line ends the list (the footer has begun): it keeps its own rule, and
        // the story is not found to go on across it.
        let is_item = |j: usize| {
            let paragraph = region::is_prose(&lines[j]) && lines[j].words >= 20;
            let legal = matches!(
                &markers[j],
                Some(Marker::Boilerplate(Rule::Copyright | Rule::Disclaimer))
            );
            !(paragraph || legal)
        };
        // "Advertisement" with a paragraph right after it sits inside the story: a list
        // heading there would end the story.
        if rules::is_advertisement(&lines[i].text) && (i + 1 == n || !is_item(i + 1)) {
            self.markers[i] = Some(Marker::Boilerplate(Rule::Advertisement));
            return i + 1;
        }
        self.decisions[i] = decided(
            Verdict::Removed,
            Rule::ListBlock,
            "heading of a list of links",
        );
        let mut j = i + 1;
        while j < n && is_item(j) {
            self.decisions[j] = decided(
                Verdict::Removed,
                Rule::ListBlock,
                format!("in the list under line {}", lines[i].no),
            );
            j += 1;
        }
        j
    }

    /// How the text is laid out: story-only (a headline, perhaps a byline and a
    /// dateline, and the story) when no line shows what only a web page holds (a menu, a
    /// share row, a link list, a footer, a comment thread); else a page, with the first
    /// line that showed it. News datasets and wire archives store articles story-only,
    /// and there every line but a sign-off is the article's: its tables, its short
    /// paragraphs, its lines of figures.
    fn layout(&self) -> Layout {
        let (lines, markers) = (&self.lines, &self.markers);
        let headline = self.headline();
        let page = |i: usize, why: String| Layout::Page {
            line: lines[i].no,
            why,
        };
        let in_headline = |i: usize| headline.as_ref().is_some_and(|h| h.contains(&i));
        if self.page {
            return page(0, "an HTML page's text".into());
        }
        for i in 0..lines.len() {
            if in_headline(i) {
                continue;
            }
            if let Some(d) = self.decisions[i]
                .as_ref()
                .filter(|d| matches!(d.rule, Rule::ListBlock | Rule::AuthorBlurb))
            {
                return page(i, d.rule.id().to_owned());
            }
            let furniture = match &markers[i] {
                None | Some(Marker::Teaser | Marker::Bio) => None,
                Some(Marker::ListHeading) => Some(Rule::ListBlock),
                Some(Marker::AuthorHeading) => Some(Rule::AuthorBlurb),
                Some(Marker::Boilerplate(Rule::Timestamp | Rule::Signoff)) => None,
                // Lines many stories share are their formula as often as a site's
                // template ("Terms were not disclosed.", a table's heading, a wrapped
                // lead's first words); a site's template shows in its menus and
                // widgets besides.
                Some(Marker::Boilerplate(Rule::Template)) => None,
                Some(Marker::Boilerplate(r) | Marker::Tags(r, _)) => Some(*r),
            };
            if let Some(rule) = furniture {
                return page(i, rule.id().to_owned());
            }
            if is_link_row(&lines[i].text) {
                return page(i, "a row of links".into());
            }
            // A "word" of hundreds of Latin letters and digits is no text (an encoded
            // blob, a page's code): a page's text was saved with its junk. (Chinese and
            // Japanese write whole sentences without a space.)
            if lines[i]
                .text
                .split_whitespace()
                .any(|w| w.len() >= 200 && w.is_ascii() && !w.contains("://"))
            {
                return page(i, "a run of 200 characters without a space".into());
            }
        }
        // Menus and link lists no rule names: runs of short lines that are neither
        // sentences nor figures nor items.
        const RUN: usize = 3;
        let mut run = 0;
        for (i, line) in lines.iter().enumerate() {
            // An archive's or a category list's "April (7)" is a link with a count.
            let counted = COUNTED_LINK.is_match(&line.text);
            let short = !in_headline(i)
                && markers[i].is_none()
                && (counted
                    || line.words <= 4
                        && !line.ends_sentence
                        && !line.text.contains(|c: char| c.is_ascii_digit())
                        && !region::is_figures(line)
                        && region::item_shape(&line.text).is_none());
            run = if short { run + 1 } else { 0 };
            if run >= RUN {
                return page(i, format!("{RUN} short lines in a row"));
            }
        }
        Layout::StoryOnly
    }

    /// The headline of a story-only text: its first block of lines (up to a blank
    /// line) that is not a section, source, byline, dateline or date, among the first
    /// few, when it reads as a headline (any case, from one word: "Firm sold"; wrapped
    /// onto a second line, as wire headlines are) and a blank line sets it off from the
    /// story, or nothing follows.
    fn headline(&self) -> Option<Range<usize>> {
        const BEFORE: usize = 3;
        let lines = &self.lines;
        let mut start = 0;
        for _ in 0..=BEFORE {
            let end = (start + 1..lines.len())
                .find(|&j| lines[j].gap_before)
                .unwrap_or(lines.len());
            let line = lines.get(start)?;
            let alone = end == lines.len();
            let head = &lines[start..end];
            let meta = head.len() == 1
                && (metadata::is_section(&line.text)
                    || metadata::organisation(line).is_some()
                    || metadata::byline(line).is_some()
                    || metadata::timestamp_line(line).is_some()
                    || metadata::dateline(&line.text)
                        .is_some_and(|(_, end)| end == line.text.len()));
            if meta && !alone {
                start = end;
                continue;
            }
            let words: usize = head.iter().map(|l| l.words).sum();
            let ok = match head {
                [one] => {
                    metadata::looks_like_headline(one, true)
                        && (!alone || !one.ends_sentence || one.all_caps)
                }
                // "BANKAMERICA SAYS IT EXPECTS TO REPORT A PROFIT FOR / FIRST-QUARTER
                // 1987": one headline, cut where the line ran out.
                [a, b] => {
                    !a.ends_sentence
                        && words <= 30
                        && metadata::looks_like_headline(a, true)
                        && metadata::looks_like_headline(b, true)
                        && (!alone || !b.ends_sentence || b.all_caps)
                }
                _ => false,
            };
            // A wire flash of two capitalised sentences: the first is the headline.
            if !ok && alone && head.len() == 2 && head.iter().all(|l| l.all_caps) {
                return metadata::looks_like_headline(line, true).then_some(start..start + 1);
            }
            return ok.then_some(start..end);
        }
        None
    }

    /// The story region of a story-only text: all of it. The headline is the title,
    /// metadata lines above the story are read (and kept), sign-offs are removed.
    fn keep_story(&mut self) {
        let n = self.lines.len();
        if let Some(h) = self.headline() {
            let parts: Vec<&str> = self.lines[h.clone()]
                .iter()
                .map(|l| l.text.as_str())
                .collect();
            self.title = Some(parts.join(" "));
            for d in &mut self.decisions[h] {
                *d = decided(
                    Verdict::Metadata,
                    Rule::Title,
                    "headline: the first lines of a story-only text",
                );
            }
        }
        // Bylines and datelines above the first paragraph are metadata, and stay in the
        // text as the file has them. A story-only file with blank lines sets them off as
        // it sets off its headline, each its own block: a line the next one runs on from
        // is the story's (a wrapped lead, a table's label).
        let first = (0..n)
            .find(|&i| self.decisions[i].is_none() && region::is_prose(&self.lines[i]))
            .unwrap_or(n);
        let gaps = self.lines.iter().any(|l| l.gap_before);
        let own_block: Vec<bool> = (0..n)
            .map(|i| {
                !gaps
                    || (i == 0 || self.lines[i].gap_before)
                        && self.lines.get(i + 1).is_none_or(|l| l.gap_before)
            })
            .collect();
        let mut bare_name = false;
        for (i, own) in own_block
            .into_iter()
            .enumerate()
            .take(first.min(region::HEADER_LINES + 1))
        {
            if self.decisions[i].is_some() || !own {
                continue;
            }
            let markers_allow =
                !matches!(self.markers[i], Some(Marker::Boilerplate(Rule::Signoff)));
            if markers_allow && let Some(d) = self.header_line(i, &mut bare_name) {
                self.decisions[i] = match d.rule {
                    Rule::Title => Some(d),
                    rule => decided(
                        Verdict::Kept,
                        rule,
                        format!("{}, kept: a story-only text loses nothing", d.evidence),
                    ),
                };
            }
        }
        // A sign-off ends the story: only the last lines can be one.
        let last_story = (0..n)
            .rev()
            .find(|&i| self.markers[i] != Some(Marker::Boilerplate(Rule::Signoff)))
            .unwrap_or(0);
        for i in 0..n {
            let line = &self.lines[i];
            let d = match (&self.decisions[i], &self.markers[i]) {
                (Some(d), _) if d.verdict == Verdict::Metadata && d.rule != Rule::Title => decided(
                    Verdict::Kept,
                    d.rule,
                    format!("{}, kept: a story-only text loses nothing", d.evidence),
                ),
                (Some(_), _) => continue,
                (None, Some(Marker::Boilerplate(Rule::Signoff))) if i > last_story => {
                    if self.meta.source.is_none() {
                        self.meta.source = metadata::agency_name(&line.text);
                    }
                    decided(Verdict::Removed, Rule::Signoff, "sign-off after the story")
                }
                (None, _) if metadata::credit_line(line).is_some() => {
                    if self.meta.authors.is_empty() {
                        self.meta.authors = metadata::credit_line(line).unwrap_or_default();
                    }
                    decided(Verdict::Kept, Rule::Metadata, "the story's credit line")
                }
                (None, _) if region::is_prose(line) => decided(
                    Verdict::Kept,
                    Rule::Body,
                    format!("{} words of prose", line.words),
                ),
                (None, _) => decided(
                    Verdict::Kept,
                    Rule::Subheading,
                    format!(
                        "short line of a story-only text ({} words): nothing is removed",
                        line.words
                    ),
                ),
            };
            self.decisions[i] = d;
        }
    }

    /// Pass 3: the story region. Lines inside it are kept, lines around it are read for
    /// metadata, and the rest is removed.
    fn story_region(&mut self) {
        self.comment_threads();
        let blocks = self.story_blocks();
        self.apply_line_rules();
        let span = match (blocks.first(), blocks.last()) {
            (Some(first), Some(last)) => Some(first.start..last.end),
            _ => None,
        };
        match span.clone() {
            Some(span) => {
                self.keep_blocks(&blocks, span.clone());
                let end = self.list_after(span.clone());
                self.header_metadata(span.start);
                self.trailer_metadata(end);
            }
            None => {
                for d in self.decisions.iter_mut().filter(|d| d.is_none()) {
                    *d = decided(
                        Verdict::Kept,
                        Rule::Body,
                        "no prose found: every unmarked line is kept",
                    );
                }
            }
        }
        for (i, d) in self.decisions.iter_mut().enumerate() {
            if d.is_none() {
                let place = if span.as_ref().is_some_and(|s| i < s.start) {
                    "before"
                } else {
                    "after"
                };
                let why = match &self.passed_over {
                    Some(p) if p.block.contains(&i) => format!(
                        "; a denser block passed over: it holds {} of the {} words of the headline on line {}, the story under it {}",
                        p.in_block, p.title_words, p.headline, p.in_lead
                    ),
                    _ => String::new(),
                };
                *d = decided(
                    Verdict::Removed,
                    Rule::OutsideStory,
                    format!("{place} the story ({} words){why}", self.lines[i].words),
                );
            }
        }
    }

    /// Readers' comment threads (see [`thread`]) are removed before the story is looked
    /// for: their posts are prose, and many of them outweigh a short story.
    fn comment_threads(&mut self) {
        let prose: Vec<bool> = (0..self.lines.len())
            .map(|i| self.markers[i].is_none() && region::is_prose(&self.lines[i]))
            .collect();
        for t in thread::threads(&self.lines, &self.markers, &prose) {
            let (first, last) = (self.lines[t.lines.start].no, self.lines[t.lines.end - 1].no);
            let opening = if t.first_post_kept {
                ", after the opening post"
            } else {
                ""
            };
            for d in &mut self.decisions[t.lines.clone()] {
                if d.is_none() {
                    *d = decided(
                        Verdict::Removed,
                        Rule::Comment,
                        format!(
                            "comment thread: {} posts under headers of one shape (name and date) in lines {first}-{last}{opening}",
                            t.headers
                        ),
                    );
                }
            }
        }
    }

    /// Turns the line rules' markers into decisions: boilerplate is removed, tags become
    /// metadata.
    fn apply_line_rules(&mut self) {
        for i in 0..self.lines.len() {
            if self.decisions[i].is_some() {
                continue;
            }
            match &self.markers[i] {
                Some(Marker::Boilerplate(rule)) => {
                    self.decisions[i] =
                        decided(Verdict::Removed, *rule, format!("line rule {}", rule.id()));
                }
                Some(Marker::Tags(rule, tags)) => {
                    for t in tags {
                        if !self.meta.tags.contains(t) {
                            self.meta.tags.push(t.clone());
                        }
                    }
                    self.decisions[i] = decided(
                        Verdict::Metadata,
                        *rule,
                        format!("tags: {}", tags.join(", ")),
                    );
                }
                _ => {}
            }
        }
    }

    /// Pass 4: a paragraph printed twice is kept once.
    fn repeats(&mut self) {
        let kept: Vec<usize> = (0..self.lines.len())
            .filter(|&i| {
                self.decisions[i]
                    .as_ref()
                    .is_some_and(|d| d.verdict == Verdict::Kept)
            })
            .collect();
        let texts: Vec<&str> = kept.iter().map(|&i| self.lines[i].text.as_str()).collect();
        // The lead zone ends at the first full paragraph after the opening one.
        let lead_end = kept
            .iter()
            .skip(1)
            .position(|&i| self.lines[i].words >= 40)
            .map_or(kept.len(), |p| p + 1)
            .max(1);
        for (drop, keep) in dedup::repeats(&texts, lead_end) {
            self.decisions[kept[drop]] = decided(
                Verdict::Removed,
                Rule::Duplicate,
                format!("repeats line {}", self.lines[kept[keep]].no),
            );
        }
    }

    /// The last step: the dateline and its date, then the article itself.
    fn finish(mut self) -> Article {
        let n = self.lines.len();
        let meta = &mut self.meta;
        // A dateline opening the story's first line stays in the text and is also
        // metadata. (Only the first: "ENQUIRIES - Antwerp ..." further down is a table's.)
        if meta.dateline.is_none()
            && let Some(first) = (0..n).find(|&i| {
                self.decisions[i]
                    .as_ref()
                    .is_some_and(|d| d.verdict == Verdict::Kept)
            })
            && let Some((d, end)) = metadata::dateline(&self.lines[first].text)
            && end < self.lines[first].text.len()
        {
            meta.dateline = Some(d);
        }
        if meta.date.is_none()
            && let Some(d) = meta.dateline.as_ref().and_then(|d| d.date)
        {
            meta.date = Some(d);
            meta.date_source = Some("dateline".into());
        }
        // A wire's name in the dateline ("LONDON (Reuters) -") or signing the story off
        // ("Reuter") is the story's source.
        if meta.source.is_none() {
            let signed = (0..n)
                .filter(|&i| {
                    self.decisions[i]
                        .as_ref()
                        .is_some_and(|d| d.rule == Rule::Signoff)
                })
                .find_map(|i| metadata::agency_name(&self.lines[i].text));
            meta.source = meta
                .dateline
                .as_ref()
                .and_then(|d| d.agency.as_deref())
                .and_then(metadata::agency_name)
                .or(signed);
        }
        let mut paragraphs = Vec::new();
        let mut reports = Vec::with_capacity(n);
        for (i, (line, d)) in self.lines.into_iter().zip(self.decisions).enumerate() {
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
                stripped: self.stripped[i].take(),
            });
        }
        self.meta.lang = self.lang.map(|l| l.code().to_owned());
        Article {
            title: self.title,
            paragraphs,
            meta: self.meta,
            lines: reports,
            layout: self.layout,
        }
    }
}

/// Words and English stop words of each line. Headlines and wire copy in capitals hold
/// their function words in capitals too.
fn english_counts(lines: &[Line]) -> Vec<(usize, usize)> {
    let english = stopwords::english();
    lines
        .iter()
        .map(|l| match l.all_caps {
            true => stopwords::counts(&l.text.to_lowercase(), english),
            false => stopwords::counts(&l.text, english),
        })
        .collect()
}

/// The lines a language is told from (the first longer ones, up to
/// [`LANGUAGE_SAMPLE`] bytes) and their summed English counts.
fn language_sample(lines: &[Line], en_counts: &[(usize, usize)]) -> (Vec<usize>, (usize, usize)) {
    let (mut sampled, mut counts) = (0, (0, 0));
    let mut sample = Vec::new();
    for (i, l) in lines.iter().enumerate().filter(|(_, l)| l.words >= 8) {
        if sampled >= LANGUAGE_SAMPLE {
            break;
        }
        sampled += l.text.len() + 1;
        sample.push(i);
        counts = (counts.0 + en_counts[i].0, counts.1 + en_counts[i].1);
    }
    (sample, counts)
}

/// An article's vote on its corpus's language: `Some(true)` when its prose reads as
/// English, `Some(false)` when there is enough of it and it does not, `None` when there
/// is too little to tell.
pub(super) fn english_vote(lines: &[Line]) -> Option<bool> {
    const ENOUGH_WORDS: usize = 30;
    let en_counts = english_counts(lines);
    let (sample, counts) = language_sample(lines, &en_counts);
    if metadata::is_english_share(stopwords::share(counts)) {
        return Some(true);
    }
    if counts.0 < ENOUGH_WORDS {
        return None;
    }
    // Few English function words may be a table; another language shows by its own.
    let text: String = sample
        .iter()
        .map(|&i| lines[i].text.to_lowercase())
        .collect::<Vec<_>>()
        .join("\n");
    metadata::shows_other_language(&text).then_some(false)
}

/// A row of links: short labels joined by a menu's separators ("Privacy Policy | Terms
/// of Use | Contact", "Datenschutzerklärung · Impressum"), no sentence and no figure.
fn is_link_row(text: &str) -> bool {
    const SEPARATORS: &[char] = &['|', '·', '•', '»', '›'];
    if !text.contains(SEPARATORS) || text.contains(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let parts: Vec<&str> = text
        .split(SEPARATORS)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            let words = p.split_whitespace().count();
            (1..=3).contains(&words)
                && p.starts_with(char::is_uppercase)
                && !p.ends_with(['.', '!', '?', ',', ':', ';'])
        })
}
