//! Stage 2 (sentences), unit tests: tables of named cases for abbreviations, numbers,
//! quotes and ellipses, and a property test over deterministic generated paragraphs.

use super::*;

fn split(t: &str) -> Vec<&str> {
    split_sentences(t).into_iter().map(|r| &t[r]).collect()
}

fn check(cases: &[(&str, &str, &[&str])]) {
    for (name, input, want) in cases {
        assert_eq!(split(input), *want, "case {name}");
    }
}

#[test]
fn basics() {
    check(&[
        (
            "plain",
            "Hello World. My name is Jonas.",
            &["Hello World.", "My name is Jonas."],
        ),
        (
            "no-terminal",
            "A heading without a period",
            &["A heading without a period"],
        ),
        ("empty", "", &[]),
        ("blank", "  \n ", &[]),
        (
            "question-exclaim",
            "Will Tokyo pay? Yes! It will.",
            &["Will Tokyo pay?", "Yes!", "It will."],
        ),
        (
            "digit-start",
            "Spending rose in 2019. 30 allies agreed.",
            &["Spending rose in 2019.", "30 allies agreed."],
        ),
    ]);
}

#[test]
fn abbreviations() {
    check(&[
        (
            "title-mr",
            "Mr. Kishida met Ms. Ardern. They spoke.",
            &["Mr. Kishida met Ms. Ardern.", "They spoke."],
        ),
        (
            "title-dr-prof",
            "Dr. Lee and Prof. Cha disagree. Both wrote.",
            &["Dr. Lee and Prof. Cha disagree.", "Both wrote."],
        ),
        (
            "title-rank",
            "Lt. Col. Vindman and Maj. Gen. Ryder spoke. Adm. Aquilino agreed.",
            &[
                "Lt. Col. Vindman and Maj. Gen. Ryder spoke.",
                "Adm. Aquilino agreed.",
            ],
        ),
        (
            "title-politics",
            "Sen. Risch, Rep. Meeks and Gov. Hochul came. Amb. Emanuel too.",
            &[
                "Sen. Risch, Rep. Meeks and Gov. Hochul came.",
                "Amb. Emanuel too.",
            ],
        ),
        (
            "title-sec-pres-capt",
            "Sec. Blinken told Pres. Marcos and Capt. Reyes. Nobody objected.",
            &[
                "Sec. Blinken told Pres. Marcos and Capt. Reyes.",
                "Nobody objected.",
            ],
        ),
        (
            "street-end",
            "The embassy is on Main St. The talks begin today.",
            &["The embassy is on Main St.", "The talks begin today."],
        ),
        (
            "month-day",
            "On Jan. 6 and Sept. 11 the mood changed. Dec. 7 too.",
            &["On Jan. 6 and Sept. 11 the mood changed.", "Dec. 7 too."],
        ),
        (
            "month-end",
            "The summit moved to Oct. The venue is unchanged.",
            &["The summit moved to Oct.", "The venue is unchanged."],
        ),
        (
            "ref-page",
            "See pp. 12-14 and p. 7 of Vol. 3, Art. 5. That is clear.",
            &[
                "See pp. 12-14 and p. 7 of Vol. 3, Art. 5.",
                "That is clear.",
            ],
        ),
        (
            "ref-vol-no",
            "See Issues & Insights Vol. 11-No. 16. Next.",
            &["See Issues & Insights Vol. 11-No. 16.", "Next."],
        ),
        (
            "ref-no-word",
            "Tokyo said no. The talks ended.",
            &["Tokyo said no.", "The talks ended."],
        ),
        (
            "ref-no-16",
            "Resolution No. 16 passed.",
            &["Resolution No. 16 passed."],
        ),
        (
            "latin",
            "Allies, e.g. Japan, i.e. the key one, cf. Smith et al. 2020, agree. Etc.",
            &[
                "Allies, e.g. Japan, i.e. the key one, cf. Smith et al. 2020, agree.",
                "Etc.",
            ],
        ),
        (
            "vs-approx",
            "NATO vs. China costs approx. 2 percent. Fine.",
            &["NATO vs. China costs approx. 2 percent.", "Fine."],
        ),
        (
            "etc-end",
            "Ships, jets, etc. The list is long.",
            &["Ships, jets, etc.", "The list is long."],
        ),
        (
            "etc-mid",
            "Ships, jets, etc. are costly.",
            &["Ships, jets, etc. are costly."],
        ),
        (
            "et-al-end",
            "This was shown by Cha et al. Their data are old.",
            &["This was shown by Cha et al.", "Their data are old."],
        ),
        (
            "initials",
            "Gen. Mark A. Milley met J.F.K. Jr. fans. Then he left.",
            &["Gen. Mark A. Milley met J.F.K. Jr. fans.", "Then he left."],
        ),
        (
            "acronym-mid",
            "The U.S. Congress met. It voted.",
            &["The U.S. Congress met.", "It voted."],
        ),
        (
            "acronym-end",
            "I live in the U.S. How about you?",
            &["I live in the U.S.", "How about you?"],
        ),
        (
            "acronym-uk-eu-un",
            "The U.K. and E.U. sat at the U.N. The U.S.A. did not.",
            &["The U.K. and E.U. sat at the U.N.", "The U.S.A. did not."],
        ),
        (
            "degrees",
            "She holds an M.A. and a Ph.D. She taught B.A. students.",
            &["She holds an M.A. and a Ph.D.", "She taught B.A. students."],
        ),
        (
            "am-pm",
            "Talks began at 9 a.m. The vote came at 5 p.m. and failed.",
            &[
                "Talks began at 9 a.m.",
                "The vote came at 5 p.m. and failed.",
            ],
        ),
        (
            "jr",
            "Martin Luther King Jr. spoke. Crowds came.",
            &["Martin Luther King Jr. spoke.", "Crowds came."],
        ),
        (
            "co-end",
            "It was built by Mitsubishi Heavy Industries Co. It floats.",
            &[
                "It was built by Mitsubishi Heavy Industries Co.",
                "It floats.",
            ],
        ),
    ]);
}

