//! Development aid: run the pipeline (no index) over files and print one JSON record per
//! body sentence, in the same shape as `argdex export --all --format jsonl`.
//!
//! `cargo run --example dump -- corpus/*.txt > e.jsonl`

use std::path::Path;

fn main() -> anyhow::Result<()> {
    let codebook = argdex::codebook::Codebook::builtin();
    for arg in std::env::args().skip(1) {
        let path = Path::new(&arg);
        let bytes = std::fs::read(path)?;
        let doc = argdex::document::load(path, &arg)?;
        let id = argdex::pipeline::content_id(&bytes);
        for r in argdex::pipeline::analyze(&doc, &id, &codebook) {
            println!("{}", serde_json::to_string(&r)?);
        }
    }
    Ok(())
}
