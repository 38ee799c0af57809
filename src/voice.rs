//! Stage 3 of the pipeline, attribution: whose position does a body sentence state? The
//! author's own (`author`), someone else's in indirect speech (`reported`: "X said that …",
//! "according to X"), or someone else's words in quotation marks (`quoted`). A claim
//! (`is_claim`) is always the author's; reported and quoted positions keep their `speaker`
//! so they stay searchable (`query --speaker`).
//!
//! The rules run over a whole document because attribution crosses sentences: a quotation
//! opened in one sentence closes several sentences later, and "she said" names the last
//! person the text introduced ("Ms Adamson" resolves to "Frances Adamson"). Each rule below
//! names the case it handles; the word lists are the tables at the top.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// Whose position a sentence states.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Voice {
    /// The author's own statement (or, in a transcript or statement, the speaker's or
    /// issuer's own words).
    #[default]
    Author,
    /// Indirect speech: "X said that …", "X argues …", "according to X".
    Reported,
    /// Direct quotation of someone else.
    Quoted,
}

impl Voice {
    pub fn as_str(self) -> &'static str {
        match self {
            Voice::Author => "author",
            Voice::Reported => "reported",
            Voice::Quoted => "quoted",
        }
    }
}

/// The attribution of one sentence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attribution {
    pub voice: Voice,
    /// The person, role or body the text gives as the source, resolved within the
    /// document where it can be (`she` → the last named person).
    pub speaker: Option<String>,
    /// The rule that decided, for `explain` (e.g. `reported:verb-after`).
    pub rule: Option<&'static str>,
}

/// Verbs of saying and arguing that introduce someone else's position.
#[rustfmt::skip]
const REPORTING_VERBS: &[&str] = &[
    "said", "says", "say", "told", "tells", "added", "adds", "argued", "argues", "argue",
    "warned", "warns", "warn", "noted", "stated", "explained", "explains", "wrote", "writes",
    "insisted", "insists", "claimed", "claims", "contended", "contends", "maintained",
    "maintains", "asserted", "asserts", "stressed", "stresses", "emphasized", "emphasised",
    "emphasizes", "emphasises", "acknowledged", "acknowledges", "complained", "complains",
    "declared", "declares", "announced", "announces", "observed", "observes", "remarked",
    "recalled", "cautioned", "cautions", "urged", "urges", "tweeted", "posted", "replied",
    "responded", "asked", "asks", "conceded", "concedes", "admitted", "admits", "lamented",
    "laments", "quipped", "predicted", "predicts", "believes", "believed", "thinks",
    "thought", "suggested", "countered", "counters", "agreed", "agrees", "pointed out",
    "points out", "told reporters", "said in a statement",
    // stance and commitment verbs: the position is the subject's, not the author's
    "reaffirmed", "reaffirms", "reiterated", "reiterates", "expressed", "expresses",
    "welcomed", "welcomes", "pledged", "pledges", "vowed", "vows", "promised", "promises",
    "criticised", "criticized", "criticises", "criticizes", "questioned", "threatened",
    "threatens", "praised", "praises", "hoped", "disagreed", "disagrees", "denied",
    "denies", "accused", "accuses", "rejected", "called for", "calls for", "demanded",
    "proposed", "proposes", "recommended", "recommends", "described", "describes",
    "dismissed", "dismisses", "labelled", "labeled", "branded", "hailed", "hails",
    "condemned", "condemns", "blamed", "blames",
];

/// Heads of a noun phrase that can be a speaker without a capitalised name.
#[rustfmt::skip]
const ROLE_NOUNS: &[&str] = &[
    "officials?", "spokes(?:man|woman|person)", "minister", "ministers", "president",
    "secretary", "ambassador", "diplomats?", "analysts?", "experts?", "critics?", "observers?",
    "sources?", "aides?", "lawmakers?", "senators?", "general", "admiral", "commander", "chief",
    "leaders?", "government", "ministry", "administration", "department", "embassy", "report",
    "statement", "communiqu[eé]", "researchers?", "scholars?", "professor", "economists?",
    "author", "authors", "Kremlin", "Pentagon", "White House",
];

/// Pronouns that stand for a speaker named earlier.
const PRONOUNS: &[&str] = &["he", "she", "they"];

