//! The trainer's view model: what the screens show and the decisions they send to the core.
//!
//! Plain Rust over the core's types (bevy appears only in a derive), so every screen can be
//! driven and tested without a window. It holds no rule of the case-management cycle: every rule,
//! text and score comes from the engine and the scorer, the same functions the CLI uses.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::bank::{Bank, Entry};
use crate::engine::{
    Action, Case, Session, SessionLog, SessionMeta, StepMeta, StepOutcome, TrainingMode,
};
use crate::i18n::{Localizer, localizer};
use crate::rubric::Rubric;
use crate::scenario::{ClientGroup, Decision, Difficulty, Model, Scenario, W};
use crate::score::{self, RuleChange, ScoreReport};

use super::store::{SavedSession, Store};

/// The screens of the trainer, in the order a student meets them. The view model says which
/// one is shown; the same type is the bevy state that runs only that screen's systems.
#[derive(bevy::prelude::States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Library,
    Briefing,
    Workspace,
    Results,
    Review,
}

/// The library's filters; `None` shows every case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub group: Option<ClientGroup>,
    pub difficulty: Option<Difficulty>,
    pub model: Option<Model>,
}

/// What the student chose on the briefing screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Briefing {
    pub scenario: String,
    pub mode: TrainingMode,
    /// The rubric the session is scored against (its id).
    pub rubric: Option<String>,
}

/// The column shown on the right of the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RightTab {
    #[default]
    Client,
    Ecomap,
}

/// The service-plan item being written: need → goal → service → deadline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanDraft {
    pub need: Option<String>,
    pub goal: Option<String>,
    pub service: Option<String>,
    pub deadline: Option<u32>,
}

/// The workspace's own state: what is selected and typed, nothing the engine decides.
#[derive(Debug, Clone, Default)]
pub struct WorkUi {
    /// Index into the shuffled open decisions (keyboard selection).
    pub selected: usize,
    /// The rationale being written for the next decision.
    pub rationale: String,
    pub rationale_open: bool,
    /// Put the keyboard in the rationale field on the next frame.
    pub rationale_focus: bool,
    pub plan: PlanDraft,
    pub right: RightTab,
    /// In a narrow window the right column is a tab of the left one (None: the case file).
    pub narrow_tab: Option<RightTab>,
    /// The case-file section shown (None: all).
    pub file_tab: Option<W>,
    /// The last refusal, in words, until the next action.
    pub refusal: Option<String>,
}

/// The last accepted step, shown until the next one.
#[derive(Debug, Clone)]
pub struct LastStep {
    pub outcome: StepOutcome,
    /// The rules this step decided (shown in practice mode only).
    pub feedback: Vec<RuleChange>,
}

/// A session being worked, or finished and shown.
#[derive(Debug, Clone)]
pub struct Work {
    pub session: Session,
    pub meta: SessionMeta,
    pub rubric: Option<Rubric>,
    /// Where the session is saved after every step (None: not saved).
    pub path: Option<PathBuf>,
    /// How many steps the file at `path` holds: `save_log` wrote them durably (fsync, rename).
    pub saved_steps: u32,
    /// The score after the last step: provisional while the case is open.
    pub report: Option<ScoreReport>,
    pub last: Option<LastStep>,
    pub ui: WorkUi,
    /// The step shown on the review screen (1-based).
    pub review_step: u32,
    /// Bring the chosen step into view in the review's timeline on the next frame.
    pub review_scroll: bool,
    /// What each step brought about, rebuilt from the log for the review.
    pub replayed: Vec<StepOutcome>,
}

impl Work {
    /// A session in the workspace, scored against its rubric as it stands.
    fn new(
        session: Session,
        meta: SessionMeta,
        rubric: Option<Rubric>,
        path: Option<PathBuf>,
        lang: &str,
    ) -> Work {
        // A resumed session is read from its file, which holds every step so far.
        let saved_steps = session.state().steps;
        let mut work = Work {
            session,
            meta,
            saved_steps,
            rubric,
            path,
            report: None,
            last: None,
            ui: WorkUi::default(),
            review_step: 1,
            review_scroll: false,
            replayed: Vec::new(),
        };
        work.report = work.score(lang);
        work
    }

    /// The score of the session as it stands (provisional while the case is open).
    fn score(&self, lang: &str) -> Option<ScoreReport> {
        self.rubric
            .as_ref()
            .map(|r| score::score_in(&self.session, r, lang))
    }
}

