//! News in every language: each article is stemmed by its own language's rules, CJK text
//! is searchable by its words, folding is one rule for every script, and no language's
//! stems meet another's words. The fixtures are written for these tests (no real
//! article), two short paragraphs each so that the language is detected.

use crate::util::{Env, mark, shared};

/// One short article per language, and an English one with cognates of the others.
const ARTICLES: &[(&str, &str)] = &[
    (
        "fr.txt",
        "Les élections municipales approchent dans la région\n\nLes électeurs de la ville se préparent pour les élections du mois prochain. Le maire sortant a présenté son programme devant une salle pleine, et il a promis de construire de nouvelles écoles pour les enfants du quartier.\n\nSelon les sondages publiés cette semaine, la participation pourrait être plus faible que lors de la dernière consultation. Un organe de contrôle surveillera le scrutin, et les candidats multiplient les réunions publiques, souvent très animées.\n",
    ),
    (
        "de.txt",
        "Neue Brücke über den Fluss eröffnet\n\nDie Stadt hat am Montag die neue Brücke über den Fluss eröffnet. Tausende Bürger kamen, um die Eröffnung zu feiern, und der Bürgermeister sprach von einem großen Tag für die ganze Region.\n\nDie Bauarbeiten hatten fast drei Jahre gedauert. Nach Angaben der Behörden wird die Brücke täglich von mehr als zwanzigtausend Fahrzeugen genutzt werden, und die Straßen im Zentrum sollen deutlich entlastet werden.\n",
    ),
    (
        "ru.txt",
        "В городе прошли выборы нового мэра\n\nВ воскресенье жители города проголосовали на выборах нового мэра. По данным избирательной комиссии, явка составила почти сорок процентов, что выше, чем на прошлых выборах.\n\nПобедитель пообещал отремонтировать дороги и построить новые школы. Его соперники заявили, что будут следить за выполнением этих обещаний в течение всего срока.\n",
    ),
    (
        "es.txt",
        "El gobierno anuncia nuevas medidas económicas\n\nEl gobierno anunció el martes un paquete de medidas económicas para ayudar a las familias afectadas por la subida de los precios. El ministro explicó que las ayudas llegarán a más de un millón de hogares.\n\nLos sindicatos recibieron el anuncio con cautela y pidieron que las medidas se apliquen cuanto antes. La oposición, por su parte, criticó que el plan llega demasiado tarde.\n",
    ),
    (
        "pt.txt",
        "Chuvas fortes causam inundações no sul do país\n\nAs chuvas fortes que caíram durante o fim de semana causaram inundações em várias cidades do sul do país. Centenas de famílias tiveram de deixar as suas casas e foram levadas para abrigos.\n\nAs autoridades pediram à população que evite as estradas próximas dos rios. Segundo a previsão do tempo, a chuva deve continuar até quarta-feira.\n",
    ),
    (
        "it.txt",
        "Il museo riapre dopo i lavori di restauro\n\nIl museo della città ha riaperto le sue porte dopo due anni di lavori di restauro. I visitatori hanno potuto ammirare di nuovo le opere più famose della collezione, tornate al loro posto nelle sale principali.\n\nIl direttore ha ringraziato i restauratori e ha annunciato che l'ingresso sarà gratuito per tutto il mese. Le scuole potranno prenotare visite guidate per gli studenti.\n",
    ),
    (
        "nl.txt",
        "Nieuwe fietspaden in de binnenstad\n\nDe gemeente heeft besloten om in de binnenstad nieuwe fietspaden aan te leggen. Volgens de wethouder moeten de fietsers daardoor veiliger door de stad kunnen rijden, vooral in de drukke ochtenduren.\n\nDe werkzaamheden beginnen volgend jaar en zullen ongeveer zes maanden duren. Bewoners kunnen tijdens een bijeenkomst in het stadhuis hun vragen stellen over de plannen.\n",
    ),
    (
        "sv.txt",
        "Nya cykelbanor i stadens centrum\n\nKommunen har beslutat att bygga nya cykelbanor i stadens centrum. Enligt politikerna ska cyklisterna kunna ta sig fram säkrare genom staden, särskilt under de tidiga morgontimmarna.\n\nArbetet börjar nästa år och beräknas ta ungefär sex månader. Invånarna kan ställa frågor om planerna vid ett möte i stadshuset i slutet av månaden.\n",
    ),
    (
        "tr.txt",
        "İstanbul'da yeni metro hattı açıldı\n\nİstanbul'da yeni metro hattı pazartesi günü düzenlenen bir törenle açıldı. Yetkililer, hattın her gün yüz binlerce yolcuya hizmet vereceğini ve şehrin trafiğini rahatlatacağını söyledi.\n\nYolcular yeni istasyonların temiz ve modern olduğunu belirtti. Belediye, önümüzdeki yıllarda başka hatların da açılacağını duyurdu.\n",
    ),
    (
        "el.txt",
        "Νέο νοσοκομείο στην πόλη\n\nΤο νέο νοσοκομείο της πόλης άνοιξε τη Δευτέρα τις πόρτες του για τους πρώτους ασθενείς. Ο υπουργός Υγείας είπε ότι το νοσοκομείο θα εξυπηρετεί περισσότερους από εκατό χιλιάδες κατοίκους της περιοχής.\n\nΟι γιατροί και οι νοσηλευτές εργάστηκαν για εβδομάδες για να ετοιμάσουν τις νέες αίθουσες. Οι κάτοικοι χαιρέτισαν την είδηση με ικανοποίηση.\n",
    ),
    (
        "zh.txt",
        "哈尔滨冰雪节开幕\n\n第二十届哈尔滨国际冰雪节于周五晚上在松花江畔正式开幕，数万名游客冒着严寒前来观看开幕式。今年的冰雪大世界占地面积超过八十万平方米，使用冰块约二十五万立方米。\n\n当地官员表示，冰雪旅游已经成为当地经济的重要组成部分。预计整个冬季将接待国内外游客超过一千万人次。\n",
    ),
    (
        "ja.txt",
        "東京で新しい美術館が開館\n\n東京の中心部に新しい美術館が土曜日に開館し、初日から多くの来場者が訪れました。美術館には国内外の現代美術の作品が約三百点展示されています。\n\n館長は記者会見で、若い芸術家の作品を紹介する場所にしたいと話しました。入場券はインターネットで予約することができます。\n",
    ),
    (
        "ko.txt",
        "서울에서 국제 영화제 개막\n\n서울에서 열리는 국제 영화제가 목요일 저녁 화려하게 막을 올렸습니다. 올해 영화제에는 전 세계 오십여 개 나라에서 온 이백여 편의 영화가 상영됩니다.\n\n영화제 관계자는 관객들이 다양한 나라의 영화를 즐길 수 있기를 바란다고 말했습니다. 표는 영화제 누리집에서 살 수 있습니다.\n",
    ),
    (
        "en.txt",
        "City council approves new budget for schools\n\nThe city council approved a new budget on Tuesday that increases spending on schools by ten percent. The mayor said the money would pay for new teachers and repairs to old buildings along Istanbul Street and in the eastern districts.\n\nSeveral members of the council voted against the plan, saying the city could not afford it. The animals of the municipal zoo and the museum will also receive new funds, officials said.\n",
    ),
];