/// Titles that introduce a person's name ("Ms Adamson", "Prime Minister Morrison").
const TITLES: &str = r"(?:Mr|Mrs|Ms|Dr|Prof|Gen|Adm|Sen|Rep|Gov|Lt|Col|Capt|Sgt)\.?|President|Prime Minister|Premier|Chancellor|Minister|Secretary(?:-General)?|Secretary of State|Foreign Minister|Defen[cs]e Minister|Ambassador|Senator|Representative|General|Admiral|Professor|Chairman|Chairwoman|Director|Governor|King|Queen|Prince|Vice President|Spokes(?:man|woman|person)";

fn alternation(words: &[&str]) -> String {
    words.join("|")
}

/// A capitalised name of one to four words, optionally with initials or particles
/// ("Jens Stoltenberg", "Kim Jong Un", "Ruud van Dijk", "CQ Brown").
const NAME: &str =
    r"(?:[A-Z][\w'’.-]*|[A-Z]{2,})(?:\s+(?:van|von|de|der|la|bin|al|[A-Z][\w'’.-]*)){0,3}";

/// The speaker noun phrase: a titled or bare name, a determiner + role, or a pronoun.
static SPEAKER: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?:(?:(?i:the|a|an|one|another|some|many|other|several|US|U\.S\.|American|Chinese|Japanese|Australian|European|NATO|former|senior|top)\s+|\w+'s\s+|\w+’s\s+){{0,3}}(?:[\w-]+\s+){{0,2}}(?i:{roles})(?:\s+{name})?(?:\s+(?:in|at|from|of)\s+(?:the\s+)?{name})?|(?:{titles})\s+{name}|{name}|(?i:{pronouns}))",
        roles = alternation(ROLE_NOUNS),
        name = NAME,
        titles = TITLES,
        pronouns = alternation(PRONOUNS),
    )
});

fn verbs() -> String {
    alternation(REPORTING_VERBS)
}

/// Case: indirect speech opening the sentence: "Kim said he and Yoshida …", "But Trump
/// argues that …", "He added Washington could …", "Officials in Tokyo warned that …".
static VERB_AFTER_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(&format!(
        r"^(?:(?:But|And|Yet|Still|Now|Meanwhile|However|Instead|Indeed|Later|Then|In \w+|On \w+|Last \w+)[,]?\s+)?(?P<who>{speaker})(?:,[^,]{{3,80}},)?\s+(?:(?:also|later|then|has|have|had|once|repeatedly|recently|publicly|privately|previously|has long|had long|has also|had also|would|will)\s+){{0,2}}(?:{verbs})\b",
        speaker = *SPEAKER,
        verbs = verbs()
    ))
});

/// Case: the attribution follows the reported words: "…, she told The Australian.",
/// "…, says Ruud van Dijk, a security analyst …", "…,” Trump argues, “…".
static VERB_AFTER_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(&format!(
        r"(?:,|[,!?]?[”\x22’]|—)\s*(?:(?P<who>{speaker})\s+(?:also\s+|later\s+|then\s+)?(?:{verbs})|(?:{verbs})\s+(?P<who2>{speaker}))\b",
        speaker = *SPEAKER,
        verbs = verbs()
    ))
});

/// A reporting verb anywhere: both verb frames need one, so a sentence without any (most
/// sentences) skips them; one literal search instead of two speaker-phrase searches.
static ANY_VERB: LazyLock<Regex> =
    LazyLock::new(|| crate::static_regex(&format!(r"(?:{verbs})\b", verbs = verbs())));

/// Case: "according to X".
static ACCORDING_TO: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(&format!(
        r"(?i:according to)\s+(?P<who>{speaker})",
        speaker = *SPEAKER
    ))
});

/// Case: a person introduced by title or full name, for pronoun resolution.
static PERSON: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(&format!(
        r"(?:(?:{titles})\s+)?(?P<name>[A-Z][a-z][\w'’-]*(?:\s+(?:van|von|de|der|[A-Z][a-z][\w'’-]*)){{1,3}})",
        titles = TITLES
    ))
});

/// Subjects that make a reporting verb an inference of the author's ("This suggests",
/// "It shows"), not someone else's words.
static NOT_A_SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"^(?i:it|this|that|these|those|which|what|there|history|experience|evidence|the (?:evidence|record|data|history|logic|answer|lesson|result|fact|truth|point|problem)|I|we|you|one|nobody|no one|everyone|anyone)$",
    )
});

/// Case: a conditional clause ("If President Obama believes …, the US needs to …",
/// "Unless Tokyo agrees …"): the verb states a hypothesis the author reasons from, not the
/// subject's reported position, so the frame does not attribute the sentence.
static CONDITIONAL: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(r"^(?:If|Unless|Whether|Even if|Only if|Suppose|Supposing|Assuming)\s")
});

