//! Library-level tests of stage 1 (`argdex::document::load`): metadata, boilerplate removal,
//! front matter, sidecars and HTML on the seed corpus and on fixtures in
//! `tests/fixtures/docs/` written to look like documents as analysts collect them.

use std::path::{Path, PathBuf};

use argdex::document::metadata::Source;
use argdex::document::{Document, load, sidecar_path};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> Document {
    let p = root().join("tests/fixtures/docs").join(name);
    load(&p, name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn body(doc: &Document) -> Vec<&str> {
    doc.body.iter().map(|b| b.text(&doc.text)).collect()
}

/// Body ranges (plus `offset_base`) are exact byte ranges of the file.
fn assert_offsets_exact(name: &str, doc: &Document) {
    let bytes = std::fs::read(root().join("tests/fixtures/docs").join(name)).unwrap_or_default();
    for b in &doc.body {
        let s = doc.offset_base + b.start;
        let e = doc.offset_base + b.end;
        assert_eq!(
            &bytes[s..e],
            b.text(&doc.text).as_bytes(),
            "{name}: block at line {}",
            b.line
        );
    }
}

fn no_body_contains(doc: &Document, needles: &[&str]) {
    for b in body(doc) {
        for n in needles {
            assert!(
                !b.contains(n),
                "{}: body block {b:?} contains {n:?}",
                doc.path
            );
        }
    }
}

#[test]
fn seed_corpus_metadata_table() {
    // (file prefix, title, authors, date, publisher)
    type Row<'a> = (
        &'a str,
        Option<&'a str>,
        &'a [&'a str],
        Option<&'a str>,
        Option<&'a str>,
    );
    let want: &[Row] = &[
        (
            "000_",
            Some("Time for an Alliance Caucus"),
            &["Nicole Forrester"],
            None,
            Some("Pacific Forum"),
        ),
        ("001_", None, &["Chen Ping-kuei"], Some("2020-10-02"), None),
        ("002_", None, &[], None, Some("gmfus.org")),
        (
            "003_",
            Some("Opportunity knocks for NATO and its partners in the Asia-Pacific"),
            &["Mirna Galic"],
            None,
            Some("Atlantic Council"),
        ),
        (
            "004_",
            Some("A NATO In Asia? Not Going to Happen"),
            &["Zhuoran Li"],
            Some("2020-12-29"),
            None,
        ),
    ];
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("corpus"))
        .expect("corpus/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    for (prefix, title, authors, date, publisher) in want {
        let path = files
            .iter()
            .find(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(prefix))
            })
            .unwrap_or_else(|| panic!("no corpus file {prefix}*"));
        let doc = load(path, &path.display().to_string()).expect("load");
        let m = &doc.meta;
        assert_eq!(m.title.as_deref(), *title, "{prefix} title");
        assert_eq!(m.authors, *authors, "{prefix} authors");
        assert_eq!(m.date.as_deref(), *date, "{prefix} date");
        assert_eq!(m.publisher.as_deref(), *publisher, "{prefix} publisher");
        assert!(doc.errors.is_empty(), "{prefix}: {:?}", doc.errors);
        for b in &doc.body {
            let raw = std::fs::read(path).unwrap_or_default();
            assert_eq!(
                &raw[doc.offset_base + b.start..doc.offset_base + b.end],
                b.text(&doc.text).as_bytes()
            );
        }
    }
}

#[test]
fn swarajya_style_pipe_byline_published_date_copyright_footer() {
    let d = fixture("swarajya.txt");
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Why India Should Keep The Quad Informal")
    );
    assert_eq!(d.meta.authors, ["Harsh Kumar Singh"]);
    assert_eq!(d.meta.date.as_deref(), Some("2016-05-03"));
    assert_eq!(d.meta.publisher.as_deref(), Some("Swarajya"));
    assert_eq!(d.meta.year, Some(2016));
    // The dek is body text; "Also Read" and the footer are not.
    let b = body(&d);
    assert_eq!(b.len(), 4, "{b:#?}");
    assert!(b[0].starts_with("New Delhi gains more"));
    no_body_contains(&d, &["Also Read", "(c) 2016", "Published:"]);
    assert_offsets_exact("swarajya.txt", &d);
}

