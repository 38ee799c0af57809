//! Stage 3 of the pipeline: the codebook. Themes are rule tables loaded from TOML (the
//! built-in `codebook/default.toml` is embedded in the binary); each rule has an id and
//! regex patterns, and every tag records the rule and the words that fired it.
//! The claim cue lexicon lives in the same file (see `claims`).
//!
//! Rule semantics (see also the header of `codebook/default.toml`):
//! * patterns are case-insensitive regexes, anchored at word edges (`\b{start-half}` /
//!   `\b{end-half}`, so `U\.S\.` works); `{NAME}` expands a `[macros]` entry;
//! * a rule fires when one of its `patterns` matches (if any are given), every `all` group
//!   matches, the matches fit `within` N words, one of its `actors` is present, and no
//!   `not` pattern matches; a theme is tagged when the weights of its fired rules sum to
//!   its `threshold`;
//! * **context**: the actor gazetteer fills `Tags::actors`. A sentence that opens with a
//!   carry-over subject (`[context] carry`: "It", "They", "Its", "Such a group" ...)
//!   inherits the actors of the previous sentence of its paragraph, so actor-dependent rules
//!   (`actors = ["china"]`) see "China ... . It opposes US alliances" as about China twice.
//!   A rule with `context = "paragraph"` lets its `all` groups match anywhere in the
//!   paragraph (its `patterns` must still match in the sentence itself).
//!
//! Matching prefilters each sentence: one trie walk for the required prefix
//! literals of most patterns (each candidate is then confirmed by its own regex), plus
//! [`regex::RegexSet`]s over the few patterns without such literals (see [`literal`]);
//! only the patterns that match are run again for spans, and rules whose parts cannot
//! fire are skipped.

pub mod claims;
pub mod explain;
pub mod gazetteer;
pub mod import;
pub(crate) mod literal;
pub(crate) mod matcher;
pub mod model;
pub mod selftest;

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use crate::codebook::claims::{ClaimLexicon, ClaimVerdict};
use crate::error::{Error, Result};
use crate::record::Evidence;

pub use explain::Explanation;
pub use gazetteer::Gazetteer;
pub use selftest::TestReport;

/// The default codebook, embedded at compile time.
pub const DEFAULT_TOML: &str = include_str!("../../codebook/default.toml");

/// Where a rule's `all` groups may match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Context {
    Sentence,
    Paragraph,
}

/// A compiled rule. Pattern numbers index [`Codebook`]'s pattern table.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub patterns: Vec<usize>,
    pub all: Vec<Vec<usize>>,
    pub within: Option<usize>,
    /// Sentences around the tagged one that paragraph-context groups may use.
    pub window: Option<usize>,
    pub not: Vec<usize>,
    pub actors: Vec<String>,
    pub context: Context,
    pub weight: f64,
}

/// A compiled theme.
#[derive(Debug, Clone)]
pub struct Theme {
    pub id: String,
    pub label: String,
    pub description: String,
    pub threshold: f64,
    pub rules: Vec<Rule>,
    /// Sentences that must be tagged with this theme.
    pub must: Vec<String>,
    /// Sentences that must not be tagged with this theme.
    pub must_not: Vec<String>,
    /// Whether the theme carries to a sentence that continues its topic.
    pub carry: bool,
    /// Paragraphs whose last sentence must get the theme (context examples).
    pub must_paragraph: Vec<Vec<String>>,
}

/// Tags for one sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tags {
    /// Theme ids, sorted.
    pub themes: Vec<String>,
    pub evidence: Vec<Evidence>,
    /// Actor ids (gazetteer) mentioned in the sentence, sorted.
    pub actors: Vec<String>,
    pub claim: ClaimVerdict,
}

/// Every distinct pattern of the codebook, compiled once, plus the prefilter.
#[derive(Debug, Clone)]
pub(crate) struct PatternTable {
    pub(crate) sources: Vec<String>,
    pub(crate) regexes: Vec<Regex>,
    /// Each pattern's prefix literals (`None`: left to `residual`), for the codebook's
    /// [`PatternSet`], whose candidates are confirmed with `checkers`.
    pub(crate) lits: Vec<Option<Vec<Vec<u8>>>>,
    /// Per pattern with literals: the pattern for anchored confirmation at a literal,
    /// compiled on first use (most patterns never see a candidate in a given run).
    checkers: Vec<std::sync::OnceLock<Option<regex_automata::meta::Regex>>>,
    /// The other patterns: regex sets over chunks of them (pattern numbers, set).
    residual: Vec<(Vec<usize>, RegexSet)>,
    /// Sets over all patterns in chunks of [`PREFILTER_CHUNK`], built on first use, for
    /// the rare sentence the ASCII literal scan cannot judge ([`literal::folds_to_ascii`]).
    full: std::sync::OnceLock<Option<Vec<RegexSet>>>,
}

