//! What a search has to say beside its hits, worded once for every face: the command line
//! prints each as a `newsq:` line on standard error, the web page as a notice above the
//! hits.

use super::plural::counted;
use crate::search::Results;

/// Spelling suggestions shown at most: a pasted paragraph should not print one per word.
pub const MAX_SUGGESTIONS: usize = 5;

/// Whether a notice says that something was not done as asked, or only informs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Something was ignored or reinterpreted.
    Warning,
    /// Information only.
    Note,
}

/// One notice, worded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Its level.
    pub level: Level,
    /// Its words (untrusted parts included: sanitise or escape before showing).
    pub text: String,
}

fn warning(text: String) -> Notice {
    Notice {
        level: Level::Warning,
        text,
    }
}

fn note(text: String) -> Notice {
    Notice {
        level: Level::Note,
        text,
    }
}

/// Everything a search has to say beside its hits, in order: the query's warnings, words
/// that are folders, spellings, matches only in removed lines, the fallback to any word,
/// paths that match nothing, undated articles left out or listed last.
pub fn search(results: &Results) -> Vec<Notice> {
    let n = &results.notices;
    let mut out: Vec<Notice> = n.warnings.iter().cloned().map(warning).collect();
    for word in &n.folder_words {
        out.push(word_is_a_folder(word));
    }
    for (word, better) in n.spellings.iter().take(MAX_SUGGESTIONS) {
        out.push(did_you_mean(word, better));
    }
    if n.spellings.len() > MAX_SUGGESTIONS {
        out.push(more_spellings(n.spellings.len() - MAX_SUGGESTIONS));
    }
    if n.in_removed > 0 {
        let what = if n.typed.is_empty() {
            "these words".to_owned()
        } else {
            n.typed.join(" ")
        };
        out.push(removed_would_add(
            n.in_removed,
            results.holding() > 0,
            &what,
        ));
    }
    if results.relaxed {
        out.push(showing_any(&n.typed, results.total));
    }
    for pattern in &n.empty_paths {
        out.push(path_matches_nothing(pattern));
    }
    if n.undated_left_out > 0 {
        out.push(undated_left_out(n.undated_left_out));
    }
    if let Some(undated) = n.undated.filter(|&u| u > 0) {
        out.push(undated_last(undated, results.total));
    }
    out
}

/// A query word is a folder that holds indexed articles.
pub fn word_is_a_folder(word: &str) -> Notice {
    warning(format!(
        "{word} is a folder of indexed articles, searched here as a word; to search only \
         the articles under it, use --path {word}"
    ))
}

/// A `--path` (or `path:`) pattern that no indexed article's path matches.
pub fn path_matches_nothing(pattern: &str) -> Notice {
    warning(format!("no indexed article's path matches {pattern}"))
}

/// A query word no article holds, and the closest spelling the index has.
pub fn did_you_mean(word: &str, better: &str) -> Notice {
    note(format!("no article holds {word:?}; did you mean {better}?"))
}

/// More close spellings than are shown.
pub fn more_spellings(n: usize) -> Notice {
    note(format!(
        "… and {} close spellings in the index",
        counted(n, "more word has", "more words have")
    ))
}

/// Lines removed as boilerplate would add `n` articles (`more`: to the hits found).
pub fn removed_would_add(n: usize, more: bool, what: &str) -> Notice {
    let articles = if more {
        counted(n, "more article", "more articles")
    } else {
        counted(n, "article", "articles")
    };
    let verb = if n == 1 { "holds" } else { "hold" };
    note(format!(
        "{articles} {verb} {what} only in lines removed as boilerplate: add --removed"
    ))
}

/// The human listing shows the articles holding any of the words.
pub fn showing_any(words: &[String], n: usize) -> Notice {
    note(format!(
        "no article holds all of {}; showing the {n} that hold any of them",
        words.join(", ")
    ))
}

/// A date filter left out articles with no known date.
pub fn undated_left_out(n: usize) -> Notice {
    note(format!(
        "{} no known date and {} left out by --since/--until",
        counted(n, "matching article has", "matching articles have"),
        if n == 1 { "was" } else { "were" }
    ))
}

/// `--sort date` puts the articles with no known date last.
pub fn undated_last(n: usize, total: usize) -> Notice {
    if n == total {
        return note(if total == 1 {
            "the matching article has no known date".to_owned()
        } else {
            format!(
                "none of the {total} matching articles has a known date: they come in path order"
            )
        });
    }
    note(format!(
        "{n} of the {} no known date: {} last, in path order",
        counted(total, "matching article has", "matching articles have"),
        if n == 1 { "it comes" } else { "they come" }
    ))
}

/// `--offset` skipped every hit.
pub fn nothing_past(offset: usize, all: usize) -> Notice {
    note(format!("no hits past {offset} ({all} in all)"))
}
