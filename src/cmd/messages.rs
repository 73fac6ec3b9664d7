//! Every line the commands write on standard error, worded in one place: each
//! starts `newsq:`, then `warning:` when something was not done as asked (a notice that
//! only informs has no label), and each cause has one wording.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use newsq::corpus::Skipped;
use newsq::corpus::standalone::{self, TargetError};
use newsq::index::{BuildError, Event, Progress, Summary};
use newsq::output::notices::{self, Level, Notice};
use newsq::output::plural::counted;
use newsq::output::sanitize;

/// `newsq: warning: ...`
pub fn warning(message: &str) {
    eprintln!("newsq: warning: {}", sanitize::line(message));
}

/// `newsq: ...`: a notice that informs.
pub fn note(message: &str) {
    eprintln!("newsq: {}", sanitize::line(message));
}

/// Prints a worded notice as a `newsq:` line.
pub fn say(notice: &Notice) {
    match notice.level {
        Level::Warning => warning(&notice.text),
        Level::Note => note(&notice.text),
    }
}

/// `--offset` skipped every hit.
pub fn nothing_past(offset: usize, all: usize) {
    say(&notices::nothing_past(offset, all));
}

/// Everything a search has to say beside its hits (see [`notices::search`]).
pub fn search_notices(results: &newsq::search::Results) {
    for n in notices::search(results) {
        say(&n);
    }
}

/// The index holds no article, and why (see `newsq::index::why_empty`).
pub fn empty_index(index_dir: &std::path::Path, why: newsq::index::Empty) {
    use newsq::index::Empty;
    let why = match why {
        Empty::BeingWritten => {
            "yet: a `newsq index` run is writing it, and a search finds its articles once it commits them (every --commit-every articles, and at the end)"
        }
        Empty::Interrupted => {
            "yet: a `newsq index` run was stopped before it committed any; run it again"
        }
        Empty::NothingIndexed => "(add some with `newsq index PATH...`)",
    };
    note(&format!(
        "the index at {} holds no articles {why}",
        sanitize::path(index_dir)
    ));
}

/// At most this many per-file warnings of `newsq index` are printed; the rest are counted.
const MAX_INDEX_WARNINGS: usize = 50;

/// The progress of `newsq index`: a bar on a terminal, and the per-file warnings printed
/// above it (up to [`MAX_INDEX_WARNINGS`], all counted).
pub struct IndexReporter {
    bar: ProgressBar,
    quiet: bool,
    warnings: Mutex<usize>,
}

impl IndexReporter {
    /// A reporter that draws its bar only on a terminal, and nothing at all when `quiet`.
    pub fn new(quiet: bool) -> Self {
        let draw = if !quiet && std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(None, draw);
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg:8} {bar:40} {pos}/{len} files  {elapsed}")
                .expect("valid template"),
        );
        IndexReporter {
            bar,
            quiet,
            warnings: Mutex::new(0),
        }
    }

    /// Clears the bar; returns how many warnings the run had.
    pub fn finish(&self) -> usize {
        self.bar.finish_and_clear();
        *self.warnings.lock().expect("no panics while locked")
    }
}

impl Progress for IndexReporter {
    fn start(&self, stage: &str, files: u64) {
        self.bar.set_message(stage.to_owned());
        self.bar.set_length(files);
        self.bar.set_position(0);
    }
    fn advance(&self, n: u64) {
        self.bar.inc(n);
    }
    fn event(&self, event: &Event) {
        let mut count = self.warnings.lock().expect("no panics while locked");
        *count += 1;
        if self.quiet || *count > MAX_INDEX_WARNINGS {
            return;
        }
        let line = index_event(event);
        self.bar.suspend(|| eprintln!("{line}"));
    }
}

