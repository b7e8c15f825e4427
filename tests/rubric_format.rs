//! Growth of the rubric format (issue 8): rule titles, `NotHappened`, and checks over
//! groups of decisions, each with its check validation and its scoring, on small
//! purpose-built rubrics of the mini case.

mod common;

use std::fs;

use casework::bank::Bank;
use casework::check;
use casework::diagnostic::{Diagnostic, Severity};
use casework::rubric::Rubric;
use casework::score::{self, RuleResult, Status};
use common::*;

/// The mini bank with its rubric edited by `edit`, checked.
fn checked(edit: impl Fn(String) -> String) -> (Bank, Vec<Diagnostic>) {
    let dir = tempfile::tempdir().unwrap();
    let read = |name| fs::read_to_string(fixture_dir().join(name)).unwrap();
    fs::write(dir.path().join("scenario.ron"), read("scenario.ron")).unwrap();
    fs::write(dir.path().join("rubric.ron"), edit(read("rubric.ron"))).unwrap();
    let bank = Bank::from_dir(dir.path()).expect("bank folder");
    let diags = check::check_bank(&bank);
    (bank, diags)
}

/// The mini rubric with one more criterion holding the given rules (RON, `(id: …)`).
fn with_rules(rules: &str) -> impl Fn(String) -> String + '_ {
    move |text: String| {
        text.replacen(
            "criteria: [",
            &format!(
                "criteria: [\n(id: \"extra\", competency: Planning, title: {{\"uk\": \"д\", \"en\": \"x\"}}, weight: 1, rules: [\n{rules}\n]),"
            ),
            1,
        )
    }
}

/// One rule (RON) with a title and feedback, around `check`.
fn rule(id: &str, check: &str) -> String {
    format!(
        "(id: \"{id}\", title: {{\"uk\": \"Т {id}\", \"en\": \"T {id}\"}}, check: {check}, points: 1, met: {{\"uk\": \"так\", \"en\": \"yes\"}}, missed: {{\"uk\": \"ні\", \"en\": \"no\"}}),"
    )
}

fn messages(diags: &[Diagnostic], severity: Severity) -> Vec<String> {
    diags
        .iter()
        .filter(|d| d.severity == severity)
        .map(|d| d.message.clone())
        .collect()
}

/// The rubric of a checked bank, which must have no errors.
fn rubric_of(bank: &Bank, diags: &[Diagnostic]) -> Rubric {
    let errors = messages(diags, Severity::Error);
    assert!(errors.is_empty(), "{errors:#?}");
    bank.rubrics[0].doc.clone()
}

/// The result of rule `id` when the session plays `script` (seed 1) to its end or not.
fn result(rubric: &Rubric, script: &str, id: &str) -> RuleResult {
    let session = play(&mini_case(), 1, script);
    let report = score::score_in(&session, rubric, "en");
    report
        .criteria
        .iter()
        .flat_map(|c| &c.rules)
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("no rule {id}"))
        .clone()
}

// ---- 3. Rule titles ----

#[test]
fn a_rule_without_a_title_is_warned_about_and_shown_by_its_id() {
    let untitled = "(id: \"untitled\", check: WeeksAtMost(20), points: 1, met: {\"uk\": \"так\", \"en\": \"yes\"}, missed: {\"uk\": \"ні\", \"en\": \"no\"}),";
    let (bank, diags) = checked(with_rules(untitled));
    assert!(
        messages(&diags, Severity::Warning)
            .contains(&"rule `untitled` has no title, so students see its id instead".into()),
        "{diags:#?}"
    );
    let rubric = rubric_of(&bank, &diags);
    assert_eq!(result(&rubric, "consent", "untitled").title, "untitled");
}

#[test]
fn a_title_is_checked_for_every_language_of_the_case() {
    let half = "(id: \"half\", title: {\"en\": \"Only English\"}, check: WeeksAtMost(20), points: 1, met: {\"uk\": \"так\", \"en\": \"yes\"}, missed: {\"uk\": \"ні\", \"en\": \"no\"}),";
    let (_, diags) = checked(with_rules(half));
    assert!(
        messages(&diags, Severity::Error)
            .contains(&"`rule half title` has no `uk` text, though the case declares `uk`".into()),
        "{diags:#?}"
    );
}

#[test]
fn the_title_is_in_the_text_and_json_reports_in_the_report_language() {
    let (bank, diags) = checked(|t| t);
    assert!(diags.is_empty(), "{diags:#?}");
    let rubric = rubric_of(&bank, &diags);
    let session = play(&mini_case(), 1, "consent\ninterview");
    let uk = score::score_in(&session, &rubric, "uk");
    let text = score::render_text(&uk, casework::i18n::localizer("uk"));
    assert!(text.contains("Згода до оцінювання"), "{text}");
    assert!(!text.contains("consent-first"), "{text}");
    let en = score::score_in(&session, &rubric, "en");
    let json = serde_json::to_value(&en).unwrap();
    assert_eq!(
        json["criteria"][0]["rules"][0]["title"],
        "Consent before assessment"
    );
}

#[test]
fn every_rule_of_the_bank_has_a_short_title_in_both_languages() {
    let bank = Bank::embedded();
    for r in &bank.rubrics {
        for rule in r.doc.criteria.iter().flat_map(|c| &c.rules) {
            let title = rule.title.as_ref();
            for lang in ["uk", "en"] {
                let words = title.map_or(0, |t| t.get(lang).split_whitespace().count());
                assert!(
                    (1..=8).contains(&words) && title.is_some_and(|t| t.has(lang)),
                    "{}: rule `{}` has no short {lang} title",
                    r.path,
                    rule.id
                );
            }
        }
    }
}
