//! HTML pages as saved from a browser: parsed with `scraper` (html5ever), before layout.
//!
//! [`extract`] reads metadata from `<meta>`/`<link>`/`<time>` and byline elements, and turns
//! the article (`<article>`, else `<main>`, else `<body>`) into plain text: one paragraph per
//! block element (p, li, h1-h6, blockquote, div text, ...), paragraphs separated by blank
//! lines, headings written `## Heading` and list items `- item` so layout sees them. Page
//! furniture (nav, header, footer, aside, figure, figcaption, script, style, form, ...) is
//! skipped. The normal line rules then run on this text, so bios, disclaimers and captions
//! inside the article are still removed.
//!
//! For HTML documents `Document.text` is this extracted text and body offsets index into it,
//! not into the file (`offset_base` is 0).

use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use super::fields::{Fields, split_names, strip_honorifics};
use super::metadata::find_date;

/// Text and metadata extracted from a page.
#[derive(Debug, Clone, Default)]
pub struct Extracted {
    pub text: String,
    pub fields: Fields,
}

/// Elements whose content is never article text.
const SKIP: &[&str] = &[
    "nav",
    "header",
    "footer",
    "aside",
    "figure",
    "figcaption",
    "script",
    "style",
    "form",
    "noscript",
    "template",
    "svg",
    "iframe",
    "button",
    "select",
    "textarea",
    "head",
    "title",
    "canvas",
    "video",
    "audio",
    "object",
    "menu",
    "dialog",
    "sup",
];

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "div",
    "section",
    "article",
    "main",
    "body",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "address",
    "hr",
    "center",
];

/// Class or id tokens of page furniture (share bars, related links, comments, ads, ...).
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"(?i)(^|[-_])(share|sharing|social|related|newsletter|comments?|advert|advertisement|ad|ads|promo|subscribe|subscription|breadcrumbs?|sidebar|cookie|cookies|popup|modal|paywall|signup|recommended|more-stories|read-more|tags|nav|navbar|menu|footer|masthead|widget|byline)($|[-_])",
    )
});

fn is_furniture(e: &scraper::node::Element) -> bool {
    let tokens = e.classes().chain(e.id());
    tokens.into_iter().any(|t| FURNITURE.is_match(t))
}

