//! The analyst experience (stage 5): colour rules, highlighted and wrapped hits with
//! surname citations, stats heat tables and co-occurrence, completions and man page,
//! CSV that Python's `csv` module reads, and one-line errors with hints.

use std::path::Path;
use std::process::Command as StdCommand;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

mod common;

fn cmd(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("argdex").unwrap();
    c.current_dir(dir)
        .env_remove("ARGDEX_INDEX")
        .env_remove("NO_COLOR")
        .env("COLUMNS", "80");
    c
}

fn corpus_env() -> tempfile::TempDir {
    common::corpus_env(cmd)
}

fn stdout(dir: &Path, args: &[&str]) -> String {
    let out = cmd(dir).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn colour_only_when_asked_and_hits_are_wrapped_with_citations() {
    let env = corpus_env();
    let dir = env.path();
    // A pipe: no escape codes, even without NO_COLOR.
    let plain = stdout(dir, &["query", "caucus", "--theme", "institutionalization"]);
    assert!(!plain.contains('\x1b'), "{plain}");
    // Every line fits in 80 columns except citation lines (which stay whole).
    for line in plain.lines() {
        if !line.starts_with("    ") {
            assert!(line.chars().count() <= 80, "{line:?}");
        }
    }
    // Citation: surname only, title, paragraph and sentence, path and byte span.
    assert!(
        plain.contains("    Forrester, \"Time for an Alliance Caucus\", ¶"),
        "{plain}"
    );
    assert!(plain.contains("corpus/000_1755b4fa4269550b.txt:"));

    // --color always: query words and evidence highlighted, citation dim.
    let col = stdout(
        dir,
        &[
            "query",
            "caucus",
            "--theme",
            "institutionalization",
            "--color",
            "always",
        ],
    );
    assert!(col.contains("\x1b[1;4;31mCaucus\x1b[0m") || col.contains("\x1b[1;4;31mcaucus\x1b[0m"));
    assert!(col.contains("\x1b[2mForrester,"));
    // NO_COLOR does not beat an explicit --color always, but does switch auto off.
    let out = cmd(dir)
        .env("NO_COLOR", "1")
        .args(["query", "caucus", "--color", "never"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\x1b'));
    // Evidence highlighting in --by groups with colour.
    let grouped = stdout(
        dir,
        &[
            "query",
            "--theme",
            "burden-sharing",
            "--by",
            "author",
            "--color",
            "always",
        ],
    );
    assert!(grouped.contains("\x1b[1;33m"), "evidence highlighted");
    // The header counts the group's hits (the number depends on the codebook); `--by`
    // without `-n` shows 3 per group, "3 of N claims".
    let plain = regex::Regex::new("\x1b\\[[0-9;]*m")
        .unwrap()
        .replace_all(&grouped, "")
        .to_string();
    let group = plain
        .split("== ")
        .find(|g| g.starts_with("Chen Ping-kuei ("))
        .expect("a group for Chen Ping-kuei");
    let hits = group.matches("    Chen, ").count();
    let noun = if hits == 1 { "claim" } else { "claims" };
    assert!(hits <= 3, "{group}");
    assert!(
        group.starts_with(&format!("Chen Ping-kuei ({hits} {noun})"))
            || group.starts_with(&format!("Chen Ping-kuei ({hits} of ")),
        "{group}"
    );
    assert!(
        grouped.contains("    \x1b[2mChen, "),
        "East Asian surname first"
    );
}

#[test]
fn stats_heat_tables_years_and_cooccurrence() {
    let env = corpus_env();
    let dir = env.path();
    let t = stdout(dir, &["stats"]);
    assert!(t.lines().next().unwrap().starts_with("author"));
    assert!(t.contains("Nicole Forrester") && t.contains("█"));
    assert!(t.contains("\ndocument"));
    let y = stdout(dir, &["stats", "--by", "year"]);
    assert!(y.starts_with("year") && y.contains("\n2020 "), "{y}");
    let c = stdout(dir, &["stats", "--cooccur"]);
    assert!(c.contains("Claims with both themes:"));
    let v: Value =
        serde_json::from_str(&stdout(dir, &["stats", "--cooccur", "--format", "json"])).unwrap();
    let pairs = v["cooccurrence"].as_array().unwrap();
    assert!(!pairs.is_empty());
    for p in pairs {
        assert!(p["theme_a"].as_str().unwrap() < p["theme_b"].as_str().unwrap());
    }
    // Co-occurrence agrees with the claims themselves.
    let out = cmd(dir).args(["export"]).output().unwrap();
    let mut n = 0;
    for l in String::from_utf8(out.stdout).unwrap().lines() {
        let r: Value = serde_json::from_str(l).unwrap();
        let th = r["themes"].as_array().unwrap();
        if th.iter().any(|t| t == "burden-sharing")
            && th.iter().any(|t| t == "institutionalization")
        {
            n += 1;
        }
    }
    let got = pairs
        .iter()
        .find(|p| p["theme_a"] == "burden-sharing" && p["theme_b"] == "institutionalization")
        .map_or(0, |p| p["claims"].as_u64().unwrap());
    assert_eq!(got, n);
    let csv = stdout(
        dir,
        &["stats", "--by", "year", "--cooccur", "--format", "csv"],
    );
    assert!(csv.starts_with("dimension,group,theme,claims\n"));
    assert!(csv.contains("\nyear,2020,"));
    assert!(csv.contains("\ncooccur,burden-sharing,institutionalization,"));
}

#[test]
fn completions_man_and_examples_in_help() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let s = stdout(d, &["completions", shell]);
        assert!(s.contains("argdex"), "{shell}");
        assert!(s.contains("report"), "{shell} completes subcommands");
    }
    let man = stdout(d, &["man"]);
    assert!(
        man.starts_with(".ie") || man.contains(".TH argdex"),
        "{}",
        &man[..200.min(man.len())]
    );
    assert!(man.contains("argdex report"));
    for sub in [
        "ingest",
        "query",
        "export",
        "stats",
        "show",
        "docs",
        "eval",
        "segment",
        "report",
        "completions",
        "man",
    ] {
        let h = stdout(d, &[sub, "--help"]);
        assert!(h.contains("Example"), "{sub} --help has an example");
    }
    cmd(d).args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn wide_csv_reads_in_python() {
    let env = corpus_env();
    let dir = env.path();
    cmd(dir)
        .args(["export", "--format", "csv", "--wide", "-o", "claims.csv"])
        .assert()
        .success();
    if StdCommand::new("python3")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipping: python3 is not installed");
        return;
    }
    let script = r#"
import csv, json, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
    f.seek(0)
    header = next(csv.reader(f))
print(json.dumps({"header": header, "rows": rows}))
"#;
    let out = StdCommand::new("python3")
        .args(["-c", script, "claims.csv"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let header: Vec<&str> = v["header"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    let fixed = [
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
        "is_claim",
        "hedged",
        "themes",
        "actors",
        "voice",
        "speaker",
        "claim_cues",
        "evidence",
        "text",
    ];
    assert_eq!(&header[..fixed.len()], fixed);
    let theme_cols = [
        "theme_burden_sharing",
        "theme_china_response",
        "theme_institutionalization",
        "theme_interest_overlap",
    ];
    assert_eq!(&header[fixed.len()..], theme_cols);
    let rows = v["rows"].as_array().unwrap();
    assert!(rows.len() > 50);
    for r in rows {
        let themes: Vec<&str> = r["themes"]
            .as_str()
            .unwrap()
            .split(';')
            .filter(|s| !s.is_empty())
            .collect();
        for col in theme_cols {
            let cell = r[col].as_str().unwrap();
            assert!(cell == "0" || cell == "1", "{col}={cell}");
            let id = col.trim_start_matches("theme_").replace('_', "-");
            assert_eq!(cell == "1", themes.contains(&id.as_str()), "{col} in {r}");
        }
        assert_eq!(r["is_claim"], "1");
        assert!(!r["text"].as_str().unwrap().is_empty());
    }
}

#[test]
fn errors_are_one_line_with_a_hint() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let out = cmd(d).args(["query", "x"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.starts_with("argdex: ") && err.contains(".argdex") && err.contains("argdex ingest")
    );
    cmd(d)
        .args(["report", "-o", "r.html"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("argdex ingest"));
}

/// When `--limit` cuts the list short, the table says how many matched in all: the same
/// number as the full list has, with and without query words.
#[test]
fn a_cut_list_says_how_many_matched() {
    let env = corpus_env();
    let dir = env.path();
    for words in [&[][..], &["allies"][..]] {
        let all: Vec<&str> = ["query", "--format", "jsonl", "-n", "100000"]
            .into_iter()
            .chain(words.iter().copied())
            .collect();
        let total = stdout(dir, &all).lines().count();
        assert!(total > 2, "{words:?}: {total}");
        let cut: Vec<&str> = ["query", "-n", "2"]
            .into_iter()
            .chain(words.iter().copied())
            .collect();
        let out = cmd(dir).args(&cut).output().unwrap();
        assert!(out.status.success(), "{out:?}");
        let note = String::from_utf8(out.stderr).unwrap();
        assert!(
            note.contains(&format!("showing 2 of {total} matching claims")),
            "{words:?}: {note}"
        );
    }
}
