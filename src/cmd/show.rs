//! `newsq show PATH`: one indexed article as cleaned, with its metadata.

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use newsq::output::plural::counted;
use newsq::output::{Styles, sanitize, styled, wire};

use crate::cli::ShowArgs;

pub fn run(index_dir: &Path, args: ShowArgs, color: bool) -> anyhow::Result<ExitCode> {
    let opened = newsq::index::open(index_dir)?;
    let Some(article) = newsq::search::lookup(&opened, &args.path)? else {
        super::not_indexed(&opened, index_dir, &args.path)?;
        return Ok(ExitCode::from(super::NOT_FOUND));
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let cwd = std::env::current_dir()
        .ok()
        .map(|c| std::fs::canonicalize(&c).unwrap_or(c));
    let shown = newsq::corpus::path::display_path(&article.path, cwd.as_deref());
    let meta = &article.stored.meta;
    if args.json {
        let wire = wire::WireArticle {
            encoding: wire::text(&article.stored.encoding),
            metadata: wire::WireMetadata::from(meta),
            paragraphs: article.body.lines().map(Cow::Borrowed).collect(),
            path: wire::path(&shown),
            // The exact bytes of a name that is not UTF-8, as in `search --json`.
            path_bytes: wire::path_bytes(&shown),
            removed: article
                .stored
                .removed
                .iter()
                .map(|(line, rule, text)| wire::WireRemoved {
                    line: *line,
                    rule: Cow::Borrowed(rule),
                    text: Cow::Borrowed(text),
                })
                .collect(),
            title: wire::text(&article.stored.title),
            url: wire::text(&article.stored.url),
        };
        sanitize::write_json(&mut out, &wire)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let s = Styles::new(color);
    let field = |out: &mut dyn Write, name: &str, value: &str| -> std::io::Result<()> {
        styled(out, s.meta, &format!("{name:<9}"))?;
        styled(out, anstyle::Style::new(), value)?;
        writeln!(out)
    };
    field(
        &mut out,
        "title",
        article.stored.title.as_deref().unwrap_or("(none)"),
    )?;
    field(&mut out, "path", &sanitize::path(&shown))?;
    if let Some(v) = &meta.section {
        field(&mut out, "section", v)?;
    }
    if !meta.authors.is_empty() {
        field(&mut out, "author", &meta.authors.join(", "))?;
    }
    if let Some(v) = &meta.source {
        field(&mut out, "source", v)?;
    }
    if let Some(d) = &meta.dateline {
        field(&mut out, "dateline", &d.text)?;
    }
    if let Some(d) = meta.date {
        field(&mut out, "date", &d.to_string())?;
    }
    if !meta.tags.is_empty() {
        field(&mut out, "tags", &meta.tags.join(", "))?;
    }
    if let Some(l) = &meta.lang {
        field(&mut out, "language", l)?;
    }
    if let Some(u) = &article.stored.url {
        field(&mut out, "url", u)?;
    }
    if let Some(e) = &article.stored.encoding {
        field(&mut out, "encoding", &format!("{e} (converted to UTF-8)"))?;
    }
    field(
        &mut out,
        "removed",
        &counted(
            article.stored.removed_lines,
            "boilerplate line",
            "boilerplate lines",
        ),
    )?;
    writeln!(out)?;
    for para in article.body.lines() {
        writeln!(out, "{}", sanitize::line(para))?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
