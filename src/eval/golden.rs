//! Evaluation of stage 2 (sentences): scores the whole segmentation path
//! (`pipeline::segment_text`) against a Golden Rules file — JSON lines of
//! `{"id", "text", "expected": [...]}`. Shared by `examples/golden.rs`,
//! `tests/golden_rules.rs` and `tests/pragmatic_segmenter.rs`.
//!
//! Sentences are compared as records hold them: whitespace runs collapsed to one space
//! (`segment::collapse_ws`) on both sides. The pragmatic_segmenter spec's expected sentences
//! equal its input only up to whitespace (`Git rid of   unnecessary white space.`,
//! `cold \nnight`), and whitespace never moves a boundary.

use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Case {
    id: serde_json::Value,
    text: String,
    expected: Vec<String>,
}

/// One failed case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub id: String,
    pub text: String,
    pub expected: Vec<String>,
    pub got: Vec<String>,
}

/// Sentences of `text` as the pipeline cuts them, whitespace runs collapsed.
pub fn sentences(text: &str) -> Vec<String> {
    crate::pipeline::segment_text(text)
        .into_iter()
        .map(|s| s.text)
        .collect()
}

/// Score a Golden Rules JSONL document: `(passed, total, failures)`. Blank lines are
/// skipped; a line that does not parse counts as a failure with an empty `expected`.
pub fn score_golden(jsonl: &str) -> (usize, usize, Vec<Failure>) {
    let mut total = 0;
    let mut failures = Vec::new();
    for (n, line) in jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        total += 1;
        match serde_json::from_str::<Case>(line) {
            Ok(case) => {
                let got = sentences(&case.text);
                let expected: Vec<String> = case
                    .expected
                    .iter()
                    .map(|s| crate::segment::collapse_ws(s))
                    .collect();
                if got != expected {
                    let id = match case.id {
                        serde_json::Value::String(s) => s,
                        v => v.to_string(),
                    };
                    failures.push(Failure {
                        id,
                        text: case.text,
                        expected,
                        got,
                    });
                }
            }
            Err(e) => failures.push(Failure {
                id: format!("line {}", n + 1),
                text: format!("unparsable: {e}"),
                expected: Vec::new(),
                got: Vec::new(),
            }),
        }
    }
    (total - failures.len(), total, failures)
}
