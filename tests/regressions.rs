//! Tests that catch bugs once planted by hand and missed by every other test (issue 7): an
//! event's `ends_case` ignored, a partly met critical rule no longer failing the attempt,
//! `RespondedTo` judged against the last occurrence of its event instead of the first.
//! Each plays a purpose-built case, `tests/fixtures/regress/`.

mod common;

use std::sync::Arc;

use casework::bank::{Bank, RawFile};
use casework::check;
use casework::engine::{Action, Case, End, Refusal, Session};
use casework::rubric::Rubric;
use casework::score::{self, ScoreReport, Status};
use common::*;

fn regress_bank() -> Bank {
    let bank = Bank::from_dir(&root().join("tests/fixtures/regress")).expect("fixture folder");
    let diags = check::check_bank(&bank);
    assert!(diags.is_empty(), "the fixture passes check: {diags:?}");
    bank
}

fn regress() -> (Arc<Case>, Rubric) {
    let bank = regress_bank();
    let e = bank.scenario("regress").expect("regress scenario").clone();
    (Case::new(e.doc, e.hash), bank.rubrics[0].doc.clone())
}

fn rule<'a>(report: &'a ScoreReport, id: &str) -> &'a casework::score::RuleResult {
    report
        .criteria
        .iter()
        .flat_map(|c| &c.rules)
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no rule `{id}`"))
}

/// Scored as `casework score` does: from the log, replayed.
fn score_replayed(case: &Arc<Case>, s: &Session, rubric: &Rubric) -> ScoreReport {
    let log = serde_json::from_str(&s.log().to_json()).expect("log reads back");
    let replayed = Session::replay(case.clone(), &log).expect("log replays");
    score::score(&replayed, rubric)
}

#[test]
fn an_event_that_ends_the_case_ends_it() {
    let (case, rubric) = regress();
    let mut s = play(&case, 1, "start\nask-a\n");
    let outcome = s.apply(Action::decide("offend")).expect("offend is open");
    assert_eq!(outcome.events, vec!["withdraws".to_string()]);
    let ended_by = Some(End::EndedByEvent {
        event: "withdraws".into(),
    });
    assert_eq!(outcome.end, ended_by, "the step reports the end");
    assert_eq!(s.state().end, ended_by);
    assert_eq!(s.log().end, ended_by, "the log records the end");
    assert!(s.ended());
    assert!(s.open_decisions().is_empty());
    assert_eq!(
        s.apply(Action::decide("to-plan")).unwrap_err(),
        Refusal::CaseEnded,
        "nothing is accepted after the event"
    );
    let report = score_replayed(&case, &s, &rubric);
    assert!(report.finished, "the replayed session is finished");
    assert_eq!(report.end, ended_by);
    assert_eq!(rule(&report, "closed").status, Status::Missed);
}

/// Up to monitoring with both facts known, or only the first.
fn to_monitoring(both_facts: bool) -> &'static str {
    if both_facts {
        "start\nask-a\nask-b\nto-plan\nagree\nact\n"
    } else {
        "start\nask-a\nto-plan\nagree\nact\n"
    }
}

#[test]
fn a_critical_rule_partly_met_fails_the_attempt() {
    let (case, rubric) = regress();
    let partial = play(
        &case,
        1,
        &format!("{}to-exit\nclose\n", to_monitoring(false)),
    );
    let report = score_replayed(&case, &partial, &rubric);
    let both = rule(&report, "both-facts");
    assert_eq!(both.status, Status::Partial);
    assert_eq!(both.points, 1.0);
    assert!(
        report.total >= f64::from(report.pass_mark),
        "the total {} alone would pass",
        report.total
    );
    assert_eq!(report.critical_failures, vec!["both-facts".to_string()]);
    assert!(
        !report.passed,
        "a critical rule partly met fails: {report:?}"
    );

    // The same path with both facts passes: the partial rule was the only reason.
    let full = play(
        &case,
        1,
        &format!("{}to-exit\nclose\n", to_monitoring(true)),
    );
    let report = score_replayed(&case, &full, &rubric);
    assert_eq!(rule(&report, "both-facts").status, Status::Met);
    assert!(report.critical_failures.is_empty());
    assert!(report.passed);
}

