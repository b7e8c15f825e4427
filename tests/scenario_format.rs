//! The scenario format's later fields, each on a small case made from the mini fixture:
//! time since a decision or event, outcome texts that depend on the case so far, clients
//! without a smartphone, variables hidden from the student, and where a case comes from.

mod common;

use std::sync::Arc;

use casework::bank::Bank;
use casework::check;
use casework::diagnostic::{Diagnostic, Severity};
use casework::engine::{
    Action, Case, PlanFault, PlanItem, Refusal, Session, condition_text, step_outcome_text,
};
use casework::i18n::Localizer;
use casework::rubric::{Check, Rule};
use casework::scenario::{Condition, Scenario, Since, Text};
use casework::score::{self, Status};
use common::*;

const MINI: &str = include_str!("fixtures/mini/scenario.ron");
const RUBRIC: &str = include_str!("fixtures/mini/rubric.ron");
const SOURCE_LINE: &str = "    source: (title: \"Casework scenario bank\", author: \"Casework authors\", licence: \"MIT OR Apache-2.0\"),\n";

/// The mini scenario with every `from` replaced by `to` (each `from` must be there).
fn edited(edits: &[(&str, &str)]) -> String {
    let mut text = MINI.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "the fixture lacks {from:?}");
        text = text.replace(from, to);
    }
    text
}

fn scenario(text: &str) -> Scenario {
    casework::source::parse_ron("scenario.ron", text).expect("the edited case parses")
}

fn case(text: &str) -> Arc<Case> {
    Case::new(scenario(text), "test")
}

/// What `casework check` says about a bank of the edited scenario and the mini rubric.
fn diagnostics(text: &str) -> Vec<Diagnostic> {
    let dir = scratch(&[("scenario.ron", text), ("rubric.ron", RUBRIC)]);
    let bank = Bank::from_dir(dir.path()).expect("bank folder");
    check::check_bank(&bank)
}

fn has(diags: &[Diagnostic], severity: Severity, message: &str) -> bool {
    diags
        .iter()
        .any(|d| d.severity == severity && d.message == message)
}

fn shown(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| format!("{:?} {}", d.severity, d.message))
        .collect::<Vec<_>>()
        .join("\n")
}

// 1. Time since a decision or an event.

const TO_MONITORING: &str = "accompany\n";

#[test]
fn a_decision_waiting_weeks_after_another_opens_only_once_they_have_passed() {
    let text = edited(&[(
        "requires: [AtLeast(\"income\", 5)]",
        "requires: [AtLeast(\"income\", 5), WeeksSince(Decision(\"accompany\"), 2)]",
    )]);
    let case = case(&text);
    let seed = no_suspension_seed();
    // `accompany` is taken on day 9 and takes a week: day 16.
    let mut s = play(&case, seed, &format!("{TO_IMPLEMENTATION}{TO_MONITORING}"));
    assert_eq!(s.state().day, 16);
    let wait = Condition::WeeksSince(Since::Decision("accompany".into()), 2);
    for _ in 0..3 {
        match s.check("to-exit") {
            Err(Refusal::Unmet { condition, .. }) => assert_eq!(condition, wait),
            other => panic!("to-exit open on day {}: {other:?}", s.state().day),
        }
        decide(&mut s, "call-client");
    }
    // Day 22: 13 days since; one more phone call makes it 15.
    assert!(s.check("to-exit").is_err());
    decide(&mut s, "call-client");
    assert_eq!(s.days_since(&Since::Decision("accompany".into())), Some(15));
    assert!(s.check("to-exit").is_ok(), "two weeks have passed");
}

