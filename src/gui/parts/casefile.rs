//! The case file: the facts found so far, grouped by the five Ws, each saying how it was
//! learned. Facts found by the last step are highlighted until the next one.

use bevy_egui::egui::{self, Margin, RichText};

use crate::engine::{Cause, Session};
use crate::gui::{theme, widgets};
use crate::i18n::{Localizer, n, s};
use crate::scenario::W;

pub fn case_file(
    ui: &mut egui::Ui,
    session: &Session,
    fresh: &[String],
    tab: &mut Option<W>,
    l: &Localizer,
    lang: &str,
) {
    let file = session.case_file();
    widgets::heading(ui, l.t("trainer-case-file"));
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 4.0;
        if ui
            .add(egui::Button::selectable(
                tab.is_none(),
                l.t("trainer-case-file-all"),
            ))
            .clicked()
        {
            *tab = None;
        }
        for w in W::ALL {
            let count = file.iter().filter(|f| f.w == w).count();
            let label = format!("{} {}", l.t(&format!("w-{}", w.key())), count);
            if ui
                .add(egui::Button::selectable(*tab == Some(w), label))
                .clicked()
            {
                *tab = Some(w);
            }
        }
    });
    ui.add_space(4.0);
    if file.is_empty() {
        widgets::muted(ui, l.t("trainer-case-file-empty"));
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("case-file")
        .auto_shrink(false)
        .show(ui, |ui| {
            for w in W::ALL {
                if tab.is_some_and(|t| t != w) {
                    continue;
                }
                let facts: Vec<_> = file.iter().filter(|f| f.w == w).collect();
                if facts.is_empty() {
                    continue;
                }
                widgets::subheading(ui, l.t(&format!("w-{}", w.key())));
                for f in facts {
                    let Some(fact) = session.scenario().fact(&f.fact) else {
                        continue;
                    };
                    let is_fresh = fresh.contains(&f.fact);
                    egui::Frame::new()
                        .fill(if is_fresh {
                            theme::FRESH
                        } else {
                            egui::Color32::TRANSPARENT
                        })
                        .stroke(egui::Stroke::new(1.0, theme::BORDER))
                        .inner_margin(Margin::same(8))
                        .corner_radius(4)
                        .show(ui, |ui| {
                            ui.set_width(ui.available_width());
                            if is_fresh {
                                ui.label(
                                    RichText::new(l.t("trainer-new"))
                                        .small()
                                        .family(theme::bold())
                                        .color(theme::PARTLY),
                                );
                            }
                            ui.label(fact.text.get(lang));
                            ui.label(
                                RichText::new(cause_text(session, &f.cause, l, lang))
                                    .small()
                                    .color(theme::MUTED),
                            );
                        });
                }
                ui.add_space(4.0);
            }
        });
}

/// How a fact was learned, in words.
pub fn cause_text(session: &Session, cause: &Cause, l: &Localizer, lang: &str) -> String {
    let sc = session.scenario();
    match cause {
        Cause::Decision { decision, step } => l.tr(
            "trainer-learned-by-decision",
            &[
                ("step", n(*step)),
                (
                    "decision",
                    s(sc.decision(decision)
                        .map(|d| d.label.get(lang))
                        .unwrap_or_default()),
                ),
            ],
        ),
        Cause::Event { event, after_step } => l.tr(
            "trainer-learned-by-event",
            &[
                ("step", n(*after_step)),
                (
                    "event",
                    s(sc.event(event)
                        .map(|e| e.text.get(lang))
                        .unwrap_or_default()),
                ),
            ],
        ),
    }
}
