//! Stage 3 (codebook), import: turn other dictionary formats into argdex codebook TOML
//! (`argdex codebook import`). quanteda YAML dictionaries (keys, possibly nested → themes
//! `parent/child`) and LIWC `.dic` files (categories → themes). Glob `*` becomes a word
//! prefix (`\w*`), other regex characters are escaped, multi-word entries stay phrases.

use yaml_rust2::{Yaml, YamlLoader};

use crate::error::Error;

fn err(origin: &str, line: usize, message: impl Into<String>) -> Error {
    Error::Config {
        origin: origin.to_string(),
        line,
        column: 0,
        message: message.into(),
    }
}

/// A dictionary entry as a codebook pattern: `*` → `\w*`, `?` → `\w`, spaces → `\s+`.
pub fn glob_to_pattern(entry: &str) -> String {
    let mut out = String::new();
    for (k, word) in entry.split_whitespace().enumerate() {
        if k > 0 {
            out.push_str(r"\s+");
        }
        for ch in word.chars() {
            match ch {
                '*' => out.push_str(r"\w*"),
                '?' => out.push_str(r"\w"),
                // The characters `regex::escape` escapes.
                c if regex_syntax::is_meta_character(c) => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
    }
    out
}

/// A TOML string (basic or literal, as `toml_edit` chooses: a pattern with backslashes
/// comes out as a literal string, `'safe\w*'`).
fn quote(s: &str) -> String {
    toml_edit::Value::from(s).to_string()
}

/// Render themes (id, entries) as codebook TOML, one rule per theme.
fn render(kind: &str, themes: &[(String, Vec<String>)]) -> String {
    let mut out = format!(
        "# Imported from a {kind} dictionary by `argdex codebook import`.\n# One rule per category; add `not` exclusions and `must`/`must_not` examples by hand.\n# With no [claims] table, the built-in claim detector is used.\n"
    );
    for (id, entries) in themes {
        if entries.is_empty() {
            continue;
        }
        let pats: Vec<String> = entries.iter().map(|e| quote(&glob_to_pattern(e))).collect();
        out.push_str(&format!(
            "\n[[themes]]\nid = {}\nlabel = {}\n[[themes.rules]]\nid = {}\npatterns = [{}]\n",
            quote(id),
            quote(id),
            quote(&format!("{id}/terms")),
            pats.join(", ")
        ));
    }
    out
}

fn collect(
    prefix: &str,
    y: &Yaml,
    out: &mut Vec<(String, Vec<String>)>,
) -> std::result::Result<(), String> {
    match y {
        Yaml::Hash(h) => {
            for (k, v) in h {
                let key = match k {
                    Yaml::String(s) => s.clone(),
                    Yaml::Integer(i) => i.to_string(),
                    other => return Err(format!("unsupported key {other:?}")),
                };
                let id = if prefix.is_empty() {
                    key
                } else {
                    format!("{prefix}/{key}")
                };
                collect(&id, v, out)?;
            }
            Ok(())
        }
        Yaml::Array(a) => {
            let mut entries = Vec::new();
            for v in a {
                match v {
                    Yaml::String(s) => entries.push(s.clone()),
                    Yaml::Integer(i) => entries.push(i.to_string()),
                    Yaml::Hash(_) => collect(prefix, v, out)?,
                    other => return Err(format!("{prefix}: unsupported entry {other:?}")),
                }
            }
            if !entries.is_empty() {
                out.push((prefix.to_string(), entries));
            }
            Ok(())
        }
        Yaml::String(s) if !prefix.is_empty() => {
            out.push((prefix.to_string(), vec![s.clone()]));
            Ok(())
        }
        Yaml::Null => Ok(()),
        other => Err(format!(
            "{prefix}: expected a mapping or list, got {other:?}"
        )),
    }
}

/// Convert a quanteda YAML dictionary to codebook TOML; errors name `origin` (the file).
/// Nested keys become `parent/child` themes (`--theme parent` selects all children).
pub fn from_quanteda_yaml(src: &str, origin: &str) -> std::result::Result<String, Vec<Error>> {
    let src = src.trim_start_matches('\u{feff}');
    let docs = YamlLoader::load_from_str(src).map_err(|e| {
        let m = e.marker();
        vec![Error::Config {
            origin: origin.into(),
            line: m.line(),
            column: m.col() + 1,
            message: e.to_string(),
        }]
    })?;
    let mut themes = Vec::new();
    let mut errors = Vec::new();
    for d in &docs {
        if let Err(m) = collect("", d, &mut themes) {
            errors.push(err(origin, 1, m));
        }
    }
    if themes.is_empty() && errors.is_empty() {
        errors.push(err(origin, 1, "no dictionary keys with entries found"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(render("quanteda YAML", &themes))
}

/// A LIWC category id as compared: numbers without leading zeros (`01` is `1`).
fn norm_id(id: &str) -> String {
    id.parse::<u64>()
        .map_or_else(|_| id.to_string(), |n| n.to_string())
}

fn is_id(tok: &str) -> bool {
    !tok.is_empty() && tok.bytes().all(|b| b.is_ascii_digit())
}

/// Convert a LIWC `.dic` dictionary to TOML. Real files vary: the category block between
/// `%` lines may be missing (`1 care` lines before the entries are categories then),
/// fields are tab- or space-separated, ids may have leading zeros, multi-word entries are
/// the words before the trailing ids. Every problem is reported, as `origin:line: problem`.
pub fn from_liwc_dic(src: &str, origin: &str) -> std::result::Result<String, Vec<Error>> {
    let src = src.trim_start_matches('\u{feff}');
    let mut cats: Vec<(String, String)> = Vec::new();
    let mut themes: Vec<(String, Vec<String>)> = Vec::new();
    let mut errors = Vec::new();
    let mut in_header = false;
    let mut header_done = false;
    let mut entries: Vec<(usize, String, Vec<String>)> = Vec::new();
    for (n, line) in src.lines().enumerate() {
        let l = line.trim();
        if l.is_empty() {
            continue;
        }
        if l == "%" {
            if in_header {
                in_header = false;
                header_done = true;
            } else if !header_done && entries.is_empty() && cats.is_empty() {
                in_header = true;
            } else {
                errors.push(err(
                    origin,
                    n + 1,
                    "unexpected `%` after the category block",
                ));
            }
            continue;
        }
        let toks: Vec<&str> = l.split_whitespace().collect();
        if in_header {
            match toks.as_slice() {
                [id, name, ..] => cats.push((norm_id(id), name.to_string())),
                _ => errors.push(err(
                    origin,
                    n + 1,
                    format!("bad category line {l:?} (expected `ID NAME`)"),
                )),
            }
            continue;
        }
        // Without a `%` block: `ID NAME` lines before the first entry are categories.
        if !header_done
            && entries.is_empty()
            && let [id, name] = toks.as_slice()
            && is_id(id)
            && !is_id(name)
        {
            cats.push((norm_id(id), name.to_string()));
            continue;
        }
        let k = toks.iter().rposition(|t| !is_id(t)).map_or(0, |i| i + 1);
        let (term, ids) = toks.split_at(k);
        if term.is_empty() {
            errors.push(err(origin, n + 1, format!("entry {l:?} has no word")));
            continue;
        }
        let term = term.join(" ");
        if ids.is_empty() {
            errors.push(err(
                origin,
                n + 1,
                format!("entry {term:?} has no category id"),
            ));
            continue;
        }
        entries.push((n + 1, term, ids.iter().map(|i| norm_id(i)).collect()));
    }
    if in_header {
        errors.push(err(
            origin,
            1,
            "the category block opened by `%` is never closed",
        ));
    }
    if cats.is_empty() {
        errors.push(err(
            origin,
            1,
            "no categories (expected `ID NAME` lines, between `%` lines or before the entries)",
        ));
        return Err(errors);
    }
    themes.extend(cats.iter().map(|(_, name)| (name.clone(), Vec::new())));
    for (line, term, ids) in entries {
        for id in ids {
            match cats.iter().position(|(c, _)| *c == id) {
                Some(k) => {
                    if let Some(t) = themes.get_mut(k) {
                        t.1.push(term.clone());
                    }
                }
                None => errors.push(err(
                    origin,
                    line,
                    format!("entry {term:?}: unknown category {id}"),
                )),
            }
        }
    }
    if errors.is_empty() && themes.iter().all(|(_, e)| e.is_empty()) {
        errors.push(err(origin, 1, "no entries: every category is empty"));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(render("LIWC", &themes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codebook::Codebook;

    #[test]
    fn quanteda_nested_keys_and_globs() {
        let y = "alliance:\n  costs:\n    - burden shar*\n    - free-rid*\n  forms: [treaty, NATO]\nchina:\n  - beijing\n";
        let toml = from_quanteda_yaml(y, "d.yml").unwrap();
        assert!(toml.contains("id = \"alliance/costs\""), "{toml}");
        let cb = Codebook::from_toml(&toml, "imp").unwrap();
        let t = cb.tag_paragraph(&["Burden  sharing and free-riders matter in Beijing."]);
        assert_eq!(t[0].themes, vec!["alliance/costs", "china"]);
    }

    #[test]
    fn liwc_dic() {
        let d = "%\n1\tposemo\n2\tnegemo\n%\ngood\t1\nbad*\t2\nnot good\t2\n";
        let toml = from_liwc_dic(d, "d.dic").unwrap();
        let cb = Codebook::from_toml(&toml, "imp").unwrap();
        let t = cb.tag_paragraph(&["Badly done, not good."]);
        assert_eq!(t[0].themes, vec!["negemo", "posemo"]);
    }

    #[test]
    fn quoted_strings_read_back_unchanged() {
        for s in [
            "plain",
            r"safe\w*",
            "it's",
            "say \"no\"",
            r#"both ' and " and \"#,
            "tab\tnew\nline\u{1}",
            "'''",
        ] {
            let doc = format!("x = {}", quote(s));
            let back: toml::Table = toml::from_str(&doc).unwrap_or_else(|e| panic!("{doc}: {e}"));
            assert_eq!(back["x"].as_str(), Some(s), "{doc}");
        }
    }

    #[test]
    fn glob_entries_become_escaped_patterns() {
        for (entry, want) in [
            ("safe*", r"safe\w*"),
            ("colo?r", r"colo\wr"),
            ("U.S. (ally)", r"U\.S\.\s+\(ally\)"),
            (
                "a+b|c [d] {e} ^f$ #g &h -i ~j",
                r"a\+b\|c\s+\[d\]\s+\{e\}\s+\^f\$\s+\#g\s+\&h\s+\-i\s+\~j",
            ),
        ] {
            assert_eq!(glob_to_pattern(entry), want, "{entry}");
            assert!(
                regex::Regex::new(&glob_to_pattern(entry)).is_ok(),
                "{entry}"
            );
        }
    }

    #[test]
    fn liwc_real_file_variants() {
        // Space-separated, leading zeros, no `%` block (public Moral Foundations copies).
        for d in [
            "%\n01 HarmVirtue\n02 HarmVice\n%\nsafe*  01\nkill*  02\ncare  01 02\n",
            "\u{feff}01\tHarmVirtue\r\n02\tHarmVice\r\nsafe*\t01\r\nkill*\t02\r\ncare\t01\t02\r\n",
            "1 HarmVirtue\n2 HarmVice\nsafe* 1\nkill* 2\ncare 1 2\n",
        ] {
            let toml = from_liwc_dic(d, "mfd.dic").unwrap_or_else(|e| panic!("{d:?}: {e:?}"));
            let cb = Codebook::from_toml(&toml, "imp").unwrap();
            let t = cb.tag_paragraph(&["They care about safety and killing."]);
            assert_eq!(t[0].themes, vec!["HarmVice", "HarmVirtue"], "{d:?}");
        }
    }

    #[test]
    fn liwc_errors_name_the_file_and_line_all_at_once() {
        let errs = from_liwc_dic("%\n1 a\n%\nx\t9\ny\t8\nz 1\n", "mfd.dic").unwrap_err();
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            msgs,
            [
                "mfd.dic:4: entry \"x\": unknown category 9",
                "mfd.dic:5: entry \"y\": unknown category 8"
            ]
        );
        let errs = from_liwc_dic("just words here\n", "x.dic").unwrap_err();
        assert!(
            errs[0].to_string().starts_with("x.dic:1: entry"),
            "{errs:?}"
        );
        assert!(from_liwc_dic("", "x.dic").is_err());
    }

    #[test]
    fn bad_yaml_is_an_error() {
        let e = from_quanteda_yaml("a: [b\n", "d.yml").unwrap_err();
        assert!(e[0].to_string().starts_with("d.yml:"), "{e:?}");
    }
}
