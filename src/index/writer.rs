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

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use rayon::prelude::*;
use tantivy::{IndexWriter, Term};
use xxhash_rust::xxh3::xxh3_64;

use super::schema::FileFacts;
use super::{Fields, path_bytes, path_from_bytes, path_key};
use crate::clean::{self, CorpusStats, LineCounter};
use crate::corpus::{self, Candidate, Skipped, Text, WalkOptions};

// `newsq prune`.
mod prune;
// Files of JSON records: many articles per file, on a path of their own.
mod records;

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
    fn warn(&self, _message: &str) {}
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
    check_roots(&opts.roots, dir)?;
    // The writer lock is taken here, before anything in the folder changes, so a second
    // run fails at once; the writer below takes it over.
    let (index, fields) = super::open_for_write(dir, opts.rebuild)?;
    // The roots that exist are what a later `newsq index` with no path walks again. An
    // update records them now, so a run stopped midway is resumed by one with no path; a
    // rebuild replaces them once its articles are committed.
    let named_keys: Vec<PathBuf> = opts.roots.iter().map(|r| path_key(r)).collect();
    let root_keys: Vec<PathBuf> = named_keys
        .iter()
        .zip(&opts.roots)
        .filter(|(_, r)| std::fs::metadata(r).is_ok())
        .map(|(k, _)| k.clone())
        .collect();
    // Damage is looked for before anything is read or written: a merge would copy damaged
    // bytes into new files whose checksums hold. A rebuild reads nothing of the old index.
    if !opts.rebuild {
        super::check::verify_files(dir, &index)?;
    }
    let recorded = super::state::read(dir, true)?;
    let older_cleaner = recorded
        .as_ref()
        .is_some_and(|s| s.cleaner < crate::clean::VERSION);
    let recorded_roots = recorded.map_or_else(Vec::new, |s| s.roots());
    if !opts.rebuild {
        super::state::record_roots(dir, &root_keys, false)?;
    }
    // Half the cores index, half read and clean: each side is about half the work, and a
    // tantivy thread of its own per core only made the cleaners wait (and more segments
    // to merge).
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = (cores / 2).clamp(1, 8);
    // Cleaning for the writer gets the other cores, not all of them: the writer's threads
    // are the slower stage, and cleaners on their cores only took turns with them (and
    // ran ahead, filling tantivy's queue).
    let cleaners = rayon::ThreadPoolBuilder::new()
        .num_threads(cores.saturating_sub(threads).max(1))
        .build()
        .context("starting the cleaning threads")?;
    let mut writer: IndexWriter = index
        .writer_with_num_threads(threads, opts.writer_memory)
        .map_err(|e| super::writer_error(dir, e))?;
    // Merges are done once, at the end of the run: background merges would rewrite the
    // same articles again and again while the run is still writing.
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    let metas = index.load_metas().ok();
    let complete = !opts.rebuild
        && metas
            .as_ref()
            .is_some_and(|m| m.payload.as_deref() == Some(COMPLETE) || m.segments.is_empty());
    // A new index has no commit yet; one made now, even of nothing, tells a search that
    // finds it empty that this run finished (see `index::why_empty`).
    let never_committed = metas.is_some_and(|m| m.payload.is_none());
    let reader = index.reader().context("reading the index")?;
    let searcher = reader.searcher();
    // A rebuild reads every file again, and its first commit replaces every article the
    // index held (until then, an interrupted rebuild leaves the index as it was).
    let mut manifest = if opts.rebuild {
        writer
            .delete_all_documents()
            .map_err(|e| super::writer_error(dir, e))?;
        HashMap::new()
    } else {
        read_manifest(&searcher, &fields)?
    };
    let (stale, stale_under) = stale_articles(&manifest, &named_keys, &recorded_roots);

    let (candidates, mut skipped) = corpus::walk(&opts.roots, opts.walk);
    let candidates = distinct_files(candidates, opts.roots.len());
    if opts.rebuild && candidates.is_empty() {
        // A mistyped folder, an unmounted disk: emptying the index is never what was
        // meant.
        anyhow::bail!(
            "no article files found in {}: nothing to rebuild the index from; it is left as it was",
            opts.roots
                .iter()
                .map(|r| crate::output::sanitize::path(r))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    for s in &skipped {
        progress.warn(&skip_message(s));
    }
    let mut summary = Summary {
        seen: candidates.len() + skipped.len(),
        ..Summary::default()
    };
    let (candidates, record_files) = records::plan(&mut manifest, candidates, &opts.roots);

    // What changed since the last run.
    let keyed: Vec<(PathBuf, &Candidate)> =
        super::path_keys(candidates.iter().map(|c| c.path.as_path()))
            .into_iter()
            .zip(&candidates)
            .collect();
    let seen: HashSet<&[u8]> = keyed.iter().map(|(k, _)| path_bytes(k)).collect();
    let gone: Vec<&Vec<u8>> = manifest
        .keys()
        .filter(|k| !seen.contains(k.as_slice()))
        .filter(|k| {
            let p = path_from_bytes(k);
            named_keys.iter().any(|r| p.starts_with(r))
        })
        .collect();
    let (unchanged, to_read): (Vec<_>, Vec<_>) = keyed.iter().partition(|(k, c)| {
        manifest
            .get(path_bytes(k))
            .is_some_and(|e| e.size == c.size && e.mtime_ns == c.mtime_ns)
    });
    summary.unchanged = unchanged.len();
    for k in &gone {
        writer.delete_term(Term::from_field_bytes(fields.path_raw, k));
    }
    summary.deleted = gone.len();
    record_files.delete_gone(&writer, &fields, &mut summary);
    summary.stale = stale;
    summary.stale_under = stale_under;
    if older_cleaner {
        summary.cleaned_before = unchanged.len();
    }
    if to_read.is_empty() && gone.is_empty() && complete && record_files.is_idle() {
        summary.elapsed = started.elapsed();
        summary.skipped = skipped;
        if never_committed {
            commit(&mut writer, COMPLETE)?;
            summary.commits += 1;
        }
        return Ok(summary);
    }
    progress.start("reading", to_read.len() as u64);

    // Pass 1: line keys of every article in the corpus. The prepared texts are kept for
    // pass 2 while they fit the cache budget.
    let budget = AtomicUsize::new(CACHE_BYTES);
    let mut fresh: Vec<Option<Loaded>> = to_read
        .par_iter()
        .map(|(_, cand)| {
            let loaded = load(cand, opts.max_file_size).ok().map(|(text, facts, p)| {
                let prepared = clean::prepare(&text.text);
                let keys = prepared.keys();
                // Packed only while the budget lasts: packing copies the text once more.
                let packed = (budget.load(Ordering::Relaxed) > 0)
                    .then(|| prepared.pack())
                    .flatten()
                    .filter(|packed| {
                        let size = packed.memory_bytes()
                            + std::mem::size_of::<Cached>()
                            + clean::ALLOCATION_OVERHEAD;
                        budget
                            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |b| {
                                b.checked_sub(size)
                            })
                            .is_ok()
                    });
                let encoding = text.converted.then_some(text.encoding);
                Loaded {
                    keys,
                    cached: Mutex::new(packed.map(|packed| Box::new((packed, encoding, facts, p)))),
                }
            });
            progress.advance(1);
            loaded
        })
        .collect();
    let mut stored_keys = stored_line_keys(&searcher, &fields, &manifest, &unchanged)?;
    // A live searcher keeps its segments' files; let merges remove them.
    drop(searcher);
    drop(reader);

    // Count lines in path order, whatever was read now and what is stored, so template
    // lines come out as a fresh run over the same files would find them.
    enum Source {
        Fresh(usize),
        Stored(usize),
    }
    let mut order: Vec<(&Path, Source)> = to_read
        .iter()
        .enumerate()
        .filter(|(i, _)| fresh[*i].is_some())
        .map(|(i, (k, _))| (k.as_path(), Source::Fresh(i)))
        .chain(
            unchanged
                .iter()
                .enumerate()
                .map(|(j, (k, _))| (k.as_path(), Source::Stored(j))),
        )
        .collect();
    order.sort_by(|a, b| a.0.cmp(b.0));
    let mut counter = LineCounter::new();
    let mut fresh_doc = vec![usize::MAX; to_read.len()];
    let mut stored_doc = vec![usize::MAX; unchanged.len()];
    for (_, source) in order {
        match source {
            Source::Fresh(i) => {
                let keys = fresh[i]
                    .as_mut()
                    .map(|l| std::mem::take(&mut l.keys))
                    .unwrap_or_default();
                fresh_doc[i] = counter.add_keys(&keys);
            }
            Source::Stored(j) => {
                stored_doc[j] = counter.add_keys(&std::mem::take(&mut stored_keys[j]));
            }
        }
    }
    let stats = counter.finish();
    summary.template_lines = stats.template_lines();

    // Unchanged articles whose template lines changed are cleaned again.
    let reclean: Vec<(&PathBuf, &Candidate, usize)> = unchanged
        .iter()
        .enumerate()
        .filter(|(j, (k, _))| {
            let entry = &manifest[path_bytes(k)];
            stats.template_signature(counter.doc_keys(stored_doc[*j])) != entry.template
        })
        .map(|(j, (k, c))| (k, *c, stored_doc[j]))
        .collect();
    let work: Vec<Work> = to_read
        .iter()
        .enumerate()
        .map(|(i, (k, c))| Work {
            key: k,
            cand: c,
            cached: fresh[i].as_ref().map(|l| &l.cached),
            keys: (fresh_doc[i] != usize::MAX).then(|| counter.doc_keys(fresh_doc[i])),
            again: false,
            replaces: manifest.contains_key(path_bytes(k)),
        })
        .chain(reclean.iter().map(|&(k, c, doc)| Work {
            key: k,
            cand: c,
            cached: None,
            keys: Some(counter.doc_keys(doc)),
            again: true,
            replaces: true,
        }))
        .collect();

    // Pass 2: clean and write, committing every `commit_every` articles. The cleaners
    // hand their documents to this thread, which adds them and commits: while a commit
    // writes its segment, the cleaners go on into the queue instead of waiting for it
    // (at 16x the corpus, eight commits had stalled them 0.4 s each).
    progress.start("cleaning", work.len() as u64);
    let mut removed = 0;
    let mut converted = 0;
    let mut indexed = 0;
    let mut recleaned = 0;
    let mut unreadable_again = 0;
    let mut pass_skipped = Vec::new();
    let every = opts.commit_every.max(1);
    let mut since_commit = 0;
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(usize, Cleaned)>>(CLEANED_QUEUE);
        let (work, stats, fields, cleaners) = (&work, &stats, &fields, &cleaners);
        scope.spawn(move || {
            cleaners.install(|| {
                // Handed over a few at a time: one hand-over per article cost two thread
                // switches each. Stops early when this thread has gone (an error ended
                // the run).
                let _ = work
                    .par_chunks(CLEANED_CHUNK)
                    .enumerate()
                    .try_for_each_with(tx, |tx, (c, chunk)| {
                        let base = c * CLEANED_CHUNK;
                        let cleaned = chunk
                            .iter()
                            .enumerate()
                            .map(|(j, w)| {
                                (base + j, clean_one(w, opts.max_file_size, stats, fields))
                            })
                            .collect();
                        tx.send(cleaned)
                    });
            })
        });
        for (i, cleaned) in rx.into_iter().flatten() {
            let w = &work[i];
            let added = cleaned.and_then(|(doc, done)| {
                // A new path has nothing to replace: every indexed article is in the
                // manifest.
                if w.replaces {
                    writer.delete_term(Term::from_field_bytes(fields.path_raw, path_bytes(w.key)));
                }
                match writer.add_document(doc) {
                    Ok(_) => Ok(done),
                    Err(e) => Err(Skipped {
                        path: w.cand.path.clone(),
                        reason: corpus::SkipReason::Unreadable,
                        detail: format!("could not be added to the index: {e}"),
                    }),
                }
            });
            match added {
                Ok(done) => {
                    if w.again {
                        recleaned += 1;
                    } else {
                        indexed += 1;
                    }
                    removed += done.removed;
                    if let Some(warning) = &done.warning {
                        progress.warn(warning);
                    }
                    if let Some(enc) = done.converted_from {
                        converted += 1;
                        progress.warn(&format!(
                            "{}: not UTF-8, read as {enc}",
                            crate::output::sanitize::path(&w.cand.path)
                        ));
                    }
                }
                Err(s) => {
                    // A file that can no longer be read must not keep a stale article; an
                    // unchanged one that cannot be read again counts as skipped only.
                    writer.delete_term(Term::from_field_bytes(fields.path_raw, path_bytes(w.key)));
                    if w.again {
                        unreadable_again += 1;
                    }
                    progress.warn(&skip_message(&s));
                    pass_skipped.push(s);
                }
            }
            progress.advance(1);
            since_commit += 1;
            if since_commit == every {
                commit(&mut writer, PARTIAL)?;
                summary.commits += 1;
                since_commit = 0;
            }
        }
        Ok(())
    })?;
    if since_commit > 0 && !opts.rebuild {
        commit(&mut writer, PARTIAL)?;
        summary.commits += 1;
    }
    let records_done =
        cleaners.install(|| record_files.run(opts, &fields, &mut writer, progress))?;
    commit(&mut writer, COMPLETE)?;
    summary.commits += 1;
    if opts.rebuild {
        super::state::record_roots(dir, &root_keys, true)?;
    }
    // The run's working sets are done with; free them before merging, which needs room.
    drop(work);
    drop(fresh);
    drop(counter);
    drop(stats);
    drop(keyed);
    drop(candidates);
    drop(manifest);
    release_freed_memory();
    // Merged by the run's own writer, so the writer lock is held until the run ends: a
    // second run (a --rebuild above all) never finds the folder unlocked midway.
    final_merges(&index, &mut writer, opts.merge_group.max(1))?;
    writer
        .wait_merging_threads()
        .context("finishing the index's writer")?;

    skipped.extend(pass_skipped);
    summary.skipped = skipped;
    summary.indexed = indexed;
    summary.recleaned = recleaned;
    summary.unchanged -= unreadable_again;
    summary.articles = summary.indexed + summary.recleaned;
    summary.removed_lines = removed;
    summary.converted = converted;
    records_done.add_to(&mut summary);
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// After a run: every segment costs a search its own files to open, so segments are merged
/// into as few as make sense: one for an index of up to `group` articles, else
/// groups of about that size (so one merge never maps more than that much of the index,
/// which bounds the memory a run needs). Segments holding deleted or replaced articles are
/// always rewritten: their words still count in the ranking statistics until a merge drops
/// them.
fn final_merges(
    index: &tantivy::Index,
    writer: &mut IndexWriter,
    group: usize,
) -> anyhow::Result<()> {
    let mut metas = index
        .searchable_segment_metas()
        .context("reading the index's segments")?;
    // Smallest first, so small segments gather into groups.
    metas.sort_by_key(|m| m.num_docs());
    let mut groups: Vec<Vec<tantivy::index::SegmentId>> = Vec::new();
    let mut current: Vec<tantivy::index::SegmentId> = Vec::new();
    let mut size = 0usize;
    let mut dirty = false;
    for m in &metas {
        let n = m.num_docs() as usize;
        if !current.is_empty() && size + n > group {
            if current.len() > 1 || dirty {
                groups.push(std::mem::take(&mut current));
            }
            current.clear();
            size = 0;
            dirty = false;
        }
        current.push(m.id());
        size += n;
        dirty |= m.has_deletes();
    }
    if current.len() > 1 || dirty {
        groups.push(current);
    }
    // Live segment metas keep their files from garbage collection.
    drop(metas);
    if groups.is_empty() {
        return Ok(());
    }
    // The writer has no merge policy of its own to race with these merges. A merge is
    // one thread's work, so two groups are merged side by side (at 16x the benchmark
    // corpus: 1.8 s instead of 3.2 s, 50 MB more memory). More are merged one by one: a
    // merge reads its segments through memory maps, and two at a time at a million
    // articles took the run's peak memory from 875 to 993 MB.
    if groups.len() <= 2 {
        let merges: Vec<_> = groups.iter().map(|g| writer.merge(g)).collect();
        for merge in merges {
            merge.wait().context("merging the index's segments")?;
        }
    } else {
        for group in groups {
            writer
                .merge(&group)
                .wait()
                .context("merging the index's segments")?;
        }
    }
    Ok(())
}

