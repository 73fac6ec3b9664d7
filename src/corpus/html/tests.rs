//! Unit tests of the HTML stage: metadata sources, charsets, gzip, the text layout, the
//! main-text choice, and inputs that must not panic. Every page here is written for the
//! test.

use super::*;

/// A story of `n` paragraphs of prose, each with commas and a full stop.
fn story(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "<p>Paragraph {i} of the story says that the council, after a long debate, \
                 voted to repair the old bridge before winter, and residents welcomed it.</p>"
            )
        })
        .collect()
}

fn page(head: &str, body: &str) -> String {
    format!("<!doctype html><html lang=\"en\"><head>{head}</head><body>{body}</body></html>")
}

#[test]
fn open_graph_and_article_tags() {
    let html = page(
        r#"<title>Bridge vote | The Daily Example</title>
        <meta property="og:title" content="Council votes to repair bridge">
        <meta property="og:site_name" content="The Daily Example">
        <meta property="og:description" content="  The old  bridge gets a repair. ">
        <meta property="article:published_time" content="2019-11-19T08:30:00Z">
        <meta property="article:modified_time" content="2019-11-20T09:00:00Z">
        <meta property="article:section" content="Local">
        <meta property="article:tag" content="bridges">
        <meta property="article:tag" content="Council">
        <meta property="article:author" content="https://example.org/staff/jane">
        <meta name="author" content="Jane Roe">
        <meta name="keywords" content="council, bridges, winter">
        <link rel="canonical" href="https://example.org/bridge">"#,
        &story(4),
    );
    let p = extract(&html);
    let m = &p.meta;
    assert_eq!(m.title.as_deref(), Some("Council votes to repair bridge"));
    assert_eq!(m.site_name.as_deref(), Some("The Daily Example"));
    assert_eq!(
        m.description.as_deref(),
        Some("The old bridge gets a repair.")
    );
    assert_eq!(m.published.as_deref(), Some("2019-11-19T08:30:00Z"));
    assert_eq!(m.date, Some(jiff::civil::date(2019, 11, 19)));
    assert_eq!(m.modified.as_deref(), Some("2019-11-20T09:00:00Z"));
    assert_eq!(m.section.as_deref(), Some("Local"));
    // The profile URL is not a name; the `name=author` tag is.
    assert_eq!(m.authors, vec!["Jane Roe"]);
    assert_eq!(m.tags, vec!["bridges", "Council", "winter"]);
    assert_eq!(m.language.as_deref(), Some("en"));
    assert_eq!(m.url.as_deref(), Some("https://example.org/bridge"));
}

#[test]
fn json_ld_news_article_inside_graph_with_references() {
    let html = page(
        r##"<title>Ignored title - Example News</title>
        <script type="application/ld+json">
        {"@context": "https://schema.org", "@graph": [
          {"@type": "Organization", "@id": "#org", "name": "Example News"},
          {"@type": "Person", "@id": "#p1", "name": "Ann Lee"},
          {"@type": ["NewsArticle"], "headline": "Floods close the coast road",
           "author": [{"@id": "#p1"}, {"@type": "Person", "name": "Bo Chan"}],
           "publisher": {"@id": "#org"},
           "datePublished": "2018-03-02T10:00:00+01:00",
           "articleSection": ["Weather", "Region"],
           "keywords": ["floods", "roads"],
           "description": "Heavy rain closed the road.",
           "inLanguage": "en-GB",
           "articleBody": "First line of the body.\nSecond line &amp; more."}
        ]}
        </script>"##,
        "<p>Short.</p>",
    );
    let p = extract(&html);
    let m = &p.meta;
    assert_eq!(m.title.as_deref(), Some("Floods close the coast road"));
    assert_eq!(m.authors, vec!["Ann Lee", "Bo Chan"]);
    assert_eq!(m.site_name.as_deref(), Some("Example News"));
    assert_eq!(m.date, Some(jiff::civil::date(2018, 3, 2)));
    assert_eq!(m.section.as_deref(), Some("Weather"));
    assert_eq!(m.tags, vec!["floods", "roads"]);
    assert_eq!(
        m.description.as_deref(),
        Some("Heavy rain closed the road.")
    );
    assert_eq!(
        meta::read(&dom::Dom::parse(&html)).1.as_deref(),
        Some("First line of the body.\nSecond line & more.")
    );
}

