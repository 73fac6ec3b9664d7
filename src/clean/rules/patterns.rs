//! The patterns of the line rules: the regexes, and the literal words ("needles") each
//! gated regex needs, which `gates.rs` scans for first.

use std::sync::LazyLock;

use regex::Regex;

use super::gates::Gate;
use crate::clean::lines::Line;
use crate::clean::markers;

pub(super) fn alternation(words: &[&str]) -> String {
    let mut sorted: Vec<&str> = words.to_vec();
    // Longest first, so "read more" wins over "read".
    sorted.sort_by_key(|w| std::cmp::Reverse(w.len()));
    sorted
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

pub(super) fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|e| panic!("built-in pattern {pattern:?}: {e}"))
}

/// Separators between a marker and the headline it introduces.
pub(super) const SEP: &str = r"\s*(?:[:|»>›•\-–—]+|\.\.\.|…)\s*";

/// A marker, then a separator or the other site's domain, then the headline: "READ MORE
/// : ...", "Also on rt.com Journalists ...".
pub(super) static READ_MORE_SEP: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)^[^\w]*(?:{})(?:{SEP}|\s+(?-i:(?:[a-z0-9-]+\.)+[a-z]{{2,}})(?:{SEP}|\s+))\S",
        alternation(markers::READ_MORE)
    ))
});
pub(super) static READ_MORE_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)^[^\w]*(?:{})\s*[:|»>›…]*\s*$",
        alternation(markers::READ_MORE)
    ))
});
/// Upper-case markers need no separator: "READ MORE Harbin ..." is unambiguous.
pub(super) static READ_MORE_CAPS: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"^[^\w]*(?:READ MORE|ALSO READ|READ ALSO|MUST READ|SEE ALSO|RELATED|RECOMMENDED)\b")
});
pub(super) static CTA_VERB: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)(?:^|[^\w])(?:{})(?:$|[^\w])",
        alternation(markers::CTA_VERBS)
    ))
});
pub(super) static CTA_OBJECT: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)(?:^|[^\w])(?:{})(?:$|[^\w])",
        alternation(markers::CTA_OBJECTS)
    ))
});
pub(super) static CLICK_HERE: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)\b(?:click|clicking|tap|tapping)\s+(?:here|this link|the link)\b")
});
pub(super) static CTA_US: LazyLock<Regex> = LazyLock::new(|| compile(r"(?i)\b(?:us|our|we)\b"));
pub(super) static TAG_LIST: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)^(?:tags|tagged|tagged with|topics|keywords|filed under|related topics|related tags|schlagwörter|mots-clés|etiquetas|tag)\s*[:|]\s*(.+)$",
    )
});
pub(super) static RELATIVE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?ix)^(?:(?:updated|posted|published|last\ updated|modified|edited)\s*:?\s*)?
          (?:\d+|an?|one|few|a\ few)\s*(?:{})\.?\s+ago\.?$
        | ^(?:vor\ \d+\s+(?:sekunden|minuten|stunden|tagen|wochen|monaten|jahren))$
        | ^(?:il\ y\ a\ \d+\s+(?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans?))$
        | ^(?:hace\ \d+\s+(?:segundos?|minutos?|horas?|días?|semanas?|meses|mes|años?))$
        | ^(?:há\ \d+\s+(?:segundos?|minutos?|horas?|dias?|semanas?|meses|mês|anos?))$
        | ^(?:\d+\s+(?:секунд\w*|минут\w*|час\w*|дн\w*|день|недел\w*|месяц\w*|год\w*|лет)\s+назад)$
        | ^(?:\d+\s*(?:초|분|시간|일|주|개월|년)\s*전)$
        | ^(?:just\ now|moments\ ago|a\ moment\ ago)$",
        markers::TIME_UNITS.join("|")
    ))
});
pub(super) static AUTHOR_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)^[^\w]*(?:{})\b\s*[:\-–—|]?\s*(.*)$",
        alternation(markers::AUTHOR_HEADINGS)
    ))
});
pub(super) static BIO_START: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^(?:[A-Z][\w.'’-]*\s+){0,4}[A-Z][\w.'’-]*(?:\s*\([^)]{0,80}\))?,?\s+(?:is|was|has been|works as|writes|covers|reports|employs|has subsidiaries|is headquartered)\b",
    )
});
pub(super) static BIO_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)\b(?:{})s?\b",
        alternation(markers::BIO_NOUNS)
    ))
});
pub(super) static DISCLAIMER_WORD: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        // Whole words (a plural too): "staff" is no word of "staffing", nor "affiliate"
        // of "affiliated".
        r"(?i)\b(?:{})s?\b",
        alternation(markers::DISCLAIMER_WORDS)
    ))
});
pub(super) static DISCLAIMER_START: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?ix)^[^\w]*(?:disclaimer\s*[:\-–—]
        | (?:the\ )?(?:views|opinions)\ (?:and\ opinions\ )?expressed
        | if\ you\ (?:buy|purchase|click|shop)\ (?:something|anything|through|on|via)
        | (?:we|[\w.]+)\ may\ (?:earn|get|receive)\ (?:a\ )?(?:share|commission|affiliate)
        | this\ (?:story|article|report|content|post)\ (?:has\ not\ been\ edited|is\ auto-generated|was\ auto-generated|was\ automatically|is\ published\ from|first\ appeared|originally\ appeared|was\ originally\ published|is\ sponsored|contains\ affiliate|may\ contain\ affiliate|was\ produced\ by|is\ part\ of\ a\ sponsored))",
    )
});
pub(super) static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?:©|\bcopyright\b|\ball rights reserved\b|\(c\)\s*(?:19|20)\d\d|\bderechos reservados\b|\btous droits réservés\b|\balle rechte vorbehalten\b)",
    )
});
pub(super) static ADVERTISEMENT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?ix)^[^\w]*(?:advertisement|advertisment|advert|ads?|sponsored|promoted|paid\ content|paid\ post
        | story\ continues\ below(?:\ this)?(?:\ advertisement|\ ad)?
        | continue\ reading\ (?:below|the\ main\ story)
        | scroll\ (?:down\ )?to\ (?:continue|read\ more)(?:\ with\ content)?
        | article\ continues\ (?:below|after\ (?:this\ )?(?:advertisement|ad))
        | anzeige|werbung|publicité|publicidad|publicidade|pubblicità|реклама|광고)[\s.:…-]*$",
    )
});
pub(super) static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?ix)(?:^[^\w]*(?:photo|image|picture|pic|video|graphic|illustration|file\ photo|representational\ image|representative\ image)s?\s*(?:credit|courtesy|source)?s?\s*[:|/]
        | \((?:photo|image|pic|picture)s?\s*(?:credit|courtesy)?\s*[:/]
        | \b(?:photo|image|picture)\ (?:credit|courtesy)\b
        | (?:[/©(:|]\s*|\bvia\s+)(?:getty\ images|shutterstock|afp\ photo|ap\ photo|reuters\ photo|epa-efe|istock(?:photo)?)\b
        | \b(?:getty\ images|shutterstock|afp\ photo|ap\ photo|reuters\ photo|epa-efe|istock(?:photo)?)\s*/
        | \b(?:getty\ images|shutterstock|afp\ photo|ap\ photo|reuters\ photo|epa-efe|istock(?:photo)?)[\W\d]*$
        | ^[^\s]+\.(?:jpe?g|png|gif|webp|avif)$
        | ^(?:foto|fotos|фото|사진|写真|imagem|bild|immagine)\s*[:|/]
        | ^(?:foto|fotos|фото|사진|写真|imagem|bild|immagine)(?:\s+\S+){0,3}$)",
    )
});
/// A photo credit alone on its line: "Joshua Roberts/Reuters", "AP/Jane Roe". The same
/// shape is as often a table's heading ("SOYBEAN CAKE/MEAL", "Meat/Meal") or a
/// company's name: a side must name a picture agency, or the line have a credit's shape
/// ([`credit_shape`]).
pub(super) static CAPTION_SLASH: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^\p{Lu}[\w.'’-]*(?:\s\p{Lu}[\w.'’-]*){0,3}\s?/\s?\p{Lu}[\w.&'’-]*(?:\s[\p{Lu}&][\w.'’-]*){0,3}$",
    )
});
/// A credit's shape without an agency's name: a photographer's name of two words or more
/// before the slash, the outlet's of a few after, in letter case ("Joshua Roberts/The
/// Daily"; not "Craftmatic/Contour Industries Inc", a company's name).
pub(super) fn credit_shape(line: &Line) -> bool {
    let Some((before, after)) = line.text.split_once('/') else {
        return false;
    };
    !line.all_caps
        && before.split_whitespace().count() >= 2
        && (1..=3).contains(&after.split_whitespace().count())
}
pub(super) static PICTURE_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\b(?:reuters|ap|afp|getty|epa|efe|ansa|xinhua|pti|ani|dpa|anp|tass|bloomberg|photo|pool)\b",
    )
});
/// A photo credit in brackets closing a line: "(AP Photo/Gene J. Puskar)", "(Joshua
/// Roberts/Reuters)", "(Image: name / Getty Images)", often followed by a gallery's
/// "less" or "... more" toggle. A caption can be as long as a paragraph, but story
/// paragraphs do not end in a credit. A slash alone is no credit ("$4.99/mo"): the
/// slash form needs capitalised names on both sides. A picture agency's or chart
/// source's name may also follow the caption's last sentence unbracketed ("... the
/// drug. Getty"), or stand on its own line ("Sex Offender Registry via AP"). And news
/// agencies open their captions with the picture's date: "In this Nov. 3, 2019, file
/// photo, ...", "This undated photo provided by ...".
pub(super) static CREDIT_END: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?x)\(\s*(?:
            (?i:[^()]{0,40}\b(?:photos?|photograph|photographer|image|getty\ images|shutterstock|istock(?:photo)?)\b[^()]{0,40})
          | \p{Lu}[\w.'’&-]*(?:\s+[\w.'’&-]+){0,3}\s?/\s?\p{Lu}[^()/,]*(?:/[^()/,]*){0,3}
        )\)\s*(?i:less|(?:\.\.\.|…)?\s*more)?\s*$
        | [.!?][\x22”]?\s+(?:Getty(?:\ Images)?|Shutterstock|iStock(?:photo)?|Statista)\s*$
        | ^\p{Lu}[^.!?]{0,60}\ via\ (?:AP|Reuters|AFP|Getty\ Images)\s*$
        | (?i:^(?:in\ )?this\ (?:undated\ |handout\ |file\ |[^!?]{0,30}?\d{4},?\ (?:file\ |handout\ )?)(?:photos?|images?|pictures?)\b)",
    )
});