/// Hands the heap memory the run has freed back to the system. glibc's allocator keeps
/// freed blocks for reuse, so the prepared articles kept between the passes, freed before
/// the merges, still counted in the process's memory while the merges mapped the index:
/// the runs peaked there, at 800 MB on the 105,360 Reuters business stories and 790 MB
/// at 16× the benchmark corpus, against 533 and 488 MB (in pass 2) with the memory
/// handed back.
fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes no pointers; it only returns free heap pages to the
    // kernel, and allocations still in use are untouched.
    unsafe {
        libc::malloc_trim(0);
    }
}

fn commit(writer: &mut IndexWriter, payload: &str) -> anyhow::Result<()> {
    let mut prepared = writer.prepare_commit().context("committing to the index")?;
    prepared.set_payload(payload);
    prepared.commit().context("committing to the index")?;
    Ok(())
}

/// The indexed articles, by path bytes, from fast fields (no stored document is read).
fn read_manifest(
    searcher: &tantivy::Searcher,
    fields: &Fields,
) -> anyhow::Result<HashMap<Vec<u8>, Entry>> {
    let schema = searcher.schema();
    let name = |f| schema.get_field_name(f).to_owned();
    let mut out = HashMap::new();
    let mut buf = Vec::new();
    for (seg, reader) in searcher.segment_readers().iter().enumerate() {
        let ff = reader.fast_fields();
        let Some(paths) = ff.bytes(&name(fields.path_raw))? else {
            continue;
        };
        let size = ff.u64(&name(fields.size))?;
        let mtime = ff.i64(&name(fields.mtime))?;
        let template = ff.u64(&name(fields.template))?;
        for doc in 0..reader.max_doc() {
            if reader.is_deleted(doc) {
                continue;
            }
            let Some(ord) = paths.term_ords(doc).next() else {
                continue;
            };
            buf.clear();
            paths.ord_to_bytes(ord, &mut buf)?;
            out.insert(
                buf.clone(),
                Entry {
                    size: size.first(doc).unwrap_or(0),
                    mtime_ns: mtime.first(doc).unwrap_or(0),
                    segment: seg as u32,
                    doc,
                    template: template.first(doc).unwrap_or(0),
                },
            );
        }
    }
    Ok(out)
}

