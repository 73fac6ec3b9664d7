//! `newsq show`: one indexed article, for a person (its metadata as labelled fields, then
//! its paragraphs) or, as one [`WireArticle`], for a script.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::Path;

use super::plural::counted;
use super::wire::{self, WireArticle, WireMetadata, WireRemoved, text};
use super::{Styles, sanitize, styled};
use crate::index::StoredArticle;

/// The wire form of `article`, whose path is given as `shown` (as the user sees it).
pub fn wire<'a>(article: &'a StoredArticle, shown: &Path) -> WireArticle<'a> {
    let stored = &article.stored;
    WireArticle {
        encoding: text(&stored.encoding),
        metadata: WireMetadata::from(&stored.meta),
        paragraphs: article.body.lines().map(Cow::Borrowed).collect(),
        path: wire::path(shown),
        // The exact bytes of a name that is not UTF-8, as in `search --json`.
        path_bytes: wire::path_bytes(shown),
        removed: stored
            .removed
            .iter()
            .map(|(line, rule, text)| WireRemoved {
                line: *line,
                rule: Cow::Borrowed(rule),
                text: Cow::Borrowed(text),
            })
            .collect(),
        title: text(&stored.title),
        url: text(&stored.url),
    }
}

/// Writes `article` as one line of JSON.
pub fn json(w: &mut dyn Write, article: &StoredArticle, shown: &Path) -> io::Result<()> {
    sanitize::write_json(&mut *w, &wire(article, shown))?;
    writeln!(w)
}

/// Writes `article` for a person: a field per line (`title    ...`), a blank line, the
/// paragraphs.
pub fn human(
    w: &mut dyn Write,
    article: &StoredArticle,
    shown: &Path,
    s: &Styles,
) -> io::Result<()> {
    let stored = &article.stored;
    let meta = &stored.meta;
    let field = |w: &mut dyn Write, name: &str, value: &str| -> io::Result<()> {
        styled(w, s.meta, &format!("{name:<9}"))?;
        styled(w, anstyle::Style::new(), value)?;
        writeln!(w)
    };
    field(w, "title", stored.title.as_deref().unwrap_or("(none)"))?;
    field(w, "path", &sanitize::path(shown))?;
    if let Some(v) = &meta.section {
        field(w, "section", v)?;
    }
    if !meta.authors.is_empty() {
        field(w, "author", &meta.authors.join(", "))?;
    }
    if let Some(v) = &meta.source {
        field(w, "source", v)?;
    }
    if let Some(d) = &meta.dateline {
        field(w, "dateline", &d.text)?;
    }
    if let Some(d) = meta.date {
        field(w, "date", &d.to_string())?;
    }
    if !meta.tags.is_empty() {
        field(w, "tags", &meta.tags.join(", "))?;
    }
    if let Some(l) = &meta.lang {
        field(w, "language", l)?;
    }
    if let Some(u) = &stored.url {
        field(w, "url", u)?;
    }
    if let Some(e) = &stored.encoding {
        field(w, "encoding", &format!("{e} (converted to UTF-8)"))?;
    }
    let removed = counted(
        stored.removed_lines,
        "boilerplate line",
        "boilerplate lines",
    );
    field(w, "removed", &removed)?;
    writeln!(w)?;
    for para in article.body.lines() {
        writeln!(w, "{}", sanitize::line(para))?;
    }
    Ok(())
}
