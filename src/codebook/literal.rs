//! A literal prefilter in the manner of Hyperscan: most codebook patterns can only match
//! where one of a few literal strings begins ("shar" for `share[sd]?|sharing`). The
//! required prefix literals of every such pattern go into one trie, walked from each
//! word start of a sentence, which says which patterns may match and where they may
//! start; only those are run, anchored there. A
//! pattern with no usable literal set (one that opens with `\w+`, say) is left to a
//! regex set, as before.
//!
//! Correctness: a pattern's literals come from its prefix literal sequence (case-sensitive
//! parse, matched ASCII-case-insensitively), so every match of the pattern begins with one
//! of them; the candidate set is a superset of the patterns that match.

use regex_syntax::ParserBuilder;
use regex_syntax::hir::literal::{ExtractKind, Extractor};

/// Characters that match an ASCII letter under Unicode case folding (KELVIN SIGN for `k`,
/// LONG S for `s`). An ASCII-case-insensitive literal scan misses them, so a sentence that
/// contains one takes the regex-set path instead.
pub(crate) fn folds_to_ascii(s: &str) -> bool {
    // Both are three- or two-byte sequences; the lead bytes are rare in English text.
    s.bytes().any(|b| b == 0xC5 || b == 0xE2) && (s.contains('\u{17F}') || s.contains('\u{212A}'))
}

/// The required prefix literals of `pattern` (as given, before the word-edge wrapper),
/// cut before any non-ASCII character and lowercased, with any literal that has another as
/// a prefix dropped; `None` when the set is infinite or has a literal shorter than
/// `min_len` bytes.
pub(crate) fn prefix_literals(pattern: &str, min_len: usize) -> Option<Vec<Vec<u8>>> {
    let hir = ParserBuilder::new()
        .case_insensitive(false)
        .unicode(true)
        .build()
        .parse(pattern)
        .ok()?;
    let mut ex = Extractor::new();
    ex.kind(ExtractKind::Prefix);
    let seq = ex.extract(&hir);
    let lits = seq.literals()?;
    let mut out: Vec<Vec<u8>> = Vec::with_capacity(lits.len());
    for l in lits {
        // A prefix of a required prefix is one too: cut at the first non-ASCII byte (the
        // scan is only ASCII-case-insensitive).
        let b = l.as_bytes();
        let b = &b[..b.iter().position(|c| !c.is_ascii()).unwrap_or(b.len())];
        if b.len() < min_len.max(1) {
            return None;
        }
        out.push(b.to_ascii_lowercase());
    }
    out.sort();
    out.dedup();
    // Sorted, so a literal's prefixes come before it.
    let mut kept: Vec<Vec<u8>> = Vec::with_capacity(out.len());
    for l in out {
        if !kept.iter().any(|k| l.starts_with(k)) {
            kept.push(l);
        }
    }
    Some(kept)
}

/// (Hand-written rather than the `aho-corasick` crate: an overlapping Aho-Corasick DFA over
/// the same literals scans every byte and reports occurrences inside words too; measured on
/// 1x SOTU with `examples/stages`, it made stage 3 about 25 % slower, 25.6-33.2 against
/// 18.8-28.0 µs per sentence, alternated runs.)
/// A trie over the literals of many owners (patterns or cue classes), walked from every
/// possible match start (each position not preceded by an ASCII word character: patterns
/// open with `\b{start-half}`). Transitions are dense over byte classes; ASCII letters
/// share a class with their upper case.
#[derive(Debug, Clone, Default)]
pub(crate) struct LiteralFilter {
    /// Byte → class; class 0: no literal has this byte.
    classes: Vec<u8>,
    nclasses: usize,
    /// State × class → state; 0 (the root, never re-entered) means dead.
    trans: Vec<u32>,
    /// State → owners of the literal that ends there, as a range of `owners`.
    out: Vec<(u32, u32)>,
    owners: Vec<u32>,
}

