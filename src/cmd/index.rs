//! `newsq index`: build or update the index, with a progress bar on a terminal and a
//! one-line summary.
//!
//! The summary's file counts add up: `N files seen: A indexed, U unchanged, S skipped`,
//! with N = A + U + S (see [`newsq::index::Summary`]).

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsq::corpus::WalkOptions;
use newsq::index::{self, BuildOptions, Progress, Summary};
use newsq::output::plural::counted;
use newsq::output::sanitize;

use crate::cli::IndexArgs;

/// At most this many per-file warnings are printed; the rest are counted.
const MAX_WARNINGS: usize = 50;

struct Reporter {
    bar: ProgressBar,
    quiet: bool,
    warnings: Mutex<usize>,
}

impl Progress for Reporter {
    fn start(&self, stage: &str, files: u64) {
        self.bar.set_message(stage.to_owned());
        self.bar.set_length(files);
        self.bar.set_position(0);
    }
    fn advance(&self, n: u64) {
        self.bar.inc(n);
    }
    fn warn(&self, message: &str) {
        let mut count = self.warnings.lock().expect("no panics while locked");
        *count += 1;
        if self.quiet || *count > MAX_WARNINGS {
            return;
        }
        let line = format!("newsq: warning: {}", sanitize::line(message));
        self.bar.suspend(|| eprintln!("{line}"));
    }
}

pub fn run(index_dir: &Path, args: IndexArgs) -> anyhow::Result<ExitCode> {
    let draw = if !args.quiet && std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(None, draw);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg:8} {bar:40} {pos}/{len} files  {elapsed}")
            .expect("valid template"),
    );
    let reporter = Reporter {
        bar,
        quiet: args.quiet,
        warnings: Mutex::new(0),
    };
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
        fields,
        ..BuildOptions::default()
    };
    let summary = index::build(index_dir, &opts, &reporter)?;
    reporter.bar.finish_and_clear();
    let warnings = *reporter.warnings.lock().expect("no panics while locked");
    if !args.quiet {
        if warnings > MAX_WARNINGS {
            eprintln!(
                "newsq: warning: … and {} more",
                counted(warnings - MAX_WARNINGS, "warning", "warnings")
            );
        }
        if summary.stale > 0 {
            eprintln!("newsq: warning: {}", stale_message(&summary));
        }
        if summary.cleaned_before > 0 {
            eprintln!(
                "newsq: warning: {} cleaned by an earlier newsq's cleaner: {} cleans {} \
                 again with this one",
                counted(summary.cleaned_before, "article was", "articles were"),
                index::rebuild_command(index_dir),
                if summary.cleaned_before == 1 {
                    "it"
                } else {
                    "them"
                },
            );
        }
        if summary.seen == 0 {
            let roots: Vec<String> = roots.iter().map(|p| sanitize::path(p)).collect();
            eprintln!(
                "newsq: warning: no article files (.txt, .md, .html, .json, .jsonl, .ndjson, .gz) found in {}",
                roots.join(", ")
            );
        }
        eprintln!("newsq: {}", summary_line(&summary, index_dir));
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
    let index = sanitize::path(index_dir);
    let recorded = match index::roots(index_dir)? {
        None => anyhow::bail!(
            "no PATH given and no index at {index} yet: name the files and folders to index (`newsq index PATH...`)"
        ),
        Some(r) if r.is_empty() => anyhow::bail!(
            "no PATH given, and the index at {index} does not record what was indexed before (an older newsq wrote it): name the files and folders to index (`newsq index PATH...`)"
        ),
        Some(r) => r,
    };
    let cwd = std::env::current_dir().ok();
    let shown: Vec<PathBuf> = recorded
        .iter()
        .map(|r| index::display_path(r, cwd.as_deref()))
        .collect();
    let there: Vec<PathBuf> = shown
        .iter()
        .filter(|r| std::fs::metadata(r).is_ok())
        .cloned()
        .collect();
    if there.is_empty() {
        let names: Vec<String> = shown.iter().map(|p| sanitize::path(p)).collect();
        anyhow::bail!(
            "the paths indexed before ({}) no longer exist: nothing to index, the index at {index} was left as it was; name what to index (`newsq index PATH...`), or drop their articles with `newsq prune`",
            names.join(", ")
        );
    }
    Ok(there)
}

/// The warning about articles whose files are gone outside the paths of the run.
fn stale_message(s: &Summary) -> String {
    let cwd = std::env::current_dir().ok();
    let under: Vec<String> = s
        .stale_under
        .iter()
        .map(|p| sanitize::path(&index::display_path(p, cwd.as_deref())))
        .collect();
    format!(
        "{} from paths that no longer exist ({}) {} searchable: `newsq prune` drops them",
        counted(s.stale, "article", "articles"),
        under.join(", "),
        if s.stale == 1 {
            "is still"
        } else {
            "are still"
        }
    )
}

/// The last line of a run: `N files seen (R records): A indexed, U unchanged, S skipped
/// (reasons)`, where N = A + U + S, then what else happened.
fn summary_line(s: &Summary, index_dir: &Path) -> String {
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for sk in &s.skipped {
        *reasons.entry(sk.reason.label()).or_default() += 1;
    }
    let mut records = Vec::new();
    if s.record_files > 0 {
        records.push(counted(s.records, "record", "records"));
    }
    if s.bad_records > 0 {
        records.push(counted(s.bad_records, "bad record", "bad records") + " skipped");
    }
    let records = if records.is_empty() {
        String::new()
    } else {
        format!(" ({})", records.join(", "))
    };
    let converted = if s.converted > 0 {
        format!(" ({} converted to UTF-8)", s.converted)
    } else {
        String::new()
    };
    let again = if s.recleaned > 0 {
        format!(
            " ({} cleaned again: the corpus's template lines changed)",
            s.recleaned
        )
    } else {
        String::new()
    };
    let skipped = if reasons.is_empty() {
        "0 skipped".to_owned()
    } else {
        let parts: Vec<String> = reasons.iter().map(|(r, n)| format!("{n} {r}")).collect();
        format!("{} skipped ({})", s.skipped.len(), parts.join(", "))
    };
    let deleted = if s.deleted > 0 {
        format!("; {} deleted", counted(s.deleted, "article", "articles"))
    } else {
        String::new()
    };
    format!(
        "{} seen{records}: {} indexed{converted}, {} unchanged{again}, {skipped}{deleted}; {} removed; {:.2} s (index: {})",
        counted(s.seen, "file", "files"),
        s.indexed,
        s.unchanged,
        counted(s.removed_lines, "boilerplate line", "boilerplate lines"),
        s.elapsed.as_secs_f64(),
        sanitize::path(index_dir)
    )
}
