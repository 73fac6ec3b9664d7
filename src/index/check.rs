//! Checking an index for damage: every file of every segment must be there and hold its
//! checksum (tantivy writes a CRC32 of each file's bytes into its footer, and never checks
//! it when it reads), newsq's state file must read, and every stored document must hold a
//! path and metadata newsq can read.
//!
//! Searching does not check: it would read the whole index each time. `newsq check` checks
//! everything; every `newsq index` run (but a rebuild, which reads nothing of the old
//! index) and `newsq prune` check the files (see [`verify_files`]) before they read or
//! change anything, because a merge copies what it reads into new files with fresh
//! checksums, and damage merged is damage no check can find again.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use tantivy::Index;
use tantivy::index::SegmentComponent;

use super::{IndexError, corrupt, state};

/// The segment files of an index, checked: their number and size.
#[derive(Debug, Default, Clone, Copy)]
pub struct Files {
    /// Files checked.
    pub files: usize,
    /// Their bytes.
    pub bytes: u64,
}

/// Files of each segment: tantivy writes all of them for every segment, and a delete file
/// once the segment has deletes.
const COMPONENTS: [SegmentComponent; 6] = [
    SegmentComponent::Postings,
    SegmentComponent::Positions,
    SegmentComponent::Terms,
    SegmentComponent::Store,
    SegmentComponent::FastFields,
    SegmentComponent::FieldNorms,
];

/// Names at most this many files in a message.
const NAMED: usize = 4;

/// Checks that every file of the last commit of `index` (in `dir`) is there and holds its
/// checksum: [`IndexError::Corrupt`] naming the files otherwise. Reads every byte once:
/// for the 25 MB index of the benchmark's 1× (23,066 articles), about 5 ms in a new
/// process, from the page cache (2 % of a `newsq index` run that finds nothing to do).
pub fn verify_files(dir: &Path, index: &Index) -> Result<Files, IndexError> {
    let problems = damaged_files(dir, index)?;
    match problems {
        Ok(files) => Ok(files),
        Err(detail) => Err(corrupt(dir, detail)),
    }
}

/// The files check: `Ok(Ok(files))` when they hold, `Ok(Err(what is wrong))` when not.
fn damaged_files(dir: &Path, index: &Index) -> Result<Result<Files, String>, IndexError> {
    let metas = index
        .load_metas()
        .map_err(|e| super::tantivy_error(dir, e, false))?;
    let mut expected: Vec<PathBuf> = Vec::new();
    for seg in &metas.segments {
        expected.extend(COMPONENTS.iter().map(|c| seg.relative_path(c.clone())));
        if seg.has_deletes() {
            expected.push(seg.relative_path(SegmentComponent::Delete));
        }
    }
    let directory = index.directory();
    let checked: Vec<(PathBuf, Result<u64, Fault>)> = expected
        .into_par_iter()
        .map(|path| {
            let fault = |e: &dyn std::fmt::Display, io: Option<&std::io::Error>| match io {
                Some(io) if super::is_access_error(io) => Fault::Access(super::copy_io(io)),
                _ => Fault::Unreadable(e.to_string()),
            };
            let outcome = match std::fs::metadata(dir.join(&path)) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Fault::Missing),
                Err(e) => Err(fault(&e, Some(&e))),
                Ok(m) => match directory.validate_checksum(&path) {
                    Ok(true) => Ok(m.len()),
                    Ok(false) => Err(Fault::Checksum),
                    Err(e) => Err(read_fault(&e).unwrap_or_else(|| fault(&e, None))),
                },
            };
            (path, outcome)
        })
        .collect();
    let mut files = Files::default();
    let (mut missing, mut bad, mut cut, mut unreadable) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (path, outcome) in checked {
        let name = path.display().to_string();
        match outcome {
            Ok(len) => {
                files.files += 1;
                files.bytes += len;
            }
            Err(Fault::Missing) => missing.push(name),
            Err(Fault::Checksum) => bad.push(name),
            Err(Fault::Footer) => cut.push(name),
            Err(Fault::Unreadable(why)) => unreadable.push(format!("{name}: {why}")),
            Err(Fault::Access(cause)) => {
                return Err(IndexError::NotReadable {
                    path: dir.to_path_buf(),
                    file: Some(path),
                    cause,
                });
            }
        }
    }
    let mut parts = Vec::new();
    for (list, one, many) in [
        (&mut missing, "file is missing", "files are missing"),
        (
            &mut bad,
            "file fails its checksum",
            "files fail their checksums",
        ),
        (
            &mut cut,
            "file is cut short or its end is damaged",
            "files are cut short or their ends damaged",
        ),
        (
            &mut unreadable,
            "file cannot be read",
            "files cannot be read",
        ),
    ] {
        if list.is_empty() {
            continue;
        }
        list.sort();
        let n = list.len();
        let named: Vec<&str> = list.iter().take(NAMED).map(String::as_str).collect();
        let more = if n > NAMED { ", …" } else { "" };
        let what = if n == 1 { one } else { many };
        parts.push(format!("{n} {what}: {}{more}", named.join(", ")));
    }
    Ok(if parts.is_empty() {
        Ok(files)
    } else {
        Err(parts.join("; "))
    })
}

