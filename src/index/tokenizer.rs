//! Stage 4 of the pipeline (index): the analyzer of the `text` field, registered under
//! [`TEXT_TOKENIZER`] (`en_stem`) in place of tantivy's own `en_stem`, and producing the
//! same tokens. tantivy's chain is `SimpleTokenizer` -> `RemoveLongFilter::limit(40)` ->
//! `LowerCaser` -> `Stemmer(English)`; this one keeps the first two and replaces the last
//! two with [`CachedTerms`], which remembers the terms of the words it has seen last: word
//! frequencies are Zipfian, so nearly every token is a cache hit, and the lower-casing and
//! Snowball stemming (with an allocation for every changed stem) run once per distinct word
//! instead of once per token (words or terms longer than [`SHORT_BYTES`], rare, are not
//! cached). On a miss the term is computed by tantivy's own `LowerCaser` and `Stemmer`, so
//! terms, offsets and positions are those of tantivy's `en_stem`, and indexes made with
//! either analyzer are the same.

use std::hash::{BuildHasher, Hasher, RandomState};

use tantivy::Index;
use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    Token, TokenFilter, TokenStream, Tokenizer,
};

use super::schema::TEXT_TOKENIZER;

/// Tokens of this many bytes or more are dropped, as tantivy's `en_stem` drops them.
const TOKEN_LENGTH_LIMIT: usize = 40;

/// Most entries of an analyzer's word -> term cache: 32,768 sets of two, 2 MB, in each of
/// the index writer's threads (a query's, which sees a few words, stays at its first
/// 16 KB). That is still about the whole vocabulary of a typical ingest (the State of the
/// Union addresses, 11 MB, have about 30,000 distinct words), and the frequent words,
/// nearly every token, stay.
pub(crate) const TERM_CACHE_ENTRIES: usize = 65_536;

/// The analyzer of the `text` field: tantivy's `en_stem` with a term cache.
pub(crate) fn analyzer() -> TextAnalyzer {
    analyzer_with_cache(TERM_CACHE_ENTRIES)
}

/// [`analyzer`] with a cache of at most `entries` entries (tests use small ones).
fn analyzer_with_cache(entries: usize) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(TOKEN_LENGTH_LIMIT))
        .filter(CachedTerms { entries })
        .build()
}

/// Register [`analyzer`] under [`TEXT_TOKENIZER`] with `index`, replacing tantivy's
/// `en_stem`: called wherever argdex creates or opens an index, before writing or querying.
pub(crate) fn register(index: &Index) {
    index.tokenizers().register(TEXT_TOKENIZER, analyzer());
}

/// Token filter giving each token the term tantivy's `LowerCaser` then
/// `Stemmer(English)` give it, from a cache of at most `entries` words.
#[derive(Clone, Copy)]
pub(crate) struct CachedTerms {
    entries: usize,
}

impl TokenFilter for CachedTerms {
    type Tokenizer<T: Tokenizer> = CachedTermsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedTermsFilter<T> {
        CachedTermsFilter {
            inner: tokenizer,
            terms: Terms::new(self.entries),
        }
    }
}

/// The tokenizer [`CachedTerms`] makes of the one before it.
#[derive(Clone)]
pub(crate) struct CachedTermsFilter<T> {
    inner: T,
    terms: Terms,
}

impl<T: Tokenizer> Tokenizer for CachedTermsFilter<T> {
    type TokenStream<'a> = CachedTermsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedTermsStream {
            tail: self.inner.token_stream(text),
            terms: &mut self.terms,
        }
    }
}

/// The token stream of a [`CachedTermsFilter`]: the tokens of the one before it, each
/// with its text replaced by its term (offsets and positions untouched).
pub(crate) struct CachedTermsStream<'a, S> {
    tail: S,
    terms: &'a mut Terms,
}

