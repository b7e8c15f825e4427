//! The briefing: who the client is, what the case is about, what the student should learn,
//! and the choice between practice (feedback after every decision) and self-test.

use bevy::prelude::*;
use bevy_egui::egui::{self, RichText};

use super::ScreenState;
use crate::engine::TrainingMode;
use crate::gui::model::{Briefing, Trainer};
use crate::gui::{chrome, theme, widgets};
use crate::i18n::{n, s};

pub(super) fn plugin(app: &mut App) {
    super::show_while(app, ScreenState::Briefing, panel);
}

/// The briefing screen.
pub fn panel(ui: &mut egui::Ui, t: &mut Trainer) {
    chrome::page(ui, t, |ui, t| {
        let Some(b) = t.briefing.clone() else {
            t.to_library();
            return;
        };
        let picture = t.pictures.get(ui.ctx(), &t.bank, &b.scenario);
        let view: &Trainer = t;
        let Some(entry) = view.bank.scenario(&b.scenario) else {
            t.to_library();
            return;
        };
        let sc = &entry.doc;
        let (l, lang) = (view.l(), view.lang);
        // The screen only reads; what the student chose is applied once it is drawn.
        let mut chosen = None;
        let wide = ui.available_width() > 1000.0;
        let header = |ui: &mut egui::Ui| {
            ui.label(
                RichText::new(sc.title.get(lang))
                    .size(24.0)
                    .family(theme::bold()),
            );
            widgets::muted(
                ui,
                l.tr(
                    "trainer-briefing-facts",
                    &[
                        ("group", s(l.t(&format!("group-{}", sc.client_group.key())))),
                        ("minutes", n(sc.minutes)),
                        ("weeks", n(sc.weeks)),
                    ],
                ),
            );
            ui.add_space(6.0);
        };
        let about = |ui: &mut egui::Ui| {
            crate::gui::parts::client::client_card(ui, sc, picture.as_ref(), lang, l);
            ui.add_space(6.0);
            widgets::card(ui, |ui| {
                widgets::heading(ui, l.t("trainer-objectives"));
                for o in &sc.objectives {
                    ui.label(format!("•  {}", o.get(lang)));
                }
            });
        };
        if wide {
            // The choice and the start button stay in view beside the case.
            header(ui);
            let left_width = 760.0_f32.min(ui.available_width() * 0.62);
            let [left, right, _] = widgets::split(ui, left_width, None);
            widgets::column(ui, left, "briefing-case", |ui| {
                egui::ScrollArea::vertical()
                    .auto_shrink(false)
                    .show(ui, about);
            });
            widgets::column(ui, right, "briefing-choice", |ui| {
                ui.set_max_width(ui.available_width().min(460.0));
                chosen = Some(choose(ui, view, &b));
            });
        } else {
            egui::ScrollArea::vertical()
                .auto_shrink(false)
                .show(ui, |ui| {
                    header(ui);
                    about(ui);
                    ui.add_space(6.0);
                    chosen = Some(choose(ui, view, &b));
                });
        }
        if let Some((briefing, start)) = chosen {
            t.briefing = Some(briefing);
            if start {
                t.start();
            }
        }
    });
}

/// The choice of mode and rubric, and the start button: what the student chose, and whether
/// they asked to start.
fn choose(ui: &mut egui::Ui, t: &Trainer, b: &Briefing) -> (Briefing, bool) {
    let l = t.l();
    let lang = t.lang;
    let mut chosen = b.clone();
    let mut start = false;
    widgets::card(ui, |ui| {
        widgets::heading(ui, l.t("trainer-mode-title"));
        ui.radio_value(
            &mut chosen.mode,
            TrainingMode::Practice,
            l.t("trainer-mode-practice"),
        );
        widgets::muted(ui, l.t("trainer-mode-practice-help"));
        ui.radio_value(
            &mut chosen.mode,
            TrainingMode::SelfTest,
            l.t("trainer-mode-self-test"),
        );
        widgets::muted(ui, l.t("trainer-mode-self-test-help"));
        let rubrics = t.bank.rubrics_of(&b.scenario);
        if rubrics.len() > 1 || (chosen.rubric.is_none() && !rubrics.is_empty()) {
            ui.add_space(6.0);
            widgets::subheading(ui, l.t("trainer-rubric-title"));
            for r in rubrics {
                let kind = l.t(match r.doc.kind {
                    crate::rubric::RubricKind::Formative => "score-kind-formative",
                    crate::rubric::RubricKind::Exam => "score-kind-exam",
                });
                ui.radio_value(
                    &mut chosen.rubric,
                    Some(r.doc.id.clone()),
                    format!("{} ({kind})", r.doc.title.get(lang)),
                );
            }
        }
        ui.add_space(8.0);
        start = widgets::primary(ui, l.t("trainer-start")).clicked();
    });
    (chosen, start)
}
