//! `newsq export`: every indexed article, cleaned, with its metadata, as flat JSON
//! documents sorted by path (NDJSON, or an Elasticsearch `_bulk` body); or, with
//! `--quickwit-config`, a Quickwit index config whose fields match those documents.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use newsq::output::export;
use newsq::output::sanitize;

use crate::cli::{ExportArgs, ExportFormat};

pub fn run(index_dir: &Path, args: ExportArgs) -> anyhow::Result<ExitCode> {
    if !export::valid_index_name(&args.index_name) {
        anyhow::bail!(
            "{:?} cannot name an index: use 3 to 255 lower-case letters, digits, '.', '_' or '-', starting with a letter",
            args.index_name
        );
    }
    // The config does not depend on what is indexed: no index is needed for it (one that
    // opens still guards the files it holds from `-o`).
    let index = if args.quickwit_config {
        newsq::index::Index::open(index_dir).ok()
    } else {
        Some(newsq::index::Index::open(index_dir)?)
    };
    let articles = match &index {
        Some(index) if !args.quickwit_config => index.articles()?,
        _ => Vec::new(),
    };
    if let Some(target) = &args.output {
        super::messages::export_target(
            newsq::index::target::target(index_dir, index.as_ref(), target)?,
            target,
            index_dir,
        )?;
    }
    let sink: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", sanitize::path(p)))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::new(sink);
    if args.quickwit_config {
        out.write_all(export::quickwit_config(&args.index_name).as_bytes())?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    for a in &articles {
        let doc = export::document(a);
        if args.format == ExportFormat::EsBulk {
            sanitize::write_json(&mut out, &export::bulk_action(&args.index_name, &doc.id))?;
            writeln!(out)?;
        }
        sanitize::write_json(&mut out, &doc)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
