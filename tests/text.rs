//! `argdex text` (stage 1 output): what argdex reads from a file, for .txt, .md and .html
//! alike: metadata lines then the body text, or one JSON object per file; unreadable files
//! are reported (exit 2) while the others are still printed.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn cmd(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("argdex").unwrap();
    c.current_dir(dir).env_remove("ARGDEX_INDEX");
    c
}

const PAGE: &str = r#"<!doctype html><html><head>
<meta property="og:title" content="Allies in Asia">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2021-02-10T09:30:00Z">
<meta property="og:site_name" content="Example Council">
<link rel="canonical" href="https://example.org/allies">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<div class="l-sidebar-fixed"><p>Sign up for our newsletter to get the news every single morning.</p></div>
<div class="content-with-sidebar-wrp"><div class="entry">
<p>The alliance has served the region well for six decades and will go on serving it.</p>
<h2>What the deal includes</h2>
<ul><li>Joint exercises twice a year</li><li>A shared radar network</li></ul>
<p style="display:none">A hidden copy of the text that no reader of the page ever sees.</p>
<p>Its members still disagree about who should pay for the common defence of the region.</p>
</div></div></body></html>"#;

const NOTE: &str = "# Time for a Caucus\n\nBy Nicole Forrester\n\nThe alliance structure has served the United States and its allies well for the past six decades, and it will go on.\n";

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("page.html"), PAGE).unwrap();
    std::fs::write(dir.path().join("note.md"), NOTE).unwrap();
    dir
}

#[test]
fn html_page_metadata_and_body() {
    let dir = setup();
    let out = cmd(dir.path())
        .args(["text", "page.html"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let s = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        s,
        "path: page.html\ntitle: Allies in Asia\nauthors: Jane Doe\ndate: 2021-02-10 (day)\npublisher: Example Council\nurl: https://example.org/allies\ngenre: other\n\n\
The alliance has served the region well for six decades and will go on serving it.\n\n\
## What the deal includes\n\n- Joint exercises twice a year\n\n- A shared radar network\n\n\
Its members still disagree about who should pay for the common defence of the region.\n"
    );
}

#[test]
fn jsonl_one_object_per_file() {
    let dir = setup();
    let out = cmd(dir.path())
        .args(["text", "--format", "jsonl", "note.md", "page.html"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    let md = &lines[0];
    assert_eq!(md["path"], "note.md");
    assert_eq!(md["title"], "Time for a Caucus");
    assert_eq!(md["authors"], serde_json::json!(["Nicole Forrester"]));
    assert_eq!(md["date"], Value::Null);
    assert_eq!(md["date_precision"], Value::Null);
    assert_eq!(md["genre"], "opinion");
    assert_eq!(
        md["text"],
        "The alliance structure has served the United States and its allies well for the past six decades, and it will go on."
    );
    let html = &lines[1];
    let mut keys: Vec<&str> = html
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "authors",
            "date",
            "date_precision",
            "genre",
            "path",
            "publisher",
            "subtitle",
            "text",
            "title",
            "url"
        ]
    );
    assert_eq!(html["date"], "2021-02-10");
    assert_eq!(html["date_precision"], "day");
    assert_eq!(html["url"], "https://example.org/allies");
    let text = html["text"].as_str().unwrap();
    assert!(text.starts_with("The alliance has served"), "{text}");
    assert!(
        !text.contains("newsletter") && !text.contains("hidden copy"),
        "{text}"
    );
}

#[test]
fn unreadable_file_reported_others_printed() {
    let dir = setup();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let out = cmd(dir.path())
        .args(["text", "missing.html", "empty.txt", "note.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("missing.html"), "{err}");
    assert!(err.contains("empty.txt"), "{err}");
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.starts_with("path: note.md\ntitle: Time for a Caucus\n"),
        "{s}"
    );
    assert!(!s.contains("missing"), "{s}");
}

#[test]
fn no_file_is_a_usage_error() {
    let dir = setup();
    cmd(dir.path()).arg("text").assert().code(2);
}

#[test]
fn html_citations_name_the_extracted_text() {
    let dir = setup();
    cmd(dir.path())
        .args(["--index", "idx", "ingest", "-q", "page.html", "note.md"])
        .assert()
        .success();
    let out = cmd(dir.path())
        .args([
            "--index", "idx", "--color", "never", "query", "--all", "alliance",
        ])
        .env("COLUMNS", "200")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let s = String::from_utf8(out.stdout).unwrap();
    // The offsets of the page index its extracted text; those of the note, its bytes.
    let text = "The alliance has served the region well for six decades and will go on serving it.";
    assert!(
        s.contains(&format!("page.html#text:0-{}", text.len())),
        "{s}"
    );
    let start = NOTE.find("The alliance structure").unwrap();
    assert!(s.contains(&format!("note.md:{start}-")), "{s}");
}
