//! The index on disk: opening and creating it safely, and building it from a corpus.
//!
//! An index folder holds tantivy's files plus `newsq.json` (`state.rs`), which records the
//! index format version and the roots indexed so far. Every way an index folder can be wrong (missing, a file, not writable,
//! not readable, damaged, from another newsq version, locked by a running `newsq index`) is
//! an [`IndexError`] whose message says what to do.
//!
//! Searching only reads the folder (see `directory.rs`): a read-only index, or one shared
//! by its owner with others, can be searched. Its files are created as the umask allows.

pub mod check;
mod directory;
pub mod lang;
pub mod schema;
mod state;
pub mod stats;
mod stem;
pub mod store;
pub mod stories;
pub mod target;
mod writer;

pub use schema::{Fields, FileFacts};
pub use state::roots;
pub use store::{Stored, StoredArticle};
pub use writer::{
    BuildError, BuildOptions, Event, Progress, Pruned, Silent, Summary, build, prune,
};

use std::ffi::OsStr;
use std::io;
use std::path::{Path, PathBuf};

use tantivy::directory::error::{LockError, OpenDirectoryError, OpenReadError, OpenWriteError};
use tantivy::{IndexReader, ReloadPolicy, TantivyError};

type TantivyIndex = tantivy::Index;

use crate::corpus::path::{path_bytes, path_key};
use directory::{Access, IndexDir};

/// Version of the on-disk layout (schema and stored JSON). Bump on any incompatible change.
pub const FORMAT_VERSION: u32 = 2;

/// Name of newsq's own state file inside the index folder.
pub const STATE_FILE: &str = "newsq.json";

/// Why an index folder cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Nothing indexed yet.
    #[error("no index at {}: run `newsq index PATH` first, or point --index (NEWSQ_INDEX) at one", .0.display())]
    Missing(PathBuf),
    /// The path is a file.
    #[error("{} is a file, not a folder: --index must name a folder", .0.display())]
    NotADirectory(PathBuf),
    /// The folder holds something else.
    #[error("{} is not empty and holds no newsq index; refusing to write there: choose a new or empty folder with --index", .0.display())]
    NotNewsq(PathBuf),
    /// A tantivy index without newsq's state file, met when searching.
    #[error("{} holds an index newsq did not write (it has no newsq.json): point --index at a folder `newsq index` built", .0.display())]
    Foreign(PathBuf),
    /// Written by another format version.
    #[error("the index at {} was written by another version of newsq ({}), this newsq {} reads format {FORMAT_VERSION}: rebuild it with {rebuild}", .path.display(), found.map_or("its fields differ".to_owned(), |f| format!("format {f}")), env!("CARGO_PKG_VERSION"))]
    Incompatible {
        /// The index folder.
        path: PathBuf,
        /// The format found, when the state file tells it.
        found: Option<u32>,
        /// The command that rebuilds it (see [`rebuild_command`]).
        rebuild: String,
    },
    /// Damaged files.
    #[error("the index at {} is damaged ({detail}): rebuild it with {rebuild}", .path.display())]
    Corrupt {
        /// The index folder.
        path: PathBuf,
        /// What failed.
        detail: String,
        /// The command that rebuilds it (see [`rebuild_command`]).
        rebuild: String,
    },
    /// Another process holds the writer lock.
    #[error("another `newsq index` is writing to {}: wait for it to finish (searching works meanwhile)", .0.display())]
    Locked(PathBuf),
    /// The folder cannot be created or written.
    #[error("cannot write the index at {}: {}", .path.display(), io_text(.cause))]
    NotWritable {
        /// The index folder.
        path: PathBuf,
        /// The I/O error. (Not a `source`: the message holds it already, and a cause
        /// chain would print it twice.)
        cause: io::Error,
    },
    /// The folder or one of its files cannot be read (permissions, above all).
    #[error("cannot read the index at {}: {}{}", .path.display(), io_text(.cause), .file.as_ref().map_or(String::new(), |f| format!(" ({})", f.display())))]
    NotReadable {
        /// The index folder.
        path: PathBuf,
        /// The file that could not be read, when it is known.
        file: Option<PathBuf>,
        /// The I/O error.
        cause: io::Error,
    },
}

