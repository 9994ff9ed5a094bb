//! Finding offerings: German folding, fuzzy matching over the short fields,
//! keyword matching over the long texts, and one ranking for both.

pub mod bits;
pub mod fold;
pub mod index;
pub mod keywords;
pub mod matcher;
pub mod query;
pub mod rank;
pub mod reference;
pub mod session;
pub mod values;

pub use index::SearchIndex;
pub use keywords::{KeywordLookup, keyword_parts};
pub use matcher::{Hit, Tier, WordSets, find};
pub use query::Query;
pub use session::SearchSession;