/// Patterns per prefilter set. One set over hundreds of patterns with word gaps
/// (`(?:\w+ ){0,3}`) makes the lazy DFA's states (sets of live NFA states) multiply, and
/// building them dominates tagging until the cache is warm. On 6,000 State of the Union
/// sentences, cold, 64-pattern sets take about a third of the time of one set over all
/// ~300 patterns; warm, they cost about 1 µs per sentence more.
pub(crate) const PREFILTER_CHUNK: usize = 64;

/// Shortest prefix literal the literal prefilter accepts for a pattern.
pub(crate) const MIN_LITERAL: usize = 2;

impl PatternTable {
    fn new(
        sources: Vec<String>,
        regexes: Vec<Regex>,
    ) -> std::result::Result<PatternTable, regex::Error> {
        let lits: Vec<Option<Vec<Vec<u8>>>> = sources
            .iter()
            .map(|s| literal::prefix_literals(s, MIN_LITERAL))
            .collect();
        let checkers = (0..sources.len())
            .map(|_| std::sync::OnceLock::new())
            .collect();
        let rest: Vec<usize> = (0..sources.len()).filter(|&p| lits[p].is_none()).collect();
        let residual = rest
            .chunks(PREFILTER_CHUNK)
            .map(|ps| {
                let srcs: Vec<String> = ps.iter().map(|&p| sources[p].clone()).collect();
                prefilter_set(&srcs).map(|set| (ps.to_vec(), set))
            })
            .collect::<std::result::Result<_, _>>()?;
        Ok(PatternTable {
            sources,
            regexes,
            lits,
            checkers,
            residual,
            full: std::sync::OnceLock::new(),
        })
    }

    /// Which patterns may match a sentence the literal scan cannot judge
    /// ([`literal::folds_to_ascii`]): the regex sets over all patterns (a superset of the
    /// exact matches), as a bit set.
    pub(crate) fn prefilter_by_sets(&self, s: &str) -> Hits {
        let mut hits = Hits::none(self.sources.len());
        match self.full.get_or_init(|| prefilter_sets(&self.sources).ok()) {
            Some(sets) => {
                for (c, set) in sets.iter().enumerate() {
                    for i in set.matches(s).iter() {
                        hits.insert(c * PREFILTER_CHUNK + i);
                    }
                }
            }
            None => hits.bits.iter_mut().for_each(|w| *w = u64::MAX),
        }
        hits
    }

    /// The prefilter's verdict from the literal occurrences (pattern, start) of `s`,
    /// sorted: confirmed at the occurrences, plus the residual sets.
    pub(crate) fn hits_at(&self, s: &str, occ: &[(u32, u32)]) -> Hits {
        let mut hits = Hits::none(self.sources.len());
        let mut done = u32::MAX;
        for &(p, st) in occ {
            if p == done {
                continue;
            }
            let pi = p as usize;
            let checker = self.checkers[pi]
                .get_or_init(|| literal::anchored_checker(&wrap(&self.sources[pi])).ok());
            // (The checker compiles whenever the pattern's `Regex` did; if not, the
            // pattern is a candidate and `find` decides.)
            // The first start (occurrences are sorted) where the anchored checker matches
            // is the start of the pattern's leftmost-first match, and the anchored match
            // there is that match: kept, so tagging need not search again.
            match checker {
                None => {
                    hits.insert(pi);
                    done = p;
                }
                Some(re) => {
                    if let Some(end) = literal::match_end_at(re, s, st as usize) {
                        hits.insert(pi);
                        hits.spans.push((p, st, end as u32));
                        done = p;
                    }
                }
            }
        }
        for (ps, set) in &self.residual {
            for i in set.matches(s).iter() {
                let p = ps[i];
                hits.insert(p);
            }
        }
        hits
    }
}

/// The prefilter's verdict on one sentence: pattern numbers that may match, and for the
/// patterns the literal path confirmed, their leftmost-first match.
#[derive(Debug, Clone)]
pub(crate) struct Hits {
    bits: Vec<u64>,
    /// (pattern, start, end), sorted by pattern: the exact first match of a confirmed
    /// pattern. A candidate without an entry is only a candidate (`find` decides).
    spans: Vec<(u32, u32, u32)>,
}

impl Hits {
    fn none(patterns: usize) -> Hits {
        Hits {
            bits: vec![0; patterns.div_ceil(64)],
            spans: Vec::new(),
        }
    }

    fn insert(&mut self, p: usize) {
        if let Some(w) = self.bits.get_mut(p / 64) {
            *w |= 1 << (p % 64);
        }
    }

    pub(crate) fn matched(&self, p: usize) -> bool {
        self.bits
            .get(p / 64)
            .is_some_and(|w| w & (1 << (p % 64)) != 0)
    }

