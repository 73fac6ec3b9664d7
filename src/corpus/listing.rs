//! The files a walk found, packed: about 45 bytes a file (its name, its folder's number,
//! size and modification time), where a list of [`Candidate`]s with their identity keys
//! cost over 200. An index run holds its listing from the walk to the last article
//! written, so beyond a few MB it moves to an unlinked temporary file
//! ([`Listing::spill_to`]) and is read back block by block: at a million files the
//! listing then costs about a MB of memory instead of 45, and at ten million 5 instead
//! of 450.

use std::collections::VecDeque;
use std::ffi::OsStr;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::Candidate;
use super::path::path_key;

/// Files a block holds: the unit written out and read back.
const BLOCK: usize = 4096;

/// Blocks read back and kept: each of the reading threads works through its own part
/// of the listing in order, so a few blocks each serve nearly every lookup.
const CACHED_BLOCKS: usize = 16;

/// A listing past this size moves to disk when asked to ([`Listing::spill_to`]).
const SPILL_BEYOND: usize = 8 << 20;

/// Articles' files in walk order, each as a folder and a name (see the module's text).
#[derive(Debug, Default)]
pub struct Listing {
    folders: Vec<Folder>,
    /// The files, [`BLOCK`] to a block (the last may hold fewer).
    blocks: Vec<Slot>,
    len: usize,
    /// The temporary file the blocks on disk are in, with the blocks last read back.
    spilled: Option<Mutex<Spilled>>,
}

#[derive(Debug)]
struct Folder {
    /// The folder as the walk reached it.
    path: PathBuf,
    /// Its identity (resolved, absolute), found when it is first asked for.
    key: std::sync::OnceLock<PathBuf>,
}

#[derive(Debug)]
enum Slot {
    Memory(Arc<Block>),
    /// `len` bytes at `at` in the temporary file.
    Disk {
        at: u64,
        len: u32,
    },
}

#[derive(Debug, Default, Clone)]
struct Block {
    entries: Vec<Entry>,
    /// Every entry's file name, one after another (encoded bytes).
    names: Vec<u8>,
    /// One bit an entry: a sidecar sat beside it.
    sidecars: Vec<u64>,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    /// Where the entry's name ends in its block's `names` (it starts where the one before
    /// ends).
    name_end: u32,
    folder: u32,
    size: u64,
    mtime_ns: i64,
}

#[derive(Debug)]
struct Spilled {
    file: File,
    /// Blocks read back, most recent last.
    cache: VecDeque<(usize, Arc<Block>)>,
    bytes: Vec<u8>,
}

/// Bytes of an entry on disk.
const ENTRY_BYTES: usize = 24;

impl Block {
    fn name(&self, j: usize) -> &OsStr {
        let start = match j {
            0 => 0,
            _ => self.entries[j - 1].name_end as usize,
        };
        let bytes = &self.names[start..self.entries[j].name_end as usize];
        // SAFETY: the bytes are those of an `OsStr` taken apart with `as_encoded_bytes`
        // (by `push`), whole, on this platform, and written out and read back unchanged.
        unsafe { OsStr::from_encoded_bytes_unchecked(bytes) }
    }

    fn sidecar(&self, j: usize) -> bool {
        self.sidecars[j / 64] & (1 << (j % 64)) != 0
    }

    fn set_sidecar(&mut self, j: usize, on: bool) {
        if j / 64 >= self.sidecars.len() {
            self.sidecars.resize(j / 64 + 1, 0);
        }
        if on {
            self.sidecars[j / 64] |= 1 << (j % 64);
        } else {
            self.sidecars[j / 64] &= !(1 << (j % 64));
        }
    }

    fn memory_bytes(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<Entry>()
            + self.names.capacity()
            + self.sidecars.capacity() * 8
    }

    /// The block as bytes: entry count, the entries, the sidecar bits, then the names.
    fn encode(&self, out: &mut Vec<u8>) {
        out.clear();
        out.extend_from_slice(&(self.entries.len() as u32).to_le_bytes());
        for e in &self.entries {
            out.extend_from_slice(&e.name_end.to_le_bytes());
            out.extend_from_slice(&e.folder.to_le_bytes());
            out.extend_from_slice(&e.size.to_le_bytes());
            out.extend_from_slice(&e.mtime_ns.to_le_bytes());
        }
        for w in &self.sidecars {
            out.extend_from_slice(&w.to_le_bytes());
        }
        out.extend_from_slice(&self.names);
    }

