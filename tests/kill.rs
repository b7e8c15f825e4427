//! A student's decisions survive the trainer being killed: the scripted trainer is killed
//! (SIGKILL) at random points of a case — right after it starts, right after a session
//! starts, right after a confirmed step and between steps — and restarted on the same data
//! folder each time. Every restart must resume at or past the last confirmed step, and the
//! one session file left must replay to exactly the choices file.
//!
//! Runs only with CASEWORK_WINDOW_TESTS=1 and an X server on DISPLAY (CI starts Xvfb).

mod trainer_run;

use std::path::Path;
use std::time::Duration;

use casework::bank::Bank;
use casework::engine::{Action, Case, Session, load_log};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use trainer_run::*;

const CASE: &str = "unemployed-job-centre";
/// Fixed, so that a failure can be replayed kill for kill.
const SEED: u64 = 0xCA5E_0C1D;

/// When to kill one run.
#[derive(Debug, Clone, Copy)]
enum Kill {
    /// As soon as the process exists, before any window or session.
    AtSpawn,
    /// Right after the run says it started (or resumed) a session, before any new step.
    AfterStart,
    /// After a random number of new confirmed steps, then a pause (milliseconds) that lands
    /// between steps or inside the next one (0: right after the confirmed line).
    AfterSteps { pause: u64 },
}

/// What one run saw before it was killed.
#[derive(Debug, Default)]
struct Seen {
    /// A session was started or resumed, so a file exists for the next run to resume.
    session: bool,
    /// The highest step confirmed so far, over all runs.
    confirmed: usize,
}

/// Reads a run's first lines up to the session it opens: checks a resume against what was
/// confirmed before; returns the step it starts from.
fn opening(run: &Running, seen: &mut Seen, lost: &mut usize) -> usize {
    loop {
        let line = run.next_line().expect("the trainer opens a session");
        if let Some(k) = resumed_at(&line) {
            assert!(seen.session, "resumed a session no run had started: {line}");
            *lost += seen.confirmed.saturating_sub(k);
            eprintln!(
                "  {line} (last confirmed before the kill: {})",
                seen.confirmed
            );
            return k;
        }
        if line.starts_with("started ") {
            if seen.session {
                // The session of an earlier run was not found: everything in it is lost.
                *lost += seen.confirmed.max(1);
                eprintln!("  a new session instead of the saved one: {line}");
            }
            seen.session = true;
            return 0;
        }
        assert!(
            line.starts_with("screenshot") || line.is_empty(),
            "unexpected line before the session opens: {line}"
        );
    }
}

/// Reads confirmed lines up to `steps` new ones (None: to the end); checks they follow on.
fn follow(run: &Running, from: usize, steps: Option<usize>, seen: &mut Seen) -> Vec<String> {
    let mut next = from + 1;
    let mut rest = Vec::new();
    let mut new = 0;
    while steps.is_none_or(|s| new < s) {
        let Some(line) = run.next_line() else { break };
        if let Some(n) = confirmed_step(&line) {
            assert_eq!(n, next, "confirmed steps follow on: {line}");
            seen.confirmed = seen.confirmed.max(n);
            next += 1;
            new += 1;
        }
        rest.push(line);
    }
    rest
}

fn plan(rng: &mut ChaCha8Rng) -> Vec<Kill> {
    let mut kills = vec![Kill::AtSpawn, Kill::AfterStart];
    for _ in 0..rng.random_range(3..=5) {
        let pause = if rng.random_bool(0.5) {
            0
        } else {
            rng.random_range(10..200)
        };
        kills.push(Kill::AfterSteps { pause });
    }
    kills
}

/// How many new steps to let a run confirm before its kill: random, spread over the case,
/// leaving its last steps to the final run (a case that has ended is shown, not resumed).
fn steps_before_kill(rng: &mut ChaCha8Rng, total: usize, confirmed: usize, left: usize) -> usize {
    let room = total.saturating_sub(confirmed + 8) / (left + 1);
    rng.random_range(1..=room.max(1))
}

fn replays_to(path: &Path, actions: &[Action]) {
    let log = load_log(path).expect("the session file loads");
    assert!(log.end.is_some(), "the session ended");
    let bank = Bank::embedded();
    let entry = bank.scenario(CASE).expect("the case is in the bank");
    let case = Case::new(entry.doc.clone(), entry.hash.clone());
    let session = Session::replay(case, &log).expect("the session file replays");
    let replayed: Vec<&Action> = session.log().actions().collect();
    let wanted: Vec<&Action> = actions.iter().collect();
    assert_eq!(replayed, wanted, "the session holds exactly the choices");
}

#[test]
fn killed_trainer_resumes_without_losing_a_confirmed_decision() {
    if !window_tests_on("killed_trainer_resumes_without_losing_a_confirmed_decision") {
        return;
    }
    let (file, actions) = choices(CASE, "good");
    let data = tempfile::tempdir().expect("data folder");
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let kills = plan(&mut rng);
    let command = || trainer(CASE, &file, data.path(), &["--lang", "en", "--pace", "3"]);
    let (mut seen, mut lost) = (Seen::default(), 0);
    let mut at_steps = Vec::new();
    for (i, kill) in kills.iter().enumerate() {
        let run = Running::spawn(command());
        if let Kill::AtSpawn = kill {
            run.kill();
            eprintln!("killed at spawn");
            continue;
        }
        let from = opening(&run, &mut seen, &mut lost);
        if let Kill::AfterSteps { pause } = *kill {
            let left = kills.len() - i - 1;
            let steps = steps_before_kill(&mut rng, actions.len(), seen.confirmed, left);
            follow(&run, from, Some(steps), &mut seen);
            std::thread::sleep(Duration::from_millis(pause));
            at_steps.push(seen.confirmed);
        }
        run.kill();
        eprintln!(
            "killed {kill:?}, last confirmed step {} of {}",
            seen.confirmed,
            actions.len()
        );
    }
    let run = Running::spawn(command());
    let from = opening(&run, &mut seen, &mut lost);
    let rest = follow(&run, from, None, &mut seen);
    let (code, more, err) = run.finish();
    let printed = [rest, more].concat().join("\n");
    assert_eq!(
        code,
        Some(0),
        "the last run ends\n{printed}\n{}",
        tail(&err)
    );
    assert!(printed.contains("review shown"), "{printed}");
    assert_eq!(seen.confirmed, actions.len(), "every step was confirmed");
    eprintln!(
        "{} kills (at spawn, after the start, after confirmed steps {at_steps:?}), \
         {lost} confirmed decisions lost",
        kills.len()
    );
    assert_eq!(lost, 0, "confirmed decisions lost to kills");

    let files = session_files(data.path());
    assert_eq!(
        files.len(),
        1,
        "one session file, resumed each time: {files:?}"
    );
    replays_to(&files[0], &actions);
}
