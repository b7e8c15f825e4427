//! The review: step through the session from the first step to the last, like a game
//! review — stage, decision, rationale, what it revealed and changed, and the rules it
//! earned or lost — under a strip of the stages over the weeks.

use bevy::prelude::*;
use bevy_egui::egui::{self, Align2, FontId, Key, RichText, Stroke};

use super::ScreenState;
use crate::engine::{Action, Session, VisitKind};
use crate::gui::model::Trainer;
use crate::gui::{chrome, theme, widgets};
use crate::i18n::{Localizer, n, s};
use crate::scenario::Stage;

pub(super) fn plugin(app: &mut App) {
    super::show_while(app, ScreenState::Review, panel);
}

/// The review screen.
pub fn panel(ui: &mut egui::Ui, t: &mut Trainer) {
    chrome::page(ui, t, |ui, t| {
        let l = t.l();
        let Some(w) = &t.work else {
            t.to_library();
            return;
        };
        let steps = w.session.state().steps;
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(l.t("trainer-review-title"))
                    .size(22.0)
                    .family(theme::bold()),
            );
            if w.session.ended() && ui.button(l.t("trainer-review-to-results")).clicked() {
                t.screen = crate::gui::model::Screen::Results;
            }
        });
        let Some(w) = &mut t.work else {
            return;
        };
        stage_strip(ui, &w.session, w.review_step, l);
        ui.add_space(6.0);
        if steps == 0 {
            widgets::muted(ui, l.t("trainer-review-empty"));
            return;
        }
        if !ui.ctx().egui_wants_keyboard_input() {
            ui.input(|i| {
                if i.key_pressed(Key::ArrowDown) || i.key_pressed(Key::ArrowRight) {
                    w.review_step = (w.review_step + 1).min(steps);
                    w.review_scroll = true;
                }
                if i.key_pressed(Key::ArrowUp) || i.key_pressed(Key::ArrowLeft) {
                    w.review_step = w.review_step.saturating_sub(1).max(1);
                    w.review_scroll = true;
                }
            });
        }
        let [left, middle, _] = widgets::split(ui, 330.0, None);
        widgets::column(ui, left, "review-timeline", |ui| timeline(ui, t));
        widgets::column(ui, middle, "review-detail", |ui| {
            egui::ScrollArea::vertical()
                .id_salt("review-step")
                .auto_shrink(false)
                .show(ui, |ui| {
                    ui.set_max_width(ui.available_width().min(760.0));
                    step_detail(ui, t);
                });
        });
    });
}

fn timeline(ui: &mut egui::Ui, t: &mut Trainer) {
    let (l, lang) = (t.l(), t.lang);
    let Some(w) = &mut t.work else {
        return;
    };
    let case = std::sync::Arc::clone(w.session.case());
    let sc = &case.scenario;
    let steps: Vec<(u32, Stage, Action)> = w
        .session
        .log()
        .records
        .iter()
        .filter_map(|r| match r {
            crate::engine::Record::Step {
                step,
                stage,
                action,
                ..
            } => Some((*step, *stage, action.clone())),
            _ => None,
        })
        .collect();
    egui::ScrollArea::vertical()
        .id_salt("timeline")
        .auto_shrink(false)
        .show(ui, |ui| {
            for (step, stage, action) in &steps {
                let label = format!(
                    "{step}. {} — {}",
                    l.t(&format!("stage-{}", stage.key())),
                    super::step_label(sc, action, l, lang)
                );
                let selected = *step == w.review_step;
                let r = ui.add(
                    egui::Button::selectable(selected, label)
                        .wrap()
                        .min_size(egui::vec2(ui.available_width(), 0.0)),
                );
                if r.clicked() {
                    w.review_step = *step;
                }
                if selected && std::mem::take(&mut w.review_scroll) {
                    r.scroll_to_me(Some(egui::Align::Center));
                }
            }
        });
}

fn step_detail(ui: &mut egui::Ui, t: &mut Trainer) {
    let (l, lang) = (t.l(), t.lang);
    let rationale = t
        .work
        .as_ref()
        .and_then(|w| t.rationale(w.review_step))
        .map(str::to_string);
    let Some(w) = &mut t.work else {
        return;
    };
    let step = w.review_step;
    let sc = w.session.scenario();
    let Some((stage, day, action)) = w.session.log().records.iter().find_map(|r| match r {
        crate::engine::Record::Step {
            step: s,
            stage,
            day,
            action,
        } if *s == step => Some((*stage, *day, action.clone())),
        _ => None,
    }) else {
        return;
    };
    widgets::card(ui, |ui| {
        widgets::muted(
            ui,
            l.tr(
                "trainer-review-step-where",
                &[
                    ("step", n(step)),
                    ("stage", s(l.t(&format!("stage-{}", stage.key())))),
                    ("week", n(day / 7 + 1)),
                ],
            ),
        );
        ui.label(
            RichText::new(super::step_label(sc, &action, l, lang))
                .size(17.0)
                .family(theme::bold()),
        );
        match &rationale {
            Some(r) => {
                ui.label(
                    RichText::new(l.tr("trainer-review-rationale", &[("text", s(r.clone()))]))
                        .italics(),
                );
            }
            None => widgets::muted(ui, l.t("trainer-review-no-rationale")),
        }
        if let Action::Decide { decision } = &action
            && let Some(d) = sc.decision(decision)
        {
            let variant = w
                .replayed
                .get(step as usize - 1)
                .and_then(|o| o.outcome_variant);
            ui.label(d.outcome_text(variant).get(lang));
        }
        if let Some(o) = w.replayed.get(step as usize - 1) {
            super::outcome_details(ui, o, sc, l, lang);
        }
    });
    ui.add_space(6.0);
    rules_of_step(ui, w, step, l);
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let steps = w.session.state().steps;
        if ui
            .add_enabled(step > 1, egui::Button::new(l.t("trainer-review-previous")))
            .clicked()
        {
            w.review_step = step - 1;
            w.review_scroll = true;
        }
        if ui
            .add_enabled(step < steps, egui::Button::new(l.t("trainer-review-next")))
            .clicked()
        {
            w.review_step = step + 1;
            w.review_scroll = true;
        }
    });
}

