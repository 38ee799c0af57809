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

/// The fields of a sentence's document that every record of it carries: one value per
/// document, shared ([`Record::doc`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DocFields {
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
}

/// A document's [`DocFields`], shared by its records (an `Arc`, serialized as the fields
/// themselves; a newtype so that serde's `rc` feature, and the rebuild of every crate that
/// uses serde, is not needed).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shared(pub std::sync::Arc<DocFields>);

impl std::ops::Deref for Shared {
    type Target = DocFields;
    fn deref(&self) -> &DocFields {
        &self.0
    }
}

impl Serialize for Shared {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Shared {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Shared, D::Error> {
        DocFields::deserialize(d).map(|f| Shared(std::sync::Arc::new(f)))
    }
}

impl DocFields {
    /// The fields of a document at `path` with metadata `meta`.
    pub fn of(path: &str, meta: &crate::document::Metadata) -> DocFields {
        DocFields {
            path: path.to_string(),
            title: meta.title.clone(),
            subtitle: meta.subtitle.clone(),
            authors: meta.authors.clone(),
            date: meta.date.clone(),
            date_precision: meta.date_precision.map(|p| p.as_str().to_string()),
            genre: meta.genre.map(|g| g.as_str().to_string()),
            publisher: meta.publisher.clone(),
            url: meta.url.clone(),
        }
    }
}

/// One body sentence with its source and its tags.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// Stable id: the same file content gives the same id.
    pub id: String,
    /// Id of the document (content hash).
    pub doc_id: String,
    /// The document's fields, shared by all its sentences (flattened into the record's
    /// JSON: `path`, `title`, `subtitle`, `authors`, `date`, `date_precision`, `genre`,
    /// `publisher`, `url`).
    #[serde(flatten)]
    pub doc: Shared,
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
