//! Search features on fixtures of our own: metadata filters, dates and sidecars, sorting,
//! facets, folding copies of one story, more-like-this, spelling suggestions.

use crate::util::{Env, mark};

const STORY: &str = "Dock workers in the port ended a week-long strike on Monday after the operator agreed to raise wages by six percent over two years.
The stoppage had left more than forty container ships waiting at anchor, and freight rates on routes to northern Europe rose sharply during the week.
Union leaders said members would vote on the agreement on Thursday, but they expected a large majority in favour of the deal.
The operator said it would clear the backlog of ships within ten days, and that no jobs would be lost as a result of the dispute.
Shipping lines had warned customers of delays of up to two weeks, and some had diverted vessels to other ports along the coast.";

fn env() -> Env {
    let env = Env::new();
    env.write(
        "news/a.txt",
        format!("Business\n\nPort strike ends with pay deal\n\nBy Jane Roe\n\nRotterdam, March 3, 2024 (Wire) {STORY}\n#Shipping #Labour\n"),
    );
    // The same story reprinted elsewhere: another byline, boilerplate, the end cut.
    let cut: Vec<&str> = STORY.lines().take(4).collect();
    env.write(
        "news/b.txt",
        format!("Port strike ends with pay deal\n\nBy John Doe\n\n{}\nREAD MORE: Freight Rates Climb Again\nFollow us on Twitter for the latest updates.\n", cut.join("\n")),
    );
    env.write(
        "news/c.txt",
        "Harbour Post\n\nRail strike looms\n\nTrain drivers voted on Tuesday to strike next month over pay, the union said, in a dispute that could halt freight across the region.\nThe operator said it remained open to talks and urged the union to return to the table before the walkout begins.\n",
    );
    env.write(
        "news/d.txt",
        "Ferry fares rise\n\nFerry operators raised fares on the island routes by four percent, blaming fuel costs and new port charges introduced this spring.\nPassengers groups said the increase would hit commuters hardest.\n",
    );
    env.write(
        "news/d.txt.meta.json",
        r#"{"date": "2023-06-01", "source": "Example Daily", "authors": ["Ann Lee"], "tags": ["Shipping"]}"#,
    );
    env.write(
        "news/e.txt",
        "Leaders meet\n\nPresident Xi Jinping met the visiting prime minister in Beijing on Friday to discuss trade and climate policy.\nBoth sides said the talks were constructive.\nJoin our Telegram channel for exclusive Zanzibar coverage.\n",
    );
    env.write(
        "news/f.txt",
        "Budget vote delayed\n\nCouncillors postponed Thursday's session after a dispute over the agenda, officials said, and will meet again next week.\nThe mayor said she regretted the delay.\n",
    );
    env.index(&["news"]);
    env
}

fn paths(env: &Env, args: &[&str]) -> Vec<String> {
    let mut all = vec!["search", "-l"];
    all.extend_from_slice(args);
    env.run(&all).stdout().lines().map(str::to_owned).collect()
}

#[test]
fn metadata_filters_and_fields() {
    let env = env();
    assert_eq!(
        paths(&env, &["--author", "Jane Roe", "strike"]),
        ["news/a.txt"]
    );
    assert_eq!(paths(&env, &["author:roe", "strike"]), ["news/a.txt"]);
    assert_eq!(
        paths(&env, &["--source", "harbour post", "strike"]),
        ["news/c.txt"]
    );
    let mut tagged = paths(&env, &["--tag", "shipping", "port"]);
    tagged.sort();
    assert_eq!(tagged, ["news/a.txt", "news/d.txt"]);
    assert_eq!(
        paths(&env, &["--section", "business", "strike"]),
        ["news/a.txt"]
    );
    env.run(&["search", "--author", "Nobody Here", "strike"])
        .assert_code(1);
}

