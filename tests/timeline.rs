//! `newsq timeline`, `newsq terms` and `--copies fold|all` on `facets` and `stats` (issue 22,
//! the interface in spec-timeline.md): buckets at month ends, leap days, ISO week 53 and
//! time zones; copies of one story counted once, in the month of their earliest copy; empty
//! and undated buckets and the date bounds; series split by source; JSON, CSV and the human
//! chart (its width, its colours, a snapshot); the words over-represented in a query's
//! stories; facets and stats that count stories.

use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;

use crate::util::{Env, Run, read_table};

/// Forty short stories on forty topics, each with "said" (the query most tests use) and
/// none sharing a run of words with another: none is a copy of another.
const POOL: [(&str, &str); 40] = [
    (
        "Bakery wins sourdough prize",
        "The small bakery on Elm Street won the regional prize for its sourdough loaf on Saturday, beating forty other entries from across the county. The owner said the starter dough had been kept alive by her family for three generations.",
    ),
    (
        "Council approves footbridge",
        "The city council approved plans for a new footbridge over the river on Tuesday after two years of argument about its cost and design. A councillor said cyclists would be able to use it from next summer.",
    ),
    (
        "Library extends opening hours",
        "The central library will open until nine in the evening on weekdays from next month, the librarian said, after students asked for more quiet space to work before exams.",
    ),
    (
        "Rail timetable changes",
        "Commuter trains between the two market towns will run every twenty minutes at peak times under a new timetable, the operator said, though late services on Sundays will be cut.",
    ),
    (
        "Hospital opens children's wing",
        "A children's wing with its own play garden opened at the county hospital on Friday. Nurses said the brighter wards had already helped young patients sleep better.",
    ),
    (
        "School roof repaired",
        "Pupils returned to the primary school on Wednesday after builders replaced a roof that had leaked through the winter. The head teacher said lessons in the sports hall had been a strain on everyone.",
    ),
    (
        "Football club appoints manager",
        "The town's football club named a former goalkeeper as its new manager on Thursday. The chairman said he wanted a young squad that plays with pace and takes risks going forward.",
    ),
    (
        "Tennis open sells out",
        "Tickets for the final weekend of the tennis open sold out within hours, organisers said, as a local player reached the quarter-finals for the first time in a decade.",
    ),
    (
        "Apple growers report bumper crop",
        "Orchards in the valley picked a record crop of apples this autumn thanks to a warm spring without late frost. One grower said the cider presses were running day and night to keep up.",
    ),
    (
        "Fishing quotas cut",
        "Trawler crews said they faced a hard year after regulators cut the cod quota for the northern grounds. Harbour traders fear fewer boats will land their catch at the quay.",
    ),
    (
        "Museum shows old sea charts",
        "An exhibition of hand-drawn sea charts opened at the maritime museum, including a chart of the estuary coloured by hand two centuries ago. The curator said visitors could study the charts with magnifying lenses.",
    ),
    (
        "Wind farm approved",
        "Planners approved a wind farm of eighteen turbines on the moor despite objections from walkers. The developer said the site would power a small town once it is connected to the grid.",
    ),
    (
        "Bus drivers accept pay offer",
        "Bus drivers voted to accept a pay offer that ends months of weekend strikes, their union said. Timetables will return to normal from Monday.",
    ),
    (
        "Flood walls raised",
        "Workers began raising the flood walls along the canal after water spilled into cellars twice last winter. The engineer in charge said the new walls would stand half a metre higher.",
    ),
    (
        "Airport runway closes for resurfacing",
        "The regional airport will close its runway for six nights while crews lay new asphalt, a spokeswoman said. Early morning flights to the islands will leave from the city airport instead.",
    ),
    (
        "Chess prodigy wins title",
        "A twelve-year-old from the suburbs won the national junior chess title after a tense final game that lasted five hours. Her coach said she studies endgames on the bus to school.",
    ),
    (
        "Cycle lanes planned",
        "Protected cycle lanes will run along the high street by spring, the transport office said, after a survey found most shoppers arrive on foot or by bike rather than by car.",
    ),
    (
        "New homes on old mill site",
        "Builders will put up two hundred homes on the site of the old woollen mill, keeping its brick chimney as a landmark. The developer said a third of the homes would be offered at lower rents.",
    ),
    (
        "Theatre reopens after fire",
        "The riverside theatre reopened on Saturday with a comedy, two years after a fire gutted its stage. The director said the audience gave the builders a standing ovation.",
    ),
    (
        "Red panda cub born at zoo",
        "Keepers at the zoo said a red panda cub born last month is healthy and has started to leave its nest box. Visitors may see it climbing in the enclosure on warm afternoons.",
    ),
    (
        "Car plant adds night shift",
        "The car plant on the ring road will add a night shift and hire three hundred workers to build a new electric model, the company said on Monday.",
    ),
    (
        "Bank to close rural branches",
        "A high street bank said it would close eleven rural branches next year as more customers manage their money on their phones. Pensioners groups asked for mobile counters in the villages.",
    ),
    (
        "Marathon route changed",
        "Runners in the city marathon will finish in the cathedral square this year after organisers said roadworks made the old finish line by the docks unsafe.",
    ),
    (
        "Water main bursts",
        "A burst water main flooded three streets in the old town overnight, leaving shops without water for most of the morning. The utility said the pipe was more than a century old.",
    ),
    (
        "Beekeepers warn of mite",
        "Beekeepers said a parasitic mite had been found in hives on the edge of the county for the first time, and urged hobbyists to inspect their colonies before the winter.",
    ),
    (
        "Frost hits vineyards",
        "A late frost damaged young vines on the southern slopes, growers said, and some expect to lose half of this year's grapes. Candles were lit between the rows through the coldest night.",
    ),
    (
        "Village post office saved",
        "Residents raised enough money to keep the village post office open by turning it into a community shop run by volunteers, the parish chairman said.",
    ),
    (
        "Bridge tolls scrapped",
        "Drivers will no longer pay to cross the estuary bridge from January after the government said it would buy out the private operator's contract.",
    ),
    (
        "Church roof gets solar panels",
        "The parish church fitted solar panels to its south roof after a long debate with heritage officials. The vicar said the savings would pay for heating the hall for the youth club.",
    ),
    (
        "Milk price protest",
        "Dairy farmers parked tractors outside the processing plant to protest against a cut in the price they are paid per litre. A farmer said he now loses money on every cow he milks.",
    ),
    (
        "Market stall rents frozen",
        "Traders at the covered market said they were relieved after the council froze stall rents for another year. Several had warned they would leave if the rents went up again.",
    ),
    (
        "Lighthouse restored",
        "Volunteers finished restoring the old lighthouse on the headland, repainting its tower red and white. The trust said guided climbs to the lantern room begin at Easter.",
    ),
    (
        "Parking fines rise",
        "Fines for parking in loading bays will double from next month, the traffic department said, after delivery drivers complained of blocked kerbs in the shopping district.",
    ),
    (
        "Choir wins national contest",
        "A choir of retired miners won the national male voice contest with a hymn sung in the old dialect. Their conductor said they had rehearsed every Tuesday in a chapel vestry.",
    ),
    (
        "Recycling collections change",
        "Glass and paper will be collected on alternate weeks from the autumn, the waste department said, and each household will receive a second box for cardboard.",
    ),
    (
        "Mountain rescue called out",
        "The mountain rescue team said it had carried two walkers down from the ridge after one slipped on wet rock in thick fog. Both were taken to hospital with minor injuries.",
    ),
    (
        "Storm cancels island sailings",
        "All sailings to the outer islands were cancelled on Sunday as gales swept the coast, the shipping company said. Islanders stocked up on bread and fuel ahead of the storm.",
    ),
    (
        "Cinema opens in former bank",
        "An independent cinema with two small screens opened in the former bank on Market Row. The owners said the old vault now serves as a bar for film nights.",
    ),
    (
        "Science fair winners",
        "Pupils who built a robot that sorts litter for recycling won the county science fair, the judges said. Their teacher said the robot was made from parts of old printers.",
    ),
    (
        "Fire volunteers sought",
        "The rural fire service said it needs more volunteers in the hill villages, where crews can take half an hour to arrive. Recruits are trained on weekday evenings at the station.",
    ),
];

