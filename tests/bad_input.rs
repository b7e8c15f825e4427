//! No input file makes Casework panic: each bad one gets a clear error naming the file and
//! place, and a non-zero exit.

mod common;

use std::fs;

use common::*;

fn scenario_text() -> String {
    fs::read_to_string(fixture_dir().join("scenario.ron")).unwrap()
}

/// Writes `name` with `bytes` in a fresh folder and runs `casework check` on it.
fn check_file(name: &str, bytes: &[u8]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    fs::write(&path, bytes).unwrap();
    let (code, out, err) = run(&["check", path.to_str().unwrap()], dir.path());
    assert!(!err.contains("panicked"), "{err}");
    (code, out + &err)
}

/// Checks a modified copy of the fixture scenario (with its rubric beside it).
fn check_variant(edit: impl Fn(String) -> String) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("scenario.ron"), edit(scenario_text())).unwrap();
    fs::copy(
        fixture_dir().join("rubric.ron"),
        dir.path().join("rubric.ron"),
    )
    .unwrap();
    let (code, out, err) = run(&["check", dir.path().to_str().unwrap()], dir.path());
    assert!(!err.contains("panicked"), "{err}");
    (code, out + &err)
}

#[test]
fn an_empty_file() {
    let (code, out) = check_file("empty.ron", b"");
    assert_eq!(code, 1);
    assert!(
        out.contains("empty.ron:1:1: error: the file is empty"),
        "{out}"
    );
    let (code, out) = check_file("blank.ron", b"  \n\n ");
    assert_eq!(code, 1);
    assert!(out.contains("the file is empty"), "{out}");
}

#[test]
fn a_file_that_is_not_utf8() {
    let mut bytes = b"Scenario(\n  id: \"x\",\n  title: \"".to_vec();
    bytes.extend([0xff, 0xfe, 0x41]);
    let (code, out) = check_file("latin.ron", &bytes);
    assert_eq!(code, 1);
    assert!(
        out.contains("latin.ron:3:11: error: the file is not UTF-8 text"),
        "{out}"
    );
    assert!(out.contains("save the file as UTF-8"), "{out}");
}

#[test]
fn a_syntax_error_shows_the_line_and_column() {
    let (code, out) = check_variant(|s| s.replace("version: 1,", "version: 1,,"));
    assert_eq!(code, 1);
    let line = scenario_text()
        .lines()
        .position(|l| l.contains("version: 1,"))
        .unwrap()
        + 1;
    assert!(out.contains(&format!("scenario.ron:{line}:")), "{out}");
    assert!(
        out.contains(&format!("{line} |     version: 1,,")),
        "shows the line: {out}"
    );
    assert!(out.contains('^'), "{out}");
}

#[test]
fn a_wrong_type_and_an_unknown_field() {
    let (code, out) = check_variant(|s| s.replace("minutes: 5,", "minutes: \"five\","));
    assert_eq!(code, 1);
    assert!(out.contains("error:") && out.contains("minutes"), "{out}");

    let (code, out) = check_variant(|s| s.replace("minutes: 5,", "minutes: 5,\n    minuets: 5,"));
    assert_eq!(code, 1);
    assert!(out.contains("minuets"), "{out}");
    assert!(
        out.contains("help: did you mean `minutes`? the fields allowed here are:"),
        "{out}"
    );

    let (code, out) = check_variant(|s| s.replace("model: Broker,", "model: Brokerage,"));
    assert_eq!(code, 1);
    assert!(
        out.contains("help: use one of:") && out.contains("StrengthsBased"),
        "{out}"
    );
}

#[test]
fn ten_thousand_levels_of_nesting() {
    // Conditions nest (`Any([Any([…])])`): the parser's depth limit stops it, not the stack.
    let deep = format!(
        "{}Taken(\"interview\"){}",
        "Any([".repeat(10_000),
        "])".repeat(10_000)
    );
    let (code, out) = check_variant(|s| {
        s.replace(
            "requires: [Taken(\"interview\")]",
            &format!("requires: [{deep}]"),
        )
    });
    assert_eq!(code, 1);
    let line = scenario_text()
        .lines()
        .position(|l| l.contains("requires: [Taken(\"interview\")]"))
        .unwrap()
        + 1;
    assert!(
        out.contains(&format!("scenario.ron:{line}:")) && out.contains("recursion limit"),
        "{out}"
    );
    // The offending line is shown, clipped around the place.
    assert!(out.lines().all(|l| l.chars().count() < 200), "{out}");
    let (code, out) = check_file(
        "deep.ron",
        format!("Rubric({})", "[".repeat(10_000)).as_bytes(),
    );
    assert_eq!(code, 1);
    assert!(out.contains("deep.ron:1:"), "{out}");
}

