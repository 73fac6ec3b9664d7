//! The command line's search arguments as one [`Request`]: the only place that knows how
//! flags map onto what the engine is asked.

use std::path::PathBuf;

use newsq::output::Format;
use newsq::output::csv::Table;
use newsq::search::paths::PathGlob;
use newsq::search::{Filters, Request, SearchOptions, Sort};

use newsq::index::stories::Copies;

use crate::cli::{CopiesArg, FacetsArgs, FilterArgs, SearchArgs, SortBy};

/// The library's filters from the command line's (`--path` resolved against the current
/// folder).
pub fn filters(f: &FilterArgs) -> anyhow::Result<Filters> {
    let cwd = cwd().unwrap_or_default();
    let paths = f
        .paths
        .iter()
        .map(|p| PathGlob::new(p, &cwd).map_err(anyhow::Error::msg))
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(Filters {
        source: f.source.clone(),
        author: f.author.clone(),
        tag: f.tag.clone(),
        section: f.section.clone(),
        lang: f.lang.clone(),
        since: f.since,
        until: f.until,
        include_removed: false,
        paths,
        any_word: false,
    })
}

/// The current folder, resolved as indexed paths are (paths are shown relative to it).
pub fn cwd() -> Option<PathBuf> {
    std::env::current_dir()
        .ok()
        .map(|c| std::fs::canonicalize(&c).unwrap_or(c))
}

/// The search `newsq search` asks for, printed as `format`.
pub fn search(args: &SearchArgs, format: Format) -> anyhow::Result<Request> {
    let filters = Filters {
        include_removed: args.removed,
        any_word: args.any,
        ..filters(&args.filters)?
    };
    let sort = match args.sort {
        SortBy::Relevance => Sort::Relevance,
        SortBy::Date => Sort::Date,
    };
    Ok(Request {
        text: args.query.join(" "),
        filters,
        strict: args.strict,
        options: options(args, format, sort),
        count_undated: sort == Sort::Date && format != Format::Count,
        cwd: cwd().unwrap_or_default(),
    })
}

/// The articles `newsq facets` counts: its query and filters (no hits are listed), and
/// whether copies fold.
pub fn facets(args: &FacetsArgs) -> anyhow::Result<Request> {
    counting(&args.query, &args.filters, args.copies)
}

/// A request that counts stories or articles (`facets`, `timeline`, `terms`): the query,
/// the filters, whether copies fold; no hits are listed.
pub fn counting(query: &[String], f: &FilterArgs, copies: CopiesArg) -> anyhow::Result<Request> {
    Ok(Request {
        text: query.join(" "),
        filters: filters(f)?,
        cwd: cwd().unwrap_or_default(),
        options: SearchOptions {
            collapse: copies == CopiesArg::Fold,
            ..SearchOptions::default()
        },
        ..Request::default()
    })
}

/// The engine's copies switch from the command line's.
pub fn copies(c: CopiesArg) -> Copies {
    match c {
        CopiesArg::Fold => Copies::Fold,
        CopiesArg::All => Copies::All,
    }
}

/// The output format the flags ask for (JSON first, the human listing by default).
pub fn format_of(args: &SearchArgs) -> Format {
    if args.json {
        Format::Json
    } else if args.csv {
        Format::Table(Table::Csv)
    } else if args.tsv {
        Format::Table(Table::Tsv)
    } else if args.files_with_matches {
        Format::Paths { null: args.null }
    } else if args.count {
        Format::Count
    } else {
        Format::Human
    }
}

/// What to rank, fold and read for `format`.
fn options(args: &SearchArgs, format: Format, sort: Sort) -> SearchOptions {
    let listing = matches!(format, Format::Paths { .. } | Format::Count);
    SearchOptions {
        // Like grep -l, paths and counts cover every match unless -n says otherwise. A
        // count needs no hits: it is worked out from the number of matches below.
        // Ranking and reading paths would be wasted on it.
        limit: match (args.limit, format) {
            (_, Format::Count) => Some(0),
            (None, Format::Paths { .. }) => None,
            (Some(n), _) => Some(n),
            (None, _) => Some(10),
        },
        offset: if format == Format::Count {
            0
        } else {
            args.offset
        },
        passages: if listing { 0 } else { args.passages },
        stored: !listing,
        sort,
        // Counting and listing paths cover every copy; reading hits folds copies.
        collapse: !args.all && !listing,
        fallback: format == Format::Human && !args.strict && !args.any,
    }
}
