//! Rebuilding a session from its log, and refusing a log that does not reproduce.

use std::sync::Arc;

use super::{Case, LOG_FORMAT, Record, Refusal, Session, SessionLog};
use crate::scenario::Scenario;

impl Session {
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
        if log.scenario_version != case.scenario.version {
            return Err(ReplayError::VersionDiffers {
                log: log.scenario_version,
                scenario: case.scenario.version,
            });
        }
        if !speaks(&case.scenario, &log.language) {
            return Err(ReplayError::Language {
                language: log.language.clone(),
                languages: case.scenario.languages.clone(),
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

/// Whether a session of the scenario can be in this language: one the scenario is written
/// in, or the one a session of a scenario that declares none is given.
fn speaks(scenario: &Scenario, language: &str) -> bool {
    scenario.languages.iter().any(|l| l == language)
        || crate::i18n::session_language(scenario, language) == language
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
        "the log says scenario version {log}, but the scenario it was played on (same content hash) is version {scenario}: the log has been edited"
    )]
    VersionDiffers { log: u32, scenario: u32 },
    #[error(
        "the log's language `{language}` is not one the scenario is written in ({})",
        languages.join(", ")
    )]
    Language {
        language: String,
        languages: Vec<String>,
    },
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

impl ReplayError {
    /// The top-level field of the log at fault, when one is (`scenario_version`).
    pub fn field(&self) -> Option<&'static str> {
        match self {
            ReplayError::Format(_) => Some("format"),
            ReplayError::OtherScenario { .. } => Some("scenario"),
            ReplayError::VersionDiffers { .. } => Some("scenario_version"),
            ReplayError::Language { .. } => Some("language"),
            ReplayError::ScenarioChanged { .. } => Some("scenario_hash"),
            ReplayError::Refused { .. }
            | ReplayError::Diverged { .. }
            | ReplayError::EndDiffers => None,
        }
    }

    /// What the person holding the log can do about it.
    pub fn help(&self) -> &'static str {
        match self {
            ReplayError::Format(_) => "replay the log with the Casework that wrote it",
            ReplayError::OtherScenario { .. } => {
                "replay the log on the scenario it names (pass --bank DIR with the bank it was played on)"
            }
            ReplayError::ScenarioChanged { .. } => {
                "replay the log on the bank it was played on (--bank DIR), or play the session again on this version"
            }
            ReplayError::VersionDiffers { .. }
            | ReplayError::Language { .. }
            | ReplayError::Refused { .. }
            | ReplayError::Diverged { .. }
            | ReplayError::EndDiffers => {
                "a log is written by Casework and never edited by hand; use the file as `casework play` or the trainer wrote it, or play the session again"
            }
        }
    }
}
