//! Index writer: opens (or creates) the index under its lock, knows which documents are
//! already indexed (by content: one document per distinct content, with every file that
//! holds it) and with which codebook, and replaces a document's records atomically: the old
//! records are deleted and the new ones added in the same commit, so an interrupted ingest
//! leaves the last committed state intact. A document's file list can be rewritten without
//! touching its sentences (a rename or a copy needs no re-analysis).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

use super::schema::{self, Fields, KIND_DOC};
use super::{
    DocRecord, IndexMeta, META_FILE, StoredSentence, index_error, read_meta, tantivy_error,
    write_meta,
};
use crate::error::{Error, Result};
use crate::record::Record;

/// How to open the writer.
#[derive(Debug, Clone)]
pub struct Options {
    /// Drop everything indexed and start again (also recovers an incompatible index).
    pub rebuild: bool,
    /// Writer heap budget in bytes, shared by the indexing threads.
    pub heap_bytes: usize,
    /// Indexing threads.
    pub threads: usize,
    /// Wait for another ingest to finish instead of failing.
    pub wait: bool,
}

/// An open index writer.
pub struct Writer {
    dir: PathBuf,
    writer: IndexWriter,
    f: Fields,
    known: HashMap<String, DocRecord>,
    codebook: String,
    themes: Vec<String>,
    codebook_source: Option<String>,
    codebook_path: Option<String>,
}

/// Whether `dir` is an index, or one whose creation was interrupted: argdex writes its
/// `argdex.json` (through `argdex.json.tmp`) into a new index folder before anything else.
fn looks_like_index(dir: &Path) -> bool {
    dir.join(META_FILE).exists()
        || dir.join(format!("{META_FILE}.tmp")).exists()
        || dir.join("meta.json").exists()
}

fn open_existing(dir: &Path) -> Result<(Index, Fields)> {
    read_meta(dir)?;
    let index = Index::open_in_dir(dir).map_err(|e| tantivy_error(dir, e))?;
    super::tokenizer::register(&index);
    let f = schema::fields_of(&index.schema()).map_err(|_| {
        index_error(
            dir,
            "schema does not match this argdex; run `argdex ingest --rebuild PATH...`",
        )
    })?;
    Ok((index, f))
}

fn create(dir: &Path, meta: &IndexMeta) -> Result<(Index, Fields)> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    // argdex's own file first (tantivy's files come after it), so that a creation killed
    // at any point leaves a folder the next ingest recognises as its index and completes,
    // never one it refuses as someone else's.
    write_meta(dir, meta)?;
    let (schema, _) = schema::build();
    // zstd: the stored records compress ~2x better than with lz4. Level 1: about 30 % fewer
    // instructions than level 3 for an index 2 % larger (1x SOTU: 1.108x against 1.085x the
    // raw text). 32 KB blocks: a query decompresses one block per record it shows (with a
    // new zstd context each time), and at 64 KB that was a fifth of a query's time (1 GB:
    // 19.4 ms, 15.1 ms with 16 KB blocks); each block written also costs a new compression
    // context, whose creation runs `cpuid` twice (slow in a virtual machine: 1.6 % of an
    // ingest's samples at 16 KB). 32 KB: ingest -4 % CPU, the index -3 %, a query at 108 MB
    // +0.3 ms (BENCHMARKS.md).
    let settings = tantivy::IndexSettings {
        docstore_compression: tantivy::store::Compressor::Zstd(tantivy::store::ZstdCompressor {
            compression_level: Some(1),
        }),
        docstore_blocksize: 32_768,
        ..tantivy::IndexSettings::default()
    };
    let index = Index::builder()
        .schema(schema)
        .settings(settings)
        .create_in_dir(dir)
        .map_err(|e| tantivy_error(dir, e))?;
    super::tokenizer::register(&index);
    let f = schema::fields_of(&index.schema()).map_err(|e| tantivy_error(dir, e))?;
    Ok((index, f))
}

