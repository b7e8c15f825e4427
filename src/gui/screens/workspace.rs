//! The workspace: the stage stepper across the top, the case file on the left, what
//! happens now in the middle (the last outcome, the plan editor at the planning stages,
//! the open decisions), the client and the ecomap on the right.

use bevy::prelude::*;
use bevy_egui::egui::{self, Key, RichText};

use super::ScreenState;
use crate::engine::{Action, End};
use crate::gui::model::{RightTab, Trainer, presentation_order};
use crate::gui::parts::{casefile, client, ecomap, plan, stepper};
use crate::gui::{chrome, theme, widgets};
use crate::i18n::{Localizer, n, s};

pub(super) fn plugin(app: &mut App) {
    super::show_while(app, ScreenState::Workspace, panel);
}

/// Below this width the right column folds into a tab of the left one.
const NARROW: f32 = 1100.0;

/// The workspace screen.
pub fn panel(ui: &mut egui::Ui, t: &mut Trainer) {
    chrome::page(ui, t, |ui, t| {
        let Some(w) = &t.work else {
            t.to_library();
            return;
        };
        let l = t.l();
        stepper::stepper(ui, &w.session, l);
        ui.add_space(4.0);
        let narrow = ui.available_width() < NARROW;
        let [left, middle, right] = widgets::split(ui, 290.0, (!narrow).then_some(330.0));
        widgets::column(ui, left, "case-file-column", |ui| {
            left_column(ui, t, narrow)
        });
        if !narrow {
            widgets::column(ui, right, "client-column", |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("right")
                    .auto_shrink(false)
                    .show(ui, |ui| right_column(ui, t));
            });
        }
        widgets::column(ui, middle, "centre-column", |ui| {
            egui::ScrollArea::vertical()
                .id_salt("centre")
                .auto_shrink(false)
                .show(ui, |ui| {
                    ui.set_max_width(ui.available_width().min(760.0));
                    centre(ui, t);
                });
        });
    });
}

fn left_column(ui: &mut egui::Ui, t: &mut Trainer, narrow: bool) {
    let (l, lang) = (t.l(), t.lang);
    let Some(w) = &mut t.work else {
        return;
    };
    if narrow {
        ui.horizontal(|ui| {
            for (tab, label) in [
                (None, l.t("trainer-case-file")),
                (Some(RightTab::Client), l.t("trainer-tab-client")),
                (Some(RightTab::Ecomap), l.t("trainer-tab-ecomap")),
            ] {
                let selected = match tab {
                    None => w.ui.narrow_tab.is_none(),
                    Some(t) => w.ui.narrow_tab == Some(t),
                };
                if ui.add(egui::Button::selectable(selected, label)).clicked() {
                    w.ui.narrow_tab = tab;
                    if let Some(t) = tab {
                        w.ui.right = t;
                    }
                }
            }
        });
        if w.ui.narrow_tab.is_some() {
            egui::ScrollArea::vertical()
                .id_salt("left-right")
                .auto_shrink(false)
                .show(ui, |ui| right_column(ui, t));
            return;
        }
    }
    let fresh = w
        .last
        .as_ref()
        .map(|x| x.outcome.facts.clone())
        .unwrap_or_default();
    casefile::case_file(ui, &w.session, &fresh, &mut w.ui.file_tab, l, lang);
}

fn right_column(ui: &mut egui::Ui, t: &mut Trainer) {
    let (l, lang) = (t.l(), t.lang);
    let picture = match &t.work {
        Some(w) => {
            let id = w.session.scenario().id.clone();
            t.pictures.get(ui.ctx(), &t.bank, &id)
        }
        None => None,
    };
    let Some(w) = &mut t.work else {
        return;
    };
    ui.horizontal(|ui| {
        ui.selectable_value(&mut w.ui.right, RightTab::Client, l.t("trainer-tab-client"));
        ui.selectable_value(&mut w.ui.right, RightTab::Ecomap, l.t("trainer-tab-ecomap"));
    });
    let sc = w.session.scenario();
    match w.ui.right {
        RightTab::Client => {
            client::client_card(ui, sc, picture.as_ref(), lang, l);
            ui.add_space(6.0);
            client::measures(ui, &w.session, w.last.as_ref().map(|x| &x.outcome), l, lang);
        }
        RightTab::Ecomap => {
            widgets::card(ui, |ui| {
                widgets::heading(ui, l.t("trainer-tab-ecomap"));
                let map = crate::network::ecomap(&w.session);
                let last = w.last.as_ref().map(|x| x.outcome.record);
                ecomap::ecomap(ui, sc, &map, last, l, lang);
            });
        }
    }
}

fn centre(ui: &mut egui::Ui, t: &mut Trainer) {
    last_outcome(ui, t);
    let l = t.l();
    let Some(w) = &t.work else {
        return;
    };
    if let Some(r) = &w.ui.refusal {
        ui.label(RichText::new(format!("⚠ {r}")).color(theme::MISSED));
    }
    if w.session.ended() {
        let mut results = false;
        widgets::card(ui, |ui| {
            widgets::heading(ui, l.t("trainer-ended-title"));
            ui.label(end_text(w.session.state().end.as_ref(), w, l, t.lang));
            ui.add_space(6.0);
            results = widgets::primary(ui, l.t("trainer-see-results")).clicked();
        });
        if results {
            t.show_results();
        }
        return;
    }
    if w.session.plan_open() {
        plan::plan_editor(ui, t);
        ui.add_space(8.0);
    }
    decisions(ui, t);
}