impl<S: TokenStream> TokenStream for CachedTermsStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        self.terms.replace(&mut self.tail.token_mut().text);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Word -> term cache, with tantivy's lower-caser and stemmer for the words it lacks.
///
/// The cache is two-way set-associative: a word's hash picks a set, one 64-byte cache line
/// holding two (word, term) entries, the one used last first. A hit reads that one line;
/// a hash table (std's, with its control bytes apart from its entries) read two dependent
/// lines, and on two shared cores, with the trie, the lazy DFAs and tantivy's term tables
/// in the same caches, that load was two fifths of the cache's time. A miss stems the word
/// and replaces the set's older entry, so the cache needs no emptying.
struct Terms {
    /// `2^k` sets: none until the first word, then [`FIRST_SETS`], then, once as many new
    /// words as it has sets have come in, `capacity` (a query's analyzer sees a few words;
    /// an indexing thread's, millions, and it would only miss more while it grew by steps).
    sets: Vec<Set>,
    /// Most sets.
    capacity: usize,
    /// Words taken in since the sets were last allocated.
    taken: usize,
    seed: u64,
    /// tantivy's `LowerCaser` then `Stemmer(English)`, over the whole word.
    stem: TextAnalyzer,
}

/// Sets of a [`Terms`] cache at its first word: 16 KB.
const FIRST_SETS: usize = 256;

/// Two entries of a [`Terms`] cache, the one used last first, in one cache line.
#[derive(Clone, Copy, Default)]
#[repr(C, align(64))]
struct Set([Entry; 2]);

impl Set {
    /// Put `e` first, in place of the older entry.
    fn push(&mut self, e: Entry) {
        self.0[1] = self.0[0];
        self.0[0] = e;
    }
}

/// A word and its term (an empty word: no entry).
#[derive(Clone, Copy, Default)]
#[repr(C)]
struct Entry {
    word: Short,
    term: Short,
}

