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
mod shell;
mod show;
mod similar;
mod stats;

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
        Command::Search(_) | Command::Facets(_) | Command::Show(_) | Command::Similar(_)
    );
    let result = match cli.command {
        Command::Index(args) => index::run(&cli.index, args),
        Command::Search(args) => search::run(&cli.index, args, color),
        Command::Show(args) => show::run(&cli.index, args, color),
        Command::Clean(args) => clean::run(args, color),
        Command::Facets(args) => facets::run(&cli.index, args),
        Command::Similar(args) => similar::run(&cli.index, args, color),
        Command::Export(args) => export::run(&cli.index, args),
        Command::Stats(args) => stats::run(&cli.index, args),
        Command::Prune(args) => prune::run(&cli.index, args),
        Command::Check => check::run(&cli.index),
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

/// Prints a warning on standard error.
fn warn(message: &str) {
    messages::warning(message);
}

/// Whether standard output is a terminal.
fn stdout_is_tty() -> bool {
    std::io::stdout().is_terminal()
}
