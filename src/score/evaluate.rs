//! Rule evaluation: what each kind of [`Check`] finds in a session, as an [`Outcome`] with
//! the evidence that decided it.

use crate::engine::{Action, End, Record, Session, plan_fault_text};
use crate::i18n::Localizer;
use crate::rubric::{Check, Marker};
use crate::scenario::{Stage, W};

use super::render::action_label;
use super::{Evidence, Status};

/// The outcome of one check.
pub(super) struct Outcome {
    pub(super) status: Status,
    pub(super) share: f64,
    pub(super) detail: Option<String>,
    pub(super) evidence: Vec<Evidence>,
}

impl Outcome {
    pub(super) fn met(evidence: Vec<Evidence>) -> Outcome {
        Outcome {
            status: Status::Met,
            share: 1.0,
            detail: None,
            evidence,
        }
    }
    pub(super) fn missed(evidence: Vec<Evidence>, detail: Option<String>) -> Outcome {
        Outcome {
            status: Status::Missed,
            share: 0.0,
            detail,
            evidence,
        }
    }
    /// Not decided yet: the unfinished session can still change it.
    pub(super) fn pending(evidence: Vec<Evidence>) -> Outcome {
        Outcome {
            status: Status::Pending,
            share: 0.0,
            detail: None,
            evidence,
        }
    }
    /// The outcome so far, not decided yet: what falls short and the evidence stay, for a
    /// student who wants to see where the rule stands.
    pub(super) fn so_far(self) -> Outcome {
        Outcome {
            status: Status::Pending,
            share: 0.0,
            ..self
        }
    }
    pub(super) fn not_applicable() -> Outcome {
        Outcome {
            status: Status::NotApplicable,
            share: 0.0,
            detail: None,
            evidence: Vec::new(),
        }
    }
    pub(super) fn if_met(ok: bool, evidence: Vec<Evidence>) -> Outcome {
        if ok {
            Outcome::met(evidence)
        } else {
            Outcome::missed(evidence, None)
        }
    }
    /// `got` of `of`, with what is missing named.
    pub(super) fn share(
        got: usize,
        of: usize,
        missing: Vec<String>,
        evidence: Vec<Evidence>,
    ) -> Outcome {
        let share = if of == 0 { 0.0 } else { got as f64 / of as f64 };
        let status = if of > 0 && got == of {
            Status::Met
        } else if got > 0 {
            Status::Partial
        } else {
            Status::Missed
        };
        Outcome {
            status,
            share,
            detail: (!missing.is_empty()).then(|| missing.join("; ")),
            evidence,
        }
    }
}

/// Times inside one record: the record itself, then the facts it revealed, then the stage
/// it moved the case to. A decision that moves the case on counts as before the new stage.
const PHASES: u32 = 3;

fn at_record(seq: u32) -> u32 {
    seq * PHASES
}
fn fact_time(seq: u32) -> u32 {
    seq * PHASES + 1
}
fn stage_time(seq: u32) -> u32 {
    seq * PHASES + 2
}

/// What rules are evaluated against: one session, and the language of the texts.
pub(super) struct Ctx<'a> {
    pub(super) session: &'a Session,
    pub(super) lang: &'a str,
    /// For the words of details (what fell short).
    pub(super) l: &'a Localizer,
}

