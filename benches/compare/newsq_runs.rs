//! newsq itself: its index builds, its no-op re-index, its query latency as a process
//! and as a library call, and the generated corpora of the scaling table.

use std::fs::{self, File};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use anyhow::ensure;
use newsq::search::{self, Filters, SearchOptions, Sort};

use crate::Bench;
use crate::corpus::{Corpus, last_line, size_of, txt_files};
use crate::measure::{in_process_latency, index_result, median_run, process_latency, run_measured};
use crate::options::Scale;
use crate::report::{IndexResult, Latency, ScaleResult};

/// The seed of every generated corpus.
const SEED: u64 = 42;

impl Bench {
    /// `newsq --index DIR index CORPUS`, built `runs` times from nothing and measured;
    /// returns the median run's result and the last run's summary line.
    fn newsq_index(
        &self,
        corpus: &Path,
        articles: usize,
        bytes: u64,
        index: &Path,
        runs: usize,
    ) -> anyhow::Result<(IndexResult, String)> {
        let log = self.tmp.path().join("newsq-index.log");
        let (run, cmd, walls) = median_run(runs, || {
            if index.exists() {
                fs::remove_dir_all(index)?;
            }
            let mut cmd = Command::new(&self.newsq);
            cmd.arg("--index")
                .arg(index)
                .arg("index")
                .arg(corpus)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(File::create(&log)?);
            Ok(cmd)
        })?;
        let summary = last_line(&log);
        ensure!(
            run.code == 0,
            "newsq index failed (exit {}): {summary}",
            run.code
        );
        let mut result = index_result("newsq", &cmd, articles, bytes, &run, size_of(index));
        result.runs_s = walls;
        Ok((result, summary))
    }

    fn newsq_search_latency(&self, index: &Path) -> anyhow::Result<Latency> {
        process_latency(
            "newsq",
            &self.queries,
            self.opts.passes,
            |q| {
                let mut c = Command::new(&self.newsq);
                c.arg("--index").arg(index).arg("search").arg(&q.raw);
                c
            },
            |code| code == 0 || code == 1,
        )
    }

    /// `newsq timeline --json QUERY` for every query: stories per period with copies
    /// folded, read from fast fields (whole process).
    fn newsq_timeline_latency(&self, index: &Path) -> anyhow::Result<Latency> {
        process_latency(
            "newsq timeline",
            &self.queries,
            self.opts.passes,
            |q| {
                let mut c = Command::new(&self.newsq);
                c.arg("--index")
                    .arg(index)
                    .arg("timeline")
                    .arg("--json")
                    .arg(&q.raw);
                c
            },
            |code| code == 0 || code == 1,
        )
    }

    fn newsq_in_process(&self, index: &Path) -> anyhow::Result<Latency> {
        let opened = newsq::index::open(index)?;
        let filters = Filters::default();
        let opts = SearchOptions {
            limit: Some(10),
            offset: 0,
            passages: 2,
            stored: true,
            sort: Sort::Relevance,
            collapse: true,
            // As the human listing runs it (the figures were measured so).
            fallback: true,
        };
        in_process_latency(
            "newsq",
            "newsq::search::run (top 10, 2 passages, stored, relevance, collapse)",
            &self.queries,
            self.opts.in_process_passes,
            |q| {
                let parsed = opened.parse(&q.raw, false, &filters)?;
                let results = search::run(&opened, &parsed, opts)?;
                Ok(!results.hits.is_empty())
            },
        )
    }

    /// One row of the scaling table.
    pub(crate) fn scale(&self, scale: Scale, base: &Corpus) -> anyhow::Result<ScaleResult> {
        let label = scale.label();
        let mut generate = None;
        let corpus = if scale == Scale::Factor(1) {
            base.dir.clone()
        } else {
            let dir = self.tmp.path().join(format!("corpus-{}", scale.tag()));
            let n = scale.articles(base.articles);
            eprintln!("[scale {label}] generating {n} articles");
            let log = self.tmp.path().join("gen_corpus.log");
            let mut cmd = Command::new(&self.gen_corpus);
            cmd.arg("--out")
                .arg(&dir)
                .arg("--articles")
                .arg(n.to_string())
                .arg("--seed")
                .arg(SEED.to_string())
                .stdin(Stdio::null())
                .stdout(File::create(&log)?);
            let run = run_measured(&mut cmd)?;
            ensure!(run.code == 0, "gen_corpus failed (exit {})", run.code);
            eprintln!(
                "  {} (peak RSS {} MB)",
                last_line(&log),
                run.max_rss_kb / 1024
            );
            generate = Some((run.wall.as_secs_f64(), run.max_rss_kb as f64 / 1024.0));
            dir
        };
        let (files, bytes) = txt_files(&corpus)?;
        let articles = files.len();
        drop(files);
        let index = self.tmp.path().join(format!("newsq-{}", scale.tag()));
        eprintln!("[scale {label}] newsq index: {articles} articles, {bytes} bytes");
        // Repeated at 1× only, where the peers are compared: larger corpora take minutes.
        let runs = if scale == Scale::Factor(1) {
            self.opts.index_runs
        } else {
            1
        };
        let (result, summary) = self.newsq_index(&corpus, articles, bytes, &index, runs)?;
        eprintln!("  {summary}");
        let log = self.tmp.path().join("newsq-reindex.log");
        let start = Instant::now();
        let status = Command::new(&self.newsq)
            .arg("--index")
            .arg(&index)
            .arg("index")
            .arg(&corpus)
            .stdout(Stdio::null())
            .stderr(File::create(&log)?)
            .status()?;
        let reindex = start.elapsed().as_secs_f64();
        ensure!(
            status.success(),
            "newsq re-index failed: {}",
            last_line(&log)
        );
        let reindex_summary = last_line(&log);
        eprintln!("  no-op re-index: {reindex:.2} s ({reindex_summary})");
        let process = self.newsq_search_latency(&index)?;
        let in_process = self.newsq_in_process(&index)?;
        let timeline = self.newsq_timeline_latency(&index)?;
        if scale != Scale::Factor(1) {
            let _ = fs::remove_dir_all(&corpus);
            let _ = fs::remove_dir_all(&index);
        }
        Ok(ScaleResult {
            label,
            articles,
            corpus_bytes: bytes,
            generate_seconds: generate.map(|g| g.0),
            generate_peak_rss_mb: generate.map(|g| g.1),
            us_per_article: result.seconds * 1e6 / articles.max(1) as f64,
            index: result,
            reindex_noop_seconds: reindex,
            process,
            in_process,
            timeline,
            newsq_summary: summary,
            reindex_summary,
        })
    }
}
