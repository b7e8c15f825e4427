//! The engine's texts for people: every name a screen shows has its message in both
//! languages, and refusals speak in the case's labels without ids and without giving away
//! what the student has not found out.

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;

use casework::engine::{
    Action, Case, End, PlanFault, Refusal, Session, TrainingMode, VisitKind, condition_text,
    plan_fault_text, refusal_text,
};
use casework::i18n::{LOCALES, Localizer};
use casework::rubric::Competency;
use casework::scenario::{Condition, Domain, Mode, Role, Stage, W};
use common::*;
use fluent_syntax::ast::Entry;

fn ids(sources: &[&str]) -> BTreeSet<String> {
    let mut all = BTreeSet::new();
    for source in sources {
        let resource = fluent_syntax::parser::parse(*source).expect("the .ftl file parses");
        for e in &resource.body {
            if let Entry::Message(m) = e {
                all.insert(m.id.name.to_string());
            }
        }
    }
    all
}

#[test]
fn every_variant_a_screen_shows_has_its_message_in_both_languages() {
    let mut wanted: Vec<String> = Vec::new();
    wanted.extend(W::ALL.iter().map(|w| format!("w-{}", w.key())));
    wanted.extend(Mode::ALL.iter().map(|m| format!("mode-{}", m.key())));
    wanted.extend(Role::ALL.iter().map(|r| format!("role-{}", r.key())));
    wanted.extend(Domain::ALL.iter().map(|d| format!("domain-{}", d.key())));
    wanted.extend(
        Competency::ALL
            .iter()
            .map(|c| format!("competency-{}", c.key())),
    );
    let ends = [
        End::Closed {
            decision: "x".into(),
        },
        End::EndedByEvent { event: "x".into() },
        End::OutOfTime,
    ];
    wanted.extend(ends.iter().map(|e| format!("end-{}", e.key())));
    wanted.extend(VisitKind::ALL.iter().map(|v| format!("visit-{}", v.key())));
    wanted.extend(
        TrainingMode::ALL
            .iter()
            .map(|m| format!("training-mode-{}", m.key())),
    );
    // Every key is distinct within its enum, so no two variants share a message.
    assert_eq!(
        wanted.iter().collect::<BTreeSet<_>>().len(),
        wanted.len(),
        "two variants share a key"
    );
    for (lang, sources) in LOCALES {
        let have = ids(sources);
        let missing: Vec<&String> = wanted.iter().filter(|id| !have.contains(*id)).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
    }
}

#[test]
fn every_plan_fault_has_a_text_in_both_languages() {
    let faults = [
        PlanFault::VagueGoal,
        PlanFault::DoesNotMeetNeed,
        PlanFault::OnlineOnly,
        PlanFault::NeedsSmartphone,
        PlanFault::DeadlineTooSoon { earliest: 3 },
    ];
    for lang in ["en", "uk"] {
        let l = Localizer::new(lang);
        let texts: BTreeSet<String> = faults.iter().map(|f| plan_fault_text(f, &l)).collect();
        assert_eq!(
            texts.len(),
            faults.len(),
            "{lang}: two faults read the same"
        );
        for t in &texts {
            assert!(!t.contains("engine-"), "{lang}: a missing message: {t}");
        }
        assert!(plan_fault_text(&faults[4], &l).contains('3'));
    }
}

/// Every id of the case: none may appear in a text for people.
fn case_ids(case: &Case) -> Vec<String> {
    let s = &case.scenario;
    let mut ids: Vec<String> = Vec::new();
    ids.extend(s.decisions.iter().map(|x| x.id.clone()));
    ids.extend(s.facts.iter().map(|x| x.id.clone()));
    ids.extend(s.needs.iter().map(|x| x.id.clone()));
    ids.extend(
        s.needs
            .iter()
            .flat_map(|n| n.goals.iter().map(|g| g.id.clone())),
    );
    ids.extend(s.services.iter().map(|x| x.id.clone()));
    ids.extend(s.variables.iter().map(|x| x.id.clone()));
    ids.extend(s.events.iter().map(|x| x.id.clone()));
    ids
}

