//! How `casework check`'s messages read: whole spans underlined, both places of a
//! duplicate, "did you mean" for fields and enum variants, causes before their
//! consequences, unclosed strings, and rubrics whose scenario failed to load.

mod common;

use std::fs;

use casework::bank::Bank;
use casework::check;
use casework::diagnostic::Diagnostic;
use common::*;

/// The mini fixture, edited, written to a fresh folder and checked as a bank.
fn check_edited(
    edit_scenario: impl Fn(String) -> String,
    edit_rubric: impl Fn(String) -> String,
) -> Vec<Diagnostic> {
    let read = |name| fs::read_to_string(fixture_dir().join(name)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("scenario.ron"),
        edit_scenario(read("scenario.ron")),
    )
    .unwrap();
    fs::write(
        dir.path().join("rubric.ron"),
        edit_rubric(read("rubric.ron")),
    )
    .unwrap();
    let bank = Bank::from_dir(dir.path()).unwrap();
    check::check_bank(&bank)
}

fn scenario_edit(from: &'static str, to: &'static str) -> Vec<Diagnostic> {
    check_edited(
        |s| {
            assert!(s.contains(from), "scenario lacks {from:?}");
            s.replacen(from, to, 1)
        },
        |r| r,
    )
}

fn one<'a>(diags: &'a [Diagnostic], starts: &str) -> &'a Diagnostic {
    diags
        .iter()
        .find(|d| d.message.starts_with(starts))
        .unwrap_or_else(|| panic!("no diagnostic starting {starts:?} in {diags:#?}"))
}

#[test]
fn the_whole_id_is_underlined() {
    let diags = scenario_edit("Taken(\"interview\")", "Taken(\"intervew\")");
    let d = one(&diags, "decision `home-visit` names decision `intervew`");
    let shown = d.to_string();
    // `"intervew"` is 10 characters: all of them underlined, not one caret.
    assert!(shown.contains(&"^".repeat(10)), "{shown}");
    assert!(!shown.contains(&"^".repeat(11)), "{shown}");
    assert_eq!((d.end_line, d.end_column), (d.line, d.column + 10), "{d:?}");
}

#[test]
fn a_duplicate_shows_both_places() {
    let diags = scenario_edit("(id: \"send-link\"", "(id: \"accompany\"");
    let d = one(&diags, "decision id `accompany` is declared twice");
    assert_eq!(d.related().len(), 1, "{d:?}");
    let first = &d.related()[0];
    assert_eq!(first.message, "first declared here");
    assert!(first.line < d.line, "{d:?}");
    let shown = d.to_string();
    assert!(shown.contains("first declared here"), "{shown}");
    assert!(shown.contains(&format!("{} |", first.line)), "{shown}");
    assert!(shown.contains(&format!("{} |", d.line)), "{shown}");
    let json = serde_json::to_value(d).unwrap();
    assert_eq!(json["related"][0]["line"], first.line);
}

/// The one diagnostic of a scenario that does not parse.
fn parse_error(from: &'static str, to: &'static str) -> Diagnostic {
    let diags = scenario_edit(from, to);
    diags
        .into_iter()
        .find(|d| d.path.ends_with("scenario.ron"))
        .expect("a diagnostic of the scenario")
}

#[test]
fn a_misspelt_field_gets_a_did_you_mean() {
    let d = parse_error(
        "requires: [Taken(\"interview\")]",
        "requries: [Taken(\"interview\")]",
    );
    let help = d.help.clone().unwrap_or_default();
    assert!(help.starts_with("did you mean `requires`?"), "{d}");
    assert!(d.to_string().contains("^^^^^^^^"), "{d}");
}

#[test]
fn a_misspelt_enum_variant_gets_a_did_you_mean() {
    let d = parse_error(
        "(id: \"interview\", stage: Assessment",
        "(id: \"interview\", stage: Assesment",
    );
    let help = d.help.clone().unwrap_or_default();
    assert!(help.starts_with("did you mean `Assessment`?"), "{d}");
}

