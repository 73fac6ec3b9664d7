//! Finding, reading and decoding article files.
//!
//! The walk turns the paths a user names into [`Candidate`]s (or [`Skipped`] entries with a
//! reason); [`read`] loads one candidate's bytes and [`decode`] turns them into UTF-8
//! [`Text`]. Nothing here fails a whole run: every problem with one file becomes a
//! `Skipped` that the index summary counts and reports.

mod decode;
pub mod html;
pub mod sidecar;
mod walk;

pub use decode::{Text, decode};
pub use walk::{Candidate, WalkOptions, is_article_path, walk};

use std::fmt;
use std::path::PathBuf;

/// Why a file was not indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SkipReason {
    /// The file holds no text (zero bytes or only whitespace).
    Empty,
    /// The file looks like binary data (NUL bytes, many control bytes).
    Binary,
    /// The file is larger than `--max-file-size`.
    TooLarge,
    /// The file or folder could not be read (permissions, I/O error, vanished).
    Unreadable,
    /// A symbolic link that leads back into its own ancestors.
    SymlinkLoop,
    /// A symbolic link, not followed without `--follow`.
    Symlink,
    /// A path named on the command line that does not exist.
    NotFound,
}

impl SkipReason {
    /// A short label for summaries ("binary", "too large", ...).
    pub fn label(self) -> &'static str {
        match self {
            SkipReason::Empty => "empty",
            SkipReason::Binary => "binary",
            SkipReason::TooLarge => "too large",
            SkipReason::Unreadable => "unreadable",
            SkipReason::SymlinkLoop => "symlink loop",
            SkipReason::Symlink => "symlink not followed",
            SkipReason::NotFound => "not found",
        }
    }

    /// Whether this skip is an error the user should fix (as opposed to a file that is
    /// simply not an article). Errors make `newsq index` exit with status 2.
    pub fn is_error(self) -> bool {
        matches!(
            self,
            SkipReason::Unreadable | SkipReason::NotFound | SkipReason::SymlinkLoop
        )
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A file (or folder) that was not indexed, with the reason and a human-readable detail.
#[derive(Debug, Clone)]
pub struct Skipped {
    /// The path as found by the walk.
    pub path: PathBuf,
    /// The kind of problem.
    pub reason: SkipReason,
    /// What exactly went wrong, for the message (e.g. the OS error).
    pub detail: String,
}

/// The bytes of one article file and what the file system says about it.
#[derive(Debug, Clone)]
pub struct RawFile {
    /// The path as found by the walk.
    pub path: PathBuf,
    /// The file's content.
    pub bytes: Vec<u8>,
    /// Size in bytes when the walk saw it.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch (0 when unknown).
    pub mtime_ns: i64,
}

/// Reads one candidate, refusing files over `max_size` bytes before reading them.
pub fn read(candidate: &Candidate, max_size: u64) -> Result<RawFile, Skipped> {
    let skip = |reason, detail: String| Skipped {
        path: candidate.path.clone(),
        reason,
        detail,
    };
    if candidate.size > max_size {
        return Err(skip(
            SkipReason::TooLarge,
            format!(
                "{} bytes is over the limit of {} bytes (raise it with --max-file-size)",
                candidate.size, max_size
            ),
        ));
    }
    let bytes =
        std::fs::read(&candidate.path).map_err(|e| skip(SkipReason::Unreadable, e.to_string()))?;
    // The file may have grown since the walk looked at it.
    if bytes.len() as u64 > max_size {
        return Err(skip(
            SkipReason::TooLarge,
            format!(
                "{} bytes is over the limit of {} bytes",
                bytes.len(),
                max_size
            ),
        ));
    }
    Ok(RawFile {
        path: candidate.path.clone(),
        size: bytes.len() as u64,
        bytes,
        mtime_ns: candidate.mtime_ns,
    })
}
