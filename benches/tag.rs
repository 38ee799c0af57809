//! Benchmark of stage 3 (codebook + claims): `Codebook::tag_paragraph` over the paragraphs
//! of the State of the Union corpus (`../shared/bench/sotu/*.txt`, read at bench time;
//! skipped with a message if missing). Reports sentences/s and MB/s via criterion
//! throughput (elements = sentences, bytes = sentence bytes). Also times codebook compile.
//! By default the first ~1 MB of the corpus is used; `ARGDEX_BENCH_ALL=1` uses all of it.

use argdex::codebook::Codebook;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

mod common;

/// Paragraphs (as sentence lists) of the SOTU texts, segmented as ingest does.
fn load_paragraphs() -> Vec<Vec<String>> {
    let mut paras = Vec::new();
    for (_, text) in common::sotu() {
        let sentences = argdex::pipeline::segment_text(&text);
        for p in argdex::pipeline::paragraphs(&sentences) {
            paras.push(p.iter().map(|s| s.text.clone()).collect());
        }
    }
    paras
}

fn bench(c: &mut Criterion) {
    c.bench_function("codebook_compile", |b| b.iter(Codebook::builtin));
    let paras = load_paragraphs();
    if paras.is_empty() {
        return;
    }
    let cb = Codebook::builtin();
    let refs: Vec<Vec<&str>> = paras
        .iter()
        .map(|p| p.iter().map(String::as_str).collect())
        .collect();
    let sentences: usize = refs.iter().map(Vec::len).sum();
    let bytes: usize = refs.iter().flatten().map(|s| s.len()).sum();
    eprintln!(
        "benches/tag: {} paragraphs, {sentences} sentences, {:.1} MB",
        refs.len(),
        bytes as f64 / 1e6
    );
    let mut g = c.benchmark_group("tag_paragraph");
    g.sample_size(10);
    g.throughput(Throughput::Elements(sentences as u64));
    g.bench_function("sotu_sentences", |b| {
        b.iter(|| {
            refs.iter()
                .map(|p| cb.tag_paragraph(p).len())
                .sum::<usize>()
        })
    });
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("sotu_bytes", |b| {
        b.iter(|| {
            refs.iter()
                .map(|p| cb.tag_paragraph(p).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