    /// The first match of pattern `p` when the prefilter already confirmed it.
    pub(crate) fn span(&self, p: usize) -> Option<(usize, usize)> {
        let i = self
            .spans
            .binary_search_by_key(&(p as u32), |&(q, _, _)| q)
            .ok()?;
        let (_, start, end) = self.spans[i];
        Some((start as usize, end as usize))
    }
}

/// One literal pass per sentence for the whole codebook: the prefix literals of the theme
/// patterns, the claim-cue classes and the actors' aliases in one trie, whose occurrences
/// drive all three (each confirms its own candidates as before).
#[derive(Debug, Clone, Default)]
pub(crate) struct PatternSet {
    filter: literal::LiteralFilter,
    /// Owner numbers: theme patterns from 0, claim classes from `claims_at`, actors from
    /// `actors_at`.
    claims_at: u32,
    actors_at: u32,
}

/// A sentence's literal occurrences (owner, start) by part, owner numbers local to each.
#[derive(Debug, Default)]
pub(crate) struct Occurrences {
    pub(crate) patterns: Vec<(u32, u32)>,
    pub(crate) claims: Vec<(u32, u32)>,
    pub(crate) actors: Vec<(u32, u32)>,
}

impl PatternSet {
    fn new(table: &PatternTable, claims: &ClaimLexicon, gazetteer: &Gazetteer) -> PatternSet {
        let mut lits = table.lits.clone();
        let claims_at = lits.len() as u32;
        lits.extend(claims.lits.iter().cloned());
        let actors_at = lits.len() as u32;
        lits.extend(gazetteer.lits.iter().cloned());
        PatternSet {
            filter: literal::LiteralFilter::new(&lits),
            claims_at,
            actors_at,
        }
    }

    /// The occurrences in `s`, each part sorted; `None` when the ASCII literal scan cannot
    /// judge `s` ([`literal::folds_to_ascii`]): then each part takes its own slow path.
    pub(crate) fn scan(&self, s: &str) -> Option<Occurrences> {
        if literal::folds_to_ascii(s) {
            return None;
        }
        let mut occ = Occurrences::default();
        self.filter.scan(s, |o, st| {
            let (o, st) = (o as u32, st as u32);
            if o >= self.actors_at {
                occ.actors.push((o - self.actors_at, st));
            } else if o >= self.claims_at {
                occ.claims.push((o - self.claims_at, st));
            } else {
                occ.patterns.push((o, st));
            }
        });
        for part in [&mut occ.patterns, &mut occ.claims, &mut occ.actors] {
            part.sort_unstable();
            part.dedup();
        }
        Some(occ)
    }
}

/// A compiled codebook.
#[derive(Debug, Clone)]
pub struct Codebook {
    pub themes: Vec<Theme>,
    pub claims: ClaimLexicon,
    pub gazetteer: Gazetteer,
    pub(crate) table: PatternTable,
    pub(crate) set: PatternSet,
    carry: Vec<Regex>,
    no_carry: Vec<Regex>,
    continues: Vec<Regex>,
    fingerprint: String,
}

/// Whether a continuation opening points back at the previous sentence: a demonstrative
/// ("This demand", "Such a deal") always does; a definite noun phrase ("The agreement")
/// only when its head noun (or its stem) occurs in the previous sentence.
fn refers_back(opening: &str, previous: &str) -> bool {
    let words: Vec<String> = opening
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let Some(det) = words.iter().position(|w| w == "the") else {
        return true;
    };
    let Some(head) = words.last().filter(|_| words.len() > det + 1) else {
        return false;
    };
    let stem: String = head.chars().take(5).collect();
    previous.to_lowercase().contains(&stem)
}

/// Theme id → label of a codebook source, read without compiling any pattern (for
/// output that only names themes). An unreadable source gives no labels.
pub fn theme_labels(src: &str) -> BTreeMap<String, String> {
    toml::from_str::<model::FileToml>(src)
        .map(|f| {
            f.themes
                .into_iter()
                .map(|t| (t.id.into_inner(), t.label))
                .collect()
        })
        .unwrap_or_default()
}

/// Wrap a pattern in word-edge assertions and compile it case-insensitively.
pub fn compile_pattern(pattern: &str) -> std::result::Result<Regex, regex::Error> {
    RegexBuilder::new(&wrap(pattern))
        .case_insensitive(true)
        .size_limit(64 << 20)
        .dfa_size_limit(32 << 20)
        .build()
}

pub(crate) fn wrap(pattern: &str) -> String {
    // ASCII word edges: the lazy DFA handles them on any text, whereas Unicode word
    // boundaries make it give up on the first non-ASCII byte (curly quotes, dashes), which
    // commentaries have in almost every sentence.
    format!(r"(?-u:\b{{start-half}})(?:{pattern})(?-u:\b{{end-half}})")
}