#[test]
fn a_200_megabyte_file_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    let f = fs::File::create(&path).unwrap();
    f.set_len(200 * 1024 * 1024).unwrap(); // sparse: costs no disk
    let (code, out, err) = run(&["check", path.to_str().unwrap()], dir.path());
    assert_eq!(code, 1);
    let all = out + &err;
    assert!(
        all.contains(
            "huge.ron:1:1: error: the file is 200 MiB; Casework reads files of at most 8 MiB"
        ),
        "{all}"
    );
}

#[test]
fn a_file_that_is_neither_scenario_nor_rubric() {
    let (code, out) = check_file("other.ron", b"// notes\nSettings(volume: 3)\n");
    assert_eq!(code, 1);
    assert!(
        out.contains("other.ron:2:1: error: expected `Scenario(` or `Rubric(`, found `Settings`"),
        "{out}"
    );
}

#[test]
fn pictures_cannot_point_outside_the_bank() {
    for picture in ["../../../etc/passwd", "/etc/passwd", "../outside.png"] {
        let (code, out) = check_variant(|s| {
            s.replace(
                "age: 67,",
                &format!("age: 67,\n        picture: \"{picture}\","),
            )
        });
        assert_eq!(code, 1, "{picture}");
        assert!(
            out.contains("picture:")
                && (out.contains("outside the scenario bank") || out.contains("absolute")),
            "{out}"
        );
    }
    let (code, out) =
        check_variant(|s| s.replace("age: 67,", "age: 67,\n        picture: \"olha.png\","));
    assert_eq!(code, 1);
    assert!(
        out.contains("picture `olha.png` does not exist in the bank"),
        "{out}"
    );
}

#[test]
fn semantic_errors_name_the_place_and_suggest_a_fix() {
    // An unknown id, with the near miss suggested.
    let (code, out) = check_variant(|s| {
        s.replace(
            "requires: [Taken(\"interview\")]",
            "requires: [Taken(\"intervew\")]",
        )
    });
    assert_eq!(code, 1);
    assert!(
        out.contains("decision `home-visit` names decision `intervew`, which does not exist"),
        "{out}"
    );
    assert!(out.contains("did you mean `interview`?"), "{out}");
    // A duplicate id.
    let (code, out) = check_variant(|s| s.replace("(id: \"revise\"", "(id: \"call-client\""));
    assert_eq!(code, 1);
    assert!(
        out.contains("decision id `call-client` is declared twice"),
        "{out}"
    );
    // A decision that can never be taken.
    let (code, out) = check_variant(|s| {
        s.replace(
            "requires: [AtLeast(\"income\", 5)]",
            "requires: [AtLeast(\"income\", 11)]",
        )
    });
    assert_eq!(code, 1);
    assert!(
        out.contains("decision `to-exit` can never be taken: it needs `income` at least 11"),
        "{out}"
    );
    // ... which leaves monitoring with only the way back, and exit unreachable.
    assert!(
        out.contains("the case never reaches the exit stage"),
        "{out}"
    );
    // A stage with no way forward.
    let (code, out) = check_variant(|s| s.replace("closes: true,", ""));
    assert_eq!(code, 1);
    assert!(out.contains("the exit stage has no way forward"), "{out}");
    // A missing translation.
    let (code, out) = check_variant(|s| {
        s.replace(
            "{\"uk\": \"Довіра\", \"en\": \"Trust\"}",
            "{\"uk\": \"Довіра\"}",
        )
    });
    assert_eq!(code, 1);
    assert!(
        out.contains("`variable.trust.label` has no `en` text"),
        "{out}"
    );
}

