//! Rebuilding a session from its log, and refusing a log that does not reproduce.

use std::sync::Arc;

use super::{Case, LOG_FORMAT, Record, Refusal, Session, SessionLog};

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
