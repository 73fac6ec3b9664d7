//! newsq against its peers, on one corpus and one query list, in one command:
//!
//!     cargo bench --features bench --bench compare                       # 1×, 4×, 100k and 16×, with peers
//!     cargo bench --features bench --bench compare -- --quick --scale 1  # a quick check at 1×
//!     cargo bench --features bench --bench compare -- --million          # ... and the 1M-article corpus too
//!     cargo bench --features bench --bench compare -- --corpus fin       # on 105k real Reuters business stories
//!
//! The `bench` feature brings in rusqlite (with SQLite's C source bundled), which only this
//! benchmark uses: without it cargo says the target requires the feature.
//!
//! Options (after `--`, or from the environment):
//!
//! | argument | environment | meaning |
//! |---|---|---|
//! | `--corpus NAME` | `NEWSQ_BENCH_CORPUS=NAME` | the real corpus and queries the tools are compared on: `news` (default: Reuters-21578 and BBC, `queries-news.txt`) or `fin` (`news-reuters-fin.tar.zst`, 105,360 Reuters business stories, 322 MB, with `queries-reuters-fin.txt`; the scaling table is then that corpus alone unless `--scale` gives article counts, and results go to `…-fin.json`) |
//! | `--quick` | `NEWSQ_BENCH_QUICK=1` | one timed pass over the queries instead of three |
//! | `--scale LIST` | `NEWSQ_BENCH_SCALE=LIST` | corpora for the scaling table, comma-separated: factors of the 1× corpus (`1`, `4`, `16`) or article counts (`100k`, `250000`, `1m`); default `1,4,100k,16` |
//! | `--million` | `NEWSQ_BENCH_MILLION=1` | add the 1,000,000-article corpus to the scaling table |
//! | `--skip-peers` | `NEWSQ_BENCH_SKIP_PEERS=1` | measure newsq only (no tantivy-cli, SQLite FTS5, ripgrep) |
//!
//! Corpora live in a temporary folder (set `TMPDIR` to move it; the 1M corpus and its index
//! take a few GB). Needs `../shared/data/news-reuters21578.tar.gz`, `news-bbc.tar.gz` and
//! `queries-news.txt` (with `--corpus fin`: `news-reuters-fin.tar.zst` and
//! `queries-reuters-fin.txt`); prints `skipping: ... absent` and exits 0 without them.
//!
//! # What is measured
//!
//! The **1× corpus** is Reuters-21578 and BBC unpacked (23,066 articles, ~23 MB), or with
//! `--corpus fin` the Reuters business stories (everything below then runs on them, with
//! their 200 queries); the
//! queries are the 200 lines of `queries-news.txt` (words, 2–3 word queries, quoted
//! phrases), every word required for every tool.
//!
//! *Indexing* (1×): wall time, articles/s, MB/s (corpus bytes), peak RSS of the indexing
//! process (`wait4` rusage), index size ÷ corpus size — each tool builds its index three
//! times from nothing (once with `--quick`) and the run of median wall time is reported —
//! for
//! - `newsq --index DIR index CORPUS` (reading, decoding and cleaning included);
//! - `tantivy index -i DIR` (tantivy-cli 0.24, defaults: 1 indexing thread, 1 GB budget)
//!   reading JSON lines `{"title","body","path"}` on standard input; its `meta.json` is
//!   written here (title and body: text, stored, default tokenizer, positions; path:
//!   stored). tantivy-cli is installed into `target/bench-tools` when missing;
//! - SQLite FTS5 through rusqlite (bundled SQLite), in a child process (this binary
//!   re-executed) so its RSS is its own: `fts5(path UNINDEXED, title, body,
//!   tokenize='porter')`, every article inserted in one transaction, from the same JSON
//!   lines. The JSON lines are written beforehand, untimed, so both peers skip walking and
//!   splitting the files that newsq's time includes.
//!
//! *Query latency* as a user sees it: one process per query, output to `/dev/null`; a
//! warm-up pass (not timed; it also counts the queries that print anything), then
//! timed passes (3, or 1 with `--quick`). Each query's latency is the median of its passes;
//! p50 and p95 are over the queries.
//! - `newsq search QUERY` (top 10, passages, copies folded: the default output);
//! - `tantivy search -i DIR -q '+"w1" +"w2"'` (tantivy-cli prints *every* match as JSON,
//!   unranked; it has no limit);
//! - `sqlite3 DB "SELECT path, snippet(docs, 2, '[', ']', '…', 20) FROM docs WHERE docs
//!   MATCH '\"w1\" \"w2\"' ORDER BY bm25(docs) LIMIT 10"`;
//! - `rg -l -0 -i -F W1 CORPUS | xargs -0 -r rg -l -0 -i -F W2 | ...` (ripgrep: substring
//!   matches, a phrase is one fixed string within a line; installed into
//!   `target/bench-tools` when `rg` is missing).
//!
//! In-process latency (same warm-up, 5 timed passes or 2): newsq's library
//! (`Index::open` once, then `Index::parse` and `search::run` with top 10, two
//! passages, stored fields, relevance, copies folded) and FTS5 through rusqlite (the same
//! SQL as above, rows read).
//!
//! *Scaling* (newsq only): for each corpus of `--scale`, index wall time, µs per article,
//! peak RSS, index size, a no-op re-index (`newsq index` again on the unchanged corpus),
//! query latency p50/p95 (process and in-process), and the latency of `newsq timeline
//! --json QUERY` (whole process, copies folded, over the same queries). The 100k corpus answers "does a no-op
//! re-run over 100,000 files take under 2 s?". Corpora other than 1× are generated by
//! `examples/gen_corpus.rs` (real titles and paragraphs recombined, seed 42; its time and
//! peak RSS are recorded too) and deleted after use; the page cache is warm (the files were
//! just written).
//!
//! Prints the tables, the ratios newsq ÷ peer, and writes everything with the machine's
//! facts to `benches/results/<YYYY-MM-DD>-<hostname>.json` (rewritten after each stage).

