//! Criterion bench for the ingest stages on the first ~1 MB of the SOTU corpus: stage 1
//! (`document::parse`: layout, metadata, boilerplate), stages 1-3 (`pipeline::analyze`:
//! plus sentences, claims and themes) and stage 4 (writing the records to a fresh tantivy
//! index and committing). The bench does nothing if `../shared/bench/sotu` is missing.
//!
//! `cargo bench --bench ingest`

use std::hint::black_box;

use argdex::codebook::Codebook;
use argdex::document::{self, Format};
use argdex::index::DocRecord;
use argdex::index::writer::{Options, Writer};
use argdex::pipeline;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

mod common;

fn bench(c: &mut Criterion) {
    let texts = common::sotu();
    if texts.is_empty() {
        return;
    }
    let bytes: usize = texts.iter().map(|t| t.1.len()).sum();
    let codebook = Codebook::builtin();
    let mut g = c.benchmark_group("ingest");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("parse", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|(p, t)| {
                    document::parse(p, black_box(t.clone()), 0, Format::Text)
                        .body
                        .len()
                })
                .sum::<usize>()
        })
    });
    let docs: Vec<_> = texts
        .iter()
        .map(|(p, t)| document::parse(p, t.clone(), 0, Format::Text))
        .collect();
    g.bench_function("analyze", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| pipeline::analyze(black_box(d), "id", &codebook).len())
                .sum::<usize>()
        })
    });
    let analyzed: Vec<_> = docs
        .iter()
        .map(|d| {
            let id = pipeline::content_id(d.text.as_bytes());
            (d, pipeline::analyze(d, &id, &codebook), id)
        })
        .collect();
    g.bench_function("index", |b| {
        b.iter(|| {
            let dir = tempfile::tempdir().expect("tempdir");
            let opts = Options {
                rebuild: false,
                heap_bytes: 64_000_000,
                threads: 2,
                wait: false,
            };
            let w = Writer::open(
                &dir.path().join("ix"),
                codebook.fingerprint(),
                codebook.theme_ids(),
                &opts,
            )
            .expect("open");
            for (d, records, id) in &analyzed {
                let rec = DocRecord {
                    doc_id: id.clone(),
                    path: d.path.clone(),
                    key: d.path.clone(),
                    file_id: id.clone(),
                    files: Vec::new(),
                    hash: id.clone(),
                    codebook: codebook.fingerprint().to_string(),
                    meta: d.meta.clone(),
                    sentences: records.len(),
                    claims: 0,
                    theme_claims: Default::default(),
                    warnings: Vec::new(),
                };
                w.replace_sentences(&rec, records).expect("sentences");
                w.add_doc(&rec).expect("document record");
            }
            w.commit().expect("commit");
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
