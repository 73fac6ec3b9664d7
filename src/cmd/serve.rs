//! `newsq serve`: the web page and JSON API over the index, until stopped.

use std::path::Path;
use std::process::ExitCode;

use newsq::output::sanitize;
use newsq::serve::{Config, Server};

use super::messages;
use crate::cli::ServeArgs;

pub fn run(index_dir: &Path, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let server = Server::bind(Config {
        index_dir: index_dir.to_path_buf(),
        addr: args.addr,
        workers: usize::from(args.threads),
        cwd: super::request::cwd(),
    })?;
    let addr = server.addr()?;
    if !addr.ip().is_loopback() {
        messages::warning(&format!(
            "listening on {addr}, not only on this machine: whoever reaches it can read every indexed article"
        ));
    }
    messages::note(&format!(
        "serving the index at {} on http://{addr}/ (Ctrl-C stops)",
        sanitize::path(index_dir)
    ));
    server.run()?;
    Ok(ExitCode::SUCCESS)
}
