//! The engine's state in words for people, in the interface language: refusals, conditions
//! and plan faults. Scenario items are named by their labels, never by their ids, and no
//! fact, event or need the student has not found out is named.

use fluent_bundle::FluentValue;

use super::{PlanFault, Refusal, Session};
use crate::i18n::{Localizer, n, s};
use crate::scenario::{Condition, Since, Stage, Text};

/// A refusal in words: uses the scenario's labels (decisions, needs, variables, stages),
/// never ids, and never names a fact, event or need the student has not found.
pub fn refusal_text(refusal: &Refusal, session: &Session, l: &Localizer) -> String {
    let names = Names { session, l };
    match refusal {
        Refusal::CaseEnded => l.t("engine-refusal-case-ended"),
        Refusal::UnknownDecision(_) => l.t("engine-refusal-unknown-decision"),
        Refusal::WrongStage {
            decision,
            open_at,
            current,
        } => {
            let stages: Vec<String> = open_at
                .iter()
                .map(|&st| l.tr("engine-quoted", &[("text", s(names.stage(st)))]))
                .collect();
            let or = format!(" {} ", l.t("engine-or"));
            l.tr(
                "engine-refusal-wrong-stage",
                &[
                    ("decision", s(names.decision(decision))),
                    ("stages", s(stages.join(&or))),
                    ("current", s(names.stage(*current))),
                ],
            )
        }
        Refusal::AlreadyTaken(d) => l.tr(
            "engine-refusal-already-taken",
            &[("decision", s(names.decision(d)))],
        ),
        Refusal::Unmet {
            decision,
            condition,
        } => l.tr(
            "engine-refusal-unmet",
            &[
                ("decision", s(names.decision(decision))),
                ("condition", s(condition_text(condition, session, l))),
            ],
        ),
        Refusal::PlanNotOpen(current) => l.tr(
            "engine-refusal-plan-not-open",
            &[
                ("plan", s(names.stage(Stage::ServicePlan))),
                ("revision", s(names.stage(Stage::PlanRevision))),
                ("current", s(names.stage(*current))),
            ],
        ),
        _ => plan_refusal_text(refusal, &names),
    }
}

/// The refusals of plan edits in words.
fn plan_refusal_text(refusal: &Refusal, names: &Names<'_>) -> String {
    let l = names.l;
    match refusal {
        Refusal::UnknownNeed(_) => l.t("engine-refusal-unknown-need"),
        Refusal::NeedNotIdentified(_) => l.t("engine-refusal-need-not-identified"),
        Refusal::UnknownGoal { need, .. } if names.session.is_identified(need) => l.tr(
            "engine-refusal-unknown-goal",
            &[("need", s(names.need(need)))],
        ),
        Refusal::UnknownGoal { .. } => l.t("engine-refusal-need-not-identified"),
        Refusal::UnknownService(_) => l.t("engine-refusal-unknown-service"),
        Refusal::DeadlinePassed { deadline, week } => l.tr(
            "engine-refusal-deadline-passed",
            &[("deadline", n(*deadline)), ("week", n(*week))],
        ),
        Refusal::DeadlineBeyondCase { deadline, weeks } => l.tr(
            "engine-refusal-deadline-beyond-case",
            &[("deadline", n(*deadline)), ("weeks", n(*weeks))],
        ),
        Refusal::NotInPlan { need, service } if names.session.is_identified(need) => l.tr(
            "engine-refusal-not-in-plan",
            &[
                ("need", s(names.need(need))),
                ("service", s(names.service(service))),
            ],
        ),
        Refusal::NotInPlan { .. } => l.t("engine-refusal-need-not-identified"),
        // The other refusals are said by `refusal_text` itself.
        _ => l.t("engine-refusal-unknown-decision"),
    }
}

/// A condition in words: uses the scenario's labels, never ids, and never names a fact,
/// event or need the student has not found.
pub fn condition_text(condition: &Condition, session: &Session, l: &Localizer) -> String {
    let names = Names { session, l };
    match condition {
        Condition::Taken(d) => l.tr("engine-cond-taken", &[("decision", s(names.decision(d)))]),
        Condition::NotTaken(d) => l.tr(
            "engine-cond-not-taken",
            &[("decision", s(names.decision(d)))],
        ),
        Condition::Known(f) if session.is_known(f) => {
            l.tr("engine-cond-known", &[("fact", s(names.fact(f)))])
        }
        Condition::Known(_) => l.t("engine-cond-learn-more"),
        Condition::Unknown(f) if session.is_known(f) => {
            l.tr("engine-cond-unknown", &[("fact", s(names.fact(f)))])
        }
        Condition::Unknown(_) => l.t("engine-cond-unknown-hidden"),
        Condition::Happened(e) if names.happened(e) => {
            l.tr("engine-cond-happened", &[("event", s(names.event(e)))])
        }
        Condition::Happened(_) => l.t("engine-cond-happened-hidden"),
        Condition::NotHappened(e) if names.happened(e) => {
            l.tr("engine-cond-not-happened", &[("event", s(names.event(e)))])
        }
        Condition::NotHappened(_) => l.t("engine-cond-not-happened-hidden"),
        Condition::AtLeast(v, value) => names.bound("engine-cond-at-least", v, *value),
        Condition::AtMost(v, value) => names.bound("engine-cond-at-most", v, *value),
        Condition::FromWeek(w) => l.tr("engine-cond-from-week", &[("week", n(*w))]),
        Condition::UntilWeek(w) => l.tr("engine-cond-until-week", &[("week", n(*w))]),
        Condition::Planned(need) if session.is_identified(need) => {
            l.tr("engine-cond-planned", &[("need", s(names.need(need)))])
        }
        Condition::Planned(_) => l.t("engine-cond-learn-more"),
        Condition::ServicePlanned(svc) => l.tr(
            "engine-cond-service-planned",
            &[("service", s(names.service(svc)))],
        ),
        Condition::PlanComplete => l.t("engine-cond-plan-complete"),
        Condition::AtStage(st) => l.tr("engine-cond-at-stage", &[("stage", s(names.stage(*st)))]),
        Condition::NotAtStage(st) => l.tr(
            "engine-cond-not-at-stage",
            &[("stage", s(names.stage(*st)))],
        ),
        Condition::Any(cs) => {
            let mut parts: Vec<String> = Vec::new();
            for part in cs.iter().map(|c| condition_text(c, session, l)) {
                // Several hidden conditions read the same; say it once.
                if !parts.contains(&part) {
                    parts.push(part);
                }
            }
            l.tr("engine-cond-any", &[("conditions", s(parts.join("; ")))])
        }
        Condition::WeeksSince(since, weeks) => {
            names.since("engine-cond-weeks-since", since, *weeks)
        }
        Condition::WithinWeeks(since, weeks) => {
            names.since("engine-cond-within-weeks", since, *weeks)
        }
    }
}

