//! The live ecomap: the client and household in the middle, informal ties on the left,
//! formal services on the right, lines drawn as social workers draw them.

use std::f32::consts::PI;

use bevy_egui::egui::{self, Align2, Color32, FontId, Pos2, Shape, Stroke, Vec2};

use crate::gui::{theme, widgets};
use crate::i18n::Localizer;
use crate::network::{Ecomap, MemberView};
use crate::scenario::{Scenario, Sector, Tie};

/// Draws an ecomap (the current one, or one from the past on the review screen).
pub fn ecomap(
    ui: &mut egui::Ui,
    sc: &Scenario,
    map: &Ecomap,
    last_record: Option<u32>,
    l: &Localizer,
    lang: &str,
) {
    if sc.network.is_empty() {
        widgets::muted(ui, l.t("trainer-ecomap-none"));
        return;
    }
    let width = ui.available_width().max(220.0);
    let height = (width * 0.85).clamp(220.0, 380.0);
    let (rect, response) = ui.allocate_exact_size(Vec2::new(width, height), egui::Sense::hover());
    let p = ui.painter_at(rect);
    let centre = rect.center();
    // An ellipse leaves room for the names beside the nodes.
    let rx = (width / 2.0 - 70.0).max(60.0);
    let ry = (height / 2.0 - 26.0).max(60.0);
    p.circle_filled(centre, 30.0, theme::ACCENT_SOFT);
    p.circle_stroke(centre, 30.0, Stroke::new(2.0, theme::ACCENT));
    p.text(
        centre,
        Align2::CENTER_CENTER,
        sc.client
            .name
            .get(lang)
            .split_whitespace()
            .next()
            .unwrap_or(""),
        FontId::proportional(12.5),
        theme::TEXT,
    );
    if !sc.client.household.is_empty() {
        p.text(
            centre + Vec2::new(0.0, 14.0),
            Align2::CENTER_CENTER,
            format!("+{}", sc.client.household.len()),
            FontId::proportional(11.0),
            theme::MUTED,
        );
    }
    let informal: Vec<&MemberView> = map
        .members
        .iter()
        .filter(|m| m.sector == Sector::Informal)
        .collect();
    let formal: Vec<&MemberView> = map
        .members
        .iter()
        .filter(|m| m.sector == Sector::Formal)
        .collect();
    let mut described = Vec::new();
    for (group, from, to) in [
        (informal, 0.6 * PI, 1.4 * PI),
        (formal, -0.4 * PI, 0.4 * PI),
    ] {
        let count = group.len().max(1) as f32;
        for (i, m) in group.into_iter().enumerate() {
            let angle = from + (to - from) * (i as f32 + 0.5) / count;
            let dir = Vec2::angled(angle);
            let pos = centre + Vec2::new(dir.x * rx, dir.y * ry);
            let start = centre + Vec2::angled(angle) * 32.0;
            let end = pos - Vec2::angled(angle) * 12.0;
            tie_line(&p, start, end, m.tie);
            let changed = last_record.is_some() && m.changed_at == last_record;
            let fill = match m.sector {
                Sector::Informal => Color32::from_rgb(0xEE, 0xF6, 0xEE),
                Sector::Formal => Color32::from_rgb(0xF1, 0xEE, 0xF8),
            };
            p.circle_filled(
                pos,
                11.0,
                if m.tie == Tie::Absent {
                    theme::BACKGROUND
                } else {
                    fill
                },
            );
            p.circle_stroke(
                pos,
                11.0,
                Stroke::new(
                    if changed { 3.0 } else { 1.5 },
                    if changed { theme::PARTLY } else { theme::MUTED },
                ),
            );
            if !m.known.is_empty() {
                p.text(
                    pos,
                    Align2::CENTER_CENTER,
                    "i",
                    FontId::proportional(11.0),
                    theme::ACCENT,
                );
            }
            let name = sc
                .network
                .iter()
                .find(|n| n.id == m.id)
                .map(|n| n.name.get(lang))
                .unwrap_or_default();
            let label_pos = pos + Vec2::new(0.0, 13.0);
            let label = short(name, 18);
            let galley = p.layout_no_wrap(label, FontId::proportional(11.5), theme::TEXT);
            // Keep the name inside the map: shift it in from the edges.
            let half = galley.size().x / 2.0;
            let x = label_pos
                .x
                .clamp(rect.left() + half + 2.0, rect.right() - half - 2.0);
            p.galley(egui::pos2(x - half, label_pos.y), galley, theme::TEXT);
            described.push((
                m,
                name.to_string(),
                egui::Rect::from_center_size(pos, Vec2::splat(26.0)),
            ));
        }
    }
    let words: Vec<String> = described
        .iter()
        .map(|(m, name, _)| format!("{name}: {}", l.t(&format!("tie-{}", m.tie.key()))))
        .collect();
    response
        .widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Label, true, words.join("; ")));
    for (m, name, r) in &described {
        let id = ui.id().with(("ecomap-node", &m.id));
        let hover = ui.interact(*r, id, egui::Sense::hover());
        hover.on_hover_ui(|ui| {
            ui.label(egui::RichText::new(name.as_str()).family(theme::bold()));
            ui.label(format!(
                "{} · {}",
                l.t(&format!("sector-{}", sector_key(m.sector))),
                l.t(&format!("tie-{}", m.tie.key()))
            ));
            for f in &m.known {
                if let Some(fact) = sc.fact(f) {
                    ui.label(format!("•  {}", fact.text.get(lang)));
                }
            }
        });
    }
    legend(ui, l);
    known(ui, sc, map, l, lang);
}

fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max - 1).collect::<String>())
    }
}

pub fn sector_key(s: Sector) -> &'static str {
    match s {
        Sector::Informal => "informal",
        Sector::Formal => "formal",
    }
}

/// One tie, drawn the way ecomaps draw it.
fn tie_line(p: &egui::Painter, a: Pos2, b: Pos2, tie: Tie) {
    let colour = theme::TEXT;
    match tie {
        Tie::Strong => {
            p.line_segment([a, b], Stroke::new(4.0, colour));
        }
        Tie::Normal => {
            p.line_segment([a, b], Stroke::new(1.6, colour));
        }
        Tie::Weak => {
            p.extend(Shape::dashed_line(
                &[a, b],
                Stroke::new(1.6, colour),
                6.0,
                5.0,
            ));
        }
        Tie::Stressful => {
            p.line_segment([a, b], Stroke::new(1.6, theme::MISSED));
            let dir = (b - a).normalized();
            let normal = Vec2::new(-dir.y, dir.x);
            let len = (b - a).length();
            let mut d = 8.0;
            while d < len - 4.0 {
                let c = a + dir * d;
                p.line_segment(
                    [c - normal * 5.0 - dir * 3.0, c + normal * 5.0 + dir * 3.0],
                    Stroke::new(1.6, theme::MISSED),
                );
                d += 9.0;
            }
        }
        Tie::Absent => {}
    }
}

fn legend(ui: &mut egui::Ui, l: &Localizer) {
    ui.horizontal_wrapped(|ui| {
        for tie in [Tie::Strong, Tie::Normal, Tie::Weak, Tie::Stressful] {
            let (rect, _) = ui.allocate_exact_size(Vec2::new(34.0, 14.0), egui::Sense::hover());
            tie_line(ui.painter(), rect.left_center(), rect.right_center(), tie);
            ui.label(egui::RichText::new(l.t(&format!("tie-{}", tie.key()))).small())
                .on_hover_text(l.t(&format!("tie-{}-legend", tie.key())));
            ui.add_space(6.0);
        }
    });
}

/// What is known about each member, in words (also for keyboard and screen-reader users).
fn known(ui: &mut egui::Ui, sc: &Scenario, map: &Ecomap, l: &Localizer, lang: &str) {
    let with_facts: Vec<&MemberView> = map.members.iter().filter(|m| !m.known.is_empty()).collect();
    if with_facts.is_empty() {
        return;
    }
    ui.add_space(4.0);
    widgets::subheading(ui, l.t("trainer-ecomap-known"));
    for m in with_facts {
        let name = sc
            .network
            .iter()
            .find(|n| n.id == m.id)
            .map(|n| n.name.get(lang))
            .unwrap_or_default();
        ui.label(egui::RichText::new(name).family(theme::bold()));
        for f in &m.known {
            if let Some(fact) = sc.fact(f) {
                ui.label(egui::RichText::new(format!("•  {}", fact.text.get(lang))).small());
            }
        }
    }
}
