//! Session logs that cannot be faked or lost (issue 7): a log must match its scenario's
//! version and languages and hold no field the format does not have; a log that cannot be
//! read and one that is not a log exit differently; `play --out` never destroys a file it
//! was not asked to replace; a refused step still leaves the log up to it (issue 8).

mod common;

use std::fs;
use std::path::Path;

use casework::engine::{LoadError, ReplayError, Session, SessionLog, load_log, save_log};
use common::*;

/// A whole session of the mini case, closed by the student.
const CLOSED: &str = "consent\ninterview\nhome-visit\nto-plan\nplan pension restore pension-fund 4\nplan-agreed\naccompany\nto-exit\nclose\n";

fn closed() -> Session {
    play(&mini_case(), 1, CLOSED)
}

fn write_log(dir: &Path, name: &str, json: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    fs::write(&path, json).expect("write log");
    path
}

// --- Finding 1: version, language, unknown fields -------------------------------------

#[test]
fn replay_refuses_a_scenario_version_other_than_the_scenario_s() {
    let mut log: SessionLog = closed().log().clone();
    log.scenario_version += 1;
    let err = Session::replay(mini_case(), &log).expect_err("a wrong version is refused");
    assert_eq!(
        err,
        ReplayError::VersionDiffers {
            log: 2,
            scenario: 1
        }
    );
    assert!(err.to_string().contains("version 2"), "{err}");
}

#[test]
fn replay_refuses_a_language_the_scenario_is_not_written_in() {
    let mut log = closed().log().clone();
    log.language = "klingon".into();
    let err = Session::replay(mini_case(), &log).expect_err("an unknown language is refused");
    assert!(
        matches!(&err, ReplayError::Language { language, .. } if language == "klingon"),
        "{err:?}"
    );
    assert!(err.to_string().contains("uk, en"), "{err}");
    // Every language the scenario is written in replays.
    for lang in ["uk", "en"] {
        log.language = lang.into();
        Session::replay(mini_case(), &log).expect("a scenario language replays");
    }
}

#[test]
fn an_unknown_field_inside_a_record_an_action_or_the_end_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let json = closed().log().to_json();
    let edits = [
        ("\"step\": 1,", "\"step\": 1, \"points\": 5,", "points"),
        (
            "\"kind\": \"decide\",",
            "\"kind\": \"decide\", \"weight\": 2,",
            "weight",
        ),
        (
            "\"kind\": \"closed\",",
            "\"kind\": \"closed\", \"grade\": \"A\",",
            "grade",
        ),
    ];
    for (from, to, field) in edits {
        assert!(json.contains(from), "{from} in {json}");
        let path = write_log(dir.path(), "edited.json", &json.replacen(from, to, 1));
        let err = load_log(&path).expect_err("an unknown field is refused");
        assert!(matches!(err, LoadError::NotALog(_)), "{err:?}");
        let d = err.diagnostic();
        assert!(
            d.message.contains(&format!("unknown field `{field}`")),
            "{field}: {}",
            d.message
        );
        assert!(d.line > 1, "the error points into the file: {d}");
    }
}

#[test]
fn an_unknown_field_inside_an_event_record_is_refused() {
    let seed = suspension_seed();
    let s = play(
        &mini_case(),
        seed,
        &format!("{TO_IMPLEMENTATION}accompany\n"),
    );
    let json = s.log().to_json();
    assert!(json.contains("\"after_step\""), "{json}");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = write_log(dir.path(), "log.json", &json);
    assert_eq!(load_log(&path).expect("loads").records, s.log().records);
    let edited = json.replacen("\"after_step\"", "\"severity\": 3, \"after_step\"", 1);
    let path = write_log(dir.path(), "log.json", &edited);
    let err = load_log(&path).expect_err("refused");
    assert!(
        err.diagnostic()
            .message
            .contains("unknown field `severity`"),
        "{err}"
    );
}

#[test]
fn a_trainer_log_with_its_metadata_still_loads_and_replays() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("trainer.json");
    let json = closed()
        .log()
        .to_json()
        .replacen(
            "\n}",
            ",\n  \"meta\": {\"trainer_version\": \"0.1.0\", \"mode\": \"practice\", \"rubric\": null, \"started_at\": 1, \"saved_at\": 2, \"steps\": [{\"step\": 1, \"rationale\": \"why\", \"at\": 1}, {\"step\": 2, \"at\": 2}]}\n}",
            1,
        );
    fs::write(&path, json).expect("write");
    let log = load_log(&path).expect("a trainer log loads");
    assert_eq!(log.meta.as_ref().map(|m| m.steps.len()), Some(2));
    Session::replay(mini_case(), &log).expect("and replays");
}

