//! The index schema: every field name is written here once, and [`Fields`] hands out the
//! field handles by name to the rest of the program.
//!
//! Searchable text (`title`, `body`, metadata) goes through newsq's analyzers; what a hit
//! needs for display (path, title, body, metadata as JSON) is stored, and what incremental
//! runs compare (size, modification time, content hash) is kept in fast fields so a re-run
//! reads it without touching stored documents.

use tantivy::schema::{
    BytesOptions, DateOptions, FAST, Field, IndexRecordOption, NumericOptions, STORED, STRING,
    Schema, TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, TextAnalyzer, TokenFilter,
};
use tantivy::{DateTime, Index, TantivyDocument};

use super::lang::{self, Compose, FoldMarks, STEMMED, WordTokenizer};
use super::stem::CachedStemmer;
use crate::clean::Article;

/// How many languages have fields of their own ([`STEMMED`]).
pub const LANGS: usize = STEMMED.len();

/// The seconds since 1970 an indexed date can be: tantivy keeps a date as nanoseconds in an
/// `i64`, and a date outside about 1677-09-22 to 2262-04-11 would wrap around into another
/// century, to be found by the wrong date filters and sorted out of order.
pub const DATE_SECS: std::ops::RangeInclusive<i64> =
    (i64::MIN / 1_000_000_000 + 1)..=(i64::MAX / 1_000_000_000 - 1);

/// The date to index for a time, in seconds since 1970; none outside [`DATE_SECS`] (such
/// an article counts as undated to filters and sorting; its stored metadata keeps the
/// date as written).
pub fn index_date(secs: i64) -> Option<DateTime> {
    DATE_SECS
        .contains(&secs)
        .then(|| DateTime::from_timestamp_secs(secs))
}

/// A date bound for searching: times outside [`DATE_SECS`] move to its nearest end, where
/// they select the same indexed dates.
pub fn search_date(secs: i64) -> DateTime {
    DateTime::from_timestamp_secs(secs.clamp(*DATE_SECS.start(), *DATE_SECS.end()))
}

/// Name of the analyzer for story text: words, lower-cased, accents folded, English stems.
pub const TEXT_ANALYZER: &str = "newsq_en";
/// Name of the analyzer for names (authors, sources, tags): like text, without stemming.
pub const NAME_ANALYZER: &str = "newsq_name";

/// Field names as users type them in queries (`author:dikshit`).
pub mod name {
    /// The path's exact bytes: the article's identity.
    pub const PATH_RAW: &str = "path_raw";
    /// The headline.
    pub const TITLE: &str = "title";
    /// The cleaned story.
    pub const BODY: &str = "body";
    /// Lines the cleaner removed; searchable only when named (`removed:word`).
    pub const REMOVED: &str = "removed";
    /// Author names.
    pub const AUTHOR: &str = "author";
    /// Publisher or news service.
    pub const SOURCE: &str = "source";
    /// Site section.
    pub const SECTION: &str = "section";
    /// Tags.
    pub const TAG: &str = "tag";
    /// Dateline place.
    pub const PLACE: &str = "place";
    /// Publication date.
    pub const DATE: &str = "date";
    /// Body language (ISO 639-3).
    pub const LANG: &str = "lang";
    /// The body of an article in a language with its own fields (stored only: it is
    /// searched in its language's `body_xxx` field).
    pub const BODY_TEXT: &str = "body_text";
    /// Author names as written, for facets.
    pub const AUTHOR_FACET: &str = "author_facet";
    /// Source as written, for facets.
    pub const SOURCE_FACET: &str = "source_facet";
    /// Section as written, for facets.
    pub const SECTION_FACET: &str = "section_facet";
    /// Tags as written, for facets.
    pub const TAG_FACET: &str = "tag_facet";
    /// Dateline place as written, for facets.
    pub const PLACE_FACET: &str = "place_facet";
    /// MinHash signature of the body, for finding copies of one story.
    pub const MINHASH: &str = "minhash";
    /// Keys of the article's countable lines (for corpus statistics on later runs).
    pub const LINE_KEYS: &str = "line_keys";
    /// Which of the article's lines were template lines when it was cleaned (a hash).
    pub const TEMPLATE: &str = "template";
    /// Title, metadata and removed-line reports as JSON (stored only).
    pub const META: &str = "meta";
    /// File size in bytes.
    pub const SIZE: &str = "size";
    /// File modification time, ns since the epoch.
    pub const MTIME: &str = "mtime";
    /// Content hash of the file's bytes (xxh3).
    pub const HASH: &str = "hash";
}

