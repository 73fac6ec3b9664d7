//! `newsq clean`: run the cleaner on files, without an index.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use newsq::clean::{self, Article, Layout, Verdict};
use newsq::corpus::{self, Format, Sidecar};
use newsq::output::{Styles, sanitize, styled};

use crate::cli::CleanArgs;

/// Files larger than this (or decompressing to more) are refused by `clean`, as by
/// `newsq index` with its default `--max-file-size`.
const MAX_FILE: u64 = 64 << 20;

pub fn run(args: CleanArgs, color: bool) -> anyhow::Result<ExitCode> {
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating the output folder {}", sanitize::path(dir)))?;
    }
    // Read everything first: lines recurring across the given files are template lines.
    let mut texts: Vec<Item> = Vec::new();
    let mut failed = false;
    for path in &args.files {
        match read(path) {
            Ok(items) => texts.extend(items),
            Err(msg) => {
                eprintln!(
                    "newsq: error: {}: {}",
                    sanitize::path(path),
                    sanitize::line(&msg)
                );
                failed = true;
            }
        }
    }
    let plain: Vec<&str> = texts.iter().map(|t| t.text.as_str()).collect();
    let given: Vec<clean::Given> = texts.iter().map(declared).collect();
    let mut articles = clean::clean_all_with(&plain, &given);
    for ((item, article), given) in texts.iter().zip(&mut articles).zip(&given) {
        // newsq's own export: shown as it was exported, as `newsq index` reads it.
        if let Some(Given::Exported(exported)) = &item.given {
            *article = (**exported).clone();
            clean::overlay(article, given);
        }
    }
    let targets = match &args.out {
        Some(dir) => out_targets(dir, &texts, &args.files)?,
        None => Vec::new(),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let styles = Styles::new(color);
    for (i, (item, article)) in texts.iter().zip(&articles).enumerate() {
        let path = &item.name;
        if args.explain {
            if i > 0 {
                writeln!(out)?;
            }
            explain(&mut out, path, article, &styles)?;
        }
        match targets.get(i) {
            Some(target) => {
                std::fs::write(target, body_text(article))
                    .with_context(|| format!("writing {}", sanitize::path(target)))?;
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

/// Where `--out DIR` writes each article, checked before anything is written: never over
/// a file being cleaned (`--out .` beside the articles), and never two articles to one
/// file (`a/story.txt` and `b/story.html` are both `story.txt`).
fn out_targets(dir: &Path, items: &[Item], inputs: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let inputs: std::collections::HashSet<PathBuf> = inputs
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
    let mut taken: std::collections::HashMap<PathBuf, &Path> = std::collections::HashMap::new();
    let mut targets = Vec::with_capacity(items.len());
    for item in items {
        let name = item
            .name
            .file_name()
            .context("a file to clean has no file name")?;
        let target = dir.join(out_name(Path::new(name)));
        if std::fs::canonicalize(&target).is_ok_and(|t| inputs.contains(&t)) {
            anyhow::bail!(
                "{} is a file being cleaned: give --out a folder of its own; nothing was written",
                sanitize::path(&target)
            );
        }
        if let Some(first) = taken.insert(target.clone(), &item.name) {
            anyhow::bail!(
                "{} and {} would both be written to {}: clean them into separate folders; \
                 nothing was written",
                sanitize::path(first),
                sanitize::path(&item.name),
                sanitize::path(&target)
            );
        }
        targets.push(target);
    }
    Ok(targets)
}

/// The name of a cleaned file in `--out DIR`: text files keep theirs; pages, compressed
/// files and records become `.txt` (`story.html.gz` → `story.txt`, `feed.jsonl:3` →
/// `feed.jsonl:3.txt`), since what is written is plain text.
fn out_name(name: &Path) -> std::ffi::OsString {
    let stem = if corpus::format::is_gz_name(name) {
        name.file_stem().map_or(name, Path::new)
    } else {
        name
    };
    match corpus::format::by_name(stem) {
        Some(Format::Text) if stem == name => name.as_os_str().to_owned(),
        Some(Format::Text | Format::Html) => stem.with_extension("txt").into_os_string(),
        _ => {
            let mut out = stem.as_os_str().to_owned();
            out.push(".txt");
            out
        }
    }
}

/// One article to clean: its name (the file, or `FILE:LINE` for a record), its text and
/// the metadata its format gave.
struct Item {
    name: PathBuf,
    text: String,
    given: Option<Given>,
}

/// What a file's format said beside the text.
enum Given {
    Page(corpus::Page),
    Record(Sidecar),
    Exported(Box<Article>),
}

/// What an item's source declares, for the cleaner to lay over its article (an export's
/// article, already whole, takes only the path's date).
fn declared(item: &Item) -> clean::Given {
    let mut given = match &item.given {
        Some(Given::Page(page)) => page.to_given(),
        Some(Given::Record(meta)) => clean::Given {
            record: Some(meta.clone()),
            ..Default::default()
        },
        Some(Given::Exported(_)) | None => clean::Given::default(),
    };
    given.path_date = corpus::path::date(&item.name);
    given
}

/// Reads a file's articles: one for text and HTML, one per record for JSON.
fn read(path: &Path) -> Result<Vec<Item>, String> {
    let meta = std::fs::metadata(path).map_err(|e| e.to_string())?;
    if meta.is_dir() {
        return Err("is a folder (give article files)".into());
    }
    if meta.len() > MAX_FILE {
        return Err(format!("{} bytes is too large", meta.len()));
    }
    // Read through a limit too: a device or a pipe reports no size (`/dev/zero`).
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE + 1).read_to_end(&mut bytes))
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(format!("more than {MAX_FILE} bytes is too large"));
    }
    let reason = |(reason, detail): (corpus::SkipReason, String)| format!("{reason}: {detail}");
    let bytes = if corpus::is_gzip(path, &bytes) {
        corpus::gunzip(&bytes, MAX_FILE).map_err(reason)?
    } else {
        bytes
    };
    let warn_converted = |text: &corpus::Text| {
        if text.converted {
            super::warn(&format!(
                "{}: not UTF-8, read as {}",
                sanitize::path(path),
                text.encoding
            ));
        }
    };
    if corpus::format::detect(path, &bytes) != Format::Records {
        let (text, given) = corpus::decode_article(path, &bytes).map_err(reason)?;
        warn_converted(&text);
        return Ok(vec![Item {
            name: path.to_path_buf(),
            text: text.text,
            given: given.map(Given::Page),
        }]);
    }
    let text = corpus::decode(&bytes).map_err(reason)?;
    warn_converted(&text);
    let mut items = Vec::new();
    for r in corpus::records::parse(&text.text, &corpus::FieldMap::default()) {
        match r {
            Ok(rec) => items.push(Item {
                name: corpus::records::record_path(path, rec.at),
                given: Some(match rec.exported_article() {
                    Some(article) => Given::Exported(Box::new(article)),
                    None => Given::Record(rec.meta),
                }),
                text: rec.text,
            }),
            Err(bad) => super::warn(&format!(
                "{}{}: skipped record: {}",
                sanitize::path(path),
                bad.at.suffix(),
                bad.reason
            )),
        }
    }
    Ok(items)
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
    facts.push(match &article.layout {
        Layout::StoryOnly => "layout: story-only text (nothing removed but sign-offs)".into(),
        Layout::Page { line, why } => format!("layout: web page (line {line}: {why})"),
    });
    for f in facts {
        write!(out, "       ")?;
        styled(out, s.meta, &f)?;
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaned_files_are_named_as_text() {
        for (input, output) in [
            ("story.txt", "story.txt"),
            ("notes.md", "notes.md"),
            ("story.txt.gz", "story.txt"),
            ("sh-0123.html.gz", "sh-0123.txt"),
            ("page.htm", "page.txt"),
            ("feed.jsonl:3", "feed.jsonl:3.txt"),
            ("README", "README.txt"),
        ] {
            assert_eq!(out_name(Path::new(input)), output, "{input}");
        }
    }
}
