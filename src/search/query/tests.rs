use super::dates::{date_secs, date_span};
use super::repair::{nesting, repair, take_paths};
use super::*;

fn fields() -> Fields {
    Fields::new(&schema::build()).unwrap()
}

#[test]
fn unknown_field_prefix_is_read_as_a_word() {
    let (fixed, warnings) = repair("Harbin: expo");
    assert_eq!(fixed.trim(), "Harbin  expo");
    assert_eq!(warnings.len(), 1);
    assert!(warnings[0].contains("'Harbin:'"), "{warnings:?}");
    let (fixed, warnings) = repair("Author:Dikshit");
    assert_eq!(fixed, "author:Dikshit");
    assert!(warnings.is_empty());
    let (fixed, _) = repair("tags:china");
    assert_eq!(fixed, "tag:china");
}

#[test]
fn unmatched_quote_is_dropped() {
    let (fixed, warnings) = repair("\"Harbin expo");
    assert_eq!(fixed.trim(), "Harbin expo");
    assert_eq!(warnings, ["ignored an unmatched '\"'"]);
    let (fixed, warnings) = repair("\"Harbin expo\"");
    assert_eq!(fixed, "\"Harbin expo\"");
    assert!(warnings.is_empty());
}

#[test]
fn strict_mode_names_the_problem() {
    let f = fields();
    let err = parse("Harbin: expo", &f, true, &Filters::default())
        .err()
        .unwrap();
    assert!(err.to_string().contains("Harbin"), "{err}");
    assert!(parse("Harbin expo", &f, true, &Filters::default()).is_ok());
    assert_eq!(
        parse("   ", &f, false, &Filters::default()).err(),
        Some(QueryError::Empty)
    );
    assert!(matches!(
        parse(")(", &f, false, &Filters::default()).err(),
        Some(QueryError::NothingLeft(_))
    ));
    assert!(matches!(
        parse("-putin", &f, false, &Filters::default()).err(),
        Some(QueryError::OnlyExcluded(_))
    ));
}

#[test]
fn needles_follow_the_query() {
    let f = fields();
    let p = parse(
        "Harbin \"China-Russia Expo\" expo* jinpng~ -moscow author:roe",
        &f,
        false,
        &Filters::default(),
    )
    .unwrap();
    assert_eq!(
        p.needles,
        vec![
            Needle::Term("harbin".into()),
            Needle::Phrase(vec!["china".into(), "russia".into(), "expo".into()], 0),
            Needle::Prefix(PrefixForms::new("expo")),
            Needle::Fuzzy(FuzzyForms::new("jinpng", 1)),
        ]
    );
    assert!(
        p.any.is_none(),
        "operators and fields make it not a plain word list"
    );
    assert!(
        parse("harbin expo", &f, false, &Filters::default())
            .unwrap()
            .any
            .is_some()
    );
}

#[test]
fn dangling_operators_and_parentheses_are_dropped_or_closed() {
    let fix = |q: &str| repair(q).0;
    assert_eq!(fix("a AND"), "a");
    assert_eq!(fix("OR a b"), "a b");
    assert_eq!(fix("a OR OR b"), "a OR b");
    assert_eq!(fix("a AND NOT b"), "a AND NOT b");
    assert_eq!(fix("a NOT"), "a");
    assert_eq!(fix("(a b"), "(a b)");
    assert_eq!(fix("a b)"), "a b ");
    assert_eq!(fix("\"a OR\" b"), "\"a OR\" b");
    assert!(repair("a AND b").1.is_empty());
}

#[test]
fn days_count_from_1970_across_the_whole_calendar() {
    let d = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
    for s in [
        "1970-01-01",
        "2024-02-29",
        "2024-03-01",
        "1969-12-31",
        "1600-03-01",
        "2262-04-11",
    ] {
        let jiff = d(s)
            .to_zoned(jiff::tz::TimeZone::UTC)
            .unwrap()
            .timestamp()
            .as_second();
        assert_eq!(date_secs(d(s)), jiff, "{s}");
    }
    // Past jiff's last timestamp, the count goes on.
    assert_eq!(
        date_secs(d("9999-12-31")) - date_secs(d("9999-12-30")),
        86_400
    );
}

#[test]
fn nesting_counts_parentheses_outside_quotes() {
    assert_eq!(nesting("a (b (c) d) (e)"), 2);
    assert_eq!(nesting("((("), 3);
    assert_eq!(nesting("\"(((\" x"), 0);
    assert_eq!(nesting(")) ("), 1);
}

#[test]
fn path_terms_are_taken_out_of_the_query() {
    assert_eq!(
        take_paths("oil path:bbc/ -path:\"my news/\" (gas PATH:x*)"),
        (
            "oil     (gas  )".to_owned(),
            vec![
                (false, "bbc/".to_owned()),
                (true, "my news/".to_owned()),
                (false, "x*".to_owned())
            ]
        )
    );
    // Not at a word's start, in a phrase, or with nothing after it: text.
    for text in ["xpath:a", "\"path:a\"", "path:", "視path:a", "é"] {
        assert_eq!(take_paths(text), (text.to_owned(), vec![]), "{text}");
    }
}

#[test]
fn apostrophes_inside_words_are_escaped_for_the_grammar() {
    assert_eq!(repair("O'Neil").0, "O\\'Neil");
    assert_eq!(repair("Côte d'Ivoire").0, "Côte d\\'Ivoire");
    assert_eq!(repair("Jones' dog").0, "Jones\\' dog");
    assert_eq!(repair("'joint statement'").0, "'joint statement'");
    assert!(repair("don't").1.is_empty());
}

#[test]
fn date_bounds_take_years_months_days_and_spans_back() {
    let d = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
    let today = d("2024-05-17");
    assert_eq!(date_bound("1987", false, today), Ok(d("1987-01-01")));
    assert_eq!(date_bound("1987", true, today), Ok(d("1987-12-31")));
    assert_eq!(date_bound("1987-02", true, today), Ok(d("1987-02-28")));
    assert_eq!(date_bound("1987-03-04", false, today), Ok(d("1987-03-04")));
    assert_eq!(date_bound("7d", false, today), Ok(d("2024-05-10")));
    assert_eq!(date_bound("2w", true, today), Ok(d("2024-05-03")));
    assert_eq!(date_bound("3m", false, today), Ok(d("2024-02-17")));
    assert_eq!(date_bound("1y", false, today), Ok(d("2023-05-17")));
    assert_eq!(date_bound("0d", false, today), Ok(today));
    for bad in ["last week", "7", "d", "-3d", "7x", "1987-13", "", "7é", "é"] {
        let err = date_bound(bad, false, today).unwrap_err();
        assert!(err.contains("YYYY-MM-DD"), "{bad}: {err}");
    }
    assert!(date_bound("99999999y", false, today).is_err());
}

#[test]
fn date_spans_cover_a_year_a_month_or_a_day() {
    let d = |s: &str| s.parse::<jiff::civil::Date>().unwrap();
    assert_eq!(date_span("2024"), Some((d("2024-01-01"), d("2024-12-31"))));
    assert_eq!(
        date_span("2024-02"),
        Some((d("2024-02-01"), d("2024-02-29")))
    );
    assert_eq!(
        date_span("2024-05-17"),
        Some((d("2024-05-17"), d("2024-05-17")))
    );
    for bad in ["24", "2024-13", "2024-02-30", "May", "2024-5", ""] {
        assert_eq!(date_span(bad), None, "{bad}");
    }
}
