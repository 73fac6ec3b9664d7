//! `newsq timeline QUERY`: stories and articles per period, as a chart, JSON lines or a
//! table; with `--first`, each story's first copy and who followed. Exit 0 when anything
//! matched, 1 when nothing did.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use newsq::index::Index;
use newsq::output::csv::Table;
use newsq::output::timeline::{self as print, Chart};
use newsq::search::facets::FacetField;
use newsq::search::timeline::{By, TimelineRequest};

use crate::cli::{ByArg, SplitArg, TimelineArgs};

pub fn run(
    index_dir: &Path,
    args: TimelineArgs,
    color: bool,
    ascii: bool,
) -> anyhow::Result<ExitCode> {
    let index = Index::open(index_dir)?;
    let request = super::request::counting(&args.query, &args.filters, args.copies)?;
    super::query_notices(&index, &request)?;
    let query = request.text.clone();
    let human = !args.json && !args.csv && !args.tsv && !args.first;
    // Small multiples need about ten columns a series: more series than fit are merged
    // into "other" (JSON and tables keep them all).
    let fit = (super::chart_width().saturating_sub(11) / 10).max(2) - 1;
    let top = if human && args.split.is_some() && usize::from(args.top) > fit {
        super::warn(&format!(
            "{} series do not fit in {} columns: showing {fit} and \"other\" (--json or --csv list them all)",
            args.top,
            super::chart_width()
        ));
        fit
    } else {
        usize::from(args.top)
    };
    let asked = TimelineRequest {
        request,
        by: match args.by {
            ByArg::Auto => None,
            ByArg::Day => Some(By::Day),
            ByArg::Week => Some(By::Week),
            ByArg::Month => Some(By::Month),
            ByArg::Year => Some(By::Year),
        },
        split: args.split.map(|s| match s {
            SplitArg::Source => FacetField::Source,
            SplitArg::Author => FacetField::Author,
            SplitArg::Section => FacetField::Section,
            SplitArg::Tag => FacetField::Tag,
            SplitArg::Lang => FacetField::Lang,
            SplitArg::Place => FacetField::Place,
        }),
        top,
        first: if args.first { args.limit as usize } else { 0 },
    };
    let timeline = index.timeline(&asked)?;
    let cwd = super::request::cwd();
    let tty = super::stdout_is_tty();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match (Table::chosen(args.csv, args.tsv), args.first) {
        (Some(table), true) => print::first_table(&mut out, &timeline, table, tty, cwd.as_deref())?,
        (Some(table), false) => print::table(&mut out, &timeline, table, tty)?,
        (None, true) if args.json => {
            print::first_json(&mut out, &timeline, &query, cwd.as_deref())?
        }
        (None, false) if args.json => print::json(&mut out, &timeline, &query)?,
        (None, true) => print::first_human(&mut out, &timeline, &query, cwd.as_deref(), color)?,
        (None, false) => {
            let chart = Chart {
                width: super::chart_width(),
                unicode: !ascii,
                color,
            };
            print::human(&mut out, &timeline, &query, chart)?
        }
    }
    out.flush()?;
    Ok(if timeline.total.articles > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(super::NOT_FOUND)
    })
}