fn corpus() -> Env {
    let env = Env::new();
    for (name, text) in ARTICLES {
        env.write(&format!("news/{name}"), text);
    }
    env.index(&["news"]).assert_code(0);
    env
}

/// The files a search finds, sorted.
fn found(env: &Env, args: &[&str]) -> Vec<String> {
    let mut paths: Vec<String> = env
        .search_json(args)
        .iter()
        .map(|h| {
            h["path"]
                .as_str()
                .unwrap()
                .trim_start_matches("news/")
                .to_owned()
        })
        .collect();
    paths.sort();
    paths
}

#[test]
fn each_language_is_detected_and_counted() {
    let env = corpus();
    let r = env.run(&["facets", "--json", "-n", "20", "lang", "*"]);
    r.assert_code(0);
    let langs: Vec<String> = r
        .json_lines()
        .iter()
        .filter_map(|f| f["value"].as_str().map(str::to_owned))
        .collect();
    for code in [
        "fra", "deu", "rus", "spa", "por", "ita", "swe", "tur", "ell", "cmn", "jpn", "kor", "eng",
    ] {
        assert!(
            langs.iter().any(|l| l == code),
            "{code} missing from {langs:?}"
        );
    }
}

#[test]
fn inflected_forms_find_each_other_within_a_language() {
    let env = corpus();
    // Each query is another form of a word of one article (plural for singular, a case
    // ending, a verb form).
    for (query, file) in [
        ("élection", "fr.txt"),
        ("électeur", "fr.txt"),
        ("Brücken", "de.txt"),
        ("выборы", "ru.txt"),
        ("выбор", "ru.txt"),
        ("medida", "es.txt"),
        ("inundação", "pt.txt"),
        ("musei", "it.txt"),
        ("cykelbana", "sv.txt"),
        ("bewoner", "nl.txt"),
        ("vraag", "nl.txt"),
        ("istasyon", "tr.txt"),
        ("yolcuları", "tr.txt"),
        ("νοσοκομεία", "el.txt"),
    ] {
        assert_eq!(found(&env, &[query]), [file], "{query}");
    }
}

