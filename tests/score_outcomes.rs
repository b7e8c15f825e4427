//! What a rule's result says, as the student reads it in the report: a rule not decided yet
//! earns nothing, whatever progress it shows; a share of nothing is "missed", not
//! "partly met". (Pinned after cargo-mutants showed that neither was checked.)

mod common;

use casework::score::{self, RuleResult, Status};
use common::*;

fn rule<'a>(report: &'a score::ScoreReport, id: &str) -> &'a RuleResult {
    report
        .criteria
        .iter()
        .flat_map(|c| &c.rules)
        .find(|r| r.id == id)
        .expect("rule in the report")
}

#[test]
fn a_pending_rule_earns_nothing_though_it_shows_its_progress() {
    let case = mini_case();
    // Two of the three key facts known; the case has not reached the service plan.
    let s = play(&case, 1, "consent\ninterview\n");
    let report = score::score(&s, &mini_rubric());
    let r = rule(&report, "key-facts");
    assert_eq!(r.status, Status::Pending);
    assert_eq!(r.points, 0.0, "{r:?}");
    assert!(r.detail.is_some(), "what still falls short is shown: {r:?}");
}

#[test]
fn a_share_of_nothing_is_missed_not_partly_met() {
    let case = mini_case();
    // Straight to planning: not one key fact or W known when the plan begins.
    let s = play(&case, 1, "consent\nto-plan\n");
    let report = score::score(&s, &mini_rubric());
    for id in ["key-facts", "five-w"] {
        let r = rule(&report, id);
        assert_eq!(r.status, Status::Missed, "{r:?}");
        assert_eq!(r.points, 0.0);
    }
}

/// Inside one step, the decision comes first and the facts it reveals after it: "interview
/// before learning why the payments stopped" is met by the interview that revealed it,
/// while "knowing why before the interview" is not.
#[test]
fn a_decision_comes_before_the_facts_it_reveals() {
    let rubric_text = std::fs::read_to_string(fixture_dir().join("rubric.ron"))
        .unwrap()
        .replace(
            "check: FiveWBefore(ServicePlan), points: 5,",
            "check: Before(Decision(\"interview\"), Fact(\"why-address\")), points: 5,",
        )
        .replace(
            "check: KeyFactsBefore(ServicePlan), points: 3,",
            "check: Before(Fact(\"why-address\"), Decision(\"interview\")), points: 3,",
        );
    let rubric = match casework::source::parse_document("r", rubric_text.as_bytes()).unwrap() {
        casework::source::Document::Rubric(r) => *r,
        _ => unreachable!(),
    };
    let s = play(&mini_case(), 1, "consent\ninterview\n");
    let report = score::score(&s, &rubric);
    assert_eq!(rule(&report, "five-w").status, Status::Met);
    assert_eq!(rule(&report, "key-facts").status, Status::Missed);
}
