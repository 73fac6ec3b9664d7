//! `newsq stats`: what the index holds, in numbers, for a person or (`--json`) a script.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use newsq::output::csv::Table;
use newsq::output::stats;

use crate::cli::StatsArgs;

pub fn run(index_dir: &Path, args: StatsArgs) -> anyhow::Result<ExitCode> {
    let s = newsq::index::Index::open(index_dir)?
        .stats(args.top, super::request::copies(args.copies))?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match Table::chosen(args.csv, args.tsv) {
        Some(table) => stats::table(&mut out, &s, table, super::stdout_is_tty())?,
        None if args.json => stats::json(&mut out, &s)?,
        None => stats::human(&mut out, &s, index_dir)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
