//! Files of records (JSON, JSON lines) in a run: many articles per file.
//!
//! Such files take their own path beside the one-article files of the parent module. Each
//! record's document has the path `FILE:LINE` (see `corpus::records`) and carries its
//! file's size and modification time, so the manifest tells which files changed:
//!
//! - a new or changed file replaces all its records (the old ones are deleted first, so a
//!   file that lost records loses their articles);
//! - a file that is gone, or is no longer a file of records, takes all its records along;
//! - an unchanged file is not read.
//!
//! A file of records is cleaned as a corpus of its own: the lines its records share are
//! its template lines. Its articles then depend on that file alone, which keeps
//! incremental runs equal to fresh ones without counting its lines into the corpus-wide
//! statistics (datasets hold text already extracted from pages, with little of the site
//! template left).
//!
//! Commits fall between files only, so a killed run leaves each file with all its old
//! records or all its new ones, never a part.

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;
use tantivy::{IndexWriter, Term};
use xxhash_rust::xxh3::xxh3_64;

use super::{BuildOptions, Entry, Event, PARTIAL, Progress, Summary, commit};
use crate::clean::{self, LineCounter};
use crate::corpus::path::{path_bytes, path_from_bytes, path_key};
use crate::corpus::{self, Candidate, Listing, Skipped, records};
use crate::index::{Fields, FileFacts};

/// One file of records to read in this run.
struct RecordFile {
    /// The file's identity (see `index::path_key`).
    key: PathBuf,
    cand: Candidate,
    /// The paths of its records in the index now.
    old: Vec<Vec<u8>>,
}

/// What a run does with the files of records.
pub(super) struct Plan {
    to_read: Vec<RecordFile>,
    /// Records of files that are gone.
    gone: Vec<Vec<u8>>,
    /// Files found unchanged.
    unchanged: usize,
    /// The records those files hold in the index.
    unchanged_records: usize,
}

/// What the files of records came to.
#[derive(Debug, Default)]
pub(super) struct Done {
    /// Files read and written.
    files: usize,
    /// Records written.
    records: usize,
    removed_lines: usize,
    converted: usize,
    bad_records: usize,
    commits: usize,
    skipped: Vec<Skipped>,
}

/// Takes the records out of the manifest (grouped by file) and the files of records out
/// of the walk's listing, and decides what to read and delete. The listing keeps the
/// other files: the one-article files.
pub(super) fn plan(
    manifest: &mut HashMap<Vec<u8>, Entry>,
    listing: &mut Listing,
    roots: &[PathBuf],
) -> Plan {
    let record_keys: Vec<Vec<u8>> = manifest
        .keys()
        .filter(|k| records::split_record_path(k).is_some())
        .cloned()
        .collect();
    let mut by_file: HashMap<Vec<u8>, Vec<(Vec<u8>, Entry)>> = HashMap::new();
    for key in record_keys {
        let Some(entry) = manifest.remove(&key) else {
            continue;
        };
        let (file, _) = records::split_record_path(&key).expect("checked above");
        by_file.entry(file.to_vec()).or_default().push((key, entry));
    }
    let is_records: Vec<usize> = (0..listing.len())
        .filter(|&i| corpus::format::is_records_file(&listing.path(i)))
        .collect();
    let files: Vec<Candidate> = is_records.iter().map(|&i| listing.candidate(i)).collect();
    if !files.is_empty() {
        listing.retain(|i| is_records.binary_search(&i).is_err());
    }
    let mut plan = Plan {
        to_read: Vec::new(),
        gone: Vec::new(),
        unchanged: 0,
        unchanged_records: 0,
    };
    for cand in files {
        let key = path_key(&cand.path);
        let old = by_file.remove(path_bytes(&key)).unwrap_or_default();
        let same = !old.is_empty()
            && old
                .iter()
                .all(|(_, e)| e.size == cand.size && e.mtime_ns == cand.mtime_ns);
        if same {
            plan.unchanged += 1;
            plan.unchanged_records += old.len();
        } else {
            plan.to_read.push(RecordFile {
                key,
                cand,
                old: old.into_iter().map(|(k, _)| k).collect(),
            });
        }
    }
    let root_keys: Vec<PathBuf> = roots.iter().map(|r| path_key(r)).collect();
    for (file, old) in by_file {
        let file = path_from_bytes(&file);
        if root_keys.iter().any(|r| file.starts_with(r)) {
            plan.gone.extend(old.into_iter().map(|(k, _)| k));
        }
    }
    plan
}

impl Plan {
    /// Whether the run has nothing to do for files of records.
    pub(super) fn is_idle(&self) -> bool {
        self.to_read.is_empty() && self.gone.is_empty()
    }

    /// Deletes the records of files that are gone, and counts them and the unchanged
    /// files (with their records) into the summary.
    pub(super) fn delete_gone(&self, writer: &IndexWriter, fields: &Fields, summary: &mut Summary) {
        for k in &self.gone {
            writer.delete_term(Term::from_field_bytes(fields.path_raw, k));
        }
        summary.deleted += self.gone.len();
        summary.unchanged += self.unchanged;
        summary.record_files += self.unchanged;
        summary.records += self.unchanged_records;
    }

