//! Stage 3 (codebook), actors: the gazetteer maps aliases ("Beijing", "PRC", "Seoul",
//! "the United States") to actor ids (`china`, `us`, ...). It fills `Tags::actors` and
//! feeds actor-dependent rules (`actors = [...]`) and pronoun carry-over in `mod.rs`.

use std::collections::BTreeMap;
use std::ops::Range;

use regex::{Regex, RegexBuilder};

use super::model::ActorToml;
use crate::error::Error;

/// One compiled actor.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: String,
    pub label: String,
    re: Regex,
    not: Vec<Regex>,
}

/// The compiled actor gazetteer.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    pub actors: Vec<Actor>,
    /// One set over every actor's pattern: a sentence only runs the actors it may mention.
    set: Option<regex::RegexSet>,
    /// Each actor's prefix literals (see `codebook::literal`; `None`: always searched).
    pub(crate) lits: Vec<Option<Vec<Vec<u8>>>>,
}

/// An actor mention in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Mention {
    pub actor: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

impl Gazetteer {
    /// Compile the `[actors]` table; problems are pushed onto `errors` with positions.
    pub(crate) fn compile(
        actors: &BTreeMap<String, ActorToml>,
        macros: &BTreeMap<String, String>,
        src: &str,
        origin: &str,
        errors: &mut Vec<Error>,
    ) -> Gazetteer {
        let mut out = Vec::new();
        let mut lits = Vec::new();
        for (id, a) in actors {
            // The regex and the alternation it was built from (for the literal prefilter).
            let mut compile = |ps: &[toml::Spanned<String>]| -> Option<(Regex, String)> {
                let mut parts = Vec::new();
                for p in ps {
                    match super::expand_macros(p.get_ref(), macros) {
                        Ok(x) => parts.push(format!("(?:{x})")),
                        Err(m) => {
                            errors.push(super::config_error(
                                origin,
                                src,
                                Some(p.span()),
                                format!("actor {id}: {m}"),
                            ));
                            return None;
                        }
                    }
                }
                if parts.is_empty() {
                    return None;
                }
                let alternation = parts.join("|");
                match RegexBuilder::new(&super::wrap(&alternation))
                    .case_insensitive(true)
                    .build()
                {
                    Ok(re) => Some((re, alternation)),
                    Err(e) => {
                        let span = ps.first().map(|p| p.span());
                        errors.push(super::config_error(
                            origin,
                            src,
                            span,
                            format!("actor {id}: bad regex: {e}"),
                        ));
                        None
                    }
                }
            };
            let Some((re, alternation)) = compile(&a.aliases) else {
                continue;
            };
            lits.push(super::literal::prefix_literals(
                &alternation,
                super::MIN_LITERAL,
            ));
            let not = a
                .not
                .iter()
                .filter_map(|p| compile(std::slice::from_ref(p)).map(|(re, _)| re))
                .collect();
            out.push(Actor {
                id: id.clone(),
                label: a.label.clone(),
                re,
                not,
            });
        }
        let set = regex::RegexSetBuilder::new(out.iter().map(|a| a.re.as_str()))
            .case_insensitive(true)
            .size_limit(64 << 20)
            .dfa_size_limit(64 << 20)
            .build()
            .ok();
        Gazetteer {
            actors: out,
            set,
            lits,
        }
    }

    /// Is `id` a known actor?
    pub fn has(&self, id: &str) -> bool {
        self.actors.iter().any(|a| a.id == id)
    }

    /// Every actor mention in a sentence, in text order (exclusions removed).
    pub fn mentions(&self, sentence: &str) -> Vec<Mention> {
        let hits = self.set.as_ref().map(|s| s.matches(sentence));
        self.mentions_of(sentence, |i| hits.as_ref().is_none_or(|h| h.matched(i)))
    }

