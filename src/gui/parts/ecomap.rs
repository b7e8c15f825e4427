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
    let height = (width * 0.95).clamp(240.0, 420.0);
    let (rect, response) = ui.allocate_exact_size(Vec2::new(width, height), egui::Sense::hover());
    let p = ui.painter_at(rect);
    let centre = rect.center();
    // An ellipse leaves room for the names beside the nodes.
    let rx = (width / 2.0 - 78.0).max(50.0);
    let ry = (height / 2.0 - 22.0).max(60.0);
    client_node(&p, centre, sc, lang);
    // Members are numbered in the order of the list under the map.
    let numbered: Vec<(usize, &MemberView)> = map
        .members
        .iter()
        .enumerate()
        .map(|(i, m)| (i + 1, m))
        .collect();
    let mut described = Vec::new();
    for (sector, from, to) in [
        (Sector::Informal, 1.4 * PI, 0.6 * PI),
        (Sector::Formal, -0.4 * PI, 0.4 * PI),
    ] {
        let group: Vec<&(usize, &MemberView)> = numbered
            .iter()
            .filter(|(_, m)| m.sector == sector)
            .collect();
        let count = group.len().max(1) as f32;
        for (i, (number, m)) in group.into_iter().enumerate() {
            let angle = from + (to - from) * (i as f32 + 0.5) / count;
            let dir = Vec2::angled(angle);
            let pos = centre + Vec2::new(dir.x * rx, dir.y * ry);
            tie_line(&p, centre + dir * 32.0, pos - dir * 12.0, m.tie);
            let changed = last_record.is_some() && m.changed_at == last_record;
            let name = sc
                .member(&m.id)
                .map(|n| n.name.get(lang))
                .unwrap_or_default();
            member_node(&p, rect, pos, *number, m, name, changed);
            described.push((
                *m,
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
        ui.interact(*r, id, egui::Sense::hover()).on_hover_ui(|ui| {
            ui.label(egui::RichText::new(name.as_str()).family(theme::bold()));
            ui.label(format!(
                "{} · {}",
                l.t(&format!("sector-{}", m.sector.key())),
                l.t(&format!("tie-{}", m.tie.key()))
            ));
        });
    }
    legend(ui, l);
    members(ui, sc, map, last_record, l, lang);
}

/// The client in the middle, with the size of the household.
fn client_node(p: &egui::Painter, centre: Pos2, sc: &Scenario, lang: &str) {
    p.circle_filled(centre, 30.0, theme::ACCENT_SOFT);
    p.circle_stroke(centre, 30.0, Stroke::new(2.0, theme::ACCENT));
    let first_name = sc
        .client
        .name
        .get(lang)
        .split_whitespace()
        .next()
        .unwrap_or("");
    p.text(
        centre,
        Align2::CENTER_CENTER,
        first_name,
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
}

/// One member: a numbered circle, ringed when the last step changed its tie, and its name
/// on the outer side, kept inside the map.
fn member_node(
    p: &egui::Painter,
    rect: egui::Rect,
    pos: Pos2,
    number: usize,
    m: &MemberView,
    name: &str,
    changed: bool,
) {
    let fill = match (m.tie, m.sector) {
        (Tie::Absent, _) => theme::BACKGROUND,
        (_, Sector::Informal) => Color32::from_rgb(0xEE, 0xF6, 0xEE),
        (_, Sector::Formal) => Color32::from_rgb(0xF1, 0xEE, 0xF8),
    };
    p.circle_filled(pos, 11.0, fill);
    let ring = if changed {
        Stroke::new(3.0, theme::PARTLY)
    } else {
        Stroke::new(1.5, theme::MUTED)
    };
    p.circle_stroke(pos, 11.0, ring);
    p.text(
        pos,
        Align2::CENTER_CENTER,
        number.to_string(),
        FontId::proportional(11.0),
        theme::TEXT,
    );
    let right = pos.x >= rect.center().x;
    let room = if right {
        rect.right() - pos.x - 16.0
    } else {
        pos.x - rect.left() - 16.0
    };
    let galley = p.layout_no_wrap(fit(p, name, room), FontId::proportional(11.5), theme::TEXT);
    let x = if right {
        pos.x + 15.0
    } else {
        pos.x - 15.0 - galley.size().x
    };
    p.galley(
        egui::pos2(x, pos.y - galley.size().y / 2.0),
        galley,
        theme::TEXT,
    );
}

/// The longest start of `text` that fits in `room` pixels, with "…" when cut.
fn fit(p: &egui::Painter, text: &str, room: f32) -> String {
    let width = |t: &str| {
        p.layout_no_wrap(t.to_string(), FontId::proportional(11.5), theme::TEXT)
            .size()
            .x
    };
    if width(text) <= room {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    (1..chars.len())
        .rev()
        .map(|n| format!("{}…", chars[..n].iter().collect::<String>().trim_end()))
        .find(|t| width(t) <= room)
        .unwrap_or_default()
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
    egui::Grid::new("ecomap-legend")
        .num_columns(4)
        .spacing([6.0, 4.0])
        .show(ui, |ui| {
            for pair in [[Tie::Strong, Tie::Normal], [Tie::Weak, Tie::Stressful]] {
                for tie in pair {
                    let (rect, _) =
                        ui.allocate_exact_size(Vec2::new(34.0, 14.0), egui::Sense::hover());
                    tie_line(ui.painter(), rect.left_center(), rect.right_center(), tie);
                    ui.label(egui::RichText::new(l.t(&format!("tie-{}", tie.key()))).small())
                        .on_hover_text(l.t(&format!("tie-{}-legend", tie.key())));
                }
                ui.end_row();
            }
        });
}

/// Everyone on the map, numbered as on the map, with the tie in words and what is known
/// about them (also for keyboard and screen-reader users).
fn members(
    ui: &mut egui::Ui,
    sc: &Scenario,
    map: &Ecomap,
    last_record: Option<u32>,
    l: &Localizer,
    lang: &str,
) {
    ui.add_space(4.0);
    widgets::subheading(ui, l.t("trainer-ecomap-known"));
    for (i, m) in map.members.iter().enumerate() {
        let name = sc
            .member(&m.id)
            .map(|n| n.name.get(lang))
            .unwrap_or_default();
        let mut tie = l.t(&format!("tie-{}", m.tie.key()));
        if last_record.is_some() && m.changed_at == last_record {
            tie = l.tr("trainer-ecomap-changed", &[("tie", crate::i18n::s(tie))]);
        }
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(format!("{}. {name}", i + 1)).family(theme::bold()));
            ui.label(egui::RichText::new(tie).color(theme::MUTED));
        });
        for f in &m.known {
            if let Some(fact) = sc.fact(f) {
                ui.label(egui::RichText::new(format!("•  {}", fact.text.get(lang))).small());
            }
        }
    }
}
