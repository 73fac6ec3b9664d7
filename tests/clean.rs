//! `newsq clean` (no index) and `newsq show` (from the index).

use crate::util::Env;

const ARTICLE: &str = "\
Business

Ferry operator orders three electric vessels

By Jane Roe

Oslo, March 3, 2025 (Wire) The ferry operator said on Monday it had ordered three battery-powered vessels for its busiest fjord routes.

READ MORE : Shipping Rates Fall For A Third Month

The vessels will enter service in 2027 and cut the operator's diesel use by a third, the company said in a statement.

Join our Telegram channel for the latest updates.

#Shipping #Norway #Electric Ferries
";

/// `newsq clean [FLAGS] FILE` on `text` written to `name`: its standard output (exit 0).
fn clean(name: &str, text: &str, flags: &[&str]) -> String {
    let env = Env::new();
    let f = env.write(name, text);
    let mut args = vec!["clean"];
    args.extend_from_slice(flags);
    args.push(f.to_str().unwrap());
    let r = env.run(&args);
    r.assert_code(0);
    r.stdout()
}

/// The line of `explain` (`clean --explain` output) about the input line holding `text`.
fn explain_line<'a>(explain: &'a str, text: &str) -> &'a str {
    explain
        .lines()
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("no line holds {text:?}: {explain}"))
}

/// The body of `article` is exactly its `n` lines of 20 words or more (its paragraphs:
/// the synthetic pages' other lines are all short).
fn assert_keeps_paragraphs(article: &str, n: usize) {
    let story: Vec<&str> = article
        .lines()
        .filter(|l| l.split_whitespace().count() >= 20)
        .collect();
    assert_eq!(story.len(), n);
    let body = clean("article.txt", article, &[]);
    assert_eq!(body.lines().collect::<Vec<_>>(), story, "{body}");
}

