//! Stage 2 (sentences), evaluation: scores the whole segmentation path
//! (`pipeline::segment_text`) against a Golden Rules file — JSON lines of
//! `{"id", "text", "expected": [...]}`. Shared by `examples/golden.rs` and
//! `tests/golden_rules.rs`.

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

/// Sentences of `text` as the pipeline cuts them, stripped.
pub fn sentences(text: &str) -> Vec<String> {
    crate::pipeline::segment_text(text)
        .into_iter()
        .map(|s| text[s.start..s.end].trim().to_string())
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
                let expected: Vec<String> =
                    case.expected.iter().map(|s| s.trim().to_string()).collect();
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
