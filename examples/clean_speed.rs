//! Where indexing time goes, stage by stage, on one thread (CPU time, so another busy
//! process on the machine disturbs the figures little):
//!
//!     cargo run --release --example clean_speed -- CORPUS_DIR [--repeat N]
//!
//! Stages: reading the files (open + read), decoding, splitting and measuring lines
//! (`clean::prepare`), counting lines across the corpus, cleaning (`clean::clean_prepared`),
//! building the tantivy document and indexing it (a RAM index with newsq's schema, one
//! writer thread). Prints µs per article for each stage and cleaning's share of the total.

use std::path::PathBuf;
use std::time::Duration;

use newsq::clean::{self, LineCounter};
use newsq::index::{Fields, FileFacts, schema};

fn cpu_now() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec we pass.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut repeat = 1usize;
    while let Some(a) = args.next() {
        if a == "--repeat" {
            repeat = args.next().unwrap_or_default().parse()?;
        } else if a.starts_with('-') {
            anyhow::bail!("unknown option {a}; usage: clean_speed CORPUS_DIR [--repeat N]");
        } else {
            dir = Some(PathBuf::from(a));
        }
    }
    let Some(dir) = dir else {
        anyhow::bail!("usage: clean_speed CORPUS_DIR [--repeat N]");
    };
    let (listing, _) = newsq::corpus::walk(std::slice::from_ref(&dir), Default::default());
    let cands: Vec<_> = listing.candidates().collect();
    let n = cands.len();
    anyhow::ensure!(n > 0, "no article files under {}", dir.display());
    let mut times: Vec<(&str, Duration)> = Vec::new();
    let mut lap = |name: &'static str, since: &mut Duration| {
        let now = cpu_now();
        times.push((name, now - *since));
        *since = now;
    };
    for _ in 0..repeat {
        let mut t = cpu_now();
        let raws: Vec<_> = cands
            .iter()
            .filter_map(|c| newsq::corpus::read(c, u64::MAX).ok())
            .collect();
        lap("read", &mut t);
        let texts: Vec<_> = raws
            .iter()
            .filter_map(|r| newsq::corpus::decode(&r.bytes).ok())
            .collect();
        lap("decode", &mut t);
        let prepared: Vec<_> = texts.iter().map(|x| clean::prepare(&x.text)).collect();
        lap("prepare", &mut t);
        let mut counter = LineCounter::new();
        let docs: Vec<usize> = prepared
            .iter()
            .map(|p| counter.add_keys(&p.keys()))
            .collect::<Result<_, _>>()?;
        let stats = counter.finish()?;
        lap("count lines", &mut t);
        let articles: Vec<_> = prepared
            .into_iter()
            .map(|p| clean::clean_prepared(p, &clean::Given::default(), &stats))
            .collect();
        lap("clean", &mut t);
        let index = tantivy::Index::builder()
            .schema(schema::build())
            .settings(newsq::index::settings())
            .create_in_ram()?;
        schema::register_analyzers(&index);
        let fields = Fields::new(&index.schema())?;
        let tdocs: Vec<_> = articles
            .iter()
            .zip(&docs)
            .zip(&cands)
            .map(|((a, &d), c)| {
                let mut line_keys = Vec::new();
                counter.doc_keys(d, &mut line_keys).expect("keys in memory");
                let facts = FileFacts {
                    line_keys,
                    ..FileFacts::default()
                };
                fields.document(c.path.as_os_str().as_encoded_bytes(), a, &facts, None)
            })
            .collect();
        lap("document", &mut t);
        let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 200_000_000)?;
        for d in tdocs {
            writer.add_document(d)?;
        }
        writer.commit()?;
        lap("tantivy", &mut t);
    }
    let total: Duration = times.iter().map(|(_, d)| *d).sum();
    let mut names: Vec<&str> = times.iter().map(|(n, _)| *n).collect();
    names.dedup();
    names.truncate(7);
    println!("{n} articles, {repeat} run(s); CPU µs per article:");
    for name in names {
        let d: Duration = times
            .iter()
            .filter(|(x, _)| *x == name)
            .map(|(_, d)| *d)
            .sum();
        println!(
            "  {name:<12} {:>8.1}  {:>5.1} %",
            d.as_secs_f64() * 1e6 / (n * repeat) as f64,
            100.0 * d.as_secs_f64() / total.as_secs_f64()
        );
    }
    println!(
        "  {:<12} {:>8.1}",
        "total",
        total.as_secs_f64() * 1e6 / (n * repeat) as f64
    );
    Ok(())
}
