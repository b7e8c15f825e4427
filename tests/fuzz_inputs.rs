//! Random damage to every kind of input, run in-process through everything that reads it:
//! scenarios and rubrics through the bank loader, `check` and (when they still parse) a
//! random session of the engine and the scorer; choices files through their parser and a
//! session; logs through the loader, the replay and the scorer. Nothing may panic, and every
//! diagnostic must point inside its file.
//!
//! The damage is seeded, so a failure names the seed and the iteration that reproduce it.
//! `CASEWORK_FUZZ_ITERATIONS=N` (default 40 per bank file) runs a longer campaign; the
//! figures of the long runs are in docs/reliability.md.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;

use casework::bank::{Bank, RawFile};
use casework::choices;
use casework::engine::{Action, Case, Session, SessionLog};
use casework::score;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Characters that have broken text handling before: line and paragraph separators, a BOM,
/// a combining mark, a character outside the BMP, an escape RON reads.
const SPECIAL: &[&str] = &[
    "\u{2028}",
    "\u{2029}",
    "\u{feff}",
    "\u{301}",
    "𝄞",
    "\\u{62}",
    "\r\n",
    "\"",
    "(",
    ")",
    "[",
    "]",
    ",",
    "//",
    "/*",
    "r#\"",
    "#",
    "-1",
    "4294967296",
    "1e999",
    "Some(",
    "None",
];

fn iterations() -> usize {
    std::env::var("CASEWORK_FUZZ_ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40)
}

/// One random change: bytes flipped, cut, doubled, a special string inserted, or a piece of
/// the file copied over another place (which keeps most of the syntax, so the damage often
/// gets past the parser and reaches the analysis and the engine).
fn damage(original: &[u8], rng: &mut ChaCha8Rng) -> Vec<u8> {
    let mut b = original.to_vec();
    let rounds = rng.random_range(1..=3);
    for _ in 0..rounds {
        if b.is_empty() {
            b.push(b'(');
        }
        let i = rng.random_range(0..b.len());
        match rng.random_range(0..7) {
            0 => b[i] = rng.random(),
            1 => {
                let end = (i + rng.random_range(1..64)).min(b.len());
                b.drain(i..end);
            }
            2 => b.truncate(i),
            3 => {
                let s = SPECIAL[rng.random_range(0..SPECIAL.len())];
                b.splice(i..i, s.bytes());
            }
            4 | 5 => {
                // A piece of the file pasted elsewhere: ids, numbers and whole items move.
                let from = rng.random_range(0..b.len());
                let len = rng.random_range(1..200).min(b.len() - from);
                let piece = b[from..from + len].to_vec();
                if rng.random_bool(0.5) {
                    let end = (i + len).min(b.len());
                    b.splice(i..end, piece);
                } else {
                    b.splice(i..i, piece);
                }
            }
            _ => {
                // A digit replaced by a large or negative number.
                if let Some(p) = b[i..].iter().position(u8::is_ascii_digit) {
                    let n = ["0", "999999", "-5", "65536", "18446744073709551615"]
                        [rng.random_range(0..5)];
                    b.splice(i + p..i + p + 1, n.bytes());
                }
            }
        }
    }
    b
}

/// Every diagnostic lies inside the text it points at.
fn assert_inside(diags: &[casework::diagnostic::Diagnostic], what: &str) {
    for d in diags {
        assert!(d.line >= 1 && d.column >= 1, "{what}: {d}");
    }
}

/// A random session of up to 60 steps: open decisions, and plan edits with the scenario's
/// own ids. Returns the session for scoring.
fn random_session(case: &Arc<Case>, rng: &mut ChaCha8Rng) -> Session {
    let mut s = Session::new(case.clone(), rng.random(), "en");
    for _ in 0..60 {
        if s.ended() {
            break;
        }
        let open: Vec<String> = s.open_decisions().iter().map(|d| d.id.clone()).collect();
        let sc = s.scenario();
        let action = if !open.is_empty() && rng.random_bool(0.85) {
            Action::decide(open[rng.random_range(0..open.len())].clone())
        } else if let (Some(need), Some(service)) = (sc.needs.first(), sc.services.first()) {
            Action::Plan {
                need: need.id.clone(),
                goal: need.goals.first().map(|g| g.id.clone()).unwrap_or_default(),
                service: service.id.clone(),
                deadline_week: rng.random_range(0..sc.weeks + 3),
            }
        } else {
            break;
        };
        let _ = s.apply(action);
    }
    s
}

/// The files of one bank case, as the loader gets them.
fn case_files(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("bank case folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("bank file"))
        })
        .collect();
    files.sort();
    files
}

