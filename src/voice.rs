//! Stage 3 of the pipeline, attribution: whose position does a body sentence state? The
//! author's own (`author`), someone else's in indirect speech (`reported`: "X said that …",
//! "according to X"), or someone else's words in quotation marks (`quoted`). A claim
//! (`is_claim`) is always the author's; reported and quoted positions keep their `speaker`
//! so they stay searchable (`query --speaker`).
//!
//! The rules run over a whole document because attribution crosses sentences: a quotation
//! opened in one sentence closes several sentences later, and "she said" names the last
//! person the text introduced ("Ms Adamson" resolves to "Frances Adamson"). Each rule below
//! names the case it handles; the word lists are the tables at the top.

use std::sync::LazyLock;

use regex::Regex;
use regex_automata::meta;
use serde::{Deserialize, Serialize};

/// Whose position a sentence states.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Voice {
    /// The author's own statement (or, in a transcript or statement, the speaker's or
    /// issuer's own words).
    #[default]
    Author,
    /// Indirect speech: "X said that …", "X argues …", "according to X".
    Reported,
    /// Direct quotation of someone else.
    Quoted,
}

impl Voice {
    pub fn as_str(self) -> &'static str {
        match self {
            Voice::Author => "author",
            Voice::Reported => "reported",
            Voice::Quoted => "quoted",
        }
    }
}

/// The attribution of one sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attribution {
    pub voice: Voice,
    /// The person, role or body the text gives as the source, resolved within the
    /// document where it can be (`she` → the last named person).
    pub speaker: Option<String>,
    /// The rule that decided, for `explain` (e.g. `reported:verb-after`).
    pub rule: Option<&'static str>,
}

/// Verbs of saying and arguing that introduce someone else's position.
#[rustfmt::skip]
const REPORTING_VERBS: &[&str] = &[
    "said", "says", "say", "told", "tells", "added", "adds", "argued", "argues", "argue",
    "warned", "warns", "warn", "noted", "stated", "explained", "explains", "wrote", "writes",
    "insisted", "insists", "claimed", "claims", "contended", "contends", "maintained",
    "maintains", "asserted", "asserts", "stressed", "stresses", "emphasized", "emphasised",
    "emphasizes", "emphasises", "acknowledged", "acknowledges", "complained", "complains",
    "declared", "declares", "announced", "announces", "observed", "observes", "remarked",
    "recalled", "cautioned", "cautions", "urged", "urges", "tweeted", "posted", "replied",
    "responded", "asked", "asks", "conceded", "concedes", "admitted", "admits", "lamented",
    "laments", "quipped", "predicted", "predicts", "believes", "believed", "thinks",
    "thought", "suggested", "countered", "counters", "agreed", "agrees", "pointed out",
    "points out", "told reporters", "said in a statement",
    // stance and commitment verbs: the position is the subject's, not the author's
    "reaffirmed", "reaffirms", "reiterated", "reiterates", "expressed", "expresses",
    "welcomed", "welcomes", "pledged", "pledges", "vowed", "vows", "promised", "promises",
    "criticised", "criticized", "criticises", "criticizes", "questioned", "threatened",
    "threatens", "praised", "praises", "hoped", "disagreed", "disagrees", "denied",
    "denies", "accused", "accuses", "rejected", "called for", "calls for", "demanded",
    "proposed", "proposes", "recommended", "recommends", "described", "describes",
    "dismissed", "dismisses", "labelled", "labeled", "branded", "hailed", "hails",
    "condemned", "condemns", "blamed", "blames",
];

/// Heads of a noun phrase that can be a speaker without a capitalised name.
#[rustfmt::skip]
const ROLE_NOUNS: &[&str] = &[
    "officials?", "spokes(?:man|woman|person)", "minister", "ministers", "president",
    "secretary", "ambassador", "diplomats?", "analysts?", "experts?", "critics?", "observers?",
    "sources?", "aides?", "lawmakers?", "senators?", "general", "admiral", "commander", "chief",
    "leaders?", "government", "ministry", "administration", "department", "embassy", "report",
    "statement", "communiqu[eé]", "researchers?", "scholars?", "professor", "economists?",
    "author", "authors", "Kremlin", "Pentagon", "White House",
];

/// Pronouns that stand for a speaker named earlier.
const PRONOUNS: &[&str] = &["he", "she", "they"];

/// Titles that introduce a person's name ("Ms Adamson", "Prime Minister Morrison").
const TITLES: &str = r"(?:Mr|Mrs|Ms|Dr|Prof|Gen|Adm|Sen|Rep|Gov|Lt|Col|Capt|Sgt)\.?|President|Prime Minister|Premier|Chancellor|Minister|Secretary(?:-General)?|Secretary of State|Foreign Minister|Defen[cs]e Minister|Ambassador|Senator|Representative|General|Admiral|Professor|Chairman|Chairwoman|Director|Governor|King|Queen|Prince|Vice President|Spokes(?:man|woman|person)";

fn alternation(words: &[&str]) -> String {
    words.join("|")
}

/// A capitalised name of one to four words, optionally with initials or particles
/// ("Jens Stoltenberg", "Kim Jong Un", "Ruud van Dijk", "CQ Brown").
const NAME: &str =
    r"(?:[A-Z][\w'’.-]*|[A-Z]{2,})(?:\s+(?:van|von|de|der|la|bin|al|[A-Z][\w'’.-]*)){0,3}";

