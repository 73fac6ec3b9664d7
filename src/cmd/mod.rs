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
use std::path::Path;
use std::process::ExitCode;

use newsq::corpus::path::path_from_bytes;
use newsq::corpus::{format::is_records_file, records};
use newsq::index::Index;
use newsq::output::sanitize;

use crate::cli::{Cli, ColorWhen, Command};

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

/// Says on standard error that the article `path` (as `show` and `similar` take it) is not
/// in the index in `index_dir`, and what to do: name a record of a file of records, index
/// the file that holds the article (never a record's name, which `index` cannot read), or
/// pick a record that is there.
fn not_indexed(opened: &Index, index_dir: &Path, path: &Path) -> anyhow::Result<()> {
    let shown = sanitize::path(path);
    let index = sanitize::path(index_dir);
    if is_records_file(path) {
        eprintln!(
            "newsq: {shown} holds JSON records, each an article: name one as {shown}:LINE (`newsq search -l` lists them)"
        );
        return Ok(());
    }
    let record = records::split_record_path(newsq::corpus::path::path_bytes(path))
        .map(|(file, at)| (path_from_bytes(file), at))
        .filter(|(file, _)| is_records_file(file) || !path.exists());
    let Some((file, at)) = record else {
        eprintln!(
            "newsq: {shown} is not in the index at {index} (index it with `newsq index {shown}`)"
        );
        return Ok(());
    };
    let file_shown = sanitize::path(&file);
    let there = opened.records_of(&file)?;
    if !there.is_empty() {
        const LIST: usize = 5;
        let mut names: Vec<String> = there
            .iter()
            .take(LIST)
            .map(|p| format!("{file_shown}{}", p.suffix()))
            .collect();
        if there.len() > LIST {
            names.push(format!("… ({} in all)", there.len()));
        }
        let place = match at.column {
            Some(c) => format!("line {}, column {c}", at.line),
            None => format!("line {}", at.line),
        };
        eprintln!(
            "newsq: {shown} is not in the index at {index}: no record of {file_shown} starts on {place}; its records are {}",
            names.join(", ")
        );
    } else if is_records_file(&file) {
        eprintln!(
            "newsq: {shown} is not in the index at {index} (index its file with `newsq index {file_shown}`)"
        );
    } else {
        eprintln!(
            "newsq: {shown} is not in the index at {index}: FILE:LINE names a record of a file of JSON records, and {file_shown} is not one (`newsq show {file_shown}` shows it whole)"
        );
    }
    Ok(())
}
