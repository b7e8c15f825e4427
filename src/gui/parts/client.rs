//! The client column: the client card, household, and the measures the case shows, with
//! ▲/▼ where the last step moved them.

use bevy_egui::egui::{self, RichText};

use crate::engine::{Session, StepOutcome};
use crate::gui::{theme, widgets};
use crate::i18n::{Localizer, n};
use crate::scenario::Scenario;

/// Client pictures decoded once, by scenario id (None: the case has none, or it could not
/// be read).
#[derive(Default)]
pub struct Pictures(std::collections::HashMap<String, Option<egui::TextureHandle>>);

impl Pictures {
    /// The picture of a case, decoded and given to egui on first use.
    pub fn get(
        &mut self,
        ctx: &egui::Context,
        bank: &crate::bank::Bank,
        scenario: &str,
    ) -> Option<egui::TextureHandle> {
        self.0
            .entry(scenario.to_string())
            .or_insert_with(|| {
                let entry = bank.scenario(scenario)?;
                let bytes = bank.picture_of(entry)?;
                let rgba = image::load_from_memory(bytes).ok()?.to_rgba8();
                let size = [rgba.width() as usize, rgba.height() as usize];
                let picture = egui::ColorImage::from_rgba_unmultiplied(size, rgba.as_raw());
                Some(ctx.load_texture(
                    format!("picture-{scenario}"),
                    picture,
                    egui::TextureOptions::LINEAR,
                ))
            })
            .clone()
    }
}

/// The client card: picture (when the case has one), name, age, situation, household.
pub fn client_card(
    ui: &mut egui::Ui,
    sc: &Scenario,
    picture: Option<&egui::TextureHandle>,
    lang: &str,
    l: &Localizer,
) {
    widgets::card(ui, |ui| {
        let c = &sc.client;
        if let Some(texture) = picture {
            let size = texture.size_vec2();
            let scale = (160.0 / size.y).min(ui.available_width() / size.x).min(1.0);
            ui.add(
                egui::Image::new(texture)
                    .fit_to_exact_size(size * scale)
                    .corner_radius(6)
                    .alt_text(l.tr(
                        "trainer-client-picture",
                        &[("name", crate::i18n::s(c.name.get(lang)))],
                    )),
            );
        }
        ui.label(
            RichText::new(c.name.get(lang))
                .size(17.0)
                .family(theme::bold()),
        );
        widgets::muted(ui, l.tr("trainer-client-age", &[("age", n(c.age))]));
        ui.label(c.situation.get(lang));
        if !c.household.is_empty() {
            ui.add_space(4.0);
            widgets::subheading(ui, l.t("trainer-household"));
            for p in &c.household {
                let age = p
                    .age
                    .map(|a| l.tr("trainer-person-age", &[("age", n(a))]))
                    .unwrap_or_default();
                ui.label(format!(
                    "•  {} — {}{age}",
                    p.name.get(lang),
                    p.relation.get(lang)
                ));
            }
        }
        if !c.internet {
            ui.add_space(2.0);
            widgets::muted(ui, l.t("trainer-client-no-internet"));
        }
        if !c.smartphone {
            ui.add_space(2.0);
            widgets::muted(ui, l.t("trainer-client-no-smartphone"));
        }
    });
}

/// The variables of the case, each with its range and the last change.
pub fn measures(
    ui: &mut egui::Ui,
    session: &Session,
    last: Option<&StepOutcome>,
    l: &Localizer,
    lang: &str,
) {
    let sc = session.scenario();
    // Hidden variables are the trainer's and the rubric's, never the student's.
    if sc.variables.iter().all(|v| v.hidden) {
        return;
    }
    widgets::card(ui, |ui| {
        widgets::heading(ui, l.t("trainer-measures"));
        for (i, v) in sc.variables.iter().enumerate().filter(|(_, v)| !v.hidden) {
            let value = session.state().values[i];
            let change = last.and_then(|o| o.changes.iter().find(|c| c.variable == v.id));
            ui.label(v.label.get(lang));
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(l.tr(
                        "trainer-measure-value",
                        &[("value", n(value)), ("max", n(v.max)), ("min", n(v.min))],
                    ))
                    .family(theme::bold()),
                );
                if let Some(c) = change {
                    let (mark, colour) = if c.after > c.before {
                        ("▲", theme::MET)
                    } else {
                        ("▼", theme::MISSED)
                    };
                    ui.label(
                        RichText::new(format!("{mark} {:+}", c.after - c.before))
                            .color(colour)
                            .family(theme::bold()),
                    );
                }
            });
            let share = if v.max > v.min {
                f64::from(value - v.min) / f64::from(v.max - v.min) * 100.0
            } else {
                0.0
            };
            widgets::bar(ui, Some(share), ui.available_width());
        }
    });
}
