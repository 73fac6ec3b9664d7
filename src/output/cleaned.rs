//! `newsq clean`: a cleaned article's body, as printed or as written to `--out DIR`, and
//! with `--explain` every input line with its verdict, the rule and the evidence, then
//! the facts found.

use std::io::{self, Write};
use std::path::Path;

use super::{Styles, sanitize, styled};
use crate::clean::{Article, Layout, Verdict};

/// Writes the paragraphs, one per line (sanitised).
pub fn body(w: &mut dyn Write, article: &Article) -> io::Result<()> {
    for p in &article.paragraphs {
        writeln!(w, "{}", sanitize::line(p))?;
    }
    Ok(())
}

/// The text of a cleaned file: the paragraphs, one per line, exactly (a file is no
/// terminal), ended by a newline unless there are none.
pub fn body_text(article: &Article) -> String {
    let mut s = article.body();
    if !s.is_empty() {
        s.push('\n');
    }
    s
}

/// Writes the file's name, then one line per input line (number, verdict, rule,
/// evidence, text), then the title, metadata and layout found.
pub fn explain(out: &mut dyn Write, path: &Path, article: &Article, s: &Styles) -> io::Result<()> {
    styled(out, s.path, &sanitize::path(path))?;
    writeln!(out)?;
    for line in &article.lines {
        let style = match line.verdict {
            Verdict::Kept => s.kept,
            Verdict::Removed => s.removed,
            Verdict::Metadata => s.meta,
        };
        let verdict = match line.verdict {
            Verdict::Kept => "kept",
            Verdict::Removed => "removed",
            Verdict::Metadata => "metadata",
        };
        write!(out, "{:>5}  ", line.no)?;
        styled(out, style, &format!("{verdict:<8} {:<15}", line.rule.id()))?;
        write!(out, " [{}] ", sanitize::line(&line.evidence))?;
        if let Some(junk) = &line.stripped {
            write!(out, "(cut {:?}) ", sanitize::line(junk))?;
        }
        writeln!(out, "{}", sanitize::line(&line.text))?;
    }
    for f in facts(article) {
        write!(out, "       ")?;
        styled(out, s.meta, &f)?;
        writeln!(out)?;
    }
    Ok(())
}

/// What the cleaner found besides the lines: `title: ...`, `author: ...`, the layout.
fn facts(article: &Article) -> Vec<String> {
    let m = &article.meta;
    let mut facts: Vec<String> = Vec::new();
    if let Some(t) = &article.title {
        facts.push(format!("title: {t}"));
    }
    if let Some(v) = &m.section {
        facts.push(format!("section: {v}"));
    }
    if !m.authors.is_empty() {
        facts.push(format!("author: {}", m.authors.join(", ")));
    }
    if let Some(v) = &m.source {
        facts.push(format!("source: {v}"));
    }
    if let Some(d) = &m.dateline {
        facts.push(format!("dateline: {}", d.text));
    }
    if let Some(d) = m.date {
        facts.push(format!("date: {d}"));
    }
    if !m.tags.is_empty() {
        facts.push(format!("tags: {}", m.tags.join(", ")));
    }
    if let Some(l) = &m.lang {
        facts.push(format!("language: {l}"));
    }
    facts.push(match &article.layout {
        Layout::StoryOnly => "layout: story-only text (nothing removed but sign-offs)".into(),
        Layout::Page { line, why } => format!("layout: web page (line {line}: {why})"),
    });
    facts
}
