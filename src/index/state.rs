//! newsq's own state file in the index folder, `newsq.json`: the index format version, the
//! newsq that wrote it, and the roots indexed so far (the files and folders `newsq index`
//! was given), so that `newsq index` with no path can walk them again.
//!
//! The file is small and written whole (a temporary file renamed over it), always by a
//! process that holds the writer lock. Fields added after format 1 was released are
//! optional: an older newsq reads the file and ignores them, and a file without them reads
//! as an index that records no roots.

use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{FORMAT_VERSION, IndexError, STATE_FILE, corrupt, io_failure};
use crate::corpus::path::path_bytes;

/// What `newsq.json` holds.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct State {
    pub(super) format: u32,
    pub(super) written_by: String,
    /// The roots indexed so far, as identities ([`super::path_key`]), sorted; none is
    /// inside another.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    roots: Vec<StoredPath>,
    /// The version of the cleaner ([`crate::clean::VERSION`]) every article was cleaned
    /// with: raised by a rebuild, never by an update (which cleans only new and changed
    /// files). 0 in an index written before versions were recorded.
    #[serde(default)]
    pub(super) cleaner: u32,
}

/// A path in the state file: a string when it is UTF-8, else its bytes (Unix file names
/// need not be UTF-8, and JSON strings must be).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
enum StoredPath {
    Text(String),
    Bytes { bytes: Vec<u8> },
}

impl StoredPath {
    fn of(path: &Path) -> StoredPath {
        match path.to_str() {
            Some(s) => StoredPath::Text(s.to_owned()),
            None => StoredPath::Bytes {
                bytes: path_bytes(path).to_vec(),
            },
        }
    }

    fn path(&self) -> PathBuf {
        match self {
            StoredPath::Text(s) => PathBuf::from(s),
            StoredPath::Bytes { bytes } => crate::corpus::path::path_from_bytes(bytes),
        }
    }
}

impl State {
    /// The state of a new index.
    pub(super) fn new() -> State {
        State {
            format: FORMAT_VERSION,
            written_by: written_by(),
            roots: Vec::new(),
            cleaner: crate::clean::VERSION,
        }
    }

    /// The roots indexed so far.
    pub(super) fn roots(&self) -> Vec<PathBuf> {
        self.roots.iter().map(StoredPath::path).collect()
    }
}

fn written_by() -> String {
    format!("newsq {}", env!("CARGO_PKG_VERSION"))
}

/// Reads the state file of `dir`: `None` when there is none. A file that does not parse is
/// damage; one of another format version is [`IndexError::Incompatible`].
pub(super) fn read(dir: &Path, writing: bool) -> Result<Option<State>, IndexError> {
    match std::fs::read(dir.join(STATE_FILE)) {
        Ok(bytes) => {
            let state: State = serde_json::from_slice(&bytes)
                .map_err(|e| corrupt(dir, format!("{STATE_FILE}: {e}")))?;
            if state.format != FORMAT_VERSION {
                return Err(IndexError::Incompatible {
                    path: dir.to_path_buf(),
                    found: Some(state.format),
                    rebuild: super::rebuild_command(dir),
                });
            }
            Ok(Some(state))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_failure(dir, Some(STATE_FILE), e, writing)),
    }
}

/// Writes the state file of `dir` whole (under the writer lock).
pub(super) fn write(dir: &Path, state: &State) -> Result<(), IndexError> {
    let tmp = dir.join(format!("{STATE_FILE}.tmp"));
    let bytes = serde_json::to_vec_pretty(state).expect("state serialises");
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, dir.join(STATE_FILE)))
        .map_err(|e| IndexError::NotWritable {
            path: dir.to_path_buf(),
            cause: e,
        })
}

/// The roots the index in `dir` records (identities, as [`super::path_key`] gives them):
/// `None` when there is no index there; empty for an index that records none (one written
/// before roots were recorded).
pub fn roots(dir: &Path) -> Result<Option<Vec<PathBuf>>, IndexError> {
    Ok(read(dir, false)?.map(|s| s.roots()))
}

/// Records `new` roots (identities) in the state of `dir`, beside those recorded before, or
/// instead of them with `replace` (a rebuild indexes exactly its roots). A root inside
/// another is not recorded: walking the outer one reaches it. Also bumps `written_by`.
pub(super) fn record_roots(dir: &Path, new: &[PathBuf], replace: bool) -> Result<(), IndexError> {
    let mut state = read(dir, true)?.unwrap_or_else(State::new);
    let old = if replace { Vec::new() } else { state.roots() };
    let roots = merged(old, new);
    let stored: Vec<StoredPath> = roots.iter().map(|r| StoredPath::of(r)).collect();
    // A rebuild has cleaned every article with this newsq's cleaner.
    let cleaner = if replace {
        crate::clean::VERSION
    } else {
        state.cleaner
    };
    if stored == state.roots && state.written_by == written_by() && cleaner == state.cleaner {
        return Ok(());
    }
    state.roots = stored;
    state.written_by = written_by();
    state.cleaner = cleaner;
    write(dir, &state)
}

/// Forgets the recorded roots that `keep` refuses (`newsq prune`: roots that no longer
/// exist); returns those forgotten.
pub(super) fn forget_roots(
    dir: &Path,
    keep: impl Fn(&Path) -> bool,
) -> Result<Vec<PathBuf>, IndexError> {
    let Some(mut state) = read(dir, true)? else {
        return Ok(Vec::new());
    };
    let (kept, gone): (Vec<PathBuf>, Vec<PathBuf>) =
        state.roots().into_iter().partition(|r| keep(r));
    if !gone.is_empty() {
        state.roots = kept.iter().map(|r| StoredPath::of(r)).collect();
        write(dir, &state)?;
    }
    Ok(gone)
}

/// `old` and `new` roots together, sorted, none inside another.
fn merged(old: Vec<PathBuf>, new: &[PathBuf]) -> Vec<PathBuf> {
    let mut all = old;
    for n in new {
        if all.iter().any(|o| n.starts_with(o)) {
            continue;
        }
        all.retain(|o| !o.starts_with(n));
        all.push(n.clone());
    }
    all.sort();
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_inside_others_are_not_recorded() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(
            merged(
                vec![p("/n/a"), p("/n/b/x.txt")],
                &[p("/n/a/sub"), p("/n/b"), p("/m")]
            ),
            [p("/m"), p("/n/a"), p("/n/b")]
        );
        // A sibling whose name starts alike is not inside.
        assert_eq!(
            merged(vec![p("/n/corpus")], &[p("/n/corpus2")]),
            [p("/n/corpus"), p("/n/corpus2")]
        );
    }

    #[test]
    fn the_state_file_reads_without_roots_and_keeps_odd_names() {
        let old: State =
            serde_json::from_str(r#"{"format": 1, "written_by": "newsq 0.1.0"}"#).unwrap();
        assert!(old.roots().is_empty());
        #[cfg(unix)]
        {
            let odd = crate::corpus::path::path_from_bytes(b"/n/caf\xe9");
            let state = State {
                roots: vec![StoredPath::of(&odd), StoredPath::of(Path::new("/n/plain"))],
                ..State::new()
            };
            let json = serde_json::to_string(&state).unwrap();
            let back: State = serde_json::from_str(&json).unwrap();
            assert_eq!(back.roots(), [odd, PathBuf::from("/n/plain")]);
        }
    }
}
