//! Integration tests of stage 3 (codebook + claims) through the public library API:
//! the embedded codebook, context carry-over, near-misses from the theme definitions,
//! `explain`, `self_test`, `check`, import, and the six fixture sets of
//! `tests/fixtures/codebook/`. None of those sets is blind or held out, whatever its name:
//! each was tuned on (the git history of each set and of `codebook/default.toml` says
//! when, noted above each test), and every codebook change since had to keep these tests
//! green. Their scores measure fit, not generalisation.

use argdex::codebook::{Codebook, Tags, import};
use argdex::eval::{self, GoldLine};
use argdex::record::Record;

fn themes(cb: &Codebook, para: &[&str]) -> Vec<Vec<String>> {
    cb.tag_paragraph(para)
        .into_iter()
        .map(|t| t.themes)
        .collect()
}

#[test]
fn builtin_is_valid_and_self_test_passes() {
    assert!(Codebook::check(Codebook::default_toml(), "default.toml").is_empty());
    let cb = Codebook::builtin();
    let r = cb.self_test();
    assert!(r.passed(), "{r}");
    assert!(r.total >= 40, "{}", r.total);
    assert_eq!(cb.fingerprint().len(), 16);
}

#[test]
fn pronoun_carry_over_gives_china_response_to_both_sentences() {
    let cb = Codebook::builtin();
    let t = themes(
        &cb,
        &[
            "China is certain to oppose such a group.",
            "It opposes US alliances as a reflex.",
        ],
    );
    assert!(t[0].contains(&"china-response".to_string()), "{t:?}");
    assert!(t[1].contains(&"china-response".to_string()), "{t:?}");
    // Without the previous sentence, "It" is nobody.
    let alone = themes(&cb, &["It opposes US alliances as a reflex."]);
    assert!(!alone[0].contains(&"china-response".to_string()));
    let tags = cb.tag_paragraph(&["Beijing bristles at the Quad.", "They fear encirclement."]);
    assert_eq!(tags[0].actors, vec!["china", "quad"]);
}

#[test]
fn near_misses_from_the_definitions() {
    let cb = Codebook::builtin();
    let cases: &[(&str, &str)] = &[
        (
            "The two navies expanded intelligence sharing last year.",
            "burden-sharing",
        ),
        (
            "Better sharing of information would prevent such accidents.",
            "burden-sharing",
        ),
        ("The cost of diplomacy is trivial.", "burden-sharing"),
        (
            "Responsibility should rest within the foreign affairs agency.",
            "burden-sharing",
        ),
        (
            "Japan's first priority is the East China Sea.",
            "china-response",
        ),
        (
            "Hong Kong protesters were arrested after Beijing imposed the law.",
            "china-response",
        ),
        ("China's property market slowed sharply.", "china-response"),
        (
            "China's defence minister shared a stage with his American counterpart.",
            "burden-sharing",
        ),
        (
            "The Bank of Japan's decision to raise interest rates strengthened the yen.",
            "interest-overlap",
        ),
        (
            "At the plenum, the Central Committee reshuffled several senior generals.",
            "institutionalization",
        ),
        (
            "Foreign investors moved their regional headquarters to Singapore.",
            "institutionalization",
        ),
        (
            "People who pay income taxes will get relief.",
            "burden-sharing",
        ),
        ("The party called for national unity.", "interest-overlap"),
    ];
    for (s, theme) in cases {
        let t = themes(&cb, &[s]);
        assert!(!t[0].contains(&theme.to_string()), "{s} → {:?}", t[0]);
    }
}

#[test]
fn paraphrases_without_theme_keywords() {
    let cb = Codebook::builtin();
    let cases: &[(&str, &str)] = &[
        ("The U.S. cannot carry the burden alone.", "burden-sharing"),
        (
            "American taxpayers have underwritten Europe's security for decades.",
            "burden-sharing",
        ),
        (
            "Appeasing Beijing has bought Canberra nothing.",
            "china-response",
        ),
        (
            "The result looks less like a pact than like a lattice.",
            "institutionalization",
        ),
        (
            "The members see eye to eye on the few things they must do together.",
            "interest-overlap",
        ),
    ];
    for (s, theme) in cases {
        let t = themes(&cb, &[s]);
        assert!(t[0].contains(&theme.to_string()), "{s} → {:?}", t[0]);
    }
    // Money words borrow the theme of their paragraph.
    let t = themes(
        &cb,
        &[
            "Seoul spends 2.7 percent of its GDP on defence.",
            "Trump's demand for five billion dollars a year was an insult.",
        ],
    );
    assert!(t[1].contains(&"burden-sharing".to_string()), "{t:?}");
}

