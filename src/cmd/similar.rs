//! `newsq similar PATH`: the indexed articles most like a given one.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use newsq::output::{self, Format, HitView, Styles};

use crate::cli::SimilarArgs;

pub fn run(index_dir: &Path, args: SimilarArgs, color: bool) -> anyhow::Result<ExitCode> {
    let opened = newsq::index::Index::open(index_dir)?;
    let Some(results) = opened.similar(&args.path, args.limit)? else {
        super::not_indexed(&opened, index_dir, &args.path)?;
        return Ok(ExitCode::from(super::NOT_FOUND));
    };
    let format = if args.json {
        Format::Json
    } else if args.files_with_matches {
        Format::Paths { null: false }
    } else {
        Format::Human
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let cwd = std::env::current_dir()
        .ok()
        .map(|c| std::fs::canonicalize(&c).unwrap_or(c));
    let view = HitView {
        format,
        styles: Styles::new(color && format == Format::Human),
        cwd: cwd.as_deref(),
        tty: super::stdout_is_tty(),
        any: false,
        width: if format == Format::Human {
            output::terminal_width()
        } else {
            None
        },
    };
    output::print_hits(&mut out, &results.hits, &view)?;
    out.flush()?;
    Ok(if results.hits.is_empty() {
        ExitCode::from(super::NOT_FOUND)
    } else {
        ExitCode::SUCCESS
    })
}
