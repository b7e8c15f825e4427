//! A scripted run through the real window: plays a choices file through the same view-model
//! calls a click makes, at a set pace, printing one line per confirmed (saved) step; then
//! shows the results and the review, with a screenshot of every screen, and exits. Used by
//! the real-window and kill tests, and to make the README's screenshots.

use std::io::Write;
use std::path::PathBuf;

use bevy::prelude::*;
use bevy::winit::WinitSettings;

use super::TrainerRes;
use super::model::{RightTab, Screen};
use crate::engine::{Action, TrainingMode};

/// What to play.
#[derive(Resource, Debug, Clone)]
pub struct ScriptOptions {
    pub scenario: String,
    pub seed: Option<u64>,
    pub actions: Vec<Action>,
    /// Frames between two steps.
    pub pace: u32,
    /// Where to save a PNG of every screen (none: no screenshots).
    pub screenshots: Option<PathBuf>,
    pub mode: TrainingMode,
    /// Leave the window open at the end instead of exiting.
    pub stay: bool,
}

/// Where the script is.
#[derive(Resource, Debug)]
struct Progress {
    phase: Phase,
    wait: u32,
    shots: u32,
    plan_shot: bool,
    /// A screenshot asked for, taken once the screen has been drawn.
    pending: Option<String>,
    /// The current phase's screenshot has been taken.
    snapped: bool,
    /// A screenshot could not be taken: the run ends with exit code 1.
    failed: bool,
}

