//! Integration tests: they drive the built `newsq` binary on real files in temporary
//! folders. All modules build into this one test binary (faster to link).

// The harness: temp folders, running newsq, reading its output.
mod util;
// Generated corpora for the incremental and crash tests.
mod corpus_gen;

// The Quick start: `newsq index corpus/` then `newsq search "Harbin expo"`, and the seeds.
mod quickstart;
// Search output formats, exit codes, query syntax and leniency.
mod search;
// Filters, dates, sorting, facets, copies, similar articles, suggestions.
mod features;
// `newsq clean` and `newsq show`.
mod clean;
// `newsq index`: summaries, re-indexing, bad input, bad index folders.
mod index;
// The cleaner's quality floors on the extraction dev set.
mod extract;
// Nothing lost, nothing invented on samples of the story-only news corpora.
mod lost;
// Incremental indexing gives the same state as a fresh run.
mod incremental;
// Runs killed with SIGKILL at random moments.
mod crash;
// Bad input, unusable index folders, concurrent runs.
mod robust;
// The document store's compression (the patched zstd crate).
mod store;
// The speed tricks of the build are the ones built: the patched zstd.
mod build_tricks;
// Property tests of the cleaner, decoder, passages and query handling.
mod fuzz;
// Input formats: text, JSON, JSON lines, HTML and gzip; bad records; field overrides.
mod formats;
// `newsq export`: NDJSON, Elasticsearch bulk, the Quickwit config, the round trip.
mod export;
// `newsq stats`.
mod stats;
// The paths an index remembers: `newsq index` with no path, `newsq prune`, empty indexes.
mod roots;
// Damage: `newsq check`, damage found by `newsq index`, errors that say how to rebuild.
mod check;
// Completions, man pages, --help examples, --version.
mod shell;
// What scripts build on (issue 20): every word required, --any, --path, CSV, dates,
// exit codes, one voice.
mod scripts;
// Every --json output decoded into typed structs; the README's samples too.
mod json;
// Committed indexes: format 2 read and added to by this newsq, format 1 rebuilt.
mod compat;
// Stemming by each article's language, CJK words, folding (issue 24).
mod languages;
// `newsq timeline`, `newsq terms`, and `--copies` on facets and stats (issue 22).
mod timeline;
// `newsq serve` over HTTP: pages, the API against the CLI, escaping, bad requests.
mod serve;
// `newsq serve` in headless Chromium (Playwright): search, facets, article, CSV, CSP.
mod browser;
