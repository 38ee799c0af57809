//! Stage 3 (codebook), prefilter: which patterns can match a sentence, decided before any
//! rule is evaluated. [`PatternTable`] holds every distinct pattern of a codebook once;
//! [`PatternSet`] makes one literal pass per sentence over the prefix literals of the theme
//! patterns, the claim-cue classes and the actors' aliases, and each part confirms its own
//! candidates (an anchored search at the literal, which is kept as the pattern's span). A
//! pattern with branches that have no prefix literals is searched whole where their later
//! literals occur or where a regex set over the branches with no literals matches; regex
//! sets over all patterns cover the sentences the ASCII literal scan cannot judge. Compiled by [`super::compile`], used by [`super::matcher`].

use regex::{RegexSet, RegexSetBuilder};

use super::claims::ClaimLexicon;
use super::gazetteer::Gazetteer;
use super::{literal, wrap};

/// Every distinct pattern of the codebook, compiled once, plus the prefilter.
#[derive(Debug, Clone)]
pub(crate) struct PatternTable {
    pub(crate) sources: Vec<String>,
    /// Each pattern, compiled once: searched unanchored (`find`) and, at a literal's
    /// position, anchored (the confirmation of the literal prefilter).
    pub(crate) regexes: Vec<literal::Checker>,
    /// This thread's search caches for `regexes`, for the confirmations.
    caches: literal::Caches,
    /// Each pattern's prefix literals (for a gated pattern, its prefix branches'; `None`:
    /// left to `residual`), for the codebook's [`PatternSet`], whose candidates are
    /// confirmed with `regexes`.
    pub(crate) lits: Vec<Option<Vec<Vec<u8>>>>,
    /// For patterns with prefix literals, their branches ([`literal::literals`]; for a
    /// gated pattern, those with prefix literals, [`literal::Gates`]), each
    /// with its own prefix literals and, when it has some, the later literals without
    /// which it cannot match in a sentence (`None`: `lits` alone).
    pub(crate) branches: Vec<Option<Vec<literal::Branch>>>,
    /// For patterns some of whose branches have no prefix literals ([`literal::Gates`]),
    /// the later literals of those branches: where one occurs, the pattern is searched.
    pub(crate) search: Vec<Option<Vec<Vec<u8>>>>,
    /// Regex sets over chunks of what has no literals: patterns, or their branches
    /// ([`literal::Gates::rest`]); each member's pattern number, then the set. Where a
    /// member matches, its pattern is searched.
    residual: Vec<(Vec<usize>, RegexSet)>,
    /// Sets over all patterns in chunks of [`PREFILTER_CHUNK`], built on first use, for
    /// the rare sentence the ASCII literal scan cannot judge ([`literal::folds_to_ascii`]).
    full: std::sync::OnceLock<Option<Vec<RegexSet>>>,
}

/// Patterns per prefilter set. One set over hundreds of patterns with word gaps
/// (`(?:\w+ ){0,3}`) makes the lazy DFA's states (sets of live NFA states) multiply, and
/// building them dominates tagging until the cache is warm. On 6,000 State of the Union
/// sentences, cold, 64-pattern sets take about a third of the time of one set over all
/// ~300 patterns; warm, they cost about 1 µs per sentence more.
pub(crate) const PREFILTER_CHUNK: usize = 64;

/// Shortest prefix literal the literal prefilter accepts for a pattern.
pub(crate) const MIN_LITERAL: usize = 2;

impl PatternTable {
    pub(super) fn new(
        sources: Vec<String>,
        regexes: Vec<literal::Checker>,
    ) -> std::result::Result<PatternTable, regex::Error> {
        let n = sources.len();
        let (mut lits, mut branches, mut search) = (vec![None; n], vec![None; n], vec![None; n]);
        // What the residual sets cover: (pattern, source of it or of a branch of it).
        let mut rest: Vec<(usize, String)> = Vec::new();
        for (p, s) in sources.iter().enumerate() {
            if let Some(l) = literal::literals(s, MIN_LITERAL) {
                lits[p] = Some(l.prefix);
                branches[p] = l.branches;
            } else if let Some(g) = literal::gates(s, MIN_LITERAL) {
                lits[p] = Some(g.branches.iter().flat_map(|b| b.prefix.clone()).collect());
                branches[p] = Some(g.branches);
                search[p] = Some(g.search).filter(|s| !s.is_empty());
                rest.extend(g.rest.into_iter().map(|r| (p, r)));
            } else {
                rest.push((p, s.clone()));
            }
        }
        let residual = rest
            .chunks(PREFILTER_CHUNK)
            .map(|chunk| {
                let (ps, srcs): (Vec<usize>, Vec<String>) = chunk.iter().cloned().unzip();
                prefilter_set(&srcs).map(|set| (ps, set))
            })
            .collect::<std::result::Result<_, _>>()?;
        Ok(PatternTable {
            sources,
            regexes,
            caches: literal::Caches::new(),
            lits,
            branches,
            search,
            residual,
            full: std::sync::OnceLock::new(),
        })
    }

