//! `newsq timeline` and `newsq terms`: the chart for a person (a bar per period, scaled
//! to the terminal, the peak and the jump marked; small multiples with `--split`), the
//! first copies of each story, and the same numbers as JSON lines or a table.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use anstyle::{AnsiColor, Effects, Style};
use unicode_width::UnicodeWidthStr;

use super::csv::{Table, TableWriter};
use super::plural::counted;
use super::sanitize;
use super::wire::{
    self, BucketType, StoryType, SummaryType, UndatedType, WireBucket, WireFollower,
    WireSeriesCount, WireStory, WireTerm, WireTimelineSummary, WireUndated,
};
use crate::corpus::path::display_path;
use crate::index::stories::Copies;
use crate::search::terms::Terms;
use crate::search::timeline::{Bucket, FirstCopy, Timeline};

/// How the chart is drawn.
#[derive(Debug, Clone, Copy)]
pub struct Chart {
    /// Columns the lines may take.
    pub width: usize,
    /// Unicode blocks for bars (else ASCII `#`).
    pub unicode: bool,
    /// Colours.
    pub color: bool,
}

/// The narrowest bar area worth drawing.
const MIN_BAR: usize = 4;

/// Eighths of a block, for the bars' ends.
const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/// A bar of `value` against `max` in `width` columns, padded to `width`.
fn bar(value: u64, max: u64, width: usize, unicode: bool) -> String {
    if max == 0 || width == 0 {
        return " ".repeat(width);
    }
    let eighths = ((value as u128 * width as u128 * 8 + max as u128 / 2) / max as u128) as usize;
    // Any story shows: the smallest bar is an eighth (ASCII: one `#`).
    let eighths = if value > 0 { eighths.max(1) } else { 0 };
    let mut out = String::new();
    if unicode {
        out.extend(std::iter::repeat_n('█', eighths / 8));
        if eighths % 8 > 0 {
            out.push(EIGHTHS[eighths % 8]);
        }
    } else {
        let cols = eighths.div_ceil(8);
        out.extend(std::iter::repeat_n('#', cols));
    }
    let used = out.chars().count();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// A share as a person reads it: `12.5%`, `<0.1%`, `-` without dated articles.
fn share(b: &Bucket) -> String {
    match b.share() {
        None => "-".into(),
        Some(s) if s > 0.0 && s < 0.0005 => "<0.1%".into(),
        Some(s) => format!("{:.1}%", s * 100.0),
    }
}

fn styled(w: &mut dyn Write, color: bool, style: Style, text: &str) -> io::Result<()> {
    if color {
        write!(w, "{style}{text}{style:#}")
    } else {
        w.write_all(text.as_bytes())
    }
}

/// The query as typed, in quotes unless it has its own (`"euro zone"` stays as typed).
fn quoted(query: &str, room: usize) -> String {
    let q = fit(&sanitize::line(query), room);
    if query.contains('"') {
        q
    } else {
        format!("\"{q}\"")
    }
}

/// "1,242 stories in 1,402 articles (copies folded)", or with every copy counted "1,402
/// articles (every copy counted)".
fn totals(t: &Timeline) -> String {
    match t.copies {
        Copies::Fold => format!(
            "{} in {} (copies folded)",
            counted(t.total.stories as usize, "story", "stories"),
            counted(t.total.articles as usize, "article", "articles"),
        ),
        Copies::All => format!(
            "{} (every copy counted)",
            counted(t.total.articles as usize, "article", "articles")
        ),
    }
}

/// The first lines: the query over which periods (the query cut to fit `width`), then
/// what was counted.
fn heading(t: &Timeline, query: &str, width: usize) -> String {
    let span = match (t.buckets.first(), t.buckets.last()) {
        (Some(f), Some(l)) if f.label == l.label => format!(", {}", f.label),
        (Some(f), Some(l)) => format!(", {} to {}", f.label, l.label),
        _ => String::new(),
    };
    let rest = format!(" by {}{span}", t.by.name());
    let room = width.saturating_sub(rest.width() + 2).max(12);
    format!("{}{rest}\n{}", quoted(query, room), totals(t))
}

/// The lines under the chart: the peak and where coverage jumped.
fn closing(w: &mut dyn Write, t: &Timeline) -> io::Result<()> {
    if let Some(p) = t.peak {
        let b = &t.buckets[p];
        writeln!(
            w,
            "peak: {}, {}",
            b.label,
            counted(b.counts.stories as usize, "story", "stories")
        )?;
    }
    if let Some(j) = t.jump {
        let b = &t.buckets[j.bucket];
        let unit = t.by.name();
        let against = match j.before {
            1 => format!("{:.1} the {unit} before", j.baseline),
            n => format!("{:.1} a {unit} in the {n} before", j.baseline),
        };
        writeln!(
            w,
            "jump: {}, {} ({against})",
            b.label,
            counted(b.counts.stories as usize, "story", "stories")
        )?;
    }
    Ok(())
}

/// Writes the chart of one series: a row per period with its numbers and a bar.
pub fn human(w: &mut dyn Write, t: &Timeline, query: &str, chart: Chart) -> io::Result<()> {
    if !t.series.is_empty() {
        return small_multiples(w, t, query, chart);
    }
    writeln!(w, "{}", heading(t, query, chart.width))?;
    let label_w = label_width(t);
    let stories_w = digits(t.buckets.iter().map(|b| b.counts.stories)).max("stories".len());
    let articles_w = digits(t.buckets.iter().map(|b| b.counts.articles)).max("articles".len());
    let share_w = "100.0%".len();
    let marks_w = "  peak, jump".len();
    let fixed = label_w + 1 + stories_w + 1 + articles_w + 1 + share_w + 2;
    let bar_w = chart.width.saturating_sub(fixed + marks_w).max(MIN_BAR);
    let max = t
        .buckets
        .iter()
        .map(|b| b.counts.stories)
        .max()
        .unwrap_or(0);
    writeln!(
        w,
        "{:<label_w$} {:>stories_w$} {:>articles_w$} {:>share_w$}",
        t.by.name(),
        "stories",
        "articles",
        "share"
    )?;
    let bar_style = AnsiColor::Cyan.on_default();
    let mark_style = AnsiColor::Yellow.on_default().effects(Effects::BOLD);
    for (i, b) in t.buckets.iter().enumerate() {
        let numbers = format!(
            "{:<label_w$} {:>stories_w$} {:>articles_w$} {:>share_w$}",
            b.label,
            b.counts.stories,
            b.counts.articles,
            share(b)
        );
        let marks: Vec<&str> = [
            (t.peak == Some(i)).then_some("peak"),
            (t.jump.map(|j| j.bucket) == Some(i)).then_some("jump"),
        ]
        .into_iter()
        .flatten()
        .collect();
        let drawn = bar(b.counts.stories, max, bar_w, chart.unicode);
        if marks.is_empty() && b.counts.stories == 0 {
            writeln!(w, "{numbers}")?;
            continue;
        }
        write!(w, "{numbers}  ")?;
        if marks.is_empty() {
            styled(w, chart.color, bar_style, drawn.trim_end())?;
        } else {
            styled(w, chart.color, bar_style, &drawn)?;
            w.write_all(b"  ")?;
            styled(w, chart.color, mark_style, &marks.join(", "))?;
        }
        writeln!(w)?;
    }
    if t.undated.articles > 0 {
        writeln!(
            w,
            "{:<label_w$} {:>stories_w$} {:>articles_w$}",
            "undated", t.undated.stories, t.undated.articles
        )?;
    }
    closing(w, t)
}

/// The width of the first column: the longest label, the period's name or `undated`.
fn label_width(t: &Timeline) -> usize {
    t.buckets
        .iter()
        .map(|b| b.label.len())
        .chain([t.by.name().len(), "undated".len()])
        .max()
        .unwrap_or(7)
}

fn digits(values: impl Iterator<Item = u64>) -> usize {
    values.max().unwrap_or(0).to_string().len()
}

/// Writes one block of columns per series, a row per period: the bars share one scale,
/// so the series compare.
fn small_multiples(w: &mut dyn Write, t: &Timeline, query: &str, chart: Chart) -> io::Result<()> {
    writeln!(w, "{}", heading(t, query, chart.width))?;
    let label_w = label_width(t);
    let k = t.series.len().max(1);
    let count_w = digits(
        t.buckets
            .iter()
            .flat_map(|b| b.series.iter().map(|c| c.stories)),
    );
    let block = (chart.width.saturating_sub(label_w + 1) / k).max(count_w + 3);
    let bar_w = block - count_w - 2;
    let max = t
        .buckets
        .iter()
        .flat_map(|b| b.series.iter().map(|c| c.stories))
        .max()
        .unwrap_or(0);
    write!(w, "{:<label_w$}", t.by.name())?;
    for name in &t.series {
        let shown = fit(&sanitize::line(name), block - 1);
        let pad = block - shown.width();
        write!(w, " {shown}{}", " ".repeat(pad - 1))?;
    }
    writeln!(w)?;
    let bar_style = AnsiColor::Cyan.on_default();
    for b in &t.buckets {
        write!(w, "{:<label_w$}", b.label)?;
        for c in &b.series {
            w.write_all(b" ")?;
            let drawn = bar(c.stories, max, bar_w, chart.unicode);
            styled(w, chart.color, bar_style, &drawn)?;
            write!(w, " {:>count_w$}", c.stories)?;
        }
        writeln!(w)?;
    }
    if t.undated.articles > 0 {
        writeln!(
            w,
            "{:<label_w$} {} in {}",
            "undated",
            counted(t.undated.stories as usize, "story", "stories"),
            counted(t.undated.articles as usize, "article", "articles")
        )?;
    }
    closing(w, t)
}

/// `text` cut to `cols` columns (with `…` when cut).
fn fit(text: &str, cols: usize) -> String {
    if text.width() <= cols {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) + 1 > cols {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// Writes the JSON lines: a bucket per period, the undated matches, the summary.
pub fn json(w: &mut dyn Write, t: &Timeline, query: &str) -> io::Result<()> {
    let with_series = !t.series.is_empty();
    for b in &t.buckets {
        let wire = WireBucket {
            kind: BucketType::Bucket,
            label: Cow::Borrowed(&b.label),
            start: b.start,
            end: b.end,
            stories: b.counts.stories,
            articles: b.counts.articles,
            dated: b.dated,
            share: b.share().map(|s| (s * 1e6).round() / 1e6),
            series: with_series.then(|| {
                t.series
                    .iter()
                    .zip(&b.series)
                    .map(|(name, c)| WireSeriesCount {
                        value: Cow::Borrowed(name),
                        stories: c.stories,
                        articles: c.articles,
                    })
                    .collect()
            }),
        };
        sanitize::write_json(&mut *w, &wire)?;
        writeln!(w)?;
    }
    let undated = WireUndated {
        kind: UndatedType::Undated,
        stories: t.undated.stories,
        articles: t.undated.articles,
    };
    sanitize::write_json(&mut *w, &undated)?;
    writeln!(w)?;
    summary_json(w, t, query)
}

/// Writes the last line of `--json`: totals, periods, peak, jump, series.
fn summary_json(w: &mut dyn Write, t: &Timeline, query: &str) -> io::Result<()> {
    let label = |i: Option<usize>| i.map(|i| Cow::Borrowed(t.buckets[i].label.as_str()));
    let summary = WireTimelineSummary {
        kind: SummaryType::Summary,
        query: Cow::Borrowed(query),
        by: Cow::Borrowed(t.by.name()),
        copies: Cow::Borrowed(t.copies.name()),
        stories: t.total.stories,
        articles: t.total.articles,
        undated_stories: t.undated.stories,
        undated_articles: t.undated.articles,
        first: label((!t.buckets.is_empty()).then_some(0)),
        last: label(t.buckets.len().checked_sub(1)),
        peak: label(t.peak),
        jump: label(t.jump.map(|j| j.bucket)),
        series: t.series.iter().map(|s| Cow::Borrowed(s.as_str())).collect(),
    };
    sanitize::write_json(&mut *w, &summary)?;
    writeln!(w)
}

/// Writes the periods as a table (a row per period and series with `--split`), then the
/// undated matches.
pub fn table(w: &mut dyn Write, t: &Timeline, table: Table, tty: bool) -> io::Result<()> {
    let mut out = TableWriter::new(w, table, tty);
    let date = |d: jiff::civil::Date| d.to_string();
    if t.series.is_empty() {
        out.row(&[
            "label", "start", "end", "stories", "articles", "dated", "share",
        ])?;
        for b in &t.buckets {
            out.row(&[
                b.label.as_str(),
                &date(b.start),
                &date(b.end),
                &b.counts.stories.to_string(),
                &b.counts.articles.to_string(),
                &b.dated.to_string(),
                &b.share().map(|s| format!("{:.6}", s)).unwrap_or_default(),
            ])?;
        }
        out.row(&[
            "undated",
            "",
            "",
            &t.undated.stories.to_string(),
            &t.undated.articles.to_string(),
            "",
            "",
        ])?;
    } else {
        out.row(&["label", "start", "end", "series", "stories", "articles"])?;
        for b in &t.buckets {
            for (name, c) in t.series.iter().zip(&b.series) {
                out.row(&[
                    b.label.as_str(),
                    &date(b.start),
                    &date(b.end),
                    name,
                    &c.stories.to_string(),
                    &c.articles.to_string(),
                ])?;
            }
        }
        out.row(&[
            "undated",
            "",
            "",
            "",
            &t.undated.stories.to_string(),
            &t.undated.articles.to_string(),
        ])?;
    }
    Ok(())
}

/// Followers named on a story's line before "and N more".
const FOLLOWERS_SHOWN: usize = 6;

/// Writes each story's first copy (date, source, headline, path) and who followed.
pub fn first_human(
    w: &mut dyn Write,
    t: &Timeline,
    query: &str,
    cwd: Option<&Path>,
    color: bool,
) -> io::Result<()> {
    writeln!(w, "{}: {}, earliest first", quoted(query, 60), totals(t))?;
    let title_style = Style::new().effects(Effects::BOLD);
    let path_style = AnsiColor::Magenta.on_default();
    for f in &t.first {
        let date = f
            .date
            .map_or_else(|| "undated   ".to_owned(), |d| d.to_string());
        let source = f.source.as_deref().unwrap_or("(no source)");
        write!(w, "{date}  {}  ", sanitize::line(source))?;
        let title = format!(
            "\"{}\"",
            sanitize::line(f.title.as_deref().unwrap_or("(no title)"))
        );
        styled(w, color, title_style, &title)?;
        w.write_all(b"  ")?;
        styled(
            w,
            color,
            path_style,
            &sanitize::path(&display_path(&f.path, cwd)),
        )?;
        writeln!(w)?;
        if !f.followers.is_empty() {
            writeln!(w, "{:10}  followed by {}", "", followers(f))?;
        }
    }
    if t.first.len() < t.total.stories as usize {
        writeln!(
            w,
            "({} more; -n N lists more)",
            t.total.stories as usize - t.first.len()
        )?;
    }
    closing(w, t)
}

/// "BBC 2010-05-04 (+1 d), AP 2010-05-06 (+3 d), and 4 more".
fn followers(f: &FirstCopy) -> String {
    let mut parts: Vec<String> = f
        .followers
        .iter()
        .take(FOLLOWERS_SHOWN)
        .map(|c| {
            let source = sanitize::line(c.source.as_deref().unwrap_or("(no source)")).into_owned();
            match (f.date, c.date) {
                (Some(first), Some(d)) => {
                    let lag = first.until(d).map(|s| s.get_days()).unwrap_or(0);
                    format!("{source} {d} (+{lag} d)")
                }
                (_, Some(d)) => format!("{source} {d}"),
                (_, None) => format!("{source} (undated)"),
            }
        })
        .collect();
    if f.followers.len() > FOLLOWERS_SHOWN {
        parts.push(format!("and {} more", f.followers.len() - FOLLOWERS_SHOWN));
    }
    parts.join(", ")
}

/// Writes one [`WireStory`] per story, then the summary (as `timeline --json` ends).
pub fn first_json(
    w: &mut dyn Write,
    t: &Timeline,
    query: &str,
    cwd: Option<&Path>,
) -> io::Result<()> {
    for f in &t.first {
        let path = display_path(&f.path, cwd);
        let wire = WireStory {
            kind: StoryType::Story,
            date: f.date,
            path: wire::path(&path),
            path_bytes: wire::path_bytes(&path),
            title: f.title.as_deref().map(Cow::Borrowed),
            source: f.source.as_deref().map(Cow::Borrowed),
            copies: f.copies,
            followers: f
                .followers
                .iter()
                .map(|c| WireFollower {
                    date: c.date,
                    source: c.source.as_deref().map(Cow::Borrowed),
                    path: wire::path(&display_path(&c.path, cwd)),
                })
                .collect(),
        };
        sanitize::write_json(&mut *w, &wire)?;
        writeln!(w)?;
    }
    summary_json(w, t, query)
}

/// Writes the first copies as a table: `date,source,title,path,copies,followers`.
pub fn first_table(
    w: &mut dyn Write,
    t: &Timeline,
    table: Table,
    tty: bool,
    cwd: Option<&Path>,
) -> io::Result<()> {
    let mut out = TableWriter::new(w, table, tty);
    out.row(&["date", "source", "title", "path", "copies", "followers"])?;
    for f in &t.first {
        let followers: Vec<String> = f
            .followers
            .iter()
            .map(|c| {
                let date = c.date.map(|d| d.to_string()).unwrap_or_default();
                format!("{} {date}", c.source.as_deref().unwrap_or(""))
                    .trim()
                    .to_owned()
            })
            .collect();
        out.row(&[
            &f.date.map(|d| d.to_string()).unwrap_or_default(),
            f.source.as_deref().unwrap_or(""),
            f.title.as_deref().unwrap_or(""),
            &wire::path(&display_path(&f.path, cwd)),
            &f.copies.to_string(),
            &followers.join(super::csv::LIST_SEPARATOR),
        ])?;
    }
    Ok(())
}

/// Writes the significant terms: `score  stories  corpus  term`, aligned.
pub fn terms_human(w: &mut dyn Write, t: &Terms, query: &str) -> io::Result<()> {
    let (one, many) = match t.copies {
        Copies::Fold => ("story", "stories"),
        Copies::All => ("article", "articles"),
    };
    let sampled = t.sampled < t.stories;
    let sample = if sampled {
        format!(", {} read (an even sample)", t.sampled)
    } else {
        String::new()
    };
    writeln!(
        w,
        "{}: {}{sample}, against the {} of the index",
        quoted(query, 60),
        counted(t.stories, one, many),
        counted(t.corpus as usize, "article", "articles"),
    )?;
    // Counts of the matching stories are of those read: say so in the column's name.
    let column = if sampled { "in sample" } else { many };
    if t.terms.is_empty() {
        return Ok(());
    }
    let stories_w = digits(t.terms.iter().map(|x| x.stories)).max(column.len());
    let corpus_w = digits(t.terms.iter().map(|x| x.corpus)).max("corpus".len());
    let scores: Vec<String> = t.terms.iter().map(|x| format!("{:.3}", x.score)).collect();
    let score_w = scores
        .iter()
        .map(String::len)
        .max()
        .unwrap_or(0)
        .max("score".len());
    writeln!(
        w,
        "{:>score_w$}  {:>stories_w$}  {:>corpus_w$}  term",
        "score", column, "corpus"
    )?;
    for (x, score) in t.terms.iter().zip(&scores) {
        writeln!(
            w,
            "{score:>score_w$}  {:>stories_w$}  {:>corpus_w$}  {}",
            x.stories,
            x.corpus,
            sanitize::line(&x.term)
        )?;
    }
    Ok(())
}

/// Writes one [`WireTerm`] per term.
pub fn terms_json(w: &mut dyn Write, t: &Terms) -> io::Result<()> {
    for x in &t.terms {
        let wire = WireTerm {
            term: Cow::Borrowed(&x.term),
            score: round6(x.score),
            stories: x.stories,
            sample: t.sampled as u64,
            corpus: x.corpus,
        };
        sanitize::write_json(&mut *w, &wire)?;
        writeln!(w)?;
    }
    Ok(())
}

/// Six significant digits: what a score means, without the float's noise.
fn round6(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    format!("{x:.5e}").parse().unwrap_or(x)
}

/// Writes the terms as a table: `term,score,stories,sample,corpus`.
pub fn terms_table(w: &mut dyn Write, t: &Terms, table: Table, tty: bool) -> io::Result<()> {
    let mut out = TableWriter::new(w, table, tty);
    out.row(&["term", "score", "stories", "sample", "corpus"])?;
    for x in &t.terms {
        out.row(&[
            x.term.as_str(),
            &round6(x.score).to_string(),
            &x.stories.to_string(),
            &t.sampled.to_string(),
            &x.corpus.to_string(),
        ])?;
    }
    Ok(())
}