/// Field names a query may use, with the field each stands for (aliases included).
pub const QUERY_FIELDS: &[(&str, &str)] = &[
    ("title", name::TITLE),
    ("body", name::BODY),
    ("text", name::BODY),
    ("removed", name::REMOVED),
    ("author", name::AUTHOR),
    ("authors", name::AUTHOR),
    ("by", name::AUTHOR),
    ("source", name::SOURCE),
    ("publisher", name::SOURCE),
    ("section", name::SECTION),
    ("tag", name::TAG),
    ("tags", name::TAG),
    ("place", name::PLACE),
    ("dateline", name::PLACE),
    ("lang", name::LANG),
];

/// Handles to every field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// See [`name::PATH_RAW`].
    pub path_raw: Field,
    /// See [`name::TITLE`].
    pub title: Field,
    /// See [`name::BODY`].
    pub body: Field,
    /// See [`name::REMOVED`].
    pub removed: Field,
    /// See [`name::AUTHOR`].
    pub author: Field,
    /// See [`name::SOURCE`].
    pub source: Field,
    /// See [`name::SECTION`].
    pub section: Field,
    /// See [`name::TAG`].
    pub tag: Field,
    /// See [`name::PLACE`].
    pub place: Field,
    /// See [`name::DATE`].
    pub date: Field,
    /// See [`name::LANG`].
    pub lang: Field,
    /// See [`name::BODY_TEXT`].
    pub body_text: Field,
    /// The title of articles in each language of [`STEMMED`], stemmed by its rules.
    pub lang_title: [Field; LANGS],
    /// The body of articles in each language of [`STEMMED`], stemmed by its rules.
    pub lang_body: [Field; LANGS],
    /// See [`name::META`].
    pub meta: Field,
    /// See [`name::AUTHOR_FACET`].
    pub author_facet: Field,
    /// See [`name::SOURCE_FACET`].
    pub source_facet: Field,
    /// See [`name::SECTION_FACET`].
    pub section_facet: Field,
    /// See [`name::TAG_FACET`].
    pub tag_facet: Field,
    /// See [`name::PLACE_FACET`].
    pub place_facet: Field,
    /// See [`name::MINHASH`].
    pub minhash: Field,
    /// See [`name::LINE_KEYS`].
    pub line_keys: Field,
    /// See [`name::TEMPLATE`].
    pub template: Field,
    /// See [`name::SIZE`].
    pub size: Field,
    /// See [`name::MTIME`].
    pub mtime: Field,
    /// See [`name::HASH`].
    pub hash: Field,
    /// The metadata fields no segment holds a word of (a bit per field id), found when an
    /// index is opened for searching; empty otherwise. A query leaves them out of its
    /// default fields: they cannot match, and asking tantivy for a field a segment lacks
    /// builds an empty term dictionary, a large part of a short search's start-up.
    pub without_terms: u128,
}

impl Fields {
    /// Whether `field` is known to hold no word in any segment.
    pub fn holds_no_terms(&self, field: Field) -> bool {
        field.field_id() < 128 && self.without_terms & (1 << field.field_id()) != 0
    }