#[test]
fn rubric_rules_naming_nothing_or_unreachable_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        fixture_dir().join("scenario.ron"),
        dir.path().join("scenario.ron"),
    )
    .unwrap();
    let rubric = fs::read_to_string(fixture_dir().join("rubric.ron")).unwrap();
    let write = |r: String| fs::write(dir.path().join("rubric.ron"), r).unwrap();
    let check = || {
        let (code, out, err) = run(&["check", dir.path().to_str().unwrap()], dir.path());
        (code, out + &err)
    };

    write(rubric.replace("Taken([\"accompany\"])", "Taken([\"acompany\"])"));
    let (code, out) = check();
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "rule `accompanied` names decision `acompany`, which the scenario does not have"
        ),
        "{out}"
    );

    write(rubric.replace(
        "FinalAtLeast(\"income\", 5)",
        "FinalAtLeast(\"income\", 11)",
    ));
    let (code, out) = check();
    assert_eq!(code, 1);
    assert!(out.contains("rule `income` can never be met in this scenario, so the rubric's maximum cannot be reached"), "{out}");

    write(rubric.replace("Avoided([\"send-link\"])", "Avoided([\"accompany\"])"));
    let (code, out) = check();
    assert_eq!(code, 1);
    assert!(out.contains("contradict"), "{out}");

    write(rubric.replace("pass_mark: 60", "pass_mark: 160"));
    let (code, out) = check();
    assert_eq!(code, 1);
    assert!(out.contains("the pass mark is 160%"), "{out}");

    write(rubric.replace("scenario: \"mini-pension\"", "scenario: \"mini-pensoin\""));
    let (code, out) = check();
    assert_eq!(code, 1);
    assert!(
        out.contains("not in the bank") && out.contains("did you mean `mini-pension`?"),
        "{out}"
    );

    write(rubric.clone());
    let (code, out) = check();
    assert_eq!(code, 0, "{out}");
}

#[test]
fn check_reports_as_json_for_machines() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bad.ron"), "Scenario(id: )").unwrap();
    let (code, out, _) = run(
        &["check", "--format", "json", dir.path().to_str().unwrap()],
        dir.path(),
    );
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["errors"], 1);
    assert_eq!(v["diagnostics"][0]["line"], 1);
    assert_eq!(v["diagnostics"][0]["severity"], "error");
    assert!(
        v["diagnostics"][0]["path"]
            .as_str()
            .unwrap()
            .ends_with("bad.ron")
    );
}

#[test]
fn usage_and_io_errors_exit_with_2() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(&["check", "no/such/path"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("no/such/path"), "{err}");
    let (code, _, _) = run(&["check", "--format", "xml"], dir.path());
    assert_eq!(code, 2);
    let (code, _, _) = run(&["frobnicate"], dir.path());
    assert_eq!(code, 2);
}

#[test]
fn bad_logs_and_choices_are_reported_with_their_place() {
    let dir = scratch(&[
        ("log.json", "{\n  \"format\": 1,\n  \"scenario\": 7\n}"),
        ("c.txt", "consent\nhome-visit\n"),
    ]);
    let (code, _, err) = run_on_fixture(&["score", "log.json"], dir.path());
    assert_eq!(code, 1);
    assert!(err.contains("log.json:3:"), "{err}");
    fs::write(dir.path().join("log.json"), [0xc3, 0x28]).unwrap();
    let (code, _, err) = run_on_fixture(&["score", "log.json"], dir.path());
    assert_eq!(code, 1);
    assert!(err.contains("not UTF-8"), "{err}");

    let (code, _, err) = run_on_fixture(
        &[
            "play",
            "mini-pension",
            "--seed",
            "1",
            "--choices",
            "c.txt",
            "--out",
            "x.json",
        ],
        dir.path(),
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("c.txt:2:1: error: step `home-visit` is refused"),
        "{err}"
    );
    assert!(err.contains("open now: interview, to-plan"), "{err}");
    // Issue 8: the log of the steps before the refused one is kept; it is unfinished.
    let log = casework::engine::load_log(&dir.path().join("x.json")).expect("the partial log");
    assert_eq!(log.actions().count(), 1);
    assert_eq!(log.end, None);
}

