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
