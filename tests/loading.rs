//! Loading a bank and every other input the same way for every command: files that fail to
//! load are named, rubrics are never swapped, symlinks are followed, empty banks refused,
//! pictures kept inside the bank, byte-order marks accepted, named pipes refused before
//! they are opened, and a closed standard output ends a command quietly.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

fn scenario_text() -> String {
    fs::read_to_string(fixture_dir().join("scenario.ron")).unwrap()
}

fn rubric_text() -> String {
    fs::read_to_string(fixture_dir().join("rubric.ron")).unwrap()
}

/// The good path through the mini case, as a choices file.
fn good_choices() -> String {
    format!("# seed: 1\n{TO_IMPLEMENTATION}accompany\nto-exit\nclose\n")
}

/// A bank folder `bank/` inside a scratch folder, holding `files` (path inside the bank,
/// text); the scratch folder is the working directory of the runs.
fn bank_with(files: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path().join("bank");
    fs::create_dir(&bank).unwrap();
    for (name, text) in files {
        let path = bank.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    (dir, bank)
}

/// `casework ARGS --bank BANK` in `dir`.
fn run_bank(args: &[&str], bank: &Path, dir: &Path) -> (i32, String, String) {
    let mut all = args.to_vec();
    all.extend(["--bank", bank.to_str().unwrap()]);
    let (code, out, err) = run(&all, dir);
    assert!(!err.contains("panicked"), "{err}");
    (code, out, err)
}

/// Plays the good path of the mini case on the fixture bank into `dir/log.json`.
fn good_log(dir: &Path) {
    fs::write(dir.join("good.choices"), good_choices()).unwrap();
    let (code, _, err) = run_on_fixture(
        &[
            "play",
            "mini-pension",
            "--choices",
            "good.choices",
            "--out",
            "log.json",
        ],
        dir,
    );
    assert_eq!(code, 0, "{err}");
}

/// Whether `err` has a diagnostic `FILE:LINE:COLUMN: error` for a path ending in `file`.
fn names_place(err: &str, file: &str) -> bool {
    err.lines().any(|l| {
        l.split_once(&format!("{file}:")).is_some_and(|(_, rest)| {
            let mut parts = rest.splitn(3, ':');
            let line = parts.next().is_some_and(|n| n.parse::<u32>().is_ok());
            let col = parts.next().is_some_and(|n| n.parse::<u32>().is_ok());
            line && col && parts.next().is_some_and(|r| r.starts_with(" error"))
        })
    })
}

/// The mini scenario with one stray byte at the start of line 3 (`id: …`).
fn broken_scenario() -> String {
    scenario_text().replacen("    id: \"mini-pension\"", "    ¤id: \"mini-pension\"", 1)
}

#[test]
fn files_that_fail_to_load_are_named_by_every_command() {
    let two = scenario_text().replace("mini-pension", "mini-two");
    let (dir, bank) = bank_with(&[
        ("two/scenario.ron", &two),
        (
            "two/rubric.ron",
            &rubric_text().replace("mini-pension", "mini-two"),
        ),
        ("mini/scenario.ron", &broken_scenario()),
        ("mini/rubric.ron", &rubric_text()),
    ]);
    // list: what loaded is listed, the broken file is named with its place, exit 1.
    let (code, out, err) = run_bank(&["list"], &bank, dir.path());
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("mini-two"), "{out}");
    assert!(names_place(&err, "mini/scenario.ron"), "{err}");

    // play: the case may be in the file that failed.
    fs::write(dir.path().join("good.choices"), good_choices()).unwrap();
    let (code, _, err) = run_bank(
        &["play", "mini-pension", "--choices", "good.choices"],
        &bank,
        dir.path(),
    );
    assert_ne!(code, 0);
    assert!(names_place(&err, "mini/scenario.ron"), "{err}");
    assert!(
        err.contains("may be in a file that could not be loaded")
            && err.matches("mini/scenario.ron").count() >= 2,
        "{err}"
    );

    // score: the same for the log's scenario.
    good_log(dir.path());
    let (code, _, err) = run_bank(&["score", "log.json"], &bank, dir.path());
    assert_ne!(code, 0);
    assert!(
        err.contains("may be in a file that could not be loaded")
            && err.matches("mini/scenario.ron").count() >= 2,
        "{err}"
    );

    // check on the bank reports it too.
    let (code, _, err) = run_bank(&["check"], &bank, dir.path());
    assert_eq!(code, 1);
    assert!(names_place(&err, "mini/scenario.ron"), "{err}");
}

