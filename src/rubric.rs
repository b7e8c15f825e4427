//! The rubric format: how an instructor scores a session of one scenario.
//!
//! A rubric holds criteria grouped by competency; each criterion has a weight and rules;
//! each rule has points, an optional critical flag, and feedback that teaches. The total is
//! the weighted share of points earned, in percent, compared with the pass mark.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::scenario::{Mode, Model, Role, Stage, Text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RubricKind {
    /// For practice: feedback first.
    Formative,
    /// For assessment sittings.
    Exam,
}

/// Competencies of case management that a criterion scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Competency {
    EngagementAndContracting,
    Assessment,
    Planning,
    CoordinationAndReferral,
    MonitoringAndRevision,
    EthicsAndDataProtection,
    Autonomy,
    Exit,
    Documentation,
    Supervision,
}

impl Competency {
    pub const ALL: [Competency; 10] = [
        Competency::EngagementAndContracting,
        Competency::Assessment,
        Competency::Planning,
        Competency::CoordinationAndReferral,
        Competency::MonitoringAndRevision,
        Competency::EthicsAndDataProtection,
        Competency::Autonomy,
        Competency::Exit,
        Competency::Documentation,
        Competency::Supervision,
    ];

    /// The key used in Fluent message ids (`competency-planning`).
    pub fn key(self) -> &'static str {
        match self {
            Competency::EngagementAndContracting => "engagement",
            Competency::Assessment => "assessment",
            Competency::Planning => "planning",
            Competency::CoordinationAndReferral => "coordination",
            Competency::MonitoringAndRevision => "monitoring",
            Competency::EthicsAndDataProtection => "ethics",
            Competency::Autonomy => "autonomy",
            Competency::Exit => "exit",
            Competency::Documentation => "documentation",
            Competency::Supervision => "supervision",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    pub id: String,
    /// The scenario this rubric scores.
    pub scenario: String,
    pub kind: RubricKind,
    pub title: Text,
    /// The total, in percent, needed to pass.
    pub pass_mark: u32,
    /// Named groups of decisions, usable as `@name` wherever a rule lists decision ids.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub groups: BTreeMap<String, Vec<String>>,
    pub criteria: Vec<Criterion>,
}

/// The prefix of a group reference in a list of decision ids (`"@informal"`).
pub const GROUP_PREFIX: char = '@';

impl Rubric {
    /// Every text of the rubric with its stable id — `title`, `criterion.<id>.title`,
    /// `rule.<id>.title`, `rule.<id>.met`, `rule.<id>.missed` — in file order. The one
    /// list `check` and `translate` both walk (see [`Scenario::texts`](crate::scenario::Scenario::texts)).
    pub fn texts(&self) -> Vec<(String, &Text)> {
        let mut out: Vec<(String, &Text)> = vec![("title".into(), &self.title)];
        for c in &self.criteria {
            out.push((format!("criterion.{}.title", c.id), &c.title));
            for r in &c.rules {
                if let Some(title) = &r.title {
                    out.push((format!("rule.{}.title", r.id), title));
                }
                out.push((format!("rule.{}.met", r.id), &r.met));
                out.push((format!("rule.{}.missed", r.id), &r.missed));
            }
        }
        out
    }