/// Stored line keys of the unchanged articles, in their order.
fn stored_line_keys(
    searcher: &tantivy::Searcher,
    fields: &Fields,
    manifest: &HashMap<Vec<u8>, Entry>,
    unchanged: &[&(PathBuf, &Candidate)],
) -> anyhow::Result<Vec<Vec<u64>>> {
    let name = searcher
        .schema()
        .get_field_name(fields.line_keys)
        .to_owned();
    let mut columns = Vec::new();
    for reader in searcher.segment_readers() {
        columns.push(reader.fast_fields().bytes(&name)?);
    }
    let mut out = Vec::with_capacity(unchanged.len());
    let mut buf = Vec::new();
    for (key, _) in unchanged {
        let e = &manifest[path_bytes(key)];
        let mut keys = Vec::new();
        if let Some(col) = &columns[e.segment as usize]
            && let Some(ord) = col.term_ords(e.doc).next()
        {
            buf.clear();
            col.ord_to_bytes(ord, &mut buf)?;
            keys = buf
                .chunks_exact(8)
                .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
                .collect();
        }
        out.push(keys);
    }
    Ok(out)
}

/// At most this many of the folders gone with stale articles are named.
const STALE_NAMED: usize = 3;

/// The articles outside `roots` (the paths of this run) whose files are gone, found
/// cheaply: those under a recorded root that no longer exists, or in a folder that no
/// longer exists (`mv corpus corpus2 && newsq index corpus2`); one system call per folder,
/// not per article. Returns their number and the topmost folders gone.
fn stale_articles(
    manifest: &HashMap<Vec<u8>, Entry>,
    roots: &[PathBuf],
    recorded: &[PathBuf],
) -> (usize, Vec<PathBuf>) {
    let gone_roots: Vec<&PathBuf> = recorded
        .iter()
        .filter(|r| std::fs::metadata(r).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound))
        .collect();
    let mut folders: HashMap<PathBuf, bool> = HashMap::new();
    let mut under: Vec<PathBuf> = Vec::new();
    let mut stale = 0;
    for key in manifest.keys() {
        let file = match crate::corpus::records::split_record_path(key) {
            Some((file, _)) => path_from_bytes(file),
            None => path_from_bytes(key),
        };
        if roots.iter().any(|r| file.starts_with(r)) {
            continue;
        }
        if let Some(root) = gone_roots.iter().find(|r| file.starts_with(r)) {
            stale += 1;
            if !under.contains(root) {
                under.push((*root).clone());
            }
            continue;
        }
        let Some(folder) = file.parent() else {
            continue;
        };
        let missing = *folders.entry(folder.to_path_buf()).or_insert_with(|| {
            std::fs::metadata(folder).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
        });
        if missing {
            stale += 1;
            let mut top = folder;
            while let Some(up) = top.parent()
                && std::fs::metadata(up).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
            {
                top = up;
            }
            if !under.iter().any(|u| top.starts_with(u)) {
                under.retain(|u| !u.starts_with(top));
                under.push(top.to_path_buf());
            }
        }
    }
    under.sort();
    under.truncate(STALE_NAMED);
    (stale, under)
}

