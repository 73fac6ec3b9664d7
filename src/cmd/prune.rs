//! `newsq prune`: drop the articles whose files no longer exist, whatever the roots they
//! were indexed from; with `--dry-run`, list them.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use newsq::index;
use newsq::output::plural::counted;
use newsq::output::sanitize;

use crate::cli::PruneArgs;

pub fn run(index_dir: &Path, args: PruneArgs) -> anyhow::Result<ExitCode> {
    let pruned = index::prune(index_dir, args.dry_run)?;
    let cwd = std::env::current_dir().ok();
    let shown = |p: &Path| sanitize::path(&newsq::corpus::path::display_path(p, cwd.as_deref()));
    if args.dry_run {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        for p in &pruned.gone {
            writeln!(out, "{}", shown(p))?;
        }
        out.flush()?;
    }
    let (pruned_word, forgotten_word) = if args.dry_run {
        ("would be pruned", "would be forgotten")
    } else {
        ("pruned", "forgotten")
    };
    let roots = if pruned.roots.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = pruned.roots.iter().map(|r| shown(r)).collect();
        format!(
            "; {} {forgotten_word}: {}",
            counted(
                pruned.roots.len(),
                "path indexed before",
                "paths indexed before"
            ),
            names.join(", ")
        )
    };
    eprintln!(
        "newsq: {} {pruned_word}, {} gone (of {} indexed){roots}; {:.2} s (index: {})",
        counted(pruned.gone.len(), "article", "articles"),
        if pruned.gone.len() == 1 {
            "its file"
        } else {
            "their files"
        },
        pruned.articles,
        pruned.elapsed.as_secs_f64(),
        sanitize::path(index_dir)
    );
    Ok(ExitCode::SUCCESS)
}
