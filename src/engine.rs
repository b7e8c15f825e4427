//! The case-management engine: a pure state machine.
//!
//! (scenario, seed, actions) → states, events, end. The same three inputs give the same
//! session on every machine: the only randomness is a ChaCha8 generator seeded from the
//! session seed, drawn in a fixed order (week by week, events in file order). Every action
//! and event is written to a [`SessionLog`]; [`Session::replay`] rebuilds the session from
//! a log and refuses a log that does not reproduce.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::scenario::{Condition, Decision, Effect, Event, Scenario, Stage, Trigger};

/// The version of the session-log format written by this engine.
pub const LOG_FORMAT: u32 = 1;

/// A scenario with its lookups built once, shared by every session of it.
#[derive(Debug)]
pub struct Case {
    pub scenario: Scenario,
    /// SHA-256 of the scenario file, written into every log.
    pub hash: String,
    decisions: HashMap<String, usize>,
    facts: HashMap<String, usize>,
    events: HashMap<String, usize>,
    variables: HashMap<String, usize>,
    needs: HashMap<String, usize>,
    services: HashMap<String, usize>,
}

fn index_of<T>(items: &[T], id: impl Fn(&T) -> &str) -> HashMap<String, usize> {
    let mut map = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        // The first of duplicate ids wins; `casework check` reports duplicates.
        map.entry(id(item).to_string()).or_insert(i);
    }
    map
}

impl Case {
    pub fn new(scenario: Scenario, hash: impl Into<String>) -> Arc<Case> {
        Arc::new(Case {
            decisions: index_of(&scenario.decisions, |d| &d.id),
            facts: index_of(&scenario.facts, |f| &f.id),
            events: index_of(&scenario.events, |e| &e.id),
            variables: index_of(&scenario.variables, |v| &v.id),
            needs: index_of(&scenario.needs, |n| &n.id),
            services: index_of(&scenario.services, |s| &s.id),
            hash: hash.into(),
            scenario,
        })
    }

    pub fn decision_index(&self, id: &str) -> Option<usize> {
        self.decisions.get(id).copied()
    }
    pub fn fact_index(&self, id: &str) -> Option<usize> {
        self.facts.get(id).copied()
    }
    pub fn event_index(&self, id: &str) -> Option<usize> {
        self.events.get(id).copied()
    }
    pub fn variable_index(&self, id: &str) -> Option<usize> {
        self.variables.get(id).copied()
    }
    pub fn need_index(&self, id: &str) -> Option<usize> {
        self.needs.get(id).copied()
    }
    pub fn service_index(&self, id: &str) -> Option<usize> {
        self.services.get(id).copied()
    }
}

/// What the student does: take a decision, or edit the service plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Action {
    Decide {
        decision: String,
    },
    /// Adds an item to the service plan, or replaces the item for the same need and service.
    Plan {
        need: String,
        goal: String,
        service: String,
        deadline_week: u32,
    },
    /// Removes the item for this need and service from the plan.
    Unplan {
        need: String,
        service: String,
    },
}

impl Action {
    pub fn decide(id: impl Into<String>) -> Action {
        Action::Decide {
            decision: id.into(),
        }
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Action::Decide { decision } => f.write_str(decision),
            Action::Plan {
                need,
                goal,
                service,
                deadline_week,
            } => write!(f, "plan {need} {goal} {service} {deadline_week}"),
            Action::Unplan { need, service } => write!(f, "unplan {need} {service}"),
        }
    }
}

/// One line of the service plan: need → goal → service (and its provider) → deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanItem {
    pub need: String,
    pub goal: String,
    pub service: String,
    pub deadline_week: u32,
    /// The week the item was written; a deadline must leave the service its waiting time.
    pub added_week: u32,
}

/// How a session ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum End {
    /// The student closed the case with this decision.
    Closed { decision: String },
    /// An event ended the case (the client withdrew, say).
    EndedByEvent { event: String },
    /// The case's time budget ran out.
    OutOfTime,
}

/// One entry of the session log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "record", rename_all = "snake_case")]
pub enum Record {
    /// A student action, numbered from 1, with the stage and case day it was taken at.
    Step {
        step: u32,
        stage: Stage,
        day: u32,
        action: Action,
    },
    /// An event that happened after a step.
    Event {
        after_step: u32,
        stage: Stage,
        day: u32,
        event: String,
    },
}

