//! A session of one student on one case: its state, the checks on a decision, and the
//! steps that change it.

use std::sync::Arc;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use super::{Action, Case, End, LOG_FORMAT, PlanItem, Record, Refusal, SessionLog, SessionMeta};
use crate::scenario::{Condition, Decision, Scenario, Since, Stage};

/// The case as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseState {
    pub stage: Stage,
    pub day: u32,
    /// Values of the scenario's variables, in declaration order.
    pub values: Vec<i32>,
    /// For each fact, the sequence number at which it became known.
    pub known: Vec<Option<u32>>,
    /// For each decision, the sequence numbers at which it was taken.
    pub taken: Vec<Vec<u32>>,
    /// For each event, the sequence numbers at which it happened.
    pub happened: Vec<Vec<u32>>,
    /// For each stage, the sequence numbers at which the case entered it (0: the start).
    pub entered: [Vec<u32>; 7],
    pub plan: Vec<PlanItem>,
    pub steps: u32,
    pub end: Option<End>,
    /// The day the case ended; `day` goes on through the follow-up after a closure.
    pub ended_day: Option<u32>,
}

impl CaseState {
    pub fn week(&self) -> u32 {
        self.day / 7 + 1
    }

    /// The weeks of case time the student used: up to the end of the case, not through
    /// the follow-up after a closure.
    pub fn weeks_used(&self) -> u32 {
        self.ended_day.unwrap_or(self.day).div_ceil(7)
    }
}

/// A session of one student on one case.
#[derive(Debug, Clone)]
pub struct Session {
    pub(super) case: Arc<Case>,
    pub(super) rng: ChaCha8Rng,
    pub(super) state: CaseState,
    pub(super) log: SessionLog,
}

/// What an accepted step brought about: everything a trainer shows after a decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepOutcome {
    /// The student step number this was (1-based).
    pub step: u32,
    /// The log record (1-based) of the step itself.
    pub record: u32,
    pub stage_before: Stage,
    pub day_before: u32,
    pub day_after: u32,
    /// Fact ids that became known in this step (by the decision or by events), in order.
    pub facts: Vec<String>,
    /// Every variable whose value differs after the step (net change), in declaration order.
    pub changes: Vec<VariableChange>,
    /// Events that happened after the step, in order.
    pub events: Vec<String>,
    /// Every stage the case entered during the step, in order (empty if none).
    pub stages: Vec<Stage>,
    /// The stage after the step differs from the stage before.
    pub stage_changed: bool,
    /// Some if the case ended in this step.
    pub end: Option<End>,
    /// The outcome text the decision shows: the index of its `outcome_if` chosen before its
    /// effects, None for its plain `outcome` (and for plan edits); see
    /// [`Decision::outcome_text`].
    pub outcome_variant: Option<usize>,
}

impl StepOutcome {
    /// Whether the step closed the case: its events then all belong to the follow-up, the
    /// weeks that still play out after the closure.
    pub fn closed_the_case(&self) -> bool {
        matches!(self.end, Some(End::Closed { .. }))
    }
}

/// The net change of one variable in a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VariableChange {
    pub variable: String,
    pub before: i32,
    pub after: i32,
}

impl Session {
    pub fn new(case: Arc<Case>, seed: u64, language: impl Into<String>) -> Session {
        let s = &case.scenario;
        let mut entered: [Vec<u32>; 7] = Default::default();
        entered[Stage::Intake.index()].push(0);
        let state = CaseState {
            stage: Stage::Intake,
            day: 0,
            values: s
                .variables
                .iter()
                .map(|v| v.initial.clamp(v.min, v.max.max(v.min)))
                .collect(),
            known: vec![None; s.facts.len()],
            taken: vec![Vec::new(); s.decisions.len()],
            happened: vec![Vec::new(); s.events.len()],
            entered,
            plan: Vec::new(),
            steps: 0,
            end: None,
            ended_day: None,
        };
        let log = SessionLog {
            format: LOG_FORMAT,
            scenario: s.id.clone(),
            scenario_version: s.version,
            scenario_hash: case.hash.clone(),
            seed,
            language: language.into(),
            records: Vec::new(),
            end: None,
            meta: None,
        };
        Session {
            rng: ChaCha8Rng::seed_from_u64(seed),
            case,
            state,
            log,
        }
    }

    pub fn case(&self) -> &Arc<Case> {
        &self.case
    }
    pub fn scenario(&self) -> &Scenario {
        &self.case.scenario
    }
    pub fn state(&self) -> &CaseState {
        &self.state
    }
    pub fn log(&self) -> &SessionLog {
        &self.log
    }
    /// A copy of the log carrying the trainer's metadata; replay ignores it.
    pub fn log_with(&self, meta: SessionMeta) -> SessionLog {
        SessionLog {
            meta: Some(meta),
            ..self.log.clone()
        }
    }
    pub fn ended(&self) -> bool {
        self.state.end.is_some()
    }

