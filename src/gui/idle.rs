//! An idle trainer uses close to no CPU. bevy_egui 0.42 pushes a `ModifiersChanged` event
//! into egui's input every frame; egui repaints on any input event and bevy_egui turns the
//! repaint into a redraw, so the window would redraw forever (174% CPU measured idle).
//! Dropping the events that change nothing, turning off the blinking cursor (see
//! `theme::apply`) and a reactive low-power update mode settle it.

use std::time::Duration;

use bevy::prelude::*;
use bevy::winit::{UpdateMode, WinitSettings};
use bevy_egui::{EguiContext, EguiInput, EguiPreUpdateSet, egui};

pub(super) fn plugin(app: &mut App) {
    app.insert_resource(WinitSettings {
        focused_mode: UpdateMode::reactive_low_power(Duration::from_secs(60)),
        unfocused_mode: UpdateMode::reactive_low_power(Duration::from_secs(60)),
    });
    // benches/trainer_window.sh's unfixed control: without the filter the redraw loop is back.
    if std::env::var_os("CASEWORK_IDLE_UNFIXED").is_some() {
        return;
    }
    app.add_systems(
        PreUpdate,
        drop_unchanged_modifiers
            .after(EguiPreUpdateSet::ProcessInput)
            .before(EguiPreUpdateSet::BeginPass),
    );
}

/// Removes `ModifiersChanged` events that repeat the modifiers egui already has.
pub fn drop_unchanged_modifiers(mut contexts: Query<(&mut EguiContext, &mut EguiInput)>) {
    for (mut ctx, mut input) in &mut contexts {
        let current = ctx.get_mut().input(|i| i.modifiers);
        input.0.events.retain(|e| !is_repeat(e, current));
    }
}

fn is_repeat(event: &egui::Event, current: egui::Modifiers) -> bool {
    matches!(event, egui::Event::ModifiersChanged(m) if *m == current)
}
