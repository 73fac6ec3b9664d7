//! Command-line definitions (clap derive). Only what the user types lives here; the
//! commands in `cmd/` turn it into work.

use std::path::PathBuf;
use std::sync::LazyLock;

use clap::{Args, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Examples:
  newsq index corpus/                      index a folder (again: only changes are read)
  newsq search \"Harbin expo\"               best articles first, best passages highlighted
  newsq search --json Putin | jq -r .path  one JSON object per hit
  newsq search -l '\"joint statement\"' | xargs -d '\\n' wc -w
  newsq clean --explain article.txt        what the cleaner keeps and removes, and why
  newsq stats                              what is indexed: sources, dates, boilerplate
  newsq completions bash > ~/.local/share/bash-completion/completions/newsq

Exit status: 0 when something was found (or done), 1 when nothing was (no match, or none
past --offset), 2 on error.";

const INDEX_HELP: &str = "\
Examples:
  newsq index corpus/                       text, HTML and JSON files, .gz too; again: only changes
  newsq index dump.jsonl.gz                 one article per JSON object (paths: dump.jsonl.gz:LINE)
  newsq index --field text=story --field title=hed feed.jsonl    other key names
  newsq index --records-at response.results api-dump.json       records inside a response
  newsq index                               walk again what was indexed before
  newsq index --rebuild corpus/             build again from scratch
  newsq --index /data/news-index index corpus/

Input: .txt/.md (one article), .html/.htm (one article, main text extracted), .json, .jsonl,
.ndjson (one article per object), and .gz of any of them. Files named on the command line are
read whatever their extension, by content.";

const SEARCH_HELP: &str = "\
Examples:
  newsq search harbor strike                 all words (stemmed)
  newsq search --any harbor strike           any of the words, best first
  newsq search '\"dock workers\" -Portsmouth'  a phrase, without a word
  newsq search 'author:roe tag:shipping'     a field (see QUERY above for all of them)
  newsq search --path bbc/ oil               only the articles under bbc/ (or a glob: 'bbc/*sport*')
  newsq search --since 2024-05 --sort date strike     from May 2024 on, newest first
  newsq search --since 30d strike            the last 30 days (also 2w, 3m, 1y)
  newsq search -l strike | xargs -d '\\n' wc -w
  newsq search --json strike | jq -r .path
  newsq search --csv -n 100 strike > hits.csv";

const SHOW_HELP: &str = "\
Examples:
  newsq show corpus/a.txt
  newsq show dump.jsonl:12          the record whose object starts on line 12
  newsq show --json corpus/a.txt | jq .metadata";

const CLEAN_HELP: &str = "\
Examples:
  newsq clean article.txt                 the cleaned body, one paragraph per line
  newsq clean --explain page.html         every line: kept or removed, rule, evidence
  newsq clean --out cleaned/ corpus/*.txt";

const FACETS_HELP: &str = "\
Examples:
  newsq facets source
  newsq facets year strike               for the articles a query matches (all its words)
  newsq facets --path bbc/ source        for the articles under a folder
  newsq facets --json -n 5 author
  newsq facets --csv tag > tags.csv";

const TIMELINE_HELP: &str = "\
Examples:
  newsq timeline \"euro zone\"                 stories a month (copies folded), with the peak
  newsq timeline --by week --since 2010-04 --until 2010-07 greece
  newsq timeline --split source --top 3 strike   one column of bars per source
  newsq timeline --first \"Harbin expo\"         who ran each story first, and who followed
  newsq timeline --json bailout | jq -r 'select(.type==\"bucket\") | [.label,.stories] | @tsv'

Stories count in the period of their earliest dated copy; `share` is the matching articles
against all dated articles of the period (that pass the filters), so a corpus that grows
does not look like growing coverage. Dates are the calendar days the articles carry
(copies of one day are in path order). The jump is the period whose share rose most above
the mean of the (up to) three periods before it, with at least 3 stories and more than
those periods averaged. With --split a story counts once in each series that ran a copy,
so the series may add up to more than the stories. With filters, --first names the first
copy among the filtered articles.";

const TERMS_HELP: &str = "\
Examples:
  newsq terms \"euro zone\" --since 2010-05 --until 2010-06
  newsq terms --json -n 50 strike

Scores are JLH (Elasticsearch's significant_terms default): (fg - bg) * fg / bg, with fg the
share of the matching stories holding a word (copies folded) and bg its share of the index.";

const SIMILAR_HELP: &str = "\
Examples:
  newsq similar corpus/a.txt
  newsq similar -l dump.jsonl:12";

const EXPORT_HELP: &str = "\
Examples:
  newsq export > articles.ndjson                            one flat JSON document per article
  newsq export --format es-bulk --index-name news | curl -s -H 'Content-Type: application/x-ndjson' --data-binary @- localhost:9200/_bulk
  newsq export --quickwit-config --index-name news > news.yaml
  quickwit index create --index-config news.yaml && quickwit index ingest --index news --input-path articles.ndjson

Fields: id path url title body authors source section tags place dateline date (RFC 3339)
date_source lang encoding removed_lines removed removed_rules; fields without a value are
left out. `newsq index` reads the export back as JSON lines.";

const PRUNE_HELP: &str = "\
Examples:
  newsq prune                    drop the articles whose files are gone
  newsq prune --dry-run          list them, change nothing
  mv corpus news && newsq index news && newsq prune";

const CHECK_HELP: &str = "\
Examples:
  newsq check
  newsq check || newsq index --rebuild

Checks that every file of the index is there and holds its checksum, that newsq.json reads,
and that every stored article has a path and metadata. Exit status: 0 when the index is
sound, 2 when it is damaged (the message says how to rebuild it) or cannot be checked.";

const STATS_HELP: &str = "\
Examples:
  newsq stats
  newsq stats --json | jq .sources
  newsq stats --csv                    one row, a column per number
  newsq stats -n 20                    the top 20 sources and rules";

const SERVE_HELP: &str = "\
Examples:
  newsq serve                              http://127.0.0.1:8080/ on this machine only
  newsq serve --addr 127.0.0.1:9000        another port
  newsq serve --addr 0.0.0.0:8080          every interface: colleagues on the network too
  curl -s 'http://127.0.0.1:8080/api/search?q=Harbin+expo' | jq -r .path

The server is read-only: it never takes the writer lock, and shows what `newsq index`
commits while it runs. The JSON API (/api/search, /api/facets, /api/timeline,
/api/article) writes exactly what the CLI's --json writes; the README lists it.";

const COMPLETIONS_HELP: &str = "\
Examples:
  newsq completions bash > ~/.local/share/bash-completion/completions/newsq
  newsq completions zsh > ~/.zfunc/_newsq          (with fpath+=~/.zfunc in ~/.zshrc)
  newsq completions fish > ~/.config/fish/completions/newsq.fish
  newsq completions powershell >> $PROFILE";

const MAN_HELP: &str = "\
Examples:
  newsq man | man -l -
  newsq man --out ~/.local/share/man/man1     newsq.1 and one page per subcommand";

/// The help of `search`'s QUERY: the syntax and every field a query may name, aliases
/// included, from the schema's own list.
static QUERY_HELP: LazyLock<String> =
    LazyLock::new(|| query_help("all required; --any: any of them"));

/// The query's help for the verbs that count what it matches (every word required).
static COUNT_QUERY_HELP: LazyLock<String> = LazyLock::new(|| query_help("all required"));

fn query_help(words: &str) -> String {
    let mut fields: Vec<String> = Vec::new();
    for (alias, field) in newsq::index::schema::QUERY_FIELDS {
        if alias == field {
            let aliases: Vec<&str> = newsq::index::schema::QUERY_FIELDS
                .iter()
                .filter(|(a, f)| f == field && a != f)
                .map(|(a, _)| *a)
                .collect();
            fields.push(if aliases.is_empty() {
                (*field).to_owned()
            } else {
                format!("{field} ({})", aliases.join(", "))
            });
        }
    }
    format!(
        "The query: words ({words}), \"phrases\", AND/OR/NOT, +word, \
         -word, word*, word~, field:word. Fields: {}, date (date:2024, date:2024-05, \
         date:[2024-01 TO 2024-06]), path (path:bbc/, path:bbc/*sport*, -path:bbc/; as \
         --path).",
        fields.join(", ")
    )
}

/// The version line: the program's version and the index format it reads and writes.
static VERSION: LazyLock<String> = LazyLock::new(|| {
    format!(
        "{} (index format {})",
        env!("CARGO_PKG_VERSION"),
        newsq::index::FORMAT_VERSION
    )
});

/// Search engine for folders of scraped news articles.
///
/// newsq reads articles (plain text, HTML pages, JSON and JSON lines as scrapers and
/// datasets write them, gzip-compressed or not), strips the boilerplate scrapers leave in
/// them (author blurbs, "READ MORE" links, share prompts, hashtag lines, recent-post
/// lists), extracts title, byline, source, dateline and tags, and builds a tantivy index
/// to search with ranked, highlighted passages.
#[derive(Debug, Parser)]
#[command(name = "newsq", version = VERSION.as_str(), about, long_about, after_help = AFTER_HELP)]
pub struct Cli {
    /// The index folder.
    #[arg(
        long,
        global = true,
        env = "NEWSQ_INDEX",
        default_value = "index",
        value_name = "DIR"
    )]
    pub index: PathBuf,

    /// When to use colours: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read, clean and index articles (text, HTML, JSON, JSON lines, .gz; folders are
    /// walked).
    #[command(after_help = INDEX_HELP)]
    Index(IndexArgs),
    /// Search the index: best articles first, with highlighted passages.
    #[command(after_help = SEARCH_HELP)]
    Search(SearchArgs),
    /// Print one indexed article as cleaned, with its metadata.
    #[command(after_help = SHOW_HELP)]
    Show(ShowArgs),
    /// Clean articles without indexing them: the story text, one paragraph per line.
    #[command(after_help = CLEAN_HELP)]
    Clean(CleanArgs),
    /// List the values of a metadata field with their article counts.
    #[command(after_help = FACETS_HELP)]
    Facets(FacetsArgs),
    /// Coverage over time: stories and articles per day, week, month or year, the peak,
    /// when coverage jumped, and who ran each story first.
    #[command(after_help = TIMELINE_HELP)]
    Timeline(TimelineArgs),
    /// The words most over-represented in the stories a query matches.
    #[command(after_help = TERMS_HELP)]
    Terms(TermsArgs),
    /// List the indexed articles most like a given one.
    #[command(after_help = SIMILAR_HELP)]
    Similar(SimilarArgs),
    /// Write every indexed article, cleaned, with its metadata (NDJSON, Elasticsearch
    /// bulk), or a Quickwit index config for them.
    #[command(after_help = EXPORT_HELP)]
    Export(ExportArgs),
    /// Summarise the index: articles, sources, dates, languages, size, boilerplate removed.
    #[command(after_help = STATS_HELP)]
    Stats(StatsArgs),
    /// Drop the articles whose files no longer exist, wherever they were indexed from.
    #[command(after_help = PRUNE_HELP)]
    Prune(PruneArgs),
    /// Verify the index: its files' checksums, newsq's state file, the stored articles.
    #[command(after_help = CHECK_HELP)]
    Check,
    /// Serve the same search as a local web page and JSON API (read-only).
    #[command(after_help = SERVE_HELP)]
    Serve(ServeArgs),
    /// Print a shell completion script.
    #[command(after_help = COMPLETIONS_HELP)]
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one page per command.
    #[command(after_help = MAN_HELP)]
    Man(ManArgs),
}

/// The formats of `newsq export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One JSON document per line.
    Ndjson,
    /// An Elasticsearch / OpenSearch `_bulk` body: an action line, then the document.
    EsBulk,
}

/// `newsq export`
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write here instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// The output format.
    #[arg(long, value_enum, default_value_t = ExportFormat::Ndjson, value_name = "FORMAT")]
    pub format: ExportFormat,

    /// The index name in Elasticsearch bulk actions and the Quickwit config.
    #[arg(long, default_value = "newsq", value_name = "NAME")]
    pub index_name: String,

    /// Write a Quickwit index config (YAML) whose fields match the export, instead of the
    /// articles.
    #[arg(long, conflicts_with = "format")]
    pub quickwit_config: bool,
}

/// `newsq serve`
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on. The default answers this machine only; any other
    /// address must be given here, and opens the index to whoever reaches it.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "IP:PORT")]
    pub addr: std::net::SocketAddr,

    /// Threads answering requests (a slow query holds one; the others go on).
    #[arg(long, default_value_t = 8, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub threads: u16,
}

/// `newsq stats`
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print one JSON object.
    #[arg(long, conflicts_with_all = ["csv", "tsv"])]
    pub json: bool,

    /// A CSV table (RFC 4180): a header row and one row of numbers (lists as
    /// `value (count)` joined with `; `).
    #[arg(long, conflicts_with = "tsv")]
    pub csv: bool,

    /// A tab-separated table, as --csv.
    #[arg(long)]
    pub tsv: bool,

    /// List this many sources, languages and removal rules.
    #[arg(short = 'n', long, default_value_t = 10, value_name = "N")]
    pub top: usize,

    /// Also count the stories the articles tell (copies of one story once), or not.
    #[arg(long, value_enum, default_value_t = CopiesArg::Fold, value_name = "HOW")]
    pub copies: CopiesArg,
}

/// `newsq prune`
#[derive(Debug, Args)]
pub struct PruneArgs {
    /// List the articles that would be dropped (one path per line), and change nothing.
    #[arg(short = 'n', long)]
    pub dry_run: bool,
}

/// `newsq completions`
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

/// `newsq man`
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write newsq.1 and newsq-COMMAND.1 pages into this folder instead of printing the
    /// main page.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// Filters on metadata, shared by `search` and `facets`.
#[derive(Debug, Args, Clone, Default)]
pub struct FilterArgs {
    /// Only articles from this source (all its words, in order; repeat for any of several).
    #[arg(long, value_name = "NAME")]
    pub source: Vec<String>,

    /// Only articles by this author.
    #[arg(long, value_name = "NAME")]
    pub author: Vec<String>,

    /// Only articles with this tag.
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,

    /// Only articles in this section.
    #[arg(long, value_name = "NAME")]
    pub section: Vec<String>,

    /// Only articles in this language, as detected (fr or fra, de, ru, zh, ...; repeat
    /// for any of several): the query's words are then stemmed by its rules alone.
    #[arg(long, value_name = "CODE")]
    pub lang: Vec<String>,

    /// Only articles published on or after this date: a year (2024), a month (2024-05),
    /// a day (2024-05-17), or a span back from today (7d, 2w, 3m, 1y); undated ones are
    /// left out.
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    pub since: Option<jiff::civil::Date>,

    /// Only articles published on or before this date: a year (to its last day), a
    /// month, a day, or a span back from today (7d, 2w, 3m, 1y); undated ones are left
    /// out.
    #[arg(long, value_name = "DATE", value_parser = parse_until)]
    pub until: Option<jiff::civil::Date>,

    /// Only articles under this folder or matching this glob, relative to the current
    /// folder as paths are shown (bbc/, 'bbc/*sport*', '**/2024-*.txt'; repeat for any
    /// of several).
    #[arg(long = "path", value_name = "GLOB")]
    pub paths: Vec<String>,
}

