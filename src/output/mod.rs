//! Everything that reaches the terminal: one printer per output format, styles, and the
//! sanitising every piece of article text passes through.
//!
//! Printers know nothing of tantivy: they take [`Hit`]s and write them. The format is
//! chosen once per run ([`Format`]); colours are decided once ([`Styles`]).

pub mod article;
pub mod check;
pub mod cleaned;
pub mod csv;
pub mod export;
pub mod facets;
pub mod man;
pub mod notices;
pub mod plural;
pub mod sanitize;
pub mod stats;
pub mod timeline;
pub mod wire;

use std::borrow::Cow;
use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;

use anstyle::{AnsiColor, Effects, Style};

use crate::clean::Metadata;
use crate::search::Hit;

/// How search results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Ranked hits with titles, metadata and highlighted passages.
    Human,
    /// One JSON object per hit per line.
    Json,
    /// Paths only, each ended by a newline or (with `null`) a NUL byte.
    Paths {
        /// End paths with NUL.
        null: bool,
    },
    /// The number of matching articles.
    Count,
    /// A table with a header row: CSV or TSV.
    Table(csv::Table),
}

/// The styles of human output; all plain when colour is off.
#[derive(Debug, Clone, Copy)]
pub struct Styles {
    /// Rank number.
    pub rank: Style,
    /// Title.
    pub title: Style,
    /// Path.
    pub path: Style,
    /// Metadata line.
    pub meta: Style,
    /// Highlighted query terms.
    pub hit: Style,
    /// Kept lines in `--explain`.
    pub kept: Style,
    /// Removed lines in `--explain`.
    pub removed: Style,
}

impl Styles {
    /// Colours on or off.
    pub fn new(color: bool) -> Styles {
        if !color {
            let p = Style::new();
            return Styles {
                rank: p,
                title: p,
                path: p,
                meta: p,
                hit: p,
                kept: p,
                removed: p,
            };
        }
        Styles {
            rank: Style::new().effects(Effects::DIMMED),
            title: Style::new().effects(Effects::BOLD),
            path: AnsiColor::Magenta.on_default(),
            meta: AnsiColor::Cyan.on_default(),
            hit: AnsiColor::Red.on_default().effects(Effects::BOLD),
            kept: AnsiColor::Green.on_default(),
            removed: AnsiColor::Red.on_default(),
        }
    }
}

/// Writes `text` (sanitised) in `style`.
pub fn styled(w: &mut dyn Write, style: Style, text: &str) -> io::Result<()> {
    let text = sanitize::line(text);
    if style == Style::new() {
        w.write_all(text.as_bytes())
    } else {
        write!(w, "{style}{text}{style:#}")
    }
}

/// Writes `text` with `ranges` (byte ranges) in `hit` style on top of `base`.
pub fn highlighted(
    w: &mut dyn Write,
    text: &str,
    ranges: &[Range<usize>],
    base: Style,
    hit: Style,
) -> io::Result<()> {
    let mut at = 0;
    for r in ranges {
        if r.start < at
            || r.end > text.len()
            || !text.is_char_boundary(r.start)
            || !text.is_char_boundary(r.end)
        {
            continue;
        }
        styled(w, base, &text[at..r.start])?;
        let both = Style::new()
            .fg_color(hit.get_fg_color().or(base.get_fg_color()))
            .effects(hit.get_effects() | base.get_effects());
        styled(
            w,
            if hit == Style::new() { base } else { both },
            &text[r.clone()],
        )?;
        at = r.end;
    }
    styled(w, base, &text[at..])
}

