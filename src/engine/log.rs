//! The session log: the student's actions and the events between them, enough to replay a
//! session exactly, and the trainer's metadata beside them.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::scenario::Stage;

/// What the student does: take a decision, or edit the service plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
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

/// How a session ended.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum End {
    /// The student closed the case with this decision.
    Closed { decision: String },
    /// An event ended the case (the client withdrew, say).
    EndedByEvent { event: String },
    /// The case's time budget ran out.
    OutOfTime,
}

impl End {
    /// The kebab-case key of its Fluent message (`end-out-of-time`).
    pub fn key(&self) -> &'static str {
        match self {
            End::Closed { .. } => "closed",
            End::EndedByEvent { .. } => "ended-by-event",
            End::OutOfTime => "out-of-time",
        }
    }
}

/// One entry of the session log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "record", rename_all = "snake_case", deny_unknown_fields)]
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
    /// What the trainer keeps beside the session (who chose what rubric, when, why);
    /// replay ignores it, and logs written before it existed have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<SessionMeta>,
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

/// The training mode the student chose in the trainer: practice, or a self-test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrainingMode {
    Practice,
    SelfTest,
}

impl TrainingMode {
    pub const ALL: [TrainingMode; 2] = [TrainingMode::Practice, TrainingMode::SelfTest];

    /// The kebab-case key of its Fluent message (`training-mode-self-test`).
    pub fn key(self) -> &'static str {
        match self {
            TrainingMode::Practice => "practice",
            TrainingMode::SelfTest => "self-test",
        }
    }
}

/// What the trainer records about a session beside its steps. Replay ignores it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionMeta {
    /// The version of the trainer that wrote the log.
    pub trainer_version: String,
    pub mode: TrainingMode,
    /// The id of the rubric the student chose, if any.
    pub rubric: Option<String>,
    /// When the session started, in Unix seconds.
    pub started_at: u64,
    /// When the log was last saved, in Unix seconds.
    pub saved_at: u64,
    #[serde(default)]
    pub steps: Vec<StepMeta>,
}

/// What the trainer records about one student step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepMeta {
    /// The step number, as in [`Record::Step`].
    pub step: u32,
    /// Why the student chose it, in their own words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rationale: String,
    /// When the step was taken, in Unix seconds.
    pub at: u64,
}
