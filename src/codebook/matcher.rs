//! Stage 3 (codebook), matching: runs the compiled rules over the sentences of one
//! paragraph. A pass of the prefilter sets per sentence finds candidate patterns; only those
//! are re-run for spans. Each rule yields an [`Outcome`] (positions and numbers) that says
//! whether it fired and, if not, why; tagging builds evidence from it, and `explain`
//! resolves it to a [`RuleOutcome`] with texts and pattern sources.

use serde::Serialize;

use super::prefilter::{Mask, ones, set_bit};
use super::{Codebook, Context, Hits, Rule, Theme};
use crate::record::Evidence;

/// A matched span. `sentence` is the index within the paragraph (it differs from the
/// tagged sentence only for `context = "paragraph"` groups).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Span {
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The (macro-expanded) pattern that matched.
    pub pattern: String,
}

/// Why a rule did or did not fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Every condition held.
    Fired,
    /// Some parts matched, others did not (a co-occurrence group or the main patterns).
    Partial,
    /// Everything matched but an exclusion (`not`) vetoed it.
    Blocked,
    /// Everything matched but too far apart (`within`).
    TooFar,
    /// Everything matched but none of the required actors is present or carried.
    NoActor,
}

/// The required actor found for a rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorHit {
    pub actor: String,
    /// True when the actor comes from the previous sentence (pronoun carry-over).
    pub carried: bool,
}

/// The outcome of one rule on one sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleOutcome {
    pub theme: String,
    pub rule: String,
    pub weight: f64,
    pub status: Status,
    pub fired: bool,
    /// Match of `patterns` (None if the rule has none or none matched).
    pub primary: Option<Span>,
    /// Whether the rule has `patterns` at all.
    pub has_patterns: bool,
    /// One entry per `all` group.
    pub groups: Vec<Option<Span>>,
    pub actor: Option<ActorHit>,
    pub blocked_by: Option<Span>,
    /// Words spanned by the matches, and the limit, when `within` is set.
    pub span_words: Option<(usize, usize)>,
}

/// A match found while tagging: where, and which pattern (by number in the codebook's
/// pattern table). Text and pattern source are looked up only for output ([`Outcome::resolve`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub(crate) sentence: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) pattern: usize,
}

/// The outcome of one rule on one sentence as tagging needs it: positions and numbers,
/// borrowing ids from the codebook (nothing is allocated but the `all` groups).
#[derive(Debug, Clone)]
pub(crate) struct Outcome<'c> {
    /// Theme number in the codebook.
    pub(crate) theme: usize,
    /// Rule number within its theme.
    pub(crate) rule: usize,
    pub(crate) def: &'c Rule,
    pub(crate) status: Status,
    primary: Option<Hit>,
    groups: Vec<Option<Hit>>,
    actor: Option<(&'c str, bool)>,
    blocked_by: Option<Hit>,
    span_words: Option<(usize, usize)>,
}

impl Outcome<'_> {
    pub(crate) fn fired(&self) -> bool {
        self.status == Status::Fired
    }

    pub(crate) fn weight(&self) -> f64 {
        self.def.weight
    }

    /// The rule's first match in the sentence itself: its `patterns` match, else the
    /// first `all` group matched in the sentence the rule is about.
    fn own(&self) -> Option<Hit> {
        let at = self.primary.map_or_else(
            || {
                self.groups
                    .iter()
                    .flatten()
                    .map(|h| h.sentence)
                    .min()
                    .unwrap_or(0)
            },
            |p| p.sentence,
        );
        self.primary.or_else(|| {
            self.groups
                .iter()
                .flatten()
                .copied()
                .find(|h| h.sentence == at)
        })
    }

    /// The evidence record of a fired rule (`sentences`: the paragraph it was evaluated on).
    pub(crate) fn evidence(&self, theme: &str, sentences: &[&str]) -> Option<Evidence> {
        let own = self.own()?;
        Some(Evidence {
            theme: theme.to_string(),
            rule: self.def.id.clone(),
            matched: span_text(sentences, own).to_string(),
            start: own.start,
            end: own.end,
            from: None,
        })
    }

    /// The outcome with texts and pattern sources, for `explain`.
    pub(crate) fn resolve(&self, cb: &Codebook, sentences: &[&str]) -> RuleOutcome {
        let span = |h: Option<Hit>| {
            h.map(|h| Span {
                sentence: h.sentence,
                start: h.start,
                end: h.end,
                text: span_text(sentences, h).to_string(),
                pattern: cb.table.sources[h.pattern].clone(),
            })
        };
        RuleOutcome {
            theme: cb.themes[self.theme].id.clone(),
            rule: self.def.id.clone(),
            weight: self.def.weight,
            status: self.status,
            fired: self.fired(),
            primary: span(self.primary),
            has_patterns: !self.def.patterns.is_empty(),
            groups: self.groups.iter().map(|&g| span(g)).collect(),
            actor: self.actor.map(|(a, carried)| ActorHit {
                actor: a.to_string(),
                carried,
            }),
            blocked_by: span(self.blocked_by),
            span_words: self.span_words,
        }
    }
}

