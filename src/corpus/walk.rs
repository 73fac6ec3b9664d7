//! Walking the paths named on the command line, recursively, the way `fd` would: hidden
//! entries are skipped, symbolic links are not followed unless asked, and every entry that
//! cannot be read becomes a [`Skipped`] instead of an error.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use rayon::prelude::*;

use super::{Listing, SkipReason, Skipped};

/// How to walk.
#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions {
    /// Follow symbolic links (loops are detected and skipped).
    pub follow_links: bool,
}

/// A file the walk found that should be read as an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// The path as the walk reached it (under the root the user named).
    pub path: PathBuf,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch (0 when unknown), mixed with
    /// the sidecar file's when there is one, so that editing either counts as a change.
    pub mtime_ns: i64,
    /// Whether a sidecar file sat beside it when the walk passed (a file named on the
    /// command line is always looked for one).
    pub sidecar: bool,
}

/// The change stamp of an article: its modification time, mixed with its sidecar's
/// (when it has one), and whether it has one. `sidecars`, the sidecar files a walk saw,
/// spares a look for the many articles without one; without it, the sidecar is looked for.
fn stamp(
    path: &Path,
    meta: &std::fs::Metadata,
    sidecars: Option<&HashSet<PathBuf>>,
) -> (i64, bool) {
    let own = mtime_ns(meta);
    let side = super::sidecar::path_for(path);
    if sidecars.is_some_and(|seen| !seen.contains(&side)) {
        return (own, false);
    }
    match std::fs::metadata(&side) {
        Ok(side) => (own ^ mtime_ns(&side).rotate_left(29) ^ 0x5eed, true),
        Err(_) => (own, false),
    }
}

/// Whether a file found inside a folder is an article file newsq reads, by its name: text
/// (`.txt`, `.md`), HTML (`.html`, `.htm`), JSON records (`.json`, `.jsonl`, `.ndjson`),
/// and `.gz` of any of them; never a sidecar (`*.meta.json`). Files named explicitly on
/// the command line are read whatever their name.
pub fn is_article_path(path: &Path) -> bool {
    super::format::by_name(path).is_some() && !super::sidecar::is_sidecar(path)
}

/// Whether a folder holds a newsq index (its state file): an index inside the corpus
/// folder is not part of the corpus, and its `.json` files are no articles.
fn is_index_dir(path: &Path) -> bool {
    path.join("newsq.json").is_file() && path.join("meta.json").is_file()
}

fn is_hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

fn mtime_ns(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Why a path the walk met could not be followed or read. A link that leads to itself,
/// or into a cycle of links that never reaches a file, is a symlink loop like one that
/// leads back to a folder above it (the system says "too many levels of symbolic links").
fn io_skip(e: &std::io::Error) -> (SkipReason, String) {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ELOOP) {
        return (
            SkipReason::SymlinkLoop,
            "link leads back to itself".to_owned(),
        );
    }
    (SkipReason::Unreadable, e.to_string())
}

/// Walks every root and returns the article files found (sorted by path, each once) and
/// the entries that were skipped.
pub fn walk(roots: &[PathBuf], opts: WalkOptions) -> (Listing, Vec<Skipped>) {
    let mut found = Found::default();
    let mut skipped = Vec::new();
    for root in roots {
        walk_root(root, opts, &mut found, &mut skipped);
    }
    // Files are looked at in parallel: a stat each, and the sidecar's only where the
    // folder's listing showed one (most articles have none: probing for it was a failed
    // system call per file). A few thousand at a time, so that what they come to stays
    // small beside the listing.
    let stat = |path: &Path| {
        if opts.follow_links {
            std::fs::metadata(path)
        } else {
            std::fs::symlink_metadata(path)
        }
    };
    let mut listing = found.files;
    let mut failed = Vec::new();
    for from in (0..listing.len()).step_by(STAT_BATCH) {
        let to = (from + STAT_BATCH).min(listing.len());
        let looked: Vec<Result<(u64, i64, bool), Skipped>> = (from..to)
            .into_par_iter()
            .map(|i| {
                let path = listing.path(i);
                match stat(&path) {
                    Ok(meta) => {
                        let (mtime_ns, sidecar) = stamp(&path, &meta, Some(&found.sidecars));
                        Ok((meta.len(), mtime_ns, sidecar))
                    }
                    Err(err) => Err(Skipped {
                        path,
                        reason: SkipReason::Unreadable,
                        detail: err.to_string(),
                        leads_to: None,
                    }),
                }
            })
            .collect();
        for (i, l) in (from..to).zip(looked) {
            match l {
                Ok((size, mtime_ns, sidecar)) => listing.set_facts(i, size, mtime_ns, sidecar),
                Err(s) => {
                    failed.push(i);
                    skipped.push(s);
                }
            }
        }
    }
    if !failed.is_empty() {
        let mut failed = failed.into_iter().peekable();
        listing.retain(|i| {
            let gone = failed.peek() == Some(&i);
            if gone {
                failed.next();
            }
            !gone
        });
    }
    // One root walked in name order comes out sorted; several may overlap or interleave.
    if roots.len() > 1 || !found.named.is_empty() {
        let mut candidates: Vec<Candidate> = listing.candidates().collect();
        candidates.extend(found.named);
        if !candidates.is_sorted_by(|a, b| a.path < b.path) {
            candidates.sort_by(|a, b| a.path.cmp(&b.path));
            candidates.dedup_by(|a, b| a.path == b.path);
        }
        listing = Listing::of(candidates);
    }
    listing.shrink_to_fit();
    (listing, skipped)
}