/// One refusal of every kind, on the mini case.
fn every_refusal() -> Vec<Refusal> {
    vec![
        Refusal::CaseEnded,
        Refusal::UnknownDecision("no-such-decision".into()),
        Refusal::WrongStage {
            decision: "plan-agreed".into(),
            open_at: vec![Stage::ServicePlan, Stage::PlanRevision],
            current: Stage::Intake,
        },
        Refusal::AlreadyTaken("interview".into()),
        Refusal::Unmet {
            decision: "home-visit".into(),
            condition: Condition::Taken("interview".into()),
        },
        Refusal::Unmet {
            decision: "to-exit".into(),
            condition: Condition::Any(vec![
                Condition::AtLeast("income".into(), 5),
                Condition::Known("why-address".into()),
                Condition::Happened("payment-stops".into()),
                Condition::NotHappened("grandson-ill".into()),
                Condition::Unknown("where-dorm".into()),
                Condition::Planned("pension".into()),
                Condition::PlanComplete,
                Condition::FromWeek(2),
                Condition::UntilWeek(5),
                Condition::AtStage(Stage::Monitoring),
                Condition::NotAtStage(Stage::Exit),
                Condition::NotTaken("send-link".into()),
                Condition::AtMost("trust".into(), 3),
            ]),
        },
        Refusal::PlanNotOpen(Stage::Intake),
        Refusal::UnknownNeed("no-such-need".into()),
        Refusal::NeedNotIdentified("pension".into()),
        Refusal::UnknownGoal {
            need: "pension".into(),
            goal: "no-such-goal".into(),
        },
        Refusal::UnknownService("no-such-service".into()),
        Refusal::DeadlinePassed {
            deadline: 1,
            week: 2,
        },
        Refusal::DeadlineBeyondCase {
            deadline: 9,
            weeks: 6,
        },
        Refusal::NotInPlan {
            need: "pension".into(),
            service: "online-portal".into(),
        },
    ]
}

#[test]
fn refusal_texts_name_no_ids() {
    let case = mini_case();
    let mut ids = case_ids(&case);
    ids.extend(
        [
            "no-such-decision",
            "no-such-need",
            "no-such-goal",
            "no-such-service",
        ]
        .map(String::from),
    );
    // Early in the case (nothing known) and late (everything known, events happened).
    let sessions = [
        Session::new(Arc::clone(&case), 1, "uk"),
        play(
            &case,
            suspension_seed(),
            &format!("{TO_IMPLEMENTATION}accompany\n"),
        ),
    ];
    for s in &sessions {
        for refusal in every_refusal() {
            // Ukrainian labels are in Cyrillic, so any Latin id in the text is a leak;
            // English labels may use the same words as ids, so look for hyphenated ids there.
            let uk = refusal_text(&refusal, s, &Localizer::new("uk"));
            let en = refusal_text(&refusal, s, &Localizer::new("en"));
            for id in &ids {
                assert!(!uk.contains(id.as_str()), "`{id}` in «{uk}»");
                assert!(
                    !(id.contains('-') && en.contains(id.as_str())),
                    "`{id}` in “{en}”"
                );
            }
            for text in [&uk, &en] {
                assert!(!text.contains("engine-") && !text.is_empty(), "{text}");
            }
        }
    }
}

#[test]
fn a_refused_decision_is_explained_with_the_case_labels() {
    let case = mini_case();
    let mut s = play(&case, 1, "consent\n");
    let r = s.apply(Action::decide("home-visit")).unwrap_err();
    assert_eq!(
        refusal_text(&r, &s, &Localizer::new("en")),
        "“Visit her at home” is not possible yet: “Hold an interview” must be done first."
    );
    assert_eq!(
        refusal_text(&r, &s, &Localizer::new("uk")),
        "«Відвідати вдома» поки що неможливо: спершу потрібно: «Провести бесіду»."
    );
    let r = s.apply(Action::decide("close")).unwrap_err();
    let uk = refusal_text(&r, &s, &Localizer::new("uk"));
    assert!(
        uk.contains("«Вихід із програми»") && uk.contains("«Оцінка»"),
        "{uk}"
    );
}