/// Fails, before the index folder is created or changed, when no path named exists:
/// a mistyped path must not create an empty index, nor empty an existing one of the
/// articles below it.
fn check_roots(roots: &[PathBuf], dir: &Path) -> anyhow::Result<()> {
    let missing =
        |r: &PathBuf| std::fs::metadata(r).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound);
    if !roots.is_empty() && roots.iter().all(missing) {
        let names: Vec<String> = roots
            .iter()
            .map(|r| crate::output::sanitize::path(r))
            .collect();
        anyhow::bail!(
            "{}: not found (no such file or folder): nothing to index, the index at {} was left as it was",
            names.join(", "),
            crate::output::sanitize::path(dir)
        );
    }
    Ok(())
}

/// The message for one skipped file.
pub fn skip_message(s: &Skipped) -> String {
    format!(
        "skipped {}: {} ({})",
        crate::output::sanitize::path(&s.path),
        s.reason,
        s.detail
    )
}

/// The walk's files, each once: several roots may name one file in different ways
/// (`corpus` and `$PWD/corpus`, `a.txt` and `./a.txt`), and one file is one article.
fn distinct_files(candidates: Vec<Candidate>, roots: usize) -> Vec<Candidate> {
    // One root's walk lists every path once.
    if roots < 2 {
        return candidates;
    }
    let keys = super::path_keys(candidates.iter().map(|c| c.path.as_path()));
    let mut seen = HashSet::with_capacity(keys.len());
    candidates
        .into_iter()
        .zip(keys)
        .filter(|(_, key)| seen.insert(key.clone()))
        .map(|(c, _)| c)
        .collect()
}

