//! `newsq facets FIELD [QUERY]`: values of a metadata field with their story (or article)
//! counts.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use newsq::output::csv::Table;
use newsq::output::facets as print;
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
    let request = super::request::facets(&args)?;
    let copies = request.copies();
    let facets = index.facets(field, &request)?;
    for w in &facets.warnings {
        super::warn(w);
    }
    let counts = facets.counts;
    let shown = &counts[..counts.len().min(args.limit.unwrap_or(usize::MAX))];
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match Table::chosen(args.csv, args.tsv) {
        Some(table) => print::table(&mut out, shown, copies, table, super::stdout_is_tty())?,
        None if args.json => print::json(&mut out, shown, copies)?,
        None => {
            let name = FacetField::ALL
                .iter()
                .find(|(_, f)| *f == field)
                .map_or("value", |(n, _)| *n);
            print::human(&mut out, shown, print::count_width(&counts), name, copies)?
        }
    }
    out.flush()?;
    Ok(if counts.is_empty() {
        ExitCode::from(super::NOT_FOUND)
    } else {
        ExitCode::SUCCESS
    })
}
