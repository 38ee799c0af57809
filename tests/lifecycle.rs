//! Document identity and lifecycle: copies, renames, deletions and removals between
//! ingests leave the index exactly as a fresh ingest of the same tree would make it, with
//! unique sentence ids; the index remembers its codebook.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");

fn argdex(dir: &Path, index: &str) -> Command {
    let mut c = Command::cargo_bin("argdex").unwrap();
    c.current_dir(dir)
        .env_remove("ARGDEX_INDEX")
        .env("NO_COLOR", "1")
        .args(["--index", index]);
    c
}

fn stdout(dir: &Path, index: &str, args: &[&str]) -> String {
    let out = argdex(dir, index).args(args).output().unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn corpus_files() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(CORPUS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    v.sort();
    v
}

/// Everything the index says, in a form two indexes can be compared by: the documents
/// (paths, counts), the stats, and every exported record (sorted).
fn snapshot(dir: &Path, index: &str) -> (Value, Value, Vec<String>) {
    let mut docs: Value =
        serde_json::from_str(&stdout(dir, index, &["docs", "--format", "json"])).unwrap();
    for d in docs.as_array_mut().unwrap() {
        // The stat cache and the absolute keys differ between two copies of a tree.
        let o = d.as_object_mut().unwrap();
        o.remove("key");
        for f in o["files"].as_array_mut().unwrap() {
            let f = f.as_object_mut().unwrap();
            f.remove("key");
            f.remove("stat");
        }
    }
    let stats: Value =
        serde_json::from_str(&stdout(dir, index, &["stats", "--format", "json"])).unwrap();
    let mut export: Vec<String> = stdout(dir, index, &["export", "--all"])
        .lines()
        .map(str::to_string)
        .collect();
    export.sort();
    (docs, stats, export)
}

fn ids_are_unique(export: &[String]) {
    let ids: Vec<String> = export
        .iter()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "sentence ids collide");
}

#[test]
fn copies_renames_and_deletions_match_a_fresh_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let t = d.join("t");
    std::fs::create_dir_all(t.join("sub")).unwrap();
    let files = corpus_files();
    for (name, src) in ["a.txt", "b.txt", "c.txt"].iter().zip(&files) {
        std::fs::copy(src, t.join(name)).unwrap();
    }
    argdex(d, "ix").args(["ingest", "t"]).assert().success();

    // A copy, a rename and a deletion.
    std::fs::copy(t.join("a.txt"), t.join("sub/a-copy.txt")).unwrap();
    std::fs::rename(t.join("b.txt"), t.join("b2.txt")).unwrap();
    std::fs::remove_file(t.join("c.txt")).unwrap();
    argdex(d, "ix")
        .args(["ingest", "t"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "0 new, 0 updated, 1 unchanged, 2 renamed or copied, 2 removed",
        ))
        .stderr(predicate::str::contains("removed t/c.txt"));

    argdex(d, "fresh").args(["ingest", "t"]).assert().success();
    let got = snapshot(d, "ix");
    let want = snapshot(d, "fresh");
    assert_eq!(got.0, want.0, "docs differ from a fresh ingest");
    assert_eq!(got.1, want.1, "stats differ from a fresh ingest");
    assert_eq!(got.2, want.2, "exports differ from a fresh ingest");
    ids_are_unique(&got.2);
    // The copy is one document listed with both paths, counted once.
    let docs = got.0.as_array().unwrap();
    assert_eq!(docs.len(), 2);
    let paths: Vec<&str> = docs[0]["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["t/a.txt", "t/sub/a-copy.txt"]);
    argdex(d, "ix")
        .arg("docs")
        .assert()
        .stdout(predicate::str::contains("2 copies"))
        .stdout(predicate::str::contains("t/a.txt; t/sub/a-copy.txt"));

    // An edited file replaces only its own document.
    std::fs::write(
        t.join("b2.txt"),
        "Allies must pay more for their own defence.\n",
    )
    .unwrap();
    argdex(d, "ix")
        .args(["ingest", "t"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("0 new, 1 updated")
                .or(predicate::str::contains("1 new, 0 updated")),
        );
    let after_edit = snapshot(d, "ix");
    argdex(d, "fresh2").args(["ingest", "t"]).assert().success();
    assert_eq!(after_edit, snapshot(d, "fresh2"));
}

#[test]
fn remove_and_prune() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let t = d.join("t");
    std::fs::create_dir_all(t.join("sub")).unwrap();
    let files = corpus_files();
    std::fs::copy(&files[0], t.join("a.txt")).unwrap();
    std::fs::copy(&files[0], t.join("sub/a.txt")).unwrap();
    std::fs::copy(&files[1], t.join("sub/b.txt")).unwrap();
    std::fs::copy(&files[2], d.join("lone.txt")).unwrap();
    argdex(d, "ix")
        .args(["ingest", "t", "lone.txt"])
        .assert()
        .success();
    let count = |d: &Path| -> usize {
        let v: Value =
            serde_json::from_str(&stdout(d, "ix", &["docs", "--format", "json"])).unwrap();
        v.as_array().unwrap().len()
    };
    assert_eq!(count(d), 3);

    // Removing a folder: b goes; a stays (another file holds its content).
    argdex(d, "ix")
        .args(["remove", "t/sub"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "removed 2 file(s); 1 document(s) left the index",
        ));
    assert_eq!(count(d), 2);
    argdex(d, "ix").args(["remove", "t/sub"]).assert().code(1);

    // `remove` leaves the disk alone: an ingest of the folder would add t/sub again.
    std::fs::remove_dir_all(t.join("sub")).unwrap();
    // A file given by itself and then deleted stays until --prune.
    std::fs::remove_file(d.join("lone.txt")).unwrap();
    argdex(d, "ix").args(["ingest", "t"]).assert().success();
    assert_eq!(count(d), 2);
    argdex(d, "ix")
        .arg("docs")
        .assert()
        .stdout(predicate::str::contains("missing"));
    argdex(d, "ix")
        .args(["ingest", "--prune", "t"])
        .assert()
        .success()
        .stderr(predicate::str::contains("removed lone.txt"));
    assert_eq!(count(d), 1);
    // A file that is gone can still be removed by the path it was ingested under.
    std::fs::remove_file(t.join("a.txt")).unwrap();
    argdex(d, "ix")
        .args(["remove", "t/a.txt"])
        .assert()
        .success();
    argdex(d, "ix").arg("docs").assert().code(1);
}

