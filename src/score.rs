//! Explainable scoring: a replayed session against a rubric, with the reason for every
//! point given or withheld.

use serde::Serialize;

use crate::engine::{End, Record, Session};
use crate::i18n::{Localizer, n, s};
use crate::rubric::{Check, Competency, Marker, Rubric, RubricKind};
use crate::scenario::{Stage, W};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Met,
    Partial,
    Missed,
    /// The rule did not apply to this session (its event never happened); it counts
    /// neither for nor against.
    NotApplicable,
}

/// A moment of the session that caused a result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// The record in the log (1-based).
    pub record: u32,
    /// The student step it was, or followed.
    pub step: u32,
    /// The stage the case was at.
    pub stage: Stage,
    /// Whether it was an event rather than a student step.
    pub event: bool,
    /// What was chosen or what happened, in the session's language.
    pub what: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleResult {
    pub id: String,
    pub status: Status,
    pub points: f64,
    pub max: u32,
    pub critical: bool,
    /// The feedback text for this outcome, in the session's language.
    pub feedback: String,
    /// What in the session is short (missing facts, uncovered needs …), when anything is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionResult {
    pub id: String,
    pub competency: Competency,
    pub title: String,
    pub weight: u32,
    pub points: f64,
    /// Maximum points of the rules that applied.
    pub max: u32,
    /// `None` when no rule applied.
    pub percent: Option<f64>,
    pub rules: Vec<RuleResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreReport {
    pub scenario: String,
    pub rubric: String,
    pub rubric_kind: RubricKind,
    pub rubric_title: String,
    pub language: String,
    pub seed: u64,
    pub steps: u32,
    pub weeks_used: u32,
    pub end: Option<End>,
    pub criteria: Vec<CriterionResult>,
    /// Weighted total in percent, rounded to one decimal.
    pub total: f64,
    pub pass_mark: u32,
    /// Ids of critical rules that were broken.
    pub critical_failures: Vec<String>,
    pub passed: bool,
}

/// Scores a session (normally one rebuilt by [`Session::replay`]) against a rubric, with
/// texts in the session's language.
pub fn score(session: &Session, rubric: &Rubric) -> ScoreReport {
    score_in(session, rubric, &session.log().language)
}

/// Scores a session with the feedback and case texts in `lang` (falling back to English).
pub fn score_in(session: &Session, rubric: &Rubric, lang: &str) -> ScoreReport {
    let lang = lang.to_string();
    let ctx = Ctx {
        session,
        lang: &lang,
        l: crate::i18n::localizer(&lang),
    };
    let mut criteria = Vec::new();
    let mut critical_failures = Vec::new();
    let (mut weighted, mut weights) = (0.0, 0.0);
    for c in &rubric.criteria {
        let mut rules = Vec::new();
        let (mut points, mut max) = (0.0, 0u32);
        for r in &c.rules {
            let o = ctx.evaluate(&r.check);
            let earned = match o.status {
                Status::NotApplicable => 0.0,
                _ => round2(f64::from(r.points) * o.share),
            };
            if o.status != Status::NotApplicable {
                points += earned;
                max += r.points;
            }
            if r.critical && matches!(o.status, Status::Missed | Status::Partial) {
                critical_failures.push(r.id.clone());
            }
            let feedback = match o.status {
                Status::Met => r.met.get(&lang),
                Status::Partial | Status::Missed => r.missed.get(&lang),
                Status::NotApplicable => "",
            };
            let mut evidence = o.evidence;
            evidence.sort_by_key(|e| e.record);
            evidence.dedup();
            rules.push(RuleResult {
                id: r.id.clone(),
                status: o.status,
                points: earned,
                max: r.points,
                critical: r.critical,
                feedback: feedback.to_string(),
                detail: o.detail,
                evidence,
            });
        }
        let percent = (max > 0).then(|| points / f64::from(max) * 100.0);
        if let Some(p) = percent {
            weighted += f64::from(c.weight) * p;
            weights += f64::from(c.weight);
        }
        criteria.push(CriterionResult {
            id: c.id.clone(),
            competency: c.competency,
            title: c.title.get(&lang).to_string(),
            weight: c.weight,
            points: round2(points),
            max,
            percent: percent.map(round1),
            rules,
        });
    }
    let total = if weights > 0.0 {
        round1(weighted / weights)
    } else {
        0.0
    };
    let st = session.state();
    ScoreReport {
        scenario: session.scenario().id.clone(),
        rubric: rubric.id.clone(),
        rubric_kind: rubric.kind,
        rubric_title: rubric.title.get(&lang).to_string(),
        language: lang.clone(),
        seed: session.log().seed,
        steps: st.steps,
        weeks_used: st.day.div_ceil(7),
        end: st.end.clone(),
        passed: critical_failures.is_empty() && total >= f64::from(rubric.pass_mark),
        criteria,
        total,
        pass_mark: rubric.pass_mark,
        critical_failures,
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The outcome of one check.
struct Outcome {
    status: Status,
    share: f64,
    detail: Option<String>,
    evidence: Vec<Evidence>,
}

impl Outcome {
    fn met(evidence: Vec<Evidence>) -> Outcome {
        Outcome {
            status: Status::Met,
            share: 1.0,
            detail: None,
            evidence,
        }
    }
    fn missed(evidence: Vec<Evidence>, detail: Option<String>) -> Outcome {
        Outcome {
            status: Status::Missed,
            share: 0.0,
            detail,
            evidence,
        }
    }
    fn if_met(ok: bool, evidence: Vec<Evidence>) -> Outcome {
        if ok {
            Outcome::met(evidence)
        } else {
            Outcome::missed(evidence, None)
        }
    }
    /// `got` of `of`, with what is missing named.
    fn share(got: usize, of: usize, missing: Vec<String>, evidence: Vec<Evidence>) -> Outcome {
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

struct Ctx<'a> {
    session: &'a Session,
    lang: &'a str,
    /// For the words of details (what fell short).
    l: &'a Localizer,
}

impl Ctx<'_> {
    fn evidence(&self, seq: u32) -> Option<Evidence> {
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
            } => {
                let label = action_label(scenario, action, self.lang);
                Evidence {
                    record: seq,
                    step: *step,
                    stage: *stage,
                    event: false,
                    what: label,
                }
            }
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

    fn evaluate(&self, check: &Check) -> Outcome {
        let session = self.session;
        let st = session.state();
        let scenario = session.scenario();
        match check {
            Check::Taken(ids) => {
                let first = ids.iter().filter_map(|d| self.first_taken(d)).min();
                Outcome::if_met(
                    first.is_some(),
                    first.and_then(|s| self.evidence(s)).into_iter().collect(),
                )
            }
            Check::Avoided(ids) => {
                let mut seqs: Vec<u32> = ids.iter().filter_map(|d| self.first_taken(d)).collect();
                seqs.sort_unstable();
                let ev: Vec<Evidence> = seqs.iter().filter_map(|s| self.evidence(*s)).collect();
                Outcome::if_met(seqs.is_empty(), ev)
            }
            Check::Before(first, then) => match self.marker_time(then) {
                None => Outcome::met(Vec::new()),
                Some((t_then, seq_then)) => {
                    let a = self.marker_time(first);
                    let mut ev: Vec<Evidence> =
                        a.iter().filter_map(|(_, s)| self.evidence(*s)).collect();
                    ev.extend(self.evidence(seq_then));
                    Outcome::if_met(a.is_some_and(|(t, _)| t < t_then), ev)
                }
            },
            Check::KeyFactsBefore(stage) => {
                let ids: Vec<&str> = scenario
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
            Check::FiveWBefore(stage) => {
                let limit = self.stage_entered(*stage).unwrap_or(u32::MAX);
                let (mut got, mut missing, mut evidence) = (0, Vec::new(), Vec::new());
                for w in W::ALL {
                    let first = scenario
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
                        None => missing.push(self.l.t(&format!("w-{w:?}").to_lowercase())),
                    }
                }
                evidence.dedup();
                Outcome::share(got, 5, missing, evidence)
            }
            Check::NeedsCovered => {
                let identified: Vec<_> = scenario
                    .needs
                    .iter()
                    .filter(|n| session.is_identified(&n.id))
                    .collect();
                if identified.is_empty() {
                    return Outcome::missed(Vec::new(), Some(self.l.t("score-detail-no-need")));
                }
                let uncovered = session.uncovered_needs();
                let missing: Vec<String> = identified
                    .iter()
                    .filter(|n| uncovered.contains(&n.id.as_str()))
                    .map(|n| n.label.get(self.lang).to_string())
                    .collect();
                let evidence = self.plan_evidence();
                Outcome::share(
                    identified.len() - missing.len(),
                    identified.len(),
                    missing,
                    evidence,
                )
            }
            Check::RealisticPlan => {
                if st.plan.is_empty() {
                    return Outcome::missed(Vec::new(), Some(self.l.t("score-detail-plan-empty")));
                }
                let mut missing = Vec::new();
                for item in &st.plan {
                    let need = scenario.need(&item.need);
                    let goal = need.and_then(|n| n.goals.iter().find(|g| g.id == item.goal));
                    let service = scenario.service(&item.service);
                    let mut faults = Vec::new();
                    if !goal.is_some_and(|g| g.concrete) {
                        faults.push(self.l.t("score-fault-vague-goal"));
                    }
                    if !session.covers(item) {
                        faults.push(
                            self.l.t(
                                if service
                                    .is_some_and(|s| s.online_only && s.meets.contains(&item.need))
                                {
                                    "score-fault-online-only"
                                } else {
                                    "score-fault-not-met"
                                },
                            ),
                        );
                    }
                    if service.is_some_and(|s| item.deadline_week < item.added_week + s.wait_weeks)
                    {
                        faults.push(self.l.t("score-fault-deadline"));
                    }
                    if !faults.is_empty() {
                        let label = need.map(|n| n.label.get(self.lang)).unwrap_or(&item.need);
                        let service = service
                            .map(|s| s.name.get(self.lang))
                            .unwrap_or(&item.service);
                        missing.push(format!("{label} → {service}: {}", faults.join(", ")));
                    }
                }
                let good = st.plan.len() - missing.len();
                Outcome::share(good, st.plan.len(), missing, self.plan_evidence())
            }
            Check::RespondedTo {
                event,
                with,
                within,
            } => {
                let Some(i) = session.case().event_index(event) else {
                    return Outcome::missed(Vec::new(), None);
                };
                let Some(&seq) = st.happened[i].first() else {
                    return Outcome {
                        status: Status::NotApplicable,
                        share: 0.0,
                        detail: None,
                        evidence: Vec::new(),
                    };
                };
                // The next `within` decisions after the signal; editing the plan does not
                // use up the window.
                let response = session
                    .log()
                    .records
                    .iter()
                    .enumerate()
                    .skip(seq as usize)
                    .filter_map(|(i, r)| match r {
                        Record::Step {
                            action: crate::engine::Action::Decide { decision },
                            ..
                        } => Some((i as u32 + 1, decision)),
                        _ => None,
                    })
                    .take(*within as usize)
                    .find(|(_, d)| with.contains(d))
                    .map(|(record, _)| record);
                let mut ev: Vec<Evidence> = self.evidence(seq).into_iter().collect();
                ev.extend(response.and_then(|s| self.evidence(s)));
                Outcome::if_met(response.is_some(), ev)
            }
            Check::FinalAtLeast(v, min) => self.final_value(v, |x| x >= *min),
            Check::FinalAtMost(v, max) => self.final_value(v, |x| x <= *max),
            Check::WeeksAtMost(w) => Outcome::if_met(st.day.div_ceil(7) <= *w, Vec::new()),
            Check::ClosedByDecision => {
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
        }
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
                        action: crate::engine::Action::Plan { .. }
                            | crate::engine::Action::Unplan { .. },
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

/// An action in words of the case's language: the decision's label, or the plan line.
pub fn action_label(
    scenario: &crate::scenario::Scenario,
    action: &crate::engine::Action,
    lang: &str,
) -> String {
    use crate::engine::Action;
    let need = |id: &str| {
        scenario
            .need(id)
            .map(|n| n.label.get(lang).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    let service = |id: &str| {
        scenario
            .service(id)
            .map(|s| s.name.get(lang).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    match action {
        Action::Decide { decision } => scenario
            .decision(decision)
            .map(|d| d.label.get(lang).to_string())
            .unwrap_or_else(|| decision.clone()),
        Action::Plan {
            need: n,
            goal,
            service: svc,
            deadline_week,
        } => {
            let goal = scenario
                .need(n)
                .and_then(|x| x.goals.iter().find(|g| &g.id == goal))
                .map(|g| g.text.get(lang).to_string())
                .unwrap_or_else(|| goal.clone());
            format!(
                "+ {} → {goal} → {} ({deadline_week})",
                need(n),
                service(svc)
            )
        }
        Action::Unplan {
            need: n,
            service: svc,
        } => format!("− {} → {}", need(n), service(svc)),
    }
}

/// The report as text for people, in the localizer's language.
pub fn render_text(report: &ScoreReport, l: &Localizer) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let kind = match report.rubric_kind {
        RubricKind::Formative => l.t("score-kind-formative"),
        RubricKind::Exam => l.t("score-kind-exam"),
    };
    let _ = writeln!(
        out,
        "{}",
        l.tr(
            "score-heading",
            &[
                ("scenario", s(&report.scenario)),
                ("rubric", s(&report.rubric_title)),
                ("kind", s(kind))
            ]
        )
    );
    let end = match &report.end {
        Some(End::Closed { .. }) => l.t("score-end-closed"),
        Some(End::EndedByEvent { event }) => l.tr("score-end-event", &[("event", s(event))]),
        Some(End::OutOfTime) => l.t("score-end-out-of-time"),
        None => l.t("score-end-open"),
    };
    let _ = writeln!(
        out,
        "{}\n",
        l.tr(
            "score-session",
            &[
                ("seed", s(report.seed.to_string())),
                ("steps", n(report.steps)),
                ("weeks", n(report.weeks_used)),
                ("end", s(end)),
            ]
        )
    );
    for c in &report.criteria {
        let line = match c.percent {
            Some(p) => l.tr(
                "score-criterion",
                &[
                    ("title", s(&c.title)),
                    ("earned", n(c.points)),
                    ("max", n(c.max)),
                    ("percent", n(p)),
                    ("weight", n(c.weight)),
                ],
            ),
            None => l.tr("score-criterion-na", &[("title", s(&c.title))]),
        };
        let _ = writeln!(out, "{line}");
        for r in &c.rules {
            let status = l.t(match r.status {
                Status::Met => "score-rule-met",
                Status::Partial => "score-rule-partial",
                Status::Missed => "score-rule-missed",
                Status::NotApplicable => "score-rule-na",
            });
            let points = l.tr(
                "score-rule-points",
                &[("earned", n(r.points)), ("max", n(r.max))],
            );
            let critical = if r.critical {
                format!(" {}", l.t("score-rule-critical"))
            } else {
                String::new()
            };
            let _ = writeln!(out, "  {status} {} {points}{critical}", r.id);
            if !r.feedback.is_empty() {
                let _ = writeln!(out, "      {}", r.feedback);
            }
            if let Some(d) = &r.detail {
                let _ = writeln!(out, "      – {d}");
            }
            for e in &r.evidence {
                let line = if e.event {
                    l.tr(
                        "score-evidence-event",
                        &[("step", n(e.step)), ("text", s(&e.what))],
                    )
                } else {
                    l.tr(
                        "score-evidence-step",
                        &[
                            ("step", n(e.step)),
                            ("stage", s(l.t(&format!("stage-{}", e.stage.key())))),
                            ("label", s(&e.what)),
                        ],
                    )
                };
                let _ = writeln!(out, "      · {line}");
            }
        }
        let _ = writeln!(out);
    }
    let _ = writeln!(
        out,
        "{}",
        l.tr(
            "score-total",
            &[("percent", n(report.total)), ("pass", n(report.pass_mark))]
        )
    );
    let verdict = if report.passed {
        l.t("score-passed")
    } else if !report.critical_failures.is_empty() {
        l.tr(
            "score-failed-critical",
            &[("rules", s(report.critical_failures.join(", ")))],
        )
    } else {
        l.t("score-failed")
    };
    let _ = writeln!(out, "{verdict}");
    out
}
