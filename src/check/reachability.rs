//! What can happen in a scenario at all: decisions that can be taken, events that can
//! fire, facts that can be uncovered, stages that can be reached and the bounds of each
//! variable, computed once as a fixed point.

use std::collections::HashMap;

use crate::scenario::{Condition, Effect, Scenario, Stage, Trigger};

/// What can possibly happen in a scenario: a sound over-approximation. A decision marked
/// impossible here can never be taken in any session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    pub decisions: Vec<bool>,
    pub events: Vec<bool>,
    pub facts: Vec<bool>,
    pub stages: [bool; 7],
    /// Lowest and highest value each variable can take.
    pub low: Vec<i32>,
    pub high: Vec<i32>,
}

impl Reach {
    pub(super) fn with(s: &Scenario, l: &Lookups) -> Reach {
        let mut stages = [false; 7];
        stages[Stage::Intake.index()] = true;
        let mut r = Reach {
            decisions: vec![false; s.decisions.len()],
            events: vec![false; s.events.len()],
            facts: vec![false; s.facts.len()],
            stages,
            low: s
                .variables
                .iter()
                .map(|v| v.initial.clamp(v.min, v.max.max(v.min)))
                .collect(),
            high: s
                .variables
                .iter()
                .map(|v| v.initial.clamp(v.min, v.max.max(v.min)))
                .collect(),
        };
        loop {
            let before = r.clone();
            r.step(s, l);
            if before == r {
                return r;
            }
        }
    }

    /// One round: what can be taken, fire, be revealed or reached given the last round.
    fn step(&mut self, s: &Scenario, l: &Lookups) {
        let ctx = Possible { s, r: self, l };
        let takeable: Vec<bool> = s
            .decisions
            .iter()
            .map(|d| {
                d.stages().any(|st| self.stages[st.index()])
                    && d.requires.iter().all(|c| ctx.possible(c))
            })
            .collect();
        let firing: Vec<bool> = s
            .events
            .iter()
            .map(|e| {
                let trigger = match e.trigger {
                    Trigger::Week(n) => n <= s.weeks,
                    Trigger::Chance {
                        percent,
                        from,
                        until,
                    } => percent > 0 && from <= until && from <= s.weeks,
                    Trigger::When => true,
                };
                trigger && e.requires.iter().all(|c| ctx.possible(c))
            })
            .collect();
        self.decisions = takeable;
        self.events = firing;
        for (d, _) in s
            .decisions
            .iter()
            .zip(&self.decisions)
            .filter(|(_, ok)| **ok)
        {
            mark_facts(&mut self.facts, &l.facts, &d.reveals);
            if let Some(next) = d.next {
                self.stages[next.index()] = true;
            }
        }
        for (e, _) in s.events.iter().zip(&self.events).filter(|(_, ok)| **ok) {
            mark_facts(&mut self.facts, &l.facts, &e.reveals);
            if let Some(st) = e.return_to {
                self.stages[st.index()] = true;
            }
        }
        self.bounds(s, &l.vars);
    }

    /// Variable bounds from the effects of every possible decision and event: start from
    /// the initial value or any value set, then add every possible rise (or fall).
    fn bounds(&mut self, s: &Scenario, vars: &HashMap<&str, usize>) {
        let n = s.variables.len();
        let mut top: Vec<i64> = s.variables.iter().map(|v| i64::from(v.initial)).collect();
        let mut bottom = top.clone();
        let mut rise = vec![0i64; n];
        let mut fall = vec![0i64; n];
        let mut unbounded_rise = vec![false; n];
        let mut unbounded_fall = vec![false; n];
        let effects = s
            .decisions
            .iter()
            .enumerate()
            .filter(|(i, _)| self.decisions[*i])
            .map(|(_, d)| (d.repeatable, &d.effects))
            .chain(
                s.events
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| self.events[*i])
                    .map(|(_, e)| (e.repeatable, &e.effects)),
            );
        for (repeatable, effects) in effects {
            for e in effects {
                let Some(&i) = vars.get(e.variable()) else {
                    continue;
                };
                match e {
                    Effect::Set(_, v) => {
                        top[i] = top[i].max(i64::from(*v));
                        bottom[i] = bottom[i].min(i64::from(*v));
                    }
                    Effect::Add(_, d) if *d > 0 => {
                        rise[i] += i64::from(*d);
                        unbounded_rise[i] |= repeatable;
                    }
                    Effect::Add(_, d) => {
                        fall[i] += i64::from(*d);
                        unbounded_fall[i] |= repeatable;
                    }
                }
            }
        }
        for (i, v) in s.variables.iter().enumerate() {
            let (min, max) = (i64::from(v.min), i64::from(v.max.max(v.min)));
            let hi = if unbounded_rise[i] {
                max
            } else {
                (top[i] + rise[i]).min(max)
            };
            let lo = if unbounded_fall[i] {
                min
            } else {
                (bottom[i] + fall[i]).max(min)
            };
            self.high[i] = self.high[i].max(hi.clamp(min, max) as i32);
            self.low[i] = self.low[i].min(lo.clamp(min, max) as i32);
        }
    }
}

