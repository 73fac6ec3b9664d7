//! `newsq show PATH`: one indexed article as cleaned, with its metadata.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use newsq::output::{Styles, article};

use crate::cli::ShowArgs;

pub fn run(index_dir: &Path, args: ShowArgs, color: bool) -> anyhow::Result<ExitCode> {
    let opened = newsq::index::Index::open(index_dir)?;
    let Some(found) = opened.lookup(&args.path)? else {
        super::not_indexed(&opened, index_dir, &args.path)?;
        return Ok(ExitCode::from(super::NOT_FOUND));
    };
    let cwd = std::env::current_dir()
        .ok()
        .map(|c| std::fs::canonicalize(&c).unwrap_or(c));
    let shown = newsq::corpus::path::display_path(&found.path, cwd.as_deref());
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.json {
        article::json(&mut out, &found, &shown)?;
    } else {
        article::human(&mut out, &found, &shown, &Styles::new(color))?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
