//! `newsq facets FIELD [QUERY]`: values of a metadata field with their article counts.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use newsq::output::csv::Table;
use newsq::output::facets as print;
use newsq::search::facets::{self, FacetField};

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
    let opened = newsq::index::open(index_dir)?;
    let filters = super::search::filters(&args.filters)?;
    let text = args.query.join(" ");
    let query = if text.trim().is_empty() && !has_filters(&args) {
        None
    } else {
        let q = if text.trim().is_empty() {
            "*"
        } else {
            text.as_str()
        };
        // Every word required, as every count of `search` takes them.
        let parsed = newsq::search::query::parse(q, &opened.fields, false, &filters)?;
        for w in &parsed.warnings {
            super::warn(w);
        }
        Some(parsed.query)
    };
    let counts = facets::count(&opened, field, query.as_deref())?;
    let shown = &counts[..counts.len().min(args.limit.unwrap_or(usize::MAX))];
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match Table::chosen(args.csv, args.tsv) {
        Some(table) => print::table(&mut out, shown, table, super::stdout_is_tty())?,
        None if args.json => print::json(&mut out, shown)?,
        None => print::human(&mut out, shown, print::count_width(&counts))?,
    }
    out.flush()?;
    Ok(if counts.is_empty() {
        ExitCode::from(super::NOT_FOUND)
    } else {
        ExitCode::SUCCESS
    })
}

fn has_filters(args: &FacetsArgs) -> bool {
    let f = &args.filters;
    !(f.source.is_empty()
        && f.author.is_empty()
        && f.tag.is_empty()
        && f.section.is_empty()
        && f.paths.is_empty())
        || f.since.is_some()
        || f.until.is_some()
}
