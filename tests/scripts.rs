//! A contract scripts can build on (issue 20, the search side): every word required for
//! every format, `--any`, `--path`, exact JSON paths and a summary, CSV and TSV, dates,
//! exit codes, the removed-lines hint, and one voice on standard error.

use crate::util::{Env, read_table};

/// A few short articles in three folders; two carry dates (sidecars), one has "airgas"
/// only in a line the cleaner removes.
fn news() -> Env {
    let env = Env::new();
    env.write(
        "news/world/cocoa.txt",
        "Cocoa prices climb\n\nCocoa futures rose on Monday as dry weather in Côte d'Ivoire cut the harvest, traders said.\nO'Neil, a trader in London, said buyers don't expect relief before the spring.\n",
    );
    env.write(
        "news/world/cocoa.txt.meta.json",
        r#"{"date": "1987-03-04", "source": "Wire"}"#,
    );
    env.write(
        "news/world/cocoa-ghana.txt",
        "Ghana raises cocoa price\n\nGhana raised the price it pays farmers for cocoa by a fifth, officials said on Tuesday.\nThe board said the rise would curb smuggling across the border.\n",
    );
    env.write(
        "news/world/cocoa-ghana.txt.meta.json",
        r#"{"date": "1988-06-01", "source": "Wire"}"#,
    );
    env.write(
        "news/sport/football.txt",
        "Mourinho praises squad\n\nJose Mourinho said on Saturday his squad showed character in a hard win away from home.\nThe manager said the club would not sell players in January.\n",
    );
    env.write(
        "news/sport/tennis.txt",
        "San Jose open draws crowds\n\nThe tennis tournament in San Jose drew record crowds on Sunday, organisers said.\nTickets sold out within hours of going on sale.\n",
    );
    env.write(
        "news/business/airgas.txt",
        "Airgas buys rival\n\nAirgas agreed to buy a smaller rival for cash, the company said on Wednesday.\nThe deal is expected to close by the end of the year.\n",
    );
    env.write(
        "news/business/steel.txt",
        "Steel output rises\n\nSteel output rose for a third month as carmakers ordered more, the industry group said.\nMills are running close to capacity.\nJoin our Telegram channel for exclusive Airgas coverage.\n",
    );
    env.index(&["news"]);
    env
}

fn lines(out: &str) -> Vec<&str> {
    out.lines().collect()
}

#[test]
fn every_word_is_required_for_counts_paths_json_and_tables() {
    let env = news();
    let r = env.run(&["search", "-c", "cocoa", "zzzqqq"]);
    r.assert_code(1);
    assert_eq!(r.stdout(), "0\n");
    let r = env.run(&["search", "-l", "cocoa", "zzzqqq"]);
    r.assert_code(1);
    assert_eq!(r.stdout(), "");
    let r = env.run(&["search", "--json", "cocoa", "zzzqqq"]);
    r.assert_code(1);
    assert_eq!(r.stdout(), "");
    let r = env.run(&["search", "--csv", "cocoa", "zzzqqq"]);
    r.assert_code(1);
    let rows = read_table(&r.0.stdout, b',');
    assert_eq!(rows.len(), 1, "the header alone: {rows:?}");
    // Facets count what the search counts.
    env.run(&["facets", "lang", "cocoa", "zzzqqq"])
        .assert_code(1);
    // Only the human listing falls back, and names it.
    let r = env.run(&["search", "cocoa", "zzzqqq"]);
    r.assert_code(0);
    assert!(
        r.stderr().contains(
            "newsq: no article holds all of cocoa, zzzqqq; showing the 2 that hold any of them"
        ),
        "{}",
        r.stderr()
    );
    assert!(
        r.stdout().contains("news/world/cocoa.txt"),
        "{}",
        r.stdout()
    );
    // --strict stops it.
    let r = env.run(&["search", "--strict", "cocoa", "zzzqqq"]);
    r.assert_code(1);
    assert_eq!(r.stdout(), "");
    assert!(!r.stderr().contains("showing"), "{}", r.stderr());
}

