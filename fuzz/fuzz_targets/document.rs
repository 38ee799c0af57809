//! Fuzz target: arbitrary bytes → `read::decode` → `document::parse` (every `Format`) →
//! `pipeline::analyze` with the built-in codebook. Never panics; records are in bounds and
//! char-aligned in the decoded text (after removing `offset_base`), ordered, their text is
//! the collapsed span, sentence numbers count 0, 1, 2, ...; evidence spans are exact and
//! every theme (sorted) has evidence.

#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use argdex::codebook::Codebook;
use argdex::document::{self, Format, read};
use argdex::pipeline;
use argdex::segment::collapse_ws;
use libfuzzer_sys::fuzz_target;

static CODEBOOK: LazyLock<Codebook> = LazyLock::new(Codebook::builtin);

fn check(doc: &document::Document) {
    let t = &doc.text;
    let records = pipeline::analyze(doc, "id", &CODEBOOK);
    let mut prev_end = 0;
    let mut prev_para = 0;
    for (n, r) in records.iter().enumerate() {
        assert_eq!(r.sentence, n);
        assert!(r.paragraph >= prev_para, "paragraphs out of order");
        prev_para = r.paragraph;
        assert!(r.start >= doc.offset_base && r.end >= r.start);
        let (s, e) = (r.start - doc.offset_base, r.end - doc.offset_base);
        assert!(s < e && e <= t.len(), "span {s}..{e} out of bounds");
        assert!(t.is_char_boundary(s) && t.is_char_boundary(e));
        assert!(s >= prev_end, "records overlap or go backwards at {s}");
        prev_end = e;
        assert_eq!(r.text, collapse_ws(&t[s..e]));
        for ev in &r.evidence {
            assert!(ev.start <= ev.end && ev.end <= r.text.len(), "{ev:?}");
            assert!(r.text.is_char_boundary(ev.start) && r.text.is_char_boundary(ev.end));
            assert_eq!(&r.text[ev.start..ev.end], ev.matched);
            assert!(r.themes.contains(&ev.theme));
        }
        assert!(
            r.themes.windows(2).all(|w| w[0] < w[1]),
            "themes not sorted"
        );
        for theme in &r.themes {
            assert!(r.evidence.iter().any(|ev| &ev.theme == theme));
        }
    }
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(d) = read::decode(Path::new("fuzz.txt"), bytes) else {
        return;
    };
    assert!(d.offset_base <= bytes.len());
    for format in [Format::Text, Format::Markdown, Format::Html] {
        let doc = document::parse("fuzz.txt", d.text.clone(), d.offset_base, format);
        check(&doc);
    }
});
