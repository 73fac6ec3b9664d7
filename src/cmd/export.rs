//! `newsq export`: every indexed article, cleaned, with its metadata, one JSON object per
//! line, sorted by path.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use newsq::output::sanitize;

use crate::cli::ExportArgs;

pub fn run(index_dir: &Path, args: ExportArgs) -> anyhow::Result<ExitCode> {
    let opened = newsq::index::open(index_dir)?;
    let articles = newsq::search::all_articles(&opened)?;
    let sink: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", sanitize::path(p)))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::new(sink);
    for a in &articles {
        let raw = newsq::index::path_bytes(&a.path);
        let value = serde_json::json!({
            "id": format!("{:016x}", xxhash_rust::xxh3::xxh3_64(raw)),
            "path": sanitize::path(&a.path),
            "title": a.stored.title,
            "metadata": a.stored.meta,
            "body": a.body,
            "removed": a.stored.removed.iter().map(|(no, rule, text)| serde_json::json!({"line": no, "rule": rule, "text": text})).collect::<Vec<_>>(),
            "encoding": a.stored.encoding,
        });
        sanitize::write_json(&mut out, &value)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