#[test]
fn numbers_urls_files() {
    check(&[
        (
            "money",
            "The plan costs $80.5 million. Japan pays 2.5 percent.",
            &["The plan costs $80.5 million.", "Japan pays 2.5 percent."],
        ),
        (
            "yen",
            "Defense spending hit ¥7.9 trn. in 2023. It will grow.",
            &["Defense spending hit ¥7.9 trn. in 2023.", "It will grow."],
        ),
        (
            "url",
            "Read https://example.org/a.b/c.html. It is short.",
            &["Read https://example.org/a.b/c.html.", "It is short."],
        ),
        (
            "email",
            "Write to press@mofa.go.jp. They reply.",
            &["Write to press@mofa.go.jp.", "They reply."],
        ),
        (
            "file",
            "The report.pdf file leaked. Nobody cared.",
            &["The report.pdf file leaked.", "Nobody cared."],
        ),
        (
            "decimal-end",
            "Growth was 3.5. Inflation was 2.",
            &["Growth was 3.5.", "Inflation was 2."],
        ),
    ]);
}

#[test]
fn quotes_brackets_ellipses() {
    check(&[
        (
            "quote-question",
            "He asked, \"Will Japan pay?\" Nobody answered.",
            &["He asked, \"Will Japan pay?\"", "Nobody answered."],
        ),
        (
            "curly-quote",
            "She said, “The Quad is back.” Others agreed.",
            &["She said, “The Quad is back.”", "Others agreed."],
        ),
        (
            "nested-quotes",
            "He wrote: “Abe called it ‘an arc of democracy.’” It stuck.",
            &[
                "He wrote: “Abe called it ‘an arc of democracy.’”",
                "It stuck.",
            ],
        ),
        (
            "quote-lower",
            "“It is over,” he said. “We won.” she added.",
            &["“It is over,” he said.", "“We won.” she added."],
        ),
        (
            "paren",
            "Seoul agreed (after a delay.) Tokyo did not.",
            &["Seoul agreed (after a delay.)", "Tokyo did not."],
        ),
        (
            "paren-sentence",
            "Seoul agreed. (Tokyo did not.) Then talks ended.",
            &["Seoul agreed.", "(Tokyo did not.)", "Then talks ended."],
        ),
        (
            "double-bang",
            "No!! Never again?! Fine.",
            &["No!!", "Never again?!", "Fine."],
        ),
        (
            "ellipsis-unicode-end",
            "The alliance endures… Or does it?",
            &["The alliance endures…", "Or does it?"],
        ),
        (
            "ellipsis-mid-lower",
            "It was … complicated. Yes.",
            &["It was … complicated.", "Yes."],
        ),
        (
            "ellipsis-end-text",
            "And so it goes...",
            &["And so it goes..."],
        ),
        (
            "spaced-ellipsis-end",
            "He paused . . . and left. . . .",
            &["He paused . . . and left. . . ."],
        ),
        (
            "emphasis",
            "**Bold claim.** Then more.",
            &["**Bold claim.**", "Then more."],
        ),
    ]);
}

