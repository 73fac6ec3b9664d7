//! Stop words per language: the function words that make up a third or more of running
//! prose and almost none of menus, headlines and name lists (the jusText observation).
//! Lists hold the most frequent function words of each language, lower-cased.

use whatlang::Lang;

const EN: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "but", "by", "can", "could", "did", "do", "for", "from", "had", "has", "have", "he", "her",
    "his", "how", "i", "if", "in", "into", "is", "it", "its", "more", "most", "not", "of", "on",
    "one", "or", "our", "out", "over", "said", "she", "so", "some", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "to", "up", "was", "we", "were",
    "what", "when", "which", "while", "who", "will", "with", "would", "you",
];
const FR: &[&str] = &[
    "au", "aux", "avec", "ce", "ces", "cette", "dans", "de", "des", "du", "elle", "en", "est",
    "et", "il", "ils", "je", "la", "le", "les", "leur", "lui", "mais", "ne", "nous", "on", "ont",
    "ou", "par", "pas", "plus", "pour", "qu", "que", "qui", "sa", "se", "ses", "son", "sur", "un",
    "une", "été", "être", "a", "à", "y",
];
const DE: &[&str] = &[
    "auch", "auf", "aus", "bei", "das", "dass", "dem", "den", "der", "des", "die", "ein", "eine",
    "einem", "einen", "einer", "es", "für", "hat", "ich", "im", "in", "ist", "mit", "nach",
    "nicht", "noch", "sich", "sie", "sind", "so", "und", "von", "vor", "war", "werden", "wie",
    "wird", "zu", "zum", "zur", "über", "als", "an", "er", "wir", "aber", "oder",
];
const ES: &[&str] = &[
    "al", "como", "con", "de", "del", "el", "en", "es", "esta", "este", "ha", "la", "las", "le",
    "lo", "los", "más", "no", "para", "pero", "por", "que", "se", "sin", "su", "sus", "un", "una",
    "y", "ya", "a", "o", "fue", "entre", "sobre", "también", "son", "han", "muy",
];
const PT: &[&str] = &[
    "a", "ao", "as", "com", "como", "da", "das", "de", "do", "dos", "e", "em", "foi", "mais",
    "mas", "na", "nas", "no", "nos", "não", "o", "os", "para", "pela", "pelo", "por", "que", "se",
    "sua", "seu", "um", "uma", "é", "à", "ser", "são", "também", "ela", "ele",
];
const IT: &[&str] = &[
    "a", "al", "alla", "anche", "che", "chi", "con", "da", "dal", "del", "della", "dei", "di", "e",
    "è", "gli", "ha", "i", "il", "in", "la", "le", "lo", "ma", "nel", "nella", "non", "per", "più",
    "se", "si", "sono", "su", "sul", "un", "una", "uno", "come",
];
const NL: &[&str] = &[
    "aan", "als", "bij", "dat", "de", "die", "dit", "een", "en", "er", "het", "heeft", "hij", "in",
    "is", "maar", "met", "niet", "nog", "om", "ook", "op", "te", "tot", "van", "voor", "was",
    "wat", "wel", "werd", "ze", "zijn", "worden", "naar", "door", "over", "uit",
];
const RU: &[&str] = &[
    "а",
    "без",
    "бы",
    "был",
    "была",
    "были",
    "в",
    "во",
    "вот",
    "все",
    "всё",
    "да",
    "для",
    "до",
    "его",
    "её",
    "если",
    "же",
    "за",
    "и",
    "из",
    "или",
    "их",
    "к",
    "как",
    "когда",
    "ли",
    "на",
    "не",
    "но",
    "о",
    "об",
    "он",
    "она",
    "они",
    "от",
    "по",
    "при",
    "с",
    "так",
    "также",
    "то",
    "только",
    "у",
    "уже",
    "что",
    "это",
    "этот",
    "я",
];
const TR: &[&str] = &[
    "ve", "bir", "bu", "da", "de", "için", "ile", "olarak", "daha", "çok", "gibi", "en", "ne", "o",
    "ama", "veya", "kadar", "sonra", "her", "değil", "olan", "şu", "mi",
];
const ID: &[&str] = &[
    "dan", "di", "yang", "ini", "itu", "dengan", "untuk", "dari", "ke", "pada", "dalam", "tidak",
    "akan", "juga", "adalah", "oleh", "karena", "ada", "atau", "sudah", "saat",
];

/// The stop list for a language, when newsq has one.
pub fn list(lang: Lang) -> Option<&'static [&'static str]> {
    Some(match lang {
        Lang::Eng => EN,
        Lang::Fra => FR,
        Lang::Deu => DE,
        Lang::Spa => ES,
        Lang::Por => PT,
        Lang::Ita => IT,
        Lang::Nld => NL,
        Lang::Rus => RU,
        Lang::Tur => TR,
        Lang::Ind => ID,
        _ => return None,
    })
}

/// Share of a text's words that are stop words of `list`.
pub fn density(text: &str, list: &[&str]) -> f32 {
    let mut words = 0usize;
    let mut stops = 0usize;
    for w in super::lines::word_tokens(text) {
        words += 1;
        let lower = w.to_lowercase();
        if list.contains(&lower.as_str()) {
            stops += 1;
        }
    }
    if words == 0 {
        0.0
    } else {
        stops as f32 / words as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_is_dense_in_stop_words_headlines_are_not() {
        let en = list(Lang::Eng).unwrap();
        assert!(
            density(
                "The council said it would vote on the budget after the summer.",
                en
            ) > 0.3
        );
        assert!(density("Kurt Volker Throws Rudy Giuliani Under Bus", en) < 0.15);
        let de = list(Lang::Deu).unwrap();
        assert!(
            density(
                "Die Regierung hat sich auf einen neuen Haushalt für das Jahr geeinigt.",
                de
            ) > 0.3
        );
    }
}