/// The order of search hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortBy {
    /// Best match first.
    Relevance,
    /// Newest first (undated articles last).
    Date,
}

/// `newsq facets`
#[derive(Debug, Args)]
pub struct FacetsArgs {
    /// The field: source, author, tag, section, place, lang or year.
    #[arg(value_name = "FIELD")]
    pub field: String,

    /// Count only the articles matching this query.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,

    /// Show at most this many values.
    #[arg(short = 'n', long, value_name = "N")]
    pub limit: Option<usize>,

    /// Count stories (copies of one story once; for years, the year of the first copy)
    /// or articles.
    #[arg(long, value_enum, default_value_t = CopiesArg::Fold, value_name = "HOW")]
    pub copies: CopiesArg,

    /// One JSON object per value: {"count": ..., "value": ..., "unit": "stories" or
    /// "articles"}.
    #[arg(long, conflicts_with_all = ["csv", "tsv"])]
    pub json: bool,

    /// A CSV table (RFC 4180): a header row, then value,count rows.
    #[arg(long, conflicts_with = "tsv")]
    pub csv: bool,

    /// A tab-separated table, as --csv.
    #[arg(long)]
    pub tsv: bool,

    #[command(flatten)]
    pub filters: FilterArgs,
}

/// Whether copies of one story count once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum CopiesArg {
    /// Copies of one story count once: numbers are stories.
    #[default]
    Fold,
    /// Every article counts: numbers are articles.
    All,
}

