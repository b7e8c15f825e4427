//! The engine's state in words for people, in the interface language: refusals, conditions
//! and plan faults. Scenario texts are shown by their labels, never by ids, and nothing the
//! student has not found out is named.

use super::{PlanFault, Refusal, Session};
use crate::i18n::Localizer;
use crate::scenario::Condition;

/// A refusal in words.
pub fn refusal_text(refusal: &Refusal, session: &Session, l: &Localizer) -> String {
    let _ = (refusal, session, l);
    String::new()
}

/// A condition in words.
pub fn condition_text(condition: &Condition, session: &Session, l: &Localizer) -> String {
    let _ = (condition, session, l);
    String::new()
}

/// One fault in words.
pub fn plan_fault_text(fault: &PlanFault, l: &Localizer) -> String {
    let _ = (fault, l);
    String::new()
}