/// The prefilter: sets over chunks of the patterns. Each is built in ASCII mode when its
/// patterns allow it (ASCII word boundaries and classes keep the lazy DFA small and fast, and it
/// never has to fall back to the slow engine on non-ASCII text); the exact per-pattern
/// regexes that confirm each hit stay Unicode-aware. ASCII `\w`/`\b` accept a superset of
/// the Unicode matches' starts and ends on English text, so no true hit is filtered out.
fn prefilter_sets(sources: &[String]) -> std::result::Result<Vec<RegexSet>, regex::Error> {
    sources.chunks(PREFILTER_CHUNK).map(prefilter_set).collect()
}

fn prefilter_set(sources: &[String]) -> std::result::Result<RegexSet, regex::Error> {
    let ascii = RegexSetBuilder::new(
        sources
            .iter()
            .map(|s| format!(r"(?-u:\b{{start-half}})(?:{s})(?-u:\b{{end-half}})")),
    )
    .case_insensitive(true)
    .unicode(false)
    .size_limit(256 << 20)
    .dfa_size_limit(128 << 20)
    .build();
    match ascii {
        Ok(set) => Ok(set),
        Err(_) => RegexSetBuilder::new(sources.iter().map(|s| wrap(s)))
            .case_insensitive(true)
            .size_limit(256 << 20)
            .dfa_size_limit(128 << 20)
            .build(),
    }
}

/// 1-based line and column of a byte offset.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

pub(crate) fn config_error(
    origin: &str,
    src: &str,
    span: Option<std::ops::Range<usize>>,
    message: String,
) -> Error {
    let (line, column) = span.map_or((1, 1), |s| line_col(src, s.start));
    Error::Config {
        origin: origin.to_string(),
        line,
        column,
        message,
    }
}

/// Expand `{NAME}` macro references (macros may use earlier-defined or any other macros,
/// up to a nesting depth of 8).
pub fn expand_macros(
    pattern: &str,
    macros: &BTreeMap<String, String>,
) -> std::result::Result<String, String> {
    static MACRO: std::sync::LazyLock<Regex> =
        std::sync::LazyLock::new(|| crate::static_regex(r"\{([A-Za-z_][A-Za-z0-9_]*)\}"));
    let mut out = pattern.to_string();
    for _ in 0..8 {
        if !MACRO.is_match(&out) {
            return Ok(out);
        }
        let mut missing = None;
        let next = MACRO.replace_all(&out, |c: &regex::Captures| match macros.get(&c[1]) {
            Some(v) => format!("(?:{v})"),
            None => {
                missing = Some(c[1].to_string());
                String::new()
            }
        });
        if let Some(m) = missing {
            return Err(format!("unknown macro {{{m}}}"));
        }
        out = next.into_owned();
    }
    Err("macros nested too deeply (or recursive)".to_string())
}

/// Collects compiled patterns and the errors met while compiling.
struct Builder<'a> {
    src: &'a str,
    origin: &'a str,
    macros: BTreeMap<String, String>,
    index: BTreeMap<String, usize>,
    sources: Vec<String>,
    regexes: Vec<Regex>,
    errors: Vec<Error>,
}

impl Builder<'_> {
    fn err(&mut self, span: Option<std::ops::Range<usize>>, message: String) {
        let e = config_error(self.origin, self.src, span, message);
        self.errors.push(e);
    }

    /// Compile (or reuse) a pattern; `None` after recording an error.
    fn pattern(&mut self, p: &toml::Spanned<String>, what: &str) -> Option<usize> {
        let expanded = match expand_macros(p.get_ref(), &self.macros) {
            Ok(x) => x,
            Err(m) => {
                self.err(Some(p.span()), format!("{what}: {m}"));
                return None;
            }
        };
        if expanded.trim().is_empty() {
            self.err(Some(p.span()), format!("{what}: empty pattern"));
            return None;
        }
        if let Some(&i) = self.index.get(&expanded) {
            return Some(i);
        }
        match compile_pattern(&expanded) {
            Ok(re) => {
                if re.is_match("") {
                    self.err(
                        Some(p.span()),
                        format!("{what}: pattern {:?} matches the empty string", p.get_ref()),
                    );
                    return None;
                }
                let i = self.regexes.len();
                self.regexes.push(re);
                self.sources.push(expanded.clone());
                self.index.insert(expanded, i);
                Some(i)
            }
            Err(e) => {
                let msg = e
                    .to_string()
                    .lines()
                    .last()
                    .unwrap_or("")
                    .trim()
                    .to_string();
                self.err(
                    Some(p.span()),
                    format!("{what}: bad regex {:?}: {msg}", p.get_ref()),
                );
                None
            }
        }
    }

    fn patterns(&mut self, ps: &[toml::Spanned<String>], what: &str) -> Vec<usize> {
        ps.iter().filter_map(|p| self.pattern(p, what)).collect()
    }
}

