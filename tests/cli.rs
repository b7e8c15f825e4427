//! The `casework` command line, end to end.

mod common;

use std::fs;

use common::*;

#[test]
fn play_then_score_explains_every_point() {
    let script = format!("# seed: 1\n{TO_IMPLEMENTATION}accompany\nto-exit\nclose\n");
    let dir = scratch(&[("good.choices", &script)]);
    let (code, _, err) = run_on_fixture(
        &[
            "play",
            "mini-pension",
            "--choices",
            "good.choices",
            "--out",
            "log.json",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("9 steps played; the log is in log.json."),
        "{err}"
    );

    let (code, out, err) = run_on_fixture(&["score", "log.json"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("mini-pension — rubric “Practice rubric” (formative)"),
        "{out}"
    );
    assert!(
        out.contains("step 7 (Implementation): Accompany her to the Pension Fund"),
        "{out}"
    );
    assert!(out.contains("Total: 100% — pass mark 60%"), "{out}");
    assert!(out.contains("Result: PASSED"), "{out}");

    let (code, out, _) = run_on_fixture(&["score", "log.json", "--format", "json"], dir.path());
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"], 100.0);
    assert_eq!(v["passed"], true);
    assert_eq!(v["rubric"], "mini-pension-formative");

    // The same log scored with a rubric given by path.
    let rubric = fixture_dir().join("rubric.ron");
    let (code, out, _) = run_on_fixture(
        &["score", "log.json", "--rubric", rubric.to_str().unwrap()],
        dir.path(),
    );
    assert_eq!(code, 0);
    assert!(out.contains("Result: PASSED"));
}

#[test]
fn score_replays_and_never_trusts_the_log() {
    let dir = scratch(&[("c", "consent\ninterview\n")]);
    let (code, _, _) = run_on_fixture(
        &[
            "play",
            "mini-pension",
            "--seed",
            "3",
            "--choices",
            "c",
            "--out",
            "log.json",
        ],
        dir.path(),
    );
    assert_eq!(code, 0);
    let log = fs::read_to_string(dir.path().join("log.json")).unwrap();
    // Someone edits the log to say the interview took place on day 0.
    fs::write(
        dir.path().join("log.json"),
        log.replace("\"day\": 1", "\"day\": 0"),
    )
    .unwrap();
    let (code, _, err) = run_on_fixture(&["score", "log.json"], dir.path());
    assert_eq!(code, 1);
    assert!(err.contains("does not reproduce at record 2"), "{err}");
    // ... or adds a score of their own: the log format has no place for one.
    fs::write(
        dir.path().join("log.json"),
        log.replacen("{", "{\n  \"total\": 100,", 1),
    )
    .unwrap();
    let (code, _, err) = run_on_fixture(&["score", "log.json"], dir.path());
    assert_eq!(code, 1);
    assert!(
        err.contains("log.json:2:") && err.contains("unknown field `total`"),
        "{err}"
    );
}

#[test]
fn play_writes_to_standard_output_and_needs_a_seed() {
    let dir = scratch(&[("c", "consent\n")]);
    let (code, out, _) = run_on_fixture(
        &["play", "mini-pension", "--seed", "5", "--choices", "c"],
        dir.path(),
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["seed"], 5);
    assert_eq!(v["records"][0]["action"]["decision"], "consent");
    let (code, _, err) = run_on_fixture(&["play", "mini-pension", "--choices", "c"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("no seed given"), "{err}");
    let (code, _, err) = run_on_fixture(
        &["play", "no-such-case", "--seed", "1", "--choices", "c"],
        dir.path(),
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("no scenario `no-such-case` in the bank") && err.contains("mini-pension"),
        "{err}"
    );
}

#[test]
fn a_scenario_file_can_be_played_by_path() {
    let dir = scratch(&[("c", "# seed: 2\nconsent\n")]);
    let scenario = fixture_dir().join("scenario.ron");
    let (code, out, err) = run(
        &["play", scenario.to_str().unwrap(), "--choices", "c"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"scenario\": \"mini-pension\""));
}

#[test]
fn list_shows_a_line_per_scenario_in_the_chosen_language() {
    let dir = scratch(&[]);
    let (code, out, _) = run_on_fixture(&["list"], dir.path());
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "mini-pension  Mrs Olha's pension — older person; broker model; introductory; 5 min; uk/en\nOne scenario in the bank.\n"
    );
    let (code, out, _) = run_on_fixture(&["list", "--lang", "uk"], dir.path());
    assert_eq!(code, 0);
    assert!(
        out.starts_with(
            "mini-pension  Пенсія пані Ольги — людина похилого віку; модель: брокерська;"
        ),
        "{out}"
    );
    let (code, out, _) = run_on_fixture(&["list", "--format", "json"], dir.path());
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["rubrics"][0], "mini-pension-formative");
    assert_eq!(
        v[0]["modes"],
        serde_json::json!(["Independent", "Accompanied"])
    );
    assert_eq!(v[0]["roles"], serde_json::json!(["Consultant", "Manager"]));
}

#[test]
fn the_embedded_bank_works_from_any_directory() {
    let dir = scratch(&[]);
    let (code, out, err) = run(&["list"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("in the bank"), "{out}");
    let (code, _, err) = run(&["check"], dir.path());
    assert_eq!(code, 0, "{err}");
}

/// Without a subcommand `casework` opens the trainer's window (tests/trainer_cli.rs covers
/// it where no window can open); `--help` lists the commands.
#[test]
fn help_lists_the_commands() {
    let dir = scratch(&[]);
    let (code, out, _) = run(&["--help"], dir.path());
    assert_eq!(code, 0);
    assert!(
        out.contains("Usage: casework") && out.contains("check") && out.contains("score"),
        "{out}"
    );
}

#[test]
fn score_speaks_the_language_asked_for() {
    let dir = scratch(&[(
        "c",
        "# seed: 1\nconsent\ninterview\nto-plan\nplan pension help-somehow pension-fund 1\n",
    )]);
    let (code, _, _) = run_on_fixture(
        &[
            "play",
            "mini-pension",
            "--choices",
            "c",
            "--out",
            "log.json",
        ],
        dir.path(),
    );
    assert_eq!(code, 0);
    // Played in English (the environment); scored in Ukrainian on request.
    // The session stopped at planning: a provisional score, and exit code 1.
    let (code, out, _) = run_on_fixture(&["score", "log.json", "--lang", "uk"], dir.path());
    assert_eq!(code, 1);
    assert!(
        out.contains("Разом поки що:") && out.contains("крок 1 (Прийом і договір)"),
        "{out}"
    );
    // The plan's faults in the engine's words, the same the plan editor shows.
    assert!(
        out.contains("Відновлення пенсії → Сервісний центр Пенсійного фонду: мета нечітка"),
        "{out}"
    );
    assert!(
        out.contains("термін настає раніше, ніж послуга може початися: не раніше 2-го тижня"),
        "{out}"
    );
    assert!(out.contains("Де; Що"), "{out}");
    let (_, out, _) = run_on_fixture(&["score", "log.json"], dir.path());
    assert!(
        out.contains("Seed 1, 4 steps, one week of case time."),
        "{out}"
    );
    assert!(
        out.contains("Pension restored → Pension Fund service centre: the goal is vague"),
        "{out}"
    );
}
