//! Stage 2 (sentences), rules: a byte scanner over one paragraph. Candidate boundaries are
//! runs of terminal punctuation (`.`, `!`, `?`, `…`, spaced `. . .`) followed, behind any
//! closing quotes or brackets, by whitespace; fullwidth stops (`．`, `。`) need none, and
//! a stop attached to footnote markers or to a capitalised word (`martyr.[1] The`,
//! `world.Today`) is a candidate too. Open single-quoted passages and square brackets
//! ([`Nesting`]) veto candidates inside them; the rest are decided by [`decide`], which
//! consults the lexicon (`lexicon.rs`). Before scanning, [`line_cuts`] cuts list-entry
//! lines, and [`enumeration`] cuts inline enumerations (`1. The first item 2. The second
//! item`), at the start of a paragraph or after a sentence end, into items.
//!
//! Rule names in comments refer to Golden Rules ids (`golden N`), to named rules
//! (`footnote-after-stop`, ...) or to unit tests in `tests.rs` / `tests/golden_rules.rs`.

use std::cell::Cell;
use std::ops::Range;

use super::lexicon::{self, Kind};

/// Push `text[start..end]`, trimmed, unless it is blank.
fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    let s = &text[start..end];
    let t = s.trim_start();
    if t.is_empty() {
        return;
    }
    let lead = s.len() - t.len();
    let trail = t.len() - t.trim_end().len();
    out.push(start + lead..end - trail);
}

/// Characters that close a sentence behind its punctuation.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '*' | '_' | '}' | '」' | '』' | '）' | '】'
    )
}

/// Characters that open a sentence before its first word.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '*' | '_' | '¿' | '¡' | '{' | '„'
    )
}

/// A run of terminal punctuation.
struct Run {
    /// Byte just after the run.
    end: usize,
    /// Number of dots (`…` counts as three).
    dots: usize,
    /// Contains `!` or `?`.
    bang: bool,
    /// `word. . . .`: a period attached to a word, then a spaced ellipsis (golden 48).
    attached_then_spaced: bool,
}

/// Parse the run of terminal punctuation starting at `i` (which holds `.`, `!`, `?` or `…`).
fn parse_run(b: &[u8], i: usize, end: usize) -> Run {
    let mut j = i;
    let mut dots = 0;
    let mut bang = false;
    let mut spaced_after_first = false;
    while j < end {
        match b[j] {
            b'.' => {
                dots += 1;
                j += 1;
            }
            b'!' | b'?' => {
                bang = true;
                j += 1;
            }
            0xE2 if b.get(j + 1) == Some(&0x80) && b.get(j + 2) == Some(&0xA6) => {
                dots += 3;
                j += 3;
            }
            // Spaced ellipsis: `. . .` (golden 43, 45, 47, 48).
            b' ' if dots > 0
                && j > i
                && b[j - 1] == b'.'
                && b.get(j + 1) == Some(&b'.')
                && (j + 1) < end =>
            {
                if j == i + 1 {
                    spaced_after_first = true;
                }
                j += 1;
            }
            _ => break,
        }
    }
    let attached = i > 0 && !b[i - 1].is_ascii_whitespace();
    Run {
        end: j,
        dots,
        bang,
        attached_then_spaced: attached && spaced_after_first && dots >= 4,
    }
}

