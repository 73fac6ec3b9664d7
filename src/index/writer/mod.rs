//! Building and updating the index from a corpus: walk, compare with what is indexed,
//! read and clean what is new or changed (in parallel on all cores), write with one
//! tantivy writer, commit in batches.
//!
//! The index is its own manifest: every article's document carries its file's size,
//! modification time, content hash, line keys and a fingerprint of which of its lines were
//! template lines when it was cleaned. A run therefore:
//!
//! 1. reads the manifest from fast fields and walks the roots;
//! 2. deletes articles under the roots whose file is gone, and reads the new and changed
//!    files (size or modification time differ);
//! 3. counts lines across the whole corpus, in path order (stored keys for unchanged
//!    articles, fresh keys for the rest), so template lines come out as a fresh run would
//!    find them;
//! 4. cleans again the unchanged articles whose template lines changed;
//! 5. commits every [`BuildOptions::commit_every`] articles, marking the last commit of a
//!    finished run as complete in the commit payload.
//!
//! A run killed at any point leaves the last commit; the next run finds the files it had
//! not reached as new or changed, and re-checks every article's template fingerprint
//! because the last commit is not marked complete.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use tantivy::{IndexWriter, Term};

use crate::clean::spill::Keys;
use crate::corpus::{self, Skipped, WalkOptions};

// What a run reports about single files, and why it may stop.
mod event;
// The segments merged at the end of a run.
mod merge;
// What a run does: the files to read, unchanged, gone, and the articles to clean again.
mod plan;
// `newsq prune`.
mod prune;
// Pass 1: the new and changed files read for their line keys.
mod read_pass;
// Files of JSON records: many articles per file, on a path of their own.
mod records;
// Pass 2: articles cleaned, written and committed.
mod write_pass;

pub use event::{BuildError, Event};
use merge::{final_merges, release_freed_memory};
use plan::read_manifest;

pub use prune::{Pruned, prune};

/// What `newsq index` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// Files and folders to index.
    pub roots: Vec<PathBuf>,
    /// How to walk folders.
    pub walk: WalkOptions,
    /// Files larger than this are skipped.
    pub max_file_size: u64,
    /// Start from an empty index.
    pub rebuild: bool,
    /// Memory for tantivy's writer, in bytes.
    pub writer_memory: usize,
    /// Threads to work on at most (`None`: one per core).
    pub threads: Option<usize>,
    /// Commit after this many articles, so a long run keeps its progress.
    pub commit_every: usize,
    /// The JSON keys the fields of records are read from.
    pub fields: corpus::FieldMap,
    /// Articles per segment that the end of a run merges segments up to: an index of up
    /// to this many articles ends as one segment.
    pub merge_group: usize,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            roots: vec![PathBuf::from("corpus")],
            walk: WalkOptions::default(),
            max_file_size: 64 << 20,
            rebuild: false,
            writer_memory: 160 << 20,
            threads: None,
            commit_every: 50_000,
            fields: corpus::FieldMap::default(),
            merge_group: MERGE_ALL_BELOW,
        }
    }
}

/// Receives progress while the index is built (a progress bar, or nothing). A run goes
/// through up to three stages, each over a number of files: `reading` the new and
/// changed files, `cleaning` and writing them (with the unchanged files cleaned again),
/// and reading and writing the files of `records`.
pub trait Progress: Sync {
    /// A stage begins, over `files` files.
    fn start(&self, _stage: &str, _files: u64) {}
    /// `n` more files of the stage are done.
    fn advance(&self, _n: u64) {}
    /// Something the user should know about one file (it was skipped, converted, ...).
    fn event(&self, _event: &Event) {}
}

/// A [`Progress`] that reports nothing.
pub struct Silent;
impl Progress for Silent {}

