//! Property tests (proptest) over the public pipeline API: segmentation spans, analysed
//! records and evidence offsets, and byte decoding, on realistic-but-hostile generated text
//! (abbreviations, quotes, ellipses, URLs, markdown markers, mixed line endings, NBSP,
//! emoji) and on arbitrary Unicode strings and bytes.
//!
//! Case counts are kept moderate (256 per property) so the suite stays fast in debug
//! builds; failure persistence is off — regressions found here or by `fuzz/` are pinned as
//! plain unit tests at the bottom of this file.

use std::path::Path;
use std::sync::LazyLock;

use argdex::codebook::Codebook;
use argdex::document::{self, Format, read};
use argdex::pipeline;
use argdex::segment::collapse_ws;
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;

static CODEBOOK: LazyLock<Codebook> = LazyLock::new(Codebook::builtin);

/// Pieces of commentary text, chosen to hit the sentence rules, the layout rules and the
/// codebook: abbreviations, quotes, ellipses, numbers, URLs, markers, line endings.
const FRAGMENTS: &[&str] = &[
    "The U.S.",
    "U.S.A.",
    "Dr.",
    "Mr. Smith",
    "Vol. 11-No. 16",
    "p. 55",
    "e.g.",
    "et al.",
    "a.m.",
    "Jan. 6",
    "alliance",
    "burden sharing",
    "cost-sharing",
    "deterrence",
    "China",
    "Japan and Australia",
    "should",
    "must",
    "may",
    "officials said",
    "the Quad",
    "NATO",
    "said",
    "peaceful and",
    "development",
    "\"Why?\"",
    "“No.”",
    "‘quoted’",
    "'single'",
    "\"",
    "“",
    "”",
    ".",
    "...",
    ". . .",
    "…",
    "!",
    "?",
    "?!",
    ":",
    ";",
    ",",
    "(Smith 55).",
    "$80.5 million",
    "¥7.9 trn.",
    "3.5%",
    "1951",
    "https://example.org/a.b?c=d.",
    "www.csis.org.",
    "jane.doe@example.com",
    "Ph.D.",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r\n\r\n",
    "\r",
    "\r\r",
    "\n \n",
    "\u{a0}",
    "\u{2028}",
    "\u{3000}",
    "\u{85}",
    "## ",
    "# ",
    "###### ",
    "- ",
    "* ",
    "+ ",
    "• ",
    "– ",
    "⁃9. ",
    "1. ",
    "2. ",
    "10) ",
    "a. ",
    "b) ",
    "II. ",
    "**",
    "*",
    "_",
    "**BOTTOM LINE:**",
    "By ",
    "Title: ",
    "Published ",
    "March 3, 2024",
    "Copyright 2024",
    "All rights reserved.",
    "北約",
    "é",
    "ß",
    "İstanbul",
    "Ωmega",
    "’",
    "—",
    "🙂",
    "👩‍👩‍👧",
    "\u{301}",
    "\u{200b}",
    "\u{feff}",
    // Footnote markers, missing spaces, fullwidth stops, single-quoted passages, brackets,
    // inline enumerations, company forms (the segment rules of issue 15).
    ".[1]",
    "[7][8]",
    ".11 12",
    ").10",
    "end.Then",
    "1,000.That",
    "．",
    "。",
    "！",
    "」",
    " 'we pay. We must.' ",
    "'Well!' ",
    " ‘quoted. Passage’ ",
    "[16: firma? 13:28]",
    "[",
    "]",
    "(a) ",
    "(b) ",
    "c.) ",
    "w) ",
    "x) ",
    "GmbH & Co. KG",
    "Millions",
];

/// One fragment: mostly from the list, sometimes a short arbitrary string.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::sample::select(FRAGMENTS).prop_map(str::to_string),
        1 => "\\PC{0,4}",
        1 => any::<String>().prop_map(|s| s.chars().take(6).collect()),
    ]
}

