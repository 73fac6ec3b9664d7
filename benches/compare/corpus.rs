//! The corpora on disk: unpacking the archives, listing and sizing the articles, and the
//! JSON lines the peers index.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, ensure};

/// Every `.txt` file under `dir`, sorted, with the sum of their sizes.
pub(crate) fn txt_files(dir: &Path) -> anyhow::Result<(Vec<PathBuf>, u64)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>, bytes: &mut u64) -> std::io::Result<()> {
        for entry in fs::read_dir(dir)? {
            let entry = entry?;
            let ft = entry.file_type()?;
            let path = entry.path();
            if ft.is_dir() {
                walk(&path, out, bytes)?;
            } else if path.extension().is_some_and(|e| e == "txt") {
                *bytes += entry.metadata()?.len();
                out.push(path);
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    let mut bytes = 0;
    walk(dir, &mut files, &mut bytes)?;
    files.sort();
    Ok((files, bytes))
}

/// Apparent size of everything under `path` (a file or a folder).
pub(crate) fn size_of(path: &Path) -> u64 {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return 0;
    };
    if !meta.is_dir() {
        return meta.len();
    }
    fs::read_dir(path)
        .map(|rd| rd.flatten().map(|e| size_of(&e.path())).sum())
        .unwrap_or(0)
}

/// Writes the articles as JSON lines `{"title","body","path"}`: the title is the first
/// line of the file, the body the rest.
pub(crate) fn write_jsonl(files: &[PathBuf], out: &Path) -> anyhow::Result<()> {
    let mut w = BufWriter::new(File::create(out)?);
    for f in files {
        let text = String::from_utf8_lossy(&fs::read(f)?).into_owned();
        let (title, body) = text.split_once('\n').unwrap_or((text.as_str(), ""));
        let line = serde_json::json!({
            "title": title.trim(),
            "body": body.trim(),
            "path": f.to_string_lossy(),
        });
        serde_json::to_writer(&mut w, &line)?;
        w.write_all(b"\n")?;
    }
    w.flush()?;
    Ok(())
}

pub(crate) fn unpack(archive: &Path, into: &Path) -> anyhow::Result<()> {
    // Decompressed here and piped to tar: tar's --zstd needs a zstd binary, which a fresh
    // machine may lack.
    let file = File::open(archive).with_context(|| format!("opening {}", archive.display()))?;
    let mut input: Box<dyn std::io::Read> = if archive.extension().is_some_and(|e| e == "zst") {
        Box::new(zstd::stream::read::Decoder::new(file)?)
    } else {
        Box::new(flate2::read::GzDecoder::new(file))
    };
    let mut tar = Command::new("tar")
        .arg("-xf")
        .arg("-")
        .arg("-C")
        .arg(into)
        .stdin(Stdio::piped())
        .spawn()
        .context("running tar")?;
    let copied = std::io::copy(&mut input, tar.stdin.as_mut().context("tar's input")?);
    drop(tar.stdin.take());
    let status = tar.wait()?;
    copied.with_context(|| format!("decompressing {}", archive.display()))?;
    ensure!(status.success(), "unpacking {} failed", archive.display());
    Ok(())
}

pub(crate) fn last_line(path: &Path) -> String {
    fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .to_owned()
}

/// The 1× corpus.
pub(crate) struct Corpus {
    pub(crate) dir: PathBuf,
    pub(crate) files: Vec<PathBuf>,
    pub(crate) articles: usize,
    pub(crate) bytes: u64,
}

impl Corpus {
    /// Unpacks the archives into `tmp/corpus` and lists the articles there.
    pub(crate) fn unpack(tmp: &Path, archives: &[PathBuf]) -> anyhow::Result<Corpus> {
        let corpus_dir = tmp.join("corpus");
        fs::create_dir_all(&corpus_dir)?;
        eprintln!("[corpus] unpacking into {}", corpus_dir.display());
        for a in archives {
            unpack(a, &corpus_dir)?;
        }
        let (files, bytes) = txt_files(&corpus_dir)?;
        Ok(Corpus {
            dir: corpus_dir,
            articles: files.len(),
            files,
            bytes,
        })
    }
}
