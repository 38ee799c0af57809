//! A literal prefilter in the manner of Hyperscan: most codebook patterns can only match
//! where one of a few literal strings begins ("shar" for `share[sd]?|sharing`). The
//! required prefix literals of every such pattern go into one trie, walked from each
//! word start of a sentence, which says which patterns may match and where they may
//! start; only those are run, anchored there ([`Checker`]: a forward lazy DFA). A branch
//! with a later literal that every match contains (`for troops` in `(?:fund|pay)\w*
//! (?:\w+ ){0,4}for troops`) puts it in the trie as well, and is a candidate only in a
//! sentence where it occurs ([`Branch`]). A pattern some of whose branches open with a
//! class or a word gap (`(?:\w+lateral|loose) groupings?`) is gated branch by branch
//! ([`Gates`]): it is searched whole where a later literal of such a branch occurs, or
//! where a regex set over the branches with no literals at all matches.
//!
//! Correctness: a pattern's literals come from its prefix literal sequence (case-sensitive
//! parse, matched ASCII-case-insensitively), so every match of the pattern begins with one
//! of them; a branch's later literals are found at every position the scan looks at
//! where they can begin in a match; the candidate set is a superset of the patterns that
//! match.

use regex_syntax::ParserBuilder;
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};

/// Characters that match an ASCII letter under Unicode case folding (KELVIN SIGN for `k`,
/// LONG S for `s`). An ASCII-case-insensitive literal scan misses them, so a sentence that
/// contains one takes the regex-set path instead.
pub(crate) fn folds_to_ascii(s: &str) -> bool {
    // Both are three- or two-byte sequences; the lead bytes are rare in English text.
    s.bytes().any(|b| b == 0xC5 || b == 0xE2) && (s.contains('\u{17F}') || s.contains('\u{212A}'))
}

/// `pattern` parsed case-sensitively (a case-insensitive match is a match of this up to
/// case); `None` if it does not parse.
fn parse_cased(pattern: &str) -> Option<Hir> {
    ParserBuilder::new()
        .case_insensitive(false)
        .unicode(true)
        .build()
        .parse(pattern)
        .ok()
}

/// The prefix or suffix literal sequence of `pattern`, parsed case-sensitively
/// ([`parse_cased`]); `None` if it does not parse.
fn literal_seq(pattern: &str, kind: ExtractKind) -> Option<regex_syntax::hir::literal::Seq> {
    Some(hir_literal_seq(&parse_cased(pattern)?, kind))
}

/// The prefix or suffix literal sequence of `hir` (a case-sensitive parse).
fn hir_literal_seq(hir: &Hir, kind: ExtractKind) -> regex_syntax::hir::literal::Seq {
    let mut ex = Extractor::new();
    let prefix = matches!(kind, ExtractKind::Prefix);
    ex.kind(kind);
    if prefix {
        // regex-syntax's default of 250 literals cuts a pattern such as `(?:the )?(?:China|
        // Beijing|…) (?:threat|…)|with (?:China|…) in mind` back to `the `, `with`, `chin`,
        // …: every "the" in the text becomes a candidate to confirm. A larger set keeps the
        // literals as long as the pattern makes them ("the china ", "with beijing "); the
        // trie holds them at little cost.
        ex.limit_total(PREFIX_LITERALS_MAX);
    }
    ex.extract(hir)
}

/// Most prefix literals extracted from one pattern before they are shortened (see
/// [`literal_seq`]).
const PREFIX_LITERALS_MAX: usize = 4096;

/// The literal sequence of `hir` with regex-syntax's default limits, for [`inner_at`]: a
/// set of more than [`MAX_INNER`] literals is not used anyway.
fn small_literal_seq(hir: &Hir, kind: ExtractKind) -> regex_syntax::hir::literal::Seq {
    let mut ex = Extractor::new();
    ex.kind(kind);
    ex.extract(hir)
}

/// Elements of a branch that [`inner_at`] extracts literals from, on each side of `k`.
const INNER_WINDOW: usize = 3;

/// Whether a character matches only itself under Unicode simple case folding (`’`, `—`,
/// digits), so that a byte-exact comparison of it is also a case-insensitive one.
fn caseless(c: char) -> bool {
    use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
    class.case_fold_simple();
    class.ranges().len() == 1 && class.ranges()[0].start() == c && class.ranges()[0].end() == c
}

/// The length of the longest prefix of `b` that the trie's comparison judges exactly as a
/// case-insensitive regex would: ASCII bytes (compared ASCII-case-insensitively) and whole
/// non-ASCII characters without case variants (compared byte for byte). Cut before the
/// first other character, or before an incomplete one.
fn comparable_prefix(b: &[u8]) -> usize {
    let valid = match std::str::from_utf8(b) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&b[..e.valid_up_to()]).unwrap_or_default(),
    };
    valid
        .char_indices()
        .find(|&(_, c)| !c.is_ascii() && !caseless(c))
        .map_or(valid.len(), |(i, _)| i)
}

/// The required prefix literals of `pattern` (as given, before the word-edge wrapper),
/// cut before any character with case variants beyond ASCII ([`comparable_prefix`]) and
/// lowercased, with any literal that has another as a prefix dropped; `None` when the set
/// is infinite or has a literal shorter than `min_len` bytes.
pub(crate) fn prefix_literals(pattern: &str, min_len: usize) -> Option<Vec<Vec<u8>>> {
    prefix_set(&literal_seq(pattern, ExtractKind::Prefix)?, min_len)
}

/// [`prefix_literals`] of an extracted prefix sequence.
fn prefix_set(seq: &regex_syntax::hir::literal::Seq, min_len: usize) -> Option<Vec<Vec<u8>>> {
    let lits = seq.literals()?;
    let mut out: Vec<Vec<u8>> = Vec::with_capacity(lits.len());
    for l in lits {
        // A prefix of a required prefix is one too: cut where the trie's byte comparison
        // would no longer be a case-insensitive one.
        let b = l.as_bytes();
        let b = &b[..comparable_prefix(b)];
        // A mark (`$`, `%`, `#`) opens few words, unlike a letter: one is enough.
        let mark = !b.is_empty() && b.iter().all(u8::is_ascii_punctuation);
        if b.len() < min_len.max(1) && !mark {
            return None;
        }
        out.push(b.to_ascii_lowercase());
    }
    Some(minimal(out))
}

/// Most inner literals a [`Branch`] may have, and the fewest bytes of each.
const MAX_INNER: usize = 64;
const MIN_INNER: usize = 2;

/// Whether `b` is a byte the literal scan treats as part of a word (a scan only looks at
/// positions not preceded by one).
fn word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// One branch of a pattern's alternation, for the literal prefilter: the literals every
/// match of the branch opens with ([`prefix_literals`]), and, when it has some, literals
/// one of which every match contains further on, each at a position the literal scan
/// looks at (not preceded by an ASCII word byte), so that the trie that finds the first
/// finds these too, in the same pass.
///
/// A pattern whose words are joined by a gap (`(?:fund|pay)\w* (?:\w+ ){0,4}for
/// (?:troops|bases)`) has a common opening word and a rare later one: most occurrences of
/// its opening word are in sentences that lack the later one, and cannot start a match
/// there (on the State of the Union addresses, three quarters of the theme patterns'
/// confirmations). Branch by branch, since one branch without a later literal
/// (`burden[- ]?sharing`) must not keep the common opening word of another (`of
/// (?:about |the )*\d+ (?:percent|%) of (?:GDP|gross domestic product)`) a candidate.
///
/// A branch that opens with `^` (`^(?:And )?there (?:is|are) [A-Z]\w*`) matches only at
/// the start of a sentence: an occurrence of its prefix literals anywhere else cannot
/// start a match (`at_start`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Branch {
    pub(crate) prefix: Vec<Vec<u8>>,
    pub(crate) inner: Option<Vec<Vec<u8>>>,
    pub(crate) at_start: bool,
}