/// Loads a case with one file damaged, checks it, and plays and scores it if it still reads.
fn exercise_case(
    files: &[(String, Vec<u8>)],
    damaged: usize,
    bytes: Vec<u8>,
    rng: &mut ChaCha8Rng,
) -> bool {
    let raw = files
        .iter()
        .enumerate()
        .map(|(i, (name, b))| RawFile {
            shown: name.clone(),
            rel: format!("case/{name}"),
            bytes: Ok(if i == damaged {
                bytes.clone()
            } else {
                b.clone()
            }),
        })
        .collect();
    let bank = Bank::from_files(raw);
    assert_inside(&bank.diagnostics, "loading");
    let diags = casework::check::check_bank(&bank);
    assert_inside(&diags, "check");
    let Some(entry) = bank.scenarios.first() else {
        return false;
    };
    let case = Case::new(entry.doc.clone(), entry.hash.clone());
    let session = random_session(&case, rng);
    for r in &bank.rubrics {
        let report = score::score(&session, &r.doc);
        assert!(
            (0.0..=100.0).contains(&report.total),
            "total {}",
            report.total
        );
    }
    true
}

#[test]
fn damaged_scenarios_and_rubrics_never_panic_anything_that_reads_them() {
    let root = common::root().join("scenarios");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let (mut runs, mut parsed) = (0usize, 0usize);
    for (case_no, dir) in dirs.iter().enumerate() {
        let files = case_files(dir);
        for (file_no, (name, original)) in files.iter().enumerate() {
            for it in 0..iterations() {
                let seed = (case_no * 1000 + file_no) as u64 * 1_000_003 + it as u64;
                let mut rng = ChaCha8Rng::seed_from_u64(seed);
                let bytes = damage(original, &mut rng);
                let outcome = catch_unwind(AssertUnwindSafe(|| {
                    exercise_case(&files, file_no, bytes.clone(), &mut rng)
                }));
                match outcome {
                    Ok(p) => parsed += usize::from(p),
                    Err(_) => {
                        let out = std::env::temp_dir().join(format!("casework-fuzz-{seed}.ron"));
                        let _ = std::fs::write(&out, &bytes);
                        panic!(
                            "{}/{name}, seed {seed}: panicked; the damaged file is in {}",
                            dir.display(),
                            out.display()
                        );
                    }
                }
                runs += 1;
            }
        }
    }
    eprintln!("{runs} damaged bank files, {parsed} still loaded as a case and were played");
    assert!(runs > 0);
}

/// A played log of the mini case, as JSON.
fn good_log() -> (Arc<Case>, casework::rubric::Rubric, String) {
    let case = common::mini_case();
    let script = format!(
        "# seed: 1\n{}accompany\nto-exit\nclose\n",
        common::TO_IMPLEMENTATION
    );
    let session = common::play(&case, 1, &script);
    (case, common::mini_rubric(), session.log().to_json())
}

/// Every value of a JSON document, by path, to pick one at random.
fn leaves(v: &serde_json::Value, path: Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(path.clone());
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                let mut p = path.clone();
                p.push(k.clone());
                leaves(x, p, out);
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                let mut p = path.clone();
                p.push(i.to_string());
                leaves(x, p, out);
            }
        }
        _ => {}
    }
}

fn at<'a>(v: &'a mut serde_json::Value, path: &[String]) -> &'a mut serde_json::Value {
    path.iter().fold(v, |v, k| match v {
        serde_json::Value::Array(a) => &mut a[k.parse::<usize>().unwrap()],
        other => &mut other[k.as_str()],
    })
}

