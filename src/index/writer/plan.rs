//! What a run has to do, decided before any article is read: the index opened for
//! writing with its manifest, the files to read, those unchanged and those gone, and
//! (once the lines are counted) the unchanged articles to clean again.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use anyhow::Context;
use tantivy::{IndexReader, IndexWriter, Searcher};

use super::read_pass::KeysAt;
use super::write_pass::Work;
use super::{BuildError, BuildOptions, COMPLETE, Entry};
use crate::clean::spill::Keys;
use crate::clean::{CorpusStats, LineCounter};
use crate::corpus::path::{path_bytes, path_from_bytes, path_key};
use crate::corpus::{self, Listing, Skipped};
use crate::index::Fields;

/// The index opened for a run, and what it already holds.
pub(super) struct Start {
    pub index: tantivy::Index,
    pub fields: Fields,
    pub writer: IndexWriter,
    /// The threads that read and clean (the writer has threads of its own).
    pub cleaners: rayon::ThreadPool,
    /// The threads of the first pass, which reads and measures the new and changed files.
    pub readers: rayon::ThreadPool,
    /// Merges run side by side at the end of the run.
    pub merges_at_once: usize,
    pub reader: IndexReader,
    /// The searcher the manifest was read with: its segment numbers are the manifest's.
    pub searcher: Searcher,
    pub manifest: HashMap<Vec<u8>, Entry>,
    /// The identities of the paths named for this run.
    pub named_keys: Vec<PathBuf>,
    /// The identities of those of them that exist.
    pub root_keys: Vec<PathBuf>,
    /// The index's articles were cleaned by an earlier cleaner.
    pub older_cleaner: bool,
    /// The last run finished (its last commit is marked complete).
    pub complete: bool,
    /// The index has no commit yet.
    pub never_committed: bool,
    /// Articles outside this run's paths whose files are gone, and the folders gone.
    pub stale: (usize, Vec<PathBuf>),
}

/// Opens the index in `dir` for the run `opts` describes: takes the writer lock, checks
/// the files for damage, records the roots and reads the manifest.
pub(super) fn start(dir: &Path, opts: &BuildOptions) -> anyhow::Result<Start> {
    // The writer lock is taken here, before anything in the folder changes, so a second
    // run fails at once; the writer below takes it over.
    let (index, fields) = crate::index::open_for_write(dir, opts.rebuild)?;
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
        crate::index::check::verify_files(dir, &index)?;
    }
    let recorded = crate::index::state::read(dir, true)?;
    let older_cleaner = recorded
        .as_ref()
        .is_some_and(|s| s.cleaner < crate::clean::VERSION);
    let recorded_roots = recorded.map_or_else(Vec::new, |s| s.roots());
    if !opts.rebuild {
        crate::index::state::record_roots(dir, &root_keys, false)?;
    }
    // Half the cores index, half read and clean: each side is about half the work, and a
    // tantivy thread of its own per core only made the cleaners wait (and more segments
    // to merge).
    let cores = opts
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let threads = (cores / 2).clamp(1, 8);
    // Cleaning for the writer gets the other cores, not all of them: the writer's threads
    // are the slower stage, and cleaners on their cores only took turns with them (and
    // ran ahead, filling tantivy's queue).
    let cleaners = rayon::ThreadPoolBuilder::new()
        .num_threads(cores.saturating_sub(threads).max(1))
        .build()
        .context("starting the cleaning threads")?;
    // The first pass only reads and measures: every core's work.
    let readers = rayon::ThreadPoolBuilder::new()
        .num_threads(cores)
        .build()
        .context("starting the reading threads")?;
    let merges_at_once = if cores > 1 { 2 } else { 1 };
    let options = tantivy::indexer::IndexWriterOptions::builder()
        .num_worker_threads(threads)
        .memory_budget_per_thread(opts.writer_memory / threads)
        .num_merge_threads(merges_at_once)
        .build();
    let writer: IndexWriter = index
        .writer_with_options(options)
        .map_err(|e| crate::index::writer_error(dir, e))?;
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
    let manifest = if opts.rebuild {
        writer
            .delete_all_documents()
            .map_err(|e| crate::index::writer_error(dir, e))?;
        HashMap::new()
    } else {
        read_manifest(&searcher, &fields)?
    };
    let (stale, stale_under) = stale_articles(&manifest, &named_keys, &recorded_roots);
    Ok(Start {
        index,
        fields,
        writer,
        cleaners,
        readers,
        merges_at_once,
        reader,
        searcher,
        manifest,
        named_keys,
        root_keys,
        older_cleaner,
        complete,
        never_committed,
        stale: (stale, stale_under),
    })
}