#[test]
fn score_refuses_an_edited_version_or_language_saying_where_and_what_to_do() {
    let dir = scratch(&[("c", &format!("# seed: 1\n{CLOSED}"))]);
    let (code, _, err) = run_on_fixture(
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
    assert_eq!(code, 0, "{err}");
    let json = fs::read_to_string(dir.path().join("log.json")).expect("log");
    fs::write(
        dir.path().join("log.json"),
        json.replace("\"scenario_version\": 1", "\"scenario_version\": 7"),
    )
    .expect("write");
    let (code, _, err) = run_on_fixture(&["score", "log.json"], dir.path());
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("log.json:4:"), "points at the field: {err}");
    assert!(err.contains("version 7") && err.contains("help:"), "{err}");

    fs::write(
        dir.path().join("log.json"),
        json.replace("\"language\": \"en\"", "\"language\": \"fr\""),
    )
    .expect("write");
    let (code, _, err) = run_on_fixture(&["score", "log.json"], dir.path());
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("log.json:7:"), "points at the field: {err}");
    assert!(err.contains("`fr`") && err.contains("help:"), "{err}");
}

// --- Finding 2: exit codes from the error's kind ----------------------------------------

#[test]
fn load_errors_have_kinds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = load_log(&dir.path().join("missing.json")).expect_err("missing");
    assert!(matches!(missing, LoadError::Unreadable(_)), "{missing:?}");
    let folder = load_log(dir.path()).expect_err("a folder");
    assert!(matches!(folder, LoadError::Unreadable(_)), "{folder:?}");
    let text = write_log(dir.path(), "notes.txt", "dear diary\n");
    let not_json = load_log(&text).expect_err("not JSON");
    assert!(matches!(not_json, LoadError::NotALog(_)), "{not_json:?}");
    let binary = dir.path().join("bin.json");
    fs::write(&binary, [0xffu8, 0xfe, 0x00]).expect("write");
    let not_text = load_log(&binary).expect_err("not text");
    assert!(matches!(not_text, LoadError::NotALog(_)), "{not_text:?}");
    // The diagnostic is what people read.
    assert_eq!(not_json.to_string(), not_json.diagnostic().to_string());
    assert!(not_json.to_string().contains("notes.txt:1:1"), "{not_json}");
}

#[test]
fn score_exits_2_on_a_log_it_cannot_read_and_1_on_a_file_that_is_not_a_log() {
    let dir = scratch(&[("notes.txt", "dear diary\n")]);
    fs::create_dir(dir.path().join("folder.json")).expect("mkdir");
    for (name, code) in [("missing.json", 2), ("folder.json", 2), ("notes.txt", 1)] {
        let (got, _, err) = run_on_fixture(&["score", name], dir.path());
        assert_eq!(got, code, "{name}: {err}");
        assert!(err.contains(name), "{err}");
    }
}

// --- Finding 3: play --out never destroys a file ----------------------------------------

fn play_out(dir: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec!["play", "mini-pension", "--seed", "1", "--choices", "c"];
    args.extend(extra);
    run_on_fixture(&args, dir)
}

