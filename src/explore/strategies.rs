//! Gaming strategies: ways a student could try to pass without doing the work, played
//! against every rubric on every seed, and seed sensitivity measured on the same paths.

use std::collections::{HashSet, VecDeque};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::actions::{actions, plan_actions};
use super::tally::{Tally, witness};
use super::{MAX_STEPS, Options, Witness};
use crate::engine::{Action, Case, End, Session};
use crate::rubric::{Check, Rubric};
use crate::scenario::{Decision, Stage};
use crate::score::score_in;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strategy {
    /// Always take the first open option.
    FirstOption,
    /// Always take the decision with the longest label (in the case's original language),
    /// and write plan items with the longest goal.
    LongestLabel,
    /// The longest label, leaving out the decisions that critical rules forbid (one
    /// formative attempt shows them).
    #[serde(rename = "longest-label-avoiding-critical")]
    LongestAvoidingCritical,
    /// Take every decision offered once before moving on.
    TakeEverything,
    /// Leave assessment at the first chance.
    SkipAssessment,
    /// The fewest steps that close the case.
    MinimalEffort,
}

impl Strategy {
    pub const ALL: [Strategy; 6] = [
        Strategy::FirstOption,
        Strategy::LongestLabel,
        Strategy::LongestAvoidingCritical,
        Strategy::TakeEverything,
        Strategy::SkipAssessment,
        Strategy::MinimalEffort,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Strategy::FirstOption => "first-option",
            Strategy::LongestLabel => "longest-label",
            Strategy::LongestAvoidingCritical => "longest-label-avoiding-critical",
            Strategy::TakeEverything => "take-everything",
            Strategy::SkipAssessment => "skip-assessment",
            Strategy::MinimalEffort => "minimal-effort",
        }
    }
}

/// A strategy's session on one seed, scored against every rubric: (total, passed).
#[derive(Debug, Clone)]
pub(super) struct Played {
    pub strategy: Strategy,
    pub witness: Witness,
    pub finished: bool,
    pub scores: Vec<(f64, bool)>,
}

/// Every strategy on every seed, in parallel.
pub(super) fn play_all(case: &Arc<Case>, rubrics: &[Rubric], options: &Options) -> Vec<Played> {
    let runs: Vec<(Strategy, u64)> = Strategy::ALL
        .iter()
        .flat_map(|&st| (0..options.seeds).map(move |seed| (st, seed)))
        .collect();
    let forbidden = forbidden_by_critical_rules(rubrics);
    runs.into_par_iter()
        .map(|(strategy, seed)| {
            let s = play(case, strategy, seed, options.budget, &forbidden);
            Played {
                strategy,
                witness: witness(&s),
                finished: s.ended(),
                scores: scores(&s, rubrics),
            }
        })
        .collect()
}

fn scores(s: &Session, rubrics: &[Rubric]) -> Vec<(f64, bool)> {
    rubrics
        .iter()
        .map(|r| {
            let report = score_in(s, r, "en");
            (report.total, report.passed)
        })
        .collect()
}

/// The decisions a critical `Avoided` rule of any of the rubrics names.
fn forbidden_by_critical_rules(rubrics: &[Rubric]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in rubrics {
        for rule in r.criteria.iter().flat_map(|c| &c.rules) {
            if let (true, Check::Avoided(ids)) = (rule.critical, r.resolve(&rule.check)) {
                out.extend(ids);
            }
        }
    }
    out
}

/// The session a strategy plays on one seed.
fn play(
    case: &Arc<Case>,
    strategy: Strategy,
    seed: u64,
    budget: usize,
    forbidden: &[String],
) -> Session {
    let mut s = Session::new(Arc::clone(case), seed, "en");
    if strategy == Strategy::MinimalEffort
        && let Some(closed) = shortest_close(&s, budget)
    {
        return closed;
    }
    for _ in 0..MAX_STEPS {
        let Some(action) = pick(&s, strategy, forbidden) else {
            break;
        };
        if s.apply(action).is_err() {
            break;
        }
    }
    s
}

/// The strategy's next action: a decision when one is open, else a plan edit (the first
/// the explorer tries; for the longest-label strategies, the item with the longest goal).
fn pick(s: &Session, strategy: Strategy, forbidden: &[String]) -> Option<Action> {
    let open = s.open_decisions();
    let lang = s.scenario().languages.first().map_or("en", String::as_str);
    let longest_goals = matches!(
        strategy,
        Strategy::LongestLabel | Strategy::LongestAvoidingCritical
    );
    let chosen = match strategy {
        Strategy::LongestLabel => longest(open.iter().copied(), lang),
        Strategy::LongestAvoidingCritical => longest(
            open.iter().copied().filter(|d| !forbidden.contains(&d.id)),
            lang,
        ),
        Strategy::TakeEverything => open
            .iter()
            .find(|d| d.next.is_none() && !d.closes && !s.was_taken(&d.id))
            .or_else(|| open.iter().find(|d| !d.closes && !s.was_taken(&d.id)))
            .or(open.first())
            .copied(),
        Strategy::SkipAssessment if s.state().stage == Stage::Assessment => open
            .iter()
            .find(|d| d.next.is_some_and(|n| n != Stage::Assessment))
            .or(open.first())
            .copied(),
        _ => open.first().copied(),
    };
    match chosen {
        Some(d) => Some(Action::decide(d.id.clone())),
        None if longest_goals => longest_goal_item(s, lang),
        None => plan_actions(s).into_iter().next(),
    }
}

