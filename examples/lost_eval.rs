//! The "nothing lost" evaluation: newsq on story-only news corpora, where every file is a
//! headline, a blank line and the story, with no web boilerplate at all. The cleaner
//! should keep every word but the sign-off, make the headline the title, and find no
//! metadata that is not there.
//!
//!     cargo run --release --example lost_eval [-- --data DIR] [--work DIR]
//!         [--sample N] [--probes N] [--show K] [--corpus NAME]...
//!
//! DIR defaults to `../shared/data`; the archives are unpacked once into the work folder
//! (default `target/lost-eval`) and each corpus is indexed there afresh. Corpora:
//! `reuters21578`, `bbc` and `reuters-fin` (a seeded sample of `--sample` stories,
//! default 10,000), and `extract-gold`, the gold bodies of `extract-dev` (story-only text
//! from other sites, without headlines). For each: the mean token recall of title + body against the file
//! (less the lines removed as sign-offs), the share of articles losing over 5 % of their
//! tokens, the share whose title is the first line, dates (on `reuters-fin`, checked
//! against the date in the file name), languages, the distinct sources, authors and
//! places with a sample, and `--probes` searches for a rare word of a story line, which
//! must find its article as `rg -l` does. `--show K` lists the K articles that lost most;
//! `--dump DIR` writes each corpus's articles there as `newsq export` would.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use newsq::eval::lost;
use newsq::index::{self as writer, BuildOptions};
use newsq::search::{self, Filters, SearchOptions, Sort};

struct Args {
    data: PathBuf,
    work: PathBuf,
    sample: usize,
    probes: usize,
    show: usize,
    corpora: Vec<String>,
    dump: Option<PathBuf>,
}

fn parse_args() -> Args {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut args = Args {
        data: root.join("../shared/data"),
        work: root.join("target/lost-eval"),
        sample: 10_000,
        probes: 100,
        show: 0,
        corpora: Vec::new(),
        dump: None,
    };
    let mut it = std::env::args().skip(1);
    let usage = "usage: lost_eval [--data DIR] [--work DIR] [--sample N] [--probes N] [--show K] [--corpus NAME]... [--dump DIR]";
    while let Some(a) = it.next() {
        let mut value = |what: &str| {
            it.next().unwrap_or_else(|| {
                eprintln!("{a} needs {what}; {usage}");
                std::process::exit(2)
            })
        };
        let number = |s: String| {
            s.parse().unwrap_or_else(|_| {
                eprintln!("not a number: {s:?}; {usage}");
                std::process::exit(2)
            })
        };
        match a.as_str() {
            "--data" => args.data = value("a folder").into(),
            "--work" => args.work = value("a folder").into(),
            "--sample" => args.sample = number(value("a number")),
            "--probes" => args.probes = number(value("a number")),
            "--show" => args.show = number(value("a number")),
            "--corpus" => args.corpora.push(value("a name")),
            "--dump" => args.dump = Some(value("a folder").into()),
            other => {
                eprintln!("unknown argument {other:?}; {usage}");
                std::process::exit(2);
            }
        }
    }
    if args.corpora.is_empty() {
        args.corpora = ["reuters21578", "bbc", "reuters-fin", GOLD]
            .map(String::from)
            .into();
    }
    args
}

/// A corpus: its archive in the data folder and the folder it unpacks to.
fn archive(name: &str) -> Option<(&'static str, &'static str)> {
    match name {
        "reuters21578" => Some(("news-reuters21578.tar.gz", "reuters21578")),
        "bbc" => Some(("news-bbc.tar.gz", "bbc")),
        "reuters-fin" => Some(("news-reuters-fin.tar.zst", "reuters-fin")),
        _ => None,
    }
}

/// The gold bodies of the extraction dev set: story-only text from 72 other sites, one
/// paragraph per line and no headline (tables, lists, bylines and all), a check that
/// what holds for the news corpora holds elsewhere.
const GOLD: &str = "extract-gold";

