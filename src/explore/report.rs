//! The report of an exploration: what was found, as data (JSON) and as text for people.

use std::fmt::Write as _;
use std::sync::Arc;

use serde::Serialize;

use super::strategies::Played;
use super::tally::{Scored, Tally};
use super::{DeadEnd, Options, Strategy, Witness};
use crate::engine::Case;
use crate::rubric::Rubric;
use crate::scenario::Trigger;

pub use super::strategies::SeedSpread;

/// What the plan edits were limited to (see [`super::actions::plan_actions`]).
pub const PLAN_LIMIT: &str = "plan edits: per identified need with no item, one good item \
(concrete goal, first service that meets the need, a deadline it can keep), one with a vague \
goal, one with a service that does not meet the need, one with a deadline too soon; and \
removing any item";

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub scenario: String,
    /// Seeds 0 .. seeds were explored.
    pub seeds: u64,
    pub budget: usize,
    pub walks_per_seed: usize,
    pub states: usize,
    /// Every seed's search visited every reachable state (under the plan-edit limit).
    pub exhaustive: bool,
    pub limits: Vec<String>,
    pub rubrics: Vec<RubricReport>,
    pub dead_ends: Vec<DeadEnd>,
    pub unreached_decisions: Vec<String>,
    pub unreached_facts: Vec<String>,
    pub unreached_events: Vec<String>,
    pub chance_events: Vec<ChanceEvent>,
    pub seed_spread: Vec<SeedSpread>,
    pub strategies: Vec<StrategyScore>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScoreAt {
    pub total: f64,
    pub passed: bool,
    #[serde(flatten)]
    pub witness: Witness,
}

#[derive(Debug, Clone, Serialize)]
pub struct RubricReport {
    pub rubric: String,
    pub pass_mark: u32,
    pub best: Option<ScoreAt>,
    pub worst: Option<ScoreAt>,
    /// Rules (criterion/rule) no ended session met.
    pub never_met: Vec<String>,
    /// Rules no ended session missed or met only in part.
    pub never_missed: Vec<String>,
}

/// How often a chance event happened in the sampled sessions, against what its author
/// wrote and, where nothing else decides it, the closed form.
#[derive(Debug, Clone, Serialize)]
pub struct ChanceEvent {
    pub event: String,
    pub percent: u8,
    pub from: u32,
    pub until: u32,
    /// Weeks of its window inside the case.
    pub weeks: u32,
    pub sessions: usize,
    pub happened: usize,
    /// happened / sessions.
    pub rate: f64,
    /// 1 - (1 - p)^weeks, for an event with no condition (rolled every week of its window).
    pub closed_form: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StrategyScore {
    pub strategy: Strategy,
    pub rubric: String,
    /// The total on each seed, in seed order.
    pub totals: Vec<f64>,
    pub passed_seeds: Vec<u64>,
    pub unfinished_seeds: Vec<u64>,
    /// The strategy's path on seed 0.
    pub path: Witness,
}

impl Report {
    /// A finding that should stop a case from reaching students: a dead end, or a gaming
    /// strategy that passes.
    pub fn has_problems(&self) -> bool {
        !self.dead_ends.is_empty() || self.strategies.iter().any(|s| !s.passed_seeds.is_empty())
    }
}

pub(super) fn build(
    case: &Arc<Case>,
    rubrics: &[Rubric],
    options: &Options,
    tally: Tally,
    played: Vec<Played>,
    seed_spread: Vec<SeedSpread>,
) -> Report {
    let s = &case.scenario;
    let unreached = |reached: &[bool], ids: Vec<&String>| -> Vec<String> {
        ids.into_iter()
            .zip(reached)
            .filter(|(_, r)| !**r)
            .map(|(id, _)| id.clone())
            .collect()
    };
    Report {
        scenario: s.id.clone(),
        seeds: options.seeds,
        budget: options.budget,
        walks_per_seed: options.walks,
        states: tally.states,
        exhaustive: tally.exhaustive_seeds == options.seeds,
        limits: vec![PLAN_LIMIT.to_string()],
        rubrics: rubric_reports(rubrics, &tally),
        dead_ends: tally.dead_end_list(),
        unreached_decisions: unreached(
            &tally.decisions,
            s.decisions.iter().map(|d| &d.id).collect(),
        ),
        unreached_facts: unreached(&tally.facts, s.facts.iter().map(|f| &f.id).collect()),
        unreached_events: unreached(&tally.events, s.events.iter().map(|e| &e.id).collect()),
        chance_events: chance_events(case, &tally),
        seed_spread,
        strategies: strategy_scores(rubrics, &played),
    }
}

fn rubric_reports(rubrics: &[Rubric], tally: &Tally) -> Vec<RubricReport> {
    let at = |s: &Option<Scored>| {
        s.as_ref().map(|s| ScoreAt {
            total: s.total,
            passed: s.passed,
            witness: s.witness.clone(),
        })
    };
    rubrics
        .iter()
        .zip(&tally.rubrics)
        .map(|(r, t)| {
            let ids: Vec<String> = r
                .criteria
                .iter()
                .flat_map(|c| c.rules.iter().map(move |x| format!("{}/{}", c.id, x.id)))
                .collect();
            let never = |flags: &[bool]| -> Vec<String> {
                if t.best.is_none() {
                    return Vec::new();
                }
                ids.iter()
                    .zip(flags.iter().chain(std::iter::repeat(&false)))
                    .filter(|(_, f)| !**f)
                    .map(|(id, _)| id.clone())
                    .collect()
            };
            RubricReport {
                rubric: r.id.clone(),
                pass_mark: r.pass_mark,
                best: at(&t.best),
                worst: at(&t.worst),
                never_met: never(&t.met),
                never_missed: never(&t.missed),
            }
        })
        .collect()
}

fn chance_events(case: &Arc<Case>, tally: &Tally) -> Vec<ChanceEvent> {
    let s = &case.scenario;
    let sessions = tally.walks.len();
    s.events
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let Trigger::Chance {
                percent,
                from,
                until,
            } = e.trigger
            else {
                return None;
            };
            let last = until.min(s.weeks.max(1));
            let weeks = (last + 1).saturating_sub(from.max(2));
            let happened = tally.walks.iter().filter(|w| w.happened[i]).count();
            let p = f64::from(percent.min(100)) / 100.0;
            Some(ChanceEvent {
                event: e.id.clone(),
                percent,
                from,
                until,
                weeks,
                sessions,
                happened,
                rate: if sessions == 0 {
                    0.0
                } else {
                    happened as f64 / sessions as f64
                },
                closed_form: e
                    .requires
                    .is_empty()
                    .then(|| 1.0 - (1.0 - p).powi(weeks as i32)),
            })
        })
        .collect()
}