    /// The value of a variable by id.
    pub fn value(&self, variable: &str) -> Option<i32> {
        self.case
            .variable_index(variable)
            .map(|i| self.state.values[i])
    }

    pub fn is_known(&self, fact: &str) -> bool {
        self.case
            .fact_index(fact)
            .is_some_and(|i| self.state.known[i].is_some())
    }

    pub fn was_taken(&self, decision: &str) -> bool {
        self.case
            .decision_index(decision)
            .is_some_and(|i| !self.state.taken[i].is_empty())
    }

    /// A need counts as identified once any of its evidence facts is known.
    pub fn is_identified(&self, need: &str) -> bool {
        self.case
            .scenario
            .need(need)
            .is_some_and(|n| n.evidence.iter().any(|f| self.is_known(f)))
    }

    pub fn holds(&self, c: &Condition) -> bool {
        match c {
            Condition::Taken(d) => self.was_taken(d),
            Condition::NotTaken(d) => !self.was_taken(d),
            Condition::Known(f) => self.is_known(f),
            Condition::Unknown(f) => !self.is_known(f),
            Condition::Happened(e) => self.happened(e),
            Condition::NotHappened(e) => !self.happened(e),
            Condition::AtLeast(v, n) => self.value(v).is_some_and(|x| x >= *n),
            Condition::AtMost(v, n) => self.value(v).is_some_and(|x| x <= *n),
            Condition::FromWeek(w) => self.state.week() >= *w,
            Condition::UntilWeek(w) => self.state.week() <= *w,
            Condition::Planned(n) => self.state.plan.iter().any(|i| &i.need == n),
            Condition::ServicePlanned(svc) => self.service_planned(svc),
            Condition::PlanComplete => self.uncovered_needs().is_empty(),
            Condition::AtStage(stage) => self.state.stage == *stage,
            Condition::NotAtStage(stage) => self.state.stage != *stage,
            Condition::Any(cs) => cs.iter().any(|c| self.holds(c)),
            Condition::WeeksSince(since, weeks) => self
                .days_since(since)
                .is_some_and(|d| d >= weeks.saturating_mul(7)),
            Condition::WithinWeeks(since, weeks) => self
                .days_since(since)
                .is_some_and(|d| d <= weeks.saturating_mul(7)),
        }
    }

    /// Days of case time since the decision was first taken or the event first happened;
    /// None if it has not yet.
    pub fn days_since(&self, since: &Since) -> Option<u32> {
        let seq = match since {
            Since::Decision(d) => self.state.taken[self.case.decision_index(d)?].first(),
            Since::Event(e) => self.state.happened[self.case.event_index(e)?].first(),
        }?;
        let i = usize::try_from(*seq).ok()?.checked_sub(1)?;
        let day = match self.log.records.get(i)? {
            Record::Step { day, .. } | Record::Event { day, .. } => *day,
        };
        Some(self.state.day.saturating_sub(day))
    }

    /// Whether the service plan has an item that uses `service`.
    pub fn service_planned(&self, service: &str) -> bool {
        self.state.plan.iter().any(|i| i.service == service)
    }

    fn happened(&self, event: &str) -> bool {
        self.case
            .event_index(event)
            .is_some_and(|i| !self.state.happened[i].is_empty())
    }

    /// Whether `decision` may be taken now, and if not, why.
    pub fn check(&self, decision: &str) -> Result<&Decision, Refusal> {
        if self.ended() {
            return Err(Refusal::CaseEnded);
        }
        let i = self
            .case
            .decision_index(decision)
            .ok_or_else(|| Refusal::UnknownDecision(decision.to_string()))?;
        let d = &self.case.scenario.decisions[i];
        if !d.open_at(self.state.stage) {
            return Err(Refusal::WrongStage {
                decision: d.id.clone(),
                open_at: d.stages().collect(),
                current: self.state.stage,
            });
        }
        // Once per visit to the stage: after a return to an earlier stage, its work can be
        // done again (a new round of assessment, a new plan).
        let visit_start = self.state.entered[self.state.stage.index()]
            .last()
            .copied()
            .unwrap_or(0);
        let taken = &self.state.taken[i];
        if (d.once && !taken.is_empty())
            || (!d.repeatable && taken.iter().any(|&seq| seq > visit_start))
        {
            return Err(Refusal::AlreadyTaken(d.id.clone()));
        }
        if let Some(c) = d.requires.iter().find(|c| !self.holds(c)) {
            return Err(Refusal::Unmet {
                decision: d.id.clone(),
                condition: c.clone(),
            });
        }
        // The plan drives the work: a service is delivered once it is in the plan.
        if let Some(svc) = d.needs_planned()
            && !self.service_planned(svc)
        {
            return Err(Refusal::Unmet {
                decision: d.id.clone(),
                condition: Condition::ServicePlanned(svc.to_string()),
            });
        }
        Ok(d)
    }

