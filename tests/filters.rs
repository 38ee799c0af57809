//! Filters and views (issue 14, step 3) and input hygiene (step 4), run on the binary:
//! dates of each precision, publisher, --doc, --themed, --context, --per-group and the
//! overview, -n 0, -word, theme and actor resolution, stats --by author,year, explain ID,
//! --exclude and ignore files, notes and URL lists, LIWC import and codebook errors.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

mod common;

fn cmd(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("argdex").unwrap();
    c.current_dir(dir)
        .env_remove("ARGDEX_INDEX")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "80");
    c
}

fn json(dir: &Path, args: &[&str]) -> Vec<Value> {
    let out = cmd(dir).args(args).output().unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A folder of small articles with front matter dates of each precision.
fn dated_env() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let docs = [
        (
            "day.md",
            "2024-03-15",
            "Pacific Forum",
            "Burden sharing now",
        ),
        ("month.md", "2024-03", "Atlantic Council", "The March piece"),
        ("year.md", "2023", "Pacific Forum", "Last year"),
    ];
    std::fs::create_dir(dir.path().join("c")).unwrap();
    for (name, date, publisher, title) in docs {
        let text = format!(
            "---\ntitle: {title}\nauthor: Ann Author\ndate: {date}\npublisher: {publisher}\n---\n\nAllies must share the burden of defence spending more fairly than they do today.\n\nThe alliance should build a formal mechanism for consultation among its members.\n"
        );
        std::fs::write(dir.path().join("c").join(name), text).unwrap();
    }
    cmd(dir.path())
        .args(["ingest", "-q", "c"])
        .assert()
        .success();
    dir
}