/// What a build did, for the one-line summary.
///
/// The files add up: every path the walk met is counted once, as `indexed`, `unchanged`
/// or `skipped`, and `seen` is their sum.
#[derive(Debug, Default)]
pub struct Summary {
    /// Paths the walk met: article files, and the links, folders and named paths it
    /// skipped.
    pub seen: usize,
    /// Files read and written to the index (new or changed), files of records included.
    pub indexed: usize,
    /// Files found unchanged and not read again (some may have been cleaned again).
    pub unchanged: usize,
    /// Files and folders skipped, with reasons.
    pub skipped: Vec<Skipped>,
    /// Articles written to the index: one per file of text or HTML (cleaned again ones
    /// included), one per record.
    pub articles: usize,
    /// Files of JSON records among the files seen and not skipped.
    pub record_files: usize,
    /// Records (articles) those files hold: written now, or kept from an earlier run.
    pub records: usize,
    /// Unchanged articles cleaned again because the corpus's template lines changed.
    pub recleaned: usize,
    /// Articles deleted because their file is gone.
    pub deleted: usize,
    /// Articles outside the paths of this run whose files are gone (their folder, or the
    /// root they were indexed from, no longer exists): kept, until `newsq prune`.
    pub stale: usize,
    /// The topmost folders and roots that are gone with them, sorted (a few).
    pub stale_under: Vec<PathBuf>,
    /// Articles kept as an earlier newsq's cleaner cleaned them (their files unchanged):
    /// a rebuild would clean them with this one.
    pub cleaned_before: usize,
    /// Files indexed that were not UTF-8 and were converted.
    pub converted: usize,
    /// Boilerplate lines removed from the articles written.
    pub removed_lines: usize,
    /// Records of JSON files skipped (not JSON, not an object, no text).
    pub bad_records: usize,
    /// Template lines known in the corpus.
    pub template_lines: usize,
    /// Commits made.
    pub commits: usize,
    /// Wall time.
    pub elapsed: Duration,
}

/// Indexes of up to this many articles are merged into one segment after each run
/// (the default of [`BuildOptions::merge_group`]).
const MERGE_ALL_BELOW: usize = 200_000;

/// Commit payload of the last commit of a run that finished.
pub(super) const COMPLETE: &str = "newsq:complete";
/// Commit payload of a batch commit inside a run.
const PARTIAL: &str = "newsq:partial";

/// One indexed article as the manifest knows it.
#[derive(Debug, Clone)]
struct Entry {
    size: u64,
    mtime_ns: i64,
    segment: u32,
    doc: u32,
    template: u64,
}

