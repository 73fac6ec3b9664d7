//! `newsq facets`: the values of a metadata field with their article counts, as aligned
//! lines, one [`WireFacet`] per line, or a table.

use std::borrow::Cow;
use std::io::{self, Write};

use super::csv::{Table, TableWriter};
use super::sanitize;
use super::wire::WireFacet;
use crate::index::stories::Copies;

/// What the counts count: `stories` when copies fold, else `articles`.
pub fn unit(copies: Copies) -> &'static str {
    match copies {
        Copies::Fold => "stories",
        Copies::All => "articles",
    }
}

/// Writes a header row, then one `value,count,unit` row per value (`tty`: sanitised).
pub fn table(
    w: &mut dyn Write,
    values: &[(String, u64)],
    copies: Copies,
    table: Table,
    tty: bool,
) -> io::Result<()> {
    let mut t = TableWriter::new(w, table, tty);
    t.row(&["value", "count", "unit"])?;
    for (value, count) in values {
        t.row(&[value.as_str(), count.to_string().as_str(), unit(copies)])?;
    }
    Ok(())
}

/// Writes one line of JSON per value.
pub fn json(w: &mut dyn Write, values: &[(String, u64)], copies: Copies) -> io::Result<()> {
    for (value, count) in values {
        let wire = WireFacet {
            count: *count,
            value: Cow::Borrowed(value),
            unit: Cow::Borrowed(unit(copies)),
        };
        sanitize::write_json(&mut *w, &wire)?;
        writeln!(w)?;
    }
    Ok(())
}

/// Writes a header (`stories  source`), then `count  value` lines, the counts aligned
/// right in `width` columns (wide enough for the largest count, including those not
/// shown, and for the header).
pub fn human(
    w: &mut dyn Write,
    values: &[(String, u64)],
    width: usize,
    field: &str,
    copies: Copies,
) -> io::Result<()> {
    let width = width.max(unit(copies).len());
    writeln!(w, "{:>width$}  {field}", unit(copies))?;
    for (value, count) in values {
        writeln!(w, "{count:>width$}  {}", sanitize::line(value))?;
    }
    Ok(())
}

/// The width the counts take: that of the largest (years come in the calendar's order,
/// not largest first).
pub fn count_width(all: &[(String, u64)]) -> usize {
    all.iter()
        .map(|(_, c)| *c)
        .max()
        .map_or(1, |c| c.to_string().len())
}
