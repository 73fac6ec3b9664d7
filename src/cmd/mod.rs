//! One function per subcommand: resolve options, call the engine, print, return the exit
//! code.

mod clean;
mod export;
mod facets;
mod index;
mod search;
mod shell;
mod show;
mod similar;
mod stats;

use std::io::IsTerminal;
use std::process::ExitCode;

use crate::cli::{Cli, ColorWhen, Command};

/// Exit code for "nothing found".
pub const NOT_FOUND: u8 = 1;

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let color = use_color(cli.color);
    match cli.command {
        Command::Index(args) => index::run(&cli.index, args),
        Command::Search(args) => search::run(&cli.index, args, color),
        Command::Show(args) => show::run(&cli.index, args, color),
        Command::Clean(args) => clean::run(args, color),
        Command::Facets(args) => facets::run(&cli.index, args),
        Command::Similar(args) => similar::run(&cli.index, args, color),
        Command::Export(args) => export::run(&cli.index, args),
        Command::Stats(args) => stats::run(&cli.index, args),
        Command::Completions(args) => shell::completions(args),
        Command::Man(args) => shell::man(args),
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
    eprintln!("newsq: warning: {}", newsq::output::sanitize::line(message));
}

/// Whether standard output is a terminal.
fn stdout_is_tty() -> bool {
    std::io::stdout().is_terminal()
}
