//! Running and measuring: a child's wall time and peak RSS (`wait4`), per-query latency
//! over timed passes, percentiles, and the median of repeated index builds.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, ensure};

use crate::queries::Query;
use crate::report::{IndexResult, Latency};

/// What a measured child process did.
pub(crate) struct Run {
    pub(crate) wall: Duration,
    pub(crate) code: i32,
    pub(crate) max_rss_kb: u64,
    /// User and system CPU time of the child and the threads it ran.
    pub(crate) cpu: Duration,
}

/// Runs `cmd` to completion and reads its own resource usage with `wait4`.
pub(crate) fn run_measured(cmd: &mut Command) -> anyhow::Result<Run> {
    let start = Instant::now();
    let child = cmd
        .spawn()
        .with_context(|| format!("starting {:?}", cmd.get_program()))?;
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data; wait4 fills it and the status for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    ensure!(
        r == pid,
        "wait4 failed: {}",
        std::io::Error::last_os_error()
    );
    // The child has been reaped; `child` only holds closed handles now.
    drop(child);
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    };
    Ok(Run {
        wall,
        code,
        max_rss_kb: usage.ru_maxrss as u64,
        cpu: timeval(usage.ru_utime) + timeval(usage.ru_stime),
    })
}

fn timeval(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = (p * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted[rank.min(sorted.len()) - 1]
}

pub(crate) fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    percentile(v, 0.5)
}

/// Per-query median over passes, then percentiles over queries.
fn summarize(
    tool: &str,
    mode: &str,
    example: String,
    times: Vec<Vec<f64>>,
    answered: usize,
    failed: usize,
    passes: usize,
) -> Latency {
    let mut per_query: Vec<f64> = times.into_iter().map(|mut t| median(&mut t)).collect();
    per_query.sort_by(f64::total_cmp);
    let n = per_query.len();
    Latency {
        tool: tool.to_owned(),
        mode: mode.to_owned(),
        example,
        p50_ms: percentile(&per_query, 0.50),
        p95_ms: percentile(&per_query, 0.95),
        mean_ms: per_query.iter().sum::<f64>() / n.max(1) as f64,
        max_ms: per_query.last().copied().unwrap_or(f64::NAN),
        queries: n,
        answered,
        failed,
        timed_passes: passes,
    }
}

/// Whole-process latency: `make` builds the command for a query; `ok` says which exit
/// codes are normal for the tool.
pub(crate) fn process_latency(
    tool: &str,
    queries: &[Query],
    passes: usize,
    make: impl Fn(&Query) -> Command,
    ok: impl Fn(i32) -> bool,
) -> anyhow::Result<Latency> {
    eprintln!(
        "  {tool}: {} queries, warm-up + {passes} timed passes",
        queries.len()
    );
    let example = format!("{:?}", make(&queries[0]));
    let (mut answered, mut failed) = (0, 0);
    for q in queries {
        let out = make(q).stdin(Stdio::null()).output()?;
        let code = out.status.code().unwrap_or(-1);
        if !ok(code) {
            if failed == 0 {
                eprintln!(
                    "  {tool}: query {:?} failed (exit {code}): {}",
                    q.raw,
                    String::from_utf8_lossy(&out.stderr).trim()
                );
            }
            failed += 1;
        } else if !out.stdout.is_empty() {
            answered += 1;
        }
    }
    let mut times = vec![Vec::with_capacity(passes); queries.len()];
    for _ in 0..passes {
        for (q, t) in queries.iter().zip(&mut times) {
            let mut cmd = make(q);
            cmd.stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            let start = Instant::now();
            cmd.status()?;
            t.push(start.elapsed().as_secs_f64() * 1e3);
        }
    }
    Ok(summarize(
        tool, "process", example, times, answered, failed, passes,
    ))
}

/// In-process latency: `f` runs one query and says whether it found anything.
pub(crate) fn in_process_latency(
    tool: &str,
    example: &str,
    queries: &[Query],
    passes: usize,
    mut f: impl FnMut(&Query) -> anyhow::Result<bool>,
) -> anyhow::Result<Latency> {
    let (mut answered, mut failed) = (0, 0);
    for q in queries {
        match f(q) {
            Ok(true) => answered += 1,
            Ok(false) => {}
            Err(_) => failed += 1,
        }
    }
    let mut times = vec![Vec::with_capacity(passes); queries.len()];
    for _ in 0..passes {
        for (q, t) in queries.iter().zip(&mut times) {
            let start = Instant::now();
            let _ = f(q);
            t.push(start.elapsed().as_secs_f64() * 1e3);
        }
    }
    Ok(summarize(
        tool,
        "in-process",
        example.to_owned(),
        times,
        answered,
        failed,
        passes,
    ))
}

pub(crate) fn index_result(
    tool: &str,
    cmd: &Command,
    articles: usize,
    bytes: u64,
    run: &Run,
    index_bytes: u64,
) -> IndexResult {
    let s = run.wall.as_secs_f64();
    IndexResult {
        tool: tool.to_owned(),
        command: format!("{cmd:?}"),
        articles,
        corpus_bytes: bytes,
        seconds: s,
        cpu_seconds: run.cpu.as_secs_f64(),
        cpu_us_per_article: run.cpu.as_secs_f64() * 1e6 / articles.max(1) as f64,
        articles_per_s: articles as f64 / s,
        mb_per_s: bytes as f64 / 1e6 / s,
        peak_rss_mb: run.max_rss_kb as f64 / 1024.0,
        index_bytes,
        index_ratio: index_bytes as f64 / bytes.max(1) as f64,
        runs_s: vec![s],
    }
}

/// Runs a build `runs` times, each from nothing (`make` clears what the last one wrote
/// and gives the command), and returns the run of median wall time, the command, and
/// the wall times of all of them in the order run.
pub(crate) fn median_run(
    runs: usize,
    mut make: impl FnMut() -> anyhow::Result<Command>,
) -> anyhow::Result<(Run, Command, Vec<f64>)> {
    let mut all = Vec::new();
    let mut cmd = make()?;
    for i in 0..runs.max(1) {
        if i > 0 {
            cmd = make()?;
        }
        let run = run_measured(&mut cmd)?;
        if run.code != 0 {
            return Ok((run, cmd, Vec::new()));
        }
        all.push(run);
    }
    let walls: Vec<f64> = all.iter().map(|r| r.wall.as_secs_f64()).collect();
    all.sort_by_key(|r| r.wall);
    let median = all.swap_remove(all.len() / 2);
    Ok((median, cmd, walls))
}