#[test]
fn a_broken_formative_rubric_is_never_swapped_for_the_exam() {
    let exam = rubric_text()
        .replace("mini-pension-formative", "mini-pension-exam")
        .replace("kind: Formative", "kind: Exam");
    let formative = rubric_text().replacen("kind: Formative", "kind: Formative¤", 1);
    let (dir, bank) = bank_with(&[
        ("scenario.ron", &scenario_text()),
        ("exam.ron", &exam),
        ("formative.ron", &formative),
    ]);
    good_log(dir.path());
    let (code, out, err) = run_bank(&["score", "log.json"], &bank, dir.path());
    assert_eq!(code, 1, "{out}{err}");
    assert!(!out.contains("exam"), "{out}");
    assert!(names_place(&err, "formative.ron"), "{err}");
    assert!(
        err.contains("no formative rubric") && err.matches("formative.ron").count() >= 2,
        "{err}"
    );

    // Without a formative rubric at all, nothing is swapped either: ask for one.
    fs::remove_file(bank.join("formative.ron")).unwrap();
    let (code, out, err) = run_bank(&["score", "log.json"], &bank, dir.path());
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("no formative rubric") && err.contains("--rubric mini-pension-exam"),
        "{err}"
    );
    // Asked for by id, the exam rubric is used.
    let (code, out, err) = run_bank(
        &["score", "log.json", "--rubric", "mini-pension-exam"],
        &bank,
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("(exam)"), "{out}");
}

#[cfg(unix)]
#[test]
fn symlinks_are_followed_inside_the_bank_and_odd_files_reported() {
    use std::os::unix::fs::symlink;
    // The case's files live under names the walk does not read; links name them.
    let (dir, bank) = bank_with(&[
        ("sources/pension.txt", &scenario_text()),
        ("sources/pension-rubric.txt", &rubric_text()),
    ]);
    fs::create_dir(bank.join("mini")).unwrap();
    symlink("../sources/pension.txt", bank.join("mini/scenario.ron")).unwrap();
    symlink(
        "../sources/pension-rubric.txt",
        bank.join("mini/rubric.ron"),
    )
    .unwrap();
    // A link back to the bank itself must not be walked forever.
    symlink("..", bank.join("mini/loop")).unwrap();
    let (code, out, err) = run_bank_guarded(&["list"], &bank, dir.path());
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("mini-pension"), "{out}");
    assert_eq!(out.matches("mini-pension").count(), 1, "{out}");

    // A dangling link, a link out of the bank and a named pipe are reported, not skipped.
    symlink("nowhere.ron", bank.join("dangling.ron")).unwrap();
    let outside = dir.path().join("outside.ron");
    fs::write(
        &outside,
        scenario_text().replace("mini-pension", "mini-out"),
    )
    .unwrap();
    symlink(&outside, bank.join("out.ron")).unwrap();
    mkfifo(&bank.join("pipe.ron"));
    let (code, out, err) = run_bank_guarded(&["list"], &bank, dir.path());
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("mini-pension") && !out.contains("mini-out"),
        "{out}"
    );
    assert!(
        err.contains("dangling.ron") && err.contains("dangling"),
        "{err}"
    );
    assert!(
        err.contains("out.ron") && err.contains("outside the bank"),
        "{err}"
    );
    assert!(
        err.contains("pipe.ron") && err.contains("not a regular file"),
        "{err}"
    );
}

#[test]
fn an_empty_bank_is_refused_by_every_command() {
    let (dir, bank) = bank_with(&[("notes.txt", "nothing here")]);
    good_log(dir.path());
    fs::write(dir.path().join("good.choices"), good_choices()).unwrap();
    let commands: [&[&str]; 4] = [
        &["list"],
        &["check"],
        &["play", "mini-pension", "--choices", "good.choices"],
        &["score", "log.json"],
    ];
    for args in commands {
        let (code, _, err) = run_bank(args, &bank, dir.path());
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains(bank.to_str().unwrap()) && err.contains("no scenario (*.ron)"),
            "{args:?}: {err}"
        );
    }
    // `check` on such a folder says so and fails too.
    let (code, _, err) = run(&["check", bank.to_str().unwrap()], dir.path());
    assert_eq!(code, 1, "{err}");
}

