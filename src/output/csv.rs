//! CSV (RFC 4180) and TSV tables: `search --csv`, `facets --csv`, `stats --csv` (and
//! `--tsv`), with a header row and the JSON output's flat fields as columns.
//!
//! CSV quotes a field that holds a comma, a quote or a line break (quotes doubled) and
//! ends rows with CRLF, as RFC 4180 says. TSV cannot quote: a tab, a line break or a
//! backslash in a value is written `\t`, `\n`, `\r`, `\\` (as PostgreSQL's and
//! ClickHouse's TSV do), and rows end with LF. Lists (authors, tags, copies) are joined
//! with `; `, passages with ` … `. On a terminal the values are sanitised as all of
//! newsq's output is; piped, they are written exactly.

use std::io::{self, Write};
use std::path::Path;

use super::sanitize;
use crate::search::Hit;

/// Which table format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// Comma-separated, RFC 4180.
    Csv,
    /// Tab-separated, backslash escapes.
    Tsv,
}

impl Table {
    /// The table the `--csv` and `--tsv` flags ask for, if any (clap lets one at most
    /// through).
    pub fn chosen(csv: bool, tsv: bool) -> Option<Table> {
        if csv {
            Some(Table::Csv)
        } else if tsv {
            Some(Table::Tsv)
        } else {
            None
        }
    }
}

/// Writes rows of one table in one format.
pub struct TableWriter<W: Write> {
    out: W,
    table: Table,
    /// Sanitise values for a terminal.
    tty: bool,
}

impl<W: Write> TableWriter<W> {
    /// A writer of `table` rows to `out`; `tty` when `out` is a terminal.
    pub fn new(out: W, table: Table, tty: bool) -> TableWriter<W> {
        TableWriter { out, table, tty }
    }

    /// Writes one row.
    pub fn row<S: AsRef<str>>(&mut self, fields: &[S]) -> io::Result<()> {
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                self.out.write_all(match self.table {
                    Table::Csv => b",",
                    Table::Tsv => b"\t",
                })?;
            }
            let raw = field.as_ref();
            let value = if self.tty {
                sanitize::line(raw)
            } else {
                raw.into()
            };
            match self.table {
                Table::Csv => write_csv_field(&mut self.out, &value)?,
                Table::Tsv => write_tsv_field(&mut self.out, &value)?,
            }
        }
        self.out.write_all(match self.table {
            Table::Csv => b"\r\n",
            Table::Tsv => b"\n",
        })
    }

    /// The writer back.
    pub fn into_inner(self) -> W {
        self.out
    }
}

fn write_csv_field(out: &mut impl Write, value: &str) -> io::Result<()> {
    if value.contains([',', '"', '\r', '\n']) {
        out.write_all(b"\"")?;
        out.write_all(value.replace('"', "\"\"").as_bytes())?;
        out.write_all(b"\"")
    } else {
        out.write_all(value.as_bytes())
    }
}

fn write_tsv_field(out: &mut impl Write, value: &str) -> io::Result<()> {
    if !value.contains(['\t', '\n', '\r', '\\']) {
        return out.write_all(value.as_bytes());
    }
    let mut escaped = String::with_capacity(value.len() + 4);
    for c in value.chars() {
        match c {
            '\t' => escaped.push_str("\\t"),
            '\n' => escaped.push_str("\\n"),
            '\r' => escaped.push_str("\\r"),
            '\\' => escaped.push_str("\\\\"),
            c => escaped.push(c),
        }
    }
    out.write_all(escaped.as_bytes())
}

/// The columns of `search --csv`, in order: the flat fields of a JSON hit, the metadata's
/// among them (the dateline as written; `place` its place).
pub const HIT_COLUMNS: &[&str] = &[
    "rank",
    "score",
    "path",
    "title",
    "lead",
    "section",
    "authors",
    "source",
    "dateline",
    "place",
    "date",
    "date_source",
    "tags",
    "lang",
    "passages",
    "similar",
    "relaxed",
];

/// Lists in one field.
pub const LIST_SEPARATOR: &str = "; ";