fn span_text<'s>(sentences: &[&'s str], h: Hit) -> &'s str {
    sentences
        .get(h.sentence)
        .and_then(|s| s.get(h.start..h.end))
        .unwrap_or_default()
}

/// Per-paragraph state: prefilter hits and actors of every sentence.
pub(crate) struct Paragraph<'a> {
    sentences: &'a [&'a str],
    hits: Vec<Hits>,
    pub(crate) own_actors: Vec<Vec<String>>,
    pub(crate) actors: Vec<Vec<String>>,
    /// Each sentence's claim-cue literal occurrences, from the same pass (`None`: the
    /// claim lexicon scans the sentence itself).
    pub(crate) claim_occ: Vec<Option<Vec<(u32, u32)>>>,
}

impl<'a> Paragraph<'a> {
    /// Every rule's parts matched in every sentence: what `explain` shows, fired or not.
    pub(crate) fn new(cb: &Codebook, sentences: &'a [&'a str]) -> Paragraph<'a> {
        Paragraph::build(cb, sentences, false)
    }

    /// What tagging needs ([`Paragraph::evaluate_fired`]): only the patterns of rules
    /// whose every part has a candidate (and whose actor is present) are confirmed, so
    /// the rules that fire, and their outcomes, are those of [`Paragraph::new`].
    pub(crate) fn for_tagging(cb: &Codebook, sentences: &'a [&'a str]) -> Paragraph<'a> {
        Paragraph::build(cb, sentences, true)
    }

    fn build(cb: &Codebook, sentences: &'a [&'a str], only_needed: bool) -> Paragraph<'a> {
        // One literal pass per sentence serves themes, actors and claim cues.
        let scans: Vec<Option<super::prefilter::Occurrences>> =
            sentences.iter().map(|s| cb.set.scan(s)).collect();
        let pattern_occ: Vec<Option<&[(u32, u32)]>> = scans
            .iter()
            .map(|o| o.as_ref().map(|o| o.patterns.as_slice()))
            .collect();
        let own_actors: Vec<Vec<String>> = sentences
            .iter()
            .zip(&scans)
            .map(|(s, o)| match o {
                Some(occ) => cb.gazetteer.actors_at(s, &occ.actors),
                None => cb.gazetteer.actors_in(s),
            })
            .collect();
        let actors = cb.effective_actors(sentences, &own_actors);
        let hits = if only_needed {
            cb.table
                .hits_needed_in(sentences, &pattern_occ, |candidates| {
                    needed(cb, candidates, &actors)
                })
        } else {
            cb.table.hits_in(sentences, &pattern_occ)
        };
        let claim_occ = scans.into_iter().map(|o| o.map(|o| o.claims)).collect();
        Paragraph {
            sentences,
            hits,
            own_actors,
            actors,
            claim_occ,
        }
    }

    fn first_match(&self, cb: &Codebook, pats: &[usize], s: usize) -> Option<Hit> {
        let mut best: Option<Hit> = None;
        for &p in pats {
            if !self.hits[s].matched(p) {
                continue;
            }
            let found = self.hits[s].span(p).or_else(|| {
                cb.table.regexes[p]
                    .find(self.sentences[s])
                    .map(|m| (m.start(), m.end()))
            });
            if let Some((start, end)) = found
                && best.is_none_or(|b| start < b.start)
            {
                best = Some(Hit {
                    sentence: s,
                    start,
                    end,
                    pattern: p,
                });
            }
        }
        best
    }

    fn around(&self, rule: &Rule, i: usize) -> std::ops::Range<usize> {
        around(rule, i, self.sentences.len())
    }

    fn any_hit(&self, pats: &[usize], s: usize) -> bool {
        any_hit(&self.hits, pats, s)
    }

    /// Evaluate rule `r` of theme `t` on sentence `i`; `None` when no part of it matched.
    fn rule<'c>(&self, cb: &'c Codebook, t: usize, r: usize, i: usize) -> Option<Outcome<'c>> {
        let rule = &cb.themes[t].rules[r];
        let group_hit = |g: &Vec<usize>| match rule.context {
            Context::Sentence => self.any_hit(g, i),
            Context::Paragraph => self.around(rule, i).any(|s| self.any_hit(g, s)),
        };
        // Prefilter: skip rules none of whose parts can match.
        if !self.any_hit(&rule.patterns, i) && !rule.all.iter().any(group_hit) {
            return None;
        }
        let primary = self.first_match(cb, &rule.patterns, i);
        let groups: Vec<Option<Hit>> = rule
            .all
            .iter()
            .map(|g| match rule.context {
                Context::Sentence => self.first_match(cb, g, i),
                Context::Paragraph => self.first_match(cb, g, i).or_else(|| {
                    self.around(rule, i)
                        .filter(|&s| s != i)
                        .find_map(|s| self.first_match(cb, g, s))
                }),
            })
            .collect();
        let parts_ok =
            (rule.patterns.is_empty() || primary.is_some()) && groups.iter().all(Option::is_some);
        let actor = if rule.actors.is_empty() {
            None
        } else {
            rule.actors
                .iter()
                .find(|a| self.actors[i].contains(a))
                .map(|a| (a.as_str(), !self.own_actors[i].contains(a)))
        };
        let actor_ok = rule.actors.is_empty() || actor.is_some();
        let blocked_by = self.first_match(cb, &rule.not, i);
        let span_words = rule.within.map(|n| {
            let spans: Vec<&Hit> = primary
                .iter()
                .chain(groups.iter().flatten())
                .filter(|s| s.sentence == i)
                .collect();
            let lo = spans.iter().map(|s| s.start).min().unwrap_or(0);
            let hi = spans.iter().map(|s| s.end).max().unwrap_or(0);
            let words = self.sentences[i]
                .get(lo..hi)
                .map_or(0, |t| t.split_whitespace().count());
            (words, n)
        });
        let within_ok = span_words.is_none_or(|(w, n)| w <= n);
        let status = if !parts_ok {
            Status::Partial
        } else if blocked_by.is_some() {
            Status::Blocked
        } else if !within_ok {
            Status::TooFar
        } else if !actor_ok {
            Status::NoActor
        } else {
            Status::Fired
        };
        Some(Outcome {
            theme: t,
            rule: r,
            def: rule,
            status,
            primary,
            groups,
            actor,
            blocked_by,
            span_words,
        })
    }

    /// Outcomes of every rule with at least one matching part, in codebook order.
    pub(crate) fn evaluate<'c>(&self, cb: &'c Codebook, i: usize) -> Vec<Outcome<'c>> {
        let mut out = Vec::new();
        for (t, theme) in cb.themes.iter().enumerate() {
            for r in 0..theme.rules.len() {
                if let Some(o) = self.rule(cb, t, r, i) {
                    out.push(o);
                }
            }
        }
        out
    }

    /// Outcomes of the rules that fire on sentence `i` (what tagging needs). Rules missing a
    /// part in the prefilter or a required actor are skipped before any regex runs; the
    /// outcome of a rule that fires is the same as in [`Paragraph::evaluate`].
    /// `scratch` is the caller's, reused from sentence to sentence.
    pub(crate) fn evaluate_fired<'c>(
        &self,
        cb: &'c Codebook,
        i: usize,
        scratch: &mut Vec<u64>,
    ) -> Vec<Outcome<'c>> {
        let mut out = Vec::new();
        for (t, r) in cb.rule_index.tried(&self.hits[i], scratch) {
            let (rule, mask) = (&cb.themes[t].rules[r], &cb.masks[t][r]);
            if !may_fire(&self.hits, &self.actors, rule, mask, i) {
                continue;
            }
            if let Some(o) = self.rule(cb, t, r, i).filter(Outcome::fired) {
                out.push(o);
            }
        }
        out
    }
}

