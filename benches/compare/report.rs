//! What the benchmark reports: the results as written to `benches/results/*.json`, the
//! machine's facts, the ratios newsq ÷ peer, and the printed tables.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde::Serialize;

use crate::options::{CorpusChoice, Options};
use crate::peers::version_of;

#[derive(Debug, Clone, Serialize)]
pub(crate) struct IndexResult {
    pub(crate) tool: String,
    pub(crate) command: String,
    pub(crate) articles: usize,
    pub(crate) corpus_bytes: u64,
    pub(crate) seconds: f64,
    /// CPU seconds (user and system) of the build of median wall time.
    pub(crate) cpu_seconds: f64,
    pub(crate) cpu_us_per_article: f64,
    pub(crate) articles_per_s: f64,
    pub(crate) mb_per_s: f64,
    pub(crate) peak_rss_mb: f64,
    pub(crate) index_bytes: u64,
    pub(crate) index_ratio: f64,
    /// Wall time of every build, in the order run (the reported one is their median).
    pub(crate) runs_s: Vec<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Latency {
    pub(crate) tool: String,
    /// "process" (one process per query) or "in-process" (a library call).
    pub(crate) mode: String,
    /// The command or call, for one example query.
    pub(crate) example: String,
    pub(crate) p50_ms: f64,
    pub(crate) p95_ms: f64,
    pub(crate) mean_ms: f64,
    pub(crate) max_ms: f64,
    pub(crate) queries: usize,
    /// Queries that printed or returned at least one hit (warm-up pass).
    pub(crate) answered: usize,
    /// Queries whose run failed (warm-up pass).
    pub(crate) failed: usize,
    pub(crate) timed_passes: usize,
}

#[derive(Debug, Serialize)]
pub(crate) struct ScaleResult {
    pub(crate) label: String,
    pub(crate) articles: usize,
    pub(crate) corpus_bytes: u64,
    pub(crate) generate_seconds: Option<f64>,
    pub(crate) generate_peak_rss_mb: Option<f64>,
    pub(crate) index: IndexResult,
    pub(crate) us_per_article: f64,
    pub(crate) reindex_noop_seconds: f64,
    pub(crate) process: Latency,
    pub(crate) in_process: Latency,
    /// `newsq timeline --json QUERY`, whole process.
    pub(crate) timeline: Latency,
    pub(crate) newsq_summary: String,
    pub(crate) reindex_summary: String,
}

#[derive(Debug, Serialize)]
pub(crate) struct Ratio {
    pub(crate) metric: String,
    pub(crate) peer: String,
    /// newsq ÷ peer.
    pub(crate) value: f64,
    /// Which side of 1 favours newsq.
    pub(crate) newsq_better_when: &'static str,
}

#[derive(Debug, Default, Serialize)]
pub(crate) struct Machine {
    pub(crate) hostname: String,
    pub(crate) cpu_model: String,
    pub(crate) cores: usize,
    pub(crate) ram_gib: f64,
    pub(crate) kernel: String,
    pub(crate) rustc: String,
    pub(crate) loadavg_at_start: String,
    /// Versions of newsq (with its git commit) and of the peers.
    pub(crate) tools: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
pub(crate) struct Report {
    pub(crate) date: String,
    pub(crate) started: String,
    pub(crate) machine: Machine,
    pub(crate) options: Options,
    pub(crate) corpus_articles: usize,
    pub(crate) corpus_bytes: u64,
    pub(crate) queries_file: String,
    pub(crate) queries: usize,
    pub(crate) indexing: Vec<IndexResult>,
    pub(crate) latency: Vec<Latency>,
    pub(crate) ratios: Vec<Ratio>,
    pub(crate) scaling: Vec<ScaleResult>,
    pub(crate) notes: Vec<String>,
    pub(crate) loadavg_at_end: String,
    pub(crate) total_seconds: f64,
}

// ---------------------------------------------------------------------------------------
// Machine facts

pub(crate) fn loadavg() -> String {
    fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .trim()
        .to_owned()
}

pub(crate) fn git_describe(root: &Path) -> String {
    Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["describe", "--always", "--dirty"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

pub(crate) fn machine(tools: BTreeMap<String, String>) -> Machine {
    let read = |p: &str| fs::read_to_string(p).unwrap_or_default();
    let cpuinfo = read("/proc/cpuinfo");
    let cpu_model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split_once(':'))
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_else(|| "unknown".into());
    let mem_kb: f64 = read("/proc/meminfo")
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    Machine {
        hostname: read("/proc/sys/kernel/hostname").trim().to_owned(),
        cpu_model,
        cores: std::thread::available_parallelism().map_or(0, |n| n.get()),
        ram_gib: mem_kb / (1024.0 * 1024.0),
        kernel: read("/proc/sys/kernel/osrelease").trim().to_owned(),
        rustc: version_of(Path::new("rustc"), "--version"),
        loadavg_at_start: loadavg(),
        tools,
    }
}

// ---------------------------------------------------------------------------------------
// Printing

pub(crate) fn print_indexing(rows: &[IndexResult]) {
    println!();
    println!("Indexing, 1× corpus (the build of median wall time; all builds' wall s)");
    println!();
    println!(
        "| tool | wall s | CPU s | CPU µs/article | articles/s | MB/s | peak RSS MB | index MB | index ÷ corpus | builds s |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for r in rows {
        let builds: Vec<String> = r.runs_s.iter().map(|s| format!("{s:.2}")).collect();
        println!(
            "| {} | {:.2} | {:.2} | {:.0} | {:.0} | {:.2} | {:.0} | {:.1} | {:.2} | {} |",
            r.tool,
            r.seconds,
            r.cpu_seconds,
            r.cpu_us_per_article,
            r.articles_per_s,
            r.mb_per_s,
            r.peak_rss_mb,
            r.index_bytes as f64 / 1e6,
            r.index_ratio,
            builds.join(", ")
        );
    }
}

pub(crate) fn print_latency(rows: &[Latency]) {
    println!();
    println!("Query latency, 1× corpus (ms; per-query median of the timed passes)");
    println!();
    println!("| tool | mode | p50 | p95 | mean | max | answered | failed |");
    println!("|---|---|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        println!(
            "| {} | {} | {:.2} | {:.2} | {:.2} | {:.1} | {}/{} | {} |",
            r.tool,
            r.mode,
            r.p50_ms,
            r.p95_ms,
            r.mean_ms,
            r.max_ms,
            r.answered,
            r.queries,
            r.failed
        );
    }
}

pub(crate) fn print_ratios(ratios: &[Ratio]) {
    if ratios.is_empty() {
        return;
    }
    let mut peers: Vec<&str> = Vec::new();
    let mut metrics: Vec<(&str, &str)> = Vec::new();
    for r in ratios {
        if !peers.contains(&r.peer.as_str()) {
            peers.push(&r.peer);
        }
        if !metrics.iter().any(|(m, _)| *m == r.metric) {
            metrics.push((&r.metric, r.newsq_better_when));
        }
    }
    println!();
    println!("newsq ÷ peer");
    println!();
    println!("| metric | newsq better when | {} |", peers.join(" | "));
    println!("|---|---|{}", "---:|".repeat(peers.len()));
    for (metric, better) in metrics {
        let cells: Vec<String> = peers
            .iter()
            .map(|p| {
                ratios
                    .iter()
                    .find(|r| r.metric == metric && r.peer == *p)
                    .map_or("–".to_owned(), |r| format!("{:.2}", r.value))
            })
            .collect();
        println!("| {metric} | {better} | {} |", cells.join(" | "));
    }
}

pub(crate) fn print_scaling(rows: &[ScaleResult]) {
    if rows.is_empty() {
        return;
    }
    println!();
    println!(
        "newsq scaling (query ms: process p50/p95, in-process p50/p95, timeline process p50/p95)"
    );
    println!();
    println!(
        "| corpus | articles | MB | index s | µs/article | peak RSS MB | index MB | index ÷ corpus | no-op re-index s | p50 | p95 | in-proc p50 | in-proc p95 | timeline p50 | timeline p95 |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in rows {
        println!(
            "| {} | {} | {:.1} | {:.1} | {:.0} | {:.0} | {:.1} | {:.2} | {:.2} | {:.1} | {:.1} | {:.2} | {:.2} | {:.1} | {:.1} |",
            r.label,
            r.articles,
            r.corpus_bytes as f64 / 1e6,
            r.index.seconds,
            r.us_per_article,
            r.index.peak_rss_mb,
            r.index.index_bytes as f64 / 1e6,
            r.index.index_ratio,
            r.reindex_noop_seconds,
            r.process.p50_ms,
            r.process.p95_ms,
            r.in_process.p50_ms,
            r.in_process.p95_ms,
            r.timeline.p50_ms,
            r.timeline.p95_ms
        );
    }
}

pub(crate) fn ratios(indexing: &[IndexResult], latency: &[Latency]) -> Vec<Ratio> {
    let mut out = Vec::new();
    let newsq_ix = indexing.iter().find(|r| r.tool == "newsq");
    let find_lat = |tool: &str, mode: &str| {
        latency
            .iter()
            .find(|l| l.tool == tool && l.mode == mode)
            .cloned()
    };
    if let Some(n) = newsq_ix {
        for p in indexing.iter().filter(|r| r.tool != "newsq") {
            let peer = p.tool.clone();
            let mut push = |metric: &str, value: f64, better: &'static str| {
                out.push(Ratio {
                    metric: metric.to_owned(),
                    peer: peer.clone(),
                    value,
                    newsq_better_when: better,
                })
            };
            push(
                "indexing articles/s",
                n.articles_per_s / p.articles_per_s,
                "> 1",
            );
            push(
                "indexing CPU per article",
                n.cpu_us_per_article / p.cpu_us_per_article,
                "< 1",
            );
            push(
                "index size",
                n.index_bytes as f64 / p.index_bytes as f64,
                "< 1",
            );
            push("peak RSS (indexing)", n.peak_rss_mb / p.peak_rss_mb, "< 1");
        }
    }
    for mode in ["process", "in-process"] {
        let Some(n) = find_lat("newsq", mode) else {
            continue;
        };
        for p in latency
            .iter()
            .filter(|l| l.tool != "newsq" && l.mode == mode)
        {
            // A peer's query tool may differ in name from its indexer (sqlite3 vs FTS5).
            let peer = match p.tool.as_str() {
                "sqlite3 CLI" | "FTS5 (rusqlite)" => "SQLite FTS5".to_owned(),
                other => other.to_owned(),
            };
            for (metric, a, b) in [
                (format!("query p50 ({mode})"), n.p50_ms, p.p50_ms),
                (format!("query p95 ({mode})"), n.p95_ms, p.p95_ms),
            ] {
                out.push(Ratio {
                    metric,
                    peer: peer.clone(),
                    value: a / b,
                    newsq_better_when: "< 1",
                });
            }
        }
    }
    // Group by metric for a stable table order.
    let order = [
        "indexing articles/s",
        "indexing CPU per article",
        "query p50 (process)",
        "query p95 (process)",
        "query p50 (in-process)",
        "query p95 (in-process)",
        "index size",
        "peak RSS (indexing)",
    ];
    out.sort_by_key(|r| order.iter().position(|m| *m == r.metric).unwrap_or(99));
    out
}

/// Where the report is written, rewritten after each stage.
pub(crate) struct ResultsFile {
    pub(crate) path: PathBuf,
    pub(crate) started: Instant,
}

impl ResultsFile {
    /// `benches/results/<date>-<host>.json` (`…-fin.json` for the Reuters business corpus).
    pub(crate) fn new(
        root: &Path,
        corpus: CorpusChoice,
        date: &str,
        machine: &Machine,
        started: Instant,
    ) -> anyhow::Result<ResultsFile> {
        let results_dir = root.join("benches/results");
        fs::create_dir_all(&results_dir)?;
        let host = match machine.hostname.as_str() {
            "" => "unknown",
            h => h,
        };
        let path = results_dir.join(match corpus {
            CorpusChoice::News => format!("{date}-{host}.json"),
            CorpusChoice::ReutersFin => format!("{date}-{host}-fin.json"),
        });
        Ok(ResultsFile { path, started })
    }

    /// Writes the report as it stands, with the time taken so far.
    pub(crate) fn save(&self, report: &mut Report) -> anyhow::Result<()> {
        report.total_seconds = self.started.elapsed().as_secs_f64();
        report.loadavg_at_end = loadavg();
        fs::write(&self.path, serde_json::to_string_pretty(report)? + "\n")?;
        Ok(())
    }
}