/// An I/O error in words, the common ones as a person would say them.
fn io_text(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::ReadOnlyFilesystem => "read-only file system".to_owned(),
        _ => e.to_string(),
    }
}

/// The I/O error inside a tantivy error, with the file it concerns when tantivy says.
fn io_error_of(e: &TantivyError) -> Option<(&io::Error, Option<&Path>)> {
    match e {
        TantivyError::IoError(io) | TantivyError::LockFailure(LockError::IoError(io), _) => {
            Some((io, None))
        }
        TantivyError::OpenReadError(OpenReadError::IoError { io_error, filepath })
        | TantivyError::OpenWriteError(OpenWriteError::IoError { io_error, filepath }) => {
            Some((io_error, Some(filepath)))
        }
        TantivyError::OpenDirectoryError(OpenDirectoryError::IoError { io_error, .. }) => {
            Some((io_error, None))
        }
        _ => None,
    }
}

/// A copy of an I/O error (tantivy shares its errors behind an `Arc`).
fn copy_io(e: &io::Error) -> io::Error {
    io::Error::new(e.kind(), e.to_string())
}

/// Maps a tantivy error met while reading (`writing: false`) or writing the index in
/// `dir`: permission problems are said as such, never as damage.
fn tantivy_error(dir: &Path, e: TantivyError, writing: bool) -> IndexError {
    match io_error_of(&e) {
        Some((io, file)) if is_access_error(io) => {
            if writing {
                IndexError::NotWritable {
                    path: dir.to_path_buf(),
                    cause: copy_io(io),
                }
            } else {
                IndexError::NotReadable {
                    path: dir.to_path_buf(),
                    // tantivy names some files by their full path, some by their name.
                    file: file.and_then(Path::file_name).map(PathBuf::from),
                    cause: copy_io(io),
                }
            }
        }
        Some((io, file)) => corrupt(
            dir,
            match file {
                Some(f) => format!("{}: {io}", f.display()),
                None => io.to_string(),
            },
        ),
        None => corrupt(dir, e),
    }
}

/// An error met while reading (`writing: false`) or writing the index in `dir`, said as
/// what it is. An error from inside the index (a stored document that does not decompress,
/// a column that does not decode) is damage, and becomes [`IndexError::Corrupt`], which
/// says so and how to rebuild; one about access rights becomes `NotReadable`. Errors that
/// are an [`IndexError`] already, or come from elsewhere (the terminal, a full disk while
/// writing), pass as they are.
pub fn explain_error(err: anyhow::Error, dir: &Path, writing: bool) -> anyhow::Error {
    if err.chain().any(|e| e.is::<IndexError>()) {
        return err;
    }
    let detail = || format!("{err:#}");
    if let Some(t) = err.chain().find_map(|e| e.downcast_ref::<TantivyError>()) {
        if let Some((io, _)) = io_error_of(t)
            && is_access_error(io)
        {
            return tantivy_error(dir, copy_tantivy(t), writing).into();
        }
        if !writing || is_damage(t) {
            return corrupt(dir, detail()).into();
        }
        return err;
    }
    // Columns and term dictionaries report bad bytes as plain I/O errors of these kinds,
    // which nothing else newsq does gives.
    let bad_data = err.chain().any(|e| {
        e.downcast_ref::<io::Error>().is_some_and(|io| {
            matches!(
                io.kind(),
                io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof
            )
        })
    });
    if bad_data {
        return corrupt(dir, detail()).into();
    }
    err
}

/// Whether a tantivy error met while writing says the index's own bytes are wrong (and
/// not, say, that the disk is full).
fn is_damage(e: &TantivyError) -> bool {
    match e {
        TantivyError::DataCorruption(_)
        | TantivyError::DeserializeError(_)
        | TantivyError::IncompatibleIndex(_)
        | TantivyError::OpenReadError(OpenReadError::FileDoesNotExist(_)) => true,
        _ => io_error_of(e).is_some_and(|(io, _)| {
            matches!(
                io.kind(),
                io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof
            )
        }),
    }
}

