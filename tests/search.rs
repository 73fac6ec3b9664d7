//! `newsq search`: output formats, exit codes, query syntax, leniency, ranking.

use crate::util::{Env, mark};

/// Short articles written for these tests.
fn fixtures() -> Env {
    let env = Env::new();
    env.write(
        "news/harbor.txt",
        "Harbor cranes return to the port\n\nThe port authority said on Monday that new cranes will speed up unloading of container ships.\nOfficials expect exports to grow by a tenth next year.\n",
    );
    env.write(
        "news/cranes.txt",
        "Weather outlook for the week\n\nForecasters said cranes were seen migrating early this year, a sign of a cold winter ahead.\nFarmers are preparing for frost in the northern valleys.\n",
    );
    env.write(
        "news/expo.txt",
        "Trade fair opens\n\nThe expos of this spring drew record crowds, organisers said on Friday.\nThe trade fair runs until Sunday and admission is free.\n",
    );
    env.index(&["news"]);
    env
}

#[test]
fn json_lines_carry_rank_score_path_title_metadata_passages() {
    let env = fixtures();
    let hits = env.search_json(&["cranes"]);
    assert_eq!(hits.len(), 2);
    for (i, h) in hits.iter().enumerate() {
        assert_eq!(h["rank"], i + 1);
        assert!(h["score"].as_f64().unwrap() > 0.0);
        assert!(h["path"].as_str().unwrap().starts_with("news/"));
        assert!(h["metadata"].is_object());
        assert_eq!(h["offsets"], "char");
        assert!(!h["passages"].as_array().unwrap().is_empty());
    }
    // A title match weighs more than a body match.
    assert_eq!(hits[0]["path"], "news/harbor.txt");
    assert_eq!(hits[0]["title"], "Harbor cranes return to the port");
    let t = mark(
        hits[0]["title"].as_str().unwrap(),
        &hits[0]["title_highlights"],
    );
    assert_eq!(t, "Harbor [cranes] return to the port");
}

#[test]
fn stemmed_variants_match_and_are_highlighted() {
    let env = fixtures();
    let hits = env.search_json(&["expo"]);
    assert_eq!(hits.len(), 1);
    let p = &hits[0]["passages"][0];
    assert_eq!(
        mark(p["text"].as_str().unwrap(), &p["highlights"]),
        "The [expos] of this spring drew record crowds, organisers said on Friday."
    );
}

#[test]
fn files_with_matches_count_and_null() {
    let env = fixtures();
    let r = env.run(&["search", "-l", "cranes"]);
    r.assert_code(0);
    assert_eq!(r.stdout(), "news/harbor.txt\nnews/cranes.txt\n");
    let r = env.run(&["search", "-c", "cranes"]);
    assert_eq!(r.stdout(), "2\n");
    let r = env.run(&["search", "-l", "-0", "cranes"]);
    assert_eq!(r.0.stdout, b"news/harbor.txt\0news/cranes.txt\0");
    let r = env.run(&["search", "-c", "zeppelin"]);
    r.assert_code(1);
    assert_eq!(r.stdout(), "0\n");
}

#[test]
fn exit_codes_like_grep() {
    let env = fixtures();
    env.run(&["search", "cranes"]).assert_code(0);
    let none = env.run(&["search", "zeppelin"]);
    none.assert_code(1);
    assert!(none.stdout().is_empty());
    let bad = env.run(&["search", "--strict", "port AND"]);
    bad.assert_code(2);
    assert!(bad.stderr().contains("invalid query"), "{}", bad.stderr());
    let missing = env.run(&["--index", "elsewhere", "search", "cranes"]);
    missing.assert_code(2);
    assert!(
        missing.stderr().contains("newsq index"),
        "{}",
        missing.stderr()
    );
}

#[test]
fn empty_query_is_an_error() {
    let env = fixtures();
    let r = env.run(&["search", "  "]);
    r.assert_code(2);
    assert!(r.stderr().contains("empty"), "{}", r.stderr());
}

#[test]
fn raw_text_is_read_leniently_with_a_warning() {
    let env = fixtures();
    let r = env.run(&["search", "Harbor: cranes"]);
    r.assert_code(0);
    assert!(r.stderr().contains("'Harbor:'"), "{}", r.stderr());
    assert!(r.stdout().contains("news/harbor.txt"));
    let r = env.run(&["search", "\"port authority"]);
    r.assert_code(0);
    assert!(r.stderr().contains("unmatched"), "{}", r.stderr());
    let strict = env.run(&["search", "--strict", "Harbor: cranes"]);
    strict.assert_code(2);
    assert!(strict.stderr().contains("Harbor"), "{}", strict.stderr());
}