#[test]
fn responded_to_is_judged_against_the_first_occurrence_of_its_event() {
    let (case, rubric) = regress();
    // The first alarm goes unanswered, the second is answered at once.
    let late = play(
        &case,
        1,
        &format!(
            "{}ring\nwait\nring\nanswer\nto-exit\nclose\n",
            to_monitoring(true)
        ),
    );
    let alarms = late
        .log()
        .records
        .iter()
        .filter(|r| matches!(r, casework::engine::Record::Event { event, .. } if event == "alarm"))
        .count();
    assert_eq!(alarms, 2, "the alarm happened twice");
    let report = score_replayed(&case, &late, &rubric);
    assert_eq!(
        rule(&report, "answered").status,
        Status::Missed,
        "the first alarm was not answered within one decision"
    );

    // The first alarm answered at once, the second not: met.
    let early = play(
        &case,
        1,
        &format!(
            "{}ring\nanswer\nring\nwait\nto-exit\nclose\n",
            to_monitoring(true)
        ),
    );
    let report = score_replayed(&case, &early, &rubric);
    let answered = rule(&report, "answered");
    assert_eq!(answered.status, Status::Met);
    // The evidence is the first alarm and the answer to it.
    let steps: Vec<(u32, bool)> = answered
        .evidence
        .iter()
        .map(|e| (e.step, e.event))
        .collect();
    assert_eq!(steps, vec![(7, true), (8, false)]);
}

/// A bug `tests/properties.rs` found: `check` bounds a variable as if a decision that is not
/// `repeatable` applied its effects once, but it is taken again at each of its stages and on
/// each new visit to them. Here `wait` (+3 mood, open at monitoring and exit) is taken twice
/// and mood reaches 6, yet `check` says `FinalAtLeast("mood", 6)` can never be met. In the
/// bank, care-leaver-independence's `brother-promise` (ServicePlan and Implementation,
/// −2 sibling each time) takes `sibling` from 4 to 0, which `check` thinks impossible.
#[test]
fn check_bounds_a_variable_by_a_decision_taken_at_two_stages() {
    let dir = root().join("tests/fixtures/regress");
    let scenario = std::fs::read_to_string(dir.join("scenario.ron"))
        .expect("fixture")
        .replace(
            "variables: [",
            r#"variables: [ (id: "mood", label: {"en": "Mood"}, min: 0, max: 10, initial: 0),"#,
        )
        .replace(
            r#"(id: "wait", stage: Monitoring, repeatable: true,"#,
            r#"(id: "wait", stage: Monitoring, also_at: [Exit], effects: [Add("mood", 3)],"#,
        );
    let rubric = std::fs::read_to_string(dir.join("rubric.ron"))
        .expect("fixture")
        .replace(
            r#"check: Taken(["start"])"#,
            r#"check: FinalAtLeast("mood", 6)"#,
        );
    let raw = |rel: &str, text: String| RawFile {
        shown: rel.to_string(),
        rel: rel.to_string(),
        bytes: Ok(text.into_bytes()),
    };
    let bank = Bank::from_files(vec![
        raw("scenario.ron", scenario),
        raw("rubric.ron", rubric),
    ]);
    let e = bank.scenario("regress").expect("scenario parses").clone();
    let case = Case::new(e.doc, e.hash);
    let s = play(
        &case,
        1,
        &format!("{}wait\nto-exit\nwait\n", to_monitoring(true)),
    );
    assert_eq!(s.value("mood"), Some(6), "the engine reaches 6");
    let never: Vec<String> = check::check_bank(&bank)
        .into_iter()
        .filter(|d| d.message.contains("never"))
        .map(|d| d.to_string())
        .collect();
    assert!(never.is_empty(), "{}", never.join("\n"));
}
