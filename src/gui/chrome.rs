//! What every screen has: the top bar (where you are, language, text size, the way back
//! to the library) and a notice line when something needs the student's attention.

use bevy_egui::egui::{self, Margin, RichText};

use super::model::{Screen, TEXT_SCALES, Trainer};
use super::{theme, widgets};
use crate::i18n::{n, s};

/// Draws the top bar and the notice, then the screen's body in the rest of the window.
pub fn page(ui: &mut egui::Ui, t: &mut Trainer, body: impl FnOnce(&mut egui::Ui, &mut Trainer)) {
    if (ui.ctx().zoom_factor() - t.text_scale).abs() > f32::EPSILON {
        ui.ctx().set_zoom_factor(t.text_scale);
    }
    egui::Panel::top("top-bar")
        .frame(
            egui::Frame::new()
                .fill(theme::TOP_BAR)
                .inner_margin(Margin::symmetric(16, 10))
                .stroke(egui::Stroke::new(1.0, theme::BORDER)),
        )
        .show(ui, |ui| top_bar(ui, t));
    if let Some(notice) = t.notice.clone() {
        egui::Panel::top("notice")
            .frame(
                egui::Frame::new()
                    .fill(theme::FRESH)
                    .inner_margin(Margin::symmetric(16, 8)),
            )
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(format!("⚠ {notice}")).family(theme::bold()));
                    if ui.button(t.l().t("trainer-dismiss")).clicked() {
                        t.notice = None;
                    }
                });
            });
    }
    // No fill: the window is already cleared to the background colour, and on a software
    // renderer every full-window fill costs a frame a few milliseconds.
    egui::CentralPanel::default()
        .frame(egui::Frame::new().inner_margin(Margin::same(16)))
        .show(ui, |ui| body(ui, t));
}

fn top_bar(ui: &mut egui::Ui, t: &mut Trainer) {
    let l = t.l();
    let view: &Trainer = t;
    let ((), (to_library, scale, lang)) = egui::Sides::new().shrink_left().truncate().show(
        ui,
        |ui| where_we_are(ui, view),
        |ui| {
            let mut to_library = false;
            if view.screen != Screen::Library {
                to_library = ui.button(l.t("trainer-to-library")).clicked();
            }
            let scale = text_size(ui, view);
            let lang = language(ui, view);
            (to_library, scale, lang)
        },
    );
    if let Some(scale) = scale {
        t.set_text_scale(scale);
    }
    if let Some(lang) = lang {
        t.set_lang(lang);
    }
    if to_library {
        t.to_library();
    }
}

/// The left of the top bar: the case, the client and the week, or the tagline.
fn where_we_are(ui: &mut egui::Ui, t: &Trainer) {
    let l = t.l();
    ui.label(
        RichText::new("Casework")
            .size(18.0)
            .family(theme::bold())
            .color(theme::ACCENT),
    );
    ui.separator();
    match (&t.work, t.screen) {
        (Some(w), Screen::Workspace | Screen::Results | Screen::Review) => {
            let sc = w.session.scenario();
            let lang = t.lang;
            let st = w.session.state();
            let week = l.tr(
                "trainer-week-of",
                &[
                    ("week", n(st.week().min(sc.weeks.max(1)))),
                    ("weeks", n(sc.weeks)),
                ],
            );
            ui.label(
                RichText::new(week)
                    .family(theme::bold())
                    .color(theme::ACCENT),
            );
            ui.label(RichText::new(sc.title.get(lang)).family(theme::bold()));
            ui.label(RichText::new(format!("· {}", sc.client.name.get(lang))).color(theme::MUTED));
        }
        _ => {
            widgets::muted(ui, l.t("trainer-tagline"));
        }
    }
}

/// The language switch; the language chosen, if the student chose another.
fn language(ui: &mut egui::Ui, t: &Trainer) -> Option<&'static str> {
    let mut chosen = None;
    for (code, name) in [("en", "English"), ("uk", "Українська")] {
        let selected = t.lang == code;
        if ui
            .add(egui::Button::selectable(selected, name))
            .on_hover_text(t.l().t("trainer-language"))
            .clicked()
            && !selected
        {
            chosen = Some(code);
        }
    }
    ui.label(RichText::new("🌐").color(theme::MUTED));
    chosen
}

/// The text-size setting; the new scale, if the student changed it.
fn text_size(ui: &mut egui::Ui, t: &Trainer) -> Option<f32> {
    let l = t.l();
    let i = TEXT_SCALES
        .iter()
        .position(|s| (s - t.text_scale).abs() < 0.01)
        .unwrap_or(1);
    let mut chosen = None;
    if ui
        .add_enabled(i + 1 < TEXT_SCALES.len(), egui::Button::new("A+"))
        .on_hover_text(l.t("trainer-text-larger"))
        .clicked()
    {
        chosen = Some(TEXT_SCALES[i + 1]);
    }
    if ui
        .add_enabled(i > 0, egui::Button::new("A−"))
        .on_hover_text(l.t("trainer-text-smaller"))
        .clicked()
    {
        chosen = Some(TEXT_SCALES[i - 1]);
    }
    ui.label(
        RichText::new(l.tr(
            "trainer-text-size",
            &[("percent", s(format!("{:.0}", t.text_scale * 100.0)))],
        ))
        .color(theme::MUTED),
    );
    chosen
}