/// A rule's parts as bit masks over the codebook's pattern table (the layout of
/// [`Hits`]): the may-fire test runs for every rule on every sentence, twice when
/// tagging, and a few word-wide ANDs answer it where testing the patterns one by one
/// did not.
#[derive(Debug, Clone, Default)]
pub(crate) struct RuleMask {
    patterns: Mask,
    all: Vec<Mask>,
}

impl RuleMask {
    fn of(rule: &Rule) -> RuleMask {
        RuleMask {
            patterns: Mask::of(&rule.patterns),
            all: rule.all.iter().map(|g| Mask::of(g)).collect(),
        }
    }

    /// The masks of every rule, by theme then rule.
    pub(crate) fn of_themes(themes: &[Theme]) -> Vec<Vec<RuleMask>> {
        themes
            .iter()
            .map(|t| t.rules.iter().map(RuleMask::of).collect())
            .collect()
    }
}

/// Which rules may fire on a sentence, from its hits: each rule is filed under the
/// patterns of a part it needs in the sentence itself (its `patterns`, else, for a
/// sentence-context rule, its first `all` group); a rule with no such part is always
/// tried. The may-fire test then runs for the few rules a sentence's hits name, not for
/// every rule of the codebook.
#[derive(Debug, Clone, Default)]
pub(crate) struct RuleIndex {
    /// (theme, rule) of each rule, by theme then rule.
    rules: Vec<(usize, usize)>,
    /// The rules filed under each pattern, ascending.
    by_pattern: Vec<Vec<u32>>,
    /// The rules without a part in the sentence itself, ascending.
    always: Vec<u32>,
}

