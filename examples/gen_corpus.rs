//! A deterministic, scaled-up news corpus built from real stories, for scale and speed tests:
//!
//!     cargo run --release --example gen_corpus -- --out DIR --articles N [--seed S] [--from ARCHIVE...]
//!
//! The source material is the real news in `../shared/data/news-reuters21578.tar.gz` and
//! `../shared/data/news-bbc.tar.gz` (or the `.tar.gz` archives given with `--from`). They are
//! unpacked to a temporary folder and every article is split into its title and paragraphs
//! (Reuters' hard-wrapped lines are joined: a paragraph starts at an indented line or after a
//! blank line; its closing ` Reuter` line is kept apart as a sign-off).
//!
//! Each generated article is a real title, a blank line, then as many paragraphs as that
//! title's story has (so article lengths follow the real corpus's), one per line:
//! consecutive paragraphs of the title's story and, for about a third of the articles, its
//! last few replaced by consecutive paragraphs of a second story of the same archive. In
//! each paragraph one word is swapped for a word of another story of the archive, so that
//! no paragraph recurs verbatim across articles (the cleaner would take a line found in
//! many unrelated articles for a site's template). Vocabulary, paragraph lengths and
//! wording stay those of real news; no text is invented. Articles are written to
//! `DIR/000/000000-20070314.txt`, `DIR/000/000001-20151102.txt`, ..., at most 1000 files a
//! folder, one at a time (a million articles need no more memory than the sources). The
//! date in each name (which newsq reads as the article's date when its text gives none)
//! is drawn evenly from 2000 to 2019 by a generator of its own, so the texts are those
//! of the same seed without dates; the timeline has periods to count. The same seed gives
//! byte-identical output (a xorshift generator; no dependency). `DIR` must be absent or
//! empty.
//!
//! The last line printed is a summary: `gen_corpus: N articles, B bytes (M MB), S s -> DIR`.
//! When an archive is absent it prints `skipping: ... absent` and exits 0.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// A source story: its title, body paragraphs and whether it closed with a Reuters sign-off.
struct Story {
    title: String,
    paras: Vec<String>,
    signoff: bool,
}

/// xorshift64* (Vigna): small, fast and good enough to pick stories and windows.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        // splitmix64 of the seed, so that small seeds (0, 1, 2) give unrelated streams and
        // the state is never zero.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }

    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// True with probability `pct` percent.
    fn chance(&mut self, pct: usize) -> bool {
        self.below(100) < pct
    }
}

struct Args {
    out: PathBuf,
    articles: usize,
    seed: u64,
    from: Vec<PathBuf>,
}

fn usage() -> ! {
    eprintln!("usage: gen_corpus --out DIR --articles N [--seed S] [--from ARCHIVE.tar.gz ...]");
    std::process::exit(2)
}

fn parse_args() -> Args {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    let mut out = None;
    let mut articles = None;
    let mut seed = 1;
    let mut from = Vec::new();
    let mut args = std::env::args().skip(1).peekable();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = args.next().map(PathBuf::from),
            "--articles" => articles = args.next().and_then(|s| s.replace('_', "").parse().ok()),
            "--seed" => {
                seed = args
                    .next()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or_else(|| usage())
            }
            "--from" => {
                while let Some(p) = args.next_if(|p| !p.starts_with("--")) {
                    from.push(PathBuf::from(p));
                }
            }
            "-h" | "--help" => usage(),
            other => {
                eprintln!("gen_corpus: unknown argument {other:?}");
                usage()
            }
        }
    }
    if from.is_empty() {
        from = vec![
            shared.join("news-reuters21578.tar.gz"),
            shared.join("news-bbc.tar.gz"),
        ];
    }
    match (out, articles) {
        (Some(out), Some(articles)) => Args {
            out,
            articles,
            seed,
            from,
        },
        _ => usage(),
    }
}