/// Everything the trainer's screens show.
pub struct Trainer {
    pub bank: Bank,
    /// Interface and case language (`uk`, `en`).
    pub lang: &'static str,
    /// Text size (egui zoom factor).
    pub text_scale: f32,
    pub screen: Screen,
    pub filter: Filter,
    pub saved: Vec<SavedSession>,
    pub briefing: Option<Briefing>,
    pub work: Option<Work>,
    pub store: Option<Store>,
    /// A message for the student (a save that failed, a file that could not be opened).
    pub notice: Option<String>,
    /// Seed for the next session; None: from the clock.
    pub next_seed: Option<u64>,
    /// Clock for the metadata (unix seconds); replaced in tests.
    pub clock: fn() -> u64,
    /// Client pictures, decoded on first use.
    pub pictures: super::parts::client::Pictures,
}

/// The trainer's version, written into every saved session.
pub const TRAINER_VERSION: &str = env!("CARGO_PKG_VERSION");

fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Smallest and largest text size the setting allows.
pub const TEXT_SCALES: [f32; 5] = [0.9, 1.0, 1.15, 1.3, 1.5];

impl Trainer {
    pub fn new(bank: Bank, lang: &str, store: Option<Store>) -> Trainer {
        let mut t = Trainer {
            bank,
            lang: crate::i18n::negotiate(lang),
            text_scale: 1.0,
            screen: Screen::Library,
            filter: Filter::default(),
            saved: Vec::new(),
            briefing: None,
            work: None,
            store,
            notice: None,
            next_seed: None,
            clock: unix_now,
            pictures: Default::default(),
        };
        t.refresh_saved();
        t
    }

