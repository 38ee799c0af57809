//! Files in a folder that are not articles: URL lists (most lines are bare links) and
//! notes (list items and fragments, no sentence of prose). Ingest skips them with a note
//! naming the file instead of indexing them as documents. The thresholds are data:
//! [`RULES`].

/// The thresholds that decide what is not an article.
pub struct NotArticleRules {
    /// A URL list: at least this share of the non-empty lines are URLs (one per line,
    /// optionally after a list marker).
    pub url_share: f64,
    /// Prose: a sentence of at least this many words ending in `.`, `!`, `?` (or a quote
    /// after one). A file with one is an article.
    pub prose_words: usize,
    /// Notes: at least this many non-empty lines ...
    pub notes_min_lines: usize,
    /// ... of which at least this share are list items or fragments (no end punctuation).
    pub notes_fragment_share: f64,
}

/// The rules in force.
pub const RULES: NotArticleRules = NotArticleRules {
    url_share: 0.8,
    prose_words: 10,
    notes_min_lines: 3,
    notes_fragment_share: 0.6,
};

fn strip_marker(line: &str) -> &str {
    let l = line.trim();
    let l = l
        .strip_prefix("- ")
        .or_else(|| l.strip_prefix("* "))
        .or_else(|| l.strip_prefix("• "))
        .unwrap_or(l);
    // "1. ", "12) "
    let digits = l.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0
        && let Some(rest) = l[digits..]
            .strip_prefix(". ")
            .or_else(|| l[digits..].strip_prefix(") "))
    {
        return rest.trim();
    }
    l.trim()
}

fn is_url(line: &str) -> bool {
    let l = strip_marker(line)
        .trim_start_matches('<')
        .trim_end_matches('>');
    (l.starts_with("http://") || l.starts_with("https://") || l.starts_with("www."))
        && !l.contains(char::is_whitespace)
}

fn is_list_item(line: &str) -> bool {
    strip_marker(line).len() != line.trim().len()
}

fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end_matches(['"', '\'', '”', '’', ')']);
    s.ends_with(['.', '!', '?'])
}

/// Why `text` (a `.txt`/`.md` file, front matter included) with body `sentences` is not
/// an article, or `None` when it is one.
pub fn not_an_article(text: &str, sentences: &[&str]) -> Option<String> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.is_empty() {
        return None;
    }
    let urls = lines.iter().filter(|l| is_url(l)).count();
    if urls as f64 >= RULES.url_share * lines.len() as f64 {
        return Some(format!(
            "a list of URLs ({urls} of {} lines), not an article",
            lines.len()
        ));
    }
    let prose = sentences
        .iter()
        .any(|s| ends_sentence(s) && s.split_whitespace().count() >= RULES.prose_words);
    if prose || lines.len() < RULES.notes_min_lines {
        return None;
    }
    let fragments = lines
        .iter()
        .filter(|l| is_list_item(l) || !ends_sentence(l))
        .count();
    (fragments as f64 >= RULES.notes_fragment_share * lines.len() as f64).then(|| {
        format!(
            "notes, not an article (no sentence of {} words or more; {fragments} of {} lines are list items or fragments)",
            RULES.prose_words,
            lines.len()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_lists_and_notes_are_not_articles_prose_is() {
        let article =
            "Allies must carry more of the burden of their own defence, the author argues.";
        let cases: [(&str, &[&str], bool); 7] = [
            (
                "https://a.org/x\nhttps://b.org/y\n- www.c.org/z\n",
                &[],
                true,
            ),
            (
                "Reading list\nhttps://a.org/x\nhttps://b.org/y\nhttps://c.org/z\nhttps://d.org/w\n",
                &["Reading list"],
                true,
            ),
            (
                "- call Jane re AUKUS\n- check NATO figures\n- Quad summit date?\nideas",
                &["call Jane re AUKUS"],
                true,
            ),
            (article, &[article], false),
            ("Allies must pay more.", &["Allies must pay more."], false),
            (
                "Title\n\nhttps://a.org\n\nSome text here.\nMore text.\n",
                &["Some text here."],
                false,
            ),
            ("", &[], false),
        ];
        for (text, sentences, skip) in cases {
            assert_eq!(not_an_article(text, sentences).is_some(), skip, "{text:?}");
        }
    }
}
