//! Stop words per language: the function words that make up a third or more of running
//! prose and almost none of menus, headlines and name lists (the jusText observation).
//! Lists hold the most frequent function words of each language, lower-cased.

use std::collections::HashSet;
use std::sync::LazyLock;

use whatlang::Lang;
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

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
    "ve",
    "bir",
    "bu",
    "da",
    "de",
    "için",
    "ile",
    "olarak",
    "daha",
    "çok",
    "gibi",
    "en",
    "ne",
    "o",
    "ama",
    "veya",
    "kadar",
    "sonra",
    "her",
    "değil",
    "olan",
    "şu",
    "mi",
    "ki",
    "ise",
    "hem",
    "ancak",
    "fakat",
    "çünkü",
    "göre",
    "beri",
    "diye",
    "olduğu",
    "olduğunu",
    "oldu",
    "var",
    "yok",
    "tüm",
    "bütün",
    "bazı",
    "aynı",
    "başka",
    "iyi",
    "yeni",
    "büyük",
    "iki",
    "üç",
    "ilk",
    "son",
    "önce",
    "artık",
    "hâlâ",
    "yine",
    "bile",
    "ya",
];
const ID: &[&str] = &[
    "dan", "di", "yang", "ini", "itu", "dengan", "untuk", "dari", "ke", "pada", "dalam", "tidak",
    "akan", "juga", "adalah", "oleh", "karena", "ada", "atau", "sudah", "saat",
];

/// A language's stop words, ready for lookups. Stop words are short, so most are packed
/// into a `u64` (up to eight lower-case bytes) and found in a small open-addressed table
/// (one multiply and, mostly, one probe): looking words up runs for every word of every
/// line, and hashing strings, then a binary search, were most of its cost.
pub struct StopList {
    /// Words of up to eight bytes, packed, at their hashed slot (0 is an empty slot).
    packed: Box<[u64; SLOTS]>,
    /// Longer words.
    long: HashSet<&'static str, Xxh3DefaultBuilder>,
    /// The longest stop word, in bytes: longer words need no lookup.
    longest: usize,
}

/// Slots of a [`StopList`]'s table: a power of two, over twice the longest list.
const SLOTS: usize = 256;

fn slot(key: u64) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - SLOTS.trailing_zeros())) as usize
}

/// A word of one to eight bytes as a number (zero-padded; words hold no NUL bytes).
fn pack(word: &[u8]) -> Option<u64> {
    if word.is_empty() || word.len() > 8 {
        return None;
    }
    let mut b = [0u8; 8];
    b[..word.len()].copy_from_slice(word);
    Some(u64::from_le_bytes(b))
}

impl StopList {
    fn new(words: &'static [&'static str]) -> StopList {
        let mut packed = Box::new([0u64; SLOTS]);
        for key in words.iter().filter_map(|w| pack(w.as_bytes())) {
            let mut i = slot(key);
            while packed[i] != 0 && packed[i] != key {
                i = (i + 1) % SLOTS;
            }
            packed[i] = key;
        }
        StopList {
            packed,
            long: words.iter().copied().filter(|w| w.len() > 8).collect(),
            longest: words.iter().map(|w| w.len()).max().unwrap_or(0),
        }
    }

    /// Whether a packed word is in the table (0, no word, never is).
    fn has_packed(&self, key: u64) -> bool {
        let mut i = slot(key);
        loop {
            match self.packed[i] {
                0 => return false,
                k if k == key => return true,
                _ => i = (i + 1) % SLOTS,
            }
        }
    }

    fn contains_lower(&self, word: &str) -> bool {
        match pack(word.as_bytes()) {
            Some(key) => self.has_packed(key),
            None => self.long.contains(word),
        }
    }

    /// Whether `word` (in any case) is a stop word.
    fn contains(&self, word: &str) -> bool {
        if word.len() > self.longest * 3 {
            // Lower-casing never shrinks a word to less than a third of its bytes.
            return false;
        }
        if word.is_ascii() {
            if word.len() <= 8 {
                let mut b = [0u8; 8];
                b[..word.len()].copy_from_slice(word.as_bytes());
                b.make_ascii_lowercase();
                return self.has_packed(u64::from_le_bytes(b));
            }
            return self.long.contains(word.to_ascii_lowercase().as_str());
        }
        self.contains_lower(&word.to_lowercase())
    }
}