#[test]
fn the_spelling_help_comes_before_the_fallback() {
    let env = news();
    let r = env.run(&["search", "Jose", "Mourhino"]);
    r.assert_code(0);
    let err = r.stderr();
    let hint = err
        .find("did you mean Mourinho?")
        .unwrap_or_else(|| panic!("{err}"));
    let fallback = err.find("showing the").unwrap_or_else(|| panic!("{err}"));
    assert!(hint < fallback, "{err}");
    // A script gets nothing for the misspelt query, and the same help.
    let r = env.run(&["search", "-l", "Jose", "Mourhino"]);
    r.assert_code(1);
    assert!(
        r.stderr().contains("did you mean Mourinho?"),
        "{}",
        r.stderr()
    );
}

#[test]
fn any_asks_for_alternatives_in_every_format_and_marks_them() {
    let env = news();
    let r = env.run(&["search", "--any", "-c", "cocoa", "zzzqqq"]);
    r.assert_code(0);
    assert_eq!(r.stdout(), "2\n");
    let hits = env.search_json(&["--any", "Jose", "Mourinho"]);
    let relaxed = |path: &str| {
        hits.iter()
            .find(|h| h["path"] == path)
            .unwrap_or_else(|| panic!("{path}: {hits:?}"))["relaxed"]
            .clone()
    };
    assert_eq!(relaxed("news/sport/football.txt"), false);
    assert_eq!(relaxed("news/sport/tennis.txt"), true);
    // Without --any every hit holds every word, and the field is left out.
    let plain = env.search_json(&["Mourinho"]);
    assert!(plain[0].get("relaxed").is_none(), "{:?}", plain[0]);
    let r = env.run(&["search", "--any", "--csv", "Mourinho", "tennis"]);
    r.assert_code(0);
    let rows = read_table(&r.0.stdout, b',');
    let col = rows[0].iter().position(|c| c == "relaxed").unwrap();
    assert!(rows[1..].iter().all(|row| row[col] == "true"), "{rows:?}");
}

#[test]
fn an_apostrophe_inside_a_word_is_part_of_it() {
    let env = news();
    for query in ["O'Neil", "don't", "Côte d'Ivoire", "cocoa O'Neil"] {
        let r = env.run(&["search", "-l", query]);
        r.assert_code(0);
        assert_eq!(r.stdout(), "news/world/cocoa.txt\n", "{query}");
        assert!(!r.stderr().contains("warning"), "{query}: {}", r.stderr());
        let strict = env.run(&["search", "--strict", "-l", query]);
        strict.assert_code(0);
    }
    // A quoted phrase in single quotes is still one.
    let r = env.run(&["search", "-l", "'record crowds'"]);
    r.assert_code(0);
    assert_eq!(r.stdout(), "news/sport/tennis.txt\n");
}

#[test]
fn path_limits_a_search_to_a_folder_or_a_glob() {
    let env = news();
    let list = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["search", "-l"];
        all.extend_from_slice(args);
        let mut out: Vec<String> = env.run(&all).stdout().lines().map(str::to_owned).collect();
        out.sort();
        out
    };
    assert_eq!(
        list(&["--path", "news/sport/", "said"]),
        ["news/sport/football.txt", "news/sport/tennis.txt"]
    );
    assert_eq!(
        list(&["--path", "news/*/cocoa*", "said"]),
        ["news/world/cocoa-ghana.txt", "news/world/cocoa.txt"]
    );
    assert_eq!(
        list(&[
            "--path",
            "news/sport",
            "--path",
            "news/business/air*",
            "said"
        ]),
        [
            "news/business/airgas.txt",
            "news/sport/football.txt",
            "news/sport/tennis.txt"
        ]
    );
    assert_eq!(
        list(&["path:news/world/ said"]),
        ["news/world/cocoa-ghana.txt", "news/world/cocoa.txt"]
    );
    assert_eq!(
        list(&["said -path:news/world/ -path:news/business/"]),
        ["news/sport/football.txt", "news/sport/tennis.txt"]
    );
    assert_eq!(
        list(&["path:news/sport/tennis.txt"]),
        ["news/sport/tennis.txt"]
    );
    // Relative to the current folder, as paths are shown.
    let r = env
        .newsq()
        .current_dir(env.path().join("news"))
        .args([
            "--index", "../index", "search", "-l", "--path", "sport/", "said",
        ])
        .output()
        .unwrap();
    let mut got: Vec<&str> = std::str::from_utf8(&r.stdout).unwrap().lines().collect();
    got.sort();
    assert_eq!(got, ["sport/football.txt", "sport/tennis.txt"]);
    // Counts and facets take it too.
    let r = env.run(&["search", "-c", "--path", "news/world", "said"]);
    assert_eq!(r.stdout(), "2\n");
    let r = env.run(&["facets", "source", "--path", "news/sport/"]);
    r.assert_code(1);
    let r = env.run(&["search", "-c", "--path", "nowhere/", "said"]);
    r.assert_code(1);
    assert!(
        r.stderr()
            .contains("newsq: warning: no indexed article's path matches nowhere/"),
        "{}",
        r.stderr()
    );
}