#[test]
fn lenient_reading_names_what_it_ignored_and_strict_names_the_problem() {
    let env = fixtures();
    for (query, warning) in [
        ("cranes AND", "ignored 'AND' at the end of the query"),
        ("OR cranes", "ignored 'OR' at the start of the query"),
        ("cranes OR OR port", "ignored 'OR' before 'OR'"),
        ("(cranes port", "closed a '(' left open"),
        ("cranes port)", "ignored a ')' that closes no '('"),
        ("title: cranes", "ignored 'title:': no word follows it"),
    ] {
        let r = env.run(&["search", "-l", query]);
        r.assert_code(0);
        assert!(r.stderr().contains(warning), "{query}: {}", r.stderr());
        assert!(r.stdout().contains("news/"), "{query}: {}", r.stdout());
        let strict = env.run(&["search", "--strict", "-l", query]);
        strict.assert_code(2);
        assert!(strict.stdout().is_empty());
        assert!(
            strict.stderr().contains("invalid query") && !strict.stderr().contains("ignored"),
            "{query}: {}",
            strict.stderr()
        );
    }
    // When nothing is left to search for, the error says why.
    for (query, why) in [
        ("title:", "'title:': no word follows it"),
        ("/port.*/", "regex"),
        ("date:tomorrow", "not a date"),
        (
            "pneumonoultramicroscopicsilicovolcanoconiosisxx",
            "not indexed",
        ),
    ] {
        let r = env.run(&["search", query]);
        r.assert_code(2);
        assert!(
            r.stderr().contains("nothing left to search for") && r.stderr().contains(why),
            "{query}: {}",
            r.stderr()
        );
    }
}

#[test]
fn all_words_required_then_any_with_a_notice() {
    let env = fixtures();
    let both = env.run(&["search", "-c", "cranes port"]);
    assert_eq!(both.stdout(), "1\n");
    // A list of paths is what the query says: every word.
    let r = env.run(&["search", "-l", "cranes zeppelin"]);
    r.assert_code(1);
    assert_eq!(r.stdout(), "");
    // The listing for people shows what holds any of them, and says so.
    let r = env.run(&["search", "cranes zeppelin"]);
    r.assert_code(0);
    assert!(
        r.stderr().contains("no article holds all of"),
        "{}",
        r.stderr()
    );
    assert!(r.stdout().contains("news/harbor.txt"), "{}", r.stdout());
    assert_eq!(
        env.run(&["search", "-l", "--any", "cranes zeppelin"])
            .stdout(),
        "news/harbor.txt\nnews/cranes.txt\n"
    );
    // Explicit operators are taken at their word: no fallback.
    env.run(&["search", "cranes AND zeppelin"]).assert_code(1);
}

#[test]
fn the_relaxed_notice_names_the_words_as_typed() {
    let env = fixtures();
    let r = env.run(&[
        "search",
        "Cranes",
        "Zeppelins",
        "\"port authorities\"",
        "expo*",
    ]);
    r.assert_code(0);
    assert!(
        r.stderr().contains(
            "no article holds all of Cranes, Zeppelins, \"port authorities\", expo*; showing the 3 that hold any of them"
        ),
        "{}",
        r.stderr()
    );
}

#[test]
fn query_syntax_phrases_fields_and_negation() {
    let env = fixtures();
    let ls = |q: &str| env.run(&["search", "-l", q]).stdout();
    assert_eq!(ls("\"port authority\""), "news/harbor.txt\n");
    assert_eq!(ls("\"authority port\""), "");
    assert_eq!(ls("cranes -frost"), "news/harbor.txt\n");
    assert_eq!(ls("cranes NOT port"), "news/cranes.txt\n");
    assert_eq!(ls("title:cranes"), "news/harbor.txt\n");
    let mut either: Vec<String> = ls("frost OR expo").lines().map(str::to_owned).collect();
    either.sort();
    assert_eq!(either, ["news/cranes.txt", "news/expo.txt"]);
    assert_eq!(ls("+cranes +winter"), "news/cranes.txt\n");
    assert_eq!(ls("expo*"), "news/expo.txt\nnews/harbor.txt\n");
}

#[test]
fn and_not_excludes_like_minus() {
    let env = fixtures();
    let ls = |args: &[&str]| {
        let mut all = vec!["search", "-l"];
        all.extend_from_slice(args);
        env.run(&all).stdout()
    };
    assert_eq!(ls(&["cranes AND NOT frost"]), "news/harbor.txt\n");
    assert_eq!(
        ls(&["--strict", "cranes AND NOT frost"]),
        "news/harbor.txt\n"
    );
    assert_eq!(ls(&["NOT frost AND cranes"]), "news/harbor.txt\n");
    assert_eq!(
        ls(&["cranes AND (port OR frost) AND NOT winter"]),
        "news/harbor.txt\n"
    );
    // NOT inside OR: the articles without the word count as matches of that branch.
    assert_eq!(ls(&["expo OR NOT cranes"]), "news/expo.txt\n");
    // Same matches, same scores, same bytes as the '-' form.
    assert_eq!(
        env.run(&["search", "cranes AND NOT frost"]).0.stdout,
        env.run(&["search", "cranes -frost"]).0.stdout
    );
    env.run(&["search", "NOT cranes AND NOT frost"])
        .assert_code(2);
}