#[test]
fn stems_of_one_language_never_meet_words_of_another() {
    let env = corpus();
    // English "animals" stems to "anim", as French "animées" (lively) does: with one
    // stemmer for every article each word would find the other.
    assert_eq!(found(&env, &["animals"]), ["en.txt"]);
    assert_eq!(found(&env, &["animées"]), ["fr.txt"]);
    // "museum" (English) and "museo" (Italian) are different words to the index.
    assert_eq!(found(&env, &["museum"]), ["en.txt"]);
    assert_eq!(found(&env, &["museo"]), ["it.txt"]);
    // A word written the same in two languages is found in both.
    assert_eq!(found(&env, &["Istanbul"]), ["en.txt", "tr.txt"]);
}

#[test]
fn dotted_capital_i_and_accents_fold_one_way() {
    let env = corpus();
    for q in ["İstanbul", "Istanbul", "ISTANBUL", "istanbul"] {
        assert_eq!(found(&env, &[q]), ["en.txt", "tr.txt"], "{q}");
    }
    // Accents typed or not.
    assert_eq!(found(&env, &["elections"]), found(&env, &["élections"]));
    // Greek final sigma, capitals and accents.
    assert_eq!(found(&env, &["ΝΟΣΟΚΟΜΕΙΟ"]), ["el.txt"]);
}

#[test]
fn cjk_words_are_found_inside_longer_runs_and_highlighted() {
    let env = corpus();
    let hits = env.search_json(&["哈尔滨"]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["path"], "news/zh.txt");
    let title = mark(
        hits[0]["title"].as_str().unwrap(),
        &hits[0]["title_highlights"],
    );
    assert_eq!(title, "[哈尔滨]冰雪节开幕");
    let passage = &hits[0]["passages"][0];
    let shown = mark(passage["text"].as_str().unwrap(), &passage["highlights"]);
    assert!(shown.contains("[哈尔滨]国际"), "{shown}");
    // Two, three and four characters inside runs; Japanese and Korean too.
    for (q, file) in [
        ("冰雪", "zh.txt"),
        ("松花江", "zh.txt"),
        ("立方米", "zh.txt"),
        ("游客超过", "zh.txt"),
        ("美術館", "ja.txt"),
        ("芸術家", "ja.txt"),
        ("영화제", "ko.txt"),
        ("서울", "ko.txt"),
    ] {
        assert_eq!(found(&env, &[q]), [file], "{q}");
    }
    // Characters that never stand together in the text do not match.
    assert!(found(&env, &["哈滨"]).is_empty());
}

