//! Explainable scoring: a replayed session against a rubric, with the reason for every
//! point given or withheld.

//!
//! The work is split by job: [`evaluate`] finds what each rule's check finds in the
//! session, [`render`] turns a report into text; this module adds the results up.

use serde::Serialize;

use crate::engine::{End, Session};
use crate::rubric::{Competency, Rubric, RubricKind};
use crate::scenario::Stage;

mod evaluate;
mod render;

use evaluate::Ctx;
pub use render::{action_label, render_text};

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