/// The speaker noun phrase: a titled or bare name, a determiner + role, or a pronoun.
static SPEAKER: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?:(?:(?i:the|a|an|one|another|some|many|other|several|US|U\.S\.|American|Chinese|Japanese|Australian|European|NATO|former|senior|top)\s+|\w+'s\s+|\w+’s\s+){{0,3}}(?:[\w-]+\s+){{0,2}}(?i:{roles})(?:\s+{name})?(?:\s+(?:in|at|from|of)\s+(?:the\s+)?{name})?|(?:{titles})\s+{name}|{name}|(?i:{pronouns}))",
        roles = alternation(ROLE_NOUNS),
        name = NAME,
        titles = TITLES,
        pronouns = alternation(PRONOUNS),
    )
});

fn verbs() -> String {
    alternation(REPORTING_VERBS)
}

/// Lazy-DFA cache of a speaker-phrase frame, per regex and thread (regex's default is
/// 2 MB). The frames' DFAs (forward, and reverse to find where a match starts) need
/// 3 to 6 MB on a few hundred documents: in 2 MB the cache was cleared again and again,
/// then given up for the slower NFA engines. The cache only grows as a run needs it.
const FRAME_DFA_CACHE: usize = 16 << 20;

/// Compile a speaker-phrase frame (a pattern of this file, never user input) with
/// [`FRAME_DFA_CACHE`]; like [`crate::static_regex`], a bad pattern is a programming error
/// the unit tests catch.
#[allow(clippy::expect_used)]
fn frame_regex(pattern: &str) -> Regex {
    regex::RegexBuilder::new(pattern)
        .dfa_size_limit(FRAME_DFA_CACHE)
        .build()
        .expect("static regex")
}

/// Case: indirect speech opening the sentence: "Kim said he and Yoshida …", "But Trump
/// argues that …", "He added Washington could …", "Officials in Tokyo warned that …".
static VERB_AFTER_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    frame_regex(&format!(
        r"^(?:(?:But|And|Yet|Still|Now|Meanwhile|However|Instead|Indeed|Later|Then|In \w+|On \w+|Last \w+)[,]?\s+)?(?P<who>{speaker})(?:,[^,]{{3,80}},)?\s+(?:(?:also|later|then|has|have|had|once|repeatedly|recently|publicly|privately|previously|has long|had long|has also|had also|would|will)\s+){{0,2}}(?:{verbs})\b",
        speaker = *SPEAKER,
        verbs = verbs()
    ))
});

/// Case: the attribution follows the reported words: "…, she told The Australian.",
/// "…, says Ruud van Dijk, a security analyst …", "…,” Trump argues, “…". A match opens
/// with one of [`WORDS_FRAME_OPENERS`]; the pattern is anchored and tried at each of them
/// ([`verb_after_words`]).
fn words_frame_pattern() -> String {
    format!(
        r"(?:,|[,!?]?[”\x22’]|—)\s*(?:(?P<who>{speaker})\s+(?:also\s+|later\s+|then\s+)?(?:{verbs})|(?:{verbs})\s+(?P<who2>{speaker}))\b",
        speaker = *SPEAKER,
        verbs = verbs()
    )
}

/// [`words_frame_pattern`], anchored at the start of the haystack.
static VERB_AFTER_WORDS: LazyLock<Regex> =
    LazyLock::new(|| frame_regex(&format!("^(?:{})", words_frame_pattern())));

/// The characters a match of [`words_frame_pattern`] starts with: its opening
/// alternation (a comma; a closing quotation mark, after `,`, `!` or `?` or alone; a dash).
const WORDS_FRAME_OPENERS: [char; 7] = [',', '!', '?', '”', '"', '’', '—'];

/// The leftmost match of [`words_frame_pattern`] in `s`, as its captures. The pattern runs
/// anchored at each opener in turn, and the first that matches is the leftmost match
/// (every match starts at an opener; at a given start, anchored and unanchored searches
/// prefer the same match). Anchored, the lazy DFA follows one start instead of all at
/// once, and no reverse search is needed to find where the match starts: the
/// unanchored search built several MB of DFA states per thread on one pass over 233
/// speeches.
fn verb_after_words(s: &str) -> Option<regex::Captures<'_>> {
    s.match_indices(WORDS_FRAME_OPENERS)
        .find_map(|(i, _)| VERB_AFTER_WORDS.captures(&s[i..]))
}

/// A reporting verb anywhere: both verb frames need one, so a sentence without any (most
/// sentences) skips them; one literal search instead of two speaker-phrase searches.
fn any_verb_pattern() -> String {
    format!(r"(?:{verbs})\b", verbs = verbs())
}

/// [`any_verb_pattern`], compiled without the regex's literal prefilter: over a hundred
/// verbs make it a multi-pattern search that costs more than the lazy DFA alone (about
/// 3,000 against 1,600 instructions a sentence of 1x SOTU). Only whether it matches is
/// asked, which the prefilter never changes. A bad pattern is a programming error the
/// unit tests catch, as with [`crate::static_regex`].
static ANY_VERB: LazyLock<meta::Regex> = LazyLock::new(|| {
    #[allow(clippy::expect_used)]
    meta::Regex::builder()
        .configure(meta::Config::new().auto_prefilter(false))
        .build(&any_verb_pattern())
        .expect("static regex")
});

/// Case: "according to X".
fn according_to_pattern() -> String {
    format!(
        r"(?i:according to)\s+(?P<who>{speaker})",
        speaker = *SPEAKER
    )
}

/// [`according_to_pattern`], anchored: it runs at each `according to` ([`according_to`]).
static ACCORDING_TO: LazyLock<Regex> =
    LazyLock::new(|| frame_regex(&format!("^(?:{})", according_to_pattern())));

