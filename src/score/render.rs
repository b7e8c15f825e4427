//! The report as text for people, and actions in words.

use crate::engine::End;
use crate::i18n::{Localizer, n, s};
use crate::rubric::RubricKind;

use super::{ScoreReport, Status};

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
