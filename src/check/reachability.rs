//! What can happen in a scenario at all: decisions that can be taken, events that can
//! fire, facts that can be uncovered, stages that can be reached and the bounds of each
//! variable, computed once as a fixed point.

use std::collections::HashMap;

use crate::scenario::{Condition, Effect, Scenario, Since, Stage, Trigger};

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
        let moves = self.moves(s);
        let takeable: Vec<bool> = s
            .decisions
            .iter()
            .map(|d| {
                d.stages().any(|st| self.stages[st.index()])
                    && d.requires.iter().all(|c| ctx.possible(c))
                    && d.implicit_requirement().is_none_or(|c| ctx.possible(&c))
                    && self.in_order(s, l, d, &moves).is_none()
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
    /// the initial value or any value set, then add every possible rise (or fall), each as
    /// many times as its decision or event can happen.
    fn bounds(&mut self, s: &Scenario, vars: &HashMap<&str, usize>) {
        let n = s.variables.len();
        // As the engine starts: the initial value inside the variable's range.
        let start =
            |v: &crate::scenario::Variable| i64::from(v.initial.clamp(v.min, v.max.max(v.min)));
        let mut top: Vec<i64> = s.variables.iter().map(start).collect();
        let mut bottom = top.clone();
        let mut rise = vec![0i64; n];
        let mut fall = vec![0i64; n];
        let mut unbounded_rise = vec![false; n];
        let mut unbounded_fall = vec![false; n];
        let revisited = self.revisited(s);
        let effects = s
            .decisions
            .iter()
            .enumerate()
            .filter(|(i, _)| self.decisions[*i])
            .map(|(_, d)| (self.times_taken(d, &revisited), &d.effects))
            .chain(
                s.events
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| self.events[*i])
                    .map(|(_, e)| ((!e.repeatable).then_some(1), &e.effects)),
            );
        for (times, effects) in effects {
            for e in effects {
                let Some(&i) = vars.get(e.variable()) else {
                    continue;
                };
                match (e, times) {
                    (Effect::Set(_, v), _) => {
                        top[i] = top[i].max(i64::from(*v));
                        bottom[i] = bottom[i].min(i64::from(*v));
                    }
                    (Effect::Add(_, d), None) if *d > 0 => unbounded_rise[i] = true,
                    (Effect::Add(_, _), None) => unbounded_fall[i] = true,
                    (Effect::Add(_, d), Some(k)) if *d > 0 => rise[i] += i64::from(*d) * k,
                    (Effect::Add(_, d), Some(k)) => fall[i] += i64::from(*d) * k,
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

    /// How many times decision `d` can be taken in one session, `None` for no limit. As in
    /// the engine: a `once` decision once; a `repeatable` one without limit; any other once
    /// per visit to each of its stages, so once per stage it is open at unless the case
    /// can come back to that stage (`revisited`).
    fn times_taken(&self, d: &crate::scenario::Decision, revisited: &[bool; 7]) -> Option<i64> {
        if d.once {
            return Some(1);
        }
        if d.repeatable {
            return None;
        }
        let mut stages: Vec<usize> = d
            .stages()
            .map(Stage::index)
            .filter(|&st| self.stages[st])
            .collect();
        stages.sort_unstable();
        stages.dedup();
        if stages.iter().any(|&st| revisited[st]) {
            return None;
        }
        Some(stages.len() as i64)
    }

    /// The stages the case may enter more than once: those on a cycle of the moves between
    /// stages that can happen.
    fn revisited(&self, s: &Scenario) -> [bool; 7] {
        let moves = self.moves(s);
        std::array::from_fn(|st| moves[st][st])
    }

    /// The reached stages at which the case can be once it has been at stage `from`:
    /// `from` itself and every stage the moves lead to.
    pub(super) fn after(&self, moves: &Moves, from: usize) -> [bool; 7] {
        std::array::from_fn(|to| self.stages[to] && (to == from || moves[from][to]))
    }

    /// The first decision that decision `d` requires taken (`Taken(x)` among its
    /// conditions) which is open only at stages after which the case can never be at any
    /// of `d`'s stages: `d` can then never be taken, for `x` never comes first.
    pub(super) fn in_order<'s>(
        &self,
        s: &'s Scenario,
        l: &Lookups,
        d: &crate::scenario::Decision,
        moves: &Moves,
    ) -> Option<&'s str> {
        d.requires.iter().find_map(|c| {
            let Condition::Taken(x) = c else { return None };
            let &i = l.decisions.get(x.as_str())?;
            let before = &s.decisions[i];
            let reached = |st: &Stage| self.stages[st.index()];
            // Nothing comes after a decision that closes the case.
            let ok = !before.closes
                && before.stages().filter(reached).any(|from| {
                    let after = self.after(moves, from.index());
                    d.stages().any(|st| after[st.index()])
                });
            let open = before.stages().any(|st| reached(&st));
            (open && !ok).then_some(before.id.as_str())
        })
    }

    /// The stages at which event `e` can happen: those reached that its conditions
    /// (`AtStage`, `NotAtStage`, an `Any` of `AtStage`s) allow.
    pub(super) fn event_stages(&self, e: &crate::scenario::Event) -> [bool; 7] {
        let mut at = self.stages;
        for c in &e.requires {
            let allowed: [bool; 7] = match c {
                Condition::AtStage(st) => std::array::from_fn(|i| i == st.index()),
                Condition::NotAtStage(st) => std::array::from_fn(|i| i != st.index()),
                Condition::Any(cs) if cs.iter().all(|c| matches!(c, Condition::AtStage(_))) => {
                    std::array::from_fn(|i| {
                        cs.iter()
                            .any(|c| matches!(c, Condition::AtStage(st) if st.index() == i))
                    })
                }
                _ => [true; 7],
            };
            for (a, ok) in at.iter_mut().zip(allowed) {
                *a &= ok;
            }
        }
        at
    }

    /// Which stage leads to which in one or more of the moves that can happen (a
    /// decision's `next`, taken at any of its reachable stages; an event's `return_to`,
    /// which may fire at any stage).
    pub(super) fn moves(&self, s: &Scenario) -> Moves {
        let mut moves = [[false; 7]; 7];
        let reached = |st: &usize| self.stages[*st];
        for (d, _) in s
            .decisions
            .iter()
            .zip(&self.decisions)
            .filter(|(_, ok)| **ok)
        {
            if let Some(next) = d.next {
                for from in d.stages().map(Stage::index).filter(reached) {
                    moves[from][next.index()] |= from != next.index();
                }
            }
        }
        for (e, _) in s.events.iter().zip(&self.events).filter(|(_, ok)| **ok) {
            if let Some(to) = e.return_to {
                for from in (0..7).filter(reached) {
                    moves[from][to.index()] |= from != to.index();
                }
            }
        }
        // Which stage leads to which, in any number of moves (7 stages: Floyd–Warshall).
        for via in 0..7 {
            for from in 0..7 {
                if moves[from][via] {
                    let onward = moves[via];
                    for (to, more) in moves[from].iter_mut().zip(onward) {
                        *to |= more;
                    }
                }
            }
        }
        moves
    }
}

/// `moves[from][to]`: whether the case can get from stage `from` to stage `to`.
pub(super) type Moves = [[bool; 7]; 7];

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
            Condition::Planned(n) => self.plannable(n),
            Condition::ServicePlanned(svc) => self
                .s
                .service(svc)
                .is_some_and(|service| service.meets.iter().any(|n| self.plannable(n))),
            Condition::PlanComplete | Condition::NotAtStage(_) => true,
            Condition::AtStage(stage) => r.stages[stage.index()],
            Condition::Any(cs) => cs.iter().any(|c| self.possible(c)),
            // The moment must be able to come, and, for a wait, the case must last it.
            Condition::WeeksSince(since, weeks) => self.since(since) && *weeks <= self.s.weeks,
            Condition::WithinWeeks(since, _) => self.since(since),
        }
    }

    /// Whether the decision can be taken or the event happen.
    fn since(&self, since: &Since) -> bool {
        let (r, l) = (self.r, self.l);
        match since {
            Since::Decision(d) => l.decisions.get(d.as_str()).is_some_and(|&i| r.decisions[i]),
            Since::Event(e) => l.events.get(e.as_str()).is_some_and(|&i| r.events[i]),
        }
    }

    /// Whether need `n` can be in the plan: the plan can be written and the need can be
    /// identified.
    fn plannable(&self, n: &str) -> bool {
        let (r, l) = (self.r, self.l);
        self.plan_possible()
            && self.s.need(n).is_some_and(|need| {
                need.evidence
                    .iter()
                    .any(|f| l.facts.get(f.as_str()).is_some_and(|&i| r.facts[i]))
            })
    }

    pub(super) fn plan_possible(&self) -> bool {
        self.r.stages[Stage::ServicePlan.index()] || self.r.stages[Stage::PlanRevision.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bounds of variable `var` in the mini fixture after `edit`.
    fn bounds(edit: impl Fn(&str) -> String, var: &str) -> (i32, i32) {
        let text = edit(include_str!("../../tests/fixtures/mini/scenario.ron"));
        let s: Scenario = crate::source::parse_ron("scenario.ron", &text).expect("parses");
        let l = Lookups::of(&s);
        let r = Reach::with(&s, &l);
        let i = l.vars[var];
        (r.low[i], r.high[i])
    }

    #[test]
    fn a_variable_starting_outside_its_range_starts_at_its_edge_as_in_the_engine() {
        // The engine starts `x` at 0 (its min), and `consent` raises it to 3.
        let (low, high) = bounds(
            |t| {
                t.replace(
                    "variables: [",
                    r#"variables: [ (id: "x", label: {"uk": "x", "en": "x"}, min: 0, max: 10, initial: -5),"#,
                )
                .replace(r#"effects: [Add("trust", 2)]"#, r#"effects: [Add("x", 3)]"#)
            },
            "x",
        );
        assert_eq!((low, high), (0, 3));
    }

    #[test]
    fn a_decision_counts_once_per_stage_it_is_open_at_and_once_when_it_says_so() {
        // Without the event's return to the assessment, the case enters intake and exit
        // once each.
        let edit = |once: &str, t: &str| {
            t.replace("return_to: Assessment,", "")
                .replace("days: 3, next: Assessment),", "days: 3),")
                .replace(
                    "variables: [",
                    r#"variables: [ (id: "x", label: {"uk": "x", "en": "x"}, min: 0, max: 10, initial: 0),"#,
                )
                .replace(
                    r#"(id: "close", stage: Exit, closes: true,"#,
                    &format!(
                        r#"(id: "note", stage: Intake, also_at: [Exit]{once}, effects: [Add("x", 2)],
                         label: {{"uk": "x", "en": "x"}}, outcome: {{"uk": "x", "en": "x"}}),
                        (id: "close", stage: Exit, closes: true,"#
                    ),
                )
        };
        assert_eq!(bounds(|t| edit("", t), "x"), (0, 4));
        assert_eq!(bounds(|t| edit(", once: true", t), "x"), (0, 2));
        assert_eq!(bounds(|t| edit(", repeatable: true", t), "x"), (0, 10));
        // With it, an event can send the case from the exit back to the assessment, and
        // from there to the exit again: `note` can be taken at each new visit.
        let back = |t: &str| {
            edit("", t).replace(
                "ties: [(\"pension-fund\", Stressful)]",
                "return_to: Assessment,",
            )
        };
        assert_eq!(bounds(back, "x"), (0, 10));
    }
}