/// The leftmost match of [`according_to_pattern`] in `s`, as its captures. Every match
/// starts at an `according to` ([`according_to_starts`]); the anchored pattern runs at each
/// in turn, and the first that matches is the leftmost match (at a given start, anchored
/// and unanchored searches prefer the same match), found without a reverse search.
fn according_to(s: &str) -> Option<regex::Captures<'_>> {
    according_to_starts(s).find_map(|i| ACCORDING_TO.captures(&s[i..]))
}

/// The byte offsets where `according to` starts in `s`, in any case. No character outside
/// ASCII is a case variant of one of its letters (a test checks), so comparing ASCII
/// letters without case finds every one, and each is at a character boundary.
fn according_to_starts(s: &str) -> impl Iterator<Item = usize> + '_ {
    const NEEDLE: &[u8] = b"according to";
    let b = s.as_bytes();
    // Its `cc` first, in any case: most sentences have none, and are not read again.
    let end = if has_cc(b) {
        b.len().saturating_sub(NEEDLE.len() - 1)
    } else {
        0
    };
    // An `a` or `A` first (`x | 0x20` is `a` only for them): a one-byte check that most
    // positions fail.
    (0..end).filter(move |&i| {
        (b[i] | 0x20) == b'a' && b[i..i + NEEDLE.len()].eq_ignore_ascii_case(NEEDLE)
    })
}

/// Whether `c` or `C` follows `c` or `C` somewhere in `b` (`x | 0x20` is `c` only for `c`
/// and `C`).
fn has_cc(b: &[u8]) -> bool {
    let c = |x: u8| (x | 0x20) == b'c';
    crate::ascii::count_pairs(b, |x, y| c(x) & c(y)) > 0
}

/// Case: a person introduced by title or full name, for pronoun resolution.
fn person_pattern() -> String {
    format!(
        r"(?:(?:{titles})\s+)?(?P<name>[A-Z][a-z][\w'’-]*(?:\s+(?:van|von|de|der|[A-Z][a-z][\w'’-]*)){{1,3}})",
        titles = TITLES
    )
}

/// [`person_pattern`], anchored: it runs at each position a match can start at
/// ([`person_names`]).
static PERSON: LazyLock<Regex> =
    LazyLock::new(|| crate::static_regex(&format!("^(?:{})", person_pattern())));

/// A title and the space after it, as [`PERSON`] may open with: where this does not
/// match, a `PERSON` match is all name, and its capture group need not be resolved.
static TITLE_START: LazyLock<Regex> =
    LazyLock::new(|| crate::static_regex(&format!(r"^(?:{TITLES})\s+")));

/// Whether a capital and a small ASCII letter open `s` at byte `i`, as every [`PERSON`]
/// match does (each title and the name start so).
fn capital_word_at(s: &[u8], i: usize) -> bool {
    s.get(i).is_some_and(u8::is_ascii_uppercase) && s.get(i + 1).is_some_and(u8::is_ascii_lowercase)
}

/// Whether the `name` of a [`PERSON`] match can start at byte `i` of `s`: a capital and a
/// small ASCII letter open its first word, and after that word (which runs to the next
/// whitespace, as the name's `\s+` must follow it) and the whitespace comes a second word
/// that opens with a capital and a small letter, or a particle (`van`, `von`, `de`, `der`).
/// A necessary condition, read from the pattern: past the last byte where it holds,
/// `PERSON` cannot match, and most sentences are passed over without running it.
fn name_can_start(s: &str, i: usize) -> bool {
    if !capital_word_at(s.as_bytes(), i) {
        return false;
    }
    // Both bytes are ASCII, so `i + 2` is a character boundary.
    let rest = &s[i + 2..];
    let Some(ws) = find_whitespace(rest) else {
        return false;
    };
    let next = rest[ws..].trim_start();
    next.starts_with("van")
        || next.starts_with("von")
        || next.starts_with("de")
        || capital_word_at(next.as_bytes(), 0)
}

/// `s.find(char::is_whitespace)`, decoding only characters outside ASCII: ASCII
/// whitespace is tab, line feed, vertical tab, form feed, carriage return and space.
fn find_whitespace(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c.is_ascii() {
            if crate::ascii::is_space(c) {
                return Some(i);
            }
            i += 1;
        } else {
            let ch = s.get(i..)?.chars().next()?;
            if ch.is_whitespace() {
                return Some(i);
            }
            i += ch.len_utf8();
        }
    }
    None
}

/// Bit 7 of each byte of `x` that is an ASCII capital (`A` to `Z`), every other bit clear:
/// eight bytes checked at once. With bit 7 dropped, `+ 0x3F` sets it from `A` up and
/// `+ 0x25` from past `Z` (no carry crosses a byte); a byte with bit 7 set is not ASCII.
fn capital_mask(x: u64) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let y = x & LOW7;
    let from_a = y + 0x3F3F_3F3F_3F3F_3F3F;
    let past_z = y + 0x2525_2525_2525_2525;
    from_a & !past_z & !x & HIGH
}

/// Eight bytes of `b` from `i` as a little-endian word (byte `i` lowest).
fn word_at(b: &[u8], i: usize) -> u64 {
    let mut w = [0u8; 8];
    w.copy_from_slice(&b[i..i + 8]);
    u64::from_le_bytes(w)
}

