//! The service-plan editor: identified needs → goal → service and provider → deadline week.
//! In practice mode every item says what is wrong with it; in self-test it does not.

use bevy_egui::egui::{self, RichText};

use crate::engine::{PlanFault, plan_fault_text};
use crate::gui::model::Trainer;
use crate::gui::{theme, widgets};
use crate::i18n::{n, s};

pub fn plan_editor(ui: &mut egui::Ui, t: &mut Trainer) {
    let (l, lang, practice) = (t.l(), t.lang, t.practice());
    let Some(w) = &t.work else {
        return;
    };
    let session = &w.session;
    let case = std::sync::Arc::clone(session.case());
    let sc = &case.scenario;
    let plan = session.state().plan.clone();
    let faults: Vec<Vec<PlanFault>> = plan.iter().map(|i| session.plan_faults(i)).collect();
    let uncovered: Vec<String> = session
        .uncovered_needs()
        .iter()
        .map(|x| x.to_string())
        .collect();
    let needs: Vec<(String, String)> = session
        .identified_needs()
        .iter()
        .map(|n| (n.id.clone(), n.label.get(lang).to_string()))
        .collect();
    let range = session.deadline_range();
    let mut remove = None;
    widgets::card(ui, |ui| {
        widgets::heading(ui, l.t("trainer-plan-title"));
        if plan.is_empty() {
            widgets::muted(ui, l.t("trainer-plan-empty"));
        }
        for (item, faults) in plan.iter().zip(&faults) {
            let need = sc.need(&item.need);
            let goal = need.and_then(|n| n.goals.iter().find(|g| g.id == item.goal));
            let service = sc.service(&item.service);
            egui::Frame::new().inner_margin(6).show(ui, |ui| {
                ui.label(
                    RichText::new(need.map(|n| n.label.get(lang)).unwrap_or_default())
                        .family(theme::bold()),
                );
                ui.label(format!(
                    "{}  {}",
                    l.t("trainer-plan-goal"),
                    goal.map(|g| g.text.get(lang)).unwrap_or_default()
                ));
                if let Some(sv) = service {
                    ui.label(format!(
                        "{}  {} — {}",
                        l.t("trainer-plan-service"),
                        sv.name.get(lang),
                        sv.provider.get(lang)
                    ));
                }
                ui.horizontal(|ui| {
                    ui.label(l.tr(
                        "trainer-plan-deadline-line",
                        &[("week", n(item.deadline_week))],
                    ));
                    if ui.button(l.t("trainer-plan-remove")).clicked() {
                        remove = Some((item.need.clone(), item.service.clone()));
                    }
                });
                if practice {
                    for f in faults {
                        ui.label(
                            RichText::new(format!("⚠ {}", plan_fault_text(f, l)))
                                .color(theme::MISSED),
                        );
                    }
                }
            });
            ui.separator();
        }
        if !uncovered.is_empty() {
            let labels: Vec<String> = uncovered
                .iter()
                .filter_map(|id| sc.need(id).map(|n| n.label.get(lang).to_string()))
                .collect();
            widgets::muted(
                ui,
                l.tr("trainer-plan-uncovered", &[("needs", s(labels.join("; ")))]),
            );
        }
    });
    if let Some((need, service)) = remove {
        t.remove_plan_item(&need, &service);
        return;
    }
    ui.add_space(6.0);
    add_item(ui, t, &needs, range);
}

fn add_item(
    ui: &mut egui::Ui,
    t: &mut Trainer,
    needs: &[(String, String)],
    range: Option<std::ops::RangeInclusive<u32>>,
) {
    let (l, lang) = (t.l(), t.lang);
    let Some(w) = &mut t.work else {
        return;
    };
    let case = std::sync::Arc::clone(w.session.case());
    let sc = &case.scenario;
    let draft = &mut w.ui.plan;
    let mut add = false;
    widgets::card(ui, |ui| {
        widgets::subheading(ui, l.t("trainer-plan-add-title"));
        if needs.is_empty() {
            widgets::muted(ui, l.t("trainer-plan-no-needs"));
            return;
        }
        egui::Grid::new("plan-draft")
            .num_columns(2)
            .spacing([10.0, 8.0])
            .show(ui, |ui| {
                ui.label(l.t("trainer-plan-need"));
                let shown = draft
                    .need
                    .as_ref()
                    .and_then(|id| needs.iter().find(|(n, _)| n == id))
                    .map(|(_, label)| label.clone())
                    .unwrap_or_else(|| l.t("trainer-plan-choose"));
                egui::ComboBox::from_id_salt("plan-need")
                    .width(360.0)
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        for (id, label) in needs {
                            if ui
                                .selectable_label(draft.need.as_deref() == Some(id), label)
                                .clicked()
                            {
                                draft.need = Some(id.clone());
                                draft.goal = None;
                            }
                        }
                    });
                ui.end_row();
                ui.label(l.t("trainer-plan-goal"));
                let goals = draft
                    .need
                    .as_ref()
                    .and_then(|id| sc.need(id))
                    .map(|n| n.goals.clone())
                    .unwrap_or_default();
                let shown = draft
                    .goal
                    .as_ref()
                    .and_then(|id| goals.iter().find(|g| &g.id == id))
                    .map(|g| g.text.get(lang).to_string())
                    .unwrap_or_else(|| l.t("trainer-plan-choose"));
                egui::ComboBox::from_id_salt("plan-goal")
                    .width(360.0)
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        for g in &goals {
                            ui.selectable_value(
                                &mut draft.goal,
                                Some(g.id.clone()),
                                g.text.get(lang),
                            );
                        }
                    });
                ui.end_row();
                ui.label(l.t("trainer-plan-service"));
                let shown = draft
                    .service
                    .as_ref()
                    .and_then(|id| sc.service(id))
                    .map(|sv| sv.name.get(lang).to_string())
                    .unwrap_or_else(|| l.t("trainer-plan-choose"));
                egui::ComboBox::from_id_salt("plan-service")
                    .width(360.0)
                    .selected_text(shown)
                    .show_ui(ui, |ui| {
                        for sv in &sc.services {
                            let text = format!("{} — {}", sv.name.get(lang), sv.provider.get(lang));
                            ui.selectable_value(&mut draft.service, Some(sv.id.clone()), text);
                        }
                    });
                ui.end_row();
                ui.label(l.t("trainer-plan-deadline"));
                match &range {
                    Some(r) => {
                        let shown = draft
                            .deadline
                            .map(|w| l.tr("trainer-plan-week", &[("week", n(w))]))
                            .unwrap_or_else(|| l.t("trainer-plan-choose"));
                        egui::ComboBox::from_id_salt("plan-deadline")
                            .selected_text(shown)
                            .show_ui(ui, |ui| {
                                for week in r.clone() {
                                    ui.selectable_value(
                                        &mut draft.deadline,
                                        Some(week),
                                        l.tr("trainer-plan-week", &[("week", n(week))]),
                                    );
                                }
                            });
                    }
                    None => {
                        ui.label("—");
                    }
                }
                ui.end_row();
            });
        let ready = draft.need.is_some()
            && draft.goal.is_some()
            && draft.service.is_some()
            && draft.deadline.is_some();
        if ui
            .add_enabled(ready, egui::Button::new(l.t("trainer-plan-add")))
            .clicked()
        {
            add = true;
        }
    });
    if add {
        t.add_plan_item();
    }
}
