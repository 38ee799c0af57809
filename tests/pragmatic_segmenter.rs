//! Stage 2 (sentences), acceptance: the English spec of pragmatic_segmenter (151 cases in
//! `../shared/eval/pragmatic_segmenter_en.jsonl`) through `pipeline::segment_text`. Prints
//! every failure and holds a floor two below the measured count (143/151 when written), so
//! a regression shows while a deliberate trade-off stays possible. Without the file the test
//! fails under `CI=true` and otherwise prints a loud notice and passes.

mod common;

use common::shared_eval;

/// Passed cases required: measured 143/151, minus 2.
const FLOOR: usize = 141;

#[test]
fn pragmatic_segmenter_spec_holds_its_floor() {
    let Some(jsonl) = shared_eval("pragmatic_segmenter_en.jsonl") else {
        return;
    };
    let (passed, total, failures) = argdex::eval::golden::score_golden(&jsonl);
    for f in &failures {
        eprintln!(
            "FAIL {}: {:?}\n  expected {:?}\n  got      {:?}",
            f.id, f.text, f.expected, f.got
        );
    }
    eprintln!("pragmatic_segmenter spec: {passed}/{total}");
    assert_eq!(total, 151, "unexpected number of cases");
    assert!(
        passed >= FLOOR,
        "{passed}/{total} is below the floor {FLOOR}"
    );
}