    /// The interface texts in the current language.
    pub fn l(&self) -> &'static Localizer {
        localizer(self.lang)
    }

    /// Changes the text size (egui's zoom) and keeps it for the next run.
    pub fn set_text_scale(&mut self, scale: f32) {
        self.text_scale = scale;
        self.keep_settings();
    }

    fn keep_settings(&mut self) {
        let Some(store) = &self.store else {
            return;
        };
        let settings = super::store::Settings {
            lang: self.lang.to_string(),
            text_scale: self.text_scale,
        };
        if let Err(e) = store.save_settings(&settings) {
            self.notice = Some(self.l().tr(
                "trainer-notice-settings-failed",
                &[("error", crate::i18n::s(e.to_string()))],
            ));
        }
    }

    /// Applies the settings kept from the last run (the language only when none was asked).
    pub fn restore_settings(&mut self, keep_lang: bool) {
        let Some(settings) = self.store.as_ref().and_then(|s| s.settings()) else {
            return;
        };
        if TEXT_SCALES
            .iter()
            .any(|x| (x - settings.text_scale).abs() < 0.01)
        {
            self.text_scale = settings.text_scale;
        }
        if !keep_lang {
            self.lang = crate::i18n::negotiate(&settings.lang);
        }
    }

    pub fn set_lang(&mut self, lang: &str) {
        self.lang = crate::i18n::negotiate(lang);
        self.keep_settings();
        // Feedback texts come from the scorer in the session's chosen language.
        if let Some(w) = &mut self.work {
            w.report = w.score(self.lang);
            if let Some(last) = &mut w.last
                && let Some(report) = &w.report
            {
                for change in &mut last.feedback {
                    if let Some(rule) = report
                        .criteria
                        .iter()
                        .flat_map(|c| &c.rules)
                        .find(|r| r.id == change.rule.id)
                    {
                        change.rule.feedback = rule.feedback.clone();
                        change.rule.detail = rule.detail.clone();
                    }
                }
            }
        }
    }

    /// Reads the list of unfinished sessions again.
    pub fn refresh_saved(&mut self) {
        if let Some(store) = &self.store {
            let (saved, problems) = store.unfinished(&self.bank);
            self.saved = saved;
            if problems > 0 {
                self.notice = Some(self.l().tr(
                    "trainer-notice-unreadable-sessions",
                    &[("count", crate::i18n::n(problems as u32))],
                ));
            }
        }
    }

    /// The cases of the bank that pass the filters, in bank order.
    pub fn visible_cases(&self) -> Vec<&Entry<Scenario>> {
        let f = &self.filter;
        self.bank
            .scenarios
            .iter()
            .filter(|e| f.group.is_none_or(|g| e.doc.client_group == g))
            .filter(|e| f.difficulty.is_none_or(|d| e.doc.difficulty == d))
            .filter(|e| f.model.is_none_or(|m| e.doc.model == m))
            .collect()
    }

    /// Opens the briefing of a case, with practice mode and its formative rubric chosen.
    pub fn open_briefing(&mut self, scenario: &str) {
        let Some(entry) = self.bank.scenario(scenario) else {
            return;
        };
        let rubric = self.default_rubric(&entry.doc.id);
        self.briefing = Some(Briefing {
            scenario: entry.doc.id.clone(),
            mode: TrainingMode::Practice,
            rubric,
        });
        self.screen = Screen::Briefing;
    }

    /// The rubric of the bank with this id.
    fn rubric_doc(&self, id: Option<&str>) -> Option<Rubric> {
        id.and_then(|id| self.bank.rubric(id))
            .map(|e| e.doc.clone())
    }

    fn default_rubric(&self, scenario: &str) -> Option<String> {
        // Never another kind in its place: without a formative rubric the briefing shows the
        // rubrics there are and the student picks one knowingly.
        self.bank
            .formative_rubric(scenario)
            .map(|r| r.doc.id.clone())
    }

    /// Starts a new session from the briefing.
    pub fn start(&mut self) {
        let Some(b) = self.briefing.clone() else {
            return;
        };
        let Some(entry) = self.bank.scenario(&b.scenario) else {
            return;
        };
        let case = Case::new(entry.doc.clone(), entry.hash.clone());
        let now = (self.clock)();
        let seed = self.next_seed.take().unwrap_or_else(clock_seed);
        let lang = crate::i18n::session_language(&entry.doc, self.lang);
        let session = Session::new(case, seed, lang);
        let rubric = self.rubric_doc(b.rubric.as_deref());
        let meta = SessionMeta {
            trainer_version: TRAINER_VERSION.to_string(),
            mode: b.mode,
            rubric: b.rubric.clone(),
            started_at: now,
            saved_at: now,
            steps: Vec::new(),
        };
        let path = self
            .store
            .as_ref()
            .map(|s| s.new_session_path(&entry.doc.id, now, seed));
        self.work = Some(Work::new(session, meta, rubric, path, self.lang));
        self.screen = Screen::Workspace;
        self.save();
    }

    /// The decisions open now, in the order this session shows them.
    pub fn open_decisions(&self) -> Vec<&Decision> {
        let Some(w) = &self.work else {
            return Vec::new();
        };
        presentation_order(&w.session)
    }

    /// Takes a decision, with the rationale written for it.
    pub fn decide(&mut self, decision: &str) -> bool {
        self.act(Action::decide(decision))
    }

    /// Adds the drafted item to the service plan.
    pub fn add_plan_item(&mut self) -> bool {
        let Some(w) = &self.work else {
            return false;
        };
        let d = &w.ui.plan;
        let (Some(need), Some(goal), Some(service), Some(deadline_week)) = (
            d.need.clone(),
            d.goal.clone(),
            d.service.clone(),
            d.deadline,
        ) else {
            return false;
        };
        let ok = self.act(Action::Plan {
            need,
            goal,
            service,
            deadline_week,
        });
        if ok && let Some(w) = &mut self.work {
            w.ui.plan = PlanDraft::default();
        }
        ok
    }

    pub fn remove_plan_item(&mut self, need: &str, service: &str) -> bool {
        self.act(Action::Unplan {
            need: need.to_string(),
            service: service.to_string(),
        })
    }

    /// Sends an action to the engine; on success records the rationale, saves the session
    /// and works out what the step decided. Returns whether the engine accepted it.
    pub fn act(&mut self, action: Action) -> bool {
        let lang = self.lang;
        let now = (self.clock)();
        let Some(w) = &mut self.work else {
            return false;
        };
        match w.session.apply(action) {
            Err(refusal) => {
                w.ui.refusal = Some(crate::engine::refusal_text(
                    &refusal,
                    &w.session,
                    localizer(lang),
                ));
                false
            }
            Ok(outcome) => {
                let rationale = std::mem::take(&mut w.ui.rationale).trim().to_string();
                w.meta.steps.push(StepMeta {
                    step: outcome.step,
                    rationale,
                    at: now,
                });
                w.meta.saved_at = now;
                w.ui.rationale_open = false;
                w.ui.refusal = None;
                w.ui.selected = 0;
                let before = w.report.take();
                let after = w.score(lang);
                let feedback = match (&before, &after) {
                    (Some(b), Some(a)) => score::step_feedback(b, a),
                    _ => Vec::new(),
                };
                w.report = after;
                w.last = Some(LastStep { outcome, feedback });
                self.save();
                true
            }
        }
    }

    /// Writes the session to its file; a failure is shown, never hidden.
    fn save(&mut self) {
        let Some(w) = &mut self.work else {
            return;
        };
        let Some(path) = &w.path else {
            return;
        };
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .map_err(|e| format!("{}: {e}", path.display()))
            .and_then(|()| {
                crate::engine::save_log(path, &w.session.log_with(w.meta.clone()))
                    .map_err(|e| e.to_string())
            });
        match written {
            Ok(()) => w.saved_steps = w.session.state().steps,
            Err(error) => {
                self.notice = Some(self.l().tr(
                    "trainer-notice-save-failed",
                    &[("error", crate::i18n::s(error))],
                ));
            }
        }
    }

    /// Whether feedback is shown after each decision.
    pub fn practice(&self) -> bool {
        self.work
            .as_ref()
            .is_some_and(|w| w.meta.mode == TrainingMode::Practice)
    }

    /// Shows the results of the finished session.
    pub fn show_results(&mut self) {
        if self.work.as_ref().is_some_and(|w| w.session.ended()) {
            self.screen = Screen::Results;
        }
    }

    /// Opens the review at a step.
    pub fn review_at(&mut self, step: u32) {
        if let Some(w) = &mut self.work {
            if w.replayed.len() != w.session.state().steps as usize {
                w.replayed = step_outcomes(&w.session);
            }
            let steps = w.session.state().steps.max(1);
            w.review_step = step.clamp(1, steps);
            w.review_scroll = true;
            self.screen = Screen::Review;
        }
    }

    /// Back to the library; the session stays saved and can be continued.
    pub fn to_library(&mut self) {
        self.work = None;
        self.briefing = None;
        self.screen = Screen::Library;
        self.refresh_saved();
    }

    /// Opens a saved session: an unfinished one in the workspace, a finished one on the
    /// results screen.
    pub fn open_log(&mut self, path: &Path) -> Result<(), String> {
        let log = crate::engine::load_log(path).map_err(|d| d.to_string())?;
        let work = self.resume(log, Some(path.to_path_buf()))?;
        let ended = work.session.ended();
        self.work = Some(work);
        self.screen = if ended {
            Screen::Results
        } else {
            Screen::Workspace
        };
        Ok(())
    }

    fn resume(&self, log: SessionLog, path: Option<PathBuf>) -> Result<Work, String> {
        let l = self.l();
        let entry = self.bank.scenario(&log.scenario).ok_or_else(|| {
            l.tr(
                "trainer-open-not-in-bank",
                &[("scenario", crate::i18n::s(log.scenario.clone()))],
            )
        })?;
        let case: Arc<Case> = Case::new(entry.doc.clone(), entry.hash.clone());
        let session = Session::replay(case, &log).map_err(|e| e.to_string())?;
        let now = (self.clock)();
        let meta = log.meta.clone().unwrap_or_else(|| SessionMeta {
            trainer_version: TRAINER_VERSION.to_string(),
            mode: TrainingMode::SelfTest,
            rubric: None,
            started_at: now,
            saved_at: now,
            steps: Vec::new(),
        });
        let rubric_id = meta
            .rubric
            .clone()
            .or_else(|| self.default_rubric(&log.scenario));
        let rubric = self.rubric_doc(rubric_id.as_deref());
        Ok(Work::new(session, meta, rubric, path, self.lang))
    }

    /// The rationale the student wrote for a step, if any.
    pub fn rationale(&self, step: u32) -> Option<&str> {
        let w = self.work.as_ref()?;
        w.meta
            .steps
            .iter()
            .find(|s| s.step == step)
            .map(|s| s.rationale.as_str())
            .filter(|r| !r.is_empty())
    }
}

/// What each step of a session brought about, by playing its log again from the start.
pub fn step_outcomes(session: &Session) -> Vec<StepOutcome> {
    let log = session.log();
    let mut replay = Session::new(Arc::clone(session.case()), log.seed, log.language.clone());
    log.actions()
        .map_while(|a| replay.apply(a.clone()).ok())
        .collect()
}

fn clock_seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1)
        % 1_000_000_007
}

/// The open decisions in an order fixed by the session's seed and the number of steps taken
/// (a new order after every step), so that neither the file's order nor a position gives the
/// answer away.
pub fn presentation_order(session: &Session) -> Vec<&Decision> {
    let mut open = session.open_decisions();
    let salt = session.log().seed ^ u64::from(session.state().steps).wrapping_mul(0x9E37_79B9);
    open.sort_by_key(|d| mix(salt, &d.id));
    open
}

/// A stable 64-bit mix of a seed and a string (FNV-1a, then a final avalanche).
fn mix(seed: u64, s: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}