/// Notices without the word "said": dated articles that a query for it does not match.
const QUIET: [(&str, &str); 3] = [
    (
        "Weather outlook",
        "Showers are expected along the coast on Thursday, clearing by the evening. Temperatures stay mild for the time of year, with light winds from the west.",
    ),
    (
        "Road works this week",
        "Lane closures on the ring road continue overnight until Friday while crews replace drainage covers. Diversions are signposted.",
    ),
    (
        "Tide times",
        "High water at the harbour mouth is just after dawn and again in the early evening this weekend. Spring tides follow the full moon.",
    ),
];

/// One story reprinted three times: its sentences (the fourth, without figures, is the
/// one a copy drops).
const STORY: [&str; 7] = [
    "The Northfield water board said on Tuesday that it would spend 48 million pounds enlarging the Calder reservoir, the first work on the dam since it was built in 1962.",
    "Engineers plan to raise the wall by four metres, which the board says will hold enough water for 12,000 more homes through a dry summer.",
    "Work is due to start in the autumn and to last three years, during which the lakeside footpath will close in sections.",
    "Anglers and sailing clubs who use the water were told at a meeting in the village hall that they could keep their moorings while the work goes on.",
    "The board's chief engineer said the valley had seen its two driest summers on record in the past decade, and that rationing had come close both times.",
    "Farmers downstream welcomed the plan but asked for guarantees that the river would not run low while the reservoir refills.",
    "A public consultation on the design opens next month and will run for 8 weeks, with drawings on show at the library.",
];

const STORY_TITLE: &str = "Calder reservoir to be enlarged";

/// Another story of the same weeks, with figures of its own.
const OTHER_STORY: &str = "Coastline Ferries said on Wednesday that it had ordered 5 battery-powered vessels from a shipyard on the Clyde, to replace diesel boats that have crossed the sound since 1987. Each new ferry will carry 140 passengers and 30 cars and recharge in 20 minutes at either terminal, the company said. Crews will train on a simulator through the winter before the first boat enters service in the summer of 2026. Island councillors welcomed the order, though some asked why the timetable would not gain an extra evening crossing. The company's managing director said fares would be frozen for a year while the old fleet is sold. A charging cable is to be laid across the harbour floor in the spring, and the pier at the mainland terminal will be strengthened to take the heavier boats.";

/// Eight stories a query for "glacier" finds, different in their words, all holding the
/// made-up words "zorblat" and "quennet" several times; "vextrum" is in one of them only.
const GLACIER: [(&str, &str); 8] = [
    (
        "Sounding device maps meltwater",
        "Scientists working on the Halden glacier said a zorblat, a drum-shaped sounding device dragged across the surface, had mapped meltwater channels never charted before. The zorblat also picked up faint echoes beneath beds of quennet, a rust-coloured moss, and the team thinks quennet traps warmth. A second zorblat will be flown up in spring to survey the quennet.",
    ),
    (
        "Guides report orange patches",
        "Mountain guides said patches of quennet now cover the lower tongue of the glacier where bare grey ice lay five summers ago. Hikers are asked to keep off the quennet so that researchers can track it, and a zorblat has been left on the slope to record how fast it grows. The guides joked that the zorblat has become the most photographed object in the pass.",
    ),
    (
        "Hydro company studies runoff",
        "The hydropower company said it would borrow a zorblat from the university to measure how much water the glacier releases into its reservoir each week. Engineers were surprised to learn that quennet growing near the snout slows the runoff, and they want to know whether the quennet will spread further. The zorblat readings will guide how the turbines are scheduled.",
    ),
    (
        "Valley farmers worry over streams",
        "Farmers below the glacier said their streams ran dry earlier this year, and some blame the quennet that has darkened the slopes above them. A researcher visiting with a zorblat told a packed meeting that quennet absorbs sunlight and speeds the thaw. She promised to bring the zorblat back each month and share what it measures.",
    ),
    (
        "Climbers find old equipment",
        "Two climbers crossing the glacier came upon a battered zorblat left by an expedition decades ago, half buried in quennet and wrapped in vextrum, a waxed canvas no longer made. The museum in town said it would display the old zorblat in its vextrum cover beside a jar of dried quennet, to show visitors how long scientists have watched the mountain. Vextrum rots slowly, a curator explained.",
    ),
    (
        "Photographs draw crowds",
        "A photographer who spent a year beside the glacier said her pictures of quennet glowing orange at dusk drew crowds at the gallery. One print shows a zorblat half sunk in a crevasse, its cable trailing across the quennet like a red thread. She added that the zorblat operators became her friends.",
    ),
    (
        "Pupils learn fieldwork",
        "Pupils from the mountain school spent a day on the glacier with researchers, taking turns to haul the zorblat along marked lines. Each class scraped a sample of quennet into a tube to study under microscopes back in the classroom. The teacher said the children now call every orange stain they see quennet, and have asked for a zorblat of their own.",
    ),
    (
        "Research funded for three years",
        "The regional government said it would fund three more years of work on the glacier, including a new zorblat and a greenhouse where quennet can be grown under controlled light. Officials said the quennet findings might help other regions, and that the zorblat data would be published openly.",
    ),
];

/// One JSON-lines record: a title and a text, a date (a string or a Unix time) and a
/// source when given.
fn record(title: &str, text: &str, date: Option<Value>, source: Option<&str>) -> Value {
    let mut r = json!({"title": title, "text": text});
    if let Some(d) = date {
        r["date"] = d;
    }
    if let Some(s) = source {
        r["source"] = json!(s);
    }
    r
}

/// Story `i` of the pool, dated as a record writes it, without a source.
fn pooled(i: usize, date: &str) -> Value {
    record(POOL[i].0, POOL[i].1, Some(json!(date)), None)
}

/// Story `i` of the pool with a date and a source.
fn sourced(i: usize, date: &str, source: &str) -> Value {
    record(POOL[i].0, POOL[i].1, Some(json!(date)), Some(source))
}

/// Story `i` of the pool without a date.
fn undated(i: usize) -> Value {
    record(POOL[i].0, POOL[i].1, None, None)
}

/// Notice `i`, dated, without the word "said".
fn quiet(i: usize, date: &str) -> Value {
    record(QUIET[i].0, QUIET[i].1, Some(json!(date)), None)
}

