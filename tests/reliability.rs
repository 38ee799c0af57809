//! Reliability: the index survives locks, interruptions (kill -9) and damaged metadata.

use std::path::Path;
use std::process::{Command as StdCommand, Stdio};
use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;

fn argdex(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("argdex").unwrap();
    c.current_dir(dir).env_remove("ARGDEX_INDEX");
    c
}

/// A corpus of `n` small but distinct commentaries.
fn corpus(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir.join("in")).unwrap();
    let seeds: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    for i in 0..n {
        let text = format!(
            "{}\n\nThis is variant number {i}, and allies must pay more.\n",
            seeds[i % seeds.len()]
        );
        std::fs::write(dir.join(format!("in/doc{i:04}.txt")), text).unwrap();
    }
}

fn export(dir: &Path) -> String {
    let out = argdex(dir).args(["export", "--all"]).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn second_writer_fails_fast_and_readers_still_work() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), 3);
    argdex(dir.path()).args(["ingest", "in"]).assert().success();
    let cb = argdex::codebook::Codebook::builtin();
    let opts = argdex::index::writer::Options {
        rebuild: false,
        heap_bytes: 20_000_000,
        threads: 1,
        wait: false,
    };
    let held = argdex::index::writer::Writer::open(
        &dir.path().join(".argdex"),
        cb.fingerprint(),
        cb.theme_ids(),
        &opts,
    )
    .unwrap();
    argdex(dir.path())
        .args(["ingest", "in"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "index locked by another argdex process",
        ));
    argdex(dir.path())
        .args(["query", "--all", "allies"])
        .assert()
        .success();
    argdex(dir.path()).args(["export"]).assert().success();
    drop(held);
    argdex(dir.path()).args(["ingest", "in"]).assert().success();
}

#[test]
fn corrupted_or_incompatible_index_gives_clear_errors_and_rebuild_recovers() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), 2);
    argdex(dir.path()).args(["ingest", "in"]).assert().success();
    let before = export(dir.path());
    let meta = dir.path().join(".argdex/argdex.json");
    let good = std::fs::read_to_string(&meta).unwrap();

    std::fs::write(
        &meta,
        good.replace("\"schema_version\": 1", "\"schema_version\": 999"),
    )
    .unwrap();
    argdex(dir.path())
        .args(["query", "--all"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("incompatible"))
        .stderr(predicate::str::contains("--rebuild"));
    argdex(dir.path())
        .args(["ingest", "in"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("incompatible"));
    argdex(dir.path())
        .args(["ingest", "--rebuild", "in"])
        .assert()
        .success();
    assert_eq!(export(dir.path()), before);

    std::fs::write(dir.path().join(".argdex/meta.json"), "{ not json").unwrap();
    argdex(dir.path())
        .args(["query", "--all"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("panicked").not())
        .stderr(predicate::str::contains(".argdex"));
    argdex(dir.path())
        .args(["ingest", "--rebuild", "in"])
        .assert()
        .success();
    assert_eq!(export(dir.path()), before);
}

#[test]
fn refuses_to_write_into_a_folder_that_is_not_an_index() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), 1);
    std::fs::create_dir(dir.path().join("precious")).unwrap();
    std::fs::write(dir.path().join("precious/thesis.docx"), "mine").unwrap();
    argdex(dir.path())
        .args(["--index", "precious", "ingest", "in"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not an argdex index"));
    assert!(dir.path().join("precious/thesis.docx").exists());
}

#[test]
fn kill_9_during_ingest_never_corrupts_the_index() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), 60);
    // Reference: a clean ingest of the same files elsewhere.
    let clean = tempfile::tempdir().unwrap();
    corpus(clean.path(), 60);
    argdex(clean.path())
        .args(["ingest", "in"])
        .assert()
        .success();
    let want = export(clean.path()).replace(&clean.path().display().to_string(), "");

    let bin = assert_cmd::cargo::cargo_bin("argdex");
    let mut killed = 0;
    for i in 0..20u64 {
        // Touch some files so that later runs have work to do too.
        if i % 4 == 3 {
            let p = dir.path().join(format!("in/doc{:04}.txt", i));
            let t = std::fs::read_to_string(&p).unwrap();
            std::fs::write(
                &p,
                format!("{t}\nEdited in round {i}: allies should spend more.\n"),
            )
            .unwrap();
            std::fs::write(&p, t).unwrap();
        }
        let mut child = StdCommand::new(&bin)
            .current_dir(dir.path())
            .args(["ingest", "--quiet", "in"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(15 + (i * 37) % 400));
        if child.try_wait().unwrap().is_none() {
            killed += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        // The index opens after every kill (or does not exist yet).
        if dir.path().join(".argdex/meta.json").exists() {
            argdex(dir.path())
                .args(["query", "--all", "--limit", "1"])
                .assert()
                .code(predicate::in_iter([0, 1]))
                .stderr(predicate::str::contains("panicked").not());
        }
    }
    assert!(
        killed > 0,
        "no ingest was interrupted; the test proves nothing"
    );
    argdex(dir.path()).args(["ingest", "in"]).assert().success();
    let got = export(dir.path()).replace(&dir.path().display().to_string(), "");
    assert_eq!(got.lines().count(), want.lines().count());
    assert_eq!(
        got, want,
        "after kills and a final ingest, the export equals a clean ingest"
    );
}
