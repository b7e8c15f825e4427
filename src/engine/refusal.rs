//! Why an action is refused, for developers and logs (ids); [`super::refusal_text`] says it
//! for people.

use std::fmt;

use crate::scenario::{Condition, Stage};

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

fn since_text(since: &crate::scenario::Since) -> String {
    match since {
        crate::scenario::Since::Decision(d) => format!("decision `{d}`"),
        crate::scenario::Since::Event(e) => format!("event `{e}`"),
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
        Condition::ServicePlanned(svc) => format!("the service `{svc}` in the service plan"),
        Condition::PlanComplete => "every identified need covered by the plan".into(),
        Condition::AtStage(s) => format!("the case at the {s} stage"),
        Condition::NotAtStage(s) => format!("the case not at the {s} stage"),
        Condition::Any(cs) => {
            let parts: Vec<String> = cs.iter().map(describe).collect();
            format!("one of: {}", parts.join("; "))
        }
        Condition::WeeksSince(since, w) => {
            format!("at least {w} week(s) after {}", since_text(since))
        }
        Condition::WithinWeeks(since, w) => {
            format!("within {w} week(s) after {}", since_text(since))
        }
    }
}

impl std::error::Error for Refusal {}