impl Default for Progress {
    fn default() -> Self {
        // Let the window open and draw its first frames before anything happens.
        Progress {
            phase: Phase::Library,
            wait: SETTLE * 3,
            shots: 0,
            plan_shot: false,
            pending: None,
            snapped: false,
            failed: false,
        }
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Phase {
    #[default]
    Library,
    Briefing,
    Playing,
    Ecomap,
    Results,
    Review,
    Done,
}

pub(super) fn plugin(app: &mut App) {
    // A script must not wait for input to move on.
    app.insert_resource(WinitSettings::continuous());
    app.init_resource::<Progress>();
    app.add_systems(Update, drive);
}

/// Frames to let a new screen render before its screenshot.
const SETTLE: u32 = 6;

fn drive(
    options: Res<ScriptOptions>,
    mut progress: ResMut<Progress>,
    mut trainer: ResMut<TrainerRes>,
    mut exit: MessageWriter<AppExit>,
) {
    if progress.wait > 0 {
        progress.wait -= 1;
        return;
    }
    let t = &mut trainer.0;
    let p = &mut *progress;
    if let Some(name) = p.pending.take() {
        capture(&options, p, &name);
        return;
    }
    match p.phase {
        Phase::Library => {
            if !snap(p, "library") {
                return;
            }
            // A session of this case left unfinished (a killed run) is resumed, not restarted.
            let saved = t
                .saved
                .iter()
                .find(|s| s.scenario == options.scenario)
                .map(|s| s.path.clone());
            match saved {
                Some(path) => match t.open_log(&path) {
                    Ok(()) => {
                        let steps = t
                            .work
                            .as_ref()
                            .map(|w| w.session.state().steps)
                            .unwrap_or(0);
                        say(&format!("resumed {} at step {steps}", path.display()));
                        p.phase = Phase::Playing;
                    }
                    Err(e) => {
                        say(&format!("could not resume: {e}"));
                        exit.write(AppExit::from_code(1));
                        p.phase = Phase::Done;
                    }
                },
                None => {
                    t.open_briefing(&options.scenario);
                    if t.screen != Screen::Briefing {
                        say(&format!("no case `{}` in the bank", options.scenario));
                        exit.write(AppExit::from_code(2));
                        p.phase = Phase::Done;
                        return;
                    }
                    if let Some(b) = &mut t.briefing {
                        b.mode = options.mode;
                    }
                    p.phase = Phase::Briefing;
                }
            }
            p.wait = SETTLE;
        }
        Phase::Briefing => {
            if !snap(p, "briefing") {
                return;
            }
            t.next_seed = options.seed;
            t.start();
            if let Some(path) = t.work.as_ref().and_then(|w| w.path.as_ref()) {
                say(&format!("started {}", path.display()));
            }
            p.phase = Phase::Playing;
            p.wait = options.pace;
        }
        Phase::Playing => play_one(&options, p, t, &mut exit),
        Phase::Ecomap => {
            if let Some(w) = &mut t.work {
                w.ui.right = RightTab::Ecomap;
            }
            if !snap(p, "ecomap") {
                return;
            }
            if let Some(w) = &mut t.work {
                w.ui.right = RightTab::Client;
            }
            t.show_results();
            p.phase = Phase::Results;
            p.wait = SETTLE;
        }
        Phase::Results => {
            if !snap(p, "results") {
                return;
            }
            let middle = t
                .work
                .as_ref()
                .map(|w| w.session.state().steps / 2)
                .unwrap_or(1);
            t.review_at(middle.max(1));
            p.phase = Phase::Review;
            p.wait = SETTLE;
        }
        Phase::Review => {
            if !snap(p, "review") {
                return;
            }
            say("review shown");
            p.phase = Phase::Done;
            p.wait = SETTLE * 2;
        }
        Phase::Done => {
            if p.failed {
                exit.write(AppExit::from_code(1));
            } else if !options.stay {
                exit.write(AppExit::Success);
            }
        }
    }
}

/// Takes the next step of the script, or moves on once the case has ended.
fn play_one(
    options: &ScriptOptions,
    p: &mut Progress,
    t: &mut super::model::Trainer,
    exit: &mut MessageWriter<AppExit>,
) {
    let Some(w) = &t.work else {
        return;
    };
    let done = w.session.state().steps as usize;
    if w.session.ended() || done >= options.actions.len() {
        shot(p, "workspace-end");
        say(&format!("script finished after {done} steps"));
        p.phase = if t.work.as_ref().is_some_and(|w| w.session.ended()) {
            Phase::Ecomap
        } else {
            Phase::Done
        };
        p.wait = SETTLE;
        return;
    }
    let action = options.actions[done].clone();
    if matches!(action, Action::Decide { .. })
        && done.is_multiple_of(3)
        && let Some(w) = &mut t.work
    {
        w.ui.rationale = format!("scripted reason for step {}", done + 1);
    }
    let shown = action.to_string();
    if t.act(action) {
        if let Err(why) = saved_steps_reach(t, done + 1) {
            say(&format!("unsaved step {} {shown}: {why}", done + 1));
            exit.write(AppExit::from_code(1));
            p.phase = Phase::Done;
            return;
        }
        let stage = t
            .work
            .as_ref()
            .map(|w| w.session.state().stage.key())
            .unwrap_or("");
        // Printed only after the step was saved: a killed run loses nothing printed here.
        say(&format!("confirmed step {} {shown} ({stage})", done + 1));
        let plan_view = !p.plan_shot
            && t.work
                .as_ref()
                .is_some_and(|w| w.session.plan_open() && w.session.state().plan.len() == 2);
        p.plan_shot |= plan_view;
        if matches!(done + 1, 3 | 12) || plan_view {
            let name = format!("workspace-step-{}", done + 1);
            shot(p, &name);
        }
    } else {
        let why = t
            .work
            .as_ref()
            .and_then(|w| w.ui.refusal.clone())
            .unwrap_or_default();
        say(&format!("refused step {} {shown}: {why}", done + 1));
        exit.write(AppExit::from_code(1));
        p.phase = Phase::Done;
    }
    p.wait = options.pace;
}

/// Whether the session's file holds at least `steps` steps (the trainer counts what
/// `save_log` wrote durably): a step is confirmed only once it is on disk, so a run killed
/// after a `confirmed step` line has lost nothing. Sessions kept nowhere (no data folder)
/// have nothing to check.
fn saved_steps_reach(t: &super::model::Trainer, steps: usize) -> Result<(), String> {
    let Some(w) = t.work.as_ref() else {
        return Ok(());
    };
    let Some(path) = w.path.as_ref() else {
        return Ok(());
    };
    if w.saved_steps as usize >= steps {
        Ok(())
    } else {
        Err(format!(
            "{} holds {} steps{}",
            path.display(),
            w.saved_steps,
            t.notice
                .as_deref()
                .map(|n| format!(" ({n})"))
                .unwrap_or_default()
        ))
    }
}

/// The screenshot of the current phase: false the first time (it is asked for, and the
/// phase waits), true once it has been taken.
fn snap(p: &mut Progress, name: &str) -> bool {
    if std::mem::take(&mut p.snapped) {
        return true;
    }
    shot(p, name);
    p.snapped = true;
    false
}

/// Asks for a screenshot once the screen has settled.
fn shot(p: &mut Progress, name: &str) {
    p.pending = Some(name.to_string());
    p.wait = p.wait.max(SETTLE);
}

/// Saves what the X server shows (ImageMagick's `import`). bevy's own screenshot of a frame
/// showed the egui font atlas as it was at its last whole upload under Mesa's software
/// Vulkan, with glyphs missing that the window itself showed: the test wants what a student
/// sees.
fn capture(options: &ScriptOptions, p: &mut Progress, name: &str) {
    let Some(dir) = &options.screenshots else {
        return;
    };
    p.shots += 1;
    let path = dir.join(format!("{:02}-{name}.png", p.shots));
    let status = std::process::Command::new("import")
        .args(["-window", "root"])
        .arg(&path)
        .status();
    let failure = match status {
        Ok(s) if s.success() && path.is_file() => {
            say(&format!("screenshot {}", path.display()));
            return;
        }
        Ok(s) if s.success() => "import wrote no file".to_string(),
        Ok(s) => format!("import exited with {s}"),
        Err(e) => format!("cannot run ImageMagick's import: {e}"),
    };
    // Screenshots were asked for: a run without them is a failed run, not a quiet one.
    let line = format!("screenshot {} failed: {failure}", path.display());
    say(&line);
    eprintln!("{line}");
    p.failed = true;
}

fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
    let _ = out.flush();
}