    /// Which patterns may match a sentence the literal scan cannot judge
    /// ([`literal::folds_to_ascii`]): the regex sets over all patterns (a superset of the
    /// exact matches), as a bit set.
    pub(crate) fn prefilter_by_sets(&self, s: &str) -> Hits {
        let mut hits = Hits::none(self.sources.len());
        match self.full.get_or_init(|| prefilter_sets(&self.sources).ok()) {
            Some(sets) => {
                for (c, set) in sets.iter().enumerate() {
                    for i in set.matches(s).iter() {
                        hits.insert(c * PREFILTER_CHUNK + i);
                    }
                }
            }
            None => hits.bits.iter_mut().for_each(|w| *w = u64::MAX),
        }
        hits
    }

    /// The prefilter's verdict on each sentence of a paragraph from its literal
    /// occurrences (`occ[i]`: (pattern, start) in sentence `i`, sorted; `None`: the
    /// literal scan could not judge it): confirmed at the occurrences, plus the residual
    /// sets.
    pub(crate) fn hits_in(&self, sentences: &[&str], occ: &[Option<&[(u32, u32)]>]) -> Vec<Hits> {
        let (mut hits, searches) = self.residual_hits(sentences, occ);
        self.confirm(sentences, occ, &searches, &mut hits, |_, _| true);
        hits
    }

    /// [`PatternTable::hits_in`] for tagging, which needs only the patterns of the rules
    /// that can fire: `needed` gets the candidates (every literal occurrence taken as a
    /// match, a superset of the hits) and says, per sentence, which patterns to confirm;
    /// the other occurrences are not confirmed and stay out of the hits. A rule with a part
    /// that has no candidate cannot fire, so its other parts need not be confirmed.
    pub(crate) fn hits_needed_in(
        &self,
        sentences: &[&str],
        occ: &[Option<&[(u32, u32)]>],
        needed: impl FnOnce(&[Hits]) -> Vec<Hits>,
    ) -> Vec<Hits> {
        let (mut hits, searches) = self.residual_hits(sentences, occ);
        let mut candidates = hits.clone();
        for (h, o) in candidates.iter_mut().zip(occ) {
            for &(p, _) in o.iter().copied().flatten() {
                h.insert(p as usize);
            }
        }
        for &(p, i) in &searches {
            candidates[i as usize].insert(p as usize);
        }
        let need = needed(&candidates);
        self.confirm(sentences, occ, &searches, &mut hits, |p, i| {
            need.get(i).is_some_and(|n| n.matched(p))
        });
        hits
    }

    /// The hits of every pattern for the sentences the literal scan cannot judge, and
    /// the (pattern, sentence) pairs where a residual set says to search the pattern.
    fn residual_hits(
        &self,
        sentences: &[&str],
        occ: &[Option<&[(u32, u32)]>],
    ) -> (Vec<Hits>, Vec<(u32, u32)>) {
        let mut searches = Vec::new();
        let hits = sentences
            .iter()
            .zip(occ)
            .enumerate()
            .map(|(i, (s, o))| {
                if o.is_none() {
                    return self.prefilter_by_sets(s);
                }
                for (ps, set) in &self.residual {
                    // Most sentences match none of them: an `is_match` pass stops early and
                    // costs a fraction of the overlapping pass that says which.
                    if !set.is_match(s) {
                        continue;
                    }
                    for m in set.matches(s).iter() {
                        searches.push((ps[m] as u32, i as u32));
                    }
                }
                Hits::none(self.sources.len())
            })
            .collect();
        (hits, searches)
    }