#[test]
fn json_ld_in_an_array_with_raw_newlines_and_cdata() {
    let html = page(
        "<script type=\"application/ld+json\">//<![CDATA[\n[{\"@type\": \"WebSite\", \"name\": \"X\"}, \
         {\"@type\": \"http://schema.org/ReportageNewsArticle\", \"headline\": \"Line\nbroken\", \
         \"author\": \"Kim Park and Lee Moon\", \"datePublished\": \"2020-01-05\"}];\n//]]></script>",
        "",
    );
    let m = extract(&html).meta;
    assert_eq!(m.title.as_deref(), Some("Line broken"));
    assert_eq!(m.authors, vec!["Kim Park", "Lee Moon"]);
    assert_eq!(m.date, Some(jiff::civil::date(2020, 1, 5)));
}

#[test]
fn broken_json_ld_is_skipped() {
    let html = page(
        r#"<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>
        <title>Fallback headline here - Site.com</title>"#,
        "",
    );
    assert_eq!(
        extract(&html).meta.title.as_deref(),
        Some("Fallback headline here")
    );
}

#[test]
fn title_falls_back_to_h1_then_title_without_site_suffix() {
    let with_h1 = page(
        "<title>Something else | Paper</title>",
        "<h1> Mayor  resigns </h1>",
    );
    assert_eq!(
        extract(&with_h1).meta.title.as_deref(),
        Some("Mayor resigns")
    );
    let site_known = page(
        r#"<title>Mayor resigns after vote - The Paper Online</title>
        <meta property="og:site_name" content="The Paper Online">"#,
        "",
    );
    assert_eq!(
        extract(&site_known).meta.title.as_deref(),
        Some("Mayor resigns after vote")
    );
    let leading = page(
        r#"<title>The Paper | Mayor resigns after vote</title>
        <meta property="og:site_name" content="The Paper">"#,
        "",
    );
    assert_eq!(
        extract(&leading).meta.title.as_deref(),
        Some("Mayor resigns after vote")
    );
    // Without a site name, a dash that is part of the headline stays.
    let dash = page("<title>Review - a mixed bag of small ideas</title>", "");
    assert_eq!(
        extract(&dash).meta.title.as_deref(),
        Some("Review - a mixed bag of small ideas")
    );
}

#[test]
fn authors_from_markup_when_no_tag_names_them() {
    let html = page(
        "",
        &format!(
            "<div class=\"byline\"><span class=\"author-name\">By Sam Hill</span></div>{}",
            story(3)
        ),
    );
    assert_eq!(extract(&html).meta.authors, vec!["Sam Hill"]);
}

#[test]
fn blocks_and_breaks_start_lines_and_whitespace_collapses() {
    let html = page(
        "",
        "<div>One <b>bold</b>\n word</div><p>Two<br>Three&nbsp;&nbsp;four\u{200B}five</p>\
         <ul><li>a</li><li>b</li></ul><span>inline</span> tail",
    );
    assert_eq!(
        page_text(&html),
        "One bold word\nTwo\nThree four five\na\nb\ninline tail"
    );
}

#[test]
fn hidden_and_script_content_is_not_text() {
    let html = page(
        "<style>p{}</style>",
        "<p>seen</p><p hidden>unseen1</p><div style=\"display: none\">unseen2</div>\
         <script>var unseen3;</script><noscript>unseen4</noscript><template>unseen5</template>",
    );
    assert_eq!(page_text(&html), "seen");
}