fn load(
    cand: &Candidate,
    max_size: u64,
) -> Result<(Text, FileFacts, Option<corpus::Page>), Skipped> {
    let raw = corpus::read(cand, max_size)?;
    let facts = FileFacts {
        size: cand.size,
        mtime_ns: cand.mtime_ns,
        hash: xxh3_64(&raw.bytes),
        ..FileFacts::default()
    };
    let (text, page) =
        corpus::decode_article(&cand.path, &raw.bytes).map_err(|(reason, detail)| Skipped {
            path: cand.path.clone(),
            reason,
            detail,
        })?;
    Ok((text, facts, page))
}

struct Done {
    removed: usize,
    converted_from: Option<&'static str>,
    warning: Option<String>,
}

/// What pass 1 learned about a file: its line keys (until they move to the counter), and
/// its prepared lines (with the encoding it was read in) while the cache lasts.
struct Loaded {
    keys: Vec<u64>,
    // Boxed: a file's entry lives for the whole run, and the tuple inline (a page's
    // metadata above all) made every entry a few hundred bytes, cached or not: 300 MB at
    // a million files.
    cached: Mutex<Option<Box<Cached>>>,
}

/// One article to clean and write in pass 2.
struct Work<'a> {
    key: &'a PathBuf,
    cand: &'a Candidate,
    cached: Option<&'a Mutex<Option<Box<Cached>>>>,
    keys: Option<&'a [u64]>,
    /// An unchanged file, cleaned again because its template lines changed.
    again: bool,
    /// The index holds an article for this path (to be deleted as it is replaced).
    replaces: bool,
}

