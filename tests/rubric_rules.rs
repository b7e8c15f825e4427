//! Every kind of rubric rule, met and missed, and how rules add up to a verdict.

mod common;

use casework::i18n::Localizer;
use casework::rubric::{Check, Competency, Criterion, Marker, Rubric, RubricKind, Rule};
use casework::scenario::{Stage, Text};
use casework::score::{self, RuleResult, Status};
use common::*;

fn text(s: &str) -> Text {
    Text(
        [
            ("en".to_string(), s.to_string()),
            ("uk".to_string(), s.to_string()),
        ]
        .into(),
    )
}

fn rule(id: &str, check: Check, points: u32, critical: bool) -> Rule {
    Rule {
        id: id.into(),
        title: None,
        check,
        points,
        critical,
        met: text(&format!("{id}: well done")),
        missed: text(&format!("{id}: here is why it matters")),
    }
}

fn rubric(rules: Vec<Rule>, pass_mark: u32) -> Rubric {
    Rubric {
        id: "t".into(),
        scenario: "mini-pension".into(),
        kind: RubricKind::Formative,
        title: text("t"),
        pass_mark,
        groups: Default::default(),
        criteria: vec![Criterion {
            id: "c".into(),
            competency: Competency::Assessment,
            title: text("c"),
            weight: 1,
            rules,
        }],
    }
}

/// Scores one rule against the session played from `script` with `seed`.
fn judge(check: Check, seed: u64, script: &str) -> RuleResult {
    let s = play(&mini_case(), seed, script);
    let report = score::score(&s, &rubric(vec![rule("r", check, 4, false)], 50));
    report.criteria[0].rules[0].clone()
}

const GOOD_END: &str = "accompany\nto-exit\nclose\n";

/// Plays `script`, which must reach monitoring, then phones the client until the case runs
/// out of time: a finished session whatever the script left undone.
fn play_out(seed: u64, script: &str) -> casework::engine::Session {
    let mut s = play(&mini_case(), seed, script);
    while !s.ended() {
        decide(&mut s, "call-client");
    }
    s
}

/// Scores one rule against a session played out to the end of its time.
fn judge_played_out(check: Check, seed: u64, script: &str) -> RuleResult {
    let s = play_out(seed, script);
    let report = score::score(&s, &rubric(vec![rule("r", check, 4, false)], 50));
    report.criteria[0].rules[0].clone()
}

#[test]
fn taken_and_avoided() {
    let r = judge(
        Check::Taken(vec!["home-visit".into()]),
        1,
        TO_IMPLEMENTATION,
    );
    assert_eq!((r.status, r.points), (Status::Met, 4.0));
    assert_eq!(r.evidence.len(), 1);
    assert_eq!(r.evidence[0].step, 3, "the home visit was step 3");
    assert_eq!(r.feedback, "r: well done");

    // Not yet taken, but the session goes on: it may still be.
    let r = judge(Check::Taken(vec!["accompany".into()]), 1, TO_IMPLEMENTATION);
    assert_eq!(
        (r.status, r.points, r.feedback.as_str()),
        (Status::Pending, 0.0, "")
    );
    let r = judge_played_out(
        Check::Taken(vec!["accompany".into()]),
        1,
        &format!("{TO_IMPLEMENTATION}send-link\n"),
    );
    assert_eq!((r.status, r.points), (Status::Missed, 0.0));
    assert_eq!(r.feedback, "r: here is why it matters");

    let r = judge(
        Check::Avoided(vec!["send-link".into()]),
        1,
        &format!("{TO_IMPLEMENTATION}send-link\n"),
    );
    assert_eq!(r.status, Status::Missed);
    assert_eq!(r.evidence[0].step, 7, "points at the step that broke it");
    let r = judge(
        Check::Avoided(vec!["send-link".into()]),
        1,
        TO_IMPLEMENTATION,
    );
    assert_eq!(r.status, Status::Pending, "the link may still be sent");
    let r = judge(
        Check::Avoided(vec!["send-link".into()]),
        no_suspension_seed(),
        &format!("{TO_IMPLEMENTATION}{GOOD_END}"),
    );
    assert_eq!(r.status, Status::Met);
}