    /// Confirm the literal occurrences and residual searches that `keep(pattern,
    /// sentence)` accepts, adding the patterns that match (and their spans) to `hits`.
    /// The confirmations of the whole paragraph run pattern by pattern, so that each
    /// pattern's automaton is searched several times in a row while it is in the cache
    /// (in sentence order they alternate among hundreds of automata and the other stages).
    fn confirm(
        &self,
        sentences: &[&str],
        occ: &[Option<&[(u32, u32)]>],
        searches: &[(u32, u32)],
        hits: &mut [Hits],
        keep: impl Fn(usize, usize) -> bool,
    ) {
        // (pattern, sentence, start), pattern-major; starts ascending within a sentence,
        // a search ([`SEARCH`]) after them.
        let mut all: Vec<(u32, u32, u32)> =
            Vec::with_capacity(occ.iter().flatten().map(|o| o.len()).sum());
        for (i, o) in occ.iter().enumerate() {
            for &(p, st) in o.iter().copied().flatten() {
                if keep(p as usize, i) {
                    all.push((p, i as u32, st));
                }
            }
        }
        for &(p, i) in searches {
            if keep(p as usize, i as usize) {
                all.push((p, i, SEARCH));
            }
        }
        all.sort_unstable();
        self.caches.with(self.regexes.len(), |caches| {
            for group in all.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
                let (p, i, last) = group[group.len() - 1];
                let (pi, si) = (p as usize, i as usize);
                let (re, s) = (&self.regexes[pi], sentences[si]);
                let found = if last == SEARCH {
                    // A branch without prefix literals may match here: only an unanchored
                    // search finds the leftmost match.
                    re.find(s).map(|m| (m.start(), m.end()))
                } else {
                    // The first start (ascending) where the pattern matches anchored is the
                    // start of its leftmost-first match, and the anchored match there is
                    // that match: kept, so tagging need not search again.
                    let cache = caches.get(pi, re);
                    group.iter().find_map(|&(_, _, st)| {
                        re.end_at(cache, s, st as usize)
                            .map(|end| (st as usize, end))
                    })
                };
                if let Some((start, end)) = found {
                    // Patterns come in ascending order: each sentence's spans stay sorted.
                    hits[si].insert(pi);
                    hits[si].spans.push((p, start as u32, end as u32));
                }
            }
        });
    }
}

/// The start of an occurrence that asks for an unanchored search of its pattern in the
/// sentence ([`PatternTable::search`], the residual sets), sorted after every real start.
pub(crate) const SEARCH: u32 = u32::MAX;

/// The prefilter's verdict on one sentence: pattern numbers that may match, and for the
/// patterns the literal path confirmed, their leftmost-first match.
#[derive(Debug, Clone)]
pub(crate) struct Hits {
    bits: Vec<u64>,
    /// (pattern, start, end), sorted by pattern: the exact first match of a confirmed
    /// pattern. A candidate without an entry is only a candidate (`find` decides).
    spans: Vec<(u32, u32, u32)>,
}

impl Hits {
    pub(crate) fn none(patterns: usize) -> Hits {
        Hits {
            bits: vec![0; patterns.div_ceil(64)],
            spans: Vec::new(),
        }
    }

    pub(crate) fn insert(&mut self, p: usize) {
        set_bit(&mut self.bits, p);
    }

    /// Whether any pattern of `mask` is a hit.
    pub(crate) fn any(&self, mask: &Mask) -> bool {
        mask.words
            .iter()
            .any(|&(w, bits)| self.bits.get(w as usize).is_some_and(|h| h & bits != 0))
    }

    pub(crate) fn matched(&self, p: usize) -> bool {
        bit(&self.bits, p)
    }

    /// The pattern numbers that are hits, ascending.
    pub(crate) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        ones(&self.bits)
    }

    /// The first match of pattern `p` when the prefilter already confirmed it.
    pub(crate) fn span(&self, p: usize) -> Option<(usize, usize)> {
        let i = self
            .spans
            .binary_search_by_key(&(p as u32), |&(q, _, _)| q)
            .ok()?;
        let (_, start, end) = self.spans[i];
        Some((start as usize, end as usize))
    }
}

