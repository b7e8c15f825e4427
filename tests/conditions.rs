//! Every kind of condition, judged on a session whose state is known: what opens a
//! decision or fires an event must mean what docs/formats.md says. (Written after
//! cargo-mutants showed that negating `Unknown` or flipping `UntilWeek` went unnoticed.)

mod common;

use casework::scenario::{Condition, Since, Stage};
use common::*;

#[test]
fn each_condition_holds_exactly_when_the_session_is_in_that_state() {
    let case = mini_case();
    // After consent (day 1) and the interview (3 days): week 1, at assessment; the
    // interview told who, why and when; the home visit (where, what) has not happened.
    let s = play(&case, 1, "consent\ninterview\n");
    assert_eq!(s.state().week(), 1);
    let s_text = |c: &Condition| format!("{c:?}");
    let table: Vec<(Condition, bool)> = vec![
        (Condition::Taken("consent".into()), true),
        (Condition::Taken("home-visit".into()), false),
        (Condition::NotTaken("home-visit".into()), true),
        (Condition::NotTaken("consent".into()), false),
        (Condition::Known("why-address".into()), true),
        (Condition::Known("where-dorm".into()), false),
        (Condition::Unknown("where-dorm".into()), true),
        (Condition::Unknown("why-address".into()), false),
        (Condition::Happened("grandson-ill".into()), false),
        (Condition::NotHappened("grandson-ill".into()), true),
        (Condition::AtLeast("trust".into(), 6), true),
        (Condition::AtLeast("trust".into(), 7), false),
        (Condition::AtMost("trust".into(), 6), true),
        (Condition::AtMost("trust".into(), 5), false),
        (Condition::FromWeek(1), true),
        (Condition::FromWeek(2), false),
        (Condition::UntilWeek(1), true),
        (Condition::UntilWeek(0), false),
        (Condition::Planned("pension".into()), false),
        (Condition::AtStage(Stage::Assessment), true),
        (Condition::AtStage(Stage::Intake), false),
        (Condition::NotAtStage(Stage::Intake), true),
        (Condition::NotAtStage(Stage::Assessment), false),
        (
            Condition::Any(vec![
                Condition::Taken("home-visit".into()),
                Condition::Known("why-address".into()),
            ]),
            true,
        ),
        (
            Condition::Any(vec![
                Condition::Taken("home-visit".into()),
                Condition::Known("where-dorm".into()),
            ]),
            false,
        ),
        (
            Condition::WeeksSince(Since::Decision("consent".into()), 0),
            true,
        ),
        (
            Condition::WeeksSince(Since::Decision("consent".into()), 1),
            false,
        ),
        (
            Condition::WithinWeeks(Since::Decision("consent".into()), 1),
            true,
        ),
        (
            Condition::WithinWeeks(Since::Decision("home-visit".into()), 1),
            false,
        ),
    ];
    for (c, expected) in &table {
        assert_eq!(s.holds(c), *expected, "{}", s_text(c));
    }
}

#[test]
fn week_conditions_follow_case_time() {
    let case = mini_case();
    // Consent, interview and the home visit take 8 days: week 2.
    let s = play(&case, 1, "consent\ninterview\nhome-visit\n");
    assert_eq!(s.state().week(), 2);
    assert!(s.holds(&Condition::UntilWeek(2)));
    assert!(!s.holds(&Condition::UntilWeek(1)));
    assert!(s.holds(&Condition::FromWeek(2)));
    assert!(!s.holds(&Condition::FromWeek(3)));
    assert!(s.holds(&Condition::Unknown("nothing-like-it".into())));
    assert!(!s.holds(&Condition::Unknown("where-dorm".into())));
}
