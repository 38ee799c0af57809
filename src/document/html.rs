//! HTML pages as saved from a browser (stage 1, before layout): parsed with `scraper`
//! (html5ever); metadata from `<meta>`/`<link>`/`<time>`/JSON-LD and byline elements, and
//! the main text of the page.
//!
//! Main text, in two passes over the tree. `measure` scores every element bottom-up:
//! paragraph-like blocks (long enough, or a sentence; few links) count as content, link
//! text and short text (menus, labels) against it; hidden elements (`hidden`,
//! `aria-hidden`, inline `display:none`) and non-text elements count for nothing, and
//! page furniture (class or id tokens such as `sidebar`, `related`, `comments`, matched
//! as whole tokens) counts against the containers around it. The root is the
//! best-scoring element, narrowed (`descend`) to the child that holds most of its
//! paragraph text, so the root is chosen by content, not by tag: a comment or teaser
//! `<article>` does not beat the body in a `<div>`. `walk` then writes the root as text:
//! one paragraph per block element, headings written `## Heading` and list items `- item`
//! so layout sees them, without furniture and link lists unless they hold the article.
//! The normal line rules then run on this text (bios, disclaimers, captions).
//!
//! For HTML documents `Document.text` is this extracted text and body offsets index into
//! it, not into the file (`offset_base` is 0).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

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