/// The word before byte `pos` (back to whitespace, not before `from`), without leading
/// openers.
fn word_before(text: &str, from: usize, pos: usize) -> (usize, &str) {
    let head = &text[from..pos];
    let start = from
        + head
            .char_indices()
            .rev()
            .find(|&(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
    let w = &text[start..pos];
    let t = w.trim_start_matches(|c: char| is_opener(c) || BULLETS.contains(&c));
    (pos - t.len(), t)
}

/// The first word of `s` after openers: (its first char, the word of alphanumerics).
fn first_word(s: &str) -> (Option<char>, &str) {
    let t = s.trim_start_matches(|c: char| is_opener(c) || matches!(c, '$' | '£' | '€' | '¥'));
    let first = t.chars().next();
    let end = t
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(t.len(), |(i, _)| i);
    (first, &t[..end])
}

/// Is `nword`, the first word of `next`, a single capital followed by a period (`A. Richards`)?
fn next_is_initial(next: &str, nword: &str) -> bool {
    let mut chars = nword.chars();
    let single = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    single
        && next
            .find(nword)
            .is_some_and(|p| next.as_bytes().get(p + nword.len()) == Some(&b'.'))
}

/// `(Smith 55).` right after a quotation: a citation belongs to the sentence before it
/// (golden 44).
fn is_citation(next: &str) -> bool {
    let Some(rest) = next.strip_prefix('(') else {
        return false;
    };
    let window = &rest.as_bytes()[..rest.len().min(80)];
    window
        .iter()
        .position(|&c| c == b')' || c == b'(')
        .is_some_and(|p| {
            window[p] == b')' && matches!(rest.as_bytes().get(p + 1), Some(b'.' | b',' | b';'))
        })
}

fn is_roman(w: &str) -> bool {
    !w.is_empty() && w.len() <= 6 && w.bytes().all(|c| b"IVXLC".contains(&c))
}

/// `U.S`, `E.U`, `U.S.A`, `J.F.K`, `Ph.D`, `M.A`: letters in groups of one or two,
/// separated by dots.
fn is_dotted_acronym(w: &str) -> bool {
    w.contains('.')
        && w.split('.')
            .all(|p| (1..=2).contains(&p.chars().count()) && p.chars().all(|c| c.is_alphabetic()))
        && w.chars().next().is_some_and(char::is_uppercase)
}

/// `At 5 a.m.` — the sentence so far is a short phrase opened by a preposition (golden 18).
fn fronted_time_phrase(sentence: &str) -> bool {
    let mut words = sentence.split_whitespace();
    let first = words.next().unwrap_or("");
    lexicon::is_time_preposition(first) && words.count() <= 3
}

/// Decide a candidate boundary. `sent` is where the current sentence starts, `i..run.end`
/// the punctuation, `j` the byte after closers, `next` the text after the whitespace.
/// Returns where the sentence ends, or `None` to glue.
fn decide(text: &str, sent: usize, i: usize, run: &Run, j: usize, next: &str) -> Option<usize> {
    // Citation after a quotation stays with it: `[...]" (Smith 55).` (golden 44).
    if is_citation(next) {
        return None;
    }
    let (first, nword) = first_word(next);
    let Some(first) = first else {
        return Some(j);
    };
    // A lower-case continuation never starts a sentence: `co. at`, `Yahoo! in`,
    // `'This is great.' she said`, `weakened . . . was` (golden 6, 11, 21, 24, 41, 47, 48).
    if first.is_lowercase() {
        return None;
    }
    // `!`, `?`, `!!`, `?!` before anything else end the sentence (golden 2, 3, 27-30).
    if run.bang {
        return Some(j);
    }
    if run.dots >= 2 {
        // `compounds. . . . The`: the period ends the sentence, the ellipsis opens the next
        // one (golden 48).
        if run.attached_then_spaced {
            return Some(i + 1);
        }
        // Four dots are an ellipsis plus a period: `that.... She`, `period . . . . Next`
        // (golden 45, 46).
        if run.dots >= 4 {
            return Some(j);
        }
        // Three dots before the pronoun `I` are an omission inside the sentence (golden 47).
        if nword == "I" {
            return None;
        }
        return Some(j);
    }
    let (wstart, word) = word_before(text, sent, i);
    if word.is_empty() {
        return Some(j);
    }
    // List marker opening the sentence: `1.) The`, `• 9. The`, `a. The` (golden 31-39),
    // `A. Scope`, `II. The economy` (test `abbreviations`, case `marker-letter-roman`).
    let before = &text[sent..wstart];
    if !before.chars().any(char::is_alphanumeric)
        && (((1..=3).contains(&word.len()) && word.bytes().all(|c| c.is_ascii_digit()))
            || (word.len() == 1 && word.bytes().all(|c| c.is_ascii_alphabetic()))
            || (word.len() <= 4 && is_roman(word)))
    {
        return None;
    }
    let digit_next = first.is_ascii_digit();
    // The next word is itself an initial (`W. A. Richards`): never a sentence opener.
    let starter = !next_is_initial(next, nword) && lexicon::is_starter(nword);
    // Initials: `Jonas E. Smith`, `Frederick P. Stearns`, `Albert I. Jones` vs
    // `you and I. Did` (golden 4, 42). Checked before the lexicon, where `p` is a page.
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return starter.then_some(j);
    }
    // `Vol. 11-No. 16`: the abbreviation is the last part of a hyphenated word.
    let tail = word
        .rsplit(['-', '–', '—', '/'])
        .next()
        .unwrap_or(word)
        .trim_start_matches(is_opener);
    if let Some(kind) = lexicon::lookup(tail) {
        return match kind {
            // `Dr. Smith`, `Mt. Fuji`, `St. Michael's` (golden 10, 11, 18), but
            // `on Main St. The ...` ends (test `abbreviations`).
            Kind::Title => starter.then_some(j),
            // `cf. Smith`, `e.g. China` (test `abbreviations`).
            Kind::Inline => None,
            // `p. 55`, `No. 16`, `Vol. II`, `N°. 1026` (golden 5, 40).
            Kind::NumRef => (!(digit_next || is_roman(nword))).then_some(j),
            // `Jan. 6`, `Sept. 11` (test `abbreviations`).
            Kind::Month => (!digit_next).then_some(j),
            // `Briggs & Co. It closed`, `and co. They` (golden 8, 9); `et al. 2020` glues;
            // `GmbH & Co. KG`: a legal form continues the company name (rule
            // `company-form`).
            Kind::MayEnd => (first.is_uppercase() && !lexicon::is_company_form(nword)).then_some(j),
            // `At 5 a.m. Mr. Smith` vs `at 6 P.M. Mr. Smith` (golden 18).
            // `8 p.m. ET` (test `abbreviations`, case `am-pm-zone`).
            Kind::Time => (!(fronted_time_phrase(&text[sent..wstart])
                || lexicon::is_time_zone(nword)))
            .then_some(j),
        };
    }
    // Dotted acronyms end a sentence only before a sentence opener:
    // `the U.S. How` vs `the U.S. Government` (golden 13-17).
    if is_dotted_acronym(word) {
        return starter.then_some(j);
    }
    Some(j)
}

/// Byte length of the fullwidth or ideographic stop at `i` (`。`, `．`, `！`, `？`, `｡`), or 0.
fn fullwidth_stop_len(b: &[u8], i: usize) -> usize {
    match (b.get(i), b.get(i + 1), b.get(i + 2)) {
        (Some(0xE3), Some(0x80), Some(0x82))
        | (Some(0xEF), Some(0xBC), Some(0x8E | 0x81 | 0x9F))
        | (Some(0xEF), Some(0xBD), Some(0xA1)) => 3,
        _ => 0,
    }
}

/// Does any byte of `x` equal `c`? (Nonzero when one does.)
#[inline]
fn swar_has(x: u64, c: u8) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let y = x ^ (LO * u64::from(c));
    y.wrapping_sub(LO) & !y & HI
}