#[test]
fn before_orders_decisions_stages_facts_and_events() {
    let consent_first = Check::Before(
        Marker::Decision("consent".into()),
        Marker::Stage(Stage::Assessment),
    );
    assert_eq!(
        judge(consent_first.clone(), 1, "consent\n").status,
        Status::Met
    );
    let r = judge(consent_first.clone(), 1, "rush-assessment\n");
    assert_eq!(r.status, Status::Missed);
    assert_eq!(r.evidence[0].step, 1);
    // Nothing to order yet: the rule is still open.
    assert_eq!(judge(consent_first, 1, "").status, Status::Pending);

    let fact_before_plan = Check::Before(
        Marker::Fact("what-no-phone".into()),
        Marker::Stage(Stage::ServicePlan),
    );
    assert_eq!(
        judge(fact_before_plan.clone(), 1, TO_IMPLEMENTATION).status,
        Status::Met
    );
    assert_eq!(
        judge(fact_before_plan, 1, "consent\ninterview\nto-plan\n").status,
        Status::Missed
    );

    let event_before_exit = Check::Before(
        Marker::Event("grandson-ill".into()),
        Marker::Decision("close".into()),
    );
    let seed = no_suspension_seed();
    assert_eq!(
        judge(
            event_before_exit,
            seed,
            &format!("{TO_IMPLEMENTATION}{GOOD_END}")
        )
        .status,
        Status::Met
    );
}

#[test]
fn key_facts_and_five_w_before_planning_earn_a_share() {
    // The interview reveals 2 of the 3 key facts and 3 of the 5 W.
    let r = judge(
        Check::KeyFactsBefore(Stage::ServicePlan),
        1,
        "consent\ninterview\nto-plan\n",
    );
    assert_eq!(r.status, Status::Partial);
    assert!((r.points - 4.0 * 2.0 / 3.0).abs() < 0.01, "{}", r.points);
    assert_eq!(r.detail.as_deref(), Some("She has no smartphone."));
    assert_eq!(r.feedback, "r: here is why it matters");
    let r = judge(
        Check::FiveWBefore(Stage::ServicePlan),
        1,
        "consent\ninterview\nto-plan\n",
    );
    assert_eq!((r.status, r.points), (Status::Partial, 2.4));
    assert_eq!(r.detail.as_deref(), Some("Where; What"));
    // Facts found after planning began do not count.
    let r = judge(Check::FiveWBefore(Stage::ServicePlan), 1, TO_IMPLEMENTATION);
    assert_eq!(r.status, Status::Met);
    let r = judge(
        Check::FactsBefore(vec!["where-dorm".into()], Stage::ServicePlan),
        1,
        "consent\ninterview\nto-plan\n",
    );
    assert_eq!(r.status, Status::Missed);
}

#[test]
fn needs_covered_and_a_realistic_plan() {
    let seed = no_suspension_seed();
    let done = format!("{TO_IMPLEMENTATION}{GOOD_END}");
    let r = judge(Check::NeedsCovered, seed, &done);
    assert_eq!(r.status, Status::Met);
    assert_eq!(r.evidence[0].step, 5, "the plan line");
    // The plan can change until the end: covered so far is not yet covered.
    let r = judge(Check::NeedsCovered, 1, TO_IMPLEMENTATION);
    assert_eq!((r.status, r.points), (Status::Pending, 0.0));
    assert_eq!(r.evidence[0].step, 5, "the plan so far");
    // A service that does not meet the need leaves it uncovered.
    let script = "consent\ninterview\nto-plan\nplan pension restore online-portal 2\n";
    let r = judge(Check::NeedsCovered, 1, script);
    assert_eq!(r.status, Status::Pending);
    assert_eq!(
        r.detail.as_deref(),
        Some("Pension restored"),
        "short so far"
    );
    let r = judge_played_out(
        Check::NeedsCovered,
        1,
        &format!("{script}plan-agreed\nsend-link\n"),
    );
    assert_eq!(r.status, Status::Missed);
    assert_eq!(r.detail.as_deref(), Some("Pension restored"));
    let r = judge(Check::NeedsCovered, 1, "consent\n");
    assert_eq!(r.status, Status::Pending, "nothing identified yet");

    assert_eq!(judge(Check::RealisticPlan, seed, &done).status, Status::Met);
    assert_eq!(
        judge(Check::RealisticPlan, seed, TO_IMPLEMENTATION).status,
        Status::Pending
    );
    // Vague goal, and a deadline before the service can start (it waits a week).
    let vague = "consent\ninterview\nto-plan\nplan pension help-somehow pension-fund 1\n";
    let r = judge(Check::RealisticPlan, seed, vague);
    assert_eq!(r.status, Status::Pending, "the plan can still be mended");
    let r = judge(
        Check::RealisticPlan,
        seed,
        &format!("{vague}plan-agreed\n{GOOD_END}"),
    );
    assert_eq!(r.status, Status::Missed);
    let detail = r.detail.unwrap();
    assert!(
        detail.contains("the goal is vague")
            && detail.contains("before the service can start: week 2 at the earliest"),
        "{detail}"
    );
}