/// The records as `news/feed.jsonl`, one per line (line N is `news/feed.jsonl:N`),
/// indexed.
fn feed(records: &[Value]) -> Env {
    let env = Env::new();
    let lines: Vec<String> = records.iter().map(Value::to_string).collect();
    env.write("news/feed.jsonl", lines.join("\n") + "\n");
    env.index(&["news"]);
    env
}

/// `newsq timeline --json ARGS`, which must match something.
fn timeline(env: &Env, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["timeline", "--json"];
    all.extend_from_slice(args);
    let r = env.run(&all);
    r.assert_code(0);
    r.json_lines()
}

/// The bucket objects, in order.
fn buckets(lines: &[Value]) -> Vec<&Value> {
    lines.iter().filter(|v| v["type"] == "bucket").collect()
}

/// Each bucket as `LABEL STORIES ARTICLES`.
fn counts(lines: &[Value]) -> Vec<String> {
    buckets(lines)
        .iter()
        .map(|b| format!("{} {} {}", str_of(&b["label"]), b["stories"], b["articles"]))
        .collect()
}

/// The labels of the buckets, in order.
fn labels(lines: &[Value]) -> Vec<String> {
    buckets(lines)
        .iter()
        .map(|b| str_of(&b["label"]).to_owned())
        .collect()
}

/// The bucket labelled `label`.
fn bucket<'a>(lines: &'a [Value], label: &str) -> &'a Value {
    lines
        .iter()
        .find(|v| v["type"] == "bucket" && v["label"] == label)
        .unwrap_or_else(|| panic!("no bucket {label}: {lines:#?}"))
}

/// The one object of a type (`undated`, `summary`).
fn only<'a>(lines: &'a [Value], kind: &str) -> &'a Value {
    let found: Vec<&Value> = lines.iter().filter(|v| v["type"] == kind).collect();
    assert_eq!(found.len(), 1, "one {kind} object: {lines:#?}");
    found[0]
}

fn str_of(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

/// A share, which must be a number close to `want`.
fn assert_share(b: &Value, want: f64) {
    let got = b["share"]
        .as_f64()
        .unwrap_or_else(|| panic!("share is a number: {b}"));
    assert!((got - want).abs() < 1e-3, "share {got}, want {want}: {b}");
}

/// `newsq ARGS` with `COLUMNS=80` and `vars` set.
fn human(env: &Env, vars: &[(&str, &str)], args: &[&str]) -> Run {
    let mut cmd = env.newsq();
    cmd.env("COLUMNS", "80");
    for (k, v) in vars {
        cmd.env(k, v);
    }
    Run(cmd.args(args).output().expect("run newsq"))
}

/// The words of a line of the chart.
fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// The line of the chart that starts with `label`.
fn row<'a>(out: &'a str, label: &str) -> &'a str {
    out.lines()
        .find(|l| l.split_whitespace().next() == Some(label))
        .unwrap_or_else(|| panic!("no row {label}:\n{out}"))
}

/// Days from `first` to `last`, both included, as labels.
fn days(first: &str, last: &str) -> Vec<String> {
    let (mut d, last): (jiff::civil::Date, jiff::civil::Date) =
        (first.parse().unwrap(), last.parse().unwrap());
    let mut out = Vec::new();
    while d <= last {
        out.push(d.to_string());
        d = d.tomorrow().unwrap();
    }
    out
}

#[test]
fn days_months_and_years_split_at_month_ends_and_keep_leap_days() {
    let dates = [
        "2024-01-31",
        "2024-02-01",
        "2024-02-29",
        "2024-03-01",
        "2023-12-31",
    ];
    let records: Vec<Value> = dates
        .iter()
        .enumerate()
        .map(|(i, d)| pooled(i, d))
        .collect();
    let env = feed(&records);

    let month = timeline(&env, &["--by", "month", "said"]);
    assert_eq!(
        counts(&month),
        ["2023-12 1 1", "2024-01 1 1", "2024-02 2 2", "2024-03 1 1"]
    );
    let feb = bucket(&month, "2024-02");
    assert_eq!(feb["start"], "2024-02-01");
    assert_eq!(feb["end"], "2024-02-29", "a leap year's February");
    assert_eq!(bucket(&month, "2023-12")["end"], "2023-12-31");
    assert_eq!(bucket(&month, "2024-01")["end"], "2024-01-31");
    let summary = only(&month, "summary");
    assert_eq!(summary["by"], "month");
    assert_eq!(summary["first"], "2023-12");
    assert_eq!(summary["last"], "2024-03");
    assert_eq!(summary["peak"], "2024-02");
    assert_eq!(summary["stories"], 5);
    assert_eq!(summary["articles"], 5);

    // Every day from the first to the last, the leap day its own.
    let day = timeline(&env, &["--by", "day", "said"]);
    assert_eq!(labels(&day), days("2023-12-31", "2024-03-01"));
    let leap = bucket(&day, "2024-02-29");
    assert_eq!(leap["stories"], 1, "{leap}");
    assert_eq!(leap["start"], "2024-02-29");
    assert_eq!(leap["end"], "2024-02-29");
    assert_eq!(bucket(&day, "2024-02-28")["stories"], 0);
    assert_eq!(bucket(&day, "2024-03-01")["stories"], 1);
    assert_eq!(bucket(&day, "2024-02-01")["stories"], 1);
    assert_eq!(bucket(&day, "2023-12-31")["stories"], 1);
    let total: u64 = buckets(&day)
        .iter()
        .map(|b| b["stories"].as_u64().unwrap())
        .sum();
    assert_eq!(total, 5);

    // 62 days: auto takes days.
    let auto = timeline(&env, &["said"]);
    assert_eq!(only(&auto, "summary")["by"], "day");
    assert_eq!(labels(&auto), labels(&day));

    let year = timeline(&env, &["--by", "year", "said"]);
    assert_eq!(counts(&year), ["2023 1 1", "2024 4 4"]);
    assert_eq!(bucket(&year, "2024")["start"], "2024-01-01");
    assert_eq!(bucket(&year, "2024")["end"], "2024-12-31");

    let week = timeline(&env, &["--by", "week", "said"]);
    assert_eq!(bucket(&week, "2023-W52")["stories"], 1, "a Sunday");
    assert_eq!(bucket(&week, "2024-W05")["stories"], 2);
    assert_eq!(bucket(&week, "2024-W09")["stories"], 2);
}