/// A log edited as a student might: a value replaced by another value of the log, a number
/// changed, a record removed, doubled or moved.
fn tamper(json: &str, rng: &mut ChaCha8Rng) -> String {
    use serde_json::Value;
    let mut v: Value = serde_json::from_str(json).unwrap();
    for _ in 0..rng.random_range(1..=3) {
        let mut all = Vec::new();
        leaves(&v, Vec::new(), &mut all);
        let target = all[rng.random_range(0..all.len())].clone();
        let donor = all[rng.random_range(0..all.len())].clone();
        let donor_value = at(&mut v, &donor).clone();
        let slot = at(&mut v, &target);
        match rng.random_range(0..4) {
            0 => *slot = donor_value,
            1 => {
                *slot = match slot {
                    Value::Number(_) => {
                        Value::from([-1i64, 0, 1, 7, 1_000_000, i64::MAX][rng.random_range(0..6)])
                    }
                    Value::String(_) => {
                        Value::from(["", "close", "consent", "x"][rng.random_range(0..4)])
                    }
                    _ => Value::Null,
                }
            }
            _ => {
                if let Value::Array(a) = slot
                    && !a.is_empty()
                {
                    let i = rng.random_range(0..a.len());
                    match rng.random_range(0..3) {
                        0 => {
                            a.remove(i);
                        }
                        1 => {
                            let x = a[i].clone();
                            a.insert(rng.random_range(0..=a.len()), x);
                        }
                        _ => {
                            let j = rng.random_range(0..a.len());
                            a.swap(i, j);
                        }
                    }
                }
            }
        }
    }
    v.to_string()
}

#[test]
fn damaged_logs_never_panic_the_replay_or_the_scorer() {
    let (case, rubric, json) = good_log();
    let (mut read, mut replayed) = (0usize, 0usize);
    let n = iterations() * 25;
    for it in 0..n {
        let mut rng = ChaCha8Rng::seed_from_u64(it as u64);
        // Half byte damage, half a tampered log that is still well-formed JSON: what a
        // student editing a log by hand would make.
        let bytes = if it % 2 == 0 {
            damage(json.as_bytes(), &mut rng)
        } else {
            tamper(&json, &mut rng).into_bytes()
        };
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let Ok(text) = std::str::from_utf8(&bytes) else {
                return (false, false);
            };
            let Ok(log) = serde_json::from_str::<SessionLog>(text) else {
                return (false, false);
            };
            match Session::replay(case.clone(), &log) {
                Ok(s) => {
                    // Replay accepts only what the engine itself would have written.
                    let mut rewritten = s.log().clone();
                    rewritten.meta = log.meta.clone();
                    assert_eq!(rewritten, log, "a tampered log replayed as something else");
                    let report = score::score(&s, &rubric);
                    assert!(!report.passed || report.finished);
                    (true, true)
                }
                Err(e) => {
                    assert!(!e.to_string().is_empty());
                    (true, false)
                }
            }
        }));
        match outcome {
            Ok((r, p)) => {
                read += usize::from(r);
                replayed += usize::from(p);
            }
            Err(_) => panic!(
                "damaged log, iteration {it}: panicked on {}",
                String::from_utf8_lossy(&bytes)
            ),
        }
    }
    eprintln!("{n} damaged logs: {read} still read as a log, {replayed} replayed and scored");
}

#[test]
fn damaged_choices_files_never_panic_the_parser_or_the_engine() {
    let case = common::mini_case();
    let script = format!(
        "# seed: 1\n{}accompany\nto-exit\nclose\n",
        common::TO_IMPLEMENTATION
    );
    let n = iterations() * 25;
    let mut parsed = 0usize;
    for it in 0..n {
        let mut rng = ChaCha8Rng::seed_from_u64(it as u64);
        let bytes = damage(script.as_bytes(), &mut rng);
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let Ok(text) = std::str::from_utf8(&bytes) else {
                return false;
            };
            match choices::parse("c", text) {
                Ok(c) => {
                    let mut s = Session::new(case.clone(), c.seed.unwrap_or(1), "en");
                    for (_, a) in c.steps {
                        let _ = s.apply(a);
                    }
                    true
                }
                Err(d) => {
                    assert_inside(&[d], "choices");
                    false
                }
            }
        }));
        match outcome {
            Ok(p) => parsed += usize::from(p),
            Err(_) => panic!(
                "damaged choices, iteration {it}: panicked on {:?}",
                String::from_utf8_lossy(&bytes)
            ),
        }
    }
    eprintln!("{n} damaged choices files: {parsed} still parsed and were played");
}
