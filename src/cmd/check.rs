//! `newsq check`: verify the index (its files' checksums, newsq's state file, the stored
//! articles), print what was checked, and say how to rebuild a damaged index.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use newsq::index::{self, check::Report};
use newsq::output::plural::counted;
use newsq::output::sanitize;

pub fn run(index_dir: &Path) -> anyhow::Result<ExitCode> {
    let report = index::check::check(index_dir)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    human(&mut out, &report, index_dir)?;
    out.flush()?;
    let cwd = std::env::current_dir().ok();
    for root in &report.gone_roots {
        super::warn(&format!(
            "{}, indexed before, no longer exists: its articles stay searchable until `newsq prune` drops them",
            sanitize::path(&newsq::corpus::path::display_path(root, cwd.as_deref()))
        ));
    }
    if report.writing {
        super::warn(
            "a `newsq index` run is writing to the index now: what it has not committed yet was not checked",
        );
    } else if report.interrupted {
        super::warn(
            "the last `newsq index` run did not finish: run it again to complete the index",
        );
    }
    if report.is_sound() {
        return Ok(ExitCode::SUCCESS);
    }
    Err(index::IndexError::Corrupt {
        path: index_dir.to_path_buf(),
        detail: report.damage.join("; "),
        rebuild: index::rebuild_command(index_dir),
    }
    .into())
}

fn human(out: &mut dyn Write, r: &Report, index_dir: &Path) -> std::io::Result<()> {
    let cwd = std::env::current_dir().ok();
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
            let shown = sanitize::path(&newsq::corpus::path::display_path(p, cwd.as_deref()));
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
            newsq::output::stats::bytes(r.files.bytes)
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