impl LiteralFilter {
    /// `lits[i]` is the literal set of owner `i` (`None`: not covered by the filter).
    pub(crate) fn new(lits: &[Option<Vec<Vec<u8>>>]) -> LiteralFilter {
        // A class per distinct byte (the literals are ASCII: at most 128).
        let mut classes = vec![0u8; 256];
        let mut n = 1usize;
        for l in lits.iter().flatten().flatten() {
            for &b in l {
                let b = b.to_ascii_lowercase();
                if classes[b as usize] == 0 {
                    classes[b as usize] = n as u8;
                    classes[b.to_ascii_uppercase() as usize] = n as u8;
                    n += 1;
                }
            }
        }
        let mut trans = vec![0u32; n];
        let mut ends: Vec<Vec<u32>> = vec![Vec::new()];
        for (i, ls) in lits.iter().enumerate() {
            for l in ls.iter().flatten() {
                let mut st = 0usize;
                for &b in l {
                    let c = classes[b.to_ascii_lowercase() as usize] as usize;
                    let next = trans[st * n + c] as usize;
                    st = if next != 0 {
                        next
                    } else {
                        let new = ends.len();
                        ends.push(Vec::new());
                        trans.extend(std::iter::repeat_n(0, n));
                        trans[st * n + c] = new as u32;
                        new
                    };
                }
                if !ends[st].contains(&(i as u32)) {
                    ends[st].push(i as u32);
                }
            }
        }
        let mut out = Vec::with_capacity(ends.len());
        let mut owners = Vec::new();
        for e in ends {
            out.push((owners.len() as u32, (owners.len() + e.len()) as u32));
            owners.extend(e);
        }
        LiteralFilter {
            classes,
            nclasses: n,
            trans,
            out,
            owners,
        }
    }

    /// Calls `f(owner, start)` for every literal occurrence at a possible match start,
    /// in order of `start`.
    pub(crate) fn scan(&self, s: &str, mut f: impl FnMut(usize, usize)) {
        if self.owners.is_empty() {
            return;
        }
        let b = s.as_bytes();
        let n = self.nclasses;
        for i in 0..b.len() {
            if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
                continue;
            }
            let mut st = 0usize;
            for &c in &b[i..] {
                let c = self.classes[c as usize] as usize;
                if c == 0 {
                    break;
                }
                st = self.trans[st * n + c] as usize;
                if st == 0 {
                    break;
                }
                let (lo, hi) = self.out[st];
                for &o in &self.owners[lo as usize..hi as usize] {
                    f(o as usize, i);
                }
            }
        }
    }
}

/// A pattern compiled as `compile_pattern` does (same syntax and semantics), for anchored
/// confirmation: does a match of the pattern start exactly at a literal's position?
pub(crate) fn anchored_checker(
    wrapped: &str,
) -> Result<regex_automata::meta::Regex, Box<regex_automata::meta::BuildError>> {
    regex_automata::meta::Regex::builder()
        .syntax(regex_automata::util::syntax::Config::new().case_insensitive(true))
        .configure(
            regex_automata::meta::Regex::config()
                .nfa_size_limit(Some(64 << 20))
                .hybrid_cache_capacity(32 << 20),
        )
        .build(wrapped)
        .map_err(Box::new)
}

/// The end of `re`'s match starting exactly at `at`, if any (look-behind sees the text
/// before; leftmost-first, so it is the end an unanchored search reports for a match
/// that starts there).
pub(crate) fn match_end_at(re: &regex_automata::meta::Regex, s: &str, at: usize) -> Option<usize> {
    re.find(
        regex_automata::Input::new(s)
            .range(at..)
            .anchored(regex_automata::Anchored::Yes),
    )
    .map(|m| m.end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(p: &str) -> Option<Vec<String>> {
        prefix_literals(p, 2).map(|v| {
            v.into_iter()
                .map(|l| String::from_utf8(l).unwrap())
                .collect()
        })
    }

    #[test]
    fn prefix_literals_minimal_and_ascii() {
        assert_eq!(lits("Share[sd]?|sharing").unwrap(), ["share", "sharing"]);
        assert_eq!(lits("communiqu[eé]s?").unwrap(), ["communiqu"]);
        assert_eq!(lits(r"\w+er than"), None);
        assert_eq!(lits("a|bc"), None);
    }

    #[test]
    fn scan_reports_word_starts_only() {
        let f = LiteralFilter::new(&[Some(vec![b"is".to_vec()]), None, Some(vec![b"th".to_vec()])]);
        let mut seen = Vec::new();
        f.scan("This IS it", |o, st| seen.push((o, st)));
        assert_eq!(seen, [(2, 0), (0, 5)]);
        assert!(folds_to_ascii("ſtate") && !folds_to_ascii("state’s"));
    }
}
