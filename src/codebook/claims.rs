//! Stage 3 of the pipeline, claims: is a sentence the author's own position (an evaluation,
//! prescription, prediction, causal explanation or generalisation) or a report of events
//! and other people's words? Cues come from the codebook's `[claims]` table, not from code.
//!
//! Scoring: each cue class (`[claims.cues.NAME]`) has a `weight` and patterns; a class
//! counts once if any of its patterns matches. Positive classes are claim cues; negative
//! ones are *frames* (reporting: "X said", "according to"; narration: past-tense events
//! with dates). The sentence is a claim when the summed weights reach `threshold`.
//! `hedged` is set when a hedge (may, might, could ...) matches.

use std::collections::BTreeMap;

use super::prefilter::SEARCH;
use crate::codebook::compile::Trust;
use regex::Regex;
use serde::{Deserialize, Serialize};

/// The `[claims]` table of a codebook file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimsToml {
    /// Score a sentence needs to be a claim (default 1).
    pub threshold: Option<f64>,
    /// Cue classes: name → weight and patterns.
    #[serde(default)]
    pub cues: BTreeMap<String, CueClassToml>,
    /// Hedges (may, might, could ...).
    #[serde(default)]
    pub hedges: Vec<String>,
    /// Weight added when the sentence is a question (it ends with `?`): a plain question
    /// asks rather than asserts (default 0: no effect).
    pub question: Option<f64>,
    /// Weight added per document genre (`opinion`, `news`, `statement`, `transcript`,
    /// `other`): the prior that a sentence of that kind of text is the author's claim.
    #[serde(default)]
    pub genre: BTreeMap<String, f64>,
}

/// One cue class.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CueClassToml {
    /// Positive for claim cues, negative for reporting/narration frames (default 1).
    pub weight: Option<f64>,
    #[serde(default)]
    pub description: String,
    pub patterns: Vec<String>,
}

#[derive(Debug, Clone)]
struct CueClass {
    name: String,
    weight: f64,
    /// All patterns of the class as one alternation (leftmost match wins), compiled once
    /// for unanchored searches and for anchored matching at the class's literals.
    pattern: crate::codebook::literal::Checker,
    /// The alternation's source (word-edge wrapped), for the regex set.
    source: String,
    /// When the class has literals (`ClaimLexicon::lits`): its patterns that have no
    /// prefix literals, if any, and where to search them.
    rest: Option<Rest>,
}

/// A class's patterns without prefix literals, searched unanchored where their gate
/// says they may match.
#[derive(Debug, Clone)]
struct Rest {
    re: Regex,
    gate: RestGate,
}

#[derive(Debug, Clone)]
enum RestGate {
    /// Where the literal pass reports one of the class's search literals
    /// ([`ClaimLexicon::search`]; its occurrence has the start [`SEARCH`]).
    Literals,
    /// Where one of the required suffixes
    /// ([`crate::codebook::literal::required_suffixes`]) occurs (`None`: everywhere).
    Suffixes(Option<regex_automata::meta::Regex>),
}

/// The compiled claim lexicon.
#[derive(Debug, Clone, Default)]
pub struct ClaimLexicon {
    threshold: f64,
    question: f64,
    genre: BTreeMap<String, f64>,
    classes: Vec<CueClass>,
    hedges: Option<crate::codebook::literal::Checker>,
    /// The hedges' prefix literals (`None`: some hedge has none, and every sentence is
    /// searched for them): in the codebook's shared literal pass as one more owner of the
    /// claims part, numbered after the classes ([`ClaimLexicon::hedge_owner`]), so that a
    /// sentence is only checked for a hedge where one of them occurs.
    pub(crate) hedge_lits: Option<Vec<Vec<u8>>>,
    /// The required prefix literals of the classes (see `codebook::literal`): a sentence
    /// only runs the classes whose literals occur at a word start.
    filter: crate::codebook::literal::LiteralFilter,
    /// Each class's literals as `filter` has them (`None`: the class is searched whole).
    pub(crate) lits: Vec<Option<Vec<Vec<u8>>>>,
    /// For the codebook's shared literal pass, each class's literals by branch, when a
    /// branch has later literals too ([`crate::codebook::literal::literals`]).
    pub(crate) branches: Vec<Option<Vec<crate::codebook::literal::Branch>>>,
    /// Each class's search literals ([`crate::codebook::literal::search_literals`] of
    /// its patterns without prefix literals, [`RestGate::Literals`]): in `filter` after
    /// the classes (owner `classes.len() + j` is the class `search_owners[j]`), and in
    /// the codebook's shared pass.
    pub(crate) search: Vec<Option<Vec<Vec<u8>>>>,
    search_owners: Vec<u32>,
    /// One set over every class, built on first use, for sentences the ASCII literal
    /// scan cannot judge.
    set: std::sync::OnceLock<Option<regex::RegexSet>>,
    /// This thread's search caches for the classes' patterns.
    caches: crate::codebook::literal::Caches,
}