    /// The check with every `@group` reference replaced by the group's members.
    pub fn resolve(&self, check: &Check) -> Check {
        resolve(check, &self.groups)
    }
}

/// The decision ids of `ids`, each `@group` replaced by its members in `groups` (an
/// unknown group by nothing: `check` reports it).
pub fn expand(ids: &[String], groups: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for id in ids {
        let members = match id.strip_prefix(GROUP_PREFIX) {
            Some(name) => groups.get(name).cloned().unwrap_or_default(),
            None => vec![id.clone()],
        };
        for m in members {
            if !out.contains(&m) {
                out.push(m);
            }
        }
    }
    out
}

/// `check` with its lists of decision ids expanded by [`expand`].
pub fn resolve(check: &Check, groups: &BTreeMap<String, Vec<String>>) -> Check {
    let x = |ids: &[String]| expand(ids, groups);
    match check {
        Check::Taken(ids) => Check::Taken(x(ids)),
        Check::Avoided(ids) => Check::Avoided(x(ids)),
        Check::GroupBefore { first, then } => Check::GroupBefore {
            first: x(first),
            then: x(then),
        },
        Check::RespondedTo {
            event,
            with,
            within,
            within_days,
        } => Check::RespondedTo {
            event: event.clone(),
            with: x(with),
            within: *within,
            within_days: *within_days,
        },
        other => other.clone(),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    pub id: String,
    pub competency: Competency,
    pub title: Text,
    /// Share of the total this criterion carries, relative to the other criteria.
    pub weight: u32,
    pub rules: Vec<Rule>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    /// What the rule is about, in a few words, as students see it (optional so that older
    /// rubrics still load; `check` warns when it is missing, since students then see the id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    pub check: Check,
    pub points: u32,
    /// Breaking a critical rule fails the attempt whatever the points.
    #[serde(default)]
    pub critical: bool,
    /// Shown when the rule is met.
    pub met: Text,
    /// Shown when it is not: say what good practice is, and why.
    pub missed: Text,
}

/// A point in a session that an ordering rule can refer to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Marker {
    /// The decision was taken (the first time).
    Decision(String),
    /// The case first entered this stage.
    Stage(Stage),
    /// The fact became known.
    Fact(String),
    /// The event happened.
    Event(String),
}

/// What a rule checks in a session.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Check {
    /// At least one of these decisions was taken.
    Taken(Vec<String>),
    /// None of these decisions was taken.
    Avoided(Vec<String>),
    /// If the second marker happened, the first happened before it.
    Before(Marker, Marker),
    /// Every key fact of the case was known before the case first reached this stage;
    /// points are shared out by the share of key facts known.
    KeyFactsBefore(Stage),
    /// At least one fact of each of the five W was known before this stage.
    FiveWBefore(Stage),
    /// These facts were known before this stage (points shared by the share known).
    FactsBefore(Vec<String>, Stage),
    /// Every need identified by the end has a service in the final plan that meets it;
    /// points are shared by the share of needs covered.
    NeedsCovered,
    /// Every plan item has a concrete goal and a deadline the service can keep.
    RealisticPlan,
    /// After the event, one of these decisions was among the next `within` decisions (plan
    /// edits do not count), and, with `within_days`, taken no more than that many days of
    /// case time after the event.
    /// Not applicable if the event did not happen.
    RespondedTo {
        event: String,
        with: Vec<String>,
        within: u32,
        #[serde(default)]
        within_days: Option<u32>,
    },
    /// At the end of the session the variable is at least this.
    FinalAtLeast(String, i32),
    /// At the end of the session the variable is at most this.
    FinalAtMost(String, i32),
    /// The case used at most this many weeks.
    WeeksAtMost(u32),
    /// The case was closed by a decision (not timed out, not ended by an event).
    ClosedByDecision,
    /// None of these events happened.
    NotHappened(Vec<String>),
    /// One of `first` was taken, and before any of `then` (met when none of `then` was
    /// ever taken; missed when none of `first` was).
    GroupBefore {
        first: Vec<String>,
        then: Vec<String>,
    },
    /// A decision taken at this stage exercised this role of the worker.
    RoleAt(Stage, Role),
    /// The service was delivered (a decision with this service and a mode taken) in this
    /// mode; missed if only in other modes, or not at all.
    ModeFor(String, Mode),
    /// Of the decisions taken that carry a model, the share that carry this one (points
    /// shared out); missed if none carries one.
    ModelFollowed(Model),
    /// Every item of the final plan was delivered (a decision with its service taken) by
    /// its deadline week; points shared out by items.
    DeliveredOnTime,
}

impl Check {
    /// The lists of decision ids the check holds (where `@group` references may stand).
    pub fn decision_lists(&self) -> Vec<&[String]> {
        match self {
            Check::Taken(ids) | Check::Avoided(ids) => vec![ids],
            Check::GroupBefore { first, then } => vec![first, then],
            Check::RespondedTo { with, .. } => vec![with],
            _ => Vec::new(),
        }
    }
}
