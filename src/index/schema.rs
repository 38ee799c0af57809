//! Index schema: one tantivy document per body sentence (`kind = sentence`) plus one per
//! file (`kind = doc`, with metadata, content hash and codebook fingerprint), both with the
//! document's `genre` as an exact filter field. Filters are
//! exact term queries on raw fields; the full record is stored as JSON so a citation never
//! needs the original file.

use tantivy::schema::{
    FAST, Field, IndexRecordOption, NumericOptions, STORED, Schema, TextFieldIndexing, TextOptions,
};

/// The tantivy tokenizer of the `text` field (BM25); highlighting stems with the same one.
pub const TEXT_TOKENIZER: &str = "en_stem";

/// Bumped whenever the schema or the stored JSON changes incompatibly.
/// 2: `genre` filter field; documents store subtitle, date precision and genre.
/// 3: documents are their content (several paths per document), the index remembers
/// its codebook; sentences carry a `speaker` filter field.
pub const SCHEMA_VERSION: u32 = 3;

/// `kind` of a sentence document.
pub const KIND_SENTENCE: &str = "sentence";
/// `kind` of a file document.
pub const KIND_DOC: &str = "doc";

/// Handles to the schema's fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub kind: Field,
    pub key: Field,
    pub doc_id: Field,
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
        path: b.add_text_field("path", exact.clone() | FAST),
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