/// The record of a session: enough to replay it exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionLog {
    pub format: u32,
    pub scenario: String,
    pub scenario_version: u32,
    /// SHA-256 of the scenario file the session was played on.
    pub scenario_hash: String,
    pub seed: u64,
    pub language: String,
    pub records: Vec<Record>,
    pub end: Option<End>,
}

impl SessionLog {
    pub fn actions(&self) -> impl Iterator<Item = &Action> {
        self.records.iter().filter_map(|r| match r {
            Record::Step { action, .. } => Some(action),
            Record::Event { .. } => None,
        })
    }

    pub fn to_json(&self) -> String {
        // A log holds only strings and integers: serialising it cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Why an action was refused. Nothing about it changes the session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    CaseEnded,
    UnknownDecision(String),
    WrongStage {
        decision: String,
        open_at: Vec<Stage>,
        current: Stage,
    },
    AlreadyTaken(String),
    Unmet {
        decision: String,
        condition: Condition,
    },
    PlanNotOpen(Stage),
    UnknownNeed(String),
    NeedNotIdentified(String),
    UnknownGoal {
        need: String,
        goal: String,
    },
    UnknownService(String),
    DeadlinePassed {
        deadline: u32,
        week: u32,
    },
    DeadlineBeyondCase {
        deadline: u32,
        weeks: u32,
    },
    NotInPlan {
        need: String,
        service: String,
    },
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::CaseEnded => write!(f, "the case has ended"),
            Refusal::UnknownDecision(d) => write!(f, "there is no decision `{d}` in this case"),
            Refusal::WrongStage {
                decision,
                open_at,
                current,
            } => {
                let stages: Vec<String> = open_at.iter().map(|s| s.to_string()).collect();
                write!(
                    f,
                    "`{decision}` belongs to the {} stage, but the case is at {current}",
                    stages.join(" or ")
                )
            }
            Refusal::AlreadyTaken(d) => write!(f, "`{d}` has already been taken during this stage"),
            Refusal::Unmet {
                decision,
                condition,
            } => write!(
                f,
                "`{decision}` is not open yet: it needs {}",
                describe(condition)
            ),
            Refusal::PlanNotOpen(stage) => write!(
                f,
                "the service plan can be changed only at the service-plan or plan-revision stage, not at {stage}"
            ),
            Refusal::UnknownNeed(n) => write!(f, "there is no need `{n}` in this case"),
            Refusal::NeedNotIdentified(n) => write!(
                f,
                "the need `{n}` has not been identified yet: the assessment has not uncovered it"
            ),
            Refusal::UnknownGoal { need, goal } => {
                write!(f, "`{goal}` is not one of the goals for the need `{need}`")
            }
            Refusal::UnknownService(s) => write!(f, "there is no service `{s}` in the network"),
            Refusal::DeadlinePassed { deadline, week } => {
                write!(f, "week {deadline} has passed: the case is in week {week}")
            }
            Refusal::DeadlineBeyondCase { deadline, weeks } => write!(
                f,
                "week {deadline} is after the end of the case (it has {weeks} weeks)"
            ),
            Refusal::NotInPlan { need, service } => {
                write!(f, "the plan has no item for `{need}` with `{service}`")
            }
        }
    }
}

/// A condition in words, for refusals and reports.
pub fn describe(c: &Condition) -> String {
    match c {
        Condition::Taken(d) => format!("decision `{d}` taken first"),
        Condition::NotTaken(d) => format!("decision `{d}` not taken"),
        Condition::Known(f) => format!("fact `{f}` known"),
        Condition::Unknown(f) => format!("fact `{f}` not yet known"),
        Condition::Happened(e) => format!("event `{e}` to have happened"),
        Condition::NotHappened(e) => format!("event `{e}` not to have happened"),
        Condition::AtLeast(v, n) => format!("`{v}` at least {n}"),
        Condition::AtMost(v, n) => format!("`{v}` at most {n}"),
        Condition::FromWeek(w) => format!("week {w} or later"),
        Condition::UntilWeek(w) => format!("week {w} or earlier"),
        Condition::Planned(n) => format!("the need `{n}` in the service plan"),
        Condition::PlanComplete => "every identified need covered by the plan".into(),
        Condition::AtStage(s) => format!("the case at the {s} stage"),
        Condition::NotAtStage(s) => format!("the case not at the {s} stage"),
        Condition::Any(cs) => {
            let parts: Vec<String> = cs.iter().map(describe).collect();
            format!("one of: {}", parts.join("; "))
        }
    }
}

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
}

