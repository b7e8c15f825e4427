//! Rules on how the work was done rather than what was chosen: the role the worker took at
//! a stage, the mode a service was delivered in, the model the steps followed, and whether
//! the plan's services were delivered by their deadlines.

use crate::engine::{Action, Record};
use crate::i18n::n;
use crate::scenario::{Decision, Mode, Model, Role, Stage};

use super::evaluate::{Ctx, Outcome};

/// A decision the student took: its record (1-based), the stage and day it was taken at.
struct Taken<'a> {
    seq: u32,
    stage: Stage,
    day: u32,
    decision: &'a Decision,
}

impl Ctx<'_> {
    /// Every decision taken in the session, in order.
    fn decisions_taken(&self) -> Vec<Taken<'_>> {
        let scenario = self.session.scenario();
        self.session
            .log()
            .records
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match r {
                Record::Step {
                    stage,
                    day,
                    action: Action::Decide { decision },
                    ..
                } => Some(Taken {
                    seq: i as u32 + 1,
                    stage: *stage,
                    day: *day,
                    decision: scenario.decision(decision)?,
                }),
                _ => None,
            })
            .collect()
    }

    pub(super) fn role_at(&self, stage: Stage, role: Role) -> Outcome {
        let found = self
            .decisions_taken()
            .into_iter()
            .find(|t| t.stage == stage && t.decision.role == Some(role));
        let ev = found
            .as_ref()
            .and_then(|t| self.evidence(t.seq))
            .into_iter()
            .collect();
        Outcome::if_met(found.is_some(), ev)
    }

    pub(super) fn mode_for(&self, service: &str, mode: Mode) -> Outcome {
        let deliveries: Vec<Taken> = self
            .decisions_taken()
            .into_iter()
            .filter(|t| t.decision.delivers() == Some(service))
            .collect();
        let right = deliveries.iter().find(|t| t.decision.mode == Some(mode));
        let shown = right.map_or_else(|| deliveries.iter().collect(), |t| vec![t]);
        let ev = shown.iter().filter_map(|t| self.evidence(t.seq)).collect();
        let mut o = Outcome::if_met(right.is_some(), ev);
        if right.is_none() {
            let word = |m: Mode| self.l.t(&format!("mode-{}", m.key()));
            let used: Vec<String> = deliveries
                .iter()
                .filter_map(|t| t.decision.mode.map(word))
                .collect();
            o.detail = Some(if used.is_empty() {
                self.l.t("score-detail-not-delivered")
            } else {
                used.join(", ")
            });
        }
        o
    }

    pub(super) fn model_followed(&self, model: Model) -> Outcome {
        let tagged: Vec<Taken> = self
            .decisions_taken()
            .into_iter()
            .filter(|t| t.decision.model.is_some())
            .collect();
        let lang = self.lang;
        let (mut got, mut missing, mut ev) = (0, Vec::new(), Vec::new());
        for t in &tagged {
            if t.decision.model == Some(model) {
                got += 1;
                ev.extend(self.evidence(t.seq));
            } else {
                let label = t.decision.label.get(lang).to_string();
                if !missing.contains(&label) {
                    missing.push(label);
                }
            }
        }
        Outcome::share(got, tagged.len(), missing, ev)
    }

    /// Each item of the final plan, delivered by a decision using its service no later than
    /// its deadline week.
    pub(super) fn delivered_on_time(&self) -> Outcome {
        let session = self.session;
        let scenario = session.scenario();
        let plan = &session.state().plan;
        if plan.is_empty() {
            return Outcome::missed(Vec::new(), Some(self.l.t("score-detail-plan-empty")));
        }
        let taken = self.decisions_taken();
        let (mut got, mut missing, mut ev) = (0, Vec::new(), Vec::new());
        for item in plan {
            let first = taken
                .iter()
                .find(|t| t.decision.delivers() == Some(item.service.as_str()));
            let name = scenario
                .service(&item.service)
                .map_or(item.service.as_str(), |s| s.name.get(self.lang));
            match first {
                Some(t) if t.day / 7 < item.deadline_week => {
                    got += 1;
                    ev.extend(self.evidence(t.seq));
                }
                Some(t) => {
                    ev.extend(self.evidence(t.seq));
                    let late = self.l.tr(
                        "score-detail-late",
                        &[
                            ("week", n(t.day / 7 + 1)),
                            ("deadline", n(item.deadline_week)),
                        ],
                    );
                    missing.push(format!("{name}: {late}"));
                }
                None => missing.push(format!(
                    "{name}: {}",
                    self.l.t("score-detail-not-delivered")
                )),
            }
        }
        Outcome::share(got, plan.len(), missing, ev)
    }
}