/// Builds (or updates) the index in `dir` from the corpus named in `opts`.
pub fn build(dir: &Path, opts: &BuildOptions, progress: &dyn Progress) -> anyhow::Result<Summary> {
    let started = Instant::now();
    // A rebuild commits once, at the end: a commit midway would publish an index that has
    // lost the articles not yet read again.
    let rebuild_opts;
    let opts = if opts.rebuild {
        rebuild_opts = BuildOptions {
            commit_every: usize::MAX,
            ..opts.clone()
        };
        &rebuild_opts
    } else {
        opts
    };
    plan::check_roots(&opts.roots, dir)?;
    let mut start = plan::start(dir, opts)?;

    let (mut listing, skipped) = plan::walk(opts)?;
    for s in &skipped {
        progress.event(&Event::Skipped(s));
    }
    let mut summary = Summary {
        seen: listing.len() + skipped.len(),
        ..Summary::default()
    };
    let record_files = records::plan(&mut start.manifest, &mut listing, &opts.roots);
    listing
        .spill_to(dir)
        .context("writing the file listing to a temporary file")?;
    // The blocks just written out were freed on this thread's heap, which the cleaning and
    // writing threads do not allocate from: hand them back.
    release_freed_memory();

    let mut changes = plan::Changes::find(&listing, &start.manifest, &start.named_keys);
    summary.unchanged = changes.unchanged.len();
    for k in &changes.gone {
        start
            .writer
            .delete_term(Term::from_field_bytes(start.fields.path_raw, k));
    }
    summary.deleted = changes.gone.len();
    record_files.delete_gone(&start.writer, &start.fields, &mut summary);
    (summary.stale, summary.stale_under) = std::mem::take(&mut start.stale);
    if start.older_cleaner {
        summary.cleaned_before = changes.unchanged.len();
    }
    if changes.to_read.is_empty()
        && changes.gone.is_empty()
        && start.complete
        && record_files.is_idle()
    {
        summary.elapsed = started.elapsed();
        summary.skipped = skipped;
        if start.never_committed {
            commit(&mut start.writer, COMPLETE)?;
            summary.commits += 1;
        }
        return Ok(summary);
    }
    progress.start("reading", changes.to_read.len() as u64);

    // The line keys of the files read and of the unchanged articles, until they are
    // counted (in path order): on disk, beyond a few MB.
    let keys = std::sync::Mutex::new(Keys::spilling_to(dir));
    let (fresh, cache) = start
        .readers
        .install(|| read_pass::read(&changes.to_read, &listing, opts, &keys, progress))
        .context("writing the line keys to a temporary file")?;
    let mut keys = keys
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let stored_keys = read_pass::stored_line_keys(
        &start.searcher,
        &start.fields,
        &start.manifest,
        &changes.unchanged,
        &listing,
        &mut keys,
    )?;
    // A live searcher keeps its segments' files; let merges remove them.
    drop(start.searcher);
    drop(start.reader);
    let counted = plan::count_lines(dir, &changes, &fresh, &keys, &stored_keys)?;
    drop(keys);
    drop(stored_keys);
    drop(fresh);
    summary.template_lines = counted.stats.template_lines();
    let work = plan::work(&changes, &counted, &listing, &start.manifest)?;
    changes.to_read = Vec::new();
    let written = write_pass::write(
        &work,
        &listing,
        &cache,
        opts,
        &counted,
        &start.fields,
        &start.cleaners,
        &mut start.writer,
        progress,
    )?;
    let records_done = start
        .cleaners
        .install(|| record_files.run(opts, &start.fields, &mut start.writer, progress))?;
    commit(&mut start.writer, COMPLETE)?;
    summary.commits += 1;
    if opts.rebuild {
        super::state::record_roots(dir, &start.root_keys, true)?;
    }
    // The run's working sets are done with; free them before merging, which needs room.
    drop(work);
    drop(cache);
    drop(counted);
    drop(changes);
    drop(listing);
    drop(start.manifest);
    release_freed_memory();
    // Merged by the run's own writer, so the writer lock is held until the run ends: a
    // second run (a --rebuild above all) never finds the folder unlocked midway.
    final_merges(
        &start.index,
        &mut start.writer,
        opts.merge_group.max(1),
        start.merges_at_once,
    )?;
    start
        .writer
        .wait_merging_threads()
        .context("finishing the index's writer")?;

    summary.skipped = skipped;
    written.add_to(&mut summary);
    records_done.add_to(&mut summary);
    summary.elapsed = started.elapsed();
    Ok(summary)
}