/// The length of a timeline's periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ByArg {
    /// Chosen from the span of the matches: days up to two months, weeks up to two
    /// years, months up to thirty years, years beyond.
    #[default]
    Auto,
    /// Calendar days.
    Day,
    /// ISO weeks (Monday to Sunday, labelled 2020-W53).
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// What a timeline splits into series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SplitArg {
    /// Publisher.
    Source,
    /// Author.
    Author,
    /// Site section.
    Section,
    /// Tag.
    Tag,
    /// Body language.
    Lang,
    /// Dateline place.
    Place,
}

/// `newsq timeline`
#[derive(Debug, Args)]
pub struct TimelineArgs {
    #[arg(value_name = "QUERY", required = true, num_args = 1.., help = COUNT_QUERY_HELP.as_str())]
    pub query: Vec<String>,

    /// The length of a period.
    #[arg(long, value_enum, default_value_t = ByArg::Auto, value_name = "PERIOD")]
    pub by: ByArg,

    /// One series per value of this field (the --top values with most stories, the rest
    /// as "other").
    #[arg(long, value_enum, value_name = "FIELD")]
    pub split: Option<SplitArg>,

    /// Series shown with --split (at least 1).
    #[arg(long, default_value_t = 4, value_name = "N", requires = "split", value_parser = clap::value_parser!(u16).range(1..))]
    pub top: u16,