    /// The languages of [`STEMMED`] some segment holds words of (by position).
    pub fn languages_present(&self) -> impl Iterator<Item = usize> + '_ {
        (0..LANGS).filter(|&i| {
            !self.holds_no_terms(self.lang_body[i]) || !self.holds_no_terms(self.lang_title[i])
        })
    }

    /// The fields a term may be absent from in every segment (checked when an index is
    /// opened for searching): the metadata fields and the languages' own.
    pub fn optional(&self) -> Vec<Field> {
        let mut out = vec![self.author, self.source, self.section, self.tag, self.place];
        out.extend(self.lang_title);
        out.extend(self.lang_body);
        out
    }
}

/// The name of language `i`'s title field.
pub fn lang_title_name(i: usize) -> String {
    format!("title_{}", STEMMED[i].code)
}

/// The name of language `i`'s body field.
pub fn lang_body_name(i: usize) -> String {
    format!("body_{}", STEMMED[i].code)
}

/// The name of language `i`'s analyzer.
pub fn lang_analyzer_name(i: usize) -> String {
    format!("newsq_{}", STEMMED[i].code)
}

fn text_options(analyzer: &str, stored: bool) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(analyzer)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let opts = TextOptions::default().set_indexing_options(indexing);
    if stored { opts.set_stored() } else { opts }
}

/// Builds the schema.
pub fn build() -> Schema {
    let mut b = Schema::builder();
    b.add_bytes_field(
        name::PATH_RAW,
        BytesOptions::default()
            .set_indexed()
            .set_stored()
            .set_fast(),
    );
    b.add_text_field(name::TITLE, text_options(TEXT_ANALYZER, true));
    b.add_text_field(name::BODY, text_options(TEXT_ANALYZER, true));
    b.add_text_field(name::REMOVED, text_options(TEXT_ANALYZER, false));
    b.add_text_field(name::AUTHOR, text_options(NAME_ANALYZER, false));
    b.add_text_field(name::SOURCE, text_options(NAME_ANALYZER, false));
    b.add_text_field(name::SECTION, text_options(NAME_ANALYZER, false));
    b.add_text_field(name::TAG, text_options(NAME_ANALYZER, false));
    b.add_text_field(name::PLACE, text_options(NAME_ANALYZER, false));
    b.add_date_field(name::DATE, DateOptions::default().set_indexed().set_fast());
    b.add_text_field(name::LANG, STRING | FAST);
    b.add_text_field(name::BODY_TEXT, STORED);
    for i in 0..LANGS {
        let analyzer = lang_analyzer_name(i);
        b.add_text_field(&lang_title_name(i), text_options(&analyzer, false));
        b.add_text_field(&lang_body_name(i), text_options(&analyzer, false));
    }
    b.add_text_field(name::META, STORED);
    for facet in [
        name::AUTHOR_FACET,
        name::SOURCE_FACET,
        name::SECTION_FACET,
        name::TAG_FACET,
        name::PLACE_FACET,
    ] {
        b.add_text_field(facet, STRING | FAST);
    }
    b.add_bytes_field(name::MINHASH, BytesOptions::default().set_fast());
    b.add_bytes_field(name::LINE_KEYS, BytesOptions::default().set_fast());
    b.add_u64_field(name::TEMPLATE, NumericOptions::default().set_fast());
    b.add_u64_field(name::SIZE, NumericOptions::default().set_fast());
    b.add_i64_field(name::MTIME, NumericOptions::default().set_fast());
    b.add_u64_field(name::HASH, NumericOptions::default().set_fast());
    b.build()
}

