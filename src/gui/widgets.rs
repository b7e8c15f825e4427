//! Small pieces the screens share: cards, headings, status chips, the primary button.

use bevy_egui::egui::{self, Color32, CornerRadius, Margin, RichText, Stroke};

use super::theme;
use crate::i18n::Localizer;
use crate::score::Status;

/// A white card with a border and room to breathe.
pub fn card<R>(ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    egui::Frame::new()
        .stroke(Stroke::new(1.0, theme::BORDER))
        .corner_radius(CornerRadius::same(6))
        .inner_margin(Margin::same(14))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            // Left-aligned, never justified, whatever the parent's layout.
            ui.with_layout(egui::Layout::top_down(egui::Align::Min), add)
                .inner
        })
        .inner
}

/// A section heading: size and weight, not colour.
pub fn heading(ui: &mut egui::Ui, text: impl Into<String>) {
    ui.label(RichText::new(text.into()).size(18.0).family(theme::bold()));
}

/// A small heading above a group of items.
pub fn subheading(ui: &mut egui::Ui, text: impl Into<String>) {
    ui.label(RichText::new(text.into()).size(15.5).family(theme::bold()));
}

/// Secondary text.
pub fn muted(ui: &mut egui::Ui, text: impl Into<String>) {
    ui.label(RichText::new(text.into()).color(theme::MUTED));
}

/// The one primary action of a screen.
pub fn primary(ui: &mut egui::Ui, text: impl Into<String>) -> egui::Response {
    ui.add(
        egui::Button::new(
            RichText::new(text.into())
                .color(Color32::WHITE)
                .family(theme::bold()),
        )
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
    ui.label(
        RichText::new(format!("{icon} {word}"))
            .color(colour)
            .family(theme::bold()),
    );
    if critical {
        ui.label(
            RichText::new(format!("⚠ {}", l.t("trainer-critical")))
                .color(theme::MISSED)
                .family(theme::bold()),
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

/// Runs `add` in a column occupying exactly `rect` (clipped to it), with its own id.
pub fn column<R>(
    ui: &mut egui::Ui,
    rect: egui::Rect,
    id: &str,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    let mut child = ui.new_child(
        egui::UiBuilder::new()
            .id_salt(id)
            .max_rect(rect)
            .layout(egui::Layout::top_down(egui::Align::Min)),
    );
    child.set_clip_rect(rect.intersect(ui.clip_rect()));
    add(&mut child)
}

/// Splits the space left in `ui` into a fixed-width left column, a middle, and an optional
/// fixed-width right column, with gaps between them.
pub fn split(ui: &mut egui::Ui, left: f32, right: Option<f32>) -> [egui::Rect; 3] {
    let full = ui.available_rect_before_wrap();
    ui.advance_cursor_after_rect(full);
    let gap = 14.0;
    let l = egui::Rect::from_min_size(full.min, egui::vec2(left, full.height()));
    let r = match right {
        Some(w) => egui::Rect::from_min_max(egui::pos2(full.right() - w, full.top()), full.max),
        None => egui::Rect::from_min_max(egui::pos2(full.right(), full.top()), full.max),
    };
    let right_edge = if right.is_some() {
        r.left() - gap
    } else {
        full.right()
    };
    let c = egui::Rect::from_min_max(
        egui::pos2(l.right() + gap, full.top()),
        egui::pos2(right_edge, full.bottom()),
    );
    [l, c, r]
}