/// The first byte at or after `i` that may start terminal punctuation (`.`, `!`, `?`, `…`,
/// or a fullwidth stop), or `end`. Skips eight bytes at a time (SWAR) while no byte can
/// start one: this loop is the hot path.
#[inline]
fn next_candidate(b: &[u8], mut i: usize, end: usize) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    #[inline]
    fn has(x: u64, c: u8) -> u64 {
        let y = x ^ (LO * u64::from(c));
        y.wrapping_sub(LO) & !y & HI
    }
    while i + 8 <= end {
        let Some(Ok(chunk)) = b.get(i..i + 8).map(<[u8; 8]>::try_from) else {
            break;
        };
        let x = u64::from_le_bytes(chunk);
        if has(x, b'.') | has(x, b'!') | has(x, b'?') | has(x, 0xE2) | has(x, 0xE3) | has(x, 0xEF)
            != 0
        {
            break;
        }
        i += 8;
    }
    while i < end {
        match b[i] {
            b'.' | b'!' | b'?' => return i,
            0xE2 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0xA6) => return i,
            0xE3 | 0xEF if fullwidth_stop_len(b, i) > 0 => return i,
            _ => i += 1,
        }
    }
    end
}

/// The byte after the closing quotes and brackets that start at `j`.
fn skip_closers(text: &str, mut j: usize, end: usize) -> usize {
    for ch in text[j..end].chars() {
        if !is_closer(ch) {
            break;
        }
        j += ch.len_utf8();
    }
    j
}

