//! The index folder as tantivy sees it: tantivy's [`MmapDirectory`] with three changes
//! that make one index folder safe to write and to share.
//!
//! - **Files as the umask allows.** tantivy writes `meta.json` and `.managed.json` through
//!   a temporary file that is always created `0600`, so nobody but the indexing user could
//!   ever search the index. Here they are written through a temporary file created like
//!   any other file (mode `0666` less the umask), then renamed into place as before.
//! - **The writer lock first.** A writer takes tantivy's writer lock
//!   (`.tantivy-writer.lock`) before anything in the folder is read for writing, changed or
//!   cleared ([`IndexDir::lock_writer`]); the lock is then handed to the `IndexWriter`
//!   instead of being taken a second time.
//! - **Searching needs no write access.** tantivy's reader holds the meta lock
//!   (`.tantivy-meta.lock`) while it opens segments, and opens that file for writing,
//!   creating it when absent. A search here locks the existing file opened read-only (an
//!   `flock` needs no write access), and takes no lock when there is no such file: no
//!   writer has then ever removed files from the folder.
//! - **A writer reads what it copies whole.** An indexing run reads the stored articles,
//!   fast fields and field norms of its segments with plain reads instead of memory maps
//!   (see [`Copied`]): a merge copies those files section by section, and mapped pages
//!   stay in the process's memory until the merge ends, so merging 200,000 articles' worth
//!   of segments held some 180 MB of mapped files at once.

use std::fmt;
use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, FileSlice, INDEX_WRITER_LOCK, Lock, META_LOCK,
    MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// Start of the names of the temporary files of atomic writes (hidden, so the walk never
/// reads one; an index folder being rebuilt loses any a crash left).
pub(super) const TEMP_PREFIX: &str = ".newsq-tmp-";

/// What a process does with the index folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Access {
    /// Searching: nothing in the folder is created or changed.
    Read,
    /// Indexing.
    Write,
}

/// An index folder (see the module documentation).
#[derive(Clone)]
pub(super) struct IndexDir {
    inner: MmapDirectory,
    root: PathBuf,
    access: Access,
    /// The writer lock, taken by [`IndexDir::lock_writer`], until tantivy asks for it.
    writer_lock: Arc<Mutex<Option<DirectoryLock>>>,
}

impl fmt::Debug for IndexDir {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IndexDir")
            .field("root", &self.root)
            .field("access", &self.access)
            .finish_non_exhaustive()
    }
}

impl IndexDir {
    /// The existing folder `dir`.
    pub(super) fn open(dir: &Path, access: Access) -> tantivy::Result<IndexDir> {
        let inner = MmapDirectory::open(dir)?;
        let root =
            std::fs::canonicalize(dir).map_err(|e| tantivy::TantivyError::IoError(Arc::new(e)))?;
        Ok(IndexDir {
            inner,
            root,
            access,
            writer_lock: Arc::new(Mutex::new(None)),
        })
    }

    /// What this process does with the folder.
    pub(super) fn access(&self) -> Access {
        self.access
    }

    /// Takes the writer lock now, failing at once when another process holds it. The
    /// lock is held until the `IndexWriter` made from this folder is dropped (or, when no
    /// writer is made, this folder and all its clones).
    pub(super) fn lock_writer(&self) -> Result<(), LockError> {
        // A search that finds an empty index probes this lock for a moment (see
        // `index::being_written`): a run starting then tries again a few times before it
        // takes the lock for another run's. A held lock is refused within 0.1 s.
        let mut tries = 0;
        let lock = loop {
            match self.inner.acquire_lock(&INDEX_WRITER_LOCK) {
                Err(LockError::LockBusy) if tries < 5 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                other => break other?,
            }
        };
        *self.writer_lock.lock().expect("no panics while locked") = Some(lock);
        Ok(())
    }

    /// The meta lock of a search: see the module documentation.
    fn read_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        use fs4::fs_std::FileExt;
        match std::fs::File::open(self.root.join(&lock.filepath)) {
            Ok(file) => {
                if lock.is_blocking {
                    FileExt::lock_exclusive(&file).map_err(|e| LockError::IoError(Arc::new(e)))?;
                } else if !FileExt::try_lock_exclusive(&file).map_err(|_| LockError::LockBusy)? {
                    return Err(LockError::LockBusy);
                }
                // Closing the file releases the lock.
                Ok(DirectoryLock::from(Box::new(file)))
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(DirectoryLock::from(Box::new(()))),
            Err(e) => Err(LockError::IoError(Arc::new(e))),
        }
    }
}

