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
    /// All patterns of the class as one alternation (leftmost match wins).
    pattern: Regex,
}

/// The compiled claim lexicon.
#[derive(Debug, Clone, Default)]
pub struct ClaimLexicon {
    threshold: f64,
    classes: Vec<CueClass>,
    hedges: Option<Regex>,
    /// One set over every class: a sentence only runs the classes that may match.
    set: Option<regex::RegexSet>,
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

/// Compile a list of patterns as one case-insensitive alternation anchored at word edges;
/// on error, name the offending pattern.
fn re(ps: &[String], macros: &BTreeMap<String, String>) -> Result<Regex, String> {
    let mut parts = Vec::new();
    for p in ps {
        let x =
            crate::codebook::expand_macros(p, macros).map_err(|m| format!("claims: {p:?}: {m}"))?;
        parts.push(format!("(?:{x})"));
    }
    let build = |x: &str| crate::codebook::compile_pattern(x);
    build(&parts.join("|")).map_err(|e| {
        let bad = ps
            .iter()
            .zip(&parts)
            .find(|(_, x)| build(x).is_err())
            .map_or("?", |(p, _)| p.as_str());
        format!("claims: bad regex {bad:?}: {e}")
    })
}

impl ClaimLexicon {
    /// Compile the `[claims]` table (patterns may use codebook macros).
    pub fn compile(
        t: &ClaimsToml,
        macros: &BTreeMap<String, String>,
    ) -> Result<ClaimLexicon, String> {
        let mut classes = Vec::new();
        for (name, c) in &t.cues {
            if c.patterns.is_empty() {
                return Err(format!("claims: cue class {name:?} has no patterns"));
            }
            classes.push(CueClass {
                name: name.clone(),
                weight: c.weight.unwrap_or(1.0),
                pattern: re(&c.patterns, macros)?,
            });
        }
        let set = regex::RegexSetBuilder::new(classes.iter().map(|c| c.pattern.as_str()))
            .case_insensitive(true)
            .size_limit(64 << 20)
            .dfa_size_limit(64 << 20)
            .build()
            .ok();
        Ok(ClaimLexicon {
            threshold: t.threshold.unwrap_or(1.0),
            set,
            classes,
            hedges: if t.hedges.is_empty() {
                None
            } else {
                Some(re(&t.hedges, macros)?)
            },
        })
    }

    /// Every cue-class match (first match per class), in class order.
    pub fn hits(&self, sentence: &str) -> Vec<CueHit> {
        let mut out = Vec::new();
        let hits = self.set.as_ref().map(|s| s.matches(sentence));
        for (i, c) in self.classes.iter().enumerate() {
            if hits.as_ref().is_some_and(|h| !h.matched(i)) {
                continue;
            }
            if let Some(m) = c.pattern.find(sentence) {
                out.push(CueHit {
                    class: c.name.clone(),
                    weight: c.weight,
                    text: m.as_str().to_string(),
                    start: m.start(),
                    end: m.end(),
                });
            }
        }
        out
    }

    /// The hedge that matched, if any.
    pub fn hedge(&self, sentence: &str) -> Option<String> {
        self.hedges
            .as_ref()
            .and_then(|r| r.find(sentence))
            .map(|m| m.as_str().to_lowercase())
    }

    /// The score a sentence needs to be a claim.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// Judge one sentence.
    pub fn detect(&self, sentence: &str) -> ClaimVerdict {
        let mut v = ClaimVerdict::default();
        for h in self.hits(sentence) {
            let tag = format!("{}:{}", h.class, h.text.to_lowercase());
            if h.weight >= 0.0 {
                v.cues.push(tag);
            } else {
                v.frames.push(tag);
            }
            v.score += h.weight;
        }
        v.hedged = self.hedge(sentence).is_some();
        v.is_claim = !self.classes.is_empty() && v.score >= self.threshold;
        v
    }
}