/// The last byte of `s` where the `name` of a [`PERSON`] match can start
/// ([`name_can_start`]), looked for among the ASCII capitals, which are found eight bytes
/// at a time from the end ([`capital_mask`]): most bytes are not capitals.
fn last_name_start(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let whole = b.len() - b.len() % 8;
    for i in (whole..b.len()).rev() {
        if b[i].is_ascii_uppercase() && name_can_start(s, i) {
            return Some(i);
        }
    }
    let mut lo = whole;
    while lo >= 8 {
        lo -= 8;
        let mut m = capital_mask(word_at(b, lo));
        while m != 0 {
            let bit = 63 - m.leading_zeros() as usize;
            m &= !(1 << bit);
            if name_can_start(s, lo + bit / 8) {
                return Some(lo + bit / 8);
            }
        }
    }
    None
}

/// The first ASCII capital in `b[from..to]`, or `to`, found eight bytes at a time.
fn next_capital(b: &[u8], from: usize, to: usize) -> usize {
    let mut i = from;
    while i + 8 <= to {
        let m = capital_mask(word_at(b, i));
        if m != 0 {
            return i + m.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    (i..to).find(|&k| b[k].is_ascii_uppercase()).unwrap_or(to)
}

/// Subjects that make a reporting verb an inference of the author's ("This suggests",
/// "It shows"), not someone else's words.
static NOT_A_SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"^(?i:it|this|that|these|those|which|what|there|history|experience|evidence|the (?:evidence|record|data|history|logic|answer|lesson|result|fact|truth|point|problem)|I|we|you|one|nobody|no one|everyone|anyone)$",
    )
});

/// Case: a conditional clause ("If President Obama believes …, the US needs to …",
/// "Unless Tokyo agrees …"): the verb states a hypothesis the author reasons from, not the
/// subject's reported position, so the frame does not attribute the sentence.
static CONDITIONAL: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(r"^(?:If|Unless|Whether|Even if|Only if|Suppose|Supposing|Assuming)\s")
});

/// Whether a capitalised match is a sentence-opening word rather than a name.
static COMMON_OPENERS: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"^(?:The|A|An|This|That|These|Those|It|Its|Our|We|I|In|On|At|For|By|With|As|If|When|While|But|And|Yet|So|Such|Some|Many|Most|All|No|Not|Even|Only|Both|Each|Every|What|How|Why|Who|Where|There|Here|They|He|She|His|Her|Their|Now|Then|Still|Instead|Indeed|However|Meanwhile|Today|Yesterday|Last|Next|Earlier|Later)$",
    )
});

/// Quote characters: openers and closers. Straight double quotes toggle.
fn quote_balance(s: &str) -> (i32, usize) {
    // Returns (opened − closed for curly double quotes, count of straight double quotes).
    let mut bal = 0i32;
    let mut straight = 0usize;
    for c in s.chars() {
        match c {
            '“' | '«' | '„' => bal += 1,
            '”' | '»' => bal -= 1,
            '"' => straight += 1,
            _ => {}
        }
    }
    (bal, straight)
}

/// Whether `s` has one of the double quotation marks [`quote_balance`] and
/// [`quoted_share`] count (`"`, `“`, `”`, `«`, `»`, `„`), read from the UTF-8 bytes:
/// most sentences have none, and both scans are skipped.
fn has_double_quote(s: &str) -> bool {
    let b = s.as_bytes();
    if s.is_ascii() {
        return b.contains(&b'"');
    }
    b.iter().enumerate().any(|(i, &c)| match c {
        b'"' => true,
        // `«` C2 AB, `»` C2 BB
        0xC2 => matches!(b.get(i + 1), Some(0xAB | 0xBB)),
        // `“` E2 80 9C, `”` E2 80 9D, `„` E2 80 9E
        0xE2 => b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x9C..=0x9E)),
        _ => false,
    })
}

/// Share of the sentence's letters that sit inside double quotation marks.
fn quoted_share(s: &str) -> f64 {
    let mut inside = false;
    let (mut q, mut all) = (0usize, 0usize);
    for c in s.chars() {
        match c {
            '“' | '«' | '„' => inside = true,
            '”' | '»' => inside = false,
            '"' => inside = !inside,
            c if c.is_alphanumeric() => {
                all += 1;
                if inside {
                    q += 1;
                }
            }
            _ => {}
        }
    }
    if all == 0 { 0.0 } else { q as f64 / all as f64 }
}

fn opens_with_quote(s: &str) -> bool {
    let t = s.trim_start_matches(|c: char| c == '(' || c == '[' || c.is_whitespace());
    let t = t
        .strip_prefix("But ")
        .or_else(|| t.strip_prefix("And "))
        .unwrap_or(t);
    t.starts_with(['“', '"', '«', '„'])
}

fn clean_speaker(raw: &str) -> Option<String> {
    let s = raw
        .trim()
        .trim_matches(|c: char| c == ',' || c == '“' || c == '”' || c == '"');
    let s = s
        .strip_prefix("But ")
        .or_else(|| s.strip_prefix("And "))
        .unwrap_or(s)
        .trim();
    if s.is_empty() || NOT_A_SPEAKER.is_match(s) || CONDITIONAL.is_match(s) {
        return None;
    }
    if PRONOUNS.iter().any(|p| p.eq_ignore_ascii_case(s)) {
        return Some(s.to_string());
    }
    let first = s.split_whitespace().next().unwrap_or("");
    if s.split_whitespace().count() == 1 && COMMON_OPENERS.is_match(first) {
        return None;
    }
    Some(s.to_string())
}

