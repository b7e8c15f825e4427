//! The trainer's command line where no window can open: it says what to do instead, and a
//! missing or broken session log is named as such — with or without the `gui` feature,
//! with or without a display.

use std::path::Path;
use std::process::{Command, Output};

/// Runs `casework` with no display at all.
fn casework_without_display(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_casework"))
        .args(args)
        .current_dir(dir)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("CASEWORK_DATA", dir.join("data"))
        .output()
        .expect("the casework binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn without_a_display_the_trainer_points_to_casework_play() {
    let dir = tempfile::tempdir().expect("temp folder");
    for lang in ["en", "uk"] {
        let out = casework_without_display(&["--lang", lang], dir.path());
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{lang}: {err}");
        assert!(err.contains("casework play"), "{lang}: {err}");
        assert!(!err.contains("panicked"), "{lang}: {err}");
    }
    assert!(
        !dir.path().join("data").exists(),
        "nothing is saved when no window opens"
    );
}

#[test]
fn opening_a_missing_log_names_the_file() {
    let dir = tempfile::tempdir().expect("temp folder");
    let out = casework_without_display(&["--lang", "en", "open", "gone.json"], dir.path());
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("gone.json"), "{err}");
    assert!(err.contains("cannot open the file"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn opening_a_broken_log_says_it_is_not_a_session_log() {
    let dir = tempfile::tempdir().expect("temp folder");
    // A session file cut short, as a full disk could leave one copied by hand.
    std::fs::write(
        dir.path().join("cut.json"),
        "{\"format\": 1, \"scenario\": \"idp-fam",
    )
    .expect("write the broken log");
    let out = casework_without_display(&["--lang", "en", "open", "cut.json"], dir.path());
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("cut.json"), "{err}");
    assert!(err.contains("not a Casework session log"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