#[test]
fn a_dateline_and_its_separator_stay_out_of_the_first_passage() {
    let env = Env::new();
    let datelines = [
        "ROTTERDAM, March 3, 2024 -",
        "ROTTERDAM (Reuters) -",
        "ROTTERDAM —",
        "ROTTERDAM, March 3 --",
        "New Delhi, May 16:",
    ];
    for (i, d) in datelines.iter().enumerate() {
        env.write(
            &format!("news/{i}.txt"),
            format!("Port news {i}\n\n{d} Dock workers walked out on Monday over pay, the union said, and the port stood still.\n"),
        );
    }
    env.index(&["news"]);
    let hits = env.search_json(&["--all", "union"]);
    assert_eq!(hits.len(), datelines.len());
    for h in &hits {
        let p = &h["passages"][0];
        assert_eq!(
            mark(p["text"].as_str().unwrap(), &p["highlights"]),
            "Dock workers walked out on Monday over pay, the [union] said, and the port stood still.",
            "{}",
            h["path"]
        );
    }
}

#[test]
fn offset_and_limit_page_through_hits() {
    let env = fixtures();
    let all: Vec<String> = env
        .search_json(&["said"])
        .iter()
        .map(|h| h["path"].to_string())
        .collect();
    assert_eq!(all.len(), 3);
    let second = env.search_json(&["-n", "1", "--offset", "1", "said"]);
    assert_eq!(second.len(), 1);
    assert_eq!(second[0]["rank"], 2);
    assert_eq!(second[0]["path"].to_string(), all[1]);
}

#[test]
fn limit_caps_counts_and_paths_like_grep_m() {
    let env = fixtures();
    let run = |args: &[&str]| {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        env.run(&all)
    };
    assert_eq!(run(&["-c", "said"]).stdout(), "3\n");
    assert_eq!(run(&["-c", "-n", "2", "said"]).stdout(), "2\n");
    assert_eq!(run(&["-c", "-n", "5", "said"]).stdout(), "3\n");
    assert_eq!(
        run(&["-c", "-n", "2", "--offset", "2", "said"]).stdout(),
        "1\n"
    );
    assert_eq!(run(&["-l", "-n", "2", "said"]).stdout().lines().count(), 2);
    // Like grep -c -m 0: 0 printed, exit 1.
    run(&["-c", "-n", "0", "said"]).assert_code(1);
}

#[test]
fn paging_past_the_last_hit_says_so() {
    let env = fixtures();
    for args in [
        &["--offset", "3", "said"][..],
        &["--json", "--offset", "5", "said"],
        &["-l", "--offset", "3", "said"],
    ] {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        let r = env.run(&all);
        // Nothing printed: exit 1, as grep.
        r.assert_code(1);
        assert!(r.stdout().is_empty(), "{args:?}: {}", r.stdout());
        assert!(
            r.stderr()
                .contains(&format!("no hits past {} (3 in all)", args[args.len() - 2])),
            "{args:?}: {}",
            r.stderr()
        );
    }
    let r = env.run(&["search", "-c", "--offset", "3", "said"]);
    assert_eq!(r.stdout(), "0\n");
    assert!(
        r.stderr().contains("no hits past 3 (3 in all)"),
        "{}",
        r.stderr()
    );
    // Nothing matched at all: no paging notice, exit 1.
    let r = env.run(&["search", "--offset", "3", "zeppelin"]);
    r.assert_code(1);
    assert!(!r.stderr().contains("past"), "{}", r.stderr());
}

#[test]
fn null_separators_need_paths() {
    let env = fixtures();
    let r = env.run(&["search", "-0", "cranes"]);
    r.assert_code(2);
    assert!(r.stdout().is_empty());
    assert!(
        r.stderr().contains("--files-with-matches"),
        "{}",
        r.stderr()
    );
}

#[test]
fn same_query_same_bytes_and_ties_by_path() {
    let env = Env::new();
    let text =
        "Identical story\n\nThe council approved the new budget on Tuesday after a long debate.\n";
    for name in ["c.txt", "a.txt", "b.txt"] {
        env.write(&format!("same/{name}"), text);
    }
    env.index(&["same"]);
    let first = env.run(&["search", "budget"]).0.stdout;
    for _ in 0..3 {
        assert_eq!(env.run(&["search", "budget"]).0.stdout, first);
    }
    let paths = env.run(&["search", "-l", "budget"]).stdout();
    assert_eq!(paths, "same/a.txt\nsame/b.txt\nsame/c.txt\n");
    let page = env
        .run(&["search", "-l", "-n", "1", "--offset", "1", "budget"])
        .stdout();
    assert_eq!(page, "same/b.txt\n");
}

