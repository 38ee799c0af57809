//! Stage 2 (sentences), rules: a byte scanner over one paragraph. Candidate boundaries are
//! runs of terminal punctuation (`.`, `!`, `?`, `…`, spaced `. . .`) followed, behind any
//! closing quotes or brackets, by whitespace. Each candidate is decided by the rules in
//! [`decide`], which consult the lexicon (`lexicon.rs`). Inline enumerations
//! (`1. The first item 2. The second item`) are cut into items first by [`enumeration`].
//!
//! Rule names in comments refer to Golden Rules ids (`golden N`) or to unit tests in
//! `mod.rs` / `tests/golden_rules.rs`.

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
        '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '*' | '_' | '}'
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
            // `Briggs & Co. It closed`, `and co. They` (golden 8, 9); `et al. 2020` glues.
            Kind::MayEnd => first.is_uppercase().then_some(j),
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

/// The first byte at or after `i` that may start terminal punctuation (`.`, `!`, `?`, or
/// `E2`, the lead byte of `…`), or `end`. Skips eight bytes at a time (SWAR): this loop is
/// the hot path.
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
        if has(x, b'.') | has(x, b'!') | has(x, b'?') | has(x, 0xE2) != 0 {
            break;
        }
        i += 8;
    }
    while i < end {
        match b[i] {
            b'.' | b'!' | b'?' => return i,
            0xE2 if b.get(i + 1) == Some(&0x80) && b.get(i + 2) == Some(&0xA6) => return i,
            _ => i += 1,
        }
    }
    end
}

/// Scan `text[range]` and push trimmed sentence spans.
pub fn scan(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let b = text.as_bytes();
    let end = range.end;
    let mut sent = range.start;
    let mut i = range.start;
    while i < end {
        i = next_candidate(b, i, end);
        if i >= end {
            break;
        }
        let run = parse_run(b, i, end);
        // Closing quotes and brackets after the punctuation.
        let mut j = run.end;
        for ch in text[j..end].chars() {
            if !is_closer(ch) {
                break;
            }
            j += ch.len_utf8();
        }
        // A boundary needs whitespace after it: `U.S.A`, `3.5`, `Jr.'s`, `mean...see`.
        let rest = &text[j..end];
        let next = rest.trim_start();
        if j < end && next.len() == rest.len() {
            i = run.end;
            continue;
        }
        if !next.is_empty()
            && let Some(cut) = decide(text, sent, i, &run, j, next)
        {
            push_trimmed(text, sent, cut, out);
            sent = cut;
        }
        i = run.end.max(j);
    }
    push_trimmed(text, sent, end, out);
}

/// An enumeration marker: optional bullet, then optional ordinal with its suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Marker {
    bullet: Option<char>,
    /// Ordinal value (1-based; letters a=1).
    ordinal: Option<(u32, bool)>, // (value, is_letter)
    suffix: &'static str,
    len: usize,
}

const BULLETS: &[char] = &['•', '⁃', '◦', '▪', '‣', '●'];

fn parse_marker(s: &str) -> Option<Marker> {
    let mut rest = s;
    let mut bullet = None;
    if let Some(c) = rest.chars().next()
        && BULLETS.contains(&c)
    {
        bullet = Some(c);
        rest = rest[c.len_utf8()..].trim_start_matches([' ', '\t']);
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
        for suf in [".)", ")", "."] {
            if after.starts_with(suf) && (!is_letter || suf != ".)") {
                suffix = suf;
                break;
            }
        }
        if suffix.is_empty() {
            // A bare letter or number is a marker only behind a bullet (`⁃9`).
            bullet?;
        } else {
            ordinal = Some((value, is_letter));
            rest = &after[suffix.len()..];
        }
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
            m.bullet.is_none() && fl == ml && m.suffix == first.suffix && v == l + 1
        }
        _ => false,
    }
}

/// Start offsets of the items of an inline enumeration (`1. The first item 2. The second
/// item`, `• 9. A • 10. B`, `a. A b. B c. C`) when `text` opens with a marker and at least one
/// later marker continues it; `None` otherwise (golden 31-39).
pub fn enumeration(text: &str) -> Option<Vec<usize>> {
    let lead = text.len() - text.trim_start().len();
    let first = parse_marker(&text[lead..])?;
    // Letters only as `a.`/`a)`; a lone letter bullet must start at `a`.
    if first.ordinal.is_some_and(|(v, l)| l && v != 1) {
        return None;
    }
    let mut starts = vec![lead];
    let mut last = first.ordinal.map(|(v, _)| v);
    let b = text.as_bytes();
    let mut i = lead + first.len;
    while i < b.len() {
        if b[i].is_ascii_whitespace() && i + 1 < b.len() && !b[i + 1].is_ascii_whitespace() {
            let at = i + 1;
            if text.is_char_boundary(at)
                && let Some(m) = parse_marker(&text[at..])
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
    (starts.len() > 1).then_some(starts)
}