/// A tantivy error rebuilt from a borrowed one, for the access errors [`tantivy_error`]
/// maps (tantivy's errors are not `Clone`).
fn copy_tantivy(e: &TantivyError) -> TantivyError {
    match io_error_of(e) {
        Some((io, _)) => TantivyError::IoError(std::sync::Arc::new(copy_io(io))),
        None => TantivyError::InternalError(e.to_string()),
    }
}

/// Whether an I/O error is about access rights, not about the index's content.
fn is_access_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

/// The error for an I/O error on the folder or a file in it, read or written.
fn io_failure(dir: &Path, file: Option<&str>, e: io::Error, writing: bool) -> IndexError {
    if writing {
        IndexError::NotWritable {
            path: dir.to_path_buf(),
            cause: e,
        }
    } else {
        IndexError::NotReadable {
            path: dir.to_path_buf(),
            file: file.map(PathBuf::from),
            cause: e,
        }
    }
}

/// An index opened for searching (read-only: no writer, no lock): the narrow façade the
/// commands, and later a web server or a timeline, call. Its methods live beside what they
/// do (`store.rs`: lookup, articles; `search`: search, similar, facets); no caller holds a
/// tantivy handle.
pub struct Index {
    dir: PathBuf,
    index: TantivyIndex,
    fields: Fields,
    reader: IndexReader,
}

impl Index {
    /// Opens the index in `dir` for searching.
    pub fn open(dir: &Path) -> Result<Index, IndexError> {
        open(dir)
    }

    /// The field handles (for the engine's own modules and evaluation tools).
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// A searcher on the commit the index was opened at (for the engine's own modules,
    /// evaluation tools and benchmarks; the commands go through the methods instead).
    pub fn searcher(&self) -> tantivy::Searcher {
        self.reader.searcher()
    }

    /// How many articles the index holds.
    pub fn len(&self) -> u64 {
        self.searcher().num_docs()
    }

    /// Whether the index holds no article.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn corrupt(path: &Path, e: impl std::fmt::Display) -> IndexError {
    // tantivy quotes the whole of a meta.json it cannot parse: the start says enough.
    const MAX_DETAIL: usize = 300;
    let mut detail = e.to_string();
    if let Some((cut, _)) = detail.char_indices().nth(MAX_DETAIL) {
        detail.truncate(cut);
        detail.push('…');
    }
    IndexError::Corrupt {
        path: path.to_path_buf(),
        detail,
        rebuild: rebuild_command(path),
    }
}

/// The command that rebuilds the index in `dir`, as a user would type it, in backquotes:
/// `newsq index --rebuild` when the index records its roots (they are walked again),
/// else with `PATH...`; with `--index DIR` unless `dir` is the default folder.
pub fn rebuild_command(dir: &Path) -> String {
    let index = if dir == Path::new("index") {
        String::new()
    } else {
        format!("--index {} ", shell_word(&dir.to_string_lossy()))
    };
    // Read leniently, and never through state::read: this is called while reporting that
    // very file's problems.
    let roots = std::fs::read(dir.join(STATE_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|v| Some(!v.get("roots")?.as_array()?.is_empty()))
        .unwrap_or(false);
    let paths = if roots { "" } else { " PATH..." };
    format!("`newsq {index}index --rebuild{paths}`")
}

/// A word as a shell reads it back: as it is when it holds nothing special, else quoted.
fn shell_word(s: &str) -> String {
    if !s.is_empty()
        && s.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(c, '_' | '.' | '/' | '-' | '+' | ',' | ':' | '@' | '%' | '=')
        })
    {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

fn check_dir(dir: &Path, writing: bool) -> Result<bool, IndexError> {
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(true),
        Ok(_) => Err(IndexError::NotADirectory(dir.to_path_buf())),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(io_failure(dir, None, e, writing)),
    }
}

