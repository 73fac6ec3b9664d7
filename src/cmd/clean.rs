//! `newsq clean`: run the cleaner on files, without an index.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use newsq::clean::{self, Article, Verdict};
use newsq::corpus;
use newsq::output::{Styles, sanitize, styled};

use crate::cli::CleanArgs;

/// Files larger than this are refused by `clean` too.
const MAX_FILE: u64 = 1 << 30;

pub fn run(args: CleanArgs, color: bool) -> anyhow::Result<ExitCode> {
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating the output folder {}", sanitize::path(dir)))?;
    }
    // Read everything first: lines recurring across the given files are template lines.
    let mut texts = Vec::new();
    let mut failed = false;
    for path in &args.files {
        match read(path) {
            Ok(text) => texts.push((path, text)),
            Err(msg) => {
                eprintln!("newsq: {}: {}", sanitize::path(path), sanitize::line(&msg));
                failed = true;
            }
        }
    }
    let articles = clean::clean_all(&texts.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let styles = Styles::new(color);
    for (i, ((path, _), article)) in texts.iter().zip(&articles).enumerate() {
        if args.explain {
            if i > 0 {
                writeln!(out)?;
            }
            explain(&mut out, path, article, &styles)?;
        }
        match &args.out {
            Some(dir) => {
                let name = path
                    .file_name()
                    .context("a file to clean has no file name")?;
                let target = dir.join(name);
                std::fs::write(&target, body_text(article))
                    .with_context(|| format!("writing {}", sanitize::path(&target)))?;
            }
            None if !args.explain => {
                if i > 0 {
                    writeln!(out)?;
                }
                for p in &article.paragraphs {
                    writeln!(out, "{}", sanitize::line(p))?;
                }
            }
            None => {}
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn read(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if meta.is_dir() {
        return Err("is a folder (give article files)".into());
    }
    if meta.len() > MAX_FILE {
        return Err(format!("{} bytes is too large", meta.len()));
    }
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let text = corpus::decode(&bytes).map_err(|(reason, detail)| format!("{reason}: {detail}"))?;
    if text.converted {
        super::warn(&format!(
            "{}: not UTF-8, read as {}",
            sanitize::path(path),
            text.encoding
        ));
    }
    Ok(text.text)
}

fn body_text(article: &Article) -> String {
    let mut s = article.body();
    if !s.is_empty() {
        s.push('\n');
    }
    s
}

fn explain(out: &mut dyn Write, path: &Path, article: &Article, s: &Styles) -> std::io::Result<()> {
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
    for f in facts {
        write!(out, "       ")?;
        styled(out, s.meta, &f)?;
        writeln!(out)?;
    }
    Ok(())
}
