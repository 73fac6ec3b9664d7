//! The files a walk found, packed: about 45 bytes a file (its name, its folder's number,
//! size and modification time), where a list of [`Candidate`]s with their identity keys
//! cost over 200. An index run holds its listing from the walk to the last article
//! written, so at a million files this is most of what memory grows by.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use super::Candidate;
use super::path::path_key;

/// Articles' files in walk order, each as a folder and a name (see the module's text).
#[derive(Debug, Default)]
pub struct Listing {
    folders: Vec<Folder>,
    entries: Vec<Entry>,
    /// Every entry's file name, one after another (encoded bytes).
    names: Vec<u8>,
    /// One bit an entry: a sidecar sat beside it.
    sidecars: Vec<u64>,
}

#[derive(Debug)]
struct Folder {
    /// The folder as the walk reached it.
    path: PathBuf,
    /// Its identity (resolved, absolute), found when it is first asked for.
    key: std::sync::OnceLock<PathBuf>,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    /// Where the entry's name ends in `names` (it starts where the one before ends).
    name_end: u32,
    folder: u32,
    size: u64,
    mtime_ns: i64,
}

impl Listing {
    /// An empty listing.
    pub fn new() -> Listing {
        Listing::default()
    }

    /// The listing of `candidates`, in their order.
    pub fn of(candidates: impl IntoIterator<Item = Candidate>) -> Listing {
        let mut out = Listing::new();
        for c in candidates {
            out.push(&c.path, c.size, c.mtime_ns, c.sidecar);
        }
        out
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no file is listed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Appends a file.
    pub fn push(&mut self, path: &Path, size: u64, mtime_ns: i64, sidecar: bool) {
        let (parent, name) = match (path.parent(), path.file_name()) {
            (Some(parent), Some(name)) => (parent, name),
            // A path with no name of its own ("/", ".."): a folder of its own, no name.
            _ => (path, OsStr::new("")),
        };
        let same_folder = self
            .folders
            .last()
            .is_some_and(|f| f.path.as_path() == parent);
        if !same_folder {
            self.folders.push(Folder {
                path: parent.to_path_buf(),
                key: std::sync::OnceLock::new(),
            });
        }
        self.names.extend_from_slice(name.as_encoded_bytes());
        let i = self.entries.len();
        self.entries.push(Entry {
            name_end: u32::try_from(self.names.len()).expect("file names under 4 GB in all"),
            folder: (self.folders.len() - 1) as u32,
            size,
            mtime_ns,
        });
        if i / 64 >= self.sidecars.len() {
            self.sidecars.push(0);
        }
        if sidecar {
            self.sidecars[i / 64] |= 1 << (i % 64);
        }
    }

    fn name(&self, i: usize) -> &OsStr {
        let start = match i {
            0 => 0,
            _ => self.entries[i - 1].name_end as usize,
        };
        let bytes = &self.names[start..self.entries[i].name_end as usize];
        // SAFETY: the bytes are those of an `OsStr` taken apart with `as_encoded_bytes`
        // (by `push`), whole, on this platform.
        unsafe { OsStr::from_encoded_bytes_unchecked(bytes) }
    }

    /// The path of file `i`, as the walk reached it.
    pub fn path(&self, i: usize) -> PathBuf {
        let name = self.name(i);
        let folder = &self.folders[self.entries[i].folder as usize].path;
        if name.is_empty() {
            return folder.clone();
        }
        folder.join(name)
    }

    /// The identity of file `i` (see [`path_key`]): its folder's is resolved once, for
    /// all the files in it.
    pub fn key(&self, i: usize) -> PathBuf {
        let name = self.name(i);
        let folder = &self.folders[self.entries[i].folder as usize];
        if name.is_empty() {
            return path_key(&folder.path);
        }
        let key = folder.key.get_or_init(|| {
            let key = path_key(&folder.path.join(name));
            // A key ends in the path's own name: its folder is the folder's identity.
            match key.parent() {
                Some(parent) if key.file_name() == Some(name) => parent.to_path_buf(),
                _ => key,
            }
        });
        key.join(name)
    }

    /// Size in bytes of file `i`.
    pub fn size(&self, i: usize) -> u64 {
        self.entries[i].size
    }

    /// Modification stamp of file `i` (see [`Candidate::mtime_ns`]).
    pub fn mtime_ns(&self, i: usize) -> i64 {
        self.entries[i].mtime_ns
    }

    /// File `i` as a candidate.
    pub fn candidate(&self, i: usize) -> Candidate {
        Candidate {
            path: self.path(i),
            size: self.entries[i].size,
            mtime_ns: self.entries[i].mtime_ns,
            sidecar: self.sidecars[i / 64] & (1 << (i % 64)) != 0,
        }
    }

    /// Keeps the files for which `keep(i)` holds, in order.
    pub fn retain(&mut self, mut keep: impl FnMut(usize) -> bool) {
        let kept: Vec<usize> = (0..self.len()).filter(|&i| keep(i)).collect();
        if kept.len() == self.len() {
            return;
        }
        let mut out = Listing::new();
        for i in kept {
            let c = self.candidate(i);
            out.push(&c.path, c.size, c.mtime_ns, c.sidecar);
            // The folder's identity, when known, goes along.
            let from = &self.folders[self.entries[i].folder as usize];
            let to = out.folders.last().expect("pushed");
            if let Some(key) = from.key.get() {
                let _ = to.key.set(key.clone());
            }
        }
        *self = out;
    }

    /// The files, as candidates, in order.
    pub fn candidates(&self) -> impl Iterator<Item = Candidate> + '_ {
        (0..self.len()).map(|i| self.candidate(i))
    }

