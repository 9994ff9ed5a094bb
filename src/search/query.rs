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

    /// Whether this query is `previous` typed on: the same topics and
    /// words, its last word perhaps longer, perhaps more words after it.
    /// Returns which word may have grown (`None` when only words were
    /// added). A longer word matches only where its beginning does, except
    /// where it reaches the length the keyword search starts at.
    pub fn typed_on(&self, previous: &Query) -> Option<Option<usize>> {
        if previous.is_empty() || self.topics != previous.topics || self.words.len() < previous.words.len() {
            return None;
        }
        let Some(last) = previous.words.len().checked_sub(1) else {
            return Some(None);
        };
        let same_before = self.words[..last] == previous.words[..last];
        (same_before && self.words[last].starts_with(&previous.words[last])).then_some(Some(last))
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

    #[test]
    fn typing_on_and_not() {
        let leer = Query::parse("leer");
        assert_eq!(Query::parse("leers").typed_on(&leer), Some(Some(0)));
        assert_eq!(Query::parse("leer stand").typed_on(&leer), Some(Some(0)));
        assert_eq!(Query::parse("lee").typed_on(&leer), None);
        assert_eq!(Query::parse("mehr").typed_on(&leer), None);
        assert_eq!(Query::parse("leers #handel").typed_on(&leer), None);
        assert_eq!(Query::parse("leer").typed_on(&Query::default()), None);
        assert_eq!(Query::parse("#handel leer").typed_on(&Query::parse("#handel")), Some(None));
        assert_eq!(Query::parse("wirtschaftsfoer").typed_on(&Query::parse("wirtschaftsfö")), Some(Some(0)));
    }
}
