//! `newsq clean`: run the cleaner on files, without an index.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use newsq::corpus::standalone;
use newsq::output::{Styles, cleaned, sanitize};

use super::messages;
use crate::cli::CleanArgs;

pub fn run(args: CleanArgs, color: bool) -> anyhow::Result<ExitCode> {
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("creating the output folder {}", sanitize::path(dir)))?;
    }
    // Read everything first: lines recurring across the given files are template lines.
    let mut items = Vec::new();
    let mut failed = false;
    for path in &args.files {
        match standalone::read(path) {
            Ok(read) => {
                messages::read_for_cleaning(path, &read);
                items.extend(read.items);
            }
            Err(err) => {
                messages::unreadable_for_cleaning(path, &err);
                failed = true;
            }
        }
    }
    let articles = standalone::clean(&items);
    let targets = match &args.out {
        Some(dir) => standalone::out_targets(dir, &items, &args.files)
            .map_err(messages::clean_target_error)?,
        None => Vec::new(),
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let styles = Styles::new(color);
    for (i, (item, article)) in items.iter().zip(&articles).enumerate() {
        if args.explain {
            if i > 0 {
                writeln!(out)?;
            }
            cleaned::explain(&mut out, &item.name, article, &styles)?;
        }
        match targets.get(i) {
            Some(target) => {
                std::fs::write(target, cleaned::body_text(article))
                    .with_context(|| format!("writing {}", sanitize::path(target)))?;
            }
            None if !args.explain => {
                if i > 0 {
                    writeln!(out)?;
                }
                cleaned::body(&mut out, article)?;
            }
            None => {}
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