/// The rules this step earned or lost: those whose evidence is this step or an event after it.
fn rules_of_step(ui: &mut egui::Ui, w: &crate::gui::model::Work, step: u32, l: &Localizer) {
    let Some(report) = &w.report else {
        return;
    };
    let rules: Vec<_> = report
        .criteria
        .iter()
        .flat_map(|c| &c.rules)
        .filter(|r| r.evidence.iter().any(|e| e.step == step))
        .collect();
    widgets::card(ui, |ui| {
        widgets::subheading(ui, l.t("trainer-review-rules"));
        if rules.is_empty() {
            widgets::muted(ui, l.t("trainer-review-no-rules"));
        }
        for r in rules {
            ui.horizontal_wrapped(|ui| {
                widgets::status_chip(ui, r.status, r.critical, l);
                ui.label(RichText::new(&r.title).family(theme::bold()));
                ui.label(&r.feedback);
            });
        }
    });
}

/// The stages over the weeks: one row a stage, the case's path drawn through them, returns
/// marked, the chosen step's moment as a vertical line.
fn stage_strip(ui: &mut egui::Ui, session: &Session, step: u32, l: &Localizer) {
    let weeks = session.scenario().weeks.max(1);
    let history = session.stage_history();
    let label_w = 150.0;
    let row = 15.0;
    let width = ui.available_width();
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(width, row * 7.0 + 22.0), egui::Sense::hover());
    let p = ui.painter_at(rect);
    p.rect_filled(rect, 4.0, theme::SURFACE);
    let plot_w = (width - label_w - 12.0).max(50.0);
    let x_of =
        |day: u32| rect.left() + label_w + plot_w * (day as f32 / (weeks * 7) as f32).min(1.0);
    let y_of = |stage: Stage| rect.top() + 6.0 + row * (stage.index() as f32 + 0.5);
    for stage in Stage::ALL {
        p.text(
            egui::pos2(rect.left() + 6.0, y_of(stage)),
            Align2::LEFT_CENTER,
            l.t(&format!("stage-{}", stage.key())),
            FontId::proportional(11.5),
            theme::MUTED,
        );
        p.line_segment(
            [
                egui::pos2(rect.left() + label_w, y_of(stage)),
                egui::pos2(rect.left() + label_w + plot_w, y_of(stage)),
            ],
            Stroke::new(0.5, theme::BORDER),
        );
    }
    for w in 0..=weeks {
        let x = x_of(w * 7);
        p.line_segment(
            [
                egui::pos2(x, rect.top() + 4.0),
                egui::pos2(x, rect.bottom() - 16.0),
            ],
            Stroke::new(0.5, theme::BORDER),
        );
        if weeks <= 26 || w % 4 == 0 {
            p.text(
                egui::pos2(x, rect.bottom() - 2.0),
                Align2::CENTER_BOTTOM,
                format!("{w}"),
                FontId::proportional(10.0),
                theme::MUTED,
            );
        }
    }
    let end_day = session.state().day.min(weeks * 7);
    let mut points = Vec::new();
    for (i, v) in history.iter().enumerate() {
        let next_day = history.get(i + 1).map(|n| n.day).unwrap_or(end_day);
        points.push(egui::pos2(x_of(v.day), y_of(v.stage)));
        points.push(egui::pos2(x_of(next_day), y_of(v.stage)));
        if v.kind == VisitKind::Return {
            p.text(
                egui::pos2(x_of(v.day) + 2.0, y_of(v.stage) + 1.0),
                Align2::LEFT_TOP,
                "↩",
                FontId::proportional(12.0),
                theme::PARTLY,
            );
        }
    }
    p.line(points, Stroke::new(2.5, theme::ACCENT));
    if let Some(day) = session.log().records.iter().find_map(|r| match r {
        crate::engine::Record::Step { step: s, day, .. } if *s == step => Some(*day),
        _ => None,
    }) {
        let x = x_of(day);
        p.line_segment(
            [
                egui::pos2(x, rect.top() + 2.0),
                egui::pos2(x, rect.bottom() - 14.0),
            ],
            Stroke::new(1.5, theme::PARTLY),
        );
    }
    let returns = history
        .iter()
        .filter(|v| v.kind == VisitKind::Return)
        .count();
    let words = l.tr(
        "trainer-review-strip",
        &[("weeks", n(weeks)), ("returns", n(returns as u32))],
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Label, true, &words));
}
