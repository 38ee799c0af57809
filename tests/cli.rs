//! Integration tests: run the real `argdex` binary on temporary directories.

use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A copy of the reference corpus inside the temp dir.
    fn with_corpus() -> Env {
        let env = Env::new();
        let dst = env.path("corpus");
        std::fs::create_dir(&dst).unwrap();
        for e in std::fs::read_dir(CORPUS).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, dst.join(p.file_name().unwrap())).unwrap();
        }
        env
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("argdex").unwrap();
        c.current_dir(self.dir.path())
            .env_remove("ARGDEX_INDEX")
            .env("NO_COLOR", "1");
        c
    }

    fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        self.cmd().args(args).assert()
    }

    fn export(&self, args: &[&str]) -> Vec<Value> {
        let out = self.cmd().arg("export").args(args).output().unwrap();
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

#[test]
fn ingest_query_export_roundtrip() {
    let env = Env::with_corpus();
    env.run(&["ingest", "corpus"])
        .success()
        .stdout(predicate::str::contains("5 new"))
        .stdout(predicate::str::contains("burden-sharing"));
    assert!(
        env.path(".argdex").is_dir(),
        "default index is .argdex in the current directory"
    );

    let all = env.export(&["--all"]);
    assert!(all.len() > 200, "{} records", all.len());
    for r in &all {
        for field in [
            "id",
            "doc_id",
            "path",
            "title",
            "authors",
            "date",
            "publisher",
            "url",
            "paragraph",
            "sentence",
            "start",
            "end",
            "text",
            "is_claim",
            "themes",
            "evidence",
        ] {
            assert!(r.get(field).is_some(), "missing {field} in {r}");
        }
        // Offsets are exact byte offsets into the file; text is the span, whitespace collapsed.
        let bytes = std::fs::read(env.path(r["path"].as_str().unwrap())).unwrap();
        let span =
            &bytes[r["start"].as_u64().unwrap() as usize..r["end"].as_u64().unwrap() as usize];
        let span = String::from_utf8(span.to_vec()).unwrap();
        assert_eq!(
            span.split_whitespace().collect::<Vec<_>>().join(" "),
            r["text"].as_str().unwrap()
        );
        for e in r["evidence"].as_array().unwrap() {
            let text = r["text"].as_str().unwrap();
            let (s, t) = (
                e["start"].as_u64().unwrap() as usize,
                e["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[s..t], e["match"].as_str().unwrap());
        }
    }
    let claims = env.export(&[]);
    assert!(!claims.is_empty() && claims.len() < all.len());
    assert!(claims.iter().all(|r| r["is_claim"] == true));

    env.run(&["query", "--theme", "burden-sharing", "--by", "author"])
        .success()
        .stdout(predicate::str::contains("== Nicole Forrester"))
        .stdout(predicate::str::contains("== Chen Ping-kuei"))
        .stdout(predicate::str::contains("Time for an Alliance Caucus"))
        .stdout(predicate::str::contains("2020-10-02"))
        .stdout(predicate::str::contains("¶"));

    let out = env
        .cmd()
        .args(["query", "--author", "FORRESTER", "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let hits: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["authors"][0] == "Nicole Forrester"));

    // Full-text search with stemming: "alliances" finds "alliance".
    let out = env
        .cmd()
        .args(["query", "alliances", "caucus", "--format", "json"])
        .output()
        .unwrap();
    let hits: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!hits.as_array().unwrap().is_empty());

    env.run(&["stats"])
        .success()
        .stdout(predicate::str::contains("Zhuoran Li"));
    env.run(&["stats", "--format", "json"])
        .success()
        .stdout(predicate::str::contains("by_author"));
    env.run(&["docs"])
        .success()
        .stdout(predicate::str::contains(
            "A NATO In Asia? Not Going to Happen",
        ));
    env.run(&["show", "004"])
        .success()
        .stdout(predicate::str::contains("Zhuoran Li"))
        .stdout(predicate::str::contains("s0"));
}

#[test]
fn reingest_is_a_noop_and_edits_replace_only_that_file() {
    let env = Env::with_corpus();
    env.run(&["ingest", "corpus"]).success();
    let before = env.export(&["--all"]);
    env.run(&["ingest", "corpus"])
        .success()
        .stdout(predicate::str::contains("5 unchanged"));
    assert_eq!(env.export(&["--all"]), before);

    // Another spelling of the same folder is the same files.
    env.run(&["ingest", "./corpus/"])
        .success()
        .stdout(predicate::str::contains("5 unchanged"));

    let target = env.path("corpus/002_1d9903aa70094197.txt");
    let mut text = std::fs::read_to_string(&target).unwrap();
    text = text.replacen(
        "But this gap is beginning to close.",
        "But this gap is beginning to close. Allies must pay more for their defense.",
        1,
    );
    std::fs::write(&target, text).unwrap();
    env.run(&["ingest", "corpus"])
        .success()
        .stdout(predicate::str::contains("1 updated"));
    let after = env.export(&["--all"]);
    assert_eq!(after.len(), before.len() + 1);
    let of = |rs: &[Value], name: &str| -> Vec<Value> {
        rs.iter()
            .filter(|r| r["path"].as_str().unwrap().ends_with(name))
            .cloned()
            .collect()
    };
    assert_eq!(
        of(&after, "000_1755b4fa4269550b.txt"),
        of(&before, "000_1755b4fa4269550b.txt")
    );
    assert!(
        after
            .iter()
            .any(|r| r["text"] == "Allies must pay more for their defense.")
    );
    let ids: std::collections::HashSet<&str> =
        after.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), after.len(), "no duplicate records");
}

#[test]
fn bad_inputs_are_reported_and_the_rest_is_indexed() {
    let env = Env::new();
    write(
        &env.path("in/good.txt"),
        "Allies should share the burden of defense spending. It is time.\n",
    );
    write(&env.path("in/empty.txt"), "  \n\n");
    std::fs::write(env.path("in/binary.txt"), b"\x89PNG\r\n\x1a\n\0\0\0IHDR").unwrap();
    write(&env.path("in/notes.pdf"), "not text");
    #[cfg(unix)]
    std::os::unix::fs::symlink(env.path("nowhere.txt"), env.path("in/dangling.txt")).unwrap();
    env.run(&["ingest", "in", "missing-folder"])
        .code(2)
        .stderr(predicate::str::contains(
            "missing-folder: no such file or directory",
        ))
        .stderr(predicate::str::contains("empty.txt"))
        .stderr(predicate::str::contains("binary.txt"))
        .stderr(predicate::str::contains("notes.pdf"))
        .stderr(predicate::str::contains("panicked").not());
    let all = env.export(&["--all"]);
    assert_eq!(all.len(), 2, "good.txt is indexed: {all:?}");
}

#[test]
fn option_and_index_errors_exit_2_without_panicking() {
    let env = Env::new();
    env.run(&["query", "anything"])
        .code(2)
        .stderr(predicate::str::contains(".argdex"))
        .stderr(predicate::str::contains("argdex ingest"));
    env.run(&["export", "--format", "xml"])
        .code(2)
        .stderr(predicate::str::contains("xml"));
    write(
        &env.path("a.txt"),
        "Allies must spend more on defense because the threat is growing.\n",
    );
    env.run(&["ingest", "a.txt"]).success();
    env.run(&["query", "--theme", "nonsense"])
        .code(2)
        .stderr(predicate::str::contains("valid themes: burden-sharing"));
    for q in ["\"unbalanced", "AND OR", "text:", "(((", "a*b?c[", "-"] {
        env.cmd()
            .args(["query", q, "--all"])
            .assert()
            .code(predicate::in_iter([0, 1]))
            .stderr(predicate::str::contains("panicked").not());
    }
    env.run(&["query", "--all", "--limit", "18446744073709551615"])
        .success();
    env.run(&["show", "nope"])
        .code(2)
        .stderr(predicate::str::contains("no document"));
}

#[test]
fn nothing_matched_exits_1() {
    let env = Env::new();
    write(
        &env.path("a.txt"),
        "Allies must spend more on defense because the threat is growing.\n",
    );
    env.run(&["ingest", "a.txt"]).success();
    env.run(&["query", "zyzzyva"]).code(1);
    env.run(&["export", "--author", "nobody-by-that-name"])
        .code(1);
}

#[test]
fn index_location_from_env_and_flag() {
    let env = Env::new();
    write(
        &env.path("a.txt"),
        "Allies must spend more on defense because the threat is growing.\n",
    );
    env.cmd()
        .env("ARGDEX_INDEX", env.path("envix"))
        .args(["ingest", "a.txt"])
        .assert()
        .success();
    assert!(env.path("envix/argdex.json").is_file());
    env.run(&["--index", "envix", "query", "--all"]).success();
}

#[test]
fn segment_reads_stdin_and_files() {
    let env = Env::new();
    env.cmd()
        .arg("segment")
        .write_stdin("I live in the U.S. How about you?\nMr. Smith went to Washington.")
        .assert()
        .success()
        .stdout("I live in the U.S.\nHow about you?\nMr. Smith went to Washington.\n");
    write(&env.path("t.txt"), "One. Two.");
    env.run(&["segment", "t.txt", "--format", "jsonl"])
        .success()
        .stdout(predicate::str::contains(r#""start":5"#));
    env.run(&["segment", "missing.txt"])
        .code(2)
        .stderr(predicate::str::contains("missing.txt"));
}

/// Every subcommand, with its output on stdout or on stderr.
const PIPE_CASES: &[(&[&str], Stream)] = &[
    (&["--index", "fresh", "ingest", "corpus"], Stream::Stdout),
    (&["ingest", "corpus", "missing.txt"], Stream::Stderr),
    (&["query", "--by", "date", "-n", "5"], Stream::Stdout),
    (&["query", "--by", "date", "-n", "5"], Stream::Stderr),
    (&["query", "alliance", "--format", "csv"], Stream::Stdout),
    (&["query", "nothing-matches-this-word"], Stream::Stderr),
    (&["export", "--all", "--format", "json"], Stream::Stdout),
    (&["export", "--format", "csv", "--wide"], Stream::Stdout),
    (&["stats", "--cooccur"], Stream::Stdout),
    (&["docs"], Stream::Stdout),
    // Written through serde_json and csv, whose errors wrap the pipe's.
    (&["docs", "--format", "json"], Stream::Stdout),
    (&["docs", "--format", "csv"], Stream::Stdout),
    (&["stats", "--format", "json"], Stream::Stdout),
    (&["show", "004", "--format", "json"], Stream::Stdout),
    (&["query", "alliance", "--format", "json"], Stream::Stdout),
    (&["eval", "gold.jsonl", "--format", "json"], Stream::Stdout),
    (
        &[
            "text",
            "corpus/004_196e3f2ea6a23cd7.txt",
            "--format",
            "jsonl",
        ],
        Stream::Stdout,
    ),
    (&["show", "004"], Stream::Stdout),
    (&["codebook", "show"], Stream::Stdout),
    (&["codebook", "test"], Stream::Stdout),
    (&["codebook", "check", "broken.toml"], Stream::Stderr),
    (&["codebook", "init", "-o", "-"], Stream::Stdout),
    (&["codebook", "export", "--qdc"], Stream::Stdout),
    (&["codebook", "import", "dict.yml"], Stream::Stdout),
    (
        &["explain", "China is certain to oppose such a group."],
        Stream::Stdout,
    ),
    (&["eval", "gold.jsonl"], Stream::Stdout),
    (
        &["segment", "corpus/004_196e3f2ea6a23cd7.txt"],
        Stream::Stdout,
    ),
    (&["report", "-o", "r.html"], Stream::Stderr),
    (&["completions", "bash"], Stream::Stdout),
    (&["man"], Stream::Stdout),
    (&["--help"], Stream::Stdout),
    (&["query", "--no-such-option"], Stream::Stderr),
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Stream {
    Stdout,
    Stderr,
}

fn pipe_env() -> Env {
    let env = Env::with_corpus();
    env.run(&["ingest", "corpus"]).success();
    write(&env.path("broken.toml"), "[[themes]]\nid = 3\n");
    write(
        &env.path("dict.yml"),
        "security:\n  - alliance*\n  - defen*e\n",
    );
    write(
        &env.path("gold.jsonl"),
        r#"{"doc":"004_196e3f2ea6a23cd7.txt","text":"x","claim":"claim","themes_required":[],"themes_allowed":[]}"#,
    );
    env
}

/// The command into a pipe whose reader is already closed: the very first write fails.
/// With `Stream::Stderr` both streams share the pipe (`cmd 2>&1 | head -0`).
fn run_into_closed_pipe(env: &Env, args: &[&str], stream: Stream) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut cmd = StdCommand::new(assert_cmd::cargo::cargo_bin("argdex"));
    cmd.current_dir(env.dir.path())
        .env_remove("ARGDEX_INDEX")
        .env("NO_COLOR", "1")
        .args(args)
        .stdin(Stdio::null());
    match stream {
        Stream::Stdout => cmd.stdout(writer).stderr(Stdio::piped()),
        Stream::Stderr => cmd.stdout(writer.try_clone().unwrap()).stderr(writer),
    };
    cmd.output().unwrap()
}

/// `cmd 2>&1 | head -1`: read one line, close the pipe, let the command finish.
fn first_line_then_close(env: &Env, args: &[&str], stream: Stream) -> (String, i32) {
    use std::io::BufRead;
    let (reader, writer) = std::io::pipe().unwrap();
    let mut cmd = StdCommand::new(assert_cmd::cargo::cargo_bin("argdex"));
    cmd.current_dir(env.dir.path())
        .env_remove("ARGDEX_INDEX")
        .env("NO_COLOR", "1")
        .args(args)
        .stdin(Stdio::null());
    match stream {
        Stream::Stdout => cmd.stdout(writer).stderr(Stdio::null()),
        Stream::Stderr => cmd.stdout(Stdio::null()).stderr(writer),
    };
    let mut child = cmd.spawn().unwrap();
    drop(cmd); // the parent's copy of the writer, so the pipe ends with the child
    let mut line = String::new();
    std::io::BufReader::new(reader)
        .read_line(&mut line)
        .unwrap();
    let status = child.wait().unwrap();
    (line, status.code().unwrap_or(-1))
}

#[test]
fn every_command_into_a_closed_pipe_exits_quietly() {
    let env = pipe_env();
    for &(args, stream) in PIPE_CASES {
        // It really writes to that stream: the first line arrives, then the pipe closes.
        let (line, code) = first_line_then_close(&env, args, stream);
        assert!(
            !line.trim().is_empty(),
            "{args:?} wrote nothing to {stream:?}"
        );
        assert!(matches!(code, 0..=2), "{args:?} | head -1: exit {code}");
        // The pipe is closed before the first write.
        let out = run_into_closed_pipe(&env, args, stream);
        let code = out.status.code().unwrap_or(-1);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            matches!(code, 0..=2),
            "{args:?} into a closed pipe: exit {code}, {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        if stream == Stream::Stdout {
            assert!(!stderr.contains("Broken pipe"), "{args:?}: {stderr}");
        }
    }
}

/// Files in the test directory that look like a writer's temporary file.
fn temporary_files(env: &Env) -> Vec<String> {
    std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".argdex-") || n.contains("tmp"))
        .collect()
}

#[test]
fn a_failed_export_names_its_file_and_leaves_no_temporary_file() {
    let env = Env::with_corpus();
    env.run(&["ingest", "corpus"]).success();
    // A directory where the file should go: the rename fails after the records are written.
    std::fs::create_dir(env.path("out.csv")).unwrap();
    env.run(&["export", "--format", "csv", "-o", "out.csv"])
        .code(2)
        .stderr(predicate::str::contains("out.csv"))
        .stderr(predicate::str::contains("<stdout>").not());
    let left = temporary_files(&env);
    assert!(left.is_empty(), "left behind: {left:?}");
}

/// Every `-o FILE` writer: a target it cannot rename onto (a directory) fails naming FILE,
/// leaves no temporary file, and a successful write replaces the old file by a rename.
#[test]
fn every_output_file_writer_fails_cleanly_and_replaces_whole() {
    let env = Env::with_corpus();
    env.run(&["ingest", "corpus"]).success();
    let writers: &[&[&str]] = &[
        &["export", "--format", "jsonl", "-o"],
        &["report", "-o"],
        &["codebook", "export", "--qdc", "--force", "-o"],
        &["codebook", "init", "--force", "-o"],
    ];
    for (k, args) in writers.iter().enumerate() {
        let target = format!("out{k}");
        std::fs::create_dir(env.path(&target)).unwrap();
        let mut failing = args.to_vec();
        failing.push(&target);
        let out = env.cmd().args(&failing).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{failing:?}: {stderr}");
        assert!(stderr.contains(&target), "{failing:?}: {stderr}");
        assert!(!stderr.contains("<stdout>"), "{failing:?}: {stderr}");
        let left = temporary_files(&env);
        assert!(left.is_empty(), "{failing:?} left behind: {left:?}");
        // Over an existing file: replaced, nothing of the old content left.
        let file = format!("file{k}");
        std::fs::write(env.path(&file), "x".repeat(1 << 20)).unwrap();
        // A second name for the old file: a rename over the target leaves it whole, where
        // writing the target in place would have truncated it.
        let link = format!("file{k}.old");
        std::fs::hard_link(env.path(&file), env.path(&link)).unwrap();
        let mut ok = args.to_vec();
        ok.push(&file);
        env.run(&ok).success();
        let old = std::fs::read_to_string(env.path(&link)).unwrap();
        assert_eq!(old.len(), 1 << 20, "{ok:?} wrote the old file in place");
        let written = std::fs::read_to_string(env.path(&file)).unwrap();
        assert!(!written.contains("xxxx"), "{ok:?} kept old bytes");
        assert!(!written.is_empty(), "{ok:?} wrote nothing");
    }
}

#[test]
fn a_missing_codebook_is_named_once_and_not_called_invalid() {
    let env = Env::new();
    let out = env
        .cmd()
        .args(["codebook", "show", "nope.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("invalid"), "{err}");
    assert_eq!(err.matches("No such file").count(), 1, "{err}");
}

#[test]
fn export_formats_and_output_file() {
    let env = Env::with_corpus();
    env.run(&["ingest", "corpus"]).success();
    env.run(&["export", "--format", "csv", "--wide", "-o", "claims.csv"])
        .success();
    let csv = std::fs::read_to_string(env.path("claims.csv")).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("id,doc_id,path,title,authors,date"));
    assert!(header.ends_with("theme_interest_overlap"));
    let out = env
        .cmd()
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.as_array().unwrap().len() > 50);
}

#[test]
fn exported_json_snapshot() {
    let env = Env::new();
    write(
        &env.path("op-ed.md"),
        "## **Allies Must Pay** By Jane Q. Doe\n\nThe U.S. cannot carry the burden alone. Japan and South Korea should raise defense spending to share the costs of deterrence.\n\nBeijing will oppose any NATO-like alliance in Asia. It fears encirclement.\n\nIn 2019, a court ruled that companies must compensate workers.\n\nJane Q. Doe is a senior fellow at the Example Institute.\n",
    );
    env.run(&["ingest", "op-ed.md"]).success();
    let out = env
        .cmd()
        .args(["export", "--all", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    insta::assert_json_snapshot!("export_op_ed", v, {
        "[].id" => "[id]",
        "[].doc_id" => "[doc_id]",
    });
}

#[test]
fn eval_reports_agreement_with_kappa() {
    let env = Env::new();
    write(
        &env.path("a.txt"),
        "Allies must spend more on defense. The meeting took place in October.\n\nBy the way, this is a bio line that is long enough.\n",
    );
    env.run(&["ingest", "a.txt"]).success();
    write(
        &env.path("gold.jsonl"),
        concat!(
            r#"{"doc":"a.txt","text":"Allies must spend more on defense.","claim":"claim","themes_required":["burden-sharing"],"themes_allowed":[]}"#,
            "\n",
            r#"{"doc":"a.txt","text":"The meeting took place in October.","claim":"not-claim","themes_required":[],"themes_allowed":[]}"#,
            "\n"
        ),
    );
    env.run(&["eval", "gold.jsonl"])
        .success()
        .stdout(predicate::str::contains("kappa"))
        .stdout(predicate::str::contains("burden-sharing"))
        .stdout(predicate::str::contains("segmentation exact 1.000"));
    let out = env
        .cmd()
        .args(["eval", "gold.jsonl", "--format", "json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["body_sentences"], 2);
    write(&env.path("bad.jsonl"), "{not json}\n");
    env.run(&["eval", "bad.jsonl"])
        .code(2)
        .stderr(predicate::str::contains("bad.jsonl:1"));
}

#[test]
fn a_changed_codebook_retags_every_indexed_document() {
    let env = Env::new();
    write(
        &env.path("a.txt"),
        "Allies must spend more on defense because the threat is growing.\n",
    );
    write(
        &env.path("b.txt"),
        "China will oppose any alliance in Asia.\n",
    );
    env.run(&["ingest", "a.txt", "b.txt"])
        .success()
        .stdout(predicate::str::contains("2 new"));
    let default = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/codebook/default.toml"
    ))
    .unwrap();
    write(
        &env.path("edited.toml"),
        &format!("{default}\n# an edit changes the fingerprint\n"),
    );
    // Only a.txt is named, but b.txt was tagged by the old codebook: both are re-tagged.
    env.run(&["ingest", "--codebook", "edited.toml", "a.txt"])
        .success()
        .stdout(predicate::str::contains("2 updated"));
    env.run(&["ingest", "--codebook", "edited.toml", "a.txt", "b.txt"])
        .success()
        .stdout(predicate::str::contains("2 unchanged"));
    write(
        &env.path("broken.toml"),
        "[[themes]]\nid = \"x\"\nrules = 3\n",
    );
    env.run(&["ingest", "--codebook", "broken.toml", "a.txt"])
        .code(2)
        .stderr(predicate::str::contains("broken.toml:3"));
}

#[test]
fn an_imported_quanteda_dictionary_drives_an_ingest() {
    let env = Env::with_corpus();
    write(
        &env.path("dict.yml"),
        "burden:\n  costs:\n    - burden-shar*\n    - defen?e spending\nchina:\n  - beijing\n  - china\n",
    );
    let out = env
        .cmd()
        .args(["codebook", "import", "dict.yml"])
        .output()
        .unwrap();
    assert!(out.status.success());
    std::fs::write(env.path("imported.toml"), &out.stdout).unwrap();
    env.run(&["ingest", "--codebook", "imported.toml", "corpus"])
        .success();
    // Themes come from the dictionary; claims from the built-in claim detector.
    env.run(&["query", "--theme", "burden/costs"])
        .success()
        .stdout(predicate::str::contains("burden-sharing at a time"));
}

/// Equally relevant sentences come in document order (path, then sentence), whatever
/// segments the indexing threads put them in: the same query prints the same list.
#[test]
fn equal_scores_come_in_document_order() {
    let env = Env::new();
    // The same sentence in six documents (each made distinct by a second paragraph), so
    // BM25 gives all six the same score.
    let names = ["f.txt", "c.txt", "a.txt", "e.txt", "b.txt", "d.txt"];
    for (i, name) in names.iter().enumerate() {
        write(
            &env.path(&format!("docs/{name}")),
            &format!(
                "Allies should carry a larger share of the common defence burden.\n\n\
                 This is note number {i} about something else entirely.\n"
            ),
        );
    }
    env.run(&["ingest", "-q", "-j", "2", "docs"]).success();
    let out = env
        .cmd()
        .args(["query", "burden", "--all", "-n", "6", "--format", "jsonl"])
        .output()
        .unwrap();
    let paths: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["path"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths.len(), 6, "{paths:?}");
    assert_eq!(paths, sorted);
}
