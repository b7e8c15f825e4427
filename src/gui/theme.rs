//! The trainer's look: one neutral background, one accent, status colours only for meaning,
//! text sizes for reading (body 15 px at scale 1.0), nothing that blinks.

use bevy_egui::egui::{self, Color32, CornerRadius, FontFamily, FontId, Stroke, TextStyle};

/// The page behind the panels: white, like the cards on it, which are drawn as outlines only
/// (on a software renderer every filled area costs each frame its pixels).
pub const BACKGROUND: Color32 = Color32::WHITE;
/// The top bar: a faint band that sets it apart from the page.
pub const TOP_BAR: Color32 = Color32::from_rgb(0xF4, 0xF5, 0xF7);
/// Cards and panels.
pub const SURFACE: Color32 = Color32::WHITE;
/// Body text (contrast 15:1 on white).
pub const TEXT: Color32 = Color32::from_rgb(0x1F, 0x23, 0x28);
/// Secondary text (contrast 5.9:1 on white, 5.4:1 on the background).
pub const MUTED: Color32 = Color32::from_rgb(0x55, 0x5E, 0x69);
/// The one accent: the current stage, the primary action, selection (6.6:1 on white).
pub const ACCENT: Color32 = Color32::from_rgb(0x1B, 0x5E, 0xA8);
pub const ACCENT_SOFT: Color32 = Color32::from_rgb(0xE3, 0xEE, 0xFA);
pub const BORDER: Color32 = Color32::from_rgb(0xD0, 0xD7, 0xDE);
/// Status colours (each at least 4.5:1 on white), always with a word or an icon.
pub const MET: Color32 = Color32::from_rgb(0x1A, 0x7F, 0x37);
pub const PARTLY: Color32 = Color32::from_rgb(0x9A, 0x67, 0x00);
pub const MISSED: Color32 = Color32::from_rgb(0xC2, 0x1F, 0x2B);
pub const PENDING: Color32 = Color32::from_rgb(0x5F, 0x67, 0x70);
/// A highlight for what just changed (new facts).
pub const FRESH: Color32 = Color32::from_rgb(0xFF, 0xF4, 0xD1);

/// DejaVu Sans (free licence, `assets/fonts/DejaVu-LICENSE.txt`): Cyrillic with ґ є ї і,
/// arrows, check marks and typographic quotes. egui 0.36's default font loses "ff" to a
/// ligature it cannot draw ("A ordable") and has no → ▲ ▼.
const BODY_FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD_FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// The trainer's fonts first, egui's own as fallbacks.
pub fn fonts() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "dejavu".into(),
        std::sync::Arc::new(egui::FontData::from_static(BODY_FONT)),
    );
    fonts.font_data.insert(
        "dejavu-bold".into(),
        std::sync::Arc::new(egui::FontData::from_static(BOLD_FONT)),
    );
    if let Some(list) = fonts.families.get_mut(&FontFamily::Proportional) {
        list.insert(0, "dejavu".into());
    }
    let mut bold = vec!["dejavu-bold".to_string(), "dejavu".to_string()];
    bold.extend(
        fonts
            .families
            .get(&FontFamily::Proportional)
            .cloned()
            .unwrap_or_default(),
    );
    fonts.families.insert(FontFamily::Name(BOLD.into()), bold);
    fonts
}

/// The family of strong text.
pub const BOLD: &str = "bold";

/// Bold type, for headings and emphasis (egui's `strong()` only changes the colour).
pub fn bold() -> FontFamily {
    FontFamily::Name(BOLD.into())
}

/// Applies the look to a context (the window's and the tests').
pub fn apply(ctx: &egui::Context) {
    ctx.set_fonts(fonts());
    ctx.set_visuals(egui::Visuals::light());
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Small,
                FontId::new(12.0, FontFamily::Proportional),
            ),
            (TextStyle::Body, FontId::new(14.5, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(14.5, FontFamily::Proportional),
            ),
            (
                TextStyle::Heading,
                FontId::new(21.0, FontFamily::Name(BOLD.into())),
            ),
            (
                TextStyle::Monospace,
                FontId::new(13.0, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 8.0);
        style.spacing.button_padding = egui::vec2(10.0, 5.0);
        style.spacing.interact_size.y = 26.0;
        let v = &mut style.visuals;
        v.panel_fill = BACKGROUND;
        v.window_fill = SURFACE;
        v.extreme_bg_color = SURFACE;
        v.override_text_color = Some(TEXT);
        v.selection.bg_fill = ACCENT_SOFT;
        v.selection.stroke = Stroke::new(1.5, ACCENT);
        v.hyperlink_color = ACCENT;
        // Nothing moves or blinks while nothing happens (and a blinking cursor would keep
        // the window redrawing forever).
        v.text_cursor.blink = false;
        style.animation_time = 0.0;
        for w in [
            &mut v.widgets.inactive,
            &mut v.widgets.hovered,
            &mut v.widgets.active,
            &mut v.widgets.open,
        ] {
            w.corner_radius = CornerRadius::same(4);
        }
        v.widgets.inactive.bg_stroke = Stroke::new(1.0, BORDER);
        v.widgets.hovered.bg_stroke = Stroke::new(1.5, ACCENT);
        v.widgets.noninteractive.bg_stroke = Stroke::new(1.0, BORDER);
        v.widgets.noninteractive.fg_stroke = Stroke::new(1.0, TEXT);
        v.widgets.inactive.fg_stroke = Stroke::new(1.0, TEXT);
    });
}
