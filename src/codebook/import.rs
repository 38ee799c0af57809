//! Stage 3 (codebook), import: turn other dictionary formats into argdex codebook TOML
//! (`argdex codebook import`). quanteda YAML dictionaries (keys, possibly nested → themes
//! `parent/child`) and LIWC `.dic` files (categories → themes). Glob `*` becomes a word
//! prefix (`\w*`), other regex characters are escaped, multi-word entries stay phrases.

use yaml_rust2::{Yaml, YamlLoader};

use crate::error::{Error, Result};

fn err(origin: &str, line: usize, message: impl Into<String>) -> Error {
    Error::Config {
        origin: origin.to_string(),
        line,
        column: 1,
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
                c if regex_syntax_meta(c) => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
    }
    out
}

fn regex_syntax_meta(c: char) -> bool {
    matches!(
        c,
        '\\' | '.'
            | '+'
            | '('
            | ')'
            | '|'
            | '['
            | ']'
            | '{'
            | '}'
            | '^'
            | '$'
            | '#'
            | '&'
            | '-'
            | '~'
    )
}

fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
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

/// Convert a quanteda YAML dictionary to codebook TOML.
pub fn from_quanteda_yaml(src: &str) -> Result<String> {
    let docs = YamlLoader::load_from_str(src).map_err(|e| {
        let m = e.marker();
        Error::Config {
            origin: "yaml".into(),
            line: m.line(),
            column: m.col() + 1,
            message: e.to_string(),
        }
    })?;
    let mut themes = Vec::new();
    for d in &docs {
        collect("", d, &mut themes).map_err(|m| err("yaml", 1, m))?;
    }
    if themes.is_empty() {
        return Err(err("yaml", 1, "no dictionary keys found"));
    }
    Ok(render("quanteda YAML", &themes))
}

/// Convert a LIWC `.dic` dictionary (`%` category block, then `word<TAB>ids...`) to TOML.
pub fn from_liwc_dic(src: &str) -> Result<String> {
    let mut lines = src.lines().enumerate();
    let mut cats: Vec<(String, String)> = Vec::new();
    let mut started = false;
    for (n, line) in lines.by_ref() {
        let l = line.trim();
        if l.is_empty() {
            continue;
        }
        if l == "%" {
            if started {
                break;
            }
            started = true;
            continue;
        }
        if !started {
            return Err(err("dic", n + 1, "expected `%` to open the category block"));
        }
        let mut it = l.split_whitespace();
        match (it.next(), it.next()) {
            (Some(id), Some(name)) => cats.push((id.to_string(), name.to_string())),
            _ => return Err(err("dic", n + 1, format!("bad category line {l:?}"))),
        }
    }
    if cats.is_empty() {
        return Err(err("dic", 1, "no categories"));
    }
    let mut themes: Vec<(String, Vec<String>)> =
        cats.iter().map(|(_, n)| (n.clone(), Vec::new())).collect();
    for (n, line) in lines {
        let l = line.trim_end();
        if l.trim().is_empty() {
            continue;
        }
        // Entries are tab-separated: the term (may contain spaces) then category ids.
        let mut fields: Vec<&str> = l.split('\t').filter(|f| !f.trim().is_empty()).collect();
        if fields.len() < 2 {
            fields = l.split_whitespace().collect();
        }
        let Some((term, ids)) = fields.split_first() else {
            continue;
        };
        if ids.is_empty() {
            return Err(err("dic", n + 1, format!("entry {term:?} has no category")));
        }
        for id in ids {
            let id = id.trim();
            let Some(k) = cats.iter().position(|(c, _)| c == id) else {
                return Err(err(
                    "dic",
                    n + 1,
                    format!("entry {term:?}: unknown category {id}"),
                ));
            };
            themes[k].1.push(term.trim().to_string());
        }
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
        let toml = from_quanteda_yaml(y).unwrap();
        assert!(toml.contains("id = \"alliance/costs\""), "{toml}");
        let cb = Codebook::from_toml(&toml, "imp").unwrap();
        let t = cb.tag_paragraph(&["Burden  sharing and free-riders matter in Beijing."]);
        assert_eq!(t[0].themes, vec!["alliance/costs", "china"]);
    }

    #[test]
    fn liwc_dic() {
        let d = "%\n1\tposemo\n2\tnegemo\n%\ngood\t1\nbad*\t2\nnot good\t2\n";
        let toml = from_liwc_dic(d).unwrap();
        let cb = Codebook::from_toml(&toml, "imp").unwrap();
        let t = cb.tag_paragraph(&["Badly done, not good."]);
        assert_eq!(t[0].themes, vec!["negemo", "posemo"]);
        assert!(from_liwc_dic("%\n1 a\n%\nx\t9\n").is_err());
    }

    #[test]
    fn bad_yaml_is_an_error() {
        assert!(from_quanteda_yaml("a: [b\n").is_err());
    }
}
