//! Explainable scoring: a replayed session against a rubric, with the reason for every
//! point given or withheld.
//!
//! A session still in progress gets a provisional report: a rule whose outcome the rest of
//! the session can still change is [`Status::Pending`] and counts neither for nor against,
//! and the report never passes. [`step_feedback`] compares the reports before and after one
//! step to say what that step decided.
//!
//! The work is split by job: [`evaluate`] finds what each rule's check finds in the
//! session, [`render`] turns a report into text; this module adds the results up.

use serde::Serialize;

use crate::engine::{End, Session};
use crate::rubric::{Competency, Criterion, Rubric, RubricKind};
use crate::scenario::Stage;

mod evaluate;
mod practice;
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
    /// The session is unfinished and can still change the outcome; it counts neither for
    /// nor against. A finished session has no pending rule.
    Pending,
}

impl Status {
    /// Whether the rule's points count towards the total (met, partly met or missed).
    pub fn counts(self) -> bool {
        matches!(self, Status::Met | Status::Partial | Status::Missed)
    }
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
    /// The rule's title in the report's language; the id when the rubric gives none.
    pub title: String,
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
    /// Maximum points of the rules that applied and are decided.
    pub max: u32,
    /// `None` when no rule applied or all that did are pending.
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
    /// Whether the session has ended. If not, the report is provisional: pending rules are
    /// left out of the total and the report does not pass.
    pub finished: bool,
    pub criteria: Vec<CriterionResult>,
    /// Weighted total in percent, rounded to one decimal, over the rules decided so far.
    pub total: f64,
    pub pass_mark: u32,
    /// Ids of critical rules that were broken (a pending one is not).
    pub critical_failures: Vec<String>,
    /// Finished, no critical failure and the total at least the pass mark.
    pub passed: bool,
}

/// A rule that one step decided or changed, for feedback during practice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleChange {
    /// The title of the rule's criterion, in the report's language.
    pub criterion: String,
    /// The rule's status before the step.
    pub before: Status,
    /// The rule after the step.
    pub rule: RuleResult,
}

/// Scores a session (normally one rebuilt by [`Session::replay`]) against a rubric, with
/// texts in the session's language. An unfinished session gets a provisional report.
pub fn score(session: &Session, rubric: &Rubric) -> ScoreReport {
    score_in(session, rubric, &session.log().language)
}

/// Scores a session in progress: the same as [`score_in`], named for readers of the
/// trainer, where the session is normally unfinished and the report provisional.
pub fn provisional(session: &Session, rubric: &Rubric, lang: &str) -> ScoreReport {
    score_in(session, rubric, lang)
}

/// Scores a session with the feedback and case texts in `lang` (falling back to English),
/// finished or not.
pub fn score_in(session: &Session, rubric: &Rubric, lang: &str) -> ScoreReport {
    let ctx = Ctx {
        session,
        lang,
        l: crate::i18n::localizer(lang),
    };
    let mut criteria = Vec::new();
    let (mut weighted, mut weights) = (0.0, 0.0);
    for c in &rubric.criteria {
        let (result, percent) = score_criterion(&ctx, rubric, c);
        if let Some(p) = percent {
            weighted += f64::from(c.weight) * p;
            weights += f64::from(c.weight);
        }
        criteria.push(result);
    }
    let total = if weights > 0.0 {
        round1(weighted / weights)
    } else {
        0.0
    };
    let critical_failures: Vec<String> = criteria
        .iter()
        .flat_map(|c| &c.rules)
        .filter(|r| r.critical && matches!(r.status, Status::Missed | Status::Partial))
        .map(|r| r.id.clone())
        .collect();
    let finished = session.ended();
    let st = session.state();
    ScoreReport {
        scenario: session.scenario().id.clone(),
        rubric: rubric.id.clone(),
        rubric_kind: rubric.kind,
        rubric_title: rubric.title.get(lang).to_string(),
        language: lang.to_string(),
        seed: session.log().seed,
        steps: st.steps,
        weeks_used: st.weeks_used(),
        end: st.end.clone(),
        finished,
        passed: finished && critical_failures.is_empty() && total >= f64::from(rubric.pass_mark),
        criteria,
        total,
        pass_mark: rubric.pass_mark,
        critical_failures,
    }
}

/// One criterion's rules, with its unrounded percent (what the total is weighted from).
fn score_criterion(ctx: &Ctx, rubric: &Rubric, c: &Criterion) -> (CriterionResult, Option<f64>) {
    let lang = ctx.lang;
    let mut rules = Vec::new();
    let (mut points, mut max) = (0.0, 0u32);
    for r in &c.rules {
        let o = ctx.evaluate(&rubric.resolve(&r.check));
        let earned = if o.status.counts() {
            round2(f64::from(r.points) * o.share)
        } else {
            0.0
        };
        if o.status.counts() {
            points += earned;
            max += r.points;
        }
        let feedback = match o.status {
            Status::Met => r.met.get(lang),
            Status::Partial | Status::Missed => r.missed.get(lang),
            Status::NotApplicable | Status::Pending => "",
        };
        let mut evidence = o.evidence;
        evidence.sort_by_key(|e| e.record);
        evidence.dedup();
        rules.push(RuleResult {
            id: r.id.clone(),
            title: r
                .title
                .as_ref()
                .map_or_else(|| r.id.clone(), |t| t.get(lang).to_string()),
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
    let result = CriterionResult {
        id: c.id.clone(),
        competency: c.competency,
        title: c.title.get(lang).to_string(),
        weight: c.weight,
        points: round2(points),
        max,
        percent: percent.map(round1),
        rules,
    };
    (result, percent)
}

/// The rules a step decided or changed: every rule whose status or points differ between
/// the report before the step and after it (typically pending → met/missed), in rubric
/// order. Both reports are of the same rubric; rules are matched by criterion and rule id.
pub fn step_feedback(before: &ScoreReport, after: &ScoreReport) -> Vec<RuleChange> {
    let mut changes = Vec::new();
    for c in &after.criteria {
        let old = before.criteria.iter().find(|o| o.id == c.id);
        for r in &c.rules {
            let was = old.and_then(|o| o.rules.iter().find(|x| x.id == r.id));
            let changed = was.is_none_or(|w| w.status != r.status || w.points != r.points);
            if changed {
                changes.push(RuleChange {
                    criterion: c.title.clone(),
                    before: was.map_or(Status::Pending, |w| w.status),
                    rule: r.clone(),
                });
            }
        }
    }
    changes
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