/// The verdict on one sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimVerdict {
    pub is_claim: bool,
    /// Claim cues that fired, as `class:words`.
    pub cues: Vec<String>,
    pub hedged: bool,
    /// Reporting/narration frames that fired, as `class:words`.
    pub frames: Vec<String>,
    /// Summed cue weights.
    pub score: f64,
}

/// A cue match with its position (for `explain`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CueHit {
    pub class: String,
    pub weight: f64,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// A compiled class: the alternation, the prefix literals of the patterns that have them
/// (`None` if none has), the same by branch when a branch has later literals, the
/// alternation of the others and its search literals, if it has some.
type Compiled = (
    (crate::codebook::literal::Checker, String),
    Option<Vec<Vec<u8>>>,
    Option<Vec<crate::codebook::literal::Branch>>,
    Option<Rest>,
    Option<Vec<Vec<u8>>>,
);

/// Compile a list of patterns as one case-insensitive alternation anchored at word edges;
/// on error, name the offending pattern. Also returns the expanded alternatives.
fn re(
    ps: &[String],
    macros: &BTreeMap<String, String>,
    trust: Trust,
) -> Result<((crate::codebook::literal::Checker, String), Vec<String>), String> {
    let mut parts = Vec::new();
    for p in ps {
        let x =
            crate::codebook::expand_macros(p, macros).map_err(|m| format!("claims: {p:?}: {m}"))?;
        parts.push(format!("(?:{x})"));
    }
    let source = parts.join("|");
    let regex = crate::codebook::compile_search_for(&source, trust).map_err(|e| {
        let bad = ps
            .iter()
            .zip(&parts)
            .find(|(_, x)| crate::codebook::compile_pattern(x).is_err())
            .map_or("?", |(p, _)| p.as_str());
        format!("claims: bad regex {bad:?}: {e}")
    })?;
    let source = crate::codebook::wrap(&source);
    Ok(((regex, source), parts))
}

/// [`re`] plus what the literal prefilter needs: the alternatives' prefix literals and
/// an alternation of the alternatives that have none.
fn class(
    ps: &[String],
    macros: &BTreeMap<String, String>,
    trust: Trust,
) -> Result<Compiled, String> {
    use crate::codebook::literal::{Branch, literals};
    let (regex, parts) = re(ps, macros, trust)?;
    let mut lits: Vec<Vec<u8>> = Vec::new();
    let mut by_branch: Vec<Branch> = Vec::new();
    let mut rest: Vec<&str> = Vec::new();
    for x in &parts {
        match literals(x, 2) {
            Some(l) => {
                match l.branches {
                    Some(bs) => by_branch.extend(bs),
                    None => by_branch.push(Branch {
                        prefix: l.prefix.clone(),
                        inner: None,
                        at_start: false,
                    }),
                }
                lits.extend(l.prefix);
            }
            None => rest.push(x),
        }
    }
    if lits.is_empty() {
        return Ok((regex, None, None, None, None));
    }
    let by_branch = by_branch.iter().any(Branch::gated).then_some(by_branch);
    if rest.is_empty() {
        return Ok((regex, Some(lits), by_branch, None, None));
    }
    let search = crate::codebook::literal::search_literals(&rest, 2);
    let rest = rest.join("|");
    let Ok(re) = crate::codebook::compile_pattern(&rest) else {
        return Ok((regex, None, None, None, None));
    };
    let gate = match search {
        Some(_) => RestGate::Literals,
        None => RestGate::Suffixes(crate::codebook::literal::required_suffixes(&rest)),
    };
    Ok((
        regex,
        Some(lits),
        by_branch,
        Some(Rest { re, gate }),
        search,
    ))
}

