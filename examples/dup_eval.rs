//! Precision and recall of the near-duplicate signature (MinHash of word 3-shingles of the
//! cleaned body, compared as estimated containment) on pairs built from real articles (the BBC archive in `../shared/data`):
//!
//!     cargo run --release --example dup_eval
//!
//! Copies: each story reprinted with another byline, boilerplate lines a syndicating site
//! adds (a "READ MORE" link, a call to follow, a disclaimer) and its last paragraphs cut
//! (a quarter, then a half). Different stories: each story against the most similar other
//! story of its section (most shared words), so same topic and same desk, the hard case;
//! and each story with figures against a re-run of it with other figures (every digit
//! changed), as a daily report on a template is ("The Fed added 1.5 billion dlrs of
//! reserves ..."): the same words, another story.
//!
//! Each threshold is shown for the word signature alone and with the figures check
//! that newsq applies on top (`figures_agree`).

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::Command;

use newsq::clean::{self, CorpusStats};

fn words(text: &str) -> HashSet<String> {
    clean::word_tokens(&text.to_lowercase())
        .filter(|w| w.len() > 3)
        .map(str::to_owned)
        .collect()
}

fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let i = a.intersection(b).count() as f64;
    i / ((a.len() + b.len()) as f64 - i)
}

fn reprint(text: &str, keep: f64, n: usize) -> String {
    let mut lines: Vec<&str> = text.lines().collect();
    let title = lines.remove(0);
    let paras: Vec<&str> = lines.into_iter().filter(|l| !l.trim().is_empty()).collect();
    let kept = ((paras.len() as f64 * keep).ceil() as usize).max(1);
    let mut out = vec![
        title.to_owned(),
        String::new(),
        format!("By Staff Writer {n}"),
        "Updated 2 hours ago".to_owned(),
    ];
    for (i, p) in paras.iter().take(kept).enumerate() {
        out.push((*p).to_owned());
        if i == 1 {
            out.push("READ MORE: Markets Wrap Up A Volatile Week".to_owned());
        }
    }
    out.push("Follow us on Twitter and Facebook for the latest news.".to_owned());
    out.push("(This story has not been edited by our staff and is auto-generated from a syndicated feed.)".to_owned());
    out.join("\n")
}

/// The story with every digit changed: other figures, the same words.
fn rerun(text: &str) -> String {
    text.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_digit((d + 3) % 10, 10).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// Whether a text has two distinct figures or more: with fewer, figures tell no two
/// texts apart, and the re-run is no different story for the check to find.
fn has_figures(text: &str) -> bool {
    let figures: HashSet<&str> = text
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|t| t.bytes().any(|b| b.is_ascii_digit()))
        .collect();
    figures.len() >= 2
}

