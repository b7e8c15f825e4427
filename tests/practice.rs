//! Scores that measure practice (issue 9): what a closure leads to still counts, an omission
//! cannot hide an event, a competent assessment's needs count whether found or not, the
//! plan drives the work, and the rubric can score the role, the mode and the model.

mod common;

use std::sync::Arc;

use casework::engine::{Action, Case, End, Record, Refusal, Session};
use casework::rubric::Rubric;
use casework::scenario::{Condition, Scenario};
use casework::score::{self, RuleResult, Status};
use common::*;

const MINI: &str = include_str!("fixtures/mini/scenario.ron");
const RUBRIC: &str = include_str!("fixtures/mini/rubric.ron");

/// The mini case with `edits` applied (each `(from, to)` must match once).
fn case_with(edits: &[(&str, &str)]) -> Arc<Case> {
    let mut text = MINI.to_string();
    for (from, to) in edits {
        assert_eq!(
            text.matches(from).count(),
            1,
            "edit `{from}` must match once"
        );
        text = text.replacen(from, to, 1);
    }
    let s: Scenario = casework::source::parse_ron("mini", &text).expect("edited case parses");
    Case::new(s, "test")
}

/// A rubric of the mini case with one criterion holding one rule of `check`.
fn rubric_with(check: &str) -> Rubric {
    let text = format!(
        r#"Rubric(id: "t", scenario: "mini-pension", kind: Formative, title: {{"en": "t"}}, pass_mark: 50,
        criteria: [(id: "c", competency: Planning, title: {{"en": "c"}}, weight: 1, rules: [
            (id: "r", check: {check}, points: 2, met: {{"en": "met"}}, missed: {{"en": "missed"}}),
        ])])"#
    );
    casework::source::parse_ron("rubric", &text).expect("rubric parses")
}

fn result(s: &Session, check: &str) -> RuleResult {
    let report = score::score(s, &rubric_with(check));
    report.criteria[0].rules[0].clone()
}

/// The good path (with the home visit): closed in week 3.
const GOOD_CLOSE: &str = "consent\ninterview\nhome-visit\nto-plan\nplan pension restore pension-fund 4\nplan-agreed\naccompany\nto-exit\nclose\n";

/// Consent, interview, the plan (pension → Pension Fund by week 4), accompanied, closed in
/// week 2, before the grandson falls ill (week 3): no home visit.
const EARLY_CLOSE: &str = "consent\ninterview\nto-plan\nplan pension restore pension-fund 4\nplan-agreed\naccompany\nto-exit\nclose\n";

/// A response to the grandson's illness (week 3).
const ILL_RULE: &str = r#"RespondedTo(event: "grandson-ill", with: ["call-client"], within: 2)"#;

// --- The follow-up: a closure does not stop what was coming -------------------------------

#[test]
fn after_an_early_closure_the_remaining_weeks_still_play_out() {
    let case = mini_case();
    let s = play(&case, 1, EARLY_CLOSE);
    assert!(matches!(s.state().end, Some(End::Closed { .. })));
    // Closed in week 2; the grandson falls ill in week 3, after the closure.
    assert!(
        s.state().ended_day.unwrap() < 14,
        "{:?}",
        s.state().ended_day
    );
    assert!(
        happened(&s, "grandson-ill"),
        "the week-3 event happens in the follow-up"
    );
    let closing = s
        .log()
        .records
        .iter()
        .position(|r| matches!(r, Record::Step { action: Action::Decide { decision }, .. } if decision == "close"))
        .expect("close step");
    let ill = s
        .log()
        .records
        .iter()
        .position(|r| matches!(r, Record::Event { event, .. } if event == "grandson-ill"))
        .expect("event record");
    assert!(ill > closing, "logged after the closing step");
    // The log with its follow-up replays to itself.
    let replayed = Session::replay(Arc::clone(&case), s.log()).expect("replays");
    assert_eq!(replayed.log(), s.log());
}

#[test]
fn a_response_rule_on_an_event_of_the_follow_up_is_missed_not_dropped() {
    let s = play(&mini_case(), 1, EARLY_CLOSE);
    let r = result(&s, ILL_RULE);
    assert_eq!(r.status, Status::Missed, "{r:?}");
}

#[test]
fn weeks_used_count_to_the_closure_not_to_the_end_of_the_follow_up() {
    let s = play(&mini_case(), 1, EARLY_CLOSE);
    assert!(s.state().day >= 5 * 7, "the follow-up ran to the last week");
    assert_eq!(result(&s, "WeeksAtMost(2)").status, Status::Met);
}

