//! The scenario bank: every case and rubric passes `casework check` with no warning, and
//! every case's scripted paths score where its rubric says they should.

mod common;

use std::fs;

use casework::bank::Bank;
use casework::check;
use casework::choices;
use casework::engine::{Case, Session};
use casework::rubric::RubricKind;
use casework::score;
use common::*;

fn bank() -> Bank {
    Bank::embedded()
}

#[test]
fn the_bank_passes_check_with_no_warning() {
    let bank = bank();
    let diags = check::check_bank(&bank);
    let shown: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
    assert!(diags.is_empty(), "{}", shown.join("\n\n"));
}

#[test]
fn every_case_is_in_ukrainian_and_english_with_a_formative_rubric() {
    let bank = bank();
    assert!(bank.scenarios.len() >= 2, "the bank needs complete cases");
    for s in &bank.scenarios {
        let langs = &s.doc.languages;
        assert!(
            langs.contains(&"uk".into()) && langs.contains(&"en".into()),
            "{}: {langs:?}",
            s.doc.id
        );
        let rubrics = bank.rubrics_of(&s.doc.id);
        assert!(
            rubrics.iter().any(|r| r.doc.kind == RubricKind::Formative),
            "{} has no formative rubric",
            s.doc.id
        );
    }
}

/// What a scripted path must score.
#[derive(Debug, Clone, Copy)]
enum Band {
    Good,
    Mediocre,
    Poor,
    Critical,
}

const PATHS: [(&str, Band); 4] = [
    ("good", Band::Good),
    ("mediocre", Band::Mediocre),
    ("poor", Band::Poor),
    ("critical", Band::Critical),
];

#[test]
fn scripted_paths_score_in_their_bands() {
    let bank = bank();
    let mut failures = Vec::new();
    for entry in &bank.scenarios {
        let id = &entry.doc.id;
        let dir = root().join("tests/paths").join(id);
        let rubric = &bank
            .rubrics_of(id)
            .into_iter()
            .find(|r| r.doc.kind == RubricKind::Formative)
            .expect("formative rubric")
            .doc;
        let case = Case::new(entry.doc.clone(), entry.hash.clone());
        for (name, band) in PATHS {
            let path = dir.join(format!("{name}.choices"));
            let Ok(text) = fs::read_to_string(&path) else {
                failures.push(format!("{id}: no {name} path at {}", path.display()));
                continue;
            };
            let script = choices::parse(&path.display().to_string(), &text).expect("path parses");
            let seed = script.seed.expect("a path names its seed");
            let mut session = Session::new(case.clone(), seed, "uk");
            let mut refused = None;
            for (line, action) in script.steps {
                if let Err(r) = session.apply(action.clone()) {
                    refused = Some(format!("{id}/{name}:{line}: `{action}` refused: {r}"));
                    break;
                }
            }
            if let Some(r) = refused {
                failures.push(r);
                continue;
            }
            // Scored as `casework score` does: from the log, replayed.
            let log = serde_json::from_str(&session.log().to_json()).unwrap();
            let replayed = Session::replay(case.clone(), &log).expect("the path's log replays");
            let report = score::score(&replayed, rubric);
            let ok = match band {
                Band::Good => report.total >= 80.0 && report.passed,
                Band::Mediocre => (50.0..80.0).contains(&report.total),
                Band::Poor => report.total < 50.0 && !report.passed,
                Band::Critical => !report.passed && !report.critical_failures.is_empty(),
            };
            if !ok {
                failures.push(format!(
                    "{id}/{name}: total {}%, passed {}, critical {:?}",
                    report.total, report.passed, report.critical_failures
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
