//! Front matter: a YAML (`---` ... `---` or `...`) or TOML (`+++` ... `+++`) header at the
//! very top of a `.md` or `.txt` file. Runs before layout: [`split`] says where the body
//! starts (so body offsets stay exact file offsets) and which fields the header gives.
//! Malformed headers are reported as `line: message` problems; the body is then still read.

use super::fields::{self, Fields, Problem};

/// What a front-matter header gave.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// Byte offset in the text where the body starts (after the closing delimiter line).
    pub body_start: usize,
    /// Fields read from the header (empty when it was malformed).
    pub fields: Fields,
    /// `(1-based file line, message)` for problems that must fail the run.
    pub errors: Vec<(usize, String)>,
    /// `(1-based file line, message)` for problems worth a warning.
    pub warnings: Vec<(usize, String)>,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Yaml,
    Toml,
}

/// Lines of `text` as `(start, end_without_terminator, next_line_start)`.
fn line_spans(text: &str) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let rest = &text[pos..];
        let (len, next) = match rest.find('\n') {
            Some(i) => (i, i + 1),
            None => (rest.len(), rest.len()),
        };
        let start = pos;
        pos += next;
        let line = &rest[..len];
        let end = start + line.trim_end_matches('\r').len();
        Some((start, end, pos))
    })
}

/// Looks like a `key: value` or `key = value` line.
fn looks_like_key(line: &str) -> bool {
    let t = line.trim();
    let key_len = t.find([':', '=']).filter(|&i| {
        i > 0
            && t[..i]
                .trim()
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '"'))
    });
    key_len.is_some()
}

