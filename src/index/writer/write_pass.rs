//! The write pass: each article of the plan cleaned (on the cleaners' threads) and added
//! by this thread, which commits every [`BuildOptions::commit_every`] articles.

use std::path::PathBuf;

use rayon::prelude::*;
use tantivy::{IndexWriter, Term};

use super::plan::Counted;
use super::read_pass::{Cache, load};
use super::{BuildOptions, Event, PARTIAL, Progress, Summary, commit};
use crate::clean;
use crate::corpus::path::path_bytes;
use crate::corpus::{self, Listing, Skipped};
use crate::index::Fields;

/// What the write pass came to.
#[derive(Debug, Default)]
pub(super) struct Written {
    /// Boilerplate lines removed from the articles written.
    pub removed: usize,
    /// Files that were not UTF-8 and were converted.
    pub converted: usize,
    /// New and changed files written.
    pub indexed: usize,
    /// Unchanged articles cleaned again.
    pub recleaned: usize,
    /// Unchanged articles that could not be read again (skipped, not unchanged).
    pub unreadable_again: usize,
    /// Files skipped in this pass.
    pub skipped: Vec<Skipped>,
    /// Commits made.
    pub commits: usize,
}

impl Written {
    /// Adds what the pass came to into the run's summary.
    pub(super) fn add_to(self, summary: &mut Summary) {
        summary.skipped.extend(self.skipped);
        summary.indexed = self.indexed;
        summary.recleaned = self.recleaned;
        summary.unchanged -= self.unreadable_again;
        summary.articles = summary.indexed + summary.recleaned;
        summary.removed_lines = self.removed;
        summary.converted = self.converted;
        summary.commits += self.commits;
    }
}

/// Cleans and writes `work`, committing every `commit_every` articles. The cleaners
/// hand their documents to this thread, which adds them and commits: while a commit
/// writes its segment, the cleaners go on into the queue instead of waiting for it (at
/// 16x the corpus, eight commits had stalled them 0.4 s each).
#[allow(clippy::too_many_arguments)]
pub(super) fn write(
    work: &[Work],
    listing: &Listing,
    cache: &Cache,
    opts: &BuildOptions,
    counted: &Counted,
    fields: &Fields,
    cleaners: &rayon::ThreadPool,
    writer: &mut IndexWriter,
    progress: &dyn Progress,
) -> anyhow::Result<Written> {
    progress.start("cleaning", work.len() as u64);
    let mut out = Written::default();
    let every = opts.commit_every.max(1);
    let mut since_commit = 0;
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(usize, Cleaned)>>(CLEANED_QUEUE);
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
                                (
                                    base + j,
                                    clean_one(
                                        w,
                                        listing,
                                        cache,
                                        opts.max_file_size,
                                        counted,
                                        fields,
                                    ),
                                )
                            })
                            .collect();
                        tx.send(cleaned)
                    });
            })
        });
        for (n, (i, cleaned)) in rx.into_iter().flatten().enumerate() {
            if n % TRIM_EVERY == TRIM_EVERY - 1 {
                super::release_freed_memory();
            }
            let w = &work[i];
            let file = w.file as usize;
            let added = cleaned.and_then(|(doc, done)| {
                // A new path has nothing to replace: every indexed article is in the
                // manifest.
                if w.replaces() {
                    writer.delete_term(Term::from_field_bytes(
                        fields.path_raw,
                        path_bytes(&done.key),
                    ));
                }
                match writer.add_document(doc) {
                    Ok(_) => Ok(done),
                    Err(e) => Err(Skipped {
                        path: listing.path(file),
                        reason: corpus::SkipReason::Unreadable,
                        detail: format!("could not be added to the index: {e}"),
                        leads_to: None,
                    }),
                }
            });
            match added {
                Ok(done) => {
                    if w.is_again() {
                        out.recleaned += 1;
                    } else {
                        out.indexed += 1;
                    }
                    out.removed += done.removed;
                    if let Some(why) = &done.warning {
                        let path = corpus::sidecar::path_for(&listing.path(file));
                        progress.event(&Event::SidecarIgnored { path: &path, why });
                    }
                    if let Some(enc) = done.converted_from {
                        out.converted += 1;
                        progress.event(&Event::Converted {
                            path: &listing.path(file),
                            from: enc,
                        });
                    }
                }
                Err(s) => {
                    // A file that can no longer be read must not keep a stale article; an
                    // unchanged one that cannot be read again counts as skipped only.
                    let key = listing.key(file);
                    writer.delete_term(Term::from_field_bytes(fields.path_raw, path_bytes(&key)));
                    if w.is_again() {
                        out.unreadable_again += 1;
                    }
                    progress.event(&Event::Skipped(&s));
                    out.skipped.push(s);
                }
            }
            progress.advance(1);
            since_commit += 1;
            if since_commit == every {
                commit(writer, PARTIAL)?;
                out.commits += 1;
                since_commit = 0;
            }
        }
        Ok(())
    })?;
    if since_commit > 0 && !opts.rebuild {
        commit(writer, PARTIAL)?;
        out.commits += 1;
    }
    Ok(out)
}

