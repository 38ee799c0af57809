//! The unit of output: one [`Record`] per body sentence, as stored in the index and
//! printed by `query` and `export`. Field names are part of the public JSON contract.

use serde::{Deserialize, Serialize};

/// Why a sentence carries a theme: the rule that fired and the words it matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Theme id, e.g. `burden-sharing`.
    pub theme: String,
    /// Rule id inside the codebook, e.g. `burden-sharing/cost-sharing`.
    pub rule: String,
    /// The matched words, as they appear in `text`.
    #[serde(rename = "match")]
    pub matched: String,
    /// Byte offset of the match within the sentence `text`.
    pub start: usize,
    /// Byte offset of the end of the match within the sentence `text`.
    pub end: usize,
    /// For a theme carried by context (`rule = "context:THEME"`): the sentence it came
    /// from (its `sentence` number in the document; paragraph-relative inside the
    /// codebook until the pipeline numbers it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<usize>,
}

/// One body sentence with its source and its tags.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Stable id: the same file content gives the same id.
    pub id: String,
    /// Id of the document (content hash).
    pub doc_id: String,
    /// Path as given at ingest.
    pub path: String,
    pub title: Option<String>,
    /// The line under the title, when the document has one.
    #[serde(default)]
    pub subtitle: Option<String>,
    pub authors: Vec<String>,
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or null.
    pub date: Option<String>,
    /// `day`, `month` or `year`: how much of the date the document gives.
    #[serde(default)]
    pub date_precision: Option<String>,
    /// `opinion`, `news`, `statement`, `transcript` or `other`.
    #[serde(default)]
    pub genre: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    /// 0-based paragraph number among the body paragraphs.
    pub paragraph: usize,
    /// 0-based sentence number within the document body.
    pub sentence: usize,
    /// Byte offset of the sentence in the file.
    pub start: usize,
    /// Byte offset of the end of the sentence in the file.
    pub end: usize,
    /// The sentence, whitespace runs collapsed to one space.
    pub text: String,
    pub is_claim: bool,
    /// Theme ids, sorted.
    pub themes: Vec<String>,
    pub evidence: Vec<Evidence>,
    /// Claim cues that fired (e.g. `prescriptive:should`).
    #[serde(default)]
    pub claim_cues: Vec<String>,
    /// True when the claim is hedged (may, might, could ...).
    #[serde(default)]
    pub hedged: bool,
    /// Actors (gazetteer ids) mentioned in the sentence.
    #[serde(default)]
    pub actors: Vec<String>,
    /// Whose position the sentence states: `author`, `reported` (indirect speech) or
    /// `quoted` (direct quotation). Only the author's sentences can be claims.
    #[serde(default)]
    pub voice: crate::voice::Voice,
    /// Who is reported or quoted (or the speaker label of a transcript), resolved within
    /// the document.
    #[serde(default)]
    pub speaker: Option<String>,
    /// With `--context N`: up to N sentences of the document before this one (nearest
    /// last). Not stored in the index.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub context_before: Vec<ContextSentence>,
    /// With `--context N`: up to N sentences of the document after this one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub context_after: Vec<ContextSentence>,
}

/// A neighbouring sentence shown as context around a hit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContextSentence {
    /// Its `sentence` number in the document.
    pub sentence: usize,
    /// Its paragraph number.
    pub paragraph: usize,
    pub text: String,
}