const SV: &[&str] = &[
    "och", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den", "har", "de",
    "inte", "om", "ett", "han", "men", "var", "jag", "sig", "från", "vi", "så", "kan", "när", "år",
    "säger", "hon", "också", "efter", "eller", "sin", "där", "vid", "mot", "ska", "skulle",
    "kommer", "ut", "få", "bara", "hade", "blir", "vara", "sedan",
];
const DA: &[&str] = &[
    "og", "det", "som", "en", "på", "er", "af", "med", "til", "den", "har", "de", "ikke", "om",
    "et", "han", "men", "var", "jeg", "sig", "fra", "vi", "så", "kan", "når", "år", "siger", "hun",
    "også", "efter", "eller", "sin", "der", "ved", "mod", "skal", "skulle", "kommer", "ud", "få",
    "kun", "havde", "bliver", "være", "blev", "dem", "deres", "hvor", "hvis",
];
const NB: &[&str] = &[
    "og", "det", "som", "en", "på", "er", "av", "med", "til", "den", "har", "de", "ikke", "om",
    "et", "han", "men", "var", "jeg", "seg", "fra", "vi", "så", "kan", "når", "år", "sier", "hun",
    "også", "etter", "eller", "nå", "sin", "der", "ved", "mot", "skal", "skulle", "kommer", "ut",
    "få", "bare", "hadde", "blir", "være", "ble", "dem", "deres", "hvor", "hvis",
];
const FI: &[&str] = &[
    "ja", "on", "ei", "että", "se", "oli", "ovat", "hän", "mutta", "kun", "myös", "tai", "jo",
    "niin", "kuin", "ole", "sen", "joka", "jotka", "mukaan", "vuonna", "nyt", "vain", "sitä",
    "hänen", "ne", "he", "me", "olla", "ollut", "mitä", "tämä", "tässä", "siitä", "jos", "vielä",
    "kaikki", "koska", "sekä", "eli",
];
const PL: &[&str] = &[
    "w", "na", "z", "się", "nie", "do", "że", "jest", "o", "jak", "po", "co", "tak", "za", "od",
    "ale", "jego", "oraz", "przez", "już", "dla", "są", "był", "była", "było", "ma", "tym", "tego",
    "też", "może", "także", "który", "która", "które", "przy", "jednak", "bardzo", "tylko", "jej",
    "ich", "gdy", "czy", "lub",
];
const CS: &[&str] = &[
    "v", "se", "na", "je", "že", "s", "z", "do", "o", "k", "jako", "ve", "by", "za", "ale", "jsou",
    "jeho", "pro", "od", "po", "také", "který", "která", "které", "už", "jak", "jen", "byl",
    "byla", "bylo", "má", "při", "podle", "však", "nebo", "když", "tak", "jejich", "více", "mezi",
    "aby",
];
const RO: &[&str] = &[
    "și", "în", "de", "la", "cu", "din", "că", "pe", "care", "nu", "pentru", "este", "mai", "sau",
    "se", "un", "o", "au", "fost", "iar", "ca", "dar", "după", "acest", "această", "fi", "sunt",
    "el", "ea", "lui", "ei", "însă", "prin", "între", "când", "către", "până",
];
const HU: &[&str] = &[
    "az", "és", "hogy", "nem", "is", "egy", "meg", "de", "van", "volt", "már", "csak", "mint",
    "még", "el", "ki", "be", "ez", "azt", "ezt", "pedig", "vagy", "lesz", "után", "szerint",
    "amely", "aki", "között", "mert", "nagyon", "minden", "most", "sem", "ha", "kell", "így",
    "úgy",
];
const CA: &[&str] = &[
    "el", "la", "els", "les", "de", "del", "dels", "que", "en", "un", "una", "per", "amb", "no",
    "és", "va", "ha", "al", "als", "seu", "seva", "més", "com", "però", "també", "ja", "hi", "ho",
    "aquest", "aquesta", "són", "han", "sobre", "fins", "entre", "quan",
];