impl Terms {
    /// A cache of at least `entries` entries (rounded up to a power of two, at least two).
    fn new(entries: usize) -> Terms {
        Terms {
            sets: Vec::new(),
            capacity: entries.div_ceil(2).max(1).next_power_of_two(),
            taken: 0,
            seed: random_seed(),
            stem: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }

    /// The set of `key`.
    fn set_of(&self, key: &Short) -> usize {
        (key.hash(self.seed) as usize) & self.sets.len().saturating_sub(1)
    }

    /// The term of `key` if the cache holds it (and it becomes the set's first entry).
    fn get(&mut self, key: &Short) -> Option<Short> {
        let i = self.set_of(key);
        let set = self.sets.get_mut(i)?;
        if set.0[0].word == *key {
            return Some(set.0[0].term);
        }
        if set.0[1].word == *key {
            set.0.swap(0, 1);
            return Some(set.0[0].term);
        }
        None
    }

    /// Hold `term` for `key`, in place of its set's older entry.
    fn insert(&mut self, key: Short, term: Short) {
        if self.sets.len() < self.capacity && self.taken >= self.sets.len() {
            self.grow();
        }
        self.taken += 1;
        let i = self.set_of(&key);
        if let Some(set) = self.sets.get_mut(i) {
            set.push(Entry { word: key, term });
        }
    }

    /// The first sets, or all of them, the entries held moved into them.
    fn grow(&mut self) {
        let n = if self.sets.is_empty() {
            FIRST_SETS.min(self.capacity)
        } else {
            self.capacity
        };
        let old = std::mem::replace(&mut self.sets, vec![Set::default(); n]);
        self.taken = 0;
        for set in old {
            // The older entry first, so that the one used last stays first.
            for e in set.0.iter().rev().filter(|e| !e.word.bytes().is_empty()) {
                let i = self.set_of(&e.word);
                if let Some(to) = self.sets.get_mut(i) {
                    to.push(*e);
                }
            }
        }
    }

    /// Replace `word` by its term.
    fn replace(&mut self, word: &mut String) {
        let key = Short::new(word);
        if let Some(key) = key
            && let Some(held) = self.get(&key)
        {
            // Most tokens are lower-case already, and their term is the word itself or the
            // start of it (`alliances` -> `allianc`): nothing to copy or to validate.
            if held.is_prefix_of(&key) && word.is_char_boundary(held.len()) {
                word.truncate(held.len());
                return;
            }
            // Always valid: it was a `str`.
            if let Ok(term) = std::str::from_utf8(held.bytes()) {
                word.clear();
                word.push_str(term);
                return;
            }
        }
        let term = {
            let mut stream = self.stem.token_stream(word);
            // The raw tokenizer gives one token for any text.
            if stream.advance() {
                std::mem::take(&mut stream.token_mut().text)
            } else {
                word.clone()
            }
        };
        if let (Some(key), Some(held)) = (key, Short::new(&term)) {
            self.insert(key, held);
        }
        word.clear();
        word.push_str(&term);
    }

    /// The number of entries held (for tests).
    #[cfg(test)]
    fn len(&self) -> usize {
        self.sets
            .iter()
            .flat_map(|s| s.0.iter())
            .filter(|e| !e.word.bytes().is_empty())
            .count()
    }

    /// Whether the cache holds `word` (for tests).
    #[cfg(test)]
    fn holds(&self, word: &str) -> bool {
        Short::new(word).is_some_and(|k| {
            self.sets
                .get(self.set_of(&k))
                .is_some_and(|s| s.0.iter().any(|e| e.word == k))
        })
    }
}

impl Clone for Terms {
    /// A copy starts with an empty cache: tantivy clones the registered analyzer for each
    /// segment writer and query, and copying a full cache would cost more than refilling it.
    fn clone(&self) -> Terms {
        Terms {
            sets: Vec::new(),
            capacity: self.capacity,
            taken: 0,
            seed: random_seed(),
            stem: self.stem.clone(),
        }
    }
}

/// Longest word, and longest term, the cache holds, in bytes (a longer one, rare, is
/// stemmed each time it comes): a word and its term then take 32 bytes, two entries one
/// cache line. Nearly every English word is shorter ("responsibilities" is 16 bytes).
const SHORT_BYTES: usize = 15;

/// A string of at most [`SHORT_BYTES`] bytes held in place: its length, its bytes, then
/// zeros (so that equal strings are equal arrays; the empty string, never a token, marks
/// an empty entry).
#[derive(Clone, Copy, PartialEq, Eq, Default)]
struct Short([u8; SHORT_BYTES + 1]);

impl Short {
    /// `s` held in place, if it fits.
    fn new(s: &str) -> Option<Short> {
        let bytes = s.as_bytes();
        if bytes.len() > SHORT_BYTES {
            return None;
        }
        let mut held = [0u8; SHORT_BYTES + 1];
        held[0] = bytes.len() as u8;
        held[1..=bytes.len()].copy_from_slice(bytes);
        Some(Short(held))
    }

    /// The string's bytes.
    fn bytes(&self) -> &[u8] {
        &self.0[1..=usize::from(self.0[0])]
    }

    /// The string's length in bytes.
    fn len(&self) -> usize {
        usize::from(self.0[0])
    }

    /// Whether this string is the start of `other` (or `other` itself): one masked
    /// comparison of the two arrays, where a slice comparison was a call to `memcmp`
    /// for every token.
    fn is_prefix_of(&self, other: &Short) -> bool {
        let n = self.len();
        if n > other.len() {
            return false;
        }
        // The bytes after the length byte, up to the string's end (n <= 15: no overflow).
        let mask = ((1u128 << (8 * n)) - 1) << 8;
        (u128::from_le_bytes(self.0) ^ u128::from_le_bytes(other.0)) & mask == 0
    }

