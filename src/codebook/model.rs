//! Stage 3 (codebook), file format: the serde model of a codebook TOML file. Every table
//! denies unknown keys, and ids and patterns keep their byte spans so `codebook check`
//! can point at `file:line:col`. Compilation lives in `mod.rs`, matching in `matcher.rs`.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// A whole codebook file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileToml {
    /// Named sub-patterns, used as `{NAME}` in any pattern (and in other macros).
    #[serde(default)]
    pub macros: BTreeMap<String, Spanned<String>>,
    /// Actor gazetteer: id → aliases (patterns) and exclusions.
    #[serde(default)]
    pub actors: BTreeMap<String, ActorToml>,
    /// How a sentence may borrow from the sentences around it.
    #[serde(default)]
    pub context: ContextToml,
    #[serde(default)]
    pub themes: Vec<ThemeToml>,
    #[serde(default)]
    pub claims: crate::codebook::claims::ClaimsToml,
}

/// One actor of the gazetteer.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorToml {
    #[serde(default)]
    pub label: String,
    pub aliases: Vec<Spanned<String>>,
    /// Matches of these patterns are not the actor (e.g. "South China Sea" is not China).
    #[serde(default)]
    pub not: Vec<Spanned<String>>,
}

/// The `[context]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContextToml {
    /// Patterns that, matched at the start of a sentence, make it inherit the actors of the
    /// previous sentence of the paragraph (pronoun carry-over: "It", "They", "Its" ...).
    #[serde(default)]
    pub carry: Vec<Spanned<String>>,
    /// Openings that look like a carry-over subject but are not (expletive "It is time",
    /// "It is clear that"): matched at the start, they cancel the carry-over.
    #[serde(default)]
    pub no_carry: Vec<Spanned<String>>,
    /// Openings that continue the topic of the previous sentence by anaphora or a
    /// definite reference ("This demand", "The agreement", "Such a deal", "It"): a theme
    /// with `carry = true` passes from that sentence to this one (one step, same
    /// paragraph), with evidence `context:THEME` naming the antecedent sentence.
    #[serde(default)]
    pub continues: Vec<Spanned<String>>,
}

/// One theme.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeToml {
    pub id: Spanned<String>,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub description: String,
    /// Sum of the weights of fired rules needed to tag the theme (default 1).
    pub threshold: Option<f64>,
    #[serde(default)]
    pub rules: Vec<RuleToml>,
    /// Example sentences that must get this theme (run by `codebook test`).
    #[serde(default)]
    pub must: Vec<String>,
    /// Example sentences that must not get this theme (near-misses).
    #[serde(default)]
    pub must_not: Vec<String>,
    /// Whether the theme passes to a next sentence that continues its topic (see
    /// `[context] continues`; default false).
    #[serde(default)]
    pub carry: bool,
    /// Multi-sentence examples (sentences of one paragraph, in order) whose LAST sentence
    /// must get this theme: tests for context rules.
    #[serde(default)]
    pub must_paragraph: Vec<Vec<String>>,
    /// Multi-sentence examples whose LAST sentence must NOT get this theme: the near-misses
    /// of context rules (an anchor outside the `window`, a continuation that does not
    /// point back).
    #[serde(default)]
    pub must_not_paragraph: Vec<Vec<String>>,
}

/// One rule of a theme.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleToml {
    pub id: Spanned<String>,
    /// Any one of these must match in the sentence (if the list is non-empty).
    #[serde(default)]
    pub patterns: Vec<Spanned<String>>,
    /// Co-occurrence: every group must match (one of its patterns).
    #[serde(default)]
    pub all: Vec<Vec<Spanned<String>>>,
    /// The matches of `patterns` and `all` must fit in this many words.
    pub within: Option<usize>,
    /// With `context = "paragraph"`: how many sentences before and after the tagged one
    /// the `all` groups may match in (default: the whole paragraph).
    pub window: Option<usize>,
    /// Exclusions: if any matches in the sentence, the rule does not fire.
    #[serde(default)]
    pub not: Vec<Spanned<String>>,
    /// At least one of these actors must be mentioned in the sentence or carried over.
    #[serde(default)]
    pub actors: Vec<String>,
    /// `"sentence"` (default) or `"paragraph"`: where the `all` groups may match.
    pub context: Option<Spanned<String>>,
    /// Contribution to the theme score (default 1).
    pub weight: Option<f64>,
}