/// The outcome text a step showed, in `lang`: the decision's variant chosen when it was
/// taken; None for a plan edit or a decision the scenario lacks.
pub fn step_outcome_text<'a>(
    outcome: &super::StepOutcome,
    session: &'a Session,
    lang: &str,
) -> Option<&'a str> {
    let record = session
        .log()
        .records
        .get(outcome.record.checked_sub(1)? as usize)?;
    let super::Record::Step {
        action: super::Action::Decide { decision },
        ..
    } = record
    else {
        return None;
    };
    let d = session.scenario().decision(decision)?;
    Some(d.outcome_text(outcome.outcome_variant).get(lang))
}

/// One fault of a plan item in words.
pub fn plan_fault_text(fault: &PlanFault, l: &Localizer) -> String {
    match fault {
        PlanFault::VagueGoal => l.t("engine-fault-vague-goal"),
        PlanFault::DoesNotMeetNeed => l.t("engine-fault-does-not-meet-need"),
        PlanFault::OnlineOnly => l.t("engine-fault-online-only"),
        PlanFault::NeedsSmartphone => l.t("engine-fault-needs-smartphone"),
        PlanFault::DeadlineTooSoon { earliest } => l.tr(
            "engine-fault-deadline-too-soon",
            &[("earliest", n(*earliest))],
        ),
    }
}

/// The names of a case's items in the interface language.
struct Names<'a> {
    session: &'a Session,
    l: &'a Localizer,
}

impl Names<'_> {
    fn text(&self, text: Option<&Text>) -> String {
        match text.map(|t| t.get(self.l.lang())) {
            Some(t) if !t.trim().is_empty() => t.to_string(),
            _ => self.l.t("engine-unnamed"),
        }
    }
    fn stage(&self, stage: Stage) -> String {
        self.l.t(&format!("stage-{}", stage.key()))
    }
    fn decision(&self, id: &str) -> String {
        self.text(self.session.scenario().decision(id).map(|d| &d.label))
    }
    fn fact(&self, id: &str) -> String {
        self.text(self.session.scenario().fact(id).map(|f| &f.text))
    }
    fn event(&self, id: &str) -> String {
        self.text(self.session.scenario().event(id).map(|e| &e.text))
    }
    fn need(&self, id: &str) -> String {
        self.text(self.session.scenario().need(id).map(|x| &x.label))
    }
    fn service(&self, id: &str) -> String {
        self.text(self.session.scenario().service(id).map(|x| &x.name))
    }
    /// A time condition: the decision by its label, an event only once it has happened.
    fn since(&self, message: &str, since: &Since, weeks: u32) -> String {
        let what = match since {
            Since::Decision(d) => self.l.tr(
                "engine-since-decision",
                &[("decision", s(self.decision(d)))],
            ),
            Since::Event(e) if self.happened(e) => self
                .l
                .tr("engine-since-event", &[("event", s(self.event(e)))]),
            Since::Event(_) => self.l.t("engine-since-event-hidden"),
        };
        self.l
            .tr(message, &[("since", s(what)), ("weeks", n(weeks))])
    }
    fn happened(&self, event: &str) -> bool {
        self.session
            .case()
            .event_index(event)
            .is_some_and(|i| !self.session.state().happened[i].is_empty())
    }
    /// A variable's bound, with its label and its value now.
    fn bound(&self, message: &str, id: &str, value: i32) -> String {
        let scenario = self.session.scenario();
        let variable = scenario.variable_index(id).map(|i| &scenario.variables[i]);
        // A hidden variable is never named to the student, nor its value shown.
        if variable.is_some_and(|v| v.hidden) {
            return self.l.t("engine-cond-hidden-measure");
        }
        let label = self.text(variable.map(|v| &v.label));
        let now = self.session.value(id).unwrap_or_default();
        self.l.tr(
            message,
            &[
                ("variable", s(label)),
                ("value", FluentValue::from(value)),
                ("now", FluentValue::from(now)),
            ],
        )
    }
}