/// Compile sentence-opening patterns (`[context]`): anchored at the start, after any
/// leading punctuation.
fn anchored(b: &mut Builder, ps: &[toml::Spanned<String>], what: &str) -> Vec<Regex> {
    let mut out = Vec::new();
    for p in ps {
        match expand_macros(p.get_ref(), &b.macros) {
            Ok(x) => match RegexBuilder::new(&format!(r"^\W*(?:{x})\b{{end-half}}"))
                .case_insensitive(true)
                .build()
            {
                Ok(re) => out.push(re),
                Err(e) => b.err(Some(p.span()), format!("{what}: bad regex: {e}")),
            },
            Err(m) => b.err(Some(p.span()), format!("{what}: {m}")),
        }
    }
    out
}

/// Parse and compile, collecting every error found (not just the first).
/// Byte ranges of the `[[themes]]` blocks of a codebook: from each `[[themes]]` header to
/// the next one or the next table that is not part of a theme.
fn theme_blocks(src: &str) -> Vec<std::ops::Range<usize>> {
    let mut blocks: Vec<std::ops::Range<usize>> = Vec::new();
    let mut open: Option<usize> = None;
    let mut at = 0;
    for line in src.split_inclusive('\n') {
        let l = line.trim();
        let header = l.starts_with('[');
        let theme_start = l.starts_with("[[themes]]");
        let in_theme = l.starts_with("[[themes.") || l.starts_with("[themes.");
        if header && !in_theme {
            if let Some(start) = open.take() {
                blocks.push(start..at);
            }
            if theme_start {
                open = Some(at);
            }
        }
        at += line.len();
    }
    if let Some(start) = open {
        blocks.push(start..src.len());
    }
    blocks
}

/// `src` with everything outside `keep` blanked (newlines kept, so positions stay true).
fn only(src: &str, keep: &[std::ops::Range<usize>]) -> String {
    src.char_indices()
        .map(|(i, c)| {
            if c == '\n' || keep.iter().any(|r| r.contains(&i)) {
                c
            } else {
                ' '
            }
        })
        .collect()
}

/// Every structural problem of a codebook whose TOML is valid but does not fit the
/// codebook's shape: serde stops at the first, so each `[[themes]]` block, and the rest
/// of the file, is checked on its own.
fn structural_errors(src: &str, origin: &str) -> Vec<Error> {
    let blocks = theme_blocks(src);
    let mut rest: Vec<std::ops::Range<usize>> = Vec::new();
    let mut at = 0;
    for b in &blocks {
        rest.push(at..b.start);
        at = b.end;
    }
    rest.push(at..src.len());
    let mut parts = vec![only(src, &rest)];
    parts.extend(blocks.iter().map(|b| only(src, std::slice::from_ref(b))));
    let mut errors: Vec<Error> = Vec::new();
    for part in parts {
        if let Err(e) = toml::from_str::<model::FileToml>(&part) {
            let err = config_error(origin, src, e.span(), e.message().trim().to_string());
            if !errors.iter().any(|x| x.to_string() == err.to_string()) {
                errors.push(err);
            }
        }
    }
    errors
}