/// A cue-class match as tagging needs it: the class's number and the span, nothing
/// allocated ([`ClaimLexicon::hit`] makes the [`CueHit`] that `explain` shows).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Cue {
    class: usize,
    start: usize,
    end: usize,
}

impl ClaimLexicon {
    /// Compile the `[claims]` table (patterns may use codebook macros).
    pub fn compile(
        t: &ClaimsToml,
        macros: &BTreeMap<String, String>,
    ) -> Result<ClaimLexicon, String> {
        Self::compile_with(t, macros, Trust::Check)
    }

    /// [`ClaimLexicon::compile`], its regexes checked now or compiled on first use.
    pub(crate) fn compile_with(
        t: &ClaimsToml,
        macros: &BTreeMap<String, String>,
        trust: Trust,
    ) -> Result<ClaimLexicon, String> {
        use rayon::prelude::*;
        let mut classes = Vec::new();
        let mut lits = Vec::new();
        let mut by_branch = Vec::new();
        // Compiled in parallel; the first problem in TOML order is the one reported.
        let compiled: Vec<Result<Compiled, String>> = t
            .cues
            .par_iter()
            .map(|(name, c)| {
                if c.patterns.is_empty() {
                    return Err(format!("claims: cue class {name:?} has no patterns"));
                }
                class(&c.patterns, macros, trust)
            })
            .collect();
        let mut search = Vec::new();
        for ((name, c), compiled) in t.cues.iter().zip(compiled) {
            let ((pattern, source), l, b, rest, s) = compiled?;
            lits.push(l);
            by_branch.push(b);
            search.push(s);
            classes.push(CueClass {
                name: name.clone(),
                weight: c.weight.unwrap_or(1.0),
                pattern,
                source,
                rest,
            });
        }
        // The classes' literals, then their search literals.
        let search_owners: Vec<u32> = (0..search.len() as u32)
            .filter(|&c| search[c as usize].is_some())
            .collect();
        let mut owners = lits.clone();
        owners.extend(search.iter().filter(|s| s.is_some()).cloned());
        let filter = crate::codebook::literal::LiteralFilter::new(&owners);
        let (hedges, hedge_lits) = if t.hedges.is_empty() {
            (None, None)
        } else {
            let ((checker, _), parts) = re(&t.hedges, macros, trust)?;
            let lits = crate::codebook::literal::prefix_literals(&parts.join("|"), 2);
            (Some(checker), lits)
        };
        Ok(ClaimLexicon {
            lits,
            branches: by_branch,
            search,
            search_owners,
            threshold: t.threshold.unwrap_or(1.0),
            question: t.question.unwrap_or(0.0),
            genre: t.genre.clone(),
            set: std::sync::OnceLock::new(),
            caches: crate::codebook::literal::Caches::new(),
            filter,
            classes,
            hedges,
            hedge_lits,
        })
    }

    /// Every cue-class match (first match per class), in class order.
    pub fn hits(&self, sentence: &str) -> Vec<CueHit> {
        self.cues(sentence)
            .into_iter()
            .map(|c| self.hit(sentence, c))
            .collect()
    }

    /// A cue as `explain` shows it.
    fn hit(&self, sentence: &str, c: Cue) -> CueHit {
        let class = &self.classes[c.class];
        CueHit {
            class: class.name.clone(),
            weight: class.weight,
            text: sentence[c.start..c.end].to_string(),
            start: c.start,
            end: c.end,
        }
    }

    /// [`ClaimLexicon::hits`] as [`Cue`]s.
    fn cues(&self, sentence: &str) -> Vec<Cue> {
        if crate::codebook::literal::folds_to_ascii(sentence) {
            return self.cues_by_set(sentence);
        }
        // Literal occurrences at word starts, by class and position: a class's first
        // match starts at the first of its occurrences where it matches anchored.
        let mut occ: Vec<(u32, u32)> = Vec::new();
        let n = self.classes.len();
        self.filter.scan(sentence, |o, st| match o.checked_sub(n) {
            None => occ.push((o as u32, st as u32)),
            Some(j) => occ.push((self.search_owners[j], SEARCH)),
        });
        occ.sort_unstable();
        occ.dedup();
        self.hits_in(&[sentence], &[Some(&occ)])
            .pop()
            .unwrap_or_default()
    }