#[test]
fn cjk_passages_end_at_cjk_full_stops() {
    let env = corpus();
    let hits = env.search_json(&["冰雪旅游"]);
    assert_eq!(hits.len(), 1);
    let text = hits[0]["passages"][0]["text"].as_str().unwrap();
    assert!(text.starts_with("当地官员表示"), "{text}");
    assert!(text.ends_with("组成部分。"), "{text}");
}

#[test]
fn naming_a_language_analyses_the_query_for_it_alone() {
    let env = corpus();
    assert_eq!(found(&env, &["--lang", "fr", "election"]), ["fr.txt"]);
    assert_eq!(found(&env, &["election", "lang:fra"]), ["fr.txt"]);
    assert!(found(&env, &["--lang", "de", "election"]).is_empty());
    // The English article is left out by the language filter, not by its stems.
    assert_eq!(found(&env, &["--lang", "en", "Istanbul"]), ["en.txt"]);
}

#[test]
fn similar_articles_are_read_in_their_language() {
    let env = corpus();
    env.write(
        "news/fr2.txt",
        "Le maire présente son programme pour les élections\n\nLe maire sortant a présenté son programme pour les prochaines élections municipales. Il a promis de nouvelles écoles et des réunions publiques dans chaque quartier de la ville.\n\nLes électeurs pourront poser leurs questions lors des réunions prévues avant le scrutin.\n",
    );
    env.index(&["news"]).assert_code(0);
    let r = env.run(&["similar", "--json", "news/fr.txt"]);
    r.assert_code(0);
    let hits = r.json_lines();
    assert_eq!(
        hits.first().map(|h| h["path"].clone()),
        Some("news/fr2.txt".into())
    );
}

/// The non-English pages of the extraction dev set, searched by their titles (with
/// `--any`, so that every page with a word of the title competes) among all its pages:
/// each page is in the top 3.
#[test]
fn real_pages_in_other_languages_are_found_by_their_titles() {
    let Some(shared) = shared() else {
        eprintln!("skipped: ../shared/data/extract-dev is absent");
        return;
    };
    let dev = shared.join("data/extract-dev");
    let Ok(index) = std::fs::read_to_string(dev.join("index.tsv")) else {
        eprintln!("skipped: ../shared/data/extract-dev is absent");
        return;
    };
    let env = Env::new();
    let pages = env.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    let mut other = Vec::new();
    for row in index.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        let id = cols[0];
        std::fs::copy(
            dev.join(format!("html/{id}.html.gz")),
            pages.join(format!("{id}.html.gz")),
        )
        .unwrap();
        if cols[3] != "en" {
            other.push(id.to_owned());
        }
    }
    assert!(other.len() >= 5, "{other:?}");
    env.index(&["pages"]).assert_code(0);
    let mut missed = Vec::new();
    for id in &other {
        let path = format!("pages/{id}.html.gz");
        let r = env.run(&["show", "--json", &path]);
        r.assert_code(0);
        let shown: serde_json::Value = serde_json::from_str(r.stdout().trim()).unwrap();
        let title = shown["title"].as_str().unwrap_or_default().to_owned();
        assert!(!title.is_empty(), "{id} has no title");
        let hits = env.search_json(&["--any", "-n", "3", "--", &title]);
        if !hits.iter().any(|h| h["path"] == path.as_str()) {
            missed.push(format!("{id}: {title}"));
        }
    }
    assert!(missed.is_empty(), "not in the top 3: {missed:?}");
}

