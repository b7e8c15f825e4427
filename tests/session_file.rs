//! Session log files: the trainer's metadata, atomic saving, and safe loading.

mod common;

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use casework::engine::{
    Session, SessionLog, SessionMeta, StepMeta, TrainingMode, load_log, save_log,
};
use common::*;

fn meta() -> SessionMeta {
    SessionMeta {
        trainer_version: "0.1.0".into(),
        mode: TrainingMode::SelfTest,
        rubric: Some("mini-pension-formative".into()),
        started_at: 1_700_000_000,
        saved_at: 1_700_000_600,
        steps: vec![
            StepMeta {
                step: 1,
                rationale: "Consent comes before any questions.".into(),
                at: 1_700_000_060,
            },
            StepMeta {
                step: 2,
                rationale: String::new(),
                at: 1_700_000_120,
            },
        ],
    }
}

fn played() -> Session {
    play(&mini_case(), 1, "consent\ninterview\n")
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_saved_log_loads_back_with_its_metadata() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("session.json");
    let log = played().log_with(meta());
    save_log(&path, &log).expect("save");
    assert_eq!(load_log(&path).expect("load"), log);
    let json = std::fs::read_to_string(&path).expect("read");
    assert!(json.contains("\"mode\": \"self_test\""), "{json}");
    assert_eq!(
        json.matches("rationale").count(),
        1,
        "an empty rationale is left out"
    );
    assert_eq!(
        files_in(dir.path()),
        ["session.json"],
        "no temporary file is left"
    );
}

#[test]
fn replay_ignores_the_metadata() {
    let case = mini_case();
    let s = played();
    let with = Session::replay(case.clone(), &s.log_with(meta())).expect("replays with meta");
    let without = Session::replay(case, s.log()).expect("replays without");
    assert_eq!(with.state(), without.state());
    assert_eq!(with.log().records, without.log().records);
    assert_eq!(
        s.log().meta,
        None,
        "log_with leaves the session's own log alone"
    );
}

#[test]
fn a_log_written_before_metadata_existed_still_loads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("old.json");
    let old = played().log().to_json();
    assert!(!old.contains("meta"));
    std::fs::write(&path, &old).expect("write");
    let log = load_log(&path).expect("an old log loads");
    assert_eq!(log.meta, None);
    // Unknown fields are still refused, with their place.
    let bad = old.replacen("\"seed\"", "\"colour\": 1,\n  \"seed\"", 1);
    std::fs::write(&path, bad).expect("write");
    let d = load_log(&path).unwrap_err();
    assert!(d.message.contains("colour"), "{}", d.message);
    assert_eq!(d.line, 6);
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bom.json");
    let log: SessionLog = played().log_with(meta());
    std::fs::write(&path, format!("\u{feff}{}", log.to_json())).expect("write");
    assert_eq!(load_log(&path).expect("loads"), log);
}

#[test]
fn a_failed_save_leaves_the_old_file_intact() {
    // Renaming over a folder fails for every user, root included.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("session.json");
    std::fs::create_dir(&path).expect("make a folder where the log goes");
    std::fs::write(path.join("keep"), "x").expect("write");
    let err = save_log(&path, played().log()).unwrap_err();
    assert!(err.to_string().contains("session.json"), "{err}");
    assert_eq!(
        std::fs::read_to_string(path.join("keep")).expect("kept"),
        "x"
    );
    assert_eq!(
        files_in(dir.path()),
        ["session.json"],
        "the temporary file is removed"
    );
}

#[cfg(unix)]
#[test]
fn a_save_into_a_read_only_folder_fails_and_leaves_the_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("session.json");
    let first = played();
    save_log(&path, first.log()).expect("first save");
    let before = std::fs::read_to_string(&path).expect("read");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).expect("chmod");
    // Root may write into a read-only folder: then the permissions cannot make it fail.
    let probe = dir.path().join("probe");
    let writable = std::fs::write(&probe, "").is_ok();
    let result = save_log(&path, &first.log_with(meta()));
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    if writable {
        eprintln!("skipped: this user can write into read-only folders");
        return;
    }
    let err = result.unwrap_err();
    assert!(err.to_string().contains("session.json"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), before);
}

#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("pipe.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    let (tx, rx) = mpsc::channel();
    let path = fifo.clone();
    std::thread::spawn(move || {
        let _ = tx.send(load_log(&path));
    });
    // Opening a pipe for reading blocks until a writer comes: if load_log opened it, no
    // answer would come.
    let answer = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("load_log answers without blocking on the pipe");
    let d = answer.unwrap_err();
    assert!(d.message.contains("not a regular file"), "{}", d.message);
}

#[test]
fn a_folder_is_refused_as_a_log() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = load_log(dir.path()).unwrap_err();
    assert!(d.message.contains("not a regular file"), "{}", d.message);
}