#[test]
fn prefilter_chunks_keep_every_match() {
    // More patterns than one prefilter chunk: a pattern in a later chunk still fires.
    let cb = Codebook::builtin();
    let t = themes(&cb, &["Talk of an Asian NATO resurfaces every few years."]);
    assert!(t[0].contains(&"institutionalization".to_string()));
    let t = themes(
        &cb,
        &["Divisions among the members over Taiwan would paralyse it."],
    );
    assert!(t[0].contains(&"interest-overlap".to_string()));
}

#[test]
fn evidence_offsets_point_into_the_sentence() {
    let cb = Codebook::builtin();
    let s = "Allies must shoulder more of the defense burden, not free-ride on Washington.";
    let tags = cb.tag_paragraph(&[s]);
    assert!(tags[0].themes.contains(&"burden-sharing".to_string()));
    for e in &tags[0].evidence {
        assert_eq!(&s[e.start..e.end], e.matched);
    }
    assert!(tags[0].claim.is_claim);
    assert!(
        tags[0]
            .claim
            .cues
            .iter()
            .any(|c| c.starts_with("prescriptive:"))
    );
}

#[test]
fn reporting_frames_are_not_claims_and_hedges_are_flagged() {
    let cb = Codebook::builtin();
    let t = cb.tag_paragraph(&[
        "In 2019, a court ruled that the companies must compensate the workers.",
        "The spokesman said that Japan must act.",
        "An Asian NATO might emerge, but it would be fragile.",
        "Alliances are cheaper than wars.",
    ]);
    assert!(!t[0].claim.is_claim, "{:?}", t[0].claim);
    assert!(!t[1].claim.is_claim, "{:?}", t[1].claim);
    assert!(t[2].claim.is_claim && t[2].claim.hedged);
    assert!(t[3].claim.is_claim, "{:?}", t[3].claim);
}

#[test]
fn explain_lists_near_misses_and_claim_cues() {
    let cb = Codebook::builtin();
    let e = cb.explain(&["Allies should pool their intelligence resources."], 0);
    let text = e.to_string();
    assert!(text.contains("burden-sharing"), "{text}");
    assert!(text.contains("blocked by exclusion"), "{text}");
    assert!(text.contains("prescriptive"), "{text}");
    assert!(e.tagged_themes().is_empty());
    let json = serde_json::to_value(&e).unwrap();
    assert!(json["themes"].is_array());
}

#[test]
fn check_reports_positions() {
    let src =
        "[[themes]]\nid = \"a\"\n[[themes.rules]]\nid = \"r\"\npatterns = [\"ok\"]\nbogus = 1\n";
    let errs = Codebook::check(src, "c.toml");
    assert_eq!(errs.len(), 1);
    assert!(errs[0].to_string().starts_with("c.toml:6:"), "{}", errs[0]);
}

#[test]
fn imports_round_trip_through_the_codebook() {
    let toml =
        import::from_quanteda_yaml("alliance:\n  money: [burden shar*, cost*]\n", "d.yml").unwrap();
    let cb = Codebook::from_toml(&toml, "imported").unwrap();
    assert_eq!(cb.theme_ids(), vec!["alliance/money"]);
    let toml = import::from_liwc_dic("%\n1\tmoney\n%\ncost*\t1\n", "d.dic").unwrap();
    assert!(Codebook::from_toml(&toml, "imported").is_ok());
}

/// A fixture set and the floors its scores must reach. The floors are the scores measured
/// when they were set (built-in codebook of 077273b, scored by `argdex::eval`), minus 0.03,
/// rounded down: claims by Cohen's kappa, which is 0 for "every sentence is a claim"
/// (whose claim F1 is 0.69 to 0.85 here), themes by micro F1 (0.25 to 0.34 for "tag all
/// four themes").
struct Floors {
    name: &'static str,
    claim_kappa: f64,
    themes_micro_f1: f64,
}