#[test]
fn a_refusal_does_not_give_away_a_fact_not_yet_found() {
    // Planning needs a fact of the assessment: the refusal says to learn more, not what.
    let mut scenario = mini_case().scenario.clone();
    for d in &mut scenario.decisions {
        if d.id == "to-plan" {
            d.requires = vec![Condition::Known("why-address".into())];
        }
    }
    let case = Case::new(scenario, "test");
    let mut s = play(&case, 1, "consent\n");
    let r = s.apply(Action::decide("to-plan")).unwrap_err();
    let fact = case
        .scenario
        .fact("why-address")
        .expect("fact")
        .text
        .clone();
    for lang in ["uk", "en"] {
        let l = Localizer::new(lang);
        let text = refusal_text(&r, &s, &l);
        assert!(!text.contains(fact.get(lang)), "{text}");
        assert!(text.contains(&l.t("engine-cond-learn-more")), "{text}");
    }
    // Once it is known, the condition may name it.
    decide(&mut s, "interview");
    let cond = Condition::Known("why-address".into());
    let en = condition_text(&cond, &s, &Localizer::new("en"));
    assert!(en.contains(fact.get("en")), "{en}");
}

#[test]
fn a_need_not_yet_identified_is_not_named() {
    let case = mini_case();
    let mut s = play(&case, 1, "consent\nto-plan\n");
    let r = s
        .apply(Action::Plan {
            need: "pension".into(),
            goal: "restore".into(),
            service: "pension-fund".into(),
            deadline_week: 4,
        })
        .unwrap_err();
    assert_eq!(r, Refusal::NeedNotIdentified("pension".into()));
    let label = case.scenario.need("pension").expect("need").label.clone();
    for lang in ["uk", "en"] {
        let l = Localizer::new(lang);
        let text = refusal_text(&r, &s, &l);
        assert!(!text.contains(label.get(lang)), "{text}");
        let cond = condition_text(&Condition::Planned("pension".into()), &s, &l);
        assert!(!cond.contains(label.get(lang)), "{cond}");
    }
}

#[test]
fn an_event_not_yet_happened_is_not_named() {
    let case = mini_case();
    let s = play(&case, 1, "consent\n");
    let text = case
        .scenario
        .event("grandson-ill")
        .expect("event")
        .text
        .clone();
    for lang in ["uk", "en"] {
        let l = Localizer::new(lang);
        for cond in [
            Condition::Happened("grandson-ill".into()),
            Condition::NotHappened("grandson-ill".into()),
        ] {
            let said = condition_text(&cond, &s, &l);
            assert!(!said.contains(text.get(lang)), "{said}");
        }
    }
}

#[test]
fn a_bound_on_a_variable_names_its_label_and_value_now() {
    let case = mini_case();
    let s = play(&case, 1, "consent\n");
    let cond = Condition::AtLeast("income".into(), 5);
    assert_eq!(
        condition_text(&cond, &s, &Localizer::new("uk")),
        "«Дохід» має бути щонайменше 5 (зараз 2)"
    );
}

#[test]
fn the_ukrainian_week_count_agrees_with_its_number() {
    let case = mini_case();
    let s = Session::new(case, 1, "uk");
    let l = Localizer::new("uk");
    let say = |weeks| {
        refusal_text(
            &Refusal::DeadlineBeyondCase {
                deadline: 30,
                weeks,
            },
            &s,
            &l,
        )
    };
    assert!(say(6).contains("6 тижнів"), "{}", say(6));
    assert!(say(3).contains("3 тижні"), "{}", say(3));
    assert!(say(21).contains("21 тиждень"), "{}", say(21));
}
