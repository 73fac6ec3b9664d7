//! The `newsq` binary: parse arguments, run one command, map the outcome to an exit code
//! (0 found or done, 1 nothing found, 2 error).

mod cli;
mod cmd;

use std::panic::{self, AssertUnwindSafe};
use std::process::ExitCode;
use std::sync::Mutex;

use clap::Parser;
use clap::error::ErrorKind;

/// What the last panic said, with where: printed as an error instead of the panic's own
/// report.
static PANIC: Mutex<Option<String>> = Mutex::new(None);

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(err),
    };
    let index = cli.index.clone();
    let reads_index = !matches!(
        cli.command,
        cli::Command::Clean(_) | cli::Command::Completions(_) | cli::Command::Man(_)
    );
    // A panic is a bug, ours or one an index damaged on disk sets off inside tantivy (it
    // trusts its own files): either way the user gets one clear line and exit 2, not a
    // backtrace, and is told what to do about a damaged index.
    panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "no message".to_owned());
        // A dependency's file from where cargo unpacked it, as `tantivy-0.27.0/src/...`.
        let at = info
            .location()
            .map(|l| {
                let file = l.file();
                let file = file
                    .find("/registry/src/")
                    .and_then(|i| file[i + "/registry/src/".len()..].split_once('/'))
                    .map_or(file, |(_, rest)| rest);
                format!(" at {file}:{}", l.line())
            })
            .unwrap_or_default();
        if let Ok(mut last) = PANIC.lock() {
            *last = Some(format!("{what}{at}"));
        }
    }));
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| cmd::run(cli)));
    let result = match outcome {
        Ok(result) => result,
        Err(_) => {
            let what = PANIC
                .lock()
                .ok()
                .and_then(|mut p| p.take())
                .unwrap_or_else(|| "no message".to_owned());
            let advice = if reads_index {
                format!(
                    "; if the index at {} was damaged (a disk fault, a partial copy), rebuild \
                     it with {}; otherwise this is a bug in newsq",
                    index.display(),
                    newsq::index::rebuild_command(&index)
                )
            } else {
                "; this is a bug in newsq".to_owned()
            };
            Err(anyhow::anyhow!("failed unexpectedly ({what}){advice}"))
        }
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`newsq search x | head -1`) is not an error.
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            let msg = format!("{err:#}");
            eprintln!("newsq: error: {}", newsq::output::sanitize::line(&msg));
            ExitCode::from(2)
        }
    }
}

/// Prints what clap has to say: help and the version as they are, on standard output; a
/// usage error in newsq's voice, every line starting `newsq:` (clap's blank lines
/// dropped), with clap's exit code.
fn usage_error(err: clap::Error) -> ExitCode {
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
    ) {
        // Help and version go to standard output, exit 0.
        let _ = err.print();
        return ExitCode::SUCCESS;
    }
    if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        // `newsq` alone: clap would print the whole help on standard error.
        use clap::CommandFactory;
        let names: Vec<String> = cli::Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_owned())
            .collect();
        eprintln!(
            "newsq: error: no command given: choose one of {} (`newsq --help` says what each does)",
            names.join(", ")
        );
        return ExitCode::from(2);
    }
    let text = err.render().to_string();
    let mut out = String::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        // "error: ..." keeps its label; the tip, usage and "For more information" lines
        // follow as they are.
        out.push_str("newsq: ");
        out.push_str(line.trim_end());
        out.push('\n');
    }
    eprint!("{out}");
    ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2))
}