/// How a single-quoted passage is quoted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    /// `'...'`
    Straight,
    /// `‘...’`
    Curly,
}

/// Single-quoted passages are looked for this far ahead; a longer one is not a passage.
const PASSAGE_MAX: usize = 2000;
/// Square brackets must close this far ahead of a stop inside them.
const BRACKET_MAX: usize = 200;

/// Open quotations and brackets of the sentence being scanned, advanced from the sentence
/// start up to each candidate boundary (rules `single-quoted-passage` and
/// `inside-square-brackets` in [`Nesting::glues`]).
struct Nesting {
    /// Where the sentence starts.
    start: usize,
    /// Bytes before this one have been read.
    pos: usize,
    /// The open single-quoted passage, if any.
    single: Option<Quote>,
    /// Open square brackets.
    square: u32,
    /// Where the open passage closes, once looked for (`Some(None)`: nowhere near).
    close: Cell<Option<Option<usize>>>,
}

/// Does `b[k]` open a quotation: at the sentence start or after whitespace?
fn after_space(b: &[u8], start: usize, k: usize) -> bool {
    k == start
        || k.checked_sub(1)
            .and_then(|p| b.get(p))
            .is_some_and(u8::is_ascii_whitespace)
}

fn letter_at(b: &[u8], k: usize) -> bool {
    b.get(k).is_some_and(u8::is_ascii_alphabetic)
}

impl Nesting {
    fn at(start: usize) -> Self {
        Nesting {
            start,
            pos: start,
            single: None,
            square: 0,
            close: Cell::new(None),
        }
    }

    /// Read `b[self.pos..to]`. An apostrophe inside a word (`they'll`, `Japan’s`) is
    /// followed by a letter, so it never closes a passage.
    fn advance(&mut self, b: &[u8], to: usize) {
        let mut k = self.pos;
        while k < to {
            // Skip eight bytes at a time while none can open or close anything.
            if k + 8 <= to
                && let Some(Ok(chunk)) = b.get(k..k + 8).map(<[u8; 8]>::try_from)
            {
                let x = u64::from_le_bytes(chunk);
                if swar_has(x, b'\'') | swar_has(x, 0xE2) | swar_has(x, b'[') | swar_has(x, b']')
                    == 0
                {
                    k += 8;
                    continue;
                }
            }
            match b[k] {
                b'\'' => match self.single {
                    Some(Quote::Straight) if !letter_at(b, k + 1) => {
                        self.single = None;
                        self.close.set(None);
                    }
                    None if letter_at(b, k + 1) && after_space(b, self.start, k) => {
                        self.single = Some(Quote::Straight);
                        self.close.set(None);
                    }
                    _ => {}
                },
                0xE2 if b.get(k + 1) == Some(&0x80) => match (b.get(k + 2), self.single) {
                    (Some(0x98), None)
                        if after_space(b, self.start, k)
                            && b.get(k + 3).is_some_and(|c| !c.is_ascii_whitespace()) =>
                    {
                        self.single = Some(Quote::Curly);
                        self.close.set(None);
                    }
                    (Some(0x99), Some(Quote::Curly)) if !letter_at(b, k + 3) => {
                        self.single = None;
                        self.close.set(None);
                    }
                    _ => {}
                },
                b'[' => self.square += 1,
                b']' => self.square = self.square.saturating_sub(1),
                _ => {}
            }
            k += 1;
        }
        self.pos = self.pos.max(to);
    }

