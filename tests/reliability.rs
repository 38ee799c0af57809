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
        good.replace(
            &format!(
                "\"schema_version\": {}",
                argdex::index::schema::SCHEMA_VERSION
            ),
            "\"schema_version\": 999",
        ),
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

/// An ingest killed while it created the index leaves argdex's own file first
/// (`argdex.json`, through `argdex.json.tmp`), then tantivy's: whatever point the kill
/// came at, the next ingest completes that index instead of refusing the folder.
#[test]
fn an_index_whose_creation_was_interrupted_is_completed() {
    let clean = tempfile::tempdir().unwrap();
    corpus(clean.path(), 2);
    argdex(clean.path())
        .args(["ingest", "in"])
        .assert()
        .success();
    let want = export(clean.path()).replace(&clean.path().display().to_string(), "");
    // What a kill at each step of the creation leaves.
    let states: [(&str, &[&str]); 3] = [
        ("killed while writing argdex.json", &["argdex.json.tmp"]),
        ("killed before tantivy wrote a file", &["argdex.json"]),
        (
            "killed before tantivy wrote meta.json",
            &["argdex.json", ".managed.json"],
        ),
    ];
    for (when, files) in states {
        let dir = tempfile::tempdir().unwrap();
        corpus(dir.path(), 2);
        let index = dir.path().join(".argdex");
        std::fs::create_dir(&index).unwrap();
        for f in files {
            let from = clean
                .path()
                .join(".argdex")
                .join(f.trim_end_matches(".tmp"));
            std::fs::copy(&from, index.join(f)).unwrap();
        }
        argdex(dir.path())
            .args(["ingest", "in"])
            .assert()
            .success()
            .stderr(predicate::str::contains("not an argdex index").not());
        let got = export(dir.path()).replace(&dir.path().display().to_string(), "");
        assert_eq!(got, want, "{when}");
    }
}