    /// List each story's first dated copy and the sources that followed it, earliest
    /// story first, instead of the chart.
    #[arg(long, conflicts_with = "split")]
    pub first: bool,

    /// With --first, list at most this many stories.
    #[arg(
        short = 'n',
        long,
        default_value_t = 20,
        value_name = "N",
        requires = "first",
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    pub limit: u32,

    /// Whether copies of one story count once (stories) or each (articles).
    #[arg(long, value_enum, default_value_t = CopiesArg::Fold, value_name = "HOW")]
    pub copies: CopiesArg,

    /// One JSON object per line: a "bucket" per period, then "undated", then "summary"
    /// (with --first: a "story" per story).
    #[arg(long, conflicts_with_all = ["csv", "tsv"])]
    pub json: bool,

    /// A CSV table (RFC 4180): a header row, then one row per period (per period and
    /// series with --split; per story with --first).
    #[arg(long, conflicts_with = "tsv")]
    pub csv: bool,

    /// A tab-separated table, as --csv.
    #[arg(long)]
    pub tsv: bool,

    #[command(flatten)]
    pub filters: FilterArgs,
}

/// `newsq terms`
#[derive(Debug, Args)]
pub struct TermsArgs {
    #[arg(value_name = "QUERY", required = true, num_args = 1.., help = COUNT_QUERY_HELP.as_str())]
    pub query: Vec<String>,

