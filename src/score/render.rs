//! The report as text for people, and actions in words.

use crate::engine::End;
use crate::i18n::{Localizer, n, s};
use crate::rubric::RubricKind;

use super::{CriterionResult, Evidence, RuleResult, ScoreReport, Status};

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

/// The report as text for people, in the localizer's language. Rules are shown by their
/// titles and feedback (by their ids only when the rubric gives no title); pending rules of an unfinished session are shown as such,
/// and the header and verdict say the score is provisional.
pub fn render_text(report: &ScoreReport, l: &Localizer) -> String {
    let mut out = header(report, l);
    for c in &report.criteria {
        out.push_str(&criterion(c, l));
        out.push('\n');
    }
    let total = if report.finished {
        "score-total"
    } else {
        "score-total-provisional"
    };
    out.push_str(&l.tr(
        total,
        &[("percent", n(report.total)), ("pass", n(report.pass_mark))],
    ));
    out.push('\n');
    out.push_str(&verdict(report, l));
    out.push('\n');
    out
}

/// What was scored, against what, and how the session went.
fn header(report: &ScoreReport, l: &Localizer) -> String {
    let kind = match report.rubric_kind {
        RubricKind::Formative => l.t("score-kind-formative"),
        RubricKind::Exam => l.t("score-kind-exam"),
    };
    let mut out = l.tr(
        "score-heading",
        &[
            ("scenario", s(&report.scenario)),
            ("rubric", s(&report.rubric_title)),
            ("kind", s(kind)),
        ],
    );
    out.push('\n');
    if !report.finished {
        out.push_str(&l.t("score-unfinished"));
        out.push('\n');
    }
    let end = match &report.end {
        Some(End::Closed { .. }) => l.t("score-end-closed"),
        Some(End::EndedByEvent { event }) => l.tr("score-end-event", &[("event", s(event))]),
        Some(End::OutOfTime) => l.t("score-end-out-of-time"),
        None => l.t("score-end-open"),
    };
    out.push_str(&l.tr(
        "score-session",
        &[
            ("seed", s(report.seed.to_string())),
            ("steps", n(report.steps)),
            ("weeks", n(report.weeks_used)),
            ("end", s(end)),
        ],
    ));
    out.push_str("\n\n");
    out
}

/// A criterion's line and its rules.
fn criterion(c: &CriterionResult, l: &Localizer) -> String {
    let mut out = match c.percent {
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
        None if c.rules.iter().any(|r| r.status == Status::Pending) => {
            l.tr("score-criterion-pending", &[("title", s(&c.title))])
        }
        None => l.tr("score-criterion-na", &[("title", s(&c.title))]),
    };
    out.push('\n');
    for r in &c.rules {
        out.push_str(&rule(r, l));
    }
    out
}

/// A rule's outcome, feedback, what fell short and the evidence, one line each.
fn rule(r: &RuleResult, l: &Localizer) -> String {
    let status = l.t(status_key(r.status));
    let points = if r.status == Status::Pending {
        l.tr("score-rule-points-open", &[("max", n(r.max))])
    } else {
        l.tr(
            "score-rule-points",
            &[("earned", n(r.points)), ("max", n(r.max))],
        )
    };
    let critical = if r.critical {
        format!(" {}", l.t("score-rule-critical"))
    } else {
        String::new()
    };
    let mut out = format!("  {status} {} {points}{critical}\n", r.title);
    if !r.feedback.is_empty() {
        out.push_str(&format!("      {}\n", r.feedback));
    }
    if let Some(d) = &r.detail {
        let d = if r.status == Status::Pending {
            l.tr("score-detail-so-far", &[("detail", s(d))])
        } else {
            d.clone()
        };
        out.push_str(&format!("      – {d}\n"));
    }
    for e in &r.evidence {
        out.push_str(&format!("      · {}\n", evidence(e, l)));
    }
    out
}

/// The message id of a status's label.
pub(super) fn status_key(status: Status) -> &'static str {
    match status {
        Status::Met => "score-rule-met",
        Status::Partial => "score-rule-partial",
        Status::Missed => "score-rule-missed",
        Status::NotApplicable => "score-rule-na",
        Status::Pending => "score-rule-pending",
    }
}

fn evidence(e: &Evidence, l: &Localizer) -> String {
    if e.event {
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
    }
}

/// The result line. A critical error is final even in an unfinished session; otherwise
/// an unfinished session has no result yet.
fn verdict(report: &ScoreReport, l: &Localizer) -> String {
    if report.passed {
        return l.t("score-passed");
    }
    // The criteria of the broken critical rules: the rule ids are the instructor's, not
    // the student's.
    let mut criteria: Vec<&str> = Vec::new();
    for c in &report.criteria {
        let broken = c
            .rules
            .iter()
            .any(|r| r.critical && matches!(r.status, Status::Missed | Status::Partial));
        if broken {
            criteria.push(&c.title);
        }
    }
    if !criteria.is_empty() {
        l.tr(
            "score-failed-critical",
            &[("criteria", s(criteria.join(", ")))],
        )
    } else if !report.finished {
        l.t("score-not-decided")
    } else {
        l.t("score-failed")
    }
}