/// Splits one source file into title and paragraphs. The title is the first non-blank
/// line; in the body a paragraph starts at an indented line or after a blank line, and
/// other lines continue the paragraph before them (hard-wrapped text is joined).
fn split_article(text: &str) -> Option<Story> {
    let mut lines = text.lines().skip_while(|l| l.trim().is_empty());
    let title = lines.next()?.trim().to_owned();
    let mut paras: Vec<String> = Vec::new();
    let mut open = false;
    for line in lines {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            open = false;
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        if open && !indented {
            let last = paras.last_mut().expect("an open paragraph");
            last.push(' ');
            last.push_str(trimmed);
        } else {
            paras.push(trimmed.to_owned());
            open = true;
        }
    }
    for p in &mut paras {
        // Tables and hard wraps leave runs of spaces inside a paragraph.
        if p.contains("  ") {
            *p = p.split_whitespace().collect::<Vec<_>>().join(" ");
        }
    }
    let signoff = paras.last().is_some_and(|p| p == "Reuter" || p == "REUTER");
    if signoff {
        paras.pop();
    }
    if title.is_empty() {
        return None;
    }
    Some(Story {
        title,
        paras,
        signoff,
    })
}

/// Every `.txt` file under `dir`, sorted (so the story order, and the output, does not
/// depend on the file system's listing order).
fn txt_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            txt_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
    Ok(())
}

/// Unpacks each archive and reads its stories. Returns one list of stories per archive.
fn load_sources(archives: &[PathBuf]) -> std::io::Result<Vec<Vec<Story>>> {
    let tmp = tempfile::tempdir()?;
    let mut groups = Vec::new();
    for (i, archive) in archives.iter().enumerate() {
        let dir = tmp.path().join(i.to_string());
        std::fs::create_dir_all(&dir)?;
        let status = Command::new("tar")
            .arg("-xzf")
            .arg(archive)
            .arg("-C")
            .arg(&dir)
            .status()?;
        if !status.success() {
            return Err(std::io::Error::other(format!(
                "unpacking {} failed ({status})",
                archive.display()
            )));
        }
        let mut files = Vec::new();
        txt_files(&dir, &mut files)?;
        files.sort();
        let mut stories = Vec::with_capacity(files.len());
        for f in files {
            let bytes = std::fs::read(&f)?;
            if let Some(s) = split_article(&String::from_utf8_lossy(&bytes)) {
                stories.push(s);
            }
        }
        // Stories without a body can lend their title only through a second story; keep
        // the group to those with at least one paragraph.
        stories.retain(|s| !s.paras.is_empty());
        if !stories.is_empty() {
            groups.push(stories);
        }
    }
    Ok(groups)
}

/// Appends up to `n` consecutive paragraphs of `story`, from a random start, to `out`.
fn take_window<'a>(rng: &mut Rng, story: &'a Story, n: usize, out: &mut Vec<&'a str>) {
    let n = n.min(story.paras.len());
    let start = rng.below(story.paras.len() - n + 1);
    out.extend(story.paras[start..start + n].iter().map(String::as_str));
}

/// Writes the next article into `buf` (cleared first).
fn compose(rng: &mut Rng, groups: &[Vec<Story>], weights: &[usize], buf: &mut String) {
    // Pick the archive in proportion to its size, then a story of it.
    let mut g = rng.below(weights.iter().sum());
    let mut group = &groups[0];
    for (stories, &w) in groups.iter().zip(weights) {
        if g < w {
            group = stories;
            break;
        }
        g -= w;
    }
    let main = &group[rng.below(group.len())];
    // As long as the story itself: lengths follow the real corpus's.
    let want = main.paras.len();
    let second = if want >= 2 && rng.chance(33) {
        1 + rng.below(want / 2)
    } else {
        0
    };
    let mut paras: Vec<&str> = Vec::with_capacity(want);
    take_window(rng, main, want - second, &mut paras);
    // Too short a story, or a mixed article: fill from other stories of the same archive.
    let mut tries = 0;
    while paras.len() < want && tries < 8 {
        let other = &group[rng.below(group.len())];
        take_window(rng, other, want - paras.len(), &mut paras);
        tries += 1;
    }
    buf.clear();
    buf.push_str(&main.title);
    buf.push_str("\n\n");
    for p in paras {
        push_varied(rng, group, p, buf);
        buf.push('\n');
    }
    if main.signoff {
        buf.push_str("Reuter\n");
    }
}