impl Branch {
    /// Branch `h` with its later literals `inner` (from [`branch_inner`]); `None` when it
    /// has no prefix literals of at least `min_len` bytes.
    fn of(h: &Hir, inner: Option<Vec<Vec<u8>>>, min_len: usize) -> Option<Branch> {
        Some(Branch {
            prefix: prefix_set(&hir_literal_seq(h, ExtractKind::Prefix), min_len)?,
            inner,
            at_start: opens_at_text_start(h),
        })
    }

    /// Whether the branch says more than its prefix literals: later literals, or `^`.
    pub(crate) fn gated(&self) -> bool {
        self.inner.is_some() || self.at_start
    }
}

/// Whether every match of `h` starts at the start of the text (`^` first; not the
/// multi-line `(?m:^)`, which also matches after a line break).
fn opens_at_text_start(h: &Hir) -> bool {
    use regex_syntax::hir::Look;
    match h.kind() {
        HirKind::Look(Look::Start) => true,
        HirKind::Concat(items) => items.first().is_some_and(opens_at_text_start),
        HirKind::Capture(c) => opens_at_text_start(&c.sub),
        HirKind::Alternation(bs) => bs.iter().all(opens_at_text_start),
        _ => false,
    }
}

/// A pattern's literals for the literal prefilter: its prefix literals
/// ([`prefix_literals`]) and, when a branch of it has later literals, every branch.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Literals {
    pub(crate) prefix: Vec<Vec<u8>>,
    pub(crate) branches: Option<Vec<Branch>>,
}

/// [`Literals`] of `pattern` (parsed once); `None` when it has no prefix literals of at
/// least `min_len` bytes. `branches` is `None` when no branch has later literals or opens
/// with `^` ([`Branch::gated`]), or a branch has no prefix literals of its own.
///
/// A branch's later literals: an element `k >= 1` of its concatenation such that every
/// match of the elements from `k` opens with one of a finite set of literals (prefix
/// extraction), each either opening with non-word ASCII bytes (dropped, so that the rest
/// follows one) or, for all of them, after elements that always end with a non-word ASCII
/// byte (suffix extraction of the elements before `k`); of those, the element whose
/// shortest literal is longest. Cut and lower-cased as [`prefix_literals`] does.
pub(crate) fn literals(pattern: &str, min_len: usize) -> Option<Literals> {
    let hir = parse_cased(pattern)?;
    let prefix = prefix_set(&hir_literal_seq(&hir, ExtractKind::Prefix), min_len)?;
    let top = uncaptured(&hir);
    let alternatives: Vec<&Hir> = match top.kind() {
        HirKind::Alternation(bs) => bs.iter().map(uncaptured).collect(),
        _ => vec![top],
    };
    let inner: Vec<Option<Vec<Vec<u8>>>> = alternatives
        .iter()
        .map(|b| branch_inner(b, false))
        .collect();
    let gated =
        inner.iter().any(Option::is_some) || alternatives.iter().any(|b| opens_at_text_start(b));
    let branches = if gated {
        alternatives
            .iter()
            .zip(inner)
            .map(|(b, inner)| Branch::of(b, inner, min_len))
            .collect()
    } else {
        None
    };
    Some(Literals { prefix, branches })
}

/// How the literal prefilter gates a pattern that [`literals`] leaves out because some of
/// its branches open with a class or a word gap (`(?:\w+lateral|loose|new) groupings?`,
/// `\w+ times more`), branch by branch: each top-level branch is looked at on its own.
/// The branches with prefix literals are confirmed at their occurrences as before; for
/// the others, the pattern is searched (unanchored, which gives its leftmost-first match)
/// in a sentence where one of their later literals occurs, or where the regex set over
/// the branches without such literals matches. Elsewhere those branches cannot match, so
/// the pattern's matches all start at occurrences of the other branches' literals.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Gates {
    /// The branches with prefix literals ([`Branch`]).
    pub(crate) branches: Vec<Branch>,
    /// Later literals ([`Branch::inner`]) of the branches without prefix literals: where
    /// one occurs, the pattern is searched.
    pub(crate) search: Vec<Vec<u8>>,
    /// The sources of the branches with neither, for a regex set: where it matches, the
    /// pattern is searched.
    pub(crate) rest: Vec<String>,
}

/// [`Gates`] of `pattern`; `None` when it does not parse, when a top-level flag group
/// (`(?x)`, `(?-i)`) makes a branch's meaning depend on the ones before it, or when no
/// branch has literals of either kind (a regex set over the whole pattern does as well).
pub(crate) fn gates(pattern: &str, min_len: usize) -> Option<Gates> {
    use regex_syntax::ast::Ast;
    let ast = regex_syntax::ast::parse::Parser::new()
        .parse(pattern)
        .ok()?;
    let tops: Vec<&Ast> = match &ast {
        Ast::Alternation(a) => a.asts.iter().collect(),
        other => vec![other],
    };
    let flags = |a: &Ast| match a {
        Ast::Flags(_) => true,
        Ast::Concat(c) => c.asts.iter().any(|x| matches!(x, Ast::Flags(_))),
        _ => false,
    };
    if tops.iter().any(|a| flags(a)) {
        return None;
    }
    let mut g = Gates {
        branches: Vec::new(),
        search: Vec::new(),
        rest: Vec::new(),
    };
    for top in tops {
        let span = top.span();
        let source = pattern.get(span.start.offset..span.end.offset)?;
        let hir = parse_cased(source)?;
        let inner = branch_inner(uncaptured(&hir), false);
        match Branch::of(&hir, inner.clone(), min_len) {
            Some(branch) => g.branches.push(branch),
            // For a search, a common later word is still a gate: the alternative, a regex
            // set, passes over every sentence.
            None => match inner.or_else(|| branch_inner(uncaptured(&hir), true)) {
                Some(lits) => g.search.extend(lits),
                None => g.rest.push(source.to_string()),
            },
        }
    }
    if g.branches.is_empty() && g.search.is_empty() {
        return None;
    }
    g.search = minimal(g.search);
    Some(g)
}

/// Literals one of which every match of any of `patterns` contains at a position the
/// literal scan looks at: the prefix literals of their branches that have some, and the
/// later literals of the others ([`gates`]); `None` when a branch has neither.
pub(crate) fn search_literals(patterns: &[&str], min_len: usize) -> Option<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    for p in patterns {
        let g = gates(p, min_len).filter(|g| g.rest.is_empty())?;
        out.extend(g.search);
        out.extend(g.branches.into_iter().flat_map(|b| b.prefix));
    }
    Some(minimal(out))
}

/// `h` without the capture groups around it.
fn uncaptured(h: &Hir) -> &Hir {
    match h.kind() {
        HirKind::Capture(c) => uncaptured(&c.sub),
        _ => h,
    }
}

/// The later literals of one branch (see [`literals`]); with `common_ok`, also when they
/// are [`COMMON_WORDS`].
fn branch_inner(branch: &Hir, common_ok: bool) -> Option<Vec<Vec<u8>>> {
    let HirKind::Concat(items) = branch.kind() else {
        return None;
    };
    let shortest = |set: &[Vec<u8>]| set.iter().map(Vec::len).min().unwrap_or(0);
    let mut best: Option<Vec<Vec<u8>>> = None;
    for k in 1..items.len() {
        let Some(set) = inner_at(items, k, common_ok) else {
            continue;
        };
        if best.as_ref().is_none_or(|b| shortest(&set) >= shortest(b)) {
            best = Some(set);
        }
    }
    best.map(minimal)
}