    /// Should the candidate whose punctuation ends at `run_end` (closers up to `j`, then
    /// `next`) be glued because of an open quotation or bracket?
    fn glues(&self, b: &[u8], run_end: usize, j: usize, end: usize, next: &str) -> bool {
        if let Some(q) = self.single {
            // The passage's close is looked for once: every candidate before it lies inside.
            let close = match self.close.get() {
                Some(c) if c.is_none_or(|c| c >= run_end) => c,
                _ => {
                    let c = find_close(b, run_end, end, q);
                    self.close.set(Some(c));
                    c
                }
            };
            match close {
                // `'... house!' (Which was true.)`: a parenthetical after a closing single
                // quote is an aside on the passage (rule `single-quote-close-aside`).
                Some(c) if c < j && next.starts_with(['(', '[']) => return true,
                // Otherwise the close is decided as usual (`'... Pacific.’ In truth`).
                Some(c) if c < j => {}
                // `'after such a fall! How brave they'll think me!'`: a passage in single
                // quotes is cited inside the sentence that cites it; its inner stops do not
                // end that sentence (rule `single-quoted-passage`).
                Some(_) => return true,
                // Never closed: an elision (`'tis`), not a passage.
                None => {}
            }
        }
        // `[16: firma? 13:28]`: square brackets hold an annotation or an editorial
        // insertion; a stop inside them is not a sentence end (rule `inside-square-brackets`).
        // A stop right before the `]` (`[Annex.] Then`) is decided as usual.
        self.square > 0 && !b[run_end..j].contains(&b']') && closes_square(b, j, end)
    }
}

/// The closing quote of an open single-quoted passage at or after `from`.
fn find_close(b: &[u8], from: usize, end: usize, q: Quote) -> Option<usize> {
    let stop = end.min(from + PASSAGE_MAX).min(b.len());
    let mut k = from;
    while k < stop {
        match (q, b[k]) {
            (Quote::Straight, b'\'') if !letter_at(b, k + 1) => return Some(k),
            (Quote::Curly, 0xE2)
                if b.get(k + 1) == Some(&0x80)
                    && b.get(k + 2) == Some(&0x99)
                    && !letter_at(b, k + 3) =>
            {
                return Some(k);
            }
            _ => {}
        }
        k += 1;
    }
    None
}

/// Does a `]` close the open bracket after `from`, before any `[` or line break?
fn closes_square(b: &[u8], from: usize, end: usize) -> bool {
    let stop = end.min(from + BRACKET_MAX).min(b.len());
    b[from..stop]
        .iter()
        .find(|&&c| matches!(c, b']' | b'[' | b'\n' | b'\r'))
        .is_some_and(|&c| c == b']')
}

/// Length of a run of ASCII digits at `k`.
fn digits_at(b: &[u8], k: usize) -> usize {
    b.get(k..)
        .map_or(0, |s| s.iter().take_while(|c| c.is_ascii_digit()).count())
}

