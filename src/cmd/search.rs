//! `newsq search`: ask the index, say the notices, print the hits; exit 0 when something
//! was printed, 1 when nothing was (no match, or none past `--offset`), as grep does.
//!
//! Every word is required, for every format: a count, a list of paths, JSON or a table
//! is what the query says. Only the human listing, when no article holds them all,
//! shows the articles holding any of them, and says so after the spelling help;
//! `--any` asks for that explicitly, for every format.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use newsq::index::Index;
use newsq::output::{self, Format, HitView, Styles};

use super::{messages, request};
use crate::cli::SearchArgs;

pub fn run(index_dir: &Path, args: SearchArgs, color: bool) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let index = Index::open(index_dir)?;
    let format = request::format_of(&args);
    let request = request::search(&args, format)?;
    let results = index.search(&request)?;
    messages::search_notices(&results);
    // What -l would list: the matches after --offset, at most -n of them (as grep -c -m N
    // counts at most N).
    let counted = results
        .total
        .saturating_sub(args.offset)
        .min(args.limit.unwrap_or(usize::MAX));
    let printed = if format == Format::Count {
        counted
    } else {
        results.hits.len()
    };
    if results.total > 0 && args.offset > 0 && printed == 0 {
        let all = if format == Format::Count {
            results.total
        } else {
            results.available
        };
        messages::nothing_past(args.offset, all);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if format == Format::Count {
        writeln!(out, "{counted}")?;
    } else {
        let cwd = request::cwd();
        let human = format == Format::Human;
        let view = HitView {
            format,
            styles: Styles::new(color && human),
            cwd: cwd.as_deref(),
            tty: super::stdout_is_tty(),
            any: args.any,
            width: human.then(output::terminal_width).flatten(),
        };
        output::print_hits(&mut out, &results.hits, &view)?;
        if args.stats {
            output::print_summary(&mut out, &results, args.offset, args.any, started.elapsed())?;
        }
    }
    out.flush()?;
    // The process ends right after: unmapping the index's files one by one took a short
    // search 0.15-0.25 ms (of about 3), and the exit lets them go at once.
    std::mem::forget(index);
    Ok(if printed > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(super::NOT_FOUND)
    })
}