#[test]
fn a_query_word_that_names_an_indexed_folder_is_pointed_out() {
    let env = news();
    let r = env.run(&["search", "-c", "said", "news/sport/"]);
    assert!(
        r.stderr()
            .contains("news/sport/ is a folder of indexed articles")
            && r.stderr().contains("use --path news/sport/"),
        "{}",
        r.stderr()
    );
    // A word that only happens to be a folder name newsq did not index says nothing.
    std::fs::create_dir_all(env.path().join("said")).unwrap();
    let r = env.run(&["search", "-c", "said"]);
    assert!(!r.stderr().contains("folder"), "{}", r.stderr());
}

#[cfg(unix)]
#[test]
fn json_paths_are_exact_and_bytes_only_when_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let env = Env::new();
    env.write(
        "news/new\nline.txt",
        "Salt flats\n\nThe salt flats flooded after the storm, rangers said.\n",
    );
    let latin1 = std::ffi::OsStr::from_bytes(b"news/caf\xe9.txt");
    std::fs::create_dir_all(env.path().join("news")).unwrap();
    std::fs::write(
        env.path().join(latin1),
        "Salt road\n\nThe salt road reopened on Monday, rangers said.\n",
    )
    .unwrap();
    env.index(&["news"]);
    let hits = env.search_json(&["salt"]);
    let named = hits
        .iter()
        .find(|h| h["path"] == "news/new\nline.txt")
        .unwrap_or_else(|| panic!("{hits:?}"));
    assert!(named.get("path_bytes").is_none());
    let odd = hits
        .iter()
        .find(|h| h.get("path_bytes").is_some())
        .unwrap_or_else(|| panic!("{hits:?}"));
    assert_eq!(odd["path"], "news/caf\\xe9.txt");
    let bytes: Vec<u8> = odd["path_bytes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_u64().unwrap() as u8)
        .collect();
    assert_eq!(bytes, b"news/caf\xe9.txt");
    let show = env.run(&["show", "--json", "news/new\nline.txt"]);
    show.assert_code(0);
    let v: serde_json::Value = serde_json::from_str(&show.stdout()).unwrap();
    assert_eq!(v["path"], "news/new\nline.txt");
}

#[test]
fn json_stats_ends_with_a_summary() {
    let env = news();
    let r = env.run(&["search", "--json", "--stats", "-n", "2", "said"]);
    r.assert_code(0);
    let objects = r.json_lines();
    assert_eq!(objects.len(), 3, "{objects:?}");
    let summary = &objects[2];
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["total"], 6);
    assert_eq!(summary["shown"], 2);
    assert_eq!(summary["offset"], 0);
    assert_eq!(summary["any"], false);
    assert!(summary["elapsed"]["nanos"].is_u64(), "{summary}");
    // Past the last hit: the summary alone, exit 1.
    let r = env.run(&["search", "--json", "--stats", "--offset", "50", "said"]);
    r.assert_code(1);
    let objects = r.json_lines();
    assert_eq!(objects.len(), 1);
    assert_eq!(objects[0]["total"], 6);
    assert_eq!(objects[0]["shown"], 0);
    // Plain --json: hits only.
    assert!(
        env.search_json(&["said"])
            .iter()
            .all(|h| h.get("type").is_none())
    );
    env.run(&["search", "--stats", "said"]).assert_code(2);
}