#[test]
fn main_text_leaves_out_navigation_sidebars_and_comments() {
    let nav = "<nav><ul><li><a href=/>Home</a></li><li><a href=/w>World</a></li></ul></nav>";
    let related = "<div class=\"related-stories\"><h3>More</h3><p>Another story about the \
                   budget, the taxes, and the schools, which is long enough to be prose.</p></div>";
    let comments = "<section id=\"comments\"><p>I disagree with the council, it wastes money, \
                    and nobody asked us, the residents, at all.</p></section>";
    let html = page(
        "",
        &format!(
            "<header>Site header</header>{nav}<main><article><h1>Bridge</h1>\
             <div class=\"article-body\">{}{related}</div></article>{comments}</main>\
             <aside class=\"sidebar\"><p>Most read: a long sidebar teaser, with commas, that \
             should not be in the story at all.</p></aside><footer>Copyright</footer>",
            story(5)
        ),
    );
    let p = extract(&html);
    assert_eq!(p.method, Method::Container);
    assert_eq!(p.text.lines().count(), 5, "{}", p.text);
    assert!(
        p.text.lines().all(|l| l.starts_with("Paragraph")),
        "{}",
        p.text
    );
}

#[test]
fn story_split_over_sibling_wrappers_is_kept_whole() {
    let html = page(
        "",
        &format!(
            "<div id=\"wrap\"><div class=\"story-part\">{}</div><div class=\"ad\">Advertisement</div>\
             <div class=\"story-part\">{}</div></div>",
            story(4),
            story(3)
        ),
    );
    let p = extract(&html);
    assert_eq!(p.text.lines().count(), 7, "{}", p.text);
}

#[test]
fn article_body_is_used_when_the_dom_holds_little() {
    let body: String = (0..30)
        .map(|i| format!("Sentence {i} of the body. "))
        .collect();
    let html = page(
        &format!(
            r#"<script type="application/ld+json">{{"@type":"NewsArticle","articleBody":"{body}"}}</script>"#
        ),
        "<div id=\"app\">Loading…</div>",
    );
    let p = extract(&html);
    assert_eq!(p.method, Method::ArticleBody);
    assert!(p.text.starts_with("Sentence 0 of the body."));
}

#[test]
fn charset_from_meta_tags_bom_and_fallbacks() {
    // windows-1252 declared with <meta charset>.
    let mut b =
        b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xE9</body></html>".to_vec();
    assert!(decode_html(&b).contains("café"));
    // ISO-8859-1 in an http-equiv content type is read as windows-1252 (0x93/0x94 quotes).
    b = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">\x93hi\x94"
        .to_vec();
    let (text, enc) = decode_html_with_encoding(&b);
    assert_eq!(enc, "windows-1252");
    assert!(text.contains("\u{201C}hi\u{201D}"));
    // A declared legacy charset loses to bytes that are valid UTF-8.
    let utf8 = "<meta charset=iso-8859-1><p>Zürich</p>".as_bytes();
    assert!(decode_html(utf8).contains("Zürich"));
    // Any declaration loses to valid UTF-8, and plain ASCII is UTF-8 (no false "not
    // UTF-8" warning for a page that declares Shift_JIS or windows-1252 and uses neither).
    let utf8 = "<meta charset=\"Shift_JIS\"><p>日本語</p>".as_bytes();
    assert_eq!(
        decode_html_with_encoding(utf8),
        (String::from_utf8(utf8.to_vec()).unwrap(), "UTF-8")
    );
    assert_eq!(
        decode_html_with_encoding(b"<meta charset=windows-1252><p>plain</p>").1,
        "UTF-8"
    );
    // Shift_JIS declared, multi-byte text decoded.
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("<meta charset=\"Shift_JIS\"><p>日本語</p>");
    assert!(decode_html(&sjis).contains("日本語"));
    // BOM wins over a declaration.
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice("<meta charset=windows-1252>ü".as_bytes());
    assert_eq!(decode_html_with_encoding(&bom).1, "UTF-8");
    assert!(decode_html(&bom).ends_with('ü'));
    // No declaration: UTF-8 if valid, else windows-1252.
    assert_eq!(decode_html("naïve".as_bytes()), "naïve");
    assert_eq!(decode_html(b"na\xEFve"), "naïve");
    // An XML declaration names the charset of XHTML.
    let xml = b"<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><html>\xA4</html>";
    assert!(decode_html(xml).contains('€'));
}