fn commit(writer: &mut IndexWriter, payload: &str) -> anyhow::Result<()> {
    let mut prepared = writer.prepare_commit().context("committing to the index")?;
    prepared.set_payload(payload);
    prepared.commit().context("committing to the index")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    /// Stages as (name, files, files done).
    struct Stages(Mutex<Vec<(String, u64, u64)>>);

    impl Progress for Stages {
        fn start(&self, stage: &str, files: u64) {
            self.0.lock().unwrap().push((stage.to_owned(), files, 0));
        }
        fn advance(&self, n: u64) {
            self.0.lock().unwrap().last_mut().unwrap().2 += n;
        }
    }

    #[test]
    fn progress_counts_files_stage_by_stage() {
        let tmp = tempfile::tempdir().unwrap();
        let news = tmp.path().join("news");
        std::fs::create_dir(&news).unwrap();
        for name in ["a", "b", "c"] {
            std::fs::write(
                news.join(format!("{name}.txt")),
                format!("Story {name}\n\nThe council approved the budget for {name} on Tuesday.\n"),
            )
            .unwrap();
        }
        std::fs::write(
            news.join("feed.jsonl"),
            "{\"text\": \"The ferry strike ended on Monday.\"}\n{\"text\": \"The harbour opened.\"}\n",
        )
        .unwrap();
        let opts = BuildOptions {
            roots: vec![news],
            writer_memory: 30 << 20,
            ..BuildOptions::default()
        };
        let stages = Stages(Mutex::new(Vec::new()));
        let summary = build(&tmp.path().join("index"), &opts, &stages).unwrap();
        assert_eq!(
            stages.0.into_inner().unwrap(),
            [
                ("reading".to_owned(), 3, 3),
                ("cleaning".to_owned(), 3, 3),
                ("records".to_owned(), 1, 1)
            ]
        );
        assert_eq!((summary.seen, summary.indexed, summary.articles), (4, 4, 5));
        assert_eq!((summary.record_files, summary.records), (1, 2));
    }

    /// Builds an index of `files` one-article files committed every `every` articles and
    /// merged in groups of `group`; returns the article counts of its segments, sorted.
    fn segments_after_run(files: usize, every: usize, group: usize) -> Vec<u32> {
        let tmp = tempfile::tempdir().unwrap();
        let news = tmp.path().join("news");
        std::fs::create_dir(&news).unwrap();
        for i in 0..files {
            std::fs::write(
                news.join(format!("{i:02}.txt")),
                format!("Story {i}\n\nThe council approved budget number {i} on Tuesday.\n"),
            )
            .unwrap();
        }
        let dir = tmp.path().join("index");
        let opts = BuildOptions {
            roots: vec![news],
            writer_memory: 30 << 20,
            commit_every: every,
            merge_group: group,
            ..BuildOptions::default()
        };
        let summary = build(&dir, &opts, &Silent).unwrap();
        assert_eq!(summary.articles, files);
        let opened = super::super::open(&dir).unwrap();
        let mut docs: Vec<u32> = opened
            .index
            .searchable_segment_metas()
            .unwrap()
            .iter()
            .map(|m| m.num_docs())
            .collect();
        docs.sort_unstable();
        docs
    }

    #[test]
    fn a_run_ends_with_its_segments_merged_in_groups() {
        // Five commits (2, 2, 2, 2 and 1 articles) end as one segment.
        assert_eq!(segments_after_run(9, 2, 200_000), [9]);
        // Two groups of up to four (merged side by side), and a segment left alone.
        assert_eq!(segments_after_run(9, 2, 4), [2, 3, 4]);
        // Three groups of two (merged one after another).
        assert_eq!(segments_after_run(6, 1, 2), [2, 2, 2]);
    }

    #[test]
    fn fields_no_article_fills_are_known_when_the_index_is_opened() {
        let tmp = tempfile::tempdir().unwrap();
        let news = tmp.path().join("news");
        std::fs::create_dir(&news).unwrap();
        std::fs::write(
            news.join("a.txt"),
            "Ferry strike ends\n\nBy Jane Roe\n\nThe ferry strike ended on Monday after the \
             union accepted the offer made by the port authority last week.\n",
        )
        .unwrap();
        let dir = tmp.path().join("index");
        let opts = BuildOptions {
            roots: vec![news],
            writer_memory: 30 << 20,
            ..BuildOptions::default()
        };
        build(&dir, &opts, &Silent).unwrap();
        let opened = super::super::open(&dir).unwrap();
        let f = opened.fields;
        assert!(!f.holds_no_terms(f.author), "the byline gives an author");
        assert!(f.holds_no_terms(f.tag) && f.holds_no_terms(f.section));
        // Story fields are never left out, whatever they hold.
        assert!(!f.holds_no_terms(f.title) && !f.holds_no_terms(f.body));
        // The author's name is found through the author field (parsed with the field's
        // own tokenizer, so the test needs nothing of `search`).
        let query = tantivy::query::QueryParser::for_index(&opened.index, vec![f.author])
            .parse_query("roe")
            .unwrap();
        let n = opened
            .reader
            .searcher()
            .search(&query, &tantivy::collector::Count)
            .unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn what_a_run_holds_per_file_stays_small() {
        // These live for the whole run, one per file: at a million files every byte
        // here is a megabyte of peak memory.
        assert!(std::mem::size_of::<write_pass::Work>() <= 8);
        assert!(std::mem::size_of::<plan::ToRead>() <= 8);
    }
}