#[test]
fn responded_to_a_signal_within_n_steps() {
    let seed = suspension_seed();
    let check = |within| Check::RespondedTo {
        event: "payment-stops".into(),
        with: vec!["interview".into()],
        within,
        within_days: None,
    };
    let r = judge(
        check(1),
        seed,
        &format!("{TO_IMPLEMENTATION}accompany\ninterview\n"),
    );
    assert_eq!(r.status, Status::Met);
    assert_eq!(r.evidence.len(), 2, "the signal and the answer");
    let r = judge(
        check(1),
        seed,
        &format!("{TO_IMPLEMENTATION}accompany\nhome-visit\ninterview\n"),
    );
    assert_eq!(r.status, Status::Missed, "answered a step too late");
    let r = judge(
        check(2),
        seed,
        &format!("{TO_IMPLEMENTATION}accompany\nhome-visit\ninterview\n"),
    );
    assert_eq!(r.status, Status::Met);
    // Inside the window the answer may still come; once it has passed, it is missed.
    let r = judge(
        check(2),
        seed,
        &format!("{TO_IMPLEMENTATION}accompany\nhome-visit\n"),
    );
    assert_eq!(r.status, Status::Pending);
    assert_eq!(r.evidence.len(), 1, "the signal");
    let r = judge(
        check(1),
        seed,
        &format!("{TO_IMPLEMENTATION}accompany\nhome-visit\n"),
    );
    assert_eq!(r.status, Status::Missed, "the window has passed");
    // No signal yet: it may still come.
    let seed = no_suspension_seed();
    let r = judge(check(1), seed, &format!("{TO_IMPLEMENTATION}accompany\n"));
    assert_eq!(r.status, Status::Pending);
    // No signal by the end, nothing to answer: the rule does not count.
    let r = judge(check(1), seed, &format!("{TO_IMPLEMENTATION}{GOOD_END}"));
    assert_eq!(r.status, Status::NotApplicable);
}

#[test]
fn final_state_time_and_closure() {
    let seed = no_suspension_seed();
    let done = format!("{TO_IMPLEMENTATION}{GOOD_END}");
    let r = judge(Check::FinalAtLeast("income".into(), 5), seed, &done);
    assert_eq!(r.status, Status::Met);
    assert_eq!(r.detail.as_deref(), Some("Income: 7"));
    assert_eq!(
        judge(Check::FinalAtLeast("income".into(), 8), seed, &done).status,
        Status::Missed
    );
    // Trust: 4 at the start, 6 after consent, 7 after the accompaniment.
    assert_eq!(
        judge(Check::FinalAtMost("trust".into(), 7), seed, &done).status,
        Status::Met
    );
    assert_eq!(
        judge(Check::FinalAtMost("trust".into(), 6), seed, &done).status,
        Status::Missed
    );
    // Values can still move until the end.
    let r = judge(Check::FinalAtMost("trust".into(), 3), 1, "consent\n");
    assert_eq!(r.status, Status::Pending);
    assert_eq!(r.detail.as_deref(), Some("Trust: 6"), "the value so far");
    // consent 1 day, interview 3, home visit 4, agreement 1, accompaniment 7, closing 1 = 17 days.
    assert_eq!(
        judge(Check::WeeksAtMost(3), seed, &done).status,
        Status::Met
    );
    assert_eq!(
        judge(Check::WeeksAtMost(2), seed, &done).status,
        Status::Missed
    );
    assert_eq!(
        judge(Check::ClosedByDecision, seed, &done).status,
        Status::Met
    );
    // 9 days so far: more than one week is already used, three may still be enough.
    assert_eq!(
        judge(Check::WeeksAtMost(1), seed, TO_IMPLEMENTATION).status,
        Status::Missed
    );
    assert_eq!(
        judge(Check::WeeksAtMost(3), seed, TO_IMPLEMENTATION).status,
        Status::Pending
    );
    assert_eq!(
        judge(Check::ClosedByDecision, seed, TO_IMPLEMENTATION).status,
        Status::Pending
    );
    let r = judge_played_out(
        Check::ClosedByDecision,
        seed,
        &format!("{TO_IMPLEMENTATION}send-link\n"),
    );
    assert_eq!(r.status, Status::Missed, "ran out of time");
}

