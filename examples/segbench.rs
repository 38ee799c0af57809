//! Speed check for stage 2 (sentences): `pipeline::segment_text` (layout + sentences, the
//! path ingest uses) against plain `unicode_segmentation` `unicode_sentences()` over the
//! same texts, single-threaded. Prints MB/s (median of 7 alternating runs) and the ratio.
//!
//! `cargo run --release --example segbench -- [DIR]` (default `../shared/bench/sotu`)

use std::hint::black_box;
use std::time::Instant;

use unicode_segmentation::UnicodeSegmentation;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() -> anyhow::Result<()> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/bench/sotu".to_string());
    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    let texts: Vec<String> = paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    println!("{} files, {:.2} MB", texts.len(), mb);

    let (mut ours, mut floor) = (Vec::new(), Vec::new());
    let (mut n_ours, mut n_floor) = (0, 0);
    for _ in 0..7 {
        let t = Instant::now();
        n_ours = texts
            .iter()
            .map(|s| black_box(argdex::pipeline::segment_text(s)).len())
            .sum::<usize>();
        ours.push(mb / t.elapsed().as_secs_f64());

        let t = Instant::now();
        n_floor = texts
            .iter()
            .map(|s| black_box(s.unicode_sentences().count()))
            .sum::<usize>();
        floor.push(mb / t.elapsed().as_secs_f64());
    }
    let (o, f) = (median(ours), median(floor));
    println!("ours  segment_text       {o:8.1} MB/s  ({n_ours} sentences)");
    println!("floor unicode_sentences  {f:8.1} MB/s  ({n_floor} sentences)");
    println!("ratio ours/floor         {:8.2}", o / f);
    Ok(())
}