impl Writer {
    /// Open the index at `dir` for writing, creating it when absent.
    pub fn open(dir: &Path, codebook: &str, themes: Vec<String>, opts: &Options) -> Result<Writer> {
        let fresh_meta = IndexMeta {
            schema_version: schema::SCHEMA_VERSION,
            codebook: codebook.to_string(),
            themes: themes.clone(),
            codebook_source: None,
            codebook_path: None,
        };
        let (index, f) = if !dir.join("meta.json").exists() {
            if dir.exists()
                && !looks_like_index(dir)
                && std::fs::read_dir(dir)
                    .map_err(|e| Error::io(dir, e))?
                    .next()
                    .is_some()
            {
                return Err(index_error(
                    dir,
                    "exists and is not an argdex index (refusing to write into it)",
                ));
            }
            create(dir, &fresh_meta)?
        } else {
            match open_existing(dir) {
                Ok(pair) => pair,
                // An incompatible or corrupted index: start again from scratch.
                Err(_) if opts.rebuild && looks_like_index(dir) => {
                    std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
                    create(dir, &fresh_meta)?
                }
                Err(e) => return Err(e),
            }
        };
        let threads = opts.threads.max(1);
        let heap = opts.heap_bytes.max(15_000_000 * threads);
        // One merge at a time, each bounded (`merge`): what merges map of the index stays
        // bounded whatever its size.
        let options = tantivy::indexer::IndexWriterOptions::builder()
            .num_worker_threads(threads)
            .memory_budget_per_thread(heap / threads)
            .num_merge_threads(1)
            .build();
        let writer = loop {
            match index.writer_with_options(options.clone()) {
                Ok(w) => {
                    w.set_merge_policy(Box::new(super::merge::BoundedMerges::default()));
                    break w;
                }
                Err(tantivy::TantivyError::LockFailure(..)) if opts.wait => {
                    std::thread::sleep(Duration::from_millis(200));
                }
                Err(e) => return Err(tantivy_error(dir, e)),
            }
        };
        let mut w = Writer {
            dir: dir.to_path_buf(),
            writer,
            f,
            known: HashMap::new(),
            codebook: codebook.to_string(),
            themes,
            codebook_source: None,
            codebook_path: None,
        };
        if opts.rebuild {
            w.writer
                .delete_all_documents()
                .map_err(|e| tantivy_error(dir, e))?;
        } else {
            w.known = w.load_known(&index)?;
        }
        Ok(w)
    }

    fn load_known(&self, index: &Index) -> Result<HashMap<String, DocRecord>> {
        let reader = index.reader().map_err(|e| tantivy_error(&self.dir, e))?;
        let searcher = reader.searcher();
        let hits = schema::doc_record_addresses(&searcher, &self.f)
            .map_err(|e| tantivy_error(&self.dir, e))?;
        let mut known = HashMap::with_capacity(hits.len());
        for addr in hits {
            let doc: TantivyDocument = searcher
                .doc(addr)
                .map_err(|e| tantivy_error(&self.dir, e))?;
            let json = doc
                .get_first(self.f.record)
                .and_then(|v| v.as_str())
                .unwrap_or("");
            if let Ok(d) = serde_json::from_str::<DocRecord>(json) {
                known.insert(d.doc_id.clone(), d);
            }
        }
        Ok(known)
    }

    /// Documents currently in the index, by `doc_id`.
    pub fn known(&self) -> &HashMap<String, DocRecord> {
        &self.known
    }

    /// Remember the codebook's TOML text and path (a custom codebook), written at commit.
    pub fn set_codebook_source(&mut self, source: Option<String>, path: Option<String>) {
        self.codebook_source = source;
        self.codebook_path = path;
    }

    /// True when document `doc_id` is indexed with this content hash (file and sidecar)
    /// and this codebook.
    pub fn is_current(&self, doc_id: &str, hash: &str) -> bool {
        self.known
            .get(doc_id)
            .is_some_and(|d| d.hash == hash && d.codebook == self.codebook)
    }

