//! `newsq index`: build or update the index, with a progress bar on a terminal and a
//! one-line summary (worded in [`super::messages`]).
//!
//! The summary's file counts add up: `N files seen: A indexed, U unchanged, S skipped`,
//! with N = A + U + S (see [`newsq::index::Summary`]).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use newsq::corpus::WalkOptions;
use newsq::index::{self, BuildOptions};

use super::messages;
use crate::cli::IndexArgs;

pub fn run(index_dir: &Path, args: IndexArgs) -> anyhow::Result<ExitCode> {
    let reporter = messages::IndexReporter::new(args.quiet);
    // Checked per pair by the argument parser already; this only puts them together.
    let mut fields = newsq::corpus::FieldMap::with_overrides(&args.fields)
        .map_err(|e| anyhow::anyhow!("--field: {e}"))?;
    fields.records_at = args.records_at.clone();
    let roots = roots(index_dir, &args.paths)?;
    let opts = BuildOptions {
        roots: roots.clone(),
        walk: WalkOptions {
            follow_links: args.follow,
        },
        max_file_size: args.max_file_size,
        rebuild: args.rebuild,
        commit_every: usize::try_from(args.commit_every).unwrap_or(usize::MAX),
        threads: args.threads.map(|n| n as usize),
        fields,
        ..BuildOptions::default()
    };
    let summary = index::build(index_dir, &opts, &reporter).map_err(messages::build_error)?;
    let warnings = reporter.finish();
    if !args.quiet {
        messages::index_done(&summary, index_dir, &roots, warnings);
    }
    let errors = summary.skipped.iter().any(|s| s.reason.is_error());
    Ok(if errors {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// The paths to index: those given, else the roots the index records (those that still
/// exist; the articles of the others are kept, and the run warns of them).
fn roots(index_dir: &Path, given: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    if !given.is_empty() {
        return Ok(given.to_vec());
    }
    let recorded = match index::roots(index_dir)? {
        None => return Err(messages::no_roots_to_index(index_dir, false)),
        Some(r) if r.is_empty() => return Err(messages::no_roots_to_index(index_dir, true)),
        Some(r) => r,
    };
    let cwd = std::env::current_dir().ok();
    let shown: Vec<PathBuf> = recorded
        .iter()
        .map(|r| newsq::corpus::path::display_path(r, cwd.as_deref()))
        .collect();
    let there: Vec<PathBuf> = shown
        .iter()
        .filter(|r| std::fs::metadata(r).is_ok())
        .cloned()
        .collect();
    if there.is_empty() {
        return Err(messages::roots_gone(index_dir, &shown));
    }
    Ok(there)
}
