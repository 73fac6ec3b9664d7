//! `newsq stats`: what the index holds, as lines for a person, one [`WireStats`] for a
//! script, or a table row.

use std::io::{self, Write};
use std::path::Path;

use super::csv::{self, Table, TableWriter};
use super::plural::counted;
use super::sanitize;
use super::wire::WireStats;
use crate::index::stats::{Count, Stats};

/// Writes the numbers as a table: the header row, then one row (`tty`: sanitised).
pub fn table(w: &mut dyn Write, s: &Stats, table: Table, tty: bool) -> io::Result<()> {
    let mut t = TableWriter::new(w, table, tty);
    t.row(csv::STATS_COLUMNS)?;
    t.row(&csv::stats_row(s))
}

/// Writes the numbers as one line of JSON.
pub fn json(w: &mut dyn Write, s: &Stats) -> io::Result<()> {
    sanitize::write_json(&mut *w, &WireStats::from(s))?;
    writeln!(w)
}

/// Writes the numbers for a person, one aspect per line (`index size` names the folder
/// `index_dir`).
pub fn human(out: &mut dyn Write, s: &Stats, index_dir: &Path) -> io::Result<()> {
    let files = if s.files == s.articles {
        String::new()
    } else {
        format!(" (from {})", counted(s.files, "file", "files"))
    };
    let stories = match s.stories {
        Some(n) => format!(", {} (copies folded)", counted(n, "story", "stories")),
        None => String::new(),
    };
    writeln!(out, "articles     {}{files}{stories}", s.articles)?;
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

/// A list of counts, one per line, the numbers aligned right.
fn counts(out: &mut dyn Write, list: &[Count]) -> io::Result<()> {
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
pub fn bytes(n: u64) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_thousands() {
        assert_eq!(bytes(999), "999 bytes");
        assert_eq!(bytes(1_000), "1.0 KB");
        assert_eq!(bytes(1_234_567), "1.2 MB");
    }
}