impl RuleIndex {
    pub(crate) fn of_themes(themes: &[Theme], patterns: usize) -> RuleIndex {
        let mut ix = RuleIndex {
            by_pattern: vec![Vec::new(); patterns],
            ..RuleIndex::default()
        };
        for (t, theme) in themes.iter().enumerate() {
            for (r, rule) in theme.rules.iter().enumerate() {
                let n = ix.rules.len() as u32;
                ix.rules.push((t, r));
                let key = if !rule.patterns.is_empty() {
                    Some(&rule.patterns)
                } else if rule.context == Context::Sentence {
                    rule.all.first()
                } else {
                    None
                };
                match key {
                    Some(ps) => {
                        for &p in ps {
                            if let Some(list) = ix.by_pattern.get_mut(p)
                                && list.last() != Some(&n)
                            {
                                list.push(n);
                            }
                        }
                    }
                    None => ix.always.push(n),
                }
            }
        }
        ix
    }

    /// The (theme, rule) of each rule that may fire where `hits` are the hits, in rule
    /// order (`tried` is scratch space: a bit set over the rules).
    fn tried<'a>(
        &'a self,
        hits: &Hits,
        tried: &'a mut Vec<u64>,
    ) -> impl Iterator<Item = (usize, usize)> + 'a {
        tried.clear();
        tried.resize(self.rules.len().div_ceil(64), 0);
        let lists = hits.iter().filter_map(|p| self.by_pattern.get(p));
        for &r in std::iter::once(&self.always).chain(lists).flatten() {
            set_bit(tried, r as usize);
        }
        ones(tried).map(move |r| self.rules[r])
    }
}

/// The sentences (of `n`) a paragraph-context rule may look at from sentence `i`.
fn around(rule: &Rule, i: usize, n: usize) -> std::ops::Range<usize> {
    match rule.window {
        Some(w) => i.saturating_sub(w)..(i + w + 1).min(n),
        None => 0..n,
    }
}

fn any_hit(hits: &[Hits], pats: &[usize], s: usize) -> bool {
    pats.iter().any(|&p| hits[s].matched(p))
}

