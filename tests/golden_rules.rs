//! Stage 2 (sentences), acceptance: every English Golden Rule passes through
//! `pipeline::segment_text`, the one path used by `argdex segment` and ingest.

use std::path::Path;

#[test]
fn all_golden_rules_pass() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/golden_rules_en.jsonl");
    let Ok(jsonl) = std::fs::read_to_string(&path) else {
        eprintln!("skipping: {} not found", path.display());
        return;
    };
    let (passed, total, failures) = argdex::segment::golden::score_golden(&jsonl);
    for f in &failures {
        eprintln!(
            "FAIL {}: {:?}\n  expected {:?}\n  got      {:?}",
            f.id, f.text, f.expected, f.got
        );
    }
    assert_eq!(total, 48, "unexpected number of cases");
    assert_eq!(passed, total, "{} Golden Rules fail", failures.len());
}
