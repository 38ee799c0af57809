//! Stage 4 of the pipeline (index): the analyzer of the `text` field, registered under
//! [`TEXT_TOKENIZER`] (`en_stem`) in place of tantivy's own `en_stem`, and producing the
//! same tokens. tantivy's chain is `SimpleTokenizer` -> `RemoveLongFilter::limit(40)` ->
//! `LowerCaser` -> `Stemmer(English)`; this one keeps the first two and replaces the last
//! two with [`CachedTerms`], which remembers the term of each word it has seen: word
//! frequencies are Zipfian, so nearly every token is a cache hit, and the lower-casing and
//! Snowball stemming (with an allocation for every changed stem) run once per distinct word
//! instead of once per token (words or terms longer than [`SHORT_BYTES`], rare, are not
//! cached). On a miss the term is computed by tantivy's own `LowerCaser` and `Stemmer`, so
//! terms, offsets and positions are those of tantivy's `en_stem`, and indexes made with
//! either analyzer are the same.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher, RandomState};

use tantivy::Index;
use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    Token, TokenFilter, TokenStream, Tokenizer,
};

use super::schema::TEXT_TOKENIZER;

/// Tokens of this many bytes or more are dropped, as tantivy's `en_stem` drops them.
const TOKEN_LENGTH_LIMIT: usize = 40;

/// Entries of an analyzer's word -> term cache before it is emptied and refilled: 7/8 of
/// 2^16, the most std's `HashMap` puts in a table of 65,536 slots before doubling it, so
/// that the cache never takes more than that table (48 bytes a slot: 3 MB) in each of the
/// index writer's threads. That is still the whole vocabulary of a typical ingest (the
/// State of the Union addresses, 11 MB, have about 30,000 distinct words), so the cache is
/// seldom emptied. Emptying instead of evicting one entry at a time keeps a hit to one
/// lookup; the frequent words are back after a few sentences.
pub(crate) const TERM_CACHE_ENTRIES: usize = 57_344;

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
struct Terms {
    cache: HashMap<Short, Short, WordHash>,
    /// Most entries of `cache`; emptied when full.
    entries: usize,
    /// tantivy's `LowerCaser` then `Stemmer(English)`, over the whole word.
    stem: TextAnalyzer,
}

impl Terms {
    fn new(entries: usize) -> Terms {
        Terms {
            cache: HashMap::with_hasher(WordHash::new()),
            entries: entries.max(1),
            stem: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }

    /// Replace `word` by its term.
    fn replace(&mut self, word: &mut String) {
        let key = Short::new(word);
        if let Some(term) = key.and_then(|key| self.cache.get(&key))
            // Always valid: it was a `str`.
            && let Ok(term) = std::str::from_utf8(term.bytes())
        {
            word.clear();
            word.push_str(term);
            return;
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
            if self.cache.len() >= self.entries {
                self.cache.clear();
            }
            self.cache.insert(key, held);
        }
        word.clear();
        word.push_str(&term);
    }
}

impl Clone for Terms {
    /// A copy starts with an empty cache: tantivy clones the registered analyzer for each
    /// segment writer and query, and copying a full cache would cost more than refilling it.
    fn clone(&self) -> Terms {
        Terms {
            cache: HashMap::with_hasher(WordHash::new()),
            entries: self.entries,
            stem: self.stem.clone(),
        }
    }
}

/// Longest word, and longest term, the cache holds, in bytes (a longer one, rare, is
/// stemmed each time it comes): a word then takes 24 bytes held in the table itself, so
/// that a hit reads one table entry instead of following pointers to a key and a term
/// elsewhere in memory (cache misses that cost more than the hashing and comparing).
const SHORT_BYTES: usize = 23;

/// A string of at most [`SHORT_BYTES`] bytes held in place: its length, its bytes, then
/// zeros (so that equal strings are equal arrays).
#[derive(Clone, Copy, PartialEq, Eq)]
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
}

impl std::hash::Hash for Short {
    /// The 8-byte words that hold some of the string (the length byte included): one for
    /// a word of up to 7 bytes, most words.
    fn hash<H: Hasher>(&self, state: &mut H) {
        let used = usize::from(self.0[0]) / 8 + 1;
        for chunk in self.0.chunks_exact(8).take(used) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            state.write_u64(u64::from_le_bytes(word));
        }
    }
}

