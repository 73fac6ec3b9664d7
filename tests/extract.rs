//! Quality floors of the cleaner on the extraction dev set (`../shared/data/extract-dev`):
//! `newsq clean --out` over each track, and the HTML path (`newsq::corpus::html`) over the
//! original pages, scored like the benchmark (token multisets, per-document mean). A floor
//! may only go up; lowering one needs a reason in the commit.

use std::path::Path;

use newsq::eval::{Score, mean, score};

use crate::util::{Env, shared};

/// Floors pinned from the last measured figures (see docs/evaluation.md: Evaluating the cleaner).
const WINDOWS_F1: f64 = 0.967;
const WINDOWS_R: f64 = 0.970;
const PAGES_F1: f64 = 0.966;
const PAGES_R: f64 = 0.970;
/// The HTML path: DOM extraction, then the text cleaner without its region guess.
const HTML_F1: f64 = 0.990;
const HTML_R: f64 = 0.991;
/// The DOM stage alone, before the text cleaner: it is tuned for recall.
const HTML_DOM_R: f64 = 0.992;

fn track(env: &Env, data: &Path, track: &str) -> Score {
    let dir = data.join(track);
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("track dir")
        .map(|e| e.expect("entry").path().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let out = env.path().join(track);
    let mut args = vec![
        "clean".to_owned(),
        "--out".to_owned(),
        out.to_string_lossy().into_owned(),
    ];
    args.extend(files.iter().cloned());
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    env.run(&argv).assert_code(0);
    let scores: Vec<Score> = files
        .iter()
        .map(|f| {
            let name = Path::new(f).file_name().unwrap();
            let pred = std::fs::read_to_string(out.join(name)).unwrap_or_default();
            let gold = std::fs::read_to_string(data.join("gold").join(name)).expect("gold body");
            score(&pred, &gold)
        })
        .collect();
    mean(&scores)
}

#[test]
fn dev_set_quality_holds_its_floors() {
    let Some(shared) = shared() else {
        eprintln!("skipping: ../shared/data/extract-dev is absent");
        return;
    };
    let data = shared.join("data/extract-dev");
    if !data.join("gold").is_dir() {
        eprintln!("skipping: {} is absent", data.display());
        return;
    }
    let env = Env::new();
    let w = track(&env, &data, "windows");
    let p = track(&env, &data, "pages");
    eprintln!(
        "windows F1 {:.3} P {:.3} R {:.3}; pages F1 {:.3} P {:.3} R {:.3}",
        w.f1, w.p, w.r, p.f1, p.p, p.r
    );
    assert!(
        w.f1 >= WINDOWS_F1,
        "windows F1 {:.4} < floor {WINDOWS_F1}",
        w.f1
    );
    assert!(w.r >= WINDOWS_R, "windows R {:.4} < floor {WINDOWS_R}", w.r);
    assert!(p.f1 >= PAGES_F1, "pages F1 {:.4} < floor {PAGES_F1}", p.f1);
    assert!(p.r >= PAGES_R, "pages R {:.4} < floor {PAGES_R}", p.r);
}

#[test]
fn html_dev_set_quality_holds_its_floors() {
    use newsq::clean::CorpusStats;
    use newsq::corpus::html;

    let Some(shared) = shared() else {
        eprintln!("skipping: ../shared/data/extract-dev is absent");
        return;
    };
    let data = shared.join("data/extract-dev");
    if !data.join("html").is_dir() || !data.join("gold").is_dir() {
        eprintln!("skipping: {} has no html/ and gold/", data.display());
        return;
    }
    let mut pages: Vec<_> = std::fs::read_dir(data.join("html"))
        .expect("html dir")
        .map(|e| e.expect("entry").path())
        .collect();
    pages.sort();
    let stats = CorpusStats::default();
    let (mut full, mut dom) = (Vec::new(), Vec::new());
    for path in &pages {
        let name = path.file_name().unwrap().to_string_lossy();
        let id = name.trim_end_matches(".gz").trim_end_matches(".html");
        let gold = std::fs::read_to_string(data.join("gold").join(format!("{id}.txt")))
            .expect("gold body");
        let bytes = std::fs::read(path).expect("page");
        let bytes = newsq::corpus::gunzip(&bytes, 64 << 20).expect("gzip page");
        let page = html::extract(&html::decode_html(&bytes));
        full.push(score(&html::clean_page(&page, &stats).body(), &gold));
        dom.push(score(&page.text, &gold));
    }
    let (h, d) = (mean(&full), mean(&dom));
    eprintln!(
        "html F1 {:.3} P {:.3} R {:.3}; DOM stage alone F1 {:.3} P {:.3} R {:.3} (N {})",
        h.f1,
        h.p,
        h.r,
        d.f1,
        d.p,
        d.r,
        pages.len()
    );
    assert!(h.f1 >= HTML_F1, "html F1 {:.4} < floor {HTML_F1}", h.f1);
    assert!(h.r >= HTML_R, "html R {:.4} < floor {HTML_R}", h.r);
    assert!(
        d.r >= HTML_DOM_R,
        "DOM stage R {:.4} < floor {HTML_DOM_R}",
        d.r
    );
}

/// Floors on the second dev set (`../shared/data/extract-dev2`, snippet expectations from
/// another source), scored by `../shared/tools/snippet_score.py`: SNIP F1 over the
/// plain pages and over the HTML pages (docs/evaluation.md: A second dev set).
const DEV2_PAGES_F1: f64 = 0.785;
const DEV2_HTML_F1: f64 = 0.850;

/// `newsq clean --out` over every file of `dir`, scored by the snippet scorer.
fn snippet_f1(env: &Env, shared: &Path, dir: &str) -> f64 {
    let data = shared.join("data/extract-dev2");
    let mut files: Vec<String> = std::fs::read_dir(data.join(dir))
        .expect("dev2 dir")
        .map(|e| e.expect("entry").path().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let out = env.path().join(format!("dev2-{dir}"));
    let mut args = vec![
        "clean".to_owned(),
        "--out".to_owned(),
        out.to_string_lossy().into_owned(),
    ];
    args.extend(files);
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    env.run(&argv).assert_code(0);
    let scored = std::process::Command::new("python3")
        .arg(shared.join("tools/snippet_score.py"))
        .arg(&out)
        .arg(&data)
        .output()
        .expect("python3 runs the snippet scorer");
    assert!(
        scored.status.success(),
        "snippet_score.py failed: {scored:?}"
    );
    let report = String::from_utf8_lossy(&scored.stdout);
    let last = report
        .lines()
        .find(|l| l.starts_with("SNIP F1 "))
        .unwrap_or_else(|| panic!("no SNIP F1 line in {report}"));
    eprintln!("extract-dev2 {dir}: {last}");
    last.split_whitespace()
        .nth(2)
        .and_then(|f| f.parse().ok())
        .expect("SNIP F1 value")
}

#[test]
fn second_dev_set_holds_its_floors() {
    let Some(shared) = shared() else {
        eprintln!("skipping: ../shared is absent");
        return;
    };
    if !shared.join("data/extract-dev2/expect").is_dir()
        || !shared.join("tools/snippet_score.py").is_file()
    {
        eprintln!("skipping: ../shared/data/extract-dev2 or its scorer is absent");
        return;
    }
    let env = Env::new();
    let pages = snippet_f1(&env, &shared, "pages");
    let html = snippet_f1(&env, &shared, "html");
    assert!(
        pages >= DEV2_PAGES_F1,
        "dev2 pages SNIP F1 {pages:.3} < floor {DEV2_PAGES_F1}"
    );
    assert!(
        html >= DEV2_HTML_F1,
        "dev2 html SNIP F1 {html:.3} < floor {DEV2_HTML_F1}"
    );
}
