//! What a run tells its caller about single files as it goes, as data: the engine names
//! what happened and to which path, and the caller (`newsq index`) words it, escapes the
//! paths for a terminal and decides how many to print.

use std::path::{Path, PathBuf};

use crate::corpus::Skipped;

/// Something the user should know about one file of a run; none of them stops it.
#[derive(Debug, Clone, Copy)]
pub enum Event<'a> {
    /// A file or folder was not indexed, and why.
    Skipped(&'a Skipped),
    /// A file was not UTF-8 and was read in the encoding `from`.
    Converted {
        /// The file, as the walk found it.
        path: &'a Path,
        /// The encoding it was read as.
        from: &'static str,
    },
    /// One record of a file of records was skipped; the others were indexed.
    BadRecord {
        /// The file of records.
        path: &'a Path,
        /// Where the record starts, as a `:LINE` or `:LINE:COLUMN` suffix.
        at: &'a str,
        /// What is wrong with it.
        why: &'a str,
    },
    /// A sidecar could not be read: its article is indexed without its metadata.
    SidecarIgnored {
        /// The sidecar file.
        path: &'a Path,
        /// Why it could not be read.
        why: &'a str,
    },
}

/// Why a run stopped before it changed anything. Its `Display` is plain; `newsq index`
/// words it for the terminal.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// No path named for the run exists.
    #[error("{}: not found (no such file or folder): nothing to index, the index at {} was left as it was", names(.roots), .index.display())]
    NotFound {
        /// The paths named.
        roots: Vec<PathBuf>,
        /// The index folder.
        index: PathBuf,
    },
    /// A rebuild found no article file: it would have emptied the index.
    #[error("no article files found in {}: nothing to rebuild the index from; it is left as it was", names(.roots))]
    NothingToRebuild {
        /// The paths named.
        roots: Vec<PathBuf>,
    },
}

fn names(roots: &[PathBuf]) -> String {
    roots
        .iter()
        .map(|r| r.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
