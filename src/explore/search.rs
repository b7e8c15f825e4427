//! The search: breadth first over memoised states for each seed, then random walks; the
//! seeds in parallel.

use std::collections::{HashSet, VecDeque};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use rand::{Rng as _, SeedableRng as _};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use super::actions::{actions, plan_actions};
use super::tally::{Tally, Walk, witness};
use super::{MAX_STEPS, Options};
use crate::engine::{Action, Case, Record, Session, StateKey};
use crate::rubric::{Check, Rubric};
use crate::score::{ScoreReport, Status, score_in};

/// States a dead-end test follows plan edits through before it gives up (and calls the
/// state not a dead end).
const CLOSURE: usize = 200;

/// What makes two states the same for the search: the engine's [`StateKey`] and, because
/// the scorer reads the order of things (what was known before a stage, what came first, the
/// decisions after an event), where every rule of every rubric stands now. Two states with
/// equal keys have equal futures, engine and score alike.
#[derive(Debug, PartialEq, Eq, Hash)]
struct Key {
    engine: StateKey,
    rules: Vec<u64>,
}

/// Searches every seed, in parallel; `progress` hears the number of seeds done.
pub(super) fn run(
    case: &Arc<Case>,
    rubrics: &[Rubric],
    options: &Options,
    progress: &(dyn Fn(u64) + Sync),
) -> Tally {
    let done = AtomicU64::new(0);
    let tallies: Vec<Tally> = (0..options.seeds)
        .into_par_iter()
        .map(|seed| {
            let t = one_seed(case, rubrics, options, seed);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1);
            t
        })
        .collect();
    let start = Session::new(Arc::clone(case), 0, "en");
    let mut all = Tally::new(&start, rubrics.len());
    for t in tallies {
        all.merge(t);
    }
    all
}

fn one_seed(case: &Arc<Case>, rubrics: &[Rubric], options: &Options, seed: u64) -> Tally {
    let start = Session::new(Arc::clone(case), seed, "en");
    let mut tally = Tally::new(&start, rubrics.len());
    tally.seeds = 1;
    let exhaustive = breadth_first(&start, rubrics, options.budget, &mut tally);
    if exhaustive {
        tally.exhaustive_seeds = 1;
    }
    for w in 0..options.walks {
        let mut rng =
            ChaCha8Rng::seed_from_u64(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ w as u64);
        let walk = random_walk(
            &start,
            rubrics,
            &mut rng,
            (!exhaustive).then_some(&mut tally),
        );
        tally.walks.push(walk);
    }
    tally
}

/// Every state reachable from `start`, breadth first, until `budget` states are known;
/// true when none was left out.
fn breadth_first(start: &Session, rubrics: &[Rubric], budget: usize, tally: &mut Tally) -> bool {
    let mut seen: HashSet<Key> = HashSet::new();
    seen.insert(key(start, rubrics));
    let mut queue = VecDeque::from([start.clone()]);
    let mut complete = true;
    while let Some(s) = queue.pop_front() {
        tally.states += 1;
        visit(&s, rubrics, tally);
        if s.ended() {
            continue;
        }
        for a in actions(&s) {
            let mut next = s.clone();
            if next.apply(a).is_err() {
                continue;
            }
            let k = key(&next, rubrics);
            if seen.contains(&k) {
                continue;
            }
            if seen.len() >= budget {
                complete = false;
                continue;
            }
            seen.insert(k);
            queue.push_back(next);
        }
    }
    complete
}

/// Records what a state reached, its scores if it ended, and whether it is a dead end.
fn visit(s: &Session, rubrics: &[Rubric], tally: &mut Tally) {
    let reports: Vec<ScoreReport> = if s.ended() {
        rubrics.iter().map(|r| score_in(s, r, "en")).collect()
    } else {
        Vec::new()
    };
    tally.see(s, &reports);
    if is_dead_end(s) {
        tally.dead_end(s);
    }
}

/// One session of a student who picks uniformly among the actions open; when `tally` is
/// given, every state on the way is recorded as the search records them.
fn random_walk(
    start: &Session,
    rubrics: &[Rubric],
    rng: &mut ChaCha8Rng,
    mut tally: Option<&mut Tally>,
) -> Walk {
    let mut s = start.clone();
    for _ in 0..MAX_STEPS {
        if let Some(t) = tally.as_deref_mut() {
            t.states += 1;
            visit(&s, rubrics, t);
        }
        let options = actions(&s);
        if s.ended() || options.is_empty() {
            break;
        }
        let pick = options[rng.random_range(0..options.len())].clone();
        // An action listed as open is accepted; a refusal would leave the state as it was.
        let _ = s.apply(pick);
    }
    Walk {
        witness: witness(&s),
        happened: s.state().happened.iter().map(|h| !h.is_empty()).collect(),
    }
}

/// The case is open, no decision is open, and no plan edit (followed as far as
/// [`CLOSURE`] states) opens one or ends the case.
pub(super) fn is_dead_end(s: &Session) -> bool {
    if s.ended() || !s.open_decisions().is_empty() {
        return false;
    }
    let mut seen: HashSet<StateKey> = HashSet::from([s.state_key()]);
    let mut stack = vec![s.clone()];
    while let Some(x) = stack.pop() {
        for a in plan_actions(&x) {
            let mut next = x.clone();
            if next.apply(a).is_err() {
                continue;
            }
            if next.ended() || !next.open_decisions().is_empty() || seen.len() >= CLOSURE {
                return false;
            }
            if seen.insert(next.state_key()) {
                stack.push(next);
            }
        }
    }
    true
}

/// The search key of a state: see [`Key`].
fn key(s: &Session, rubrics: &[Rubric]) -> Key {
    let mut rules = Vec::new();
    for rubric in rubrics {
        let report = score_in(s, rubric, "en");
        for r in report.criteria.iter().flat_map(|c| &c.rules) {
            rules.push(status_code(r.status));
            rules.push(r.points.to_bits());
        }
        for c in rubric.criteria.iter().flat_map(|c| &c.rules) {
            if let Check::RespondedTo { event, within, .. } = &c.check {
                rules.push(decisions_since(s, event, *within));
            }
        }
    }
    Key {
        engine: s.state_key(),
        rules,
    }
}

fn status_code(s: Status) -> u64 {
    match s {
        Status::Met => 0,
        Status::Partial => 1,
        Status::Missed => 2,
        Status::NotApplicable => 3,
        Status::Pending => 4,
    }
}

/// Decisions taken since `event` first happened, up to `within` (a response rule's window);
/// `u64::MAX` when it has not happened.
fn decisions_since(s: &Session, event: &str, within: u32) -> u64 {
    let Some(i) = s.case().event_index(event) else {
        return u64::MAX;
    };
    let Some(&seq) = s.state().happened[i].first() else {
        return u64::MAX;
    };
    let n = s
        .log()
        .records
        .get(seq as usize..)
        .unwrap_or(&[])
        .iter()
        .filter(|r| {
            matches!(
                r,
                Record::Step {
                    action: Action::Decide { .. },
                    ..
                }
            )
        })
        .take(within as usize)
        .count();
    n as u64
}
