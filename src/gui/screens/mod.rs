//! The screens, one plugin each: library, briefing, workspace, results, review. The view
//! model says which screen is shown; a bevy state mirrors it so each screen's system runs
//! only while it is shown.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::TrainerRes;
use super::model::Trainer;
use crate::engine::StepOutcome;
use crate::gui::theme;
use crate::i18n::{Localizer, n, s};
use crate::scenario::Scenario;

pub mod briefing;
pub mod library;
pub mod results;
pub mod review;
pub mod workspace;

/// The bevy state of the screen shown: the view model's own `Screen`.
pub use super::model::Screen as ScreenState;

pub(super) fn plugin(app: &mut App) {
    headless_plugin(app);
    app.add_plugins((
        library::plugin,
        briefing::plugin,
        workspace::plugin,
        results::plugin,
        review::plugin,
    ));
}

/// The screen state and its link to the view model, without drawing anything: what the
/// window adds before the screens, and what a headless app (tests) runs alone.
pub fn headless_plugin(app: &mut App) {
    app.init_state::<ScreenState>();
    app.init_resource::<Themed>();
    app.add_systems(Update, follow_model);
}

/// The shown screen follows the view model.
pub fn follow_model(
    trainer: Res<TrainerRes>,
    state: Res<State<ScreenState>>,
    mut next: ResMut<NextState<ScreenState>>,
) {
    let wanted = trainer.0.screen;
    if *state.get() != wanted {
        next.set(wanted);
    }
}

/// Draws a screen's panel on every frame while that screen is shown.
fn show_while(app: &mut App, screen: ScreenState, panel: fn(&mut egui::Ui, &mut Trainer)) {
    app.add_systems(
        bevy_egui::EguiPrimaryContextPass,
        draw(panel).run_if(in_state(screen)),
    );
}

/// Whether the look (fonts, sizes, colours) has been given to the window's egui context.
#[derive(Resource, Default)]
pub struct Themed(pub bool);

/// A system that draws one screen's panel over the whole window.
pub fn draw(
    panel: fn(&mut egui::Ui, &mut Trainer),
) -> impl FnMut(EguiContexts, ResMut<TrainerRes>, ResMut<Themed>) -> Result {
    move |mut contexts: EguiContexts,
          mut trainer: ResMut<TrainerRes>,
          mut themed: ResMut<Themed>| {
        let ctx = contexts.ctx_mut()?.clone();
        if !themed.0 {
            // Once for the whole window: fonts given to egui take effect on the next pass,
            // and giving them again would rebuild the glyph atlas under text already laid out.
            theme::apply(&ctx);
            themed.0 = true;
            ctx.request_repaint();
            return Ok(());
        }
        let mut ui = egui::Ui::new(
            ctx.clone(),
            egui::Id::new("casework"),
            egui::UiBuilder::new()
                .layer_id(egui::LayerId::background())
                .max_rect(ctx.content_rect()),
        );
        panel(&mut ui, &mut trainer.0);
        Ok(())
    }
}

/// Everything a step brought about: new facts, changed measures, events, stage changes and
/// the end, in one place (the workspace after a step, the review for any step).
pub fn outcome_details(
    ui: &mut egui::Ui,
    o: &StepOutcome,
    sc: &Scenario,
    l: &Localizer,
    lang: &str,
) {
    if o.closed_the_case() && !o.events.is_empty() {
        ui.label(
            egui::RichText::new(l.tr("trainer-follow-up", &[("week", n(o.day_after / 7 + 1))]))
                .family(theme::bold()),
        );
    }
    // After a closure the events are what it led to, not what happened meanwhile.
    let event_word = if o.closed_the_case() {
        "trainer-event-later"
    } else {
        "trainer-event"
    };
    for e in &o.events {
        if let Some(ev) = sc.event(e) {
            egui::Frame::new()
                .fill(theme::FRESH)
                .inner_margin(8)
                .corner_radius(4)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(
                        egui::RichText::new(l.t(event_word))
                            .small()
                            .family(theme::bold())
                            .color(theme::PARTLY),
                    );
                    ui.label(ev.text.get(lang));
                });
        }
    }
    if !o.facts.is_empty() {
        ui.label(
            egui::RichText::new(l.tr("trainer-new-facts", &[("count", n(o.facts.len() as u32))]))
                .family(theme::bold()),
        );
        for f in &o.facts {
            if let Some(fact) = sc.fact(f) {
                ui.label(format!("•  {}", fact.text.get(lang)));
            }
        }
    }
    if !o.changes.is_empty() {
        let parts: Vec<String> = o
            .changes
            .iter()
            .filter_map(|c| {
                let v = sc
                    .variables
                    .iter()
                    .find(|v| v.id == c.variable && !v.hidden)?;
                let mark = if c.after > c.before { "▲" } else { "▼" };
                Some(format!(
                    "{} {mark} {} → {}",
                    v.label.get(lang),
                    c.before,
                    c.after
                ))
            })
            .collect();
        ui.label(egui::RichText::new(parts.join("   ")).color(theme::MUTED));
    }
    let mut before = o.stage_before;
    for stage in &o.stages {
        let key = if *stage < before {
            "trainer-stage-returned"
        } else {
            "trainer-stage-entered"
        };
        ui.label(
            egui::RichText::new(l.tr(key, &[("stage", s(l.t(&format!("stage-{}", stage.key()))))]))
                .family(theme::bold())
                .color(theme::ACCENT),
        );
        before = *stage;
    }
}

/// A step in words for the student: the decision's label, or the plan change as a sentence
/// ("Added to the plan: need — service, by week N").
pub fn step_label(
    sc: &Scenario,
    action: &crate::engine::Action,
    l: &Localizer,
    lang: &str,
) -> String {
    use crate::engine::Action;
    let need = |id: &str| {
        sc.need(id)
            .map(|n| n.label.get(lang).to_string())
            .unwrap_or_default()
    };
    let service = |id: &str| {
        sc.service(id)
            .map(|x| x.name.get(lang).to_string())
            .unwrap_or_default()
    };
    match action {
        Action::Decide { .. } => crate::score::action_label(sc, action, lang),
        Action::Plan {
            need: need_id,
            service: service_id,
            deadline_week,
            ..
        } => l.tr(
            "trainer-step-planned",
            &[
                ("need", s(need(need_id))),
                ("service", s(service(service_id))),
                ("week", n(*deadline_week)),
            ],
        ),
        Action::Unplan {
            need: need_id,
            service: service_id,
        } => l.tr(
            "trainer-step-unplanned",
            &[
                ("need", s(need(need_id))),
                ("service", s(service(service_id))),
            ],
        ),
    }
}