/// Whether every part of `rule` (`mask`) can match on sentence `i` according to `hits`
/// and its actor is present.
fn may_fire(hits: &[Hits], actors: &[Vec<String>], rule: &Rule, mask: &RuleMask, i: usize) -> bool {
    let group_ok = |g: &Mask| match rule.context {
        Context::Sentence => hits[i].any(g),
        Context::Paragraph => around(rule, i, hits.len()).any(|s| hits[s].any(g)),
    };
    (rule.patterns.is_empty() || hits[i].any(&mask.patterns))
        && mask.all.iter().all(group_ok)
        && (rule.actors.is_empty() || rule.actors.iter().any(|a| actors[i].contains(a)))
}

/// The patterns to confirm in each sentence for tagging: every part (`patterns`, `all`
/// groups, `not`) of each rule that may fire on a sentence by its `candidates`, in the
/// sentences the rule looks at there ([`Paragraph::rule`]).
fn needed(cb: &Codebook, candidates: &[Hits], actors: &[Vec<String>]) -> Vec<Hits> {
    let n = candidates.len();
    let patterns = cb.table.sources.len();
    let mut need: Vec<Hits> = (0..n).map(|_| Hits::none(patterns)).collect();
    let mut scratch = Vec::new();
    for i in 0..n {
        for (t, r) in cb.rule_index.tried(&candidates[i], &mut scratch) {
            let (rule, mask) = (&cb.themes[t].rules[r], &cb.masks[t][r]);
            if !may_fire(candidates, actors, rule, mask, i) {
                continue;
            }
            for &p in rule.patterns.iter().chain(&rule.not) {
                need[i].insert(p);
            }
            for g in &rule.all {
                let sentences = match rule.context {
                    Context::Sentence => i..i + 1,
                    Context::Paragraph => around(rule, i, n),
                };
                for s in sentences {
                    for &p in g {
                        need[s].insert(p);
                    }
                }
            }
        }
    }
    need
}