#[test]
fn odd_inputs_do_not_panic() {
    for input in [
        String::new(),
        "   ".into(),
        "plain text, no markup at all".into(),
        "<<<>>><p<</p>>&&&;;&#xFFFFFF;&#0;</".into(),
        "\u{0}\u{1}\u{7f}<p>\u{feff}</p>".into(),
        "<script type=application/ld+json>[[[[[[[[[[</script>".into(),
        "<script type=application/ld+json>{\"@graph\": {\"@graph\": 5}}</script>".into(),
        format!("<div class=\"{}\">x</div>", "a".repeat(1 << 20)),
        format!(
            "<p title=\"{}\">big attribute</p>",
            "\u{e9}".repeat(1 << 20)
        ),
        format!("<table>{}</table>", "<tr><td>".repeat(2000)),
        "<div>".repeat(100_000) + "deep text with, some commas, in it, for the scorer to see",
        "<a>".repeat(50_000) + "nested links",
        "<span class=author>".repeat(10_000) + "Ann",
    ] {
        let p = extract(&input);
        let _ = page_text(&input);
        assert!(!p.text.contains('\u{0}'));
    }
    let deep =
        "<div>".repeat(100_000) + "deep text with, some commas, in it, for the scorer to see";
    assert!(extract(&deep).text.contains("deep text"));
}

#[test]
fn arbitrary_bytes_decode_without_panic() {
    let mut seed = 0x2545F4914F6CDD1Du64;
    for len in [0usize, 1, 7, 100, 5000] {
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect();
        let text = decode_html(&bytes);
        let _ = extract(&text);
        let mut gz = vec![0x1F, 0x8B];
        gz.extend_from_slice(&bytes);
        let _ = crate::corpus::gunzip(&gz, 1 << 16);
    }
}

/// Prose paragraphs with a given word, for pages where two kinds of text compete.
fn prose(word: &str, n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "<p>{word} {i}: the long sentence goes on, with commas, clauses and details, \
                 until it reads like a real paragraph of someone writing at length.</p>"
            )
        })
        .collect()
}

#[test]
fn a_long_comment_thread_does_not_outweigh_a_short_story() {
    let comments: String = (0..12)
        .map(|i| {
            format!(
                "<li class=\"comment\" id=\"comment-{i}\"><div class=\"comment-author\">user{i}</div>\
                 <div class=\"comment-content\">{}</div></li>",
                prose("Comment", 2)
            )
        })
        .collect();
    let html = page(
        "",
        &format!(
            "<div id=\"page\"><div class=\"entry\">{}</div>\
             <div id=\"comments\"><h3>12 comments</h3><ol class=\"comment-list\">{comments}</ol></div></div>",
            prose("Story", 2)
        ),
    );
    let p = extract(&html);
    assert!(
        p.text.contains("Story 0:") && p.text.contains("Story 1:"),
        "{}",
        p.text
    );
    assert!(!p.text.contains("Comment"), "{}", p.text);
}

#[test]
fn an_old_table_layout_page_gives_its_middle_cell() {
    let nav: String = (0..15)
        .map(|i| format!("<a href=\"/s{i}\">Section {i}</a><br>"))
        .collect();
    let story: String = (0..5)
        .map(|i| {
            format!(
                "Line {i} of the story, written the old way, with commas, and breaks between \
                 paragraphs instead of paragraph tags.<br><br>"
            )
        })
        .collect();
    let html = format!(
        "<html><head><title>Old page</title></head><body bgcolor=white><table width=100%><tr>\
         <td width=150>{nav}</td><td><font face=arial size=2><b>Headline</b><br>{story}</font></td>\
         <td width=120><a href=/ad><img src=ad.gif></a><br>Sponsored links<br>\
         <a href=/x>Cheap flights</a><br><a href=/y>Cheap hotels</a></td></tr></table>\
         <center><font size=1>Copyright 2004 The Old Paper. All rights reserved.</font></center>\
         </body></html>"
    );
    let p = extract(&html);
    for i in 0..5 {
        assert!(
            p.text.contains(&format!("Line {i} of the story")),
            "{}",
            p.text
        );
    }
    assert!(!p.text.contains("Section 3"), "{}", p.text);
    assert!(!p.text.contains("Cheap"), "{}", p.text);
}