impl Ctx<'_> {
    /// What a rule finds in the session. In an unfinished session a rule whose outcome can
    /// still change is pending.
    pub(super) fn evaluate(&self, check: &Check) -> Outcome {
        let ended = self.session.ended();
        let outcome = self.evaluate_now(check);
        let open = match check {
            // Decided only by the end of the case.
            Check::NeedsCovered
            | Check::RealisticPlan
            | Check::FinalAtLeast(..)
            | Check::FinalAtMost(..)
            | Check::ClosedByDecision
            | Check::RoleAt(..)
            | Check::ModeFor(..)
            | Check::ModelFollowed(_)
            | Check::DeliveredOnTime => !ended,
            // Decided once the case has reached the stage.
            Check::KeyFactsBefore(stage)
            | Check::FactsBefore(_, stage)
            | Check::FiveWBefore(stage) => !ended && self.stage_entered(*stage).is_none(),
            // The others know for themselves when they are decided.
            _ => false,
        };
        if open { outcome.so_far() } else { outcome }
    }

    /// What a rule finds in the session as it stands.
    fn evaluate_now(&self, check: &Check) -> Outcome {
        let ended = self.session.ended();
        match check {
            Check::Taken(ids) => self.taken(ids),
            Check::Avoided(ids) => self.avoided(ids),
            Check::Before(first, then) => self.before(first, then),
            Check::KeyFactsBefore(stage) => {
                let ids: Vec<&str> = self
                    .session
                    .scenario()
                    .facts
                    .iter()
                    .filter(|f| f.key)
                    .map(|f| f.id.as_str())
                    .collect();
                self.facts_before(&ids, *stage)
            }
            Check::FactsBefore(ids, stage) => {
                let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
                self.facts_before(&ids, *stage)
            }
            Check::FiveWBefore(stage) => self.five_w_before(*stage),
            Check::NeedsCovered => self.needs_covered(),
            Check::RealisticPlan => self.realistic_plan(),
            Check::RespondedTo {
                event,
                with,
                within,
                within_days,
            } => self.responded_to(event, with, *within, *within_days),
            Check::FinalAtLeast(v, min) => self.final_value(v, |x| x >= *min),
            Check::FinalAtMost(v, max) => self.final_value(v, |x| x <= *max),
            Check::WeeksAtMost(w) => {
                if self.session.state().weeks_used() > *w {
                    Outcome::missed(Vec::new(), None)
                } else if ended {
                    Outcome::met(Vec::new())
                } else {
                    Outcome::pending(Vec::new())
                }
            }
            Check::ClosedByDecision => self.closed_by_decision(),
            Check::NotHappened(ids) => self.not_happened(ids),
            Check::GroupBefore { first, then } => self.group_before(first, then),
            Check::RoleAt(stage, role) => self.role_at(*stage, *role),
            Check::ModeFor(service, mode) => self.mode_for(service, *mode),
            Check::ModelFollowed(model) => self.model_followed(*model),
            Check::DeliveredOnTime => self.delivered_on_time(),
        }
    }

    pub(super) fn evidence(&self, seq: u32) -> Option<Evidence> {
        let scenario = self.session.scenario();
        let record = self
            .session
            .log()
            .records
            .get(seq.checked_sub(1)? as usize)?;
        Some(match record {
            Record::Step {
                step,
                stage,
                action,
                ..
            } => Evidence {
                record: seq,
                step: *step,
                stage: *stage,
                event: false,
                what: action_label(scenario, action, self.lang),
            },
            Record::Event {
                after_step,
                stage,
                event,
                ..
            } => Evidence {
                record: seq,
                step: *after_step,
                stage: *stage,
                event: true,
                what: scenario
                    .event(event)
                    .map(|e| e.text.get(self.lang).to_string())
                    .unwrap_or_else(|| event.clone()),
            },
        })
    }

    fn first_taken(&self, id: &str) -> Option<u32> {
        let case = self.session.case();
        let i = case.decision_index(id)?;
        self.session.state().taken[i].first().copied()
    }

    fn stage_entered(&self, stage: Stage) -> Option<u32> {
        let seq = *self.session.state().entered[stage.index()].first()?;
        // The start of the session (record 0) is before everything.
        Some(if seq == 0 { 0 } else { stage_time(seq) })
    }

    /// When a marker first happened, as a phase time, with the record that caused it.
    fn marker_time(&self, m: &Marker) -> Option<(u32, u32)> {
        let st = self.session.state();
        let case = self.session.case();
        match m {
            Marker::Decision(d) => self.first_taken(d).map(|s| (at_record(s), s)),
            Marker::Stage(stage) => {
                let seq = *st.entered[stage.index()].first()?;
                Some((self.stage_entered(*stage)?, seq))
            }
            Marker::Fact(f) => {
                let seq = st.known[case.fact_index(f)?]?;
                Some((fact_time(seq), seq))
            }
            Marker::Event(e) => {
                let seq = *st.happened[case.event_index(e)?].first()?;
                Some((at_record(seq), seq))
            }
        }
    }

    fn fact_label(&self, id: &str) -> String {
        self.session
            .scenario()
            .fact(id)
            .map(|f| f.text.get(self.lang).to_string())
            .unwrap_or_else(|| id.to_string())
    }

    fn taken(&self, ids: &[String]) -> Outcome {
        let first = ids.iter().filter_map(|d| self.first_taken(d)).min();
        if first.is_none() && !self.session.ended() {
            return Outcome::pending(Vec::new());
        }
        Outcome::if_met(
            first.is_some(),
            first.and_then(|s| self.evidence(s)).into_iter().collect(),
        )
    }

    fn avoided(&self, ids: &[String]) -> Outcome {
        let mut seqs: Vec<u32> = ids.iter().filter_map(|d| self.first_taken(d)).collect();
        seqs.sort_unstable();
        if seqs.is_empty() && !self.session.ended() {
            return Outcome::pending(Vec::new());
        }
        let ev: Vec<Evidence> = seqs.iter().filter_map(|s| self.evidence(*s)).collect();
        Outcome::if_met(seqs.is_empty(), ev)
    }

    /// Missed (for good) once one of the events happens; met at the end if none did.
    fn not_happened(&self, ids: &[String]) -> Outcome {
        let (st, case) = (self.session.state(), self.session.case());
        let mut seqs: Vec<u32> = ids
            .iter()
            .filter_map(|e| st.happened[case.event_index(e)?].first().copied())
            .collect();
        seqs.sort_unstable();
        if seqs.is_empty() && !self.session.ended() {
            return Outcome::pending(Vec::new());
        }
        let ev: Vec<Evidence> = seqs.iter().filter_map(|s| self.evidence(*s)).collect();
        Outcome::if_met(seqs.is_empty(), ev)
    }

    /// One of `first` taken before any of `then`: decided by whichever group is taken
    /// first; if neither ever is, missed at the end (an omission earns nothing).
    fn group_before(&self, first: &[String], then: &[String]) -> Outcome {
        let earliest = |ids: &[String]| ids.iter().filter_map(|d| self.first_taken(d)).min();
        let (a, b) = (earliest(first), earliest(then));
        let ev: Vec<Evidence> = [a, b]
            .into_iter()
            .flatten()
            .filter_map(|s| self.evidence(s))
            .collect();
        match (a, b) {
            (Some(a), Some(b)) => Outcome::if_met(a < b, ev),
            (Some(_), None) => Outcome::met(ev),
            (None, Some(_)) => Outcome::missed(ev, None),
            (None, None) if self.session.ended() => Outcome::missed(ev, None),
            (None, None) => Outcome::pending(ev),
        }
    }

    fn before(&self, first: &Marker, then: &Marker) -> Outcome {
        match self.marker_time(then) {
            None if self.session.ended() => Outcome::met(Vec::new()),
            None => Outcome::pending(Vec::new()),
            Some((t_then, seq_then)) => {
                let a = self.marker_time(first);
                let mut ev: Vec<Evidence> =
                    a.iter().filter_map(|(_, s)| self.evidence(*s)).collect();
                ev.extend(self.evidence(seq_then));
                Outcome::if_met(a.is_some_and(|(t, _)| t < t_then), ev)
            }
        }
    }

    /// Facts from `ids` known before `stage` was first entered (or by the end, if never).
    fn facts_before(&self, ids: &[&str], stage: Stage) -> Outcome {
        let st = self.session.state();
        let case = self.session.case();
        let limit = self.stage_entered(stage).unwrap_or(u32::MAX);
        let (mut got, mut missing, mut evidence) = (0, Vec::new(), Vec::new());
        for id in ids {
            match case.fact_index(id).and_then(|i| st.known[i]) {
                Some(seq) if fact_time(seq) < limit => {
                    got += 1;
                    evidence.extend(self.evidence(seq));
                }
                _ => missing.push(self.fact_label(id)),
            }
        }
        evidence.dedup();
        Outcome::share(got, ids.len(), missing, evidence)
    }

    /// At least one fact of each W known before `stage` was first entered.
    fn five_w_before(&self, stage: Stage) -> Outcome {
        let st = self.session.state();
        let limit = self.stage_entered(stage).unwrap_or(u32::MAX);
        let (mut got, mut missing, mut evidence) = (0, Vec::new(), Vec::new());
        for w in W::ALL {
            let first = self
                .session
                .scenario()
                .facts
                .iter()
                .enumerate()
                .filter(|(_, f)| f.w == w)
                .filter_map(|(i, _)| st.known[i])
                .filter(|seq| fact_time(*seq) < limit)
                .min();
            match first {
                Some(seq) => {
                    got += 1;
                    evidence.extend(self.evidence(seq));
                }
                None => missing.push(self.l.t(&format!("w-{}", w.key()))),
            }
        }
        evidence.dedup();
        Outcome::share(got, 5, missing, evidence)
    }

    /// The needs identified, and the key needs whether identified or not (a competent
    /// assessment finds them: finding less does not make the rule easier), each covered by
    /// the final plan.
    fn needs_covered(&self) -> Outcome {
        let session = self.session;
        let identified: Vec<_> = session
            .scenario()
            .needs
            .iter()
            .filter(|n| n.key || session.is_identified(&n.id))
            .collect();
        if identified.is_empty() {
            return Outcome::missed(Vec::new(), Some(self.l.t("score-detail-no-need")));
        }
        let uncovered = session.uncovered_needs();
        let missing: Vec<String> = identified
            .iter()
            .filter_map(|n| {
                let label = n.label.get(self.lang);
                if !session.is_identified(&n.id) {
                    let not_found = self.l.t("score-detail-need-not-identified");
                    Some(format!("{label} ({not_found})"))
                } else if uncovered.contains(&n.id.as_str()) {
                    Some(label.to_string())
                } else {
                    None
                }
            })
            .collect();
        Outcome::share(
            identified.len() - missing.len(),
            identified.len(),
            missing,
            self.plan_evidence(),
        )
    }

    /// Every plan item free of faults (the engine's [`Session::plan_faults`], the same the
    /// trainer's plan editor shows).
    fn realistic_plan(&self) -> Outcome {
        let session = self.session;
        let scenario = session.scenario();
        let st = session.state();
        if st.plan.is_empty() {
            return Outcome::missed(Vec::new(), Some(self.l.t("score-detail-plan-empty")));
        }
        let mut missing = Vec::new();
        for item in &st.plan {
            let faults = session.plan_faults(item);
            if faults.is_empty() {
                continue;
            }
            let words: Vec<String> = faults.iter().map(|f| plan_fault_text(f, self.l)).collect();
            let label = scenario
                .need(&item.need)
                .map(|n| n.label.get(self.lang))
                .unwrap_or(&item.need);
            let service = scenario
                .service(&item.service)
                .map(|s| s.name.get(self.lang))
                .unwrap_or(&item.service);
            missing.push(format!("{label} → {service}: {}", words.join("; ")));
        }
        let good = st.plan.len() - missing.len();
        Outcome::share(good, st.plan.len(), missing, self.plan_evidence())
    }

    fn responded_to(
        &self,
        event: &str,
        with: &[String],
        within: u32,
        within_days: Option<u32>,
    ) -> Outcome {
        let session = self.session;
        let Some(i) = session.case().event_index(event) else {
            return Outcome::missed(Vec::new(), None);
        };
        let Some(&seq) = session.state().happened[i].first() else {
            return if !session.ended() {
                Outcome::pending(Vec::new())
            } else {
                self.never_came(event)
            };
        };
        // The next `within` decisions after the signal, taken by its last day if it has one;
        // editing the plan does not use up the window.
        let records = &session.log().records;
        let signal_day = match records.get(seq.saturating_sub(1) as usize) {
            Some(Record::Step { day, .. } | Record::Event { day, .. }) => *day,
            None => 0,
        };
        let last_day = within_days.map(|d| signal_day.saturating_add(d));
        let window: Vec<(u32, &String)> = records
            .iter()
            .enumerate()
            .skip(seq as usize)
            .filter_map(|(i, r)| match r {
                Record::Step {
                    action: Action::Decide { decision },
                    day,
                    ..
                } if last_day.is_none_or(|last| *day <= last) => Some((i as u32 + 1, decision)),
                _ => None,
            })
            .take(within as usize)
            .collect();
        let response = window
            .iter()
            .find(|(_, d)| with.contains(d))
            .map(|(record, _)| *record);
        let mut ev: Vec<Evidence> = self.evidence(seq).into_iter().collect();
        ev.extend(response.and_then(|s| self.evidence(s)));
        // While the window is open the answer may still come.
        let days_left = last_day.is_none_or(|last| session.state().day <= last);
        let window_open = !session.ended() && window.len() < within as usize && days_left;
        if response.is_none() && window_open {
            return Outcome::pending(ev);
        }
        Outcome::if_met(response.is_some(), ev)
    }

    /// A rule on the response to an event that never happened: dropped, unless the event
    /// is the consequence of an omission and nothing the student did averted it; then the
    /// response was missed (the omission is what kept the event away).
    fn never_came(&self, event: &str) -> Outcome {
        let Some(e) = self.session.scenario().event(event) else {
            return Outcome::missed(Vec::new(), None);
        };
        let averted = e.averted_by.iter().find_map(|d| self.first_taken(d));
        if !e.consequence {
            return Outcome::not_applicable();
        }
        match averted {
            Some(seq) => {
                let mut o = Outcome::not_applicable();
                o.evidence.extend(self.evidence(seq));
                o
            }
            None => Outcome::missed(
                Vec::new(),
                Some(self.l.t("score-detail-consequence-not-averted")),
            ),
        }
    }

    fn closed_by_decision(&self) -> Outcome {
        let st = self.session.state();
        let closed = matches!(st.end, Some(End::Closed { .. }));
        let ev = match &st.end {
            Some(End::Closed { decision }) => self
                .first_taken(decision)
                .and_then(|s| self.evidence(s))
                .into_iter()
                .collect(),
            _ => Vec::new(),
        };
        Outcome::if_met(closed, ev)
    }

    fn plan_evidence(&self) -> Vec<Evidence> {
        self.session
            .log()
            .records
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                matches!(
                    r,
                    Record::Step {
                        action: Action::Plan { .. } | Action::Unplan { .. },
                        ..
                    }
                )
            })
            .filter_map(|(i, _)| self.evidence(i as u32 + 1))
            .collect()
    }

    fn final_value(&self, var: &str, ok: impl Fn(i32) -> bool) -> Outcome {
        let Some(value) = self.session.value(var) else {
            return Outcome::missed(Vec::new(), None);
        };
        // The steps that moved this variable, so the student sees where it came from.
        let scenario = self.session.scenario();
        let st = self.session.state();
        let mut seqs: Vec<u32> = Vec::new();
        for (i, d) in scenario.decisions.iter().enumerate() {
            if d.effects.iter().any(|e| e.variable() == var) {
                seqs.extend(&st.taken[i]);
            }
        }
        for (i, e) in scenario.events.iter().enumerate() {
            if e.effects.iter().any(|e| e.variable() == var) {
                seqs.extend(&st.happened[i]);
            }
        }
        seqs.sort_unstable();
        let evidence = seqs.iter().filter_map(|s| self.evidence(*s)).collect();
        let label = scenario
            .variables
            .iter()
            .find(|v| v.id == var)
            .map(|v| v.label.get(self.lang))
            .unwrap_or(var);
        let mut o = Outcome::if_met(ok(value), evidence);
        o.detail = Some(format!("{label}: {value}"));
        o
    }
}
