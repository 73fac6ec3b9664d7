//! Property tests ("fuzzing" on stable Rust): the cleaner, the decoder, sentence splitting,
//! passages and query handling never panic, whatever the input, and keep their basic
//! promises. Inputs mix fragments from `tests/fuzz-corpus/` (kinds of lines and queries
//! newsq meets) with arbitrary text. Failures are saved under `proptest-regressions/` and
//! replayed on every run.
//!
//! A long run: `PROPTEST_CASES=20000 cargo test --release --test integration fuzz`.

use proptest::prelude::*;

use newsq::clean::{self, CorpusStats};
use newsq::index::schema;
use newsq::search::{Filters, Highlighter, Needle, query, sentence};

fn corpus(name: &str) -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz-corpus")
        .join(name);
    std::fs::read_to_string(path)
        .expect("fuzz corpus")
        .lines()
        .map(|l| l.replace("\\x1b", "\u{1b}"))
        .collect()
}

/// A line: a corpus fragment, arbitrary text, or a corpus fragment cut at a random char.
fn line() -> impl Strategy<Value = String> {
    let fragments = corpus("lines.txt");
    prop_oneof![
        4 => proptest::sample::select(fragments.clone()),
        2 => "\\PC{0,120}",
        1 => any::<String>(),
        1 => (proptest::sample::select(fragments), 0usize..200).prop_map(|(f, cut)| f.chars().take(cut).collect()),
    ]
}

fn article() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(line(), 0..40),
        proptest::bool::ANY,
    )
        .prop_map(|(lines, crlf)| lines.join(if crlf { "\r\n" } else { "\n" }))
}

fn query_text() -> impl Strategy<Value = String> {
    let fragments = corpus("queries.txt");
    proptest::collection::vec(
        prop_oneof![
            3 => proptest::sample::select(fragments),
            1 => "[a-z\"():~*^+\\- ]{0,12}",
            1 => "\\PC{0,20}",
        ],
        1..4,
    )
    .prop_map(|parts| parts.join(" "))
}

fn fields() -> schema::Fields {
    schema::Fields::new(&schema::build()).unwrap()
}

proptest! {
    #[test]
    fn cleaning_never_panics_and_keeps_only_input_text(text in article()) {
        let a = clean::clean(&text, &clean::Given::default(), &CorpusStats::empty());
        for p in &a.paragraphs {
            prop_assert!(!p.is_empty());
            prop_assert!(!p.chars().any(|c| c.is_control()), "control character kept: {p:?}");
        }
        prop_assert!(a.lines.len() <= text.lines().count());
        // The whole pipeline, including corpus statistics over copies of the text.
        let _ = clean::clean_all(&[text.clone(), text.clone(), text]);
    }

    #[test]
    fn decoding_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(t) = newsq::corpus::decode(&bytes) {
            prop_assert!(!t.text.trim().is_empty());
        }
    }

    #[test]
    fn sentences_are_valid_ranges(text in article()) {
        let mut end = 0;
        for r in sentence::split(&text, 0) {
            prop_assert!(r.start >= end && r.start < r.end && r.end <= text.len());
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            end = r.end;
        }
    }

    #[test]
    fn passages_highlight_inside_their_text(body in article(), words in proptest::collection::vec("[a-z]{1,8}", 1..4), phrase in proptest::bool::ANY) {
        let needles: Vec<Needle> = if phrase {
            vec![Needle::Phrase(words.clone(), 1)]
        } else {
            words.iter().map(|w| Needle::Term(w.clone())).collect()
        };
        let n = needles.len();
        let mut h = Highlighter::new(needles, vec![1.0; n]);
        for p in h.best(&body, 0, 3) {
            for r in &p.highlights {
                prop_assert!(r.start < r.end && r.end <= p.text.len());
                prop_assert!(p.text.is_char_boundary(r.start) && p.text.is_char_boundary(r.end));
            }
        }
    }

    #[test]
    fn queries_never_panic_lenient_or_strict(q in query_text()) {
        let f = fields();
        for strict in [false, true] {
            match query::parse(&q, &f, strict, &Filters::default()) {
                Ok(parsed) => {
                    // The compiled query must also run.
                    let index = tantivy::Index::create_in_ram(schema::build());
                    schema::register_analyzers(&index);
                    let searcher = index.reader().unwrap().searcher();
                    prop_assert!(searcher.search(parsed.query.as_ref(), &tantivy::collector::Count).is_ok());
                }
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }
    }
}
