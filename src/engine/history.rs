//! The session's history as a trainer shows it: every entry into a stage, and the case file
//! of facts learned, each with what brought it about.

use serde::Serialize;

use super::{Action, Record, Session};
use crate::scenario::{Stage, W};

/// One entry of the case into a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageVisit {
    pub stage: Stage,
    /// The log record (1-based) that moved the case into the stage; 0 for the start.
    pub record: u32,
    /// Student steps taken when the case entered the stage (the step that moved it included).
    pub step: u32,
    /// The case day on which the case entered the stage.
    pub day: u32,
    pub kind: VisitKind,
    /// What moved the case; None for the start.
    pub cause: Option<Cause>,
}

/// How the case came into a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitKind {
    /// The session started in it.
    Start,
    /// On to a later stage.
    Forward,
    /// Back to a stage earlier than the one left.
    Return,
}

impl VisitKind {
    pub const ALL: [VisitKind; 3] = [VisitKind::Start, VisitKind::Forward, VisitKind::Return];

    /// The kebab-case key of its Fluent message (`visit-return`).
    pub fn key(self) -> &'static str {
        match self {
            VisitKind::Start => "start",
            VisitKind::Forward => "forward",
            VisitKind::Return => "return",
        }
    }
}

/// A fact of the case file, with how it was learned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KnownFact {
    pub fact: String,
    pub w: W,
    pub key: bool,
    /// The log record (1-based) by which it became known.
    pub record: u32,
    pub cause: Cause,
}

/// What brought something about: a decision of the student or an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Cause {
    Decision { decision: String, step: u32 },
    Event { event: String, after_step: u32 },
}

impl Session {
    /// Every entry into a stage, from the start: the trainer's stage bar and the review's
    /// stage strip.
    pub fn stage_history(&self) -> Vec<StageVisit> {
        let mut visits: Vec<StageVisit> = Vec::new();
        for (record, stage) in self.stage_entries() {
            let kind = match visits.last() {
                None => VisitKind::Start,
                Some(prev) if stage < prev.stage => VisitKind::Return,
                Some(_) => VisitKind::Forward,
            };
            let (step, day) = self.time_after(record);
            visits.push(StageVisit {
                stage,
                record,
                step,
                day,
                kind,
                cause: self.cause_of(record),
            });
        }
        visits
    }

    /// Facts known so far, in the order learned, with how each was learned.
    pub fn case_file(&self) -> Vec<KnownFact> {
        let scenario = &self.case.scenario;
        (1..self.next_seq())
            .flat_map(|record| {
                self.facts_learned_at(record)
                    .into_iter()
                    .map(move |i| (record, i))
            })
            .filter_map(|(record, i)| {
                let f = &scenario.facts[i];
                Some(KnownFact {
                    fact: f.id.clone(),
                    w: f.w,
                    key: f.key,
                    record,
                    cause: self.cause_of(record)?,
                })
            })
            .collect()
    }

    /// Every entry into a stage as (record, stage), in the order they happened.
    pub(super) fn stage_entries(&self) -> Vec<(u32, Stage)> {
        let mut entries: Vec<(u32, Stage)> = Stage::ALL
            .iter()
            .flat_map(|&s| self.state.entered[s.index()].iter().map(move |&r| (r, s)))
            .collect();
        entries.sort_by_key(|&(record, _)| record);
        entries
    }

    /// The ids of the facts learned by `record` and the records after it, in order.
    pub(super) fn facts_learned_since(&self, record: u32) -> Vec<String> {
        (record..self.next_seq())
            .flat_map(|r| self.facts_learned_at(r))
            .map(|i| self.case.scenario.facts[i].id.clone())
            .collect()
    }

    /// The indices of the facts that became known by one record, in the order it reveals
    /// them.
    fn facts_learned_at(&self, record: u32) -> Vec<usize> {
        let scenario = &self.case.scenario;
        let reveals = match self.record(record) {
            Some(Record::Step {
                action: Action::Decide { decision },
                ..
            }) => scenario.decision(decision).map(|d| &d.reveals),
            Some(Record::Event { event, .. }) => scenario.event(event).map(|e| &e.reveals),
            _ => None,
        };
        let mut learned: Vec<usize> = Vec::new();
        for f in reveals.into_iter().flatten() {
            if let Some(i) = self.case.fact_index(f)
                && self.state.known[i] == Some(record)
                && !learned.contains(&i)
            {
                learned.push(i);
            }
        }
        learned
    }

    /// The log record numbered `record` (1-based).
    fn record(&self, record: u32) -> Option<&Record> {
        let i = usize::try_from(record).ok()?.checked_sub(1)?;
        self.log.records.get(i)
    }

    /// What the record was brought about by; None for the start and for plan edits.
    fn cause_of(&self, record: u32) -> Option<Cause> {
        match self.record(record)? {
            Record::Step {
                step,
                action: Action::Decide { decision },
                ..
            } => Some(Cause::Decision {
                decision: decision.clone(),
                step: *step,
            }),
            Record::Step { .. } => None,
            Record::Event {
                after_step, event, ..
            } => Some(Cause::Event {
                event: event.clone(),
                after_step: *after_step,
            }),
        }
    }

    /// Steps taken and the case day once `record` had happened (0: the start).
    fn time_after(&self, record: u32) -> (u32, u32) {
        match self.record(record) {
            None => (0, 0),
            Some(Record::Step {
                step, day, action, ..
            }) => {
                let days = match action {
                    Action::Decide { decision } => {
                        self.case.scenario.decision(decision).map_or(0, |d| d.days)
                    }
                    _ => 0,
                };
                (*step, day.saturating_add(days))
            }
            Some(Record::Event {
                after_step, day, ..
            }) => (*after_step, *day),
        }
    }
}