#[test]
fn within_weeks_of_an_event_holds_from_it_until_the_window_closes() {
    let case = mini_case();
    let mut s = play(&case, no_suspension_seed(), TO_IMPLEMENTATION);
    let within = Condition::WithinWeeks(Since::Event("grandson-ill".into()), 1);
    let since = Condition::WeeksSince(Since::Event("grandson-ill".into()), 1);
    assert!(!s.holds(&within), "the event has not happened yet");
    assert!(!s.holds(&since));
    decide(&mut s, "accompany"); // day 16, week 3: the grandson falls ill
    assert!(happened(&s, "grandson-ill"));
    assert!(s.holds(&within));
    assert!(!s.holds(&since));
    for _ in 0..4 {
        decide(&mut s, "call-client"); // day 24
    }
    assert!(!s.holds(&within), "eight days after the event");
    assert!(s.holds(&since));
}

#[test]
fn an_event_can_wait_weeks_after_a_decision() {
    let text = edited(&[(
        "(id: \"grandson-ill\", trigger: Week(3),",
        "(id: \"grandson-ill\", trigger: When, requires: [WeeksSince(Decision(\"consent\"), 1)],",
    )]);
    let case = case(&text);
    let s = play(&case, 1, "consent\ninterview\n"); // day 4
    assert!(!happened(&s, "grandson-ill"));
    let s = play(&case, 1, "consent\ninterview\nhome-visit\n"); // day 8
    assert!(happened(&s, "grandson-ill"));
}

#[test]
fn check_refuses_a_time_condition_on_an_unknown_item_or_longer_than_the_case() {
    let unknown = edited(&[(
        "Taken(\"interview\")",
        "WeeksSince(Decision(\"intervew\"), 1)",
    )]);
    let diags = diagnostics(&unknown);
    assert!(
        has(
            &diags,
            Severity::Error,
            "decision `home-visit` names decision `intervew`, which does not exist"
        ),
        "{}",
        shown(&diags)
    );
    let too_long = edited(&[(
        "Taken(\"interview\")",
        "WeeksSince(Event(\"grandson-ill\"), 7)",
    )]);
    let diags = diagnostics(&too_long);
    assert!(
        diags.iter().any(|d| d.severity == Severity::Error
            && d.message
                .starts_with("decision `home-visit` can never be taken")),
        "{}",
        shown(&diags)
    );
    let fine = edited(&[(
        "Taken(\"interview\")",
        "WithinWeeks(Event(\"grandson-ill\"), 7)",
    )]);
    assert!(check::errors(&diagnostics(&fine)) == 0);
}

#[test]
fn a_time_condition_in_words_names_an_event_only_once_it_has_happened() {
    let case = mini_case();
    let s = play(&case, 1, "consent\n");
    let l = Localizer::new("en");
    let event = Condition::WeeksSince(Since::Event("grandson-ill".into()), 2);
    let text = condition_text(&event, &s, &l);
    assert!(!text.contains("grandson"), "{text}");
    assert!(text.contains("2 weeks"), "{text}");
    let decision = Condition::WithinWeeks(Since::Decision("consent".into()), 1);
    let text = condition_text(&decision, &s, &l);
    assert!(text.contains("Explain confidentiality"), "{text}");
    assert!(text.contains("1 week "), "{text}");
    let uk = condition_text(&decision, &s, &Localizer::new("uk"));
    assert!(uk.contains("1 тиждень"), "{uk}");
}

fn rule(check: Check) -> Rule {
    let text = |s: &str| Text([("en".to_string(), s.to_string())].into());
    Rule {
        id: "r".into(),
        title: None,
        check,
        points: 4,
        critical: false,
        met: text("met"),
        missed: text("missed"),
    }
}

#[test]
fn a_response_window_in_days_closes_with_case_time() {
    let mut rubric = mini_rubric();
    let seed = no_suspension_seed();
    // The grandson falls ill on day 16, in the step of `accompany`; the revision comes on
    // day 18, the second decision after it.
    let s = play(
        &mini_case(),
        seed,
        &format!("{TO_IMPLEMENTATION}accompany\ncall-client\nrevise\n"),
    );
    let mut status = |within_days| {
        let check = Check::RespondedTo {
            event: "grandson-ill".into(),
            with: vec!["revise".into()],
            within: 5,
            within_days,
        };
        rubric.criteria.truncate(1);
        rubric.criteria[0].rules = vec![rule(check)];
        score::score(&s, &rubric).criteria[0].rules[0].status
    };
    assert_eq!(status(None), Status::Met);
    assert_eq!(status(Some(2)), Status::Met);
    assert_eq!(status(Some(1)), Status::Missed);
}