#[test]
fn pacnet_style_series_title_byline_bio_disclaimer() {
    let d = fixture("pacnet.md");
    assert_eq!(
        d.meta.title.as_deref(),
        Some("The Quad Needs a Secretariat")
    );
    assert_eq!(d.meta.authors, ["Jane Doe", "John Roe"]);
    assert_eq!(d.meta.sources["authors"], Source::Byline);
    assert_eq!(d.meta.date.as_deref(), Some("2021-02-12"));
    assert_eq!(d.meta.publisher.as_deref(), Some("Pacific Forum"));
    assert_eq!(body(&d).len(), 3, "{:#?}", body(&d));
    no_body_contains(
        &d,
        &[
            "nonresident fellow",
            "respective authors",
            "Click here",
            "###",
        ],
    );
    assert_offsets_exact("pacnet.md", &d);
}

#[test]
fn atlantic_council_style_html_page() {
    let d = fixture("atlantic.html");
    let m = &d.meta;
    assert_eq!(
        m.title.as_deref(),
        Some("Partners in the Pacific: What NATO should offer next")
    );
    assert_eq!(m.authors, ["Ann Lee", "Bo Kim"]);
    assert_eq!(m.date.as_deref(), Some("2021-06-08"));
    assert_eq!(m.publisher.as_deref(), Some("Atlantic Council"));
    assert_eq!(
        m.url.as_deref(),
        Some("https://www.atlanticcouncil.org/blogs/new-atlanticist/partners-in-the-pacific/")
    );
    assert_eq!(m.sources["title"], Source::HtmlMeta);
    assert_eq!(d.offset_base, 0);
    let b = body(&d);
    // The in-article heading is body text in a web page (`web-page-in-article-line`).
    assert_eq!(b.len(), 6, "{b:#?}");
    assert!(b[0].starts_with("NATO’s partners in the Asia-Pacific"));
    assert_eq!(b[2], "A shared agenda");
    assert!(b[4].starts_with("Regular consultations on China"));
    no_body_contains(
        &d,
        &[
            "Home",
            "Search",
            "REUTERS",
            "Leaders at the summit",
            "Related",
            "nonresident senior fellow",
            "Further reading",
            "All rights",
            "track()",
            "font-weight",
            "NewsArticle",
            "By Ann",
        ],
    );
}

#[test]
fn markdown_yaml_front_matter_wins_over_rules() {
    let d = fixture("yaml_front.md");
    let m = &d.meta;
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    assert_eq!(
        m.title.as_deref(),
        Some("Deterrence in the Taiwan Strait: The Allies' Role")
    );
    assert_eq!(m.authors, ["Mei Tanaka", "Lars Berg"]);
    assert_eq!(m.date.as_deref(), Some("2022-08-15"));
    assert_eq!(m.publisher.as_deref(), Some("Example Review"));
    assert_eq!(
        m.url.as_deref(),
        Some("https://example.org/taiwan-deterrence")
    );
    assert_eq!(m.tags, ["Taiwan", "deterrence"]);
    assert_eq!(m.sources["authors"], Source::FrontMatter);
    let b = body(&d);
    assert_eq!(b.len(), 2, "{b:#?}");
    no_body_contains(&d, &["title:", "---", "By Somebody"]);
    assert_offsets_exact("yaml_front.md", &d);
    assert!(d.body[0].line > 10);
}

#[test]
fn text_toml_front_matter() {
    let d = fixture("toml_front.txt");
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Burden Sharing After the Pandemic")
    );
    assert_eq!(d.meta.authors, ["Priya Nair"]);
    assert_eq!(d.meta.date.as_deref(), Some("2021-01-20"));
    assert_eq!(d.meta.tags, ["NATO", "budgets"]);
    assert_eq!(body(&d).len(), 2, "{:#?}", body(&d));
    assert_offsets_exact("toml_front.txt", &d);
}

