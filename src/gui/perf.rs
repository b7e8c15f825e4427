//! Measuring the trainer window from outside: frame times and time to the first drawn screen.
//! Inert unless asked for by the environment, so an ordinary run pays nothing:
//!
//! - `CASEWORK_FRAME_LOG=FILE` appends one line per frame to FILE: the wall time in
//!   milliseconds from the start of one frame to the start of the next, leaving out the first
//!   [`WARMUP_FRAMES`] (window creation, pipeline compilation, font atlas).
//! - `CASEWORK_STARTUP_LOG=1` prints once to stderr `first frame drawn after N ms`: from
//!   process start ([`crate::cli::PROCESS_START`], set first thing in `cli::main`) to the end of
//!   the render of the first frame that showed a screen. `CASEWORK_STARTUP_LOG=exit` also
//!   exits right after it, so a whole-process timer sees launch-to-first-screen.
//! - `CASEWORK_EXIT_AFTER_FRAMES=N` exits after N frames.
//!
//! "Showed a screen": the screens skip their first frame to install the fonts (see
//! [`super::screens::Themed`]), so in the trainer the first screen is laid out on the frame
//! after `Themed` turns true; an app without `Themed` (the bare reference window) draws on its
//! first frame. The instant is taken in the render world after the frame was submitted and
//! presented, not when the main world laid it out.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use bevy::prelude::*;
use bevy::render::extract_resource::{ExtractResource, ExtractResourcePlugin};
use bevy::render::{Render, RenderApp, RenderSystems};

use super::screens::Themed;

/// Frames left out of the frame log at the start.
pub const WARMUP_FRAMES: u32 = 10;

/// Set by the render world once the first drawn screen has been presented.
static FIRST_DRAWN: AtomicBool = AtomicBool::new(false);

/// What the environment asked to measure.
#[derive(Resource, Debug, Clone, Default)]
pub struct PerfSettings {
    /// Where to append frame times (`CASEWORK_FRAME_LOG`).
    pub frame_log: Option<PathBuf>,
    /// Print the time to the first drawn screen (`CASEWORK_STARTUP_LOG`).
    pub startup_log: bool,
    /// Exit once the first drawn screen has been presented (`CASEWORK_STARTUP_LOG=exit`).
    pub exit_after_first_drawn: bool,
    /// Exit after this many frames (`CASEWORK_EXIT_AFTER_FRAMES`).
    pub exit_after_frames: Option<u32>,
}

impl PerfSettings {
    /// Reads the settings from the process environment.
    pub fn from_env() -> Self {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let startup = var("CASEWORK_STARTUP_LOG");
        PerfSettings {
            frame_log: var("CASEWORK_FRAME_LOG").map(PathBuf::from),
            startup_log: startup.as_deref().is_some_and(|v| v != "0"),
            exit_after_first_drawn: startup.as_deref() == Some("exit"),
            exit_after_frames: var("CASEWORK_EXIT_AFTER_FRAMES").and_then(|v| v.parse().ok()),
        }
    }

    /// Whether anything is to be measured.
    pub fn active(&self) -> bool {
        self.frame_log.is_some() || self.startup_log || self.exit_after_frames.is_some()
    }
}

/// The measuring plugin; adds nothing unless the environment asks for a measurement.
pub fn plugin(app: &mut App) {
    let settings = PerfSettings::from_env();
    if !settings.active() {
        return;
    }
    // A binary other than `casework` (the bare reference window) starts the clock here.
    crate::cli::PROCESS_START.get_or_init(Instant::now);
    let log = settings.frame_log.as_ref().and_then(|p| open_log(p));
    let print = settings.startup_log;
    app.insert_resource(settings);
    app.insert_resource(FrameClock {
        frames: 0,
        last: None,
        log,
    });
    app.init_resource::<DrawnScreen>();
    app.add_systems(First, (time_frame, exit_when_done).chain());
    app.add_systems(Last, watch_drawn);
    app.add_plugins(ExtractResourcePlugin::<DrawnScreen>::default());
    if let Some(render) = app.get_sub_app_mut(RenderApp) {
        render.add_systems(
            Render,
            report_first_drawn(print).in_set(RenderSystems::Cleanup),
        );
    }
}

fn open_log(path: &std::path::Path) -> Option<File> {
    match OpenOptions::new().create(true).append(true).open(path) {
        Ok(f) => Some(f),
        Err(e) => {
            eprintln!("CASEWORK_FRAME_LOG {}: {e}", path.display());
            None
        }
    }
}

/// Frames counted and the start of the last one.
#[derive(Resource)]
struct FrameClock {
    frames: u32,
    last: Option<Instant>,
    log: Option<File>,
}

/// Whether the main world has laid out a screen (copied to the render world each frame).
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq, ExtractResource)]
pub struct DrawnScreen {
    /// `Themed` was already true at the end of an earlier frame.
    themed_before: bool,
    /// This frame or an earlier one laid out a screen.
    pub drawn: bool,
}

fn time_frame(mut clock: ResMut<FrameClock>) {
    let now = Instant::now();
    let clock = &mut *clock;
    clock.frames += 1;
    if let Some(last) = clock.last.replace(now)
        && clock.frames > WARMUP_FRAMES + 1
        && let Some(f) = clock.log.as_mut()
    {
        let ms = now.duration_since(last).as_secs_f64() * 1000.0;
        // One small write a frame, unbuffered: the log is complete however the app ends.
        if writeln!(f, "{ms:.3}").is_err() {
            clock.log = None;
        }
    }
}

fn exit_when_done(
    clock: Res<FrameClock>,
    settings: Res<PerfSettings>,
    mut exit: MessageWriter<AppExit>,
) {
    let frames_done = settings
        .exit_after_frames
        .is_some_and(|n| clock.frames >= n);
    let drawn_done = settings.exit_after_first_drawn && FIRST_DRAWN.load(Ordering::Acquire);
    if frames_done || drawn_done {
        exit.write(AppExit::Success);
    }
}

/// A screen is laid out on the frame after the fonts were installed (`Themed`), or on the
/// first frame of an app that has no `Themed`.
fn watch_drawn(themed: Option<Res<Themed>>, mut drawn: ResMut<DrawnScreen>) {
    let themed = themed.map(|t| t.0);
    let now_themed = themed.unwrap_or(true);
    let next = DrawnScreen {
        themed_before: now_themed,
        drawn: drawn.drawn || themed.is_none() || (now_themed && drawn.themed_before),
    };
    if *drawn != next {
        *drawn = next;
    }
}

/// In the render world, after the frame was submitted and presented: marks the first drawn
/// screen and, if `print`, says how long it took since process start.
fn report_first_drawn(print: bool) -> impl FnMut(Option<Res<DrawnScreen>>) {
    move |drawn: Option<Res<DrawnScreen>>| {
        if !drawn.is_some_and(|d| d.drawn) || FIRST_DRAWN.swap(true, Ordering::AcqRel) {
            return;
        }
        if let (true, Some(start)) = (print, crate::cli::PROCESS_START.get()) {
            eprintln!("first frame drawn after {} ms", start.elapsed().as_millis());
        }
    }
}
