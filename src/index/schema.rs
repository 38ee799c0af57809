//! Index schema: one tantivy document per body sentence plus one per document (`kind =
//! doc`, with metadata, content hash and codebook fingerprint), both with the document's
//! `doc_id` and `genre` as exact filter fields. Filters are exact term queries on raw
//! fields; the full record is stored as JSON so a citation never needs the original file.
//! A sentence is told from a document record by its `is_claim` value (0 or 1), which
//! only sentences have.

use tantivy::schema::{
    FAST, Field, IndexRecordOption, NumericOptions, STORED, Schema, TextFieldIndexing, TextOptions,
};

/// The tantivy tokenizer of the `text` field (BM25); highlighting stems with the same one.
pub const TEXT_TOKENIZER: &str = "en_stem";

/// Bumped whenever the schema or the stored JSON changes incompatibly.
/// 2: `genre` filter field; documents store subtitle, date precision and genre.
/// 3: documents are their content (several paths per document), the index remembers
/// its codebook; sentences carry a `speaker` filter field.
/// 4: sentences carry neither `kind` nor `key` (a sentence is what has `is_claim`, and a
/// document's records are deleted by `doc_id`); `path` is a fast field only.
pub const SCHEMA_VERSION: u32 = 4;

/// The oldest schema this argdex reads and writes: a version-3 index's sentences carry
/// `kind` and `key` besides what version 4 reads, its `path` is also indexed, and
/// nothing reads either.
pub const OLDEST_SCHEMA: u32 = 3;

/// `kind` of a document record (sentences have no `kind`).
pub const KIND_DOC: &str = "doc";

/// Handles to the schema's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// [`KIND_DOC`] on document records.
    pub kind: Field,
    /// A document record's `file_id`.
    pub key: Field,
    /// The document's content id, on its record and its sentences.
    pub doc_id: Field,
    /// The document's first path, a fast field (results are ordered by it).
    pub path: Field,
    pub text: Field,
    pub authors: Field,
    pub themes: Field,
    pub actors: Field,
    /// Lower-cased speaker of a reported or quoted sentence (or a transcript label).
    pub speaker: Field,
    /// The document's genre (`opinion`, `news`, ...), on file and sentence documents.
    pub genre: Field,
    pub is_claim: Field,
    pub sentence: Field,
    pub record: Field,
}

/// Build the schema.
pub fn build() -> (Schema, Fields) {
    let mut b = Schema::builder();
    // Filter fields need no fieldnorms (they are never scored).
    let exact = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_fieldnorms(false)
            .set_index_option(IndexRecordOption::Basic),
    );
    let text_opts = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TEXT_TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        kind: b.add_text_field("kind", exact.clone()),
        key: b.add_text_field("key", exact.clone()),
        doc_id: b.add_text_field("doc_id", exact.clone()),
        path: b.add_text_field("path", FAST),
        text: b.add_text_field("text", text_opts),
        authors: b.add_text_field("authors", exact.clone()),
        themes: b.add_text_field("themes", exact.clone()),
        actors: b.add_text_field("actors", exact.clone()),
        speaker: b.add_text_field("speaker", exact.clone()),
        genre: b.add_text_field("genre", exact.clone()),
        is_claim: b.add_u64_field(
            "is_claim",
            NumericOptions::default().set_indexed().set_fast(),
        ),
        sentence: b.add_u64_field("sentence", FAST),
        record: b.add_text_field("record", STORED),
    };
    (b.build(), fields)
}

/// Resolve the field handles of an existing index's schema.
pub fn fields_of(schema: &Schema) -> tantivy::Result<Fields> {
    let f = |name: &str| schema.get_field(name);
    Ok(Fields {
        kind: f("kind")?,
        key: f("key")?,
        doc_id: f("doc_id")?,
        path: f("path")?,
        text: f("text")?,
        authors: f("authors")?,
        themes: f("themes")?,
        actors: f("actors")?,
        speaker: f("speaker")?,
        genre: f("genre")?,
        is_claim: f("is_claim")?,
        sentence: f("sentence")?,
        record: f("record")?,
    })
}

/// The addresses of every document record (`kind = doc`), in docstore order: an ingest
/// writes a run's document records together, so reading them in this order decompresses
/// each docstore block once.
pub fn doc_record_addresses(
    searcher: &tantivy::Searcher,
    f: &Fields,
) -> tantivy::Result<Vec<tantivy::DocAddress>> {
    let q = tantivy::query::TermQuery::new(
        tantivy::Term::from_field_text(f.kind, KIND_DOC),
        IndexRecordOption::Basic,
    );
    let mut hits: Vec<_> = searcher
        .search(&q, &tantivy::collector::DocSetCollector)?
        .into_iter()
        .collect();
    hits.sort_unstable();
    Ok(hits)
}