fn open_tantivy(dir: &Path, folder: IndexDir) -> Result<(TantivyIndex, Fields), IndexError> {
    let writing = folder.access() == Access::Write;
    let index = TantivyIndex::open(folder).map_err(|e| tantivy_error(dir, e, writing))?;
    schema::register_analyzers(&index);
    let fields = Fields::new(&index.schema()).map_err(|_| IndexError::Incompatible {
        path: dir.to_path_buf(),
        found: None,
        rebuild: rebuild_command(dir),
    })?;
    Ok((index, fields))
}

/// The optional fields (metadata, the languages' own) that hold no word in any segment,
/// as a bit per field id; 0 when a segment's postings cannot be read (the search then
/// reports the problem itself).
fn metadata_fields_without_terms(
    index: &TantivyIndex,
    reader: &IndexReader,
    fields: &Fields,
) -> u128 {
    let candidates = fields.optional();
    let mut without: u128 = candidates
        .iter()
        .filter(|f| f.field_id() < 128)
        .fold(0, |m, f| m | 1 << f.field_id());
    for segment in reader.searcher().segment_readers() {
        let meta = index.new_segment_meta(segment.segment_id(), segment.max_doc());
        let postings = index
            .segment(meta)
            .open_read(tantivy::index::SegmentComponent::Postings)
            .ok()
            .and_then(|slice| tantivy::directory::CompositeFile::open(&slice).ok());
        let Some(postings) = postings else {
            return 0;
        };
        for &f in &candidates {
            if f.field_id() < 128 && postings.open_read(f).is_some() {
                without &= !(1 << f.field_id());
            }
        }
    }
    without
}

/// Opens the index in `dir` for searching.
pub fn open(dir: &Path) -> Result<Index, IndexError> {
    if !check_dir(dir, false)? {
        return Err(IndexError::Missing(dir.to_path_buf()));
    }
    if state::read(dir, false)?.is_none() {
        return Err(if dir.join("meta.json").exists() {
            IndexError::Foreign(dir.to_path_buf())
        } else {
            IndexError::Missing(dir.to_path_buf())
        });
    }
    if !dir.join("meta.json").exists() {
        return Err(IndexError::Missing(dir.to_path_buf()));
    }
    let folder = IndexDir::open(dir, Access::Read).map_err(|e| tantivy_error(dir, e, false))?;
    let (index, mut fields) = open_tantivy(dir, folder)?;
    let reader: IndexReader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(|e| tantivy_error(dir, e, false))?;
    fields.without_terms = metadata_fields_without_terms(&index, &reader, &fields);
    Ok(Index {
        dir: dir.to_path_buf(),
        index,
        fields,
        reader,
    })
}

impl Index {
    /// Where the records of the file of JSON records `file` start, for those in the index, in
    /// file order (none when the file is not indexed). Read from the index's terms and fast
    /// fields, without stored documents.
    pub fn records_of(&self, file: &Path) -> anyhow::Result<Vec<crate::corpus::records::Position>> {
        use std::ops::Bound;
        use tantivy::Term;
        use tantivy::collector::DocSetCollector;
        let key = path_key(file);
        let mut from = path_bytes(&key).to_vec();
        from.push(b':');
        let mut to = from.clone();
        *to.last_mut().expect("not empty") = b':' + 1;
        let field = self.fields.path_raw;
        let query = tantivy::query::RangeQuery::new(
            Bound::Included(Term::from_field_bytes(field, &from)),
            Bound::Excluded(Term::from_field_bytes(field, &to)),
        );
        let searcher = self.reader.searcher();
        let name = searcher.schema().get_field_name(field).to_owned();
        let mut found = Vec::new();
        let mut buf = Vec::new();
        for addr in searcher.search(&query, &DocSetCollector)? {
            let reader = searcher.segment_reader(addr.segment_ord);
            let Some(paths) = reader.fast_fields().bytes(&name)? else {
                continue;
            };
            let Some(ord) = paths.term_ords(addr.doc_id).next() else {
                continue;
            };
            buf.clear();
            paths.ord_to_bytes(ord, &mut buf)?;
            if let Some((f, at)) = crate::corpus::records::split_record_path(&buf)
                && f == path_bytes(&key)
            {
                found.push(at);
            }
        }
        found.sort_unstable();
        Ok(found)
    }