struct Done {
    /// The article's identity.
    key: PathBuf,
    removed: usize,
    converted_from: Option<&'static str>,
    /// Why the file's sidecar could not be read.
    warning: Option<String>,
}

/// One article to clean and write in pass 2: eight bytes, since a run holds one per
/// file.
#[derive(Debug, Clone, Copy)]
pub(super) struct Work {
    /// Its file's place in the listing.
    pub file: u32,
    /// [`NEW`], [`CHANGED`], or (an unchanged file cleaned again) the counter's document
    /// of its stored line keys.
    how: u32,
}

/// A file read now for the first time.
const NEW: u32 = u32::MAX;
/// A file read now whose path the index holds (its article is replaced).
const CHANGED: u32 = u32::MAX - 1;

impl Work {
    /// A file read now; `replaces`: the index holds an article for its path.
    pub fn read(file: u32, replaces: bool) -> Work {
        Work {
            file,
            how: if replaces { CHANGED } else { NEW },
        }
    }

    /// An unchanged file, cleaned again because its template lines changed; `doc` is the
    /// counter's document of its stored line keys.
    pub fn again(file: u32, doc: u32) -> Work {
        debug_assert!(doc < CHANGED);
        Work { file, how: doc }
    }

    /// The counter's document of an unchanged file's stored line keys (a file read now
    /// has its keys taken from its lines again).
    pub fn counted(self) -> Option<u32> {
        (self.how < CHANGED).then_some(self.how)
    }

    /// Whether this is an unchanged file cleaned again.
    pub fn is_again(self) -> bool {
        self.counted().is_some()
    }

    /// Whether the index holds an article for the path (deleted as it is replaced).
    pub fn replaces(self) -> bool {
        self.how != NEW
    }
}

/// An article of pass 2 cleaned: its document, or why it was skipped.
type Cleaned = Result<(tantivy::TantivyDocument, Done), Skipped>;

/// Articles the cleaners hand over at a time.
const CLEANED_CHUNK: usize = 32;

/// Articles written between two hand-backs of freed memory. The cleaning threads and
/// tantivy's own each allocate from a heap of their own and free what another allocated;
/// glibc returns little of it by itself, so the writing pass plateaued at 244–269 MB at a
/// million articles, where 145 MB were in use with a single heap.
const TRIM_EVERY: usize = 10_000;

/// Handed-over chunks waiting to be added: enough for the cleaners to go on through a
/// commit (about 6,000 articles' worth of time on two cores), a few tens of MB.
const CLEANED_QUEUE: usize = 128;

/// Reads (unless pass 1 kept it), cleans and turns into a document one article of pass 2.
fn clean_one(
    w: &Work,
    listing: &Listing,
    cache: &Cache,
    max_size: u64,
    counted: &Counted,
    fields: &Fields,
) -> Cleaned {
    let (counter, stats) = (&counted.counter, &counted.stats);
    let (key, cand) = (
        listing.key(w.file as usize),
        &listing.candidate(w.file as usize),
    );
    let cached = cache.take(w.file);
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
    facts.line_keys = match w.counted() {
        Some(doc) => {
            let mut keys = Vec::new();
            counter
                .doc_keys(doc as usize, &mut keys)
                .map_err(|e| Skipped {
                    path: cand.path.clone(),
                    reason: corpus::SkipReason::Unreadable,
                    detail: format!("its line keys could not be read from a temporary file: {e}"),
                    leads_to: None,
                })?;
            keys
        }
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
            warning = Some(e.to_string());
        }
    }
    given.path_date = corpus::path::date(&cand.path);
    let article = clean::clean_prepared(prepared, &given, stats);
    facts.template = stats.template_signature(&facts.line_keys);
    let doc = fields.document_with_url(path_bytes(&key), &article, &facts, encoding, given.url());
    let done = Done {
        key,
        removed: article.removed().count(),
        converted_from: encoding,
        warning,
    };
    Ok((doc, done))
}
