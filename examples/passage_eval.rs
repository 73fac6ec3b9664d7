//! Passage quality against tantivy's own `SnippetGenerator`, on the benchmark corpus and
//! query list in `../shared/data`:
//!
//!     cargo run --release --example passage_eval [-- --index DIR] [--queries FILE]
//!
//! Without `--index`, the Reuters-21578 and BBC archives are unpacked to a temporary folder
//! and indexed first. For the first passage of each top-10 hit it reports how often the
//! passage holds as many distinct query words as the best sentence of the article holds,
//! and its mean length in characters; the same for `SnippetGenerator` fragments (default
//! 150 characters, and 240 like newsq's passages), computed in the same run.

use std::path::PathBuf;
use std::process::Command;

use newsq::index::{self, BuildOptions, Silent};
use newsq::search::{self, Filters, Highlighter, SearchOptions, Sort};
use tantivy::snippet::SnippetGenerator;

#[derive(Default)]
struct Tally {
    hits: usize,
    full: usize,
    chars: usize,
}

impl Tally {
    fn add(&mut self, words: usize, best: usize, text: &str) {
        self.hits += 1;
        self.full += usize::from(words >= best);
        self.chars += text.chars().count();
    }
    fn line(&self, name: &str) -> String {
        format!(
            "{name:<28} {:>6.1} % of first passages hold the most query words a sentence holds; mean length {:>5.0} chars",
            100.0 * self.full as f64 / self.hits.max(1) as f64,
            self.chars as f64 / self.hits.max(1) as f64
        )
    }
}

fn main() -> anyhow::Result<()> {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    let mut index_dir: Option<PathBuf> = None;
    let mut queries = shared.join("queries-news.txt");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--index" => index_dir = args.next().map(PathBuf::from),
            "--queries" => queries = args.next().map(PathBuf::from).expect("--queries FILE"),
            other => anyhow::bail!("unknown argument {other:?}"),
        }
    }
    if !queries.is_file() {
        eprintln!("skipping: {} is absent", queries.display());
        return Ok(());
    }
    let tmp = tempfile::tempdir()?;
    let dir = match index_dir {
        Some(d) => d,
        None => {
            let corpus = tmp.path().join("corpus");
            std::fs::create_dir_all(&corpus)?;
            for archive in ["news-reuters21578.tar.gz", "news-bbc.tar.gz"] {
                let status = Command::new("tar")
                    .arg("-xzf")
                    .arg(shared.join(archive))
                    .arg("-C")
                    .arg(&corpus)
                    .status()?;
                anyhow::ensure!(status.success(), "unpacking {archive} failed");
            }
            let dir = tmp.path().join("index");
            let opts = BuildOptions {
                roots: vec![corpus],
                ..BuildOptions::default()
            };
            let s = index::build(&dir, &opts, &Silent)?;
            eprintln!(
                "indexed {} articles in {:.1} s",
                s.articles,
                s.elapsed.as_secs_f64()
            );
            dir
        }
    };
    let opened = index::open(&dir)?;
    let searcher = opened.searcher();
    let body = opened.fields().body;
    let (mut newsq_t, mut snip150, mut snip240) =
        (Tally::default(), Tally::default(), Tally::default());
    let mut queries_run = 0;
    for q in std::fs::read_to_string(&queries)?
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        let parsed = opened.parse(q, false, &Filters::default())?;
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
        let results = search::run(&opened, &parsed, opts)?;
        if results.hits.is_empty() {
            continue;
        }
        queries_run += 1;
        let mut counter = Highlighter::new(parsed.needles.clone(), vec![1.0; parsed.needles.len()]);
        let mut gen150 = SnippetGenerator::create(&searcher, parsed.query.as_ref(), body)?;
        let mut gen240 = SnippetGenerator::create(&searcher, parsed.query.as_ref(), body)?;
        gen150.set_max_num_chars(150);
        gen240.set_max_num_chars(240);
        for hit in &results.hits {
            let Some(article) = opened.lookup(&hit.path)? else {
                continue;
            };
            let best = counter.best_sentence_words(&article.body);
            if best == 0 {
                continue; // matched through the title or metadata alone
            }
            let first = hit.passages.first().map_or("", |p| p.text.as_str());
            newsq_t.add(counter.distinct_words(first), best, first);
            for (generator, tally) in [(&gen150, &mut snip150), (&gen240, &mut snip240)] {
                let frag = generator.snippet(&article.body);
                let text = frag.fragment();
                tally.add(counter.distinct_words(text), best, text);
            }
        }
    }
    println!(
        "queries with hits: {queries_run}; first passages scored: {}",
        newsq_t.hits
    );
    println!("{}", newsq_t.line("newsq passages"));
    println!("{}", snip150.line("SnippetGenerator (150 chars)"));
    println!("{}", snip240.line("SnippetGenerator (240 chars)"));
    Ok(())
}