/// Group outcomes by theme: (theme, score = sum of fired weights, its outcomes).
pub(crate) fn theme_scores<'c, 'o>(
    cb: &'c Codebook,
    outcomes: &'o [Outcome<'c>],
) -> Vec<(&'c Theme, f64, Vec<&'o Outcome<'c>>)> {
    cb.themes
        .iter()
        .enumerate()
        .filter_map(|(t, theme)| {
            let rules: Vec<&Outcome> = outcomes.iter().filter(|o| o.theme == t).collect();
            if rules.is_empty() {
                return None;
            }
            let score = rules
                .iter()
                .filter(|o| o.fired())
                .fold(0.0, |a, o| a + o.weight());
            Some((theme, score, rules))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every rule, given a hit for each of its parts in each sentence of a paragraph, is
    /// tried there (paragraph-context rules and rules of `all` groups only included).
    #[test]
    fn the_rule_index_tries_each_rule_whose_parts_all_hit() {
        let cb = Codebook::builtin();
        let n = cb.table.sources.len();
        let everyone: Vec<String> = cb
            .themes
            .iter()
            .flat_map(|t| t.rules.iter().flat_map(|r| r.actors.iter().cloned()))
            .collect();
        let mut scratch = Vec::new();
        for (t, theme) in cb.themes.iter().enumerate() {
            for (r, rule) in theme.rules.iter().enumerate() {
                let mut h = Hits::none(n);
                for part in std::iter::once(&rule.patterns).chain(&rule.all) {
                    if let Some(&p) = part.first() {
                        h.insert(p);
                    }
                }
                let hits = vec![h; 3];
                let actors = vec![everyone.clone(); 3];
                for i in 0..3 {
                    assert!(
                        may_fire(&hits, &actors, rule, &cb.masks[t][r], i),
                        "{t}/{r}"
                    );
                    let tried: Vec<_> = cb.rule_index.tried(&hits[i], &mut scratch).collect();
                    assert!(tried.contains(&(t, r)), "{t}/{r} on sentence {i}");
                }
            }
        }
    }

    proptest::proptest! {
        /// The rule index never leaves out a rule that may fire: for any hits in a
        /// paragraph of three sentences, every rule whose may-fire test passes on a
        /// sentence is among the rules tried there, and they come in rule order.
        #[test]
        fn the_rule_index_tries_every_rule_that_may_fire(
            picks in proptest::collection::vec(proptest::collection::vec(0usize..400, 0..12), 3),
        ) {
            let cb = Codebook::builtin();
            let n = cb.table.sources.len();
            let hits: Vec<Hits> = picks
                .iter()
                .map(|ps| {
                    let mut h = Hits::none(n);
                    ps.iter().filter(|&&p| p < n).for_each(|&p| h.insert(p));
                    h
                })
                .collect();
            // Every actor a rule names is present, so that only the parts decide.
            let everyone: Vec<String> = cb
                .themes
                .iter()
                .flat_map(|t| t.rules.iter().flat_map(|r| r.actors.iter().cloned()))
                .collect();
            let actors = vec![everyone; hits.len()];
            let mut scratch = Vec::new();
            for i in 0..hits.len() {
                let tried: Vec<(usize, usize)> = cb.rule_index.tried(&hits[i], &mut scratch).collect();
                let mut sorted = tried.clone();
                sorted.sort_unstable();
                proptest::prop_assert_eq!(&tried, &sorted);
                for (t, theme) in cb.themes.iter().enumerate() {
                    for (r, rule) in theme.rules.iter().enumerate() {
                        if may_fire(&hits, &actors, rule, &cb.masks[t][r], i) {
                            proptest::prop_assert!(tried.contains(&(t, r)), "{}/{}", t, r);
                        }
                    }
                }
            }
        }
    }

    /// Each sentence's fired rules, resolved (texts, spans, pattern sources).
    fn fired(cb: &Codebook, para: &Paragraph, sentences: &[&str]) -> Vec<Vec<RuleOutcome>> {
        (0..sentences.len())
            .map(|i| {
                para.evaluate_fired(cb, i, &mut Vec::new())
                    .iter()
                    .map(|o| o.resolve(cb, sentences))
                    .collect()
            })
            .collect()
    }

    fn same_fired_rules(cb: &Codebook, sentences: &[&str]) -> usize {
        let all = fired(cb, &Paragraph::new(cb, sentences), sentences);
        let needed = fired(cb, &Paragraph::for_tagging(cb, sentences), sentences);
        assert_eq!(all, needed, "{sentences:?}");
        all.iter().map(Vec::len).sum()
    }

    #[test]
    fn tagging_confirms_only_needed_patterns_and_fires_the_same_rules_on_the_seeds() {
        // The built-in codebook has every kind of part: `all` groups in the sentence and in
        // a paragraph window, `not`, `within`, required actors.
        let cb = Codebook::builtin();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        let (mut paragraphs, mut fired) = (0, 0);
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            let sentences = crate::pipeline::segment_text(&text);
            for para in crate::pipeline::paragraphs(&sentences) {
                let texts: Vec<&str> = para.iter().map(|s| s.text.as_str()).collect();
                fired += same_fired_rules(&cb, &texts);
                paragraphs += 1;
            }
        }
        assert!(paragraphs > 50 && fired > 100, "{paragraphs} {fired}");
    }

    #[test]
    fn tagging_fires_the_same_rules_when_a_part_has_no_candidate() {
        let src = r#"
[[themes]]
id = "t"
[[themes.rules]]
id = "group-in-window"
all = [["cost"], ["allies?"]]
context = "paragraph"
window = 1
not = ["diplomacy"]
[[themes.rules]]
id = "near"
all = [["share"], ["burden"]]
within = 3
[[themes.rules]]
id = "single"
patterns = ["pay\\w*"]
"#;
        let cb = Codebook::from_toml(src, "m").unwrap();
        let cases: &[&[&str]] = &[
            &["The cost rose.", "Allies balked.", "Nobody else did."],
            &["The cost rose.", "Nobody else did.", "Allies balked."],
            &[
                "Allies share the cost of diplomacy.",
                "They share the burden.",
            ],
            &["They share the heavy and growing burden.", "Allies pay."],
            &["Nothing here.", "Or here."],
        ];
        let fired: Vec<usize> = cases.iter().map(|s| same_fired_rules(&cb, s)).collect();
        // 1: the window rule on both sentences; 2: on the middle one only; 3: blocked on
        // the first, the window rule (the cost is one sentence back) and `near` on the
        // second; 4: `near` too far apart, `single` fires; 5: nothing.
        assert_eq!(fired, [2, 1, 2, 1, 0]);
    }
}
