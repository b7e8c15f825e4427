//! `casework explore`: what a student could run into, found before a student does.
//!
//! The explorer drives the real engine ([`Session`]) through the decision space of a case:
//! breadth first over memoised states (so the path to anything it finds is a shortest one)
//! until `budget` states per seed, then random walks over the same actions where the search
//! could not finish. Chance events draw from the session's seeded generator, so every
//! search is per seed, over a fixed set of seeds, in parallel on every core.
//!
//! It reports the best and worst reachable score per rubric, dead ends (the case open and
//! nothing to do), decisions, facts and events no path reaches, rubric rules no path meets or
//! none misses, each chance event's real probability, seed sensitivity, and the scores of
//! gaming strategies. The parts, by job: the actions tried ([`actions`]), the search
//! (`search`), what it finds (`tally`), the strategies (`strategies`) and the report
//! (`report`).

pub mod actions;
mod report;
mod search;
mod strategies;
mod tally;

use std::sync::Arc;

use serde::Serialize;

use crate::engine::{Action, Case};
use crate::rubric::Rubric;
use crate::scenario::Stage;

pub use report::{
    ChanceEvent, PLAN_LIMIT, Report, RubricReport, ScoreAt, SeedSpread, StrategyScore, render,
};
pub use strategies::Strategy;

/// States a search visits per seed by default: the whole bank explores in well under a
/// minute in release.
pub const DEFAULT_BUDGET: usize = 1_000;
/// Seeds explored by default (0, 1, … 7).
pub const DEFAULT_SEEDS: u64 = 8;
/// Random walks per seed: the sample chance events and seed sensitivity are measured on.
pub const WALKS: usize = 64;
/// Steps a walk or a strategy takes at most (plan edits do not move time on).
pub const MAX_STEPS: usize = 300;

/// What to explore.
#[derive(Debug, Clone)]
pub struct Options {
    /// Seeds 0 .. seeds.
    pub seeds: u64,
    /// States visited per seed at most.
    pub budget: usize,
    /// Random walks per seed.
    pub walks: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            seeds: DEFAULT_SEEDS,
            budget: DEFAULT_BUDGET,
            walks: WALKS,
        }
    }
}

/// A way to something: the actions from the start of a session with this seed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Witness {
    pub seed: u64,
    pub path: Vec<Action>,
}

impl Witness {
    /// The path as a choices file would say it, one action after another.
    pub fn steps(&self) -> String {
        let steps: Vec<String> = self.path.iter().map(ToString::to_string).collect();
        if steps.is_empty() {
            "(at the start)".to_string()
        } else {
            steps.join(" → ")
        }
    }
}

/// A reachable state where the case is open and nothing can move it: no decision is open
/// and no plan edit opens one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeadEnd {
    pub stage: Stage,
    pub week: u32,
    #[serde(flatten)]
    pub witness: Witness,
}

/// Explores a case against its rubrics (none: only what the engine does).
pub fn explore(case: &Arc<Case>, rubrics: &[Rubric], options: &Options) -> Report {
    explore_with(case, rubrics, options, &|_| {})
}

/// [`explore`], calling `progress` with the number of seeds done after each one.
pub fn explore_with(
    case: &Arc<Case>,
    rubrics: &[Rubric],
    options: &Options,
    progress: &(dyn Fn(u64) + Sync),
) -> Report {
    let tally = search::run(case, rubrics, options, progress);
    let strategies = strategies::play_all(case, rubrics, options);
    let spread = strategies::seed_spread(case, rubrics, options, &tally, &strategies);
    report::build(case, rubrics, options, tally, strategies, spread)
}

/// Only the gaming strategies, each played on seeds `0 .. seeds` and scored against every
/// rubric (the minimal-effort search looks at most `budget` states): what a lecturer checks
/// before trusting a case, and what the bank's tests hold every case to.
pub fn gaming(
    case: &Arc<Case>,
    rubrics: &[Rubric],
    seeds: u64,
    budget: usize,
) -> Vec<StrategyScore> {
    let options = Options {
        seeds,
        budget,
        walks: 0,
    };
    let played = strategies::play_all(case, rubrics, &options);
    report::strategy_scores(rubrics, &played)
}

/// The dead ends of a case, one per stage, each with a shortest path found: a search of at
/// most `budget` states for each seed of `seeds`, for `casework check`.
pub fn dead_ends(case: &Arc<Case>, seeds: u64, budget: usize) -> Vec<DeadEnd> {
    let options = Options {
        seeds,
        budget,
        walks: 0,
    };
    search::run(case, &[], &options, &|_| {}).dead_end_list()
}