/// Whether a capitalised match is a sentence-opening word rather than a name.
static COMMON_OPENERS: LazyLock<Regex> = LazyLock::new(|| {
    crate::static_regex(
        r"^(?:The|A|An|This|That|These|Those|It|Its|Our|We|I|In|On|At|For|By|With|As|If|When|While|But|And|Yet|So|Such|Some|Many|Most|All|No|Not|Even|Only|Both|Each|Every|What|How|Why|Who|Where|There|Here|They|He|She|His|Her|Their|Now|Then|Still|Instead|Indeed|However|Meanwhile|Today|Yesterday|Last|Next|Earlier|Later)$",
    )
});

/// Quote characters: openers and closers. Straight double quotes toggle.
fn quote_balance(s: &str) -> (i32, usize) {
    // Returns (opened − closed for curly double quotes, count of straight double quotes).
    let mut bal = 0i32;
    let mut straight = 0usize;
    for c in s.chars() {
        match c {
            '“' | '«' | '„' => bal += 1,
            '”' | '»' => bal -= 1,
            '"' => straight += 1,
            _ => {}
        }
    }
    (bal, straight)
}

/// Share of the sentence's letters that sit inside double quotation marks.
fn quoted_share(s: &str) -> f64 {
    let mut inside = false;
    let (mut q, mut all) = (0usize, 0usize);
    for c in s.chars() {
        match c {
            '“' | '«' | '„' => inside = true,
            '”' | '»' => inside = false,
            '"' => inside = !inside,
            c if c.is_alphanumeric() => {
                all += 1;
                if inside {
                    q += 1;
                }
            }
            _ => {}
        }
    }
    if all == 0 { 0.0 } else { q as f64 / all as f64 }
}

fn opens_with_quote(s: &str) -> bool {
    let t = s.trim_start_matches(|c: char| c == '(' || c == '[' || c.is_whitespace());
    let t = t
        .strip_prefix("But ")
        .or_else(|| t.strip_prefix("And "))
        .unwrap_or(t);
    t.starts_with(['“', '"', '«', '„'])
}

fn clean_speaker(raw: &str) -> Option<String> {
    let s = raw
        .trim()
        .trim_matches(|c: char| c == ',' || c == '“' || c == '”' || c == '"');
    let s = s
        .strip_prefix("But ")
        .or_else(|| s.strip_prefix("And "))
        .unwrap_or(s)
        .trim();
    if s.is_empty() || NOT_A_SPEAKER.is_match(s) || CONDITIONAL.is_match(s) {
        return None;
    }
    if PRONOUNS.iter().any(|p| p.eq_ignore_ascii_case(s)) {
        return Some(s.to_string());
    }
    let first = s.split_whitespace().next().unwrap_or("");
    if s.split_whitespace().count() == 1 && COMMON_OPENERS.is_match(first) {
        return None;
    }
    Some(s.to_string())
}

/// Remembers the people a document introduces, to resolve pronouns and surnames.
#[derive(Default)]
struct People {
    /// Full names in order of appearance.
    names: Vec<String>,
    /// The last person named (in a reporting frame or by title and name).
    last: Option<String>,
}

impl People {
    fn observe(&mut self, sentence: &str) {
        for c in PERSON.captures_iter(sentence) {
            if let Some(m) = c.name("name") {
                let n = m.as_str();
                let first = n.split_whitespace().next().unwrap_or("");
                if COMMON_OPENERS.is_match(first) {
                    continue;
                }
                let full = self.resolve_name(n);
                if full == n && !self.names.iter().any(|x| x == n) {
                    self.names.push(full.clone());
                }
                self.last = Some(full);
            }
        }
    }

    /// A surname or titled surname ("Ms Adamson") → the full name introduced earlier.
    fn resolve_name(&self, who: &str) -> String {
        let bare = who
            .split_whitespace()
            .filter(|w| {
                !TITLE_WORDS
                    .iter()
                    .any(|t| t.eq_ignore_ascii_case(w.trim_end_matches('.')))
            })
            .collect::<Vec<_>>();
        if bare.len() == 1 {
            let surname = bare[0];
            if let Some(full) = self.names.iter().rev().find(|n| {
                n.split_whitespace().count() > 1 && n.split_whitespace().last() == Some(surname)
            }) {
                return full.clone();
            }
        }
        who.to_string()
    }