#[test]
fn an_event_that_happens_only_while_the_case_is_open_stays_out_of_the_follow_up() {
    let case = case_with(&[(
        "(id: \"grandson-ill\", trigger: Week(3),",
        "(id: \"grandson-ill\", trigger: Week(3), while_open: true,",
    )]);
    let s = play(&case, 1, EARLY_CLOSE);
    assert!(!happened(&s, "grandson-ill"));
    let r = result(&s, ILL_RULE);
    assert_eq!(r.status, Status::NotApplicable, "{r:?}");
}

#[test]
fn the_follow_up_changes_the_final_values_but_not_the_stage() {
    // The stopped payment (50% a week from week 2, after accompaniment) can come after the
    // closure: it lowers the income, and sends nobody back to assessment.
    let case = case_with(&[(", while_open: true,", ",")]);
    let seed = (0..64)
        .find(|&seed| {
            let s = play(&case, seed, EARLY_CLOSE);
            let closing = s.log().records.iter().position(|r| {
                matches!(r, Record::Step { action: Action::Decide { decision }, .. } if decision == "close")
            });
            let stop = s.log().records.iter().position(
                |r| matches!(r, Record::Event { event, .. } if event == "payment-stops"),
            );
            matches!((closing, stop), (Some(c), Some(p)) if p > c)
        })
        .expect("a seed where the payment stops after the closure");
    let s = play(&case, seed, EARLY_CLOSE);
    assert_eq!(s.state().stage, casework::scenario::Stage::Exit);
    assert!(
        s.value("income").unwrap() < 7,
        "income {:?}",
        s.value("income")
    );
    assert!(matches!(s.state().end, Some(End::Closed { .. })));
}

// --- Consequences of omissions --------------------------------------------------------------

/// A debt that comes to light only on a home visit, marked as a consequence.
fn with_hidden_debt(extra: &str) -> Arc<Case> {
    case_with(&[(
        "    events: [\n",
        &format!(
            "    events: [\n        (id: \"hidden-debt\", trigger: When, requires: [Taken(\"home-visit\")], {extra}\n         text: {{\"uk\": \"Борг за газ.\", \"en\": \"A gas debt.\"}}),\n"
        ),
    )])
}

const NO_VISIT: &str = EARLY_CLOSE;
const DEBT_RULE: &str = r#"RespondedTo(event: "hidden-debt", with: ["to-plan"], within: 3)"#;

#[test]
fn an_event_an_omission_kept_away_is_missed_when_it_is_a_consequence() {
    let s = play(&with_hidden_debt("consequence: true,"), 1, NO_VISIT);
    assert!(!happened(&s, "hidden-debt"));
    let r = result(&s, DEBT_RULE);
    assert_eq!(r.status, Status::Missed, "{r:?}");
    assert!(
        r.detail.as_deref().unwrap_or("").contains("left undone"),
        "{r:?}"
    );
}

#[test]
fn without_the_mark_an_event_that_never_came_does_not_apply() {
    let s = play(&with_hidden_debt(""), 1, NO_VISIT);
    assert_eq!(result(&s, DEBT_RULE).status, Status::NotApplicable);
}

#[test]
fn a_consequence_averted_by_good_practice_does_not_apply() {
    let case = with_hidden_debt("consequence: true, averted_by: [\"accompany\"],");
    let s = play(&case, 1, NO_VISIT);
    let r = result(&s, DEBT_RULE);
    assert_eq!(r.status, Status::NotApplicable, "{r:?}");
}

// --- Key needs ------------------------------------------------------------------------------

fn with_housing_need(key: bool) -> Arc<Case> {
    case_with(&[(
        "    needs: [\n",
        &format!(
            "    needs: [\n        (id: \"housing\", domain: Housing, key: {key}, label: {{\"uk\": \"Житло\", \"en\": \"Housing\"}}, evidence: [\"where-dorm\"],\n         goals: [(id: \"room\", text: {{\"uk\": \"Кімната\", \"en\": \"A room\"}})]),\n"
        ),
    )])
}

#[test]
fn a_key_need_counts_whether_or_not_the_assessment_found_it() {
    // No home visit: the hostel (and so the housing need) is never found.
    let s = play(&with_housing_need(true), 1, NO_VISIT);
    let r = result(&s, "NeedsCovered");
    assert_eq!(r.status, Status::Partial, "{r:?}");
    assert!(
        r.detail.as_deref().unwrap_or("").contains("not identified"),
        "{r:?}"
    );
    let s = play(&with_housing_need(false), 1, NO_VISIT);
    assert_eq!(
        result(&s, "NeedsCovered").status,
        Status::Met,
        "finding less no longer helps only where the need is key"
    );
}

// --- The plan drives the work ---------------------------------------------------------------

/// The plan can be agreed without the pension in it.
fn loose_plan(extra: &[(&str, &str)]) -> Arc<Case> {
    let mut edits = vec![(
        "requires: [Planned(\"pension\")], days: 1, next: Implementation",
        "days: 1, next: Implementation",
    )];
    edits.extend_from_slice(extra);
    case_with(&edits)
}

