//! What an article's path says about it: which article it is (its identity, the key
//! the index stores and compares, and how a user is shown it), and the date that archives
//! and scrapers write into folder and file names (`2024/05/16/story.txt`,
//! `rtrs-20240516-...txt`, `2024-05-16-story.html`).

use std::path::{Component, Path, PathBuf};

use jiff::civil::Date;

/// The identity of an article file: its absolute path with the folders resolved
/// (`a/../b/x.txt` and `b/x.txt` are one article) but the file name kept as is.
pub fn path_key(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (abs.parent(), abs.file_name()) {
        (Some(parent), Some(name)) => std::fs::canonicalize(parent)
            .map(|p| p.join(name))
            .unwrap_or(abs),
        _ => abs,
    }
}

/// A path as users see it: relative to the current folder when it lies below it.
pub fn display_path(key: &Path, cwd: Option<&Path>) -> PathBuf {
    if let Some(cwd) = cwd
        && let Ok(rel) = key.strip_prefix(cwd)
        && !rel.as_os_str().is_empty()
    {
        return rel.to_path_buf();
    }
    key.to_path_buf()
}

/// The exact bytes of a path (Unix file names need not be UTF-8).
pub fn path_bytes(path: &Path) -> &[u8] {
    path.as_os_str().as_encoded_bytes()
}

/// Rebuilds a path from its exact bytes.
pub fn path_from_bytes(bytes: &[u8]) -> PathBuf {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        PathBuf::from(std::ffi::OsStr::from_bytes(bytes))
    }
    #[cfg(not(unix))]
    {
        PathBuf::from(String::from_utf8_lossy(bytes).into_owned())
    }
}

/// Years a date in a path may have: wider than any news archive, narrow enough that an
/// id's digits (`...-idUSN2021166720061020`) or a count rarely pass for one.
const YEARS: std::ops::RangeInclusive<i16> = 1900..=2100;

/// The date written into a path, nearest the file first: in the file's name, then in
/// `YYYY/MM/DD` folders, then in a folder's name. A date is a whole one (`YYYY-MM-DD`,
/// `YYYY_MM_DD`, `YYYY.MM.DD` or `YYYYMMDD`, between non-digits) that the calendar has.
pub fn date(path: &Path) -> Option<Date> {
    let parts: Vec<String> = path
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let (file, folders) = parts.split_last()?;
    if let Some(d) = in_name(file) {
        return Some(d);
    }
    // `.../2024/05/16/story.txt`, nearest the file first.
    for w in folders.windows(3).rev() {
        if let Some(d) = folder_date(&w[0], &w[1], &w[2]) {
            return Some(d);
        }
    }
    folders.iter().rev().find_map(|f| in_name(f))
}

/// The date in one file or folder name.
fn in_name(name: &str) -> Option<Date> {
    let b = name.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut i = 0;
    while i < b.len() {
        if !digit(i) || (i > 0 && digit(i - 1)) {
            i += 1;
            continue;
        }
        let run = (i..b.len()).take_while(|&j| digit(j)).count();
        let found = if run == 8 {
            let s = &name[i..i + 8];
            ymd(&s[..4], &s[4..6], &s[6..])
        } else if run == 4 && b.len() >= i + 10 {
            let sep = b[i + 4];
            let s = &name[i..i + 10];
            let shaped = matches!(sep, b'-' | b'_' | b'.')
                && b[i + 7] == sep
                && (i + 5..i + 7).all(digit)
                && (i + 8..i + 10).all(digit)
                && !digit(i + 10);
            if shaped {
                ymd(&s[..4], &s[5..7], &s[8..])
            } else {
                None
            }
        } else {
            None
        };
        if found.is_some() {
            return found;
        }
        i += run;
    }
    None
}

/// Three folders that are a year, a month and a day.
fn folder_date(y: &str, m: &str, d: &str) -> Option<Date> {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    (digits(y, 4) && digits(m, 2) && digits(d, 2))
        .then(|| ymd(y, m, d))
        .flatten()
}

fn ymd(y: &str, m: &str, d: &str) -> Option<Date> {
    let y: i16 = y.parse().ok().filter(|y| YEARS.contains(y))?;
    Date::new(y, m.parse().ok()?, d.parse().ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_resolved_once_a_folder_are_their_path_keys() {
        let tmp = tempfile::tempdir().unwrap();
        let news = tmp.path().join("news");
        std::fs::create_dir_all(news.join("world")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(news.join("world"), tmp.path().join("linked")).unwrap();
        let paths: Vec<PathBuf> = [
            news.join("a.txt"),
            news.join("world/b.txt"),
            news.join("world/../c.txt"),
            news.join("./world/d.txt"),
            tmp.path().join("linked/e.txt"),
            tmp.path().join("missing/f.txt"),
            PathBuf::from("g.txt"),
            PathBuf::from("news/h.txt"),
            news.join("world/b.txt"),
        ]
        .into_iter()
        .collect();
        let one_by_one: Vec<PathBuf> = paths.iter().map(|p| path_key(p)).collect();
        // A listing resolves each folder once: the same keys.
        let mut listing = crate::corpus::Listing::new();
        for p in &paths {
            listing.push(p, 0, 0, false);
        }
        let listed: Vec<PathBuf> = (0..listing.len()).map(|i| listing.key(i)).collect();
        assert_eq!(listed, one_by_one);
        // Through a link to a folder, the key is the folder's real path.
        #[cfg(unix)]
        assert_eq!(
            one_by_one[4],
            std::fs::canonicalize(news.join("world"))
                .unwrap()
                .join("e.txt")
        );
    }

    fn d(y: i16, m: i8, day: i8) -> Option<Date> {
        Date::new(y, m, day).ok()
    }

    #[test]
    fn dates_in_file_names() {
        assert_eq!(
            date(Path::new(
                "fin/rtrs-20061020-businesspro-google-dc-idUSN2036351320061020.txt"
            )),
            d(2006, 10, 20)
        );
        assert_eq!(date(Path::new("a/2024-05-16-harbour.html")), d(2024, 5, 16));
        assert_eq!(date(Path::new("a/harbour_2024_05_16.txt")), d(2024, 5, 16));
        assert_eq!(date(Path::new("2024.05.16.txt")), d(2024, 5, 16));
        // An id's digits, a day the calendar lacks, a year out of range: no date.
        assert_eq!(date(Path::new("a/idUSN2036351320061020.txt")), None);
        assert_eq!(date(Path::new("a/20230230.txt")), None);
        assert_eq!(date(Path::new("a/18000101.txt")), None);
        assert_eq!(date(Path::new("a/2024-05-166.txt")), None);
        assert_eq!(date(Path::new("a/story-12.txt")), None);
    }

    #[test]
    fn dates_in_folders_nearest_first() {
        assert_eq!(date(Path::new("news/2024/05/16/story.txt")), d(2024, 5, 16));
        assert_eq!(
            date(Path::new("2023-01-02/news/2024/05/16/story.txt")),
            d(2024, 5, 16)
        );
        assert_eq!(date(Path::new("2023-01-02/news/story.txt")), d(2023, 1, 2));
        // The file's own name wins over its folders.
        assert_eq!(
            date(Path::new("news/2024/05/16/20240517-story.txt")),
            d(2024, 5, 17)
        );
        assert_eq!(date(Path::new("news/2024/05/story.txt")), None);
        assert_eq!(date(Path::new("story.txt")), None);
    }
}
