//! Files of scripted decisions, for headless play: one step a line.
//!
//! ```text
//! # seed: 7
//! # intake
//! explain-confidentiality
//! sign-contract
//! plan housing find-rental housing-ngo 6
//! unplan housing housing-ngo
//! ```
//!
//! A line is a decision id, or `plan NEED GOAL SERVICE WEEK`, or `unplan NEED SERVICE`.
//! `#` starts a comment; a first-line comment `# seed: N` names the seed the file is meant for.

use crate::diagnostic::Diagnostic;
use crate::engine::Action;

/// A parsed choices file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choices {
    /// The seed named in a `# seed: N` comment, if any.
    pub seed: Option<u64>,
    /// Each action with the line it came from.
    pub steps: Vec<(usize, Action)>,
}

pub fn parse(path: &str, text: &str) -> Result<Choices, Diagnostic> {
    let mut seed = None;
    let mut steps = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let (content, comment) = match raw.split_once('#') {
            Some((c, comment)) => (c, Some(comment)),
            None => (raw, None),
        };
        if let Some(v) = comment.map(str::trim).and_then(|c| c.strip_prefix("seed:")) {
            let v = v.trim();
            seed = Some(v.parse().map_err(|_| {
                Diagnostic::error(path, format!("`{v}` is not a seed (a whole number)")).at(
                    text,
                    line_no,
                    raw.find(v).unwrap_or(0) + 1,
                )
            })?);
        }
        let words: Vec<&str> = content.split_whitespace().collect();
        let column = raw.len() - raw.trim_start().len() + 1;
        let bad = |msg: String, help: &str| {
            Diagnostic::error(path, msg)
                .help(help.to_string())
                .at(text, line_no, column)
        };
        let action = match words.as_slice() {
            [] => continue,
            ["plan", need, goal, service, week] => Action::Plan {
                need: need.to_string(),
                goal: goal.to_string(),
                service: service.to_string(),
                deadline_week: week.parse().map_err(|_| {
                    bad(
                        format!("`{week}` is not a week number"),
                        "the deadline is the week of the case by which the service is due, e.g. 6",
                    )
                })?,
            },
            ["plan", ..] => {
                return Err(bad(
                    "a plan line needs four words after `plan`".into(),
                    "write: plan NEED GOAL SERVICE WEEK",
                ));
            }
            ["unplan", need, service] => Action::Unplan {
                need: need.to_string(),
                service: service.to_string(),
            },
            ["unplan", ..] => {
                return Err(bad(
                    "an unplan line needs two words after `unplan`".into(),
                    "write: unplan NEED SERVICE",
                ));
            }
            [decision] => Action::decide(*decision),
            _ => {
                return Err(bad(
                    format!("`{}` is not a step", content.trim()),
                    "a line is one decision id, `plan NEED GOAL SERVICE WEEK` or `unplan NEED SERVICE`",
                ));
            }
        };
        steps.push((line_no, action));
    }
    Ok(Choices { seed, steps })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_decisions_plans_comments_and_seed() {
        let c = parse(
            "x",
            "# seed: 42\n\n  greet # hello\nplan housing rent ngo 6\nunplan housing ngo\n",
        )
        .unwrap();
        assert_eq!(c.seed, Some(42));
        assert_eq!(c.steps.len(), 3);
        assert_eq!(c.steps[0], (3, Action::decide("greet")));
        assert!(matches!(
            c.steps[1].1,
            Action::Plan {
                deadline_week: 6,
                ..
            }
        ));
    }

    #[test]
    fn points_at_the_bad_line() {
        let e = parse("f.choices", "greet\nplan housing rent ngo soon\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 1));
        assert!(e.message.contains("soon"));
        let e = parse("f.choices", "two words\n").unwrap_err();
        assert_eq!(e.line, 1);
    }
}