/// The metadata line of a hit: "World · By Jane Roe · Reuters · New Delhi, May 16 · #tag".
pub fn meta_line(meta: &Metadata) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(s) = &meta.section {
        parts.push(s.clone());
    }
    if !meta.authors.is_empty() {
        parts.push(format!("by {}", meta.authors.join(", ")));
    }
    if let Some(s) = &meta.source {
        parts.push(s.clone());
    }
    if let Some(d) = &meta.dateline {
        parts.push(d.text.clone());
    }
    if let Some(d) = meta.date
        && meta.dateline.as_ref().is_none_or(|dl| dl.date != Some(d))
    {
        parts.push(d.to_string());
    }
    if !meta.tags.is_empty() {
        parts.push(
            meta.tags
                .iter()
                .map(|t| format!("#{t}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    parts.join(" · ")
}

/// How [`print_hits`] prints: the format and what it depends on.
#[derive(Debug, Clone, Copy)]
pub struct HitView<'a> {
    /// The format.
    pub format: Format,
    /// Colours (human output).
    pub styles: Styles,
    /// Paths are shown relative to this folder when below it.
    pub cwd: Option<&'a Path>,
    /// Standard output is a terminal (raw path bytes are only written to pipes).
    pub tty: bool,
    /// The words were alternatives (`--any`): JSON and tables say which hits hold them
    /// all (`relaxed`).
    pub any: bool,
    /// Wrap human output at this many columns (a terminal's width); `None`: one line per
    /// passage.
    pub width: Option<usize>,
}

/// Copies of a story named on its hit's line; the others are counted (`--all` lists
/// them).
const SIMILAR_SHOWN: usize = 2;

/// Prints the summary object that ends `search --json --stats`.
pub fn print_summary(
    w: &mut dyn Write,
    results: &crate::search::Results,
    offset: usize,
    any: bool,
    elapsed: std::time::Duration,
) -> io::Result<()> {
    let summary = wire::WireSummary {
        kind: wire::SummaryType::Summary,
        total: results.total,
        shown: results.hits.len(),
        folded: results.hits.iter().map(|h| h.copies.len()).sum(),
        offset,
        any,
        undated: results.notices.undated,
        elapsed: elapsed.into(),
    };
    sanitize::write_json(&mut *w, &summary)?;
    writeln!(w)
}

/// Prints hits in the chosen format (a table's header first, even with no hit).
pub fn print_hits(w: &mut dyn Write, hits: &[Hit], view: &HitView<'_>) -> io::Result<()> {
    let cwd = view.cwd;
    if let Format::Table(table) = view.format {
        let mut t = csv::TableWriter::new(&mut *w, table, view.tty);
        t.row(csv::HIT_COLUMNS)?;
        for hit in hits {
            t.row(&csv::hit_row(hit, cwd, view.any))?;
        }
        return Ok(());
    }
    for hit in hits {
        let shown = crate::corpus::path::display_path(&hit.path, cwd);
        match view.format {
            Format::Human => {
                let copies: Vec<String> = hit
                    .copies
                    .iter()
                    .map(|p| sanitize::path(&crate::corpus::path::display_path(p, cwd)))
                    .collect();
                human(w, hit, &sanitize::path(&shown), &copies, view)?
            }
            Format::Json => {
                let title_text = hit.display_title();
                let wire = wire::WireHit {
                    rank: hit.rank,
                    score: hit.score,
                    path: wire::path(&shown),
                    path_bytes: wire::path_bytes(&shown),
                    title: hit.title.as_deref().map(Cow::Borrowed),
                    lead: Cow::Borrowed(&hit.lead),
                    title_highlights: wire::char_ranges(title_text, &hit.title_highlights),
                    metadata: wire::WireMetadata::from(&hit.meta),
                    passages: hit
                        .passages
                        .iter()
                        .map(|p| wire::WirePassage {
                            text: p.text.clone(),
                            highlights: wire::char_ranges(&p.text, &p.highlights),
                            gap_before: p.gap_before,
                        })
                        .collect(),
                    similar: hit
                        .copies
                        .iter()
                        .map(|p| wire::path(&crate::corpus::path::display_path(p, cwd)))
                        .collect(),
                    relaxed: view.any.then_some(hit.relaxed),
                    offsets: wire::Offsets::Char,
                };
                sanitize::write_json(&mut *w, &wire)?;
                w.write_all(b"\n")?;
            }
            Format::Paths { null } => {
                if view.tty {
                    w.write_all(sanitize::path(&shown).as_bytes())?;
                } else {
                    // Exact bytes, so `xargs -0` gets the real file name.
                    w.write_all(shown.as_os_str().as_encoded_bytes())?;
                }
                w.write_all(if null { b"\0" } else { b"\n" })?;
            }
            Format::Count | Format::Table(_) => {}
        }
    }
    Ok(())
}

/// The width of standard output's terminal, when it is one (80 when it does not say).
pub fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() {
        return None;
    }
    Some(match terminal_size::terminal_size() {
        Some((terminal_size::Width(w), _)) if w > 0 => usize::from(w),
        _ => 80,
    })
}

/// Columns a piece of text takes once sanitised.
fn columns(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(sanitize::line(text).as_ref())
}

/// Where to break `text` into lines of at most `first` columns (the first line) and
/// `rest` (the others): at spaces, which the breaks drop; a word longer than a line is
/// cut. Returns the byte ranges of the lines.
pub fn wrap(text: &str, first: usize, rest: usize) -> Vec<Range<usize>> {
    let mut lines: Vec<Range<usize>> = Vec::new();
    // The line being filled: start, end, columns.
    let mut line: Option<(usize, usize, usize)> = None;
    let room = |done: usize| if done == 0 { first } else { rest }.max(1);
    let mut at = 0;
    for word in text.split(' ') {
        let start = at;
        at += word.len() + 1;
        if word.is_empty() {
            continue;
        }
        let width = columns(word);
        if let Some((s, e, used)) = line {
            if used + 1 + width <= room(lines.len()) {
                line = Some((s, start + word.len(), used + 1 + width));
                continue;
            }
            lines.push(s..e);
        }
        // The word starts a line; one longer than a line is cut where the line ends.
        let mut piece = start;
        let mut used = 0;
        for (i, c) in word.char_indices() {
            let cw = columns(c.encode_utf8(&mut [0; 4]));
            if used + cw > room(lines.len()) && start + i > piece {
                lines.push(piece..start + i);
                piece = start + i;
                used = 0;
            }
            used += cw;
        }
        line = Some((piece, start + word.len(), used));
    }
    match line {
        Some((s, e, _)) => lines.push(s..e),
        None if lines.is_empty() => lines.push(0..0),
        None => {}
    }
    lines
}

/// Writes `text` with highlights, then ends the line: wrapped to `width` with
/// continuation lines indented by `hang` columns, the first line's room less the `used`
/// columns already written on it (or on one line when `width` is `None`).
#[allow(clippy::too_many_arguments)] // one call per kind of line; a struct would only rename them
fn wrapped(
    w: &mut dyn Write,
    used: usize,
    hang: usize,
    text: &str,
    ranges: &[Range<usize>],
    base: Style,
    hit: Style,
    width: Option<usize>,
) -> io::Result<()> {
    let Some(width) = width else {
        highlighted(w, text, ranges, base, hit)?;
        return writeln!(w);
    };
    let first = width.saturating_sub(used).max(20);
    let rest = width.saturating_sub(hang).max(20);
    for (i, line) in wrap(text, first, rest).into_iter().enumerate() {
        if i > 0 {
            write!(w, "{:hang$}", "")?;
        }
        let clipped: Vec<Range<usize>> = ranges
            .iter()
            .filter(|r| r.end > line.start && r.start < line.end)
            .map(|r| r.start.max(line.start) - line.start..r.end.min(line.end) - line.start)
            .collect();
        highlighted(w, &text[line.clone()], &clipped, base, hit)?;
        writeln!(w)?;
    }
    Ok(())
}

fn human(
    w: &mut dyn Write,
    hit: &Hit,
    path: &str,
    copies: &[String],
    view: &HitView<'_>,
) -> io::Result<()> {
    let s = &view.styles;
    let width = view.width;
    if hit.rank > 1 {
        writeln!(w)?;
    }
    styled(w, s.rank, &format!("{}.", hit.rank))?;
    w.write_all(b" ")?;
    let hang = format!("{}. ", hit.rank).len();
    wrapped(
        w,
        hang,
        hang,
        hit.display_title(),
        &hit.title_highlights,
        s.title,
        s.hit,
        width,
    )?;
    w.write_all(b"   ")?;
    styled(w, s.path, path)?;
    writeln!(w)?;
    let meta = meta_line(&hit.meta);
    if !meta.is_empty() {
        w.write_all(b"   ")?;
        wrapped(w, 3, 5, &meta, &[], s.meta, s.meta, width)?;
    }
    for p in &hit.passages {
        // Mark text skipped before the passage, unless the cut already shows it.
        let prefix = if p.gap_before && !p.text.starts_with('…') {
            "   … "
        } else {
            "   "
        };
        w.write_all(prefix.as_bytes())?;
        wrapped(
            w,
            columns(prefix),
            5,
            &p.text,
            &p.highlights,
            Style::new(),
            s.hit,
            width,
        )?;
    }
    if !copies.is_empty() {
        let named = copies[..copies.len().min(SIMILAR_SHOWN)].join(", ");
        let line = if copies.len() > SIMILAR_SHOWN {
            format!("+{} similar: {named}, … (--all lists them)", copies.len())
        } else {
            format!("+{} similar: {named}", copies.len())
        };
        w.write_all(b"   ")?;
        wrapped(w, 3, 5, &line, &[], s.rank, s.rank, width)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, first: usize, rest: usize) -> Vec<&str> {
        wrap(text, first, rest)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn wraps_at_spaces_within_the_width() {
        assert_eq!(
            lines("the quick brown fox jumps over the lazy dog", 10, 15),
            ["the quick", "brown fox jumps", "over the lazy", "dog"]
        );
        assert_eq!(lines("short", 10, 10), ["short"]);
        assert_eq!(lines("", 10, 10), [""]);
    }

    #[test]
    fn a_word_longer_than_a_line_is_cut_and_nothing_is_lost() {
        let text = "see https://example.com/a/very/long/path/indeed now";
        let got = lines(text, 12, 12);
        assert!(got.iter().all(|l| columns(l) <= 12), "{got:?}");
        assert_eq!(got.concat().replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn wide_characters_count_two_columns() {
        assert_eq!(lines("日本語 日本語", 7, 7), ["日本語", "日本語"]);
    }
}