const FLOORS: &[Floors] = &[
    // Measured: kappa 0.966, micro F1 0.950.
    Floors {
        name: "dev",
        claim_kappa: 0.93,
        themes_micro_f1: 0.92,
    },
    // Measured: kappa 0.793 (0.745 until the named-actor present simple), micro F1 0.898.
    Floors {
        name: "holdout",
        claim_kappa: 0.76,
        themes_micro_f1: 0.86,
    },
    // Measured: kappa 0.890, micro F1 0.939.
    Floors {
        name: "fresh",
        claim_kappa: 0.86,
        themes_micro_f1: 0.90,
    },
    // Measured: kappa 0.555, micro F1 0.892.
    Floors {
        name: "blind2",
        claim_kappa: 0.52,
        themes_micro_f1: 0.86,
    },
    // Measured: kappa 0.418, micro F1 0.893.
    Floors {
        name: "dev2",
        claim_kappa: 0.38,
        themes_micro_f1: 0.86,
    },
    // Measured: kappa 0.772, micro F1 0.867.
    Floors {
        name: "blind",
        claim_kappa: 0.74,
        themes_micro_f1: 0.83,
    },
];

/// The gold rows of a fixture set (the format of `seed-gold.jsonl`).
fn gold_of(name: &str) -> Vec<GoldLine> {
    let path = format!(
        "{}/tests/fixtures/codebook/{name}.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{path}: {e}: {l}")))
        .collect()
}

/// One record per gold row, with the verdict `tag` gives it; `path` is the row's `doc`, so
/// `eval::score` aligns each record with its own row.
fn records_of(gold: &[GoldLine], tag: impl Fn(&[&str]) -> Vec<Tags>) -> Vec<Record> {
    let mut out = Vec::with_capacity(gold.len());
    // Consecutive rows of one `doc` form a paragraph.
    for para in gold.chunk_by(|a, b| a.doc == b.doc) {
        let texts: Vec<&str> = para.iter().map(|g| g.text.as_str()).collect();
        let tags = tag(&texts);
        assert_eq!(tags.len(), para.len());
        for (g, t) in para.iter().zip(tags) {
            let n = out.len();
            out.push(Record {
                id: format!("{}-{n}", g.doc),
                doc_id: g.doc.clone(),
                doc: argdex::record::Shared(std::sync::Arc::new(argdex::record::DocFields {
                    path: g.doc.clone(),
                    ..Default::default()
                })),
                paragraph: 0,
                sentence: n,
                start: 0,
                end: 0,
                text: g.text.clone(),
                is_claim: t.claim.is_claim,
                themes: t.themes,
                evidence: t.evidence,
                claim_cues: t.claim.cues,
                hedged: t.claim.hedged,
                actors: t.actors,
                voice: Default::default(),
                speaker: None,
                context_before: Vec::new(),
                context_after: Vec::new(),
            });
        }
    }
    out
}

/// Score `records` on fixture `name` with the scorer of `argdex eval`, printing its table
/// and the sentences it gets wrong.
fn score_records(name: &str, gold: &[GoldLine], records: &[Record]) -> eval::Report {
    let themes = Codebook::builtin().theme_ids();
    let report = eval::score(records, gold, &themes);
    assert!(report.unmatched.is_empty(), "{:?}", report.unmatched);
    for (g, a) in gold.iter().zip(eval::align(records, gold)) {
        let eval::Aligned::Body {
            record: Some(k), ..
        } = a
        else {
            continue;
        };
        let r = &records[k];
        let want = g.claim == "claim";
        if g.claim != "either" && want != r.is_claim {
            eprintln!("CLAIM want {want}: {} {:?}", g.text, r.claim_cues);
        }
        for t in &themes {
            let got = r.themes.contains(t);
            if g.themes_required.contains(t) && !got {
                eprintln!("FN {t}: {}", g.text);
            } else if got && !g.themes_required.contains(t) && !g.themes_allowed.contains(t) {
                eprintln!("FP {t}: {}", g.text);
            }
        }
    }
    eprintln!(
        "{name}: claim F1 {:.3} kappa {:.3}; themes micro F1 {:.3}\n{report}",
        report.claim.f1(),
        report.claim.kappa(),
        report.micro.f1()
    );
    report
}

