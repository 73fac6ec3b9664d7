//! The `newsq` binary: parse arguments, run one command, map the outcome to an exit code
//! (0 found or done, 1 nothing found, 2 error).

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cmd::run(cli) {
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