/// Passages in one field.
pub const PASSAGE_SEPARATOR: &str = " … ";

/// One hit as a row of [`HIT_COLUMNS`]. `relaxed` is empty unless `--any` asked for
/// alternatives (as the JSON leaves it out).
pub fn hit_row(hit: &Hit, cwd: Option<&Path>, any: bool) -> Vec<String> {
    let shown = |p: &Path| super::wire::path(&crate::corpus::path::display_path(p, cwd));
    let m = &hit.meta;
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        hit.rank.to_string(),
        hit.score.map(|s| s.to_string()).unwrap_or_default(),
        shown(&hit.path),
        opt(&hit.title),
        hit.lead.clone(),
        opt(&m.section),
        m.authors.join(LIST_SEPARATOR),
        opt(&m.source),
        m.dateline
            .as_ref()
            .map(|d| d.text.clone())
            .unwrap_or_default(),
        m.dateline
            .as_ref()
            .and_then(|d| d.place.clone())
            .unwrap_or_default(),
        m.date.map(|d| d.to_string()).unwrap_or_default(),
        opt(&m.date_source),
        m.tags.join(LIST_SEPARATOR),
        opt(&m.lang),
        hit.passages
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(PASSAGE_SEPARATOR),
        hit.copies
            .iter()
            .map(|p| shown(p))
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR),
        if any {
            hit.relaxed.to_string()
        } else {
            String::new()
        },
    ]
}

/// The columns of `stats --csv` (one row): the JSON's fields, `dates` spread over four
/// columns, lists of counts as `value (count)` joined with `; `.
pub const STATS_COLUMNS: &[&str] = &[
    "articles",
    "files",
    "distinct_sources",
    "without_source",
    "sources",
    "first_date",
    "last_date",
    "dated",
    "undated",
    "languages",
    "index_bytes",
    "removed_lines",
    "articles_with_removed",
    "removed_rules",
    "stories",
];

/// The row of `stats --csv`.
pub fn stats_row(s: &crate::index::stats::Stats) -> Vec<String> {
    let counts = |list: &[crate::index::stats::Count]| {
        list.iter()
            .map(|c| format!("{} ({})", c.value, c.count))
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR)
    };
    let date = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string()).unwrap_or_default();
    vec![
        s.articles.to_string(),
        s.files.to_string(),
        s.distinct_sources.to_string(),
        s.without_source.to_string(),
        counts(&s.sources),
        date(s.dates.first),
        date(s.dates.last),
        s.dates.dated.to_string(),
        s.dates.undated.to_string(),
        counts(&s.languages),
        s.index_bytes.to_string(),
        s.removed_lines.to_string(),
        s.articles_with_removed.to_string(),
        counts(&s.removed_rules),
        s.stories.map(|n| n.to_string()).unwrap_or_default(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(t: Table, rows: &[&[&str]]) -> String {
        let mut w = TableWriter::new(Vec::new(), t, false);
        for r in rows {
            w.row(r).unwrap();
        }
        String::from_utf8(w.into_inner()).unwrap()
    }

    #[test]
    fn csv_quotes_only_what_needs_it() {
        assert_eq!(
            table(
                Table::Csv,
                &[&["a", "b c", "d,e", "say \"hi\"", "x\ny", ""]]
            ),
            "a,b c,\"d,e\",\"say \"\"hi\"\"\",\"x\ny\",\r\n"
        );
    }

    #[test]
    fn tsv_escapes_tabs_breaks_and_backslashes() {
        assert_eq!(
            table(Table::Tsv, &[&["a\tb", "c\nd", "e\\f", "g,\"h\""]]),
            "a\\tb\tc\\nd\te\\\\f\tg,\"h\"\n"
        );
    }

    #[test]
    fn on_a_terminal_values_are_sanitised() {
        let mut w = TableWriter::new(Vec::new(), Table::Csv, true);
        w.row(&["red\u{1b}[31m"]).unwrap();
        assert_eq!(w.into_inner(), b"red\\x1b[31m\r\n");
    }
}