fn mark_facts(known: &mut [bool], facts: &HashMap<&str, usize>, ids: &[String]) {
    for f in ids {
        if let Some(&i) = facts.get(f.as_str()) {
            known[i] = true;
        }
    }
}

/// Indexes of a scenario's ids, built once per analysis.
pub(super) struct Lookups<'a> {
    pub(super) facts: HashMap<&'a str, usize>,
    pub(super) decisions: HashMap<&'a str, usize>,
    pub(super) events: HashMap<&'a str, usize>,
    pub(super) vars: HashMap<&'a str, usize>,
}

/// Id → index, the first of duplicate ids winning (as in the engine; `check` reports the
/// duplicates).
fn index<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> HashMap<&'a str, usize> {
    let mut map = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        map.entry(id(item)).or_insert(i);
    }
    map
}

impl<'a> Lookups<'a> {
    pub(super) fn of(s: &'a Scenario) -> Self {
        Lookups {
            facts: index(&s.facts, |f| &f.id),
            decisions: index(&s.decisions, |d| &d.id),
            events: index(&s.events, |e| &e.id),
            vars: index(&s.variables, |v| &v.id),
        }
    }
}

/// Whether a condition can ever hold, given what can happen.
pub(super) struct Possible<'a> {
    pub(super) s: &'a Scenario,
    pub(super) r: &'a Reach,
    pub(super) l: &'a Lookups<'a>,
}

impl Possible<'_> {
    pub(super) fn possible(&self, c: &Condition) -> bool {
        let r = self.r;
        let l = self.l;
        match c {
            Condition::Taken(d) => l.decisions.get(d.as_str()).is_some_and(|&i| r.decisions[i]),
            Condition::Known(f) => l.facts.get(f.as_str()).is_some_and(|&i| r.facts[i]),
            Condition::Happened(e) => l.events.get(e.as_str()).is_some_and(|&i| r.events[i]),
            Condition::NotTaken(_) | Condition::Unknown(_) | Condition::NotHappened(_) => true,
            Condition::AtLeast(v, n) => l.vars.get(v.as_str()).is_some_and(|&i| r.high[i] >= *n),
            Condition::AtMost(v, n) => l.vars.get(v.as_str()).is_some_and(|&i| r.low[i] <= *n),
            Condition::FromWeek(w) => *w <= self.s.weeks,
            Condition::UntilWeek(w) => *w >= 1,
            Condition::Planned(n) => {
                self.plan_possible()
                    && self.s.need(n).is_some_and(|need| {
                        need.evidence
                            .iter()
                            .any(|f| l.facts.get(f.as_str()).is_some_and(|&i| r.facts[i]))
                    })
            }
            Condition::PlanComplete | Condition::NotAtStage(_) => true,
            Condition::AtStage(stage) => r.stages[stage.index()],
            Condition::Any(cs) => cs.iter().any(|c| self.possible(c)),
        }
    }

    pub(super) fn plan_possible(&self) -> bool {
        self.r.stages[Stage::ServicePlan.index()] || self.r.stages[Stage::PlanRevision.index()]
    }
}