#[test]
fn line_endings_keep_offsets() {
    let t = "First one.\r\nSecond one.\rThird.";
    let spans = split_sentences(t);
    let got: Vec<&str> = spans.iter().map(|r| &t[r.clone()]).collect();
    assert_eq!(got, ["First one.", "Second one.", "Third."]);
    assert_eq!(spans[1], 12..23);
}

#[test]
fn collapse() {
    assert_eq!(collapse_ws(" a \n\n b\tc "), "a b c");
    assert_eq!(
        collapse_ws("No.\u{a0}16\u{2009}and\r\n“é”  ’"),
        "No. 16 and “é” ’"
    );
    assert_eq!(collapse_ws("\u{3000}北約\u{85}x"), "北約 x");
    assert_eq!(collapse_ws(""), "");
}

/// The fast path takes exactly the ASCII strings that collapsing leaves unchanged: every
/// string of up to five pieces of spaces, letters, control characters and non-ASCII text.
#[test]
fn collapsed_ascii_is_what_collapsing_keeps() {
    const PIECES: [&str; 8] = [" ", "a", "\t", "\x0b", "\x1c", "\n", "\u{a0}", "é"];
    let mut level = vec![String::new()];
    let mut strings = level.clone();
    for _ in 0..5 {
        level = level
            .iter()
            .flat_map(|s| PIECES.iter().map(move |p| format!("{s}{p}")))
            .collect();
        strings.extend(level.iter().cloned());
    }
    for s in &strings {
        let kept = s.is_ascii() && collapse_runs(s) == *s;
        assert_eq!(is_collapsed_ascii(s.as_bytes()), kept, "{s:?}");
        assert_eq!(collapse_ws(s), collapse_runs(s), "{s:?}");
    }
}

/// Deterministic pseudo-random generator (xorshift), no crates needed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 33) as usize
    }
}

const FRAGMENTS: &[&str] = &[
    "The U.S.",
    "alliance",
    "Mr.",
    "Dr. Lee",
    "said",
    "\"Why?\"",
    "“No.”",
    " ",
    "\n",
    "\r\n",
    "\r",
    ".",
    "...",
    ". . .",
    "…",
    "!",
    "?!",
    "(",
    ")",
    "etc.",
    "Co.",
    "1.",
    "2.",
    "a.",
    "• ",
    "- ",
    "¥7.9 trn.",
    "$80.5",
    "Ph.D.",
    "a.m.",
    "Jan.",
    "I.",
    "Quad",
    "北約",
    "é",
    "\u{a0}",
    "’",
    "'",
    "\t",
    "\n\n",
    "## ",
    "**",
    "No.",
    "16",
    "p.",
    "e.g.",
    "🙂",
    "NATO",
    ".[1]",
    ".11 12",
    "end.Then",
    "．",
    "。",
    "」",
    " 'we pay. We must.' ",
    "‘a. B’",
    "[16: x? 13]",
    "[",
    "(a) ",
    "(b) ",
    "c) ",
    "d) ",
    "e) ",
    "Co. KG",
];

fn generated() -> Vec<String> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    (0..400)
        .map(|_| {
            let n = 1 + rng.next() % 30;
            let mut s = String::new();
            for _ in 0..n {
                s.push_str(FRAGMENTS[rng.next() % FRAGMENTS.len()]);
                if rng.next().is_multiple_of(2) {
                    s.push(' ');
                }
            }
            s
        })
        .collect()
}

#[test]
fn property_spans_are_sound() {
    for t in generated() {
        let spans = split_sentences(&t);
        let mut prev_end = 0;
        let mut covered = vec![false; t.len()];
        for r in &spans {
            assert!(
                r.start < r.end && r.end <= t.len(),
                "{r:?} out of bounds in {t:?}"
            );
            assert!(r.start >= prev_end, "overlap at {r:?} in {t:?}");
            assert!(
                t.is_char_boundary(r.start) && t.is_char_boundary(r.end),
                "{t:?}"
            );
            let s = &t[r.clone()];
            assert_eq!(s, s.trim(), "untrimmed {s:?}");
            covered[r.clone()].iter_mut().for_each(|c| *c = true);
            prev_end = r.end;
        }
        for (i, c) in t.char_indices() {
            assert!(
                c.is_whitespace() || covered[i],
                "lost {c:?} at {i} in {t:?}"
            );
        }
    }
}

