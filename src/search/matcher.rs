//! Ranking in tiers, cheapest test first: literal matches are found with a
//! byte search and outrank everything else; a subsequence test decides and
//! counts fuzzy matches; the fuzzy scorer runs only where a fuzzy match can
//! still reach the top of its tab. Per-field masks and per-word bit sets
//! (keyword hits, field values) answer most tests without reading text.

use std::cmp::Reverse;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem::Finder;

use crate::domain::Kind;

use super::bits::Bits;
use super::index::{FIELD_SEPARATOR, Haystack, Pairs, SearchIndex, TOPIC_SEPARATOR, letter_bit, letters, starts_word};
use super::query::Query;

/// Below this many entries a second thread costs more than it saves.
const PARALLEL_FROM: usize = 20_000;
/// The fuzzy scorer is slower per item, so it pays to share it out sooner.
const PARALLEL_SCORING_FROM: usize = 300;

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

impl Tier {
    const COUNT: usize = Tier::Elsewhere as usize + 1;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub entry: u32,
    pub tier: Tier,
    pub score: i64,
    /// The fuzzy part of the score is not computed yet (and may never need to be).
    pub unscored: bool,
}

/// Finds every entry (of `candidates`, or all) that matches `query`, and
/// scores as much as the top `top` hits of each kind need.
pub fn find(index: &SearchIndex, query: &Query, sets: &[WordSets], candidates: Option<&[u32]>, top: usize) -> Vec<Hit> {
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
    let classify = |entry: u32| classify(&index.haystack(entry), entry, query, &words);
    let mut hits: Vec<Hit> = match candidates {
        Some(candidates) => {
            in_parallel(candidates, PARALLEL_FROM, |chunk| chunk.iter().filter_map(|&entry| classify(entry)).collect())
        }
        None => {
            let all: Vec<u32> = (0..index.len() as u32).collect();
            in_parallel(&all, PARALLEL_FROM, |chunk| chunk.iter().filter_map(|&entry| classify(entry)).collect())
        }
    };
    score_where_needed(index, query, &mut hits, top);
    hits
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
    /// Literally in the title, at this byte.
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
            && let Some(at) = word.finder.find(hay.title)
        {
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
    let unscored = tier == Tier::TitleFuzzy;
    Some(Hit { entry: id, tier, score, unscored })
}

/// Runs the fuzzy scorer on title matches only where they can still reach
/// the top `top` places of their tab: kinds whose literal tiers fill those
/// places need none, the others only the best candidates by the cheap score.
fn score_where_needed(index: &SearchIndex, query: &Query, hits: &mut [Hit], top: usize) {
    // One pass: per kind, the literal title hits counted and the fuzzy ones listed.
    let mut literal_per_kind = [0usize; Kind::ALL.len()];
    let mut fuzzy_per_kind: [Vec<usize>; Kind::ALL.len()] = Default::default();
    for (at, hit) in hits.iter().enumerate().filter(|(_, hit)| hit.tier <= Tier::TitleFuzzy) {
        let slot = kind_slot(index.kind(hit.entry));
        match hit.tier {
            Tier::TitleFuzzy => fuzzy_per_kind[slot].push(at),
            _ => literal_per_kind[slot] += 1,
        }
    }
    let mut chosen: Vec<usize> = Vec::new();
    for (literal, mut fuzzy) in literal_per_kind.into_iter().zip(fuzzy_per_kind) {
        let wanted = top.saturating_sub(literal);
        if wanted == 0 {
            continue;
        }
        // Half again as many as can show: the cheap score is a good, not a perfect, guide.
        let keep = wanted + wanted / 2;
        if fuzzy.len() > keep {
            fuzzy.select_nth_unstable_by_key(keep, |&at| Reverse(hits[at].score));
            fuzzy.truncate(keep);
        }
        chosen.extend(fuzzy);
    }
    let score = |part: &[usize]| -> Vec<i64> {
        let matcher = SkimMatcherV2::default().respect_case();
        part.iter()
            .map(|&at| {
                let title = index.title(hits[at].entry);
                query.words.iter().map(|word| matcher.fuzzy_match(title, word).unwrap_or(0)).sum()
            })
            .collect()
    };
    let scores = in_parallel(&chosen, PARALLEL_SCORING_FROM, score);
    for (at, score) in chosen.into_iter().zip(scores) {
        // Scored hits outrank the unscored ones of their tier (see `order`).
        hits[at].score = score;
        hits[at].unscored = false;
    }
}

fn kind_slot(kind: Kind) -> usize {
    Kind::ALL.iter().position(|candidate| *candidate == kind).expect("Kind::ALL lists every kind")
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

/// How many word starts a fuzzy match may begin at before the test gives up.
const FUZZY_STARTS: usize = 16;

/// Where `pattern` occurs in order within `haystack`, beginning at the
/// start of a word and without straying far: its letters must lie within
/// about twice its length. Letters strewn over a whole title ("einbeck" in
/// "Demografie Netzwerk e. V. ...") are not what anyone typing a word
/// means. Returns the start and span of the tightest match found.
pub(super) fn compact_match(pattern: &[u8], haystack: &[u8]) -> Option<(usize, usize)> {
    let (&first, rest) = pattern.split_first()?;
    let longest_span = pattern.len() * 2 + 2;
    memchr::memchr_iter(first, haystack)
        .filter(|&start| starts_word(haystack, start))
        .take(FUZZY_STARTS)
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

/// The order of one tab's hits: the best `top` ranked (tier, then score,
/// then the tab's usual order), every other hit after them in the usual
/// order. `usual_order` lists the tab's entries as the tab shows them
/// unsearched; `usual_position` gives each entry's place in that list.
pub fn order(hits: &[Hit], usual_order: &[usize], top: usize, usual_position: &[u32]) -> Vec<u32> {
    // One bit per entry of the tab: a membership test that stays in the cache.
    let mut in_tab = Bits::new(usual_position.len());
    for &entry in usual_order {
        in_tab.insert(entry);
    }
    // Hits rank by class (tier, then scored before unscored) first, so the
    // best `top` lie in the classes down to the one where their count reaches `top`.
    let class = |hit: &Hit| hit.tier as usize * 2 + usize::from(hit.unscored);
    let mut rest = Bits::new(usual_position.len());
    let mut per_class = [0usize; Tier::COUNT * 2];
    for hit in hits.iter().filter(|hit| in_tab.contains(hit.entry as usize)) {
        rest.insert(hit.entry as usize);
        per_class[class(hit)] += 1;
    }
    let mut counted = 0;
    let last_class = per_class
        .iter()
        .position(|&count| {
            counted += count;
            counted >= top
        })
        .unwrap_or(per_class.len() - 1);
    let mut ranked: Vec<(Tier, bool, Reverse<i64>, u32, u32)> = hits
        .iter()
        .filter(|hit| class(hit) <= last_class && in_tab.contains(hit.entry as usize))
        .map(|hit| (hit.tier, hit.unscored, Reverse(hit.score), usual_position[hit.entry as usize], hit.entry))
        .collect();
    if ranked.len() > top {
        ranked.select_nth_unstable(top);
        ranked.truncate(top);
    }
    ranked.sort_unstable();
    for &(.., entry) in &ranked {
        rest.remove(entry as usize);
    }
    let mut ordered: Vec<u32> = ranked.iter().map(|&(.., entry)| entry).collect();
    // The rest in the usual order, by walking it rather than sorting them.
    ordered.extend(usual_order.iter().filter(|&&entry| rest.contains(entry)).map(|&entry| entry as u32));
    ordered
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

    /// `order` against its definition: the tab's hits fully sorted by rank,
    /// the best `top` first, the others in the usual order.
    #[test]
    fn order_ranks_the_best_and_keeps_the_rest_in_the_usual_order() {
        use rand::seq::SliceRandom;
        use rand::{Rng, SeedableRng};

        let mut dice = rand_chacha::ChaCha8Rng::seed_from_u64(11);
        let tiers = [Tier::TitleStart, Tier::TitleWords, Tier::TitleLiteral, Tier::TitleFuzzy, Tier::Elsewhere];
        for round in 0..200 {
            let entries = dice.gen_range(0..300usize);
            let mut tabs: [Vec<usize>; 2] = Default::default();
            for entry in 0..entries {
                tabs[dice.gen_range(0..2)].push(entry);
            }
            let mut usual_position = vec![0u32; entries];
            for tab in &mut tabs {
                tab.shuffle(&mut dice);
                for (position, &entry) in tab.iter().enumerate() {
                    usual_position[entry] = position as u32;
                }
            }
            let mut hits = Vec::new();
            for entry in 0..entries as u32 {
                if dice.gen_bool(0.7) {
                    let tier = tiers[dice.gen_range(0..if round % 2 == 0 { 5 } else { 2 })];
                    hits.push(Hit { entry, tier, score: dice.gen_range(0..4), unscored: dice.gen_bool(0.3) });
                }
            }
            let top = dice.gen_range(0..40);
            for tab in &tabs {
                let rank = |hit: &Hit| (hit.tier, hit.unscored, Reverse(hit.score), usual_position[hit.entry as usize]);
                let mut of_tab: Vec<Hit> =
                    hits.iter().filter(|hit| tab.contains(&(hit.entry as usize))).copied().collect();
                of_tab.sort_by_key(rank);
                let best: Vec<u32> = of_tab.iter().take(top).map(|hit| hit.entry).collect();
                let mut expected = best.clone();
                expected.extend(
                    tab.iter()
                        .map(|&entry| entry as u32)
                        .filter(|entry| of_tab.iter().any(|hit| hit.entry == *entry) && !best.contains(entry)),
                );
                assert_eq!(order(&hits, tab, top, &usual_position), expected, "round {round}");
            }
        }
    }
}
