//! The case library: every case of the bank as a card, filters, and the sessions a student
//! can continue.

use bevy::prelude::*;
use bevy_egui::egui::{self, RichText};

use super::ScreenState;
use crate::gui::model::Trainer;
use crate::gui::{chrome, theme, widgets};
use crate::i18n::{Localizer, n, s};
use crate::scenario::{ClientGroup, Difficulty, Model, Scenario};

pub(super) fn plugin(app: &mut App) {
    super::show_while(app, ScreenState::Library, panel);
}

/// The library screen.
pub fn panel(ui: &mut egui::Ui, t: &mut Trainer) {
    chrome::page(ui, t, |ui, t| {
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                ui.set_max_width(ui.available_width().min(1100.0));
                continue_sessions(ui, t);
                let l = t.l();
                ui.label(
                    RichText::new(l.t("trainer-library-title"))
                        .size(24.0)
                        .family(theme::bold()),
                );
                widgets::muted(ui, l.t("trainer-library-intro"));
                ui.add_space(6.0);
                filters(ui, t);
                ui.add_space(8.0);
                cards(ui, t);
            });
    });
}

fn continue_sessions(ui: &mut egui::Ui, t: &mut Trainer) {
    if t.saved.is_empty() {
        return;
    }
    let l = t.l();
    let mut open = None;
    widgets::card(ui, |ui| {
        widgets::heading(ui, l.t("trainer-continue-title"));
        for saved in &t.saved {
            let Some(entry) = t.bank.scenario(&saved.scenario) else {
                continue;
            };
            ui.horizontal(|ui| {
                let title = entry.doc.title.get(t.lang);
                if ui
                    .button(l.tr("trainer-continue-button", &[("title", s(title))]))
                    .clicked()
                {
                    open = Some(saved.path.clone());
                }
                widgets::muted(
                    ui,
                    l.tr(
                        "trainer-continue-where",
                        &[
                            ("stage", s(l.t(&format!("stage-{}", saved.stage.key())))),
                            ("week", n(saved.week)),
                            ("steps", n(saved.steps)),
                        ],
                    ),
                );
            });
        }
    });
    ui.add_space(12.0);
    if let Some(path) = open
        && let Err(e) = t.open_log(&path)
    {
        t.notice = Some(e);
    }
}

fn filters(ui: &mut egui::Ui, t: &mut Trainer) {
    let l = t.l();
    let lang_groups: Vec<ClientGroup> = {
        let mut g: Vec<ClientGroup> = t
            .bank
            .scenarios
            .iter()
            .map(|e| e.doc.client_group)
            .collect();
        g.sort();
        g.dedup();
        g
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(l.t("trainer-filter-group"));
        combo(
            ui,
            "group",
            &mut t.filter.group,
            &lang_groups,
            |g| l.t(&format!("group-{}", g.key())),
            l,
        );
        ui.add_space(8.0);
        ui.label(l.t("trainer-filter-difficulty"));
        combo(
            ui,
            "difficulty",
            &mut t.filter.difficulty,
            &Difficulty::ALL,
            |d| l.t(&format!("difficulty-{}", d.key())),
            l,
        );
        ui.add_space(8.0);
        ui.label(l.t("trainer-filter-model"));
        combo(
            ui,
            "model",
            &mut t.filter.model,
            &Model::ALL,
            |m| l.t(&format!("model-{}", m.key())),
            l,
        );
    });
}

fn combo<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    id: &str,
    value: &mut Option<T>,
    all: &[T],
    name: impl Fn(T) -> String,
    l: &Localizer,
) {
    let shown = value
        .map(&name)
        .unwrap_or_else(|| l.t("trainer-filter-all"));
    egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, l.t("trainer-filter-all"));
            for v in all {
                ui.selectable_value(value, Some(*v), name(*v));
            }
        });
}

fn cards(ui: &mut egui::Ui, t: &mut Trainer) {
    let l = t.l();
    let visible = t.visible_cases();
    if visible.is_empty() {
        widgets::card(ui, |ui| {
            ui.label(l.t("trainer-library-none"));
        });
        return;
    }
    widgets::muted(
        ui,
        l.tr(
            "trainer-library-count",
            &[("count", n(visible.len() as u32))],
        ),
    );
    let columns = if ui.available_width() > 900.0 { 3 } else { 2 };
    let mut chosen = None;
    for row in visible.chunks(columns) {
        ui.columns(columns, |cols| {
            for (col, entry) in cols.iter_mut().zip(row) {
                if case_card(col, &entry.doc, t.lang, l) {
                    chosen = Some(entry.doc.id.clone());
                }
            }
        });
        ui.add_space(4.0);
    }
    if let Some(id) = chosen {
        t.open_briefing(&id);
    }
}

/// One case; true when the student opens it.
fn case_card(ui: &mut egui::Ui, sc: &Scenario, lang: &str, l: &Localizer) -> bool {
    widgets::card(ui, |ui| {
        ui.label(
            RichText::new(sc.title.get(lang))
                .size(16.5)
                .family(theme::bold()),
        );
        ui.label(
            RichText::new(l.t(&format!("group-{}", sc.client_group.key()))).color(theme::ACCENT),
        );
        ui.label(teaser(sc.summary.get(lang), 200));
        ui.add_space(2.0);
        widgets::muted(
            ui,
            l.tr(
                "trainer-card-facts",
                &[
                    ("model", s(l.t(&format!("model-{}", sc.model.key())))),
                    (
                        "difficulty",
                        s(l.t(&format!("difficulty-{}", sc.difficulty.key()))),
                    ),
                    ("minutes", n(sc.minutes)),
                    ("languages", s(sc.languages.join(", ").to_uppercase())),
                ],
            ),
        );
        ui.button(l.tr("trainer-card-open", &[("title", s(sc.title.get(lang)))]))
            .clicked()
    })
}

/// The start of a summary, cut after a sentence or a word near `max` characters: the cards
/// stay even, the whole text is on the briefing.
fn teaser(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max).collect();
    if let Some(end) = head.rfind(". ").filter(|&i| i > max / 2) {
        return head[..=end].to_string();
    }
    let cut = head.rfind(' ').unwrap_or(head.len());
    format!("{}…", head[..cut].trim_end_matches([',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::teaser;

    #[test]
    fn a_long_summary_is_cut_after_a_sentence_or_a_word() {
        assert_eq!(teaser("Short.", 200), "Short.");
        let long = "Nataliia is 42. She has injected opioids for many years and waits for therapy.";
        assert_eq!(teaser(long, 25), "Nataliia is 42.");
        assert_eq!(
            teaser(long, 50),
            "Nataliia is 42. She has injected opioids for many…"
        );
        let one = "Олена вісімнадцятирічна випускниця, яка виходить з інтернату й шукає житло";
        let cut = teaser(one, 40);
        assert!(cut.ends_with('…') && cut.chars().count() <= 41, "{cut}");
        assert!(one.starts_with(cut.trim_end_matches('…')), "{cut}");
    }
}