/// What is wrong with one file.
enum Fault {
    Missing,
    Checksum,
    /// The footer does not read: the file was cut (a partial copy), or its end damaged.
    Footer,
    /// Permissions: not damage, said as such.
    Access(std::io::Error),
    Unreadable(String),
}

/// What an error opening a file says: a footer that does not read, or no access to it.
fn read_fault(e: &tantivy::directory::error::OpenReadError) -> Option<Fault> {
    use tantivy::directory::error::OpenReadError;
    match e {
        OpenReadError::IoError { io_error, .. } if super::is_access_error(io_error) => {
            Some(Fault::Access(super::copy_io(io_error)))
        }
        OpenReadError::IoError { io_error, .. }
            if matches!(
                io_error.kind(),
                std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof
            ) =>
        {
            Some(Fault::Footer)
        }
        OpenReadError::IncompatibleIndex(_) => Some(Fault::Footer),
        OpenReadError::FileDoesNotExist(_) => Some(Fault::Missing),
        _ => None,
    }
}

/// What `newsq check` found.
#[derive(Debug, Default)]
pub struct Report {
    /// Damage, each in words (empty when the index is sound).
    pub damage: Vec<String>,
    /// The newsq that last wrote the state file.
    pub written_by: Option<String>,
    /// The roots the index records (identities).
    pub roots: Vec<PathBuf>,
    /// Those of them that no longer exist.
    pub gone_roots: Vec<PathBuf>,
    /// Segments of the last commit.
    pub segments: usize,
    /// Articles of the last commit.
    pub articles: usize,
    /// The segment files checked.
    pub files: Files,
    /// Stored documents read.
    pub documents: usize,
    /// The last commit is not that of a finished run (a run was stopped, or is running).
    pub interrupted: bool,
    /// A `newsq index` run is writing to the index now.
    pub writing: bool,
}

impl Report {
    /// Whether nothing is damaged.
    pub fn is_sound(&self) -> bool {
        self.damage.is_empty()
    }
}

