//! `casework explore` on purpose-built cases with known answers (tests/fixtures/explore/),
//! the worked example, and the bank's dead ends as they are today.

use std::path::Path;
use std::process::Command;

use casework::bank::Bank;
use casework::engine::{Action, Case};
use casework::explore::{Options, Report, Strategy, explore};
use casework::scenario::Stage;

fn explore_dir(dir: &str, options: &Options) -> Report {
    let bank = Bank::from_dir(Path::new(dir)).expect("fixture folder");
    let s = &bank.scenarios[0];
    let rubrics: Vec<_> = bank.rubrics.iter().map(|r| r.doc.clone()).collect();
    explore(&Case::new(s.doc.clone(), s.hash.clone()), &rubrics, options)
}

fn bank_case(id: &str, options: &Options) -> Report {
    let bank = Bank::embedded();
    let s = bank.scenario(id).expect("bank case");
    explore(&Case::new(s.doc.clone(), s.hash.clone()), &[], options)
}

fn path(ids: &[&str]) -> Vec<Action> {
    ids.iter().map(|id| Action::decide(*id)).collect()
}

#[test]
fn stuck_case_dead_end_and_unreached_parts() {
    let r = explore_dir("tests/fixtures/explore/stuck", &Options::default());
    assert!(r.exhaustive);
    assert_eq!(r.dead_ends.len(), 1);
    assert_eq!(r.dead_ends[0].stage, Stage::ServicePlan);
    assert_eq!(r.dead_ends[0].witness.path, path(&["start", "give-up"]));
    assert_eq!(r.unreached_decisions, ["never"]);
    assert_eq!(r.unreached_facts, ["unseen"]);
    assert_eq!(r.unreached_events, ["never-event"]);
    assert!(r.has_problems());
}

#[test]
fn stuck_case_rules_never_met_and_never_missed() {
    let r = explore_dir("tests/fixtures/explore/stuck", &Options::default());
    let rubric = &r.rubrics[0];
    assert_eq!(rubric.never_met, ["c/impossible"]);
    assert_eq!(rubric.never_missed, ["c/asked"]);
    let best = rubric.best.as_ref().expect("an ended session");
    assert_eq!(best.total, 50.0);
    assert_eq!(
        best.witness.path,
        path(&["start", "ask", "to-exit", "close"])
    );
    assert_eq!(rubric.worst.as_ref().map(|w| w.total), Some(50.0));
}

#[test]
fn stuck_case_gaming_strategies_scored_and_passing_ones_warned() {
    let r = explore_dir("tests/fixtures/explore/stuck", &Options::default());
    let of = |s: Strategy| {
        r.strategies
            .iter()
            .find(|x| x.strategy == s)
            .expect("played")
    };
    for s in [Strategy::FirstOption, Strategy::MinimalEffort] {
        assert_eq!(of(s).totals, vec![50.0; 8], "{s:?}");
        assert_eq!(of(s).passed_seeds, (0..8).collect::<Vec<u64>>(), "{s:?}");
    }
    assert_eq!(
        of(Strategy::MinimalEffort).path.path,
        path(&["start", "ask", "to-exit", "close"])
    );
    // The longest label is "give up on the assessment now": stuck, unfinished, no pass.
    for s in [Strategy::LongestLabel, Strategy::SkipAssessment] {
        assert_eq!(of(s).totals, vec![0.0; 8], "{s:?}");
        assert!(of(s).passed_seeds.is_empty(), "{s:?}");
        assert_eq!(of(s).unfinished_seeds.len(), 8, "{s:?}");
        assert_eq!(of(s).path.path, path(&["start", "give-up"]), "{s:?}");
    }
    let text = casework::explore::render(&r);
    assert!(text.contains("WARNING: strategy first-option passes explore-stuck-formative"));
    assert!(!text.contains("WARNING: strategy longest-label"));
}

#[test]
fn chance_event_real_probability_against_closed_form() {
    let options = Options {
        seeds: 400,
        ..Options::default()
    };
    let r = explore_dir("tests/fixtures/explore/chance", &options);
    assert!(r.exhaustive);
    let rain = &r.chance_events[0];
    assert_eq!((rain.event.as_str(), rain.weeks), ("rain", 3));
    let closed = rain.closed_form.expect("no condition: closed form");
    assert!((closed - (1.0 - 0.6f64.powi(3))).abs() < 1e-12);
    // Every session of a seed waits the same five weeks: the rate is the share of seeds
    // where it rained, 312 of 400, close to 78.4%.
    assert_eq!(rain.sessions, 400 * options.walks);
    assert_eq!(rain.happened, 312 * options.walks);
    assert!((rain.rate - closed).abs() < 0.02);
}

#[test]
fn chance_case_seed_sensitivity_found() {
    let r = explore_dir("tests/fixtures/explore/chance", &Options::default());
    let s = &r.seed_spread[0];
    assert_eq!(s.path, path(&["wait"; 5]));
    assert_eq!(
        (s.low.1, s.low.2, s.high.1, s.high.2),
        (0.0, false, 100.0, true)
    );
    assert!(s.pass_differs);
}

/// The worked example once stranded a student at the service plan after `consent`,
/// `to-plan`; a chosen return to assessment is now open there, and no dead end is found.
#[test]
fn worked_example_has_no_dead_end_any_more() {
    let r = bank_like_dir("tests/fixtures/mini");
    assert!(r.dead_ends.is_empty(), "{:?}", r.dead_ends);
}

fn bank_like_dir(dir: &str) -> Report {
    let options = Options {
        seeds: 2,
        budget: 500,
        walks: 4,
    };
    explore_dir(dir, &options)
}

/// Both cases once stranded a student who left assessment early at a service plan with
/// nothing open (addiction-recovery: `intake-straight-to-questions`, `assess-to-plan`,
/// `plan-with-client`); explore found it, and the cases now have a chosen return.
#[test]
fn the_banks_former_dead_ends_are_gone() {
    for id in ["addiction-recovery", "veteran-war-trauma"] {
        let r = bank_case(
            id,
            &Options {
                seeds: 1,
                budget: 500,
                walks: 0,
            },
        );
        assert!(r.dead_ends.is_empty(), "{id}: {:?}", r.dead_ends);
    }
}

#[test]
fn command_exits_1_on_a_dead_end_and_json_is_quiet_data() {
    let out = Command::new(env!("CARGO_BIN_EXE_casework"))
        .args([
            "explore",
            "tests/fixtures/explore/stuck/scenario.ron",
            "--format",
            "json",
            "--seeds",
            "2",
        ])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.is_empty());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["dead_ends"][0]["stage"], "ServicePlan");
    assert_eq!(v["seeds"], 2);
}

#[test]
fn check_reports_the_dead_end_as_an_error_with_its_path() {
    let out = Command::new(env!("CARGO_BIN_EXE_casework"))
        .args(["check", "tests/fixtures/explore/stuck"])
        .output()
        .expect("runs");
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("error: a student can get stuck at the service-plan stage: nothing is open there and the case has not ended"), "{text}");
    assert!(
        text.contains("a student gets there by: start → give-up (seed 0)"),
        "{text}"
    );
}
