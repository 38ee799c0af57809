//! Stage 3 (codebook), tagging: a paragraph's sentences → [`Tags`] (themes with evidence,
//! actors, claim verdict). [`super::matcher`] evaluates the rules over the prefilter's
//! hits; this module adds the pronoun carry-over of actors and the context carry of themes
//! to a sentence that continues the previous one's topic.

use super::{Codebook, Tags, Theme, matcher};
use crate::record::Evidence;

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

impl Codebook {
    /// Actors of each sentence after pronoun carry-over (see the module comment).
    pub(super) fn effective_actors(
        &self,
        sentences: &[&str],
        own: &[Vec<String>],
    ) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = Vec::with_capacity(sentences.len());
        for (i, s) in sentences.iter().enumerate() {
            let mut a = own[i].clone();
            // Nothing to carry from a sentence without actors: the carry-over test (two
            // regexes) only runs after one that has some.
            if i > 0 && !out[i - 1].is_empty() && self.carries(s) {
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
        let para = matcher::Paragraph::for_tagging(self, sentences);
        let claim_occ: Vec<Option<&[(u32, u32)]>> = para
            .claim_occ
            .iter()
            .map(|o| o.as_ref().map(Vec::as_slice))
            .collect();
        let cues = self.claims.hits_in(sentences, &claim_occ);
        let mut scratch = Vec::new();
        let mut out = cues
            .into_iter()
            .enumerate()
            .map(|(i, cues)| {
                let outcomes = para.evaluate_fired(self, i, &mut scratch);
                let mut tags = Tags {
                    claim: self
                        .claims
                        .verdict(sentences[i], genre, &cues, claim_occ[i]),
                    actors: para.own_actors[i].clone(),
                    ..Tags::default()
                };
                for (theme, score, rules) in matcher::theme_scores(self, &outcomes) {
                    if score >= theme.threshold && score > 0.0 {
                        tags.themes.push(theme.id.clone());
                        for o in rules.iter().filter(|o| o.fired()) {
                            if let Some(ev) = o.evidence(&theme.id, sentences) {
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
            // The carry themes the previous sentence has by its own rules: only after such
            // a sentence does the continuation test (regexes) run.
            let carried: Vec<&Theme> = self
                .themes
                .iter()
                .filter(|t| {
                    t.carry
                        && tags[i - 1]
                            .evidence
                            .iter()
                            .any(|e| e.theme == t.id && e.from.is_none())
                })
                .collect();
            if carried.is_empty() {
                continue;
            }
            let Some((start, end)) = self.continuation(sentences[i]) else {
                continue;
            };
            let opening = sentences[i].get(start..end).unwrap_or_default();
            if !refers_back(opening, sentences[i - 1]) {
                continue;
            }
            for theme in carried {
                let t = &mut tags[i];
                if t.themes.contains(&theme.id) {
                    continue;
                }
                t.themes.push(theme.id.clone());
                t.themes.sort();
                t.evidence.push(Evidence {
                    theme: theme.id.clone(),
                    rule: format!("context:{}", theme.id),
                    matched: opening.to_string(),
                    start,
                    end,
                    from: Some(i - 1),
                });
            }
        }
    }
}