/// Numbers the temporary files of one process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `path` whole or not at all: a temporary file beside it, synced, then renamed over
/// it. The temporary file is created with the default mode, so the umask decides who may
/// read the result, as for every other file of the index.
fn atomic_write(path: &Path, data: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        "{TEMP_PREFIX}{}-{}",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| {
        let mut file = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        file.write_all(data)?;
        file.sync_data()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// The kinds of segment files a writing run reads with plain reads (see the module
/// documentation): read in large sections, each once, by a merge. The term dictionaries
/// and postings stay mapped: a merge reads them term by term, a read each would cost a
/// system call per term and segment.
const COPIED: [&str; 3] = ["store", "fast", "fieldnorm"];

/// A file read with positioned reads: the bytes asked for are copied into memory that is
/// freed with them, where a memory map would keep every page it ever read.
#[derive(Debug)]
struct Copied {
    file: std::fs::File,
    len: usize,
}

impl tantivy::HasLen for Copied {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for Copied {
    fn read_bytes(
        &self,
        range: std::ops::Range<usize>,
    ) -> io::Result<tantivy::directory::OwnedBytes> {
        if range.start > range.end || range.end > self.len {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("bytes {range:?} are outside a file of {} bytes", self.len),
            ));
        }
        let mut buf = vec![0u8; range.len()];
        read_exact_at(&self.file, &mut buf, range.start as u64)?;
        Ok(tantivy::directory::OwnedBytes::new(buf))
    }
}

#[cfg(unix)]
fn read_exact_at(file: &std::fs::File, buf: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
}

// Without positioned reads, files stay mapped (see `IndexDir::copied`).
#[cfg(not(unix))]
fn read_exact_at(_: &std::fs::File, _: &mut [u8], _: u64) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

impl IndexDir {
    /// The file `path` as [`Copied`], when this is a writer's folder and the file one of
    /// the kinds a merge copies.
    fn copied(&self, path: &Path) -> Option<Result<Arc<dyn FileHandle>, OpenReadError>> {
        let copied = cfg!(unix)
            && self.access == Access::Write
            && path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| COPIED.contains(&e));
        if !copied {
            return None;
        }
        let opened = std::fs::File::open(self.root.join(path)).and_then(|file| {
            let len = usize::try_from(file.metadata()?.len())
                .map_err(|_| io::Error::other("file too large for this machine"))?;
            Ok(Copied { file, len })
        });
        Some(match opened {
            Ok(c) => Ok(Arc::new(c) as Arc<dyn FileHandle>),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                Err(OpenReadError::FileDoesNotExist(path.to_path_buf()))
            }
            Err(e) => Err(OpenReadError::wrap_io_error(e, path.to_path_buf())),
        })
    }
}

impl Directory for IndexDir {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        match self.copied(path) {
            Some(handle) => handle,
            None => self.inner.get_file_handle(path),
        }
    }

    fn open_read(&self, path: &Path) -> Result<FileSlice, OpenReadError> {
        match self.copied(path) {
            Some(handle) => Ok(FileSlice::new(handle?)),
            None => self.inner.open_read(path),
        }
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        atomic_write(&self.root.join(path), data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        if lock.filepath == INDEX_WRITER_LOCK.filepath
            && let Some(held) = self
                .writer_lock
                .lock()
                .expect("no panics while locked")
                .take()
        {
            return Ok(held);
        }
        if self.access == Access::Read && lock.filepath == META_LOCK.filepath {
            return self.read_lock(lock);
        }
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

#[cfg(test)]
mod tests {
    use tantivy::HasLen;

    use super::*;

    #[test]
    fn the_writer_lock_taken_first_is_handed_to_tantivy_and_keeps_others_out() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = IndexDir::open(tmp.path(), Access::Write).unwrap();
        dir.lock_writer().unwrap();
        // Another process (another open file) cannot take it...
        let other = IndexDir::open(tmp.path(), Access::Write).unwrap();
        assert!(matches!(other.lock_writer(), Err(LockError::LockBusy)));
        // ...while the holder hands it over once.
        let held = dir.acquire_lock(&INDEX_WRITER_LOCK).unwrap();
        assert!(matches!(other.lock_writer(), Err(LockError::LockBusy)));
        drop(held);
        other.lock_writer().unwrap();
    }

    #[test]
    fn a_writer_reads_copied_files_by_range_as_a_search_maps_them() {
        let tmp = tempfile::tempdir().unwrap();
        let bytes: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
        std::fs::write(tmp.path().join("seg.store"), &bytes).unwrap();
        let writer = IndexDir::open(tmp.path(), Access::Write).unwrap();
        let search = IndexDir::open(tmp.path(), Access::Read).unwrap();
        let path = Path::new("seg.store");
        for dir in [&writer, &search] {
            let slice = dir.open_read(path).unwrap();
            assert_eq!(slice.len(), bytes.len());
            for range in [0..0, 0..1, 300..4_321, 9_999..10_000, 10_000..10_000] {
                let got = slice.slice(range.clone()).read_bytes().unwrap();
                assert_eq!(got.as_slice(), &bytes[range]);
            }
        }
        // A mapped file (all a search reads, and a writer's without positioned reads)
        // panics on a range beyond its end; a copied one says so.
        if cfg!(unix) {
            let handle = writer.get_file_handle(path).unwrap();
            assert!(handle.read_bytes(9_000..10_001).is_err(), "beyond the end");
        }
        assert!(matches!(
            writer.open_read(Path::new("gone.store")),
            Err(OpenReadError::FileDoesNotExist(_))
        ));
    }

    #[test]
    fn a_search_creates_no_lock_file() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = IndexDir::open(tmp.path(), Access::Read).unwrap();
        let lock = dir.acquire_lock(&META_LOCK).unwrap();
        drop(lock);
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
    }

    #[cfg(unix)]
    #[test]
    fn atomic_writes_follow_the_umask_not_0600() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let dir = IndexDir::open(tmp.path(), Access::Write).unwrap();
        dir.atomic_write(Path::new("meta.json"), b"{}").unwrap();
        let path = tmp.path().join("meta.json");
        assert_eq!(std::fs::read(&path).unwrap(), b"{}");
        // A file made the ordinary way gets what the umask allows; so must meta.json.
        let probe = tmp.path().join("probe");
        std::fs::write(&probe, b"").unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), mode(&probe));
        assert_eq!(
            std::fs::read_dir(tmp.path()).unwrap().count(),
            2,
            "no temporary file left"
        );
    }
}