    /// Rewrite only a document's own record (its files, paths, stats): its sentences stay.
    pub fn rewrite_doc(&self, doc: &DocRecord) -> Result<()> {
        let f = &self.f;
        let only_doc = tantivy::query::BooleanQuery::new(vec![
            (
                tantivy::query::Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.kind, KIND_DOC),
                    IndexRecordOption::Basic,
                )) as Box<dyn tantivy::query::Query>,
            ),
            (
                tantivy::query::Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.key, &doc.file_id),
                    IndexRecordOption::Basic,
                )),
            ),
        ]);
        let err = |e: tantivy::TantivyError| tantivy_error(&self.dir, e);
        self.writer.delete_query(Box::new(only_doc)).map_err(err)?;
        self.writer
            .add_document(self.doc_document(doc)?)
            .map_err(err)?;
        Ok(())
    }

    /// Add a document's own record (after [`Writer::replace_sentences`] in the same run).
    pub fn add_doc(&self, doc: &DocRecord) -> Result<()> {
        self.writer
            .add_document(self.doc_document(doc)?)
            .map_err(|e| tantivy_error(&self.dir, e))?;
        Ok(())
    }

    fn doc_document(&self, doc: &DocRecord) -> Result<TantivyDocument> {
        let f = &self.f;
        let mut d = TantivyDocument::new();
        d.add_text(f.kind, KIND_DOC);
        d.add_text(f.key, &doc.file_id);
        d.add_text(f.doc_id, &doc.doc_id);
        d.add_text(f.path, &doc.path);
        if let Some(g) = doc.meta.genre {
            d.add_text(f.genre, g.as_str());
        }
        d.add_text(f.record, self.to_json(doc)?);
        Ok(d)
    }

    /// Replace everything indexed for `doc.file_id` by its sentences. The document's own
    /// record is not written here: [`Writer::add_doc`] writes it later, once every analysed
    /// document's sentences are in, so that the document records of a run lie together in
    /// the docstore (a few compressed blocks, not one block per document, for every reader
    /// of all the document records: incremental ingest, `docs`, `stats`, `report`).
    pub fn replace_sentences(&self, doc: &DocRecord, records: &[Record]) -> Result<()> {
        let f = &self.f;
        self.remove_doc(doc);
        let err = |e: tantivy::TantivyError| tantivy_error(&self.dir, e);
        // Each record's JSON is written into one buffer, and each document is allocated at
        // its final size: a document grown field by field was reallocated about seven times.
        let mut json: Vec<u8> = Vec::with_capacity(1024);
        for r in records {
            json.clear();
            serde_json::to_writer(&mut json, &StoredSentence::from_record(&doc.file_id, r))
                .map_err(|e| index_error(&self.dir, e.to_string()))?;
            // Always valid: serde_json writes UTF-8.
            let record = std::str::from_utf8(&json).unwrap_or_default();
            let lists = r.doc.authors.iter().chain(&r.themes).chain(&r.actors);
            let bytes = [&r.doc_id, &r.doc.path, &r.text]
                .iter()
                .map(|s| s.len())
                .chain(lists.clone().map(String::len))
                .chain(r.speaker.as_ref().map(String::len))
                .sum::<usize>()
                + record.len()
                + 16
                // A value's length prefix, and the genre.
                + 16 * (8 + lists.count());
            let mut d = TantivyDocument::with_capacity(bytes);
            d.add_text(f.doc_id, &r.doc_id);
            d.add_text(f.path, &r.doc.path);
            d.add_text(f.text, &r.text);
            for a in &r.doc.authors {
                d.add_text(f.authors, a.to_lowercase());
            }
            for t in &r.themes {
                d.add_text(f.themes, t);
            }
            if let Some(sp) = &r.speaker {
                d.add_text(f.speaker, sp.to_lowercase());
            }
            for a in &r.actors {
                d.add_text(f.actors, a);
            }
            if let Some(g) = doc.meta.genre {
                d.add_text(f.genre, g.as_str());
            }
            d.add_u64(f.is_claim, u64::from(r.is_claim));
            d.add_u64(f.sentence, r.sentence as u64);
            d.add_text(f.record, record);
            self.writer.add_document(d).map_err(err)?;
        }
        Ok(())
    }

    fn to_json<T: serde::Serialize>(&self, v: &T) -> Result<String> {
        serde_json::to_string(v).map_err(|e| index_error(&self.dir, e.to_string()))
    }

    /// Remove a document (its record and its sentences) from the index: by `doc_id`, which
    /// both carry (in a version-3 index too).
    pub fn remove_doc(&self, doc: &DocRecord) {
        self.writer
            .delete_term(Term::from_field_text(self.f.doc_id, &doc.doc_id));
    }

    /// Commit everything added since opening, then record the codebook in force.
    pub fn commit(mut self) -> Result<()> {
        self.writer
            .commit()
            .map_err(|e| tantivy_error(&self.dir, e))?;
        write_meta(
            &self.dir,
            &IndexMeta {
                schema_version: schema::SCHEMA_VERSION,
                codebook: self.codebook.clone(),
                themes: self.themes.clone(),
                codebook_source: self.codebook_source.clone(),
                codebook_path: self.codebook_path.clone(),
            },
        )?;
        self.writer
            .wait_merging_threads()
            .map_err(|e| tantivy_error(&self.dir, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::reader::{Filter, Reader};

    fn opts() -> Options {
        Options {
            rebuild: false,
            heap_bytes: 50_000_000,
            threads: 1,
            wait: false,
        }
    }

    /// A document of `text` as `ingest` records it: its record and its sentences.
    fn analysed(text: &str, codebook: &crate::codebook::Codebook) -> (DocRecord, Vec<Record>) {
        let path = Path::new("piece.txt");
        let doc = crate::document::load_bytes(path, "piece.txt", text.as_bytes())
            .unwrap_or_else(|e| panic!("{e}"));
        let doc_id = crate::pipeline::content_id(text.as_bytes());
        let records = crate::pipeline::analyze(&doc, &doc_id, codebook);
        let rec = DocRecord {
            doc_id: doc_id.clone(),
            path: "piece.txt".into(),
            key: "/piece.txt".into(),
            file_id: doc_id,
            files: Vec::new(),
            hash: "h".into(),
            codebook: "c".into(),
            meta: doc.meta.clone(),
            sentences: records.len(),
            claims: records.iter().filter(|r| r.is_claim).count(),
            theme_claims: Default::default(),
            warnings: Vec::new(),
        };
        (rec, records)
    }

    fn texts(dir: &Path, filter: &Filter) -> Vec<String> {
        let reader = Reader::open(dir).unwrap_or_else(|e| panic!("{e}"));
        let mut found: Vec<String> = reader
            .search(None, filter, 100)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .map(|r| r.text)
            .collect();
        found.sort();
        found
    }

    /// An index of schema 3 (its sentences carry `kind` and `key`, as written before
    /// version 4) is read by today's queries, which never return a document record, and
    /// a document re-analysed into it replaces every sentence of its earlier version.
    #[test]
    fn a_schema_3_index_is_read_and_its_sentences_replaced() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let ix = dir.path().join("ix");
        let cb = crate::codebook::Codebook::builtin();
        let (old, old_records) = analysed(
            "The summit met in Madrid in June 2022. Allies should spend more on defence. They must act now.\n",
            &cb,
        );
        let writer = Writer::open(&ix, "c", Vec::new(), &opts()).unwrap_or_else(|e| panic!("{e}"));
        // The sentences as version 3 wrote them.
        let f = writer.f;
        for r in &old_records {
            let mut d = TantivyDocument::new();
            d.add_text(f.kind, "sentence");
            d.add_text(f.key, &old.file_id);
            d.add_text(f.doc_id, &r.doc_id);
            d.add_text(f.text, &r.text);
            d.add_u64(f.is_claim, u64::from(r.is_claim));
            d.add_u64(f.sentence, r.sentence as u64);
            let json = serde_json::to_string(&StoredSentence::from_record(&old.file_id, r))
                .unwrap_or_else(|e| panic!("{e}"));
            d.add_text(f.record, json);
            writer
                .writer
                .add_document(d)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        writer.add_doc(&old).unwrap_or_else(|e| panic!("{e}"));
        writer.commit().unwrap_or_else(|e| panic!("{e}"));
        let meta = read_meta(&ix).unwrap_or_else(|e| panic!("{e}"));
        write_meta(
            &ix,
            &IndexMeta {
                schema_version: 3,
                ..meta
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));

        let all = Filter {
            all: true,
            ..Filter::default()
        };
        let before: Vec<String> = {
            let mut t: Vec<String> = old_records.iter().map(|r| r.text.clone()).collect();
            t.sort();
            t
        };
        assert_eq!(texts(&ix, &all), before);
        assert!(
            !texts(&ix, &Filter::default()).is_empty(),
            "claims are found"
        );

        // The same document re-analysed (say, with another codebook): its version-3
        // sentences go, by `doc_id`, and the index is version 4 from then on.
        let (_, new_records) = analysed(
            "The summit met in Madrid in June 2022. Allies should spend more on defence. They must act now.\n",
            &cb,
        );
        let writer = Writer::open(&ix, "c", Vec::new(), &opts()).unwrap_or_else(|e| panic!("{e}"));
        writer
            .replace_sentences(&old, &new_records[..1])
            .unwrap_or_else(|e| panic!("{e}"));
        writer.add_doc(&old).unwrap_or_else(|e| panic!("{e}"));
        writer.commit().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(texts(&ix, &all), vec![new_records[0].text.clone()]);
        // And a version-4 sentence (no `key`) is replaced in turn.
        let writer = Writer::open(&ix, "c", Vec::new(), &opts()).unwrap_or_else(|e| panic!("{e}"));
        writer
            .replace_sentences(&old, &new_records[1..])
            .unwrap_or_else(|e| panic!("{e}"));
        writer.add_doc(&old).unwrap_or_else(|e| panic!("{e}"));
        writer.commit().unwrap_or_else(|e| panic!("{e}"));
        let mut rest: Vec<String> = new_records[1..].iter().map(|r| r.text.clone()).collect();
        rest.sort();
        assert_eq!(texts(&ix, &all), rest);
        let reader = Reader::open(&ix).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(reader.docs().unwrap_or_else(|e| panic!("{e}")).len(), 1);
        assert_eq!(
            read_meta(&ix).map(|m| m.schema_version).ok(),
            Some(schema::SCHEMA_VERSION)
        );
    }

    /// Versions outside what this argdex reads are refused with the way out.
    #[test]
    fn schemas_older_than_3_or_newer_than_this_one_are_refused() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let ix = dir.path().join("ix");
        Writer::open(&ix, "c", Vec::new(), &opts())
            .and_then(Writer::commit)
            .unwrap_or_else(|e| panic!("{e}"));
        let meta = read_meta(&ix).unwrap_or_else(|e| panic!("{e}"));
        for (version, readable) in [
            (2, false),
            (schema::OLDEST_SCHEMA, true),
            (schema::SCHEMA_VERSION, true),
            (schema::SCHEMA_VERSION + 1, false),
        ] {
            let m = IndexMeta {
                schema_version: version,
                ..meta.clone()
            };
            write_meta(&ix, &m).unwrap_or_else(|e| panic!("{e}"));
            match read_meta(&ix) {
                Ok(_) => assert!(readable, "schema {version} was read"),
                Err(e) => {
                    assert!(!readable, "schema {version}: {e}");
                    assert!(e.to_string().contains("--rebuild"), "{e}");
                }
            }
        }
    }
}