/// The warning line for one file of an index run (`newsq: warning: ...`).
fn index_event(event: &Event) -> String {
    let text = match *event {
        Event::Skipped(s) => skipped(s),
        Event::Converted { path, from } => {
            format!("{}: not UTF-8, read as {from}", sanitize::path(path))
        }
        Event::BadRecord { path, at, why } => {
            format!("{}{at}: skipped record: {why}", sanitize::path(path))
        }
        Event::SidecarIgnored { path, why } => {
            format!("{}: ignored: {why}", sanitize::path(path))
        }
    };
    format!("newsq: warning: {}", sanitize::line(&text))
}

/// One skipped file or folder: `skipped PATH: REASON (DETAIL)`.
fn skipped(s: &Skipped) -> String {
    let detail = match &s.leads_to {
        Some(ancestor) => format!("link leads back to {}", sanitize::path(ancestor)),
        None => s.detail.clone(),
    };
    format!(
        "skipped {}: {} ({detail})",
        sanitize::path(&s.path),
        s.reason
    )
}

/// An index run that stopped before it changed anything, worded with its paths escaped
/// for the terminal; other errors pass as they are.
pub fn build_error(err: anyhow::Error) -> anyhow::Error {
    let names = |paths: &[PathBuf]| {
        paths
            .iter()
            .map(|p| sanitize::path(p))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match err.downcast_ref::<BuildError>() {
        Some(BuildError::NotFound { roots, index }) => anyhow::anyhow!(
            "{}: not found (no such file or folder): nothing to index, the index at {} was left as it was",
            names(roots),
            sanitize::path(index)
        ),
        Some(BuildError::NothingToRebuild { roots }) => anyhow::anyhow!(
            "no article files found in {}: nothing to rebuild the index from; it is left as it was",
            names(roots)
        ),
        None => err,
    }
}

/// What reading a file for `newsq clean` met, worded as `newsq index` words it: the
/// encoding it was converted from, then each record skipped.
pub fn read_for_cleaning(path: &Path, read: &standalone::Read) {
    if let Some(from) = read.converted {
        eprintln!("{}", index_event(&Event::Converted { path, from }));
    }
    for bad in &read.bad {
        let at = bad.at.suffix();
        let why = &bad.reason;
        eprintln!("{}", index_event(&Event::BadRecord { path, at: &at, why }));
    }
}

/// A file `newsq clean` could not read (it goes on with the others, and exits 2).
pub fn unreadable_for_cleaning(path: &Path, err: &standalone::ReadError) {
    eprintln!(
        "newsq: error: {}: {}",
        sanitize::path(path),
        sanitize::line(&err.to_string())
    );
}

/// Why `newsq clean --out DIR` wrote nothing, with its paths escaped for the terminal.
pub fn clean_target_error(err: standalone::TargetError) -> anyhow::Error {
    match err {
        TargetError::NoName => anyhow::anyhow!("{err}"),
        TargetError::OverInput(target) => anyhow::anyhow!(
            "{} is a file being cleaned: give --out a folder of its own; nothing was written",
            sanitize::path(&target)
        ),
        TargetError::Clash {
            first,
            second,
            target,
        } => anyhow::anyhow!(
            "{} and {} would both be written to {}: clean them into separate folders; \
             nothing was written",
            sanitize::path(&first),
            sanitize::path(&second),
            sanitize::path(&target)
        ),
    }
}

/// `newsq index` with no path, and no roots recorded to walk again.
pub fn no_roots_to_index(index_dir: &Path, index_exists: bool) -> anyhow::Error {
    let index = sanitize::path(index_dir);
    if index_exists {
        anyhow::anyhow!(
            "no PATH given, and the index at {index} does not record what was indexed before (an older newsq wrote it): name the files and folders to index (`newsq index PATH...`)"
        )
    } else {
        anyhow::anyhow!(
            "no PATH given and no index at {index} yet: name the files and folders to index (`newsq index PATH...`)"
        )
    }
}

/// `newsq index` with no path, and every recorded root gone.
pub fn roots_gone(index_dir: &Path, shown: &[PathBuf]) -> anyhow::Error {
    let names: Vec<String> = shown.iter().map(|p| sanitize::path(p)).collect();
    anyhow::anyhow!(
        "the paths indexed before ({}) no longer exist: nothing to index, the index at {} was left as it was; name what to index (`newsq index PATH...`), or drop their articles with `newsq prune`",
        names.join(", "),
        sanitize::path(index_dir)
    )
}

/// The lines after an index run: warnings beyond the cap, stale articles, articles of an
/// earlier cleaner, no file found, then the summary.
pub fn index_done(s: &Summary, index_dir: &Path, roots: &[PathBuf], warnings: usize) {
    if warnings > MAX_INDEX_WARNINGS {
        eprintln!(
            "newsq: warning: … and {} more",
            counted(warnings - MAX_INDEX_WARNINGS, "warning", "warnings")
        );
    }
    if s.stale > 0 {
        eprintln!("newsq: warning: {}", stale(s));
    }
    if s.cleaned_before > 0 {
        eprintln!(
            "newsq: warning: {} cleaned by an earlier newsq's cleaner: {} cleans {} \
             again with this one",
            counted(s.cleaned_before, "article was", "articles were"),
            newsq::index::rebuild_command(index_dir),
            if s.cleaned_before == 1 { "it" } else { "them" },
        );
    }
    if s.seen == 0 {
        let roots: Vec<String> = roots.iter().map(|p| sanitize::path(p)).collect();
        eprintln!(
            "newsq: warning: no article files (.txt, .md, .html, .json, .jsonl, .ndjson, .gz) found in {}",
            roots.join(", ")
        );
    }
    eprintln!("newsq: {}", index_summary(s, index_dir));
}

/// The warning about articles whose files are gone outside the paths of the run.
fn stale(s: &Summary) -> String {
    let cwd = std::env::current_dir().ok();
    let under: Vec<String> = s
        .stale_under
        .iter()
        .map(|p| sanitize::path(&newsq::corpus::path::display_path(p, cwd.as_deref())))
        .collect();
    format!(
        "{} from paths that no longer exist ({}) {} searchable: `newsq prune` drops them",
        counted(s.stale, "article", "articles"),
        under.join(", "),
        if s.stale == 1 {
            "is still"
        } else {
            "are still"
        }
    )
}

/// The last line of a run: `N files seen (R records): A indexed, U unchanged, S skipped
/// (reasons)`, where N = A + U + S, then what else happened.
fn index_summary(s: &Summary, index_dir: &Path) -> String {
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for sk in &s.skipped {
        *reasons.entry(sk.reason.label()).or_default() += 1;
    }
    let mut records = Vec::new();
    if s.record_files > 0 {
        records.push(counted(s.records, "record", "records"));
    }
    if s.bad_records > 0 {
        records.push(counted(s.bad_records, "bad record", "bad records") + " skipped");
    }
    let records = if records.is_empty() {
        String::new()
    } else {
        format!(" ({})", records.join(", "))
    };
    let converted = if s.converted > 0 {
        format!(" ({} converted to UTF-8)", s.converted)
    } else {
        String::new()
    };
    let again = if s.recleaned > 0 {
        format!(
            " ({} cleaned again: the corpus's template lines changed)",
            s.recleaned
        )
    } else {
        String::new()
    };
    let skipped = if reasons.is_empty() {
        "0 skipped".to_owned()
    } else {
        let parts: Vec<String> = reasons.iter().map(|(r, n)| format!("{n} {r}")).collect();
        format!("{} skipped ({})", s.skipped.len(), parts.join(", "))
    };
    let deleted = if s.deleted > 0 {
        format!("; {} deleted", counted(s.deleted, "article", "articles"))
    } else {
        String::new()
    };
    format!(
        "{} seen{records}: {} indexed{converted}, {} unchanged{again}, {skipped}{deleted}; {} removed; {:.2} s (index: {})",
        counted(s.seen, "file", "files"),
        s.indexed,
        s.unchanged,
        counted(s.removed_lines, "boilerplate line", "boilerplate lines"),
        s.elapsed.as_secs_f64(),
        sanitize::path(index_dir)
    )
}

/// Refuses, before anything is written, an `-o` that would overwrite what the index is
/// made of: a file in the index folder, an indexed article file (or file of records), or
/// an indexed article's sidecar. Warns when the export lands under a path indexed before:
/// the next `newsq index` would read it as articles.
pub fn export_target(
    target: newsq::index::target::Target,
    path: &Path,
    index_dir: &Path,
) -> anyhow::Result<()> {
    use newsq::index::target::Target;
    let shown = sanitize::path(path);
    match target {
        Target::Free => {}
        Target::InsideIndex => anyhow::bail!(
            "{shown} is inside the index folder {}: write the export elsewhere; nothing was written",
            sanitize::path(index_dir)
        ),
        Target::Article => anyhow::bail!(
            "{shown} is an indexed article file: the export would overwrite it; write it elsewhere; nothing was written"
        ),
        Target::SidecarOf(article) => anyhow::bail!(
            "{shown} is the sidecar of the indexed article {}: the export would overwrite it; write it elsewhere; nothing was written",
            sanitize::path(&article)
        ),
        Target::UnderRoot(root) => {
            let cwd = std::env::current_dir().ok();
            warning(&format!(
                "{shown} is under {}, which the index reads: the next `newsq index` reads the export as articles too (a copy of each)",
                sanitize::path(&newsq::corpus::path::display_path(&root, cwd.as_deref()))
            ));
        }
    }
    Ok(())
}

/// Says on standard error that the article `path` (as `show` and `similar` take it) is not
/// in the index in `index_dir`, and what to do: name a record of a file of records, index
/// the file that holds the article (never a record's name, which `index` cannot read), or
/// pick a record that is there.
pub fn not_indexed(
    opened: &newsq::index::Index,
    index_dir: &Path,
    path: &Path,
) -> anyhow::Result<()> {
    let shown = sanitize::path(path);
    let index = sanitize::path(index_dir);
    if newsq::corpus::format::is_records_file(path) {
        eprintln!(
            "newsq: {shown} holds JSON records, each an article: name one as {shown}:LINE (`newsq search -l` lists them)"
        );
        return Ok(());
    }
    let record = newsq::corpus::records::split_record_path(newsq::corpus::path::path_bytes(path))
        .map(|(file, at)| (newsq::corpus::path::path_from_bytes(file), at))
        .filter(|(file, _)| newsq::corpus::format::is_records_file(file) || !path.exists());
    let Some((file, at)) = record else {
        eprintln!(
            "newsq: {shown} is not in the index at {index} (index it with `newsq index {shown}`)"
        );
        return Ok(());
    };
    let file_shown = sanitize::path(&file);
    let there = opened.records_of(&file)?;
    if !there.is_empty() {
        const LIST: usize = 5;
        let mut names: Vec<String> = there
            .iter()
            .take(LIST)
            .map(|p| format!("{file_shown}{}", p.suffix()))
            .collect();
        if there.len() > LIST {
            names.push(format!("… ({} in all)", there.len()));
        }
        let place = match at.column {
            Some(c) => format!("line {}, column {c}", at.line),
            None => format!("line {}", at.line),
        };
        eprintln!(
            "newsq: {shown} is not in the index at {index}: no record of {file_shown} starts on {place}; its records are {}",
            names.join(", ")
        );
    } else if newsq::corpus::format::is_records_file(&file) {
        eprintln!(
            "newsq: {shown} is not in the index at {index} (index its file with `newsq index {file_shown}`)"
        );
    } else {
        eprintln!(
            "newsq: {shown} is not in the index at {index}: FILE:LINE names a record of a file of JSON records, and {file_shown} is not one (`newsq show {file_shown}` shows it whole)"
        );
    }
    Ok(())
}