#[test]
fn json_sidecar_wins_over_rules() {
    let d = fixture("with_json_sidecar.txt");
    let m = &d.meta;
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    assert_eq!(
        m.title.as_deref(),
        Some("A Quad Without Illusions (sidecar)")
    );
    assert_eq!(m.authors, ["Sara Side", "Carl Car"]);
    assert_eq!(m.date.as_deref(), Some("2021-03-03"));
    assert_eq!(m.publisher.as_deref(), Some("Sidecar Press"));
    assert_eq!(m.sources["title"], Source::Sidecar);
    assert_eq!(body(&d).len(), 1);
    let p = root().join("tests/fixtures/docs/with_json_sidecar.txt");
    assert_eq!(
        sidecar_path(&p),
        Some(root().join("tests/fixtures/docs/with_json_sidecar.meta.json"))
    );
}

#[test]
fn toml_sidecar_wins_over_front_matter() {
    let d = fixture("with_toml_sidecar.md");
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    assert_eq!(d.meta.title.as_deref(), Some("Sidecar Title"));
    assert_eq!(d.meta.authors, ["Sam Sidecar"]);
    assert_eq!(d.meta.date.as_deref(), Some("2019-11-30"));
    assert_eq!(body(&d).len(), 1);
    assert_offsets_exact("with_toml_sidecar.md", &d);
}

#[test]
fn broken_front_matter_is_an_error_with_line_and_rules_still_apply() {
    let d = fixture("broken_front.md");
    assert_eq!(d.errors.len(), 1, "{:?}", d.errors);
    let e = &d.errors[0];
    assert!(e.starts_with("broken_front.md:"), "{e}");
    let line: usize = e
        .split(':')
        .nth(1)
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    assert!((3..=5).contains(&line), "{e}");
    assert_eq!(d.meta.title.as_deref(), Some("An Asian NATO Is Not Coming"));
    assert_eq!(d.meta.authors, ["Kim Ho", "Lee Ra"]);
    assert_eq!(body(&d).len(), 1, "{:#?}", body(&d));
    no_body_contains(&d, &["authors:", "---"]);
    assert_offsets_exact("broken_front.md", &d);
}

#[test]
fn broken_sidecar_is_an_error_with_line_and_rules_still_apply() {
    let d = fixture("broken_sidecar.txt");
    assert_eq!(d.errors.len(), 1, "{:?}", d.errors);
    assert!(
        d.errors[0].contains("broken_sidecar.meta.json:3:"),
        "{:?}",
        d.errors
    );
    assert_eq!(
        d.meta.title.as_deref(),
        Some("The Limits of Minilateralism")
    );
    assert_eq!(d.meta.date.as_deref(), Some("2020-10-02"));
    assert_eq!(body(&d).len(), 1);
}

#[test]
fn three_author_byline_iso_date_and_captions() {
    let d = fixture("bylines_captions.txt");
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Japan Rethinks Its Defence Posture")
    );
    assert_eq!(d.meta.authors, ["Aiko Sato", "Ben Carter", "Chloe Dubois"]);
    assert_eq!(d.meta.date.as_deref(), Some("2021-04-09"));
    assert_eq!(body(&d).len(), 2, "{:#?}", body(&d));
    no_body_contains(
        &d,
        &[
            "Pictured",
            "Scroll down",
            "REUTERS",
            "Related:",
            "Image:",
            "Applications",
        ],
    );
    assert_offsets_exact("bylines_captions.txt", &d);
}

#[test]
fn leading_bio_gives_author_and_publisher_trailing_date_line() {
    let d = fixture("bio_first.txt");
    assert_eq!(d.meta.title, None);
    assert_eq!(d.meta.authors, ["Dana Whitfield"]);
    assert_eq!(d.meta.sources["authors"], Source::Bio);
    assert_eq!(d.meta.publisher.as_deref(), Some("Lowy Institute"));
    assert_eq!(d.meta.date.as_deref(), Some("2021-12-01"));
    assert_eq!(body(&d).len(), 2, "{:#?}", body(&d));
    assert_offsets_exact("bio_first.txt", &d);
}

#[test]
fn no_sidecar_for_plain_files() {
    assert_eq!(sidecar_path(Path::new("/nonexistent/dir/x.txt")), None);
    assert_eq!(
        sidecar_path(&root().join("tests/fixtures/docs/swarajya.txt")),
        None
    );
}

