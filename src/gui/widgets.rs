//! Small pieces the screens share: cards, headings, status chips, the primary button.

use bevy_egui::egui::{self, Color32, CornerRadius, Margin, RichText, Stroke};

use super::theme;
use crate::i18n::Localizer;
use crate::score::Status;

/// A white card with a border and room to breathe.
pub fn card<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    egui::Frame::new()
        .fill(theme::SURFACE)
        .stroke(Stroke::new(1.0, theme::BORDER))
        .corner_radius(CornerRadius::same(6))
        .inner_margin(Margin::same(14))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui)
        })
        .inner
}

/// A section heading: size and weight, not colour.
pub fn heading(ui: &mut egui::Ui, text: impl Into<String>) {
    ui.label(RichText::new(text.into()).size(18.0).strong());
}

/// A small heading above a group of items.
pub fn subheading(ui: &mut egui::Ui, text: impl Into<String>) {
    ui.label(RichText::new(text.into()).size(15.5).strong());
}

/// Secondary text.
pub fn muted(ui: &mut egui::Ui, text: impl Into<String>) {
    ui.label(RichText::new(text.into()).color(theme::MUTED));
}

/// The one primary action of a screen.
pub fn primary(ui: &mut egui::Ui, text: impl Into<String>) -> egui::Response {
    ui.add(
        egui::Button::new(RichText::new(text.into()).color(Color32::WHITE).strong())
            .fill(theme::ACCENT)
            .min_size(egui::vec2(0.0, 32.0)),
    )
}

/// The colour and word of a rule's status (never colour alone).
pub fn status_style(status: Status, l: &Localizer) -> (Color32, String, &'static str) {
    match status {
        Status::Met => (theme::MET, l.t("trainer-status-met"), "✔"),
        Status::Partial => (theme::PARTLY, l.t("trainer-status-partial"), "◐"),
        Status::Missed => (theme::MISSED, l.t("trainer-status-missed"), "✖"),
        Status::Pending => (theme::PENDING, l.t("trainer-status-pending"), "…"),
        Status::NotApplicable => (theme::PENDING, l.t("trainer-status-na"), "–"),
    }
}

/// A status chip: icon and word in the status colour.
pub fn status_chip(ui: &mut egui::Ui, status: Status, critical: bool, l: &Localizer) {
    let (colour, word, icon) = status_style(status, l);
    ui.label(RichText::new(format!("{icon} {word}")).color(colour).strong());
    if critical {
        ui.label(
            RichText::new(format!("⚠ {}", l.t("trainer-critical")))
                .color(theme::MISSED)
                .strong(),
        );
    }
}

/// A horizontal bar for a percentage, with the number beside it.
pub fn bar(ui: &mut egui::Ui, percent: Option<f64>, width: f32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, 12.0), egui::Sense::hover());
    let p = ui.painter();
    p.rect_filled(rect, CornerRadius::same(3), theme::ACCENT_SOFT);
    if let Some(pc) = percent {
        let mut fill = rect;
        fill.set_width(rect.width() * (pc.clamp(0.0, 100.0) as f32) / 100.0);
        p.rect_filled(fill, CornerRadius::same(3), theme::ACCENT);
    }
}