/// A set of pattern numbers in the layout of [`Hits`], for [`Hits::any`]: only its words
/// that are not zero, with their index. A rule names a few of the table's hundreds of
/// patterns, so a test reads one or two words, not all of them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Mask {
    words: Vec<(u32, u64)>,
}

impl Mask {
    pub(crate) fn of(patterns: &[usize]) -> Mask {
        let mut words: Vec<(u32, u64)> = Vec::new();
        for &p in patterns {
            let (w, b) = ((p / 64) as u32, 1u64 << (p % 64));
            match words.iter_mut().find(|(x, _)| *x == w) {
                Some((_, bits)) => *bits |= b,
                None => words.push((w, b)),
            }
        }
        words.sort_unstable();
        Mask { words }
    }
}

/// The positions of the set bits of a bit set, ascending (one step per set bit).
pub(crate) fn ones(bits: &[u64]) -> impl Iterator<Item = usize> + '_ {
    bits.iter().enumerate().flat_map(|(w, &word)| {
        let mut rest = word;
        std::iter::from_fn(move || {
            (rest != 0).then(|| {
                let b = rest.trailing_zeros() as usize;
                rest &= rest - 1;
                w * 64 + b
            })
        })
    })
}

/// Whether bit `p` of a bit set is set.
fn bit(bits: &[u64], p: usize) -> bool {
    bits.get(p / 64).is_some_and(|w| w & (1 << (p % 64)) != 0)
}

pub(crate) fn set_bit(bits: &mut [u64], p: usize) {
    if let Some(w) = bits.get_mut(p / 64) {
        *w |= 1 << (p % 64);
    }
}

/// One literal pass per sentence for the whole codebook: the prefix literals of the theme
/// patterns, the claim-cue classes and the actors' aliases in one trie, whose occurrences
/// drive all three (each confirms its own candidates as before). The branches of patterns
/// and classes that have later literals ([`literal::Branch`]) put those in the trie too:
/// an occurrence of such a branch's prefix literal counts only in a sentence where one of
/// its later literals occurs.
#[derive(Debug, Clone, Default)]
pub(crate) struct PatternSet {
    filter: literal::LiteralFilter,
    /// What each owner of the trie's literals stands for.
    owners: Vec<Owner>,
    /// Branches with later literals, numbered.
    groups: usize,
}

/// An owner of literals in a [`PatternSet`]'s trie.
#[derive(Debug, Clone, Copy)]
struct Owner {
    part: Part,
    /// Pattern, class or actor number within its part; for [`Part::Inner`], the group.
    id: u32,
    /// The group whose later literals the occurrence needs ([`NO_GROUP`]: none).
    group: u32,
    /// Whether the occurrence counts only at the start of the sentence (a branch that
    /// opens with `^`, [`literal::Branch::at_start`]).
    at_start: bool,
}

/// Which part of the codebook an [`Owner`] belongs to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    Patterns,
    Claims,
    Actors,
    /// The later literals of a group.
    Inner,
    /// Literals at which a pattern is searched ([`PatternTable::search`]).
    Search,
    /// Literals at which a cue class's patterns without prefix literals are searched
    /// ([`ClaimLexicon::search`]).
    CueSearch,
}

/// Occurrences waiting for their group that [`PatternSet::scan`] holds on the stack.
const WAITING_ON_STACK: usize = 32;

/// [`Owner::group`] of an occurrence that counts wherever it is.
const NO_GROUP: u32 = u32::MAX;

/// A sentence's literal occurrences (owner, start) by part, owner numbers local to each.
#[derive(Debug, Default)]
pub(crate) struct Occurrences {
    pub(crate) patterns: Vec<(u32, u32)>,
    pub(crate) claims: Vec<(u32, u32)>,
    pub(crate) actors: Vec<(u32, u32)>,
}

/// Builds a [`PatternSet`]'s trie owners and their literal sets.
#[derive(Default)]
struct Owners {
    owners: Vec<Owner>,
    lits: Vec<Option<Vec<Vec<u8>>>>,
    groups: usize,
    /// Each distinct set of later literals and its group (branches share a set often).
    group_of: std::collections::HashMap<Vec<Vec<u8>>, u32>,
}

