//! Shell integration: completions for each shell, the manual page, examples in --help,
//! the index format in --version.

use crate::util::Env;

#[test]
fn completions_for_every_shell() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let r = env.run(&["completions", shell]);
        r.assert_code(0);
        let out = r.stdout();
        assert!(out.contains("newsq"), "{shell}");
        for sub in ["search", "export", "stats"] {
            assert!(out.contains(sub), "{shell} completes {sub}");
        }
    }
    let r = env.run(&["completions", "tcsh"]);
    r.assert_code(2);
}

#[test]
fn man_pages() {
    let env = Env::new();
    let r = env.run(&["man"]);
    r.assert_code(0);
    let page = r.stdout();
    assert!(page.contains(".TH newsq 1"), "{page}");
    assert!(page.contains("completions"), "{page}");
    env.run(&["man", "--out", "man1"]).assert_code(0);
    for name in [
        "newsq.1",
        "newsq-index.1",
        "newsq-export.1",
        "newsq-stats.1",
    ] {
        let text = std::fs::read_to_string(env.path().join("man1").join(name)).unwrap();
        assert!(text.starts_with(".ie") || text.contains(".TH"), "{name}");
    }
    let index_page = std::fs::read_to_string(env.path().join("man1/newsq-index.1")).unwrap();
    assert!(index_page.contains("field"), "{index_page}");
}

#[test]
fn help_has_examples_and_version_the_index_format() {
    let env = Env::new();
    for sub in [
        "index",
        "search",
        "show",
        "clean",
        "facets",
        "similar",
        "export",
        "stats",
        "completions",
        "man",
    ] {
        let r = env.run(&[sub, "--help"]);
        r.assert_code(0);
        assert!(r.stdout().contains("Examples:"), "{sub}: {}", r.stdout());
    }
    let v = env.run(&["--version"]);
    v.assert_code(0);
    assert_eq!(
        v.stdout(),
        format!(
            "newsq {} (index format {})\n",
            env!("CARGO_PKG_VERSION"),
            newsq::index::FORMAT_VERSION
        )
    );
}
