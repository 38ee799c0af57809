//! Stage 3 (codebook), diagnostics: `argdex explain` shows, for one sentence of a
//! paragraph, every rule that fired or nearly fired (a part matched, an exclusion vetoed
//! it, matches too far apart, required actor absent, theme score below threshold), the
//! actors (own and carried over) and the claim cues and reporting frames.

use std::fmt;

use serde::Serialize;

use super::Codebook;
use super::gazetteer::Mention;
use super::matcher::{self, RuleOutcome, Status};
use crate::codebook::claims::CueHit;

/// A theme's verdict on the sentence.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeExplanation {
    pub theme: String,
    pub score: f64,
    pub threshold: f64,
    pub tagged: bool,
    pub rules: Vec<RuleOutcome>,
}

/// The claim verdict with its cue matches.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimExplanation {
    pub is_claim: bool,
    pub score: f64,
    pub threshold: f64,
    pub hedge: Option<String>,
    /// Positive cues and negative frames, with spans.
    pub hits: Vec<CueHit>,
}

/// Everything the codebook did with one sentence.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub sentence: String,
    pub index: usize,
    pub actors: Vec<Mention>,
    /// Actors inherited from the previous sentence by pronoun carry-over.
    pub carried_actors: Vec<String>,
    pub themes: Vec<ThemeExplanation>,
    pub claim: ClaimExplanation,
}

impl Explanation {
    /// Ids of the themes that were tagged.
    pub fn tagged_themes(&self) -> Vec<&str> {
        self.themes
            .iter()
            .filter(|t| t.tagged)
            .map(|t| t.theme.as_str())
            .collect()
    }
}

pub(crate) fn explain(cb: &Codebook, paragraph: &[&str], i: usize) -> Explanation {
    let sentence = paragraph.get(i).copied().unwrap_or("");
    if i >= paragraph.len() {
        return Explanation {
            sentence: String::new(),
            index: i,
            actors: Vec::new(),
            carried_actors: Vec::new(),
            themes: Vec::new(),
            claim: ClaimExplanation {
                is_claim: false,
                score: 0.0,
                threshold: cb.claims.threshold(),
                hedge: None,
                hits: Vec::new(),
            },
        };
    }
    let para = matcher::Paragraph::new(cb, paragraph);
    let outcomes = para.evaluate(cb, i);
    let themes = matcher::theme_scores(cb, &outcomes)
        .into_iter()
        .map(|(t, score, rules)| ThemeExplanation {
            theme: t.id.clone(),
            score,
            threshold: t.threshold,
            tagged: score >= t.threshold && score > 0.0,
            rules: rules.iter().map(|o| o.resolve(cb, paragraph)).collect(),
        })
        .collect();
    let carried_actors = para.actors[i]
        .iter()
        .filter(|a| !para.own_actors[i].contains(a))
        .cloned()
        .collect();
    let verdict = cb.claims.detect(sentence);
    Explanation {
        sentence: sentence.to_string(),
        index: i,
        actors: cb.gazetteer.mentions(sentence),
        carried_actors,
        themes,
        claim: ClaimExplanation {
            is_claim: verdict.is_claim,
            score: verdict.score,
            threshold: cb.claims.threshold(),
            hedge: cb.claims.hedge(sentence),
            hits: cb.claims.hits(sentence),
        },
    }
}

fn span_text(s: &Option<matcher::Span>, own: usize) -> String {
    match s {
        None => "—".to_string(),
        Some(s) if s.sentence == own => format!("\"{}\" @{}..{}", s.text, s.start, s.end),
        Some(s) => format!("\"{}\" (sentence {} of the paragraph)", s.text, s.sentence),
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "sentence {}: {}", self.index, self.sentence)?;
        let actors: Vec<String> = self
            .actors
            .iter()
            .map(|m| format!("{} (\"{}\")", m.actor, m.text))
            .collect();
        write!(
            f,
            "actors: {}",
            if actors.is_empty() {
                "—".to_string()
            } else {
                actors.join(", ")
            }
        )?;
        if !self.carried_actors.is_empty() {
            write!(
                f,
                "; carried from previous sentence: {}",
                self.carried_actors.join(", ")
            )?;
        }
        writeln!(f)?;
        if self.themes.is_empty() {
            writeln!(f, "themes: no rule matched any part")?;
        }
        for t in &self.themes {
            let verdict = if t.tagged { "TAGGED" } else { "not tagged" };
            writeln!(
                f,
                "theme {}: {verdict} (score {} / threshold {})",
                t.theme, t.score, t.threshold
            )?;
            for r in &t.rules {
                let status = match r.status {
                    Status::Fired => "fired",
                    Status::Partial => "partial",
                    Status::Blocked => "blocked by exclusion",
                    Status::TooFar => "matches too far apart",
                    Status::NoActor => "required actor absent",
                };
                writeln!(f, "  rule {} [{status}, weight {}]", r.rule, r.weight)?;
                if r.has_patterns {
                    writeln!(f, "    patterns: {}", span_text(&r.primary, self.index))?;
                }
                for (k, g) in r.groups.iter().enumerate() {
                    writeln!(f, "    all[{k}]: {}", span_text(g, self.index))?;
                }
                if let Some(a) = &r.actor {
                    writeln!(
                        f,
                        "    actor: {}{}",
                        a.actor,
                        if a.carried { " (carried over)" } else { "" }
                    )?;
                }
                if let Some((w, n)) = r.span_words {
                    writeln!(f, "    span: {w} words (within {n})")?;
                }
                if r.blocked_by.is_some() {
                    writeln!(f, "    not: {}", span_text(&r.blocked_by, self.index))?;
                }
            }
        }
        let c = &self.claim;
        writeln!(
            f,
            "claim: {} (score {} / threshold {}){}",
            if c.is_claim { "yes" } else { "no" },
            c.score,
            c.threshold,
            c.hedge
                .as_ref()
                .map_or(String::new(), |h| format!(", hedged by \"{h}\""))
        )?;
        for h in &c.hits {
            let kind = if h.weight < 0.0 { "frame" } else { "cue" };
            writeln!(
                f,
                "  {kind} {}: \"{}\" @{}..{} ({:+})",
                h.class, h.text, h.start, h.end, h.weight
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::codebook::Codebook;

    #[test]
    fn explain_reports_blocked_and_fired() {
        let src = r#"
[[themes]]
id = "t"
[[themes.rules]]
id = "r"
patterns = ["sharing"]
not = ["intelligence"]
[[themes.rules]]
id = "q"
all = [["cost"], ["allies"]]
"#;
        let cb = Codebook::from_toml(src, "x").unwrap();
        let e = cb.explain(&["Intelligence sharing helps; the cost is high."], 0);
        let t = &e.themes[0];
        assert!(!t.tagged);
        assert_eq!(t.rules.len(), 2);
        let text = e.to_string();
        assert!(text.contains("blocked by exclusion"), "{text}");
        assert!(text.contains("partial"), "{text}");
        assert!(serde_json::to_string(&e).is_ok());
        // out of range does not panic
        assert!(cb.explain(&["x"], 5).themes.is_empty());
    }
}
