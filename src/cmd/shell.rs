//! Shell integration generated from the clap definitions themselves, so completions and
//! the manual never drift from the real options: `newsq completions SHELL` and
//! `newsq man`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::CommandFactory;
use newsq::output::{man, sanitize};

use crate::cli::{Cli, CompletionsArgs, ManArgs};

/// `newsq completions SHELL`: the completion script on standard output.
pub fn completions(args: CompletionsArgs) -> anyhow::Result<ExitCode> {
    let mut cmd = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut cmd, "newsq", &mut out);
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `newsq man`: the main page on standard output, or with `--out DIR` one page per
/// command (`newsq.1`, `newsq-index.1`, ...), as `man` finds them under `man1/`.
pub fn man(args: ManArgs) -> anyhow::Result<ExitCode> {
    let cmd = Cli::command();
    let Some(dir) = args.out else {
        let mut out = std::io::stdout().lock();
        man::page(cmd, None, &mut out)?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    };
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("creating the folder {}", sanitize::path(&dir)))?;
    let write = |name: &str, cmd: clap::Command, parent: Option<&str>| -> anyhow::Result<()> {
        let path = dir.join(format!("{name}.1"));
        let mut buf = Vec::new();
        man::page(cmd, parent, &mut buf)?;
        std::fs::write(&path, buf).with_context(|| format!("writing {}", sanitize::path(&path)))
    };
    for sub in cmd.get_subcommands() {
        let name = format!("newsq-{}", sub.get_name());
        write(&name, sub.clone().name(name.clone()), Some("newsq"))?;
    }
    write("newsq", cmd, None)?;
    Ok(ExitCode::SUCCESS)
}