/// Every document fixture and seed commentary loads with body blocks whose ranges are
/// exact: inside the decoded text, non-empty, and, for text and Markdown, the very bytes
/// of the file. Also a debug aid: `ARGDEX_DOC=a.txt,b.md cargo test --test documents
/// show_doc -- --nocapture` checks and prints those files instead.
#[test]
fn show_doc() {
    let paths: Vec<PathBuf> = match std::env::var("ARGDEX_DOC") {
        Ok(p) => p.split(',').map(PathBuf::from).collect(),
        Err(_) => ["tests/fixtures/docs", "corpus"]
            .iter()
            .flat_map(|d| std::fs::read_dir(root().join(d)).unwrap())
            .map(|e| e.unwrap().path())
            .filter(|p| argdex::document::Format::from_path(p).is_some())
            .filter(|p| !p.to_string_lossy().contains(".meta."))
            .collect(),
    };
    assert!(!paths.is_empty());
    let mut with_body = 0;
    for p in &paths {
        let label = p.display().to_string();
        let d = load(p, &label).unwrap_or_else(|e| panic!("{label}: {e}"));
        println!(
            "== {label}\n{:#?}\nerrors: {:?}\nwarnings: {:?}",
            d.meta, d.errors, d.warnings
        );
        let bytes = std::fs::read(p).unwrap();
        let html = argdex::document::Format::from_path(p) == Some(argdex::document::Format::Html);
        for b in &d.body {
            println!("  [{} {:?}] {}", b.line, b.kind, b.text(&d.text));
            assert!(b.start < b.end && b.end <= d.text.len(), "{label}: {b:?}");
            assert!(!b.text(&d.text).trim().is_empty(), "{label}: empty {b:?}");
            if !html {
                let (s, e) = (d.offset_base + b.start, d.offset_base + b.end);
                assert_eq!(
                    &bytes[s..e],
                    b.text(&d.text).as_bytes(),
                    "{label}: block at line {}",
                    b.line
                );
            }
        }
        with_body += usize::from(!d.body.is_empty());
    }
    // Only a page without an article may come out empty.
    assert!(
        with_body + 1 >= paths.len(),
        "{with_body} of {}",
        paths.len()
    );
}

/// No input makes `parse` panic: every fixture and seed, cut at many points, in every format.
#[test]
fn never_panics_on_truncated_or_odd_inputs() {
    use argdex::document::{Format, parse};
    let mut texts: Vec<String> = [
        "",
        "---",
        "---\n",
        "---\n---",
        "+++\n+++\n",
        "---\ntitle: [\n---\n",
        "+++\nx = \n+++",
        "\u{feff}",
        "By ",
        "(c)",
        "© ",
        "—",
        "## **",
        "**",
        "* *",
        "<",
        "<html>",
        "é\n\né",
        "---\ntitle: é\n---\r\n\r\nBody é.",
        "Name | ",
        "date 2020-02-30 x",
        "2020-13-01",
        "Tuesday, 31 June 2021",
        "\r\r\n\n\r",
        "http://",
        "A B is a fellow at",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for dir in ["corpus", "tests/fixtures/docs"] {
        for e in std::fs::read_dir(root().join(dir))
            .into_iter()
            .flatten()
            .flatten()
        {
            if let Ok(t) = std::fs::read_to_string(e.path()) {
                let cuts: Vec<usize> = t.char_indices().map(|(i, _)| i).step_by(251).collect();
                for c in cuts {
                    texts.push(t[..c].to_string());
                    texts.push(t[c..].to_string());
                }
            }
        }
    }
    for t in &texts {
        for f in [Format::Text, Format::Markdown, Format::Html] {
            let d = parse("x", t.clone(), 0, f);
            for b in &d.body {
                assert!(d.text.get(b.start..b.end).is_some());
            }
        }
    }
}

#[test]
fn site_name_section_line_standfirst_and_paywall_note() {
    let d = fixture("diplomat_style.txt");
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Why Japan Won't Join an Asian NATO")
    );
    assert_eq!(d.meta.authors, ["Kenji Watanabe"]);
    assert_eq!(d.meta.date.as_deref(), Some("2021-01-05"));
    assert_eq!(
        d.meta.publisher.as_deref(),
        Some("Tokyo Foundation for Policy Research")
    );
    // The dek between the title and the byline is a standfirst: furniture, not body.
    let b = body(&d);
    assert_eq!(b.len(), 2, "{b:#?}");
    assert!(b[0].starts_with("Japan has deepened"));
    no_body_contains(
        &d,
        &[
            "The Diplomat",
            "Credit:",
            "Click here",
            "research fellow",
            "Tokyo's constitutional limits",
        ],
    );
    assert_offsets_exact("diplomat_style.txt", &d);
}

