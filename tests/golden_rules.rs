//! Stage 2 (sentences), acceptance: every English Golden Rule passes through
//! `pipeline::segment_text`, the one path used by `argdex segment` and ingest.
//! The rules live in `../shared/eval`; without them the test fails under `CI=true` and
//! otherwise prints a loud notice and passes.

mod common;

use common::shared_eval;

#[test]
fn all_golden_rules_pass() {
    let Some(jsonl) = shared_eval("golden_rules_en.jsonl") else {
        return;
    };
    let (passed, total, failures) = argdex::eval::golden::score_golden(&jsonl);
    for f in &failures {
        eprintln!(
            "FAIL {}: {:?}\n  expected {:?}\n  got      {:?}",
            f.id, f.text, f.expected, f.got
        );
    }
    assert_eq!(total, 48, "unexpected number of cases");
    assert_eq!(passed, total, "{} Golden Rules fail", failures.len());
}