#[test]
fn implementation_steps_that_use_a_service_say_how() {
    let (code, out) = check_variant(|s| {
        s.replace(
            "(id: \"accompany\", stage: Implementation, mode: Accompanied,",
            "(id: \"accompany\", stage: Implementation,",
        )
    });
    assert_eq!(code, 1);
    assert!(
        out.contains(
            "implementation decision `accompany` uses a service but does not say its mode"
        ),
        "{out}"
    );
    let (code, out) = check_variant(|s| {
        s.replace("mode: Accompanied, service: \"pension-fund\",", "")
            .replace("mode: Independent, service: \"online-portal\",", "")
    });
    assert_eq!(code, 1);
    assert!(
        out.contains("no implementation decision says its mode"),
        "{out}"
    );
}

#[test]
fn a_folder_without_cases_is_reported() {
    let dir = scratch(&[("notes.txt", "nothing here")]);
    let (code, _, err) = run(&["check", "."], dir.path());
    assert_eq!(code, 1);
    assert!(
        err.contains("no scenario or rubric files (*.ron) found"),
        "{err}"
    );
}

#[test]
fn absurd_numbers_are_refused_and_cannot_stall_the_engine() {
    let huge = |s: String| {
        s.replace("weeks: 6,", "weeks: 4000000000,")
            .replace("from: 2, until: 6)", "from: 2, until: 4000000000)")
            .replace(
                "effects: [Add(\"trust\", 2)], days: 1, next: Assessment",
                "effects: [Add(\"trust\", 2)], days: 4000000000, next: Assessment",
            )
    };
    let (code, out) = check_variant(huge);
    assert_eq!(code, 1);
    assert!(
        out.contains("the case lasts 4000000000 weeks; Casework runs cases of at most 520 weeks"),
        "{out}"
    );
    // Played without checking, it still finishes: the engine looks at 520 weeks at most.
    let dir = scratch(&[
        ("scenario.ron", &huge(scenario_text())),
        ("c", "# seed: 1\nconsent\ninterview\n"),
    ]);
    let (code, out, err) = run(&["play", "scenario.ron", "--choices", "c"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"day\": 4000000000"), "{out}");

    let (code, out) = check_variant(|s| s.replace("from: 2, until: 6)", "from: 2, until: 9)"));
    assert_eq!(code, 1);
    assert!(
        out.contains("event `payment-stops` runs until week 9, after the case's 6 weeks"),
        "{out}"
    );
    let (code, out) = check_variant(|s| {
        s.replace(
            "reveals: [\"where-dorm\", \"what-no-phone\"], days: 4",
            "reveals: [\"where-dorm\", \"what-no-phone\"], days: 60",
        )
    });
    assert_eq!(code, 1);
    assert!(
        out.contains("decision `home-visit` takes 60 days, longer than the whole case"),
        "{out}"
    );
}

#[test]
fn a_case_with_thousands_of_decisions_is_refused_before_analysis() {
    let extra: String = (0..1_001)
        .map(|i| format!("(id: \"d{i}\", stage: Intake, label: {{\"uk\": \"x\", \"en\": \"x\"}}, outcome: {{\"uk\": \"x\", \"en\": \"x\"}}, requires: [Taken(\"d{}\")]),\n", i + 1))
        .collect();
    let (code, out) = check_variant(|s| {
        s.replacen(
            "    decisions: [\n",
            &format!("    decisions: [\n{extra}"),
            1,
        )
    });
    assert_eq!(code, 1);
    assert!(
        out.contains("decisions; a case holds at most 1000"),
        "{out}"
    );
}

#[test]
fn a_rubric_with_thousands_of_rules_is_refused_before_analysis() {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        fixture_dir().join("scenario.ron"),
        dir.path().join("scenario.ron"),
    )
    .unwrap();
    let extra: String = (0..1_000)
        .map(|i| format!("(id: \"r{i}\", check: Taken([\"consent\"]), points: 1, met: {{\"uk\": \"x\", \"en\": \"x\"}}, missed: {{\"uk\": \"x\", \"en\": \"x\"}}),\n"))
        .collect();
    let rubric = fs::read_to_string(fixture_dir().join("rubric.ron")).unwrap();
    fs::write(
        dir.path().join("rubric.ron"),
        rubric.replacen("rules: [\n", &format!("rules: [\n{extra}"), 1),
    )
    .unwrap();
    let (code, out, err) = run(&["check", "."], dir.path());
    assert_eq!(code, 1);
    let all = out + &err;
    assert!(
        all.contains("the rubric has 1012 rules; a rubric holds at most 1000"),
        "{all}"
    );
}