/// Files looked at (a stat each) in one parallel batch.
const STAT_BATCH: usize = 4096;

/// What walking the roots found, before the files are looked at.
#[derive(Default)]
struct Found {
    /// Article files met in folders, in walk order (their sizes not yet known).
    files: Listing,
    /// Sidecar files met in folders.
    sidecars: HashSet<PathBuf>,
    /// Files named on the command line, looked at already.
    named: Vec<Candidate>,
}

fn walk_root(root: &Path, opts: WalkOptions, found: &mut Found, skipped: &mut Vec<Skipped>) {
    // A root is followed even when it is a link, like ripgrep and fd do: the user named it.
    let meta = match std::fs::metadata(root) {
        Ok(meta) => meta,
        Err(e) => {
            let (reason, detail) = if e.kind() == std::io::ErrorKind::NotFound {
                (SkipReason::NotFound, e.to_string())
            } else {
                io_skip(&e)
            };
            skipped.push(Skipped {
                path: root.to_path_buf(),
                reason,
                detail,
                leads_to: None,
            });
            return;
        }
    };
    if meta.is_file() {
        if super::records::looks_like_record_path(root) {
            skipped.push(Skipped {
                path: root.to_path_buf(),
                reason: SkipReason::AmbiguousName,
                detail: "the name ends like an article of a JSON file (FILE:LINE); rename it"
                    .into(),
                leads_to: None,
            });
            return;
        }
        let (mtime_ns, sidecar) = stamp(root, &meta, None);
        found.named.push(Candidate {
            path: root.to_path_buf(),
            size: meta.len(),
            mtime_ns,
            sidecar,
        });
        return;
    }
    let walker = walkdir::WalkDir::new(root)
        .follow_links(opts.follow_links)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            (e.depth() == 0 || !is_hidden(e.file_name()))
                && !(e.file_type().is_dir() && is_index_dir(e.path()))
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                let (reason, detail) = match (err.loop_ancestor(), err.io_error()) {
                    // Worded by the caller around the ancestor's path.
                    (Some(_), _) => (SkipReason::SymlinkLoop, String::new()),
                    (None, Some(e)) => io_skip(e),
                    (None, None) => (SkipReason::Unreadable, err.to_string()),
                };
                skipped.push(Skipped {
                    path,
                    reason,
                    detail,
                    leads_to: err.loop_ancestor().map(Path::to_path_buf),
                });
                continue;
            }
        };
        // A sidecar counts whatever it is (a link to one is read through the link).
        if super::sidecar::is_sidecar(entry.path()) {
            found.sidecars.insert(entry.path().to_path_buf());
        }
        let file_type = entry.file_type();
        if file_type.is_symlink() {
            skipped.push(Skipped {
                path: entry.path().to_path_buf(),
                reason: SkipReason::Symlink,
                detail: "use --follow".into(),
                leads_to: None,
            });
            continue;
        }
        if !file_type.is_file() || !is_article_path(entry.path()) {
            continue;
        }
        found.files.push(entry.path(), 0, 0, false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_extensions_are_case_insensitive() {
        assert!(is_article_path(Path::new("a/b.TXT")));
        assert!(is_article_path(Path::new("b.md")));
        assert!(!is_article_path(Path::new("b.pdf")));
        assert!(!is_article_path(Path::new("txt")));
        assert!(is_article_path(Path::new("feed.JSONL.gz")));
        assert!(is_article_path(Path::new("page.htm")));
        assert!(!is_article_path(Path::new("a.txt.meta.json")));
    }
}