#[test]
fn a_service_is_delivered_only_once_it_is_in_the_plan() {
    let case = loose_plan(&[]);
    let mut s = play(&case, 1, "consent\ninterview\nto-plan\nplan-agreed\n");
    let refusal = s.apply(Action::decide("accompany")).expect_err("refused");
    assert_eq!(
        refusal,
        Refusal::Unmet {
            decision: "accompany".into(),
            condition: Condition::ServicePlanned("pension-fund".into()),
        }
    );
    let l = casework::i18n::localizer("en");
    let text = casework::engine::refusal_text(&refusal, &s, l);
    assert!(text.contains("service plan"), "{text}");
}

#[test]
fn an_unplanned_step_the_author_allows_is_open_without_a_plan_item() {
    let case = loose_plan(&[(
        "(id: \"accompany\", stage: Implementation,",
        "(id: \"accompany\", stage: Implementation, unplanned: true,",
    )]);
    play(
        &case,
        1,
        "consent\ninterview\nto-plan\nplan-agreed\naccompany\n",
    );
}

#[test]
fn delivery_is_compared_with_the_plan_deadline() {
    let on_time = play(&mini_case(), 1, GOOD_CLOSE);
    assert_eq!(result(&on_time, "DeliveredOnTime").status, Status::Met);
    // Agreeing the plan takes three weeks: the Pension Fund comes after its week-4 deadline.
    let slow = case_with(&[(
        "requires: [Planned(\"pension\")], days: 1, next: Implementation",
        "requires: [Planned(\"pension\")], days: 21, next: Implementation",
    )]);
    let late = play(
        &slow,
        1,
        GOOD_CLOSE.replace("to-exit\nclose\n", "").as_str(),
    );
    let r = result(&late, "DeliveredOnTime");
    assert_eq!(r.status, Status::Pending, "decided at the end: {r:?}");
    let mut late = late;
    decide(&mut late, "to-exit");
    decide(&mut late, "close");
    let r = result(&late, "DeliveredOnTime");
    assert_eq!(r.status, Status::Missed, "{r:?}");
    assert!(
        r.detail
            .as_deref()
            .unwrap_or("")
            .contains("delivered in week 5, after the deadline of week 4"),
        "{r:?}"
    );
}

// --- Role, mode, model ----------------------------------------------------------------------

#[test]
fn the_role_taken_at_a_stage_is_scored() {
    let good = play(&mini_case(), 1, GOOD_CLOSE);
    assert_eq!(
        result(&good, "RoleAt(Intake, Consultant)").status,
        Status::Met
    );
    assert_eq!(
        result(&good, "RoleAt(Intake, Mediator)").status,
        Status::Missed
    );
    let rushed = play(
        &mini_case(),
        1,
        GOOD_CLOSE
            .replace("consent\n", "rush-assessment\n")
            .as_str(),
    );
    assert_eq!(
        result(&rushed, "RoleAt(Intake, Consultant)").status,
        Status::Missed
    );
}