#[test]
fn a_picture_outside_the_bank_is_refused_by_every_command() {
    let text = scenario_text().replace(
        "age: 67,",
        "age: 67,\n        picture: \"../../etc/passwd\",",
    );
    let (dir, bank) = bank_with(&[
        ("mini/scenario.ron", &text),
        ("mini/rubric.ron", &rubric_text()),
    ]);
    let (code, out, err) = run_bank(&["list"], &bank, dir.path());
    assert_eq!(code, 1, "{out}{err}");
    assert!(!out.contains("mini-pension"), "{out}");
    assert!(
        err.contains("mini/scenario.ron:24:18: error: picture:")
            && err.contains("outside the scenario bank"),
        "{err}"
    );
    fs::write(dir.path().join("good.choices"), good_choices()).unwrap();
    let (code, _, err) = run_bank(
        &["play", "mini-pension", "--choices", "good.choices"],
        &bank,
        dir.path(),
    );
    assert_ne!(code, 0);
    assert!(err.contains("picture:"), "{err}");
    // Given by path, with no bank: the same rule, from the same function.
    let path = bank.join("mini/scenario.ron");
    let (code, _, err) = run(
        &["play", path.to_str().unwrap(), "--choices", "good.choices"],
        dir.path(),
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("picture:") && err.contains("outside the scenario bank"),
        "{err}"
    );
    let (code, _, err) = run(&["check", path.to_str().unwrap()], dir.path());
    assert_eq!(code, 1, "{err}");
    assert_eq!(err.matches("outside the scenario bank").count(), 1, "{err}");
}

#[test]
fn a_byte_order_mark_is_accepted_in_every_input() {
    let bom = "\u{feff}";
    let (dir, bank) = bank_with(&[
        ("scenario.ron", &format!("{bom}{}", scenario_text())),
        ("rubric.ron", &format!("{bom}{}", rubric_text())),
    ]);
    fs::write(
        dir.path().join("bom.choices"),
        format!("{bom}{}", good_choices()),
    )
    .unwrap();
    let (code, _, err) = run_bank(&["check"], &bank, dir.path());
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run_bank(
        &[
            "play",
            "mini-pension",
            "--choices",
            "bom.choices",
            "--out",
            "log.json",
        ],
        &bank,
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run_bank(&["score", "log.json"], &bank, dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Result: PASSED"), "{out}");
    let rubric = bank.join("rubric.ron");
    let (code, _, err) = run_bank(
        &["score", "log.json", "--rubric", rubric.to_str().unwrap()],
        &bank,
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");

    // Places stay right after the mark: the same as in the file without it.
    fs::write(dir.path().join("bad.ron"), "Scenario(id: 5)").unwrap();
    let (_, _, plain) = run(&["check", "bad.ron"], dir.path());
    let place = plain.lines().next().unwrap().to_string();
    assert!(place.starts_with("bad.ron:1:1"), "{place}");
    fs::write(dir.path().join("bad.ron"), format!("{bom}Scenario(id: 5)")).unwrap();
    let (code, _, err) = run(&["check", "bad.ron"], dir.path());
    assert_eq!(code, 1, "{err}");
    assert_eq!(err.lines().next().unwrap(), place, "{err}");
    fs::write(
        dir.path().join("bad.choices"),
        format!("{bom}# seed: 1\nconsent\nfrobnicate\n"),
    )
    .unwrap();
    let (code, _, err) = run_bank(
        &["play", "mini-pension", "--choices", "bad.choices"],
        &bank,
        dir.path(),
    );
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("bad.choices:3:1: error"), "{err}");
}

/// Makes a named pipe.
#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

/// Runs casework, killing it if it has not finished within a generous deadline, so that a
/// command blocked on a named pipe fails the test instead of hanging it.
fn run_guarded(args: &[&str], dir: &Path) -> (i32, String, String) {
    let mut child = Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env("LANG", "en_GB.UTF-8")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run casework");
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("casework {args:?} was still running after a minute: blocked?");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("output");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!err.contains("panicked"), "{err}");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        err,
    )
}

