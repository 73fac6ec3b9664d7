//! `newsq stats`: what the index holds, in numbers, for a person or (`--json`) a script.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use newsq::index::stats::{Count, Stats};
use newsq::output::csv::{self, Table, TableWriter};
use newsq::output::plural::counted;
use newsq::output::{sanitize, wire};

use crate::cli::StatsArgs;

pub fn run(index_dir: &Path, args: StatsArgs) -> anyhow::Result<ExitCode> {
    let s = newsq::index::Index::open(index_dir)?.stats(args.top)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let table = if args.csv {
        Some(Table::Csv)
    } else if args.tsv {
        Some(Table::Tsv)
    } else {
        None
    };
    if let Some(table) = table {
        let mut t = TableWriter::new(&mut out, table, super::stdout_is_tty());
        t.row(csv::STATS_COLUMNS)?;
        t.row(&csv::stats_row(&s))?;
    } else if args.json {
        sanitize::write_json(&mut out, &wire::WireStats::from(&s))?;
        writeln!(out)?;
    } else {
        human(&mut out, &s, index_dir)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn human(out: &mut dyn Write, s: &Stats, index_dir: &Path) -> std::io::Result<()> {
    let files = if s.files == s.articles {
        String::new()
    } else {
        format!(" (from {})", counted(s.files, "file", "files"))
    };
    writeln!(out, "articles     {}{files}", s.articles)?;
    writeln!(
        out,
        "sources      {} distinct, {} without one",
        s.distinct_sources,
        counted(s.without_source, "article", "articles")
    )?;
    counts(out, &s.sources)?;
    match (s.dates.first, s.dates.last) {
        (Some(first), Some(last)) => writeln!(
            out,
            "dates        {first} to {last} ({} dated, {} undated)",
            s.dates.dated, s.dates.undated
        )?,
        _ => writeln!(out, "dates        none known ({} undated)", s.dates.undated)?,
    }
    let langs: Vec<String> = s
        .languages
        .iter()
        .map(|c| format!("{} {}", sanitize::line(&c.value), c.count))
        .collect();
    writeln!(out, "languages    {}", langs.join(", "))?;
    writeln!(
        out,
        "index size   {} ({})",
        bytes(s.index_bytes),
        sanitize::path(index_dir)
    )?;
    writeln!(
        out,
        "boilerplate  {} removed from {}",
        counted(s.removed_lines, "line", "lines"),
        counted(s.articles_with_removed, "article", "articles")
    )?;
    if !s.removed_rules.is_empty() {
        writeln!(out, "top rules")?;
        counts(out, &s.removed_rules)?;
    }
    Ok(())
}

fn counts(out: &mut dyn Write, list: &[Count]) -> std::io::Result<()> {
    let width = list
        .iter()
        .map(|c| c.count.to_string().len())
        .max()
        .unwrap_or(1);
    for c in list {
        writeln!(out, "  {:>width$}  {}", c.count, sanitize::line(&c.value))?;
    }
    Ok(())
}

/// A size for people: 1.2 MB.
pub(super) fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    let mut v = n as f64;
    let mut unit = 0;
    while v >= 1000.0 && unit + 1 < UNITS.len() {
        v /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} bytes")
    } else {
        format!("{v:.1} {}", UNITS[unit])
    }
}