#[test]
fn csv_and_tsv_tables_for_search_facets_and_stats() {
    let env = news();
    let r = env.run(&["search", "--csv", "--sort", "date", "--all", "cocoa"]);
    r.assert_code(0);
    assert!(r.0.stdout.ends_with(b"\r\n"), "RFC 4180 line ends");
    let rows = read_table(&r.0.stdout, b',');
    let header = &rows[0];
    for column in [
        "rank", "score", "path", "title", "authors", "date", "tags", "similar",
    ] {
        assert!(header.iter().any(|h| h == column), "{column}: {header:?}");
    }
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1][col("path")], "news/world/cocoa-ghana.txt");
    assert_eq!(rows[1][col("date")], "1988-06-01");
    assert_eq!(rows[1][col("source")], "Wire");
    assert_eq!(rows[2][col("title")], "Cocoa prices climb");
    assert_eq!(rows[2][col("rank")], "2");
    // A title with a comma is quoted, and read back whole.
    assert!(
        rows[2][col("passages")].contains("traders said"),
        "{rows:?}"
    );
    let r = env.run(&["search", "--tsv", "cocoa"]);
    r.assert_code(0);
    let rows = read_table(&r.0.stdout, b'\t');
    assert_eq!(rows[0], header.clone());
    assert_eq!(rows.len(), 3);
    let r = env.run(&["facets", "--csv", "source"]);
    r.assert_code(0);
    assert_eq!(
        read_table(&r.0.stdout, b','),
        [vec!["value", "count", "unit"], vec!["Wire", "2", "stories"]]
    );
    let r = env.run(&["stats", "--csv"]);
    r.assert_code(0);
    let rows = read_table(&r.0.stdout, b',');
    assert_eq!(rows.len(), 2);
    let at = rows[0].iter().position(|h| h == "articles").unwrap();
    assert_eq!(rows[1][at], "6");
    let at = rows[0].iter().position(|h| h == "sources").unwrap();
    assert_eq!(rows[1][at], "Wire (2)");
    env.run(&["search", "--csv", "--json", "x"]).assert_code(2);
    env.run(&["search", "--csv", "-l", "x"]).assert_code(2);
}

#[test]
fn since_and_until_take_years_months_days_and_spans() {
    let env = news();
    let list = |args: &[&str]| -> String {
        let mut all = vec!["search", "-l"];
        all.extend_from_slice(args);
        env.run(&all).stdout()
    };
    assert_eq!(
        list(&["--since", "1988", "cocoa"]),
        "news/world/cocoa-ghana.txt\n"
    );
    assert_eq!(
        list(&["--until", "1987", "cocoa"]),
        "news/world/cocoa.txt\n"
    );
    assert_eq!(
        list(&["--until", "1987-03", "cocoa"]),
        "news/world/cocoa.txt\n"
    );
    assert_eq!(
        list(&["--since", "1988-06-01", "cocoa"]),
        "news/world/cocoa-ghana.txt\n"
    );
    assert_eq!(
        list(&["--until", "1988-05", "--since", "1987-03", "cocoa"]),
        "news/world/cocoa.txt\n"
    );
    // Spans count back from today: 1987 is more than 30 years back.
    assert_eq!(list(&["--since", "30y", "cocoa"]), "");
    assert_eq!(
        list(&["--until", "30y", "--sort", "date", "cocoa"]),
        "news/world/cocoa-ghana.txt\nnews/world/cocoa.txt\n"
    );
    let bad = env.run(&["search", "--since", "lastweek", "cocoa"]);
    bad.assert_code(2);
    assert!(
        bad.stderr().starts_with("newsq: error: ") && bad.stderr().contains("7d"),
        "{}",
        bad.stderr()
    );
}

