//! The other tools: tantivy-cli, SQLite FTS5 (built through rusqlite in a child process,
//! queried by the `sqlite3` command line and in-process) and a ripgrep chain; finding or
//! installing them, indexing the 1× corpus with each, and their query latency.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, ensure};

use crate::Bench;
use crate::corpus::{Corpus, size_of, write_jsonl};
use crate::measure::{in_process_latency, index_result, median_run, process_latency};
use crate::queries::sql_quote;
use crate::report::{IndexResult, Latency, Report};

/// The hidden sub-command that builds the FTS5 database in a child process.
pub(crate) const FTS5_BUILD: &str = "__fts5-build";

/// tantivy-cli's index description (tantivy 0.24 `meta.json`), written by hand because
/// `tantivy new` asks for the schema interactively.
const TANTIVY_META: &str = r#"{"index_settings":{"docstore_compression":"lz4","docstore_blocksize":16384},"segments":[],"schema":[{"name":"title","type":"text","options":{"indexing":{"record":"position","fieldnorms":true,"tokenizer":"default"},"stored":true,"fast":false}},{"name":"body","type":"text","options":{"indexing":{"record":"position","fieldnorms":true,"tokenizer":"default"},"stored":true,"fast":false}},{"name":"path","type":"text","options":{"indexing":null,"stored":true,"fast":false}}],"opstamp":0}"#;

/// [`TANTIVY_META`] with title and body stemmed by tantivy's English stemmer.
const TANTIVY_META_STEM: &str = r#"{"index_settings":{"docstore_compression":"lz4","docstore_blocksize":16384},"segments":[],"schema":[{"name":"title","type":"text","options":{"indexing":{"record":"position","fieldnorms":true,"tokenizer":"en_stem"},"stored":true,"fast":false}},{"name":"body","type":"text","options":{"indexing":{"record":"position","fieldnorms":true,"tokenizer":"en_stem"},"stored":true,"fast":false}},{"name":"path","type":"text","options":{"indexing":null,"stored":true,"fast":false}}],"opstamp":0}"#;

const FTS5_SCHEMA: &str =
    "CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, title, body, tokenize='porter')";

const FTS5_QUERY: &str = "SELECT path, snippet(docs, 2, '[', ']', '…', 20) FROM docs \
                          WHERE docs MATCH ?1 ORDER BY bm25(docs) LIMIT 10";

pub(crate) fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    })
}

pub(crate) fn version_of(program: &Path, arg: &str) -> String {
    Command::new(program)
        .arg(arg)
        .output()
        .ok()
        .map(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .next()
                .unwrap_or("")
                .trim()
                .to_owned()
        })
        .unwrap_or_default()
}

/// `target/bench-tools/bin/NAME`, installed with `cargo install` when missing.
fn bench_tool(
    tools: &Path,
    bin: &str,
    krate: &str,
    version: Option<&str>,
) -> anyhow::Result<PathBuf> {
    let path = tools.join("bin").join(bin);
    if path.is_file() {
        return Ok(path);
    }
    eprintln!(
        "installing {krate} into {} (once; a few minutes)",
        tools.display()
    );
    let mut cmd = cargo();
    // No --locked: tantivy-cli's old lock file does not build on current Rust.
    cmd.arg("install").arg(krate).arg("--root").arg(tools);
    if let Some(v) = version {
        cmd.arg("--version").arg(v);
    }
    let status = cmd.status().context("running cargo install")?;
    ensure!(
        status.success() && path.is_file(),
        "cargo install {krate} failed"
    );
    Ok(path)
}

// ---------------------------------------------------------------------------------------
// FTS5

