//! `newsq terms QUERY`: the words most over-represented in the matching stories. Exit 0
//! when any term is listed, 1 otherwise.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use newsq::index::Index;
use newsq::output::csv::Table;
use newsq::output::timeline as print;

use crate::cli::TermsArgs;

pub fn run(index_dir: &Path, args: TermsArgs) -> anyhow::Result<ExitCode> {
    let index = Index::open(index_dir)?;
    let request = super::request::counting(&args.query, &args.filters, args.copies)?;
    super::query_notices(&index, &request)?;
    let terms = index.terms(&request, args.limit)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match Table::chosen(args.csv, args.tsv) {
        Some(table) => print::terms_table(&mut out, &terms, table, super::stdout_is_tty())?,
        None if args.json => print::terms_json(&mut out, &terms)?,
        None => print::terms_human(&mut out, &terms, &request.text)?,
    }
    out.flush()?;
    Ok(if terms.terms.is_empty() {
        ExitCode::from(super::NOT_FOUND)
    } else {
        ExitCode::SUCCESS
    })
}
