//! The performance floor for `argdex ingest` (see BENCHMARKS.md): bare tantivy 0.27 with one
//! document per `unicode_sentences()` sentence, `en_stem` text (stored) and the path, two
//! indexing threads, a 256 MB heap and one commit. Nothing else: no metadata, no rules.
//!
//! `cargo run --release --example floor -- DIR INDEX_DIR`

use std::path::{Path, PathBuf};
use std::time::Instant;

use tantivy::schema::{STORED, STRING, Schema, TextFieldIndexing, TextOptions};
use tantivy::{Index, doc};
use unicode_segmentation::UnicodeSegmentation;

fn files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(src), Some(dst)) = (args.get(1), args.get(2)) else {
        anyhow::bail!("usage: floor DIR INDEX_DIR");
    };
    let start = Instant::now();
    let mut schema = Schema::builder();
    let text = schema.add_text_field(
        "text",
        TextOptions::default()
            .set_indexing_options(TextFieldIndexing::default().set_tokenizer("en_stem"))
            .set_stored(),
    );
    let path = schema.add_text_field("path", STRING | STORED);
    std::fs::create_dir_all(dst)?;
    let index = Index::create_in_dir(dst, schema.build())?;
    let writer = index.writer_with_num_threads(2, 256_000_000)?;
    let mut list = Vec::new();
    files(Path::new(src), &mut list)?;
    let mut bytes = 0usize;
    let mut sentences = 0usize;
    for p in &list {
        let body = std::fs::read_to_string(p)?;
        bytes += body.len();
        let label = p.display().to_string();
        for s in body.unicode_sentences() {
            writer.add_document(doc!(text => s, path => label.as_str()))?;
            sentences += 1;
        }
    }
    let mut writer = writer;
    writer.commit()?;
    writer.wait_merging_threads()?;
    let secs = start.elapsed().as_secs_f64();
    println!(
        "floor: {} files, {:.1} MB, {sentences} sentences, {secs:.2} s, {:.2} MB/s",
        list.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
    Ok(())
}