/// The literals that open every match of `items[k..]`, each at a position the literal
/// scan looks at, if there is such a set (see [`literals`]). Only the [`INNER_WINDOW`]
/// elements from `k` (and as many before it, or twice as many) are looked at: every match
/// of `items[k..]` opens with a match of those (and every match of `items[..k]` ends with
/// one of those before), and extracting from whole long tails of big alternations cost
/// more than compiling them.
fn inner_at(items: &[Hir], k: usize, common_ok: bool) -> Option<Vec<Vec<u8>>> {
    let window = Hir::concat(items[k..items.len().min(k + INNER_WINDOW)].to_vec());
    let seq = small_literal_seq(&window, ExtractKind::Prefix);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.len() > MAX_INNER {
        return None;
    }
    // Whether every match of the elements before `k` ends with a non-word ASCII byte, as
    // the suffixes of the window before `k` say; when the window's elements are all
    // optional (`in (?:early )?(?:May )?(?:\d+ )?`, whose suffixes include the empty
    // one), as those of a window twice as long.
    let after_gap = || {
        [INNER_WINDOW, 2 * INNER_WINDOW].iter().any(|&w| {
            let before = Hir::concat(items[k.saturating_sub(w)..k].to_vec());
            let before = small_literal_seq(&before, ExtractKind::Suffix);
            before.literals().is_some_and(|ls| {
                !ls.is_empty()
                    && ls.iter().all(|l| {
                        l.as_bytes()
                            .last()
                            .is_some_and(|&b| b.is_ascii() && !word_byte(b))
                    })
            })
        })
    };
    let mut gap_checked = None;
    let mut out = Vec::with_capacity(lits.len());
    for l in lits {
        let b = l.as_bytes();
        let lead = b
            .iter()
            .take_while(|&&c| c.is_ascii() && !word_byte(c))
            .count();
        if lead == 0 && !*gap_checked.get_or_insert_with(after_gap) {
            return None;
        }
        let b = &b[lead..];
        let b = &b[..comparable_prefix(b)];
        if b.len() < MIN_INNER {
            return None;
        }
        let b = b.to_ascii_lowercase();
        if !common_ok && common(&b) {
            return None;
        }
        out.push(b);
    }
    Some(out)
}

/// The most frequent words of English prose (function words, a few verbs): a later
/// literal that is one of them, or the start of one, occurs in nearly every sentence, so
/// it rules nothing out and its occurrences only cost the scan.
const COMMON_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "but", "by", "can", "could", "do", "for", "from", "had", "has", "have", "he", "her", "his",
    "i", "if", "in", "into", "is", "it", "its", "more", "most", "must", "new", "no", "not", "now",
    "of", "on", "one", "only", "or", "other", "our", "out", "over", "should", "so", "some", "such",
    "than", "that", "the", "their", "them", "there", "these", "they", "this", "those", "to", "up",
    "us", "was", "we", "were", "what", "when", "which", "who", "will", "with", "would", "you",
];

/// Whether `lit` (lower-case), without the non-word bytes it ends with, is one of the
/// [`COMMON_WORDS`] or the start of one.
fn common(lit: &[u8]) -> bool {
    let end = lit.len() - lit.iter().rev().take_while(|&&b| !word_byte(b)).count();
    let word = &lit[..end];
    COMMON_WORDS.iter().any(|w| w.as_bytes().starts_with(word))
}

/// `lits` sorted, without duplicates and without any literal another one is a prefix of
/// (a trie walk reports the shorter wherever the longer occurs).
fn minimal(mut lits: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    lits.sort();
    lits.dedup();
    // Sorted, so a literal's prefixes come before it, and the last literal kept is the
    // only one that can be a prefix of the next: every literal sorted between a prefix
    // and a longer literal has that prefix too, and would not have been kept.
    let mut kept: Vec<Vec<u8>> = Vec::with_capacity(lits.len());
    for l in lits {
        if !kept.last().is_some_and(|k| l.starts_with(k)) {
            kept.push(l);
        }
    }
    kept
}

/// Most suffix literals a [`required_suffixes`] check may have: beyond this, scanning for
/// them costs about what the search they guard costs.
const MAX_REQUIRED: usize = 64;

/// A cheap necessary condition for a pattern that has no prefix literals (`\w+er than`,
/// the claim cues that open with a word gap): one of its required suffix literals, matched
/// case-insensitively anywhere in the text. Every match of the pattern ends with one of
/// them, so when none occurs the pattern cannot match and its search is skipped. `None`
/// when the suffix set is infinite, too large, or has a literal shorter than three bytes
/// (after dropping leading spaces, which a shorter suffix does not need).
pub(crate) fn required_suffixes(pattern: &str) -> Option<regex_automata::meta::Regex> {
    let seq = literal_seq(pattern, ExtractKind::Suffix)?;
    let mut lits: Vec<String> = Vec::new();
    for l in seq.literals()? {
        // A suffix of a required suffix is one too.
        let l = std::str::from_utf8(l.as_bytes())
            .ok()?
            .trim_start_matches(' ');
        if l.len() < 3 {
            return None;
        }
        lits.push(l.to_lowercase());
    }
    // Shortest first, so that a literal that contains a kept one is dropped: the kept one
    // occurs wherever it does.
    lits.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
    let mut kept: Vec<String> = Vec::new();
    for l in lits {
        if !kept.iter().any(|k| l.contains(k.as_str())) {
            kept.push(l);
        }
    }
    if kept.is_empty() || kept.len() > MAX_REQUIRED {
        return None;
    }
    let alternation: Vec<String> = kept.iter().map(|l| regex_syntax::escape(l)).collect();
    regex_automata::meta::Regex::builder()
        .syntax(regex_automata::util::syntax::Config::new().case_insensitive(true))
        .build(&alternation.join("|"))
        .ok()
}

/// (Hand-written rather than the `aho-corasick` crate: an overlapping Aho-Corasick DFA over
/// the same literals scans every byte and reports occurrences inside words too; measured on
/// 1x SOTU with `examples/stages`, it made stage 3 about 25 % slower, 25.6-33.2 against
/// 18.8-28.0 µs per sentence, alternated runs.)
/// A trie over the literals of many owners (patterns or cue classes), walked from every
/// possible match start (each position not preceded by an ASCII word character: patterns
/// open with `\b{start-half}`). Bytes are compared ASCII-lower-cased.
///
/// Layout: a double array (Aoe's base/check). Each state is one 16-byte slot; the child of
/// the state in slot `s` on a byte of class `c` is in slot `base(s) + c` if that slot's
/// `check` is `s`. A step of a walk is then one load, the next slot (which is both the
/// check and the next state), where a list of edges needed two dependent ones (the state,
/// then its edges) and a search among the edges; walks are long (about five steps per word
/// start), and these loads were most of the scan's time. States are placed in an order
/// that keeps walks in little memory: the first levels, which every walk passes through,
/// first and together; deeper states in depth-first preorder, a single child in the slot
/// after its parent where that is free, so a walk down a chain reads consecutive slots.
#[derive(Debug, Clone)]
pub(crate) struct LiteralFilter {
    /// Byte → slot of the root's child on it (0: none; the root has no slot and is never
    /// re-entered).
    root: Box<[u32; 256]>,
    /// Byte → class, the same for both cases of a letter; class 0: no literal has the byte.
    classes: Box<[u8; 256]>,
    /// The double array; slot 0 holds no state.
    slots: Vec<Slot>,
    owners: Vec<u32>,
}

/// One slot of a [`LiteralFilter`]: the state there has its children at `base + class`;
/// its parent is in slot `check` ([`FREE`]: no state here); the literals ending at it are
/// `owners[lo..hi]`.
#[derive(Debug, Clone, Copy)]
struct Slot {
    base: u32,
    check: u32,
    lo: u32,
    hi: u32,
}

/// `Slot::check` of a slot without a state, and of the root's children (whose parent has no
/// slot): never the slot of a parent.
const FREE: u32 = u32::MAX;
const EMPTY: Slot = Slot {
    base: 0,
    check: FREE,
    lo: 0,
    hi: 0,
};
/// The levels of the trie placed first, breadth-first.
const HOT_DEPTH: usize = 3;