#[test]
fn a_rubric_without_within_days_still_reads() {
    let r: Check = casework::source::parse_ron(
        "rubric.ron",
        "RespondedTo(event: \"e\", with: [\"d\"], within: 2)",
    )
    .expect("parses");
    assert!(matches!(
        r,
        Check::RespondedTo {
            within_days: None,
            ..
        }
    ));
}

// 2. Outcomes that depend on the case so far.

const SECOND_LOOK: &str = "(id: \"interview\", stage: Assessment,\n         outcome_if: [(when: [Known(\"why-address\")], text: {\"uk\": \"Ви ще раз говорите про переїзд.\", \"en\": \"You go over the move again.\"})],";

#[test]
fn the_first_outcome_whose_conditions_hold_before_the_effects_is_shown() {
    let text = edited(&[("(id: \"interview\", stage: Assessment,", SECOND_LOOK)]);
    let case = case(&text);
    let mut s = Session::new(Arc::clone(&case), 1, "en");
    decide(&mut s, "consent");
    // The interview reveals `why-address` itself: its own effects do not choose its text.
    let first = s.apply(Action::decide("interview")).expect("interview");
    assert_eq!(first.outcome_variant, None);
    assert_eq!(
        step_outcome_text(&first, &s, "en"),
        Some("You learn about the move.")
    );
    decide(&mut s, "to-plan");
    decide(&mut s, "back-to-assessment");
    let again = s
        .apply(Action::decide("interview"))
        .expect("interview again");
    assert_eq!(again.outcome_variant, Some(0));
    assert_eq!(
        step_outcome_text(&again, &s, "uk"),
        Some("Ви ще раз говорите про переїзд.")
    );
    // Replay gives the same outcomes: the choice is not in the log, it is recomputed.
    let replayed = Session::replay(Arc::clone(&case), s.log()).expect("replays");
    assert_eq!(replayed.state(), s.state());
}

#[test]
fn check_validates_the_conditions_and_languages_of_outcome_texts() {
    let unknown = edited(&[(
        "(id: \"interview\", stage: Assessment,",
        &SECOND_LOOK.replace("Known(\"why-address\")", "Known(\"why-adress\")"),
    )]);
    let diags = diagnostics(&unknown);
    assert!(
        has(
            &diags,
            Severity::Error,
            "outcome 1 of decision `interview` names fact `why-adress`, which does not exist"
        ),
        "{}",
        shown(&diags)
    );
    let no_english = edited(&[(
        "(id: \"interview\", stage: Assessment,",
        &SECOND_LOOK.replace(", \"en\": \"You go over the move again.\"", ""),
    )]);
    let diags = diagnostics(&no_english);
    assert!(
        has(
            &diags,
            Severity::Error,
            "`decision.interview.outcome_if.1.text` has no `en` text, though the case declares `en`"
        ),
        "{}",
        shown(&diags)
    );
}

// 3. A client without a smartphone.

const APP: (&str, &str) = (
    "meets: [],\n            online_only: true,",
    "meets: [\"pension\"],\n            needs_smartphone: true,",
);

fn item() -> PlanItem {
    PlanItem {
        need: "pension".into(),
        goal: "restore".into(),
        service: "online-portal".into(),
        deadline_week: 4,
        added_week: 2,
    }
}

fn at_plan(case: &Arc<Case>) -> Session {
    play(case, 1, "consent\ninterview\nto-plan\n")
}