/// A photo gallery's controls, each on its own line: counters ("Image 1 of 12", "3 / 12",
/// "1of4") and labels ("Caption", "Close", "Back to Gallery", "Full screen").
pub(super) static GALLERY: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?ix)^[\s(\[]*(?:
            (?:(?:image|photo|picture|slide|foto)s?\s*)?\d{1,3}\s*(?:of|/)\s*(?:/\s*)?\d{0,3}
          | (?:hide\ |show\ )?captions? | close | (?:back\ to|view|open|exit)\ (?:the\ )?gallery
          | full\ ?screen | expand(?:\ (?:image|photo))?
          | (?:click\ (?:here\ )?to\ )?enlarge(?:\ this)?(?:\ (?:image|photo|picture))?
        )[\s)\]]*$",
    )
});

pub(super) static SIGNOFF: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)^[\s(\-–—]*(?:reuters?|ap|afp|upi|dpa|pti|ians|ani|xinhua|bloomberg|efe|ansa|kyodo|tass|yonhap)[\s)\-–—.]*$",
    )
});

pub(super) static COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?ix)^(?:\S.{0,60}\s(?:says|wrote|commented|replied)\s*:
        | (?-i:[\p{Ll}\d_.@-]*[\d_@][\p{Ll}\d_.@-]*|[Aa]nonymous|[Gg]uest)\s(?:says|wrote|commented|replied)
        | reply | report | report\ abuse | flag | reply\s*[·|].* | like\s*[·|]\s*reply.*
        | \d+\s+(?:comments?|responses?|replies|thoughts)(?:\s+(?:to|on)\s+.*)?
        | comments\ are\ closed\.? | leave\ a\ reply | log\ in\ to\ reply
        | you\ must\ (?:be\ )?log(?:ged)?\ in\ to\ (?:post\ a\ )?comment\.?
        | your\ email\ address\ will\ not\ be\ published.* | sort\ by.* | newest\ first | oldest\ first
        | lascia\ un\ commento | laisser\ un\ commentaire | deja\ un\ comentario | deixe\ um\ comentário)$",
    )
});