    fn resolve(&self, who: &str) -> String {
        if PRONOUNS.iter().any(|p| p.eq_ignore_ascii_case(who)) {
            if who.eq_ignore_ascii_case("they") {
                return "they".to_string();
            }
            return self.last.clone().unwrap_or_else(|| who.to_lowercase());
        }
        self.resolve_name(who)
    }
}

/// Title words stripped when matching a surname to a full name.
#[rustfmt::skip]
const TITLE_WORDS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Adm", "Sen", "President", "Prime", "Minister",
    "Secretary", "Ambassador", "Senator", "General", "Admiral", "Professor", "Chancellor",
];

/// A sentence to attribute: its text, its paragraph, and the speaker label of that
/// paragraph in a transcript (`PRIME MINISTER MORRISON:`), if any.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    pub text: &'a str,
    pub paragraph: usize,
    pub label: Option<&'a str>,
}

/// Attribute every sentence of a document, in order.
pub fn attribute(lines: &[Line<'_>]) -> Vec<Attribution> {
    let mut out = Vec::with_capacity(lines.len());
    let mut people = People::default();
    // An open quotation carried from the previous sentence of the same paragraph.
    let mut open_quote = false;
    let mut prev_para = usize::MAX;
    let mut para_speaker: Option<String> = None;
    for line in lines {
        let s = line.text;
        if line.paragraph != prev_para {
            open_quote = false;
            para_speaker = None;
            prev_para = line.paragraph;
        }
        let (bal, straight) = quote_balance(s);
        let starts_inside = open_quote;
        let ends_inside = if bal != 0 {
            starts_inside || bal > 0
        } else {
            starts_inside ^ (straight % 2 == 1)
        } && bal >= 0;
        let mut a = Attribution::default();
        // The first reporting frame, in rule order, whose speaker is a plausible one.
        // (frame, rule, whether it needs a reporting verb)
        let frames: [(&Regex, &'static str, bool); 3] = [
            (&VERB_AFTER_SUBJECT, "reported:speaker-verb", true),
            (&VERB_AFTER_WORDS, "reported:verb-after-words", true),
            (&ACCORDING_TO, "reported:according-to", false),
        ];
        let has_verb = ANY_VERB.is_match(s);
        let frame = frames.iter().find_map(|(re, rule, needs_verb)| {
            if *needs_verb && !has_verb {
                return None;
            }
            let c = re.captures(s)?;
            let who = c.name("who").or_else(|| c.name("who2"))?.as_str();
            clean_speaker(who).map(|_| (who.to_string(), *rule))
        });
        let share = quoted_share(s);
        let mostly_quoted = starts_inside || opens_with_quote(s) || share >= 0.5;
        if let Some((who, rule)) = &frame {
            let who = clean_speaker(who).map(|w| people.resolve(&w));
            a.voice = if mostly_quoted {
                Voice::Quoted
            } else {
                Voice::Reported
            };
            a.rule = Some(if mostly_quoted {
                "quoted:attributed"
            } else {
                rule
            });
            a.speaker = who.clone();
            para_speaker = who;
        } else if mostly_quoted {
            a.voice = Voice::Quoted;
            a.rule = Some(if starts_inside {
                "quoted:continued"
            } else {
                "quoted:opening-quote"
            });
            // The speaker of a continued or later-attributed quotation: the paragraph's
            // last speaker.
            a.speaker = para_speaker.clone();
        }
        if a.voice == Voice::Author
            && let Some(label) = line.label
        {
            a.speaker = Some(label.to_string());
            a.rule = Some("author:speaker-label");
        }
        people.observe(s);
        open_quote = ends_inside;
        out.push(a);
    }
    // A quotation attributed only after it ends ("“…” she said.") lends its speaker
    // back to the quoted sentences of its paragraph that had none.
    for i in (0..out.len()).rev() {
        if out[i].voice == Voice::Quoted && out[i].speaker.is_none() {
            let next = out
                .get(i + 1)
                .filter(|n| {
                    lines[i + 1].paragraph == lines[i].paragraph && n.voice != Voice::Author
                })
                .and_then(|n| n.speaker.clone());
            out[i].speaker = next;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &[&str]) -> Vec<Attribution> {
        let lines: Vec<Line> = text
            .iter()
            .map(|t| Line {
                text: t,
                paragraph: 0,
                label: None,
            })
            .collect();
        attribute(&lines)
    }

    #[test]
    fn voice_cases() {
        // (sentence, voice, speaker) — each row names the case.
        let cases: &[(&str, Voice, Option<&str>)] = &[
            // author: a plain assertion, an inference verb with a non-person subject
            ("Allies must spend more on defence.", Voice::Author, None),
            (
                "This suggests the alliance is in trouble.",
                Voice::Author,
                None,
            ),
            (
                "I argue that the Quad is not an alliance.",
                Voice::Author,
                None,
            ),
            // reported: name + verb at the start
            (
                "Kim said he and Yoshida share a lot of the same thoughts.",
                Voice::Reported,
                Some("Kim"),
            ),
            (
                "But Trump argues that allies must pay.",
                Voice::Reported,
                Some("Trump"),
            ),
            (
                "Officials in Tokyo warned that the talks could fail.",
                Voice::Reported,
                None,
            ),
            // reported: attribution after the words
            (
                "The treaty is unfair, the president told reporters.",
                Voice::Reported,
                Some("the president"),
            ),
            // reported: according to
            (
                "According to the ministry, the drills will continue.",
                Voice::Reported,
                Some("the ministry"),
            ),
            // quoted: opening quotation mark
            (
                "“NATO is not a charity,” says Ruud van Dijk, a security analyst.",
                Voice::Quoted,
                Some("Ruud van Dijk"),
            ),
            ("\"We will defend our allies.\"", Voice::Quoted, None),
        ];
        for (s, voice, speaker) in cases {
            let a = &run(&[s])[0];
            assert_eq!(a.voice, *voice, "{s}: {a:?}");
            if let Some(sp) = speaker {
                assert_eq!(a.speaker.as_deref(), Some(*sp), "{s}: {a:?}");
            }
        }
    }

    #[test]
    fn quotation_over_several_sentences() {
        let a = run(&[
            "“The alliance is strong.",
            "It will last.",
            "Nobody doubts it,” said Jens Stoltenberg.",
            "The summit ended on Friday.",
        ]);
        assert_eq!(a[0].voice, Voice::Quoted);
        assert_eq!(a[1].voice, Voice::Quoted, "{:?}", a[1]);
        assert_eq!(a[2].voice, Voice::Quoted);
        assert_eq!(a[2].speaker.as_deref(), Some("Jens Stoltenberg"));
        assert_eq!(a[0].speaker.as_deref(), Some("Jens Stoltenberg"));
        assert_eq!(a[3].voice, Voice::Author);
    }

    #[test]
    fn pronouns_and_surnames_resolve_to_the_last_named_person() {
        let a = run(&[
            "Foreign Minister Frances Adamson visited Beijing in May.",
            "Ms Adamson said the relationship had been damaged.",
            "She added that Canberra would not back down.",
        ]);
        assert_eq!(a[1].speaker.as_deref(), Some("Frances Adamson"));
        assert_eq!(a[2].voice, Voice::Reported);
        assert_eq!(a[2].speaker.as_deref(), Some("Frances Adamson"));
    }

    #[test]
    fn transcript_labels_make_the_speaker_the_author() {
        let lines = [Line {
            text: "We will build these submarines together.",
            paragraph: 0,
            label: Some("PRIME MINISTER MORRISON"),
        }];
        let a = attribute(&lines);
        assert_eq!(a[0].voice, Voice::Author);
        assert_eq!(a[0].speaker.as_deref(), Some("PRIME MINISTER MORRISON"));
    }

    #[test]
    fn a_conditional_clause_is_not_a_report() {
        for (text, voice) in [
            (
                "If President Obama believes that alliances matter, the US needs to network its allies.",
                Voice::Author,
            ),
            (
                "Unless Tokyo agrees to pay more, the deal will lapse.",
                Voice::Author,
            ),
            (
                "President Obama believes that alliances matter.",
                Voice::Reported,
            ),
        ] {
            let lines = [Line {
                text,
                paragraph: 0,
                label: None,
            }];
            assert_eq!(attribute(&lines)[0].voice, voice, "{text}");
        }
    }

    #[test]
    fn static_regexes_compile() {
        for r in [
            &*VERB_AFTER_SUBJECT,
            &*VERB_AFTER_WORDS,
            &*ACCORDING_TO,
            &*PERSON,
            &*NOT_A_SPEAKER,
            &*COMMON_OPENERS,
            &*CONDITIONAL,
        ] {
            assert!(!r.as_str().is_empty());
        }
    }
}
