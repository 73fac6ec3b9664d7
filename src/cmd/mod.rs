//! One function per subcommand: resolve options, call the engine, print, return the exit
//! code.

mod check;
mod clean;
mod export;
mod facets;
mod index;
mod messages;
mod prune;
mod request;
mod search;
mod serve;
mod shell;
mod show;
mod similar;
mod stats;
mod terms;
mod timeline;

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::cli::{Cli, ColorWhen, Command};
use messages::not_indexed;

/// Exit code for "nothing found".
pub const NOT_FOUND: u8 = 1;

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let color = use_color(cli.color);
    let index = cli.index.clone();
    // Which commands touch the index, and whether they write to it: an error from inside
    // the index is then said as damage, with how to rebuild.
    let touches = match cli.command {
        Command::Clean(_) | Command::Completions(_) | Command::Man(_) => None,
        Command::Index(_) | Command::Prune(_) => Some(true),
        _ => Some(false),
    };
    let searches = matches!(
        cli.command,
        Command::Search(_)
            | Command::Facets(_)
            | Command::Show(_)
            | Command::Similar(_)
            | Command::Timeline(_)
            | Command::Terms(_)
    );
    // Bars fall back to ASCII where block characters may not show: `--color never`,
    // NO_COLOR, or a dumb terminal.
    let ascii = cli.color == ColorWhen::Never
        || std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
        || std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    let result = match cli.command {
        Command::Index(args) => index::run(&cli.index, args),
        Command::Search(args) => search::run(&cli.index, args, color),
        Command::Show(args) => show::run(&cli.index, args, color),
        Command::Clean(args) => clean::run(args, color),
        Command::Facets(args) => facets::run(&cli.index, args),
        Command::Similar(args) => similar::run(&cli.index, args, color),
        Command::Timeline(args) => timeline::run(&cli.index, args, color, ascii),
        Command::Terms(args) => terms::run(&cli.index, args),
        Command::Export(args) => export::run(&cli.index, args),
        Command::Stats(args) => stats::run(&cli.index, args),
        Command::Prune(args) => prune::run(&cli.index, args),
        Command::Check => check::run(&cli.index),
        Command::Serve(args) => serve::run(&cli.index, args),
        Command::Completions(args) => shell::completions(args),
        Command::Man(args) => shell::man(args),
    };
    // Nothing found in an index that holds nothing: say why (a search while the first
    // `newsq index` runs would otherwise look like one that matched nothing).
    if searches
        && matches!(result, Ok(code) if code == ExitCode::from(NOT_FOUND))
        && let Some(why) = newsq::index::why_empty(&index)
    {
        messages::empty_index(&index, why);
    }
    match touches {
        Some(writing) => result.map_err(|e| newsq::index::explain_error(e, &index, writing)),
        None => result,
    }
}

/// Whether to colour standard output: `--color`, then NO_COLOR / CLICOLOR_FORCE / TERM and
/// whether stdout is a terminal (anstream's rules).
fn use_color(when: ColorWhen) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
        }
    }
}

/// Says on standard error what `search` would about the query of a verb that counts
/// (`timeline`, `terms`): its warnings, close spellings of words no article holds, paths
/// that match nothing, undated articles a date filter left out. Not the matches only in
/// removed lines: these verbs have no `--removed` to add them.
fn query_notices(
    index: &newsq::index::Index,
    request: &newsq::search::Request,
) -> anyhow::Result<()> {
    if request.text.trim().is_empty() {
        anyhow::bail!("give a query: words, a phrase, or * for every article");
    }
    let asked = newsq::search::Request {
        options: newsq::search::SearchOptions {
            limit: Some(0),
            ..Default::default()
        },
        count_undated: false,
        ..request.clone()
    };
    let mut results = index.search(&asked)?;
    results.notices.in_removed = 0;
    messages::search_notices(&results);
    Ok(())
}

/// Prints a warning on standard error.
fn warn(message: &str) {
    messages::warning(message);
}

/// The columns a chart may take: the terminal's, else `COLUMNS`, else 80.
fn chart_width() -> usize {
    newsq::output::terminal_width()
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
        .filter(|&w| w >= 20)
        .unwrap_or(80)
}

/// Whether standard output is a terminal.
fn stdout_is_tty() -> bool {
    std::io::stdout().is_terminal()
}
