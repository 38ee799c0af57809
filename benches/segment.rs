//! Criterion bench for stage 2 (sentences): `pipeline::segment_text` vs plain
//! `unicode_sentences()` on the first ~1 MB of the SOTU corpus (read at bench time; the
//! bench does nothing if `../shared/bench/sotu` is missing).
//!
//! `cargo bench --bench segment`

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use unicode_segmentation::UnicodeSegmentation;

mod common;

fn bench(c: &mut Criterion) {
    let texts: Vec<String> = common::sotu().into_iter().map(|(_, t)| t).collect();
    if texts.is_empty() {
        return;
    }
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