    /// The cues of each sentence of a paragraph: from its literal occurrences (`occ[i]`:
    /// (class, start), sorted; not for a sentence that
    /// [`crate::codebook::literal::folds_to_ascii`]), or as [`ClaimLexicon::hits`] finds
    /// them when the literal scan could not judge it (`None`). Class by class over the
    /// paragraph, so that each class's automaton serves several sentences in a row while
    /// it is in the cache.
    pub(crate) fn hits_in(
        &self,
        sentences: &[&str],
        occ: &[Option<&[(u32, u32)]>],
    ) -> Vec<Vec<Cue>> {
        let mut out: Vec<Vec<Cue>> = sentences
            .iter()
            .zip(occ)
            .map(|(s, o)| match o {
                Some(_) => Vec::new(),
                None => self.cues(s),
            })
            .collect();
        // Per sentence, how far its occurrences (sorted by class) have been read.
        let mut read = vec![0usize; sentences.len()];
        self.caches.with(self.cache_slots(), |caches| {
            for (i, c) in self.classes.iter().enumerate() {
                let re = &c.pattern;
                let cache = caches.get(i, re);
                let lits = self.lits.get(i).and_then(Option::as_ref);
                for (si, o) in occ.iter().enumerate() {
                    let (Some(occ), sentence) = (o, sentences[si]) else {
                        continue;
                    };
                    let k = &mut read[si];
                    let m = match lits {
                        None => re.find(sentence).map(|m| (m.start(), m.end())),
                        Some(_) => {
                            while *k < occ.len() && (occ[*k].0 as usize) < i {
                                *k += 1;
                            }
                            let from = *k;
                            while *k < occ.len() && occ[*k].0 as usize == i {
                                *k += 1;
                            }
                            // The class's starts, ascending, then its search occurrence.
                            let (starts, searched) = match occ[from..*k].split_last() {
                                Some((&(_, SEARCH), starts)) => (starts, true),
                                _ => (&occ[from..*k], false),
                            };
                            // The leftmost match starts at the first occurrence where the
                            // class matches anchored, or where its literal-less patterns
                            // match, whichever is first; the class's anchored match there
                            // is its leftmost-first one.
                            let mut find_at =
                                |at: usize| re.end_at(cache, sentence, at).map(|end| (at, end));
                            let rest = c
                                .rest
                                .as_ref()
                                .filter(|r| match &r.gate {
                                    RestGate::Literals => searched,
                                    RestGate::Suffixes(q) => {
                                        q.as_ref().is_none_or(|q| q.is_match(sentence))
                                    }
                                })
                                .and_then(|r| r.re.find(sentence))
                                .map(|m| m.start());
                            starts
                                .iter()
                                .map(|&(_, at)| at as usize)
                                .take_while(|&at| rest.is_none_or(|r| at < r))
                                .find_map(&mut find_at)
                                .or_else(|| rest.and_then(find_at))
                        }
                    };
                    if let Some((start, end)) = m {
                        out[si].push(Cue {
                            class: i,
                            start,
                            end,
                        });
                    }
                }
            }
        });
        out
    }

    /// [`ClaimLexicon::cues`] with a regex set as the prefilter.
    fn cues_by_set(&self, sentence: &str) -> Vec<Cue> {
        let set = self.set.get_or_init(|| {
            regex::RegexSetBuilder::new(self.classes.iter().map(|c| c.source.as_str()))
                .case_insensitive(true)
                .size_limit(64 << 20)
                .dfa_size_limit(64 << 20)
                .build()
                .ok()
        });
        let mut out = Vec::new();
        let hits = set.as_ref().map(|s| s.matches(sentence));
        for (i, c) in self.classes.iter().enumerate() {
            if hits.as_ref().is_some_and(|h| !h.matched(i)) {
                continue;
            }
            if let Some(m) = c.pattern.find(sentence) {
                out.push(Cue {
                    class: i,
                    start: m.start(),
                    end: m.end(),
                });
            }
        }
        out
    }

    /// Search caches this lexicon keeps per thread: one per class, then the hedges'.
    fn cache_slots(&self) -> usize {
        self.classes.len() + 1
    }

    /// The owner number of the hedges in the claims part of the codebook's shared literal
    /// pass (after the classes; see [`ClaimLexicon::hedge_lits`]).
    pub(crate) fn hedge_owner(&self) -> usize {
        self.classes.len()
    }

