use super::fold::fold_text;

/// A parsed search: folded words that must all match, and `#thema` topic filters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub words: Vec<String>,
    pub topics: Vec<String>,
    /// The words joined by single spaces, for the "title starts with the query" tier.
    pub phrase: String,
}

impl Query {
    pub fn parse(raw: &str) -> Query {
        let mut query = Query::default();
        for token in raw.split_whitespace() {
            match token.strip_prefix('#') {
                Some(topic) => {
                    let topic = fold_text(topic);
                    if !topic.is_empty() {
                        query.topics.push(topic);
                    }
                }
                None => {
                    let word = fold_text(token);
                    if !word.is_empty() {
                        query.words.push(word);
                    }
                }
            }
        }
        query.phrase = query.words.join(" ");
        query
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.topics.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_topics_are_folded() {
        let query = Query::parse("  #Digitalisierung Innenstädte  strasse ");
        assert_eq!(query.words, ["innenstadte", "strasse"]);
        assert_eq!(query.topics, ["digitalisierung"]);
        assert_eq!(query.phrase, "innenstadte strasse");
        assert!(Query::parse(" # ").is_empty());
    }
}