/// `martyr.[1] The`, `large.[7][8] This`, `consultation.11 12 Take`, `(type 2).10 This`:
/// footnote or citation markers attached to the full stop belong to the sentence they
/// close, which ends after them when whitespace and a capital follow (rule
/// `footnote-after-stop`). Returns the byte after the markers.
fn footnote_end(text: &str, sent: usize, i: usize, j: usize, end: usize) -> Option<usize> {
    let b = text.as_bytes();
    let before = *b.get(i.checked_sub(1)?)?;
    if !(before.is_ascii_alphabetic() || before == b')' || before == b']') {
        return None;
    }
    let mut k = j;
    while b.get(k) == Some(&b'[') {
        let d = digits_at(b, k + 1);
        if !((1..=3).contains(&d) && b.get(k + 1 + d) == Some(&b']')) {
            break;
        }
        k += d + 2;
    }
    if k == j {
        // Bare numbers: `1`, `11 12`, never a year or a decimal (the stop follows a letter).
        let d = digits_at(b, k);
        if !(1..=3).contains(&d) {
            return None;
        }
        k += d;
        while b.get(k) == Some(&b' ') {
            let d = digits_at(b, k + 1);
            if (1..=3).contains(&d) && b.get(k + 1 + d).is_some_and(u8::is_ascii_whitespace) {
                k += 1 + d;
            } else {
                break;
            }
        }
        // `No.1`, `p.5`: a numbered reference, not a footnote.
        let (_, word) = word_before(text, sent, i);
        if lexicon::lookup(word).is_some() {
            return None;
        }
    }
    let rest = text.get(k..end)?;
    let next = rest.trim_start();
    (next.len() < rest.len() && next.starts_with(char::is_uppercase)).then_some(k)
}

/// `Hello world.Today is Tuesday.Mr. Smith`, `bought 1,000.That`: a full stop between a
/// lower-case letter or digit and a capitalised word ends the sentence even without a space
/// (rule `missing-space-after-stop`), unless the word is an abbreviation, an acronym, a
/// host name or a path (`e.g.The`, `U.S.Army`, `www.Example.org`).
fn missing_space_end(text: &str, sent: usize, i: usize, run: &Run, j: usize) -> Option<usize> {
    let b = text.as_bytes();
    if run.dots != 1 || run.bang || j != run.end {
        return None;
    }
    let before = *b.get(i.checked_sub(1)?)?;
    let ok = (before.is_ascii_lowercase() || before.is_ascii_digit())
        && b.get(j).is_some_and(u8::is_ascii_uppercase)
        && b.get(j + 1).is_some_and(u8::is_ascii_lowercase);
    if !ok {
        return None;
    }
    let (_, word) = word_before(text, sent, i);
    if word.contains(['.', '/', '@', ':']) || lexicon::lookup(word).is_some() {
        return None;
    }
    // `Jane.Doe@example.com`, `Example.Com/page`: the word after belongs to an address.
    let after = &text[j..];
    let token = &after[..after.find(char::is_whitespace).unwrap_or(after.len())];
    if token.contains(['@', '/', ':']) {
        return None;
    }
    Some(j)
}