fn main() -> anyhow::Result<()> {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    let archive = shared.join("news-bbc.tar.gz");
    if !archive.is_file() {
        eprintln!("skipping: {} is absent", archive.display());
        return Ok(());
    }
    let tmp = tempfile::tempdir()?;
    let status = Command::new("tar")
        .arg("-xzf")
        .arg(&archive)
        .arg("-C")
        .arg(tmp.path())
        .status()?;
    anyhow::ensure!(status.success(), "unpacking failed");
    let mut files: Vec<PathBuf> = std::fs::read_dir(tmp.path().join("bbc"))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.sort();
    let texts: Vec<String> = files
        .iter()
        .map(|f| {
            let b = std::fs::read(f).unwrap_or_default();
            newsq::corpus::decode(&b)
                .map(|t| t.text)
                .unwrap_or_default()
        })
        .collect();
    let section = |i: usize| -> String {
        files[i]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .split('-')
            .nth(1)
            .unwrap_or("")
            .to_owned()
    };
    let stats = CorpusStats::empty();
    let sig = |t: &str| clean::minhash(&clean::clean(t, &clean::Given::default(), &stats).body());
    let sigs: Vec<clean::Signature> = texts.iter().map(|t| sig(t)).collect();
    let bags: Vec<HashSet<String>> = texts.iter().map(|t| words(t)).collect();

    let thresholds = [0.4f32, 0.5, 0.6, 0.7, 0.8, 0.9];
    // Per threshold: (words alone, with figures) for copies found and non-copies called.
    let mut tp = vec![(0usize, 0usize); thresholds.len()];
    let mut fp = vec![(0usize, 0usize); thresholds.len()];
    let mut fp_rerun = vec![(0usize, 0usize); thresholds.len()];
    let (mut positives, mut negatives, mut reruns) = (0usize, 0usize, 0usize);
    let mut pos_sims = Vec::new();
    let mut archive_copies = 0usize;
    let mut shown = 0;
    let mut neg_sims = Vec::new();
    let count = |acc: &mut Vec<(usize, usize)>, a: &clean::Signature, b: &clean::Signature| {
        let s = clean::similarity(a, b);
        let agree = clean::figures_agree(a, b);
        for (k, t) in thresholds.iter().enumerate() {
            acc[k].0 += usize::from(s >= *t);
            acc[k].1 += usize::from(s >= *t && agree);
        }
        s
    };
    for i in 0..texts.len() {
        for (n, keep) in [(1, 0.75), (2, 0.5)] {
            let s = count(&mut tp, &sigs[i], &sig(&reprint(&texts[i], keep, n)));
            positives += 1;
            pos_sims.push(s);
        }
        let body = clean::clean(&texts[i], &clean::Given::default(), &stats).body();
        if has_figures(&body) {
            reruns += 1;
            count(&mut fp_rerun, &sigs[i], &sig(&rerun(&texts[i])));
        }
        // The hardest different story: same section, most shared words.
        let other = (0..texts.len())
            .filter(|&j| j != i && section(j) == section(i) && texts[j] != texts[i])
            .max_by(|&a, &b| jaccard(&bags[i], &bags[a]).total_cmp(&jaccard(&bags[i], &bags[b])));
        if let Some(j) = other {
            // The archive itself holds some stories twice; those are copies, not a pair of
            // different stories.
            if jaccard(&bags[i], &bags[j]) > 0.6 {
                archive_copies += 1;
                continue;
            }
            let s = count(&mut fp, &sigs[i], &sigs[j]);
            if s >= newsq::search::COPY_SIMILARITY && shown < 3 {
                shown += 1;
                eprintln!(
                    "called copies: {} / {} (word overlap {:.2})",
                    files[i].display(),
                    files[j].display(),
                    jaccard(&bags[i], &bags[j])
                );
            }
            negatives += 1;
            neg_sims.push(s);
        }
    }
    println!(
        "{positives} copy pairs, {negatives} same-topic pairs of different stories, {reruns} \
         template re-runs with other figures (BBC, {} articles; {archive_copies} nearest \
         neighbours left out as copies already in the archive)",
        texts.len()
    );
    println!(
        "threshold  check          precision  recall   (copies found / same-topic pairs called copies / re-runs called copies)"
    );
    for (k, t) in thresholds.iter().enumerate() {
        for (label, pick) in [
            (
                "words",
                (|x: (usize, usize)| x.0) as fn((usize, usize)) -> usize,
            ),
            ("words+figures", |x: (usize, usize)| x.1),
        ] {
            let (found, wrong) = (pick(tp[k]), pick(fp[k]) + pick(fp_rerun[k]));
            let p = found as f64 / (found + wrong).max(1) as f64;
            let r = found as f64 / positives.max(1) as f64;
            let newsq = (*t - newsq::search::COPY_SIMILARITY).abs() < 1e-6 && label != "words";
            println!(
                "  {t:.1}      {label:<13}  {p:.4}     {r:.4}   ({found}/{positives}, {}/{negatives}, {}/{reruns}){}",
                pick(fp[k]),
                pick(fp_rerun[k]),
                if newsq { "  <- newsq" } else { "" }
            );
        }
    }
    let median = |v: &mut Vec<f32>| {
        v.sort_by(f32::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(0.0)
    };
    println!(
        "median similarity: copies {:.2}, different stories {:.2}",
        median(&mut pos_sims),
        median(&mut neg_sims)
    );
    Ok(())
}