/// The names [`person_pattern`] finds in `sentence`, left to right, as an unanchored
/// search finds them (`captures_iter`, group `name`). The anchored [`PERSON`] runs only
/// where a match can start (a capital and a small letter, [`capital_word_at`]) and up to
/// the last byte where a name can start ([`name_can_start`]); the first position where it
/// matches is the leftmost match, and at a given start anchored and unanchored searches
/// prefer the same match. Anchored, no reverse search finds where the match starts, and
/// the capture group is resolved only after a title ([`TITLE_START`]).
fn person_names(sentence: &str) -> impl Iterator<Item = &str> {
    let bytes = sentence.as_bytes();
    let last = last_name_start(sentence);
    let mut at = 0;
    std::iter::from_fn(move || {
        let last = last?;
        while at <= last {
            at = next_capital(bytes, at, last + 1);
            if at > last {
                break;
            }
            if !capital_word_at(bytes, at) {
                at += 1;
                continue;
            }
            // `at` is at an ASCII byte, a character boundary.
            let rest = &sentence[at..];
            let Some(m) = PERSON.find(rest) else {
                at += 1;
                continue;
            };
            at += m.end().max(1);
            // Without a title at its start the match is the name; with one, the capture
            // group tells where the name begins.
            if !TITLE_START.is_match(rest) {
                return Some(m.as_str());
            }
            if let Some(n) = PERSON.captures(rest).and_then(|c| c.name("name")) {
                return Some(n.as_str());
            }
        }
        None
    })
}

/// Remembers the people a document introduces, to resolve pronouns and surnames.
#[derive(Default)]
struct People {
    /// Full names in order of appearance.
    names: Vec<String>,
    /// The last person named (in a reporting frame or by title and name).
    last: Option<String>,
}

impl People {
    /// Note the people `sentence` names ([`person_names`]).
    fn observe(&mut self, sentence: &str) {
        for n in person_names(sentence) {
            let first = n.split_whitespace().next().unwrap_or("");
            if COMMON_OPENERS.is_match(first) {
                continue;
            }
            let full = self.resolve_name(n);
            if full == n && !self.names.iter().any(|x| x == n) {
                self.names.push(full.clone());
            }
            self.last = Some(full);
        }
    }

    /// A surname or titled surname ("Ms Adamson") → the full name introduced earlier.
    fn resolve_name(&self, who: &str) -> String {
        let bare = who
            .split_whitespace()
            .filter(|w| {
                !TITLE_WORDS
                    .iter()
                    .any(|t| t.eq_ignore_ascii_case(w.trim_end_matches('.')))
            })
            .collect::<Vec<_>>();
        if bare.len() == 1 {
            let surname = bare[0];
            if let Some(full) = self.names.iter().rev().find(|n| {
                n.split_whitespace().count() > 1 && n.split_whitespace().last() == Some(surname)
            }) {
                return full.clone();
            }
        }
        who.to_string()
    }

    fn resolve(&self, who: &str) -> String {
        if PRONOUNS.iter().any(|p| p.eq_ignore_ascii_case(who)) {
            if who.eq_ignore_ascii_case("they") {
                return "they".to_string();
            }
            return self.last.clone().unwrap_or_else(|| who.to_lowercase());
        }
        self.resolve_name(who)
    }
}

/// Title words stripped when matching a surname to a full name.
#[rustfmt::skip]
const TITLE_WORDS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Adm", "Sen", "President", "Prime", "Minister",
    "Secretary", "Ambassador", "Senator", "General", "Admiral", "Professor", "Chancellor",
];

/// A sentence to attribute: its text, its paragraph, and the speaker label of that
/// paragraph in a transcript (`PRIME MINISTER MORRISON:`), if any.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    pub text: &'a str,
    pub paragraph: usize,
    pub label: Option<&'a str>,
}

