//! `newsq check`: what was checked in an index and whether it holds, one aspect per
//! line.

use std::io::{self, Write};
use std::path::Path;

use super::plural::counted;
use super::sanitize;
use super::stats::bytes;
use crate::corpus::path::display_path;
use crate::index::check::Report;

/// Writes the report of the index in `index_dir`; roots are shown relative to `cwd`
/// when below it.
pub fn human(
    out: &mut dyn Write,
    r: &Report,
    index_dir: &Path,
    cwd: Option<&Path>,
) -> io::Result<()> {
    writeln!(
        out,
        "index        {}{}",
        sanitize::path(index_dir),
        r.written_by.as_ref().map_or(String::new(), |w| format!(
            " (written by {})",
            sanitize::line(w)
        ))
    )?;
    let roots: Vec<String> = r
        .roots
        .iter()
        .map(|p| {
            let shown = sanitize::path(&display_path(p, cwd));
            if r.gone_roots.contains(p) {
                format!("{shown} (gone)")
            } else {
                shown
            }
        })
        .collect();
    writeln!(
        out,
        "roots        {}",
        if roots.is_empty() {
            "none recorded".to_owned()
        } else {
            roots.join(", ")
        }
    )?;
    writeln!(
        out,
        "articles     {} in {}",
        r.articles,
        counted(r.segments, "segment", "segments")
    )?;
    if r.files.files > 0 {
        writeln!(
            out,
            "files        {} ({}): checksums hold",
            r.files.files,
            bytes(r.files.bytes)
        )?;
    }
    if r.documents > 0 {
        writeln!(
            out,
            "documents    {} read: paths and metadata hold",
            r.documents
        )?;
    }
    writeln!(
        out,
        "result       {}",
        if r.is_sound() { "sound" } else { "damaged" }
    )
}
