//! `newsq facets FIELD [QUERY]`: values of a metadata field with their article counts.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use newsq::output::csv::{Table, TableWriter};
use newsq::output::{sanitize, wire};
use newsq::search::facets::FacetField;

use crate::cli::FacetsArgs;

pub fn run(index_dir: &Path, args: FacetsArgs) -> anyhow::Result<ExitCode> {
    let Some(field) = FacetField::parse(&args.field) else {
        let names: Vec<&str> = FacetField::ALL.iter().map(|(n, _)| *n).collect();
        bail!(
            "{:?} has no facets: choose one of {}",
            args.field,
            names.join(", ")
        );
    };
    let index = newsq::index::Index::open(index_dir)?;
    let filters = super::request::filters(&args.filters)?;
    let facets = index.facets(field, &args.query.join(" "), &filters)?;
    for w in &facets.warnings {
        super::warn(w);
    }
    let counts = facets.counts;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let shown = counts.iter().take(args.limit.unwrap_or(usize::MAX));
    let table = if args.csv {
        Some(Table::Csv)
    } else if args.tsv {
        Some(Table::Tsv)
    } else {
        None
    };
    if let Some(table) = table {
        let mut t = TableWriter::new(&mut out, table, super::stdout_is_tty());
        t.row(&["value", "count"])?;
        for (value, count) in shown {
            t.row(&[value.as_str(), count.to_string().as_str()])?;
        }
    } else if args.json {
        for (value, count) in shown {
            sanitize::write_json(
                &mut out,
                &wire::WireFacet {
                    count: *count,
                    value,
                },
            )?;
            writeln!(out)?;
        }
    } else {
        let width = counts.first().map_or(1, |(_, c)| c.to_string().len());
        for (value, count) in shown {
            writeln!(out, "{count:>width$}  {}", sanitize::line(value))?;
        }
    }
    out.flush()?;
    Ok(if counts.is_empty() {
        ExitCode::from(super::NOT_FOUND)
    } else {
        ExitCode::SUCCESS
    })
}
