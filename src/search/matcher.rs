//! Ranking in tiers, cheapest test first: literal matches are found with a
//! byte search and outrank everything else; a subsequence test decides
//! fuzzy matches. Per-field masks and per-word bit sets (keyword hits, field
//! values) answer most tests without reading text. Every test is a function
//! of the query word and the entry alone, so the hits of a query never
//! depend on the queries typed before it (see `reference` for the definition).

use memchr::memmem::Finder;

use super::bits::Bits;
use super::index::{FIELD_SEPARATOR, Haystack, Pairs, SearchIndex, TOPIC_SEPARATOR, letter_bit, letters, starts_word};
use super::query::Query;

/// Below this many entries a second thread costs more than it saves.
const PARALLEL_FROM: usize = 20_000;

/// What indexes already tell about one query word, for every entry.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordSets<'a> {
    /// Entries whose long text has a word starting with it; `None` for a
    /// word too short to look up (fewer than three letters).
    pub keywords: Option<&'a Bits>,
    /// Entries with the word literally in a field other than the title;
    /// `None` where not known, and the fields are searched instead.
    pub in_other: Option<&'a Bits>,
    /// Entries whose other fields the word may match fuzzily (all that do,
    /// and some more); `None` where not known.
    pub maybe_fuzzy_in_other: Option<&'a Bits>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    /// The title starts with the whole query.
    TitleStart,
    /// Every word begins a word of the title.
    TitleWords,
    /// Every word stands somewhere in the title.
    TitleLiteral,
    /// Every word matches the title fuzzily.
    TitleFuzzy,
    /// Some word matches only other fields or the long text.
    Elsewhere,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub entry: u32,
    pub tier: Tier,
    /// Higher is better within a tier.
    pub score: i64,
}

/// Every entry (of `candidates`, or of all) that matches `query`, in entry order.
pub fn find(index: &SearchIndex, query: &Query, sets: &[WordSets], candidates: Option<&[u32]>) -> Vec<Hit> {
    assert_eq!(sets.len(), query.words.len(), "one set of sets per query word");
    let words: Vec<PreparedWord> = query
        .words
        .iter()
        .zip(sets)
        .map(|(word, &sets)| PreparedWord {
            word: word.as_bytes(),
            finder: Finder::new(word.as_bytes()),
            letters: letters(word.as_bytes()),
            first: word.bytes().next().map_or(0, letter_bit),
            pairs: Pairs::of(word.as_bytes()),
            sets,
        })
        .collect();
    let all: Vec<u32>;
    let entries = match candidates {
        Some(candidates) => candidates,
        None => {
            all = (0..index.len() as u32).collect();
            &all
        }
    };
    in_parallel(entries, PARALLEL_FROM, |chunk| {
        chunk.iter().filter_map(|&entry| classify(&index.haystack(entry), entry, query, &words)).collect()
    })
}

struct PreparedWord<'a> {
    word: &'a [u8],
    finder: Finder<'a>,
    letters: u64,
    /// `letter_bit` of the first letter, where a fuzzy match must begin a word.
    first: u64,
    pairs: Pairs,
    sets: WordSets<'a>,
}

/// How one word matches one entry, best first.
enum WordMatch {
    /// Literally in the title, at this byte: the first place where it
    /// begins a word of the title, or else its first place.
    TitleAt(usize),
    /// Fuzzily in the title: start and span of its letters.
    TitleFuzzy(usize, usize),
    OtherLiteral,
    Keyword,
    OtherFuzzy,
}

/// The best way `word` matches: each test runs only when no better one did,
/// and the masks skip the tests that cannot succeed.
fn match_word(hay: &Haystack, id: u32, word: &PreparedWord) -> Option<WordMatch> {
    let in_title = word.letters & hay.title_masks.letters == word.letters;
    if in_title {
        if hay.title_masks.pairs.admit(&word.pairs)
            && let Some(first) = word.finder.find(hay.title)
        {
            let at = if starts_word(hay.title, first) {
                first
            } else {
                word.finder.find_iter(hay.title).find(|&at| starts_word(hay.title, at)).unwrap_or(first)
            };
            return Some(WordMatch::TitleAt(at));
        }
        if hay.title_masks.starts & word.first != 0
            && let Some((start, span)) = compact_match(word.word, hay.title)
        {
            return Some(WordMatch::TitleFuzzy(start, span));
        }
    }
    let in_other = word.letters & hay.other_masks.letters == word.letters;
    let other_literal = match word.sets.in_other {
        Some(set) => set.contains(id as usize),
        None => in_other && hay.other_masks.pairs.admit(&word.pairs) && word.finder.find(hay.other).is_some(),
    };
    if other_literal {
        return Some(WordMatch::OtherLiteral);
    }
    if word.sets.keywords.is_some_and(|set| set.contains(id as usize)) {
        return Some(WordMatch::Keyword);
    }
    let fuzzy_in_other = in_other
        && hay.other_masks.starts & word.first != 0
        && word.sets.maybe_fuzzy_in_other.is_none_or(|set| set.contains(id as usize))
        && compact_match(word.word, hay.other).is_some();
    fuzzy_in_other.then_some(WordMatch::OtherFuzzy)
}

