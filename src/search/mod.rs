//! Finding offerings: German folding, fuzzy matching over the short fields,
//! keyword matching over the long texts, and one ranking for both.

pub mod fold;
pub mod index;
pub mod matcher;
pub mod query;
pub mod session;

pub use index::SearchIndex;
pub use matcher::{Hit, KeywordSet, Tier, find, order};
pub use query::Query;
pub use session::{KeywordLookup, SearchSession};