#[test]
fn iso_weeks_start_on_monday_and_belong_to_their_week_year() {
    let dates = [
        "2020-12-31",
        "2021-01-01",
        "2021-01-03",
        "2021-01-04",
        "2024-12-29",
        "2024-12-30",
    ];
    let records: Vec<Value> = dates
        .iter()
        .enumerate()
        .map(|(i, d)| pooled(i, d))
        .collect();
    let env = feed(&records);
    let week = timeline(&env, &["--by", "week", "said"]);
    let all = buckets(&week);
    // 2020-12-28 to 2024-12-30, a Monday each.
    assert_eq!(all.len(), 210, "{:?}", labels(&week));
    let w53 = bucket(&week, "2020-W53");
    assert_eq!(w53["stories"], 3, "Thursday, Friday and Sunday: {w53}");
    assert_eq!(w53["start"], "2020-12-28");
    assert_eq!(w53["end"], "2021-01-03");
    let w01 = bucket(&week, "2021-W01");
    assert_eq!(w01["stories"], 1);
    assert_eq!(w01["start"], "2021-01-04");
    assert_eq!(w01["end"], "2021-01-10");
    let w52 = bucket(&week, "2024-W52");
    assert_eq!(w52["stories"], 1, "2024-12-29 is a Sunday: {w52}");
    assert_eq!(w52["end"], "2024-12-29");
    let next = bucket(&week, "2025-W01");
    assert_eq!(next["stories"], 1, "{next}");
    assert_eq!(next["start"], "2024-12-30");
    assert_eq!(next["end"], "2025-01-05");
    assert_eq!(labels(&week).first().unwrap(), "2020-W53");
    assert_eq!(labels(&week).last().unwrap(), "2025-W01");
    for missing in ["2021-W53", "2024-W53", "2020-W01", "2021-W00"] {
        assert!(!labels(&week).iter().any(|l| l == missing), "{missing}");
    }
    // Weeks follow one another: each starts on the day after the last one ended, and
    // holds seven days.
    for pair in all.windows(2) {
        let end: jiff::civil::Date = str_of(&pair[0]["end"]).parse().unwrap();
        let start: jiff::civil::Date = str_of(&pair[1]["start"]).parse().unwrap();
        assert_eq!(end.tomorrow().unwrap(), start, "{} {}", pair[0], pair[1]);
        assert_eq!(start.weekday(), jiff::civil::Weekday::Monday, "{}", pair[1]);
    }
    let summary = only(&week, "summary");
    assert_eq!(summary["first"], "2020-W53");
    assert_eq!(summary["last"], "2025-W01");

    // Years are calendar years, not week years.
    let year = timeline(&env, &["--by", "year", "said"]);
    assert_eq!(
        counts(&year),
        ["2020 1 1", "2021 3 3", "2022 0 0", "2023 0 0", "2024 2 2"]
    );
    // Four years: auto takes months.
    let auto = timeline(&env, &["said"]);
    assert_eq!(only(&auto, "summary")["by"], "month");
    assert_eq!(buckets(&auto).len(), 49);
}

#[test]
fn a_time_with_an_offset_keeps_its_own_calendar_date() {
    let records = vec![
        pooled(0, "2024-12-31T23:30:00-05:00"),
        pooled(1, "2025-01-01T03:00:00+09:00"),
        pooled(2, "2024-06-30T23:59:59Z"),
        // 2024-12-31T23:59:59Z.
        record(POOL[3].0, POOL[3].1, Some(json!(1_735_689_599)), None),
        // 2024-07-01 in UTC.
        pooled(4, "2024-06-30T22:30:00-02:00"),
    ];
    let env = feed(&records);
    let day = timeline(&env, &["--by", "day", "said"]);
    assert_eq!(labels(&day), days("2024-06-30", "2025-01-01"));
    assert_eq!(bucket(&day, "2024-06-30")["stories"], 2);
    assert_eq!(bucket(&day, "2024-07-01")["stories"], 0);
    assert_eq!(bucket(&day, "2024-12-31")["stories"], 2);
    assert_eq!(bucket(&day, "2025-01-01")["stories"], 1);
    let month = timeline(&env, &["--by", "month", "said"]);
    assert_eq!(
        counts(&month),
        [
            "2024-06 2 2",
            "2024-07 0 0",
            "2024-08 0 0",
            "2024-09 0 0",
            "2024-10 0 0",
            "2024-11 0 0",
            "2024-12 2 2",
            "2025-01 1 1",
        ]
    );
    let year = timeline(&env, &["--by", "year", "said"]);
    assert_eq!(counts(&year), ["2024 4 4", "2025 1 1"]);
}

/// The story three times (2024-03-05 in the Harbour Times, 2024-03-02 in the Valley Post
/// with a sentence dropped, 2024-04-01 in the Harbour Times again) and another story of
/// 2024-03-20 from Coast Wire. The earliest copy is the file's second record.
fn copies() -> Env {
    let whole = STORY.join(" ");
    let cut: Vec<&str> = STORY
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 3)
        .map(|(_, s)| *s)
        .collect();
    let records = vec![
        record(
            STORY_TITLE,
            &format!("{whole}\nReporting by the Harbour Times newsroom."),
            Some(json!("2024-03-05")),
            Some("Harbour Times"),
        ),
        record(
            STORY_TITLE,
            &format!(
                "{}\nThis report appeared in the Valley Post.",
                cut.join(" ")
            ),
            Some(json!("2024-03-02")),
            Some("Valley Post"),
        ),
        record(
            STORY_TITLE,
            &format!("{whole}\nHarbour Times, archive edition."),
            Some(json!("2024-04-01")),
            Some("Harbour Times"),
        ),
        record(
            "Island ferries go electric",
            OTHER_STORY,
            Some(json!("2024-03-20")),
            Some("Coast Wire"),
        ),
    ];
    feed(&records)
}

