//! `newsq search`: parse the query, run it, print hits; exit 0 when something was
//! printed, 1 when nothing was (no match, or none past `--offset`), as grep does.
//!
//! Every word is required, for every format: a count, a list of paths, JSON or a table
//! is what the query says. Only the human listing, when no article holds them all,
//! shows the articles holding any of them, and says so after the spelling help;
//! `--any` asks for that explicitly, for every format.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use newsq::index::Opened;
use newsq::output::csv::Table;
use newsq::output::{self, Format, HitView, Styles, wire};
use newsq::search::paths::{PathGlob, PathQuery};
use newsq::search::{self, Filters, ParsedQuery, Results, SearchOptions, Sort};

use super::messages;
use crate::cli::{FilterArgs, SearchArgs, SortBy};

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

pub fn run(index_dir: &Path, args: SearchArgs, color: bool) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let text = args.query.join(" ");
    let opened = newsq::index::open(index_dir)?;
    let filters = Filters {
        include_removed: args.removed,
        any_word: args.any,
        ..filters(&args.filters)?
    };
    let parsed = search::query::parse(&text, &opened.fields, args.strict, &filters)?;
    for w in &parsed.warnings {
        messages::warning(w);
    }
    folder_words(&opened, &args.query)?;
    let format = format_of(&args);
    let sort = match args.sort {
        SortBy::Relevance => Sort::Relevance,
        SortBy::Date => Sort::Date,
    };
    let opts = options(&args, format, sort);
    let results = search::run(&opened, &parsed, opts)?;
    notices(&opened, &parsed, &results, args.any, &text, &filters)?;
    let shown_query = match (&parsed.any, results.relaxed) {
        (Some(any), true) => any.as_ref(),
        _ => parsed.query.as_ref(),
    };
    let undated = if sort == Sort::Date && format != Format::Count && results.total > 0 {
        let n = search::count_undated(&opened, shown_query)?;
        if n > 0 {
            messages::undated_last(n, results.total);
        }
        Some(n)
    } else {
        None
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    // What -l would list: the matches after --offset, at most -n of them (as grep -c -m N
    // counts at most N).
    let counted = results
        .total
        .saturating_sub(args.offset)
        .min(args.limit.unwrap_or(usize::MAX));
    let printed = if format == Format::Count {
        counted
    } else {
        results.hits.len()
    };
    if results.total > 0 && args.offset > 0 && printed == 0 {
        let all = if format == Format::Count {
            results.total
        } else {
            results.available
        };
        messages::nothing_past(args.offset, all);
    }
    if format == Format::Count {
        writeln!(out, "{counted}")?;
    } else {
        let cwd = cwd();
        let tty = super::stdout_is_tty();
        let view = HitView {
            format,
            styles: Styles::new(color && format == Format::Human),
            cwd: cwd.as_deref(),
            tty,
            any: args.any,
            width: if format == Format::Human {
                output::terminal_width()
            } else {
                None
            },
        };
        output::print_hits(&mut out, &results.hits, &view)?;
        if args.stats {
            let summary = wire::WireSummary {
                kind: wire::SummaryType::Summary,
                total: results.total,
                shown: results.hits.len(),
                folded: results.hits.iter().map(|h| h.copies.len()).sum(),
                offset: args.offset,
                any: args.any,
                undated,
                elapsed: started.elapsed().into(),
            };
            newsq::output::sanitize::write_json(&mut out, &summary)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    // The process ends right after: unmapping the index's files one by one took a short
    // search 0.15-0.25 ms (of about 3), and the exit lets them go at once.
    std::mem::forget(opened);
    Ok(if printed > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(super::NOT_FOUND)
    })
}

/// The output format the flags ask for (JSON first, the human listing by default).
fn format_of(args: &SearchArgs) -> Format {
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

/// The notices on stderr about what the search found: spellings, matches only in removed
/// lines, the fallback to any word, paths that match nothing, undated articles left out.
fn notices(
    opened: &Opened,
    parsed: &ParsedQuery,
    results: &Results,
    any: bool,
    text: &str,
    filters: &Filters,
) -> anyhow::Result<()> {
    // The articles holding what the query asks (every word, or under --any one).
    let holding = if results.relaxed { 0 } else { results.total };
    if holding == 0 || any {
        suggest_spellings(opened, parsed)?;
    }
    let with_removed = search::with_removed(opened, parsed)?;
    if with_removed > holding {
        let what = if parsed.typed.is_empty() {
            "these words".to_owned()
        } else {
            parsed.typed.join(" ")
        };
        messages::removed_would_add(with_removed - holding, holding > 0, &what);
    }
    if results.relaxed {
        messages::showing_any(&parsed.typed, results.total);
    }
    if results.total == 0 {
        for glob in &parsed.paths {
            let alone = PathQuery::new(opened.fields.path_raw, vec![glob.clone()]);
            if search::count(opened, &alone)? == 0 {
                messages::path_matches_nothing(&glob.typed);
            }
        }
    }
    if filters.has_dates() {
        undated_notice(opened, text, filters)?;
    }
    Ok(())
}

/// Spelling suggestions shown at most: a pasted paragraph should not print one per word.
const MAX_SUGGESTIONS: usize = 5;

/// Close spellings of the query words no article holds ("did you mean").
fn suggest_spellings(opened: &newsq::index::Opened, parsed: &ParsedQuery) -> anyhow::Result<()> {
    let suggestions = search::suggestions(opened, parsed)?;
    for (word, better) in suggestions.iter().take(MAX_SUGGESTIONS) {
        messages::did_you_mean(word, &match_case(word, better));
    }
    if suggestions.len() > MAX_SUGGESTIONS {
        messages::more_spellings(suggestions.len() - MAX_SUGGESTIONS);
    }
    Ok(())
}

/// Says when a word of the query is a folder that holds indexed articles (`newsq search
/// oil bbc/`): the user likely meant `--path bbc/`. The word is still searched.
fn folder_words(opened: &newsq::index::Opened, query: &[String]) -> anyhow::Result<()> {
    let cwd = cwd().unwrap_or_default();
    for word in query.iter().flat_map(|q| q.split_whitespace()) {
        if word.contains(':') || word.starts_with(['-', '+', '"', '(']) {
            continue;
        }
        if !Path::new(word).is_dir() {
            continue;
        }
        let Ok(glob) = PathGlob::new(word, &cwd) else {
            continue;
        };
        if search::count(opened, &PathQuery::new(opened.fields.path_raw, vec![glob]))? > 0 {
            messages::word_is_a_folder(word);
        }
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
    let n = search::count_undated(opened, parsed.query.as_ref())?;
    if n > 0 {
        messages::undated_left_out(n);
    }
    Ok(())
}