/// The core of a word: without the punctuation around it.
fn core(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Appends `para` with one word swapped for a word of another paragraph of the archive.
/// Each source paragraph lands in dozens of articles; verbatim, it would recur across
/// the corpus like a site's template line and be cleaned away as one, which no real
/// corpus does to its story text.
fn push_varied(rng: &mut Rng, group: &[Story], para: &str, buf: &mut String) {
    let words: Vec<&str> = para.split(' ').collect();
    let at = rng.below(words.len());
    let donor_story = &group[rng.below(group.len())];
    let donor = donor_story
        .paras
        .get(rng.below(donor_story.paras.len().max(1)))
        .map(|d| {
            let dw: Vec<&str> = d.split(' ').collect();
            core(dw[rng.below(dw.len())])
        })
        .filter(|w| !w.is_empty());
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            buf.push(' ');
        }
        match donor {
            Some(d) if i == at && !core(w).is_empty() => {
                buf.push_str(&w.replacen(core(w), d, 1));
            }
            _ => buf.push_str(w),
        }
    }
}

fn digits(n: usize) -> usize {
    n.max(1).ilog10() as usize + 1
}

fn main() -> std::io::Result<()> {
    let args = parse_args();
    for a in &args.from {
        if !a.is_file() {
            println!("skipping: {} absent", a.display());
            return Ok(());
        }
    }
    if std::fs::read_dir(&args.out).is_ok_and(|mut d| d.next().is_some()) {
        eprintln!(
            "gen_corpus: {} is not empty; give an absent or empty folder",
            args.out.display()
        );
        std::process::exit(2);
    }
    let start = Instant::now();
    let groups = load_sources(&args.from)?;
    if groups.is_empty() {
        eprintln!("gen_corpus: no stories with a body in the archives");
        std::process::exit(2);
    }
    let weights: Vec<usize> = groups.iter().map(Vec::len).collect();
    let last = args.articles.saturating_sub(1);
    let file_width = digits(last).max(6);
    let shard_width = digits(last / 1000).max(3);
    let mut rng = Rng::new(args.seed);
    let mut dates = Rng::new(args.seed ^ 0xda7e_da7e_da7e_da7e);
    let first_day = jiff::civil::date(2000, 1, 1);
    let days = first_day
        .until(jiff::civil::date(2020, 1, 1))
        .map(|s| s.get_days() as usize)
        .unwrap_or(7305);
    let mut buf = String::with_capacity(64 * 1024);
    let mut bytes: u64 = 0;
    let mut shard_dir = PathBuf::new();
    for i in 0..args.articles {
        if i % 1000 == 0 {
            shard_dir = args.out.join(format!("{:0shard_width$}", i / 1000));
            std::fs::create_dir_all(&shard_dir)?;
        }
        compose(&mut rng, &groups, &weights, &mut buf);
        let day = first_day
            .checked_add(jiff::Span::new().days(dates.below(days) as i64))
            .unwrap_or(first_day);
        let path = shard_dir.join(format!("{i:0file_width$}-{}.txt", day.strftime("%Y%m%d")));
        std::fs::File::create(&path)?.write_all(buf.as_bytes())?;
        bytes += buf.len() as u64;
    }
    println!(
        "gen_corpus: {} articles, {} bytes ({:.1} MB), {:.2} s -> {}",
        args.articles,
        bytes,
        bytes as f64 / 1e6,
        start.elapsed().as_secs_f64(),
        args.out.display()
    );
    Ok(())
}