#[test]
fn piped_output_has_no_escape_sequences_even_from_hostile_text() {
    let env = Env::new();
    env.write(
        "evil.txt",
        "Alert \u{1b}]0;pwned\u{7} title\n\nThe mayor said \u{1b}[31mred\u{1b}[0m tape is cut, and the \u{202e}reversed text stays harmless today.\n",
    );
    env.index(&["."]);
    let human = env.run(&["search", "mayor"]);
    human.assert_code(0);
    let out = human.stdout();
    assert!(!out.contains('\u{1b}'), "{out:?}");
    assert!(!out.contains('\u{202e}'), "{out:?}");
    assert!(!out.contains('\u{7}'), "{out:?}");
    let json = env.run(&["search", "--json", "mayor"]).stdout();
    assert!(
        !json.contains('\u{1b}') && !json.contains('\u{202e}'),
        "{json:?}"
    );
}

#[test]
fn color_flags() {
    let env = fixtures();
    let plain = env.run(&["search", "cranes"]).stdout();
    assert!(!plain.contains('\u{1b}'));
    let always = env.run(&["--color", "always", "search", "cranes"]).stdout();
    assert!(always.contains("\u{1b}["));
    let never = env.run(&["--color", "never", "search", "cranes"]).stdout();
    assert_eq!(never, plain);
}

#[test]
fn huge_limits_and_offsets_and_deep_nesting_are_answered_not_crashed() {
    let env = Env::with_corpus();
    env.index(&["corpus"]);
    let all = env.run(&["search", "-l", "--all", "Putin"]).stdout();
    for n in ["100000000", "4294967296", "100000000000000000"] {
        let r = env.run(&["search", "-l", "-n", n, "Putin"]);
        r.assert_code(0);
        assert_eq!(r.stdout(), all, "-n {n}");
    }
    let r = env.run(&["search", "--offset", "100000000", "Putin"]);
    assert!(r.stderr().contains("no hits past"), "{}", r.stderr());
    let deep = format!("{}Putin", "(".repeat(10_000));
    let r = env.run(&["search", &deep]);
    r.assert_code(2);
    assert!(r.stderr().contains("nested 10000 deep"), "{}", r.stderr());
}

#[test]
fn queries_of_only_syntax_and_of_many_unknown_words_get_short_clear_messages() {
    let env = Env::with_corpus();
    env.index(&["corpus"]);
    for q in [")(", "+", "title:("] {
        let r = env.run(&["search", q]);
        r.assert_code(2);
        assert!(r.stderr().contains("holds no word"), "{q}: {}", r.stderr());
    }
    // Forty misspellings: a few suggestions, and how many more there are.
    let pasted: Vec<String> = (0..40).map(|i| format!("Putinx{i}")).collect();
    let r = env.run(&["search", &pasted.join(" ")]);
    r.assert_code(1);
    let lines = r.stderr().lines().count();
    assert!(lines <= 8, "{lines} lines: {}", r.stderr());
    assert!(r.stderr().contains("did you mean Putin?"), "{}", r.stderr());
    assert!(
        r.stderr().contains("more words have close spellings"),
        "{}",
        r.stderr()
    );
}

#[test]
fn an_untitled_article_shows_a_line_of_its_lead_however_long_its_words() {
    let env = Env::new();
    let huge = "A".repeat(100_000);
    let records = [
        // A "headline" of one enormous word is no headline.
        format!(
            "{huge} harbour story\n\nDock workers at the harbour went on strike on Monday over pay."
        ),
        // A lead of few words can still be a screenful.
        format!(
            "Crane operators {huge} at the harbour walked out on Tuesday over pay and hours, the union said."
        ),
    ];
    let lines: Vec<String> = records
        .iter()
        .map(|t| serde_json::json!({ "text": t }).to_string())
        .collect();
    env.write("news/r.jsonl", lines.join("\n") + "\n");
    env.index(&["news"]);
    let r = env.run(&["search", "--color", "never", "--passages", "0", "harbour"]);
    r.assert_code(0);
    let out = r.stdout();
    assert!(
        out.lines().all(|l| l.chars().count() < 200),
        "{}",
        &out[..out.len().min(600)]
    );
    assert!(out.contains("Dock workers at the harbour"), "{out}");
    assert!(out.contains("Crane operators AAAA"), "{out}");
}
