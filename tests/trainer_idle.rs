//! Nothing blinks or animates at rest: every screen, drawn again and again with no input,
//! stops asking egui for another frame (an idle window must not redraw).
#![cfg(feature = "gui")]

use bevy_egui::egui;
use casework::bank::Bank;
use casework::engine::{Action, TrainingMode};
use casework::gui::model::{Screen, Trainer};
use casework::gui::screens::{briefing, library, results, review, workspace};
use casework::gui::theme;

const CASE: &str = "idp-family-dnipro";
const FRAMES: u32 = 40;

type Panel = fn(&mut egui::Ui, &mut Trainer);

/// Runs one pass; the texture changes a renderer would upload are dropped.
fn pass(ctx: &egui::Context, frame: u32, ui: impl FnMut(&mut egui::Ui)) {
    let mut out = ctx.run_ui(input(frame), ui);
    out.textures_delta.clear();
}

fn input(frame: u32) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        time: Some(f64::from(frame) / 60.0),
        focused: true,
        ..Default::default()
    }
}

/// Draws a panel for [`FRAMES`] frames with no input; whether the last frame asked for more.
fn still_repaints(ctx: &egui::Context, t: &mut Trainer, panel: Panel) -> bool {
    for frame in 0..FRAMES {
        pass(ctx, frame, |ui| panel(ui, t));
    }
    ctx.has_requested_repaint()
}

fn themed() -> egui::Context {
    let ctx = egui::Context::default();
    theme::apply(&ctx);
    ctx
}

fn played(steps: usize) -> Trainer {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/paths/idp-family-dnipro/good.choices"
    );
    let text = std::fs::read_to_string(path).expect("choices file");
    let good = casework::choices::parse(path, &text).expect("choices");
    let mut t = Trainer::new(Bank::embedded(), "en", None);
    t.open_briefing(CASE);
    t.next_seed = good.seed;
    t.start();
    for (_, a) in good.steps.into_iter().take(steps) {
        assert!(t.act(a));
    }
    t
}

fn at_rest(name: &str, mut t: Trainer, panel: Panel) -> egui::Context {
    let ctx = themed();
    assert!(
        !still_repaints(&ctx, &mut t, panel),
        "the {name} keeps asking for frames at rest: {:?}",
        ctx.repaint_causes()
    );
    ctx
}

#[test]
fn the_library_is_still_at_rest() {
    at_rest(
        "library",
        Trainer::new(Bank::embedded(), "en", None),
        library::panel,
    );
}

#[test]
fn the_briefing_is_still_at_rest() {
    let mut t = Trainer::new(Bank::embedded(), "uk", None);
    t.open_briefing(CASE);
    assert_eq!(t.screen, Screen::Briefing);
    at_rest("briefing", t, briefing::panel);
}

#[test]
fn the_workspace_is_still_at_rest_mid_case() {
    // After the first decisions, with feedback and new facts shown.
    at_rest("workspace", played(5), workspace::panel);
}

#[test]
fn the_workspace_is_still_at_rest_at_the_plan_stage_with_the_rationale_focused() {
    let mut t = played(13);
    let w = t.work.as_mut().expect("session");
    assert!(
        w.session.plan_open(),
        "step 13 of good.choices is at the plan"
    );
    // The rationale field open and holding the keyboard: its cursor must not blink.
    w.ui.rationale_open = true;
    w.ui.rationale_focus = true;
    let ctx = at_rest("plan stage", t, workspace::panel);
    assert!(
        ctx.memory(|m| m.focused().is_some()),
        "the rationale field has the keyboard"
    );
}

#[test]
fn the_results_are_still_at_rest() {
    let mut t = played(usize::MAX);
    t.show_results();
    assert_eq!(t.screen, Screen::Results);
    at_rest("results", t, results::panel);
}

#[test]
fn the_review_is_still_at_rest() {
    let mut t = played(usize::MAX);
    t.review_at(10);
    assert_eq!(t.screen, Screen::Review);
    at_rest("review", t, review::panel);
}

#[test]
fn a_blinking_cursor_is_caught() {
    // The control: the same check fails for a focused text field whose cursor blinks.
    let ctx = themed();
    ctx.all_styles_mut(|s| s.visuals.text_cursor.blink = true);
    let mut text = String::from("why");
    let mut focus = true;
    let id = egui::Id::new("blinking");
    for frame in 0..FRAMES {
        pass(&ctx, frame, |ui| {
            let r = ui.add(egui::TextEdit::singleline(&mut text).id(id));
            if std::mem::take(&mut focus) {
                r.request_focus();
            }
        });
    }
    assert!(ctx.memory(|m| m.has_focus(id)));
    assert!(ctx.has_requested_repaint());
    // And the trainer's own theme turns it off again.
    theme::apply(&ctx);
    for frame in FRAMES..2 * FRAMES {
        pass(&ctx, frame, |ui| {
            ui.add(egui::TextEdit::singleline(&mut text).id(id));
        });
    }
    assert!(ctx.memory(|m| m.has_focus(id)));
    assert!(!ctx.has_requested_repaint());
}

#[test]
fn a_self_test_session_is_still_at_rest() {
    let mut t = Trainer::new(Bank::embedded(), "en", None);
    t.open_briefing(CASE);
    if let Some(b) = &mut t.briefing {
        b.mode = TrainingMode::SelfTest;
    }
    t.next_seed = Some(2);
    t.start();
    assert!(t.act(Action::decide("quiet-room")));
    at_rest("self-test workspace", t, workspace::panel);
}