fn run_bank_guarded(args: &[&str], bank: &Path, dir: &Path) -> (i32, String, String) {
    let mut all = args.to_vec();
    all.extend(["--bank", bank.to_str().unwrap()]);
    run_guarded(&all, dir)
}

#[cfg(unix)]
#[test]
fn named_pipes_are_refused_before_they_are_opened() {
    let dir = scratch(&[]);
    good_log(dir.path());
    fs::write(dir.path().join("good.choices"), good_choices()).unwrap();
    let fifo = dir.path().join("fifo.ron");
    mkfifo(&fifo);
    let fifo = fifo.to_str().unwrap();
    let bank = fixture_dir();
    let runs: [&[&str]; 4] = [
        &["check", fifo],
        &["play", fifo, "--choices", "good.choices"],
        &["play", "mini-pension", "--choices", fifo],
        &["score", "log.json", "--rubric", fifo],
    ];
    for args in runs {
        let (code, _, err) = run_bank_guarded(args, &bank, dir.path());
        assert_ne!(code, 0, "{args:?}");
        assert!(
            err.contains("fifo.ron") && err.contains("not a regular file"),
            "{args:?}: {err}"
        );
    }
}

/// Runs casework with a standard output whose reader is already gone.
fn run_into_closed_pipe(args: &[&str], dir: &Path) -> (i32, String) {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let out = Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env("LANG", "en_GB.UTF-8")
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .expect("run casework");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_standard_output_ends_commands_quietly() {
    let dir = scratch(&[]);
    good_log(dir.path());
    fs::write(dir.path().join("good.choices"), good_choices()).unwrap();
    let bank = fixture_dir();
    let bank = bank.to_str().unwrap();
    let runs: [&[&str]; 5] = [
        &["list", "--format", "json"],
        &["list"],
        &["check", "--format", "json", "--bank", bank],
        &[
            "play",
            "mini-pension",
            "--choices",
            "good.choices",
            "--bank",
            bank,
        ],
        &["score", "log.json", "--bank", bank],
    ];
    for args in runs {
        let (code, err) = run_into_closed_pipe(args, dir.path());
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(err.is_empty(), "{args:?}: {err}");
    }
}

/// Runs casework with both outputs going to one pipe whose reader is already gone, as in
/// `casework … 2>&1 | head -c0`.
fn run_with_both_outputs_closed(args: &[&str], dir: &Path) -> i32 {
    let (reader, writer) = std::io::pipe().expect("pipe");
    drop(reader);
    let status = Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env("LANG", "en_GB.UTF-8")
        .stdout(writer.try_clone().expect("pipe"))
        .stderr(writer)
        .status()
        .expect("run casework");
    status.code().unwrap_or(-1)
}

#[test]
fn a_closed_standard_error_never_turns_a_result_into_a_crash() {
    let dir = scratch(&[]);
    fs::write(
        dir.path().join("refused.choices"),
        "# seed: 1\nconsent\nclose\n",
    )
    .unwrap();
    fs::write(dir.path().join("good.choices"), good_choices()).unwrap();
    let bank = fixture_dir();
    let bank = bank.to_str().unwrap();
    // Each exits with the code it would give with a reader: the closed pipe changes nothing.
    let runs: [(&[&str], i32); 4] = [
        (
            &[
                "play",
                "mini-pension",
                "--choices",
                "refused.choices",
                "--bank",
                bank,
            ],
            1,
        ),
        (
            &[
                "play",
                "mini-pension",
                "--choices",
                "good.choices",
                "--out",
                "x.json",
                "--bank",
                bank,
            ],
            0,
        ),
        (&["check", "--bank", bank], 0),
        (&["score", "no-such-log.json", "--bank", bank], 2),
    ];
    for (args, expected) in runs {
        assert_eq!(
            run_with_both_outputs_closed(args, dir.path()),
            expected,
            "{args:?}"
        );
    }
}