#[test]
fn an_unclosed_text_is_shown_at_its_opening_quote() {
    let d = parse_error("\"Hold an interview\"}", "\"Hold an interview}");
    assert_eq!(
        d.message, "this text is not closed: a `\"` is missing",
        "{d}"
    );
    let text = fs::read_to_string(fixture_dir().join("scenario.ron")).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("Hold an interview"))
        .unwrap()
        + 1;
    let shown = text.lines().nth(line - 1).unwrap();
    let column = shown[..shown.find("\"Hold").unwrap()].chars().count() + 1;
    assert_eq!((d.line, d.column), (line, column), "{d}");
}

#[test]
fn a_rubric_whose_scenario_failed_to_parse_says_so() {
    let diags = scenario_edit(
        "requires: [Taken(\"interview\")]",
        "requries: [Taken(\"interview\")]",
    );
    assert!(
        !diags.iter().any(|d| d.message.contains("not in the bank")),
        "{diags:#?}"
    );
    let d = one(
        &diags,
        "rubric not checked: its scenario `mini-pension` is probably",
    );
    assert!(d.path.ends_with("rubric.ron"), "{d}");
    assert!(d.related()[0].path.ends_with("scenario.ron"), "{d}");
    assert!(
        d.related()[0].message.starts_with("failed to load here"),
        "{d}"
    );
    // The cause, the scenario's own error, comes first.
    let cause = diags
        .iter()
        .position(|x| x.path.ends_with("scenario.ron"))
        .unwrap();
    let consequence = diags.iter().position(|x| x == d).unwrap();
    assert!(cause < consequence, "{diags:#?}");
}

#[test]
fn a_missing_next_is_reported_once_as_its_cause() {
    // Implementation leads nowhere: monitoring, plan revision and exit are never reached.
    let diags = check_edited(|s| s.replace("days: 7, next: Monitoring", "days: 7"), |r| r);
    let scenario: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.path.ends_with("scenario.ron"))
        .collect();
    let stranded = scenario
        .iter()
        .filter(|d| {
            d.message
                .contains("can never be taken: the case never reaches")
        })
        .count();
    assert_eq!(stranded, 0, "{scenario:#?}");
    let unreached = scenario
        .iter()
        .filter(|d| d.message.starts_with("the case never reaches"))
        .count();
    assert_eq!(unreached, 1, "{scenario:#?}");
    assert!(scenario.len() <= 3, "{scenario:#?}");
}

#[test]
fn an_unknown_id_is_not_followed_by_what_it_blocks() {
    let diags = scenario_edit("Taken(\"interview\")", "Taken(\"intervew\")");
    assert!(
        !diags.iter().any(|d| d
            .message
            .starts_with("decision `home-visit` can never be taken")),
        "{diags:#?}"
    );
}

/// Issue 8: ids of different kinds may be equal; a diagnostic about need `income` points at
/// the need's declaration in `needs:`, not at the variable `income` declared earlier.
#[test]
fn a_diagnostic_about_a_need_points_at_the_need_not_at_a_variable_of_the_same_id() {
    let diags = check_edited(
        |s| {
            s.replace("\"pension\"", "\"income\"")
                .replace("evidence: [\"why-address\"]", "evidence: []")
        },
        |r| r,
    );
    let d = one(&diags, "need `income` has no evidence facts");
    let text = fs::read_to_string(fixture_dir().join("scenario.ron")).unwrap();
    let need_line = text
        .lines()
        .position(|l| l.contains("id: \"pension\""))
        .unwrap()
        + 1;
    let variable_line = text
        .lines()
        .position(|l| l.contains("id: \"income\""))
        .unwrap()
        + 1;
    assert!(variable_line < need_line);
    assert_eq!(d.line, need_line, "{d:?}");
}

/// Issue 8: a decision that needs another taken first, which is open only at later stages
/// the case never comes back from, can never be taken; a critical rule needing it says so.
#[test]
fn a_critical_rule_needing_a_decision_out_of_order_can_never_be_met() {
    let diags = check_edited(
        |s| {
            s.replace(
                "requires: [Taken(\"interview\")]",
                "requires: [Taken(\"close\")]",
            )
            .replace("return_to: Assessment,", "")
        },
        |r| {
            r.replace(
                "Taken([\"accompany\"]), points: 2,",
                "Taken([\"home-visit\"]), points: 2, critical: true,",
            )
        },
    );
    one(
        &diags,
        "decision `home-visit` can never be taken: it needs `close` taken first",
    );
    one(&diags, "critical rule `accompanied` can never be met");
}
