//! The part of a session that decides its future: two sessions with equal keys open the same
//! decisions, accept the same plan edits and, step for step, reach equal keys again.

use super::{End, PlanItem, Session};
use crate::scenario::Stage;

/// What the engine's future depends on, without the log's sequence numbers: which
/// decisions, facts and events there were, not when. Equal keys are equal futures for every
/// rule of the engine (the scorer also reads the order of things; see `explore`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StateKey {
    stage: Stage,
    day: u32,
    values: Vec<i32>,
    /// One bit a fact: known.
    known: Vec<bool>,
    /// Per decision: taken at all, taken during the current visit to the stage.
    taken: Vec<(bool, bool)>,
    /// Per event: happened at all.
    happened: Vec<bool>,
    /// The stages the case has ever entered.
    entered: [bool; 7],
    plan: Vec<PlanItem>,
    end: Option<End>,
    /// How far the session's generator has drawn (its seed is the session's).
    draws: u128,
}

impl Session {
    /// The key of the session as it stands: see [`StateKey`].
    pub fn state_key(&self) -> StateKey {
        let st = &self.state;
        let visit_start = st.entered[st.stage.index()].last().copied().unwrap_or(0);
        StateKey {
            stage: st.stage,
            day: st.day,
            values: st.values.clone(),
            known: st.known.iter().map(Option::is_some).collect(),
            taken: st
                .taken
                .iter()
                .map(|t| (!t.is_empty(), t.iter().any(|&seq| seq > visit_start)))
                .collect(),
            happened: st.happened.iter().map(|h| !h.is_empty()).collect(),
            entered: std::array::from_fn(|i| !st.entered[i].is_empty()),
            plan: st.plan.clone(),
            end: st.end.clone(),
            draws: self.rng.get_word_pos(),
        }
    }
}
