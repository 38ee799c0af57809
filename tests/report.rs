//! The HTML report (stage 5): run the real binary on a copy of `corpus/`, then PARSE the
//! HTML and check its structure: the theme × author matrix, cell data attributes,
//! citations on every claim, the embedded JSON, and no external resources.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;
use scraper::{Html, Selector};
use serde_json::Value;

mod common;

fn cmd(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("argdex").unwrap();
    c.current_dir(dir)
        .env_remove("ARGDEX_INDEX")
        .env("NO_COLOR", "1");
    c
}

fn corpus_env() -> tempfile::TempDir {
    common::corpus_env(cmd)
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn export(dir: &Path, args: &[&str]) -> Vec<Value> {
    let out = cmd(dir).arg("export").args(args).output().unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn report_structure_matrix_claims_and_no_external_resources() {
    let env = corpus_env();
    let dir = env.path();
    cmd(dir)
        .args(["report", "-o", "report.html"])
        .assert()
        .success();
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    let doc = Html::parse_document(&html);

    let claims = export(dir, &[]);
    let mut authors: BTreeSet<String> = BTreeSet::new();
    for c in &claims {
        let a = c["authors"].as_array().unwrap();
        if a.is_empty() {
            authors.insert("(no author)".into());
        }
        for x in a {
            authors.insert(x.as_str().unwrap().to_string());
        }
    }
    let meta: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(".argdex/argdex.json")).unwrap())
            .unwrap();
    let themes: Vec<String> = meta["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect();

    // The matrix: one column per theme, one row per author, cells with data attributes.
    let matrix = doc
        .select(&sel("table#matrix"))
        .next()
        .expect("matrix table");
    let cols: Vec<String> = matrix
        .select(&sel("thead th.theme"))
        .map(|th| th.value().attr("data-theme").unwrap().to_string())
        .collect();
    assert_eq!(cols, themes);
    let rows: BTreeSet<String> = matrix
        .select(&sel("tbody tr"))
        .map(|tr| tr.value().attr("data-author").unwrap().to_string())
        .collect();
    assert_eq!(rows, authors);
    assert_eq!(matrix.select(&sel("tbody tr")).count(), authors.len());
    let mut total = 0;
    for tr in matrix.select(&sel("tbody tr")) {
        let cells: Vec<_> = tr.select(&sel("td.cell")).collect();
        assert_eq!(cells.len(), themes.len());
        for (td, theme) in cells.iter().zip(&themes) {
            let v = td.value();
            assert_eq!(v.attr("data-theme"), Some(theme.as_str()));
            assert_eq!(v.attr("data-author"), tr.value().attr("data-author"));
            let n: usize = v.attr("data-count").unwrap().parse().unwrap();
            assert_eq!(td.text().collect::<String>().trim(), n.to_string());
            // The count agrees with the exported claims.
            let author = v.attr("data-author").unwrap();
            let expect = claims
                .iter()
                .filter(|c| {
                    c["themes"].as_array().unwrap().iter().any(|t| t == theme)
                        && (c["authors"].as_array().unwrap().iter().any(|a| a == author)
                            || (author == "(no author)"
                                && c["authors"].as_array().unwrap().is_empty()))
                })
                .count();
            assert_eq!(n, expect, "{author} × {theme}");
            total += n;
        }
    }
    assert!(total > 0);

    // Every listed claim has a citation; every claim is listed under each of its themes.
    let items: Vec<_> = doc.select(&sel("li.claim")).collect();
    let tagged: usize = claims
        .iter()
        .map(|c| c["themes"].as_array().unwrap().len().max(1))
        .sum();
    assert_eq!(items.len(), tagged);
    for li in &items {
        let cite = li
            .select(&sel(".cite"))
            .next()
            .expect("citation")
            .text()
            .collect::<String>();
        assert!(cite.contains('¶') && cite.contains("corpus/"), "{cite}");
    }
    // Evidence is highlighted.
    assert!(doc.select(&sel("li.claim mark")).count() > 0);

    // Overview: one row per document, with its title.
    assert_eq!(doc.select(&sel("table#documents tbody tr")).count(), 5);
    assert!(html.contains("Time for an Alliance Caucus"));
    // Search box and codebook fingerprint.
    assert!(doc.select(&sel("input#search")).next().is_some());
    let fp = doc
        .select(&sel("#codebook"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert_eq!(fp, meta["codebook"].as_str().unwrap());

    // The embedded JSON parses and holds every claim.
    let data = doc
        .select(&sel(r#"script[type="application/json"]#claims-data"#))
        .next()
        .expect("json block")
        .text()
        .collect::<String>();
    let v: Value = serde_json::from_str(&data).unwrap();
    assert_eq!(v["claims"].as_array().unwrap().len(), claims.len());

    // Self-contained: no external resources.
    for el in doc.select(&sel("[src], [href]")) {
        for attr in ["src", "href"] {
            if let Some(u) = el.value().attr(attr) {
                assert!(
                    !u.starts_with("http") && !u.starts_with("//"),
                    "external {attr}={u}"
                );
            }
        }
    }
    assert!(doc.select(&sel("link[rel=stylesheet]")).next().is_none());
}

#[test]
fn report_filters_and_escapes_document_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("evil.md"),
        "## **Allies </script><script>alert(1)</script> Must Pay** By Jane <b>Doe</b>\n\n\
         Japan and South Korea should raise defense spending to share the costs of deterrence </script><img src=http://x/y.png>.\n\n\
         Beijing will oppose any NATO-like alliance in Asia.\n",
    )
    .unwrap();
    cmd(dir.path())
        .args(["ingest", "-q", "evil.md"])
        .assert()
        .success();
    cmd(dir.path())
        .args(["report", "--theme", "burden-sharing", "-o", "r.html"])
        .assert()
        .success();
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    let doc = Html::parse_document(&html);
    // Exactly the two scripts of the template: the JSON block and the page script.
    assert_eq!(doc.select(&sel("script")).count(), 2);
    assert!(doc.select(&sel("img")).next().is_none());
    let data = doc
        .select(&sel("#claims-data"))
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    let v: Value = serde_json::from_str(&data).unwrap();
    let claims = v["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 1, "only burden-sharing claims: {claims:?}");
    assert!(claims[0]["text"].as_str().unwrap().contains("</script>"));
    assert!(html.contains("--theme burden-sharing"));

    // Nothing matched: exit 1, the file is still written.
    cmd(dir.path())
        .args(["report", "zyzzyva", "-o", "none.html"])
        .assert()
        .code(1);
    assert!(dir.path().join("none.html").is_file());
}

/// The cells of the heat map: (author, theme) -> count.
fn cells(html: &str) -> Vec<(String, String, usize)> {
    let doc = Html::parse_document(html);
    doc.select(&sel("table#matrix td.cell"))
        .map(|td| {
            let v = td.value();
            (
                v.attr("data-author").unwrap().to_string(),
                v.attr("data-theme").unwrap().to_string(),
                v.attr("data-count").unwrap().parse().unwrap(),
            )
        })
        .collect()
}

/// `--per-theme N` lists at most N claims per theme section (each claim once), while the
/// heat map and the section sizes still count every match, as the uncapped report does.
#[test]
fn report_per_theme_caps_the_lists_not_the_counts() {
    let env = corpus_env();
    let dir = env.path();
    for (n, file) in [("0", "all.html"), ("2", "capped.html")] {
        cmd(dir)
            .args(["report", "--per-theme", n, "-o", file])
            .assert()
            .success();
    }
    let all = std::fs::read_to_string(dir.join("all.html")).unwrap();
    let capped = std::fs::read_to_string(dir.join("capped.html")).unwrap();
    assert_eq!(cells(&all), cells(&capped));
    assert!(cells(&all).iter().any(|c| c.2 > 2), "a cell above the cap");

    let doc = Html::parse_document(&capped);
    let sections: Vec<_> = doc.select(&sel("section.theme-section")).collect();
    assert!(!sections.is_empty());
    let mut listed = BTreeSet::new();
    let mut capped_sections = 0;
    for s in &sections {
        let theme = s.value().attr("data-theme").unwrap();
        let items: Vec<_> = s.select(&sel("li.claim")).collect();
        assert!(items.len() <= 2, "{theme}: {} listed", items.len());
        let exported = export(dir, &["--theme", theme]).len();
        let heading = s
            .select(&sel("h3"))
            .next()
            .unwrap()
            .text()
            .collect::<String>();
        if theme != "(no theme)" && exported > 2 {
            capped_sections += 1;
            assert!(
                heading.contains(&format!("listed of {exported}")),
                "{theme}: {heading}"
            );
        }
        for li in items {
            listed.insert(li.value().attr("data-id").unwrap().to_string());
        }
    }
    assert!(capped_sections > 0);
    let claims = export(dir, &[]);
    assert!(listed.len() < claims.len());
}

/// Counts are per document, not per path: after a file is renamed (same content, so its
/// sentences keep the path they were indexed under), the heat map and a filtered `stats`
/// still credit its claims to its authors.
#[test]
fn counts_follow_a_renamed_file() {
    let env = corpus_env();
    let dir = env.path();
    let stats = |dir: &Path| {
        let out = cmd(dir)
            .args(["stats", "--theme", "burden-sharing", "--format", "csv"])
            .output()
            .unwrap();
        assert!(out.status.success());
        // The author rows (the document rows name the new path).
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .filter(|l| l.starts_with("author,"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let report = |dir: &Path| {
        cmd(dir).args(["report", "-o", "r.html"]).assert().success();
        cells(&std::fs::read_to_string(dir.join("r.html")).unwrap())
    };
    let (cells_before, stats_before) = (report(dir), stats(dir));
    assert!(cells_before.iter().any(|c| c.0 != "(no author)" && c.2 > 0));
    assert!(!stats_before.is_empty());
    let first = std::fs::read_dir(dir.join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    let renamed = first.with_file_name(format!(
        "renamed-{}",
        first.file_name().unwrap().to_string_lossy()
    ));
    std::fs::rename(&first, &renamed).unwrap();
    cmd(dir).args(["ingest", "-q", "corpus"]).assert().success();
    assert_eq!(report(dir), cells_before);
    assert_eq!(stats(dir), stats_before);
}