#[test]
fn clean_prints_the_body_only() {
    let out = clean("ferry.txt", ARTICLE, &[]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(lines[0].starts_with("Oslo, March 3, 2025 (Wire) The ferry operator said"));
    assert!(lines[1].starts_with("The vessels will enter service"));
    for junk in [
        "READ MORE",
        "Telegram",
        "#Shipping",
        "Jane Roe",
        "Business",
        "electric vessels\n",
    ] {
        assert!(!out.contains(junk), "{junk} kept: {out}");
    }
}

/// A story with a photo gallery in the middle: captions with credits, their shortened
/// copies, the gallery's counters and buttons.
const GALLERY_ARTICLE: &str = "\
Harbour reopens after the storm

The harbour reopened on Tuesday after four days of repairs to the breakwater, the port authority said, and the first ferries left on time.

Workers had replaced two hundred metres of stone and concrete that the waves tore away on Friday night, when the storm was at its height.

Fishermen said the closure had cost them most of a week's catch, and some of them asked the council for help with the losses.

Workers lift a concrete block onto the breakwater of the harbour on Monday, a day before it reopened to ferries and fishing boats. (AP Photo/Jane Roe)
Workers lift a concrete block onto the breakwater of the harbour on Monday, a day before it ... more
Image 1 of 3
Caption
Close
Image 1 of 3
A ferry leaves the harbour on Tuesday morning, the first to sail since the storm closed the port last Friday night. (Jane Roe/The Daily via AP)
A ferry leaves the harbour on Tuesday morning, the first to sail since ... more
Fishermen count the week's losses
1 / 3
Back to Gallery

The council said it would decide on the request next month, after the port authority has finished counting the cost of the repairs.

Ferries will run to the usual timetable from Wednesday, the operator said, though the night crossing stays suspended until the weekend.
";

#[test]
fn a_photo_gallery_inside_the_story_is_cut_and_the_story_kept() {
    let out = clean("harbour.txt", GALLERY_ARTICLE, &[]);
    let story: Vec<&str> = GALLERY_ARTICLE
        .lines()
        .filter(|l| l.ends_with('.') && !l.contains("Photo") && !l.contains(" via "))
        .collect();
    assert_eq!(story.len(), 5);
    assert_eq!(out.lines().collect::<Vec<_>>(), story, "{out}");
}

/// An older site's page: a row of sharing links and an advertisement marker between the
/// story's paragraphs.
const INLINE_WIDGETS: &str = "\
Storm closes harbour for a week

OSLO, Norway - The harbour reopened on Tuesday after four days of repairs to the breakwater, the port authority said, and the first ferries left on time.

Workers had replaced two hundred metres of stone and concrete that the waves tore away on Friday night, when the storm was at its height.

Email this story
Printer-friendly version
Send to a friend
Digg this

Fishermen said the closure had cost them most of a week's catch, and some of them asked the council for help with the losses.

ADVERTISEMENT

The council said it would decide on the request next month, after the port authority has finished counting the cost of the repairs.
Click here for more stories from the coast
Copyright 2008 The Daily Planet. All rights reserved.
Print | Email | Share
";

#[test]
fn the_story_goes_on_after_inline_links_and_an_advertisement() {
    assert_keeps_paragraphs(INLINE_WIDGETS, 4);
}

/// An older site's page: a "Posted by" byline, a name-like heading and photo links
/// above the story; print, enlarge and related links between its paragraphs.
const OLD_STYLE: &str = "\
Storm closes harbour for a week
Posted by Jane Roe at 10:15 AM
Story Highlights
Enlarge this image

OSLO, Norway - The harbour reopened on Tuesday after four days of repairs to the breakwater, the port authority said, and the first ferries left on time.
Print this article
Workers had replaced two hundred metres of stone and concrete that the waves tore away on Friday night, when the storm was at its height.
Click to enlarge
Fishermen said the closure had cost them most of a week's catch, and some of them asked the council for help with the losses.
Related: Ferry firm posts record profit
The council said it would decide on the request next month, after the port authority has finished counting the cost of the repairs.
Page 1 of 2
Next page »
Comments (12)
Add your comment
You must be logged in to post a comment.
Filed under: Weather, Norway
(c) 2008 Reuters
";

#[test]
fn an_older_sites_byline_title_and_links() {
    let out = clean("harbour.txt", OLD_STYLE, &["--explain"]);
    assert!(
        out.contains("title: Storm closes harbour for a week"),
        "{out}"
    );
    assert!(out.contains("author: Jane Roe"), "{out}");
    assert_keeps_paragraphs(OLD_STYLE, 4);
}

/// A story followed by readers' comments, each with its writer's name and a time stamp.
const WITH_COMMENTS: &str = "\
Storm closes harbour for a week

OSLO, Norway - The harbour reopened on Tuesday after four days of repairs to the breakwater, the port authority said, and the first ferries left on time.

Workers had replaced two hundred metres of stone and concrete that the waves tore away on Friday night, when the storm was at its height.

The council said it would decide on the request next month, after the port authority has finished counting the cost of the repairs.

3 Responses to \"Storm closes harbour for a week\"

fjordfan
March 4th, 2008 at 4:12 pm
I have sailed from that harbour for twenty years and have never seen the breakwater in such a state, so the repairs were long overdue in my view.

Ole N.
March 4th, 2008 at 6:40 pm
The council should help the fishermen now, because they lost a whole week of income through no fault of their own, and many of them are struggling.

Leave a Reply
Name (required)
Mail (will not be published) (required)
Website
";

#[test]
fn comments_give_neither_body_nor_author_nor_date() {
    let out = clean("harbour.txt", WITH_COMMENTS, &["--explain"]);
    for wrong in ["author:", "date:"] {
        assert!(!out.contains(wrong), "{wrong} from a comment: {out}");
    }
    let body = clean("harbour.txt", WITH_COMMENTS, &[]);
    assert_eq!(body.lines().count(), 3, "{body}");
    assert!(!body.contains("sailed from that harbour"), "{body}");
}

/// A 2008-style page: the page title with its site, story highlights, a link bar, and
/// bookmarking links and the page's address after the story.
const HIGHLIGHTS: &str = "\
Harbour reopens after storm - CNN.com
STORY HIGHLIGHTS
• Harbour reopens after four days of repairs
• Fishermen ask council for help
• Night ferry suspended until weekend
Next Article in World »
Email to a friend | Print | RSS | Share
OSLO, Norway (CNN) -- The harbour reopened on Tuesday after four days of repairs to the breakwater, the port authority said, and the first ferries left on time.
Workers had replaced two hundred metres of stone and concrete that the waves tore away on Friday night, when the storm was at its height.
\"We worked day and night,\" said the site manager.
Fishermen said the closure had cost them most of a week's catch, and some of them asked the council for help with the losses.
E-mail to a friend
Mixx it | Digg it | del.icio.us | Reddit
All About Norway • Storms
Find this article at:
http://edition.cnn.com/2008/WORLD/europe/03/04/norway.harbour/index.html
Check the box to include the list of links referenced in the article.
© 2008 Cable News Network
";

#[test]
fn highlights_and_link_bars_give_no_title_or_author() {
    let out = clean("harbour.txt", HIGHLIGHTS, &["--explain"]);
    assert!(
        out.contains("title: Harbour reopens after storm\n"),
        "{out}"
    );
    assert!(!out.contains("author:"), "{out}");
    let body = clean("harbour.txt", HIGHLIGHTS, &[]);
    assert_eq!(body.lines().count(), 4, "{body}");
    assert!(
        body.starts_with("OSLO, Norway (CNN) -- The harbour reopened"),
        "{body}"
    );
}

/// A blog post: the site's name and menu, the post's date and author's handle under its
/// title, sharing and navigation widgets after it.
const BLOG_POST: &str = "\
Skip to content
Harbour Watch
News from the fjord
Menu
Storm closes harbour for a week
November 3, 2019 by harbourwatch
The harbour reopened on Tuesday after four days of repairs to the breakwater, the port authority said, and the first ferries left on time.
Workers had replaced two hundred metres of stone and concrete that the waves tore away on Friday night, when the storm was at its height.
Fishermen said the closure had cost them most of a week's catch, and some of them asked the council for help with the losses.
Share this:
Twitter
Facebook
Like this:
Like Loading...
Related
This entry was posted in News and tagged breakwater, ferries. Bookmark the permalink.
Post navigation
← Ferry firm posts record profit
Council sets new fees for the quay →
Leave a Reply Cancel reply
Enter your comment here...
Blog at WordPress.com.
";

#[test]
fn a_blog_posts_date_and_handle_under_its_title() {
    let out = clean("post.txt", BLOG_POST, &["--explain"]);
    for want in [
        "title: Storm closes harbour for a week",
        "author: harbourwatch",
        "date: 2019-11-03",
    ] {
        assert!(out.contains(want), "{want}: {out}");
    }
    assert_eq!(clean("post.txt", BLOG_POST, &[]).lines().count(), 3);
}

#[test]
fn explain_names_the_rule_for_each_line() {
    let out = clean("ferry.txt", ARTICLE, &["--explain"]);
    let rule_of = |needle: &str| -> String {
        let line = out
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle} not listed:\n{out}"));
        line.split_whitespace().nth(2).unwrap().to_owned()
    };
    assert_eq!(rule_of("READ MORE"), "read-more");
    assert_eq!(rule_of("Telegram"), "call-to-action");
    assert_eq!(rule_of("#Shipping"), "hashtags");
    assert_eq!(rule_of("By Jane Roe"), "metadata");
    assert_eq!(rule_of("The vessels will"), "body");
    assert!(out.contains("author: Jane Roe"), "{out}");
    assert!(out.contains("date: 2025-03-03"), "{out}");
    assert!(
        out.contains("tags: Shipping, Norway, Electric Ferries"),
        "{out}"
    );
}

