//! What a search finds, per seed and merged over seeds.

use std::collections::BTreeMap;

use super::{DeadEnd, Witness};
use crate::engine::Session;
use crate::scenario::Stage;
use crate::score::{ScoreReport, Status};

/// An ended session's score against one rubric, with the way to it.
#[derive(Debug, Clone)]
pub(super) struct Scored {
    pub total: f64,
    pub passed: bool,
    pub witness: Witness,
}

/// What the ended sessions found scored against one rubric.
#[derive(Debug, Clone, Default)]
pub(super) struct RubricTally {
    pub best: Option<Scored>,
    pub worst: Option<Scored>,
    /// Per rule (criteria in order, rules in order): met in some ended session.
    pub met: Vec<bool>,
    /// Per rule: missed (or met in part) in some ended session.
    pub missed: Vec<bool>,
}

impl RubricTally {
    fn see(&mut self, report: &ScoreReport, witness: impl Fn() -> Witness) {
        let rules = report.criteria.iter().flat_map(|c| &c.rules);
        let n = rules.clone().count();
        self.met.resize(n, false);
        self.missed.resize(n, false);
        for (i, r) in rules.enumerate() {
            self.met[i] |= r.status == Status::Met;
            self.missed[i] |= matches!(r.status, Status::Missed | Status::Partial);
        }
        let scored = || Scored {
            total: report.total,
            passed: report.passed,
            witness: witness(),
        };
        if self.best.as_ref().is_none_or(|b| better(report, b)) {
            self.best = Some(scored());
        }
        if self.worst.as_ref().is_none_or(|w| worse(report, w)) {
            self.worst = Some(scored());
        }
    }

    fn merge(&mut self, other: RubricTally) {
        or_into(&mut self.met, &other.met);
        or_into(&mut self.missed, &other.missed);
        if let Some(b) = other.best
            && self.best.as_ref().is_none_or(|x| key(&b) > key(x))
        {
            self.best = Some(b);
        }
        if let Some(w) = other.worst
            && self.worst.as_ref().is_none_or(|x| key(&w) < key(x))
        {
            self.worst = Some(w);
        }
    }
}

/// Passing first, then the total; a shorter path wins a tie.
fn key(s: &Scored) -> (bool, f64) {
    (s.passed, s.total)
}
fn better(r: &ScoreReport, than: &Scored) -> bool {
    (r.passed, r.total) > key(than)
}
fn worse(r: &ScoreReport, than: &Scored) -> bool {
    (r.passed, r.total) < key(than)
}

fn or_into(into: &mut Vec<bool>, from: &[bool]) {
    if into.len() < from.len() {
        into.resize(from.len(), false);
    }
    for (a, b) in into.iter_mut().zip(from) {
        *a |= *b;
    }
}

/// One random walk: its way, the events that happened on it and whether it ended.
#[derive(Debug, Clone)]
pub(super) struct Walk {
    pub witness: Witness,
    pub happened: Vec<bool>,
}

/// Everything found over the seeds searched.
#[derive(Debug, Clone, Default)]
pub(super) struct Tally {
    pub states: usize,
    pub seeds: u64,
    /// Seeds whose search visited every reachable state within its budget.
    pub exhaustive_seeds: u64,
    pub decisions: Vec<bool>,
    pub facts: Vec<bool>,
    pub events: Vec<bool>,
    pub dead_ends: BTreeMap<Stage, DeadEnd>,
    pub rubrics: Vec<RubricTally>,
    pub walks: Vec<Walk>,
    /// Ended sessions scored (states, not paths: one per distinct ended state).
    pub ended: usize,
}

impl Tally {
    pub fn new(session: &Session, rubrics: usize) -> Tally {
        let st = session.state();
        Tally {
            decisions: vec![false; st.taken.len()],
            facts: vec![false; st.known.len()],
            events: vec![false; st.happened.len()],
            rubrics: vec![RubricTally::default(); rubrics],
            ..Tally::default()
        }
    }

    /// What a state reached: its decisions, facts and events, and if it ended, its scores.
    pub fn see(&mut self, s: &Session, reports: &[ScoreReport]) {
        let st = s.state();
        mark(&mut self.decisions, st.taken.iter().map(|t| !t.is_empty()));
        mark(&mut self.facts, st.known.iter().map(Option::is_some));
        mark(&mut self.events, st.happened.iter().map(|h| !h.is_empty()));
        if s.ended() {
            self.ended += 1;
            let witness = || witness(s);
            for (t, r) in self.rubrics.iter_mut().zip(reports) {
                t.see(r, witness);
            }
        }
    }

    pub fn dead_end(&mut self, s: &Session) {
        let st = s.state();
        self.dead_ends.entry(st.stage).or_insert_with(|| DeadEnd {
            stage: st.stage,
            week: st.week(),
            witness: witness(s),
        });
    }

    pub fn merge(&mut self, other: Tally) {
        self.states += other.states;
        self.seeds += other.seeds;
        self.exhaustive_seeds += other.exhaustive_seeds;
        self.ended += other.ended;
        or_into(&mut self.decisions, &other.decisions);
        or_into(&mut self.facts, &other.facts);
        or_into(&mut self.events, &other.events);
        for (stage, d) in other.dead_ends {
            let keep = self
                .dead_ends
                .get(&stage)
                .is_some_and(|x| x.witness.path.len() <= d.witness.path.len());
            if !keep {
                self.dead_ends.insert(stage, d);
            }
        }
        if self.rubrics.len() < other.rubrics.len() {
            self.rubrics
                .resize(other.rubrics.len(), RubricTally::default());
        }
        for (a, b) in self.rubrics.iter_mut().zip(other.rubrics) {
            a.merge(b);
        }
        self.walks.extend(other.walks);
    }

    pub fn dead_end_list(&self) -> Vec<DeadEnd> {
        self.dead_ends.values().cloned().collect()
    }
}

fn mark(into: &mut [bool], from: impl Iterator<Item = bool>) {
    for (a, b) in into.iter_mut().zip(from) {
        *a |= b;
    }
}

/// The way to a session as it stands: its seed and the student's actions in its log.
pub(super) fn witness(s: &Session) -> Witness {
    Witness {
        seed: s.log().seed,
        path: s.log().actions().cloned().collect(),
    }
}
