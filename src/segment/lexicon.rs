//! Stage 2 (sentences), data: the abbreviation lexicon and the list of words that
//! typically open a sentence. The rules in `rules.rs` consult these tables when a period is
//! followed by whitespace; nothing here is code-path logic.

use std::collections::HashMap;
use std::sync::LazyLock;

/// How an abbreviation behaves when its period is followed by more text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Precedes a name (`Dr. Smith`, `Lt. Col. Jones`, `St. Michael's`): glued unless a
    /// sentence-opening function word follows (`on Main St. The ...`).
    Title,
    /// Never ends a sentence in practice (`cf.`, `vs.`, `e.g.`, `i.e.`, `approx.`).
    Inline,
    /// Precedes a number (`p. 55`, `No. 16`, `Vol. 11`, `Art. 5`): glued before a digit or a
    /// roman numeral, otherwise an ordinary word (`I said no. Then ...`).
    NumRef,
    /// Month (`Jan. 6`, `Sept. 11`): glued before a digit.
    Month,
    /// May end a sentence (`etc.`, `& Co.`, `Inc.`, `Jr.`, `et al.`): breaks before a capital.
    MayEnd,
    /// Clock time (`a.m.`, `p.m.`): breaks before a capital unless the sentence so far is a
    /// fronted time phrase (`At 5 a.m. Mr. Smith ...`).
    Time,
}

/// The lexicon: lower-cased abbreviation without its final period, and its kind.
pub const LEXICON: &[(&str, Kind)] = &[
    // Titles and ranks.
    ("mr", Kind::Title),
    ("mrs", Kind::Title),
    ("ms", Kind::Title),
    ("messrs", Kind::Title),
    ("mme", Kind::Title),
    ("dr", Kind::Title),
    ("prof", Kind::Title),
    ("sen", Kind::Title),
    ("sens", Kind::Title),
    ("rep", Kind::Title),
    ("reps", Kind::Title),
    ("gen", Kind::Title),
    ("lt", Kind::Title),
    ("col", Kind::Title),
    ("maj", Kind::Title),
    ("brig", Kind::Title),
    ("adm", Kind::Title),
    ("cmdr", Kind::Title),
    ("capt", Kind::Title),
    ("sgt", Kind::Title),
    ("cpl", Kind::Title),
    ("pvt", Kind::Title),
    ("amb", Kind::Title),
    ("pres", Kind::Title),
    ("sec", Kind::Title),
    ("secy", Kind::Title),
    ("gov", Kind::Title),
    ("rev", Kind::Title),
    ("hon", Kind::Title),
    ("fr", Kind::Title),
    ("st", Kind::Title),
    ("mt", Kind::Title),
    ("ft", Kind::Title),
    ("dept", Kind::Title),
    ("univ", Kind::Title),
    ("assn", Kind::Title),
    ("ave", Kind::Title),
    ("ret", Kind::Title),
    // Inline references and Latin abbreviations.
    ("cf", Kind::Inline),
    ("vs", Kind::Inline),
    ("v", Kind::Inline),
    ("e.g", Kind::Inline),
    ("i.e", Kind::Inline),
    ("viz", Kind::Inline),
    ("approx", Kind::Inline),
    ("ca", Kind::Inline),
    ("incl", Kind::Inline),
    ("esp", Kind::Inline),
    ("resp", Kind::Inline),
    // Numbered references.
    ("p", Kind::NumRef),
    ("pp", Kind::NumRef),
    ("no", Kind::NumRef),
    ("nos", Kind::NumRef),
    ("n°", Kind::NumRef),
    ("vol", Kind::NumRef),
    ("vols", Kind::NumRef),
    ("art", Kind::NumRef),
    ("arts", Kind::NumRef),
    ("fig", Kind::NumRef),
    ("figs", Kind::NumRef),
    ("ch", Kind::NumRef),
    ("chap", Kind::NumRef),
    ("para", Kind::NumRef),
    ("paras", Kind::NumRef),
    ("ed", Kind::NumRef),
    ("eds", Kind::NumRef),
    ("op", Kind::NumRef),
    ("tel", Kind::NumRef),
    // Months.
    ("jan", Kind::Month),
    ("feb", Kind::Month),
    ("mar", Kind::Month),
    ("apr", Kind::Month),
    ("jun", Kind::Month),
    ("jul", Kind::Month),
    ("aug", Kind::Month),
    ("sep", Kind::Month),
    ("sept", Kind::Month),
    ("oct", Kind::Month),
    ("nov", Kind::Month),
    ("dec", Kind::Month),
    // May end a sentence.
    ("etc", Kind::MayEnd),
    ("co", Kind::MayEnd),
    ("cos", Kind::MayEnd),
    ("inc", Kind::MayEnd),
    ("corp", Kind::MayEnd),
    ("ltd", Kind::MayEnd),
    ("llc", Kind::MayEnd),
    ("bros", Kind::MayEnd),
    ("jr", Kind::MayEnd),
    ("sr", Kind::MayEnd),
    ("al", Kind::MayEnd),
    // Clock times.
    ("a.m", Kind::Time),
    ("p.m", Kind::Time),
];