    /// Show at most this many terms.
    #[arg(short = 'n', long, default_value_t = 20, value_name = "N")]
    pub limit: usize,

    /// Whether copies of one story count once (stories) or each (articles).
    #[arg(long, value_enum, default_value_t = CopiesArg::Fold, value_name = "HOW")]
    pub copies: CopiesArg,

    /// One JSON object per term: {"term", "score", "stories", "corpus"}.
    #[arg(long, conflicts_with_all = ["csv", "tsv"])]
    pub json: bool,

    /// A CSV table (RFC 4180): term,score,stories,corpus rows.
    #[arg(long, conflicts_with = "tsv")]
    pub csv: bool,

    /// A tab-separated table, as --csv.
    #[arg(long)]
    pub tsv: bool,

    #[command(flatten)]
    pub filters: FilterArgs,
}

/// `newsq similar`
#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// The indexed article to find others like.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,

    /// Show at most this many articles.
    #[arg(short = 'n', long, default_value_t = 10, value_name = "N")]
    pub limit: usize,

    /// One JSON object per article (as `search --json`).
    #[arg(long, conflicts_with = "files_with_matches")]
    pub json: bool,

    /// Print only paths.
    #[arg(short = 'l', long)]
    pub files_with_matches: bool,
}

/// `newsq index`
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files and folders to index. Folders are walked recursively; hidden entries are
    /// skipped. With none, those indexed before are walked again (articles whose files
    /// are gone are deleted).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Follow symbolic links (loops are detected and skipped).
    #[arg(short = 'L', long)]
    pub follow: bool,

    /// Work on at most N threads (default: one per core). Half index and half read and
    /// clean, so -j 1 still indexes on one thread beside one that cleans.
    #[arg(short = 'j', long = "threads", value_name = "N", value_parser = clap::value_parser!(u64).range(1..=256))]
    pub threads: Option<u64>,

    /// Skip files larger than this many bytes (suffixes K, M, G allowed).
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Build the index again from scratch: every file is read again, and the old
    /// articles stay searchable until the new ones are committed (an interrupted rebuild
    /// leaves the index as it was).
    #[arg(long)]
    pub rebuild: bool,

    /// Print nothing but errors (no progress bar, no summary).
    #[arg(short, long)]
    pub quiet: bool,

    /// Commit after this many articles, so a long run that is interrupted keeps its
    /// progress (a --rebuild commits once, at the end).
    #[arg(long, value_name = "N", default_value_t = 50_000, value_parser = clap::value_parser!(u64).range(1..))]
    pub commit_every: u64,

    /// Read a field of JSON records from this key instead of the usual names (repeat; a
    /// dotted key reaches into objects: source=source.name). Fields: title, text,
    /// authors, date, source, section, tags, url, dateline, place, removed. Changing it?
    /// Use --rebuild: unchanged files are not read again.
    #[arg(long = "field", value_name = "FIELD=KEY", value_parser = parse_field)]
    pub fields: Vec<(String, String)>,

    /// In a JSON object that wraps its records (an API response), the key of the array
    /// that holds them (a dotted key reaches into objects: response.results). Without it,
    /// the one array of article objects is found. --field keys are then read in each
    /// record (text=articles.content is each article's content).
    #[arg(long, value_name = "KEY", value_parser = parse_key)]
    pub records_at: Option<String>,
}