impl Owners {
    /// Owner `id` of `part`: its whole literal set, or one owner per branch with later
    /// literals (each waiting for its group) or opening with `^`, plus one for the other
    /// branches together.
    fn add(
        &mut self,
        part: Part,
        id: usize,
        lits: Option<&Vec<Vec<u8>>>,
        branches: Option<&[literal::Branch]>,
    ) {
        let id = id as u32;
        let Some(branches) = branches else {
            self.push(part, id, NO_GROUP, false, lits.cloned());
            return;
        };
        for b in branches.iter().filter(|b| b.gated()) {
            let group = match &b.inner {
                None => NO_GROUP,
                Some(inner) => match self.group_of.get(inner) {
                    Some(&g) => g,
                    None => {
                        let g = self.groups as u32;
                        self.groups += 1;
                        self.push(Part::Inner, g, NO_GROUP, false, Some(inner.clone()));
                        self.group_of.insert(inner.clone(), g);
                        g
                    }
                },
            };
            self.push(part, id, group, b.at_start, Some(b.prefix.clone()));
        }
        // The branches that count wherever they occur share one owner.
        let anywhere: Vec<Vec<u8>> = branches
            .iter()
            .filter(|b| !b.gated())
            .flat_map(|b| b.prefix.iter().cloned())
            .collect();
        if !anywhere.is_empty() {
            self.push(part, id, NO_GROUP, false, Some(anywhere));
        }
    }

    fn push(
        &mut self,
        part: Part,
        id: u32,
        group: u32,
        at_start: bool,
        lits: Option<Vec<Vec<u8>>>,
    ) {
        self.owners.push(Owner {
            part,
            id,
            group,
            at_start,
        });
        self.lits.push(lits);
    }
}

impl PatternSet {
    pub(super) fn new(
        table: &PatternTable,
        claims: &ClaimLexicon,
        gazetteer: &Gazetteer,
    ) -> PatternSet {
        let mut o = Owners::default();
        for (p, lits) in table.lits.iter().enumerate() {
            o.add(
                Part::Patterns,
                p,
                lits.as_ref(),
                table.branches[p].as_deref(),
            );
            if let Some(search) = &table.search[p] {
                o.add(Part::Search, p, Some(search), None);
            }
        }
        for (c, lits) in claims.lits.iter().enumerate() {
            let branches = claims.branches.get(c).and_then(Option::as_deref);
            o.add(Part::Claims, c, lits.as_ref(), branches);
        }
        for (c, search) in claims.search.iter().enumerate() {
            if let Some(search) = search {
                o.add(Part::CueSearch, c, Some(search), None);
            }
        }
        if let Some(lits) = &claims.hedge_lits {
            o.add(Part::Claims, claims.hedge_owner(), Some(lits), None);
        }
        for (a, lits) in gazetteer.lits.iter().enumerate() {
            o.add(Part::Actors, a, lits.as_ref(), None);
        }
        PatternSet {
            filter: literal::LiteralFilter::new(&o.lits),
            owners: o.owners,
            groups: o.groups,
        }
    }

    /// The occurrences in `s`, each part sorted; `None` when the ASCII literal scan cannot
    /// judge `s` ([`literal::folds_to_ascii`]): then each part takes its own slow path.
    pub(crate) fn scan(&self, s: &str) -> Option<Occurrences> {
        if literal::folds_to_ascii(s) {
            return None;
        }
        // Sized for a long sentence (about 20 occurrences in all in a State of the Union
        // sentence), so that the pushes do not reallocate.
        let mut occ = Occurrences {
            patterns: Vec::with_capacity(32),
            claims: Vec::with_capacity(16),
            actors: Vec::with_capacity(8),
        };
        // The groups whose later literals occur, and the occurrences that wait for them
        // (on the stack for a codebook of up to 512 groups; the built-in one has fewer).
        let words = self.groups.div_ceil(64);
        let mut few = [0u64; 8];
        let mut many = Vec::new();
        let seen: &mut [u64] = if words <= few.len() {
            &mut few[..words]
        } else {
            many.resize(words, 0);
            &mut many
        };
        // The occurrences that wait for a group: on the stack for the first
        // [`WAITING_ON_STACK`] (a State of the Union sentence has a few), then in a `Vec`.
        let none = Owner {
            part: Part::Inner,
            id: 0,
            group: NO_GROUP,
            at_start: false,
        };
        let mut few = [(none, 0u32); WAITING_ON_STACK];
        let mut held = 0;
        let mut more: Vec<(Owner, u32)> = Vec::new();
        let mut wait = |x: (Owner, u32)| match few.get_mut(held) {
            Some(slot) => {
                *slot = x;
                held += 1;
            }
            None => more.push(x),
        };
        self.filter.scan(s, |o, st| {
            let Some(&own) = self.owners.get(o) else {
                return;
            };
            let st = st as u32;
            match own.part {
                _ if own.at_start && st != 0 => {}
                Part::Inner => set_bit(seen, own.id as usize),
                Part::Search => occ.patterns.push((own.id, SEARCH)),
                Part::CueSearch => occ.claims.push((own.id, SEARCH)),
                _ if own.group != NO_GROUP => wait((own, st)),
                part => occ.part(part).push((own.id, st)),
            }
        });
        for &(own, st) in few[..held].iter().chain(&more) {
            if bit(seen, own.group as usize) {
                occ.part(own.part).push((own.id, st));
            }
        }
        for part in [&mut occ.patterns, &mut occ.claims, &mut occ.actors] {
            part.sort_unstable();
            part.dedup();
        }
        Some(occ)
    }
}