#[test]
fn copies_count_once_in_the_month_of_the_earliest() {
    let env = copies();
    // The copies are one story to search, as the timeline must take them.
    assert_eq!(
        env.search_json(&["reservoir"]).len(),
        1,
        "the fixture's copies fold in search"
    );

    let fold = timeline(&env, &["--by", "month", "said"]);
    // The story counts in March, its earliest copy's month; its articles where they are
    // dated.
    assert_eq!(counts(&fold), ["2024-03 2 3", "2024-04 0 1"]);
    assert_eq!(bucket(&fold, "2024-03")["dated"], 3);
    assert_eq!(bucket(&fold, "2024-04")["dated"], 1);
    let summary = only(&fold, "summary");
    assert_eq!(summary["copies"], "fold");
    assert_eq!(summary["stories"], 2);
    assert_eq!(summary["articles"], 4);
    assert_eq!(summary["peak"], "2024-03");
    assert_eq!(
        timeline(&env, &["--by", "month", "--copies", "fold", "said"]),
        fold
    );

    let all = timeline(&env, &["--by", "month", "--copies", "all", "said"]);
    assert_eq!(counts(&all), ["2024-03 3 3", "2024-04 1 1"]);
    let summary = only(&all, "summary");
    assert_eq!(summary["copies"], "all");
    assert_eq!(summary["stories"], 4);
    assert_eq!(summary["articles"], 4);

    // Who ran it first, and who followed.
    let first = timeline(&env, &["--first", "said"]);
    let stories: Vec<&Value> = first.iter().filter(|v| v["type"] == "story").collect();
    assert_eq!(stories.len(), 2, "{first:#?}");
    let s = stories[0];
    assert_eq!(s["date"], "2024-03-02", "{s}");
    assert_eq!(s["source"], "Valley Post");
    assert_eq!(s["title"], STORY_TITLE);
    assert_eq!(s["copies"], 3);
    assert!(str_of(&s["path"]).ends_with("feed.jsonl:2"), "{s}");
    let followers: Vec<(&str, &str)> = s["followers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (str_of(&f["date"]), str_of(&f["source"])))
        .collect();
    assert_eq!(
        followers,
        [
            ("2024-03-05", "Harbour Times"),
            ("2024-04-01", "Harbour Times")
        ]
    );
    let f = s["followers"].as_array().unwrap();
    assert!(str_of(&f[0]["path"]).ends_with("feed.jsonl:1"), "{s}");
    assert!(str_of(&f[1]["path"]).ends_with("feed.jsonl:3"), "{s}");
    let other = stories[1];
    assert_eq!(other["date"], "2024-03-20");
    assert_eq!(other["source"], "Coast Wire");
    assert_eq!(other["copies"], 1);
    assert_eq!(other["followers"], json!([]));
    // -n bounds the list.
    let one = timeline(&env, &["--first", "-n", "1", "said"]);
    assert_eq!(one.iter().filter(|v| v["type"] == "story").count(), 1);
    // Every article its own story.
    let each = timeline(&env, &["--first", "--copies", "all", "said"]);
    let each: Vec<&Value> = each.iter().filter(|v| v["type"] == "story").collect();
    let dates: Vec<&str> = each.iter().map(|s| str_of(&s["date"])).collect();
    assert_eq!(
        dates,
        ["2024-03-02", "2024-03-05", "2024-03-20", "2024-04-01"]
    );
    assert!(each.iter().all(|s| s["copies"] == 1), "{each:#?}");

    // The human list says who followed and how much later.
    let r = human(
        &env,
        &[],
        &["--color", "never", "timeline", "--first", "said"],
    );
    r.assert_code(0);
    let out = r.stdout();
    let head = out
        .lines()
        .position(|l| l.starts_with("2024-03-02") && l.contains("Valley Post"))
        .unwrap_or_else(|| panic!("{out}"));
    let line = out.lines().nth(head).unwrap();
    assert!(line.contains(&format!("\"{STORY_TITLE}\"")), "{line}");
    assert!(line.contains("feed.jsonl:2"), "{line}");
    let next = out.lines().nth(head + 1).unwrap();
    assert!(
        next.trim_start().starts_with(
            "followed by Harbour Times 2024-03-05 (+3 d), Harbour Times 2024-04-01 (+30 d)"
        ),
        "{next}"
    );

    // The same as a table.
    let r = env.run(&["timeline", "--first", "--csv", "said"]);
    r.assert_code(0);
    let rows = read_table(&r.0.stdout, b',');
    assert_eq!(
        rows[0],
        ["date", "source", "title", "path", "copies", "followers"]
    );
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(rows[1][0], "2024-03-02");
    assert_eq!(rows[1][1], "Valley Post");
    assert_eq!(rows[1][2], STORY_TITLE);
    assert!(rows[1][3].ends_with("feed.jsonl:2"), "{rows:?}");
    assert_eq!(rows[1][4], "3");
    assert_eq!(
        rows[1][5],
        "Harbour Times 2024-03-05; Harbour Times 2024-04-01"
    );
    assert_eq!(rows[2][4], "1");
    assert_eq!(rows[2][5], "");
}

/// Stories of 2024-01-15 (Valley Post) and 2024-04-10, two undated ones, and two dated
/// notices the query "said" does not match (2024-01-20 from Other Gazette, 2024-02-10):
/// February has dated articles but no match, March no dated article at all.
fn gaps() -> Env {
    let mut notice = quiet(0, "2024-01-20");
    notice["source"] = json!("Other Gazette");
    feed(&[
        sourced(0, "2024-01-15", "Valley Post"),
        notice,
        quiet(1, "2024-02-10"),
        pooled(1, "2024-04-10"),
        undated(2),
        undated(3),
    ])
}

#[test]
fn empty_months_are_listed_and_undated_matches_counted_apart() {
    let env = gaps();
    let month = timeline(&env, &["--by", "month", "said"]);
    assert_eq!(
        counts(&month),
        ["2024-01 1 1", "2024-02 0 0", "2024-03 0 0", "2024-04 1 1"]
    );
    // Shares of the dated articles: null where there are none.
    let jan = bucket(&month, "2024-01");
    assert_eq!(jan["dated"], 2);
    assert_share(jan, 0.5);
    let feb = bucket(&month, "2024-02");
    assert_eq!(feb["dated"], 1);
    assert_share(feb, 0.0);
    let mar = bucket(&month, "2024-03");
    assert_eq!(mar["dated"], 0);
    assert!(mar["share"].is_null(), "{mar}");
    assert_share(bucket(&month, "2024-04"), 1.0);
    let und = only(&month, "undated");
    assert_eq!(und["stories"], 2);
    assert_eq!(und["articles"], 2);
    let summary = only(&month, "summary");
    assert_eq!(summary["undated_stories"], 2);
    assert_eq!(summary["undated_articles"], 2);
    assert_eq!(summary["stories"], 4, "dated and undated: {summary}");
    assert_eq!(summary["articles"], 4);
    assert_eq!(summary["first"], "2024-01");
    assert_eq!(summary["last"], "2024-04");

    // The human rows: zeros, `-` for no dated article, the undated row.
    let r = human(
        &env,
        &[],
        &["--color", "never", "timeline", "--by", "month", "said"],
    );
    r.assert_code(0);
    let out = r.stdout();
    assert_eq!(words(row(&out, "2024-02")), ["2024-02", "0", "0", "0.0%"]);
    assert_eq!(words(row(&out, "2024-03")), ["2024-03", "0", "0", "-"]);
    assert_eq!(words(row(&out, "undated")), ["undated", "2", "2"]);

    // The share counts the dated articles that pass the filters.
    let valley = timeline(&env, &["--by", "month", "--source", "Valley Post", "said"]);
    assert_eq!(counts(&valley), ["2024-01 1 1"]);
    assert_share(bucket(&valley, "2024-01"), 1.0);
    assert_eq!(only(&valley, "undated")["stories"], 0);

    // The bounds given are the first and last buckets; a date bound leaves out undated
    // articles, as it does for search.
    let wide = timeline(
        &env,
        &[
            "--by",
            "month",
            "--since",
            "2023-11-01",
            "--until",
            "2024-06-30",
            "said",
        ],
    );
    assert_eq!(
        counts(&wide),
        [
            "2023-11 0 0",
            "2023-12 0 0",
            "2024-01 1 1",
            "2024-02 0 0",
            "2024-03 0 0",
            "2024-04 1 1",
            "2024-05 0 0",
            "2024-06 0 0",
        ]
    );
    assert_eq!(only(&wide, "undated")["stories"], 0);
    let r = human(
        &env,
        &[],
        &[
            "--color",
            "never",
            "timeline",
            "--by",
            "month",
            "--since",
            "2023-11-01",
            "said",
        ],
    );
    r.assert_code(0);
    assert!(
        !r.stdout().lines().any(|l| l.starts_with("undated")),
        "{}",
        r.stdout()
    );
    let narrow = timeline(
        &env,
        &[
            "--by",
            "month",
            "--since",
            "2024-03-01",
            "--until",
            "2024-05-31",
            "said",
        ],
    );
    assert_eq!(
        counts(&narrow),
        ["2024-03 0 0", "2024-04 1 1", "2024-05 0 0"]
    );
    // Nothing between the bounds: exit 1.
    env.run(&[
        "timeline",
        "--json",
        "--since",
        "2024-02-01",
        "--until",
        "2024-03-31",
        "said",
    ])
    .assert_code(1);
    env.run(&["timeline", "zzzqqq"]).assert_code(1);

    // Only undated matches: no bucket, and nothing to name.
    let library = timeline(&env, &["--by", "month", "librarian"]);
    assert!(buckets(&library).is_empty(), "{library:#?}");
    assert_eq!(only(&library, "undated")["stories"], 1);
    let summary = only(&library, "summary");
    for key in ["first", "last", "peak", "jump"] {
        assert!(summary[key].is_null(), "{key}: {summary}");
    }
}

/// Seven stories: the Harbour Times has four (two in January, two in February), the
/// Valley Post two (January, March), Coast Wire one (February).
fn split() -> Env {
    feed(&[
        sourced(0, "2024-01-05", "Harbour Times"),
        sourced(1, "2024-01-12", "Harbour Times"),
        sourced(2, "2024-01-20", "Valley Post"),
        sourced(3, "2024-02-03", "Harbour Times"),
        sourced(4, "2024-02-10", "Coast Wire"),
        sourced(5, "2024-02-17", "Harbour Times"),
        sourced(6, "2024-03-09", "Valley Post"),
    ])
}

/// Each bucket's series as `VALUE STORIES`, checked to add up to the bucket.
fn series(b: &Value) -> Vec<String> {
    let list = b["series"]
        .as_array()
        .unwrap_or_else(|| panic!("series: {b}"));
    let stories: u64 = list.iter().map(|s| s["stories"].as_u64().unwrap()).sum();
    let articles: u64 = list.iter().map(|s| s["articles"].as_u64().unwrap()).sum();
    assert_eq!(stories, b["stories"].as_u64().unwrap(), "{b}");
    assert_eq!(articles, b["articles"].as_u64().unwrap(), "{b}");
    list.iter()
        .map(|s| format!("{} {}", str_of(&s["value"]), s["stories"]))
        .collect()
}

#[test]
fn split_by_source_keeps_the_top_values_and_sums_the_rest() {
    let env = split();
    let one = timeline(
        &env,
        &["--by", "month", "--split", "source", "--top", "1", "said"],
    );
    assert_eq!(counts(&one), ["2024-01 3 3", "2024-02 3 3", "2024-03 1 1"]);
    assert_eq!(
        only(&one, "summary")["series"],
        json!(["Harbour Times", "other"])
    );
    assert_eq!(
        series(bucket(&one, "2024-01")),
        ["Harbour Times 2", "other 1"]
    );
    assert_eq!(
        series(bucket(&one, "2024-02")),
        ["Harbour Times 2", "other 1"]
    );
    assert_eq!(
        series(bucket(&one, "2024-03")),
        ["Harbour Times 0", "other 1"]
    );

    let two = timeline(
        &env,
        &["--by", "month", "--split", "source", "--top", "2", "said"],
    );
    assert_eq!(
        only(&two, "summary")["series"],
        json!(["Harbour Times", "Valley Post", "other"])
    );
    assert_eq!(
        series(bucket(&two, "2024-01")),
        ["Harbour Times 2", "Valley Post 1", "other 0"]
    );
    assert_eq!(
        series(bucket(&two, "2024-02")),
        ["Harbour Times 2", "Valley Post 0", "other 1"]
    );
    assert_eq!(
        series(bucket(&two, "2024-03")),
        ["Harbour Times 0", "Valley Post 1", "other 0"]
    );
    // Without --split, no series.
    let plain = timeline(&env, &["--by", "month", "said"]);
    assert_eq!(only(&plain, "summary")["series"], json!([]));

    // A row per bucket per series, zeros included.
    let r = env.run(&[
        "timeline", "--csv", "--by", "month", "--split", "source", "--top", "1", "said",
    ]);
    r.assert_code(0);
    let rows = read_table(&r.0.stdout, b',');
    assert_eq!(
        rows[0],
        ["label", "start", "end", "series", "stories", "articles"]
    );
    let body: Vec<String> = rows[1..]
        .iter()
        .map(|r| format!("{} {} {} {}", r[0], r[3], r[4], r[5]))
        .collect();
    assert_eq!(
        body,
        [
            "2024-01 Harbour Times 2 2",
            "2024-01 other 1 1",
            "2024-02 Harbour Times 2 2",
            "2024-02 other 1 1",
            "2024-03 Harbour Times 0 0",
            "2024-03 other 1 1",
            "undated  0 0",
        ]
    );
    assert_eq!(rows[1][1], "2024-01-01");
    assert_eq!(rows[1][2], "2024-01-31");

    // Small multiples, still 80 columns wide, the series named.
    let r = human(
        &env,
        &[],
        &[
            "--color", "never", "timeline", "--by", "month", "--split", "source", "--top", "2",
            "said",
        ],
    );
    r.assert_code(0);
    let out = r.stdout();
    for line in out.lines() {
        assert!(
            line.width() <= 80,
            "{} columns: {line:?}\n{out}",
            line.width()
        );
    }
    assert!(out.contains("other"), "{out}");
    assert!(out.contains("Harbour"), "{out}");
}

#[test]
fn json_lines_and_csv_rows_read_back_as_specified() {
    let env = gaps();
    let r = env.run(&["timeline", "--json", "--by", "month", "said"]);
    r.assert_code(0);
    let lines: Vec<Value> = r
        .stdout()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l:?}: {e}")))
        .collect();
    assert!(
        lines.iter().all(|v| v.is_object() && v["type"].is_string()),
        "{lines:#?}"
    );
    let kinds: Vec<&str> = lines.iter().map(|v| str_of(&v["type"])).collect();
    assert_eq!(
        kinds,
        ["bucket", "bucket", "bucket", "bucket", "undated", "summary"]
    );
    for b in buckets(&lines) {
        for key in [
            "label", "start", "end", "stories", "articles", "dated", "share",
        ] {
            assert!(b.get(key).is_some(), "{key}: {b}");
        }
    }
    let summary = only(&lines, "summary");
    for key in [
        "query",
        "by",
        "copies",
        "stories",
        "articles",
        "undated_stories",
        "undated_articles",
        "first",
        "last",
        "peak",
        "jump",
        "series",
    ] {
        assert!(summary.get(key).is_some(), "{key}: {summary}");
    }
    assert_eq!(summary["query"], "said");
    assert_eq!(summary["copies"], "fold");

    let r = env.run(&["timeline", "--csv", "--by", "month", "said"]);
    r.assert_code(0);
    let rows = read_table(&r.0.stdout, b',');
    assert_eq!(
        rows[0],
        [
            "label", "start", "end", "stories", "articles", "dated", "share"
        ]
    );
    assert_eq!(rows.len(), 6, "header, four months, undated: {rows:?}");
    let labels: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        labels,
        ["2024-01", "2024-02", "2024-03", "2024-04", "undated"]
    );
    assert_eq!(rows[1][1..6], ["2024-01-01", "2024-01-31", "1", "1", "2"]);
    let share: f64 = rows[1][6]
        .parse()
        .unwrap_or_else(|e| panic!("{rows:?}: {e}"));
    assert!((share - 0.5).abs() < 1e-3, "{rows:?}");
    assert_eq!(rows[3][5], "0", "{rows:?}");
    assert_eq!(rows[3][6], "", "no dated article, no share: {rows:?}");
    assert_eq!(rows[5], ["undated", "", "", "2", "2", "", ""]);

    let r = env.run(&["timeline", "--tsv", "--by", "month", "said"]);
    r.assert_code(0);
    let tsv = read_table(&r.0.stdout, b'\t');
    assert_eq!(tsv[0], rows[0]);
    assert_eq!(tsv.len(), rows.len());
    assert_eq!(tsv[5], rows[5]);
    env.run(&["timeline", "--csv", "--json", "said"])
        .assert_code(2);
}

