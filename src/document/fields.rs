//! Structured metadata fields, as given by front matter, a sidecar file or HTML `<meta>`
//! tags: read from a JSON-like value (YAML and TOML are converted to it first), checked, and
//! applied to [`Metadata`] with the source they came from.
//!
//! Keys (case-insensitive; `-` and `_` are the same): `title`; `author` or `authors` (a
//! string, a list, or `A, B and C`); `date` (normalised to `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when only that is given); `publisher`;
//! `url`; `tags` (a list or a comma-separated string); `genre` (`opinion`, `news`,
//! `statement`, `transcript`, `other`; overrides the detected genre). A few common aliases are accepted
//! (`byline`, `published`, `site_name`, `link`, `keywords`, ...). Other keys are ignored.

use serde_json::Value;

use super::metadata::{Metadata, Source, find_date};

/// Metadata fields read from a structured source. Empty means "not given".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub date: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub tags: Vec<String>,
    pub genre: Option<super::genre::Genre>,
}

/// A problem with one key: `(key as written, message)`. `error` problems make the run
/// fail (exit 2); the others are warnings.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub key: String,
    pub message: String,
    pub error: bool,
}

/// `(field, accepted keys)`: the first key present wins.
const KEYS: &[(&str, &[&str])] = &[
    ("title", &["title", "headline"]),
    (
        "authors",
        &["authors", "author", "byline", "creator", "creators"],
    ),
    (
        "date",
        &[
            "date",
            "published",
            "published_at",
            "pubdate",
            "date_published",
            "publication_date",
            "created",
        ],
    ),
    (
        "publisher",
        &["publisher", "publication", "site_name", "site", "source"],
    ),
    (
        "url",
        &["url", "canonical", "canonical_url", "link", "source_url"],
    ),
    ("tags", &["tags", "keywords", "categories", "topics"]),
    ("genre", &["genre"]),
];

fn norm_key(k: &str) -> String {
    k.trim().to_ascii_lowercase().replace('-', "_")
}

/// Split `A, B and C` / `A & B` / `A; B` into names.
pub fn split_names(s: &str) -> Vec<String> {
    let s = s.trim();
    let s = s
        .strip_prefix("By ")
        .or_else(|| s.strip_prefix("by "))
        .or_else(|| s.strip_prefix("BY "))
        .unwrap_or(s);
    let mut out = Vec::new();
    for part in s.split([',', ';', '&']) {
        for name in part.split(" and ") {
            let name = name.trim().trim_start_matches("and ").trim();
            if !name.is_empty() {
                out.push(name.to_string());
            }
        }
    }
    out
}