/// A headline glued to the teaser after it: a title-case run ending in a lower-case word
/// that runs straight into a capitalised one ("Our Stadium GuidesIf you ...").
pub(super) static GLUED_HEADLINE: LazyLock<Regex> =
    LazyLock::new(|| compile(r"\p{Ll}{4}(\p{Lu}\p{Ll}+)"));

pub(super) fn is_glued_headline(text: &str) -> bool {
    // In ASCII text the pattern needs a lower-case letter right before a capital.
    if text.is_ascii()
        && !text
            .as_bytes()
            .windows(2)
            .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase())
    {
        return false;
    }
    let Some(m) = GLUED_HEADLINE.captures(text).and_then(|c| c.get(1)) else {
        return false;
    };
    // The head is a headline: title case, no sentence punctuation.
    let head_text = &text[..m.start()];
    let head: Vec<&str> = head_text.split_whitespace().collect();
    let caps = head
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    head.len() >= 4
        && caps * 10 >= head.len() * 6
        && !head_text.contains('.')
        && (!head_text.contains(',') || caps * 10 >= head.len() * 9)
}

/// A file name glued to the first word of a paragraph: `china_russia_img_0Russian`.
pub(super) static GLUED_FILE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^(?:(?P<glued>[a-z0-9]+(?:[_-][a-z0-9]+)*_[a-z0-9_-]*)(?:[A-Z][a-z])|(?P<spaced>[\w-]+\.(?:jpe?g|png|gif|webp|avif))\s+\S)",
    )
});