    /// Sets the size and stamp of file `i` (the walk lists files first, then looks at
    /// them).
    pub(super) fn set_facts(&mut self, i: usize, size: u64, mtime_ns: i64, sidecar: bool) {
        self.entries[i].size = size;
        self.entries[i].mtime_ns = mtime_ns;
        if sidecar {
            self.sidecars[i / 64] |= 1 << (i % 64);
        } else {
            self.sidecars[i / 64] &= !(1 << (i % 64));
        }
    }

    /// Gives back the room grown into and not used.
    pub fn shrink_to_fit(&mut self) {
        self.folders.shrink_to_fit();
        self.entries.shrink_to_fit();
        self.names.shrink_to_fit();
        self.sidecars.shrink_to_fit();
    }

    /// Bytes held, for the tests that keep it small.
    pub fn memory_bytes(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<Entry>()
            + self.names.capacity()
            + self.sidecars.capacity() * 8
            + self
                .folders
                .iter()
                .map(|f| std::mem::size_of::<Folder>() + f.path.as_os_str().len())
                .sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_come_back_as_they_went_in() {
        let tmp = tempfile::tempdir().unwrap();
        let a = tmp.path().join("a");
        std::fs::create_dir(&a).unwrap();
        let paths = [
            a.join("1.txt"),
            a.join("2.txt"),
            tmp.path().join("b.txt"),
            a.join("3.txt"),
        ];
        let mut l = Listing::new();
        for (n, p) in paths.iter().enumerate() {
            l.push(p, n as u64 * 10, n as i64, n == 1);
        }
        assert_eq!(l.len(), 4);
        for (i, p) in paths.iter().enumerate() {
            assert_eq!(&l.path(i), p);
            assert_eq!(l.key(i), path_key(p));
            assert_eq!(l.candidate(i).sidecar, i == 1);
            assert_eq!(l.size(i), i as u64 * 10);
        }
        l.retain(|i| i != 1);
        assert_eq!(l.len(), 3);
        assert_eq!(l.path(1), paths[2]);
        assert!(!l.candidate(0).sidecar && !l.candidate(1).sidecar);
    }

    #[test]
    fn a_file_costs_a_few_tens_of_bytes() {
        let mut l = Listing::new();
        for i in 0..10_000 {
            let folder = i / 1000;
            l.push(
                Path::new(&format!("/data/news/{folder:03}/{i:06}-20070314.txt")),
                2000,
                1,
                false,
            );
        }
        l.shrink_to_fit();
        // 24 bytes of facts and the 19 bytes of its name.
        assert!(l.memory_bytes() / l.len() <= 44, "{}", l.memory_bytes());
    }
}
