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
    // The config does not depend on what is indexed: no index is needed for it.
    let articles = if args.quickwit_config {
        Vec::new()
    } else {
        newsq::index::Index::open(index_dir)?.articles()?
    };
    if let Some(target) = &args.output {
        check_target(index_dir, target)?;
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

/// Refuses, before anything is written, an `-o` that would overwrite what the index is
/// made of: a file in the index folder, an indexed article file (or file of records), or
/// an indexed article's sidecar. Warns when the export lands under a path indexed before:
/// the next `newsq index` would read it as articles.
fn check_target(index_dir: &Path, target: &Path) -> anyhow::Result<()> {
    let key = newsq::corpus::path::path_key(target);
    let shown = sanitize::path(target);
    if let Ok(index) = std::fs::canonicalize(index_dir)
        && key.starts_with(&index)
    {
        anyhow::bail!(
            "{shown} is inside the index folder {}: write the export elsewhere; nothing was written",
            sanitize::path(index_dir)
        );
    }
    // Without an index (a Quickwit config needs none) there is nothing more to protect.
    let Ok(opened) = newsq::index::open(index_dir) else {
        return Ok(());
    };
    let article = if newsq::corpus::sidecar::is_sidecar(target) {
        let bytes = newsq::corpus::path::path_bytes(target);
        let cut = bytes.len() - newsq::corpus::sidecar::SUFFIX.len();
        Some(newsq::corpus::path::path_from_bytes(&bytes[..cut]))
    } else {
        None
    };
    if opened.holds_file(target)? {
        anyhow::bail!(
            "{shown} is an indexed article file: the export would overwrite it; write it elsewhere; nothing was written"
        );
    }
    if let Some(article) = article
        && opened.holds_file(&article)?
    {
        anyhow::bail!(
            "{shown} is the sidecar of the indexed article {}: the export would overwrite it; write it elsewhere; nothing was written",
            sanitize::path(&article)
        );
    }
    let roots = newsq::index::roots(index_dir)
        .ok()
        .flatten()
        .unwrap_or_default();
    if let Some(root) = roots.iter().find(|r| key.starts_with(r)) {
        let cwd = std::env::current_dir().ok();
        super::warn(&format!(
            "{shown} is under {}, which the index reads: the next `newsq index` reads the export as articles too (a copy of each)",
            sanitize::path(&newsq::corpus::path::display_path(root, cwd.as_deref()))
        ));
    }
    Ok(())
}