/// The walk over the run's paths: each file once, and what was skipped. A rebuild from
/// no file at all fails before the index is touched.
pub(super) fn walk(opts: &BuildOptions) -> anyhow::Result<(Listing, Vec<Skipped>)> {
    let (mut listing, skipped) = corpus::walk(&opts.roots, opts.walk);
    distinct_files(&mut listing, opts.roots.len());
    if opts.rebuild && listing.is_empty() {
        // A mistyped folder, an unmounted disk: emptying the index is never what was
        // meant.
        return Err(BuildError::NothingToRebuild {
            roots: opts.roots.clone(),
        }
        .into());
    }
    Ok((listing, skipped))
}

/// A new or changed file of the listing.
#[derive(Debug, Clone, Copy)]
pub(super) struct ToRead {
    /// Its place in the listing.
    pub file: u32,
    /// The index holds an article for its path (to be deleted as it is replaced).
    pub replaces: bool,
}

/// The files of one article each, found by the walk, sorted into what a run does with
/// them (by their places in the listing, in its order).
pub(super) struct Changes<'a> {
    /// Files the manifest holds with the same size and modification time.
    pub unchanged: Vec<u32>,
    /// New and changed files.
    pub to_read: Vec<ToRead>,
    /// Indexed articles under the run's paths whose files are gone.
    pub gone: Vec<&'a Vec<u8>>,
}

impl<'a> Changes<'a> {
    /// What changed since the last run.
    pub(super) fn find(
        listing: &Listing,
        manifest: &'a HashMap<Vec<u8>, Entry>,
        named_keys: &[PathBuf],
    ) -> Self {
        // Only the manifest's paths met are remembered: nothing for a new index.
        let mut seen: HashSet<&[u8]> = HashSet::new();
        let (mut unchanged, mut to_read) = (Vec::new(), Vec::new());
        for i in 0..listing.len() {
            let file = u32::try_from(i).expect("fewer than 4 billion files");
            let key = (!manifest.is_empty()).then(|| listing.key(i));
            match key.and_then(|k| manifest.get_key_value(path_bytes(&k))) {
                Some((k, e)) => {
                    seen.insert(k.as_slice());
                    if e.size == listing.size(i) && e.mtime_ns == listing.mtime_ns(i) {
                        unchanged.push(file);
                    } else {
                        to_read.push(ToRead {
                            file,
                            replaces: true,
                        });
                    }
                }
                None => to_read.push(ToRead {
                    file,
                    replaces: false,
                }),
            }
        }
        let gone: Vec<&Vec<u8>> = manifest
            .keys()
            .filter(|k| !seen.contains(k.as_slice()))
            .filter(|k| {
                let p = path_from_bytes(k);
                named_keys.iter().any(|r| p.starts_with(r))
            })
            .collect();
        Changes {
            unchanged,
            to_read,
            gone,
        }
    }
}

/// The corpus's lines counted: the statistics the cleaner needs, and each article's
/// line keys as the counter holds them.
pub(super) struct Counted {
    pub counter: LineCounter,
    pub stats: CorpusStats,
    /// The counter's document of each unchanged file.
    pub stored_doc: Vec<u32>,
}