#[test]
fn sort_by_date_says_how_many_hits_have_no_date() {
    let env = news();
    let r = env.run(&["search", "-l", "--sort", "date", "said"]);
    r.assert_code(0);
    let got = r.stdout();
    let order = lines(&got);
    assert_eq!(order[0], "news/world/cocoa-ghana.txt");
    assert_eq!(order[1], "news/world/cocoa.txt");
    assert!(
        r.stderr()
            .contains("newsq: 4 of the 6 matching articles have no known date: they come last"),
        "{}",
        r.stderr()
    );
    let r = env.run(&["search", "-l", "said"]);
    assert!(!r.stderr().contains("no known date"), "{}", r.stderr());
}

#[test]
fn nothing_printed_past_the_offset_exits_1_like_grep() {
    let env = news();
    let r = env.run(&["search", "-c", "--offset", "1000", "cocoa"]);
    r.assert_code(1);
    assert_eq!(r.stdout(), "0\n");
    assert!(
        r.stderr().contains("no hits past 1000 (2 in all)"),
        "{}",
        r.stderr()
    );
    for format in ["-l", "--json", "--csv"] {
        env.run(&["search", format, "--offset", "1000", "cocoa"])
            .assert_code(1);
    }
    env.run(&["search", "--offset", "1000", "cocoa"])
        .assert_code(1);
    let r = env.run(&["search", "-c", "--offset", "1", "cocoa"]);
    r.assert_code(0);
    assert_eq!(r.stdout(), "1\n");
}

#[test]
fn lines_removed_as_boilerplate_are_named_whenever_they_would_add_hits() {
    let env = news();
    let r = env.run(&["search", "-c", "airgas"]);
    r.assert_code(0);
    assert_eq!(r.stdout(), "1\n");
    assert!(
        r.stderr().contains(
            "newsq: 1 more article holds airgas only in lines removed as boilerplate: add --removed"
        ),
        "{}",
        r.stderr()
    );
    let r = env.run(&["search", "-c", "--removed", "airgas"]);
    assert_eq!(r.stdout(), "2\n");
    assert!(!r.stderr().contains("boilerplate"), "{}", r.stderr());
    let r = env.run(&["search", "-c", "cocoa"]);
    assert!(!r.stderr().contains("boilerplate"), "{}", r.stderr());
}

#[test]
fn every_line_on_stderr_speaks_with_one_voice() {
    let env = news();
    for args in [
        &["search", "--bogus", "x"][..],
        &["search"][..],
        &["search", "-n", "many", "x"][..],
        &["facets"][..],
        &[][..],
    ] {
        let r = env.run(args);
        r.assert_code(2);
        let err = r.stderr();
        assert!(err.starts_with("newsq: error: "), "{args:?}: {err}");
        assert!(
            err.lines().all(|l| l.starts_with("newsq: ")),
            "{args:?}: {err}"
        );
    }
    // Index warnings say they are warnings.
    let env = Env::new();
    env.write(
        "latin/caf.txt",
        b"Caf\xe9 prices\n\nThe caf\xe9 raised its prices, owners said.\n",
    );
    let r = env.index(&["latin"]);
    assert!(
        r.stderr()
            .contains("newsq: warning: latin/caf.txt: not UTF-8"),
        "{}",
        r.stderr()
    );
    assert!(
        r.stderr().lines().all(|l| l.starts_with("newsq: ")),
        "{}",
        r.stderr()
    );
}