#[test]
fn play_refuses_to_write_over_its_choices_file() {
    let dir = scratch(&[("c", "consent\n")]);
    for out in ["c", "./c", "../c"] {
        let sub = dir.path().join("sub");
        let _ = fs::create_dir(&sub);
        let out = if out == "../c" { "sub/../c" } else { out };
        let (code, _, err) = play_out(dir.path(), &["--out", out]);
        assert_eq!(code, 2, "{out}: {err}");
        assert!(err.contains("choices file"), "{err}");
        assert!(err.contains("another name"), "{err}");
        assert_eq!(
            fs::read_to_string(dir.path().join("c")).expect("kept"),
            "consent\n"
        );
    }
    // Not even with --force.
    let (code, _, err) = play_out(dir.path(), &["--out", "c", "--force"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(
        fs::read_to_string(dir.path().join("c")).unwrap(),
        "consent\n"
    );
}

#[test]
fn play_refuses_to_write_over_the_scenario_it_plays() {
    let scenario = fs::read_to_string(fixture_dir().join("scenario.ron")).expect("fixture");
    let dir = scratch(&[("c", "# seed: 1\nconsent\n"), ("case.ron", &scenario)]);
    let (code, _, err) = run(
        &[
            "play",
            "case.ron",
            "--choices",
            "c",
            "--out",
            "case.ron",
            "--force",
        ],
        dir.path(),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("scenario"), "{err}");
    assert_eq!(
        fs::read_to_string(dir.path().join("case.ron")).unwrap(),
        scenario
    );
}

#[test]
fn play_refuses_to_write_over_a_file_of_the_bank() {
    let dir = scratch(&[("c", "# seed: 1\nconsent\n")]);
    let bank = dir.path().join("bank");
    fs::create_dir(&bank).expect("mkdir");
    for f in ["scenario.ron", "rubric.ron"] {
        fs::copy(fixture_dir().join(f), bank.join(f)).expect("copy");
    }
    fs::write(bank.join("README"), "notes").expect("write");
    for out in [
        "bank/rubric.ron",
        "bank/README",
        "./bank/../bank/scenario.ron",
    ] {
        let before = fs::read(dir.path().join(out)).expect("read");
        let (code, _, err) = run(
            &[
                "play",
                "mini-pension",
                "--bank",
                "bank",
                "--choices",
                "c",
                "--out",
                out,
                "--force",
            ],
            dir.path(),
        );
        assert_eq!(code, 2, "{out}: {err}");
        assert!(err.contains("bank"), "{err}");
        assert_eq!(fs::read(dir.path().join(out)).unwrap(), before, "{out}");
    }
}

#[cfg(unix)]
#[test]
fn play_refuses_to_replace_a_symbolic_link() {
    let dir = scratch(&[("c", "consent\n")]);
    let target = dir.path().join("target.json");
    // The link's target is itself a log: replacing the link is still not what was asked.
    save_log(&target, closed().log()).expect("save");
    let before = fs::read_to_string(&target).expect("read");
    std::os::unix::fs::symlink("target.json", dir.path().join("link.json")).expect("symlink");
    std::os::unix::fs::symlink("nowhere.json", dir.path().join("dangling.json")).expect("symlink");
    for link in ["link.json", "dangling.json"] {
        let (code, _, err) = play_out(dir.path(), &["--out", link, "--force"]);
        assert_eq!(code, 2, "{link}: {err}");
        assert!(err.contains("symbolic link"), "{err}");
        let meta = fs::symlink_metadata(dir.path().join(link)).expect("still there");
        assert!(meta.file_type().is_symlink(), "{link} is still a link");
    }
    assert_eq!(fs::read_to_string(&target).unwrap(), before);
}

#[test]
fn play_replaces_a_log_but_not_another_file_unless_forced() {
    let dir = scratch(&[("c", "consent\n"), ("notes.txt", "my notes\n")]);
    let (code, _, err) = play_out(dir.path(), &["--out", "notes.txt"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("notes.txt") && err.contains("not a Casework session log"),
        "{err}"
    );
    assert!(err.contains("--force"), "{err}");
    assert_eq!(
        fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "my notes\n"
    );
    let (code, _, err) = play_out(dir.path(), &["--out", "notes.txt", "--force"]);
    assert_eq!(code, 0, "{err}");
    let log = load_log(&dir.path().join("notes.txt")).expect("now a log");
    assert_eq!(log.records.len(), 1);

    // A log is replaced without asking: that is the normal re-run.
    fs::write(dir.path().join("c"), "consent\ninterview\n").expect("write");
    let (code, _, err) = play_out(dir.path(), &["--out", "notes.txt"]);
    assert_eq!(code, 0, "{err}");
    let log = load_log(&dir.path().join("notes.txt")).expect("a log");
    assert_eq!(log.actions().count(), 2);
}

#[test]
fn help_documents_force() {
    let (code, out, _) = run(&["play", "--help"], Path::new("."));
    assert_eq!(code, 0);
    assert!(out.contains("--force"), "{out}");
}

// --- Issue 8: a refused step keeps the log up to it; a stuck case says so ---------------

#[test]
fn a_refused_step_still_writes_the_log_up_to_it() {
    let dir = scratch(&[("c", "consent\ninterview\nclose\nto-plan\n")]);
    let (code, _, err) = play_out(dir.path(), &["--out", "log.json"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("c:3:1"), "{err}");
    assert!(
        err.contains("log.json") && err.contains("unfinished"),
        "{err}"
    );
    let log = load_log(&dir.path().join("log.json")).expect("the partial log");
    assert_eq!(log.actions().count(), 2);
    assert_eq!(log.end, None);
    // It replays: the score is provisional.
    let (code, out, _) = run_on_fixture(&["score", "log.json"], dir.path());
    assert_eq!(code, 1);
    assert!(out.contains("provisional"), "{out}");
}

#[test]
fn a_stuck_case_is_said_to_be_stuck() {
    // `close` and `reopen` moved to intake: at the exit stage nothing is open.
    let scenario = fs::read_to_string(fixture_dir().join("scenario.ron"))
        .expect("fixture")
        .replace(
            "(id: \"close\", stage: Exit,",
            "(id: \"close\", stage: Intake,",
        )
        .replace(
            "(id: \"reopen\", stage: Exit,",
            "(id: \"reopen\", stage: Intake,",
        );
    let dir = scratch(&[
        ("c", &format!("# seed: 1\n{CLOSED}")),
        ("stuck.ron", &scenario),
    ]);
    let (code, _, err) = run(
        &["play", "stuck.ron", "--choices", "c", "--out", "log.json"],
        dir.path(),
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("nothing is open: the case is stuck here") && err.contains("casework check"),
        "{err}"
    );
    assert!(!err.contains("open now: \n"), "{err}");
}