/// Case `data-table-row`: a table cell holding only inline content (a name, a figure) is
/// written inline in its row, cells separated by a space, and the row is one paragraph
/// (`1 Kyle Busch 5040 5 1`), as a reader reads a table of results. A cell holding blocks
/// (the article of a page laid out with tables) stays a block. A row of at least
/// `DATA_ROW_MIN_CELLS` inline cells is data: neither paragraph nor furniture in the scores,
/// and not a link list when its names are links (a table of links is one or two columns).
const CELLS: &[&str] = &["td", "th"];
const DATA_ROW_MIN_CELLS: usize = 3;

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
    /// Visible date elements ("Posted on <span class=date>March 3, 2021</span>").
    date_el: Option<Selector>,
    site: Option<Selector>,
    canonical: Option<Selector>,
    json_ld: Option<Selector>,
    og_url: Option<Selector>,
    tags: Option<Selector>,
    keywords: Option<Selector>,
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
    date_el: sel(
        r#"[itemprop="datePublished"], .date, .post-date, .entry-date, .published, .posted-on, .dateline, .entry-meta, time"#,
    ),
    site: sel(
        r#"meta[property="og:site_name"], meta[name="og:site_name"], meta[name="publisher"]"#,
    ),
    canonical: sel(r#"link[rel="canonical"]"#),
    json_ld: sel(r#"script[type="application/ld+json"]"#),
    og_url: sel(r#"meta[property="og:url"]"#),
    tags: sel(r#"meta[property="article:tag"]"#),
    keywords: sel(r#"meta[name="keywords"], meta[name="news_keywords"]"#),
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
        .and_then(|d| find_date(&d))
        .or_else(|| {
            let sel = s.date_el.as_ref()?;
            doc.select(sel)
                .map(|e| collapse(&e.text().collect::<String>()))
                .find_map(|t| find_date(&t))
        });
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

/// Class/id tokens of page furniture: share bars, related links, comments, ads, captions,
/// galleries. Matched as whole tokens of a class or id split on `-`, `_` (so
/// `l-sidebar-fixed` is a sidebar, `broadcast` is not an ad).
const FURNITURE_TOKENS: &[&str] = &[
    "share",
    "sharing",
    "sharebar",
    "social",
    "related",
    "newsletter",
    "comment",
    "comments",
    "disqus",
    "advert",
    "advertisement",
    "advertising",
    "ad",
    "ads",
    "sponsored",
    "outbrain",
    "taboola",
    "promo",
    "subscribe",
    "subscription",
    "signup",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "cookie",
    "cookies",
    "popup",
    "modal",
    "recommended",
    "tags",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "footer",
    "masthead",
    "byline",
    "caption",
    "credit",
    "credits",
    "gallery",
    "slider",
    "slideshow",
    "carousel",
    "toolbar",
    "pagination",
    // Rails and trending strips beside or under the article (`rail--trending`).
    "rail",
    "trending",
    "popular",
    "swiper",
    // Photo boxes around an image and its caption (`div.photo > span.newsCaption`).
    "photo",
    // WordPress Jetpack share and related-post boxes.
    "sharedaddy",
    "relatedposts",
];

/// Two-token furniture names (`read-more`, `more-stories`).
const FURNITURE_PAIRS: &[(&str, &str)] = &[
    ("read", "more"),
    ("more", "stories"),
    ("further", "reading"),
    ("author", "bio"),
    ("author", "box"),
    ("screen", "reader"),
    ("sr", "only"),
    ("visually", "hidden"),
    ("most", "read"),
    ("most", "popular"),
];

/// Tokens that make a class describe the layout around a part rather than the part
/// itself: `content-with-sidebar`, `has-sidebar`, `no-sidebar`, `modal-enabled`,
/// `comments-open`.
const RELATION_TOKENS: &[&str] = &[
    "with", "has", "no", "without", "enabled", "disabled", "open", "closed", "active",
    // Case `embedded-post`: a post quoted in the article (`social-media-embed` around a
    // tweet) is article text, not a share bar.
    "embed", "embedded",
];

/// One class or id names furniture: a furniture token or pair and no relation token.
fn furniture_name(name: &str) -> bool {
    let tokens: Vec<String> = name
        .split(['-', '_'])
        .flat_map(camel_words)
        .filter(|t| !t.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if tokens.iter().any(|t| RELATION_TOKENS.contains(&t.as_str())) {
        return false;
    }
    tokens
        .iter()
        .any(|t| FURNITURE_TOKENS.contains(&t.as_str()))
        || tokens
            .windows(2)
            .any(|w| FURNITURE_PAIRS.contains(&(w[0].as_str(), w[1].as_str())))
}

/// Case `camel-case-class`: `newsCaption`, `SocialBar` are tokens too: split before an
/// upper-case letter that follows a lower-case one.
fn camel_words(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev_lower = false;
    for (i, c) in s.char_indices() {
        if c.is_ascii_uppercase() && prev_lower {
            out.push(&s[start..i]);
            start = i;
        }
        prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    out.push(&s[start..]);
    out
}

/// Case `related-heading`: the heading of a related-content, share or reply section, in
/// the languages of the pages seen (compared lower-case, without trailing `.:…`). Such a
/// heading is dropped, and so is a section it opens unless that section holds the article.
const RELATED_HEADINGS: &[&str] = &[
    "related",
    "related posts",
    "related articles",
    "related stories",
    "related content",
    "related news",
    "related coverage",
    "you may also like",
    "you might also like",
    "you may like",
    "recommended",
    "recommended for you",
    "read more",
    "read next",
    "read also",
    "also read",
    "more stories",
    "more news",
    "more like this",
    "most read",
    "most popular",
    "popular posts",
    "trending",
    "trending now",
    "don't miss",
    "latest news",
    "latest stories",
    "top stories",
    "see also",
    "like this",
    "share this",
    "share this article",
    "leave a reply",
    "leave a comment",
    "tell us what you think",
    "want more stories like this?",
    "você pode gostar",
    "leia também",
    "veja também",
    "lea también",
    "te puede interesar",
    "lire aussi",
    "à lire aussi",
    "lesen sie auch",
    "mehr zum thema",
    "leggi anche",
    "ti potrebbe interessare",
];
/// Case `advert-label`: the label over an advert slot (`Advertisement`, `Story continues
/// below advertisement`), in the languages of the pages seen; dropped as a line.
const AD_LABELS: &[&str] = &[
    "advert",
    "advertisement",
    "advertising",
    "sponsored",
    "sponsored content",
    "story continues below advertisement",
    "article continues below advertisement",
    "article continues below",
    "continue reading below",
    "anzeige",
    "werbung",
    "publicidad",
    "publicité",
    "pubblicità",
    "publicidade",
    "реклама",
    "広告",
];

/// Longest related-content heading, in bytes.
const RELATED_HEADING_MAX: usize = 60;
/// Prefixes of such headings followed by a site, section or topic name.
const RELATED_PREFIXES: &[&str] = &["more from ", "more in ", "more on ", "more about ", "more "];

/// A short text compared with the label tables: lower-case, `’` as `'`, without
/// trailing `.:…!?`.
fn label_form(text: &str) -> String {
    let t = collapse(text).to_lowercase().replace('’', "'");
    t.trim_end_matches(['.', ':', '…', '!', ' ', '?'])
        .to_string()
}

/// Whether a short text is an advert label (see [`AD_LABELS`]).
fn ad_label(text: &str) -> bool {
    let t = label_form(text);
    AD_LABELS.contains(&t.as_str())
}

/// Whether a short text is a related-content heading (see [`RELATED_HEADINGS`]).
fn related_heading(text: &str) -> bool {
    let t = label_form(text);
    let t = t.as_str();
    if t.is_empty() || t.len() > RELATED_HEADING_MAX {
        return false;
    }
    RELATED_HEADINGS
        .iter()
        .any(|h| h.trim_end_matches('?') == t)
        || RELATED_PREFIXES.iter().any(|p| {
            // `More Washington Examiner`, `More in Minnesota Wild`: a prefix and a name of
            // at most four words, each capitalised in the original.
            t.starts_with(p) && {
                let original = collapse(text);
                let rest: Vec<&str> = original
                    .split_whitespace()
                    .skip(p.split_whitespace().count())
                    .collect();
                !rest.is_empty()
                    && rest.len() <= 4
                    && rest
                        .iter()
                        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            }
        })
}

/// A heading-like element (a paragraph-level block, `div`, `span`, `strong`) whose whole
/// text is a related-content heading.
fn is_related_heading_el(el: ElementRef<'_>, st: &Acc) -> bool {
    let name = el.value().name();
    st.good == 0.0
        && st.text <= RELATED_HEADING_MAX
        && (LEAVES.contains(&name) || matches!(name, "div" | "span" | "strong" | "b"))
        && related_heading(&el.text().collect::<String>())
}

/// The first element child of `el` with text, when it is a heading (`h1`–`h6`) or a short
/// block whose text is a related-content heading.
fn opens_with_related_heading(el: ElementRef<'_>, m: &Measure) -> bool {
    el.children()
        .filter_map(ElementRef::wrap)
        .find(|c| m.stats.get(&key(*c)).is_some_and(|a| a.text > 0))
        .is_some_and(|c| related_heading(&c.text().collect::<String>()))
}

/// An element whose class or id names page furniture.
fn is_furniture(e: &scraper::node::Element) -> bool {
    e.classes().chain(e.id()).any(furniture_name)
}

/// Never shown: the `hidden` attribute, `aria-hidden="true"`, inline `display:none` or
/// `visibility:hidden` (copies of the text kept for other layouts, templates).
fn is_hidden(e: &scraper::node::Element) -> bool {
    e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
        || e.attr("style").is_some_and(|s| {
            let s: String = s
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// Sentence-final punctuation, Latin and CJK (`。！？` carry no space after them).
fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '…'
            | ':'
            | ';'
            | '"'
            | '”'
            | '’'
            | ')'
            | '。'
            | '！'
            | '？'
            | '．'
            | '｡'
            | '）'
            | '」'
            | '』'
    )
}

/// Content measure of one subtree (bytes of collapsed text: a CJK character weighs
/// three, about one short word).
#[derive(Debug, Default, Clone, Copy)]
struct Acc {
    /// Text of paragraph-like blocks (long enough, few links).
    good: f32,
    /// Link text and short non-paragraph text (menus, labels, link lists).
    bad: f32,
    /// All visible text and the part of it inside links.
    text: usize,
    link: usize,
}

impl Acc {
    fn add(&mut self, o: Acc) {
        self.good += o.good;
        self.bad += o.bad;
        self.text += o.text;
        self.link += o.link;
    }

    fn score(&self) -> f32 {
        self.good - self.bad
    }
}

/// Text of a block not yet inside a child block.
#[derive(Debug, Default, Clone, Copy)]
struct Inline {
    len: usize,
    link: usize,
    last: Option<char>,
}

/// Block scoring thresholds. A paragraph is text a reader reads: at least `PARA_MIN`
/// bytes, or `SENTENCE_MIN` bytes ending a sentence, with at most `PARA_LINK_SHARE`
/// of it in links. Short text costs `SHORT_COST` per byte, link text one.
const PARA_MIN: usize = 80;
const SENTENCE_MIN: usize = 20;
const PARA_LINK_SHARE: f32 = 0.35;
const SHORT_COST: f32 = 0.2;
/// A furniture-named element is still text when it holds this share of the root's
/// paragraphs (the article inside a `paywall`, `widget` or `ad_body` wrapper).
const FURNITURE_KEEP_SHARE: f32 = 0.5;
/// A block whose text is mostly links is a link list (related stories, tags, menus).
const LINK_LIST_SHARE: f32 = 0.5;
/// Paragraph-level blocks: the root is never one of them, so the headings and list items
/// beside a dominant paragraph stay in.
const LEAVES: &[&str] = &[
    "p",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "dt",
    "dd",
    "ul",
    "ol",
    "dl",
];
/// The article root holds this share of the paragraph text of the best-scoring element.
const DESCEND_SHARE: f32 = 0.8;
/// See [`Measure::start`].
const FURNITURE_WIN: f32 = 3.0;
const MAX_DEPTH: usize = 200;

/// Case `teaser-list`: related, more-from or recommended stories as a list of cards, each
/// a short item that opens with its title as a link (then maybe a summary). A container
/// with at least `TEASER_MIN_CARDS` cards, making `TEASER_CARD_SHARE` of its items, is
/// furniture, so the summaries do not widen the article root to the page.
const TEASER_MIN_CARDS: usize = 3;
const TEASER_CARD_SHARE: f32 = 0.66;
/// A card: at most `CARD_MAX_TEXT` bytes, its first text a link of `CARD_TITLE_MIN` bytes
/// or more. Paragraph-level blocks (`<p>`, headings, quotes) are never cards: a paragraph
/// that starts with a link is prose.
const CARD_MAX_TEXT: usize = 600;
const CARD_TITLE_MIN: usize = 15;
const NOT_CARDS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "td",
    "tr",
    "a",
    "span",
    "em",
    "strong",
    "b",
    "i",
];
/// Case `small-form`: a form with less than `FORM_MAX_TEXT` bytes of text is a search box, a
/// newsletter signup or a comment form (a page wrapped in one big `<form>`, as ASP.NET
/// writes them, is not).
const FORM_MAX_TEXT: usize = 400;

/// First pass: content measures of every element, and the element with the best score
/// (paragraph text minus link and short text): the root of the article.
struct Measure<'a> {
    /// Keyed by the element's address in the parsed tree (stable while `Html` lives).
    stats: HashMap<usize, Acc>,
    best: Option<(f32, ElementRef<'a>)>,
    /// Table cells written inline in their row, and the rows of data (see [`CELLS`]).
    inline_cells: HashSet<usize>,
    data_rows: HashSet<usize>,
    /// Furniture recognised by its content rather than its name: teaser lists, forms.
    found_furniture: HashSet<usize>,
    /// The best element neither furniture nor inside furniture.
    clean: Option<(f32, ElementRef<'a>)>,
}

impl<'a> Measure<'a> {
    /// The element to start from: the best one outside furniture, unless an element in
    /// furniture scores `FURNITURE_WIN` times more (the article in a `paywall` wrapper);
    /// a comment that outscores a short post does not win.
    fn start(&self) -> Option<ElementRef<'a>> {
        let best = self.best.filter(|(s, _)| *s > 0.0)?;
        match self.clean {
            Some((s, e)) if s > 0.0 && best.0 <= FURNITURE_WIN * s => Some(e),
            _ => Some(best.1),
        }
    }
}

fn key(el: ElementRef<'_>) -> usize {
    std::ptr::from_ref(el.value()) as usize
}

fn skipped(e: &scraper::node::Element) -> bool {
    SKIP.contains(&e.name()) || is_hidden(e)
}

/// The length of the first text in `el` when that text is inside a link (`<a>` within
/// `el`), else 0.
fn leading_link_len(el: ElementRef<'_>) -> usize {
    for node in el.descendants() {
        if let Node::Element(e) = node.value()
            && skipped(e)
        {
            // Text under skipped elements is not read; their first text is not a title.
            continue;
        }
        let Node::Text(t) = node.value() else {
            continue;
        };
        let len: usize = t.split_whitespace().map(|w| w.len() + 1).sum();
        if len == 0 {
            continue;
        }
        let in_link = node
            .ancestors()
            .take_while(|a| a.id() != el.id())
            .filter_map(ElementRef::wrap)
            .any(|a| a.value().name() == "a");
        if !in_link {
            return 0;
        }
        // The whole link's text: the title.
        return node
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|a| a.value().name() == "a")
            .map_or(len, |a| {
                a.text()
                    .map(|t| t.split_whitespace().map(|w| w.len() + 1).sum::<usize>())
                    .sum()
            });
    }
    0
}

/// A teaser card (see [`TEASER_MIN_CARDS`]).
fn is_card(el: ElementRef<'_>, st: &Acc) -> bool {
    !NOT_CARDS.contains(&el.value().name())
        && st.text <= CARD_MAX_TEXT
        && st.link >= CARD_TITLE_MIN
        && leading_link_len(el) >= CARD_TITLE_MIN
}

fn measure<'a>(
    el: ElementRef<'a>,
    in_link: bool,
    in_furniture: bool,
    depth: usize,
    m: &mut Measure<'a>,
) -> (Acc, Inline) {
    let e = el.value();
    if depth > MAX_DEPTH || skipped(e) {
        return (Acc::default(), Inline::default());
    }
    let in_link = in_link || e.name() == "a";
    let furniture = depth > 0 && is_furniture(e);
    let in_furniture = in_furniture || furniture;
    let mut block = BLOCKS.contains(&e.name());
    let mut acc = Acc::default();
    let mut inline = Inline::default();
    let (mut items, mut cards) = (0usize, 0usize);
    for child in el.children() {
        if let Some(c) = ElementRef::wrap(child) {
            let (a, i) = measure(c, in_link, in_furniture, depth + 1, m);
            if let Some(st) = m.stats.get(&key(c)).copied()
                && st.text > 0
            {
                items += 1;
                if is_card(c, &st) {
                    cards += 1;
                }
            }
            acc.add(a);
            inline.len += i.len;
            inline.link += i.link;
            inline.last = i.last.or(inline.last);
        } else if let Node::Text(t) = child.value() {
            let len: usize = t.split_whitespace().map(|w| w.len() + 1).sum();
            if len > 0 {
                inline.len += len;
                if in_link {
                    inline.link += len;
                }
                inline.last = t.trim_end().chars().last().or(inline.last);
            }
        }
    }
    if CELLS.contains(&e.name()) && acc.text == 0 {
        block = false;
        m.inline_cells.insert(key(el));
    }
    let data_row = e.name() == "tr"
        && el
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| m.inline_cells.contains(&key(*c)))
            .count()
            >= DATA_ROW_MIN_CELLS;
    if data_row {
        m.data_rows.insert(key(el));
        acc.add(Acc {
            text: inline.len,
            link: inline.link,
            ..Acc::default()
        });
        inline = Inline::default();
    } else if block {
        acc.add(finish_block(inline));
        inline = Inline::default();
    }
    // The element's own measure, with its pending inline text counted as a block.
    let mut own = acc;
    if !block {
        own.add(finish_block(inline));
    }
    m.stats.insert(key(el), own);
    let teasers =
        depth > 0 && cards >= TEASER_MIN_CARDS && cards as f32 >= TEASER_CARD_SHARE * items as f32;
    let small_form = e.name() == "form" && own.text < FORM_MAX_TEXT;
    let furniture = furniture || teasers || small_form;
    if teasers || small_form {
        m.found_furniture.insert(key(el));
    }
    if m.best.is_none_or(|(s, _)| own.score() > s) {
        m.best = Some((own.score(), el));
    }
    if !in_furniture && !furniture && m.clean.is_none_or(|(s, _)| own.score() > s) {
        m.clean = Some((own.score(), el));
    }
    if furniture {
        // Furniture counts against the containers around it.
        acc = Acc {
            good: 0.0,
            bad: acc.good + acc.bad,
            ..acc
        };
        if inline.len > 0 {
            let pending = finish_block(inline);
            acc.bad += pending.good + pending.bad;
            acc.text += pending.text;
            acc.link += pending.link;
            inline = Inline::default();
        }
    }
    (acc, inline)
}

/// The article root: from the best-scoring element, go down while one child holds
/// `DESCEND_SHARE` of its paragraph text (the article inside a page wrapper; teasers and
/// comments around it stay out).
fn descend<'a>(best: ElementRef<'a>, m: &Measure<'a>) -> ElementRef<'a> {
    let good = |e: ElementRef<'_>| m.stats.get(&key(e)).map_or(0.0, |a| a.good);
    let floor = DESCEND_SHARE * good(best);
    let mut node = best;
    while let Some(c) = node
        .children()
        .filter_map(ElementRef::wrap)
        .find(|c| !LEAVES.contains(&c.value().name()) && good(*c) >= floor && good(*c) > 0.0)
    {
        node = c;
    }
    node
}

/// The nearest element around `e` that is not a paragraph-level block: a page whose best
/// element is one dominant paragraph keeps the headings and list items beside it.
fn container(e: ElementRef<'_>) -> ElementRef<'_> {
    let mut node = e;
    while LEAVES.contains(&node.value().name()) {
        match node.parent().and_then(ElementRef::wrap) {
            Some(p) => node = p,
            None => break,
        }
    }
    node
}

/// Score a finished block's own text.
fn finish_block(i: Inline) -> Acc {
    if i.len == 0 {
        return Acc::default();
    }
    let plain = i.len - i.link.min(i.len);
    let few_links = (i.link as f32) <= PARA_LINK_SHARE * i.len as f32;
    let long = plain >= PARA_MIN || (plain >= SENTENCE_MIN && i.last.is_some_and(ends_sentence));
    let (good, bad) = if few_links && long {
        (i.len as f32, 0.0)
    } else {
        (0.0, i.link as f32 + SHORT_COST * plain as f32)
    };
    Acc {
        good,
        bad,
        text: i.len,
        link: i.link,
    }
}

/// Second pass: the text of the root, without furniture and link lists.
fn walk(el: ElementRef<'_>, out: &mut Out, m: &Measure, root_good: f32, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let e = el.value();
    let name = e.name();
    if skipped(e) {
        return;
    }
    let st = m.stats.get(&key(el)).copied().unwrap_or_default();
    if depth > 0
        && (is_furniture(e) || m.found_furniture.contains(&key(el)))
        && st.good < FURNITURE_KEEP_SHARE * root_good
    {
        return;
    }
    if name == "br" {
        out.line_break();
        return;
    }
    // Case `related-heading`: the heading itself, and a section it opens.
    if depth > 0 && is_related_heading_el(el, &st) {
        return;
    }
    // Case `advert-label`: the label line alone.
    if depth > 0
        && st.good == 0.0
        && st.text <= RELATED_HEADING_MAX
        && ad_label(&el.text().collect::<String>())
    {
        return;
    }
    if depth > 0 && st.good < FURNITURE_KEEP_SHARE * root_good && opens_with_related_heading(el, m)
    {
        return;
    }
    let cell = m.inline_cells.contains(&key(el));
    let block = BLOCKS.contains(&name) && !cell;
    if cell {
        out.push_text(" ");
    }
    // A link list (related stories, tags, menus), unless it holds the article.
    if depth > 0
        && block
        && !m.data_rows.contains(&key(el))
        && st.text > 0
        && st.link as f32 > LINK_LIST_SHARE * st.text as f32
        && st.good < FURNITURE_KEEP_SHARE * root_good
    {
        return;
    }
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
            walk(c, out, m, root_good, depth + 1);
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
    let mut m = Measure {
        stats: HashMap::new(),
        best: None,
        clean: None,
        inline_cells: HashSet::new(),
        data_rows: HashSet::new(),
        found_furniture: HashSet::new(),
    };
    let top = doc.root_element();
    measure(top, false, false, 0, &mut m);
    let root = m.start().map_or(top, |e| descend(container(e), &m));
    let root_good = m.stats.get(&key(root)).map_or(0.0, |a| a.good);
    let mut out = Out::default();
    walk(root, &mut out, &m, root_good, 0);
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
              <p>The alliance has served the region well for decades.</p>
              <div class="share-bar">Share Tweet Email</div>
              <div class="related-posts"><p>Another story</p></div>
              <div class="entry-content"><p>It will go on serving it.</p></div>
              <section id="comments"><p>Great piece!</p></section>
            </article></body>"#;
        let x = extract(page);
        assert_eq!(
            x.text,
            "The alliance has served the region well for decades.\n\nThe alliance has served the region well for decades.\n\nIt will go on serving it.\n"
        );
    }

    const PARA: &str =
        "The alliance has served the region well for six decades and will go on serving it.";
    const PARA2: &str =
        "Its members still disagree about who should pay for the common defence of the region.";

    #[test]
    fn furniture_names_are_whole_tokens() {
        for (name, furniture) in [
            ("l-sidebar-fixed", true),
            ("sidebar", true),
            ("content-with-sidebar-wrp", false),
            ("has-sidebar", false),
            ("modal-enabled", false),
            ("comments-open", false),
            ("share_buttons", true),
            ("related-posts", true),
            ("entry-content-read-more", true),
            ("broadcast", false),
            ("header-adjacent", false),
            ("ad", true),
            ("loaded", false),
            ("sr-only", true),
            ("wp-caption", true),
        ] {
            assert_eq!(furniture_name(name), furniture, "{name}");
        }
    }

    #[test]
    fn sidebar_token_not_substring() {
        let page = format!(
            r#"<body><div class="content-with-sidebar-wrp"><div class="post"><p>{PARA}</p><p>{PARA2}</p></div>
            <div class="l-sidebar-fixed"><p>Our newsletter is the best way to follow the news of the region every day.</p></div></div></body>"#
        );
        assert_eq!(extract(&page).text, format!("{PARA}\n\n{PARA2}\n"));
    }

    #[test]
    fn furniture_wrapper_holding_the_article_is_kept() {
        // Blogger/Elementor `widget`, `paywall`, `ad_body`: the article lives inside.
        for class in [
            "widget Blog",
            "paywall",
            "ad_body",
            "entry-content-read-more",
        ] {
            let page = format!(
                r#"<body><div class="{class}"><p>{PARA}</p><p>{PARA2}</p></div><div class="widget"><a href="/a">Archive</a></div></body>"#
            );
            assert_eq!(
                extract(&page).text,
                format!("{PARA}\n\n{PARA2}\n"),
                "{class}"
            );
        }
    }

    #[test]
    fn hidden_copies_dropped() {
        let page = format!(
            r#"<body><article><p>{PARA}</p><div style="display: none"><p>{PARA2}</p></div>
            <p hidden>Hidden paragraph that is long enough to count as a paragraph of text.</p>
            <p aria-hidden="true">Another hidden paragraph that is long enough to count as text.</p>
            <p style="VISIBILITY:hidden">Invisible text that is long enough to count as a paragraph.</p></article></body>"#
        );
        assert_eq!(extract(&page).text, format!("{PARA}\n"));
    }

    #[test]
    fn root_by_content_not_tag() {
        // A teaser <article> and a comment <article> beside the real body in a <div>.
        let page = format!(
            r#"<body><div id="story"><p>{PARA}</p><p>{PARA2}</p><p>{PARA}</p><p>{PARA2}</p><p>{PARA}</p></div>
            <article class="teaser"><h3><a href="/b">Another story</a></h3><p>A teaser sentence for it here.</p></article>
            <article><p>I disagree with this piece entirely, it misses the point about costs.</p></article></body>"#
        );
        assert_eq!(
            extract(&page).text,
            format!("{PARA}\n\n{PARA2}\n\n{PARA}\n\n{PARA2}\n\n{PARA}\n")
        );
    }

    #[test]
    fn captions_and_slides_inside_article_dropped() {
        let page = format!(
            r#"<article><p>{PARA}</p><div class="wp-caption"><img src="a.jpg"><p class="wp-caption-text">Soldiers at a base.</p></div>
            <figure><figcaption>Photo: Agency</figcaption></figure>
            <div class="slider"><div class="slide">Slide one text</div><div class="slide">Slide two text</div></div>
            <p>{PARA2}</p></article>"#
        );
        assert_eq!(extract(&page).text, format!("{PARA}\n\n{PARA2}\n"));
    }

    #[test]
    fn headings_and_list_items_kept() {
        let page = format!(
            r#"<body><nav><ul><li><a href="/">Home</a></li><li><a href="/w">World</a></li></ul></nav>
            <article><p>{PARA}</p><h2>What the deal includes</h2>
            <ul><li>Joint exercises twice a year</li><li>A shared radar network</li></ul>
            <p>{PARA2}</p><ul class="tags"><li><a href="/t/nato">NATO</a></li></ul>
            <ul><li><a href="/x">Related story one</a></li><li><a href="/y">Related story two</a></li></ul></article></body>"#
        );
        assert_eq!(
            extract(&page).text,
            format!(
                "{PARA}\n\n## What the deal includes\n\n- Joint exercises twice a year\n\n- A shared radar network\n\n{PARA2}\n"
            )
        );
    }

    #[test]
    fn data_table_rows_are_lines() {
        // Case `data-table-row`: a results table inside the article reads row by row; a
        // layout table whose cell holds the article's paragraphs is still blocks.
        let page = format!(
            r#"<body><article><p>{PARA}</p><table><tr><th>Pos.</th><th>Driver</th><th>Points</th></tr>
            <tr><td>1</td><td><a href="/kb">Kyle Busch</a></td><td>5040</td></tr>
            <tr><td>2</td><td>Martin Truex Jr.</td><td>5035</td></tr></table><p>{PARA2}</p></article></body>"#
        );
        assert_eq!(
            extract(&page).text,
            format!(
                "{PARA}\n\nPos. Driver Points\n\n1 Kyle Busch 5040\n\n2 Martin Truex Jr. 5035\n\n{PARA2}\n"
            )
        );
        let layout = format!(
            r#"<body><table><tr><td><a href="/">Home</a></td><td><p>{PARA}</p><p>{PARA2}</p></td></tr></table></body>"#
        );
        assert_eq!(extract(&layout).text, format!("{PARA}\n\n{PARA2}\n"));
    }

    #[test]
    fn teaser_list_does_not_widen_the_root() {
        // Case `teaser-list`: "More from the site" cards (title link, then a summary) in a
        // list beside a short article; the summaries are not the article.
        let card = |n: usize| {
            format!(
                r#"<li class="item"><div><a href="/s{n}"><img src="{n}.jpg"></a><a href="/s{n}">Another story number {n} on the site</a></div>
                <div class="description">A summary of that other story, long enough to read like a paragraph of text.</div></li>"#
            )
        };
        let cards: String = (0..6).map(card).collect();
        let page = format!(
            r#"<body><main><article><p>{PARA}</p><p>{PARA2}</p></article></main>
            <div class="below"><h2>More from the site</h2><ul>{cards}</ul></div></body>"#
        );
        assert_eq!(extract(&page).text, format!("{PARA}\n\n{PARA2}\n"));
        // Paragraphs that open with a link are prose, not cards.
        let prose = format!(
            r#"<body><div><p><a href="/a">The Lowy Institute</a> argues that {PARA}</p><p><a href="/b">Another think tank</a> replies that {PARA2}</p><p><a href="/c">A third author</a> adds that {PARA}</p></div></body>"#
        );
        assert!(extract(&prose).text.contains("A third author adds"));
    }

    #[test]
    fn small_forms_dropped() {
        // Case `small-form`: a newsletter signup inside the article is furniture; a page
        // wrapped in one big form (ASP.NET) keeps its text.
        let page = format!(
            r#"<body><article><p>{PARA}</p><form action="/subscribe"><h3>Want more stories like this</h3>
            <p>Every day we send an email with the top stories.</p><input type="email"></form><p>{PARA2}</p></article></body>"#
        );
        assert_eq!(extract(&page).text, format!("{PARA}\n\n{PARA2}\n"));
        let aspnet = format!(
            r#"<body><form id="aspnetForm"><div><p>{PARA}</p><p>{PARA2}</p><p>{PARA}</p><p>{PARA2}</p><p>{PARA}</p></div></form></body>"#
        );
        assert!(extract(&aspnet).text.starts_with(PARA));
    }

    #[test]
    fn related_headings_and_their_sections_dropped() {
        // Case `related-heading`.
        for (heading, related) in [
            ("Related", true),
            ("You may also like…", true),
            ("Você pode gostar...", true),
            ("DON\u{2019}T MISS", true),
            ("More Washington Examiner", true),
            ("More in Minnesota Wild", true),
            ("Like this:", true),
            ("More troops for the alliance", false),
            ("What the deal includes", false),
            ("Related costs of the alliance are rising", false),
        ] {
            assert_eq!(related_heading(heading), related, "{heading}");
        }
        let page = format!(
            r#"<body><article><p>{PARA}</p><p><strong>DON'T MISS</strong></p><p>{PARA2}</p>
            <section><h3>More in World News</h3><ul><li><a href="/a">A story</a> and a line about it here.</li></ul></section></article></body>"#
        );
        assert_eq!(extract(&page).text, format!("{PARA}\n\n{PARA2}\n"));
    }

    #[test]
    fn advert_labels_dropped() {
        // Case `advert-label`.
        let page = format!(
            r#"<body><article><p>{PARA}</p><div class="slot"><span>ADVERTISEMENT</span></div><p>Advert</p><p>{PARA2}</p><p>Advertising costs rose</p></article></body>"#
        );
        assert_eq!(
            extract(&page).text,
            format!("{PARA}\n\n{PARA2}\n\nAdvertising costs rose\n")
        );
    }

    #[test]
    fn camel_case_class_names_are_tokens() {
        // Case `camel-case-class`.
        for (name, furniture) in [
            ("newsCaption", true),
            ("SocialBar-items", true),
            ("RichTextArticleBody-body", false),
            ("rail--trending", true),
            ("social-media-embed", false),
        ] {
            assert_eq!(furniture_name(name), furniture, "{name}");
        }
    }

    #[test]
    fn cjk_paragraphs() {
        let a = "日米同盟は地域の安定に六十年以上貢献してきた。今後も重要な役割を果たすだろう。";
        let b = "しかし費用の分担については意見が分かれている。";
        let page = format!(
            r#"<body><div class="menu"><a href="/">ホーム</a><a href="/n">ニュース</a></div>
            <div class="main-text"><p>{a}</p><p>{b}</p></div>
            <div><a href="/1">関連記事一</a> <a href="/2">関連記事二</a></div></body>"#
        );
        assert_eq!(extract(&page).text, format!("{a}\n\n{b}\n"));
    }
}
