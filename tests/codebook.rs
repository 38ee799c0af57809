//! Integration tests of stage 3 (codebook + claims) through the public library API:
//! the embedded codebook, context carry-over, near-misses from the theme definitions,
//! `explain`, `self_test`, `check`, import, and the held-out dev set
//! (`tests/fixtures/codebook/dev.jsonl`, written independently of the seed commentaries).

use argdex::codebook::{Codebook, import};

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

/// Scores on the dev set (written before tuning; used for tuning since).
#[test]
fn dev_set_scores() {
    let (claim_f1, micro_f1) = score_file("dev");
    assert!(claim_f1 >= 0.75, "claim F1 {claim_f1}");
    assert!(micro_f1 >= 0.75, "themes micro F1 {micro_f1}");
}

/// Scores on the held-out set (written after tuning; never tuned on).
#[test]
fn holdout_scores() {
    let (claim_f1, micro_f1) = score_file("holdout");
    assert!(claim_f1 >= 0.6, "claim F1 {claim_f1}");
    assert!(micro_f1 >= 0.6, "themes micro F1 {micro_f1}");
}

/// Scores on the fresh set (op-ed style paragraphs with paraphrases and near-misses,
/// written before the v3 rules; tuned on together with dev).
#[test]
fn fresh_scores() {
    let (claim_f1, micro_f1) = score_file("fresh");
    assert!(claim_f1 >= 0.6, "claim F1 {claim_f1}");
    assert!(micro_f1 >= 0.3, "themes micro F1 {micro_f1}");
}

/// Scores on the blind2 set (no longer blind: tuned on during the cb3 pass).
#[test]
fn blind2_scores() {
    let (claim_f1, micro_f1) = score_file("blind2");
    assert!(claim_f1 >= 0.6, "claim F1 {claim_f1}");
    assert!(micro_f1 >= 0.5, "themes micro F1 {micro_f1}");
}

/// Scores on dev2 (own sentences for the cb3 error kinds, with near-misses; tuned on).
#[test]
fn dev2_scores() {
    let (claim_f1, micro_f1) = score_file("dev2");
    assert!(claim_f1 >= 0.6, "claim F1 {claim_f1}");
    assert!(micro_f1 >= 0.6, "themes micro F1 {micro_f1}");
}

/// Scores on the blind set (written last, measured once, never tuned on). Only a
/// sanity floor: the numbers are reported, not optimised.
#[test]
fn blind_scores() {
    let (claim_f1, micro_f1) = score_file("blind");
    assert!(claim_f1 >= 0.5, "claim F1 {claim_f1}");
    assert!(micro_f1 >= 0.3, "themes micro F1 {micro_f1}");
}

/// Tag a fixture set (consecutive rows of one `doc` form a paragraph) and score it like
/// `shared/eval/score.py`: returns (claim F1, themes micro F1), printing details.
fn score_file(name: &str) -> (f64, f64) {
    const THEMES: [&str; 4] = [
        "burden-sharing",
        "china-response",
        "institutionalization",
        "interest-overlap",
    ];
    let cb = Codebook::builtin();
    let src = std::fs::read_to_string(format!("tests/fixtures/codebook/{name}.jsonl")).unwrap();
    let rows: Vec<serde_json::Value> = src
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut preds = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let doc = rows[i]["doc"].as_str().unwrap_or("");
        let j = i + rows[i..]
            .iter()
            .take_while(|r| r["doc"].as_str().unwrap_or("") == doc)
            .count();
        let texts: Vec<&str> = rows[i..j]
            .iter()
            .map(|r| r["text"].as_str().unwrap_or(""))
            .collect();
        preds.extend(cb.tag_paragraph(&texts));
        i = j;
    }
    let (mut c_tp, mut c_fp, mut c_fn) = (0.0, 0.0, 0.0);
    let mut th = [[0.0f64; 3]; 4];
    for (r, p) in rows.iter().zip(&preds) {
        let want = r["claim"].as_str() == Some("claim");
        match (want, p.claim.is_claim) {
            (true, true) => c_tp += 1.0,
            (false, true) => c_fp += 1.0,
            (true, false) => c_fn += 1.0,
            _ => {}
        }
        let set = |k: &str| -> Vec<String> {
            r[k].as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| x.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        };
        let (req, allowed) = (set("themes_required"), set("themes_allowed"));
        for (k, t) in THEMES.iter().enumerate() {
            let got = p.themes.iter().any(|x| x == t);
            let is_req = req.iter().any(|x| x == t);
            if is_req {
                th[k][if got { 0 } else { 2 }] += 1.0;
            } else if got && !allowed.iter().any(|x| x == t) {
                th[k][1] += 1.0;
                eprintln!("FP {t}: {}", r["text"]);
            }
            if is_req && !got {
                eprintln!("FN {t}: {}", r["text"]);
            }
        }
        if want != p.claim.is_claim {
            eprintln!(
                "CLAIM want {want}: {} {:?} {:?}",
                r["text"], p.claim.cues, p.claim.frames
            );
        }
    }
    let f1 = |tp: f64, fp: f64, fneg: f64| {
        if tp == 0.0 {
            0.0
        } else {
            2.0 * tp / (2.0 * tp + fp + fneg)
        }
    };
    let claim_f1 = f1(c_tp, c_fp, c_fn);
    let micro = th
        .iter()
        .fold([0.0; 3], |a, x| [a[0] + x[0], a[1] + x[1], a[2] + x[2]]);
    let micro_f1 = f1(micro[0], micro[1], micro[2]);
    let (cp, cr) = (c_tp / (c_tp + c_fp).max(1.0), c_tp / (c_tp + c_fn).max(1.0));
    eprintln!("{name} claim P {cp:.3} R {cr:.3} F1 {claim_f1:.3} (tp {c_tp} fp {c_fp} fn {c_fn})");
    for (k, t) in THEMES.iter().enumerate() {
        eprintln!(
            "{name} {t} F1 {:.3} [tp, fp, fn] = {:?}",
            f1(th[k][0], th[k][1], th[k][2]),
            th[k]
        );
    }
    eprintln!("{name} themes micro F1 {micro_f1:.3} {micro:?}");
    (claim_f1, micro_f1)
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