#[test]
fn the_mode_a_service_was_delivered_in_is_scored() {
    let good = play(&mini_case(), 1, GOOD_CLOSE);
    assert_eq!(
        result(&good, r#"ModeFor("pension-fund", Accompanied)"#).status,
        Status::Met
    );
    let r = result(&good, r#"ModeFor("pension-fund", Referral)"#);
    assert_eq!(r.status, Status::Missed);
    assert_eq!(r.detail.as_deref(), Some("with accompaniment"), "{r:?}");
}

#[test]
fn the_model_the_steps_followed_is_shared_out() {
    let case = case_with(&[
        (
            "(id: \"consent\", stage: Intake, role: Consultant,",
            "(id: \"consent\", stage: Intake, role: Consultant, model: Some(Broker),",
        ),
        (
            "(id: \"interview\", stage: Assessment,",
            "(id: \"interview\", stage: Assessment, model: Some(Clinical),",
        ),
    ]);
    let s = play(&case, 1, GOOD_CLOSE);
    let r = result(&s, "ModelFollowed(Broker)");
    assert_eq!(r.status, Status::Partial, "{r:?}");
    assert!((r.points - 1.0).abs() < 1e-9, "half of 2 points: {r:?}");
}

// --- check: what makes a score fair ---------------------------------------------------------

fn check_output(scenario: &str, rubric: &str) -> String {
    let dir = scratch(&[("scenario.ron", scenario), ("rubric.ron", rubric)]);
    let (_, out, err) = run(&["check", "."], dir.path());
    format!("{out}{err}")
}

#[test]
fn an_exam_rule_hanging_on_a_chance_event_is_an_error() {
    let exam = RUBRIC.replace("kind: Formative", "kind: Exam").replace(
        "points: 2,\n                 met: {\"uk\": \"Швидка",
        "points: 2, critical: true,\n                 met: {\"uk\": \"Швидка",
    );
    assert!(
        exam.contains("critical: true,\n                 met: {\"uk\": \"Швидка"),
        "edit applied"
    );
    let shown = check_output(MINI, &exam);
    assert!(
        shown.contains(
            "exam rule `answer-suspension` (critical) depends on the chance event `payment-stops`"
        ),
        "{shown}"
    );
    let formative = RUBRIC.replace(
        "points: 2,\n                 met: {\"uk\": \"Швидка",
        "points: 2, critical: true,\n                 met: {\"uk\": \"Швидка",
    );
    assert!(!check_output(MINI, &formative).contains("depends on the chance event"));
}

#[test]
fn a_case_that_cannot_be_reopened_is_warned_about() {
    let shown = check_output(MINI, RUBRIC);
    assert!(
        !shown.contains("cannot be reopened"),
        "the mini case can be: {shown}"
    );
    assert!(
        !shown.contains("never decide to reassess"),
        "the mini case can: {shown}"
    );
    // No way on from exit but the closure, or one that stays at exit: no reopening.
    for to in ["days: 3),", "days: 3, next: Exit),"] {
        let no_reopen = MINI.replace("days: 3, next: Assessment),", to);
        assert_ne!(no_reopen, MINI);
        let shown = check_output(&no_reopen, RUBRIC);
        assert!(
            shown.contains("the case cannot be reopened at exit"),
            "{to}: {shown}"
        );
    }
    let no_return = MINI.replace("days: 2, next: Assessment),", "days: 2),");
    assert_ne!(no_return, MINI);
    let shown = check_output(&no_return, RUBRIC);
    assert!(
        shown.contains(
            "the worker can never decide to reassess from service-plan, monitoring, plan-revision"
        ),
        "{shown}"
    );
}

#[test]
fn rewarded_labels_much_longer_than_penalised_ones_are_a_length_tell() {
    let rubric = RUBRIC
        .replace(
            "check: Taken([\"accompany\"]), points: 2,",
            "check: Taken([\"accompany\", \"consent\", \"interview\"]), points: 2,",
        )
        .replace(
            "check: Avoided([\"send-link\"]), points: 1,",
            "check: Avoided([\"to-plan\", \"call-client\"]), points: 1,",
        );
    let shown = check_output(MINI, &rubric);
    assert!(
        shown.contains("length gives the answer away (en)"),
        "{shown}"
    );
    // Penalised labels as long as the rewarded ones: no warning.
    let even = MINI
        .replace(
            "\"en\": \"Move on to planning\"",
            "\"en\": \"Move on to planning at last, as agreed with her\"",
        )
        .replace(
            "\"en\": \"Phone the client\"",
            "\"en\": \"Phone the client and ask her how she is doing\"",
        );
    assert!(!check_output(&even, &rubric).contains("length gives the answer away (en)"));
}

/// An exam rule that hangs on chance through what only the chance event opens: a decision it
/// makes possible, a fact only it reveals, a value it changes.
#[test]
fn an_exam_rule_hanging_on_chance_at_one_remove_is_an_error_too() {
    let scenario = with_answer_letter("Happened(\"payment-stops\")");
    for (check, what) in [
        (
            "Taken([\"answer-letter\"])",
            "a decision only the event opens",
        ),
        (
            "FactsBefore([\"why-letter\"], Exit)",
            "a fact only the event reveals",
        ),
        ("FinalAtLeast(\"income\", 5)", "a value the event changes"),
        (
            "Before(Decision(\"answer-letter\"), Stage(Exit))",
            "a marker only the event opens",
        ),
    ] {
        let shown = check_output(&scenario, &exam_critical(check));
        critical_rule_hangs_on_chance(&shown, what);
    }
    // The same rule on what does not hang on chance passes.
    let shown = check_output(&scenario, &exam_critical("Taken([\"accompany\"])"));
    assert!(!shown.contains("exam rule `accompanied`"), "{shown}");
    // A decision open either way (one branch of `Any` needs no chance) is fair.
    let either = scenario.replace(
        "requires: [Happened(\"payment-stops\")],",
        "requires: [Any([Happened(\"payment-stops\"), Taken(\"accompany\")])],",
    );
    let shown = check_output(&either, &exam_critical("Taken([\"answer-letter\"])"));
    assert!(!shown.contains("depends on the chance event"), "{shown}");
}

/// A rule that is not critical counts as heavy from 10% of the total: the mini rubric's
/// answer to the stopped payment is worth 6% as it stands, 22% once monitoring weighs 7.
#[test]
fn a_heavy_exam_rule_on_chance_is_an_error_and_a_light_one_is_not() {
    let exam = RUBRIC.replace("kind: Formative", "kind: Exam");
    let shown = check_output(MINI, &exam);
    assert!(!shown.contains("depends on the chance event"), "{shown}");
    let heavy = replace_once(&exam, "id: \"monitoring\",", "weight: 1,", "weight: 7,");
    let shown = check_output(MINI, &heavy);
    for rule in ["answer-suspension", "income"] {
        assert!(
            shown.contains(&format!("exam rule `{rule}` (worth 22% of the total) depends on the chance event `payment-stops`")),
            "{rule}: {shown}"
        );
    }
    // `trust-kept` is as heavy, but nothing chance brings changes trust.
    assert!(!shown.contains("exam rule `trust-kept`"), "{shown}");
    // Exactly 10% (monitoring weighs 2 of 8, the rule 2 of its 5 points) is heavy.
    let ten = replace_once(&exam, "id: \"monitoring\",", "weight: 1,", "weight: 2,");
    let shown = check_output(MINI, &ten);
    assert!(
        shown.contains("exam rule `answer-suspension` (worth 10% of the total)"),
        "{shown}"
    );
}

/// Chance reaches a rule through a chain: an event that needs the chance event, a decision
/// that needs a decision only the chance event opens.
#[test]
fn chance_is_followed_along_events_and_decisions() {
    let scenario = MINI
        .replace(
            "        (id: \"call-client\", stage: Monitoring, repeatable: true,",
            "        (id: \"answer-letter\", stage: Monitoring, requires: [WithinWeeks(Event(\"payment-stops\"), 2)],\n         label: {\"uk\": \"Відповісти\", \"en\": \"Answer\"}, outcome: {\"uk\": \"Так.\", \"en\": \"Done.\"}),\n        (id: \"file-letter\", stage: Monitoring, requires: [Taken(\"answer-letter\")],\n         label: {\"uk\": \"Підшити\", \"en\": \"File it\"}, outcome: {\"uk\": \"Так.\", \"en\": \"Done.\"}),\n        (id: \"call-client\", stage: Monitoring, repeatable: true,",
        )
        .replace(
            "    events: [\n",
            "    events: [\n        (id: \"debt-letter\", trigger: When, requires: [Happened(\"payment-stops\")],\n         text: {\"uk\": \"Лист про борг.\", \"en\": \"A debt letter.\"}),\n",
        );
    for check in [
        "Taken([\"file-letter\"])",
        "NotHappened([\"debt-letter\"])",
        "GroupBefore(first: [\"file-letter\"], then: [\"close\"])",
    ] {
        let shown = check_output(&scenario, &exam_critical(check));
        critical_rule_hangs_on_chance(&shown, check);
    }
    // A key fact only the chance event can bring.
    let key = scenario.replace(
        "text: {\"uk\": \"Лист про борг.\", \"en\": \"A debt letter.\"}),",
        "reveals: [\"debt\"], text: {\"uk\": \"Лист про борг.\", \"en\": \"A debt letter.\"}),",
    ).replace(
        "    facts: [\n",
        "    facts: [\n        (id: \"debt\", w: What, key: true, text: {\"uk\": \"Борг.\", \"en\": \"A debt.\"}),\n",
    );
    let shown = check_output(&key, &exam_critical("KeyFactsBefore(Exit)"));
    assert!(
        shown.contains("depends on the chance event `payment-stops`"),
        "{shown}"
    );
}

/// The mini case with a letter to answer at monitoring, open when `requires` hold, and a
/// fact that only the stopped payment reveals.
fn with_answer_letter(requires: &str) -> String {
    MINI.replace(
        "        (id: \"call-client\", stage: Monitoring, repeatable: true,",
        &format!("        (id: \"answer-letter\", stage: Monitoring, requires: [{requires}],\n         label: {{\"uk\": \"Відповісти\", \"en\": \"Answer\"}}, outcome: {{\"uk\": \"Так.\", \"en\": \"Done.\"}}),\n        (id: \"call-client\", stage: Monitoring, repeatable: true,"),
    )
    .replace(
        "effects: [Add(\"income\", -3)], return_to: Assessment,",
        "effects: [Add(\"income\", -3)], reveals: [\"why-letter\"], return_to: Assessment,",
    )
    .replace(
        "    facts: [\n",
        "    facts: [\n        (id: \"why-letter\", w: Why, text: {\"uk\": \"Лист.\", \"en\": \"A letter.\"}),\n",
    )
}

/// `check` said that the critical `accompanied` rule hangs on the stopped payment.
fn critical_rule_hangs_on_chance(shown: &str, what: impl std::fmt::Display) {
    assert!(
        shown.contains(
            "exam rule `accompanied` (critical) depends on the chance event `payment-stops`"
        ),
        "{what}: {shown}"
    );
}

/// The mini rubric as an exam, its `accompanied` rule made critical with `check`.
fn exam_critical(check: &str) -> String {
    RUBRIC.replace("kind: Formative", "kind: Exam").replace(
        "check: Taken([\"accompany\"]), points: 2,",
        &format!("check: {check}, points: 2, critical: true,"),
    )
}

/// `text` with `from` replaced by `to` at its first occurrence after `anchor`.
fn replace_once(text: &str, anchor: &str, from: &str, to: &str) -> String {
    let start = text.find(anchor).expect("anchor");
    let at = start + text[start..].find(from).expect("text after the anchor");
    format!("{}{to}{}", &text[..at], &text[at + from.len()..])
}

/// The length tells need enough to compare: two rewarded and two penalised labels; goals
/// give themselves away only when the concrete one is longest for more than two thirds of
/// at least three needs.
#[test]
fn a_length_tell_needs_enough_to_go_on() {
    // One penalised label only (16 characters against 27 on average): no warning.
    let rubric = RUBRIC
        .replace(
            "check: Taken([\"accompany\"]), points: 2,",
            "check: Taken([\"accompany\", \"consent\", \"home-visit\"]), points: 2,",
        )
        .replace(
            "check: Avoided([\"send-link\"]), points: 1,",
            "check: Avoided([\"call-client\"]), points: 1,",
        );
    let shown = check_output(MINI, &rubric);
    assert!(!shown.contains("length gives the answer away"), "{shown}");
    let need = |id: &str, concrete_longer: bool| {
        let (g, v) = if concrete_longer {
            ("A concrete and long goal", "Somehow")
        } else {
            ("Work", "Things will get better over time, somehow")
        };
        format!(
            "        (id: \"{id}\", domain: Social, label: {{\"uk\": \"Потреба\", \"en\": \"A need\"}}, evidence: [\"where-dorm\"],\n         goals: [(id: \"g\", text: {{\"uk\": \"{g}\", \"en\": \"{g}\"}}), (id: \"v\", concrete: false, text: {{\"uk\": \"{v}\", \"en\": \"{v}\"}})]),\n"
        )
    };
    let with_needs = |needs: &[(&str, bool)]| {
        let extra: String = needs.iter().map(|(id, c)| need(id, *c)).collect();
        MINI.replace("    needs: [\n", &format!("    needs: [\n{extra}"))
    };
    // Two of three: not more than two thirds.
    let shown = check_output(&with_needs(&[("a", true), ("b", false)]), RUBRIC);
    assert!(!shown.contains("length gives the goal away"), "{shown}");
    // Three of three.
    let shown = check_output(&with_needs(&[("a", true), ("b", true)]), RUBRIC);
    assert!(
        shown.contains("length gives the goal away (en): for 3 of 3 needs"),
        "{shown}"
    );
    // Two of two: too few needs to tell.
    let shown = check_output(&with_needs(&[("a", true)]), RUBRIC);
    assert!(!shown.contains("length gives the goal away"), "{shown}");
}

/// The day of the first record of `event` in the session, if it happened.
fn day_of(s: &Session, event: &str) -> Option<u32> {
    s.log().records.iter().find_map(|r| match r {
        Record::Event { event: e, day, .. } if e == event => Some(*day),
        _ => None,
    })
}

#[test]
fn each_week_of_the_follow_up_is_played_once_from_its_first_day() {
    // The grandson falls ill on the first day of week 3, two weeks after the closure.
    let s = play(&mini_case(), 1, EARLY_CLOSE);
    assert_eq!(day_of(&s, "grandson-ill"), Some(14));
    // The stopped payment (50% a week, weeks 2–6) is drawn once a week, in order, from the
    // session's generator: these are the days it comes on for seeds 0–23. A second draw
    // for the closing week, or a week skipped, changes them.
    let case = case_with(&[(", while_open: true,", ",")]);
    let steps = casework::choices::parse("early", EARLY_CLOSE)
        .expect("parses")
        .steps;
    let days: Vec<Option<u32>> = (0..24)
        .map(|seed| {
            // Where the payment stops before the closure, the case goes back and the rest
            // of the path is refused: the day is still the one it stopped on.
            day_of(&play_until_refused(&case, seed, &steps).0, "payment-stops")
        })
        .collect();
    assert_eq!(days, PINNED_STOP_DAYS, "{days:?}");
}

/// Day 12 is before the closure (week 2); 14, 21, 28 and 35 are weeks 3–6 of the follow-up.
const PINNED_STOP_DAYS: [Option<u32>; 24] = [
    Some(28),
    Some(14),
    Some(12),
    Some(12),
    Some(28),
    Some(12),
    Some(12),
    Some(12),
    Some(12),
    Some(14),
    Some(12),
    Some(12),
    Some(12),
    Some(12),
    Some(21),
    Some(21),
    Some(14),
    Some(21),
    Some(12),
    Some(12),
    Some(35),
    Some(12),
    Some(28),
    Some(12),
];

#[test]
fn the_model_share_counts_each_step_and_names_each_other_step_once() {
    let case = case_with(&[
        (
            "(id: \"consent\", stage: Intake, role: Consultant,",
            "(id: \"consent\", stage: Intake, role: Consultant, model: Some(Broker),",
        ),
        (
            "(id: \"interview\", stage: Assessment,",
            "(id: \"interview\", stage: Assessment, model: Some(Broker),",
        ),
        (
            "(id: \"accompany\", stage: Implementation,",
            "(id: \"accompany\", stage: Implementation, model: Some(Broker),",
        ),
        (
            "(id: \"call-client\", stage: Monitoring, repeatable: true,",
            "(id: \"call-client\", stage: Monitoring, repeatable: true, model: Some(Clinical),",
        ),
    ]);
    // Three broker steps, and the clinical call made twice.
    let path = GOOD_CLOSE.replace("to-exit\n", "call-client\ncall-client\nto-exit\n");
    let s = play(&case, 1, &path);
    let r = result(&s, "ModelFollowed(Broker)");
    assert_eq!(r.status, Status::Partial, "{r:?}");
    assert!(
        (r.points - 1.2).abs() < 1e-9,
        "3 of 5 steps of 2 points: {r:?}"
    );
    assert_eq!(
        r.detail.as_deref(),
        Some("Phone the client"),
        "named once: {r:?}"
    );
    let r = result(&s, "ModelFollowed(Clinical)");
    assert!((r.points - 0.8).abs() < 1e-9, "2 of 5: {r:?}");
    let r = result(&play(&case, 1, GOOD_CLOSE), "ModelFollowed(Broker)");
    assert_eq!(r.status, Status::Met, "{r:?}");
    // The evidence points at the steps themselves.
    let steps: Vec<u32> = r.evidence.iter().map(|e| e.step).collect();
    assert_eq!(steps, [1, 2, 7], "{r:?}");
}

#[test]
fn the_evidence_of_a_role_is_the_step_that_took_it() {
    let s = play(&mini_case(), 1, GOOD_CLOSE);
    let r = result(&s, "RoleAt(Implementation, Manager)");
    assert_eq!(r.status, Status::Met);
    let at: Vec<(u32, u32)> = r.evidence.iter().map(|e| (e.record, e.step)).collect();
    assert_eq!(at, [(7, 7)], "{r:?}");
}

/// Two events send the case back after one step: the earlier stage wins, whichever comes
/// first in the file.
#[test]
fn of_two_returns_after_one_step_the_earlier_stage_wins() {
    for (first, second) in [
        ("PlanRevision", "Assessment"),
        ("Assessment", "PlanRevision"),
    ] {
        let case = case_with(&[(
            "    events: [\n",
            &format!(
                "    events: [\n        (id: \"one\", trigger: When, requires: [Taken(\"accompany\")], return_to: {first}, text: {{\"uk\": \"1\", \"en\": \"1\"}}),\n        (id: \"two\", trigger: When, requires: [Taken(\"accompany\")], return_to: {second}, text: {{\"uk\": \"2\", \"en\": \"2\"}}),\n"
            ),
        )]);
        let s = play(&case, 1, &format!("{TO_IMPLEMENTATION}accompany\n"));
        assert_eq!(
            s.state().stage,
            casework::scenario::Stage::Assessment,
            "{first} then {second}"
        );
    }
}

/// A decision open only once a fact the chance event alone reveals is known, or on any of
/// several conditions that all hang on it, hangs on chance too.
#[test]
fn chance_is_followed_through_known_facts_and_any() {
    let exam = exam_critical("Taken([\"answer-letter\"])");
    for requires in [
        "Known(\"why-letter\")",
        "Any([Known(\"why-letter\"), Happened(\"payment-stops\")])",
    ] {
        let shown = check_output(&with_answer_letter(requires), &exam);
        critical_rule_hangs_on_chance(&shown, requires);
    }
}

/// The chain is followed however the file orders it: a decision or event written before the
/// one it needs still hangs on chance.
#[test]
fn chance_is_followed_whatever_the_order_of_the_file() {
    // Decisions alone: the one that files the letter is written before the one that answers it.
    let decisions = MINI.replace(
        "        (id: \"call-client\", stage: Monitoring, repeatable: true,",
        "        (id: \"file-letter\", stage: Monitoring, requires: [Taken(\"answer-letter\")],\n         label: {\"uk\": \"Підшити\", \"en\": \"File it\"}, outcome: {\"uk\": \"Так.\", \"en\": \"Done.\"}),\n        (id: \"answer-letter\", stage: Monitoring, requires: [Happened(\"payment-stops\")],\n         label: {\"uk\": \"Відповісти\", \"en\": \"Answer\"}, outcome: {\"uk\": \"Так.\", \"en\": \"Done.\"}),\n        (id: \"call-client\", stage: Monitoring, repeatable: true,",
    );
    let shown = check_output(&decisions, &exam_critical("Taken([\"file-letter\"])"));
    critical_rule_hangs_on_chance(&shown, "in this order");
    // Events alone: the court case is written before the letter it follows.
    let events = MINI.replace(
        "    events: [\n",
        "    events: [\n        (id: \"court\", trigger: When, requires: [Happened(\"debt-letter\")], text: {\"uk\": \"Суд.\", \"en\": \"Court.\"}),\n        (id: \"debt-letter\", trigger: When, requires: [Happened(\"payment-stops\")], text: {\"uk\": \"Лист.\", \"en\": \"A letter.\"}),\n",
    );
    let shown = check_output(&events, &exam_critical("NotHappened([\"court\"])"));
    critical_rule_hangs_on_chance(&shown, "in this order");
}

/// A rule worth nothing weighs nothing, even in a criterion or rubric of no weight.
#[test]
fn an_exam_rule_worth_nothing_is_not_heavy() {
    let exam = RUBRIC.replace("kind: Formative", "kind: Exam");
    let no_points = replace_once(
        &replace_once(
            &replace_once(
                &exam,
                "id: \"answer-suspension\"",
                "points: 2,",
                "points: 0,",
            ),
            "id: \"income\"",
            "points: 2,",
            "points: 0,",
        ),
        "id: \"trust-kept\"",
        "points: 1,",
        "points: 0,",
    );
    let shown = check_output(MINI, &no_points);
    assert!(!shown.contains("depends on the chance event"), "{shown}");
    let no_weight = exam
        .replace("weight: 1,", "weight: 0,")
        .replace("weight: 2,", "weight: 0,");
    let shown = check_output(MINI, &no_weight);
    assert!(!shown.contains("depends on the chance event"), "{shown}");
}

/// Where the length tells draw their lines: what counts as rewarded, how many labels it
/// takes, how big a difference, and what counts as a reopening.
#[test]
fn the_lines_the_fairness_warnings_draw() {
    let tell = "length gives the answer away (en)";
    let rubric = |taken: &str, avoided: &str| {
        RUBRIC
            .replace(
                "check: Taken([\"accompany\"]),",
                &format!("check: {taken},"),
            )
            .replace(
                "check: Avoided([\"send-link\"]),",
                &format!("check: {avoided},"),
            )
    };
    let cases = [
        // GroupBefore's `first` is rewarded: consent and close (42, 32) with the interview
        // (17) against to-plan and the call (19, 16).
        (
            "GroupBefore(first: [\"consent\", \"close\"], then: [\"rush-assessment\"])",
            "Avoided([\"to-plan\", \"call-client\"])",
            true,
        ),
        // Two rewarded labels are enough: consent and the interview (42, 17).
        (
            "Taken([\"consent\"])",
            "Avoided([\"to-plan\", \"call-client\"])",
            true,
        ),
        // A fifth longer, but only 3 characters: short labels are not a tell.
        (
            "Taken([\"back-to-assessment\"])",
            "Avoided([\"revise\", \"reopen\"])",
            false,
        ),
        // Exactly 8 characters longer on average (42, 17, 16 against 19, 15): not yet.
        (
            "Taken([\"consent\"])",
            "Avoided([\"to-plan\", \"revise\"])",
            false,
        ),
    ];
    for (taken, avoided, warns) in cases {
        let shown = check_output(MINI, &rubric(taken, avoided));
        assert_eq!(shown.contains(tell), warns, "{taken} / {avoided}: {shown}");
    }
    // Goals of equal length give nothing away.
    let equal = |id: &str| {
        format!(
            "        (id: \"{id}\", domain: Social, label: {{\"uk\": \"Потреба\", \"en\": \"A need\"}}, evidence: [\"where-dorm\"],\n         goals: [(id: \"g\", text: {{\"uk\": \"Однакова\", \"en\": \"Same size\"}}), (id: \"v\", concrete: false, text: {{\"uk\": \"Рівна-так\", \"en\": \"Even size\"}})]),\n"
        )
    };
    let needs = MINI.replace(
        "    needs: [\n",
        &format!("    needs: [\n{}{}", equal("a"), equal("b")),
    );
    let needs = needs.replace("\"en\": \"Help somehow.\"", "\"en\": \"Pension, someday\"");
    let shown = check_output(&needs, RUBRIC);
    assert!(
        !shown.contains("length gives the goal away (en)"),
        "{shown}"
    );
}