/// Hasher of the cache's words: one multiplication per 8 bytes, where std's SipHash took
/// more instructions than all the rest of a cache hit. Seeded at random for each cache, as
/// std's is, so which words collide changes from run to run (weaker than SipHash against a
/// text written to collide, but a cache holds at most [`TERM_CACHE_ENTRIES`] words and
/// tantivy's own term table hashes unseeded); keys are compared in full, so a collision
/// costs time, never a wrong term.
#[derive(Clone, Copy)]
struct WordHash {
    seed: u64,
}

impl WordHash {
    fn new() -> WordHash {
        WordHash {
            seed: RandomState::new().build_hasher().finish(),
        }
    }
}

impl BuildHasher for WordHash {
    type Hasher = WordHasher;

    fn build_hasher(&self) -> WordHasher {
        WordHasher(self.seed)
    }
}

/// The state of a [`WordHash`] hash.
struct WordHasher(u64);

/// 2^64 divided by the golden ratio (odd): its products spread every input bit.
const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

/// The 128-bit product of `x` and [`MULTIPLIER`], its halves xor-ed: every bit of `x`
/// reaches the low bits (the table's bucket) as well as the high ones.
fn fold(x: u64) -> u64 {
    let product = u128::from(x) * u128::from(MULTIPLIER);
    (product as u64) ^ ((product >> 64) as u64)
}

impl Hasher for WordHasher {
    fn write_u64(&mut self, i: u64) {
        self.0 = fold(self.0 ^ i);
    }

    /// Any bytes, 8 at a time, then their length ([`Short`] writes whole words instead).
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
        self.write_u64(bytes.len() as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
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
    fn tokens_are_the_same_when_the_cache_is_emptied_mid_stream() {
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
    fn the_cache_stays_within_its_bound_and_is_refilled() {
        let mut terms = Terms::new(3);
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
            assert!(terms.cache.len() <= 3, "{}", terms.cache.len());
            seen.push(text);
        }
        assert_eq!(seen, ["nation", "run", "σοφοσ", "run", "nation", "nation"]);
        // Emptied when the fourth distinct word came ("Running"), then refilled.
        assert_eq!(terms.cache.len(), 2);
        let held = |w: &str| Short::new(w).is_some_and(|k| terms.cache.contains_key(&k));
        assert!(held("Running") && held("Nations") && !held("running"));
    }

    #[test]
    fn a_clone_starts_with_an_empty_cache_and_gives_the_same_tokens() {
        let mut terms = Terms::new(TERM_CACHE_ENTRIES);
        let mut word = "Defending".to_string();
        terms.replace(&mut word);
        assert_eq!(word, "defend");
        let mut copy = terms.clone();
        assert!(copy.cache.is_empty());
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
    fn words_fit_up_to_23_bytes_and_hash_apart() {
        assert_eq!(
            Short::new(&"a".repeat(23)).map(|s| s.bytes().len()),
            Some(23)
        );
        assert!(Short::new(&"a".repeat(24)).is_none());
        let hash = WordHash { seed: 7 };
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
            "abcdefghijklmnop",
            "abcdefghijklmnoq",
            "ßß",
            "ΣΟΦΟΣ",
        ];
        let mut hashes: Vec<u64> = words
            .iter()
            .filter_map(|w| Short::new(w))
            .map(|w| hash.hash_one(w))
            .collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), words.len());
        // The bucket (low bits) too, for words differing only in their last byte.
        let low = |w: &str| Short::new(w).map(|w| hash.hash_one(w) & 0xff);
        let buckets: std::collections::HashSet<Option<u64>> = (b'a'..=b'z')
            .map(|c| low(&format!("nation{}", c as char)))
            .collect();
        assert!(buckets.len() > 13, "{}", buckets.len());
    }

    #[test]
    fn words_and_terms_too_long_to_hold_are_stemmed_each_time() {
        // 23 bytes held; 24 (a word, or a term longer than its word: "İ" is 2 bytes,
        // its lower case 3) stemmed without the cache.
        let mut terms = Terms::new(TERM_CACHE_ENTRIES);
        for (word, held) in [
            ("a".repeat(23), true),
            ("Nationalizations".repeat(2)[..24].to_string(), false),
            ("İ".repeat(5), true),
            ("İ".repeat(8), false),
        ] {
            let mut got = word.clone();
            terms.replace(&mut got);
            let mut want = tantivy_en_stem();
            assert_eq!(tokens(&mut want, &word)[0].0, got, "{word}");
            assert_eq!(
                Short::new(&word).is_some_and(|k| terms.cache.contains_key(&k)),
                held,
                "{word}"
            );
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