fn sel(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

struct Selectors {
    og_title: Option<Selector>,
    title: Option<Selector>,
    h1: Option<Selector>,
    author_meta: Option<Selector>,
    byline: Option<Selector>,
    date_meta: Option<Selector>,
    time: Option<Selector>,
    site: Option<Selector>,
    canonical: Option<Selector>,
    json_ld: Option<Selector>,
    og_url: Option<Selector>,
    tags: Option<Selector>,
    keywords: Option<Selector>,
    roots: Vec<Selector>,
}

static SEL: LazyLock<Selectors> = LazyLock::new(|| Selectors {
    og_title: sel(
        r#"meta[property="og:title"], meta[name="og:title"], meta[name="twitter:title"]"#,
    ),
    title: sel("title"),
    h1: sel("h1"),
    author_meta: sel(
        r#"meta[name="author"], meta[property="article:author"], meta[name="article:author"], meta[name="byl"], meta[name="parsely-author"], meta[name="sailthru.author"]"#,
    ),
    byline: sel(r#"[rel="author"], .byline, .author, [itemprop="author"]"#),
    date_meta: sel(
        r#"meta[property="article:published_time"], meta[name="article:published_time"], meta[name="date"], meta[name="pubdate"], meta[itemprop="datePublished"], meta[name="parsely-pub-date"], meta[name="DC.date"], meta[name="dc.date"]"#,
    ),
    time: sel("time[datetime]"),
    site: sel(
        r#"meta[property="og:site_name"], meta[name="og:site_name"], meta[name="publisher"]"#,
    ),
    canonical: sel(r#"link[rel="canonical"]"#),
    json_ld: sel(r#"script[type="application/ld+json"]"#),
    og_url: sel(r#"meta[property="og:url"]"#),
    tags: sel(r#"meta[property="article:tag"]"#),
    keywords: sel(r#"meta[name="keywords"], meta[name="news_keywords"]"#),
    roots: ["article", "main", "[role=main]", "body"]
        .iter()
        .filter_map(|s| sel(s))
        .collect(),
});

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn first_attr(doc: &Html, s: &Option<Selector>, attr: &str) -> Option<String> {
    let s = s.as_ref()?;
    doc.select(s)
        .filter_map(|e| e.value().attr(attr))
        .map(collapse)
        .find(|v| !v.is_empty())
}

fn first_text(doc: &Html, s: &Option<Selector>) -> Option<String> {
    let s = s.as_ref()?;
    doc.select(s)
        .map(|e| collapse(&e.text().collect::<String>()))
        .find(|v| !v.is_empty())
}

/// `Title | Site` / `Title - Site`: drop a trailing site name.
fn strip_site(title: &str, site: Option<&str>) -> String {
    if site.is_none() {
        // Unknown site: drop a short last segment after ` | ` or ` - ` if a title remains.
        for sep in [" | ", " - ", " – ", " — "] {
            if let Some((head, tail)) = title.rsplit_once(sep)
                && tail.split_whitespace().count() <= 4
                && head.split_whitespace().count() >= 3
            {
                return head.trim().to_string();
            }
        }
    }
    if let Some(site) = site {
        for sep in [" | ", " - ", " – ", " — ", " :: ", " · "] {
            if let Some(t) = title.strip_suffix(&format!("{sep}{site}")) {
                return t.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// Lower-case words allowed inside a name.
const PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "bin", "al", "da", "du", "le", "la", "dos", "del",
];

/// A plausible person's name from a byline element: `By Jane Doe` → `Jane Doe`.
fn names_from_byline(s: &str) -> Vec<String> {
    let s = collapse(s);
    // `By Jane Doe | June 8, 2021`: only the part before a separator names people.
    let s = s.split(['|', '•', '·']).next().unwrap_or("");
    let s = s.trim_matches(|c: char| !c.is_alphanumeric());
    split_names(s)
        .into_iter()
        .map(|n| strip_honorifics(&n).to_string())
        .filter(|n| {
            let words = n.split_whitespace().count();
            (2..=5).contains(&words)
                && n.split_whitespace().all(|w| {
                    w.chars().next().is_some_and(char::is_uppercase) || PARTICLES.contains(&w)
                })
                && !n.contains(|c: char| c.is_ascii_digit())
                && super::boilerplate::is_person_name(n)
                && !n.contains("://")
                && !n.contains('@')
        })
        .collect()
}

/// The first schema.org article object in the page's JSON-LD scripts.
fn json_ld(doc: &Html) -> Option<Value> {
    fn is_article(v: &Value) -> bool {
        let t = match v.get("@type") {
            Some(Value::String(s)) => vec![s.as_str()],
            Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        t.iter()
            .any(|t| t.ends_with("Article") || *t == "BlogPosting" || *t == "Report")
    }
    fn find(v: &Value, depth: usize) -> Option<&Value> {
        if depth > 6 {
            return None;
        }
        match v {
            Value::Object(o) if is_article(v) => Some(v).filter(|_| !o.is_empty()),
            Value::Object(o) => o.get("@graph").and_then(|g| find(g, depth + 1)),
            Value::Array(a) => a.iter().find_map(|x| find(x, depth + 1)),
            _ => None,
        }
    }
    let sel = SEL.json_ld.as_ref()?;
    doc.select(sel).find_map(|e| {
        let raw: String = e.text().collect();
        let v: Value = serde_json::from_str(raw.trim()).ok()?;
        find(&v, 0).cloned()
    })
}

/// Names from a JSON-LD `author`: a string, `{"name": ...}` or a list of either.
fn json_ld_names(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => names_from_byline(s),
        Value::Object(o) if o.get("@type").and_then(Value::as_str) == Some("Organization") => {
            Vec::new()
        }
        Value::Object(o) => o.get("name").map(json_ld_names).unwrap_or_default(),
        Value::Array(a) => a.iter().flat_map(json_ld_names).collect(),
        _ => Vec::new(),
    }
}

fn metadata(doc: &Html) -> Fields {
    let s = &*SEL;
    let mut f = Fields::default();
    let site = first_attr(doc, &s.site, "content");
    let ld = json_ld(doc);
    let ld_str = |key: &str| -> Option<String> {
        let v = ld.as_ref()?.get(key)?;
        let v = v.get("name").or_else(|| v.get("@id")).unwrap_or(v);
        v.as_str().map(collapse).filter(|s| !s.is_empty())
    };
    f.title = first_attr(doc, &s.og_title, "content")
        .map(|t| strip_site(&t, site.as_deref()))
        .or_else(|| ld_str("headline"))
        .or_else(|| first_text(doc, &s.h1))
        .or_else(|| first_text(doc, &s.title).map(|t| strip_site(&t, site.as_deref())));
    // Authors: <meta> tags (one name each, or a list), else byline elements.
    if let Some(sel) = &s.author_meta {
        for e in doc.select(sel) {
            if let Some(v) = e.value().attr("content") {
                for n in names_from_byline(v) {
                    if !f.authors.contains(&n) {
                        f.authors.push(n);
                    }
                }
            }
        }
    }
    if f.authors.is_empty()
        && let Some(a) = ld.as_ref().and_then(|v| v.get("author"))
    {
        f.authors = json_ld_names(a);
    }
    if f.authors.is_empty()
        && let Some(sel) = &s.byline
    {
        for e in doc.select(sel) {
            // Nested matches (`.byline a[rel=author]`): the outer one is enough.
            if e.ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| sel.matches(&a))
            {
                continue;
            }
            let text: String = e.text().collect::<Vec<_>>().join(" ");
            for n in names_from_byline(&text) {
                if !f.authors.contains(&n) {
                    f.authors.push(n);
                }
            }
        }
    }
    f.date = first_attr(doc, &s.date_meta, "content")
        .or_else(|| ld_str("datePublished"))
        .or_else(|| first_attr(doc, &s.time, "datetime"))
        .and_then(|d| find_date(&d));
    f.publisher = site.or_else(|| ld_str("publisher"));
    f.url = first_attr(doc, &s.canonical, "href")
        .or_else(|| first_attr(doc, &s.og_url, "content"))
        .or_else(|| ld_str("url"))
        .or_else(|| ld_str("mainEntityOfPage"))
        .filter(|u| u.starts_with("http"));
    if let Some(sel) = &s.tags {
        f.tags = doc
            .select(sel)
            .filter_map(|e| e.value().attr("content"))
            .map(collapse)
            .collect();
    }
    if f.tags.is_empty()
        && let Some(k) = first_attr(doc, &s.keywords, "content")
    {
        f.tags = k
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
    }
    f
}

/// Paragraph builder for the text walk.
#[derive(Default)]
struct Out {
    paras: Vec<String>,
    cur: String,
    prefix: &'static str,
}

impl Out {
    fn push_text(&mut self, t: &str) {
        let mut words = t.split_whitespace().peekable();
        if words.peek().is_none() {
            if !t.is_empty() && !self.cur.is_empty() && !self.cur.ends_with([' ', '\n']) {
                self.cur.push(' ');
            }
            return;
        }
        if t.starts_with(char::is_whitespace)
            && !self.cur.is_empty()
            && !self.cur.ends_with([' ', '\n'])
        {
            self.cur.push(' ');
        }
        let joined = words.collect::<Vec<_>>().join(" ");
        self.cur.push_str(&joined);
        if t.ends_with(char::is_whitespace) {
            self.cur.push(' ');
        }
    }

    fn line_break(&mut self) {
        let t = self.cur.trim_end().len();
        self.cur.truncate(t);
        if !self.cur.is_empty() {
            self.cur.push('\n');
        }
    }

    /// End the current paragraph. The list/heading prefix is kept while nothing was
    /// written, so `<li><p>text</p></li>` still reads as a list item.
    fn flush(&mut self) {
        let lines: Vec<&str> = self
            .cur
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if !lines.is_empty() {
            self.paras
                .push(format!("{}{}", self.prefix, lines.join("\n")));
            self.prefix = "";
        }
        self.cur.clear();
    }
}

fn walk(el: ElementRef<'_>, out: &mut Out, depth: usize) {
    if depth > 200 {
        return;
    }
    let e = el.value();
    let name = e.name();
    if SKIP.contains(&name)
        || e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
        || (depth > 0 && is_furniture(e))
    {
        return;
    }
    if name == "br" {
        out.line_break();
        return;
    }
    let block = BLOCKS.contains(&name);
    if block {
        out.flush();
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => out.prefix = "## ",
            "li" => out.prefix = "- ",
            _ => {}
        }
    }
    for child in el.children() {
        if let Some(c) = ElementRef::wrap(child) {
            walk(c, out, depth + 1);
        } else if let Node::Text(t) = child.value() {
            out.push_text(t);
        }
    }
    if block {
        out.flush();
        out.prefix = "";
    }
}

/// Extract metadata and article text from an HTML page. Never fails: a page with no text
/// gives an empty `text`.
pub fn extract(html: &str) -> Extracted {
    let doc = Html::parse_document(html);
    let fields = metadata(&doc);
    // The first kind of root present (article, main, body); the one with most text.
    let text_len = |e: &ElementRef| e.text().map(|t| t.trim().len()).sum::<usize>();
    let root = SEL.roots.iter().find_map(|s| {
        doc.select(s)
            .filter(|e| text_len(e) > 0)
            .max_by_key(|e| text_len(e))
    });
    let mut out = Out::default();
    walk(root.unwrap_or_else(|| doc.root_element()), &mut out, 0);
    out.flush();
    let mut text = out.paras.join("\n\n");
    if !text.is_empty() {
        text.push('\n');
    }
    Extracted { text, fields }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head>
<title>Allies in Asia | Example Council</title>
<meta property="og:site_name" content="Example Council">
<meta property="og:title" content="Allies in Asia - Example Council">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2021-02-10T09:30:00+00:00">
<link rel="canonical" href="https://example.org/allies">
<meta property="article:tag" content="NATO"><meta property="article:tag" content="Quad">
<style>p { color: red }</style><script>var x = "<p>no</p>";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/about">About</a></nav>
<header><h1>Site header</h1></header>
<article>
  <h1>Allies in Asia</h1>
  <p class="byline">By <a rel="author">Jane Doe</a></p>
  <p>The alliance   has served the region
  well for <em>six</em> decades.</p>
  <figure><img src="x.jpg"><figcaption>A photo caption.</figcaption></figure>
  <ul><li>First point.</li><li>Second point.</li></ul>
  <div>Loose div text.<p>Inner paragraph.</p></div>
  <aside>Related: other story</aside>
</article>
<footer>© 2021 Example Council</footer>
</body></html>"#;

    #[test]
    fn metadata_from_head() {
        let x = extract(PAGE);
        assert_eq!(x.fields.title.as_deref(), Some("Allies in Asia"));
        assert_eq!(x.fields.authors, ["Jane Doe"]);
        assert_eq!(x.fields.date.as_deref(), Some("2021-02-10"));
        assert_eq!(x.fields.publisher.as_deref(), Some("Example Council"));
        assert_eq!(x.fields.url.as_deref(), Some("https://example.org/allies"));
        assert_eq!(x.fields.tags, ["NATO", "Quad"]);
    }

    #[test]
    fn article_text_without_furniture() {
        let x = extract(PAGE);
        assert_eq!(
            x.text,
            "## Allies in Asia\n\nThe alliance has served the region well for six decades.\n\n- First point.\n\n- Second point.\n\nLoose div text.\n\nInner paragraph.\n"
        );
    }

    #[test]
    fn byline_element_when_no_meta() {
        let x =
            extract(r#"<body><div class="byline">By Ann Lee and Bo Kim</div><p>Text.</p></body>"#);
        assert_eq!(x.fields.authors, ["Ann Lee", "Bo Kim"]);
        let w = extract(r#"<p class="byline">By Ann Lee, June 8, 2021 | Analysis</p>"#);
        assert_eq!(w.fields.authors, ["Ann Lee"]);
        let o = extract(r#"<meta name="author" content="Atlantic Council"><p>x</p>"#);
        assert!(o.fields.authors.is_empty());
        let z = extract(r#"<div class="author">Ann Lee is a fellow at X and Y</div>"#);
        assert!(z.fields.authors.is_empty(), "{:?}", z.fields.authors);
        let t = extract("<title>Allies and Partners in Asia | The Review</title>");
        assert_eq!(
            t.fields.title.as_deref(),
            Some("Allies and Partners in Asia")
        );
        let y = extract(r#"<time datetime="2020-10-02">Oct 2</time>"#);
        assert_eq!(y.fields.date.as_deref(), Some("2020-10-02"));
    }

    #[test]
    fn garbage_never_panics() {
        for s in [
            "",
            "<",
            "<<<>>>",
            "<p>",
            "</p></p>",
            "<article></article><body>x</body>",
            "\u{feff}<p>é</p>",
        ] {
            let _ = extract(s);
        }
        let deep = "<div>".repeat(5000) + "deep";
        let _ = extract(&deep);
    }

    #[test]
    fn json_ld_fills_missing_fields() {
        let page = r#"<html><head><script type="application/ld+json">
            {"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "x"},
             {"@type": "NewsArticle", "headline": "The Quad at Five",
              "author": [{"@type": "Person", "name": "Ann Lee"}, {"name": "Bo Kim"}],
              "datePublished": "2022-03-01T10:00:00Z", "publisher": {"name": "The Review"},
              "mainEntityOfPage": {"@id": "https://example.org/quad-at-five"}}]}
            </script></head><body><h1>Other heading</h1><p>Text.</p></body></html>"#;
        let x = extract(page);
        assert_eq!(x.fields.title.as_deref(), Some("The Quad at Five"));
        assert_eq!(x.fields.authors, ["Ann Lee", "Bo Kim"]);
        assert_eq!(x.fields.date.as_deref(), Some("2022-03-01"));
        assert_eq!(x.fields.publisher.as_deref(), Some("The Review"));
        assert_eq!(
            x.fields.url.as_deref(),
            Some("https://example.org/quad-at-five")
        );
        assert!(
            extract("<script type=\"application/ld+json\">{not json</script>")
                .fields
                .title
                .is_none()
        );
    }

    #[test]
    fn furniture_classes_and_largest_article() {
        let page = r#"<body class="single sidebar-left">
            <article><p>Teaser for another story.</p></article>
            <article><p>The alliance has served the region well for decades.</p>
              <div class="share-bar">Share Tweet Email</div>
              <div class="related-posts"><p>Another story</p></div>
              <div class="entry-content"><p>It will go on serving it.</p></div>
              <section id="comments"><p>Great piece!</p></section>
            </article></body>"#;
        let x = extract(page);
        assert_eq!(
            x.text,
            "The alliance has served the region well for decades.\n\nIt will go on serving it.\n"
        );
    }
}