    /// Reads, cleans and writes the new and changed files, committing between files
    /// every [`BuildOptions::commit_every`] articles.
    pub(super) fn run(
        &self,
        opts: &BuildOptions,
        fields: &Fields,
        writer: &mut IndexWriter,
        progress: &dyn Progress,
    ) -> anyhow::Result<Done> {
        let mut done = Done::default();
        let mut since_commit = 0;
        if !self.to_read.is_empty() {
            progress.start("records", self.to_read.len() as u64);
        }
        for file in &self.to_read {
            // Deleted before the new records are added: a delete applies to what was
            // added before it only.
            for k in &file.old {
                writer.delete_term(Term::from_field_bytes(fields.path_raw, k));
            }
            match index_file(file, opts, fields, writer, progress, &mut done) {
                Ok(n) => {
                    done.files += 1;
                    since_commit += n;
                }
                Err(s) => {
                    progress.event(&Event::Skipped(&s));
                    done.skipped.push(s);
                }
            }
            progress.advance(1);
            if since_commit >= opts.commit_every.max(1) {
                commit(writer, PARTIAL)?;
                done.commits += 1;
                since_commit = 0;
            }
        }
        Ok(done)
    }
}

impl Done {
    /// Adds what the files of records came to into the run's summary.
    pub(super) fn add_to(self, summary: &mut Summary) {
        summary.indexed += self.files;
        summary.record_files += self.files;
        summary.records += self.records;
        summary.articles += self.records;
        summary.removed_lines += self.removed_lines;
        summary.converted += self.converted;
        summary.bad_records += self.bad_records;
        summary.commits += self.commits;
        summary.skipped.extend(self.skipped);
    }
}

/// Reads one file of records and writes its articles; returns how many.
fn index_file(
    file: &RecordFile,
    opts: &BuildOptions,
    fields: &Fields,
    writer: &IndexWriter,
    progress: &dyn Progress,
    done: &mut Done,
) -> Result<usize, Skipped> {
    let path = &file.cand.path;
    let skip = |reason, detail| Skipped {
        path: path.clone(),
        reason,
        detail,
        leads_to: None,
    };
    let raw = corpus::read(&file.cand, opts.max_file_size)?;
    let text = corpus::decode(&raw.bytes).map_err(|(reason, detail)| skip(reason, detail))?;
    drop(raw);
    let encoding = text.converted.then_some(text.encoding);
    if let Some(enc) = encoding {
        done.converted += 1;
        progress.event(&Event::Converted { path, from: enc });
    }
    let mut good = Vec::new();
    for r in records::parse(&text.text, &opts.fields) {
        match r {
            Ok(record) => good.push(record),
            Err(bad) => {
                done.bad_records += 1;
                progress.event(&Event::BadRecord {
                    path,
                    at: &bad.at.suffix(),
                    why: &bad.reason,
                });
            }
        }
    }
    drop(text);

    // The file's records are a corpus of their own: the lines they share are its
    // template lines. Records of newsq's own export are not cleaned again (nor counted).
    let prepared: Vec<Option<clean::Prepared>> = good
        .par_iter()
        .map(|r| r.exported.is_none().then(|| clean::prepare(&r.text)))
        .collect();
    let mut counter = LineCounter::new();
    // Held in memory (the records are): nothing here can fail.
    for p in prepared.iter().flatten() {
        counter.add_keys(&p.keys()).expect("keys in memory");
    }
    let stats = counter.finish().expect("keys in memory");
    let written: Vec<Result<usize, String>> = good
        .into_par_iter()
        .zip(prepared)
        .map(|(record, prepared)| {
            let article = match record.exported_article() {
                // Exact: not even a date from the path, which the export's article had or
                // did not.
                Some(article) => article,
                None => {
                    let prepared = prepared.unwrap_or_else(|| clean::prepare(&record.text));
                    let given = clean::Given {
                        record: Some(record.meta.clone()),
                        path_date: crate::corpus::path::date(&file.cand.path),
                        ..Default::default()
                    };
                    clean::clean_prepared(prepared, &given, &stats)
                }
            };
            // An export says what its article's file was converted from.
            let encoding = record
                .exported
                .as_ref()
                .and_then(|e| e.encoding.as_deref())
                .or(encoding);
            let key = records::record_path(&file.key, record.at);
            // Template lines of a file of records never change without the file
            // changing, so their keys need not be kept for later runs.
            let facts = FileFacts {
                size: file.cand.size,
                mtime_ns: file.cand.mtime_ns,
                hash: xxh3_64(record.text.as_bytes()),
                ..FileFacts::default()
            };
            let doc = fields.document_with_url(
                path_bytes(&key),
                &article,
                &facts,
                encoding,
                record.meta.url.as_deref(),
            );
            let removed = article.removed().count();
            writer
                .add_document(doc)
                .map(|_| removed)
                .map_err(|e| e.to_string())
        })
        .collect();
    let mut n = 0;
    for w in written {
        let removed = w.map_err(|e| {
            skip(
                corpus::SkipReason::Unreadable,
                format!("could not be added to the index: {e}"),
            )
        })?;
        n += 1;
        done.removed_lines += removed;
    }
    done.records += n;
    Ok(n)
}