/// Realistic-but-hostile text: fragments joined by nothing or a space.
fn hostile_text() -> impl Strategy<Value = String> {
    proptest::collection::vec((fragment(), any::<bool>()), 0..80).prop_map(|parts| {
        let mut t = String::new();
        for (p, space) in parts {
            t.push_str(&p);
            if space {
                t.push(' ');
            }
        }
        t
    })
}

/// Hostile text or an arbitrary Unicode string.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![3 => hostile_text(), 1 => any::<String>()]
}

/// 256 cases per property; `PROPTEST_CASES=N` runs more locally.
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Is `c` part of a line-start list or heading marker (`## `, `- `, `• `, `12. `, `3) `)?
fn marker_char(c: char) -> bool {
    c.is_whitespace() || c.is_ascii_digit() || "#-*+•–.)".contains(c)
}

/// Segmentation invariants: spans in bounds, on char boundaries, ordered, non-overlapping,
/// non-empty; `text` is the collapsed span; the only non-whitespace characters left out
/// are line-start list or heading markers.
fn check_segmentation(t: &str) -> Result<(), TestCaseError> {
    let sents = pipeline::segment_text(t);
    let mut covered = vec![false; t.len()];
    let mut prev = 0;
    for s in &sents {
        prop_assert!(s.start < s.end && s.end <= t.len(), "bad span {s:?}");
        prop_assert!(s.start >= prev, "overlap at {s:?}");
        prop_assert!(t.is_char_boundary(s.start) && t.is_char_boundary(s.end));
        prop_assert_eq!(&s.text, &collapse_ws(&t[s.start..s.end]));
        prop_assert!(!s.text.is_empty(), "empty sentence {s:?}");
        covered[s.start..s.end].iter_mut().for_each(|c| *c = true);
        prev = s.end;
    }
    for (i, c) in t.char_indices() {
        if c.is_whitespace() || covered[i] {
            continue;
        }
        let line_start = t[..i].rfind(['\n', '\r']).map_or(0, |p| p + 1);
        let prefix = &t[line_start..i + c.len_utf8()];
        prop_assert!(
            prefix.chars().all(marker_char),
            "lost {:?} at byte {} (line prefix {:?})",
            c,
            i,
            prefix
        );
    }
    // The sentence texts, concatenated, are the covered non-whitespace characters in order.
    let from_sents: String = sents
        .iter()
        .flat_map(|s| s.text.chars())
        .filter(|c| !c.is_whitespace())
        .collect();
    let from_text: String = t
        .char_indices()
        .filter(|&(i, c)| covered[i] && !c.is_whitespace())
        .map(|(_, c)| c)
        .collect();
    prop_assert_eq!(from_sents, from_text);
    Ok(())
}

