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

    /// Whether every match of `self` is also a match of `previous`, so the
    /// search may start from the previous hits instead of everything: true
    /// when the user only typed on (same words, the last one longer, or new words).
    pub fn narrows(&self, previous: &Query) -> bool {
        if previous.is_empty() || self.topics != previous.topics || self.words.len() < previous.words.len() {
            return false;
        }
        let Some(last) = previous.words.len().checked_sub(1) else {
            return true;
        };
        self.words[..last] == previous.words[..last] && self.words[last].starts_with(&previous.words[last])
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
    fn typing_on_narrows_and_deleting_does_not() {
        let leer = Query::parse("leer");
        assert!(Query::parse("leers").narrows(&leer));
        assert!(Query::parse("leer stand").narrows(&leer));
        assert!(!Query::parse("lee").narrows(&leer));
        assert!(!Query::parse("mehr").narrows(&leer));
        assert!(!Query::parse("leers #handel").narrows(&leer));
        assert!(!Query::parse("leer").narrows(&Query::default()));
        assert!(Query::parse("#handel leer").narrows(&Query::parse("#handel")));
    }
}