impl Default for LiteralFilter {
    fn default() -> LiteralFilter {
        LiteralFilter::new(&[])
    }
}

/// A node of the trie while it is built.
#[derive(Default)]
struct Node {
    children: std::collections::BTreeMap<u8, usize>,
    ends: Vec<u32>,
}

/// The slots of a double array while it is built: `next[s] == s` for a free slot `s`, and
/// otherwise a slot after `s` that no free slot between precedes (union-find's "next free
/// slot", with path halving): a placement finds a free slot in nearly constant time however
/// full the array is before it. Slots past the end are free.
struct Placement {
    next: Vec<usize>,
}

impl Placement {
    /// The lowest free slot from `s` on.
    fn find(&mut self, mut s: usize) -> usize {
        while let Some(&n) = self.next.get(s).filter(|&&n| n != s) {
            if let Some(&nn) = self.next.get(n) {
                self.next[s] = nn;
            }
            s = n;
        }
        s
    }

    fn take(&mut self, s: usize) {
        if s + 1 >= self.next.len() {
            let len = self.next.len();
            self.next.extend(len..s + 2);
        }
        self.next[s] = s + 1;
    }

    /// The lowest base at which the first of `classes` (ascending, each at least 1) falls on
    /// a free slot from `from` on and every other one on a free slot; those slots are taken.
    fn place(&mut self, from: usize, classes: &[usize]) -> usize {
        let first = classes[0];
        let mut base = self.find(from.max(first)) - first;
        while !classes[1..]
            .iter()
            .all(|&c| self.find(base + c) == base + c)
        {
            base = self.find(base + first + 1) - first;
        }
        for &c in classes {
            self.take(base + c);
        }
        base
    }
}

impl LiteralFilter {
    /// `lits[i]` is the literal set of owner `i` (`None`: not covered by the filter).
    pub(crate) fn new(lits: &[Option<Vec<Vec<u8>>>]) -> LiteralFilter {
        let mut nodes: Vec<Node> = vec![Node::default()];
        let mut classes = Box::new([0u8; 256]);
        let mut nclasses = 1usize;
        for (i, ls) in lits.iter().enumerate() {
            for l in ls.iter().flatten() {
                let mut st = 0usize;
                for &b in l {
                    let b = b.to_ascii_lowercase();
                    // At most 230 bytes are distinct once lower-cased: every one gets a class.
                    if classes[b as usize] == 0 && nclasses < 256 {
                        classes[b as usize] = nclasses as u8;
                        classes[b.to_ascii_uppercase() as usize] = nclasses as u8;
                        nclasses += 1;
                    }
                    st = match nodes[st].children.get(&b) {
                        Some(&next) => next,
                        None => {
                            nodes.push(Node::default());
                            let new = nodes.len() - 1;
                            nodes[st].children.insert(b, new);
                            new
                        }
                    };
                }
                if !nodes[st].ends.contains(&(i as u32)) {
                    nodes[st].ends.push(i as u32);
                }
            }
        }
        // The order in which states place their children: the first levels breadth-first
        // (every walk passes through them: their slots stay together, in the cache), then
        // each deeper subtree in depth-first preorder (children in byte order).
        let mut order: Vec<usize> = vec![0];
        let mut level = vec![0usize];
        for _ in 0..HOT_DEPTH {
            level = level
                .iter()
                .flat_map(|&n| nodes[n].children.values().copied())
                .collect();
            order.extend(&level);
        }
        let hot_states = order.len();
        for &top in &level {
            let mut stack: Vec<usize> = nodes[top].children.values().rev().copied().collect();
            while let Some(n) = stack.pop() {
                order.push(n);
                stack.extend(nodes[n].children.values().rev());
            }
        }
        // Slot 0 holds no state: a child's slot of 0 means none.
        let mut placement = Placement { next: Vec::new() };
        placement.take(0);
        let mut slot = vec![0usize; nodes.len()];
        let mut bases = vec![0usize; nodes.len()];
        for (k, &n) in order.iter().enumerate() {
            let node = &nodes[n];
            if node.children.is_empty() {
                continue;
            }
            let cs: Vec<usize> = node
                .children
                .keys()
                .map(|&b| usize::from(classes[b as usize]))
                .collect();
            // The first levels fill the lowest gaps they fit; deeper, children go right
            // after their parent where they can (a chain then reads consecutive slots).
            let from = if k < hot_states { 1 } else { slot[n] + 1 };
            let base = placement.place(from, &cs);
            bases[n] = base;
            for (&c, &child) in cs.iter().zip(node.children.values()) {
                slot[child] = base + c;
            }
        }
        let mut root = Box::new([0u32; 256]);
        for (&b, &c) in &nodes[0].children {
            root[b as usize] = slot[c] as u32;
            root[b.to_ascii_uppercase() as usize] = slot[c] as u32;
        }
        let mut slots = vec![EMPTY; placement.next.len()];
        let mut owners = Vec::new();
        for &n in order.iter().skip(1) {
            let node = &nodes[n];
            slots[slot[n]] = Slot {
                base: bases[n] as u32,
                check: FREE,
                lo: owners.len() as u32,
                hi: (owners.len() + node.ends.len()) as u32,
            };
            owners.extend(&node.ends);
        }
        for &n in order.iter().skip(1) {
            for &child in nodes[n].children.values() {
                slots[slot[child]].check = slot[n] as u32;
            }
        }
        LiteralFilter {
            root,
            classes,
            slots,
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
        let mut prev_word = false;
        for (i, &first) in b.iter().enumerate() {
            let starts = !prev_word;
            prev_word = first.is_ascii_alphanumeric() || first == b'_';
            if !starts {
                continue;
            }
            let mut at = self.root[first as usize];
            let Some(mut slot) = self.slots.get(at as usize).filter(|_| at != 0) else {
                continue;
            };
            let mut rest = b[i + 1..].iter();
            loop {
                for &o in self
                    .owners
                    .get(slot.lo as usize..slot.hi as usize)
                    .unwrap_or_default()
                {
                    f(o as usize, i);
                }
                let Some(&c) = rest.next() else { break };
                let class = self.classes[c as usize];
                if class == 0 {
                    break;
                }
                let next = slot.base.wrapping_add(u32::from(class));
                match self.slots.get(next as usize) {
                    Some(child) if child.check == at => {
                        at = next;
                        slot = child;
                    }
                    _ => break,
                }
            }
        }
    }
}

/// A word-edge wrapped codebook regex (a theme pattern, a cue class), compiled for its two
/// kinds of search. Confirmations (does a match start exactly at a literal's position,
/// and where does it end?) run a forward lazy DFA; unanchored searches, rare, use the
/// `regex-automata` meta regex that `regex::Regex` wraps (same syntax, semantics and
/// limits as `compile_pattern`), built on first use.
///
/// The meta regex also compiles a reverse NFA, a reverse lazy DFA and, for small
/// patterns, full DFAs both ways, none of which an anchored search uses: building them was
/// about half of the codebook's compile time, which is most of an ingest of a few dozen
/// files. An anchored meta search is this same forward lazy DFA search (with the same
/// configuration), falling back to the slower engines when the lazy DFA gives up (a
/// Unicode word boundary before non-ASCII text, a cache cleared too often), as this one
/// falls back to the meta regex.
#[derive(Debug, Clone)]
pub(crate) struct Checker {
    /// The lazy DFA, built when the checker is (`Checker::new`) or on first use
    /// (`Checker::deferred`) and shared by clones; `None` when it cannot be built (a cache
    /// too small for the pattern).
    dfa: std::sync::Arc<std::sync::OnceLock<Option<regex_automata::hybrid::dfa::DFA>>>,
    wrapped: std::sync::Arc<str>,
    /// The meta regex, built on first use and shared by clones.
    full: std::sync::Arc<std::sync::OnceLock<Full>>,
}

/// [`Checker`]'s engine for unanchored searches and fallbacks.
#[derive(Debug)]
enum Full {
    Meta(regex_automata::meta::Regex),
    /// If the meta regex does not build (its reverse NFA over the size limit, say): a
    /// PikeVM compiled from the pattern with the same syntax and NFA limit (`None`: it
    /// does not compile either, and never matches).
    Pike(Option<regex_automata::nfa::thompson::pikevm::PikeVM>),
}

/// The syntax of the codebook's regexes: `compile_pattern`'s.
fn checker_syntax() -> regex_automata::util::syntax::Config {
    regex_automata::util::syntax::Config::new().case_insensitive(true)
}

/// The NFA size limit of `compile_pattern` (`regex`'s `size_limit`).
const CHECKER_NFA_LIMIT: usize = 64 << 20;
/// The lazy DFA cache capacity of `compile_pattern` (`regex`'s `dfa_size_limit`).
const CHECKER_CACHE: usize = 32 << 20;

impl Checker {
    /// Compile `wrapped` (a pattern in its word-edge wrapper); on error, the forward NFA's
    /// (syntax errors and the size limit: what the meta regex reports).
    pub(crate) fn new(wrapped: &str) -> Result<Checker, String> {
        Ok(Checker {
            dfa: std::sync::Arc::new(std::sync::OnceLock::from(Checker::build(wrapped)?)),
            ..Checker::deferred(wrapped)
        })
    }