fn build(src: &str, origin: &str) -> (Option<Codebook>, Vec<Error>) {
    let file: model::FileToml = match toml::from_str(src) {
        Ok(f) => f,
        Err(e) => {
            let first = config_error(origin, src, e.span(), e.message().trim().to_string());
            // A TOML syntax error ends parsing: it is the only one that can be reported.
            if toml::from_str::<toml::Table>(src).is_err() {
                return (None, vec![first]);
            }
            let mut all = structural_errors(src, origin);
            if all.is_empty() {
                all.push(first);
            }
            all.sort_by_key(|e| match e {
                Error::Config { line, column, .. } => (*line, *column),
                _ => (0, 0),
            });
            return (None, all);
        }
    };
    let mut b = Builder {
        src,
        origin,
        macros: file
            .macros
            .iter()
            .map(|(k, v)| (k.clone(), v.get_ref().clone()))
            .collect(),
        index: BTreeMap::new(),
        sources: Vec::new(),
        regexes: Vec::new(),
        errors: Vec::new(),
    };
    for (name, v) in &file.macros {
        if let Err(m) = expand_macros(v.get_ref(), &b.macros) {
            b.err(Some(v.span()), format!("macro {name}: {m}"));
        }
    }
    let gazetteer = Gazetteer::compile(&file.actors, &b.macros, src, origin, &mut b.errors);
    let carry = anchored(&mut b, &file.context.carry, "context.carry");
    let no_carry = anchored(&mut b, &file.context.no_carry, "context.no_carry");
    let continues = anchored(&mut b, &file.context.continues, "context.continues");

    let mut themes = Vec::new();
    let mut theme_ids = HashSet::new();
    if file.themes.is_empty() {
        b.err(
            None,
            "no themes: a codebook needs at least one [[themes]] table with rules".into(),
        );
    }
    for t in &file.themes {
        let tid = t.id.get_ref().clone();
        if tid.trim().is_empty() {
            b.err(Some(t.id.span()), "theme id is empty".into());
        }
        if !theme_ids.insert(tid.clone()) {
            b.err(Some(t.id.span()), format!("duplicate theme id {tid:?}"));
        }
        if t.rules.is_empty() {
            b.err(Some(t.id.span()), format!("theme {tid:?} has no rules"));
        }
        let mut rule_ids = HashSet::new();
        let mut rules = Vec::new();
        for r in &t.rules {
            let rid = r.id.get_ref().clone();
            if !rule_ids.insert(rid.clone()) {
                b.err(
                    Some(r.id.span()),
                    format!("duplicate rule id {rid:?} in theme {tid:?}"),
                );
            }
            if r.patterns.is_empty() && r.all.is_empty() {
                b.err(
                    Some(r.id.span()),
                    format!("rule {rid:?} has neither `patterns` nor `all`"),
                );
            }
            if r.all.iter().any(|g| g.is_empty()) {
                b.err(
                    Some(r.id.span()),
                    format!("rule {rid:?}: an `all` group is empty"),
                );
            }
            for a in &r.actors {
                if !gazetteer.has(a) {
                    b.err(
                        Some(r.id.span()),
                        format!("rule {rid:?}: unknown actor {a:?}"),
                    );
                }
            }
            let context = match r.context.as_ref().map(|c| c.get_ref().as_str()) {
                None | Some("sentence") => Context::Sentence,
                Some("paragraph") => Context::Paragraph,
                Some(other) => {
                    let span = r.context.as_ref().map(|c| c.span());
                    b.err(span, format!("rule {rid:?}: context must be \"sentence\" or \"paragraph\", not {other:?}"));
                    Context::Sentence
                }
            };
            let what = format!("rule {rid}");
            let patterns = b.patterns(&r.patterns, &what);
            let all = r.all.iter().map(|g| b.patterns(g, &what)).collect();
            let not = b.patterns(&r.not, &what);
            rules.push(Rule {
                id: rid,
                patterns,
                all,
                within: r.within,
                window: r.window,
                not,
                actors: r.actors.clone(),
                context,
                weight: r.weight.unwrap_or(1.0),
            });
        }
        themes.push(Theme {
            id: tid,
            label: t.label.clone(),
            description: t.description.clone(),
            threshold: t.threshold.unwrap_or(1.0),
            rules,
            must: t.must.clone(),
            must_not: t.must_not.clone(),
            carry: t.carry,
            must_paragraph: t.must_paragraph.clone(),
        });
    }
    // A codebook without claim cues (e.g. an imported dictionary, which only has themes)
    // keeps the built-in claim detector, so its themes still mark claims.
    let claims = if file.claims.cues.is_empty() && src != DEFAULT_TOML {
        Ok(BUILTIN.claims.clone())
    } else {
        ClaimLexicon::compile(&file.claims, &b.macros)
    };
    let claims = match claims {
        Ok(c) => c,
        Err(m) => {
            let at = src.find("[claims").map(|s| s..s + 1);
            b.err(at, m);
            ClaimLexicon::default()
        }
    };
    let table = match PatternTable::new(
        std::mem::take(&mut b.sources),
        std::mem::take(&mut b.regexes),
    ) {
        Ok(t) => t,
        Err(e) => {
            b.err(None, format!("pattern set: {e}"));
            return (None, b.errors);
        }
    };
    if !b.errors.is_empty() {
        return (None, b.errors);
    }
    let fingerprint = fingerprint_of(src);
    let set = PatternSet::new(&table, &claims, &gazetteer);
    let cb = Codebook {
        themes,
        claims,
        gazetteer,
        table,
        set,
        carry,
        no_carry,
        continues,
        fingerprint,
    };
    (Some(cb), Vec::new())
}

/// The fingerprint a codebook compiled from `src` has (a short hash of the source), known
/// without compiling it.
pub fn fingerprint_of(src: &str) -> String {
    blake3::hash(src.as_bytes()).to_hex()[..16].to_string()
}

/// The built-in codebook, compiled once per process.
static BUILTIN: std::sync::LazyLock<Codebook> = std::sync::LazyLock::new(|| {
    // The embedded file is tested (`builtin_codebook_parses`), so this cannot fail.
    Codebook::from_toml(DEFAULT_TOML, "codebook/default.toml")
        .unwrap_or_else(|e| panic!("built-in codebook is invalid: {e}"))
});