#[test]
fn a_critical_rule_fails_the_attempt_whatever_the_points() {
    let rules = vec![
        rule(
            "consent",
            Check::Before(
                Marker::Decision("consent".into()),
                Marker::Stage(Stage::Assessment),
            ),
            1,
            true,
        ),
        rule("home", Check::Taken(vec!["home-visit".into()]), 99, false),
    ];
    let r = rubric(rules, 50);
    let s = play(&mini_case(), 1, "rush-assessment\ninterview\nhome-visit\n");
    let report = score::score(&s, &r);
    assert_eq!(report.total, 99.0);
    assert!(!report.passed);
    assert_eq!(report.critical_failures, vec!["consent".to_string()]);
    // Named by its criterion ("c"): rule ids are the instructor's, not the student's. The
    // session is unfinished, but a broken critical rule stays broken.
    let text = score::render_text(&report, &Localizer::new("en"));
    assert!(
        text.contains("Result: NOT PASSED — critical error in: c\n"),
        "{text}"
    );
}

#[test]
fn the_total_is_the_weighted_share_and_the_pass_mark_decides() {
    let mut r = mini_rubric();
    let seed = no_suspension_seed();
    let s = play(
        &mini_case(),
        seed,
        &format!("{TO_IMPLEMENTATION}{GOOD_END}"),
    );
    let report = score::score(&s, &r);
    assert_eq!(report.total, 100.0);
    assert!(report.passed);
    // The same session with the monitoring signal not applicable keeps its 100%.
    let monitoring = report
        .criteria
        .iter()
        .find(|c| c.id == "monitoring")
        .unwrap();
    assert_eq!(
        monitoring.max, 3,
        "the not-applicable rule's 2 points are left out"
    );

    // The portal link instead of the accompaniment, and then the time runs out.
    let s = play_out(seed, &format!("{TO_IMPLEMENTATION}send-link\n"));
    let report = score::score(&s, &r);
    // engagement 2/2 (w1), assessment 8/8 (w2), planning 4/7 (w2), monitoring 1/3 (w1),
    // exit 0/3 (w1): (100 + 200 + 2*57.14 + 33.33 + 0) / 7.
    assert_eq!(report.total, 63.9);
    assert!(report.passed);
    r.pass_mark = 70;
    assert!(!score::score(&s, &r).passed);
}

#[test]
fn the_report_explains_in_the_sessions_language() {
    let seed = no_suspension_seed();
    let mut s = casework::engine::Session::new(mini_case(), seed, "uk");
    for line in TO_IMPLEMENTATION.lines() {
        let steps = casework::choices::parse("x", line).unwrap().steps;
        s.apply(steps[0].1.clone()).unwrap();
    }
    let report = score::score(&s, &mini_rubric());
    let text = score::render_text(&report, &Localizer::new("uk"));
    assert!(text.contains("Навчальна рубрика"), "{text}");
    assert!(
        text.contains("крок 1 (Прийом і договір): Пояснити конфіденційність і отримати згоду"),
        "{text}"
    );
    // The case is still open: whether it is closed well is not decided yet.
    assert!(
        text.contains("Сесію не завершено — оцінка попередня"),
        "{text}"
    );
    assert!(text.contains("Завершення — ще не вирішено"), "{text}");
    assert!(!text.contains("Випадок не закрито."), "{text}");
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["criteria"][0]["rules"][0]["status"], "met");
    assert_eq!(json["criteria"][4]["rules"][0]["status"], "pending");
    assert_eq!(json["finished"], false);
    assert_eq!(json["passed"], false);
}

#[test]
fn editing_the_plan_does_not_use_up_the_time_to_respond() {
    let seed = suspension_seed();
    // A variant where the suspension sends the case to plan revision, where the plan can be
    // edited before agreeing it again.
    let mut scenario = mini_case().scenario.clone();
    scenario
        .events
        .iter_mut()
        .find(|e| e.id == "payment-stops")
        .unwrap()
        .return_to = Some(Stage::PlanRevision);
    let case = casework::engine::Case::new(scenario, "test");
    let s = play(
        &case,
        seed,
        &format!(
            "{TO_IMPLEMENTATION}accompany\nplan pension restore pension-fund 6\nplan-agreed\n"
        ),
    );
    let check = Check::RespondedTo {
        event: "payment-stops".into(),
        with: vec!["plan-agreed".into()],
        within: 1,
        within_days: None,
    };
    let report = score::score(&s, &rubric(vec![rule("r", check, 4, false)], 50));
    let r = &report.criteria[0].rules[0];
    assert_eq!(r.status, Status::Met, "{r:?}");
    assert_eq!(
        r.evidence.last().unwrap().step,
        9,
        "the agreement, after the plan line at step 8"
    );
}