/// The child process: builds `db` from the JSON lines in one transaction.
pub(crate) fn fts5_build(db: &Path, jsonl: &Path) -> anyhow::Result<()> {
    #[derive(serde::Deserialize)]
    struct Doc {
        title: String,
        body: String,
        path: String,
    }
    let mut conn = rusqlite::Connection::open(db)?;
    conn.execute_batch(FTS5_SCHEMA)?;
    let tx = conn.transaction()?;
    {
        let mut insert = tx.prepare("INSERT INTO docs(path, title, body) VALUES (?1, ?2, ?3)")?;
        for line in BufReader::new(File::open(jsonl)?).lines() {
            let doc: Doc = serde_json::from_str(&line?)?;
            insert.execute((&doc.path, &doc.title, &doc.body))?;
        }
    }
    tx.commit()?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The peers

/// The peers' programs found or installed (`None`: unavailable, noted in the report).
#[derive(Default)]
pub(crate) struct Peers {
    tantivy: Option<PathBuf>,
    rg: Option<PathBuf>,
    sqlite3: Option<PathBuf>,
}

impl Peers {
    /// Finds the peers, installing tantivy-cli (and ripgrep when `rg` is not on `PATH`)
    /// into `tools` on first use.
    pub(crate) fn find(
        tools: &Path,
        versions: &mut BTreeMap<String, String>,
        notes: &mut Vec<String>,
    ) -> Peers {
        let mut peers = Peers::default();
        match bench_tool(tools, "tantivy", "tantivy-cli", Some("0.24.*")) {
            Ok(p) => {
                versions.insert("tantivy-cli".into(), version_of(&p, "--version"));
                peers.tantivy = Some(p);
            }
            Err(e) => notes.push(format!("tantivy-cli unavailable: {e:#}")),
        }
        let rg = match on_path("rg") {
            Some(p) => Ok(p),
            None => bench_tool(tools, "rg", "ripgrep", None),
        };
        match rg {
            Ok(p) => {
                versions.insert("ripgrep".into(), version_of(&p, "--version"));
                peers.rg = Some(p);
            }
            Err(e) => notes.push(format!("ripgrep unavailable: {e:#}")),
        }
        match on_path("sqlite3") {
            Some(p) => {
                versions.insert("sqlite3 CLI".into(), version_of(&p, "--version"));
                peers.sqlite3 = Some(p);
            }
            None => notes.push("sqlite3 command line absent: its latency is not measured".into()),
        }
        versions.insert(
            "SQLite (rusqlite, bundled)".into(),
            rusqlite::version().to_owned(),
        );
        peers
    }
}

impl Bench {
    /// Indexes and queries the 1× corpus with every available peer. A peer that fails is
    /// noted in the report and the others go on.
    pub(crate) fn peers(
        &self,
        peers: &Peers,
        base: &Corpus,
        report: &mut Report,
    ) -> anyhow::Result<()> {
        let jsonl = self.tmp.path().join("docs.jsonl");
        write_jsonl(&base.files, &jsonl)?;
        if let Some(tantivy) = &peers.tantivy {
            eprintln!("[1×] tantivy-cli");
            match self.tantivy(tantivy, base, &jsonl) {
                Ok((ix, lat)) => {
                    report.indexing.push(ix);
                    report.latency.push(lat);
                }
                Err(e) => report.notes.push(format!("tantivy-cli failed: {e:#}")),
            }
            // Stemmed as newsq stems, on one thread (its CPU is the cost of the work) and
            // on two (this machine's cores, as newsq runs): indexing only.
            for threads in [1, 2] {
                let tool = format!("tantivy-cli en_stem -t {threads}");
                eprintln!("[1×] {tool}");
                match self.tantivy_index(tantivy, base, &jsonl, &tool, TANTIVY_META_STEM, threads) {
                    Ok(ix) => report.indexing.push(ix),
                    Err(e) => report.notes.push(format!("{tool} failed: {e:#}")),
                }
            }
        }
        eprintln!("[1×] SQLite FTS5");
        match self.fts5(peers.sqlite3.as_deref(), base, &jsonl) {
            Ok((ix, lat)) => {
                report.indexing.push(ix);
                report.latency.extend(lat);
            }
            Err(e) => report.notes.push(format!("SQLite FTS5 failed: {e:#}")),
        }
        if let Some(rg) = &peers.rg {
            eprintln!("[1×] ripgrep chain");
            match self.rg(rg, base) {
                Ok(lat) => report.latency.push(lat),
                Err(e) => report.notes.push(format!("ripgrep failed: {e:#}")),
            }
        }
        let _ = fs::remove_file(&jsonl);
        Ok(())
    }

    /// `tantivy index` from the JSON lines into a fresh folder with `meta` (threads:
    /// tantivy-cli's default when `None`).
    fn tantivy_index(
        &self,
        bin: &Path,
        base: &Corpus,
        jsonl: &Path,
        tool: &str,
        meta: &str,
        threads: impl Into<Option<usize>>,
    ) -> anyhow::Result<IndexResult> {
        let threads = threads.into();
        let dir = self.tmp.path().join("tantivy");
        let (run, cmd, walls) = median_run(self.opts.index_runs, || {
            if dir.exists() {
                fs::remove_dir_all(&dir)?;
            }
            fs::create_dir_all(&dir)?;
            fs::write(dir.join("meta.json"), meta)?;
            let mut cmd = Command::new(bin);
            cmd.arg("index").arg("-i").arg(&dir);
            if let Some(t) = threads {
                cmd.arg("-t").arg(t.to_string());
            }
            cmd.stdin(File::open(jsonl)?)
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            Ok(cmd)
        })?;
        ensure!(run.code == 0, "tantivy index failed (exit {})", run.code);
        let mut ix = index_result(tool, &cmd, base.articles, base.bytes, &run, size_of(&dir));
        ix.runs_s = walls;
        Ok(ix)
    }

    /// `tantivy index` from the JSON lines, then `tantivy search` per query.
    fn tantivy(
        &self,
        bin: &Path,
        base: &Corpus,
        jsonl: &Path,
    ) -> anyhow::Result<(IndexResult, Latency)> {
        let dir = self.tmp.path().join("tantivy");
        let ix = self.tantivy_index(bin, base, jsonl, "tantivy-cli", TANTIVY_META, None)?;
        let lat = process_latency(
            "tantivy-cli",
            &self.queries,
            self.opts.passes,
            |q| {
                let mut c = Command::new(bin);
                c.arg("search")
                    .arg("-i")
                    .arg(&dir)
                    .arg("-q")
                    .arg(q.tantivy());
                c
            },
            |code| code == 0,
        )?;
        Ok((ix, lat))
    }

    /// The FTS5 database built by a child process (this program again), then queried by
    /// the `sqlite3` command line and in-process through rusqlite.
    fn fts5(
        &self,
        sqlite3: Option<&Path>,
        base: &Corpus,
        jsonl: &Path,
    ) -> anyhow::Result<(IndexResult, Vec<Latency>)> {
        let db = self.tmp.path().join("fts5.db");
        let (run, cmd, walls) = median_run(self.opts.index_runs, || {
            if db.exists() {
                fs::remove_file(&db)?;
            }
            let mut cmd = Command::new(&self.exe);
            cmd.arg(FTS5_BUILD)
                .arg(&db)
                .arg(jsonl)
                .stdin(Stdio::null())
                .stdout(Stdio::null());
            Ok(cmd)
        })?;
        ensure!(run.code == 0, "FTS5 build failed (exit {})", run.code);
        let mut ix = index_result(
            "SQLite FTS5",
            &cmd,
            base.articles,
            base.bytes,
            &run,
            size_of(&db),
        );
        ix.command = format!(
            "rusqlite (SQLite {}), child process: {FTS5_SCHEMA}; INSERT in one transaction",
            rusqlite::version()
        );
        ix.runs_s = walls;
        let mut lat = Vec::new();
        if let Some(sqlite3) = sqlite3 {
            lat.push(process_latency(
                "sqlite3 CLI",
                &self.queries,
                self.opts.passes,
                |q| {
                    let sql = FTS5_QUERY.replace("?1", &sql_quote(&q.fts5()));
                    let mut c = Command::new(sqlite3);
                    c.arg(&db).arg(sql);
                    c
                },
                |code| code == 0,
            )?);
        }
        let conn =
            rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let mut stmt = conn.prepare(FTS5_QUERY)?;
        lat.push(in_process_latency(
            "FTS5 (rusqlite)",
            FTS5_QUERY,
            &self.queries,
            self.opts.in_process_passes,
            |q| {
                let rows = stmt
                    .query_map([q.fts5()], |r| {
                        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                    })?
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(!rows.is_empty())
            },
        )?);
        Ok((ix, lat))
    }

    /// The ripgrep chain per query, over the corpus files.
    fn rg(&self, rg: &Path, base: &Corpus) -> anyhow::Result<Latency> {
        process_latency(
            "rg chain",
            &self.queries,
            self.opts.passes,
            |q| {
                let mut c = Command::new("sh");
                c.arg("-c").arg(q.rg_pipeline(rg, &base.dir));
                c
            },
            // rg: 1 = no match; xargs: 123 = a run exited 1.
            |code| matches!(code, 0 | 1 | 123),
        )
    }
}
