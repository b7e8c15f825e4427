//! Every scripted path of every case, scored against every rubric of the case (formative
//! and exam), pinned in `tests/paths/scores.tsv`: total, pass or fail, finished, and the
//! critical rules broken. Any change in a score fails with the rows that differ.
//!
//! After a deliberate change to a case, a rubric or the scoring, regenerate the table with
//! `CASEWORK_BLESS=1 cargo test --test exam_rubrics` and review its diff.

mod common;

use std::fs;

use casework::bank::Bank;
use casework::choices;
use casework::engine::{Case, Session};
use casework::rubric::RubricKind;
use casework::score;
use common::*;

const PATHS: [&str; 4] = ["good", "mediocre", "poor", "critical"];
const HEADER: &str = "case\tpath\trubric\tkind\ttotal\tpassed\tfinished\tcritical_failures";

/// One row per (case, path, rubric), in bank order.
fn score_table() -> Vec<String> {
    let bank = Bank::embedded();
    let mut rows = Vec::new();
    for entry in &bank.scenarios {
        let id = &entry.doc.id;
        let case = Case::new(entry.doc.clone(), entry.hash.clone());
        let rubrics = bank.rubrics_of(id);
        for name in PATHS {
            let path = root()
                .join("tests/paths")
                .join(id)
                .join(format!("{name}.choices"));
            let text =
                fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let script = choices::parse(&path.display().to_string(), &text)
                .unwrap_or_else(|d| panic!("{d}"));
            let seed = script.seed.expect("a path names its seed");
            let mut session = Session::new(case.clone(), seed, "en");
            for (line, action) in script.steps {
                if let Err(r) = session.apply(action.clone()) {
                    panic!("{}:{line}: `{action}` refused: {r}", path.display());
                }
            }
            // Scored as `casework score` does: from the log, replayed.
            let log = serde_json::from_str(&session.log().to_json()).expect("log reads back");
            let replayed = Session::replay(case.clone(), &log).expect("the path replays");
            for r in &rubrics {
                let report = score::score(&replayed, &r.doc);
                let kind = match r.doc.kind {
                    RubricKind::Formative => "formative",
                    RubricKind::Exam => "exam",
                };
                let critical = if report.critical_failures.is_empty() {
                    "-".to_string()
                } else {
                    report.critical_failures.join(",")
                };
                rows.push(format!(
                    "{id}\t{name}\t{}\t{kind}\t{:.1}\t{}\t{}\t{critical}",
                    r.doc.id, report.total, report.passed, report.finished
                ));
            }
        }
    }
    rows
}

/// The rows of `expected` and `actual` that differ, as a readable diff.
fn diff(expected: &[&str], actual: &[String]) -> String {
    let key = |row: &str| row.split('\t').take(3).collect::<Vec<_>>().join("/");
    let mut out = Vec::new();
    for row in actual {
        match expected.iter().find(|e| key(e) == key(row)) {
            Some(e) if *e == row => {}
            Some(e) => out.push(format!(
                "  {}\n    pinned: {e}\n    now:    {row}",
                key(row)
            )),
            None => out.push(format!("  new row:     {row}")),
        }
    }
    for e in expected {
        if !actual.iter().any(|row| key(row) == key(e)) {
            out.push(format!("  row gone:    {e}"));
        }
    }
    out.join("\n")
}

#[test]
fn every_path_scores_as_pinned_against_every_rubric() {
    let pinned_path = root().join("tests/paths/scores.tsv");
    let rows = score_table();
    let exams = rows.iter().filter(|r| r.contains("\texam\t")).count();
    assert_eq!(exams, 16, "four paths of each of the four exam rubrics");
    if std::env::var_os("CASEWORK_BLESS").is_some_and(|v| v == "1") {
        let mut text = format!("{HEADER}\n");
        for row in &rows {
            text.push_str(row);
            text.push('\n');
        }
        fs::write(&pinned_path, text).expect("write the pinned scores");
        return;
    }
    let pinned = fs::read_to_string(&pinned_path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; write it with CASEWORK_BLESS=1 cargo test --test exam_rubrics",
            pinned_path.display()
        )
    });
    let mut lines = pinned.lines();
    assert_eq!(lines.next(), Some(HEADER), "the table's header");
    let expected: Vec<&str> = lines.filter(|l| !l.trim().is_empty()).collect();
    let d = diff(&expected, &rows);
    assert!(
        d.is_empty() && expected.len() == rows.len(),
        "scores differ from {} (case/path/rubric):\n{d}\n\
         if the change is meant, run CASEWORK_BLESS=1 cargo test --test exam_rubrics and review the diff",
        pinned_path.display()
    );
}