mod corpus;
mod measure;
mod newsq_runs;
mod options;
mod peers;
mod queries;
mod report;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::ensure;

use crate::corpus::Corpus;
use crate::options::{Options, Scale, parse_options};
use crate::peers::{FTS5_BUILD, Peers, cargo, fts5_build, version_of};
use crate::queries::{Query, load_queries};
use crate::report::{
    Report, ResultsFile, git_describe, machine, print_indexing, print_latency, print_ratios,
    print_scaling, ratios,
};

/// What the stages of a run share: the programs measured, the temporary folder, the
/// options and the queries.
struct Bench {
    root: PathBuf,
    /// This program, re-executed to build the FTS5 database.
    exe: PathBuf,
    tmp: tempfile::TempDir,
    newsq: PathBuf,
    gen_corpus: PathBuf,
    opts: Options,
    queries: Vec<Query>,
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some(FTS5_BUILD) {
        ensure!(args.len() == 4, "usage: {FTS5_BUILD} DB JSONL");
        return fts5_build(Path::new(&args[2]), Path::new(&args[3]));
    }
    let opts = parse_options()?;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/data");
    let (archives, queries_file) = opts.corpus.files(&shared);
    for p in archives.iter().chain([&queries_file]) {
        if !p.is_file() {
            println!("skipping: {} absent", p.display());
            return Ok(());
        }
    }
    let started = Instant::now();
    let started_at = jiff::Zoned::now();
    // The bench binary lives in target/release/deps: the target folder is two levels up.
    let exe = std::env::current_exe()?;
    let target = exe
        .ancestors()
        .nth(3)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| root.join("target"));
    let tools_dir = target.join("bench-tools");
    let (newsq_bin, gen_corpus) = build(&root, &target, &opts)?;

    let queries = load_queries(&queries_file)?;
    ensure!(
        !queries.is_empty(),
        "no queries in {}",
        queries_file.display()
    );

    let tmp = tempfile::Builder::new().prefix("newsq-bench-").tempdir()?;
    let base = Corpus::unpack(tmp.path(), &archives)?;
    eprintln!(
        "  {} articles, {:.1} MB; {} queries",
        base.articles,
        base.bytes as f64 / 1e6,
        queries.len()
    );

    let mut notes = Vec::new();
    let mut versions = BTreeMap::new();
    versions.insert("newsq".into(), version_of(&newsq_bin, "--version"));
    versions.insert("newsq git".into(), git_describe(&root));
    let peers = if opts.skip_peers {
        Peers::default()
    } else {
        Peers::find(&tools_dir, &mut versions, &mut notes)
    };
    for n in &notes {
        eprintln!("  note: {n}");
    }

    let date = started_at.date().to_string();
    let machine = machine(versions);
    let results = ResultsFile::new(&root, opts.corpus, &date, &machine, started)?;
    let bench = Bench {
        root,
        exe,
        tmp,
        newsq: newsq_bin,
        gen_corpus,
        opts,
        queries,
    };
    let mut report = Report {
        date,
        started: started_at.timestamp().to_string(),
        machine,
        options: bench.opts.clone(),
        corpus_articles: base.articles,
        corpus_bytes: base.bytes,
        queries_file: queries_file.display().to_string(),
        queries: bench.queries.len(),
        indexing: Vec::new(),
        latency: Vec::new(),
        ratios: Vec::new(),
        scaling: Vec::new(),
        notes,
        loadavg_at_end: String::new(),
        total_seconds: 0.0,
    };
    run(&bench, &base, &peers, &mut report, &results)?;
    for n in &report.notes {
        println!("note: {n}");
    }
    println!();
    println!(
        "total {:.0} s; results in {}",
        report.total_seconds,
        results
            .path
            .strip_prefix(&bench.root)
            .unwrap_or(&results.path)
            .display()
    );
    Ok(())
}

