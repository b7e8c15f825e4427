//! The stage stepper: all seven stages always, done / current / not yet, and a small
//! back-arrow under every stage the case went back to.

use bevy_egui::egui::{self, Align2, FontId, Stroke};

use crate::engine::{Session, VisitKind};
use crate::gui::theme;
use crate::i18n::{Localizer, n};
use crate::scenario::Stage;

pub fn stepper(ui: &mut egui::Ui, session: &Session, l: &Localizer) {
    let history = session.stage_history();
    let current = session.state().stage;
    let ended = session.ended();
    let width = ui.available_width();
    let slot = width / Stage::ALL.len() as f32;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, 64.0), egui::Sense::hover());
    let p = ui.painter_at(rect);
    let y = rect.top() + 16.0;
    for (i, stage) in Stage::ALL.iter().enumerate() {
        let x = rect.left() + slot * (i as f32 + 0.5);
        let visited = history.iter().any(|v| v.stage == *stage);
        let is_current = *stage == current && !ended;
        let returns = history
            .iter()
            .filter(|v| v.stage == *stage && v.kind == VisitKind::Return)
            .count();
        if i + 1 < Stage::ALL.len() {
            p.line_segment(
                [egui::pos2(x + 14.0, y), egui::pos2(x + slot - 14.0, y)],
                Stroke::new(1.5, theme::BORDER),
            );
        }
        let centre = egui::pos2(x, y);
        let (fill, text_colour, mark) = if is_current {
            (theme::ACCENT, egui::Color32::WHITE, format!("{}", i + 1))
        } else if visited {
            (theme::ACCENT_SOFT, theme::ACCENT, "✔".to_string())
        } else {
            (theme::SURFACE, theme::MUTED, format!("{}", i + 1))
        };
        p.circle_filled(centre, 12.0, fill);
        p.circle_stroke(
            centre,
            12.0,
            Stroke::new(
                1.5,
                if visited || is_current {
                    theme::ACCENT
                } else {
                    theme::BORDER
                },
            ),
        );
        p.text(
            centre,
            Align2::CENTER_CENTER,
            mark,
            FontId::proportional(13.0),
            text_colour,
        );
        let name = l.t(&format!("stage-{}", stage.key()));
        let colour = if is_current {
            theme::TEXT
        } else {
            theme::MUTED
        };
        let font = if is_current {
            FontId::proportional(13.5)
        } else {
            FontId::proportional(12.5)
        };
        p.text(
            egui::pos2(x, y + 18.0),
            Align2::CENTER_TOP,
            name,
            font,
            colour,
        );
        if returns > 0 {
            p.text(
                egui::pos2(x, y + 35.0),
                Align2::CENTER_TOP,
                l.tr("trainer-stepper-returns", &[("count", n(returns as u32))]),
                FontId::proportional(12.0),
                theme::PARTLY,
            );
        }
    }
    // The same in words, for screen readers and tests.
    let words = l.tr(
        "trainer-stepper-now",
        &[(
            "stage",
            crate::i18n::s(l.t(&format!("stage-{}", current.key()))),
        )],
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Label, true, &words));
}