/// Unpacks `archive` into `work` unless a folder of that name is there already.
fn unpack(archive: &Path, work: &Path, folder: &str) -> anyhow::Result<PathBuf> {
    let dir = work.join(folder);
    if dir.is_dir() {
        return Ok(dir);
    }
    let file = std::fs::File::open(archive)?;
    let input: Box<dyn std::io::Read> = if archive.extension().is_some_and(|e| e == "zst") {
        Box::new(zstd::stream::read::Decoder::new(file)?)
    } else {
        Box::new(flate2::read::GzDecoder::new(file))
    };
    let tmp = work.join(format!("{folder}.part"));
    let _ = std::fs::remove_dir_all(&tmp);
    let mut failed = None;
    lost::tar_entries(std::io::BufReader::new(input), |name, bytes| {
        // Entries are FOLDER/FILE: keep the file name only, under the corpus's folder.
        let Some(file) = name.rsplit('/').next().filter(|f| !f.is_empty()) else {
            return true;
        };
        let path = tmp.join(file);
        let r = std::fs::create_dir_all(&tmp).and_then(|_| std::fs::write(&path, bytes));
        if let Err(e) = r {
            failed = Some(e);
            return false;
        }
        true
    })?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    std::fs::rename(&tmp, &dir)?;
    Ok(dir)
}

/// A small deterministic generator (splitmix64) for samples and probes.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

#[derive(Default)]
struct Report {
    n: usize,
    recall_sum: f64,
    over5: usize,
    title_exact: usize,
    dated: usize,
    date_ok: usize,
    name_dated: usize,
    english: usize,
    values: BTreeMap<&'static str, BTreeMap<String, usize>>,
    probes: usize,
    found: usize,
    misses: Vec<String>,
    worst: Vec<(f64, String, Vec<String>)>,
    index_secs: f64,
}

fn evaluate(name: &str, args: &Args) -> anyhow::Result<Report> {
    std::fs::create_dir_all(&args.work)?;
    let dir = if name == GOLD {
        let gold = args.data.join("extract-dev/gold");
        if !gold.is_dir() {
            anyhow::bail!("{} is missing", gold.display());
        }
        gold
    } else {
        let (file, folder) = archive(name).ok_or_else(|| anyhow::anyhow!("no corpus {name:?}"))?;
        let archive = args.data.join(file);
        if !archive.is_file() {
            anyhow::bail!("{} is missing", archive.display());
        }
        unpack(&archive, &args.work, folder)?
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    if name == "reuters-fin" && files.len() > args.sample {
        let mut rng = Rng(0x6e65_7773_712d_6c6f);
        let mut keyed: Vec<(u64, PathBuf)> = files.into_iter().map(|f| (rng.next(), f)).collect();
        keyed.sort();
        files = keyed
            .into_iter()
            .take(args.sample)
            .map(|(_, f)| f)
            .collect();
        files.sort();
    }
    let index = args.work.join(format!("{name}.index"));
    let opts = BuildOptions {
        roots: if name == "reuters-fin" {
            files.clone()
        } else {
            vec![dir.clone()]
        },
        rebuild: true,
        ..BuildOptions::default()
    };
    let _ = std::fs::remove_dir_all(&index);
    let start = Instant::now();
    writer::build(&index, &opts, &writer::Silent)?;
    let mut r = Report {
        index_secs: start.elapsed().as_secs_f64(),
        ..Report::default()
    };
    let opened = newsq::index::open(&index)?;
    let articles = opened.articles()?;
    if let Some(dump) = &args.dump {
        // The articles as `newsq export` writes them, to compare two versions' output.
        use std::io::Write;
        std::fs::create_dir_all(dump)?;
        let mut out =
            std::io::BufWriter::new(std::fs::File::create(dump.join(format!("{name}.ndjson")))?);
        for a in &articles {
            serde_json::to_writer(&mut out, &newsq::output::export::document(a))?;
            writeln!(out)?;
        }
        out.flush()?;
    }
    let originals: HashMap<PathBuf, String> = articles
        .iter()
        .map(|a| {
            let bytes = std::fs::read(&a.path)?;
            let text = newsq::corpus::decode(&bytes)
                .map(|t| t.text)
                .unwrap_or_default();
            Ok((a.path.clone(), text))
        })
        .collect::<anyhow::Result<_>>()?;
    for a in &articles {
        let original = &originals[&a.path];
        let signoffs: Vec<&str> = a
            .stored
            .removed
            .iter()
            .filter(|(_, rule, _)| rule == "signoff")
            .map(|(_, _, t)| t.as_str())
            .collect();
        let c = lost::check(original, a.stored.title.as_deref(), &a.body, &signoffs);
        r.n += 1;
        r.recall_sum += c.recall();
        r.over5 += usize::from(c.recall() < 0.95);
        r.title_exact += usize::from(c.title_exact);
        let meta = &a.stored.meta;
        let file_name = a.path.file_name().map(|f| f.to_string_lossy().into_owned());
        let from_name = file_name.as_deref().and_then(lost::name_date);
        r.name_dated += usize::from(from_name.is_some());
        if let Some(d) = meta.date {
            r.dated += 1;
            r.date_ok += usize::from(from_name == Some(d));
        }
        r.english += usize::from(meta.lang.as_deref() == Some("eng"));
        let mut note = |field: &'static str, v: &str| {
            *r.values
                .entry(field)
                .or_default()
                .entry(v.to_owned())
                .or_default() += 1;
        };
        for v in &meta.authors {
            note("author", v);
        }
        if let Some(v) = &meta.source {
            note("source", v);
        }
        if let Some(v) = meta.dateline.as_ref().and_then(|d| d.place.as_deref()) {
            note("place", v);
        }
        if let Some(v) = &meta.section {
            note("section", v);
        }
        if let Some(v) = meta.lang.as_deref().filter(|l| *l != "eng") {
            note("lang (not eng)", v);
        }
        if let Some(v) = &meta.date_source {
            note("date source", v);
        }
        if c.recall() < 1.0 {
            r.worst
                .push((c.recall(), a.path.display().to_string(), c.missing));
        }
    }
    r.worst.sort_by(|a, b| a.0.total_cmp(&b.0));
    r.worst.truncate(args.show);

    // Probes: a rare word from a story line must find its article, as `rg -il` would.
    let df = lost::document_frequencies(originals.values().map(String::as_str));
    let mut rng = Rng(0x7072_6f62_6573);
    let mut tries = 0;
    while r.probes < args.probes && tries < args.probes * 20 && !articles.is_empty() {
        tries += 1;
        let a = &articles[(rng.next() % articles.len() as u64) as usize];
        let Some(word) = lost::rare_word(&originals[&a.path], &df, 3, rng.next()) else {
            continue;
        };
        r.probes += 1;
        let parsed = opened.parse(&word, true, &Filters::default())?;
        let opts = SearchOptions {
            limit: None,
            offset: 0,
            passages: 0,
            stored: false,
            sort: Sort::Relevance,
            collapse: false,
            // A probe is `search -l`: every word required, no any-word fallback.
            fallback: false,
        };
        let results = search::run(&opened, &parsed, opts)?;
        if results.hits.iter().any(|h| h.path == a.path) {
            r.found += 1;
        } else {
            r.misses.push(format!("{word} ({})", a.path.display()));
        }
    }
    Ok(r)
}