/// Record invariants for a parsed document.
fn check_document(doc: &document::Document) -> Result<(), TestCaseError> {
    let t = &doc.text;
    let records = pipeline::analyze(doc, "id", &CODEBOOK);
    let mut prev_end = 0;
    let mut prev_para = 0;
    for (n, r) in records.iter().enumerate() {
        prop_assert_eq!(r.sentence, n, "sentence numbers must count up from 0 by 1");
        prop_assert!(r.paragraph >= prev_para, "paragraphs out of order");
        prev_para = r.paragraph;
        prop_assert!(r.start >= doc.offset_base && r.end >= r.start);
        let (s, e) = (r.start - doc.offset_base, r.end - doc.offset_base);
        prop_assert!(s < e && e <= t.len(), "span {}..{} out of bounds", s, e);
        prop_assert!(t.is_char_boundary(s) && t.is_char_boundary(e));
        prop_assert!(s >= prev_end, "records overlap or go backwards at {}", s);
        prev_end = e;
        prop_assert_eq!(&r.text, &collapse_ws(&t[s..e]));
        for ev in &r.evidence {
            prop_assert!(ev.start <= ev.end && ev.end <= r.text.len(), "{ev:?}");
            prop_assert!(r.text.is_char_boundary(ev.start) && r.text.is_char_boundary(ev.end));
            prop_assert_eq!(&r.text[ev.start..ev.end], ev.matched.as_str());
            prop_assert!(r.themes.contains(&ev.theme), "evidence theme not in themes");
        }
        prop_assert!(
            r.themes.windows(2).all(|w| w[0] < w[1]),
            "themes not sorted"
        );
        for theme in &r.themes {
            prop_assert!(
                r.evidence.iter().any(|ev| &ev.theme == theme),
                "theme {} without evidence",
                theme
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// `segment_text` on hostile and arbitrary text: see [`check_segmentation`].
    #[test]
    fn segment_text_spans_exact_and_lossless(t in any_text()) {
        check_segmentation(&t)?;
    }

    /// Same text, every line ending style: LF, CRLF and lone CR give the same sentences.
    #[test]
    fn segment_text_line_endings_agree(t in hostile_text()) {
        let lf = t.replace("\r\n", "\n").replace('\r', "\n");
        let crlf = lf.replace('\n', "\r\n");
        let cr = lf.replace('\n', "\r");
        let texts = |s: &str| -> Vec<String> {
            pipeline::segment_text(s).into_iter().map(|x| x.text).collect()
        };
        let want = texts(&lf);
        prop_assert_eq!(&texts(&crlf), &want);
        prop_assert_eq!(&texts(&cr), &want);
        check_segmentation(&crlf)?;
        check_segmentation(&cr)?;
    }

    /// `parse` (every format) then `analyze` with the built-in codebook: records in bounds,
    /// char-aligned, ordered, collapsed text, sentence numbers 0,1,2..., evidence spans exact,
    /// themes sorted and backed by evidence. Never panics.
    #[test]
    fn parse_analyze_records_consistent(t in any_text()) {
        for format in [Format::Text, Format::Markdown, Format::Html] {
            let doc = document::parse("prop.txt", t.clone(), 0, format);
            prop_assert_eq!(doc.offset_base, 0);
            check_document(&doc)?;
        }
    }

    /// `decode` on arbitrary bytes never panics; on success the text is non-blank and
    /// `offset_base` is within the input.
    #[test]
    fn decode_arbitrary_bytes(
        prefix in proptest::sample::select(vec![
            &b""[..], b"\xEF\xBB\xBF", b"\xFF\xFE", b"\xFE\xFF", b"\xEF\xBB",
        ]),
        bytes in proptest::collection::vec(any::<u8>(), 0..512),
    ) {
        let mut input = prefix.to_vec();
        input.extend_from_slice(&bytes);
        if let Ok(d) = read::decode(Path::new("prop.txt"), &input) {
            prop_assert!(d.offset_base <= input.len());
            prop_assert!(!d.text.trim().is_empty());
            if let Ok(s) = std::str::from_utf8(&input[d.offset_base..]) {
                prop_assert_eq!(d.text.as_str(), s);
            }
        }
    }

    /// Hostile text encoded as UTF-8 (with or without BOM) or UTF-16: decode, parse, analyze;
    /// record offsets are file offsets (`offset_base` added).
    #[test]
    fn decode_parse_analyze(t in hostile_text(), enc in 0u8..4) {
        // A leading U+FEFF in plain UTF-8 is a BOM and is stripped, as it should be.
        prop_assume!(!(enc == 0 && t.starts_with('\u{feff}')));
        let bytes: Vec<u8> = match enc {
            0 => t.as_bytes().to_vec(),
            1 => [&b"\xEF\xBB\xBF"[..], t.as_bytes()].concat(),
            2 => [0xFF, 0xFE].into_iter().chain(t.encode_utf16().flat_map(u16::to_le_bytes)).collect(),
            _ => [0xFE, 0xFF].into_iter().chain(t.encode_utf16().flat_map(u16::to_be_bytes)).collect(),
        };
        match read::decode(Path::new("prop.txt"), &bytes) {
            Ok(d) => {
                prop_assert_eq!(d.text.as_str(), t.as_str());
                prop_assert_eq!(d.offset_base, if enc == 1 { 3 } else { 0 });
                let doc = document::parse("prop.txt", d.text, d.offset_base, Format::Text);
                check_document(&doc)?;
            }
            Err(_) => prop_assert!(t.trim().is_empty() || t.contains('\0')),
        }
    }
}
