//! Sidecar metadata: `NAME.meta.json` or `NAME.meta.toml` next to `NAME.txt` (or `.md`,
//! `.html`, ...), with the same keys as front matter. Applied last in [`super::load`], so it
//! wins over front matter, HTML `<meta>` tags and line rules. The indexer should hash the
//! sidecar's bytes with the document's ([`sidecar_path`]) so editing it re-indexes.

use std::path::{Path, PathBuf};

use super::fields::{self, Fields};

/// The sidecar file of a document, if one exists: `NAME.meta.json`, else `NAME.meta.toml`.
pub fn sidecar_path(path: &Path) -> Option<PathBuf> {
    let stem = path.file_stem()?.to_str()?;
    let dir = path.parent().unwrap_or(Path::new(""));
    ["json", "toml"]
        .iter()
        .map(|ext| dir.join(format!("{stem}.meta.{ext}")))
        .find(|p| p.is_file())
}

/// What a sidecar gave: fields, and `(line, message)` errors and warnings.
#[derive(Debug, Clone, Default)]
pub struct Sidecar {
    pub fields: Fields,
    pub errors: Vec<(usize, String)>,
    pub warnings: Vec<(usize, String)>,
}

/// Parse sidecar text; `toml` selects TOML, else JSON.
pub fn parse(text: &str, toml: bool) -> Sidecar {
    let mut sc = Sidecar::default();
    let value = if toml {
        match toml::from_str::<toml::Table>(text) {
            Ok(t) => fields::toml_to_json(&toml::Value::Table(t)),
            Err(e) => {
                let line = e.span().map_or(1, |sp| {
                    text.get(..sp.start).unwrap_or(text).matches('\n').count() + 1
                });
                sc.errors
                    .push((line, format!("malformed TOML sidecar: {}", e.message())));
                return sc;
            }
        }
    } else {
        match serde_json::from_str::<serde_json::Value>(text) {
            Ok(v) => v,
            Err(e) => {
                sc.errors
                    .push((e.line().max(1), format!("malformed JSON sidecar: {e}")));
                return sc;
            }
        }
    };
    match fields::from_value(&value) {
        Ok((f, problems)) => {
            sc.fields = f;
            for p in problems {
                let line = fields::key_line(text, &p.key).unwrap_or(1);
                let entry = (line, format!("sidecar: {}", p.message));
                if p.error {
                    sc.errors.push(entry);
                } else {
                    sc.warnings.push(entry);
                }
            }
        }
        Err(msg) => sc.errors.push((1, format!("sidecar: {msg}"))),
    }
    sc
}

/// Read the sidecar at `path`. An unreadable file is an error at line 1.
pub fn read(path: &Path) -> Sidecar {
    let toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            parse(text.trim_start_matches('\u{feff}'), toml)
        }
        Err(e) => Sidecar {
            errors: vec![(1, format!("cannot read sidecar: {e}"))],
            ..Sidecar::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_and_toml() {
        let j = parse(
            r#"{"title": "T", "authors": ["A B"], "date": "2020-10-02T00:00:00Z"}"#,
            false,
        );
        assert!(j.errors.is_empty());
        assert_eq!(j.fields.date.as_deref(), Some("2020-10-02"));
        let t = parse("title = \"T\"\nauthor = \"A B\"\npublisher = \"P\"\n", true);
        assert!(t.errors.is_empty());
        assert_eq!(t.fields.authors, ["A B"]);
        assert_eq!(t.fields.publisher.as_deref(), Some("P"));
    }

    #[test]
    fn malformed_reports_line() {
        let j = parse(
            "{\n  \"title\": \"T\",\n  \"authors\": [\"A\" \"B\"]\n}",
            false,
        );
        assert_eq!(j.errors[0].0, 3, "{:?}", j.errors);
        let t = parse("title = \"T\"\n\nauthor = \n", true);
        assert_eq!(t.errors[0].0, 3, "{:?}", t.errors);
        let w = parse("{\n\"title\": 5,\n\"authors\": true\n}", false);
        assert_eq!(
            w.errors,
            [(
                3,
                "sidecar: `authors`: expected a string or a list of strings".to_string()
            )]
        );
    }

    #[test]
    fn path_lookup() {
        let dir = tempfile::tempdir().unwrap();
        let doc = dir.path().join("a.txt");
        assert_eq!(sidecar_path(&doc), None);
        std::fs::write(dir.path().join("a.meta.toml"), "title = \"x\"").unwrap();
        assert_eq!(sidecar_path(&doc), Some(dir.path().join("a.meta.toml")));
        std::fs::write(dir.path().join("a.meta.json"), "{}").unwrap();
        assert_eq!(sidecar_path(&doc), Some(dir.path().join("a.meta.json")));
    }
}