#[test]
fn readers_keep_working_while_an_ingest_runs() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), 3);
    argdex(dir.path()).args(["ingest", "in"]).assert().success();
    let before = export(dir.path());
    // A bigger second batch, so the ingest is still running while readers ask.
    corpus(dir.path(), 400);
    let bin = assert_cmd::cargo::cargo_bin("argdex");
    let mut child = StdCommand::new(&bin)
        .current_dir(dir.path())
        .args(["ingest", "--quiet", "in"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut overlapped = 0;
    while child.try_wait().unwrap().is_none() {
        argdex(dir.path())
            .args(["query", "allies", "--limit", "3"])
            .assert()
            .success();
        argdex(dir.path()).args(["stats"]).assert().success();
        if child.try_wait().unwrap().is_none() {
            overlapped += 1;
            // Until the ingest commits, readers see the last commit.
            let now = export(dir.path());
            if child.try_wait().unwrap().is_none() {
                assert!(now.lines().count() >= before.lines().count());
            }
        }
    }
    assert!(child.wait().unwrap().success());
    assert!(
        overlapped > 0,
        "the ingest ended before any reader ran; the test proves nothing"
    );
    assert!(export(dir.path()).lines().count() > before.lines().count());
}

#[test]
fn kill_9_during_ingest_never_corrupts_the_index() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), 60);
    // Rounds that really edit a file (the edit stays), so later runs re-index it.
    let edit = |root: &Path, i: u64| {
        let p = root.join(format!("in/doc{i:04}.txt"));
        let t = std::fs::read_to_string(&p).unwrap();
        std::fs::write(
            &p,
            format!("{t}\nEdited in round {i}: allies should spend more.\n"),
        )
        .unwrap();
    };
    // Reference: a clean ingest of the same files, with the same edits, elsewhere.
    let clean = tempfile::tempdir().unwrap();
    corpus(clean.path(), 60);
    for i in (0..20u64).filter(|i| i % 4 == 3) {
        edit(clean.path(), i);
    }
    argdex(clean.path())
        .args(["ingest", "in"])
        .assert()
        .success();
    let want = export(clean.path()).replace(&clean.path().display().to_string(), "");
    assert!(want.contains("Edited in round 7"));

    let bin = assert_cmd::cargo::cargo_bin("argdex");
    let mut killed = 0;
    for i in 0..20u64 {
        // Edit some files so that later runs have work to do too.
        if i % 4 == 3 {
            edit(dir.path(), i);
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

/// Disk full and a read-only index directory, on a real (small) file system: a tmpfs
/// mounted inside a user + mount namespace (`unshare -Urm`), so no root is needed and
/// nothing outside the test sees it. A failed ingest exits 2 with a plain cause, commits
/// nothing, and leaves the last commit readable; the same ingest succeeds once there is
/// space; a read-only index can still be queried. Where user namespaces are disabled,
/// the test says so and checks nothing (the machine cannot make a small file system).
#[test]
fn disk_full_and_read_only_index_directory() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), 5);
    std::fs::create_dir_all(dir.path().join("more")).unwrap();
    for i in 0..40 {
        let body = (0..60)
            .map(|k| format!("Allies in group {i} must carry more of burden {k} alone. "))
            .collect::<String>();
        std::fs::write(dir.path().join(format!("more/m{i:02}.txt")), body).unwrap();
    }
    let bin = env!("CARGO_BIN_EXE_argdex");
    // Each step prints `name=exit-code` on stdout; stderr and outputs go to files.
    let script = r#"
        set -u
        M=$(mktemp -d)
        mount -t tmpfs -o size=4m tmpfs "$M" || { echo "skip=mount"; exit 0; }
        A() { "$BIN" --index "$M/ix" "$@"; }
        A ingest in >/dev/null 2>err1; echo "first=$?"
        A export --all --format jsonl > before.jsonl; echo "export1=$?"
        dd if=/dev/zero of="$M/fill" bs=16k 2>/dev/null
        A ingest more >/dev/null 2>err_full; echo "full=$?"
        rm -f "$M/fill"
        A export --all --format jsonl > after_full.jsonl; echo "export2=$?"
        A ingest more >/dev/null 2>err_again; echo "again=$?"
        A export --all --format jsonl > after_again.jsonl
        mount -o remount,ro "$M" || { echo "skip_ro=remount"; exit 0; }
        touch more/m00.txt
        echo "Allies must pay more, a new line." >> more/m00.txt
        A ingest more >/dev/null 2>err_ro; echo "ro=$?"
        A export --all --format jsonl > after_ro.jsonl; echo "export_ro=$?"
        A query --theme burden-sharing --limit 1 >query_ro 2>err_query; echo "query_ro=$?"
    "#;
    let out = match StdCommand::new("unshare")
        .args(["-Urm", "sh", "-c", script])
        .env("BIN", bin)
        .current_dir(dir.path())
        .output()
    {
        Ok(o) => o,
        Err(e) => {
            eprintln!("skipped: cannot run unshare: {e}");
            return;
        }
    };
    let log = String::from_utf8_lossy(&out.stdout).to_string();
    if !out.status.success() || log.contains("skip=") || !log.contains("first=") {
        eprintln!(
            "skipped: no user namespaces here: {log} {}",
            String::from_utf8_lossy(&out.stderr)
        );
        return;
    }
    let step = |name: &str| -> i32 {
        log.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}=")))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_else(|| panic!("no step {name} in {log}"))
    };
    let read = |f: &str| std::fs::read_to_string(dir.path().join(f)).unwrap_or_default();
    assert_eq!(step("first"), 0, "{}", read("err1"));
    assert_eq!(step("export1"), 0);
    let before = read("before.jsonl");
    assert!(before.lines().count() > 100);

    // Disk full: exit 2, a plain cause naming the index, no panic, nothing committed.
    assert_eq!(step("full"), 2, "{}", read("err_full"));
    let err = read("err_full");
    assert!(err.contains("no space left on device"), "{err}");
    assert!(err.contains("/ix"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(step("export2"), 0);
    assert_eq!(
        read("after_full.jsonl"),
        before,
        "a failed commit changed the index"
    );

    // With space again, the same ingest succeeds.
    assert_eq!(step("again"), 0, "{}", read("err_again"));
    let again = read("after_again.jsonl");
    assert!(again.lines().count() > before.lines().count());
    assert!(again.contains("more/m39.txt"));

    // Read-only: ingest fails with the cause; the index can still be read.
    if log.contains("skip_ro=") {
        eprintln!("read-only part skipped: cannot remount read-only");
        return;
    }
    assert_eq!(step("ro"), 2);
    let err = read("err_ro");
    assert!(err.contains("read-only file system"), "{err}");
    assert!(!err.contains("locked by another"), "{err}");
    assert_eq!(step("export_ro"), 0);
    assert_eq!(read("after_ro.jsonl"), again);
    assert_eq!(step("query_ro"), 0, "{}", read("err_query"));
    assert!(read("query_ro").contains("burden"), "{}", read("query_ro"));
}

/// Re-ingest after a real edit (the new content stays on disk): the edited document's
/// sentences are the new ones and none of the old, and the other documents' records are
/// exactly as before.
#[test]
fn reingest_of_an_edited_file_replaces_only_its_sentences() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), 3);
    argdex(dir.path()).args(["ingest", "in"]).assert().success();
    let records = |export: &str, file: &str| -> Vec<serde_json::Value> {
        export
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .filter(|r| r["path"].as_str().unwrap().ends_with(file))
            .collect()
    };
    let before = export(dir.path());
    let old = "This is variant number 1, and allies must pay more.";
    assert!(
        records(&before, "doc0001.txt")
            .iter()
            .any(|r| r["text"] == old),
        "{before}"
    );
    let p = dir.path().join("in/doc0001.txt");
    let text = std::fs::read_to_string(&p).unwrap();
    let new = "Rewritten for the test: the partners should buy more submarines together.";
    std::fs::write(&p, text.replace(old, new)).unwrap();
    assert_ne!(std::fs::read_to_string(&p).unwrap(), text);
    argdex(dir.path())
        .args(["ingest", "in"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 new, 1 updated, 2 unchanged"));
    let after = export(dir.path());
    let edited: Vec<_> = records(&after, "doc0001.txt");
    assert!(edited.iter().any(|r| r["text"] == new), "{after}");
    assert!(!edited.iter().any(|r| r["text"] == old), "{after}");
    assert!(!after.contains(old), "the old sentence is still indexed");
    for other in ["doc0000.txt", "doc0002.txt"] {
        assert_eq!(
            records(&after, other),
            records(&before, other),
            "{other} changed"
        );
    }
    // The search index agrees: the new words find the new sentence, the old words
    // ("variant number 1") find nothing in the edited document.
    argdex(dir.path())
        .args(["query", "--all", "submarines", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains(new));
    let out = argdex(dir.path())
        .args(["query", "--all", "variant", "--format", "json"])
        .output()
        .unwrap();
    let hits = String::from_utf8(out.stdout).unwrap();
    assert!(hits.contains("variant number 0"), "{hits}");
    assert!(!hits.contains(old), "{hits}");
}

/// A long document (hundreds of sentences), edited to fewer sentences and then to more, has
/// exactly its new sentences each time, numbered from 0 without gaps or repeats: its old
/// records' deletion reaches every one of them, whatever the indexing threads' order.
#[test]
fn an_edited_long_document_keeps_exactly_its_new_sentences() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("in")).unwrap();
    let p = dir.path().join("in/long.txt");
    let write = |n: usize, tag: &str| {
        let paras: Vec<String> = (0..n)
            .map(|i| format!("Sentence {i} of the {tag} text says allies must pay more."))
            .collect();
        std::fs::write(&p, paras.join("\n\n")).unwrap();
    };
    let sentences = |tag: &str| -> Vec<u64> {
        let mut ns: Vec<u64> = export(dir.path())
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .inspect(|r| assert!(r["text"].as_str().unwrap().contains(tag), "{r}"))
            .map(|r| r["sentence"].as_u64().unwrap())
            .collect();
        ns.sort_unstable();
        ns
    };
    for (n, tag) in [(300, "first"), (130, "second"), (201, "third")] {
        write(n, tag);
        argdex(dir.path()).args(["ingest", "in"]).assert().success();
        assert_eq!(sentences(tag), (0..n as u64).collect::<Vec<_>>(), "{tag}");
    }
}