/// (The last part: what an HTML page's meta tags said.)
type Cached = (
    clean::Packed,
    Option<&'static str>,
    FileFacts,
    Option<corpus::Page>,
);

/// Memory for prepared texts kept (packed) between the two passes: beyond it, pass 2
/// reads and prepares again. At 16× the benchmark corpus, 128 MB of unpacked lines held
/// about 60 % as many articles as this, in about as much memory (peak RSS 721 MB then,
/// 743 MB with this budget packed; 33.1 s then, 30.1 s; 105,360 Reuters stories: 20.5 s,
/// 19.6 s).
const CACHE_BYTES: usize = 192 << 20;

/// An article of pass 2 cleaned: its document, or why it was skipped.
type Cleaned = Result<(tantivy::TantivyDocument, Done), Skipped>;

/// Articles the cleaners hand over at a time.
const CLEANED_CHUNK: usize = 32;

/// Handed-over chunks waiting to be added: enough for the cleaners to go on through a
/// commit (about 6,000 articles' worth of time on two cores), a few tens of MB.
const CLEANED_QUEUE: usize = 128;

/// Reads (unless pass 1 kept it), cleans and turns into a document one article of pass 2.
fn clean_one(w: &Work, max_size: u64, stats: &CorpusStats, fields: &Fields) -> Cleaned {
    let (key, cand) = (w.key, w.cand);
    let cached = w
        .cached
        .and_then(|c| c.lock().expect("no panics while locked").take());
    let (prepared, encoding, mut facts, page) = match cached {
        Some(c) => {
            let (packed, encoding, facts, page) = *c;
            (packed.unpack(), encoding, facts, page)
        }
        None => {
            let (text, facts, page) = load(cand, max_size)?;
            let encoding = text.converted.then_some(text.encoding);
            (clean::prepare(&text.text), encoding, facts, page)
        }
    };
    facts.line_keys = match w.keys {
        Some(k) => k.to_vec(),
        None => prepared.keys(),
    };
    // What the page's meta tags say wins over the text; a sidecar wins over both.
    let mut given = page
        .as_ref()
        .map(corpus::Page::to_given)
        .unwrap_or_default();
    // A broken sidecar costs its metadata, never the article.
    let mut warning = None;
    // Looked for only where the walk saw one: a probe per article was a failed system
    // call each.
    let side = match cand.sidecar {
        true => corpus::sidecar::read(&cand.path),
        false => Ok(None),
    };
    match side {
        Ok(Some(side)) => given.sidecar = Some(side),
        Ok(None) => {}
        Err(e) => {
            warning = Some(format!(
                "{}: ignored: {e}",
                crate::output::sanitize::path(&corpus::sidecar::path_for(&cand.path))
            ));
        }
    }
    given.path_date = corpus::path::date(&cand.path);
    let article = clean::clean_prepared(prepared, &given, stats);
    facts.template = stats.template_signature(&facts.line_keys);
    let doc = fields.document_with_url(path_bytes(key), &article, &facts, encoding, given.url());
    let done = Done {
        removed: article.removed().count(),
        converted_from: encoding,
        warning,
    };
    Ok((doc, done))
}

#[cfg(test)]
mod tests {
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
        // A search by the author's name still finds the article through the author field.
        let parsed =
            crate::search::query::parse("roe", &f, false, &crate::search::Filters::default())
                .unwrap();
        let n = opened
            .reader
            .searcher()
            .search(parsed.query.as_ref(), &tantivy::collector::Count)
            .unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn a_files_entry_between_the_passes_stays_small() {
        // One entry per file lives for the whole run: at a million files every byte
        // here is a megabyte of peak memory.
        assert!(std::mem::size_of::<Option<Loaded>>() <= 48);
    }
}
