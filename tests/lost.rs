//! "Nothing lost, nothing invented" floors on samples of the story-only news corpora in
//! `../shared/data` (a headline, a blank line, the story; no web boilerplate): the real
//! binary indexes each sample, `newsq export` gives the articles back, and they are held
//! to what `examples/lost_eval.rs` measures on the whole corpora (see docs/evaluation.md:
//! Evaluating the cleaner). Skips when the archives are absent.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use newsq::eval::lost;

use crate::util::{Env, shared};

/// Every Nth file of a corpus goes into its sample.
const EVERY: [(&str, &str, usize); 3] = [
    ("reuters21578", "news-reuters21578.tar.gz", 40),
    ("bbc", "news-bbc.tar.gz", 8),
    ("reuters-fin", "news-reuters-fin.tar.zst", 300),
];

/// Floors, a little below the figures measured on the whole corpora (recall 1.0000,
/// no article losing 5 %, titles 99.8-100 %, reuters-fin 100 % dated right).
const RECALL: f64 = 0.998;
const LOSING_OVER_5: f64 = 0.005;
const TITLES: f64 = 0.99;
const ENGLISH: f64 = 0.99;
const PROBES: usize = 25;

/// Writes every `every`th file of a corpus archive into `dir`.
fn sample(archive: &Path, dir: &Path, every: usize) -> usize {
    let file = std::fs::File::open(archive).expect("archive");
    let input: Box<dyn Read> = if archive.extension().is_some_and(|e| e == "zst") {
        Box::new(zstd::stream::read::Decoder::new(file).expect("zstd stream"))
    } else {
        Box::new(flate2::read::GzDecoder::new(file))
    };
    std::fs::create_dir_all(dir).expect("sample dir");
    let mut n = 0;
    lost::tar_entries(std::io::BufReader::new(input), |name, bytes| {
        n += 1;
        if n % every == 0
            && let Some(file) = name.rsplit('/').next().filter(|f| !f.is_empty())
        {
            std::fs::write(dir.join(file), bytes).expect("sample file");
        }
        true
    })
    .expect("reading the archive");
    n / every
}

#[test]
fn story_only_corpora_lose_nothing_and_invent_nothing() {
    let Some(shared) = shared() else {
        eprintln!("skipping: ../shared is absent");
        return;
    };
    let data = shared.join("data");
    if EVERY.iter().any(|(_, a, _)| !data.join(a).is_file()) {
        eprintln!("skipping: the news corpora are absent from ../shared/data");
        return;
    }
    let env = Env::new();
    for (name, archive, every) in EVERY {
        let dir = env.path().join(name);
        let files = sample(&data.join(archive), &dir, every);
        assert!(files > 40, "{name}: only {files} files sampled");
        let index = format!("{name}.index");
        env.run(&["--index", &index, "index", "--quiet", name])
            .assert_code(0);
        let exported = env.run(&["--index", &index, "export"]);
        exported.assert_code(0);
        let articles = exported.json_lines();
        assert_eq!(articles.len(), files, "{name}: every file is an article");
        let originals: HashMap<String, String> = articles
            .iter()
            .map(|a| {
                let path = a["path"].as_str().expect("path").to_owned();
                let bytes = std::fs::read(&path).expect("original");
                let text = newsq::corpus::decode(&bytes).expect("decodes").text;
                (path, text)
            })
            .collect();

        let (mut recall, mut losing, mut titles, mut english, mut dated) = (0.0, 0, 0, 0, 0);
        for a in &articles {
            let path = a["path"].as_str().unwrap();
            let removed: Vec<&str> = a["removed"]
                .as_array()
                .map(|r| r.iter().filter_map(|v| v.as_str()).collect())
                .unwrap_or_default();
            let rules: Vec<&str> = a["removed_rules"]
                .as_array()
                .map(|r| r.iter().filter_map(|v| v.as_str()).collect())
                .unwrap_or_default();
            let signoffs: Vec<&str> = removed
                .iter()
                .zip(&rules)
                .filter(|(_, r)| **r == "signoff")
                .map(|(t, _)| *t)
                .collect();
            let check = lost::check(
                &originals[path],
                a["title"].as_str(),
                a["body"].as_str().unwrap_or(""),
                &signoffs,
            );
            recall += check.recall();
            losing += usize::from(check.recall() < 0.95);
            titles += usize::from(check.title_exact);
            english += usize::from(a["lang"] == "eng");
            // Nothing invented: a source is a wire's name or absent; authors and places
            // have a name's shape.
            if let Some(source) = a["source"].as_str() {
                assert_eq!(source, "Reuters", "{path}: source");
            }
            for author in a["authors"].as_array().into_iter().flatten() {
                let author = author.as_str().unwrap();
                assert!(
                    author.split_whitespace().count() >= 2
                        && !author.chars().any(|c| c.is_ascii_digit()),
                    "{path}: author {author:?}"
                );
            }
            if let Some(place) = a["place"].as_str() {
                assert!(
                    !["NOTE", "CORRECTED"].contains(&place)
                        && place.split_whitespace().count() <= 4,
                    "{path}: place {place:?}"
                );
            }
            if name == "reuters-fin" {
                let file = Path::new(path).file_name().unwrap().to_string_lossy();
                let want = lost::name_date(&file).expect("a date in the name");
                if let Some(date) = a["date"].as_str() {
                    dated += 1;
                    assert!(date.starts_with(&want.to_string()), "{path}: date {date}");
                }
            }
        }
        let n = articles.len() as f64;
        let mean = recall / n;
        assert!(mean >= RECALL, "{name}: mean token recall {mean:.4}");
        assert!(
            losing as f64 / n <= LOSING_OVER_5,
            "{name}: {losing} of {n} articles lose over 5 % of their tokens"
        );
        assert!(
            titles as f64 / n >= TITLES,
            "{name}: {titles} of {n} titles are the headline"
        );
        assert!(
            english as f64 / n >= ENGLISH,
            "{name}: {english} of {n} in English"
        );
        if name == "reuters-fin" {
            assert_eq!(
                dated,
                articles.len(),
                "{name}: every story dated from its name"
            );
        }

        // Probes: a rare word of a story line finds its article, as `rg -l` does.
        let df = lost::document_frequencies(originals.values().map(String::as_str));
        let mut paths: Vec<&String> = originals.keys().collect();
        paths.sort();
        let mut probed = 0;
        for (k, path) in paths.iter().enumerate() {
            if probed == PROBES {
                break;
            }
            let Some(word) = lost::rare_word(&originals[*path], &df, 2, k as u64 * 7919) else {
                continue;
            };
            probed += 1;
            let found = env.run(&["--index", &index, "search", "-l", &word]);
            // File names are unique within a corpus.
            let file = Path::new(path.as_str()).file_name();
            let out = found.stdout();
            assert!(
                out.lines().any(|l| Path::new(l).file_name() == file),
                "{name}: `search -l {word}` misses {path}: {out}"
            );
        }
        assert_eq!(probed, PROBES, "{name}: too few rare words to probe");
    }
}