#[test]
fn copies_beyond_two_are_counted_not_listed() {
    let env = Env::new();
    let story = "Dock workers in the port ended a week-long strike on Monday after the operator agreed to raise wages by six percent over two years. The stoppage had left more than forty container ships waiting at anchor, and freight rates on routes to northern Europe rose sharply during the week. Union leaders said members would vote on the agreement on Thursday.";
    for (i, by) in ["Jane Roe", "John Doe", "Ann Lee", "Max Poe"]
        .iter()
        .enumerate()
    {
        env.write(
            &format!("news/copy{i}.txt"),
            format!("Port strike ends\n\nBy {by}\n\n{story}\n"),
        );
    }
    env.index(&["news"]);
    let r = env.run(&["search", "strike"]);
    r.assert_code(0);
    let out = r.stdout();
    let line = out
        .lines()
        .find(|l| l.contains("similar"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(line.contains("+3 similar: news/"), "{line}");
    assert!(line.ends_with(", … (--all lists them)"), "{line}");
    assert_eq!(line.matches("news/").count(), 2, "{line}");
}

#[test]
fn on_a_terminal_passages_wrap_at_words_with_a_hanging_indent() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no `script` command to run newsq on a terminal");
        return;
    }
    let env = Env::new();
    let sentence = "The harbour commission said on Monday that the new cranes, ordered from a yard in the north two years ago, would double the number of containers the port can unload in a day, and that dock workers would be trained to run them over the winter months.";
    env.write(
        "news/a.txt",
        format!("Harbour cranes arrive\n\n{sentence}\n"),
    );
    env.index(&["news"]);
    let command = format!(
        "stty cols 80 rows 24; {} --color never search cranes",
        env!("CARGO_BIN_EXE_newsq")
    );
    let r = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(env.path())
        .env_remove("NEWSQ_INDEX")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&r.stdout).replace('\r', "");
    let passage: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.contains("harbour commission"))
        .take_while(|l| !l.trim().is_empty())
        .collect();
    assert!(passage.len() >= 3, "{out}");
    for line in &passage {
        assert!(line.chars().count() <= 80, "{line:?}\n{out}");
    }
    for line in &passage[1..] {
        assert!(
            line.starts_with("     ") && !line.starts_with("      "),
            "{line:?}"
        );
    }
    // Breaks fall between words: the words read back as the sentence.
    let words: Vec<&str> = passage.iter().flat_map(|l| l.split_whitespace()).collect();
    assert_eq!(words.join(" "), sentence);
}

#[test]
fn search_help_lists_every_field() {
    let env = Env::new();
    let r = env.run(&["search", "--help"]);
    r.assert_code(0);
    let help = r.stdout();
    for field in [
        "title",
        "body",
        "text",
        "removed",
        "author",
        "authors",
        "by",
        "source",
        "publisher",
        "section",
        "tag",
        "tags",
        "place",
        "dateline",
        "lang",
        "date",
        "path",
    ] {
        assert!(
            help.contains(&format!("{field} "))
                || help.contains(&format!("{field},"))
                || help.contains(&format!("{field})")),
            "{field}: {help}"
        );
    }
    assert!(help.contains("--any") && help.contains("--csv") && help.contains("--path"));
}

#[test]
fn the_manual_has_examples_and_lists_only_pages_it_writes() {
    let env = Env::new();
    let r = env.run(&["man"]);
    r.assert_code(0);
    let page = r.stdout();
    assert!(page.contains(".SH EXAMPLES"), "{page}");
    assert!(
        !page.contains("newsq\\-help") && !page.contains("newsq-help"),
        "{page}"
    );
    assert_eq!(
        page.matches(".ds Aq").count(),
        2,
        "roff's preamble once: {page}"
    );
    env.run(&["man", "--out", "man1"]).assert_code(0);
    let main = std::fs::read_to_string(env.path().join("man1/newsq.1")).unwrap();
    let mut listed = 0;
    for word in main.split(|c: char| c.is_whitespace()) {
        if let Some(name) = word.strip_suffix("(1)") {
            let file = format!("{}.1", name.replace("\\-", "-"));
            assert!(
                env.path().join("man1").join(&file).exists(),
                "{file} is listed but not written"
            );
            listed += 1;
        }
    }
    assert!(listed >= 8, "{main}");
    let search = std::fs::read_to_string(env.path().join("man1/newsq-search.1")).unwrap();
    assert!(search.contains(".SH EXAMPLES\n.nf\n"), "{search}");
    assert!(
        search.contains("newsq search \\-\\-json strike | jq \\-r .path\n"),
        "{search}"
    );
}