#[test]
fn clean_out_writes_one_file_per_input() {
    let env = Env::new();
    let a = env.write("in/a.txt", ARTICLE);
    let b = env.write("in/b.txt", "Short note\n\nThe museum reopens on Friday after a two-year renovation of its west wing.\n");
    let r = env.run(&[
        "clean",
        "--out",
        "out",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
    ]);
    r.assert_code(0);
    assert!(r.stdout().is_empty());
    let a_out = std::fs::read_to_string(env.path().join("out/a.txt")).unwrap();
    assert_eq!(a_out.lines().count(), 2);
    let b_out = std::fs::read_to_string(env.path().join("out/b.txt")).unwrap();
    assert_eq!(
        b_out,
        "The museum reopens on Friday after a two-year renovation of its west wing.\n"
    );
}

#[test]
fn clean_reports_unreadable_files_and_goes_on() {
    let env = Env::new();
    let good = env.write("good.txt", ARTICLE);
    let r = env.run(&["clean", "missing.txt", good.to_str().unwrap()]);
    r.assert_code(2);
    assert!(r.stderr().contains("missing.txt"), "{}", r.stderr());
    assert!(r.stdout().contains("The vessels will enter service"));
}

#[test]
fn show_prints_metadata_and_cleaned_body() {
    let env = Env::new();
    env.write("news/ferry.txt", ARTICLE);
    env.index(&["news"]);
    let r = env.run(&["show", "news/ferry.txt"]);
    r.assert_code(0);
    let out = r.stdout();
    assert!(out.contains("Ferry operator orders three electric vessels"));
    assert!(out.contains("Jane Roe"));
    assert!(out.contains("Business"));
    assert!(out.contains("The vessels will enter service in 2027"));
    assert!(!out.contains("READ MORE"));
    let json = env.run(&["show", "--json", "news/ferry.txt"]).json_lines();
    assert_eq!(json[0]["metadata"]["authors"][0], "Jane Roe");
    assert_eq!(json[0]["metadata"]["date"], "2025-03-03");
    assert!(
        json[0]["removed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["rule"] == "read-more")
    );
}

#[test]
fn show_of_an_article_not_indexed_exits_1() {
    let env = Env::new();
    env.write("news/ferry.txt", ARTICLE);
    env.index(&["news"]);
    let r = env.run(&["show", "news/other.txt"]);
    r.assert_code(1);
    assert!(r.stderr().contains("not in the index"), "{}", r.stderr());
}

#[test]
fn clean_out_never_writes_over_an_input_nor_two_articles_to_one_file() {
    let env = Env::new();
    let story = env.write("art/ferry.txt", ARTICLE);
    let r = env.run(&["clean", "--out", "art", "art/ferry.txt"]);
    r.assert_code(2);
    assert!(
        r.stderr().contains("is a file being cleaned"),
        "{}",
        r.stderr()
    );
    assert_eq!(std::fs::read_to_string(&story).unwrap(), ARTICLE);

    env.write("x/story.txt", ARTICLE);
    env.write(
        "y/story.html",
        "<html><head><title>Trains</title></head><body><p>The second story is about \
         trains and rails and the timetable that the operator published on Monday.</p></body></html>",
    );
    let r = env.run(&["clean", "--out", "out", "x/story.txt", "y/story.html"]);
    r.assert_code(2);
    assert!(
        r.stderr().contains("would both be written to"),
        "{}",
        r.stderr()
    );
    assert!(
        !env.path().join("out/story.txt").exists(),
        "nothing is written"
    );

    // Apart, both are written.
    env.run(&["clean", "--out", "out", "x/story.txt"])
        .assert_code(0);
    assert!(env.path().join("out/story.txt").exists());
}

#[test]
fn soft_hyphens_leave_words_whole() {
    let out = clean(
        "page.html",
        "<html><body><article><p>Dock workers at the har&shy;bor went on strike on Monday, \
         the Bundes&shy;regierung said, over pay and conditions at the port.</p></article></body></html>",
        &[],
    );
    assert!(
        out.contains("harbor") && out.contains("Bundesregierung"),
        "{out}"
    );
    assert!(!out.contains('\u{ad}'), "{out:?}");
}

/// A blog post that is mostly a list, and a longer thread of readers' comments under it,
/// each opened by the reader's name and the date.
const POST_AND_THREAD: &str = "\
Home | About | Archive
Ten ferries worth the trip
by harbourfan on May 2, 2021
I went looking for the best ferry rides on the coast this spring. Here is my list.
1. Oslo to Nesodden
2. Bergen to Askøy
3. Stavanger to Tau
4. Molde to Vestnes
5. Bodø to Moskenes
Tell me which ones I missed.
12 comments
Kari Nordmann May 3, 2021 at 9:12 am
You left out the night crossing to the islands, which is the best ride on the whole coast if the weather holds and the sea is calm.
Per Hansen May 3, 2021 at 11:40 am
I have taken the Moskenes boat a dozen times and it is rough in winter, but the view of the peaks when you arrive is worth every minute of it.
olav77 May 4, 2021 at 7:03 pm
The Tau ferry is gone now that the tunnel is open, so your list is already out of date, which is a shame because it was a lovely short trip.
Ingrid Berg May 6, 2021 at 2:25 pm
We did the Vestnes crossing with our children last summer and they still talk about the dolphins they saw, so I would put it at the top of the list.
Leave a Reply
";

#[test]
fn a_comment_thread_does_not_win_over_a_short_post() {
    let body = clean("ferries.txt", POST_AND_THREAD, &[]);
    for kept in ["I went looking", "3. Stavanger to Tau"] {
        assert!(body.contains(kept), "{kept} lost: {body}");
    }
    for gone in ["night crossing", "dolphins", "Kari Nordmann"] {
        assert!(!body.contains(gone), "{gone} kept: {body}");
    }
    let explain = clean("ferries.txt", POST_AND_THREAD, &["--explain"]);
    let line = explain_line(&explain, "Per Hansen");
    assert!(line.contains("comment thread"), "{line}");
}

/// A short story under its headline and byline, then a share row, an advertisement and
/// a longer consent notice that shares none of the headline's words.
const SHORT_STORY_LONG_NOTICE: &str = "\
News | Sport | Weather
Harbour crane collapses during storm
By Jane Roe
The old harbour crane collapsed during Tuesday's storm, the port authority said, and nobody was hurt when it fell across the empty quay. Engineers will inspect the other cranes this week.
Share | Tweet | Email
Advertisement
Privacy and cookies
We and our partners use cookies and similar technologies to store and access information on your device, to personalise content and advertising, and to measure how our services are used by you and others.
You can accept all cookies, refuse those that are not strictly necessary, or choose which purposes you allow; you may withdraw your consent at any time in the settings of your browser or of this website.
Some partners process your personal data on the basis of their legitimate interest, which you can object to, and the processing may include precise geolocation data and identification through device scanning.
Your choices apply to this website only and are stored for thirteen months, after which we will ask you again, in accordance with the applicable data protection regulation.
";

#[test]
fn a_short_story_under_its_headline_beats_a_longer_notice() {
    let body = clean("crane.txt", SHORT_STORY_LONG_NOTICE, &[]);
    assert!(body.contains("The old harbour crane collapsed"), "{body}");
    assert!(!body.contains("cookies"), "{body}");
    assert!(!body.contains("legitimate interest"), "{body}");
    let explain = clean("crane.txt", SHORT_STORY_LONG_NOTICE, &["--explain"]);
    let line = explain_line(&explain, "legitimate interest");
    assert!(line.contains("denser block passed over"), "{line}");
}

#[test]
fn a_long_numbered_list_inside_the_story_keeps_both_sides() {
    let mut page = String::from(
        "Home | News | Sport\nThe twenty busiest ferry routes\nBy Jane Roe\n\
         The port authority published its yearly count of passengers on Monday, and the \
         list of the busiest routes held few surprises for those who use them every day.\n",
    );
    for k in 1..=20 {
        page.push_str(&format!("{k}. Route number {k}\n"));
    }
    page.push_str(
        "The authority said it would publish the figures for each month from next year, \
         so that operators can plan their timetables around the busiest weeks.\n\
         Share | Tweet | Email\n",
    );
    let body = clean("routes.txt", &page, &[]);
    for kept in [
        "yearly count",
        "1. Route number 1",
        "20. Route number 20",
        "each month",
    ] {
        assert!(body.contains(kept), "{kept} lost: {body}");
    }
    let explain = clean("routes.txt", &page, &["--explain"]);
    let line = explain_line(&explain, "7. Route number 7");
    assert!(line.contains("item of a list inside the story"), "{line}");
}
