//! Bad input matrix: every case runs the real binary; the rest of the batch is still
//! indexed, the problem is named, exit 2 at the end, never a panic.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const GOOD: &str = "Allies must spend more on defense because the threat is growing.\n";

fn argdex(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("argdex").unwrap();
    c.current_dir(dir).env_remove("ARGDEX_INDEX");
    c
}

fn export(dir: &Path) -> Vec<Value> {
    let out = argdex(dir).args(["export", "--all"]).output().unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Ingest `in/` holding `good.txt` plus `name` with `bytes`; returns the assert and records.
fn ingest_with(name: &str, bytes: &[u8]) -> (tempfile::TempDir, assert_cmd::assert::Assert) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::write(dir.path().join("in/good.txt"), GOOD).unwrap();
    std::fs::write(dir.path().join("in").join(name), bytes).unwrap();
    let a = argdex(dir.path())
        .args(["ingest", "in"])
        .assert()
        .stderr(predicate::str::contains("panicked").not());
    (dir, a)
}

fn records_of<'a>(all: &'a [Value], name: &str) -> Vec<&'a Value> {
    all.iter()
        .filter(|r| r["path"].as_str().unwrap().ends_with(name))
        .collect()
}

/// Every record's offsets point at its text in the file.
fn assert_offsets(dir: &Path, records: &[&Value], decode: impl Fn(&[u8]) -> String) {
    for r in records {
        let bytes = std::fs::read(dir.join(r["path"].as_str().unwrap())).unwrap();
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        let span = decode(&bytes[s..e]);
        assert_eq!(
            span.split_whitespace().collect::<Vec<_>>().join(" "),
            r["text"].as_str().unwrap()
        );
    }
}

#[test]
fn empty_and_whitespace_only_files_are_skipped_with_a_note() {
    for (name, bytes) in [("empty.txt", &b""[..]), ("blank.md", &b" \n\t\r\n  "[..])] {
        let (dir, a) = ingest_with(name, bytes);
        a.code(2)
            .stderr(predicate::str::contains(name))
            .stderr(predicate::str::contains("empty"));
        assert_eq!(export(dir.path()).len(), 1);
    }
}

#[test]
fn binary_files_are_skipped() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
    let (dir, a) = ingest_with("photo.txt", png);
    a.code(2)
        .stderr(predicate::str::contains("photo.txt"))
        .stderr(predicate::str::contains("binary"));
    assert_eq!(export(dir.path()).len(), 1);
}

/// Bad bytes come first in each paragraph (a lone Latin-1 byte, then a truncated
/// three-byte sequence), so every other sentence is after them: their offsets must still
/// slice the file to their text, a multi-byte character after the bad bytes included.
/// Each bad byte reads as one `?`.
#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning() {
    let bytes = b"Caf\xe9 diplomacy will fail. Allies must pay more for defense.\n\nThe \xe2\x80 pact is weak. \xc3\x89lan matters, and China will object to the new pact.\n";
    let (dir, a) = ingest_with("latin1.txt", bytes);
    a.success()
        .stderr(predicate::str::contains("latin1.txt"))
        .stderr(predicate::str::contains("invalid UTF-8 at byte 3"));
    let all = export(dir.path());
    let recs = records_of(&all, "latin1.txt");
    let texts: Vec<&str> = recs.iter().map(|r| r["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        [
            "Caf? diplomacy will fail.",
            "Allies must pay more for defense.",
            "The ?? pact is weak.",
            "\u{c9}lan matters, and China will object to the new pact.",
        ]
    );
    // Valid spans decode as they are; the two spans holding bad bytes have only ASCII
    // besides them, so each byte >= 0x80 there is one `?`.
    assert_offsets(dir.path(), &recs, |b| match std::str::from_utf8(b) {
        Ok(s) => s.to_string(),
        Err(_) => b
            .iter()
            .map(|&c| if c < 0x80 { c as char } else { '?' })
            .collect(),
    });
}

#[test]
fn utf8_bom_keeps_file_offsets() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(b"Allies must pay more. China will object.\n");
    let (dir, a) = ingest_with("bom.txt", &bytes);
    a.success();
    let all = export(dir.path());
    let recs = records_of(&all, "bom.txt");
    assert_eq!(recs[0]["start"], 3);
    assert_offsets(dir.path(), &recs, |b| {
        String::from_utf8(b.to_vec()).unwrap()
    });
}

#[test]
fn utf16_with_bom_is_decoded() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in "Allies must pay more. China will object.\n".encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let (dir, a) = ingest_with("wide.txt", &bytes);
    a.success().stderr(predicate::str::contains("UTF-16"));
    let all = export(dir.path());
    let texts: Vec<&str> = records_of(&all, "wide.txt")
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["Allies must pay more.", "China will object."]);
}

#[test]
fn crlf_and_lone_cr_keep_offsets_exact() {
    for (name, text) in [
        (
            "crlf.txt",
            "Allies must pay more.\r\n\r\nChina will object to any such\r\ngroup.\r\n",
        ),
        (
            "cr.txt",
            "Allies must pay more.\r\rChina will object to any such\rgroup.\r",
        ),
    ] {
        let (dir, a) = ingest_with(name, text.as_bytes());
        a.success();
        let all = export(dir.path());
        let recs = records_of(&all, name);
        assert_eq!(recs.len(), 2, "{name}: {recs:?}");
        assert_eq!(recs[1]["text"], "China will object to any such group.");
        assert_offsets(dir.path(), &recs, |b| {
            String::from_utf8(b.to_vec()).unwrap()
        });
    }
}

#[test]
fn a_huge_sentence_and_a_long_line_do_not_break_ingest() {
    let mut huge = String::from("Allies must pay more. ");
    while huge.len() < 100_000 {
        huge.push_str("and the alliance grows ");
    }
    huge.push_str("forever.\n");
    let (dir, a) = ingest_with("huge.txt", huge.as_bytes());
    a.success();
    let all = export(dir.path());
    let recs = records_of(&all, "huge.txt");
    assert!(
        recs.iter()
            .any(|r| r["text"].as_str().unwrap().len() > 99_000)
    );
    // A 2 MB file without a single newline (the 50 MB case runs in scripts/stress).
    let line = "Allies should share the burden. ".repeat(65_000);
    let (dir, a) = ingest_with("oneline.txt", line.as_bytes());
    a.success();
    assert!(records_of(&export(dir.path()), "oneline.txt").len() > 60_000);
}

#[test]
fn deep_folders_many_files_and_symlink_loops() {
    let dir = tempfile::tempdir().unwrap();
    let mut deep = dir.path().join("in");
    for i in 0..60 {
        deep = deep.join(format!("d{i}"));
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::fs::write(deep.join("deep.txt"), GOOD).unwrap();
    let many = dir.path().join("in/many");
    std::fs::create_dir_all(&many).unwrap();
    for i in 0..2000 {
        std::fs::write(
            many.join(format!("f{i:04}.txt")),
            format!("Point {i}: allies must pay more.\n"),
        )
        .unwrap();
    }
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path().join("in"), many.join("loop")).unwrap();
    argdex(dir.path())
        .args(["ingest", "--quiet", "in", "does-not-exist"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "does-not-exist: no such file or directory",
        ));
    let all = export(dir.path());
    assert_eq!(all.len(), 2001);
}
