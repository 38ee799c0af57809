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
        for (id, a) in actors {
            let mut compile = |ps: &[toml::Spanned<String>]| -> Option<Regex> {
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
                match RegexBuilder::new(&super::wrap(&parts.join("|")))
                    .case_insensitive(true)
                    .build()
                {
                    Ok(re) => Some(re),
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
            let Some(re) = compile(&a.aliases) else {
                continue;
            };
            let not = a
                .not
                .iter()
                .filter_map(|p| compile(std::slice::from_ref(p)))
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
        Gazetteer { actors: out, set }
    }

    /// Is `id` a known actor?
    pub fn has(&self, id: &str) -> bool {
        self.actors.iter().any(|a| a.id == id)
    }

    /// Every actor mention in a sentence, in text order (exclusions removed).
    pub fn mentions(&self, sentence: &str) -> Vec<Mention> {
        let mut out = Vec::new();
        let hits = self.set.as_ref().map(|s| s.matches(sentence));
        for (i, a) in self.actors.iter().enumerate() {
            if hits.as_ref().is_some_and(|h| !h.matched(i)) {
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
        let mut ids: Vec<String> = self
            .mentions(sentence)
            .into_iter()
            .map(|m| m.actor)
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }
}