/// A language few articles are in is ranked as fairly as the main one: its fields'
/// average length is its own articles', and a word's rarity is counted over every
/// language's fields. Of articles alike but for how often they name Istanbul, the two
/// that name it twice (one English, one French) rank first.
#[test]
fn an_article_in_a_minority_language_ranks_by_the_same_measure() {
    let env = Env::new();
    let english = |i: &str, twice: bool| {
        format!(
            "Council report number {i}\n\nThe council met on Tuesday to discuss the budget for the port, and a delegation from Istanbul attended the meeting as observers.{}\n\nMembers said the report would be published next month after a final vote by the full council.\n",
            if twice {
                " Istanbul plans a similar agreement."
            } else {
                " The city plans a similar agreement."
            }
        )
    };
    for i in 0..30 {
        env.write(
            &format!("news/en{i:02}.txt"),
            english(&i.to_string(), false),
        );
    }
    env.write("news/en-twice.txt", english("thirty", true));
    let french = |twice: bool| {
        format!(
            "Rapport du conseil municipal\n\nLe conseil s'est réuni mardi pour discuter du budget du port, et une délégation venue d'Istanbul a suivi la réunion. {} prépare un accord semblable.\n\nLes membres ont dit que le rapport serait publié le mois prochain après un vote final du conseil.\n",
            if twice { "Istanbul" } else { "La ville" }
        )
    };
    env.write("news/fr-once.txt", french(false));
    env.write("news/fr-twice.txt", french(true));
    env.index(&["news"]).assert_code(0);
    let hits = env.search_json(&["--all", "-n", "3", "Istanbul"]);
    let mut top: Vec<&str> = hits[..2]
        .iter()
        .map(|h| h["path"].as_str().unwrap())
        .collect();
    top.sort_unstable();
    assert_eq!(top, ["news/en-twice.txt", "news/fr-twice.txt"], "{hits:?}");
}

/// Text as scrapers leave it: accents written as combining marks, full-width letters,
/// Turkish prose with few function words, misspellings in other languages.
#[test]
fn unusual_writing_is_read_as_the_same_words() {
    let env = Env::new();
    env.write(
        "news/nfd.txt",
        "Les e\u{301}le\u{300}ves de la ville pre\u{301}parent la rentre\u{301}e\n\nLes e\u{301}le\u{300}ves du quartier retrouvent leurs e\u{301}coles lundi, et les parents se pre\u{301}parent a\u{300} une semaine charge\u{301}e. Le maire a promis de nouveaux bus pour les enfants.\n\nSelon la mairie, les travaux dans les e\u{301}coles sont termine\u{301}s depuis la fin du mois dernier.\n",
    );
    env.write(
        "news/tr.txt",
        "Valmora limanında grev sürüyor\n\nValmora limanındaki işçiler pazartesi gününden beri grevde. Sendika daha yüksek ücretler ve daha iyi güvenlik koşulları istiyor.\n\nBelediye Başkanı tarafları diyaloğa çağırdı. Tahıl ihracatı üç gündür durmuş durumda. Çiftçiler büyük kayıplardan korkuyor.\n",
    );
    env.index(&["news"]).assert_code(0);
    assert_eq!(found(&env, &["élèves"]), ["nfd.txt"]);
    assert_eq!(found(&env, &["eleve"]), ["nfd.txt"]);
    assert_eq!(found(&env, &["ＥＣＯＬＥＳ"]), ["nfd.txt"]);
    let hits = env.search_json(&["élèves"]);
    let title = mark(
        hits[0]["title"].as_str().unwrap(),
        &hits[0]["title_highlights"],
    );
    assert!(title.starts_with("Les [e\u{301}le\u{300}ves]"), "{title}");
    // Turkish is told by its endings as much as by its function words.
    let hits = env.search_json(&["işçi"]);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["metadata"]["lang"], "tur");
    // A misspelling one edit from another language's stem.
    assert_eq!(found(&env, &["eccoles~"]), ["nfd.txt"]);
}

#[test]
fn language_codes_are_read_as_users_write_them() {
    let env = corpus();
    assert_eq!(found(&env, &["--lang", "zh-CN", "冰雪"]), ["zh.txt"]);
    assert_eq!(found(&env, &["--lang", "pt_BR", "chuva"]), ["pt.txt"]);
    let r = env.run(&["search", "--lang", "xx", "冰雪"]);
    r.assert_code(2);
    assert!(r.stderr().contains("not a language code"), "{}", r.stderr());
    let r = env.run(&["search", "冰雪", "lang:xx"]);
    assert!(r.stderr().contains("not a language code"), "{}", r.stderr());
}
