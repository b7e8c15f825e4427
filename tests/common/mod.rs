//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use casework::bank::Bank;
use casework::choices;
use casework::engine::{Action, Case, Record, Session};
use casework::rubric::Rubric;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture_dir() -> PathBuf {
    root().join("tests/fixtures/mini")
}

/// The small worked-example case of the tests.
pub fn mini_bank() -> Bank {
    let bank = Bank::from_dir(&fixture_dir()).expect("fixture folder");
    assert!(bank.diagnostics.is_empty(), "{:?}", bank.diagnostics);
    bank
}

pub fn mini_case() -> Arc<Case> {
    let bank = mini_bank();
    let e = bank
        .scenario("mini-pension")
        .expect("mini scenario")
        .clone();
    Case::new(e.doc, e.hash)
}

pub fn mini_rubric() -> Rubric {
    mini_bank().rubrics[0].doc.clone()
}

/// Plays whitespace-separated steps (as in a choices file, one per line) and panics with
/// the refusal if one is refused.
pub fn play(case: &Arc<Case>, seed: u64, script: &str) -> Session {
    let mut s = Session::new(Arc::clone(case), seed, "en");
    let parsed = choices::parse("script", script).expect("script parses");
    for (line, action) in parsed.steps {
        if let Err(r) = s.apply(action.clone()) {
            panic!("line {line} `{action}` refused: {r}");
        }
    }
    s
}

pub fn decide(s: &mut Session, id: &str) {
    s.apply(Action::decide(id))
        .unwrap_or_else(|r| panic!("`{id}` refused: {r}"));
}

/// The good path through the mini case, up to the implementation stage.
pub const TO_IMPLEMENTATION: &str =
    "consent\ninterview\nhome-visit\nto-plan\nplan pension restore pension-fund 4\nplan-agreed\n";

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_casework")
}

pub fn run(args: &[&str], dir: &Path) -> (i32, String, String) {
    let out = std::process::Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env("LANG", "en_GB.UTF-8")
        .output()
        .expect("run casework");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A scratch folder holding `files`, for CLI runs.
pub fn scratch(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write scratch file");
    }
    dir
}

/// `casework ARGS --bank <the fixture>` in `dir`.
pub fn run_on_fixture(args: &[&str], dir: &Path) -> (i32, String, String) {
    let bank = fixture_dir();
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--bank", bank.to_str().expect("UTF-8 path")]);
    run(&all, dir)
}

/// Whether the event happened in the session.
pub fn happened(s: &Session, event: &str) -> bool {
    s.log()
        .records
        .iter()
        .any(|r| matches!(r, Record::Event { event: e, .. } if e == event))
}

/// Whether, with this seed, the pension payment is suspended again after the accompaniment
/// (a 50% weekly chance in the fixture).
pub fn suspension_happens(seed: u64) -> bool {
    happened(
        &play(
            &mini_case(),
            seed,
            &format!("{TO_IMPLEMENTATION}accompany\n"),
        ),
        "payment-stops",
    )
}

/// The first seed with the suspension.
pub fn suspension_seed() -> u64 {
    (0..100)
        .find(|s| suspension_happens(*s))
        .expect("some seed suspends the payment")
}

/// The first seed without it, to the end of the good path and the weeks that play out
/// after its closure.
pub fn no_suspension_seed() -> u64 {
    let closed = format!("{TO_IMPLEMENTATION}accompany\nto-exit\nclose\n");
    let steps = choices::parse("closed", &closed).expect("parses").steps;
    let case = mini_case();
    (0..200)
        .find(|&seed| {
            let (s, all) = play_until_refused(&case, seed, &steps);
            all && !happened(&s, "payment-stops")
        })
        .expect("some seed does not")
}

/// Plays `steps` under `seed` until one is refused: the session so far, and whether every
/// step was accepted.
pub fn play_until_refused(
    case: &Arc<Case>,
    seed: u64,
    steps: &[(usize, Action)],
) -> (Session, bool) {
    let mut s = Session::new(Arc::clone(case), seed, "en");
    let all = steps.iter().all(|(_, a)| s.apply(a.clone()).is_ok());
    (s, all)
}