/// Find and read a front-matter header. `None` when the text does not start with one.
pub fn split(text: &str) -> Option<FrontMatter> {
    let mut lines = line_spans(text);
    let (s, e, first_next) = lines.next()?;
    let kind = match text[s..e].trim_end() {
        "---" => Kind::Yaml,
        "+++" => Kind::Toml,
        _ => return None,
    };
    let mut close = None;
    let mut first_inner: Option<&str> = None;
    let mut comments = false;
    for (s, e, next) in lines {
        let l = text[s..e].trim_end();
        let closes = match kind {
            Kind::Yaml => l == "---" || l == "...",
            Kind::Toml => l == "+++",
        };
        if closes {
            close = Some((s, next));
            break;
        }
        if l.trim_start().starts_with('#') {
            comments = true;
        } else if first_inner.is_none() && !l.trim().is_empty() {
            first_inner = Some(l);
        }
    }
    let Some((inner_end, body_start)) = close else {
        // An unclosed `---` is a horizontal rule unless a key follows it.
        if first_inner.is_some_and(looks_like_key) {
            // Skip the opening line and the `key: value` / list / indented lines after it.
            let mut body_start = first_next;
            for (s, e, next) in line_spans(text).skip(1) {
                let l = &text[s..e];
                let t = l.trim_start();
                if t.is_empty()
                    || !(looks_like_key(l) || t.starts_with("- ") || l.starts_with([' ', '\t']))
                {
                    break;
                }
                body_start = next;
            }
            return Some(FrontMatter {
                body_start,
                errors: vec![(
                    1,
                    "front matter opened here is never closed; ignored".to_string(),
                )],
                ..FrontMatter::default()
            });
        }
        return None;
    };
    // A closed block is front matter only if it starts with a key (or is empty): a
    // markdown document may open with a horizontal rule around ordinary text.
    match first_inner {
        Some(l)
            if !(looks_like_key(l) || (kind == Kind::Toml && l.trim_start().starts_with('['))) =>
        {
            return None;
        }
        None if comments => return None,
        _ => {}
    }
    let raw = &text[first_next.min(inner_end)..inner_end];
    let mut fm = FrontMatter {
        body_start,
        ..FrontMatter::default()
    };
    // File line of the header's first inner line is 2.
    let value = match kind {
        Kind::Yaml => match yaml_rust2::YamlLoader::load_from_str(raw) {
            Ok(docs) => docs.first().map(fields::yaml_to_json).unwrap_or_default(),
            Err(e) => {
                fm.errors.push((
                    e.marker().line() + 1,
                    format!("malformed YAML front matter: {}", e.info()),
                ));
                return Some(fm);
            }
        },
        Kind::Toml => match toml::from_str::<toml::Table>(raw) {
            Ok(t) => fields::toml_to_json(&toml::Value::Table(t)),
            Err(e) => {
                let line = e.span().map_or(1, |sp| {
                    raw.get(..sp.start).unwrap_or(raw).matches('\n').count() + 1
                });
                let msg = e.message().to_string();
                fm.errors
                    .push((line + 1, format!("malformed TOML front matter: {msg}")));
                return Some(fm);
            }
        },
    };
    if value.is_null() {
        return Some(fm);
    }
    match fields::from_value(&value) {
        Ok((f, problems)) => {
            fm.fields = f;
            for Problem {
                key,
                message,
                error,
            } in problems
            {
                let line = fields::key_line(raw, &key).map_or(1, |l| l + 1);
                if error {
                    fm.errors.push((line, format!("front matter: {message}")));
                } else {
                    fm.warnings.push((line, format!("front matter: {message}")));
                }
            }
        }
        Err(msg) => fm.errors.push((2, format!("front matter: {msg}"))),
    }
    Some(fm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_header() {
        let t = "---\ntitle: \"Quad: Next Steps\"\nauthors:\n  - Jane Doe\n  - John Roe\ndate: 2021-03-12\ntags: [Quad, NATO]\n---\nBody text.\n";
        let fm = split(t).unwrap();
        assert!(fm.errors.is_empty(), "{:?}", fm.errors);
        assert_eq!(fm.fields.title.as_deref(), Some("Quad: Next Steps"));
        assert_eq!(fm.fields.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(fm.fields.date.as_deref(), Some("2021-03-12"));
        assert_eq!(fm.fields.tags, ["Quad", "NATO"]);
        assert_eq!(&t[fm.body_start..], "Body text.\n");
    }

    #[test]
    fn toml_header_crlf() {
        let t = "+++\r\ntitle = \"T\"\r\nauthor = \"A and B\"\r\ndate = 2020-10-02\r\n+++\r\nBody.";
        let fm = split(t).unwrap();
        assert!(fm.errors.is_empty(), "{:?}", fm.errors);
        assert_eq!(fm.fields.authors, ["A", "B"]);
        assert_eq!(fm.fields.date.as_deref(), Some("2020-10-02"));
        assert_eq!(&t[fm.body_start..], "Body.");
    }

    #[test]
    fn malformed_yaml_reports_file_line() {
        let t = "---\ntitle: ok\nauthors: [a, b\ndate: x\n---\nBody.";
        let fm = split(t).unwrap();
        assert_eq!(fm.errors.len(), 1, "{:?}", fm.errors);
        assert!(fm.errors[0].0 >= 3, "{:?}", fm.errors);
        assert_eq!(&t[fm.body_start..], "Body.");
    }

    #[test]
    fn malformed_toml_reports_file_line() {
        let t = "+++\ntitle = \"ok\"\nauthor = Jane\n+++\nBody.";
        let fm = split(t).unwrap();
        assert_eq!(fm.errors.len(), 1);
        assert_eq!(fm.errors[0].0, 3, "{:?}", fm.errors);
    }

    #[test]
    fn unclosed_and_rules() {
        assert!(split("---\n\nA paragraph after a rule.").is_none());
        let fm = split("---\ntitle: x\nauthors:\n  - A B\n\nBody.").unwrap();
        assert_eq!(fm.body_start, 30);
        assert_eq!(fm.errors[0].0, 1);
        assert!(split("Plain text.").is_none());
        assert!(split("").is_none());
    }

    #[test]
    fn wrong_type_names_line() {
        let fm = split("---\ntitle: x\nauthors: {a: 1}\n---\nB.").unwrap();
        assert_eq!(fm.errors.len(), 1);
        assert_eq!(fm.errors[0].0, 3);
    }

    #[test]
    fn deeply_nested_headers_do_not_overflow() {
        let deep = "[".repeat(50_000);
        for t in [
            format!("---\nx: {deep}\n---\nBody."),
            format!("+++\nx = {deep}\n+++\nBody."),
        ] {
            let fm = split(&t).unwrap();
            assert_eq!(&t[fm.body_start..], "Body.");
        }
    }

    #[test]
    fn rules_around_text_are_not_front_matter() {
        assert!(split("---\nAn opening paragraph, set off by rules.\n---\nBody.").is_none());
        assert!(split("---\n# A heading\n---\nBody.").is_none());
        let fm = split("---\n---\nBody.").unwrap();
        assert!(fm.errors.is_empty());
        assert_eq!(fm.body_start, 8);
        let fm = split("+++\n# comment\ntitle = \"T\"\n+++\nBody.").unwrap();
        assert_eq!(fm.fields.title.as_deref(), Some("T"));
    }
}