    /// A hash of the string, seeded: one multiplication per 8-byte word that holds some of
    /// it (the length byte included), one for a word of up to 7 bytes, most words. Seeded
    /// at random for each cache, as std's `HashMap` is, so which words share a set changes
    /// from run to run; keys are compared in full, so sharing a set costs time, never a
    /// wrong term.
    fn hash(&self, seed: u64) -> u64 {
        let [a, b] = [&self.0[..8], &self.0[8..]].map(|half| {
            let mut word = [0u8; 8];
            word.copy_from_slice(half);
            u64::from_le_bytes(word)
        });
        let h = fold(seed ^ a);
        if self.0[0] < 8 { h } else { fold(h ^ b) }
    }
}

/// A seed drawn at random for each cache, as std's `HashMap` draws its own.
fn random_seed() -> u64 {
    RandomState::new().build_hasher().finish()
}

/// 2^64 divided by the golden ratio (odd): its products spread every input bit.
const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

/// The 128-bit product of `x` and [`MULTIPLIER`], its halves xor-ed: every bit of `x`
/// reaches the low bits (the set's index) as well as the high ones.
fn fold(x: u64) -> u64 {
    let product = u128::from(x) * u128::from(MULTIPLIER);
    (product as u64) ^ ((product >> 64) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TokenizerManager;

    type Tok = (String, usize, usize, usize, usize);

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Tok> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            out.push((
                t.text.clone(),
                t.offset_from,
                t.offset_to,
                t.position,
                t.position_length,
            ));
        }
        out
    }

    fn tantivy_en_stem() -> TextAnalyzer {
        TokenizerManager::default()
            .get("en_stem")
            .expect("tantivy registers en_stem")
    }

    /// 39, 40 and 41 bytes (the limit is 40: a token of 40 bytes or more is dropped).
    fn long_words() -> String {
        let w39 = "a".repeat(39);
        let w40 = "B".repeat(40);
        let w41 = "c".repeat(41);
        let u39 = format!("{}e", "é".repeat(19)); // 19 * 2 + 1 = 39 bytes
        let u40 = "É".repeat(20); // 40 bytes, 20 chars
        let nations39 = format!("{}nations", "x".repeat(32));
        format!("{w39} {w40} {w41} {u39} {u40} {nations39} {w39}")
    }

