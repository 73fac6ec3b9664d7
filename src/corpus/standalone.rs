//! Article files named one by one, outside any index: what `newsq clean` reads (one
//! [`Item`] per article: a text or an HTML page is one, a file of JSON records one per
//! record), how they are cleaned together, and where `--out DIR` writes each.
//!
//! Nothing here words a message: problems come back as data ([`ReadError`],
//! [`TargetError`], the [`Read::converted`] encoding, the [`Read::bad`] records), and the
//! command says them.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use super::records::BadRecord;
use super::{Format, Page, Sidecar, SkipReason};
use crate::clean::{self, Article};

/// Files larger than this (or decompressing to more) are refused, as by `newsq index`
/// with its default `--max-file-size`.
pub const MAX_FILE: u64 = 64 << 20;

/// One article to clean: its name (the file, or `FILE:LINE` for a record), its text and
/// the metadata its format gave.
#[derive(Debug)]
pub struct Item {
    /// The file, or `FILE:LINE` for a record.
    pub name: PathBuf,
    /// The text to clean.
    pub text: String,
    given: Option<Attached>,
}

/// What a file's format said beside the text.
#[derive(Debug)]
enum Attached {
    Page(Page),
    Record(Sidecar),
    Exported(Box<Article>),
}

/// The articles of one file, and what the user should hear about reading it.
#[derive(Debug)]
pub struct Read {
    /// Its articles, in file order.
    pub items: Vec<Item>,
    /// The encoding the file was read as, when it was not UTF-8.
    pub converted: Option<&'static str>,
    /// Records of a file of records that were skipped, in file order.
    pub bad: Vec<BadRecord>,
}

/// Why a file could not be read. The `Display` is the reason alone, without the path.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A folder was named.
    #[error("is a folder (give article files)")]
    Folder,
    /// The file says it is larger than [`MAX_FILE`].
    #[error("{0} bytes is too large")]
    TooLarge(u64),
    /// Reading gave more than [`MAX_FILE`] bytes (a device or a pipe reports no size).
    #[error("more than {MAX_FILE} bytes is too large")]
    TooLong,
    /// What `newsq index` would skip the file for (damaged gzip, binary, empty...).
    #[error("{0}: {1}")]
    Skip(SkipReason, String),
}

impl From<(SkipReason, String)> for ReadError {
    fn from((reason, detail): (SkipReason, String)) -> ReadError {
        ReadError::Skip(reason, detail)
    }
}

/// Reads a file's articles: one for text and HTML, one per record for JSON.
pub fn read(path: &Path) -> Result<Read, ReadError> {
    let meta = std::fs::metadata(path)?;
    if meta.is_dir() {
        return Err(ReadError::Folder);
    }
    if meta.len() > MAX_FILE {
        return Err(ReadError::TooLarge(meta.len()));
    }
    // Read through a limit too: a device or a pipe reports no size (`/dev/zero`).
    let mut bytes = Vec::new();
    std::fs::File::open(path).and_then(|f| f.take(MAX_FILE + 1).read_to_end(&mut bytes))?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(ReadError::TooLong);
    }
    let bytes = if super::is_gzip(path, &bytes) {
        super::gunzip(&bytes, MAX_FILE)?
    } else {
        bytes
    };
    let converted = |text: &super::Text| text.converted.then_some(text.encoding);
    if super::format::detect(path, &bytes) != Format::Records {
        let (text, page) = super::decode_article(path, &bytes)?;
        return Ok(Read {
            converted: converted(&text),
            items: vec![Item {
                name: path.to_path_buf(),
                text: text.text,
                given: page.map(Attached::Page),
            }],
            bad: Vec::new(),
        });
    }
    let text = super::decode(&bytes)?;
    let mut read = Read {
        items: Vec::new(),
        converted: converted(&text),
        bad: Vec::new(),
    };
    for r in super::records::parse(&text.text, &super::FieldMap::default()) {
        match r {
            Ok(rec) => read.items.push(Item {
                name: super::records::record_path(path, rec.at),
                given: Some(match rec.exported_article() {
                    Some(article) => Attached::Exported(Box::new(article)),
                    None => Attached::Record(rec.meta),
                }),
                text: rec.text,
            }),
            Err(bad) => read.bad.push(bad),
        }
    }
    Ok(read)
}

