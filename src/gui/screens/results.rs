//! Results: the total and pass or fail in words, a bar per competency, then every rule by
//! criterion, missed and critical first, with its feedback and the steps that caused it.

use bevy::prelude::*;
use bevy_egui::egui::{self, RichText};

use super::ScreenState;
use crate::gui::model::Trainer;
use crate::gui::{chrome, theme, widgets};
use crate::i18n::{Localizer, n, s};
use crate::rubric::Competency;
use crate::score::{RuleResult, ScoreReport, Status};

pub(super) fn plugin(app: &mut App) {
    super::show_while(app, ScreenState::Results, panel);
}

/// The results screen.
pub fn panel(ui: &mut egui::Ui, t: &mut Trainer) {
    chrome::page(ui, t, |ui, t| {
        let l = t.l();
        let Some(w) = &t.work else {
            t.to_library();
            return;
        };
        let Some(report) = &w.report else {
            widgets::card(ui, |ui| {
                ui.label(l.t("trainer-results-no-rubric"));
            });
            if widgets::primary(ui, l.t("trainer-review-open")).clicked() {
                t.review_at(1);
            }
            return;
        };
        let mut jump = None;
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                ui.set_max_width(ui.available_width().min(900.0));
                headline(ui, report, l);
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    if widgets::primary(ui, l.t("trainer-review-open")).clicked() {
                        jump = Some(1);
                    }
                    if ui.button(l.t("trainer-to-library")).clicked() {
                        jump = Some(0);
                    }
                });
                ui.add_space(8.0);
                competencies(ui, report, l);
                ui.add_space(8.0);
                if let Some(step) = rules(ui, report, l) {
                    jump = Some(step);
                }
            });
        match jump {
            Some(0) => t.to_library(),
            Some(step) => t.review_at(step),
            None => {}
        }
    });
}

fn headline(ui: &mut egui::Ui, r: &ScoreReport, l: &Localizer) {
    widgets::card(ui, |ui| {
        let pct = s(format!("{:.0}", r.total));
        let (text, colour) = if !r.finished {
            (
                l.tr("trainer-result-unfinished", &[("percent", pct)]),
                theme::PENDING,
            )
        } else if r.passed {
            (
                l.tr("trainer-result-passed", &[("percent", pct)]),
                theme::MET,
            )
        } else {
            (
                l.tr("trainer-result-failed", &[("percent", pct)]),
                theme::MISSED,
            )
        };
        let icon = if r.passed { "✔" } else { "✖" };
        ui.label(
            RichText::new(format!("{icon} {text}"))
                .size(26.0)
                .family(theme::bold())
                .color(colour),
        );
        widgets::muted(
            ui,
            l.tr(
                "trainer-result-pass-mark",
                &[
                    ("pass", n(r.pass_mark)),
                    ("rubric", s(r.rubric_title.clone())),
                ],
            ),
        );
        widgets::muted(
            ui,
            l.tr(
                "trainer-result-session",
                &[("steps", n(r.steps)), ("weeks", n(r.weeks_used))],
            ),
        );
        let critical: Vec<&RuleResult> = r
            .criteria
            .iter()
            .flat_map(|c| &c.rules)
            .filter(|x| r.critical_failures.contains(&x.id))
            .collect();
        if !critical.is_empty() {
            ui.add_space(4.0);
            ui.label(
                RichText::new(format!(
                    "⚠ {}",
                    l.tr(
                        "trainer-result-critical",
                        &[("count", n(critical.len() as u32))]
                    )
                ))
                .color(theme::MISSED)
                .family(theme::bold()),
            );
            for rule in critical {
                ui.label(format!("•  {}: {}", rule.title, rule.feedback));
            }
        }
    });
}

/// One bar per competency: the points of its criteria together.
fn competencies(ui: &mut egui::Ui, r: &ScoreReport, l: &Localizer) {
    let mut by: Vec<(Competency, f64, u32)> = Vec::new();
    for c in &r.criteria {
        match by.iter_mut().find(|(k, _, _)| *k == c.competency) {
            Some(e) => {
                e.1 += c.points;
                e.2 += c.max;
            }
            None => by.push((c.competency, c.points, c.max)),
        }
    }
    widgets::card(ui, |ui| {
        widgets::heading(ui, l.t("trainer-competencies"));
        egui::Grid::new("competencies")
            .num_columns(3)
            .spacing([12.0, 10.0])
            .show(ui, |ui| {
                for (k, points, max) in by {
                    ui.label(l.t(&format!("competency-{}", k.key())));
                    let pct = (max > 0).then(|| points / f64::from(max) * 100.0);
                    widgets::bar(ui, pct, 260.0);
                    ui.label(match pct {
                        Some(p) => format!("{p:.0}%"),
                        None => l.t("trainer-status-pending"),
                    });
                    ui.end_row();
                }
            });
    });
}

fn order(rule: &RuleResult) -> u8 {
    match (rule.critical, rule.status) {
        (true, Status::Missed | Status::Partial) => 0,
        (_, Status::Missed) => 1,
        (_, Status::Partial) => 2,
        (_, Status::Pending) => 3,
        (_, Status::Met) => 4,
        (_, Status::NotApplicable) => 5,
    }
}

/// Every rule by criterion; returns the step the student asked to see.
fn rules(ui: &mut egui::Ui, r: &ScoreReport, l: &Localizer) -> Option<u32> {
    let mut jump = None;
    for c in &r.criteria {
        widgets::card(ui, |ui| {
            let pct = c
                .percent
                .map(|p| format!("{p:.0}%"))
                .unwrap_or_else(|| l.t("trainer-status-na"));
            ui.horizontal(|ui| {
                widgets::heading(ui, &c.title);
                widgets::muted(ui, pct);
            });
            let mut rules: Vec<&RuleResult> = c.rules.iter().collect();
            rules.sort_by_key(|x| order(x));
            for rule in rules {
                ui.separator();
                ui.horizontal(|ui| {
                    widgets::status_chip(ui, rule.status, rule.critical, l);
                    ui.label(RichText::new(&rule.title).family(theme::bold()));
                    widgets::muted(
                        ui,
                        l.tr(
                            "trainer-rule-points",
                            &[
                                ("earned", s(format!("{}", rule.points))),
                                ("max", n(rule.max)),
                            ],
                        ),
                    );
                });
                if !rule.feedback.is_empty() {
                    ui.label(&rule.feedback);
                }
                if let Some(d) = &rule.detail {
                    widgets::muted(ui, l.tr("trainer-rule-detail", &[("detail", s(d.clone()))]));
                }
                let mut steps: Vec<u32> = rule
                    .evidence
                    .iter()
                    .map(|e| e.step)
                    .filter(|s| *s > 0)
                    .collect();
                steps.dedup();
                if !steps.is_empty() {
                    ui.horizontal_wrapped(|ui| {
                        for step in steps {
                            if ui
                                .link(l.tr("trainer-see-step", &[("step", n(step))]))
                                .clicked()
                            {
                                jump = Some(step);
                            }
                        }
                    });
                }
            }
        });
        ui.add_space(6.0);
    }
    jump
}