#[test]
fn emphasised_name_pipe_date_markdown_image_and_italic_bio() {
    let d = fixture("pipe_byline_emphasis.md");
    assert_eq!(
        d.meta.title.as_deref(),
        Some("NATO Should Stay Out of the Pacific")
    );
    assert_eq!(d.meta.authors, ["Emma Larsen"]);
    assert_eq!(d.meta.date.as_deref(), Some("2022-03-02"));
    assert_eq!(body(&d).len(), 2, "{:#?}", body(&d));
    no_body_contains(&d, &["![", "Image:", "senior analyst", "Become a Member"]);
    assert_offsets_exact("pipe_byline_emphasis.md", &d);
}

#[test]
fn html_without_article_element_uses_body_minus_furniture() {
    let d = fixture("wordpress_no_article.htm");
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Why the Quad Should Stay Informal")
    );
    assert_eq!(d.meta.authors, ["Rohan Iyer"]);
    assert_eq!(d.meta.date.as_deref(), Some("2021-03-03"));
    let b = body(&d);
    assert_eq!(b.len(), 2, "{b:#?}");
    assert!(b[0].ends_with("move at its own pace."), "{b:?}");
    assert!(b[1].ends_with("propaganda gift."), "{b:?}");
    no_body_contains(
        &d,
        &[
            "Archive",
            "Recent posts",
            "Nice post",
            "Share this",
            "Copyright",
            "Photo:",
            "senior fellow",
        ],
    );
}

#[test]
fn bom_crlf_front_matter_offsets_are_file_offsets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("crlf.md");
    let text = "\u{feff}---\r\ntitle: Crlf Title\r\nauthor: Ann Lee\r\n---\r\n\r\n# Crlf Title\r\n\r\nThe alliance has served the region well for decades, and its members should keep it that way.\r\n\r\nÉlan matters: the partners must coordinate more closely on China.\r\n";
    std::fs::write(&p, text).expect("write");
    let d = load(&p, "crlf.md").expect("load");
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    assert_eq!(d.meta.title.as_deref(), Some("Crlf Title"));
    assert_eq!(d.meta.authors, ["Ann Lee"]);
    assert_eq!(d.offset_base, 3);
    let bytes = text.as_bytes();
    assert_eq!(d.body.len(), 2);
    for b in &d.body {
        assert_eq!(
            &bytes[d.offset_base + b.start..d.offset_base + b.end],
            b.text(&d.text).as_bytes()
        );
    }
    assert_eq!(d.body[0].line, 8);
    // A sidecar next to it wins, and is found by `sidecar_path`.
    std::fs::write(
        dir.path().join("crlf.meta.json"),
        r#"{"author": ["Bo Kim"]}"#,
    )
    .expect("write");
    assert!(sidecar_path(&p).is_some());
    assert_eq!(load(&p, "crlf.md").expect("load").meta.authors, ["Bo Kim"]);
}

/// An invalid UTF-8 byte before a sentence does not shift that sentence's offsets: each bad
/// byte is read as one `?`, so body ranges stay byte ranges of the file.
#[test]
fn invalid_byte_before_a_sentence_keeps_its_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("latin1.txt");
    let bytes =
        b"Caf\xe9 diplomacy will fail, the minister warned.\n\nAllies must pay more for their own defense.\n";
    std::fs::write(&p, bytes).unwrap();
    let doc = load(&p, "latin1.txt").unwrap();
    assert!(
        doc.warnings.iter().any(|w| w.contains("byte 3")),
        "{:?}",
        doc.warnings
    );
    let last = doc.body.last().expect("a body block");
    let (s, e) = (doc.offset_base + last.start, doc.offset_base + last.end);
    assert_eq!(&bytes[s..e], b"Allies must pay more for their own defense.");
    assert_eq!(
        last.text(&doc.text),
        "Allies must pay more for their own defense."
    );
}