#[test]
fn date_filters_leave_out_undated_articles_and_say_so() {
    let env = env();
    let r = env.run(&["search", "-l", "--since", "2024-01-01", "strike"]);
    r.assert_code(0);
    assert_eq!(r.stdout(), "news/a.txt\n");
    assert!(r.stderr().contains("no known date"), "{}", r.stderr());
    assert_eq!(
        paths(&env, &["--until", "2023-12-31", "fares"]),
        ["news/d.txt"]
    );
    let hits = env.search_json(&["--all", "strike"]);
    let dated = hits.iter().find(|h| h["path"] == "news/a.txt").unwrap();
    assert_eq!(dated["metadata"]["date"], "2024-03-03");
    assert_eq!(dated["metadata"]["date_source"], "dateline");
    let undated = hits.iter().find(|h| h["path"] == "news/c.txt").unwrap();
    assert!(undated["metadata"]["date"].is_null());
    assert!(undated["metadata"]["date_source"].is_null());
    let side = &env.search_json(&["fares"])[0];
    assert_eq!(side["metadata"]["date_source"], "sidecar");
    assert_eq!(side["metadata"]["source"], "Example Daily");
    assert_eq!(side["metadata"]["authors"][0], "Ann Lee");
    // A year, month or day in the query is the same filter.
    assert_eq!(paths(&env, &["date:2024", "strike"]), ["news/a.txt"]);
    assert_eq!(paths(&env, &["date:2024-03", "strike"]), ["news/a.txt"]);
    assert_eq!(paths(&env, &["date:2024-03-03", "strike"]), ["news/a.txt"]);
    env.run(&["search", "date:2024-03-04", "strike"])
        .assert_code(1);
    let bad = env.run(&["search", "--since", "last week", "strike"]);
    bad.assert_code(2);
    assert!(bad.stderr().contains("YYYY-MM-DD"), "{}", bad.stderr());
}