/// `newsq search`
#[derive(Debug, Args)]
pub struct SearchArgs {
    #[arg(value_name = "QUERY", required = true, num_args = 1.., help = QUERY_HELP.as_str())]
    pub query: Vec<String>,

    /// Show (with -c: count) at most this many articles [default: 10; with -l or -c: all].
    #[arg(short = 'n', long, value_name = "N")]
    pub limit: Option<usize>,

    /// Skip this many articles first (for paging).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,

    /// Show up to this many passages per article.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub passages: usize,

    /// One JSON object per hit, one per line (see README: Output formats).
    #[arg(long, conflicts_with_all = ["files_with_matches", "count", "csv", "tsv"])]
    pub json: bool,

    /// With --json, end with a summary object: {"type":"summary", "total", "shown",
    /// "folded", ...}.
    #[arg(long, requires = "json")]
    pub stats: bool,

    /// A CSV table (RFC 4180), a header row then one row per hit, with the JSON's flat
    /// fields as columns (lists joined with "; ").
    #[arg(long, conflicts_with_all = ["files_with_matches", "count", "tsv"])]
    pub csv: bool,

    /// A tab-separated table, as --csv (tabs and line breaks in values as \t, \n).
    #[arg(long, conflicts_with_all = ["files_with_matches", "count"])]
    pub tsv: bool,

    /// Print only the paths of matching articles, one per line.
    #[arg(short = 'l', long, conflicts_with = "count")]
    pub files_with_matches: bool,

    /// Print only the number of matching articles.
    #[arg(short = 'c', long)]
    pub count: bool,

    /// Match articles holding any of the words (best first), not all of them; JSON and
    /// tables mark the hits that lack some (`relaxed`).
    #[arg(long)]
    pub any: bool,

