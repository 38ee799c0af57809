//! Stage 3 (codebook), compilation: TOML source → [`Codebook`]. Parses the file (every
//! structural problem reported with its line and column, not just serde's first), expands
//! `{MACRO}`s, compiles each distinct pattern once (word-edge wrapped, case-insensitive),
//! the gazetteer, the claim lexicon and the `[context]` openings, and builds the
//! prefilter ([`super::prefilter`]).

use std::collections::{BTreeMap, HashSet};

use regex::{Regex, RegexBuilder};

use super::claims::ClaimLexicon;
use super::prefilter::{PatternSet, PatternTable};
use super::{BUILTIN, Codebook, Context, DEFAULT_TOML, Gazetteer, Rule, Theme, literal, model};
use crate::error::Error;

/// Wrap a pattern in word-edge assertions and compile it case-insensitively.
pub fn compile_pattern(pattern: &str) -> std::result::Result<Regex, regex::Error> {
    RegexBuilder::new(&wrap(pattern))
        .case_insensitive(true)
        .size_limit(64 << 20)
        .dfa_size_limit(32 << 20)
        .build()
}

/// [`compile_pattern`]'s pattern as a [`literal::Checker`] (same syntax, semantics and
/// limits), which answers anchored and unanchored searches: compiled now, on error with
/// `regex`'s own message, or for the built-in codebook ([`Trust::Builtin`]) on first use
/// ([`literal::Checker::deferred`]).
pub(crate) fn compile_search_for(
    pattern: &str,
    trust: Trust,
) -> std::result::Result<literal::Checker, String> {
    match trust {
        Trust::Builtin => Ok(literal::Checker::deferred(&wrap(pattern))),
        Trust::Check => literal::Checker::new(&wrap(pattern))
            .map_err(|built| compile_pattern(pattern).map_or_else(|e| e.to_string(), |_| built)),
    }
}

/// Whether a codebook's regexes are compiled and checked when it is loaded (a user's
/// codebook: every error is reported with its line) or on first use (the built-in one,
/// which the tests compile in full).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Trust {
    Builtin,
    Check,
}

pub(crate) fn wrap(pattern: &str) -> String {
    // ASCII word edges: the lazy DFA handles them on any text, whereas Unicode word
    // boundaries make it give up on the first non-ASCII byte (curly quotes, dashes), which
    // commentaries have in almost every sentence.
    format!(r"(?-u:\b{{start-half}})(?:{pattern})(?-u:\b{{end-half}})")
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

/// Collects the patterns (compiled at the end, all at once) and the errors met.
struct Builder<'a> {
    src: &'a str,
    origin: &'a str,
    macros: BTreeMap<String, String>,
    index: BTreeMap<String, usize>,
    sources: Vec<String>,
    /// Where each distinct pattern is used: a pattern that does not compile is reported at
    /// every use, in the place among the other errors where it was met.
    uses: Vec<Vec<Use>>,
    /// Uses of patterns so far.
    used: usize,
    errors: Vec<Error>,
}

/// One use of a pattern in the TOML, for its error message.
struct Use {
    span: std::ops::Range<usize>,
    what: String,
    pattern: String,
    /// How many errors had been recorded when this use was met, and how many uses of
    /// patterns before it: its error's place.
    at: (usize, usize),
}