    fn cases() -> Vec<String> {
        let mut cases: Vec<String> = [
            "",
            " ",
            "...,;!?",
            "Dogs are the bests!",
            "The allies were defending burden sharing; burden-sharing DEFENDED Defends.",
            "China's economy grew; economies' growth, CHINA’S economic GROWTH",
            "curly ’quotes’ and ‘single’ “double” it’s don't",
            "İstanbul İİ iİ I ı TÜRKİYE",
            "Straße STRASSE ß ẞ Maß",
            "ΣΟΦΟΣ σοφος σοφοσ Σ ς ΟΔΥΣΣΕΥΣ",
            "café CAFÉ naïve Ångström résumé Résumés façade Œuvre",
            "中华人民共和国 经济增长 日本語のテキスト 한국어",
            "2024 1st 2nd 3.14 10,000 A1B2 Ⅻ ①② ٣٤",
            "ﬁnancing ﬂows Ǆemal ǅ ǆ",
            "running runs ran runner RUNNING generously generous generosity",
            "the the the the The THE tHe nations nations Nations",
            "tab\tnew\nline\r\ncarriage\u{a0}nbsp\u{2003}emsp",
            "a\u{301}ccent combining\u{308} marks",
            "emoji 🙂 words 👍🏽 together",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        cases.push(long_words());
        cases.push("word ".repeat(300));
        cases
    }

    #[test]
    fn tokens_are_tantivys_en_stem_ones() {
        // One analyzer for all cases, twice over: the second pass is all cache hits.
        let mut ours = analyzer();
        for pass in 0..2 {
            for text in cases() {
                assert_eq!(
                    tokens(&mut ours, &text),
                    tokens(&mut tantivy_en_stem(), &text),
                    "pass {pass}: {text:?}"
                );
            }
        }
    }

    #[test]
    fn tokens_are_the_same_when_small_caches_replace_entries() {
        for entries in [1, 2, 3, 5] {
            let mut ours = analyzer_with_cache(entries);
            for text in cases() {
                assert_eq!(
                    tokens(&mut ours, &text),
                    tokens(&mut tantivy_en_stem(), &text),
                    "cache of {entries}: {text:?}"
                );
            }
        }
    }

    #[test]
    fn the_cache_stays_within_its_bound_and_keeps_the_last_words() {
        // One set of two entries: each new word takes the place of the older of the two.
        let mut terms = Terms::new(2);
        let mut seen = Vec::new();
        for word in [
            "Nations",
            "running",
            "ΣΟΦΟΣ",
            "Running",
            "Nations",
            "Nations",
        ] {
            let mut text = word.to_string();
            terms.replace(&mut text);
            assert!(terms.len() <= 2, "{}", terms.len());
            seen.push(text);
        }
        assert_eq!(seen, ["nation", "run", "σοφοσ", "run", "nation", "nation"]);
        assert!(terms.holds("Nations") && terms.holds("Running"));
        assert!(!terms.holds("running") && !terms.holds("ΣΟΦΟΣ"));
        // A word longer than an entry holds is stemmed each time, never held.
        let mut long = "Responsibilities".to_string();
        terms.replace(&mut long);
        assert_eq!(long, "respons");
        assert!(!terms.holds("Responsibilities") && terms.len() == 2);
    }

    #[test]
    fn the_cache_grows_to_its_bound_keeping_what_it_holds() {
        let mut terms = Terms::new(4096);
        let words: Vec<String> = (0..3000).map(|i| format!("Nations{i}")).collect();
        let mut want = tantivy_en_stem();
        let held = |terms: &Terms, ws: &[String]| ws.iter().filter(|w| terms.holds(w)).count();
        let mut before = 0;
        for (i, w) in words.iter().enumerate() {
            let mut text = w.clone();
            terms.replace(&mut text);
            assert_eq!(text, tokens(&mut want, w)[0].0, "{w}");
            if i + 1 == FIRST_SETS {
                // The first sets have taken as many words as they are: the next one grows them.
                assert_eq!(terms.sets.len(), FIRST_SETS);
                before = held(&terms, &words[..=i]);
                assert!(before > FIRST_SETS / 2, "{before}");
            }
            if i == FIRST_SETS {
                assert_eq!(terms.sets.len(), 2048);
                // What the first sets held was moved (a few may share a set three ways).
                let after = held(&terms, &words[..i]);
                assert!(after + 10 >= before, "{after} of {before}");
            }
        }
        assert_eq!(terms.sets.len(), 2048);
        assert!(terms.len() > 2000, "{}", terms.len());
    }

    #[test]
    fn a_word_found_again_stays_before_a_newer_one() {
        let mut terms = Terms::new(2);
        for word in ["alliance", "burden", "alliance", "sharing"] {
            let mut text = word.to_string();
            terms.replace(&mut text);
        }
        assert!(terms.holds("alliance") && terms.holds("sharing") && !terms.holds("burden"));
    }

    #[test]
    fn a_clone_starts_with_an_empty_cache_and_gives_the_same_tokens() {
        let mut terms = Terms::new(TERM_CACHE_ENTRIES);
        let mut word = "Defending".to_string();
        terms.replace(&mut word);
        assert_eq!(word, "defend");
        let mut copy = terms.clone();
        assert_eq!(copy.len(), 0);
        let mut word = "Defending".to_string();
        copy.replace(&mut word);
        assert_eq!(word, "defend");
    }

    #[test]
    fn register_replaces_en_stem_of_an_index() {
        let (schema, _) = super::super::schema::build();
        let index = Index::create_in_ram(schema);
        register(&index);
        let mut registered = index
            .tokenizers()
            .get(TEXT_TOKENIZER)
            .expect("registered analyzer");
        let text = "Allies' burden-sharing DEFENDED";
        assert_eq!(
            tokens(&mut registered, text),
            tokens(&mut tantivy_en_stem(), text)
        );
    }

    #[test]
    fn a_term_is_a_prefix_of_a_word_byte_for_byte() {
        let short = |s: &str| Short::new(s).unwrap();
        for (term, word, prefix) in [
            ("allianc", "alliances", true),
            ("alliances", "alliances", true),
            ("the", "the", true),
            ("the", "them", true),
            ("them", "the", false),
            ("allianz", "alliances", false),
            ("b", "alliances", false),
            ("ünion", "ünions", true),
            ("unión", "unions", false),
            ("abcdefghijklmno", "abcdefghijklmno", true),
            ("abcdefghijklmn", "abcdefghijklmno", true),
            ("abcdefghijklmnp", "abcdefghijklmno", false),
            ("abcdefghijklmnp", "abcdefghijklmn", false),
        ] {
            assert_eq!(
                short(term).is_prefix_of(&short(word)),
                prefix,
                "{term} {word}"
            );
            assert_eq!(word.as_bytes().starts_with(term.as_bytes()), prefix);
        }
    }

    #[test]
    fn words_fit_up_to_15_bytes_and_hash_apart() {
        assert_eq!(
            Short::new(&"a".repeat(15)).map(|s| s.bytes().len()),
            Some(15)
        );
        assert!(Short::new(&"a".repeat(16)).is_none());
        let words = [
            "",
            "a",
            "a\0",
            "b",
            "ab",
            "ba",
            "nation",
            "nations",
            "Nations",
            "abcdefg",
            "abcdefgh",
            "abcdefgha",
            "abcdefghb",
            "abcdefghijklmno",
            "abcdefghijklmnp",
            "ßß",
            "ΣΟΦΟΣ",
        ];
        let mut hashes: Vec<u64> = words
            .iter()
            .filter_map(|w| Short::new(w))
            .map(|w| w.hash(7))
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), words.len());
        // The bucket (low bits) too, for words differing only in their last byte.
        let low = |w: &str| Short::new(w).map(|w| w.hash(7) & 0xff);
        let buckets: std::collections::HashSet<Option<u64>> = (b'a'..=b'z')
            .map(|c| low(&format!("nation{}", c as char)))
            .collect();
        assert!(buckets.len() > 13, "{}", buckets.len());
    }

    #[test]
    fn words_and_terms_too_long_to_hold_are_stemmed_each_time() {
        // 15 bytes held; 16 (a word, or a term longer than its word: "İ" is 2 bytes,
        // its lower case 3) stemmed without the cache.
        let mut terms = Terms::new(TERM_CACHE_ENTRIES);
        for (word, held) in [
            ("a".repeat(15), true),
            ("Nationalizations".to_string(), false),
            ("İ".repeat(5), true),
            ("İ".repeat(6), false),
            ("İ".repeat(8), false),
        ] {
            let mut got = word.clone();
            terms.replace(&mut got);
            let mut want = tantivy_en_stem();
            assert_eq!(tokens(&mut want, &word)[0].0, got, "{word}");
            assert_eq!(terms.holds(&word), held, "{word}");
        }
    }

    const WORDS: &[&str] = &[
        "Nations",
        "nation",
        "NATIONAL",
        "run",
        "Running",
        "ran",
        "ß",
        "İ",
        "ΣΟΦΟΣ",
        "ς",
        "café",
        "it’s",
        "中国",
        "42",
        "generously",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", // 39 bytes
        "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", // 40 bytes
    ];

    proptest::proptest! {
        /// Any text: the same tokens as tantivy's `en_stem`.
        #[test]
        fn any_text_gives_tantivys_tokens(text in "\\PC{0,80}", other in proptest::prelude::any::<String>()) {
            let mut ours = analyzer_with_cache(4);
            for t in [&text, &other, &text] {
                proptest::prop_assert_eq!(tokens(&mut ours, t), tokens(&mut tantivy_en_stem(), t));
            }
        }

        /// Texts of repeated words (cache hits, and a small cache emptied often): the same
        /// tokens as tantivy's `en_stem`.
        #[test]
        fn repeated_words_give_tantivys_tokens(
            texts in proptest::collection::vec(
                proptest::collection::vec(
                    (proptest::sample::select(WORDS), proptest::sample::select(&[" ", ", ", "-", "'", "\n", ""][..])),
                    0..30,
                ),
                1..4,
            ),
            entries in 1usize..8,
        ) {
            let mut small = analyzer_with_cache(entries);
            let mut full = analyzer();
            for words in texts {
                let text: String = words.iter().flat_map(|(w, sep)| [*w, *sep]).collect();
                let want = tokens(&mut tantivy_en_stem(), &text);
                proptest::prop_assert_eq!(&tokens(&mut small, &text), &want);
                proptest::prop_assert_eq!(&tokens(&mut full, &text), &want);
            }
        }
    }
}
