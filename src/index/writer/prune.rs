//! `newsq prune`: drops the articles whose files no longer exist, wherever they were indexed
//! from, and forgets the recorded roots that are gone.
//!
//! A run of `newsq index` deletes the articles of files gone from the paths it walks; it
//! cannot know about the others (`mv corpus corpus2 && newsq index corpus2` leaves the
//! `corpus/` articles behind). Prune looks at every article's file, once per file (the
//! records of one file share it), and deletes those whose file is not there: one system
//! call per file, no file is read.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tantivy::{IndexWriter, Term};

use super::{COMPLETE, MERGE_ALL_BELOW, PARTIAL, commit, final_merges, read_manifest};
use crate::corpus::path::path_from_bytes;
use crate::corpus::records::split_record_path;
use crate::index::check::verify_files;
use crate::index::state;

/// What a prune did (or, dry, would do).
#[derive(Debug, Default)]
pub struct Pruned {
    /// Articles in the index before.
    pub articles: usize,
    /// The articles dropped, by path as indexed, sorted.
    pub gone: Vec<PathBuf>,
    /// Recorded roots forgotten because they no longer exist.
    pub roots: Vec<PathBuf>,
    /// Wall time.
    pub elapsed: Duration,
}

/// Drops from the index in `dir` every article whose file no longer exists; with
/// `dry_run`, only says which (and changes nothing, takes no lock).
pub fn prune(dir: &Path, dry_run: bool) -> anyhow::Result<Pruned> {
    let started = Instant::now();
    // Opened for searching first: a missing or unusable index is reported as such, and
    // never created by a prune.
    let opened = crate::index::open(dir)?;
    if dry_run {
        let searcher = opened.reader.searcher();
        let manifest = read_manifest(&searcher, &opened.fields)?;
        let mut pruned = gone_of(manifest.keys());
        pruned.roots = gone_roots(dir)?;
        pruned.elapsed = started.elapsed();
        return Ok(pruned);
    }
    drop(opened);
    let (index, fields) = crate::index::open_for_write(dir, false)?;
    // As a run of `newsq index` does, before anything is read.
    verify_files(dir, &index)?;
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let manifest = read_manifest(&searcher, &fields)?;
    let mut pruned = gone_of(manifest.keys());
    drop(searcher);
    drop(reader);
    if !pruned.gone.is_empty() {
        let complete = index
            .load_metas()
            .is_ok_and(|m| m.payload.as_deref() == Some(COMPLETE));
        let mut writer: IndexWriter = index
            .writer_with_num_threads(1, 30 << 20)
            .map_err(|e| crate::index::writer_error(dir, e))?;
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for path in &pruned.gone {
            writer.delete_term(Term::from_field_bytes(
                fields.path_raw,
                crate::corpus::path::path_bytes(path),
            ));
        }
        // A prune finishes no interrupted run: the next `newsq index` must still know.
        commit(&mut writer, if complete { COMPLETE } else { PARTIAL })?;
        final_merges(&index, &mut writer, MERGE_ALL_BELOW, 2)?;
        writer.wait_merging_threads()?;
    }
    pruned.roots = state::forget_roots(dir, |r| !is_gone(r))?;
    pruned.elapsed = started.elapsed();
    Ok(pruned)
}

/// The articles among `keys` whose file is gone (the records of a file share one look).
fn gone_of<'a>(keys: impl Iterator<Item = &'a Vec<u8>>) -> Pruned {
    let mut files: HashMap<Vec<u8>, bool> = HashMap::new();
    let mut pruned = Pruned::default();
    for key in keys {
        pruned.articles += 1;
        let file = split_record_path(key).map_or(key.as_slice(), |(f, _)| f);
        let gone = *files
            .entry(file.to_vec())
            .or_insert_with(|| is_gone(&path_from_bytes(file)));
        if gone {
            pruned.gone.push(path_from_bytes(key));
        }
    }
    pruned.gone.sort();
    pruned
}

/// The recorded roots that no longer exist.
fn gone_roots(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    Ok(state::roots(dir)?
        .unwrap_or_default()
        .into_iter()
        .filter(|r| is_gone(r))
        .collect())
}

/// Whether nothing is at `path` any more. A file that cannot be looked at (permissions,
/// an unmounted network share that answers with an error) is not gone.
fn is_gone(path: &Path) -> bool {
    std::fs::metadata(path).is_err_and(|e| {
        matches!(
            e.kind(),
            std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
        )
    })
}