#[test]
fn no_panic_on_any_prefix_or_suffix() {
    let nasty = "•⁃9. A… “U.S.” ’No.’ ¥7.9 trn.\u{a0}. . . .)!?… 1.) a. b) N°. e.g. 北約. 🙂.\r\n\r— Ph.D. (Smith 55). p.m. ET";
    for (i, _) in nasty.char_indices() {
        for t in [&nasty[..i], &nasty[i..]] {
            for r in split_sentences(t) {
                assert!(
                    t.is_char_boundary(r.start) && t.is_char_boundary(r.end) && r.start < r.end
                );
            }
            let _ = crate::pipeline::segment_text(t);
            let _ = collapse_ws(t);
        }
    }
}

#[test]
fn footnote_markers_after_the_stop() {
    check(&[
        (
            "bracketed",
            "Allies pay more.[3] Japan agreed.",
            &["Allies pay more.[3]", "Japan agreed."],
        ),
        (
            "bracketed-run",
            "The treaty holds.[4][5] Critics disagree.",
            &["The treaty holds.[4][5]", "Critics disagree."],
        ),
        (
            "bare-number",
            "Costs rose sharply.12 Tokyo objected.",
            &["Costs rose sharply.12", "Tokyo objected."],
        ),
        (
            "bare-numbers",
            "Costs rose sharply.4 17 Tokyo objected.",
            &["Costs rose sharply.4 17", "Tokyo objected."],
        ),
        (
            "after-paren",
            "The survey says so (2019).7 Seoul disagrees.",
            &["The survey says so (2019).7", "Seoul disagrees."],
        ),
        (
            "numbered-reference",
            "Resolution No.4 The vote passed.",
            &["Resolution No.4 The vote passed."],
        ),
        (
            "lower-case-after",
            "The talks failed.[2] and resumed.",
            &["The talks failed.[2] and resumed."],
        ),
        (
            "decimal",
            "Growth was 3.5 This is low.",
            &["Growth was 3.5 This is low."],
        ),
    ]);
}

#[test]
fn missing_space_after_stop() {
    check(&[
        (
            "word",
            "The talks ended.Tokyo left.",
            &["The talks ended.", "Tokyo left."],
        ),
        (
            "number",
            "Spending hit 2,000.Then it fell.",
            &["Spending hit 2,000.", "Then it fell."],
        ),
        (
            "chain",
            "It ended.Then came Mr. Abe.Nobody knew.",
            &["It ended.", "Then came Mr. Abe.", "Nobody knew."],
        ),
        ("title", "Mr.Kishida spoke.", &["Mr.Kishida spoke."]),
        ("acronym", "The U.S.Army grew.", &["The U.S.Army grew."]),
        (
            "email",
            "Mail Jane.Doe@mofa.jp now.",
            &["Mail Jane.Doe@mofa.jp now."],
        ),
        (
            "path",
            "See Example.Com/news today.",
            &["See Example.Com/news today."],
        ),
        (
            "capital-run",
            "Run by ASP.NET servers.",
            &["Run by ASP.NET servers."],
        ),
    ]);
}

#[test]
fn fullwidth_stops() {
    check(&[
        (
            "fullwidth-period",
            "Japan agreed．Korea did not．",
            &["Japan agreed．", "Korea did not．"],
        ),
        (
            "ideographic",
            "日本は同意した。韓国は反対した。",
            &["日本は同意した。", "韓国は反対した。"],
        ),
        (
            "fullwidth-question-bang",
            "He asked？Yes！ Fine.",
            &["He asked？", "Yes！", "Fine."],
        ),
        (
            "corner-bracket-closes",
            "「同盟は続く。」次の話。",
            &["「同盟は続く。」", "次の話。"],
        ),
    ]);
}