/// The words each gated regex needs (lower-case): every match of the regex holds one of
/// them. `gates_are_necessary` in the tests checks that over many lines.
pub(super) fn gate_needles() -> Vec<(Gate, Vec<&'static str>)> {
    vec![
        // READ_MORE_SEP, READ_MORE_ALONE and READ_MORE_CAPS (whose words are in the list).
        (Gate::ReadMore, markers::READ_MORE.to_vec()),
        (Gate::CtaVerb, markers::CTA_VERBS.to_vec()),
        (Gate::ClickHere, vec!["click", "tap"]),
        (
            Gate::TagList,
            vec![
                "tag",
                "topics",
                "keywords",
                "filed under",
                "schlagwörter",
                "mots-clés",
                "etiquetas",
            ],
        ),
        (
            Gate::RelativeTime,
            vec![
                "ago",
                "vor",
                "il y a",
                "hace",
                "há",
                "назад",
                "전",
                "just now",
            ],
        ),
        (Gate::AuthorHeading, markers::AUTHOR_HEADINGS.to_vec()),
        (
            Gate::DisclaimerStart,
            vec!["disclaimer", "expressed", "if you", "may", "this"],
        ),
        (
            Gate::Copyright,
            vec![
                "©",
                "copyright",
                "all rights reserved",
                "(c)",
                "derechos reservados",
                "tous droits réservés",
                "alle rechte vorbehalten",
            ],
        ),
        (Gate::Advertisement, ADVERTISEMENT_NEEDLES.to_vec()),
        (Gate::Caption, CAPTION_NEEDLES.to_vec()),
        (Gate::Comment, COMMENT_NEEDLES.to_vec()),
    ]
}

/// The advertisement markers' words.
const ADVERTISEMENT_NEEDLES: &[&str] = &[
    "ad",
    "sponsored",
    "promoted",
    "paid",
    "story continues",
    "continue reading",
    "scroll",
    "article continues",
    "anzeige",
    "werbung",
    "publicit",
    "publicidad",
    "pubblicit",
    "реклама",
    "광고",
];

/// The words of photo captions and credits.
const CAPTION_NEEDLES: &[&str] = &[
    "photo",
    "image",
    "pic",
    "video",
    "graphic",
    "illustration",
    "getty",
    "shutterstock",
    "statista",
    "via ap",
    "via reuters",
    "via afp",
    "epa-efe",
    "istock",
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".webp",
    ".avif",
    "foto",
    "фото",
    "사진",
    "写真",
    "bild",
    "immagine",
    "/",
];

/// The words of comment sections.
const COMMENT_NEEDLES: &[&str] = &[
    "says",
    "said",
    "wrote",
    "commented",
    "replied",
    "reply",
    "report",
    "flag",
    "comment",
    "response",
    "replies",
    "thoughts",
    "log",
    "your email",
    "sort by",
    "newest first",
    "oldest first",
    "lascia",
    "laisser",
    "deja",
    "deixe",
];