/// Drop titles before a name: `Dr. Jane Doe` → `Jane Doe`.
pub fn strip_honorifics(name: &str) -> &str {
    const TITLES: &[&str] = &[
        "Dr",
        "Prof",
        "Professor",
        "Mr",
        "Mrs",
        "Ms",
        "Mx",
        "Amb",
        "Ambassador",
        "Gen",
        "Adm",
        "Col",
        "Lt",
        "Capt",
        "Sir",
        "Dame",
        "Rev",
        "Hon",
    ];
    let mut n = name.trim();
    while let Some((first, rest)) = n.split_once(' ') {
        if TITLES.contains(&first.trim_end_matches('.')) && rest.split_whitespace().count() >= 2 {
            n = rest.trim_start();
        } else {
            break;
        }
    }
    n
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Read fields from a mapping. Returns `Err` when the value is not a mapping at all.
pub fn from_value(v: &Value) -> Result<(Fields, Vec<Problem>), String> {
    let Value::Object(map) = v else {
        return Err("expected a mapping of keys (title, authors, date, ...)".to_string());
    };
    let mut f = Fields::default();
    let mut problems = Vec::new();
    for (field, keys) in KEYS {
        let Some((key, value)) = keys
            .iter()
            .find_map(|k| map.iter().find(|(mk, _)| norm_key(mk) == *k))
        else {
            continue;
        };
        let mut problem = |message: String, error: bool| {
            problems.push(Problem {
                key: key.clone(),
                message,
                error,
            })
        };
        if value.is_null() {
            continue;
        }
        match *field {
            "authors" | "tags" => {
                let items: Vec<String> = match value {
                    Value::Array(a) => {
                        let mut items = Vec::new();
                        for item in a {
                            match item {
                                Value::Object(o) => {
                                    // `- name: Jane Doe` style author entries.
                                    if let Some(n) = o.get("name").and_then(scalar) {
                                        items.push(n);
                                    }
                                }
                                other => match scalar(other) {
                                    Some(s) => items.push(s),
                                    None => problem(
                                        format!("`{key}`: expected a list of strings"),
                                        true,
                                    ),
                                },
                            }
                        }
                        items
                    }
                    other => match scalar(other) {
                        Some(s) if *field == "authors" => split_names(&s),
                        Some(s) => s.split(',').map(|t| t.trim().to_string()).collect(),
                        None => {
                            problem(
                                format!("`{key}`: expected a string or a list of strings"),
                                true,
                            );
                            Vec::new()
                        }
                    },
                };
                let items: Vec<String> =
                    items.into_iter().filter(|s| !s.trim().is_empty()).collect();
                if *field == "authors" {
                    f.authors = items;
                } else {
                    f.tags = items;
                }
            }
            _ => {
                let Some(s) = scalar(value) else {
                    problem(format!("`{key}`: expected a string"), true);
                    continue;
                };
                match *field {
                    "title" => f.title = Some(s),
                    "publisher" => f.publisher = Some(s),
                    "url" => f.url = Some(s),
                    "genre" => match super::genre::Genre::parse(&s) {
                        Some(g) => f.genre = Some(g),
                        None => problem(
                            format!(
                                "`{key}`: unknown genre {s:?} (opinion, news, statement, transcript, other), ignored"
                            ),
                            false,
                        ),
                    },
                    "date" => match find_date(&s).or_else(|| {
                        let y = s.trim();
                        (y.len() == 4 && super::metadata::valid_iso(y)).then(|| y.to_string())
                    }) {
                        Some(d) => f.date = Some(d),
                        None => {
                            problem(format!("`{key}`: unrecognised date {s:?}, ignored"), false)
                        }
                    },
                    _ => {}
                }
            }
        }
    }
    Ok((f, problems))
}

impl Fields {
    /// Apply to `meta`; each field records `source` (and wins when `source` ranks higher).
    pub fn apply(&self, meta: &mut Metadata, source: Source) {
        if let Some(t) = &self.title {
            meta.set_title(t, source);
        }
        meta.set_authors(self.authors.clone(), source);
        if let Some(d) = &self.date {
            meta.set_date(d, source);
        }
        if let Some(p) = &self.publisher {
            meta.set_publisher(p, source);
        }
        if let Some(u) = &self.url {
            meta.set_url(u, source);
        }
        meta.set_tags(self.tags.clone(), source);
        if let Some(g) = self.genre {
            meta.set_genre(g, source);
        }
    }
}

/// Convert a TOML value to JSON (dates become their string form).
pub fn toml_to_json(v: &toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => Value::from(*i),
        toml::Value::Float(f) => Value::from(*f),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => Value::Object(
            t.iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}

/// Convert a YAML value to JSON (non-string keys are written out; aliases are dropped).
pub fn yaml_to_json(v: &yaml_rust2::Yaml) -> Value {
    use yaml_rust2::Yaml;
    match v {
        Yaml::String(s) | Yaml::Real(s) => Value::String(s.clone()),
        Yaml::Integer(i) => Value::from(*i),
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Array(a) => Value::Array(a.iter().map(yaml_to_json).collect()),
        Yaml::Hash(h) => Value::Object(
            h.iter()
                .filter_map(|(k, v)| {
                    let key = match k {
                        Yaml::String(s) | Yaml::Real(s) => s.clone(),
                        Yaml::Integer(i) => i.to_string(),
                        Yaml::Boolean(b) => b.to_string(),
                        _ => return None,
                    };
                    Some((key, yaml_to_json(v)))
                })
                .collect(),
        ),
        _ => Value::Null,
    }
}

/// 1-based line of the first line in `raw` that defines `key` (`key:`, `key =`, `"key":`),
/// or `None`.
pub fn key_line(raw: &str, key: &str) -> Option<usize> {
    raw.lines()
        .position(|l| {
            let t = l.trim_start().trim_start_matches('"');
            t.strip_prefix(key).is_some_and(|rest| {
                rest.trim_start_matches('"')
                    .trim_start()
                    .starts_with([':', '='])
            })
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_and_aliases() {
        let v = json!({"Title": "T", "author": "A and B", "Published": "Oct. 2, 2020",
                       "site-name": "P", "link": "https://x.org/a", "keywords": "NATO, Quad"});
        let (f, p) = from_value(&v).unwrap();
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(f.title.as_deref(), Some("T"));
        assert_eq!(f.authors, ["A", "B"]);
        assert_eq!(f.date.as_deref(), Some("2020-10-02"));
        assert_eq!(f.publisher.as_deref(), Some("P"));
        assert_eq!(f.url.as_deref(), Some("https://x.org/a"));
        assert_eq!(f.tags, ["NATO", "Quad"]);
    }

    #[test]
    fn genre_key_overrides_and_bad_genre_warns() {
        let (f, p) = from_value(&json!({"genre": "News"})).unwrap();
        assert!(p.is_empty());
        assert_eq!(f.genre, Some(crate::document::genre::Genre::News));
        let mut m = Metadata::default();
        m.set_genre(crate::document::genre::Genre::Opinion, Source::Detected);
        f.apply(&mut m, Source::FrontMatter);
        assert_eq!(m.genre, Some(crate::document::genre::Genre::News));
        let (f, p) = from_value(&json!({"genre": "poem"})).unwrap();
        assert_eq!(f.genre, None);
        assert!(p.len() == 1 && !p[0].error, "{p:?}");
    }

    #[test]
    fn authors_list_and_objects() {
        let v = json!({"authors": ["Jane Doe", {"name": "John Roe"}]});
        let (f, _) = from_value(&v).unwrap();
        assert_eq!(f.authors, ["Jane Doe", "John Roe"]);
    }

    #[test]
    fn wrong_types_are_errors_bad_dates_warnings() {
        let v = json!({"title": ["a"], "date": "someday"});
        let (f, p) = from_value(&v).unwrap();
        assert_eq!(f, Fields::default());
        assert_eq!(p.len(), 2);
        assert!(p.iter().any(|p| p.key == "title" && p.error));
        assert!(p.iter().any(|p| p.key == "date" && !p.error));
        assert!(from_value(&json!(["x"])).is_err());
    }

    #[test]
    fn split_names_forms() {
        assert_eq!(split_names("By A, B and C"), ["A", "B", "C"]);
        assert_eq!(split_names("A & B"), ["A", "B"]);
        assert_eq!(split_names("A, B, and C"), ["A", "B", "C"]);
    }

    #[test]
    fn honorifics() {
        assert_eq!(strip_honorifics("Dr. Rohan Iyer"), "Rohan Iyer");
        assert_eq!(strip_honorifics("Prof Dr Ann Lee"), "Ann Lee");
        assert_eq!(strip_honorifics("Dr Who"), "Dr Who");
    }

    #[test]
    fn key_line_finds_keys() {
        let raw = "title: x\nauthor = \"y\"\n  \"date\": 1";
        assert_eq!(key_line(raw, "author"), Some(2));
        assert_eq!(key_line(raw, "date"), Some(3));
        assert_eq!(key_line(raw, "url"), None);
    }
}
