//! Integration tests of `argdex codebook fit` (stage 3, calibration): a small synthetic
//! codebook, texts and gold file in a temp dir. The fit must improve agreement, write a
//! codebook that `codebook check` accepts with its comments kept, and report bad gold lines
//! as `FILE:LINE: problem` (exit 2).

use std::path::Path;

use assert_cmd::Command;

/// A codebook whose numbers are off: the reporting frame is too weak to outweigh a modal,
/// and the `cost` rule (cost of living, not of the alliance) counts as much as `pay`.
const CODEBOOK: &str = r#"# A small codebook for the fit tests.
[[themes]]
id = "money"
label = "Money"
[[themes.rules]]
id = "pay"
patterns = ["pay(?:s|ing)?", "spend(?:s|ing)?"]
[[themes.rules]]
id = "cost"
patterns = ["costs?"]
weight = 1.0  # hand-set, too high

[claims]
threshold = 0.5
[claims.cues.modal]
weight = 1.0
patterns = ["should", "must"]
[claims.cues.frame]
weight = -0.1 # reporting frame
patterns = ["reportedly", "allegedly"]
"#;

/// Sentences of one synthetic document: (text, claim label, required themes).
const SENTENCES: &[(&str, &str, &[&str])] = &[
    (
        "Allies should pay more for their defence.",
        "claim",
        &["money"],
    ),
    (
        "Allies reportedly should pay more.",
        "not-claim",
        &["money"],
    ),
    ("Japan must spend more on its navy.", "claim", &["money"]),
    ("Seoul allegedly must spend more.", "not-claim", &["money"]),
    (
        "The cost of rail passes rose again in March.",
        "not-claim",
        &[],
    ),
    ("The cost of housing worried voters.", "not-claim", &[]),
    ("Partners should meet every year.", "claim", &[]),
    ("The summit took place in Tokyo.", "not-claim", &[]),
];

fn argdex() -> Command {
    Command::cargo_bin("argdex").unwrap()
}

/// Write `docs` documents into `dir/texts` (or `texts_dir`), the codebook and the gold file.
fn sample(dir: &Path, gold_name: &str, texts_dir: &str, docs: usize) -> String {
    let texts = dir.join(texts_dir);
    std::fs::create_dir_all(&texts).unwrap();
    std::fs::write(dir.join("cb.toml"), CODEBOOK).unwrap();
    let mut gold = String::new();
    for d in 0..docs {
        let name = format!("doc{d}.txt");
        let mut body = String::new();
        for (i, (text, claim, themes)) in SENTENCES.iter().enumerate() {
            body.push_str(text);
            body.push_str(if i % 2 == 1 { "\n\n" } else { " " });
            let line = serde_json::json!({
                "doc": name, "text": text, "claim": claim,
                "themes_required": themes, "themes_allowed": [],
            });
            gold.push_str(&line.to_string());
            gold.push('\n');
        }
        std::fs::write(texts.join(&name), body).unwrap();
    }
    std::fs::write(dir.join(gold_name), &gold).unwrap();
    gold
}

/// The (before, cross-validated, in-sample) figures of a table row.
fn row(stdout: &str, label: &str) -> (f64, f64, f64) {
    let line = stdout
        .lines()
        .find(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("no row {label:?} in\n{stdout}"));
    let v: Vec<f64> = line[label.len()..]
        .split_whitespace()
        .map(|x| x.parse().unwrap())
        .collect();
    (v[0], v[1], v[2])
}

