//! Stage 5 (output), ecosystem export: the codebook as a REFI-QDA codebook (`.qdc`, namespace
//! `urn:QDA-XML:codebook:1.0`) that ATLAS.ti, MAXQDA, NVivo and QualCoder import. GUIDs
//! and colours are derived from the theme ids, so the same codebook always gives the same file.

/// XML-escape text or an attribute value.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// A deterministic RFC 9562 version-5 (name-based, SHA-1) GUID for a theme id: the URL
/// namespace over `urn:argdex:theme:ID`, so the same id always gives the same GUID.
pub fn guid(id: &str) -> String {
    let name = format!("urn:argdex:theme:{id}");
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes())
        .hyphenated()
        .to_string()
}

/// A stable colour for a theme (`#rrggbb`): a fixed palette, picked by position.
pub fn color(index: usize) -> &'static str {
    const PALETTE: &[&str] = &[
        "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2",
        "#7f7f7f", "#bcbd22",
    ];
    PALETTE[index % PALETTE.len()]
}

/// The REFI-QDA codebook for `(id, label, description)` themes. The code's name is the theme
/// id (what argdex's exports use); the label starts the description.
pub fn qdc(themes: &[(&str, &str, &str)]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"argdex {}\">\n  <Codes>\n",
        env!("CARGO_PKG_VERSION")
    ));
    for (i, (id, label, description)) in themes.iter().enumerate() {
        out.push_str(&format!(
            "    <Code guid=\"{}\" name=\"{}\" isCodable=\"true\" color=\"{}\">\n",
            guid(id),
            xml_escape(id),
            color(i)
        ));
        let desc = match (label.trim(), description.trim()) {
            ("", d) => d.to_string(),
            (l, "") => l.to_string(),
            (l, d) => format!("{l}: {d}"),
        };
        if !desc.is_empty() {
            out.push_str(&format!(
                "      <Description>{}</Description>\n",
                xml_escape(&desc)
            ));
        }
        out.push_str("    </Code>\n");
    }
    out.push_str("  </Codes>\n</CodeBook>\n");
    out
}

/// The REFI-QDA codebook of a compiled codebook (what `argdex codebook export --qdc` writes).
pub fn qdc_for(cb: &crate::codebook::Codebook) -> String {
    let themes: Vec<(&str, &str, &str)> = cb
        .themes
        .iter()
        .map(|t| (t.id.as_str(), t.label.as_str(), t.description.as_str()))
        .collect();
    qdc(&themes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codebook::Codebook;

    #[test]
    fn builtin_codebook_roundtrips_through_an_xml_parser() {
        let cb = Codebook::builtin();
        let themes: Vec<(&str, &str, &str)> = cb
            .themes
            .iter()
            .map(|t| (t.id.as_str(), t.label.as_str(), t.description.as_str()))
            .collect();
        let xml = qdc(&themes);
        assert_eq!(xml, qdc(&themes), "deterministic");
        assert_eq!(xml, qdc_for(&cb));
        let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "CodeBook");
        assert_eq!(
            root.tag_name().namespace(),
            Some("urn:QDA-XML:codebook:1.0")
        );
        assert!(root.attribute("origin").unwrap().starts_with("argdex "));
        let codes: Vec<_> = root
            .descendants()
            .filter(|n| n.has_tag_name(("urn:QDA-XML:codebook:1.0", "Code")))
            .collect();
        assert_eq!(codes.len(), cb.themes.len());
        let mut guids = std::collections::HashSet::new();
        for (code, theme) in codes.iter().zip(&cb.themes) {
            assert_eq!(code.attribute("name"), Some(theme.id.as_str()));
            assert_eq!(code.attribute("isCodable"), Some("true"));
            let g = code.attribute("guid").unwrap();
            assert_eq!(g, guid(&theme.id));
            assert_eq!(g.len(), 36);
            assert!(guids.insert(g.to_string()));
            let c = code.attribute("color").unwrap();
            assert!(c.starts_with('#') && c.len() == 7);
            let desc = code
                .children()
                .find(|n| n.has_tag_name("Description"))
                .and_then(|n| n.text())
                .unwrap_or("");
            assert!(desc.contains(theme.description.trim()), "{desc}");
        }
    }

    #[test]
    fn guids_are_version_5_and_fixed_per_theme_id() {
        let g = guid("burden-sharing");
        assert_eq!(g, guid("burden-sharing"), "deterministic");
        // Python's uuid.uuid5(uuid.NAMESPACE_URL, "urn:argdex:theme:burden-sharing").
        assert_eq!(g, "b9189ad5-b983-5d1c-9349-7a99c624a0b7");
        let u = uuid::Uuid::parse_str(&g).unwrap();
        assert_eq!(u.get_version_num(), 5);
        assert_eq!(u.get_variant(), uuid::Variant::RFC4122);
        assert_ne!(g, guid("burden-sharing/nato"));
    }

    #[test]
    fn hostile_text_is_escaped() {
        let xml = qdc(&[("a&b", "<x>", "\"quoted\" & 'single' \u{1}")]);
        let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
        let code = doc
            .descendants()
            .find(|n| n.tag_name().name() == "Code")
            .unwrap();
        assert_eq!(code.attribute("name"), Some("a&b"));
        let desc = code.first_element_child().and_then(|n| n.text());
        assert_eq!(desc, Some("<x>: \"quoted\" & 'single' "));
    }
}