/// Counts lines in the listing's order (path order), whatever was read now and what is
/// stored, so template lines come out as a fresh run over the same files would find
/// them. The keys are read from `keys` (where the read pass and the stored keys put
/// them) and counted in a counter that keeps them in a temporary file in `dir`.
pub(super) fn count_lines(
    dir: &Path,
    changes: &Changes,
    fresh: &[Option<KeysAt>],
    keys: &Keys,
    stored_keys: &[KeysAt],
) -> anyhow::Result<Counted> {
    let (to_read, unchanged) = (&changes.to_read, &changes.unchanged);
    let mut counter = LineCounter::spilling_to(dir);
    let mut stored_doc = vec![u32::MAX; unchanged.len()];
    let mut buf = Vec::new();
    let spill = "writing the line keys to a temporary file";
    // Both lists are in the listing's order: merged, they are in path order.
    let (mut i, mut j) = (0, 0);
    while i < to_read.len() || j < unchanged.len() {
        let fresh_next =
            j == unchanged.len() || (i < to_read.len() && to_read[i].file < unchanged[j]);
        if fresh_next {
            if let Some(at) = fresh[i] {
                at.read(keys, &mut buf).context(spill)?;
                counter.add_keys(&buf).context(spill)?;
            }
            i += 1;
        } else {
            stored_keys[j].read(keys, &mut buf).context(spill)?;
            let doc = counter.add_keys(&buf).context(spill)?;
            stored_doc[j] = u32::try_from(doc).expect("fewer than 4 billion files");
            j += 1;
        }
    }
    let stats = counter.finish().context(spill)?;
    // The stored keys are read again for the articles cleaned again only.
    if unchanged.is_empty() {
        counter = LineCounter::new();
    }
    Ok(Counted {
        counter,
        stats,
        stored_doc,
    })
}

/// The articles of the write pass: the files read now, then the unchanged articles
/// whose template lines changed (cleaned again).
pub(super) fn work(
    changes: &Changes,
    counted: &Counted,
    listing: &Listing,
    manifest: &HashMap<Vec<u8>, Entry>,
) -> anyhow::Result<Vec<Work>> {
    let (counter, stats) = (&counted.counter, &counted.stats);
    let mut out: Vec<Work> = changes
        .to_read
        .iter()
        .map(|t| Work::read(t.file, t.replaces))
        .collect();
    let mut buf = Vec::new();
    for (j, &file) in changes.unchanged.iter().enumerate() {
        let entry = &manifest[path_bytes(&listing.key(file as usize))];
        let doc = counted.stored_doc[j];
        counter
            .doc_keys(doc as usize, &mut buf)
            .context("reading the line keys from a temporary file")?;
        if stats.template_signature(&buf) != entry.template {
            out.push(Work::again(file, doc));
        }
    }
    Ok(out)
}

/// The indexed articles, by path bytes, from fast fields (no stored document is read).
pub(super) fn read_manifest(
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

/// At most this many of the folders gone with stale articles are named.
const STALE_NAMED: usize = 3;

/// The articles outside `roots` (the paths of this run) whose files are gone, found
/// cheaply: those under a recorded root that no longer exists, or in a folder that no
/// longer exists (`mv corpus corpus2 && newsq index corpus2`); one system call per folder,
/// not per article. Returns their number and the topmost folders gone.
pub(super) fn stale_articles(
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
pub(super) fn check_roots(roots: &[PathBuf], dir: &Path) -> anyhow::Result<()> {
    let missing =
        |r: &PathBuf| std::fs::metadata(r).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound);
    if !roots.is_empty() && roots.iter().all(missing) {
        return Err(BuildError::NotFound {
            roots: roots.to_vec(),
            index: dir.to_path_buf(),
        }
        .into());
    }
    Ok(())
}

/// The walk's files, each once: several roots may name one file in different ways
/// (`corpus` and `$PWD/corpus`, `a.txt` and `./a.txt`), and one file is one article.
pub(super) fn distinct_files(listing: &mut Listing, roots: usize) {
    // One root's walk lists every path once.
    if roots < 2 {
        return;
    }
    let keys: Vec<PathBuf> = (0..listing.len()).map(|i| listing.key(i)).collect();
    let mut seen = HashSet::with_capacity(keys.len());
    listing.retain(|i| seen.insert(&keys[i]));
}