/// Tag fixture `name` with the built-in codebook and check it against its floors.
fn assert_floors(name: &str) {
    let floors = FLOORS.iter().find(|f| f.name == name).unwrap();
    let gold = gold_of(name);
    let cb = Codebook::builtin();
    let report = score_records(name, &gold, &records_of(&gold, |p| cb.tag_paragraph(p)));
    let (kappa, micro) = (report.claim.kappa(), report.micro.f1());
    assert!(
        kappa >= floors.claim_kappa,
        "{name}: claim kappa {kappa:.3} < {}",
        floors.claim_kappa
    );
    assert!(
        micro >= floors.themes_micro_f1,
        "{name}: themes micro F1 {micro:.3} < {}",
        floors.themes_micro_f1
    );
}

/// dev: written with the v2 rules and tuned on in the same commit (195fb2f, "rule
/// refinements" to `default.toml`), and since.
#[test]
fn dev_set_scores() {
    assert_floors("dev");
}

/// holdout: despite its name, tuned on: added in be40c6f, then "recall fixes from holdout
/// review" to `default.toml` (e9a85f3), and scored on every codebook change since.
#[test]
fn holdout_scores() {
    assert_floors("holdout");
}

/// fresh (op-ed style paragraphs with paraphrases and near-misses): written against the v2
/// rules (d4394c1), tuned on by the v3 paraphrase rules (8cd744b, same branch) and since.
#[test]
fn fresh_scores() {
    assert_floors("fresh");
}

/// blind2: written by an independent evaluator before measuring (4aab1c9), then tuned on by
/// the cb3 rules seven minutes later (fa5226a, "score dev2/blind2") and since: not blind.
#[test]
fn blind2_scores() {
    assert_floors("blind2");
}

/// dev2: own sentences for the cb3 error kinds, with near-misses, written with the cb3
/// rules in the same commit (fa5226a) and tuned on since.
#[test]
fn dev2_scores() {
    assert_floors("dev2");
}

/// blind: despite its name, tuned on: measured once (claim F1 0.90, themes micro F1 0.58),
/// then "burden/china recall fixes" to `default.toml` in the commit that added it (25747c3),
/// and scored on every codebook change since (themes micro F1 0.87 now).
#[test]
fn blind_scores() {
    assert_floors("blind");
}

/// The floors bite: a stub that calls every sentence a claim and tags all four themes
/// scores below them on every fixture set.
#[test]
fn all_claim_all_themes_stub_fails_the_floors() {
    let themes = Codebook::builtin().theme_ids();
    assert_eq!(themes.len(), 4, "{themes:?}");
    let cb = Codebook::builtin();
    for floors in FLOORS {
        let gold = gold_of(floors.name);
        let stub = records_of(&gold, |p| {
            let mut tags = cb.tag_paragraph(p);
            for t in &mut tags {
                t.claim.is_claim = true;
                t.themes = themes.clone();
            }
            tags
        });
        let report = score_records(floors.name, &gold, &stub);
        // It is the stub it claims to be: no claim or required theme missed.
        assert_eq!((report.claim.fn_, report.claim.tn), (0, 0));
        assert_eq!(report.micro.fn_, 0);
        assert!(
            report.claim.kappa() < floors.claim_kappa,
            "{}: the stub's claim kappa {:.3} reaches the floor {}",
            floors.name,
            report.claim.kappa(),
            floors.claim_kappa
        );
        assert!(
            report.micro.f1() < floors.themes_micro_f1,
            "{}: the stub's themes micro F1 {:.3} reaches the floor {}",
            floors.name,
            report.micro.f1(),
            floors.themes_micro_f1
        );
    }
}

#[test]
fn expletive_it_does_not_carry_the_previous_actor() {
    let cb = Codebook::builtin();
    let t = cb.tag_paragraph(&[
        "China's navy keeps growing.",
        "It is time for the allies to counter that with more patrols.",
    ]);
    assert!(t[1].actors.is_empty());
    let e = cb.explain(
        &["China's navy keeps growing.", "It is time to counter that."],
        1,
    );
    assert!(e.carried_actors.is_empty(), "{e}");
}

#[test]
fn explain_carry_over_example() {
    let cb = Codebook::builtin();
    let para = [
        "China is certain to oppose such a group.",
        "It opposes US alliances as a reflex, while intelligence sharing continues.",
    ];
    let e = cb.explain(&para, 1);
    eprintln!("{e}");
    assert_eq!(e.carried_actors, vec!["china"]);
    assert!(e.tagged_themes().contains(&"china-response"));
    eprintln!("{}", cb.self_test());
}