/// The pool's forty stories over 2023, from five sources: 1, 2, 3, 5, 8, 4, 3, 2, 1, 6, 3
/// and 2 a month, the peak in May.
fn year_of_news() -> Env {
    const PER_MONTH: [usize; 12] = [1, 2, 3, 5, 8, 4, 3, 2, 1, 6, 3, 2];
    const SOURCES: [&str; 5] = [
        "Harbour Times",
        "Valley Post",
        "Coast Wire",
        "Hill Gazette",
        "River Voice",
    ];
    let mut records = Vec::new();
    for (m, &n) in PER_MONTH.iter().enumerate() {
        for k in 0..n {
            let i = records.len();
            let date = format!("2023-{:02}-{:02}", m + 1, 1 + k * 3);
            records.push(sourced(i, &date, SOURCES[i % SOURCES.len()]));
        }
    }
    assert_eq!(records.len(), POOL.len());
    feed(&records)
}

/// Escape sequences taken out.
fn plain(s: &str) -> String {
    regex::Regex::new("\x1b\\[[0-9;]*[A-Za-z]")
        .unwrap()
        .replace_all(s, "")
        .into_owned()
}

const BLOCKS: &str = "█▉▊▋▌▍▎▏";

/// The words of each line, bars left out.
fn without_bars(s: &str) -> Vec<Vec<String>> {
    s.lines()
        .map(|l| {
            l.split_whitespace()
                .filter(|w| !w.chars().all(|c| c == '#' || BLOCKS.contains(c)))
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

#[test]
fn the_chart_fits_80_columns_and_colours_only_when_asked() {
    let env = year_of_news();
    let args = ["timeline", "--by", "month", "said"];
    let never: Vec<&str> = ["--color", "never"].iter().chain(&args).copied().collect();
    let r = human(&env, &[], &never);
    r.assert_code(0);
    let out = r.stdout();
    assert_eq!(
        out.lines().filter(|l| l.starts_with("2023-")).count(),
        12,
        "{out}"
    );
    for line in out.lines() {
        assert!(
            line.width() <= 80,
            "{} columns: {line:?}\n{out}",
            line.width()
        );
    }
    assert!(row(&out, "2023-05").contains("peak"), "{out}");
    assert_eq!(
        out.lines()
            .filter(|l| l.starts_with("20") && l.contains("peak"))
            .count(),
        1,
        "{out}"
    );
    assert!(out.contains("\npeak: 2023-05, 8 stories\n"), "{out}");
    assert!(!out.contains('\x1b'), "{out:?}");
    assert!(!out.chars().any(|c| BLOCKS.contains(c)), "{out}");
    assert!(row(&out, "2023-05").contains('#'), "{out}");
    // Bars scale with stories: May's is the longest, September's (1) the shortest.
    let bar = |label: &str| row(&out, label).matches('#').count();
    assert!(bar("2023-05") > bar("2023-04"), "{out}");
    assert!(bar("2023-04") > bar("2023-09"), "{out}");
    assert!(bar("2023-09") > 0, "{out}");
    assert_eq!(
        only(&timeline(&env, &["--by", "month", "said"]), "summary")["peak"],
        "2023-05"
    );

    // TERM=dumb and NO_COLOR also give ASCII bars and no escapes: the same bytes.
    for var in [("TERM", "dumb"), ("NO_COLOR", "1")] {
        let r = human(&env, &[var], &args);
        r.assert_code(0);
        let text = r.stdout();
        assert!(!text.contains('\x1b'), "{var:?}: {text:?}");
        assert!(!text.chars().any(|c| BLOCKS.contains(c)), "{var:?}: {text}");
        assert_eq!(text, out, "{var:?}");
    }

    // Asked for colour: escapes and Unicode bars, the layout otherwise the same.
    let always: Vec<&str> = ["--color", "always"].iter().chain(&args).copied().collect();
    let r = human(&env, &[], &always);
    r.assert_code(0);
    let coloured = r.stdout();
    assert!(coloured.contains("\x1b["), "{coloured:?}");
    let stripped = plain(&coloured);
    assert!(stripped.contains('█'), "{stripped}");
    for line in stripped.lines() {
        assert!(line.width() <= 80, "{} columns: {line:?}", line.width());
    }
    assert_eq!(without_bars(&stripped), without_bars(&out));

    // Not on a terminal and no COLUMNS: 80 columns.
    let r = Run(env
        .newsq()
        .env_remove("COLUMNS")
        .args(&never)
        .output()
        .unwrap());
    r.assert_code(0);
    for line in r.stdout().lines() {
        assert!(line.width() <= 80, "{line:?}");
    }
    // A long query still fits.
    let r = human(
        &env,
        &[],
        &[
            "--color",
            "never",
            "timeline",
            "--by",
            "month",
            "said OR harbour OR council OR volunteers",
        ],
    );
    r.assert_code(0);
    let out = r.stdout();
    for line in out.lines() {
        assert!(
            line.width() <= 80,
            "{} columns: {line:?}\n{out}",
            line.width()
        );
    }
}

/// The whole chart for the snapshot fixture, `--color never`, `COLUMNS=80`.
///
/// The whole layout: the heading counts every match (the undated one too); the bars
/// scale to 80 columns less the numbers and room for the marks; an empty month keeps
/// its row; two stories are no jump.
const SNAPSHOT: &str = "\
\"said\" by month, 2024-01 to 2024-03
4 stories in 4 articles (copies folded)
month   stories articles  share
2024-01       2        2  66.7%  ###################################  peak
2024-02       0        0      -
2024-03       1        1  50.0%  ##################
undated       1        1
peak: 2024-01, 2 stories
";

/// Coverage jumps where its share of the period's articles rises, not where a growing
/// corpus brings more of everything.
#[test]
fn the_jump_is_a_rise_in_share_not_in_numbers() {
    // Each month holds (matching stories, other articles): the share stays at a third
    // while the numbers double, then rises to four in five in April.
    let months = [
        ("2024-01", 1, 2),
        ("2024-02", 2, 4),
        ("2024-03", 4, 8),
        ("2024-04", 8, 2),
    ];
    let mut records = Vec::new();
    let mut story = 0;
    for (month, stories, others) in months {
        for k in 0..stories {
            records.push(pooled(story, &format!("{month}-{:02}", k + 1)));
            story += 1;
        }
        for k in 0..others {
            records.push(quiet(k % QUIET.len(), &format!("{month}-{:02}", k + 10)));
        }
    }
    let env = feed(&records);
    let lines = timeline(&env, &["--by", "month", "said"]);
    let summary = only(&lines, "summary");
    assert_eq!(summary["jump"], "2024-04", "{summary}");
    assert_eq!(summary["peak"], "2024-04", "{summary}");
    // Without April, the numbers still grow but the share does not: no jump.
    let lines = timeline(&env, &["--by", "month", "--until", "2024-03", "said"]);
    let summary = only(&lines, "summary");
    assert_eq!(summary["peak"], "2024-03", "{summary}");
    assert!(summary["jump"].is_null(), "{summary}");
    let r = human(
        &env,
        &[],
        &["--color", "never", "timeline", "--by", "month", "said"],
    );
    assert!(
        r.stdout()
            .contains("jump: 2024-04, 8 stories (2.3 a month in the 3 before)"),
        "{}",
        r.stdout()
    );
}

#[test]
fn the_chart_as_a_person_reads_it() {
    // January: two stories and a notice; February nothing dated; March a story and a
    // notice; one story undated.
    let env = feed(&[
        pooled(0, "2024-01-10"),
        quiet(0, "2024-01-15"),
        pooled(1, "2024-01-22"),
        quiet(1, "2024-03-05"),
        pooled(2, "2024-03-20"),
        undated(3),
    ]);
    let r = human(
        &env,
        &[],
        &["--color", "never", "timeline", "--by", "month", "said"],
    );
    r.assert_code(0);
    assert_eq!(r.stdout(), SNAPSHOT);
}

#[test]
fn terms_name_the_words_the_matching_stories_share() {
    let mut records: Vec<Value> = POOL
        .iter()
        .map(|(title, text)| record(title, text, None, None))
        .collect();
    records.extend(
        GLACIER
            .iter()
            .map(|(title, text)| record(title, text, None, None)),
    );
    let env = feed(&records);
    assert_eq!(
        env.run(&["search", "-c", "glacier"]).stdout(),
        "8\n",
        "the fixture"
    );

    let r = env.run(&["terms", "--json", "glacier"]);
    r.assert_code(0);
    let terms = r.json_lines();
    let names: Vec<String> = terms
        .iter()
        .map(|t| str_of(&t["term"]).to_lowercase())
        .collect();
    assert!(names.len() >= 2, "{terms:#?}");
    let mut top = names[..2].to_vec();
    top.sort();
    assert_eq!(top, ["quennet", "zorblat"], "{terms:#?}");
    assert!(
        !names.iter().any(|n| n == "glacier"),
        "the query: {names:?}"
    );
    // Best first.
    let scores: Vec<f64> = terms.iter().map(|t| t["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    let zorblat = &terms[names.iter().position(|n| n == "zorblat").unwrap()];
    assert_eq!(zorblat["stories"], 8, "{zorblat}");
    assert_eq!(zorblat["corpus"], 8, "{zorblat}");
    // A word of one story only is not a term of the eight.
    let r = env.run(&["terms", "--json", "-n", "1000", "glacier"]);
    r.assert_code(0);
    let every: Vec<String> = r
        .json_lines()
        .iter()
        .map(|t| str_of(&t["term"]).to_lowercase())
        .collect();
    assert!(!every.iter().any(|n| n == "vextrum"), "{every:?}");
    assert!(!every.iter().any(|n| n == "glacier"), "{every:?}");

    let r = env.run(&["terms", "--json", "-n", "2", "glacier"]);
    r.assert_code(0);
    assert_eq!(r.json_lines().len(), 2);

    let r = env.run(&["terms", "--csv", "-n", "2", "glacier"]);
    r.assert_code(0);
    let rows = read_table(&r.0.stdout, b',');
    assert_eq!(rows[0], ["term", "score", "stories", "sample", "corpus"]);
    assert_eq!(rows.len(), 3, "{rows:?}");
    let mut csv_top: Vec<String> = rows[1..].iter().map(|r| r[0].to_lowercase()).collect();
    csv_top.sort();
    assert_eq!(csv_top, ["quennet", "zorblat"]);

    let r = env.run(&["terms", "glacier"]);
    r.assert_code(0);
    let out = r.stdout();
    // A line says what was compared, then the columns are named.
    assert!(out.starts_with("\"glacier\": 8 stories"), "{out}");
    assert_eq!(
        words(out.lines().nth(1).unwrap()),
        ["score", "stories", "corpus", "term"],
        "{out}"
    );
    let line = out
        .lines()
        .find(|l| l.split_whitespace().last() == Some("zorblat"))
        .unwrap_or_else(|| panic!("{out}"));
    assert_eq!(words(line)[1..], ["8", "8", "zorblat"], "{out}");
    env.run(&["terms", "zzzqqq"]).assert_code(1);
}

#[test]
fn facets_and_stats_count_stories_or_articles() {
    let env = copies();
    let facets = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["facets", "--json"];
        all.extend_from_slice(args);
        let r = env.run(&all);
        r.assert_code(0);
        let mut out: Vec<String> = r
            .json_lines()
            .iter()
            .map(|v| {
                format!(
                    "{} {} {}",
                    str_of(&v["value"]),
                    v["count"],
                    str_of(&v["unit"])
                )
            })
            .collect();
        out.sort();
        out
    };
    let fold = [
        "Coast Wire 1 stories",
        "Harbour Times 1 stories",
        "Valley Post 1 stories",
    ];
    assert_eq!(facets(&["source"]), fold);
    assert_eq!(facets(&["source", "--copies", "fold"]), fold);
    assert_eq!(
        facets(&["source", "--copies", "all"]),
        [
            "Coast Wire 1 articles",
            "Harbour Times 2 articles",
            "Valley Post 1 articles",
        ]
    );
    assert_eq!(facets(&["year"]), ["2024 2 stories"]);
    assert_eq!(facets(&["year", "--copies", "all"]), ["2024 4 articles"]);
    assert_eq!(
        facets(&["source", "reservoir"]),
        ["Harbour Times 1 stories", "Valley Post 1 stories"]
    );

    // The human listing says what it counts.
    let r = env.run(&["facets", "source"]);
    r.assert_code(0);
    let out = r.stdout();
    assert_eq!(
        words(out.lines().next().unwrap()),
        ["stories", "source"],
        "{out}"
    );
    assert!(
        out.lines().any(|l| words(l) == ["1", "Harbour", "Times"]),
        "{out}"
    );
    let r = env.run(&["facets", "source", "--copies", "all"]);
    r.assert_code(0);
    let out = r.stdout();
    assert_eq!(
        words(out.lines().next().unwrap()),
        ["articles", "source"],
        "{out}"
    );
    assert!(
        out.lines().any(|l| words(l) == ["2", "Harbour", "Times"]),
        "{out}"
    );
    let r = env.run(&["facets", "--csv", "source"]);
    r.assert_code(0);
    let rows = read_table(&r.0.stdout, b',');
    assert_eq!(rows[0], ["value", "count", "unit"]);
    assert!(rows[1..].iter().all(|r| r[2] == "stories"), "{rows:?}");

    let stats = |args: &[&str]| -> Value {
        let mut all = vec!["stats", "--json"];
        all.extend_from_slice(args);
        let r = env.run(&all);
        r.assert_code(0);
        serde_json::from_str(&r.stdout()).unwrap()
    };
    let s = stats(&[]);
    assert_eq!(s["articles"], 4);
    assert_eq!(s["stories"], 2, "{s}");
    assert_eq!(stats(&["--copies", "fold"])["stories"], 2);
    let s = stats(&["--copies", "all"]);
    assert_eq!(s["articles"], 4);
    assert!(s["stories"].is_null(), "{s}");
    let r = env.run(&["stats"]);
    r.assert_code(0);
    let out = r.stdout();
    let line = out
        .lines()
        .find(|l| l.starts_with("articles"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(
        line.starts_with("articles     4 (") && line.contains("2 stories"),
        "{line}"
    );
}
