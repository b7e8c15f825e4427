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
    checked_with(|t| t, edit)
}

/// The mini bank with its scenario and rubric edited, checked.
fn checked_with(
    scenario: impl Fn(String) -> String,
    edit: impl Fn(String) -> String,
) -> (Bank, Vec<Diagnostic>) {
    let dir = tempfile::tempdir().unwrap();
    let read = |name| fs::read_to_string(fixture_dir().join(name)).unwrap();
    fs::write(
        dir.path().join("scenario.ron"),
        scenario(read("scenario.ron")),
    )
    .unwrap();
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

/// The result of rule `id` when the session plays `script` (seed 1).
fn result(rubric: &Rubric, script: &str, id: &str) -> RuleResult {
    result_of(rubric, &play(&mini_case(), 1, script), id)
}

/// The result of rule `id` in `session`.
fn result_of(rubric: &Rubric, session: &casework::engine::Session, id: &str) -> RuleResult {
    let report = score::score_in(session, rubric, "en");
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
            .contains(&"`rule.half.title` has no `uk` text, though the case declares `uk`".into()),
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

// ---- 1. NotHappened ----

/// The good path to its planned close.
const GOOD: &str = "accompany\nto-exit\nclose\n";

#[test]
fn not_happened_is_missed_once_the_event_happens_and_met_at_the_end_otherwise() {
    let (bank, diags) = checked(with_rules(&rule(
        "quiet",
        "NotHappened([\"payment-stops\"])",
    )));
    let rubric = rubric_of(&bank, &diags);
    assert_eq!(result(&rubric, "consent", "quiet").status, Status::Pending);

    let script = format!("{TO_IMPLEMENTATION}accompany\n");
    let s = play(&mini_case(), suspension_seed(), &script);
    let r = result_of(&rubric, &s, "quiet");
    assert_eq!((r.status, r.points), (Status::Missed, 0.0));
    assert!(r.evidence.iter().any(|e| e.event), "{:?}", r.evidence);

    let s = play(
        &mini_case(),
        no_suspension_seed(),
        &format!("{TO_IMPLEMENTATION}{GOOD}"),
    );
    assert!(s.ended());
    let r = result_of(&rubric, &s, "quiet");
    assert_eq!((r.status, r.points), (Status::Met, 1.0));
}

#[test]
fn not_happened_names_events_the_case_has_and_warns_when_one_cannot_happen() {
    let (_, diags) = checked(with_rules(&rule("quiet", "NotHappened([\"nope\"])")));
    assert!(
        messages(&diags, Severity::Error)
            .contains(&"rule `quiet` names event `nope`, which the scenario does not have".into()),
        "{diags:#?}"
    );
    let never = |t: String| {
        t.replace(
            "requires: [Taken(\"accompany\")]",
            "requires: [AtLeast(\"income\", 11)]",
        )
    };
    let (_, diags) = checked_with(
        never,
        with_rules(&rule("quiet", "NotHappened([\"payment-stops\"])")),
    );
    assert!(
        messages(&diags, Severity::Warning).contains(
            &"rule `quiet` forbids event `payment-stops`, which can never happen: that part of the rule is always met".into()
        ),
        "{diags:#?}"
    );
}

// ---- 2. Groups of decisions ----

/// The mini rubric with named groups and extra rules.
fn grouped(groups: &str, rules: &str) -> (Bank, Vec<Diagnostic>) {
    let groups = groups.to_string();
    let rules = rules.to_string();
    checked(move |t| {
        let t = t.replacen(
            "pass_mark: 60,",
            &format!("pass_mark: 60,\n    groups: {{{groups}}},"),
            1,
        );
        with_rules(&rules)(t)
    })
}

const GROUPS: &str = "\"formal\": [\"accompany\", \"send-link\"], \"portal\": [\"send-link\"], \"visits\": [\"home-visit\"]";

#[test]
fn a_group_stands_for_its_decisions_in_taken_and_avoided() {
    let rules = [
        rule("used", "Taken([\"@formal\"])"),
        rule("none", "Avoided([\"@portal\"])"),
    ]
    .concat();
    let (bank, diags) = grouped(GROUPS, &rules);
    let rubric = rubric_of(&bank, &diags);
    let script = format!("{TO_IMPLEMENTATION}send-link\n");
    assert_eq!(result(&rubric, &script, "used").status, Status::Met);
    let r = result(&rubric, &script, "none");
    assert_eq!(r.status, Status::Missed);
    assert_eq!(r.evidence[0].step, 7, "the link sent at step 7");
}

#[test]
fn group_before_is_decided_by_whichever_group_comes_first() {
    let rules = [
        rule(
            "visit-first",
            "GroupBefore(first: [\"@visits\"], then: [\"@formal\"])",
        ),
        rule(
            "formal-first",
            "GroupBefore(first: [\"@formal\"], then: [\"@visits\"])",
        ),
        rule(
            "link-first",
            "GroupBefore(first: [\"send-link\"], then: [\"revise\"])",
        ),
    ]
    .concat();
    let (bank, diags) = grouped(GROUPS, &rules);
    let rubric = rubric_of(&bank, &diags);
    // Neither group yet, the session goes on: pending.
    assert_eq!(
        result(&rubric, "consent", "visit-first").status,
        Status::Pending
    );
    // The visit before any formal service: met for good, the other rule missed for good.
    let early = "consent\ninterview\nhome-visit\n";
    assert_eq!(result(&rubric, early, "visit-first").status, Status::Met);
    let r = result(&rubric, early, "formal-first");
    assert_eq!(r.status, Status::Missed);
    assert_eq!(r.evidence.len(), 1);
    let done = play(
        &mini_case(),
        no_suspension_seed(),
        &format!("{TO_IMPLEMENTATION}{GOOD}"),
    );
    assert!(done.ended());
    // `first` taken, `then` never: met.
    assert_eq!(result_of(&rubric, &done, "visit-first").status, Status::Met);
    // Neither taken by the end: an omission earns nothing.
    let r = result_of(&rubric, &done, "link-first");
    assert_eq!((r.status, r.points), (Status::Missed, 0.0));
}

#[test]
fn check_validates_groups_and_their_references() {
    let groups =
        "\"formal\": [\"accompany\", \"nowhere\"], \"Bad\": [\"interview\"], \"empty\": []";
    let rules = [
        rule("typo", "Taken([\"@formall\"])"),
        rule(
            "both",
            "GroupBefore(first: [\"@formal\"], then: [\"accompany\"])",
        ),
    ]
    .concat();
    let (_, diags) = grouped(groups, &rules);
    let errors = messages(&diags, Severity::Error);
    for want in [
        "group `formal` names decision `nowhere`, which the scenario does not have",
        "group name `Bad` is not a valid id",
        "group `empty` has no decisions",
        "rule `typo` names group `@formall`, which the rubric does not define",
        "in rule `both` decision `accompany` is both in `first` and in `then`",
    ] {
        assert!(errors.contains(&want.to_string()), "{want}: {errors:#?}");
    }
    let typo = diags
        .iter()
        .find(|d| d.message.contains("@formall"))
        .unwrap();
    assert!(format!("{typo}").contains("@formal`?"), "{typo}");
}