/// Attribute every sentence of a document, in order.
pub fn attribute(lines: &[Line<'_>]) -> Vec<Attribution> {
    let mut out = Vec::with_capacity(lines.len());
    let mut people = People::default();
    // An open quotation carried from the previous sentence of the same paragraph.
    let mut open_quote = false;
    let mut prev_para = usize::MAX;
    let mut para_speaker: Option<String> = None;
    for line in lines {
        let s = line.text;
        if line.paragraph != prev_para {
            open_quote = false;
            para_speaker = None;
            prev_para = line.paragraph;
        }
        // Without a double quotation mark, the balance, the count and the share are 0.
        let quotes = has_double_quote(s);
        let (bal, straight) = if quotes { quote_balance(s) } else { (0, 0) };
        let starts_inside = open_quote;
        let ends_inside = if bal != 0 {
            starts_inside || bal > 0
        } else {
            starts_inside ^ (straight % 2 == 1)
        } && bal >= 0;
        let mut a = Attribution::default();
        // The first reporting frame, in rule order, whose speaker is a plausible one.
        // (frame, rule, whether it needs a reporting verb)
        type Frame = fn(&str) -> Option<regex::Captures<'_>>;
        let frames: [(Frame, &'static str, bool); 3] = [
            (
                |s| VERB_AFTER_SUBJECT.captures(s),
                "reported:speaker-verb",
                true,
            ),
            (verb_after_words, "reported:verb-after-words", true),
            (according_to, "reported:according-to", false),
        ];
        let has_verb = ANY_VERB.is_match(s);
        let frame = frames.iter().find_map(|(search, rule, needs_verb)| {
            if *needs_verb && !has_verb {
                return None;
            }
            let c = search(s)?;
            let who = c.name("who").or_else(|| c.name("who2"))?.as_str();
            clean_speaker(who).map(|_| (who.to_string(), *rule))
        });
        let share = if quotes { quoted_share(s) } else { 0.0 };
        let mostly_quoted = starts_inside || opens_with_quote(s) || share >= 0.5;
        if let Some((who, rule)) = &frame {
            let who = clean_speaker(who).map(|w| people.resolve(&w));
            a.voice = if mostly_quoted {
                Voice::Quoted
            } else {
                Voice::Reported
            };
            a.rule = Some(if mostly_quoted {
                "quoted:attributed"
            } else {
                rule
            });
            a.speaker = who.clone();
            para_speaker = who;
        } else if mostly_quoted {
            a.voice = Voice::Quoted;
            a.rule = Some(if starts_inside {
                "quoted:continued"
            } else {
                "quoted:opening-quote"
            });
            // The speaker of a continued or later-attributed quotation: the paragraph's
            // last speaker.
            a.speaker = para_speaker.clone();
        }
        if a.voice == Voice::Author
            && let Some(label) = line.label
        {
            a.speaker = Some(label.to_string());
            a.rule = Some("author:speaker-label");
        }
        people.observe(s);
        open_quote = ends_inside;
        out.push(a);
    }
    // A quotation attributed only after it ends ("“…” she said.") lends its speaker
    // back to the quoted sentences of its paragraph that had none.
    for i in (0..out.len()).rev() {
        if out[i].voice == Voice::Quoted && out[i].speaker.is_none() {
            let next = out
                .get(i + 1)
                .filter(|n| {
                    lines[i + 1].paragraph == lines[i].paragraph && n.voice != Voice::Author
                })
                .and_then(|n| n.speaker.clone());
            out[i].speaker = next;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &[&str]) -> Vec<Attribution> {
        let lines: Vec<Line> = text
            .iter()
            .map(|t| Line {
                text: t,
                paragraph: 0,
                label: None,
            })
            .collect();
        attribute(&lines)
    }

    #[test]
    fn voice_cases() {
        // (sentence, voice, speaker) — each row names the case.
        let cases: &[(&str, Voice, Option<&str>)] = &[
            // author: a plain assertion, an inference verb with a non-person subject
            ("Allies must spend more on defence.", Voice::Author, None),
            (
                "This suggests the alliance is in trouble.",
                Voice::Author,
                None,
            ),
            (
                "I argue that the Quad is not an alliance.",
                Voice::Author,
                None,
            ),
            // reported: name + verb at the start
            (
                "Kim said he and Yoshida share a lot of the same thoughts.",
                Voice::Reported,
                Some("Kim"),
            ),
            (
                "But Trump argues that allies must pay.",
                Voice::Reported,
                Some("Trump"),
            ),
            (
                "Officials in Tokyo warned that the talks could fail.",
                Voice::Reported,
                None,
            ),
            // reported: attribution after the words
            (
                "The treaty is unfair, the president told reporters.",
                Voice::Reported,
                Some("the president"),
            ),
            // reported: according to
            (
                "According to the ministry, the drills will continue.",
                Voice::Reported,
                Some("the ministry"),
            ),
            // quoted: opening quotation mark
            (
                "“NATO is not a charity,” says Ruud van Dijk, a security analyst.",
                Voice::Quoted,
                Some("Ruud van Dijk"),
            ),
            ("\"We will defend our allies.\"", Voice::Quoted, None),
        ];
        for (s, voice, speaker) in cases {
            let a = &run(&[s])[0];
            assert_eq!(a.voice, *voice, "{s}: {a:?}");
            if let Some(sp) = speaker {
                assert_eq!(a.speaker.as_deref(), Some(*sp), "{s}: {a:?}");
            }
        }
    }

    #[test]
    fn quotation_over_several_sentences() {
        let a = run(&[
            "“The alliance is strong.",
            "It will last.",
            "Nobody doubts it,” said Jens Stoltenberg.",
            "The summit ended on Friday.",
        ]);
        assert_eq!(a[0].voice, Voice::Quoted);
        assert_eq!(a[1].voice, Voice::Quoted, "{:?}", a[1]);
        assert_eq!(a[2].voice, Voice::Quoted);
        assert_eq!(a[2].speaker.as_deref(), Some("Jens Stoltenberg"));
        assert_eq!(a[0].speaker.as_deref(), Some("Jens Stoltenberg"));
        assert_eq!(a[3].voice, Voice::Author);
    }

    #[test]
    fn pronouns_and_surnames_resolve_to_the_last_named_person() {
        let a = run(&[
            "Foreign Minister Frances Adamson visited Beijing in May.",
            "Ms Adamson said the relationship had been damaged.",
            "She added that Canberra would not back down.",
        ]);
        assert_eq!(a[1].speaker.as_deref(), Some("Frances Adamson"));
        assert_eq!(a[2].voice, Voice::Reported);
        assert_eq!(a[2].speaker.as_deref(), Some("Frances Adamson"));
    }

    #[test]
    fn transcript_labels_make_the_speaker_the_author() {
        let lines = [Line {
            text: "We will build these submarines together.",
            paragraph: 0,
            label: Some("PRIME MINISTER MORRISON"),
        }];
        let a = attribute(&lines);
        assert_eq!(a[0].voice, Voice::Author);
        assert_eq!(a[0].speaker.as_deref(), Some("PRIME MINISTER MORRISON"));
    }

    #[test]
    fn a_conditional_clause_is_not_a_report() {
        for (text, voice) in [
            (
                "If President Obama believes that alliances matter, the US needs to network its allies.",
                Voice::Author,
            ),
            (
                "Unless Tokyo agrees to pay more, the deal will lapse.",
                Voice::Author,
            ),
            (
                "President Obama believes that alliances matter.",
                Voice::Reported,
            ),
        ] {
            let lines = [Line {
                text,
                paragraph: 0,
                label: None,
            }];
            assert_eq!(attribute(&lines)[0].voice, voice, "{text}");
        }
    }

    /// Words, names, separators and quotation marks the frames and the person search
    /// look at, for generated sentences.
    const VOCAB: &[&str] = &[
        "Kim",
        "Jens",
        "Stoltenberg",
        "Ruud",
        "van",
        "Dijk",
        "von",
        "de",
        "der",
        "Ms",
        "Mr.",
        "Dr",
        "Prime",
        "Minister",
        "Secretary",
        "of",
        "State",
        "Secretary-General",
        "John",
        "Kerry",
        "President",
        "Obama",
        "The",
        "United",
        "States",
        "McDonald",
        "O’Neil",
        "the",
        "president",
        "officials",
        "Officials",
        "in",
        "Tokyo",
        "a",
        "security",
        "analyst",
        "White",
        "House",
        "she",
        "She",
        "he",
        "they",
        "said",
        "says",
        "told",
        "argues",
        "warned",
        "added",
        "also",
        "then",
        "has",
        "pointed",
        "out",
        "essays",
        "according",
        "to",
        "According",
        "ACCORDING",
        "TO",
        "acCording",
        "that",
        ",",
        ".",
        "”",
        "“",
        "\"",
        "’",
        "—",
        "!",
        "?",
        "«",
        "»",
        "„",
        "(",
        "Élysée",
        "Zoë",
        "ſaid",
        "İ",
        "\u{a0}",
        "\u{2009}",
        "\t",
        "_",
        "Li",
        "Wei",
        "X",
    ];

    fn sentence() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        proptest::collection::vec(
            (
                proptest::sample::select(VOCAB),
                proptest::sample::select(&[" ", " ", " ", "", "  ", ", "][..]),
            ),
            0..16,
        )
        .prop_map(|ws| ws.into_iter().map(|(w, sep)| format!("{w}{sep}")).collect())
    }

    /// The names the unanchored pattern finds, as `People::observe` read them before.
    fn person_names_unanchored(s: &str) -> Vec<String> {
        static RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(&person_pattern()).unwrap());
        RE.captures_iter(s)
            .filter_map(|c| c.name("name").map(|m| m.as_str().to_string()))
            .collect()
    }

    /// The leftmost match of the unanchored words frame: (match, speaker).
    fn words_frame_unanchored(s: &str) -> Option<(String, String)> {
        static RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(&words_frame_pattern()).unwrap());
        let c = RE.captures(s)?;
        let who = c
            .name("who")
            .or_else(|| c.name("who2"))?
            .as_str()
            .to_string();
        Some((c[0].to_string(), who))
    }

    /// Whether `s` has `according to` in any case, as [`according_to_starts`] finds it.
    fn has_according_to(s: &str) -> bool {
        according_to_starts(s).next().is_some()
    }

    /// The leftmost match of the unanchored `according to` frame: (match, speaker).
    fn according_frame_unanchored(s: &str) -> Option<(String, String)> {
        static RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(&according_to_pattern()).unwrap());
        let c = RE.captures(s)?;
        Some((c[0].to_string(), c["who"].to_string()))
    }

    fn according_frame(s: &str) -> Option<(String, String)> {
        let c = according_to(s)?;
        Some((c[0].to_string(), c["who"].to_string()))
    }

    fn words_frame(s: &str) -> Option<(String, String)> {
        let c = verb_after_words(s)?;
        let who = c
            .name("who")
            .or_else(|| c.name("who2"))?
            .as_str()
            .to_string();
        Some((c[0].to_string(), who))
    }

    #[test]
    fn anchored_searches_find_what_unanchored_ones_find() {
        for s in [
            "Foreign Minister Frances Adamson visited Beijing in May.",
            "Secretary of State John Kerry met Ruud van Dijk and Kim Jong Un.",
            "The United States and Prime Minister Morrison; Mr. Smith, Jones said.",
            "McDonald’s O’Neil-Smith Jr spoke. Ms Adamson said so.",
            "No names here at all.",
            "“NATO is not a charity,” says Ruud van Dijk, a security analyst.",
            "The treaty is unfair, the president told reporters.",
            "Nobody doubts it,” said Jens Stoltenberg.",
            "It will last — Trump argues, “and it will grow.”",
            "Allies, partners, friends: all pay, as the essays say.",
            "Li Wei\u{a0}Zhang and Zoë Élysée\u{2009}Martin met.",
            "According to the ministry, the drills will continue.",
            "Success, according to according to officials in Tokyo, ACCORDING TO Kim.",
            "The account, according  to whom? accordingto, acc",
            "He said_ it; she saidé so; they saids; essays say, officials told reporters",
            "He said\u{a0}no; she saidー; the calls foreign; it was pointed out",
            "",
        ] {
            assert_eq!(
                person_names(s).collect::<Vec<_>>(),
                person_names_unanchored(s),
                "{s}"
            );
            assert_eq!(words_frame(s), words_frame_unanchored(s), "{s}");
            assert_eq!(according_frame(s), according_frame_unanchored(s), "{s}");
            let verb = Regex::new(&any_verb_pattern()).unwrap();
            assert_eq!(ANY_VERB.is_match(s), verb.is_match(s), "{s}");
        }
    }

    proptest::proptest! {
        /// The person search (anchored, after the `name_can_start` check) finds the names
        /// the unanchored `captures_iter` finds; the words frame tried at each opener finds
        /// the unanchored leftmost match; the quotation and `according to` checks never
        /// say no where there is one.
        #[test]
        fn fast_paths_agree_with_the_patterns(s in sentence()) {
            proptest::prop_assert_eq!(
                person_names(&s).collect::<Vec<_>>(),
                person_names_unanchored(&s)
            );
            proptest::prop_assert_eq!(words_frame(&s), words_frame_unanchored(&s));
            proptest::prop_assert_eq!(according_frame(&s), according_frame_unanchored(&s));
            static VERB: LazyLock<Regex> = LazyLock::new(|| Regex::new(&any_verb_pattern()).unwrap());
            proptest::prop_assert_eq!(ANY_VERB.is_match(&s), VERB.is_match(&s));
            proptest::prop_assert_eq!(
                has_double_quote(&s),
                s.contains(['"', '“', '”', '«', '»', '„'])
            );
            static ACCORDING: LazyLock<Regex> =
                LazyLock::new(|| Regex::new("(?i:according to)").unwrap());
            proptest::prop_assert_eq!(has_according_to(&s), ACCORDING.is_match(&s));
        }
    }

    /// The word-at-a-time capital searches find what a byte-by-byte search finds.
    #[test]
    fn capital_searches() {
        for s in [
            "",
            "Kim Jong",
            "Ruud van",
            "The United States and Élysée Zoë met Jens Stoltenberg, said Ms. Li.",
            "xx Li Wei\u{a0}Zhang and Zoë Élysée\u{2009}Martin met with Prime Minister Ab",
        ] {
            let naive = (0..s.len()).rev().find(|&i| name_can_start(s, i));
            assert_eq!(last_name_start(s), naive, "{s}");
        }
        for s in [
            "",
            "A",
            "no capitals here at all, none",
            "The United States and Élysée Zoë Ĳ ÀZ@[`{ AZaz",
            "x\u{a0}Y\u{2009}Zq\u{7f}\u{80}QWERTYUIOPasdfghjkl",
        ] {
            let b = s.as_bytes();
            let naive: Vec<usize> = (0..b.len())
                .filter(|&i| b[i].is_ascii_uppercase())
                .collect();
            for from in 0..=b.len() {
                for to in from..=b.len() {
                    let want = naive.iter().copied().find(|&i| i >= from && i < to);
                    assert_eq!(
                        next_capital(b, from, to),
                        want.unwrap_or(to),
                        "{s} {from} {to}"
                    );
                }
            }
        }
    }

    #[test]
    fn quotation_and_according_to_checks() {
        for (s, quote, according) in [
            ("Plain text, no marks.", false, false),
            ("He said \"no\".", true, false),
            ("“Yes,” she said.", true, false),
            ("The end”", true, false),
            ("« Non »", true, false),
            ("„Ja“", true, false),
            ("It’s a dash — and an ellipsis …", false, false),
            ("\u{a0}Non-breaking space", false, false),
            ("According to the ministry, drills continue.", false, true),
            ("ACCORDING TO officials", false, true),
            ("accordingto officials, accord ing to", false, false),
            ("The account, according  to whom?", false, false),
        ] {
            assert_eq!(has_double_quote(s), quote, "{s}");
            assert_eq!(has_according_to(s), according, "{s}");
        }
    }

    /// The Unicode facts the fast paths rest on, for every character: `\s` is
    /// `char::is_whitespace` (`name_can_start`), and no character outside ASCII is a case
    /// variant of a letter of `according to` (`according_to_starts`).
    #[test]
    fn unicode_facts_behind_the_fast_paths() {
        let space = Regex::new(r"^\s$").unwrap();
        let letters = Regex::new(r"^(?i:[acording t])$").unwrap();
        let mut buf = [0u8; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = c.encode_utf8(&mut buf);
            assert_eq!(space.is_match(s), c.is_whitespace(), "{c:?}");
            assert!(c.is_ascii() || !letters.is_match(s), "{c:?}");
        }
    }

    /// Every match of the person pattern opens with a capital and a small ASCII letter
    /// (titles included), and every match of the words frame with one of its openers: the
    /// positions the anchored searches are tried at.
    #[test]
    fn anchored_searches_start_where_matches_can() {
        use regex_syntax::hir::literal::{ExtractKind, Extractor};
        let prefixes = |pattern: &str| {
            let hir = regex_syntax::parse(pattern).unwrap();
            let mut ex = Extractor::new();
            ex.kind(ExtractKind::Prefix).limit_total(100_000);
            let seq = ex.extract(&hir);
            seq.literals()
                .expect("a finite set of prefixes")
                .iter()
                .map(|l| String::from_utf8(l.as_bytes().to_vec()).unwrap())
                .collect::<Vec<_>>()
        };
        for p in prefixes(&format!("(?:{TITLES})")) {
            assert!(capital_word_at(p.as_bytes(), 0), "{p:?}");
        }
        let words = prefixes(&words_frame_pattern());
        assert!(!words.is_empty());
        for p in words {
            let first = p.chars().next().unwrap();
            assert!(WORDS_FRAME_OPENERS.contains(&first), "{p:?}");
        }
    }

    #[test]
    fn static_regexes_compile() {
        for r in [
            &*VERB_AFTER_SUBJECT,
            &*VERB_AFTER_WORDS,
            &*ACCORDING_TO,
            &*PERSON,
            &*TITLE_START,
            &*NOT_A_SPEAKER,
            &*COMMON_OPENERS,
            &*CONDITIONAL,
        ] {
            assert!(!r.as_str().is_empty());
        }
    }
}