fn classify(hay: &Haystack, id: u32, query: &Query, words: &[PreparedWord]) -> Option<Hit> {
    if !query.topics.iter().all(|wanted| {
        hay.joined_topics
            .split(|&byte| byte == TOPIC_SEPARATOR as u8)
            .any(|topic| !topic.is_empty() && topic.starts_with(wanted.as_bytes()))
    }) {
        return None;
    }
    let title = hay.title;
    let mut literal_score = 0i64;
    let (mut all_word_start, mut all_literal, mut all_title) = (true, true, true);
    for word in words {
        let matched = match_word(hay, id, word)?;
        all_word_start &= matches!(matched, WordMatch::TitleAt(at) if starts_word(title, at));
        all_literal &= matches!(matched, WordMatch::TitleAt(_));
        all_title &= matches!(matched, WordMatch::TitleAt(_) | WordMatch::TitleFuzzy(..));
        // A cheap first score; the fuzzy scorer refines it where it matters.
        literal_score += match matched {
            WordMatch::TitleAt(at) => 200 - at.min(150) as i64,
            WordMatch::TitleFuzzy(start, span) => 100 - (span - word.word.len()) as i64 * 8 - start.min(60) as i64 / 4,
            WordMatch::OtherLiteral => 60,
            WordMatch::Keyword => 40,
            WordMatch::OtherFuzzy => 20,
        };
    }
    let tier = if !query.phrase.is_empty() && title.starts_with(query.phrase.as_bytes()) {
        Tier::TitleStart
    } else if query.words.is_empty() {
        Tier::Elsewhere
    } else if all_word_start {
        Tier::TitleWords
    } else if all_literal {
        Tier::TitleLiteral
    } else if all_title {
        Tier::TitleFuzzy
    } else {
        Tier::Elsewhere
    };
    // Shorter titles first among equals: the query is more of what they say.
    let score = literal_score - (title.len() / 8) as i64;
    Some(Hit { entry: id, tier, score })
}

fn worker_count() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from).min(4)
}

/// Splits `items` over the cores when there are at least `threshold` of them,
/// and joins the results in order.
fn in_parallel<T: Sync, R: Send>(items: &[T], threshold: usize, work: impl Fn(&[T]) -> Vec<R> + Sync) -> Vec<R> {
    if items.len() < threshold {
        return work(items);
    }
    let chunk = items.len().div_ceil(worker_count());
    let parts: Vec<Vec<R>> = std::thread::scope(|scope| {
        let handles: Vec<_> = items.chunks(chunk).map(|part| scope.spawn(|| work(part))).collect();
        handles
            .into_iter()
            .map(|handle| handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    });
    // Moved part by part, not item by item; the first part is kept as it is.
    let total: usize = parts.iter().map(Vec::len).sum();
    let mut parts = parts.into_iter();
    let mut joined = parts.next().unwrap_or_default();
    joined.reserve(total - joined.len());
    for mut part in parts {
        joined.append(&mut part);
    }
    joined
}

/// How many bytes a fuzzy match may skip between its letters, in all.
/// Not more for a longer word: then whatever a word matches fuzzily, the
/// word it grew from matches too, which the search relies on when it looks
/// for a longer word only among the hits of the shorter one.
pub const FUZZY_SKIP: usize = 6;

/// Where `pattern` occurs in order within `haystack`, beginning at the
/// start of a word and without straying far: at most `FUZZY_SKIP` bytes
/// lie between its letters. Letters strewn over a whole title ("einbeck"
/// in "Demografie Netzwerk e. V. ...") are not what anyone typing a word
/// means. Returns the start and span of the tightest match found.
pub(super) fn compact_match(pattern: &[u8], haystack: &[u8]) -> Option<(usize, usize)> {
    let (&first, rest) = pattern.split_first()?;
    let longest_span = pattern.len() + FUZZY_SKIP;
    memchr::memchr_iter(first, haystack)
        .filter(|&start| starts_word(haystack, start))
        .filter_map(|start| {
            let end = haystack.len().min(start + longest_span);
            let mut wanted = rest.iter();
            let mut next = wanted.next();
            let mut span = 1;
            for (offset, byte) in haystack[start + 1..end].iter().enumerate() {
                let Some(&letter) = next else { break };
                if *byte == FIELD_SEPARATOR {
                    break;
                }
                if *byte == letter {
                    next = wanted.next();
                    span = offset + 2;
                }
            }
            next.is_none().then_some((start, span))
        })
        .min_by_key(|&(_, span)| span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fuzzy_matches_start_at_words_and_stay_compact() {
        let fuzzy = |pattern: &str, text: &str| compact_match(pattern.as_bytes(), text.as_bytes()).is_some();
        assert!(fuzzy("lstd", "leerstand"));
        assert!(!fuzzy("dl", "leerstand"));
        assert!(!fuzzy("stand", "leerstand"), "fuzzy matches begin at a word; literal ones are found elsewhere");
        assert!(fuzzy("wirtschftsfrd", "die wirtschaftsforderung"), "letters left out");
        assert!(!fuzzy("einbeck", "demografie netzwerk e. v. (ddn) und atb arbeit, technik und bildung"));
        assert!(fuzzy("bonn", "berlin\x1fbonn"));
        assert!(!fuzzy("bb", "berlin\x1fbonn"), "a match never spans two fields");
        assert_eq!(compact_match(b"ste", b"stadte"), Some((0, 6)));
    }

    proptest::proptest! {
        /// Split over threads, joined in order: the same as one pass.
        #[test]
        fn parallel_work_equals_one_pass(items in proptest::collection::vec(0u32..1000, 0..3000), threshold in 0usize..3000) {
            let work = |part: &[u32]| part.iter().filter(|item| *item % 3 != 0).map(|item| item * 2).collect::<Vec<_>>();
            proptest::prop_assert_eq!(in_parallel(&items, threshold, work), work(&items));
        }
    }
}