impl Fields {
    /// Looks up every field in `schema`; fails when the schema is not newsq's.
    pub fn new(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |n: &str| schema.get_field(n);
        let each = |name: fn(usize) -> String| -> tantivy::Result<[Field; LANGS]> {
            let mut out = [Field::from_field_id(0); LANGS];
            for (i, slot) in out.iter_mut().enumerate() {
                *slot = schema.get_field(&name(i))?;
            }
            Ok(out)
        };
        Ok(Fields {
            path_raw: f(name::PATH_RAW)?,
            title: f(name::TITLE)?,
            body: f(name::BODY)?,
            removed: f(name::REMOVED)?,
            author: f(name::AUTHOR)?,
            source: f(name::SOURCE)?,
            section: f(name::SECTION)?,
            tag: f(name::TAG)?,
            place: f(name::PLACE)?,
            date: f(name::DATE)?,
            lang: f(name::LANG)?,
            body_text: f(name::BODY_TEXT)?,
            lang_title: each(lang_title_name)?,
            lang_body: each(lang_body_name)?,
            meta: f(name::META)?,
            author_facet: f(name::AUTHOR_FACET)?,
            source_facet: f(name::SOURCE_FACET)?,
            section_facet: f(name::SECTION_FACET)?,
            tag_facet: f(name::TAG_FACET)?,
            place_facet: f(name::PLACE_FACET)?,
            minhash: f(name::MINHASH)?,
            line_keys: f(name::LINE_KEYS)?,
            template: f(name::TEMPLATE)?,
            size: f(name::SIZE)?,
            mtime: f(name::MTIME)?,
            hash: f(name::HASH)?,
            without_terms: 0,
        })
    }
}

/// Words of this many bytes or more are not indexed: they are hashes, URLs or glued
/// junk, never words a reader searches for.
pub const MAX_WORD_BYTES: usize = 40;

/// The analyzer for story text (English, and every language without fields of its own).
pub fn text_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        // The length limit is on the word as written, which the highlighter also sees.
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(Compose)
        .filter(LowerCaser)
        .filter(FoldMarks)
        .filter(AsciiFoldingFilter)
        .filter(CachedStemmer::default())
        .build()
}

/// The analyzer for story text in language `i` of [`STEMMED`]: stemmed by its rules
/// before folding, since stemmers read accents (`é`, `ä`, `й`).
pub fn lang_analyzer(i: usize) -> TextAnalyzer {
    // The length limit is on the word as written, which the highlighter also sees.
    stemmed_by(
        i,
        RemoveLongFilter::limit(MAX_WORD_BYTES).transform(WordTokenizer::default()),
    )
}

/// `tokenizer`'s words composed, lower-cased, stemmed by language `i`'s rules and folded.
fn stemmed_by<T: tantivy::tokenizer::Tokenizer>(i: usize, tokenizer: T) -> TextAnalyzer {
    TextAnalyzer::builder(tokenizer)
        .filter(Compose)
        .filter(LowerCaser)
        .filter(CachedStemmer::new(STEMMED[i].algorithm))
        .filter(FoldMarks)
        .filter(AsciiFoldingFilter)
        .build()
}

/// The analyzer for story text in language `lang` (an index into [`STEMMED`]; `None` for
/// English and the languages without fields of their own).
pub fn analyzer_for(lang: Option<usize>) -> TextAnalyzer {
    lang.map_or_else(text_analyzer, lang_analyzer)
}

/// The language of [`STEMMED`] an article with detected language `code` is indexed in.
pub fn article_language(code: Option<&str>) -> Option<usize> {
    code.and_then(lang::stemmed)
}

/// Stems one already lower-cased, folded word, as [`text_analyzer`] would.
pub fn word_stemmer() -> TextAnalyzer {
    TextAnalyzer::builder(tantivy::tokenizer::RawTokenizer::default())
        .filter(CachedStemmer::default())
        .build()
}

/// Stems one word as written (any case, accents) as [`lang_analyzer`] would.
pub fn lang_word_stemmer(i: usize) -> TextAnalyzer {
    stemmed_by(i, tantivy::tokenizer::RawTokenizer::default())
}

/// The analyzer for names and tags.
pub fn name_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(WordTokenizer::default())
        // The length limit is on the word as written, which the highlighter also sees.
        .filter(RemoveLongFilter::limit(MAX_WORD_BYTES))
        .filter(Compose)
        .filter(LowerCaser)
        .filter(FoldMarks)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Registers newsq's analyzers with an index (needed each time one is opened).
