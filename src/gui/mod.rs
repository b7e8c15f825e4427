//! The trainer window: a thin bevy + egui shell over the core. It shows the engine's state
//! and sends it the student's decisions; every rule, text and score comes from the core.
//!
//! One small plugin per concern, as in the bevy_new_2d template: the look, the idle
//! behaviour, the screens, the scripted driver.

use std::path::PathBuf;

use bevy::prelude::*;
use bevy_egui::EguiPlugin;

use crate::bank::Bank;

pub mod chrome;
pub mod idle;
pub mod model;
pub mod parts;
pub mod perf;
pub mod screens;
pub mod script;
pub mod store;
pub mod theme;
pub mod widgets;

use model::Trainer;

/// The view model as a bevy resource.
#[derive(Resource)]
pub struct TrainerRes(pub Trainer);

/// How the trainer was asked to start.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Interface language asked for (`--lang`, else the system's).
    pub lang: Option<String>,
    /// Where sessions are saved (`--data`), else the user's data folder.
    pub data: Option<PathBuf>,
    /// A saved session to open (`casework open LOG`).
    pub open: Option<PathBuf>,
    /// A scripted run through the window (tests, demonstrations).
    pub script: Option<script::ScriptOptions>,
    /// Window size in logical pixels.
    pub size: Option<(u32, u32)>,
}

/// Exit code when the window cannot be opened.
pub const EXIT_NO_DISPLAY: u8 = 2;
/// Exit code when the session asked for cannot be opened (unreadable, or not of this bank).
pub const EXIT_CANNOT_OPEN: u8 = 1;

/// Whether a display is there to open a window on.
fn display_available() -> bool {
    if cfg!(target_os = "linux") || cfg!(target_os = "freebsd") {
        ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|v| std::env::var_os(v).is_some_and(|x| !x.is_empty()))
    } else {
        true
    }
}

/// The interface language: the one asked for, else the system's (sys-locale), else English.
pub fn system_language(asked: Option<&str>) -> &'static str {
    let wanted = asked
        .map(str::to_string)
        .or_else(sys_locale::get_locale)
        .or_else(crate::i18n::from_env)
        .unwrap_or_else(|| "en".into());
    crate::i18n::negotiate(&wanted)
}

/// Opens the trainer on a bank; returns the process's exit code.
pub fn run(bank: Bank, options: Options) -> u8 {
    if !display_available() {
        let l = crate::i18n::localizer(system_language(options.lang.as_deref()));
        eprintln!("{}", l.t("trainer-no-display"));
        return EXIT_NO_DISPLAY;
    }
    let lang = system_language(options.lang.as_deref());
    let store = store::Store::locate(options.data.as_deref());
    let mut trainer = Trainer::new(bank, lang, store);
    trainer.restore_settings(options.lang.is_some());
    if let Some(path) = &options.open
        && let Err(e) = trainer.open_log(path)
    {
        eprintln!("{}: {e}", path.display());
        return EXIT_CANNOT_OPEN;
    }
    let no_window = trainer.l().t("trainer-no-window");
    // A display that is named but cannot be reached, or no graphics adapter at all, makes
    // bevy panic while it opens the window: say what to do instead of leaving a trace alone.
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || {
        let mut app = build_app(trainer, &options);
        app.run()
    }));
    match run {
        Ok(AppExit::Success) => 0,
        Ok(AppExit::Error(code)) => code.get(),
        Err(_) => {
            eprintln!("{no_window}");
            EXIT_NO_DISPLAY
        }
    }
}

/// The whole trainer app, ready to run.
pub fn build_app(trainer: Trainer, options: &Options) -> App {
    let (w, h) = options.size.unwrap_or((1280, 800));
    let title = trainer.l().t("trainer-window-title");
    let mut app = App::new();
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title,
                    resolution: bevy::window::WindowResolution::new(w, h),
                    resize_constraints: WindowResizeConstraints {
                        min_width: 900.0,
                        min_height: 600.0,
                        ..default()
                    },
                    ..default()
                }),
                ..default()
            })
            .set(bevy::log::LogPlugin {
                level: bevy::log::Level::WARN,
                ..default()
            }),
    );
    app.insert_resource(ClearColor(Color::WHITE));
    app.add_plugins(EguiPlugin::default());
    app.insert_resource(TrainerRes(trainer));
    app.add_systems(Startup, spawn_camera);
    app.add_plugins((idle::plugin, screens::plugin, perf::plugin));
    if let Some(s) = &options.script {
        app.insert_resource(s.clone());
        app.add_plugins(script::plugin);
    }
    app
}

fn spawn_camera(mut commands: Commands) {
    // egui smooths its own edges; multisampling the whole window on top only costs time
    // (a lot of it where the GPU is the CPU, as on lab machines without a graphics card).
    commands.spawn((Camera2d, Msaa::Off));
}