    /// A checker of `wrapped` compiled on first use: for the built-in codebook, whose
    /// every pattern the tests compile (`builtin_codebook_parses`), so that an ingest of
    /// a few files compiles only the patterns its text has candidates for (compiling
    /// them all was most of such an ingest). A pattern that did not compile would never
    /// match.
    pub(crate) fn deferred(wrapped: &str) -> Checker {
        Checker {
            dfa: Default::default(),
            wrapped: wrapped.into(),
            full: Default::default(),
        }
    }

    /// The lazy DFA, compiled on first use.
    fn dfa(&self) -> Option<&regex_automata::hybrid::dfa::DFA> {
        self.dfa
            .get_or_init(|| Checker::build(&self.wrapped).ok().flatten())
            .as_ref()
    }

    /// The forward NFA of `wrapped` and its lazy DFA (`None`: the DFA does not build).
    fn build(wrapped: &str) -> Result<Option<regex_automata::hybrid::dfa::DFA>, String> {
        use regex_automata::hybrid::dfa;
        use regex_automata::nfa::thompson;
        let nfa = thompson::Compiler::new()
            .syntax(checker_syntax())
            .configure(
                thompson::Config::new()
                    .nfa_size_limit(Some(CHECKER_NFA_LIMIT))
                    .shrink(false)
                    .which_captures(thompson::WhichCaptures::All),
            )
            .build(wrapped)
            .map_err(|e| e.to_string())?;
        // The meta regex's configuration of its forward lazy DFA, without a prefilter.
        let dfa = dfa::Builder::new()
            .configure(
                dfa::Config::new()
                    .match_kind(regex_automata::MatchKind::LeftmostFirst)
                    .prefilter(None)
                    .starts_for_each_pattern(true)
                    .byte_classes(true)
                    .unicode_word_boundary(true)
                    .specialize_start_states(false)
                    .cache_capacity(CHECKER_CACHE)
                    .skip_cache_capacity_check(false)
                    .minimum_cache_clear_count(Some(3))
                    .minimum_bytes_per_state(Some(10)),
            )
            .build_from_nfa(nfa)
            .ok();
        Ok(dfa)
    }

    /// The meta regex (or, if it does not build, a PikeVM over the same pattern).
    fn full(&self) -> &Full {
        self.full.get_or_init(|| {
            let meta = regex_automata::meta::Regex::builder()
                .syntax(checker_syntax())
                .configure(
                    regex_automata::meta::Regex::config()
                        .nfa_size_limit(Some(CHECKER_NFA_LIMIT))
                        .hybrid_cache_capacity(CHECKER_CACHE)
                        // The literal trie is the prefilter of the confirmations, and
                        // the unanchored searches are rare.
                        .auto_prefilter(false),
                )
                .build(&self.wrapped);
            match meta {
                Ok(re) => Full::Meta(re),
                Err(_) => Full::Pike(
                    regex_automata::nfa::thompson::pikevm::PikeVM::builder()
                        .syntax(checker_syntax())
                        .thompson(
                            regex_automata::nfa::thompson::Config::new()
                                .nfa_size_limit(Some(CHECKER_NFA_LIMIT)),
                        )
                        .build(&self.wrapped)
                        .ok(),
                ),
            }
        })
    }

    /// A search cache for [`Checker::end_at`].
    pub(crate) fn create_cache(&self) -> CheckerCache {
        CheckerCache(self.dfa().map(|d| d.create_cache()))
    }

    /// The end of the match starting exactly at `at`, if any (look-behind sees the text
    /// before; leftmost-first, so it is the end an unanchored search reports for a match
    /// that starts there).
    pub(crate) fn end_at(&self, cache: &mut CheckerCache, s: &str, at: usize) -> Option<usize> {
        let input = regex_automata::Input::new(s)
            .range(at..)
            .anchored(regex_automata::Anchored::Yes);
        if let (Some(dfa), Some(cache)) = (self.dfa(), &mut cache.0)
            && let Ok(found) = dfa.try_search_fwd(cache, &input)
        {
            return found.map(|m| m.offset());
        }
        self.search(&input).map(|m| m.end())
    }

    /// Whether the pattern matches the empty string (an anchored search of the empty
    /// text, without the meta regex).
    pub(crate) fn matches_empty(&self) -> bool {
        self.end_at(&mut self.create_cache(), "", 0).is_some()
    }

    /// The leftmost-first match in `s`.
    pub(crate) fn find(&self, s: &str) -> Option<regex_automata::Match> {
        self.search(&regex_automata::Input::new(s))
    }

    /// Whether the pattern matches anywhere in `s`.
    pub(crate) fn is_match(&self, s: &str) -> bool {
        self.search(&regex_automata::Input::new(s).earliest(true))
            .is_some()
    }

