//! The evaluation command for HTML input: runs the HTML path (gunzip, decode, DOM
//! extraction, then the plain-text cleaner) over the original pages of an extraction set
//! and prints F1, P and R (token multisets, per-document mean) for all pages and English
//! only, beside the plain-text cleaner's figures on the same pages.
//!
//!     cargo run --release --example html_eval [-- --data DIR] [--per-doc] [--out DIR]
//!
//! DIR defaults to `../shared/data/extract-dev` (layout: `html/<id>.html.gz` or
//! `html/<id>.html`, `gold/<id>.txt`, optionally `pages/` and `windows/`, `index.tsv` with a
//! `lang` column). Rows:
//!
//! - `html`: the DOM stage, then `newsq::clean::clean` on its text (what indexing does);
//! - `html-dom`: the DOM stage alone, without the text cleaner;
//! - `pages`, `windows`: the plain-text cleaner on the scraped-text tracks, for comparison.
//!
//! `--out DIR` writes `DIR/html/<id>.txt` (and `DIR/html-dom/`) for inspection.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use newsq::clean::CorpusStats;
use newsq::corpus::html;
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
                    "unknown argument {other:?}; usage: html_eval [--data DIR] [--per-doc] [--out DIR]"
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

/// The page's text: `<id>.html.gz` (gunzipped) or `<id>.html`, decoded.
fn read_page(dir: &Path, id: &str) -> Option<String> {
    let bytes = std::fs::read(dir.join(format!("{id}.html.gz")))
        .or_else(|_| std::fs::read(dir.join(format!("{id}.html"))))
        .ok()?;
    let bytes = if newsq::corpus::is_gzip(Path::new(id), &bytes) {
        match newsq::corpus::gunzip(&bytes, 64 << 20) {
            Ok(b) => b,
            Err((_, e)) => {
                eprintln!("{id}: {e}");
                return None;
            }
        }
    } else {
        bytes
    };
    Some(html::decode_html(&bytes))
}

struct Row {
    name: &'static str,
    all: Vec<Score>,
    en: Vec<Score>,
}

impl Row {
    fn new(name: &'static str) -> Row {
        Row {
            name,
            all: Vec::new(),
            en: Vec::new(),
        }
    }

    fn add(&mut self, s: Score, english: bool) {
        self.all.push(s);
        if english {
            self.en.push(s);
        }
    }

    fn print(&self) {
        let (a, e) = (mean(&self.all), mean(&self.en));
        println!(
            "{:<8} {:>4} {:>6.3} {:>6.3} {:>6.3}   {:>4} {:>6.3} {:>6.3} {:>6.3}",
            self.name,
            self.all.len(),
            a.f1,
            a.p,
            a.r,
            self.en.len(),
            e.f1,
            e.p,
            e.r
        );
    }
}

fn write_out(out: &Option<PathBuf>, track: &str, id: &str, text: &str) {
    if let Some(out) = out {
        let d = out.join(track);
        std::fs::create_dir_all(&d).expect("output dir");
        std::fs::write(d.join(format!("{id}.txt")), format!("{text}\n")).expect("write output");
    }
}

fn main() {
    let args = parse_args();
    let html_dir = args.data.join("html");
    if !args.data.join("gold").is_dir() || !html_dir.is_dir() {
        eprintln!(
            "skipping: no extraction set at {} (expected gold/ and html/)",
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
    let stats = CorpusStats::default();
    let (mut html_row, mut dom_row) = (Row::new("html"), Row::new("html-dom"));
    let (mut t_read, mut t_extract, mut t_clean) = (Duration::ZERO, Duration::ZERO, Duration::ZERO);
    for id in &ids {
        let gold = std::fs::read_to_string(args.data.join("gold").join(format!("{id}.txt")))
            .unwrap_or_default();
        let english = lang.get(id).is_some_and(|l| l == "en");
        let started = Instant::now();
        let markup = read_page(&html_dir, id);
        t_read += started.elapsed();
        let started = Instant::now();
        let page = markup.map(|text| html::extract(&text));
        t_extract += started.elapsed();
        let dom_text = page.as_ref().map_or(String::new(), |p| p.text.clone());
        let started = Instant::now();
        let body = page
            .as_ref()
            .map_or(String::new(), |p| html::clean_page(p, &stats).body());
        t_clean += started.elapsed();
        let (s, s_dom) = (score(&body, &gold), score(&dom_text, &gold));
        if args.per_doc {
            println!(
                "html\t{id}\t{}\tF1 {:.3}\tP {:.3}\tR {:.3}\tdom F1 {:.3}\tP {:.3}\tR {:.3}\t{:?}",
                lang.get(id).map_or("?", |l| l),
                s.f1,
                s.p,
                s.r,
                s_dom.f1,
                s_dom.p,
                s_dom.r,
                page.as_ref().map(|p| p.method)
            );
        }
        write_out(&args.out, "html", id, &body);
        write_out(&args.out, "html-dom", id, &dom_text);
        html_row.add(s, english);
        dom_row.add(s_dom, english);
    }
    println!(
        "{:<8} {:>4} {:>6} {:>6} {:>6}   {:>4} {:>6} {:>6} {:>6}",
        "track", "N", "F1", "P", "R", "N en", "F1", "P", "R"
    );
    html_row.print();
    dom_row.print();
    // The plain-text cleaner on the scraped-text tracks of the same pages, cleaned together
    // as `newsq clean` cleans a folder (extract_eval prints the same figures).
    for track in ["pages", "windows"] {
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
        let mut row = Row::new(if track == "pages" { "pages" } else { "windows" });
        for (id, article) in ids.iter().zip(newsq::clean::clean_all(&texts)) {
            let gold = std::fs::read_to_string(args.data.join("gold").join(format!("{id}.txt")))
                .unwrap_or_default();
            row.add(
                score(&article.body(), &gold),
                lang.get(id).is_some_and(|l| l == "en"),
            );
        }
        row.print();
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "time: {} pages: read+gunzip+decode {:.0} ms, extract {:.0} ms ({:.1} ms/page), \
         text cleaner {:.0} ms",
        ids.len(),
        ms(t_read),
        ms(t_extract),
        ms(t_extract) / ids.len().max(1) as f64,
        ms(t_clean)
    );
}