#[test]
fn an_app_serves_only_a_client_with_a_smartphone_and_internet_access() {
    let with_phone = case(&edited(&[APP]));
    assert_eq!(at_plan(&with_phone).plan_faults(&item()), []);
    let no_phone = case(&edited(&[APP, ("age: 67,", "age: 67, smartphone: false,")]));
    assert_eq!(
        at_plan(&no_phone).plan_faults(&item()),
        [PlanFault::NeedsSmartphone]
    );
    assert!(!at_plan(&no_phone).covers(&item()));
    let offline = case(&edited(&[APP, ("age: 67,", "age: 67, internet: false,")]));
    assert_eq!(
        at_plan(&offline).plan_faults(&item()),
        [PlanFault::NeedsSmartphone]
    );
    // Without a smartphone a web portal still serves a client with internet access.
    let portal = case(&edited(&[
        ("meets: [],", "meets: [\"pension\"],"),
        ("age: 67,", "age: 67, smartphone: false,"),
    ]));
    assert_eq!(at_plan(&portal).plan_faults(&item()), []);
    assert!(scenario(MINI).client.smartphone, "a smartphone by default");
}

#[test]
fn check_warns_of_a_service_the_client_can_never_use_that_no_decision_tries() {
    let no_phone = [APP, ("age: 67,", "age: 67, smartphone: false,")];
    let tried = diagnostics(&edited(&no_phone));
    assert!(tried.is_empty(), "{}", shown(&tried));
    let untried = edited(&[
        no_phone[0],
        no_phone[1],
        (
            "mode: Independent, service: \"online-portal\",",
            "mode: Independent,",
        ),
    ]);
    let diags = diagnostics(&untried);
    assert!(
        has(
            &diags,
            Severity::Warning,
            "service `online-portal` can never serve this client: it needs a smartphone, \
             which the client does not have, and no decision tries it"
        ),
        "{}",
        shown(&diags)
    );
}

// 4. Variables hidden from the student.

#[test]
fn a_hidden_variable_is_never_named_nor_shown_in_a_refusal() {
    let text = edited(&[(
        "(id: \"income\", label: {\"uk\": \"Дохід\", \"en\": \"Income\"}, min: 0, max: 10, initial: 2)",
        "(id: \"income\", label: {\"uk\": \"Дохід\", \"en\": \"Income\"}, min: 0, max: 10, initial: 2, hidden: true)",
    )]);
    let case = case(&text);
    assert!(case.scenario.variables[1].hidden);
    assert!(!case.scenario.variables[0].hidden);
    let s = play(&case, 1, "consent\n");
    let cond = Condition::AtLeast("income".into(), 5);
    for lang in ["en", "uk"] {
        let said = condition_text(&cond, &s, &Localizer::new(lang));
        assert!(
            !said.contains("Income") && !said.contains("Дохід"),
            "{said}"
        );
        assert!(!said.contains('2') && !said.contains('5'), "{said}");
    }
    let shown = condition_text(
        &cond,
        &play(&mini_case(), 1, "consent\n"),
        &Localizer::new("en"),
    );
    assert!(shown.contains("Income"), "{shown}");
}

// 5. Where a case comes from.

#[test]
fn the_source_and_the_invented_facts_are_read_and_checked() {
    let s = scenario(MINI);
    let source = s.source.expect("the fixture names its source");
    assert_eq!(source.title, "Casework scenario bank");
    assert_eq!(source.url, None);
    let without = edited(&[(SOURCE_LINE, "")]);
    let diags = diagnostics(&without);
    assert!(
        has(
            &diags,
            Severity::Warning,
            "case `mini-pension` does not say where it comes from"
        ),
        "{}",
        shown(&diags)
    );
    let invented = edited(&[(
        SOURCE_LINE,
        &format!("{SOURCE_LINE}    invented: [\"where-dorm\", \"where-dom\"],\n"),
    )]);
    let diags = diagnostics(&invented);
    assert_eq!(
        diags.iter().map(|d| d.message.as_str()).collect::<Vec<_>>(),
        ["`invented` names fact `where-dom`, which does not exist"]
    );
    let with_url = edited(&[(
        "licence: \"MIT OR Apache-2.0\")",
        "url: \"https://example.org/case\", licence: \"CC BY 4.0\")",
    )]);
    let source = scenario(&with_url).source.expect("source");
    assert_eq!(source.url.as_deref(), Some("https://example.org/case"));
}
