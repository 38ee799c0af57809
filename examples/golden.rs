//! Evaluation aid for stage 2 (sentences): score any Golden Rules JSONL file through
//! `pipeline::segment_text` and print each failure, then `passed/total`.
//!
//! `cargo run --example golden -- ../shared/eval/golden_rules_en.jsonl`

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/eval/golden_rules_en.jsonl".to_string());
    let jsonl = std::fs::read_to_string(&path)?;
    let (passed, total, failures) = argdex::eval::golden::score_golden(&jsonl);
    for f in &failures {
        println!("FAIL {}: {}", f.id, f.text);
        println!("  expected: {:?}", f.expected);
        println!("  got:      {:?}", f.got);
    }
    println!("{passed}/{total}");
    Ok(())
}