    /// Whether a hedge matches `sentence`: where one of the hedges' literals occurs, by the
    /// claims part's occurrences of the shared literal pass (`occ`, sorted by owner), else
    /// by a search of the whole sentence. Every match of a hedge starts at an occurrence
    /// of one of its prefix literals, so both answer alike.
    fn hedged(&self, sentence: &str, occ: Option<&[(u32, u32)]>) -> bool {
        let Some(hedges) = &self.hedges else {
            return false;
        };
        let (Some(occ), Some(_)) = (occ, &self.hedge_lits) else {
            return hedges.is_match(sentence);
        };
        let owner = self.hedge_owner() as u32;
        let from = occ.partition_point(|&(o, _)| o < owner);
        let mut at = occ[from..]
            .iter()
            .take_while(|&&(o, _)| o == owner)
            .map(|&(_, st)| st as usize)
            .peekable();
        if at.peek().is_none() {
            return false;
        }
        self.caches.with(self.cache_slots(), |caches| {
            let cache = caches.get(self.hedge_owner(), hedges);
            at.any(|st| hedges.end_at(cache, sentence, st).is_some())
        })
    }

    /// The hedge that matched, if any.
    pub fn hedge(&self, sentence: &str) -> Option<String> {
        self.hedges
            .as_ref()
            .and_then(|r| r.find(sentence))
            .map(|m| sentence[m.range()].to_lowercase())
    }

    /// The score a sentence needs to be a claim.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// Judge one sentence.
    pub fn detect(&self, sentence: &str) -> ClaimVerdict {
        self.detect_in(sentence, None)
    }

    /// Whether a sentence is a question: it ends with `?`, before any closing quote or
    /// bracket.
    pub fn is_question(sentence: &str) -> bool {
        sentence
            .trim_end()
            .trim_end_matches(['”', '"', '’', '\'', ')', ']'])
            .ends_with('?')
    }

    /// Judge one sentence of a document of the given genre (see `[claims.genre]`).
    pub fn detect_in(&self, sentence: &str, genre: Option<&str>) -> ClaimVerdict {
        self.verdict(sentence, genre, &self.cues(sentence), None)
    }

    /// The verdict on a sentence whose cue hits are known; `occ`: the claims part of its
    /// occurrences in the codebook's shared literal pass, if it had one (for the hedges).
    pub(crate) fn verdict(
        &self,
        sentence: &str,
        genre: Option<&str>,
        cues: &[Cue],
        occ: Option<&[(u32, u32)]>,
    ) -> ClaimVerdict {
        let mut v = ClaimVerdict::default();
        if self.question != 0.0 && Self::is_question(sentence) {
            v.frames.push("question:?".to_string());
            v.score += self.question;
        }
        if let Some(w) = genre.and_then(|g| self.genre.get(g)).filter(|w| **w != 0.0) {
            let tag = format!("genre:{}", genre.unwrap_or_default());
            if *w > 0.0 {
                v.cues.push(tag);
            } else {
                v.frames.push(tag);
            }
            v.score += w;
        }
        for c in cues {
            let class = &self.classes[c.class];
            let text = sentence.get(c.start..c.end).unwrap_or_default();
            // `class:words`, the words lower-cased (in place when ASCII, the usual case).
            let mut tag = String::with_capacity(class.name.len() + 1 + text.len());
            tag.push_str(&class.name);
            tag.push(':');
            if text.is_ascii() {
                let at = tag.len();
                tag.push_str(text);
                tag[at..].make_ascii_lowercase();
            } else {
                tag.push_str(&text.to_lowercase());
            }
            if class.weight >= 0.0 {
                v.cues.push(tag);
            } else {
                v.frames.push(tag);
            }
            v.score += class.weight;
        }
        v.hedged = self.hedged(sentence, occ);
        v.is_claim = !self.classes.is_empty() && v.score >= self.threshold;
        v
    }
}

#[cfg(test)]
mod tests {
    use super::{Cue, Rest, RestGate};
    use crate::codebook::Codebook;

