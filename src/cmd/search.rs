//! `newsq search`: parse the query, run it, print hits; exit 0 when something matched,
//! 1 when nothing did.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use newsq::output::{self, Format, Styles};
use newsq::search::{self, SearchOptions};

use crate::cli::SearchArgs;

pub fn run(index_dir: &Path, args: SearchArgs, color: bool) -> anyhow::Result<ExitCode> {
    let text = args.query.join(" ");
    let opened = newsq::index::open(index_dir)?;
    let parsed = search::query::parse(&text, &opened.fields, args.strict)?;
    for w in &parsed.warnings {
        super::warn(w);
    }
    let format = if args.json {
        Format::Json
    } else if args.files_with_matches {
        Format::Paths { null: args.null }
    } else if args.count {
        Format::Count
    } else {
        Format::Human
    };
    let listing = matches!(format, Format::Paths { .. } | Format::Count);
    let opts = SearchOptions {
        // Like grep -l, paths and counts cover every match unless -n says otherwise.
        limit: match (args.limit, listing) {
            (Some(n), _) => Some(n),
            (None, true) => None,
            (None, false) => Some(10),
        },
        offset: args.offset,
        passages: if listing { 0 } else { args.passages },
        stored: !listing,
    };
    let results = search::run(&opened, &parsed, opts)?;
    if results.relaxed {
        let words: Vec<String> = parsed.needles.iter().map(|n| n.label()).collect();
        eprintln!(
            "newsq: no article holds all of {}; showing the {} that hold some of them",
            words.join(", "),
            results.total
        );
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if format == Format::Count {
        writeln!(out, "{}", results.total)?;
    } else {
        let cwd = std::env::current_dir()
            .ok()
            .map(|c| std::fs::canonicalize(&c).unwrap_or(c));
        output::print_hits(
            &mut out,
            &results.hits,
            format,
            &Styles::new(color && format == Format::Human),
            cwd.as_deref(),
            super::stdout_is_tty(),
        )?;
    }
    out.flush()?;
    Ok(if results.total > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(super::NOT_FOUND)
    })
}
