//! Everything that reaches the terminal: one printer per output format, styles, and the
//! sanitising every piece of article text passes through.
//!
//! Printers know nothing of tantivy: they take [`Hit`]s and write them. The format is
//! chosen once per run ([`Format`]); colours are decided once ([`Styles`]).

pub mod export;
pub mod plural;
pub mod sanitize;
pub mod wire;

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

/// Prints hits in the chosen format. `cwd` makes paths relative where possible;
/// `tty` says whether stdout is a terminal (raw path bytes are only written to pipes).
pub fn print_hits(
    w: &mut dyn Write,
    hits: &[Hit],
    format: Format,
    styles: &Styles,
    cwd: Option<&Path>,
    tty: bool,
) -> io::Result<()> {
    for hit in hits {
        let shown = crate::index::display_path(&hit.path, cwd);
        match format {
            Format::Human => {
                let similar: Vec<String> = hit
                    .similar
                    .iter()
                    .map(|p| sanitize::path(&crate::index::display_path(p, cwd)))
                    .collect();
                human(w, hit, &sanitize::path(&shown), &similar, styles)?
            }
            Format::Json => {
                let title_text = hit.display_title();
                let wire = wire::WireHit {
                    rank: hit.rank,
                    score: hit.score,
                    path: sanitize::path(&shown),
                    path_bytes: wire::path_bytes(&shown),
                    title: hit.title.as_deref(),
                    lead: &hit.lead,
                    title_highlights: wire::char_ranges(title_text, &hit.title_highlights),
                    metadata: &hit.meta,
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
                        .similar
                        .iter()
                        .map(|p| sanitize::path(&crate::index::display_path(p, cwd)))
                        .collect(),
                    offsets: "char",
                };
                sanitize::write_json(&mut *w, &wire)?;
                w.write_all(b"\n")?;
            }
            Format::Paths { null } => {
                if tty {
                    w.write_all(sanitize::path(&shown).as_bytes())?;
                } else {
                    // Exact bytes, so `xargs -0` gets the real file name.
                    w.write_all(shown.as_os_str().as_encoded_bytes())?;
                }
                w.write_all(if null { b"\0" } else { b"\n" })?;
            }
            Format::Count => {}
        }
    }
    Ok(())
}

fn human(
    w: &mut dyn Write,
    hit: &Hit,
    path: &str,
    similar: &[String],
    s: &Styles,
) -> io::Result<()> {
    if hit.rank > 1 {
        writeln!(w)?;
    }
    styled(w, s.rank, &format!("{}.", hit.rank))?;
    w.write_all(b" ")?;
    highlighted(
        w,
        hit.display_title(),
        &hit.title_highlights,
        s.title,
        s.hit,
    )?;
    writeln!(w)?;
    w.write_all(b"   ")?;
    styled(w, s.path, path)?;
    writeln!(w)?;
    let meta = meta_line(&hit.meta);
    if !meta.is_empty() {
        w.write_all(b"   ")?;
        styled(w, s.meta, &meta)?;
        writeln!(w)?;
    }
    for p in &hit.passages {
        w.write_all(b"   ")?;
        // Mark text skipped before the passage, unless the cut already shows it.
        if p.gap_before && !p.text.starts_with('…') {
            w.write_all("… ".as_bytes())?;
        }
        highlighted(w, &p.text, &p.highlights, Style::new(), s.hit)?;
        writeln!(w)?;
    }
    if !similar.is_empty() {
        w.write_all(b"   ")?;
        styled(
            w,
            s.rank,
            &format!("+{} similar: {}", similar.len(), similar.join(", ")),
        )?;
        writeln!(w)?;
    }
    Ok(())
}