/// Cleans the items together (lines recurring across them are template lines); newsq's
/// own export is taken as it was exported, as `newsq index` reads it.
pub fn clean(items: &[Item]) -> Vec<Article> {
    let plain: Vec<&str> = items.iter().map(|t| t.text.as_str()).collect();
    let given: Vec<clean::Given> = items.iter().map(declared).collect();
    let mut articles = clean::clean_all_with(&plain, &given);
    for ((item, article), given) in items.iter().zip(&mut articles).zip(&given) {
        if let Some(Attached::Exported(exported)) = &item.given {
            *article = (**exported).clone();
            clean::overlay(article, given);
        }
    }
    articles
}

/// What an item's source declares, for the cleaner to lay over its article (an export's
/// article, already whole, takes only the path's date).
fn declared(item: &Item) -> clean::Given {
    let mut given = match &item.given {
        Some(Attached::Page(page)) => page.to_given(),
        Some(Attached::Record(meta)) => clean::Given {
            record: Some(meta.clone()),
            ..Default::default()
        },
        Some(Attached::Exported(_)) | None => clean::Given::default(),
    };
    given.path_date = super::path::date(&item.name);
    given
}

/// Why `--out DIR` cannot take the cleaned articles (nothing is written then).
#[derive(Debug, thiserror::Error)]
pub enum TargetError {
    /// An item's name has no file name to write it under.
    #[error("a file to clean has no file name")]
    NoName,
    /// The target is one of the files being cleaned (`--out .` beside the articles).
    #[error("{} is a file being cleaned", .0.display())]
    OverInput(PathBuf),
    /// Two articles would be written to one file.
    #[error("{} and {} would both be written to {}", .first.display(), .second.display(), .target.display())]
    Clash {
        /// The first article.
        first: PathBuf,
        /// The second.
        second: PathBuf,
        /// The file both would be written to.
        target: PathBuf,
    },
}

/// Where `--out DIR` writes each item, checked before anything is written: never over
/// a file being cleaned (`--out .` beside the articles), and never two articles to one
/// file (`a/story.txt` and `b/story.html` are both `story.txt`).
pub fn out_targets(
    dir: &Path,
    items: &[Item],
    inputs: &[PathBuf],
) -> Result<Vec<PathBuf>, TargetError> {
    let inputs: HashSet<PathBuf> = inputs
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
    let mut taken: HashMap<PathBuf, &Path> = HashMap::new();
    let mut targets = Vec::with_capacity(items.len());
    for item in items {
        let name = item.name.file_name().ok_or(TargetError::NoName)?;
        let target = dir.join(out_name(Path::new(name)));
        if std::fs::canonicalize(&target).is_ok_and(|t| inputs.contains(&t)) {
            return Err(TargetError::OverInput(target));
        }
        if let Some(first) = taken.insert(target.clone(), &item.name) {
            return Err(TargetError::Clash {
                first: first.to_path_buf(),
                second: item.name.clone(),
                target,
            });
        }
        targets.push(target);
    }
    Ok(targets)
}

/// The name of a cleaned file in `--out DIR`: text files keep theirs; pages, compressed
/// files and records become `.txt` (`story.html.gz` → `story.txt`, `feed.jsonl:3` →
/// `feed.jsonl:3.txt`), since what is written is plain text.
fn out_name(name: &Path) -> OsString {
    let stem = if super::format::is_gz_name(name) {
        name.file_stem().map_or(name, Path::new)
    } else {
        name
    };
    match super::format::by_name(stem) {
        Some(Format::Text) if stem == name => name.as_os_str().to_owned(),
        Some(Format::Text | Format::Html) => stem.with_extension("txt").into_os_string(),
        _ => {
            let mut out = stem.as_os_str().to_owned();
            out.push(".txt");
            out
        }
    }
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
