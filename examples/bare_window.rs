//! The reference the trainer's frame time is compared with: the same bevy features, plugins,
//! window and clear colour as the trainer (`casework::gui::build_app`), but a bare bevy_egui
//! window showing one label in an `egui::CentralPanel`, redrawn continuously. What it costs a
//! frame is the floor of bevy + egui + the renderer at that window size; the trainer's frame
//! time above it is the trainer's own.
//!
//! ```text
//! CASEWORK_FRAME_LOG=/tmp/bare.txt CASEWORK_EXIT_AFTER_FRAMES=300 CASEWORK_WINDOW=1280x800 \
//!     cargo run --release --example bare_window
//! ```
//!
//! The environment variables are those of `casework::gui::perf` (frame log, start-up log,
//! exit after N frames); `CASEWORK_WINDOW=WxH` sets the window size (default 1280x800, the
//! trainer's default).

use bevy::prelude::*;
use bevy::winit::WinitSettings;
use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass, egui};

fn main() -> AppExit {
    casework::cli::PROCESS_START.get_or_init(std::time::Instant::now);
    let (w, h) = window_size();
    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "Casework bare window".into(),
                    resolution: bevy::window::WindowResolution::new(w, h),
                    ..default()
                }),
                ..default()
            })
            .set(bevy::log::LogPlugin {
                level: bevy::log::Level::WARN,
                ..default()
            }),
    );
    app.insert_resource(ClearColor(Color::srgb_u8(0xF4, 0xF5, 0xF7)));
    app.insert_resource(WinitSettings::continuous());
    app.add_plugins(EguiPlugin::default());
    app.add_systems(Startup, |mut commands: Commands| {
        // The same camera as the trainer's (no multisampling), so only the UI differs.
        commands.spawn((Camera2d, Msaa::Off));
    });
    app.add_systems(EguiPrimaryContextPass, label);
    app.add_plugins(casework::gui::perf::plugin);
    app.run()
}

/// One label in a central panel over the whole window, on a root `Ui` built the way the
/// trainer's screens build theirs (`screens::draw`).
fn label(mut contexts: EguiContexts) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let mut ui = egui::Ui::new(
        ctx.clone(),
        egui::Id::new("bare"),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.content_rect()),
    );
    egui::CentralPanel::default_margins().show(&mut ui, |ui| {
        ui.label("Casework");
    });
    Ok(())
}

/// `CASEWORK_WINDOW=WxH`, else the trainer's default size.
fn window_size() -> (u32, u32) {
    std::env::var("CASEWORK_WINDOW")
        .ok()
        .and_then(|s| {
            let (w, h) = s.split_once('x')?;
            Some((w.trim().parse().ok()?, h.trim().parse().ok()?))
        })
        .unwrap_or((1280, 800))
}