/// The decision with the longest label in `lang`, the first of equals.
fn longest<'a>(
    ds: impl DoubleEndedIterator<Item = &'a Decision>,
    lang: &str,
) -> Option<&'a Decision> {
    ds.rev().max_by_key(|d| d.label.get(lang).chars().count())
}

/// The explorer's good plan item for the first need without one, with the goal of the
/// longest text instead of the concrete one.
fn longest_goal_item(s: &Session, lang: &str) -> Option<Action> {
    let first = plan_actions(s).into_iter().next()?;
    let Action::Plan {
        need,
        service,
        deadline_week,
        ..
    } = &first
    else {
        return Some(first);
    };
    let goal = s
        .scenario()
        .need(need)?
        .goals
        .iter()
        .max_by_key(|g| g.text.get(lang).chars().count())?;
    Some(Action::Plan {
        need: need.clone(),
        goal: goal.id.clone(),
        service: service.clone(),
        deadline_week: *deadline_week,
    })
}

/// The shortest session that closes the case by a decision, breadth first over the engine's
/// states (at most `budget`).
fn shortest_close(start: &Session, budget: usize) -> Option<Session> {
    let mut seen = HashSet::from([start.state_key()]);
    let mut queue = VecDeque::from([start.clone()]);
    while let Some(s) = queue.pop_front() {
        for a in actions(&s) {
            let mut next = s.clone();
            if next.apply(a).is_err() {
                continue;
            }
            if matches!(next.state().end, Some(End::Closed { .. })) {
                return Some(next);
            }
            if next.ended() || seen.len() >= budget || !seen.insert(next.state_key()) {
                continue;
            }
            queue.push_back(next);
        }
    }
    None
}

/// A path's scores under one seed: (total, passed) per rubric.
type Run = (u64, Vec<(f64, bool)>);

/// The same path under two seeds, with different scores.
#[derive(Debug, Clone, Serialize)]
pub struct SeedSpread {
    pub rubric: String,
    pub path: Vec<Action>,
    /// (seed, total, passed) where the path scores lowest and highest.
    pub low: (u64, f64, bool),
    pub high: (u64, f64, bool),
    pub pass_differs: bool,
}

/// The largest spread per rubric of one path's score over the seeds, among the paths of
/// the random walks and the strategies; a path counts under a seed only where every action
/// of it is accepted and the case ends.
pub(super) fn seed_spread(
    case: &Arc<Case>,
    rubrics: &[Rubric],
    options: &Options,
    tally: &Tally,
    played: &[Played],
) -> Vec<SeedSpread> {
    let mut paths: Vec<&[Action]> = Vec::new();
    let walks = tally.walks.iter().map(|w| &w.witness.path[..]);
    for path in walks.chain(played.iter().map(|p| &p.witness.path[..])) {
        if !paths.contains(&path) {
            paths.push(path);
        }
    }
    let per_path: Vec<Vec<Run>> = paths
        .par_iter()
        .map(|path| {
            (0..options.seeds)
                .filter_map(|seed| replay(case, path, seed).map(|s| (seed, scores(&s, rubrics))))
                .collect()
        })
        .collect();
    let mut out: Vec<Option<SeedSpread>> = vec![None; rubrics.len()];
    for (path, runs) in paths.iter().zip(per_path) {
        for (r, best) in out.iter_mut().enumerate() {
            let Some(spread) = spread_of(&rubrics[r].id, path, &runs, r) else {
                continue;
            };
            let wider = |b: &SeedSpread| {
                (spread.pass_differs, spread.high.1 - spread.low.1)
                    > (b.pass_differs, b.high.1 - b.low.1)
            };
            if best.as_ref().is_none_or(wider) {
                *best = Some(spread);
            }
        }
    }
    out.into_iter().flatten().collect()
}

fn spread_of(rubric: &str, path: &[Action], runs: &[Run], r: usize) -> Option<SeedSpread> {
    let at = |(seed, s): &Run| (*seed, s[r].0, s[r].1);
    let low = runs.iter().map(at).min_by(|a, b| a.1.total_cmp(&b.1))?;
    let high = runs.iter().map(at).max_by(|a, b| a.1.total_cmp(&b.1))?;
    let pass_differs = runs.iter().any(|x| x.1[r].1) && runs.iter().any(|x| !x.1[r].1);
    (high.1 > low.1 || pass_differs).then(|| SeedSpread {
        rubric: rubric.to_string(),
        path: path.to_vec(),
        low,
        high,
        pass_differs,
    })
}

/// The path played under `seed`, if every action is accepted and the case ends.
fn replay(case: &Arc<Case>, path: &[Action], seed: u64) -> Option<Session> {
    let mut s = Session::new(Arc::clone(case), seed, "en");
    for a in path {
        s.apply(a.clone()).ok()?;
    }
    s.ended().then_some(s)
}