impl CaseState {
    pub fn week(&self) -> u32 {
        self.day / 7 + 1
    }
}

/// A session of one student on one case.
#[derive(Debug, Clone)]
pub struct Session {
    case: Arc<Case>,
    rng: ChaCha8Rng,
    state: CaseState,
    log: SessionLog,
}

/// What an accepted step brought about.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StepOutcome {
    /// Events that happened after the step, in order.
    pub events: Vec<String>,
    pub stage_changed: bool,
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

    /// Whether a plan item's service meets its need, for this client: a service that meets
    /// the need online only does not, for a client without internet access.
    pub fn covers(&self, item: &PlanItem) -> bool {
        let scenario = &self.case.scenario;
        scenario
            .service(&item.service)
            .is_some_and(|s| scenario.can_meet(s, &item.need))
    }

    /// Needs identified so far and not met by any item of the plan.
    pub fn uncovered_needs(&self) -> Vec<&str> {
        self.case
            .scenario
            .needs
            .iter()
            .filter(|n| self.is_identified(&n.id))
            .filter(|n| {
                !self
                    .state
                    .plan
                    .iter()
                    .any(|i| i.need == n.id && self.covers(i))
            })
            .map(|n| n.id.as_str())
            .collect()
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
            Condition::PlanComplete => self.uncovered_needs().is_empty(),
            Condition::AtStage(stage) => self.state.stage == *stage,
            Condition::NotAtStage(stage) => self.state.stage != *stage,
            Condition::Any(cs) => cs.iter().any(|c| self.holds(c)),
        }
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

    /// Whether the service plan can be edited now.
    pub fn plan_open(&self) -> bool {
        !self.ended() && matches!(self.state.stage, Stage::ServicePlan | Stage::PlanRevision)
    }

    /// Applies a student action, or refuses it with a reason and changes nothing.
    pub fn apply(&mut self, action: Action) -> Result<StepOutcome, Refusal> {
        match &action {
            Action::Decide { decision } => {
                let d = self.check(decision)?.clone();
                Ok(self.take(d, action))
            }
            Action::Plan {
                need,
                goal,
                service,
                deadline_week,
            } => {
                self.check_plan_edit(need, service)?;
                let n = &self.case.scenario.needs[self.case.need_index(need).unwrap_or(0)];
                if !n.goals.iter().any(|g| &g.id == goal) {
                    return Err(Refusal::UnknownGoal {
                        need: need.clone(),
                        goal: goal.clone(),
                    });
                }
                let week = self.state.week();
                if *deadline_week < week {
                    return Err(Refusal::DeadlinePassed {
                        deadline: *deadline_week,
                        week,
                    });
                }
                if *deadline_week > self.case.scenario.weeks {
                    return Err(Refusal::DeadlineBeyondCase {
                        deadline: *deadline_week,
                        weeks: self.case.scenario.weeks,
                    });
                }
                let item = PlanItem {
                    need: need.clone(),
                    goal: goal.clone(),
                    service: service.clone(),
                    deadline_week: *deadline_week,
                    added_week: week,
                };
                self.begin_step(action);
                match self
                    .state
                    .plan
                    .iter_mut()
                    .find(|i| i.need == item.need && i.service == item.service)
                {
                    Some(existing) => *existing = item,
                    None => self.state.plan.push(item),
                }
                Ok(self.finish_step(self.state.day, self.state.stage))
            }
            Action::Unplan { need, service } => {
                self.check_plan_edit(need, service)?;
                let Some(pos) = self
                    .state
                    .plan
                    .iter()
                    .position(|i| &i.need == need && &i.service == service)
                else {
                    return Err(Refusal::NotInPlan {
                        need: need.clone(),
                        service: service.clone(),
                    });
                };
                self.begin_step(action);
                self.state.plan.remove(pos);
                Ok(self.finish_step(self.state.day, self.state.stage))
            }
        }
    }

    fn check_plan_edit(&self, need: &str, service: &str) -> Result<(), Refusal> {
        if self.ended() {
            return Err(Refusal::CaseEnded);
        }
        if !self.plan_open() {
            return Err(Refusal::PlanNotOpen(self.state.stage));
        }
        if self.case.need_index(need).is_none() {
            return Err(Refusal::UnknownNeed(need.to_string()));
        }
        if !self.is_identified(need) {
            return Err(Refusal::NeedNotIdentified(need.to_string()));
        }
        if self.case.service_index(service).is_none() {
            return Err(Refusal::UnknownService(service.to_string()));
        }
        Ok(())
    }

    /// The sequence number the next record will have (records are numbered from 1).
    fn next_seq(&self) -> u32 {
        self.log.records.len() as u32 + 1
    }

    fn begin_step(&mut self, action: Action) -> u32 {
        self.state.steps += 1;
        let seq = self.next_seq();
        self.log.records.push(Record::Step {
            step: self.state.steps,
            stage: self.state.stage,
            day: self.state.day,
            action,
        });
        seq
    }

    fn take(&mut self, d: Decision, action: Action) -> StepOutcome {
        let before_day = self.state.day;
        let before_stage = self.state.stage;
        let seq = self.begin_step(action);
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
        self.finish_step(before_day, before_stage)
    }

    fn finish_step(&mut self, before_day: u32, before_stage: Stage) -> StepOutcome {
        let mut events = Vec::new();
        if !self.ended() {
            self.run_events(before_day / 7 + 1, &mut events);
        }
        let budget_days = self.case.scenario.weeks.saturating_mul(7);
        if !self.ended() && self.state.day >= budget_days {
            self.state.end = Some(End::OutOfTime);
        }
        self.log.end = self.state.end.clone();
        StepOutcome {
            events,
            stage_changed: self.state.stage != before_stage,
        }
    }

    fn run_events(&mut self, old_week: u32, fired: &mut Vec<String>) {
        let case = Arc::clone(&self.case);
        let events = &case.scenario.events;
        let new_week = self
            .state
            .week()
            .min(case.scenario.weeks.max(1))
            .min(crate::scenario::MAX_WEEKS);
        for week in old_week + 1..=new_week {
            for (i, e) in events.iter().enumerate() {
                if self.ended() {
                    return;
                }
                if !e.repeatable && !self.state.happened[i].is_empty() {
                    continue;
                }
                let due = match e.trigger {
                    Trigger::Week(n) => week >= n,
                    Trigger::Chance {
                        percent,
                        from,
                        until,
                    } => {
                        (from..=until).contains(&week)
                            && e.requires.iter().all(|c| self.holds(c))
                            && self.roll(percent)
                    }
                    Trigger::When => false,
                };
                if due && e.requires.iter().all(|c| self.holds(c)) {
                    self.fire(i, e, fired);
                }
            }
        }
        // Conditions and scheduled weeks are looked at after every step; each event at most
        // once per step, so a repeatable one cannot loop.
        let mut fired_now = vec![false; events.len()];
        loop {
            let mut any = false;
            for (i, e) in events.iter().enumerate() {
                if self.ended() {
                    return;
                }
                if fired_now[i] || (!e.repeatable && !self.state.happened[i].is_empty()) {
                    continue;
                }
                let due = match e.trigger {
                    Trigger::Week(n) => self.state.week() >= n,
                    Trigger::When => true,
                    Trigger::Chance { .. } => false,
                };
                if due && e.requires.iter().all(|c| self.holds(c)) {
                    fired_now[i] = true;
                    any = true;
                    self.fire(i, e, fired);
                }
            }
            if !any {
                break;
            }
        }
    }

    /// True with `percent` chance; one draw from the session's generator.
    fn roll(&mut self, percent: u8) -> bool {
        let draw = (u64::from(self.rng.next_u32()) * 100) >> 32;
        draw < u64::from(percent)
    }

    fn fire(&mut self, i: usize, e: &Event, fired: &mut Vec<String>) {
        let seq = self.next_seq();
        self.log.records.push(Record::Event {
            after_step: self.state.steps,
            stage: self.state.stage,
            day: self.state.day,
            event: e.id.clone(),
        });
        self.state.happened[i].push(seq);
        self.apply_effects(&e.effects);
        self.reveal(&e.reveals, seq);
        if let Some(stage) = e.return_to {
            // Two returns after one step: the earlier stage wins, so the case restarts from
            // the more fundamental point (a new assessment before a plan revision).
            let earlier_return = fired
                .iter()
                .filter_map(|id| self.case.scenario.event(id).and_then(|x| x.return_to))
                .min();
            if earlier_return.is_none_or(|r| stage < r) {
                self.enter(stage, seq);
            }
        }
        if e.ends_case {
            self.state.end = Some(End::EndedByEvent {
                event: e.id.clone(),
            });
        }
        fired.push(e.id.clone());
    }

    fn enter(&mut self, stage: Stage, seq: u32) {
        if stage != self.state.stage {
            self.state.stage = stage;
            self.state.entered[stage.index()].push(seq);
        }
    }

    fn apply_effects(&mut self, effects: &[Effect]) {
        for effect in effects {
            let Some(i) = self.case.variable_index(effect.variable()) else {
                continue;
            };
            let v = &self.case.scenario.variables[i];
            let value = match effect {
                Effect::Add(_, n) => self.state.values[i].saturating_add(*n),
                Effect::Set(_, n) => *n,
            };
            self.state.values[i] = value.clamp(v.min, v.max.max(v.min));
        }
    }

    fn reveal(&mut self, facts: &[String], seq: u32) {
        for f in facts {
            if let Some(i) = self.case.fact_index(f) {
                self.state.known[i].get_or_insert(seq);
            }
        }
    }

    /// Rebuilds a session from its log, checking that it reproduces exactly.
    pub fn replay(case: Arc<Case>, log: &SessionLog) -> Result<Session, ReplayError> {
        if log.format != LOG_FORMAT {
            return Err(ReplayError::Format(log.format));
        }
        if log.scenario != case.scenario.id {
            return Err(ReplayError::OtherScenario {
                log: log.scenario.clone(),
                case: case.scenario.id.clone(),
            });
        }
        if log.scenario_hash != case.hash {
            return Err(ReplayError::ScenarioChanged {
                scenario: case.scenario.id.clone(),
                log_version: log.scenario_version,
                bank_version: case.scenario.version,
            });
        }
        let mut session = Session::new(case, log.seed, log.language.clone());
        for (n, action) in log.actions().enumerate() {
            session
                .apply(action.clone())
                .map_err(|refusal| ReplayError::Refused {
                    step: n as u32 + 1,
                    action: action.to_string(),
                    refusal,
                })?;
        }
        if let Some(i) = (0..log.records.len().max(session.log.records.len()))
            .find(|&i| log.records.get(i) != session.log.records.get(i))
        {
            return Err(ReplayError::Diverged {
                record: i + 1,
                logged: log.records.get(i).map(record_summary),
                replayed: session.log.records.get(i).map(record_summary),
            });
        }
        if log.end != session.log.end {
            return Err(ReplayError::EndDiffers);
        }
        Ok(session)
    }
}

