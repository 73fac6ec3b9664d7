//! Every line the search commands write on standard error, worded in one place: each
//! starts `newsq:`, then `warning:` when something was not done as asked (a notice that
//! only informs has no label), and each cause has one wording.

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

/// A query word no article holds, and the closest spelling the index has.
pub fn did_you_mean(word: &str, better: &str) {
    note(&format!(
        "no article holds {word:?}; did you mean {better}?"
    ));
}

/// More close spellings than are shown.
pub fn more_spellings(n: usize) {
    note(&format!(
        "… and {} close spellings in the index",
        counted(n, "more word has", "more words have")
    ));
}

/// Lines removed as boilerplate would add `n` articles (`more`: to the hits found).
pub fn removed_would_add(n: usize, more: bool, what: &str) {
    let articles = if more {
        counted(n, "more article", "more articles")
    } else {
        counted(n, "article", "articles")
    };
    let verb = if n == 1 { "holds" } else { "hold" };
    note(&format!(
        "{articles} {verb} {what} only in lines removed as boilerplate: add --removed"
    ));
}

/// The human listing shows the articles holding any of the words.
pub fn showing_any(words: &[String], n: usize) {
    note(&format!(
        "no article holds all of {}; showing the {n} that hold any of them",
        words.join(", ")
    ));
}

/// A date filter left out articles with no known date.
pub fn undated_left_out(n: usize) {
    note(&format!(
        "{} no known date and {} left out by --since/--until",
        counted(n, "matching article has", "matching articles have"),
        if n == 1 { "was" } else { "were" }
    ));
}

/// `--sort date` puts the articles with no known date last.
pub fn undated_last(n: usize, total: usize) {
    if n == total {
        note(&if total == 1 {
            "the matching article has no known date".to_owned()
        } else {
            format!(
                "none of the {total} matching articles has a known date: they come in path order"
            )
        });
        return;
    }
    note(&format!(
        "{n} of the {} no known date: {} last, in path order",
        counted(total, "matching article has", "matching articles have"),
        if n == 1 { "it comes" } else { "they come" }
    ));
}

/// `--offset` skipped every hit.
pub fn nothing_past(offset: usize, all: usize) {
    note(&format!("no hits past {offset} ({all} in all)"));
}

/// A query word is a folder that holds indexed articles.
pub fn word_is_a_folder(word: &str) {
    warning(&format!(
        "{word} is a folder of indexed articles, searched here as a word; to search only \
         the articles under it, use --path {word}"
    ));
}

/// A `--path` (or `path:`) pattern that no indexed article's path matches.
pub fn path_matches_nothing(pattern: &str) {
    warning(&format!("no indexed article's path matches {pattern}"));
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