    /// With -l, end each path with a NUL byte instead of a newline (for xargs -0).
    #[arg(short = '0', long, requires = "files_with_matches")]
    pub null: bool,

    /// Also search the lines the cleaner removed as boilerplate.
    #[arg(long)]
    pub removed: bool,

    /// Treat any query syntax problem as an error instead of reading the query leniently,
    /// and never show articles holding only some of the words.
    #[arg(long)]
    pub strict: bool,

    /// Order of hits.
    #[arg(long, value_enum, default_value_t = SortBy::Relevance, value_name = "ORDER")]
    pub sort: SortBy,

    /// Show every copy of a story instead of folding copies under the best-ranked one.
    #[arg(long)]
    pub all: bool,

    #[command(flatten)]
    pub filters: FilterArgs,
}

/// `newsq show`
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article's path, as indexed.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,

    /// Print the article as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// `newsq clean`
#[derive(Debug, Args)]
pub struct CleanArgs {
    /// Article files to clean.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    /// Write each cleaned body to DIR/<file name> instead of standard output.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// List every line with its verdict (kept, removed, metadata), the rule that decided
    /// and the evidence, instead of printing the body.
    #[arg(long)]
    pub explain: bool,
}

/// Parses `FIELD=KEY` for `--field`.
fn parse_field(s: &str) -> Result<(String, String), String> {
    let (field, key) = s
        .split_once('=')
        .ok_or_else(|| format!("{s:?} is not FIELD=KEY (example: text=story)"))?;
    let field = field.trim().to_ascii_lowercase();
    newsq::corpus::FieldMap::with_overrides(&[(field.clone(), key.to_owned())])?;
    if key.trim().is_empty() {
        return Err(format!("{s:?} names no key (example: text=story)"));
    }
    Ok((field, key.trim().to_owned()))
}

/// Parses a JSON key (`--records-at`).
fn parse_key(s: &str) -> Result<String, String> {
    let key = s.trim();
    if key.is_empty() || key.split('.').any(str::is_empty) {
        return Err(format!(
            "{s:?} is not a key (examples: articles, response.results)"
        ));
    }
    Ok(key.to_owned())
}

/// Parses `--since`: the first day of a year, month or day, or the day a span back
/// from today.
fn parse_since(s: &str) -> Result<jiff::civil::Date, String> {
    newsq::search::query::date_bound(s, false, today())
}

/// Parses `--until`: the last day of a year, month or day, or the day a span back from
/// today.
fn parse_until(s: &str) -> Result<jiff::civil::Date, String> {
    newsq::search::query::date_bound(s, true, today())
}

/// Today, in the local time zone (a span such as `7d` counts back from it).
fn today() -> jiff::civil::Date {
    jiff::Zoned::now().date()
}

/// Parses sizes such as `1048576`, `64M`, `2G`, `500k`.
fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, mult) = match s.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let mult = match c.to_ascii_uppercase() {
                'K' => 1 << 10,
                'M' => 1 << 20,
                'G' => 1 << 30,
                'B' => 1,
                _ => return Err(format!("unknown size suffix {c:?} (use K, M or G)")),
            };
            (&s[..i], mult)
        }
        _ => (s, 1),
    };
    let n: u64 = num
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a size (examples: 1000000, 500K, 64M, 2G)"))?;
    n.checked_mul(mult)
        .ok_or_else(|| format!("{s:?} is too large"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    #[test]
    fn version_names_the_index_format() {
        let v = Cli::command().render_version();
        assert!(
            v.contains(&format!("index format {}", newsq::index::FORMAT_VERSION)),
            "{v}"
        );
    }

    #[test]
    fn fields() {
        assert_eq!(
            parse_field("Text=story"),
            Ok(("text".into(), "story".into()))
        );
        assert!(parse_field("colour=x").is_err());
        assert!(parse_field("text").is_err());
        assert!(parse_field("text= ").is_err());
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("500k"), Ok(500 << 10));
        assert_eq!(parse_size("12"), Ok(12));
        assert!(parse_size("12X").is_err());
        assert!(parse_size("abc").is_err());
    }
}
