//! Voice and speaker end to end: a news-style text with direct quotations, indirect
//! speech and the author's own sentences, ingested by the real binary and exported.

use assert_cmd::Command;
use serde_json::Value;

const NEWS: &str = "\
---
genre: opinion
---
Allies weigh the cost of the alliance

By Jane Reporter

Foreign Minister Frances Adamson met her Japanese counterpart in Tokyo on Monday.

“We cannot carry this burden alone. Our partners must pay their share,” Ms Adamson told reporters.

She added that Canberra would raise its defence budget next year.

According to the ministry, the talks will continue in March.

Allies should stop pretending that the Quad is an alliance.
";

fn export(dir: &std::path::Path) -> Vec<Value> {
    let out = Command::cargo_bin("argdex")
        .unwrap()
        .current_dir(dir)
        .args(["export", "--all", "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn find<'a>(recs: &'a [Value], words: &str) -> &'a Value {
    recs.iter()
        .find(|r| r["text"].as_str().unwrap().contains(words))
        .unwrap_or_else(|| panic!("no record with {words:?}"))
}

#[test]
fn quoted_and_reported_positions_keep_their_speaker_and_are_not_claims() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("news.txt"), NEWS).unwrap();
    Command::cargo_bin("argdex")
        .unwrap()
        .current_dir(dir.path())
        .args(["ingest", "-q", "news.txt"])
        .assert()
        .success();
    let recs = export(dir.path());

    // A quotation over two sentences: both quoted, both attributed to the full name.
    for words in ["cannot carry this burden", "must pay their share"] {
        let r = find(&recs, words);
        assert_eq!(r["voice"], "quoted", "{r}");
        assert_eq!(r["speaker"], "Frances Adamson", "{r}");
        assert_eq!(r["is_claim"], false, "{r}");
    }
    // The quoted words keep their themes: they stay searchable by theme and speaker.
    let quoted = find(&recs, "cannot carry this burden");
    assert!(
        quoted["themes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "burden-sharing"),
        "{quoted}"
    );
    // Indirect speech with a pronoun subject resolves to the last named person.
    let added = find(&recs, "She added");
    assert_eq!(added["voice"], "reported");
    assert_eq!(added["speaker"], "Frances Adamson");
    assert_eq!(added["is_claim"], false);
    let according = find(&recs, "According to the ministry");
    assert_eq!(according["voice"], "reported");
    assert_eq!(according["speaker"], "the ministry");
    // The author's own prescription is a claim with no speaker.
    let own = find(&recs, "should stop pretending");
    assert_eq!(own["voice"], "author");
    assert!(own["speaker"].is_null());
    assert_eq!(own["is_claim"], true);
}

#[test]
fn a_theme_carries_to_a_sentence_that_continues_its_topic() {
    let dir = tempfile::tempdir().unwrap();
    let text = "A title\n\nBy Ann Author\n\nSeoul was asked to pay five times more for hosting American troops. This demand stunned officials in Seoul.\n";
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    Command::cargo_bin("argdex")
        .unwrap()
        .current_dir(dir.path())
        .args(["ingest", "-q", "a.txt"])
        .assert()
        .success();
    let recs = export(dir.path());
    let first = find(&recs, "five times more");
    let next = find(&recs, "This demand");
    assert!(
        next["themes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "burden-sharing")
    );
    let ev = next["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["rule"] == "context:burden-sharing")
        .expect("context evidence");
    assert_eq!(ev["from"], first["sentence"]);
    assert_eq!(ev["match"], "This demand");
}