#[test]
fn fit_improves_agreement_and_writes_a_codebook_check_accepts() {
    let dir = tempfile::tempdir().unwrap();
    sample(dir.path(), "gold.jsonl", "texts", 4);
    let out = argdex()
        .current_dir(dir.path())
        .env("SOURCE_DATE_EPOCH", "1764547200")
        .args(["codebook", "fit", "gold.jsonl", "--texts", "texts"])
        .args(["--codebook", "cb.toml", "-o", "fitted.toml", "--folds", "2"])
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(!stderr.contains("match no sentence"), "{stderr}");
    let kappa = row(&stdout, "claims kappa");
    let money = row(&stdout, "money F1");
    assert!(
        kappa.0 < 0.9 && money.0 < 0.9,
        "the sample must need a fit:\n{stdout}"
    );
    assert!(kappa.1 > kappa.0 && kappa.2 > kappa.0, "{stdout}");
    assert!(money.1 > money.0 && money.2 > money.0, "{stdout}");
    assert!(stdout.contains("2-fold CV"), "{stdout}");

    let fitted = std::fs::read_to_string(dir.path().join("fitted.toml")).unwrap();
    assert!(
        fitted.starts_with(
            "# fit: weights and thresholds fitted by `argdex codebook fit` on 2025-12-01"
        ),
        "{fitted}"
    );
    assert!(
        fitted.contains("# fit: gold: gold.jsonl (32 body lines, 4 documents)"),
        "{fitted}"
    );
    assert!(
        fitted.contains("# A small codebook for the fit tests."),
        "{fitted}"
    );
    assert!(fitted.contains("# hand-set, too high"), "{fitted}");
    assert!(fitted.contains("# reporting frame"), "{fitted}");
    argdex()
        .current_dir(dir.path())
        .args(["codebook", "check", "fitted.toml"])
        .assert()
        .success();
    let cb = argdex::codebook::Codebook::from_toml(&fitted, "fitted.toml").unwrap();
    let money = &cb.themes[0];
    let (pay, cost) = (money.rules[0].weight, money.rules[1].weight);
    assert!(pay >= money.threshold && cost < money.threshold, "{fitted}");
    // Same patterns, only numbers changed: without the number lines, the sources are equal.
    let numbers = |l: &&str| !l.starts_with("weight") && !l.starts_with("threshold");
    let kept: Vec<&str> = fitted
        .lines()
        .filter(|l| !l.starts_with("# fit: "))
        .filter(numbers)
        .collect();
    assert_eq!(kept, CODEBOOK.lines().filter(numbers).collect::<Vec<_>>());
    // An existing output needs --force.
    argdex()
        .current_dir(dir.path())
        .args(["codebook", "fit", "gold.jsonl", "--texts", "texts"])
        .args(["--codebook", "cb.toml", "-o", "fitted.toml"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--force"));
}

#[test]
fn texts_folder_from_the_gold_name_or_gold_eq_dir() {
    let dir = tempfile::tempdir().unwrap();
    sample(dir.path(), "sample-gold.jsonl", "sample", 2);
    // sample-gold.jsonl → sample/
    argdex()
        .current_dir(dir.path())
        .args([
            "codebook",
            "fit",
            "sample-gold.jsonl",
            "--codebook",
            "cb.toml",
        ])
        .assert()
        .success()
        .stdout(predicates::str::contains("claims kappa"));
    // GOLD=DIR for a folder with another name; toml on stdout, figures on stderr
    std::fs::rename(dir.path().join("sample"), dir.path().join("elsewhere")).unwrap();
    let out = argdex()
        .current_dir(dir.path())
        .args([
            "codebook",
            "fit",
            "sample-gold.jsonl=elsewhere",
            "--codebook",
            "cb.toml",
        ])
        .args(["-o", "-"])
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.starts_with("# fit: "), "{stdout}");
    assert!(argdex::codebook::Codebook::from_toml(&stdout, "stdout").is_ok());
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("claims kappa"), "{stderr}");
}

#[test]
fn bad_gold_lines_are_reported_as_file_line() {
    let dir = tempfile::tempdir().unwrap();
    let gold = sample(dir.path(), "gold.jsonl", "texts", 2);
    let mut lines: Vec<String> = gold.lines().map(String::from).collect();
    lines[1] = "{\"doc\": \"doc0.txt\", \"text\": ".into();
    lines[2] = r#"{"doc": "doc0.txt", "text": "Japan must spend more on its navy."}"#.into();
    lines[3] = r#"{"doc": "doc0.txt", "text": "x", "claim": "maybe"}"#.into();
    lines[4] = r#"{"doc": "gone.txt", "text": "x", "claim": "claim"}"#.into();
    lines[5] = r#"{"doc": "doc0.txt", "text": "The cost of housing worried voters.", "claim": "not-claim", "themes_required": ["nope"]}"#.into();
    std::fs::write(dir.path().join("gold.jsonl"), lines.join("\n")).unwrap();
    let out = argdex()
        .current_dir(dir.path())
        .args([
            "codebook",
            "fit",
            "gold.jsonl",
            "--texts",
            "texts",
            "--codebook",
            "cb.toml",
        ])
        .args(["-o", "fitted.toml"])
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    for want in [
        "gold.jsonl:2: not a gold line",
        "gold.jsonl:3: not a gold line (missing field `claim`)",
        "gold.jsonl:4: claim is \"maybe\"",
        "gold.jsonl:5: no text for doc gone.txt in texts",
        "warning: gold.jsonl:6: unknown theme \"nope\"",
        "4 problem(s)",
    ] {
        assert!(stderr.contains(want), "missing {want:?} in\n{stderr}");
    }
    assert!(!dir.path().join("fitted.toml").exists());
}

#[test]
fn unmatched_gold_lines_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut gold = sample(dir.path(), "gold.jsonl", "texts", 2);
    gold.push_str(
        r#"{"doc": "doc1.txt", "text": "A sentence that is in no text at all.", "claim": "claim"}"#,
    );
    std::fs::write(dir.path().join("gold.jsonl"), gold).unwrap();
    argdex()
        .current_dir(dir.path())
        .args([
            "codebook",
            "fit",
            "gold.jsonl",
            "--texts",
            "texts",
            "--codebook",
            "cb.toml",
        ])
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "gold.jsonl:17: no sentence matches",
        ))
        .stderr(predicates::str::contains(
            "1 of 17 gold body line(s) match no sentence",
        ));
}
