//! Where a file written by newsq (an export) would harm the index or its corpus.

use std::path::{Path, PathBuf};

use crate::corpus::path::{path_bytes, path_from_bytes, path_key};
use crate::corpus::sidecar;

/// What writing a file at a path would do to the index and what it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Nothing newsq holds or reads.
    Free,
    /// A file inside the index folder.
    InsideIndex,
    /// An indexed article file (or file of records): it would be overwritten.
    Article,
    /// The sidecar of the indexed article at this path.
    SidecarOf(PathBuf),
    /// Under this root the index reads: the next `newsq index` reads the file too.
    UnderRoot(PathBuf),
}

/// What writing `target` would do to the index in `dir`, opened as `opened` (none: only
/// the folder itself is protected).
pub fn target(dir: &Path, opened: Option<&super::Index>, target: &Path) -> anyhow::Result<Target> {
    let key = path_key(target);
    if let Ok(index) = std::fs::canonicalize(dir)
        && key.starts_with(&index)
    {
        return Ok(Target::InsideIndex);
    }
    let Some(opened) = opened else {
        return Ok(Target::Free);
    };
    if opened.holds_file(target)? {
        return Ok(Target::Article);
    }
    if sidecar::is_sidecar(target) {
        let bytes = path_bytes(target);
        let article = path_from_bytes(&bytes[..bytes.len() - sidecar::SUFFIX.len()]);
        if opened.holds_file(&article)? {
            return Ok(Target::SidecarOf(article));
        }
    }
    let roots = super::roots(dir).ok().flatten().unwrap_or_default();
    Ok(match roots.into_iter().find(|r| key.starts_with(r)) {
        Some(root) => Target::UnderRoot(root),
        None => Target::Free,
    })
}