macro_rules! stop_list {
    ($words:expr) => {{
        static LIST: LazyLock<StopList> = LazyLock::new(|| StopList::new($words));
        &*LIST
    }};
}

/// English stop words (the list every article is measured against first).
pub fn english() -> &'static StopList {
    stop_list!(EN)
}

/// The stop list for a language, when newsq has one.
pub fn list(lang: Lang) -> Option<&'static StopList> {
    Some(match lang {
        Lang::Eng => english(),
        Lang::Fra => stop_list!(FR),
        Lang::Deu => stop_list!(DE),
        Lang::Spa => stop_list!(ES),
        Lang::Por => stop_list!(PT),
        Lang::Ita => stop_list!(IT),
        Lang::Nld => stop_list!(NL),
        Lang::Rus => stop_list!(RU),
        Lang::Tur => stop_list!(TR),
        Lang::Ind => stop_list!(ID),
        Lang::Swe => stop_list!(SV),
        Lang::Dan => stop_list!(DA),
        Lang::Nob => stop_list!(NB),
        Lang::Fin => stop_list!(FI),
        Lang::Pol => stop_list!(PL),
        Lang::Ces => stop_list!(CS),
        Lang::Ron => stop_list!(RO),
        Lang::Hun => stop_list!(HU),
        Lang::Cat => stop_list!(CA),
        _ => return None,
    })
}

/// Share of a text's words that are stop words of `list`.
pub fn density(text: &str, list: &StopList) -> f32 {
    share(counts(text, list))
}

/// Words and stop words of `list` in a text. Counts add up over texts joined by spaces or
/// newlines, which is how a density over several lines comes from theirs.
pub fn counts(text: &str, list: &StopList) -> (usize, usize) {
    if text.is_ascii() {
        count_ascii(text.as_bytes(), list)
    } else {
        super::lines::word_tokens(text).fold((0, 0), |(n, s), w| {
            (n + 1, s + usize::from(list.contains(w)))
        })
    }
}

/// The stop-word share of [`counts`] (0 for no words).
pub fn share((words, stops): (usize, usize)) -> f32 {
    if words == 0 {
        0.0
    } else {
        stops as f32 / words as f32
    }
}

/// Words and stop words of ASCII text.
fn count_ascii(text: &[u8], list: &StopList) -> (usize, usize) {
    let (mut words, mut stops) = (0, 0);
    super::lines::for_each_ascii_word(text, |w| {
        words += 1;
        let stop = if w.len() <= 8 {
            // Packed as `pack` does, without a copy call per word.
            list.has_packed(w.iter().rev().fold(0, |k, &b| k << 8 | u64::from(b)))
        } else {
            w.len() <= list.longest && std::str::from_utf8(w).is_ok_and(|w| list.long.contains(w))
        };
        stops += usize::from(stop);
    });
    (words, stops)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_unicode_paths_agree() {
        let de = list(Lang::Deu).unwrap();
        for text in [
            "Die Regierung hat sich ÜBER einen neuen Haushalt für das Jahr geeinigt.",
            "Die Regierung hat sich UEBER einen Haushalt geeinigt, sagte er am Montag.",
            "Schlagwörter: Haushalt, Regierung",
        ] {
            let slow = word_tokens_density(text, de);
            assert!((density(text, de) - slow).abs() < 1e-6, "{text}");
        }
        let ru = list(Lang::Rus).unwrap();
        assert!(density("Это было ТОЛЬКО начало, сказал он.", ru) > 0.3);
    }

    fn word_tokens_density(text: &str, list: &StopList) -> f32 {
        let words: Vec<String> = super::super::lines::word_tokens(text)
            .map(str::to_lowercase)
            .collect();
        let stops = words
            .iter()
            .filter(|w| {
                [DE, RU]
                    .iter()
                    .flat_map(|l| l.iter())
                    .any(|s| s == w && list.contains_lower(s))
            })
            .count();
        stops as f32 / words.len() as f32
    }

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
