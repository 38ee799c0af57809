//! Claim detection: is a sentence the author's own position (an evaluation, prescription,
//! prediction, causal explanation or generalisation) or a report of events and other
//! people's words? Cues come from the codebook's `[claims]` table, not from code.

use regex::{Regex, RegexBuilder};
use serde::Deserialize;

/// The `[claims]` table of a codebook file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimsToml {
    /// Cue classes: name → patterns (e.g. `prescriptive = ["should", "must"]`).
    #[serde(default)]
    pub cues: std::collections::BTreeMap<String, Vec<String>>,
    /// Patterns of reporting frames that make a sentence someone else's words.
    #[serde(default)]
    pub reporting: Vec<String>,
    /// Hedges (may, might, could ...).
    #[serde(default)]
    pub hedges: Vec<String>,
}

/// The compiled claim lexicon.
#[derive(Debug, Clone, Default)]
pub struct ClaimLexicon {
    cues: Vec<(String, Regex)>,
    reporting: Vec<Regex>,
    hedges: Vec<Regex>,
}

/// The verdict on one sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClaimVerdict {
    pub is_claim: bool,
    /// Cues that fired, as `class:words`.
    pub cues: Vec<String>,
    pub hedged: bool,
}

fn re(p: &str) -> Result<Regex, String> {
    RegexBuilder::new(&format!(r"\b(?:{p})\b"))
        .case_insensitive(true)
        .build()
        .map_err(|e| format!("claims: bad regex {p:?}: {e}"))
}

impl ClaimLexicon {
    /// Compile the `[claims]` table.
    pub fn compile(t: &ClaimsToml) -> Result<ClaimLexicon, String> {
        let mut cues = Vec::new();
        for (class, pats) in &t.cues {
            for p in pats {
                cues.push((class.clone(), re(p)?));
            }
        }
        Ok(ClaimLexicon {
            cues,
            reporting: t.reporting.iter().map(|p| re(p)).collect::<Result<_, _>>()?,
            hedges: t.hedges.iter().map(|p| re(p)).collect::<Result<_, _>>()?,
        })
    }

    /// Judge one sentence.
    pub fn detect(&self, sentence: &str) -> ClaimVerdict {
        let mut v = ClaimVerdict::default();
        for (class, re) in &self.cues {
            if let Some(m) = re.find(sentence) {
                v.cues.push(format!("{class}:{}", m.as_str().to_lowercase()));
            }
        }
        v.hedged = self.hedges.iter().any(|r| r.is_match(sentence));
        let reported = self.reporting.iter().any(|r| r.is_match(sentence));
        v.is_claim = !v.cues.is_empty() && !reported;
        v
    }
}