pub fn end_text(
    end: Option<&End>,
    w: &crate::gui::model::Work,
    l: &Localizer,
    lang: &str,
) -> String {
    let sc = w.session.scenario();
    match end {
        Some(End::Closed { .. }) => l.t("trainer-end-closed"),
        Some(End::EndedByEvent { event }) => l.tr(
            "trainer-end-event",
            &[(
                "event",
                s(sc.event(event)
                    .map(|e| e.text.get(lang))
                    .unwrap_or_default()),
            )],
        ),
        Some(End::OutOfTime) => l.t("trainer-end-out-of-time"),
        None => String::new(),
    }
}

/// The outcome of the last step: what the student did and everything it brought about.
fn last_outcome(ui: &mut egui::Ui, t: &mut Trainer) {
    let (l, lang, practice) = (t.l(), t.lang, t.practice());
    let Some(w) = &t.work else {
        return;
    };
    let Some(last) = &w.last else {
        if w.session.state().steps == 0 {
            widgets::card(ui, |ui| {
                widgets::heading(ui, l.t("trainer-first-step-title"));
                ui.label(w.session.scenario().summary.get(lang));
            });
            ui.add_space(8.0);
        }
        return;
    };
    let o = &last.outcome;
    let sc = w.session.scenario();
    widgets::card(ui, |ui| {
        let action = w.session.log().actions().nth(o.step as usize - 1).cloned();
        let label = action
            .as_ref()
            .map(|a| super::step_label(sc, a, l, lang))
            .unwrap_or_default();
        widgets::muted(ui, l.tr("trainer-last-step", &[("step", n(o.step))]));
        ui.label(RichText::new(label).family(theme::bold()));
        if let Some(Action::Decide { decision }) = &action
            && let Some(d) = sc.decision(decision)
        {
            ui.label(d.outcome_text(o.outcome_variant).get(lang));
        }
        super::outcome_details(ui, o, sc, l, lang);
        if practice && !last.feedback.is_empty() {
            ui.add_space(4.0);
            widgets::subheading(ui, l.t("trainer-feedback-title"));
            for change in &last.feedback {
                ui.horizontal_wrapped(|ui| {
                    widgets::status_chip(ui, change.rule.status, change.rule.critical, l);
                    ui.label(&change.rule.feedback);
                });
            }
        }
    });
    ui.add_space(8.0);
}

fn decisions(ui: &mut egui::Ui, t: &mut Trainer) {
    let (l, lang) = (t.l(), t.lang);
    let Some(w) = &mut t.work else {
        return;
    };
    let open: Vec<(String, String)> = presentation_order(&w.session)
        .into_iter()
        .map(|d| (d.id.clone(), d.label.get(lang).to_string()))
        .collect();
    let mut take = None;
    widgets::heading(ui, l.t("trainer-open-title"));
    if open.is_empty() {
        widgets::card(ui, |ui| {
            ui.label(l.t("trainer-open-none"));
            widgets::muted(
                ui,
                l.t(if w.session.plan_open() {
                    "trainer-open-none-plan"
                } else {
                    "trainer-open-none-stuck"
                }),
            );
        });
        return;
    }
    // Keyboard: arrows move, Enter takes, R opens the rationale field.
    let typing = ui.ctx().egui_wants_keyboard_input();
    if !typing {
        ui.input(|i| {
            if i.key_pressed(Key::ArrowDown) {
                w.ui.selected = (w.ui.selected + 1).min(open.len() - 1);
            }
            if i.key_pressed(Key::ArrowUp) {
                w.ui.selected = w.ui.selected.saturating_sub(1);
            }
            if i.key_pressed(Key::R) && !w.ui.rationale_open {
                w.ui.rationale_open = true;
                w.ui.rationale_focus = true;
            }
            if i.key_pressed(Key::Enter) && ui.ctx().memory(|m| m.focused().is_none()) {
                take = open.get(w.ui.selected).map(|(id, _)| id.clone());
            }
        });
    }
    w.ui.selected = w.ui.selected.min(open.len() - 1);
    widgets::muted(ui, l.t("trainer-open-help"));
    if w.ui.rationale_open {
        ui.label(l.t("trainer-rationale-label"));
        let edit = ui.add(
            egui::TextEdit::singleline(&mut w.ui.rationale)
                .hint_text(l.t("trainer-rationale-hint"))
                .desired_width(f32::INFINITY),
        );
        if std::mem::take(&mut w.ui.rationale_focus) {
            edit.request_focus();
        }
    } else if ui.button(l.t("trainer-rationale-open")).clicked() {
        w.ui.rationale_open = true;
        w.ui.rationale_focus = true;
    }
    ui.add_space(4.0);
    for (i, (id, label)) in open.iter().enumerate() {
        let selected = i == w.ui.selected;
        let button = egui::Button::selectable(selected, RichText::new(label))
            .frame_when_inactive(true)
            .wrap()
            .min_size(egui::vec2(ui.available_width(), 36.0));
        let response = ui.add(button);
        if response.hovered() {
            w.ui.selected = i;
        }
        if response.clicked() {
            take = Some(id.clone());
        }
    }
    if let Some(id) = take {
        t.decide(&id);
    }
}