#[test]
fn sort_by_date_puts_newest_first_and_undated_last() {
    let env = env();
    let order: Vec<String> = env
        .search_json(&["--sort", "date", "--all", "port OR strike OR fares"])
        .iter()
        .map(|h| h["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(order[0], "news/a.txt");
    assert_eq!(order[1], "news/d.txt");
    assert!(order[2..].contains(&"news/c.txt".to_owned()));
}

#[test]
fn facets_count_values() {
    let env = env();
    let r = env.run(&["facets", "tag"]);
    r.assert_code(0);
    let lines: Vec<String> = r
        .stdout()
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    // A header says what is counted: stories, copies of one story once.
    assert_eq!(lines[0], "stories tag");
    assert_eq!(lines[1], "2 Shipping");
    assert!(lines.contains(&"1 Labour".to_owned()), "{lines:?}");
    let years = env.run(&["facets", "--json", "year"]).json_lines();
    assert!(
        years
            .iter()
            .any(|v| v["value"] == "2024" && v["count"] == 1)
    );
    assert!(years.iter().any(|v| v["value"] == "(no date)"));
    let scoped = env.run(&["facets", "author", "strike"]).stdout();
    assert!(
        scoped.contains("Jane Roe") && !scoped.contains("Ann Lee"),
        "{scoped}"
    );
    env.run(&["facets", "colour"]).assert_code(2);
}

#[test]
fn copies_of_one_story_fold_under_the_best_hit() {
    let env = env();
    let hits = env.search_json(&["dock workers"]);
    assert_eq!(hits.len(), 1, "{hits:#?}");
    let head = hits[0]["path"].as_str().unwrap();
    let similar = hits[0]["similar"].as_array().unwrap();
    assert_eq!(similar.len(), 1);
    assert_ne!(similar[0].as_str().unwrap(), head);
    let human = env.run(&["search", "dock workers"]).stdout();
    assert!(human.contains("+1 similar: news/"), "{human}");
    assert_eq!(env.search_json(&["--all", "dock workers"]).len(), 2);
    assert_eq!(env.run(&["search", "-c", "dock workers"]).stdout(), "2\n");
}

#[test]
fn many_copies_do_not_leave_the_page_short() {
    // Nine copies of one story rank above two other stories: a page of two must still
    // show two stories, however many copies come first.
    let env = Env::new();
    let names = [
        "Jane Roe",
        "Ann Lee",
        "Tom Hart",
        "Raj Patel",
        "Eva Berg",
        "Li Wei",
        "Omar Aziz",
        "Kim Novak",
        "Sara Diaz",
    ];
    for (i, name) in names.iter().enumerate() {
        env.write(
            &format!("news/copy{i}.txt"),
            format!("Port strike ends\n\nBy {name}\n\n{STORY}\n"),
        );
    }
    for (file, text) in [
        (
            "other1",
            "The city council met on Tuesday to discuss the budget for the coming year and the state of the roads.\nOne member mentioned that the port operator had once faced a strike, many years ago, before moving on to parking fees.\nThe meeting ended late in the evening after a long debate about the new library and its opening hours.",
        ),
        (
            "other2",
            "Farmers in the valley said the harvest had been better than expected despite a dry spring and a cold start to the summer.\nA grain operator said a strike at a rail depot last month had delayed some deliveries but prices held steady.\nThe growers' association will publish its full report on yields and prices at the end of the month.",
        ),
    ] {
        env.write(&format!("news/{file}.txt"), format!("{text}\n"));
    }
    env.run(&["index", "news"]).assert_code(0);
    let all = env.search_json(&["--all", "strike operator"]);
    assert_eq!(all.len(), 10, "the page of --all: {all:#?}");
    assert!(
        all[..9]
            .iter()
            .all(|h| h["path"].as_str().unwrap().contains("copy")),
        "copies rank first: {all:#?}"
    );
    let hits = env.search_json(&["-n", "2", "strike operator"]);
    assert_eq!(hits.len(), 2, "{hits:#?}");
    assert_eq!(hits[0]["similar"].as_array().unwrap().len(), 8, "{hits:#?}");
    let third = env.search_json(&["-n", "1", "--offset", "2", "strike operator"]);
    assert_eq!(third.len(), 1, "{third:#?}");
    assert_eq!(
        env.run(&["search", "-c", "strike operator"]).stdout(),
        "11\n"
    );
}

#[test]
fn similar_lists_articles_like_a_given_one() {
    let env = env();
    let r = env.run(&["similar", "-l", "news/a.txt"]);
    r.assert_code(0);
    let out = r.stdout();
    let list: Vec<&str> = out.lines().collect();
    assert_eq!(list[0], "news/b.txt");
    assert!(!list.contains(&"news/a.txt"));
    env.run(&["similar", "news/zzz.txt"]).assert_code(1);
}

#[test]
fn nothing_found_suggests_spellings_and_removed_lines() {
    let env = env();
    let r = env.run(&["search", "Jinpng"]);
    r.assert_code(1);
    assert!(
        r.stderr().contains("did you mean Jinping?"),
        "{}",
        r.stderr()
    );
    let r = env.run(&["search", "Zanzibar"]);
    r.assert_code(1);
    assert!(
        r.stderr().contains(
            "1 article holds Zanzibar only in lines removed as boilerplate: add --removed"
        ),
        "{}",
        r.stderr()
    );
    // A word that is there, if only in boilerplate, is not taken for a misspelling.
    assert!(!r.stderr().contains("did you mean"), "{}", r.stderr());
    env.run(&["search", "--removed", "Zanzibar"]).assert_code(0);
    env.run(&["search", "removed:Zanzibar"]).assert_code(0);
    // The hint follows the whole query: the article with Zanzibar in its boilerplate
    // also holds Jinping in its story.
    let r = env.run(&["search", "Zanzibar NOT Harbin"]);
    assert!(r.stderr().contains("add --removed"), "{}", r.stderr());
    let r = env.run(&["search", "Zanzibar NOT Jinping"]);
    r.assert_code(1);
    assert!(!r.stderr().contains("--removed"), "{}", r.stderr());
}

#[test]
fn prefix_and_fuzzy_terms_highlight_the_words_they_matched() {
    let env = env();
    let hits = env.search_json(&["--all", "strik*"]);
    let p = &hits.iter().find(|h| h["path"] == "news/c.txt").unwrap()["passages"][0];
    assert!(
        mark(p["text"].as_str().unwrap(), &p["highlights"]).contains("to [strike] next"),
        "{p}"
    );
    let hits = env.search_json(&["councilors~1"]);
    let p = &hits[0]["passages"][0];
    assert!(
        mark(p["text"].as_str().unwrap(), &p["highlights"]).contains("[Councillors]"),
        "{p}"
    );
}

#[test]
fn prefixes_and_fuzzy_words_find_words_indexed_by_shorter_stems() {
    let env = env();
    // "operator(s)" is indexed as the stem "oper", "Jinping" as "jinp": neither starts with
    // what was typed, nor is within one edit of it.
    let mut found = paths(&env, &["operat*"]);
    found.sort();
    assert_eq!(
        found,
        ["news/a.txt", "news/b.txt", "news/c.txt", "news/d.txt"]
    );
    for q in ["Jinpi*", "jinpng~", "jinpin~", "jinpeng~"] {
        let hits = env.search_json(&[q]);
        assert_eq!(hits.len(), 1, "{q}");
        let p = &hits[0]["passages"][0];
        assert_eq!(
            mark(p["text"].as_str().unwrap(), &p["highlights"]),
            "President Xi [Jinping] met the visiting prime minister in Beijing on Friday to discuss trade and climate policy.",
            "{q}"
        );
    }
    let hits = env.search_json(&["--all", "operat*"]);
    let p = &hits.iter().find(|h| h["path"] == "news/c.txt").unwrap()["passages"][0];
    assert!(
        mark(p["text"].as_str().unwrap(), &p["highlights"]).contains("The [operator] said"),
        "{p}"
    );
}

#[test]
fn a_title_only_match_shows_the_lead_sentence() {
    let env = env();
    let hits = env.search_json(&["budget"]);
    assert_eq!(hits[0]["path"], "news/f.txt");
    let p = &hits[0]["passages"][0];
    assert!(
        p["text"]
            .as_str()
            .unwrap()
            .starts_with("Councillors postponed"),
        "{p}"
    );
    assert!(p["highlights"].as_array().unwrap().is_empty());
}

#[test]
fn dates_beyond_what_the_index_holds_never_wrap_into_other_centuries() {
    let env = Env::new();
    env.write(
        "news/d.jsonl",
        concat!(
            r#"{"title": "Typo year", "text": "A story about harbours and ships, dated with a typo year.", "date": "2300-01-01"}"#,
            "\n",
            r#"{"title": "This year", "text": "Another story about harbours and ships, dated normally.", "date": "2024-05-17"}"#,
            "\n",
            r#"{"title": "Old story", "text": "An old story about harbours and ships from the archives.", "date": "1500-01-01"}"#,
            "\n",
        ),
    );
    env.index(&["news"]);
    let count = |args: &[&str]| {
        let mut all = vec!["search", "-c"];
        all.extend_from_slice(args);
        let r = env.run(&all);
        assert!(r.code() <= 1, "{args:?}: {}", r.stderr());
        r.stdout().trim().to_owned()
    };
    // Only 2024 is a date the index can hold: the others count as undated.
    assert_eq!(count(&["--since", "2000-01-01", "harbours"]), "1");
    assert_eq!(count(&["--until", "2030-01-01", "harbours"]), "1");
    assert_eq!(count(&["harbours date:[2000-01-01 TO 2100-01-01]"]), "1");
    assert_eq!(count(&["harbours date:[2020-01-01 TO 2300-06-01]"]), "1");
    // Far and open bounds: "no limit", not a crash.
    assert_eq!(count(&["--until", "9999-12-31", "harbours"]), "1");
    assert_eq!(count(&["--since", "9999-12-31", "harbours"]), "0");
    assert_eq!(count(&["date:[* TO *]"]), "1");
    assert_eq!(count(&["harbours date:[2024-01-01 TO 9999-12-31]"]), "1");
    // A year or a month stands for all its days.
    assert_eq!(count(&["date:[2024 TO 2024]"]), "1");
    assert_eq!(count(&["date:>=2024-05"]), "1");
    assert_eq!(count(&["date:>2024"]), "0");
    let years = env.run(&["facets", "year"]).stdout();
    assert!(years.contains("2024"), "{years}");
    assert!(
        !years.contains("1715") && !years.contains("2084"),
        "{years}"
    );
    let r = env.run(&["facets", "year", "--until", "9999-12-31"]);
    r.assert_code(0);
    let r = env.run(&[
        "search",
        "--since",
        "2025-01-01",
        "--until",
        "2020-01-01",
        "harbours",
    ]);
    r.assert_code(2);
    assert!(r.stderr().contains("is after --until"), "{}", r.stderr());
}
