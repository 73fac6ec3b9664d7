//! `newsq facets`: the values of a metadata field with their article counts, as aligned
//! lines, one [`WireFacet`] per line, or a table.

use std::borrow::Cow;
use std::io::{self, Write};

use super::csv::{Table, TableWriter};
use super::sanitize;
use super::wire::WireFacet;

/// Writes a header row, then one `value,count` row per value (`tty`: sanitised).
pub fn table(
    w: &mut dyn Write,
    values: &[(String, u64)],
    table: Table,
    tty: bool,
) -> io::Result<()> {
    let mut t = TableWriter::new(w, table, tty);
    t.row(&["value", "count"])?;
    for (value, count) in values {
        t.row(&[value.as_str(), count.to_string().as_str()])?;
    }
    Ok(())
}

/// Writes one line of JSON per value.
pub fn json(w: &mut dyn Write, values: &[(String, u64)]) -> io::Result<()> {
    for (value, count) in values {
        let wire = WireFacet {
            count: *count,
            value: Cow::Borrowed(value),
        };
        sanitize::write_json(&mut *w, &wire)?;
        writeln!(w)?;
    }
    Ok(())
}

/// Writes `count  value` lines, the counts aligned right in `width` columns (wide enough
/// for the largest count, including those not shown).
pub fn human(w: &mut dyn Write, values: &[(String, u64)], width: usize) -> io::Result<()> {
    for (value, count) in values {
        writeln!(w, "{count:>width$}  {}", sanitize::line(value))?;
    }
    Ok(())
}

/// The width the counts take: that of the largest, the first (counts come largest first).
pub fn count_width(all: &[(String, u64)]) -> usize {
    all.first().map_or(1, |(_, c)| c.to_string().len())
}