    /// One rule kind of the built-in `[claims]` table: sentences (written for the test, in
    /// the genre named) that must be claims and sentences that must not, and the cue class
    /// whose firing or silence decides each.
    struct Kind {
        class: &'static str,
        genre: &'static str,
        /// (sentence, the class fires, the sentence is a claim)
        cases: &'static [(&'static str, bool, bool)],
    }

    #[rustfmt::skip]
    const KINDS: &[Kind] = &[
        // Performative speech acts: thanking, greeting, congratulating, announcing are done
        // by being said; they take no position a reader could dispute.
        Kind { class: "performative", genre: "transcript", cases: &[
            ("I want to thank our hosts in Jakarta for their warm hospitality.", true, false),
            ("It is a great honour to stand here with the President today.", true, false),
            ("Today we are announcing a new coast guard training programme with Vietnam.", true, false),
            ("I look forward to productive talks with our partners this afternoon.", true, false),
            ("Let me congratulate the Prime Minister on her re-election.", true, false),
            // a causal "thanks to" is not thanking
            ("Thanks to years of patient diplomacy, the alliance is stronger than it has ever been.", false, true),
        ]},
        // Contracted present tense ("it's", "we're") is the present tense: in an opinion
        // piece a declarative in it states the author's view.
        Kind { class: "present", genre: "opinion", cases: &[
            ("It’s a partnership of convenience, not of conviction.", true, true),
            ("They're the last people to lecture Seoul about host-nation support.", true, true),
            ("That's the real lesson of the Manila talks.", true, true),
        ]},
        // Present simple of a lexical verb after a named state actor states what the author
        // takes its aims or conduct to be ("Canberra wants its own ..."); after another name,
        // or a plural noun after a name, it does not.
        Kind { class: "present-simple", genre: "opinion", cases: &[
            ("Canberra wants its own long-range strike capability before the decade is out.", true, true),
            ("Tokyo treats the alliance as insurance rather than as a burden.", true, true),
            ("Beijing reads the drills as a rehearsal for war.", true, true),
            ("Alliance members met in Vilnius in July 2023.", false, false),
            // a name that is no state actor: a description of what a thing contains
            ("The archive in Darwin records the names of the ships that called there.", false, false),
        ]},
        // Signposting: the author introduces an example, a list or the next item; the
        // sentence organises the text rather than asserting. Advice in the imperative is no
        // signpost.
        Kind { class: "signpost", genre: "opinion", cases: &[
            ("Take Poland, which now spends more than four percent of its output on defence.", true, false),
            ("Take the case of Vietnam, which buys Russian arms and courts Washington.", true, false),
            ("Here are the three main elements of the package:", true, false),
            ("And then there is Taiwan.", true, false),
            ("There is little appetite in Tokyo for a formal alliance.", false, true),
            ("Take the long view and the picture looks brighter for Manila.", false, false),
        ]},
        // A schedule, an expectation or an announced action reported ("is set to", "is
        // expected to", "X will sign ...") is what is planned, not the author's prediction;
        // "is bound to", "will exploit" are.
        Kind { class: "scheduled", genre: "opinion", cases: &[
            ("The joint command is set to open in Darwin next spring.", true, false),
            ("The summit is expected to endorse a new maritime initiative.", true, false),
            ("The alliance is bound to fray if Washington keeps billing its allies.", false, true),
            // an announced action in a list of deliverables, not a forecast
            ("Under the deal, Hanwha will sign a supply contract with the Australian navy.", true, false),
            ("Japan and the Philippines will jointly conduct patrols in the South China Sea.", true, false),
            ("China will exploit every division among the allies.", false, true),
            // "not about to" refuses or predicts; it reports no schedule
            ("New Delhi is not about to give up its Russian tanks.", false, true),
        ]},
        // Verbs of inference ("exposed", "showed", "laid bare") draw the author's conclusion
        // in the past tense as in the present.
        Kind { class: "inference", genre: "opinion", cases: &[
            ("The crisis exposed how thin the allies' consensus had become.", true, true),
            ("The vote showed how little Manila still expects from Washington.", true, true),
            ("The delegation toured the shipyard in Geelong.", false, false),
        ]},
    ];

    #[test]
    fn rule_kinds_decide_as_their_concept_says() {
        let cb = Codebook::builtin();
        for k in KINDS {
            for &(s, fires, claim) in k.cases {
                let hits = cb.claims.hits(s);
                assert_eq!(
                    hits.iter().any(|h| h.class == k.class),
                    fires,
                    "{}: {s:?}: {hits:?}",
                    k.class
                );
                let v = cb.claims.detect_in(s, Some(k.genre));
                assert_eq!(v.is_claim, claim, "{}: {s:?}: {v:?}", k.class);
            }
        }
    }

    /// Hedges as tagging finds them (at the occurrences of the shared literal pass) and as
    /// a search of the whole sentence finds them (`detect`): the same answer, by case.
    /// Each class's cue is its leftmost match, as an unanchored search of the class finds
    /// it, whether the lexicon scans the sentence itself or takes the codebook's shared
    /// pass: for classes whose patterns without prefix literals are searched at later
    /// literals (a reporting frame after a quote) or where a required suffix occurs.
    #[test]
    fn cues_from_literal_occurrences_are_the_searched_ones() {
        let cb = Codebook::builtin();
        let lex = &cb.claims;
        let gated: Vec<usize> = (0..lex.classes.len())
            .filter(|&c| {
                matches!(
                    lex.classes[c].rest,
                    Some(Rest {
                        gate: RestGate::Literals,
                        ..
                    })
                )
            })
            .collect();
        assert!(
            !gated.is_empty(),
            "a built-in class is searched at later literals"
        );
        let sentences = [
            "“It will never work,” he scoffed, and she argued otherwise.",
            "\"Pay up,\" Trump wrote. Allies must pay more.",
            "Tokyo's resolve is stronger than ever, she added.",
            "The alliance is weaker than it looks.",
            "She argued that the Quad should become an alliance.",
            "He wrote a book.",
            "Nothing here.",
            // A class whose branch opens with `^`: at the start, and not elsewhere.
            "There are Australians who disagree.",
            "Take the case of Japan, and consider the case of Korea.",
            "And there is Manila: take Manila, consider Hanoi.",
            // A date after optional words, the later literal of its branch.
            "In early May 2019 the talks began, and in 1998 they had not.",
        ];
        let mut gated_found = 0;
        for s in sentences {
            let want: Vec<Cue> = lex
                .classes
                .iter()
                .enumerate()
                .filter_map(|(class, c)| {
                    let m = c.pattern.find(s)?;
                    Some(Cue {
                        class,
                        start: m.start(),
                        end: m.end(),
                    })
                })
                .collect();
            assert_eq!(lex.cues(s), want, "own pass: {s:?}");
            let occ = cb.set.scan(s).expect("an ASCII sentence");
            let shared = lex.hits_in(&[s], &[Some(occ.claims.as_slice())]);
            assert_eq!(shared[0], want, "shared pass: {s:?}");
            gated_found += want.iter().filter(|c| gated.contains(&c.class)).count();
        }
        assert!(gated_found >= 2, "the sentences reach the gated classes");
    }

    #[test]
    fn hedges_found_at_literal_occurrences_are_the_searched_ones() {
        let cb = Codebook::builtin();
        assert!(
            cb.claims.hedge_lits.is_some(),
            "the built-in hedges have literals"
        );
        let cases: &[(&str, bool)] = &[
            ("Seoul may join the talks.", true),
            ("Perhaps Tokyo will pay.", true),
            ("It is possible that Manila balks.", true),
            (
                "The deal seems fragile and appears to favour Canberra.",
                true,
            ),
            ("Arguably, the Quad is no alliance.", true),
            ("The MAY summit ended early.", true),
            // A hedge's literal inside a longer word is no hedge.
            ("The mayor of Busan spoke.", false),
            ("Nobody could have foreseen it.", true),
            ("Allies must pay more.", false),
            ("Unlikely partners met in Hanoi.", true),
            // A sentence the ASCII literal scan cannot judge (a KELVIN SIGN) takes the search.
            ("The \u{212A}-pop band may tour.", true),
            ("The \u{212A}-pop band toured.", false),
            ("", false),
        ];
        for &(s, hedged) in cases {
            let tagged = cb.tag_paragraph(&[s]);
            assert_eq!(tagged[0].claim.hedged, hedged, "tagging: {s:?}");
            assert_eq!(cb.claims.detect(s).hedged, hedged, "search: {s:?}");
        }
        // In a paragraph, each sentence is judged on its own occurrences.
        let para = [
            "Allies must pay more.",
            "They might not.",
            "The mayor agreed.",
        ];
        let got: Vec<bool> = cb
            .tag_paragraph(&para)
            .iter()
            .map(|t| t.claim.hedged)
            .collect();
        assert_eq!(got, [false, true, false]);
    }
}