pub fn register_analyzers(index: &Index) {
    index.tokenizers().register(TEXT_ANALYZER, text_analyzer());
    index.tokenizers().register(NAME_ANALYZER, name_analyzer());
    for i in 0..LANGS {
        index
            .tokenizers()
            .register(&lang_analyzer_name(i), lang_analyzer(i));
    }
}

/// File facts stored with each article, for incremental runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileFacts {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, ns since the epoch.
    pub mtime_ns: i64,
    /// xxh3 of the content.
    pub hash: u64,
    /// Keys of the countable lines (see `clean::LineCounter::keys`).
    pub line_keys: Vec<u64>,
    /// Which of them were template lines when the article was cleaned.
    pub template: u64,
}

impl Fields {
    /// Turns a cleaned article into a tantivy document.
    pub fn document(
        &self,
        path_raw: &[u8],
        article: &Article,
        facts: &FileFacts,
        encoding: Option<&str>,
    ) -> TantivyDocument {
        self.document_with_url(path_raw, article, facts, encoding, None)
    }

    /// Turns a cleaned article into a tantivy document, with the web address its record,
    /// page or sidecar gave.
    pub fn document_with_url(
        &self,
        path_raw: &[u8],
        article: &Article,
        facts: &FileFacts,
        encoding: Option<&str>,
        url: Option<&str>,
    ) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_bytes(self.path_raw, path_raw);
        let body = article.body();
        // An article in a language with fields of its own is searched there alone, so
        // that no other language's stems meet its words.
        match article_language(article.meta.lang.as_deref()) {
            Some(l) => {
                if let Some(t) = &article.title {
                    doc.add_text(self.lang_title[l], t);
                }
                doc.add_text(self.lang_body[l], &body);
                doc.add_text(self.body_text, &body);
            }
            None => {
                if let Some(t) = &article.title {
                    doc.add_text(self.title, t);
                }
                doc.add_text(self.body, &body);
            }
        }
        let removed: Vec<(usize, String, String)> = article
            .removed()
            .map(|l| (l.no, l.rule.id().to_owned(), l.text.clone()))
            .collect();
        for (_, _, text) in &removed {
            doc.add_text(self.removed, text);
        }
        let m = &article.meta;
        for a in &m.authors {
            doc.add_text(self.author, a);
            doc.add_text(self.author_facet, a);
        }
        if let Some(s) = &m.source {
            doc.add_text(self.source, s);
            doc.add_text(self.source_facet, s);
        }
        if let Some(s) = &m.section {
            doc.add_text(self.section, s);
            doc.add_text(self.section_facet, s);
        }
        for t in &m.tags {
            doc.add_text(self.tag, t);
            doc.add_text(self.tag_facet, t);
        }
        if let Some(p) = m.dateline.as_ref().and_then(|d| d.place.as_ref()) {
            doc.add_text(self.place, p);
            doc.add_text(self.place_facet, p);
        }
        let sig = crate::clean::minhash(&body);
        doc.add_bytes(self.minhash, &crate::clean::signature_bytes(&sig));
        if let Some(d) = m.date
            && let Ok(ts) = d.to_zoned(jiff::tz::TimeZone::UTC).map(|z| z.timestamp())
            && let Some(date) = index_date(ts.as_second())
        {
            doc.add_date(self.date, date);
        }
        if let Some(l) = &m.lang {
            doc.add_text(self.lang, l);
        }
        let stored = super::store::Stored {
            title: article.title.clone(),
            meta: m.clone(),
            removed_lines: removed.len(),
            removed,
            encoding: encoding.map(str::to_owned),
            url: url.map(str::to_owned),
        };
        doc.add_text(self.meta, super::store::encode(stored));
        doc.add_u64(self.size, facts.size);
        doc.add_i64(self.mtime, facts.mtime_ns);
        doc.add_u64(self.hash, facts.hash);
        let keys: Vec<u8> = facts
            .line_keys
            .iter()
            .flat_map(|k| k.to_le_bytes())
            .collect();
        doc.add_bytes(self.line_keys, &keys);
        doc.add_u64(self.template, facts.template);
        doc
    }
}