/// Scan `text[range]` and push trimmed sentence spans. With `enumerations`, an inline
/// enumeration that opens after a sentence end (`this. 1. The first 2. The second`) is cut
/// into its items.
pub fn scan(text: &str, range: Range<usize>, enumerations: bool, out: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    let end = range.end;
    let mut sent = range.start;
    let mut nest = Nesting::at(sent);
    let mut i = range.start;
    while i < end {
        i = next_candidate(b, i, end);
        if i >= end {
            break;
        }
        // `period．Does`, `です。次`: a fullwidth or ideographic stop ends the sentence with or
        // without a space after it (rule `fullwidth-stop`).
        let w = fullwidth_stop_len(b, i);
        if w > 0 {
            let mut k = i + w;
            while fullwidth_stop_len(b, k) > 0 && k < end {
                k += 3;
            }
            let j = skip_closers(text, k.min(end), end);
            if !text[j..end].trim_start().is_empty() {
                push_trimmed(text, sent, j, out);
                sent = j;
                nest = Nesting::at(sent);
            }
            i = j;
            continue;
        }
        let run = parse_run(b, i, end);
        let j = skip_closers(text, run.end, end);
        nest.advance(b, i);
        let rest = &text[j..end];
        let next = rest.trim_start();
        // A boundary needs whitespace after it: `U.S.A`, `3.5`, `Jr.'s`, `mean...see`,
        // except behind footnote markers or a missing space.
        if j < end && next.len() == rest.len() {
            let cut = footnote_end(text, sent, i, j, end)
                .or_else(|| missing_space_end(text, sent, i, &run, j));
            match cut {
                Some(cut) if !nest.glues(b, run.end, j, end, &text[cut..end]) => {
                    push_trimmed(text, sent, cut, out);
                    sent = cut;
                    nest = Nesting::at(sent);
                    i = cut;
                }
                _ => i = run.end,
            }
            continue;
        }
        if next.is_empty() || nest.glues(b, run.end, j, end, next) {
            i = run.end.max(j);
            continue;
        }
        // `Mark E. Smith. a. here it is b. another`: an enumeration after a sentence end
        // starts a new sentence with each item (rule `enumeration-after-stop`).
        let at = end - next.len();
        if enumerations && let Some(starts) = enumeration(text, at, end, Opening::AfterStop) {
            push_trimmed(text, sent, at, out);
            items(text, &starts, end, out);
            return;
        }
        if let Some(cut) = decide(text, sent, i, &run, j, next) {
            push_trimmed(text, sent, cut, out);
            sent = cut;
            nest = Nesting::at(sent);
        }
        i = run.end.max(j);
    }
    push_trimmed(text, sent, end, out);
}

/// Scan the items of an enumeration (item starts, the last item running to `end`). Only the
/// last item may open another enumeration.
pub fn items(text: &str, starts: &[usize], end: usize, out: &mut Vec<Range<usize>>) {
    for (k, &s) in starts.iter().enumerate() {
        match starts.get(k + 1) {
            Some(&e) => scan(text, s..e, false, out),
            None => scan(text, s..end, true, out),
        }
    }
}

/// An enumeration marker: optional bullet, then optional ordinal with its suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Marker {
    bullet: Option<char>,
    /// Ordinal value (1-based; letters a=1).
    ordinal: Option<(u32, bool)>, // (value, is_letter)
    /// `(a)`: the ordinal is in parentheses.
    paren: bool,
    suffix: &'static str,
    len: usize,
}

const BULLETS: &[char] = &['•', '⁃', '◦', '▪', '‣', '●'];

/// Parse a marker at the start of `s`: `1.`, `1.)`, `1)`, `a.`, `a.)`, `a)`, `(a)`, `(1)`,
/// a bullet, or a bullet and an ordinal (`• 9.`, `⁃9`); whitespace must follow.
fn parse_marker(s: &str) -> Option<Marker> {
    let mut rest = s;
    let mut bullet = None;
    if let Some(c) = rest.chars().next()
        && BULLETS.contains(&c)
    {
        bullet = Some(c);
        rest = rest[c.len_utf8()..].trim_start_matches([' ', '\t']);
    }
    let paren = bullet.is_none() && rest.starts_with('(');
    if paren {
        rest = &rest[1..];
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let mut ordinal = None;
    let mut suffix = "";
    if (1..=3).contains(&digits) || rest.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        let (value, is_letter, n) = if digits > 0 {
            (rest[..digits].parse::<u32>().ok()?, false, digits)
        } else {
            (u32::from(rest.as_bytes()[0] - b'a') + 1, true, 1)
        };
        let after = &rest[n..];
        let suffixes: &[&'static str] = if paren { &[")"] } else { &[".)", ")", "."] };
        if let Some(suf) = suffixes.iter().find(|suf| after.starts_with(**suf)) {
            suffix = suf;
            ordinal = Some((value, is_letter));
            rest = &after[suffix.len()..];
        } else {
            // A bare letter or number is a marker only behind a bullet (`⁃9`).
            bullet?;
        }
    }
    if paren && ordinal.is_none() {
        return None;
    }
    if bullet.is_none() && ordinal.is_none() {
        return None;
    }
    // A marker is followed by whitespace.
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    Some(Marker {
        bullet,
        ordinal,
        paren,
        suffix,
        len: s.len() - rest.len(),
    })
}

/// Does `m` continue the enumeration opened by `first` whose last ordinal was `last`?
fn continues(first: &Marker, m: &Marker, last: Option<u32>) -> bool {
    if first.bullet.is_some() {
        return m.bullet == first.bullet;
    }
    match (first.ordinal, m.ordinal, last) {
        (Some((_, fl)), Some((v, ml)), Some(l)) => {
            m.bullet.is_none()
                && fl == ml
                && m.paren == first.paren
                && m.suffix == first.suffix
                && v == l + 1
        }
        _ => false,
    }
}

/// Where an enumeration is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    /// At the start of a paragraph or line.
    Paragraph,
    /// Right after a sentence end inside a paragraph.
    AfterStop,
}

