//! The pipeline in one place: document → paragraphs → sentences → claims and themes →
//! [`Record`]s. `ingest`, `segment` and `explain` all cut text through these functions,
//! so every command sees the same sentences.

use crate::codebook::Codebook;
use crate::document::{Block, Document, paragraphs};
use crate::record::{DocFields, Record, Shared};
use crate::segment;
use crate::voice;

/// A sentence of a document: its paragraph and its span in the decoded text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// 0-based index of the paragraph among the blocks it was cut from.
    pub paragraph: usize,
    /// Byte range in the decoded text.
    pub start: usize,
    pub end: usize,
    /// The span with whitespace runs collapsed.
    pub text: String,
}

/// Cut paragraphs into sentences.
pub fn sentences_of(text: &str, blocks: &[Block]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (p, block) in blocks.iter().enumerate() {
        let para = block.text(text);
        for r in segment::split_sentences(para) {
            out.push(Sentence {
                paragraph: p,
                start: block.start + r.start,
                end: block.start + r.end,
                text: segment::collapse_ws(&para[r]),
            });
        }
    }
    out
}

/// Segment raw text exactly as ingest does, without metadata or boilerplate removal.
pub fn segment_text(text: &str) -> Vec<Sentence> {
    let blocks = paragraphs::split_blocks(text);
    let blocks = paragraphs::join_continuations(text, &blocks);
    sentences_of(text, &blocks)
}

/// A stable id for a document's content.
pub fn content_id(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..16].to_string()
}

/// Turn a parsed document into tagged records, one per body sentence.
pub fn analyze(doc: &Document, doc_id: &str, codebook: &Codebook) -> Vec<Record> {
    let mut sentences = sentences_of(&doc.text, &doc.body);
    let lines: Vec<voice::Line> = sentences
        .iter()
        .map(|s| voice::Line {
            text: &s.text,
            paragraph: s.paragraph,
            label: doc.body.get(s.paragraph).and_then(|b| b.speaker.as_deref()),
        })
        .collect();
    // One attribution per sentence, taken in order as the records are made.
    let mut voices = voice::attribute(&lines).into_iter();
    let genre = doc.meta.genre.map(|g| g.as_str());
    let mut records = Vec::with_capacity(sentences.len());
    let fields = Shared(std::sync::Arc::new(DocFields::of(&doc.path, &doc.meta)));
    let spans: Vec<std::ops::Range<usize>> = paragraphs(&sentences)
        .scan(0, |at, para| {
            let span = *at..*at + para.len();
            *at = span.end;
            Some(span)
        })
        .collect();
    for span in spans {
        let texts: Vec<&str> = sentences[span.clone()]
            .iter()
            .map(|s| s.text.as_str())
            .collect();
        let tags = codebook.tag_paragraph_in(&texts, genre);
        let first = records.len();
        // The sentence texts move into the records once the paragraph is tagged.
        for (s, mut t) in sentences[span].iter_mut().zip(tags) {
            let n = records.len();
            for e in &mut t.evidence {
                e.from = e.from.map(|k| first + k);
            }
            let who = voices.next().unwrap_or_default();
            records.push(Record {
                id: format!("{doc_id}-{n}"),
                doc_id: doc_id.to_string(),
                doc: fields.clone(),
                paragraph: s.paragraph,
                sentence: n,
                start: s.start + doc.offset_base,
                end: s.end + doc.offset_base,
                text: std::mem::take(&mut s.text),
                is_claim: t.claim.is_claim && who.voice == voice::Voice::Author,
                themes: t.themes,
                evidence: t.evidence,
                claim_cues: t.claim.cues,
                hedged: t.claim.hedged,
                actors: t.actors,
                voice: who.voice,
                speaker: who.speaker,
                context_before: Vec::new(),
                context_after: Vec::new(),
            });
        }
    }
    records
}

/// Consecutive sentences of the same paragraph, as slices (never empty): the unit the
/// codebook tags, since rules may look at a sentence's paragraph.
pub fn paragraphs(sentences: &[Sentence]) -> impl Iterator<Item = &[Sentence]> {
    sentences.chunk_by(|a, b| a.paragraph == b.paragraph)
}