fn paths(records: &[Value]) -> Vec<String> {
    let mut v: Vec<String> = records
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn date_bounds_compare_coarse_dates_as_intervals() {
    let dir = dated_env();
    let cases: [(&[&str], &[&str]); 6] = [
        (&["--since", "2024-03-15"], &["c/day.md", "c/month.md"]),
        (&["--until", "2024-03-01"], &["c/month.md", "c/year.md"]),
        (&["--since", "2024"], &["c/day.md", "c/month.md"]),
        (&["--until", "2023-12-31"], &["c/year.md"]),
        (&["--since", "2024-04"], &[]),
        (
            &["--since", "2023-06", "--until", "2024-03-15"],
            &["c/day.md", "c/month.md", "c/year.md"],
        ),
    ];
    for (args, want) in cases {
        let mut a = vec!["export"];
        a.extend_from_slice(args);
        assert_eq!(paths(&json(dir.path(), &a)), want, "{args:?}");
    }
    cmd(dir.path())
        .args(["query", "--since", "2024-13"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--since \"2024-13\": expected a date",
        ));
}

#[test]
fn publisher_and_doc_filters() {
    let dir = dated_env();
    let by_pub = json(dir.path(), &["export", "--publisher", "pacific"]);
    assert_eq!(paths(&by_pub), ["c/day.md", "c/year.md"]);
    let by_title = json(dir.path(), &["export", "--doc", "march piece"]);
    assert_eq!(paths(&by_title), ["c/month.md"]);
    let by_path = json(
        dir.path(),
        &["export", "--doc", "year.md", "--doc", "day.md"],
    );
    assert_eq!(paths(&by_path), ["c/day.md", "c/year.md"]);
    cmd(dir.path())
        .args(["query", "--doc", "nothing like this"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("matches no indexed document"));
    // stats and report take the same filters.
    cmd(dir.path())
        .args(["stats", "--by", "doc", "--publisher", "atlantic"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("c/month.md").and(predicate::str::contains("c/day.md").not()),
        );
    cmd(dir.path())
        .args(["report", "-o", "r.html", "--since", "2024"])
        .assert()
        .success();
}

#[test]
fn limit_zero_hyphen_words_and_resolution() {
    let dir = common::corpus_env(cmd);
    let d = dir.path();
    cmd(d)
        .args(["query", "-n", "0", "--theme", "burden-sharing"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains(
            "13 matching claims; -n 0 shows none",
        ));
    let with = json(d, &["query", "allies", "-n", "100", "-f", "jsonl"]);
    let without = json(
        d,
        &["query", "allies", "-alliance", "-n", "100", "-f", "jsonl"],
    );
    assert!(!without.is_empty() && without.len() < with.len());
    assert!(without.iter().all(|r| {
        !r["text"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("alliance ")
    }));
    // Real options after the words still parse.
    let themed = json(
        d,
        &[
            "query",
            "allies",
            "-alliance",
            "-t",
            "Institutionalization",
            "-n",
            "100",
            "-f",
            "jsonl",
        ],
    );
    assert!(!themed.is_empty());
    assert!(themed.iter().all(|r| {
        r["themes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "institutionalization")
    }));
    let beijing = json(d, &["export", "--actor", "beijing"]);
    let china = json(d, &["export", "--actor", "china"]);
    assert!(!china.is_empty());
    assert_eq!(beijing, china);
    cmd(d)
        .args(["query", "--actor", "chian"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("did you mean \"china\"")
                .and(predicate::str::contains("valid actors")),
        );
    cmd(d)
        .args(["query", "--theme", "burden-sharin"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean \"burden-sharing\""));
}

#[test]
fn themed_context_per_group_and_overview() {
    let dir = common::corpus_env(cmd);
    let d = dir.path();
    let themed = json(d, &["export", "--themed"]);
    assert!(!themed.is_empty());
    assert!(
        themed
            .iter()
            .all(|r| r["is_claim"] == false && !r["themes"].as_array().unwrap().is_empty())
    );
    let ctx = json(d, &["query", "allies", "-n", "3", "-C", "2", "-f", "jsonl"]);
    for r in &ctx {
        let s = r["sentence"].as_u64().unwrap();
        let before: Vec<u64> = r["context_before"].as_array().map_or(vec![], |a| {
            a.iter().map(|c| c["sentence"].as_u64().unwrap()).collect()
        });
        let want: Vec<u64> = (s.saturating_sub(2)..s).collect();
        assert_eq!(before, want, "{r}");
        assert_eq!(r["context_after"].as_array().unwrap().len(), 2);
    }
    let out = cmd(d).args(["query", "--by", "theme"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    // The overview counts every claim of the index, as export does.
    let claims = json(d, &["export", "--format", "jsonl"]).len();
    assert!(claims > 100);
    assert!(
        text.starts_with(&format!("{claims} claims in 5 documents, by theme")),
        "{text}"
    );
    assert!(
        text.contains("== china-response (3 of 25 claims) =="),
        "{text}"
    );
    // Three per group, from three different documents where the group has them.
    let block = text
        .split("== china-response")
        .nth(1)
        .unwrap()
        .split("\n== ")
        .next()
        .unwrap();
    let files: std::collections::BTreeSet<&str> = block
        .lines()
        .filter_map(|l| l.rsplit_once(", corpus/").map(|(_, f)| f))
        .collect();
    assert_eq!(files.len(), 3, "{block}");
    let two = cmd(d)
        .args(["query", "--by", "author", "--per-group", "1"])
        .output()
        .unwrap();
    let two = String::from_utf8(two.stdout).unwrap();
    assert!(two.contains("== Zhuoran Li (1 of 48 claims) =="), "{two}");
}

#[test]
fn stats_two_way_and_explain_id() {
    let dir = common::corpus_env(cmd);
    let d = dir.path();
    cmd(d)
        .args(["stats", "--by", "author,year", "--format", "csv"])
        .assert()
        .success()
        .stdout(
            predicate::str::starts_with("author,year,claims\n")
                .and(predicate::str::contains("Zhuoran Li,2020,48")),
        );
    let rec = &json(
        d,
        &[
            "query",
            "--theme",
            "burden-sharing",
            "-n",
            "1",
            "-f",
            "jsonl",
        ],
    )[0];
    let id = rec["id"].as_str().unwrap();
    cmd(d).args(["explain", id]).assert().success().stdout(
        predicate::str::contains(format!("> {}", rec["text"].as_str().unwrap()))
            .and(predicate::str::contains("Indexed as: claim")),
    );
    cmd(d)
        .args(["explain", "0123456789abcdef-9999"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no sentence"));
}

#[test]
fn ingest_respects_ignore_files_excludes_and_skips_notes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let article =
        "Allies must share the burden of defence spending more fairly than they do today.\n";
    for f in ["c/a.txt", "c/drafts/b.txt", "c/old/c.txt", "c/d.txt"] {
        let p = d.join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, article.replace("today", f)).unwrap();
    }
    std::fs::write(d.join("c/.argdexignore"), "drafts/\n").unwrap();
    std::fs::write(d.join("c/.gitignore"), "d.txt\n").unwrap();
    std::fs::write(d.join("c/links.txt"), "https://a.org/x\nhttps://b.org/y\n").unwrap();
    std::fs::write(
        d.join("c/todo.md"),
        "- call Jane re AUKUS\n- check figures\n- Quad date?\n",
    )
    .unwrap();
    cmd(d)
        .args(["ingest", "c", "--exclude", "old/"])
        .assert()
        .success()
        .stderr(
            predicate::str::contains("c/links.txt: skipped: a list of URLs")
                .and(predicate::str::contains("c/todo.md: skipped: notes")),
        );
    let docs = json(d, &["export"]);
    assert_eq!(paths(&docs), ["c/a.txt"]);
    cmd(d)
        .args(["ingest", "c", "--exclude", "a{"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--exclude \"a{\""));
}

#[test]
fn liwc_import_and_codebook_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("mfd.dic"),
        "01 HarmVirtue\n02 HarmVice\nsafe* 01\nkill* 02\n",
    )
    .unwrap();
    cmd(d)
        .args(["codebook", "import", "mfd.dic"])
        .assert()
        .success()
        .stdout(predicate::str::contains("id = \"HarmVirtue\""));
    std::fs::write(d.join("bad.dic"), "%\n1 a\n%\nx 7\ny 8\n").unwrap();
    cmd(d)
        .args(["codebook", "import", "bad.dic"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("bad.dic:4: entry \"x\": unknown category 7").and(
                predicate::str::contains("bad.dic:5: entry \"y\": unknown category 8"),
            ),
        );
    std::fs::write(d.join("empty.toml"), "[claims]\n").unwrap();
    cmd(d)
        .args(["codebook", "check", "empty.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no themes"));
    let two_bad = "[[themes]]\nid = \"a\"\nlabel = 5\n[[themes.rules]]\nid = \"a/r\"\npatterns = [\"x\"]\n\n[[themes]]\nid = \"b\"\nlabel = \"B\"\nbogus = 1\n[[themes.rules]]\nid = \"b/r\"\npatterns = [\"y\"]\n";
    std::fs::write(d.join("two.toml"), two_bad).unwrap();
    let out = cmd(d)
        .args(["codebook", "check", "two.toml"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("two.toml:3:") && err.contains("two.toml:11:"),
        "{err}"
    );
}