/// Words that open sentences but rarely follow an abbreviation or initial inside one
/// (`in the U.S. How ...`, `you and I. Did ...`). Lower case. Modal verbs that are also
/// names (May, Will, Can) are deliberately absent.
pub const STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "our",
    "their",
    "my",
    "your",
    "how",
    "what",
    "why",
    "when",
    "where",
    "who",
    "which",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "however",
    "moreover",
    "meanwhile",
    "still",
    "also",
    "then",
    "thus",
    "instead",
    "indeed",
    "in",
    "on",
    "at",
    "for",
    "if",
    "as",
    "after",
    "before",
    "since",
    "while",
    "although",
    "though",
    "because",
    "to",
    "with",
    "by",
    "from",
    "is",
    "are",
    "was",
    "were",
    "do",
    "does",
    "did",
    "has",
    "have",
    "had",
    "would",
    "could",
    "should",
    "not",
    "all",
    "some",
    "many",
    "most",
    "each",
    "every",
    "both",
    "such",
    "even",
    "only",
    "now",
    "today",
    "nor",
    "furthermore",
    "nevertheless",
    "therefore",
    "hence",
    "otherwise",
    "first",
    "second",
    "finally",
    // Quantifiers and indefinite pronouns open a sentence; none follows an abbreviation or
    // an acronym inside a noun phrase (`the U.S. Millions attended`, `the U.N. Few
    // noticed`).
    "millions",
    "billions",
    "thousands",
    "hundreds",
    "dozens",
    "several",
    "few",
    "others",
    "none",
    "nobody",
    "everyone",
];

/// Legal forms that follow `& Co.` inside a company name (`GmbH & Co. KG`, `Siemens & Co.
/// AG`). Exact case.
pub const COMPANY_FORMS: &[&str] = &[
    "KG", "KGaA", "OHG", "AG", "GmbH", "SE", "LP", "LLP", "LLC", "Ltd", "PLC", "Inc", "NV", "BV",
];

/// Is `word` a legal form that continues a company name after `Co.`?
pub fn is_company_form(word: &str) -> bool {
    COMPANY_FORMS.contains(&word)
}

/// Prepositions that open a fronted time phrase (`At 5 a.m.`, `By 9 p.m.`).
pub const TIME_PREPOSITIONS: &[&str] = &[
    "at", "by", "until", "till", "before", "after", "around", "about", "from", "since", "on",
];

/// Time zones that follow a clock time (`8 p.m. ET`). Upper case.
pub const TIME_ZONES: &[&str] = &[
    "ET", "EST", "EDT", "CT", "CST", "CDT", "PT", "PST", "PDT", "GMT", "UTC", "BST", "CET", "CEST",
    "JST", "KST", "AEST", "AEDT", "IST", "HKT", "SGT",
];

/// Is `word` a time zone abbreviation (`ET`, `JST`)?
pub fn is_time_zone(word: &str) -> bool {
    TIME_ZONES.contains(&word)
}

static LOOKUP: LazyLock<HashMap<&'static str, Kind>> =
    LazyLock::new(|| LEXICON.iter().copied().collect());

/// Look up a word (without its final period), ignoring ASCII case. Allocation-free for
/// words up to 15 bytes; longer words are never abbreviations.
pub fn lookup(word: &str) -> Option<Kind> {
    let mut buf = [0u8; 15];
    let bytes = word.as_bytes();
    if bytes.is_empty() || bytes.len() > buf.len() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(bytes) {
        *d = s.to_ascii_lowercase();
    }
    let lower = std::str::from_utf8(&buf[..bytes.len()]).ok()?;
    LOOKUP.get(lower).copied()
}

/// Is `word` a sentence-opening function word (case-insensitive, ASCII)?
pub fn is_starter(word: &str) -> bool {
    STARTERS.iter().any(|s| s.eq_ignore_ascii_case(word))
}

/// Is `word` a preposition that opens a fronted time phrase?
pub fn is_time_preposition(word: &str) -> bool {
    TIME_PREPOSITIONS
        .iter()
        .any(|s| s.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_entries_are_unique_and_lower_case() {
        let mut seen = std::collections::HashSet::new();
        for (w, _) in LEXICON {
            assert!(seen.insert(*w), "duplicate {w}");
            assert_eq!(*w, w.to_lowercase(), "{w} must be lower case");
            assert!(!w.ends_with('.'), "{w} must not end with a period");
        }
    }

    #[test]
    fn lookup_ignores_case() {
        assert_eq!(lookup("Mr"), Some(Kind::Title));
        assert_eq!(lookup("P.M"), Some(Kind::Time));
        assert_eq!(lookup("N°"), Some(Kind::NumRef));
        assert_eq!(lookup("Etc"), Some(Kind::MayEnd));
        assert_eq!(lookup("alliance"), None);
    }
}
