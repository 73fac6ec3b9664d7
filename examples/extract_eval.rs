//! The evaluation command for the cleaner: runs it over an extraction set and prints
//! F1, P and R (token multisets, per-document mean) for both tracks, all languages and
//! English only.
//!
//!     cargo run --release --example extract_eval [-- --data DIR] [--per-doc] [--out DIR]
//!
//! DIR defaults to `../shared/data/extract-dev` (layout: `pages/`, `windows/`, `gold/`,
//! `index.tsv` with a `lang` column). Each track's files are cleaned together, as
//! `newsq clean --out OUT FILES...` would clean them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use newsq::eval::{Score, mean, score};

struct Args {
    data: PathBuf,
    per_doc: bool,
    out: Option<PathBuf>,
}

fn parse_args() -> Args {
    let mut args = Args {
        data: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/extract-dev"),
        per_doc: false,
        out: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--data" => args.data = it.next().expect("--data DIR").into(),
            "--out" => args.out = Some(it.next().expect("--out DIR").into()),
            "--per-doc" => args.per_doc = true,
            other => {
                eprintln!(
                    "unknown argument {other:?}; usage: extract_eval [--data DIR] [--per-doc] [--out DIR]"
                );
                std::process::exit(2);
            }
        }
    }
    args
}

fn langs(data: &Path) -> HashMap<String, String> {
    let Ok(text) = std::fs::read_to_string(data.join("index.tsv")) else {
        return HashMap::new();
    };
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let col = header.iter().position(|h| *h == "lang").unwrap_or(3);
    lines
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            Some((cols.first()?.to_string(), cols.get(col)?.to_string()))
        })
        .collect()
}

fn main() {
    let args = parse_args();
    if !args.data.join("gold").is_dir() {
        eprintln!(
            "skipping: no extraction set at {} (expected gold/, pages/, windows/)",
            args.data.display()
        );
        return;
    }
    let lang = langs(&args.data);
    let mut ids: Vec<String> = std::fs::read_dir(args.data.join("gold"))
        .expect("gold dir")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".txt").map(str::to_owned)
        })
        .collect();
    ids.sort();
    println!(
        "{:<8} {:>4} {:>6} {:>6} {:>6}   {:>4} {:>6} {:>6} {:>6}",
        "track", "N", "F1", "P", "R", "N en", "F1", "P", "R"
    );
    for track in ["windows", "pages"] {
        let dir = args.data.join(track);
        if !dir.is_dir() {
            continue;
        }
        let texts: Vec<String> = ids
            .iter()
            .map(|id| {
                let bytes = std::fs::read(dir.join(format!("{id}.txt"))).unwrap_or_default();
                newsq::corpus::decode(&bytes)
                    .map(|t| t.text)
                    .unwrap_or_default()
            })
            .collect();
        let articles = newsq::clean::clean_all(&texts);
        let mut all: Vec<Score> = Vec::new();
        let mut en: Vec<Score> = Vec::new();
        for (id, article) in ids.iter().zip(&articles) {
            let gold = std::fs::read_to_string(args.data.join("gold").join(format!("{id}.txt")))
                .unwrap_or_default();
            let body = article.body();
            let s = score(&body, &gold);
            if args.per_doc {
                println!(
                    "{track}\t{id}\t{}\tF1 {:.3}\tP {:.3}\tR {:.3}",
                    lang.get(id).map_or("?", |l| l),
                    s.f1,
                    s.p,
                    s.r
                );
            }
            if let Some(out) = &args.out {
                let d = out.join(track);
                std::fs::create_dir_all(&d).expect("output dir");
                std::fs::write(d.join(format!("{id}.txt")), format!("{body}\n"))
                    .expect("write prediction");
            }
            all.push(s);
            if lang.get(id).is_some_and(|l| l == "en") {
                en.push(s);
            }
        }
        let (a, e) = (mean(&all), mean(&en));
        println!(
            "{track:<8} {:>4} {:>6.3} {:>6.3} {:>6.3}   {:>4} {:>6.3} {:>6.3} {:>6.3}",
            all.len(),
            a.f1,
            a.p,
            a.r,
            en.len(),
            e.f1,
            e.p,
            e.r
        );
    }
}
