//! Criterion bench for stage 2 (sentences): `pipeline::segment_text` vs plain
//! `unicode_sentences()` on the first ~1 MB of the SOTU corpus (read at bench time; the
//! bench does nothing if `../shared/bench/sotu` is missing).
//!
//! `cargo bench --bench segment`

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use unicode_segmentation::UnicodeSegmentation;

fn corpus_slice() -> Option<Vec<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/sotu");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    paths.sort();
    let mut texts = Vec::new();
    let mut total = 0;
    for p in paths {
        if total >= 1_000_000 {
            break;
        }
        if let Ok(t) = std::fs::read_to_string(&p) {
            total += t.len();
            texts.push(t);
        }
    }
    (!texts.is_empty()).then_some(texts)
}

fn bench(c: &mut Criterion) {
    let Some(texts) = corpus_slice() else {
        eprintln!("SOTU corpus not found; skipping");
        return;
    };
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut g = c.benchmark_group("segment");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("segment_text", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| argdex::pipeline::segment_text(black_box(t)).len())
                .sum::<usize>()
        })
    });
    g.bench_function("unicode_sentences", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|t| black_box(t).unicode_sentences().count())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