    /// Whether the index holds an article read from the file `file`: the file itself, or a
    /// record of it (from its terms, without stored documents).
    pub fn holds_file(&self, file: &Path) -> anyhow::Result<bool> {
        let key = path_key(file);
        let term = tantivy::Term::from_field_bytes(self.fields.path_raw, path_bytes(&key));
        let query = tantivy::query::TermQuery::new(term, tantivy::schema::IndexRecordOption::Basic);
        let n = self
            .reader
            .searcher()
            .search(&query, &tantivy::collector::Count)?;
        Ok(n > 0 || !self.records_of(file)?.is_empty())
    }
}

/// Whether a `newsq index` run holds the writer lock of the index in `dir` now. Probed with
/// a shared lock on the lock file, let go at once: it never blocks, needs no write access,
/// and a run that starts at that very moment waits for it (see `IndexDir::lock_writer`).
pub fn being_written(dir: &Path) -> bool {
    use fs4::fs_std::FileExt;
    let Ok(file) = std::fs::File::open(dir.join(".tantivy-writer.lock")) else {
        return false;
    };
    // Closing the file lets the lock go.
    !FileExt::try_lock_shared(&file).unwrap_or(true)
}

/// Why an index holds no article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Empty {
    /// A `newsq index` run is writing it and has not committed yet.
    BeingWritten,
    /// A run was stopped before its first commit.
    Interrupted,
    /// Nothing was found to index (or every article was deleted).
    NothingIndexed,
}

/// Why the index in `dir` holds no article, when it holds none (`None` when it holds
/// some, or cannot be read: the caller has reported that already).
pub fn why_empty(dir: &Path) -> Option<Empty> {
    let opened = open(dir).ok()?;
    if !opened.is_empty() {
        return None;
    }
    if being_written(dir) {
        return Some(Empty::BeingWritten);
    }
    let metas = opened.index.load_metas().ok()?;
    Some(if metas.payload.is_none() {
        Empty::Interrupted
    } else {
        Empty::NothingIndexed
    })
}

