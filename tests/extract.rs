//! Quality floors of the cleaner on the extraction dev set (`../shared/data/extract-dev`):
//! `newsq clean --out` over each track, scored like the benchmark (token multisets,
//! per-document mean). A floor may only go up; lowering one needs a reason in the commit.

use std::path::Path;

use newsq::eval::{Score, mean, score};

use crate::util::{Env, shared};

/// Floors pinned from the last measured figures (see README: Evaluating the cleaner).
const WINDOWS_F1: f64 = 0.963;
const WINDOWS_R: f64 = 0.969;
const PAGES_F1: f64 = 0.958;
const PAGES_R: f64 = 0.969;

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