/// `cargo build --release` of newsq, and of `gen_corpus` when the scaling table needs
/// generated corpora; returns the paths of the two programs.
fn build(root: &Path, target: &Path, opts: &Options) -> anyhow::Result<(PathBuf, PathBuf)> {
    let needs_gen = opts.scale_list.iter().any(|s| *s != Scale::Factor(1));
    eprintln!(
        "[build] cargo build --release (newsq{})",
        if needs_gen { ", gen_corpus" } else { "" }
    );
    let mut build = cargo();
    build
        .current_dir(root)
        .args(["build", "--release", "--bin", "newsq"]);
    if needs_gen {
        build.args(["--example", "gen_corpus"]);
    }
    ensure!(build.status()?.success(), "cargo build --release failed");
    Ok((
        target.join("release/newsq"),
        target.join("release/examples/gen_corpus"),
    ))
}

/// The stages, each saved to the results file as it ends: newsq at 1×, the peers and
/// the 1× tables, then the other corpora of the scaling table.
fn run(
    bench: &Bench,
    base: &Corpus,
    peers: &Peers,
    report: &mut Report,
    results: &ResultsFile,
) -> anyhow::Result<()> {
    // newsq at 1×: the peers' reference and the first row of the scaling table.
    let wants_1x = bench.opts.scale_list.contains(&Scale::Factor(1));
    if wants_1x || !bench.opts.skip_peers {
        eprintln!("[1×] newsq");
        let row = bench.scale(Scale::Factor(1), base)?;
        report.indexing.push(row.index.clone());
        report.latency.push(row.process.clone());
        report.latency.push(row.in_process.clone());
        if wants_1x {
            report.scaling.push(row);
        }
        results.save(report)?;
    }
    if !bench.opts.skip_peers {
        bench.peers(peers, base, report)?;
        report.ratios = ratios(&report.indexing, &report.latency);
        results.save(report)?;
    }
    if !report.indexing.is_empty() {
        print_indexing(&report.indexing);
        print_latency(&report.latency);
        print_ratios(&report.ratios);
    }

    // The other corpora of the scaling table, smallest first.
    let mut rest: Vec<Scale> = bench
        .opts
        .scale_list
        .iter()
        .copied()
        .filter(|s| *s != Scale::Factor(1))
        .collect();
    rest.sort_by_key(|s| s.articles(base.articles));
    rest.dedup();
    for s in rest {
        let row = bench.scale(s, base)?;
        report.scaling.push(row);
        results.save(report)?;
    }
    print_scaling(&report.scaling);
    results.save(report)
}