#[test]
fn placeholder_dates_and_comment_form_labels_are_not_metadata() {
    let html = page(
        r#"<meta property="article:published_time" content="0001-01-01T00:00:00Z">
        <meta name="pubdate" content="2017-06-30">"#,
        &format!(
            "{}<div id=\"respond\"><form><label class=\"comment-form-author\">Name *</label>\
             </form></div><div class=\"related\"><span class=\"author\">Other Writer</span></div>",
            story(3)
        ),
    );
    let m = extract(&html).meta;
    assert_eq!(m.published.as_deref(), Some("2017-06-30"));
    assert_eq!(m.date, Some(jiff::civil::date(2017, 6, 30)));
    // Only the first byline outside comment forms counts (here: a related story's).
    assert_eq!(m.authors, vec!["Other Writer"]);
}

#[test]
fn a_headline_that_starts_with_the_site_name_keeps_it() {
    let html = page(
        r#"<meta property="og:title" content="The Herald view on the port: a city at sea | Editorial">
        <meta property="og:site_name" content="The Herald">"#,
        "",
    );
    assert_eq!(
        extract(&html).meta.title.as_deref(),
        Some("The Herald view on the port: a city at sea | Editorial")
    );
}

#[test]
fn article_body_wins_when_the_container_holds_other_text() {
    let body: String = (0..12)
        .map(|i| format!("Harbour item {i} tells how ferries, tugs and barges share the water. "))
        .collect();
    let html = page(
        &format!(
            r#"<script type="application/ld+json">{{"@type":"NewsArticle","articleBody":"{body}"}}</script>"#
        ),
        &prose("Promotion", 6),
    );
    let p = extract(&html);
    assert_eq!(p.method, Method::ArticleBody);
    assert!(p.text.contains("Harbour item 11"), "{}", p.text);
}

#[test]
fn a_furniture_sibling_of_the_story_is_not_taken_with_it() {
    let html = page(
        "",
        &format!(
            "<div><div class=\"story\">{}</div><div class=\"related-posts\">{}</div></div>",
            prose("Story", 4),
            prose("Teaser", 3)
        ),
    );
    let p = extract(&html);
    assert!(p.text.contains("Story 3:"), "{}", p.text);
    assert!(!p.text.contains("Teaser"), "{}", p.text);
}

#[test]
fn flattening_keeps_text_and_leaves_normal_pages_alone() {
    let normal = page("", &story(3));
    assert!(matches!(
        dom::flatten_deep(&normal),
        std::borrow::Cow::Borrowed(_)
    ));
    let deep = "<div>".repeat(5000) + "text" + &"</div>".repeat(5000) + "<p>after</p>";
    let flat = dom::flatten_deep(&deep);
    assert!(flat.len() < deep.len());
    assert!(flat.contains("text") && flat.contains("<p>after</p>"));
    // Many '<' without a '>' (and SVG's self-closing tags) are not nesting.
    let lt = "<a".repeat(200_000);
    assert!(matches!(
        dom::flatten_deep(&lt),
        std::borrow::Cow::Borrowed(_)
    ));
    let svg = format!("<svg>{}</svg>", "<path d=\"M0\"/>".repeat(5000));
    assert!(matches!(
        dom::flatten_deep(&svg),
        std::borrow::Cow::Borrowed(_)
    ));
}