/// Start offsets of the items of an inline enumeration opening at `at` (`1. The first item
/// 2. The second item`, `• 9. A • 10. B`, `a. A b. B c. C`, `(a) A (b) B`, `w) x) y)`): a
/// marker followed by markers that continue it in `text[at..end]`; `None` otherwise (golden
/// 31-39). Numbered items may start anywhere at the start of a paragraph; otherwise an
/// enumeration that does not start at 1 or `a` needs three items (rule
/// `enumeration-start`).
pub fn enumeration(text: &str, at: usize, end: usize, opening: Opening) -> Option<Vec<usize>> {
    let first = parse_marker(&text[at..end])?;
    let mut starts = vec![at];
    let mut last = first.ordinal.map(|(v, _)| v);
    let b = text.as_bytes();
    let mut i = at + first.len;
    while i < end {
        if b[i].is_ascii_whitespace() && i + 1 < end && !b[i + 1].is_ascii_whitespace() {
            let at = i + 1;
            if text.is_char_boundary(at)
                && let Some(m) = parse_marker(&text[at..end])
                && continues(&first, &m, last)
            {
                starts.push(at);
                last = m.ordinal.map(|(v, _)| v);
                i = at + m.len;
                continue;
            }
        }
        i += 1;
    }
    let from_one = match first.ordinal {
        None => true,
        Some((v, is_letter)) => v == 1 || (!is_letter && opening == Opening::Paragraph),
    };
    let needed = if from_one { 2 } else { 3 };
    (starts.len() >= needed).then_some(starts)
}

/// Lines of a paragraph longer than this (in bytes) are prose, not list entries.
const SHORT_LINE: usize = 40;

/// Where the lines of a paragraph must be cut before sentences are looked for:
/// - `d. Compliance Log` on a line of its own: a line that opens with a list marker starts
///   an item (rule `marker-line`);
/// - `features` / `contact manager` / `events, activities`: a column of short lines of
///   which none ends in punctuation is a list of entries, not wrapped prose, which ends with
///   a stop (rule `unpunctuated-lines`).
pub fn line_cuts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    if !(b.contains(&b'\n') || b.contains(&b'\r')) {
        return Vec::new();
    }
    // (first non-blank byte, trimmed line) of each non-blank line.
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut start = 0;
    for (k, &c) in b
        .iter()
        .enumerate()
        .chain(std::iter::once((b.len(), &b'\n')))
    {
        if c == b'\n' || c == b'\r' {
            let line = &text[start..k];
            let t = line.trim();
            if !t.is_empty() {
                lines.push((start + (line.len() - line.trim_start().len()), t));
            }
            start = k + 1;
        }
    }
    let unpunctuated = lines.len() >= 2
        && lines.iter().all(|(_, l)| {
            l.len() <= SHORT_LINE && !l.ends_with(['.', '!', '?', '…', ':', ';', ',', '。', '．'])
        });
    lines
        .iter()
        .skip(1)
        .filter(|(s, _)| unpunctuated || parse_marker(&text[*s..]).is_some())
        .map(|(s, _)| *s)
        .collect()
}
