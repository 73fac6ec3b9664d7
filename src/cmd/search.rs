//! `newsq search`: parse the query, run it, print hits; exit 0 when something matched,
//! 1 when nothing did (with a spelling suggestion or a hint where one helps).

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use newsq::output::{self, Format, Styles};
use newsq::search::{self, Filters, SearchOptions, Sort};

use crate::cli::{FilterArgs, SearchArgs, SortBy};

/// The library's filters from the command line's.
pub fn filters(f: &FilterArgs) -> Filters {
    Filters {
        source: f.source.clone(),
        author: f.author.clone(),
        tag: f.tag.clone(),
        section: f.section.clone(),
        since: f.since,
        until: f.until,
        include_removed: false,
    }
}

pub fn run(index_dir: &Path, args: SearchArgs, color: bool) -> anyhow::Result<ExitCode> {
    let text = args.query.join(" ");
    let opened = newsq::index::open(index_dir)?;
    let filters = Filters {
        include_removed: args.removed,
        ..filters(&args.filters)
    };
    let parsed = search::query::parse(&text, &opened.fields, args.strict, &filters)?;
    for w in &parsed.warnings {
        super::warn(w);
    }
    let format = if args.json {
        Format::Json
    } else if args.files_with_matches {
        Format::Paths { null: args.null }
    } else if args.count {
        Format::Count
    } else {
        Format::Human
    };
    let listing = matches!(format, Format::Paths { .. } | Format::Count);
    let opts = SearchOptions {
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
        sort: match args.sort {
            SortBy::Relevance => Sort::Relevance,
            SortBy::Date => Sort::Date,
        },
        // Counting and listing paths cover every copy; reading hits folds copies.
        collapse: !args.all && !listing,
    };
    let results = search::run(&opened, &parsed, opts)?;
    if results.relaxed {
        eprintln!(
            "newsq: no article holds all of {}; showing the {} that hold some of them",
            parsed.typed.join(", "),
            results.total
        );
    }
    if filters.has_dates() {
        undated_notice(&opened, &text, &filters)?;
    }
    if results.total == 0 {
        explain_nothing(&opened, &parsed)?;
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // What -l would list: the matches after --offset, at most -n of them (as grep -c -m N
    // counts at most N).
    let counted = results
        .total
        .saturating_sub(args.offset)
        .min(args.limit.unwrap_or(usize::MAX));
    if results.total > 0 && args.offset > 0 {
        let shown = if format == Format::Count {
            counted
        } else {
            results.hits.len()
        };
        if shown == 0 {
            let all = if format == Format::Count {
                results.total
            } else {
                results.available
            };
            eprintln!("newsq: no hits past {} ({all} in all)", args.offset);
        }
    }
    if format == Format::Count {
        writeln!(out, "{counted}")?;
    } else {
        let cwd = std::env::current_dir()
            .ok()
            .map(|c| std::fs::canonicalize(&c).unwrap_or(c));
        output::print_hits(
            &mut out,
            &results.hits,
            format,
            &Styles::new(color && format == Format::Human),
            cwd.as_deref(),
            super::stdout_is_tty(),
        )?;
    }
    out.flush()?;
    // The process ends right after: unmapping the index's files one by one took a short
    // search 0.15-0.25 ms (of about 3), and the exit lets them go at once.
    std::mem::forget(opened);
    Ok(if results.total > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(super::NOT_FOUND)
    })
}

/// Spelling suggestions shown at most: a pasted paragraph should not print one per word.
const MAX_SUGGESTIONS: usize = 5;

/// When nothing matched: close spellings, or the news that the words are only in lines
/// the cleaner removed.
fn explain_nothing(
    opened: &newsq::index::Opened,
    parsed: &search::ParsedQuery,
) -> anyhow::Result<()> {
    let suggestions = search::suggestions(opened, parsed)?;
    for (word, better) in suggestions.iter().take(MAX_SUGGESTIONS) {
        let shown = match_case(word, better);
        eprintln!("newsq: no article holds {word:?}; did you mean {shown}?");
    }
    if suggestions.len() > MAX_SUGGESTIONS {
        eprintln!(
            "newsq: … and {} close spellings in the index",
            output::plural::counted(
                suggestions.len() - MAX_SUGGESTIONS,
                "more word has",
                "more words have"
            )
        );
    }
    let removed = search::removed_only(opened, parsed)?;
    if removed > 0 {
        let what = if parsed.typed.is_empty() {
            "these words".to_owned()
        } else {
            parsed.typed.join(" ")
        };
        eprintln!(
            "newsq: {} {} {what} only in lines removed as boilerplate; add --removed \
             to include them",
            output::plural::counted(removed, "article", "articles"),
            if removed == 1 { "holds" } else { "hold" }
        );
    }
    Ok(())
}

/// The suggestion in the case the user typed ("Jinpng" gives "Jinping").
fn match_case(typed: &str, suggestion: &str) -> String {
    if typed.chars().next().is_some_and(char::is_uppercase) {
        let mut c = suggestion.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    } else {
        suggestion.to_owned()
    }
}

/// Says how many matching articles a date filter left out because they have no date.
fn undated_notice(
    opened: &newsq::index::Opened,
    text: &str,
    filters: &Filters,
) -> anyhow::Result<()> {
    let undated = Filters {
        since: None,
        until: None,
        ..filters.clone()
    };
    let parsed = search::query::parse(text, &opened.fields, false, &undated)?;
    let n = search::count_undated(opened, &parsed)?;
    if n > 0 {
        eprintln!(
            "newsq: {} no known date and {} left out by --since/--until",
            output::plural::counted(n, "matching article has", "matching articles have"),
            if n == 1 { "was" } else { "were" }
        );
    }
    Ok(())
}