pub(super) fn strategy_scores(rubrics: &[Rubric], played: &[Played]) -> Vec<StrategyScore> {
    let mut out = Vec::new();
    for strategy in Strategy::ALL {
        let runs: Vec<&Played> = played.iter().filter(|p| p.strategy == strategy).collect();
        for (r, rubric) in rubrics.iter().enumerate() {
            let seeds = || runs.iter().map(|p| p.witness.seed);
            out.push(StrategyScore {
                strategy,
                rubric: rubric.id.clone(),
                totals: runs.iter().map(|p| p.scores[r].0).collect(),
                passed_seeds: seeds()
                    .zip(&runs)
                    .filter(|(_, p)| p.scores[r].1)
                    .map(|x| x.0)
                    .collect(),
                unfinished_seeds: seeds()
                    .zip(&runs)
                    .filter(|(_, p)| !p.finished)
                    .map(|x| x.0)
                    .collect(),
                path: runs.first().map(|p| p.witness.clone()).unwrap_or(Witness {
                    seed: 0,
                    path: Vec::new(),
                }),
            });
        }
    }
    out
}

/// The report for people.
pub fn render(r: &Report) -> String {
    let mut o = String::new();
    let how = if r.exhaustive {
        "exhaustive"
    } else {
        "not exhaustive (budget reached; random walks added)"
    };
    let _ = writeln!(
        o,
        "explore {}: seeds 0..{}, {} states, {how}",
        r.scenario, r.seeds, r.states
    );
    let _ = writeln!(o, "  limited: {}", r.limits.join("; "));
    for d in &r.dead_ends {
        let _ = writeln!(
            o,
            "DEAD END at the {} stage, week {}: nothing is open and the case has not ended\n  path (seed {}): {}",
            d.stage,
            d.week,
            d.witness.seed,
            d.witness.steps()
        );
    }
    for rb in &r.rubrics {
        let _ = writeln!(o, "rubric {} (pass mark {}):", rb.rubric, rb.pass_mark);
        // Past the budget only a sample was seen: say "found", not "reachable".
        let (best, worst) = match r.exhaustive {
            true => ("best", "worst"),
            false => ("best found", "worst found"),
        };
        for (name, s) in [(best, &rb.best), (worst, &rb.worst)] {
            match s {
                Some(s) => {
                    let _ = writeln!(
                        o,
                        "  {name}: {:.1}{} — seed {}: {}",
                        s.total,
                        if s.passed { " passed" } else { "" },
                        s.witness.seed,
                        s.witness.steps()
                    );
                }
                None => {
                    let _ = writeln!(o, "  {name}: no session ended");
                }
            }
        }
        list(&mut o, "  rules never met", &rb.never_met);
        list(&mut o, "  rules never missed", &rb.never_missed);
    }
    list(&mut o, "decisions never reached", &r.unreached_decisions);
    list(&mut o, "facts never reached", &r.unreached_facts);
    list(&mut o, "events never reached", &r.unreached_events);
    for c in &r.chance_events {
        let closed = c
            .closed_form
            .map(|x| format!(", closed form 1-(1-p)^n = {:.1}%", x * 100.0))
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "chance {}: {}% a week over weeks {}–{} happened in {:.1}% of {} sampled sessions{closed}",
            c.event,
            c.percent,
            c.from,
            c.until,
            c.rate * 100.0,
            c.sessions
        );
    }
    for s in &r.seed_spread {
        let _ = writeln!(
            o,
            "seed sensitivity ({}): the same choices score {:.1} under seed {} and {:.1} under seed {}{}\n  path: {}",
            s.rubric,
            s.low.1,
            s.low.0,
            s.high.1,
            s.high.0,
            if s.pass_differs {
                " (pass/fail differs)"
            } else {
                ""
            },
            Witness {
                seed: s.low.0,
                path: s.path.clone()
            }
            .steps()
        );
    }
    for s in &r.strategies {
        let totals: Vec<String> = s.totals.iter().map(|t| format!("{t:.1}")).collect();
        let _ = writeln!(
            o,
            "strategy {} vs {}: totals [{}]",
            s.strategy.name(),
            s.rubric,
            totals.join(", ")
        );
        if !s.passed_seeds.is_empty() {
            let _ = writeln!(
                o,
                "WARNING: strategy {} passes {} on seeds {:?}\n  path (seed {}): {}",
                s.strategy.name(),
                s.rubric,
                s.passed_seeds,
                s.path.seed,
                s.path.steps()
            );
        }
    }
    o
}

fn list(o: &mut String, what: &str, ids: &[String]) {
    if !ids.is_empty() {
        let _ = writeln!(o, "{what}: {}", ids.join(", "));
    }
}