    fn decode(bytes: &[u8]) -> io::Result<Block> {
        let bad = || {
            io::Error::new(
                io::ErrorKind::InvalidData,
                "the listing's temporary file was changed",
            )
        };
        let u32_at = |at: usize| -> io::Result<u32> {
            let b = bytes.get(at..at + 4).ok_or_else(bad)?;
            Ok(u32::from_le_bytes(b.try_into().expect("4 bytes")))
        };
        let u64_at = |at: usize| -> io::Result<u64> {
            let b = bytes.get(at..at + 8).ok_or_else(bad)?;
            Ok(u64::from_le_bytes(b.try_into().expect("8 bytes")))
        };
        let n = u32_at(0)? as usize;
        let mut entries = Vec::with_capacity(n);
        let mut at = 4;
        for _ in 0..n {
            entries.push(Entry {
                name_end: u32_at(at)?,
                folder: u32_at(at + 4)?,
                size: u64_at(at + 8)?,
                mtime_ns: u64_at(at + 16)? as i64,
            });
            at += ENTRY_BYTES;
        }
        let words = n.div_ceil(64);
        let mut sidecars = Vec::with_capacity(words);
        for _ in 0..words {
            sidecars.push(u64_at(at)?);
            at += 8;
        }
        let names = bytes.get(at..).ok_or_else(bad)?.to_vec();
        if entries
            .last()
            .is_some_and(|e| e.name_end as usize != names.len())
        {
            return Err(bad());
        }
        Ok(Block {
            entries,
            names,
            sidecars,
        })
    }
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
        self.len
    }

    /// Whether no file is listed.
    pub fn is_empty(&self) -> bool {
        self.len == 0
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
        let folder = (self.folders.len() - 1) as u32;
        let i = self.len;
        if i.is_multiple_of(BLOCK) {
            self.blocks.push(Slot::Memory(Arc::default()));
        }
        let block = self.block_mut(i / BLOCK);
        block.names.extend_from_slice(name.as_encoded_bytes());
        block.entries.push(Entry {
            name_end: u32::try_from(block.names.len()).expect("a block's names under 4 GB"),
            folder,
            size,
            mtime_ns,
        });
        block.set_sidecar(i % BLOCK, sidecar);
        self.len += 1;
    }

    /// Block `b`, to change (read back from disk first when it was written out).
    fn block_mut(&mut self, b: usize) -> &mut Block {
        if matches!(self.blocks[b], Slot::Disk { .. }) {
            // Only a listing changed after it moved to disk gets here; its blocks then
            // come back to memory one by one.
            let block = self.block(b);
            self.blocks[b] = Slot::Memory(block);
        }
        match &mut self.blocks[b] {
            Slot::Memory(block) => Arc::make_mut(block),
            Slot::Disk { .. } => unreachable!("read back above"),
        }
    }

    /// Block `b`, from memory or read back from the temporary file.
    fn block(&self, b: usize) -> Arc<Block> {
        let (at, len) = match &self.blocks[b] {
            Slot::Memory(block) => return Arc::clone(block),
            Slot::Disk { at, len } => (*at, *len),
        };
        let mut spilled = self
            .spilled
            .as_ref()
            .expect("blocks on disk have a file")
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, block)) = spilled.cache.iter().find(|(n, _)| *n == b) {
            return Arc::clone(block);
        }
        let Spilled { file, bytes, .. } = &mut *spilled;
        bytes.resize(len as usize, 0);
        let read = file
            .seek(SeekFrom::Start(at))
            .and_then(|_| file.read_exact(bytes))
            .and_then(|()| Block::decode(bytes));
        // The file is this process's own, unlinked: no one else can change or remove it,
        // so a failing read is the disk failing under the run. The run stops as a killed
        // run would, which loses nothing: the index keeps its last commit.
        let block = Arc::new(read.unwrap_or_else(|e| {
            eprintln!("newsq: error: reading back the file listing from its temporary file: {e}");
            std::process::exit(1)
        }));
        if spilled.cache.len() == CACHED_BLOCKS {
            spilled.cache.pop_front();
        }
        spilled.cache.push_back((b, Arc::clone(&block)));
        block
    }

    /// The path of file `i`, as the walk reached it.
    pub fn path(&self, i: usize) -> PathBuf {
        self.path_in(&self.block(i / BLOCK), i % BLOCK)
    }

    /// The path of the `j`th file of `block`.
    fn path_in(&self, block: &Block, j: usize) -> PathBuf {
        let name = block.name(j);
        let folder = &self.folders[block.entries[j].folder as usize].path;
        if name.is_empty() {
            return folder.clone();
        }
        folder.join(name)
    }

    /// The identity of file `i` (see [`path_key`]): its folder's is resolved once, for
    /// all the files in it.
    pub fn key(&self, i: usize) -> PathBuf {
        let block = self.block(i / BLOCK);
        let j = i % BLOCK;
        let name = block.name(j);
        let folder = &self.folders[block.entries[j].folder as usize];
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
        self.block(i / BLOCK).entries[i % BLOCK].size
    }

    /// Modification stamp of file `i` (see [`Candidate::mtime_ns`]).
    pub fn mtime_ns(&self, i: usize) -> i64 {
        self.block(i / BLOCK).entries[i % BLOCK].mtime_ns
    }

    /// File `i` as a candidate.
    pub fn candidate(&self, i: usize) -> Candidate {
        let block = self.block(i / BLOCK);
        let j = i % BLOCK;
        let e = block.entries[j];
        Candidate {
            path: self.path_in(&block, j),
            size: e.size,
            mtime_ns: e.mtime_ns,
            sidecar: block.sidecar(j),
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
            let from_folder = self.block(i / BLOCK).entries[i % BLOCK].folder;
            let from = &self.folders[from_folder as usize];
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
        let block = self.block_mut(i / BLOCK);
        let j = i % BLOCK;
        block.entries[j].size = size;
        block.entries[j].mtime_ns = mtime_ns;
        block.set_sidecar(j, sidecar);
    }

    /// Gives back the room grown into and not used.
    pub fn shrink_to_fit(&mut self) {
        self.folders.shrink_to_fit();
        self.blocks.shrink_to_fit();
        for slot in &mut self.blocks {
            if let Slot::Memory(block) = slot
                && let Some(block) = Arc::get_mut(block)
            {
                block.entries.shrink_to_fit();
                block.names.shrink_to_fit();
                block.sidecars.shrink_to_fit();
            }
        }
    }

    /// Moves the listing to an unlinked temporary file in `dir` when it holds more than
    /// a few MB, keeping only its folders and where each block is in memory. Lookups then
    /// read blocks back, keeping the last few.
    pub fn spill_to(&mut self, dir: &Path) -> io::Result<()> {
        self.spill_beyond(dir, SPILL_BEYOND)
    }

    fn spill_beyond(&mut self, dir: &Path, bytes: usize) -> io::Result<()> {
        if self.memory_bytes() <= bytes {
            return Ok(());
        }
        let mut file = match self.spilled.take() {
            Some(s) => {
                s.into_inner()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .file
            }
            None => tempfile::tempfile_in(dir)?,
        };
        let mut at = file.seek(SeekFrom::End(0))?;
        let mut out = io::BufWriter::new(&mut file);
        let mut buf = Vec::new();
        let mut placed = Vec::with_capacity(self.blocks.len());
        for slot in &self.blocks {
            placed.push(match slot {
                Slot::Memory(block) => {
                    block.encode(&mut buf);
                    out.write_all(&buf)?;
                    let len = u32::try_from(buf.len()).expect("a block under 4 GB");
                    let disk = Slot::Disk { at, len };
                    at += u64::from(len);
                    disk
                }
                Slot::Disk { at, len } => Slot::Disk { at: *at, len: *len },
            });
        }
        out.flush()?;
        drop(out);
        self.blocks = placed;
        self.spilled = Some(Mutex::new(Spilled {
            file,
            cache: VecDeque::with_capacity(CACHED_BLOCKS),
            bytes: Vec::new(),
        }));
        Ok(())
    }

    /// Bytes held in memory, for the tests that keep it small.
    pub fn memory_bytes(&self) -> usize {
        let blocks: usize = self
            .blocks
            .iter()
            .map(|s| {
                std::mem::size_of::<Slot>()
                    + match s {
                        Slot::Memory(block) => block.memory_bytes(),
                        Slot::Disk { .. } => 0,
                    }
            })
            .sum();
        let cached: usize = self.spilled.as_ref().map_or(0, |s| {
            let s = s.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            s.cache.iter().map(|(_, b)| b.memory_bytes()).sum::<usize>() + s.bytes.capacity()
        });
        blocks
            + cached
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

    #[test]
    fn a_listing_on_disk_reads_back_as_it_was_and_can_still_change() {
        let tmp = tempfile::tempdir().unwrap();
        let mut l = Listing::new();
        let n = 3 * BLOCK + 17;
        for i in 0..n {
            let folder = i / 1000;
            l.push(
                &tmp.path().join(format!("{folder:03}/{i:06}.txt")),
                i as u64,
                -(i as i64),
                i % 7 == 0,
            );
        }
        let before: Vec<Candidate> = l.candidates().collect();
        let in_memory = l.memory_bytes();
        l.spill_beyond(tmp.path(), 0).unwrap();
        assert!(
            l.memory_bytes() * 20 < in_memory,
            "{} of {in_memory} bytes still in memory",
            l.memory_bytes()
        );
        // In order and out of order, as threads reading their own parts ask.
        for i in (0..n).chain((0..n).rev().step_by(97)) {
            let c = l.candidate(i);
            assert_eq!(c.path, before[i].path);
            assert_eq!(
                (c.size, c.mtime_ns, c.sidecar),
                (i as u64, -(i as i64), i % 7 == 0)
            );
            assert_eq!(l.key(i), path_key(&before[i].path));
        }
        // Changed after the move: the block comes back to memory.
        l.set_facts(5, 99, 1, true);
        assert_eq!(
            (l.size(5), l.mtime_ns(5), l.candidate(5).sidecar),
            (99, 1, true)
        );
        l.retain(|i| i % 2 == 1);
        assert_eq!(l.len(), n / 2);
        assert_eq!(l.path(l.len() - 1), before[n - 2].path);
    }
}
