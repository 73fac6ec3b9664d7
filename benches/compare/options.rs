//! The benchmark's options: `--corpus`, `--quick`, `--scale`, `--million`, `--skip-peers`
//! (after `--`, or from the environment; the table is in `main.rs`).

use std::path::{Path, PathBuf};

use anyhow::{Context, bail, ensure};
use serde::Serialize;

/// One corpus of the scaling table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scale {
    /// A multiple of the 1× corpus (1 is the real corpus itself).
    Factor(usize),
    /// An exact number of generated articles.
    Articles(usize),
}

impl Scale {
    pub(crate) fn parse(s: &str) -> anyhow::Result<Scale> {
        let s = s.trim().to_ascii_lowercase();
        let (num, mult) = if let Some(n) = s.strip_suffix('k') {
            (n, 1_000)
        } else if let Some(n) = s.strip_suffix('m') {
            (n, 1_000_000)
        } else {
            (s.as_str(), 0)
        };
        let n: usize = num
            .replace('_', "")
            .parse()
            .with_context(|| format!("bad scale {s:?} (give 1, 4, 16, 100k, 1m ...)"))?;
        ensure!(n > 0, "scale must be positive");
        Ok(if mult == 0 {
            Scale::Factor(n)
        } else {
            Scale::Articles(n * mult)
        })
    }

    pub(crate) fn articles(self, base: usize) -> usize {
        match self {
            Scale::Factor(f) => f * base,
            Scale::Articles(n) => n,
        }
    }

    /// The label as a file name (ASCII).
    pub(crate) fn tag(self) -> String {
        self.label().replace('×', "x")
    }

    pub(crate) fn label(self) -> String {
        match self {
            Scale::Factor(f) => format!("{f}×"),
            Scale::Articles(n) if n % 1_000_000 == 0 => format!("{}M", n / 1_000_000),
            Scale::Articles(n) if n % 1_000 == 0 => format!("{}k", n / 1_000),
            Scale::Articles(n) => n.to_string(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Options {
    /// The corpus and queries of the comparison ([`CorpusChoice`]).
    pub(crate) corpus: CorpusChoice,
    pub(crate) quick: bool,
    pub(crate) scales: Vec<String>,
    pub(crate) million: bool,
    pub(crate) skip_peers: bool,
    /// Timed whole-process passes over the queries.
    pub(crate) passes: usize,
    /// Timed in-process passes over the queries.
    pub(crate) in_process_passes: usize,
    /// Times each tool builds its 1× index (the median run is reported).
    pub(crate) index_runs: usize,
    #[serde(skip)]
    pub(crate) scale_list: Vec<Scale>,
}

/// The real corpus the tools are compared on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum CorpusChoice {
    /// Reuters-21578 and BBC (23,066 articles, 23 MB), `queries-news.txt`.
    News,
    /// Reuters business news 2006–2013 (105,360 articles, 322 MB),
    /// `queries-reuters-fin.txt`.
    ReutersFin,
}

impl CorpusChoice {
    fn parse(s: &str) -> anyhow::Result<CorpusChoice> {
        match s {
            "news" => Ok(CorpusChoice::News),
            "fin" | "reuters-fin" => Ok(CorpusChoice::ReutersFin),
            other => bail!("unknown corpus {other:?} (give news or fin)"),
        }
    }

    /// The archives that make up the corpus, and the query list.
    pub(crate) fn files(self, shared: &Path) -> (Vec<PathBuf>, PathBuf) {
        match self {
            CorpusChoice::News => (
                vec![
                    shared.join("news-reuters21578.tar.gz"),
                    shared.join("news-bbc.tar.gz"),
                ],
                shared.join("queries-news.txt"),
            ),
            CorpusChoice::ReutersFin => (
                vec![shared.join("news-reuters-fin.tar.zst")],
                shared.join("queries-reuters-fin.txt"),
            ),
        }
    }
}

fn env_flag(name: &str) -> bool {
    std::env::var(name).is_ok_and(|v| !v.is_empty() && v != "0")
}

pub(crate) fn parse_options() -> anyhow::Result<Options> {
    let mut quick = env_flag("NEWSQ_BENCH_QUICK");
    let mut million = env_flag("NEWSQ_BENCH_MILLION");
    let mut skip_peers = env_flag("NEWSQ_BENCH_SKIP_PEERS");
    let mut scale = std::env::var("NEWSQ_BENCH_SCALE").ok();
    let mut corpus = match std::env::var("NEWSQ_BENCH_CORPUS") {
        Ok(c) if !c.is_empty() => CorpusChoice::parse(&c)?,
        _ => CorpusChoice::News,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--quick" => quick = true,
            "--million" => million = true,
            "--skip-peers" => skip_peers = true,
            "--scale" => scale = Some(args.next().context("--scale needs a list, e.g. 1,4,16")?),
            "--corpus" => {
                corpus = CorpusChoice::parse(&args.next().context("--corpus needs news or fin")?)?
            }
            s if s.starts_with("--corpus=") => {
                corpus = CorpusChoice::parse(&s["--corpus=".len()..])?
            }
            // cargo bench passes --bench to harness=false targets.
            "--bench" => {}
            s if s.starts_with("--scale=") => scale = Some(s["--scale=".len()..].to_owned()),
            "-h" | "--help" => {
                println!(
                    "usage: cargo bench --features bench --bench compare -- [--corpus news|fin] [--quick] [--scale 1,4,100k,16] [--million] [--skip-peers]"
                );
                std::process::exit(0);
            }
            other => {
                bail!("unknown argument {other:?} (see the doc comment of benches/compare/main.rs)")
            }
        }
    }
    // The generated corpora recombine the news corpus: multiples of the Reuters business
    // corpus would be multiples in name only, so with it the table is the corpus itself
    // (and any article counts asked for).
    let scale = scale.unwrap_or_else(|| match corpus {
        CorpusChoice::News => "1,4,100k,16".into(),
        CorpusChoice::ReutersFin => "1".into(),
    });
    let mut scale_list = scale
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(Scale::parse)
        .collect::<anyhow::Result<Vec<_>>>()?;
    if million && !scale_list.contains(&Scale::Articles(1_000_000)) {
        scale_list.push(Scale::Articles(1_000_000));
    }
    if corpus == CorpusChoice::ReutersFin
        && let Some(f) = scale_list
            .iter()
            .find(|s| matches!(s, Scale::Factor(n) if *n > 1))
    {
        bail!(
            "--scale {}: multiples are of the news corpus; with --corpus fin give article counts (100k, 1m)",
            f.label()
        );
    }
    Ok(Options {
        corpus,
        quick,
        scales: scale_list.iter().map(|s| s.label()).collect(),
        million,
        skip_peers,
        passes: if quick { 1 } else { 3 },
        in_process_passes: if quick { 2 } else { 5 },
        index_runs: if quick { 1 } else { 3 },
        scale_list,
    })
}