#[test]
fn single_quoted_passages() {
    check(&[
        (
            "inner-stops-glue",
            "He said 'we will pay. We must.' Then he left.",
            &["He said 'we will pay. We must.'", "Then he left."],
        ),
        (
            "curly",
            "Abe said ‘we stand together. Always.’ Others agreed.",
            &["Abe said ‘we stand together. Always.’", "Others agreed."],
        ),
        (
            "aside-after-close",
            "She called it 'a disaster!' (It was.)",
            &["She called it 'a disaster!' (It was.)"],
        ),
        (
            "possessive-is-not-a-quote",
            "The allies' budgets grew. Tokyo paid.",
            &["The allies' budgets grew.", "Tokyo paid."],
        ),
        (
            "unclosed-elision",
            "In the 'nineties it grew. Now it shrinks.",
            &["In the 'nineties it grew.", "Now it shrinks."],
        ),
        (
            "apostrophe-inside",
            "He said 'they'll pay. Japan won't.' Then silence.",
            &["He said 'they'll pay. Japan won't.'", "Then silence."],
        ),
        (
            "double-quotes-still-split",
            "He said: \"We will pay. We must.\" Then he left.",
            &["He said: \"We will pay.", "We must.\"", "Then he left."],
        ),
    ]);
}

#[test]
fn square_brackets() {
    check(&[
        (
            "stop-inside",
            "[12: agreed? 13:05] The talks went on.",
            &["[12: agreed? 13:05] The talks went on."],
        ),
        (
            "stop-before-close",
            "[See the annex.] The talks went on.",
            &["[See the annex.]", "The talks went on."],
        ),
        (
            "never-closed",
            "[Draft. Not for citation.",
            &["[Draft.", "Not for citation."],
        ),
    ]);
}

#[test]
fn enumerations() {
    check(&[
        (
            "after-stop-numbers",
            "Three steps follow. 1. Pay more 2. Train jointly 3. Share data",
            &[
                "Three steps follow.",
                "1. Pay more",
                "2. Train jointly",
                "3. Share data",
            ],
        ),
        (
            "after-stop-letters-lower",
            "Allies agree. a. pay more b. train jointly",
            &["Allies agree.", "a. pay more", "b. train jointly"],
        ),
        (
            "after-stop-not-from-a",
            "Options remain. c) ships d) jets e) drones",
            &["Options remain.", "c) ships", "d) jets", "e) drones"],
        ),
        (
            "after-stop-two-not-from-a",
            "Options remain. c) ships d) jets",
            &["Options remain. c) ships d) jets"],
        ),
        (
            "parenthesised",
            "(a) Japan pays. (b) Korea trains. (c) Both deter.",
            &["(a) Japan pays.", "(b) Korea trains.", "(c) Both deter."],
        ),
        (
            "letter-dot-paren",
            "a.) more ships b.) more jets",
            &["a.) more ships", "b.) more jets"],
        ),
        (
            "single-marker-is-not-an-enumeration",
            "It won in 2019. 2. The vote was close.",
            &["It won in 2019.", "2. The vote was close."],
        ),
    ]);
    assert!(!is_inline_enumeration("1. We have convened."));
    assert!(is_inline_enumeration("(a) One (b) Two"));
    assert!(!is_inline_enumeration("c) One d) Two"));
    assert!(is_inline_enumeration("c) One d) Two e) Three"));
}

#[test]
fn company_forms_and_quantifiers() {
    check(&[
        (
            "gmbh-co-kg",
            "It is a GmbH & Co. KG based in Munich.",
            &["It is a GmbH & Co. KG based in Munich."],
        ),
        (
            "co-before-sentence",
            "Built by Briggs & Co. It floats.",
            &["Built by Briggs & Co.", "It floats."],
        ),
        (
            "acronym-before-quantifier",
            "Exports fell across the U.S. Thousands lost jobs.",
            &["Exports fell across the U.S.", "Thousands lost jobs."],
        ),
        (
            "acronym-before-noun",
            "The U.S. Navy sailed.",
            &["The U.S. Navy sailed."],
        ),
    ]);
}

#[test]
fn lines_of_a_paragraph() {
    check(&[
        (
            "unpunctuated-column",
            "ships\nsubmarines\nlogistics support",
            &["ships", "submarines", "logistics support"],
        ),
        (
            "wrapped-prose-ends-with-a-stop",
            "The alliance has served\nthe region well.",
            &["The alliance has served\nthe region well."],
        ),
        (
            "long-unpunctuated-lines-are-prose",
            "a line that is rather long and has no stop at all\nand it continues on this line",
            &["a line that is rather long and has no stop at all\nand it continues on this line"],
        ),
        (
            "marker-line",
            "Header 1.2; Annex Z\n\n\tb. Budget lines\n\tc. Staff",
            &["Header 1.2; Annex Z", "b. Budget lines", "c. Staff"],
        ),
    ]);
}
