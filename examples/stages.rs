//! Where ingest spends its time, stage by stage, single-threaded: read + document parsing
//! (metadata, boilerplate, paragraphs), segmentation, claim detection alone, and the whole
//! of stage 3 (`Codebook::tag_paragraph`: themes, actors and claims), voice attribution,
//! and `pipeline::analyze` (stages 2-3 with voice and the records). Prints µs per
//! sentence and MB/s per stage (median of 5 runs) so a change to one stage can be measured
//! without the noise of the index writer. Codebook compile time is printed separately.
//!
//! `cargo run --release --example stages -- [DIR] [CODEBOOK.toml]`
//! (DIR defaults to `../shared/bench/sotu`)

use std::hint::black_box;
use std::path::Path;
use std::time::Instant;

use argdex::codebook::Codebook;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .unwrap_or_else(|| "../shared/bench/sotu".to_string());
    let t0 = Instant::now();
    let cb = match args.next() {
        Some(p) => Codebook::load(Path::new(&p))?,
        None => Codebook::builtin(),
    };
    println!(
        "codebook compile: {:.0} ms",
        t0.elapsed().as_secs_f64() * 1e3
    );

    let mut paths: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    let bytes: usize = paths
        .iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len() as usize)
        .sum();
    let docs: Vec<_> = paths
        .iter()
        .filter_map(|p| argdex::document::load(p, &p.display().to_string()).ok())
        .collect();
    let sents: Vec<Vec<argdex::pipeline::Sentence>> = docs
        .iter()
        .map(|d| argdex::pipeline::sentences_of(&d.text, &d.body))
        .collect();
    let n: usize = sents.iter().map(Vec::len).sum();
    // Paragraphs as lists of sentence texts, as `pipeline::analyze` groups them.
    let paras: Vec<Vec<&str>> = sents
        .iter()
        .flat_map(|ss| argdex::pipeline::paragraphs(ss))
        .map(|p| p.iter().map(|s| s.text.as_str()).collect())
        .collect();

    let mut rows: Vec<(&str, Vec<f64>)> = vec![
        ("read + document", vec![]),
        ("segment", vec![]),
        ("claims only", vec![]),
        ("tag_paragraph (all of stage 3)", vec![]),
        ("voice (attribution)", vec![]),
        ("pipeline::analyze (2-3, records)", vec![]),
    ];
    for _ in 0..5 {
        let t = Instant::now();
        for p in &paths {
            black_box(argdex::document::load(p, "x").ok());
        }
        rows[0].1.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for d in &docs {
            black_box(argdex::pipeline::sentences_of(&d.text, &d.body));
        }
        rows[1].1.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for p in &paras {
            for s in p {
                black_box(cb.claims.detect(s));
            }
        }
        rows[2].1.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for p in &paras {
            black_box(cb.tag_paragraph(p));
        }
        rows[3].1.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for ss in &sents {
            let lines: Vec<argdex::voice::Line> = ss
                .iter()
                .map(|s| argdex::voice::Line {
                    text: &s.text,
                    paragraph: s.paragraph,
                    label: None,
                })
                .collect();
            black_box(argdex::voice::attribute(&lines));
        }
        rows[4].1.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        for d in &docs {
            black_box(argdex::pipeline::analyze(d, "x", &cb));
        }
        rows[5].1.push(t.elapsed().as_secs_f64());
    }
    println!(
        "{} files, {:.1} MB, {n} sentences, {} paragraphs",
        paths.len(),
        bytes as f64 / 1e6,
        paras.len()
    );
    for (name, times) in rows {
        println!(
            "{name:<32} first run {:>8.2} µs/sentence",
            times[0] * 1e6 / n.max(1) as f64
        );
        let s = median(times);
        println!(
            "{name:<32} {:>8.2} µs/sentence {:>8.1} MB/s",
            s * 1e6 / n.max(1) as f64,
            bytes as f64 / 1e6 / s
        );
    }
    Ok(())
}