/// Checks the index in `dir` (see the module documentation). Fails only when there is no
/// index to check (missing, not newsq's, unreadable, another format); damage goes into the
/// report.
pub fn check(dir: &Path) -> Result<Report, IndexError> {
    let mut report = Report::default();
    if !super::check_dir(dir, false)? {
        return Err(IndexError::Missing(dir.to_path_buf()));
    }
    match state::read(dir, false) {
        Ok(Some(s)) => {
            report.written_by = Some(s.written_by.clone());
            report.roots = s.roots();
        }
        Ok(None) if dir.join("meta.json").exists() => {
            return Err(IndexError::Foreign(dir.to_path_buf()));
        }
        Ok(None) => return Err(IndexError::Missing(dir.to_path_buf())),
        Err(IndexError::Corrupt { detail, .. }) => report.damage.push(detail),
        Err(e) => return Err(e),
    }
    report.gone_roots = report
        .roots
        .iter()
        .filter(|r| std::fs::metadata(r).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound))
        .cloned()
        .collect();
    report.writing = super::being_written(dir);
    if !dir.join("meta.json").exists() {
        // A first run between writing its state file and creating the index, or killed
        // there.
        if !report.writing {
            report.damage.push("meta.json is missing".to_owned());
        }
        return Ok(report);
    }
    let folder = super::directory::IndexDir::open(dir, super::directory::Access::Read)
        .map_err(|e| super::tantivy_error(dir, e, false))?;
    let (index, fields) = match super::open_tantivy(dir, folder) {
        Ok(opened) => opened,
        Err(IndexError::Corrupt { detail, .. }) => {
            report.damage.push(detail);
            return Ok(report);
        }
        Err(e) => return Err(e),
    };
    match index.load_metas() {
        Ok(metas) => {
            report.segments = metas.segments.len();
            report.articles = metas.segments.iter().map(|s| s.num_docs() as usize).sum();
            report.interrupted = metas.payload.as_deref() != Some(super::writer::COMPLETE)
                && !metas.segments.is_empty();
        }
        Err(e) => {
            report.damage.push(e.to_string());
            return Ok(report);
        }
    }
    match damaged_files(dir, &index)? {
        Ok(files) => report.files = files,
        Err(detail) => {
            report.damage.push(detail);
            // Reading documents from damaged files says nothing more, or crashes.
            return Ok(report);
        }
    }
    if let Err(detail) = check_documents(&index, &fields, &mut report) {
        report.damage.push(detail);
    }
    Ok(report)
}

/// Reads every stored document: each must hold a path (no path twice) and metadata newsq
/// can read.
fn check_documents(
    index: &Index,
    fields: &super::Fields,
    report: &mut Report,
) -> Result<(), String> {
    let reader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()
        .map_err(|e: tantivy::TantivyError| e.to_string())?;
    let searcher = reader.searcher();
    let mut paths: HashSet<Vec<u8>> = HashSet::new();
    let (mut no_path, mut bad_meta, mut twice) = (0usize, 0usize, 0usize);
    for segment in searcher.segment_readers() {
        let store = segment
            .get_store_reader(64)
            .map_err(|e| format!("the document store of a segment cannot be opened: {e}"))?;
        for doc in 0..segment.max_doc() {
            if segment.is_deleted(doc) {
                continue;
            }
            let d = super::store::read_doc(&store, doc)
                .map_err(|e| format!("a stored document cannot be read: {e:#}"))?;
            report.documents += 1;
            use tantivy::schema::Value;
            match d.get_first(fields.path_raw).and_then(|v| v.as_bytes()) {
                Some(p) if !p.is_empty() => {
                    if !paths.insert(p.to_vec()) {
                        twice += 1;
                    }
                }
                _ => no_path += 1,
            }
            let meta = d.get_first(fields.meta).and_then(|v| v.as_str());
            if meta.is_none_or(|m| !super::store::is_readable(m)) {
                bad_meta += 1;
            }
        }
    }
    let mut parts = Vec::new();
    if no_path > 0 {
        parts.push(format!("{no_path} stored documents have no path"));
    }
    if bad_meta > 0 {
        parts.push(format!(
            "{bad_meta} stored documents hold metadata newsq cannot read"
        ));
    }
    if twice > 0 {
        parts.push(format!("{twice} articles are indexed twice"));
    }
    if parts.is_empty() {
        Ok(())
    } else {
        Err(parts.join("; "))
    }
}