impl Builder<'_> {
    fn err(&mut self, span: Option<std::ops::Range<usize>>, message: String) {
        let e = config_error(self.origin, self.src, span, message);
        self.errors.push(e);
    }

    /// Register (or reuse) a pattern, compiled later by [`Builder::compile_all`]; `None`
    /// after recording an error.
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
        let use_ = Use {
            span: p.span(),
            what: what.to_string(),
            pattern: p.get_ref().clone(),
            at: (self.errors.len(), self.used),
        };
        self.used += 1;
        if let Some(&i) = self.index.get(&expanded) {
            self.uses[i].push(use_);
            return Some(i);
        }
        let i = self.sources.len();
        self.sources.push(expanded.clone());
        self.uses.push(vec![use_]);
        self.index.insert(expanded, i);
        Some(i)
    }

    /// Compile every distinct pattern, in parallel: a few hundred meta regexes are most of
    /// a codebook's compile time, which a small ingest waits for.
    fn compile_all(&self, trust: Trust) -> Vec<std::result::Result<literal::Checker, String>> {
        use rayon::prelude::*;
        self.sources
            .par_iter()
            .map(|p| compile_search_for(p, trust))
            .collect()
    }

    /// The compiled patterns of [`Builder::compile_all`]. A pattern that does not compile,
    /// or matches the empty string, is reported at each of its uses, among the other
    /// errors in TOML order.
    fn record(
        &mut self,
        compiled: Vec<std::result::Result<literal::Checker, String>>,
        trust: Trust,
    ) -> Vec<literal::Checker> {
        let mut regexes = Vec::with_capacity(compiled.len());
        let mut late: Vec<((usize, usize), Error)> = Vec::new();
        for (re, uses) in compiled.into_iter().zip(&self.uses) {
            // `None`: the pattern matches the empty string; else regex's message.
            let bad = match re {
                // (The built-in codebook's patterns are checked by the tests.)
                Ok(re) if trust == Trust::Builtin || !re.matches_empty() => {
                    regexes.push(re);
                    continue;
                }
                Ok(_) => None,
                Err(e) => Some(e.lines().last().unwrap_or("").trim().to_string()),
            };
            for u in uses {
                let message = match &bad {
                    None => format!(
                        "{}: pattern {:?} matches the empty string",
                        u.what, u.pattern
                    ),
                    Some(msg) => format!("{}: bad regex {:?}: {msg}", u.what, u.pattern),
                };
                let e = config_error(self.origin, self.src, Some(u.span.clone()), message);
                late.push((u.at, e));
            }
        }
        late.sort_by_key(|(at, _)| *at);
        for (k, ((at, _), e)) in late.into_iter().enumerate() {
            self.errors.insert(at + k, e);
        }
        regexes
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

/// Parse and compile, collecting every error found (not just the first).
pub(super) fn build(src: &str, origin: &str) -> (Option<Codebook>, Vec<Error>) {
    let trust = if src == DEFAULT_TOML {
        Trust::Builtin
    } else {
        Trust::Check
    };
    build_with(src, origin, trust)
}

/// [`build`], the regexes checked now or compiled on first use.
pub(super) fn build_with(src: &str, origin: &str, trust: Trust) -> (Option<Codebook>, Vec<Error>) {
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
        uses: Vec::new(),
        used: 0,
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
            must_not_paragraph: t.must_not_paragraph.clone(),
        });
    }
    // A codebook without claim cues (e.g. an imported dictionary, which only has themes)
    // keeps the built-in claim detector, so its themes still mark claims. The claim cues
    // compile beside the patterns.
    let (compiled, claims) = rayon::join(
        || b.compile_all(trust),
        || {
            if file.claims.cues.is_empty() && src != DEFAULT_TOML {
                Ok(BUILTIN.claims.clone())
            } else {
                ClaimLexicon::compile_with(&file.claims, &b.macros, trust)
            }
        },
    );
    let regexes = b.record(compiled, trust);
    let claims = match claims {
        Ok(c) => c,
        Err(m) => {
            let at = src.find("[claims").map(|s| s..s + 1);
            b.err(at, m);
            ClaimLexicon::default()
        }
    };
    if !b.errors.is_empty() {
        return (None, b.errors);
    }
    let table = match PatternTable::new(std::mem::take(&mut b.sources), regexes) {
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
    let masks = super::matcher::RuleMask::of_themes(&themes);
    let rule_index = super::matcher::RuleIndex::of_themes(&themes, table.sources.len());
    let cb = Codebook {
        masks,
        rule_index,
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