    fn mentions_of(&self, sentence: &str, may_match: impl Fn(usize) -> bool) -> Vec<Mention> {
        let mut out = Vec::new();
        for (i, a) in self.actors.iter().enumerate() {
            if !may_match(i) {
                continue;
            }
            let vetoes: Vec<Range<usize>> = a
                .not
                .iter()
                .flat_map(|r| r.find_iter(sentence).map(|m| m.range()))
                .collect();
            for m in a.re.find_iter(sentence) {
                if vetoes
                    .iter()
                    .any(|v| v.start < m.end() && m.start() < v.end)
                {
                    continue;
                }
                out.push(Mention {
                    actor: a.id.clone(),
                    text: m.as_str().to_string(),
                    start: m.start(),
                    end: m.end(),
                });
            }
        }
        out.sort_by_key(|m| (m.start, m.end));
        out
    }

    /// Actor ids mentioned in a sentence, sorted and unique.
    pub fn actors_in(&self, sentence: &str) -> Vec<String> {
        ids_of(self.mentions(sentence))
    }

    /// [`Gazetteer::actors_in`] from the literal occurrences of the actors' aliases (actor,
    /// start), sorted: an actor is searched only when one of its literals occurs (or it has
    /// none), and its exclusions only once it has a match; no mention is made, only the
    /// ids. Not for sentences that [`super::literal::folds_to_ascii`].
    pub(crate) fn actors_at(&self, sentence: &str, occ: &[(u32, u32)]) -> Vec<String> {
        let mut ids = Vec::new();
        for (i, a) in self.actors.iter().enumerate() {
            let may_match = self.lits.get(i).is_none_or(Option::is_none)
                || occ.binary_search_by_key(&(i as u32), |&(a, _)| a).is_ok();
            if !may_match {
                continue;
            }
            let mut vetoes: Option<Vec<Range<usize>>> = None;
            let mentioned = a.re.find_iter(sentence).any(|m| {
                let vetoes = vetoes.get_or_insert_with(|| {
                    a.not
                        .iter()
                        .flat_map(|r| r.find_iter(sentence).map(|m| m.range()))
                        .collect()
                });
                !vetoes
                    .iter()
                    .any(|v| v.start < m.end() && m.start() < v.end)
            });
            if mentioned {
                ids.push(a.id.clone());
            }
        }
        ids.sort();
        ids.dedup();
        ids
    }
}

fn ids_of(mentions: Vec<Mention>) -> Vec<String> {
    let mut ids: Vec<String> = mentions.into_iter().map(|m| m.actor).collect();
    ids.sort();
    ids.dedup();
    ids
}

#[cfg(test)]
mod tests {
    use crate::codebook::Codebook;

    /// The actors tagging finds from the shared literal pass are those of a search of the
    /// whole sentence, exclusions included, by case.
    #[test]
    fn actors_from_literal_occurrences_are_the_searched_ones() {
        let cb = Codebook::builtin();
        let cases: &[(&str, &[&str])] = &[
            ("Beijing bristles at the Quad.", &["china"]),
            // An exclusion vetoes only the mention it covers.
            ("Ships crowd the South China Sea.", &[]),
            ("China patrols the South China Sea.", &["china"]),
            ("North Korea tested a missile.", &[]),
            ("North Korea tested a missile near Seoul.", &["south-korea"]),
            (
                "The Indian Ocean is calm, and New Delhi is wary.",
                &["india"],
            ),
            ("The Indian Ocean is calm.", &[]),
            ("Nothing here names a country.", &[]),
            // A sentence the ASCII literal scan cannot judge (a KELVIN SIGN) takes the search.
            ("The \u{212A}-pop fans in Seoul cheered.", &["south-korea"]),
        ];
        for &(s, want) in cases {
            let tagged = cb.tag_paragraph(&[s]);
            let searched = cb.gazetteer.actors_in(s);
            for id in want {
                assert!(searched.iter().any(|a| a == id), "{s:?}: {searched:?}");
            }
            if want.is_empty() {
                assert!(
                    !searched
                        .iter()
                        .any(|a| ["china", "south-korea", "india"].contains(&a.as_str())),
                    "{s:?}: {searched:?}"
                );
            }
            assert_eq!(tagged[0].actors, searched, "{s:?}");
        }
    }
}
