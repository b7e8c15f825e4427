//! Helpers of the tests that run the trainer in a real window (`window.rs`, `kill.rs`).
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use casework::engine::Action;

/// The variable that turns the window tests on (CI sets it, with an X server on `DISPLAY`).
pub const GATE: &str = "CASEWORK_WINDOW_TESTS";

/// How long to wait for the trainer's next line before calling it stuck: a guard against a
/// hung window, far above the few seconds a step takes under software rendering.
pub const STUCK: Duration = Duration::from_secs(180);

/// Whether the window tests are on; says why they are skipped when not. With the gate on,
/// a missing display is a failure, not a skip.
pub fn window_tests_on(test: &str) -> bool {
    if std::env::var(GATE).as_deref() != Ok("1") {
        eprintln!(
            "{test}: skipped — it opens the trainer's window; set {GATE}=1 with an X server \
             on DISPLAY (e.g. `Xvfb :99 &` and DISPLAY=:99) to run it"
        );
        return false;
    }
    let display = std::env::var("DISPLAY").unwrap_or_default();
    assert!(
        !display.is_empty(),
        "{GATE}=1 but DISPLAY is not set: start an X server (Xvfb :99) and export DISPLAY"
    );
    true
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The choices file of a case's path, and its actions in order.
pub fn choices(case: &str, path: &str) -> (PathBuf, Vec<Action>) {
    let file = root()
        .join("tests/paths")
        .join(case)
        .join(format!("{path}.choices"));
    let text = std::fs::read_to_string(&file).expect("choices file");
    let parsed = casework::choices::parse(&file.display().to_string(), &text).expect("choices");
    (file, parsed.steps.into_iter().map(|(_, a)| a).collect())
}

/// The scripted trainer, ready to spawn, its standard output piped.
pub fn trainer(case: &str, choices: &Path, data: &Path, extra: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_casework"));
    cmd.arg("--data")
        .arg(data)
        .arg("--script")
        .arg(choices)
        .args(["--case", case])
        .args(extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if std::env::var_os("XDG_RUNTIME_DIR").is_none() {
        cmd.env("XDG_RUNTIME_DIR", std::env::temp_dir());
    }
    cmd
}

/// A running trainer and its standard output, line by line.
pub struct Running {
    pub child: Child,
    lines: Receiver<String>,
    stderr: std::thread::JoinHandle<String>,
}

impl Running {
    pub fn spawn(mut cmd: Command) -> Running {
        let mut child = cmd.spawn().expect("the casework binary starts");
        let out = child.stdout.take().expect("piped stdout");
        let err = child.stderr.take().expect("piped stderr");
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut BufReader::new(err), &mut text);
            text
        });
        Running {
            child,
            lines,
            stderr,
        }
    }

    /// The next line, or None once the trainer has closed its output.
    pub fn next_line(&self) -> Option<String> {
        match self.lines.recv_timeout(STUCK) {
            Ok(line) => Some(line),
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => None,
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                panic!("the trainer printed nothing for {STUCK:?}: stuck")
            }
        }
    }

    /// Kills the trainer at once (SIGKILL, as `kill -9`) and waits for it.
    pub fn kill(mut self) {
        self.child.kill().expect("kill the trainer");
        let _ = self.child.wait();
    }

    /// Reads the rest of the output and waits: (exit code, stdout lines, stderr).
    pub fn finish(mut self) -> (Option<i32>, Vec<String>, String) {
        let mut rest = Vec::new();
        while let Some(line) = self.next_line() {
            rest.push(line);
        }
        let status = self.child.wait().expect("wait for the trainer");
        let err = self.stderr.join().unwrap_or_default();
        (status.code(), rest, err)
    }
}

/// The last part of a long text, for failure messages.
pub fn tail(text: &str) -> &str {
    let cut = text.len().saturating_sub(4000);
    let start = (cut..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    &text[start..]
}

/// The step number of a `confirmed step N ACTION (STAGE)` line.
pub fn confirmed_step(line: &str) -> Option<usize> {
    line.strip_prefix("confirmed step ")?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// The step of a `resumed PATH at step K` line.
pub fn resumed_at(line: &str) -> Option<usize> {
    line.strip_prefix("resumed ")?
        .rsplit_once(" at step ")?
        .1
        .trim()
        .parse()
        .ok()
}

/// The session files in a data folder (not the writer's temporary files).
pub fn session_files(data: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(data.join("sessions")) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !n.starts_with('.'))
        })
        .collect();
    files.sort();
    files
}