    fn search(&self, input: &regex_automata::Input<'_>) -> Option<regex_automata::Match> {
        match self.full() {
            Full::Meta(re) => re.search(input),
            Full::Pike(vm) => vm
                .as_ref()
                .and_then(|vm| vm.find(&mut vm.create_cache(), input.clone())),
        }
    }
}

/// A [`Checker`]'s search cache (its lazy DFA's).
#[derive(Debug, Clone)]
pub(crate) struct CheckerCache(Option<regex_automata::hybrid::dfa::Cache>);

/// Search caches for one list of regexes (a codebook's patterns, its cue classes), kept
/// per thread. A confirmation is an anchored search of a few bytes, and taking the
/// regex's cache from its shared pool (a lock for every thread but the first) and putting
/// it back costs about a third of it; each thread keeps its own caches here instead.
#[derive(Debug, Clone)]
pub(crate) struct Caches {
    /// Which list: caches are only valid for the regexes they were created by. Clones of
    /// a list (a cloned codebook) share its regexes, so they share the id too.
    id: u64,
}

/// Lists whose caches a thread keeps at once; the oldest goes first.
const CACHED_LISTS: usize = 4;

type ThreadCaches = Vec<(u64, Vec<Option<CheckerCache>>)>;

thread_local! {
    static CACHES: std::cell::RefCell<ThreadCaches> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Caches {
    pub(crate) fn new() -> Caches {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Caches {
            id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// Run `f` with this thread's caches for the `n` regexes of the list this `Caches`
    /// belongs to (each created on first use).
    pub(crate) fn with<R>(&self, n: usize, f: impl FnOnce(&mut CacheSlots<'_>) -> R) -> R {
        CACHES.with(|cell| match cell.try_borrow_mut() {
            Ok(mut lists) => {
                let at = match lists.iter().position(|(id, _)| *id == self.id) {
                    Some(at) => at,
                    None => {
                        if lists.len() >= CACHED_LISTS {
                            lists.remove(0);
                        }
                        lists.push((self.id, Vec::new()));
                        lists.len() - 1
                    }
                };
                let slots = &mut lists[at].1;
                slots.resize_with(n, || None);
                f(&mut CacheSlots { slots })
            }
            // A nested call (none is made) gets caches of its own.
            Err(_) => {
                let mut slots = Vec::new();
                slots.resize_with(n, || None);
                f(&mut CacheSlots { slots: &mut slots })
            }
        })
    }
}

impl Default for Caches {
    fn default() -> Caches {
        Caches::new()
    }
}

/// The caches of one list of regexes on this thread (see [`Caches::with`]).
pub(crate) struct CacheSlots<'a> {
    slots: &'a mut Vec<Option<CheckerCache>>,
}

impl CacheSlots<'_> {
    /// The cache of regex `i` of the list, which is `re` (always the same regex, or a
    /// clone of it, for the same `i`).
    pub(crate) fn get(&mut self, i: usize, re: &Checker) -> &mut CheckerCache {
        self.slots[i].get_or_insert_with(|| re.create_cache())
    }
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
        // One mark is enough (it opens few words); one letter is not.
        assert_eq!(lits(r"#\w+|\$").unwrap(), ["#", "$"]);
        assert_eq!(lits(r"#\w+|x"), None);
        // A character without case variants is compared byte for byte and kept; one with
        // variants (é/É) ends the literal.
        assert_eq!(lits("I(?:'|’)m").unwrap(), ["i'm", "i’m"]);
        assert_eq!(lits("we’re|caf[eé]").unwrap(), ["caf", "we’re"]);
        assert_eq!(lits("ééx"), None);
    }

    /// The suffix check never rejects a text the pattern matches (table), and says which
    /// patterns get none.
    #[test]
    fn required_suffixes_are_necessary() {
        let cases: &[(&str, &[&str], &[&str])] = &[
            (
                r"\w+er than",
                &["stronger than ever", "BIGGER THAN"],
                &["more than", "rather then"],
            ),
            (
                r"(?:\w+lateral|security|small) clubs?",
                &["minilateral club", "a Security Clubs meeting"],
                &["a golf course", "clu b"],
            ),
            (
                r"\w+(?:;|—|, while) (?:\w+ ){0,3}(?:look|faces)",
                &["Tokyo; Seoul look", "x— y faces"],
                &["he saw it"],
            ),
        ];
        for (pattern, matching, other) in cases {
            let req = required_suffixes(pattern).expect(pattern);
            let re = crate::codebook::compile_pattern(pattern).expect(pattern);
            for s in *matching {
                assert!(re.is_match(s), "{pattern} should match {s}");
                assert!(req.is_match(s), "{pattern}: the check rejected {s}");
            }
            for s in *other {
                assert!(!req.is_match(s), "{pattern}: the check accepted {s}");
            }
        }
        // Infinite suffixes (`\w+` last), too short (`\w+ly`), or none at all.
        for p in [r"\w+er \w+", r"\w+ly", r"\d+"] {
            assert!(required_suffixes(p).is_none(), "{p}");
        }
    }

    proptest::proptest! {
        /// On any text, a pattern match implies a suffix literal match.
        #[test]
        fn required_suffixes_never_reject_a_match(
            s in r"(?:[a-zA-Z’'—;,]{1,9}[ ]){0,8}(?:stronger than|minilateral clubs|Tokyo; Seoul looks|[a-z]+)",
        ) {
            for p in [r"\w+er than", r"(?:\w+lateral|security|small) clubs?", r"\w+(?:;|—|, while) (?:\w+ ){0,3}(?:look|faces)"] {
                let re = crate::codebook::compile_pattern(p).expect(p);
                let req = required_suffixes(p).expect(p);
                proptest::prop_assert!(!re.is_match(&s) || req.is_match(&s), "{} on {}", p, s);
            }
        }
    }

    /// Each branch's later literals, as strings (`[None]` when no branch has any).
    fn inner(p: &str) -> Vec<Option<Vec<String>>> {
        let Some(branches) = literals(p, 2).expect(p).branches else {
            return vec![None];
        };
        branches
            .into_iter()
            .map(|b| {
                b.inner.map(|v| {
                    v.into_iter()
                        .map(|l| String::from_utf8(l).unwrap())
                        .collect()
                })
            })
            .collect()
    }

    /// Which later literals each kind of branch gets: after a word gap, after a space;
    /// none when a branch has no later literal or it could begin inside a word.
    #[test]
    fn branch_inner_literals_by_case() {
        let cases: &[(&str, &[Option<&[&str]>])] = &[
            // The later element whose shortest literal is longest, after a gap that
            // ends with a space.
            (
                r"(?:pay|paid)\w* (?:\w+ ){0,4}(?:for|toward) (?:troops|bases)",
                &[Some(&[
                    "for bases",
                    "for troops",
                    "toward bases",
                    "toward troops",
                ])],
            ),
            // A leading space is dropped: the literal then follows a non-word byte.
            (
                r"interests? of (?:all|both)",
                &[Some(&["of all", "of both"])],
            ),
            // Branch by branch; a literal another is a prefix of is dropped.
            (
                r"burden[- ]?sharing|(?:share|split) (?:the )?costs?|of (?:about |the )*\d+ ?(?:percent|%) of (?:GDP|gross domestic product)",
                &[
                    // `sharing` may follow `burden` directly.
                    None,
                    Some(&["cost"]),
                    Some(&["of gdp", "of gross domestic product"]),
                ],
            ),
            // After separators that all end with an ASCII non-word byte.
            (
                r"(?:share|split)(?:, | - |; )(?:\w+ ){0,2}costs?",
                &[Some(&["cost"])],
            ),
            // Not after a non-ASCII one (kept out, though a dash has no case variants).
            (r"(?:share|split)(?:, |—)(?:\w+ ){0,2}costs?", &[None]),
            // No element after the first.
            (r"formal\w*|informal\w*", &[None]),
            // The later literal may begin inside a word (`\w*` before it, no space).
            (r"coop\w*ation", &[None]),
            // Two bytes are enough (a year's century: `in 1998`, `by 2030`) ...
            (r"(?:in|by) (?:1[89]|20)\d\d", &[Some(&["18", "19", "20"])]),
            // After optional elements, all ending with a space, that fill the window
            // before the later one: the window twice as long reaches the space before them.
            (
                r"(?:in|by) (?:early )?(?:(?:May|June) )?(?:\d{1,2},? )?(?:1[89]|20)\d\d",
                &[Some(&["18", "19", "20"])],
            ),
            // ... one is not; nor is an infinite set (`\w+` last).
            (r"(?:ask|urge)\w* a", &[None]),
            (r"(?:ask|urge)\w* \w+", &[None]),
            // A common word (or the start of one) rules nothing out.
            (r"(?:ask|urge)\w* (?:them|th)", &[None]),
            (r"(?:ask|urge)\w* (?:them|allies)", &[None]),
        ];
        for (pattern, want) in cases {
            let want: Vec<Option<Vec<String>>> = want
                .iter()
                .map(|w| w.map(|w| w.iter().map(|s| s.to_string()).collect()))
                .collect();
            assert_eq!(inner(pattern), want, "{pattern}");
        }
        // A branch without prefix literals: the pattern has no literals at all.
        assert_eq!(literals(r"the costs?|\w+er than", 2), None);
        // Branches that open with `^` (in a group too) match only at the start; the
        // multi-line `^` also after a line break.
        let at_start = |p: &str| -> Vec<bool> {
            let bs = literals(p, 2).and_then(|l| l.branches).unwrap_or_default();
            bs.iter().map(|b| b.at_start).collect()
        };
        assert_eq!(
            at_start(r"^(?:And )?there (?:is|are)|as follows"),
            [true, false]
        );
        assert_eq!(at_start(r"(?:^take|^consider) it|here is"), [true, false]);
        assert_eq!(at_start(r"(?m:^)take it|here is"), Vec::<bool>::new());
    }

    proptest::proptest! {
        /// Wherever a pattern's leftmost match starts, one of its branches has a prefix
        /// literal there and, if it has inner literals, one of them occurs at a position the
        /// literal scan looks at (not preceded by an ASCII word byte), case aside: what
        /// the prefilter keeps.
        #[test]
        fn branches_never_reject_a_match(
            s in r"(?:(?:[a-zA-Z’'—;,-]{1,9}|pay|paid|for|of|the|about|troops|bases|bills?|costs?|share|split|burden|sharing|cover(?:ed)?|interests?|all|both|GDP|12|-|And|take|Take|Japan)[ ,;]?[ ]){0,8}[a-zA-Z]{0,6}",
        ) {
            for p in [
                r"(?:pay|paid)\w* (?:\w+ ){0,4}(?:for|toward) (?:troops|bases)",
                r"interests? of (?:all|both)",
                r"burden[- ]?sharing|(?:share|split) (?:the )?costs?|cover\w* (?:the )?bills?|of (?:about |the )*\d+ ?(?:percent|%) of (?:GDP|gross domestic product)",
                r"(?:share|split)(?:, | - |; )(?:\w+ ){0,2}costs?",
                r"^(?:And )?take (?-i:[A-Z])\w*|costs?",
            ] {
                let re = crate::codebook::compile_pattern(p).expect(p);
                let Some(m) = re.find(&s) else { continue };
                let low = s.to_ascii_lowercase();
                let branches = literals(p, 2).expect(p).branches.expect(p);
                let kept = branches
                    .iter()
                    .any(|br| keeps(br, low.as_bytes(), m.start()));
                proptest::prop_assert!(kept, "{} on {}", p, s);
            }
        }
    }

    /// Whether one of `lits` occurs in `low` (lower-cased text) at a position the literal
    /// scan looks at (not preceded by an ASCII word byte).
    fn at_scan_position(low: &[u8], lits: &[Vec<u8>]) -> bool {
        (0..low.len())
            .filter(|&i| i == 0 || !word_byte(low[i - 1]))
            .any(|i| lits.iter().any(|l| low[i..].starts_with(l)))
    }

    /// Whether the prefilter keeps a match of branch `br` that starts at `start` of `low`:
    /// a prefix literal there (at the text's start if the branch opens with `^`) and, if
    /// the branch has later literals, one of them at a scanned position.
    fn keeps(br: &Branch, low: &[u8], start: usize) -> bool {
        br.prefix.iter().any(|l| low[start..].starts_with(l))
            && (!br.at_start || start == 0)
            && br
                .inner
                .as_ref()
                .is_none_or(|inner| at_scan_position(low, inner))
    }

    /// How each top-level branch of a pattern without literals as a whole is gated: by
    /// its prefix literals, by later literals (a search), or by a regex set over its
    /// source; none when a flag group spans the branches or no branch has literals.
    #[test]
    fn gates_by_branch() {
        let show = |ls: &[Vec<u8>]| -> Vec<String> {
            ls.iter()
                .map(|l| String::from_utf8_lossy(l).into_owned())
                .collect()
        };
        type Want<'a> = (&'a [&'a [&'a str]], &'a [&'a str], &'a [&'a str]);
        let cases: &[(&str, Option<Want>)] = &[
            // A class before a later word: searched where the word occurs.
            (
                r"(?:\w+lateral|loose|new) groupings?|groupings",
                Some((&[&["groupings"]], &["grouping"], &[])),
            ),
            // A branch with neither is left to a regex set, by its own source ...
            (
                r"taxpayers?|\d+ ?(?:billion|million)",
                Some((&[&["taxpayer"]], &[], &[r"\d+ ?(?:billion|million)"])),
            ),
            // ... but one mark is a prefix literal.
            (
                r"taxpayers?|\$\s?\d+ ?(?:billion|million)",
                Some((&[&["taxpayer"], &["$"]], &[], &[])),
            ),
            // One branch: a concatenation whose later literal follows a space.
            (
                r"(?:\d+|one|two) ?(?:percent|%) of (?:GDP|gross domestic product)",
                Some((&[], &["of gdp", "of gross domestic product"], &[])),
            ),
            // A common word is a gate for a search (a set would pass over every sentence).
            (r"pay|\w+ more", Some((&[&["pay"]], &["more"], &[]))),
            // ... and so is a less common one.
            (
                r"pay|\w+ times more",
                Some((&[&["pay"]], &["times more"], &[])),
            ),
            // No branch has literals of either kind.
            (r"\w+er than|\d+", None),
            // A flag group changes how the branches after it read.
            (r"(?x) \w+ lateral | clubs", None),
        ];
        for (pattern, want) in cases {
            let got = gates(pattern, 2).map(|g| {
                let branches: Vec<Vec<String>> =
                    g.branches.iter().map(|b| show(&b.prefix)).collect();
                (branches, show(&g.search), g.rest)
            });
            let want = want.map(|(b, s, r)| {
                let b: Vec<Vec<String>> = b
                    .iter()
                    .map(|l| l.iter().map(|x| x.to_string()).collect())
                    .collect();
                let s: Vec<String> = s.iter().map(|x| x.to_string()).collect();
                let r: Vec<String> = r.iter().map(|x| x.to_string()).collect();
                (b, s, r)
            });
            assert_eq!(got, want, "{pattern}");
        }
        // Search literals of several patterns: later literals and prefix literals alike;
        // none when a branch has neither.
        let search = search_literals(&[r"(?:\w+lateral|new) clubs?|paying", r"pay\w*"], 2);
        assert_eq!(
            search.as_deref().map(show),
            Some(vec!["club".into(), "pay".into()])
        );
        assert_eq!(search_literals(&[r"pay|\w+"], 2), None);
    }

    proptest::proptest! {
        /// Wherever a gated pattern's leftmost match starts, a branch's prefix literal
        /// occurs there (with one of its later literals in the text, if it has some), or
        /// a search literal occurs at a position the literal scan looks at, or the source
        /// of a branch left to the regex set matches: the prefilter never loses a match.
        #[test]
        fn gates_never_reject_a_match(
            s in r"(?:(?:[a-zA-Z’'—;,-]{1,9}|mini|lateral|minilateral|groupings?|loose|new|taxpayers?|\$ ?[0-9]{1,3}|billion|of|GDP|gross domestic product|two|percent|%|times|more|pay|[0-9]{1,2})[ ,;]?[ ]){0,8}[a-zA-Z]{0,6}",
        ) {
            for p in [
                r"(?:\w+lateral|loose|new) groupings?|groupings",
                r"taxpayers?|\$\s?\d+ ?(?:billion|million)",
                r"(?:\d+|one|two) ?(?:percent|%) of (?:GDP|gross domestic product)",
                r"pay|\w+ times more",
                r"pay|\w+ more",
                r"taxpayers?|\d+ ?(?:billion|million)",
            ] {
                let re = crate::codebook::compile_pattern(p).expect(p);
                let Some(m) = re.find(&s) else { continue };
                let g = gates(p, 2).expect(p);
                let low = s.to_ascii_lowercase();
                let by_prefix = g.branches.iter().any(|br| keeps(br, low.as_bytes(), m.start()));
                let by_search = at_scan_position(low.as_bytes(), &g.search);
                let by_rest = g.rest.iter().any(|r| {
                    crate::codebook::compile_pattern(r).expect(r).is_match(&s)
                });
                proptest::prop_assert!(by_prefix || by_search || by_rest, "{} on {}", p, s);
            }
        }
    }

    /// The meta regex (built with `compile_pattern`'s syntax), searched anchored at `at`:
    /// what a [`Checker`] must answer.
    fn meta_end_at(re: &regex_automata::meta::Regex, s: &str, at: usize) -> Option<usize> {
        re.search(
            &regex_automata::Input::new(s)
                .range(at..)
                .anchored(regex_automata::Anchored::Yes),
        )
        .map(|m| m.end())
    }

    const CHECKED: &[&str] = &[
        r"(?:more|less|fewer) (?:\w+ ){0,2}than",
        r"caf[eé]s?|café society",
        // A Unicode word boundary: the lazy DFA gives up before non-ASCII text and the
        // meta regex answers.
        r"\bshar\w*\b|\bkey\b",
        r"(?:it|that)(?:'|’)s|I(?:'|’)m",
        r"x?",
    ];

    proptest::proptest! {
        /// A checker's anchored end is the meta regex's at every position, and its
        /// unanchored match the meta regex's, on ASCII and non-ASCII text alike.
        #[test]
        fn checker_answers_as_the_meta_regex(
            s in r"(?:(?:more|less|than|café|cafe|share[sd]?|shared|key|keys|it’s|I'm|é|’|[a-zA-Zé’]{1,6})[ ,.]?[ ]?){0,8}",
        ) {
            for p in CHECKED {
                let wrapped = crate::codebook::wrap(p);
                let checker = Checker::new(&wrapped).unwrap();
                let mut cache = checker.create_cache();
                let meta = regex_automata::meta::Regex::builder()
                    .syntax(checker_syntax())
                    .build(&wrapped)
                    .unwrap();
                for at in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                    proptest::prop_assert_eq!(
                        checker.end_at(&mut cache, &s, at),
                        meta_end_at(&meta, &s, at),
                        "{} at {} of {:?}", p, at, s
                    );
                }
                let re = crate::codebook::compile_pattern(p).unwrap();
                proptest::prop_assert_eq!(
                    checker.find(&s).map(|m| (m.start(), m.end())),
                    re.find(&s).map(|m| (m.start(), m.end())),
                    "{} on {:?}", p, s
                );
                proptest::prop_assert_eq!(checker.is_match(&s), re.is_match(&s));
            }
        }
    }

    #[test]
    fn deferred_checkers_compile_on_first_use() {
        let wrapped = crate::codebook::wrap(r"(?:more|less) (?:\w+ ){0,2}than");
        let (now, later) = (Checker::new(&wrapped).unwrap(), Checker::deferred(&wrapped));
        assert!(later.dfa.get().is_none());
        for s in [
            "more than",
            "less of it than",
            "more or less",
            "more é than",
        ] {
            for at in [0, 5] {
                assert_eq!(
                    later.end_at(&mut later.create_cache(), s, at),
                    now.end_at(&mut now.create_cache(), s, at),
                    "{s} at {at}"
                );
            }
            assert_eq!(later.find(s), now.find(s), "{s}");
        }
        assert!(later.dfa.get().is_some());
        // A pattern that does not compile never matches, and nothing panics.
        let bad = Checker::deferred("(?:unclosed");
        assert_eq!(bad.end_at(&mut bad.create_cache(), "unclosed", 0), None);
        assert!(bad.find("unclosed").is_none());
    }

    #[test]
    fn checker_errors_and_empty_matches() {
        // Syntax errors and the size limit are found when compiling, as before.
        assert!(Checker::new(&crate::codebook::wrap("(?:unclosed")).is_err());
        assert!(Checker::new(&crate::codebook::wrap(r"\w{1000}{1000}")).is_err());
        let empty = Checker::new(&crate::codebook::wrap("x?")).unwrap();
        assert!(empty.matches_empty());
        let word = Checker::new(&crate::codebook::wrap("key")).unwrap();
        assert!(!word.matches_empty());
        // Non-ASCII text under a Unicode word boundary (the meta regex's fallback).
        let unicode = Checker::new(r"\bkey\b").unwrap();
        let mut cache = unicode.create_cache();
        assert_eq!(unicode.end_at(&mut cache, "key’s", 0), Some(3));
        assert_eq!(unicode.end_at(&mut cache, "keyé", 0), None);
    }

    #[test]
    fn caseless_characters() {
        for (c, want) in [
            ('’', true),
            ('—', true),
            ('7', true),
            ('é', false),
            ('ß', false),
            ('Σ', false),
        ] {
            assert_eq!(caseless(c), want, "{c}");
        }
        assert_eq!(comparable_prefix("it’s".as_bytes()), "it’s".len());
        assert_eq!(comparable_prefix("caf\u{e9}".as_bytes()), 3);
        // An incomplete character at the end (a literal cut by the extractor's limits).
        assert_eq!(comparable_prefix(&"a’".as_bytes()[..2]), 1);
    }

    /// Every (owner, start) a literal occurs at, found the slow way.
    fn naive(lits: &[Option<Vec<Vec<u8>>>], s: &str) -> Vec<(usize, usize)> {
        let b = s.as_bytes();
        let mut out = Vec::new();
        for i in 0..b.len() {
            if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
                continue;
            }
            // By length, then owner: the order the trie reports them in (a literal given
            // twice to one owner is reported once; two of its literals, once each).
            let mut here: Vec<(usize, usize)> = Vec::new();
            for (o, ls) in lits.iter().enumerate() {
                for l in ls.iter().flatten() {
                    if b.len() >= i + l.len() && b[i..i + l.len()].eq_ignore_ascii_case(l) {
                        here.push((l.len(), o));
                    }
                }
            }
            here.sort();
            here.dedup();
            out.extend(here.into_iter().map(|(_, o)| (o, i)));
        }
        out
    }

    proptest::proptest! {
        /// The compact trie reports exactly the occurrences a naive scan finds, in the
        /// same order, whatever the literals' shapes (shared prefixes, one literal a prefix
        /// of another, many children at one state).
        #[test]
        fn scan_matches_a_naive_scan(
            lits in proptest::collection::vec(
                proptest::option::of(proptest::collection::vec("[a-f ]{1,6}", 1..4)),
                1..12,
            ),
            text in "[a-fA-F .]{0,60}",
        ) {
            let lits: Vec<Option<Vec<Vec<u8>>>> = lits
                .into_iter()
                .map(|o| o.map(|v| v.into_iter().map(String::into_bytes).collect()))
                .collect();
            let f = LiteralFilter::new(&lits);
            let mut got = Vec::new();
            f.scan(&text, |o, st| got.push((o, st)));
            proptest::prop_assert_eq!(got, naive(&lits, &text));
        }
    }

    #[test]
    fn the_double_array_wastes_few_slots() {
        // A bushy top (every two-letter start, each with its own children) and long chains
        // below it, as the codebook's literals make.
        let mut lits = Vec::new();
        for a in 'a'..='z' {
            for b in 'a'..='z' {
                lits.push(Some(vec![
                    format!("{a}{b}").into_bytes(),
                    format!("{a}{b}e of the alliance").into_bytes(),
                    format!("{a}{b}ing {b}{a}").into_bytes(),
                ]));
            }
        }
        let mut prefixes = std::collections::HashSet::new();
        for l in lits.iter().flatten().flatten() {
            for k in 1..=l.len() {
                prefixes.insert(&l[..k]);
            }
        }
        let f = LiteralFilter::new(&lits);
        // Slot 0 holds no state; a few more gaps are allowed among the bushy first levels.
        assert!(
            f.slots.len() <= prefixes.len() + prefixes.len() / 50 + 1,
            "{} slots for {} states",
            f.slots.len(),
            prefixes.len()
        );
        for (o, ls) in lits.iter().enumerate() {
            for l in ls.iter().flatten() {
                let text = String::from_utf8_lossy(l).to_uppercase();
                let mut found = Vec::new();
                f.scan(&text, |owner, start| found.push((owner, start)));
                assert!(found.contains(&(o, 0)), "{text}: {found:?}");
            }
        }
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