    /// The decisions of the current stage, each with whether it is open and why not.
    pub fn options(&self) -> Vec<(&Decision, Result<(), Refusal>)> {
        if self.ended() {
            return Vec::new();
        }
        self.case
            .scenario
            .decisions
            .iter()
            .filter(|d| d.open_at(self.state.stage))
            .map(|d| (d, self.check(&d.id).map(|_| ())))
            .collect()
    }

    /// The decisions open now.
    pub fn open_decisions(&self) -> Vec<&Decision> {
        self.options()
            .into_iter()
            .filter(|(_, r)| r.is_ok())
            .map(|(d, _)| d)
            .collect()
    }

    /// Applies a student action, or refuses it with a reason and changes nothing.
    pub fn apply(&mut self, action: Action) -> Result<StepOutcome, Refusal> {
        match &action {
            Action::Decide { decision } => {
                let d = self.check(decision)?.clone();
                let variant = d.outcome_variant(|c| self.holds(c));
                let mut outcome = self.take(d, action);
                outcome.outcome_variant = variant;
                Ok(outcome)
            }
            Action::Plan {
                need,
                goal,
                service,
                deadline_week,
            } => {
                let item = self.check_plan_item(need, goal, service, *deadline_week)?;
                let before = self.begin_step(action);
                self.put_in_plan(item);
                Ok(self.finish_step(before))
            }
            Action::Unplan { need, service } => {
                let pos = self.check_unplan(need, service)?;
                let before = self.begin_step(action);
                self.state.plan.remove(pos);
                Ok(self.finish_step(before))
            }
        }
    }

    /// Applies an action to a copy: what would happen, or why it would be refused. The
    /// session is unchanged.
    pub fn dry_run(&self, action: &Action) -> Result<StepOutcome, Refusal> {
        self.clone().apply(action.clone())
    }

    /// The sequence number the next record will have (records are numbered from 1).
    pub(super) fn next_seq(&self) -> u32 {
        self.log.records.len() as u32 + 1
    }

    fn begin_step(&mut self, action: Action) -> Before {
        let before = Before {
            record: self.next_seq(),
            stage: self.state.stage,
            day: self.state.day,
            values: self.state.values.clone(),
        };
        self.state.steps += 1;
        self.log.records.push(Record::Step {
            step: self.state.steps,
            stage: self.state.stage,
            day: self.state.day,
            action,
        });
        before
    }

    fn take(&mut self, d: Decision, action: Action) -> StepOutcome {
        let before = self.begin_step(action);
        let seq = before.record;
        let i = self.case.decision_index(&d.id).unwrap_or(0);
        self.state.taken[i].push(seq);
        self.apply_effects(&d.effects);
        self.reveal(&d.reveals, seq);
        self.state.day = self.state.day.saturating_add(d.days);
        if d.closes {
            self.state.end = Some(End::Closed {
                decision: d.id.clone(),
            });
        } else if let Some(next) = d.next {
            self.enter(next, seq);
        }
        self.finish_step(before)
    }

    fn finish_step(&mut self, before: Before) -> StepOutcome {
        let mut events = Vec::new();
        if !self.ended() {
            self.run_events(before.day / 7 + 1, &mut events);
        }
        let budget_days = self.case.scenario.weeks.saturating_mul(7);
        if !self.ended() && self.state.day >= budget_days {
            self.state.end = Some(End::OutOfTime);
        }
        if self.ended() && self.state.ended_day.is_none() {
            self.state.ended_day = Some(self.state.day);
            if matches!(self.state.end, Some(End::Closed { .. })) {
                self.follow_up(&mut events);
            }
        }
        self.log.end = self.state.end.clone();
        self.outcome(before, events)
    }

    /// Everything the step starting at `before` brought about.
    fn outcome(&self, before: Before, events: Vec<String>) -> StepOutcome {
        let changes = self
            .case
            .scenario
            .variables
            .iter()
            .zip(before.values.iter().zip(&self.state.values))
            .filter(|(_, (b, a))| b != a)
            .map(|(v, (&before, &after))| VariableChange {
                variable: v.id.clone(),
                before,
                after,
            })
            .collect();
        let stages = self
            .stage_entries()
            .into_iter()
            .filter(|&(seq, _)| seq >= before.record)
            .map(|(_, stage)| stage)
            .collect();
        StepOutcome {
            step: self.state.steps,
            record: before.record,
            stage_before: before.stage,
            day_before: before.day,
            day_after: self.state.day,
            facts: self.facts_learned_since(before.record),
            changes,
            events,
            stages,
            stage_changed: self.state.stage != before.stage,
            end: self.state.end.clone(),
            outcome_variant: None,
        }
    }
}

/// The session as it was when a step began: what its outcome is measured against.
struct Before {
    record: u32,
    stage: Stage,
    day: u32,
    values: Vec<i32>,
}
