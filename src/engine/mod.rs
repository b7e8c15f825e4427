//! The case-management engine: a pure state machine.
//!
//! (scenario, seed, actions) → states, events, end. The same three inputs give the same
//! session on every machine: the only randomness is a ChaCha8 generator seeded from the
//! session seed, drawn in a fixed order (week by week, events in file order). Every action
//! and event is written to a [`SessionLog`]; [`Session::replay`] rebuilds the session from
//! a log and refuses a log that does not reproduce.
//!
//! The parts, by job: [`Case`] (a scenario with its lookups), the log and its records
//! ([`SessionLog`], [`Action`]), the [`Session`] and its steps, the events that happen
//! between steps, the service plan, the queries a trainer shows (stage history, case
//! file), replay, reading and writing log files, and the texts for people.

mod case;
mod events;
mod file;
mod history;
mod key;
mod log;
mod plan;
mod refusal;
mod replay;
mod session;
mod text;

pub use case::Case;
pub use file::{
    LoadError, OverwriteRefusal, SaveError, WriteError, check_overwrite, load_log, save_log,
    write_atomically,
};
pub use history::{Cause, KnownFact, StageVisit, VisitKind};
pub use key::StateKey;
pub use log::{Action, End, Record, SessionLog, SessionMeta, StepMeta, TrainingMode};
pub use plan::{PlanFault, PlanItem};
pub use refusal::{Refusal, describe};
pub use replay::ReplayError;
pub use session::{CaseState, Session, StepOutcome, VariableChange};
pub use text::{condition_text, plan_fault_text, refusal_text, step_outcome_text};

/// The version of the session-log format written by this engine.
pub const LOG_FORMAT: u32 = 1;