/// Whether a folder holds nothing but, at most, tantivy's lock files (which a run that
/// is creating the index there, or was killed doing it, leaves).
fn is_empty_dir(dir: &Path) -> Result<bool, IndexError> {
    let not_writable = |e| IndexError::NotWritable {
        path: dir.to_path_buf(),
        cause: e,
    };
    for entry in std::fs::read_dir(dir).map_err(not_writable)? {
        if !is_lock_file(&entry.map_err(not_writable)?.file_name()) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Whether a file name is one of tantivy's lock files. They are never removed: a running
/// writer or search holds its lock on the file, and a new file of the same name would let
/// a second writer take the lock beside it.
fn is_lock_file(name: &OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with(".tantivy") && name.ends_with(".lock")
}

/// Opens the index in `dir` for writing, creating it when absent, and takes its writer
/// lock: the returned index hands that lock to the first writer made from it, and a
/// second run fails with [`IndexError::Locked`] before it changes anything. With
/// `rebuild`, an existing newsq index that cannot be opened is emptied first (once the
/// lock is held), and a sound one is opened as it is, for the run to replace its articles
/// in one commit; a folder that holds anything else is never touched.
pub fn open_for_write(dir: &Path, rebuild: bool) -> Result<(TantivyIndex, Fields), IndexError> {
    let exists = check_dir(dir, true)?;
    let not_writable = |e| IndexError::NotWritable {
        path: dir.to_path_buf(),
        cause: e,
    };
    if !exists {
        std::fs::create_dir_all(dir).map_err(not_writable)?;
    }
    // Whether the folder is ours is decided before anything is written into it.
    let state = match state::read(dir, true) {
        Err(IndexError::Incompatible { .. } | IndexError::Corrupt { .. }) if rebuild => None,
        other => other?,
    };
    if state.is_none() && !is_empty_dir(dir)? {
        // A crash between writing the state file and creating the index leaves only the
        // state file, which read_state accepted; anything else here is not ours.
        let ours = rebuild && dir.join(STATE_FILE).exists();
        if !ours {
            return Err(IndexError::NotNewsq(dir.to_path_buf()));
        }
    }
    let folder = IndexDir::open(dir, Access::Write).map_err(|e| tantivy_error(dir, e, true))?;
    folder.lock_writer().map_err(|e| match e {
        LockError::LockBusy => IndexError::Locked(dir.to_path_buf()),
        LockError::IoError(io) => not_writable(copy_io(&io)),
    })?;
    // Under the lock: what another run may have changed meanwhile is read again.
    let state = match state::read(dir, true) {
        Err(IndexError::Incompatible { .. } | IndexError::Corrupt { .. }) if rebuild => None,
        other => other?,
    };
    if rebuild && (state.is_some() || dir.join(STATE_FILE).exists()) {
        // A sound index stays as it is until the rebuilt one is committed (the run
        // deletes its articles in that commit): a rebuild stopped midway loses nothing.
        // Only one that cannot be opened is cleared first.
        if state.is_some()
            && dir.join("meta.json").exists()
            && let Ok(opened) = open_tantivy(dir, folder.clone())
            && opened
                .0
                .reader_builder()
                .reload_policy(ReloadPolicy::Manual)
                .try_into()
                .is_ok()
        {
            return Ok(opened);
        }
        clear_index_dir(dir).map_err(not_writable)?;
    } else if state.is_some() && dir.join("meta.json").exists() {
        return open_tantivy(dir, folder);
    }
    state::write(dir, &state::State::new())?;
    let index = TantivyIndex::create(folder, schema::build(), settings())
        .map_err(|e| tantivy_error(dir, e, true))?;
    schema::register_analyzers(&index);
    let fields = Fields::new(&index.schema()).map_err(|e| corrupt(dir, e))?;
    Ok((index, fields))
}

/// The settings of a new index.
pub fn settings() -> tantivy::IndexSettings {
    // Stored text is most of an index: zstd keeps it small, and only the hits a search
    // shows are ever decompressed. Level 1 rather than 3: on blocks this small the two
    // compress alike (0.5 % larger index on the benchmark's 1x), and level 1 costs the
    // writer about a twentieth less CPU.
    tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Zstd(tantivy::store::ZstdCompressor {
            compression_level: Some(1),
        }),
        // A search decompresses one block per hit shown: articles are about 1 KB, so
        // blocks of 4 KB rather than tantivy's 16 KB cut a search's decompression by four
        // for 7 % more index (1.08 to 1.15 times the corpus on the benchmark's 1×), and
        // 0.17 ms (5 %) off a whole-process search.
        docstore_blocksize: 4096,
        ..tantivy::IndexSettings::default()
    }
}

/// Removes the files of a newsq index (only the files tantivy and newsq write), but
/// never its lock files (see [`is_lock_file`]).
fn clear_index_dir(dir: &Path) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if is_lock_file(&name) {
            continue;
        }
        let ours = name == OsStr::new("meta.json")
            || name == OsStr::new(".managed.json")
            || name == OsStr::new(STATE_FILE)
            || name.to_string_lossy().starts_with(directory::TEMP_PREFIX)
            || name.to_string_lossy().starts_with("newsq.")
            || Path::new(&name).extension().is_some_and(|e| {
                matches!(
                    e.to_str(),
                    Some("idx" | "pos" | "term" | "store" | "fast" | "fieldnorm" | "del")
                )
            });
        if ours && entry.file_type()?.is_file() {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// Maps tantivy's error when taking the writer to a clear message.
pub fn writer_error(dir: &Path, e: TantivyError) -> IndexError {
    match e {
        TantivyError::LockFailure(LockError::LockBusy, _) => IndexError::Locked(dir.to_path_buf()),
        other => tantivy_error(dir, other, true),
    }
}