impl Occurrences {
    fn part(&mut self, part: Part) -> &mut Vec<(u32, u32)> {
        match part {
            Part::Claims | Part::CueSearch => &mut self.claims,
            Part::Actors => &mut self.actors,
            // Inner literals are never occurrences; searches are the patterns'.
            Part::Patterns | Part::Inner | Part::Search => &mut self.patterns,
        }
    }
}

/// The prefilter: sets over chunks of the patterns. Each is built in ASCII mode when its
/// patterns allow it (ASCII word boundaries and classes keep the lazy DFA small and fast, and it
/// never has to fall back to the slow engine on non-ASCII text); the exact per-pattern
/// regexes that confirm each hit stay Unicode-aware. ASCII `\w`/`\b` accept a superset of
/// the Unicode matches' starts and ends on English text, so no true hit is filtered out.
fn prefilter_sets(sources: &[String]) -> std::result::Result<Vec<RegexSet>, regex::Error> {
    sources.chunks(PREFILTER_CHUNK).map(prefilter_set).collect()
}

fn prefilter_set(sources: &[String]) -> std::result::Result<RegexSet, regex::Error> {
    let ascii = RegexSetBuilder::new(
        sources
            .iter()
            .map(|s| format!(r"(?-u:\b{{start-half}})(?:{s})(?-u:\b{{end-half}})")),
    )
    .case_insensitive(true)
    .unicode(false)
    .size_limit(256 << 20)
    .dfa_size_limit(128 << 20)
    .build();
    match ascii {
        Ok(set) => Ok(set),
        Err(_) => RegexSetBuilder::new(sources.iter().map(|s| wrap(s)))
            .case_insensitive(true)
            .size_limit(256 << 20)
            .dfa_size_limit(128 << 20)
            .build(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Hits::any` with a sparse [`Mask`] answers as testing its patterns one by one, for
    /// patterns in one word, in several, at word edges, repeated, and for none.
    #[test]
    fn a_mask_tests_its_patterns_as_one_by_one() {
        let table = 300;
        let hit_sets: &[&[usize]] = &[&[], &[0], &[63], &[64], &[5, 130, 299], &[128, 191]];
        let masks: &[&[usize]] = &[
            &[],
            &[0],
            &[1, 2, 3],
            &[63, 64],
            &[299],
            &[130, 130, 7],
            &[192, 255, 256],
            &[10, 191],
        ];
        for hits in hit_sets {
            let mut h = Hits::none(table);
            for &p in *hits {
                h.insert(p);
            }
            for mask in masks {
                let want = mask.iter().any(|p| hits.contains(p));
                assert_eq!(h.any(&Mask::of(mask)), want, "hits {hits:?}, mask {mask:?}");
            }
        }
    }
}

#[cfg(test)]
mod exactness {
    use super::WAITING_ON_STACK;
    use crate::codebook::Codebook;

    /// Sentences that reach every kind of gate of the built-in codebook's patterns:
    /// branches searched at a later literal, branches left to a regex set, prefix literals.
    const SENTENCES: &[&str] = &[
        "Japan pays three times more than it did, and Korea a fivefold increase.",
        "A minilateral grouping of states, not a formal alliance, met in Manila.",
        "Allies spent $5 billion and 2 percent of their GDP on defense.",
        "Half of the coalition troops were American; two-thirds of the forces stayed.",
        "Tokyo looks to Washington; Seoul looks to Beijing, while Manila faces the sea.",
        "The US-Japan-Australia trilateral summit became a standing coalition.",
        "An ad hoc security arrangement is not a defense pact, nor a nuclear club.",
        "Burden-sharing is the price tag of the alliance.",
        "Nothing in this sentence is about any of it.",
    ];

    /// The prefilter's hits are exactly the patterns that match, each with its
    /// leftmost-first match, as an unanchored search of every pattern says: on the
    /// sentences above and on the seed corpus.
    #[test]
    fn hits_are_every_patterns_leftmost_match() {
        let cb = Codebook::builtin();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus");
        let mut text = String::new();
        for e in std::fs::read_dir(dir).expect("corpus/") {
            text += &std::fs::read_to_string(e.expect("entry").path()).unwrap_or_default();
        }
        let mut sentences: Vec<&str> = SENTENCES.to_vec();
        sentences.extend(
            text.split(['.', '\n'])
                .map(str::trim)
                .filter(|s| !s.is_empty()),
        );
        let mut gated_hits = 0;
        for chunk in sentences.chunks(8) {
            let scans: Vec<_> = chunk.iter().map(|s| cb.set.scan(s)).collect();
            let occ: Vec<Option<&[(u32, u32)]>> = scans
                .iter()
                .map(|o| o.as_ref().map(|o| o.patterns.as_slice()))
                .collect();
            let hits = cb.table.hits_in(chunk, &occ);
            for (s, h) in chunk.iter().zip(&hits) {
                for (p, re) in cb.table.regexes.iter().enumerate() {
                    let want = re.find(s).map(|m| (m.start(), m.end()));
                    assert_eq!(
                        h.matched(p),
                        want.is_some(),
                        "{} on {s:?}",
                        cb.table.sources[p]
                    );
                    assert_eq!(h.span(p), want, "{} on {s:?}", cb.table.sources[p]);
                    if want.is_some() && cb.table.search[p].is_some() {
                        gated_hits += 1;
                    }
                }
            }
        }
        // The sentences reach the gated patterns (or the test says nothing about them).
        assert!(gated_hits >= 8, "{gated_hits} hits of gated patterns");
    }

    /// Occurrences that wait for their group's later literal are all kept, past the ones
    /// the scan holds on the stack: the only match starts at the last of 40 occurrences.
    #[test]
    fn every_waiting_occurrence_is_kept() {
        let src = r#"
[[themes]]
id = "t"
[[themes.rules]]
id = "r"
patterns = ["pay\\w* (?:\\w+ ){0,2}for troops"]
"#;
        let cb = Codebook::from_toml(src, "m").unwrap();
        let p = cb
            .table
            .sources
            .iter()
            .position(|s| s.starts_with("pay"))
            .unwrap();
        assert!(
            cb.table.branches[p].is_some(),
            "the pattern waits for `for troops`"
        );
        let mut s = "pay a b c d ".repeat(39);
        s.push_str("pays for troops");
        let scan = cb.set.scan(&s).expect("ASCII");
        let waiting = scan.patterns.iter().filter(|o| o.0 as usize == p).count();
        assert!(waiting > WAITING_ON_STACK, "{waiting} occurrences");
        let hits = cb
            .table
            .hits_in(&[s.as_str()], &[Some(scan.patterns.as_slice())]);
        let start = s.rfind("pays").unwrap();
        assert_eq!(hits[0].span(p), Some((start, s.len())));
    }

    /// Every pattern of the built-in codebook is gated by literals: no regex set passes
    /// over every sentence (each branch left to one cost about 1 % of an ingest).
    #[test]
    fn the_builtin_codebook_leaves_nothing_to_the_residual_sets() {
        let cb = Codebook::builtin();
        let left: Vec<&str> = cb
            .table
            .residual
            .iter()
            .flat_map(|(ps, _)| ps.iter().map(|&p| cb.table.sources[p].as_str()))
            .collect();
        assert!(left.is_empty(), "{left:#?}");
    }
}
