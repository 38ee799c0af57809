//! Fuzz target: arbitrary text → `Codebook::from_toml`. Must not panic (bad TOML, bad
//! regexes, odd spans in error positions); when it parses, tagging a few fixed sentences
//! must not panic and evidence spans must be exact.

#![no_main]

use argdex::codebook::Codebook;
use libfuzzer_sys::fuzz_target;

const SENTENCES: &[&str] = &[
    "The U.S. should share the defense burden with Japan and Australia.",
    "China may respond; officials said the treaty is informal.",
    "",
    "Ünïcödé 北約 🙂 — “quoted” text, $80.5 million.",
];

fuzz_target!(|src: &str| {
    let Ok(cb) = Codebook::from_toml(src, "fuzz.toml") else {
        return;
    };
    let _ = cb.fingerprint();
    let _ = cb.theme_ids();
    let tags = cb.tag_paragraph(SENTENCES);
    assert_eq!(tags.len(), SENTENCES.len());
    for (s, t) in SENTENCES.iter().zip(&tags) {
        for ev in &t.evidence {
            assert_eq!(s.get(ev.start..ev.end), Some(ev.matched.as_str()));
        }
    }
});