fn record_summary(r: &Record) -> String {
    match r {
        Record::Step {
            step,
            stage,
            day,
            action,
        } => format!("step {step} at {stage}, day {day}: {action}"),
        Record::Event {
            after_step,
            stage,
            day,
            event,
        } => format!("event `{event}` after step {after_step} at {stage}, day {day}"),
    }
}

/// Why a log could not be replayed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReplayError {
    #[error("the log is in format {0}; this Casework reads format {LOG_FORMAT}")]
    Format(u32),
    #[error("the log is of scenario `{log}`, not `{case}`")]
    OtherScenario { log: String, case: String },
    #[error(
        "scenario `{scenario}` has changed since the session was played (log: version {log_version}; bank: version {bank_version}); its content hash differs, so the log cannot be replayed faithfully"
    )]
    ScenarioChanged {
        scenario: String,
        log_version: u32,
        bank_version: u32,
    },
    #[error("step {step} (`{action}`) is refused on replay: {refusal}")]
    Refused {
        step: u32,
        action: String,
        refusal: Refusal,
    },
    #[error(
        "the log does not reproduce at record {record}: the log says {}, the replay gives {}",
        logged.as_deref().unwrap_or("nothing"),
        replayed.as_deref().unwrap_or("nothing")
    )]
    Diverged {
        record: usize,
        logged: Option<String>,
        replayed: Option<String>,
    },
    #[error("the log's ending differs from the replay's")]
    EndDiffers,
}

impl std::error::Error for Refusal {}
