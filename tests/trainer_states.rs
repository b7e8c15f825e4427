//! The trainer without a window: a headless bevy app whose screen state follows the view
//! model, and a session saved after every decision that a fresh trainer can continue.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use casework::bank::Bank;
use casework::engine::{Action, Case, Session, load_log};
use casework::gui::TrainerRes;
use casework::gui::model::{Screen, Trainer, presentation_order};
use casework::gui::screens::{ScreenState, headless_plugin};
use casework::gui::store::Store;

const CASE: &str = "idp-family-dnipro";

fn good() -> (Option<u64>, Vec<Action>) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/paths/idp-family-dnipro/good.choices"
    );
    let text = std::fs::read_to_string(path).expect("choices file");
    let c = casework::choices::parse(path, &text).expect("choices");
    (c.seed, c.steps.into_iter().map(|(_, a)| a).collect())
}

fn app(t: Trainer) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, bevy::state::app::StatesPlugin));
    app.insert_resource(TrainerRes(t));
    app.add_plugins(headless_plugin);
    app.update();
    app
}

fn shown(app: &App) -> ScreenState {
    *app.world().resource::<State<ScreenState>>().get()
}

fn trainer(app: &mut App) -> Mut<'_, TrainerRes> {
    app.world_mut().resource_mut::<TrainerRes>()
}

/// Lets the state follow the model: one update to ask, one to change.
fn settle(app: &mut App) {
    app.update();
    app.update();
}

#[test]
fn the_screen_state_follows_the_view_model() {
    let (seed, steps) = good();
    let mut app = app(Trainer::new(Bank::embedded(), "en", None));
    assert_eq!(shown(&app), ScreenState::Library);
    trainer(&mut app).0.open_briefing(CASE);
    settle(&mut app);
    assert_eq!(shown(&app), ScreenState::Briefing);
    {
        let mut t = trainer(&mut app);
        t.0.next_seed = seed;
        t.0.start();
    }
    settle(&mut app);
    assert_eq!(shown(&app), ScreenState::Workspace);
    for action in steps {
        assert!(trainer(&mut app).0.act(action));
        app.update();
        assert_eq!(shown(&app), ScreenState::Workspace);
    }
    assert!(
        trainer(&mut app)
            .0
            .work
            .as_ref()
            .is_some_and(|w| w.session.ended())
    );
    trainer(&mut app).0.show_results();
    settle(&mut app);
    assert_eq!(shown(&app), ScreenState::Results);
    trainer(&mut app).0.review_at(3);
    settle(&mut app);
    assert_eq!(shown(&app), ScreenState::Review);
    trainer(&mut app).0.to_library();
    settle(&mut app);
    assert_eq!(shown(&app), ScreenState::Library);
}

fn replayed(t: &Trainer, path: &Path) -> Session {
    let log = load_log(path).expect("the saved session loads");
    let entry = t.bank.scenario(&log.scenario).expect("case in bank");
    let case = Case::new(entry.doc.clone(), entry.hash.clone());
    Session::replay(case, &log).expect("the saved session replays")
}

fn open_ids(t: &Trainer) -> Vec<String> {
    let w = t.work.as_ref().expect("session");
    presentation_order(&w.session)
        .into_iter()
        .map(|d| d.id.clone())
        .collect()
}

#[test]
fn every_decision_is_saved_and_an_unfinished_session_resumes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = || Store {
        dir: dir.path().join("sessions"),
    };
    let (seed, steps) = good();
    let mut t = Trainer::new(Bank::embedded(), "en", Some(store()));
    t.clock = || 1_700_000_000;
    assert!(t.saved.is_empty());
    t.open_briefing(CASE);
    t.next_seed = seed;
    t.start();
    let path: PathBuf = t.work.as_ref().and_then(|w| w.path.clone()).expect("path");
    assert!(path.exists(), "the session is saved when it starts");
    let stop = 20;
    for (i, action) in steps.iter().enumerate().take(stop) {
        let n = i as u32 + 1;
        let why = format!("reason {n}: {action}");
        t.work.as_mut().expect("session").ui.rationale = why.clone();
        assert!(t.act(action.clone()));
        let session = replayed(&t, &path);
        let live = &t.work.as_ref().expect("session").session;
        assert_eq!(session.state(), live.state(), "after step {n}");
        let taken: Vec<&Action> = session.log().actions().collect();
        assert_eq!(taken, steps[..=i].iter().collect::<Vec<_>>());
        let log = load_log(&path).expect("loads");
        let meta = log.meta.expect("the trainer's notes are saved");
        let last = meta.steps.last().expect("a step note");
        assert_eq!((last.step, last.rationale.as_str()), (n, why.as_str()));
        assert_eq!(meta.steps.len(), i + 1);
    }
    // A fresh trainer on the same folder offers to continue it.
    let live = t.work.as_ref().expect("session").session.state().clone();
    let open = open_ids(&t);
    let mut fresh = Trainer::new(Bank::embedded(), "en", Some(store()));
    assert_eq!(fresh.saved.len(), 1);
    let saved = fresh.saved[0].clone();
    assert_eq!(saved.path, path);
    assert_eq!(saved.scenario, CASE);
    assert_eq!(
        (saved.steps, saved.stage, saved.week),
        (stop as u32, live.stage, live.week())
    );
    fresh.open_log(&saved.path).expect("resumes");
    assert_eq!(fresh.screen, Screen::Workspace);
    let resumed = fresh
        .work
        .as_ref()
        .expect("session")
        .session
        .state()
        .clone();
    assert_eq!(
        (resumed.stage, resumed.week(), resumed.steps),
        (live.stage, live.week(), live.steps)
    );
    assert_eq!(open_ids(&fresh), open);
    assert_eq!(
        fresh.rationale(1),
        Some(format!("reason 1: {}", steps[0]).as_str())
    );
    // Finished in the resumed trainer, it is no longer offered.
    for action in &steps[stop..] {
        assert!(fresh.act(action.clone()));
    }
    assert!(fresh.work.as_ref().is_some_and(|w| w.session.ended()));
    let again = Trainer::new(Bank::embedded(), "en", Some(store()));
    assert!(again.saved.is_empty(), "{:?}", again.saved);
    assert!(replayed(&again, &path).ended());
}
