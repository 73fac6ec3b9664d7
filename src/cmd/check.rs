//! `newsq check`: verify the index (its files' checksums, newsq's state file, the stored
//! articles), print what was checked, and say how to rebuild a damaged index.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use newsq::index;
use newsq::output::{check, sanitize};

pub fn run(index_dir: &Path) -> anyhow::Result<ExitCode> {
    let report = index::check::check(index_dir)?;
    let cwd = std::env::current_dir().ok();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    check::human(&mut out, &report, index_dir, cwd.as_deref())?;
    out.flush()?;
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
