//! An append-only run of 64-bit keys that moves to an unlinked temporary file once it
//! outgrows a small buffer, so that the line keys of a million articles (tens of millions
//! of keys) cost disk, not memory, between the two passes of an index run.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Keys kept in memory before they are written out (8 MB).
const BUFFER_KEYS: usize = 1 << 20;

/// Keys read from the file at a time: reads in order (the usual case) cost one system
/// call per window, not per article.
const WINDOW_KEYS: usize = 1 << 15;

/// Keys appended one article after another, read back by position. `Keys::default()`
/// holds them in memory only.
#[derive(Debug, Default)]
pub struct Keys {
    /// Where the temporary file goes; `None`: everything stays in memory.
    dir: Option<PathBuf>,
    /// The keys not written out (all of them without a folder).
    buffer: Vec<u64>,
    /// The file, with a window of what was last read from it.
    file: Option<Mutex<Spilled>>,
    /// Keys in the file.
    written: u64,
}

#[derive(Debug)]
struct Spilled {
    file: File,
    window: Vec<u64>,
    /// Position of `window[0]` among the keys.
    window_start: u64,
    bytes: Vec<u8>,
}

impl Keys {
    /// Keys that move to an unlinked temporary file in `dir` once they outgrow a buffer
    /// of a few MB.
    pub fn spilling_to(dir: &Path) -> Keys {
        Keys {
            dir: Some(dir.to_path_buf()),
            ..Keys::default()
        }
    }

    /// Number of keys appended.
    pub fn len(&self) -> u64 {
        self.written + self.buffer.len() as u64
    }

    /// Appends `keys`; returns the position of the first.
    pub fn append(&mut self, keys: &[u64]) -> io::Result<u64> {
        let at = self.len();
        self.buffer.extend_from_slice(keys);
        if self.buffer.len() >= BUFFER_KEYS && self.dir.is_some() {
            self.write_out()?;
        }
        Ok(at)
    }

    fn write_out(&mut self) -> io::Result<()> {
        let Some(dir) = &self.dir else {
            return Ok(());
        };
        if self.file.is_none() {
            let file = tempfile::tempfile_in(dir)?;
            self.file = Some(Mutex::new(Spilled {
                file,
                window: Vec::new(),
                window_start: 0,
                bytes: Vec::new(),
            }));
        }
        let spilled = self.file.as_mut().expect("made above").get_mut();
        let spilled = spilled.unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut bytes = Vec::with_capacity(self.buffer.len() * 8);
        for k in &self.buffer {
            bytes.extend_from_slice(&k.to_le_bytes());
        }
        spilled.file.seek(SeekFrom::Start(self.written * 8))?;
        spilled.file.write_all(&bytes)?;
        self.written += self.buffer.len() as u64;
        self.buffer.clear();
        Ok(())
    }

    /// Reads the `n` keys from position `at` into `out` (replacing what it held).
    pub fn read(&self, at: u64, n: usize, out: &mut Vec<u64>) -> io::Result<()> {
        out.clear();
        let end = at + n as u64;
        if end > self.len() {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "line keys read beyond their end",
            ));
        }
        if at < self.written {
            let in_file = (end.min(self.written) - at) as usize;
            let mut spilled = self
                .file
                .as_ref()
                .expect("keys written out have a file")
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            spilled.read(at, in_file, self.written, out)?;
        }
        if end > self.written {
            let from = at.max(self.written) - self.written;
            out.extend_from_slice(&self.buffer[from as usize..(end - self.written) as usize]);
        }
        Ok(())
    }
}

impl Spilled {
    fn read(&mut self, at: u64, n: usize, written: u64, out: &mut Vec<u64>) -> io::Result<()> {
        let end = at + n as u64;
        let in_window =
            at >= self.window_start && end <= self.window_start + self.window.len() as u64;
        if !in_window {
            let len = (n.max(WINDOW_KEYS) as u64).min(written - at) as usize;
            self.bytes.resize(len * 8, 0);
            self.file.seek(SeekFrom::Start(at * 8))?;
            self.file.read_exact(&mut self.bytes)?;
            self.window.clear();
            self.window.extend(
                self.bytes
                    .chunks_exact(8)
                    .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes"))),
            );
            self.window_start = at;
        }
        let from = (at - self.window_start) as usize;
        out.extend_from_slice(&self.window[from..from + n]);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_back_across_the_file_and_the_buffer() {
        let tmp = tempfile::tempdir().unwrap();
        let mut keys = Keys::spilling_to(tmp.path());
        let mut starts = Vec::new();
        // Articles of 0 to 6 keys, past the buffer twice, so some straddle the file's end.
        let article = |i: u64| (0..i % 7).map(move |j| i * 10 + j).collect::<Vec<u64>>();
        let n = 2 * BUFFER_KEYS as u64 / 3 + 17;
        for i in 0..n {
            starts.push(keys.append(&article(i)).unwrap());
        }
        assert!(keys.written > 0, "the buffer was written out");
        let mut out = Vec::new();
        // In order, then backwards (every read a new window).
        for i in (0..n).chain((0..n).rev().step_by(997)) {
            keys.read(starts[i as usize], (i % 7) as usize, &mut out)
                .unwrap();
            assert_eq!(out, article(i));
        }
        assert!(keys.read(keys.len() - 1, 2, &mut out).is_err());
    }

    #[test]
    fn without_a_folder_keys_stay_in_memory() {
        let mut keys = Keys::default();
        for i in 0..(BUFFER_KEYS as u64 + 5) {
            keys.append(&[i]).unwrap();
        }
        assert!(keys.file.is_none());
        let mut out = Vec::new();
        keys.read(BUFFER_KEYS as u64, 5, &mut out).unwrap();
        assert_eq!(out[0], BUFFER_KEYS as u64);
    }
}
