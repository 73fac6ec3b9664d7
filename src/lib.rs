//! newsq: a search engine for folders of scraped news articles.
//!
//! The data flows through one module per step:
//!
//! ```text
//! path ──corpus::walk──▶ RawFile ──corpus::decode──▶ Text ──clean::clean──▶ Article
//!      ──index::schema──▶ tantivy document ──index::writer──▶ index on disk
//!
//! query ──search::query──▶ ParsedQuery ──search::run──▶ Hit ──search::passage──▶ Passage
//!       ──output──▶ human lines / JSON lines / paths / count
//! ```
//!
//! Cleaning is a pure function of the decoded text (plus read-only corpus statistics), so it
//! runs in parallel and is easy to test; everything that touches tantivy lives in `index`
//! and `search`; everything that touches the terminal lives in `output`.
#![warn(missing_docs)]

pub mod clean;
pub mod corpus;
pub mod eval;
pub mod index;
pub mod output;
pub mod search;
pub mod serve;