impl Codebook {
    /// The built-in codebook (compiled on first use, then shared).
    pub fn builtin() -> Codebook {
        BUILTIN.clone()
    }

    /// Load a codebook file.
    pub fn load(path: &Path) -> Result<Codebook> {
        let src = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::from_toml(&src, &path.display().to_string())
    }

    /// Parse and compile a codebook; `origin` names it in errors (`origin:line:col: msg`).
    pub fn from_toml(src: &str, origin: &str) -> Result<Codebook> {
        match build(src, origin) {
            (Some(cb), _) => Ok(cb),
            (None, mut errors) => Err(if errors.is_empty() {
                config_error(origin, src, None, "invalid codebook".into())
            } else {
                errors.swap_remove(0)
            }),
        }
    }

    /// Every problem in a codebook source (syntax, unknown keys, bad regexes, unknown
    /// macros or actors, duplicate ids, themes without rules), each with its line and
    /// column. Empty means the codebook is valid. For `argdex codebook check`.
    pub fn check(src: &str, origin: &str) -> Vec<Error> {
        build(src, origin).1
    }

    /// The source of the built-in codebook (for `codebook show` / `codebook init`).
    pub fn default_toml() -> &'static str {
        DEFAULT_TOML
    }

    /// A short hash of the codebook source: a changed codebook re-tags the index.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Theme ids in codebook order.
    pub fn theme_ids(&self) -> Vec<String> {
        self.themes.iter().map(|t| t.id.clone()).collect()
    }

    /// Actors of each sentence after pronoun carry-over (see the module comment).
    fn effective_actors(&self, sentences: &[&str], own: &[Vec<String>]) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = Vec::with_capacity(sentences.len());
        for (i, s) in sentences.iter().enumerate() {
            let mut a = own[i].clone();
            if i > 0 && self.carries(s) {
                for x in &out[i - 1] {
                    if !a.contains(x) {
                        a.push(x.clone());
                    }
                }
            }
            a.sort();
            out.push(a);
        }
        out
    }

    /// Does this sentence open with a carry-over subject?
    pub fn carries(&self, sentence: &str) -> bool {
        self.carry.iter().any(|r| r.is_match(sentence))
            && !self.no_carry.iter().any(|r| r.is_match(sentence))
    }

    /// Tag every sentence of one paragraph (the paragraph is the context rules may use).
    pub fn tag_paragraph(&self, sentences: &[&str]) -> Vec<Tags> {
        self.tag_paragraph_in(sentences, None)
    }

    /// [`Codebook::tag_paragraph`] for a document of a known genre (`[claims.genre]`
    /// weights apply to its claim verdicts).
    pub fn tag_paragraph_in(&self, sentences: &[&str], genre: Option<&str>) -> Vec<Tags> {
        let para = matcher::Paragraph::new(self, sentences);
        let mut out = (0..sentences.len())
            .map(|i| {
                let outcomes = para.evaluate_fired(self, i);
                let cues = match para.claim_occ.get(i).and_then(Option::as_ref) {
                    Some(occ) => self.claims.hits_at(sentences[i], occ),
                    None => self.claims.hits(sentences[i]),
                };
                let mut tags = Tags {
                    claim: self.claims.verdict(sentences[i], genre, cues),
                    actors: para.own_actors[i].clone(),
                    ..Tags::default()
                };
                for (theme, score, rules) in matcher::theme_scores(self, &outcomes) {
                    if score >= theme.threshold && score > 0.0 {
                        tags.themes.push(theme.id.clone());
                        for o in rules.iter().filter(|o| o.fired) {
                            if let Some(ev) = o.evidence(&theme.id) {
                                tags.evidence.push(ev);
                            }
                        }
                    }
                }
                tags.themes.sort();
                tags
            })
            .collect::<Vec<Tags>>();
        self.carry_themes(sentences, &mut out);
        out
    }

    /// The opening of a sentence that continues the previous one's topic, if any (see
    /// `[context] continues`; expletive openings in `no_carry` do not count).
    pub fn continuation(&self, sentence: &str) -> Option<(usize, usize)> {
        if self.no_carry.iter().any(|r| r.is_match(sentence)) {
            return None;
        }
        self.continues
            .iter()
            .find_map(|r| r.find(sentence))
            .map(|m| (m.start(), m.end()))
    }

    /// Context across sentences: a theme with `carry = true` tagged on a sentence by its
    /// own rules passes to the next sentence of the paragraph when that one opens with a
    /// continuation ("This demand …", "The agreement …"). One step only: a carried theme
    /// does not carry again.
    fn carry_themes(&self, sentences: &[&str], tags: &mut [Tags]) {
        for i in 1..sentences.len() {
            let Some((start, end)) = self.continuation(sentences[i]) else {
                continue;
            };
            let opening = sentences[i].get(start..end).unwrap_or_default();
            if !refers_back(opening, sentences[i - 1]) {
                continue;
            }
            for theme in self.themes.iter().filter(|t| t.carry) {
                let own = |t: &Tags| {
                    t.evidence
                        .iter()
                        .any(|e| e.theme == theme.id && e.from.is_none())
                };
                if !own(&tags[i - 1]) || tags[i].themes.contains(&theme.id) {
                    continue;
                }
                let matched = sentences[i].get(start..end).unwrap_or_default().to_string();
                let t = &mut tags[i];
                t.themes.push(theme.id.clone());
                t.themes.sort();
                t.evidence.push(Evidence {
                    theme: theme.id.clone(),
                    rule: format!("context:{}", theme.id),
                    matched,
                    start,
                    end,
                    from: Some(i - 1),
                });
            }
        }
    }

    /// Explain the tags of sentence `i` of a paragraph: every rule that fired or nearly
    /// fired, with spans and scores, the actors (own and carried) and the claim cues.
    pub fn explain(&self, paragraph: &[&str], i: usize) -> Explanation {
        explain::explain(self, paragraph, i)
    }

    /// Run the codebook's own examples (`must` / `must_not` of every theme).
    pub fn self_test(&self) -> TestReport {
        selftest::run(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_codebook_parses() {
        let errors = Codebook::check(DEFAULT_TOML, "default");
        assert!(
            errors.is_empty(),
            "{}",
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
        let cb = Codebook::from_toml(DEFAULT_TOML, "default").unwrap();
        assert_eq!(cb.theme_ids().len(), 4);
    }

    #[test]
    fn builtin_self_test_passes() {
        let r = Codebook::builtin().self_test();
        assert!(r.passed(), "{r}");
    }

    #[test]
    fn bad_regex_reports_line() {
        let src = "[[themes]]\nid = \"x\"\n[[themes.rules]]\nid = \"r\"\npatterns = [\"(\"]\n";
        let err = Codebook::from_toml(src, "cb.toml").unwrap_err().to_string();
        assert!(err.starts_with("cb.toml:5:"), "{err}");
    }

    #[test]
    fn check_collects_several_errors() {
        let src = "[[themes]]\nid = \"x\"\n[[themes.rules]]\nid = \"r\"\npatterns = [\"(\", \"{NOPE}\"]\n[[themes]]\nid = \"x\"\n";
        let errs: Vec<String> = Codebook::check(src, "c")
            .iter()
            .map(|e| e.to_string())
            .collect();
        assert!(errs.iter().any(|e| e.contains("bad regex")), "{errs:?}");
        assert!(errs.iter().any(|e| e.contains("unknown macro")), "{errs:?}");
        assert!(
            errs.iter()
                .any(|e| e.starts_with("c:7:") && e.contains("duplicate theme")),
            "{errs:?}"
        );
        assert!(errs.iter().any(|e| e.contains("no rules")), "{errs:?}");
    }

    #[test]
    fn unknown_key_has_position() {
        let src = "[[themes]]\nid = \"x\"\nlabl = \"y\"\n";
        let errs = Codebook::check(src, "c");
        assert!(errs[0].to_string().starts_with("c:3:"), "{}", errs[0]);
    }

    #[test]
    fn macros_expand_and_us_dotted_matches() {
        let src = r#"
[macros]
A = "U\\.S\\.|{B}"
B = "America"
[[themes]]
id = "t"
[[themes.rules]]
id = "r"
patterns = ["{A}"]
"#;
        let cb = Codebook::from_toml(src, "m").unwrap();
        let t = cb.tag_paragraph(&["The U.S. is here.", "Americas"]);
        assert_eq!(t[0].themes, vec!["t"]);
        assert_eq!(t[0].evidence[0].matched, "U.S.");
        assert!(t[1].themes.is_empty());
    }

    #[test]
    fn cooccurrence_within_not_and_threshold() {
        let src = r#"
[[themes]]
id = "t"
threshold = 2
[[themes.rules]]
id = "a"
all = [["cost"], ["allies?"]]
within = 4
not = ["diplomacy"]
[[themes.rules]]
id = "b"
patterns = ["share"]
"#;
        let cb = Codebook::from_toml(src, "m").unwrap();
        let t = cb.tag_paragraph(&[
            "Allies share the cost.",
            "Allies share the cost of diplomacy.",
            "The cost was shared out over many years by the allies.",
            "Allies pay the cost.",
        ]);
        assert_eq!(t[0].themes, vec!["t"]);
        assert!(t[1].themes.is_empty());
        assert!(t[2].themes.is_empty());
        assert!(t[3].themes.is_empty(), "below threshold");
    }
}