fn pct(a: usize, b: usize) -> String {
    if b == 0 {
        "-".into()
    } else {
        format!("{:.2}%", a as f64 * 100.0 / b as f64)
    }
}

fn main() -> ExitCode {
    let args = parse_args();
    let mut failed = false;
    println!(
        "{:<13} {:>6} {:>7} {:>8} {:>9} {:>8} {:>8} {:>8} {:>8} {:>6}",
        "corpus",
        "N",
        "recall",
        "lost>5%",
        "title=1st",
        "dated",
        "date ok",
        "eng",
        "probes",
        "secs"
    );
    let mut reports = Vec::new();
    for name in &args.corpora {
        match evaluate(name, &args) {
            Ok(r) => {
                println!(
                    "{:<13} {:>6} {:>7.4} {:>8} {:>9} {:>8} {:>8} {:>8} {:>8} {:>6.1}",
                    name,
                    r.n,
                    r.recall_sum / r.n.max(1) as f64,
                    pct(r.over5, r.n),
                    pct(r.title_exact, r.n),
                    pct(r.dated, r.n),
                    if r.name_dated > 0 {
                        pct(r.date_ok, r.dated)
                    } else {
                        "-".into()
                    },
                    pct(r.english, r.n),
                    format!("{}/{}", r.found, r.probes),
                    r.index_secs,
                );
                reports.push((name.clone(), r));
            }
            Err(e) => {
                eprintln!("{name}: skipped: {e:#}");
                failed = true;
            }
        }
    }
    for (name, r) in &reports {
        println!("\n## {name}");
        for (field, values) in &r.values {
            let mut top: Vec<(&String, &usize)> = values.iter().collect();
            top.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
            let sample: Vec<String> = top
                .iter()
                .take(8)
                .map(|(v, n)| format!("{v:?} {n}"))
                .collect();
            println!("{field}: {} distinct: {}", values.len(), sample.join(", "));
        }
        for m in &r.misses {
            println!("probe missed: {m}");
        }
        for (recall, path, missing) in &r.worst {
            let mut m = missing.clone();
            m.sort();
            m.truncate(30);
            println!("{recall:.3} {path}: lost {}", m.join(" "));
        }
    }
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