#[test]
fn the_index_remembers_its_codebook() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("t")).unwrap();
    for f in corpus_files().iter().take(2) {
        std::fs::copy(f, d.join("t").join(f.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        d.join("dict.yml"),
        "burden:\n  - burden-shar*\n  - defen?e spending\nchina:\n  - beijing\n  - china\n",
    )
    .unwrap();
    let toml = argdex(d, "ix")
        .args(["codebook", "import", "dict.yml"])
        .output()
        .unwrap()
        .stdout;
    std::fs::write(d.join("mine.toml"), toml).unwrap();
    argdex(d, "ix")
        .args(["ingest", "--codebook", "mine.toml", "t"])
        .assert()
        .success();
    let themes = |d: &Path| -> Value {
        let v: Value =
            serde_json::from_str(&stdout(d, "ix", &["stats", "--format", "json"])).unwrap();
        v["themes"].clone()
    };
    assert_eq!(themes(d), serde_json::json!(["burden", "china"]));
    // Without --codebook: the same codebook, said so, nothing re-tagged.
    argdex(d, "ix")
        .args(["ingest", "t"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "using the codebook this index was built with (mine.toml)",
        ))
        .stdout(predicate::str::contains("0 new, 0 updated, 2 unchanged"));
    assert_eq!(themes(d), serde_json::json!(["burden", "china"]));
    // Even when the file is gone (the index keeps its text).
    std::fs::remove_file(d.join("mine.toml")).unwrap();
    argdex(d, "ix").args(["ingest", "t"]).assert().success();
    assert_eq!(themes(d), serde_json::json!(["burden", "china"]));
    // Switching back says so and re-tags.
    argdex(d, "ix")
        .args(["ingest", "--codebook", "builtin", "t"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "switching codebook from mine.toml",
        ))
        .stdout(predicate::str::contains("0 new, 2 updated"));
    assert_eq!(themes(d).as_array().unwrap().len(), 4);
}

#[test]
fn a_file_newly_excluded_is_removed_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let texts = dir.path().join("texts");
    std::fs::create_dir(&texts).unwrap();
    let files = corpus_files();
    for f in &files[..2] {
        std::fs::copy(f, texts.join(f.file_name().unwrap())).unwrap();
    }
    argdex(dir.path(), "ix")
        .args(["ingest", "texts"])
        .assert()
        .success();
    let first = files[0].file_name().unwrap().to_str().unwrap().to_string();
    std::fs::write(texts.join(".argdexignore"), format!("{first}\n")).unwrap();
    argdex(dir.path(), "ix")
        .args(["ingest", "texts"])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "removed texts/{first} (still on disk, but now excluded, ignored or not an article)"
        )));
    let second = files[1].file_name().unwrap().to_str().unwrap().to_string();
    std::fs::remove_file(texts.join(&second)).unwrap();
    argdex(dir.path(), "ix")
        .args(["ingest", "texts"])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "removed texts/{second} (no longer on disk)"
        )));
}
