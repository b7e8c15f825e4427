//! Checks that a score measures practice, not luck or option-picking: exam rules that hang
//! on a chance event, labels whose length gives the answer away, and cases where the worker
//! can never decide to go back.

use super::Sink;
use super::reachability::Lookups;
use crate::rubric::{Check, Criterion, Marker, Rubric, RubricKind};
use crate::scenario::{Condition, Scenario, Since, Stage, Trigger};

/// A rule carrying at least this share of a rubric's total is heavy: in an exam it must
/// not depend on chance either.
pub(super) const HEAVY_SHARE: f64 = 0.10;

/// For every event, fact and decision of a case, the chance event (by index) that it
/// depends on: one that only happens, is found out or is open after a roll of the dice.
struct Chance {
    events: Vec<Option<usize>>,
    facts: Vec<Option<usize>>,
    decisions: Vec<Option<usize>>,
}

impl Chance {
    /// Fixed point: a chance event depends on itself; an event or decision depends on
    /// chance when one of its conditions does; a fact when everything revealing it does.
    fn of(s: &Scenario, l: &Lookups) -> Chance {
        let mut c = Chance {
            events: s
                .events
                .iter()
                .enumerate()
                .map(|(i, e)| matches!(e.trigger, Trigger::Chance { .. }).then_some(i))
                .collect(),
            facts: vec![None; s.facts.len()],
            decisions: vec![None; s.decisions.len()],
        };
        loop {
            let mut changed = false;
            for (i, e) in s.events.iter().enumerate() {
                if c.events[i].is_none() {
                    c.events[i] = e.requires.iter().find_map(|x| c.condition(x, l));
                    changed |= c.events[i].is_some();
                }
            }
            for (i, d) in s.decisions.iter().enumerate() {
                if c.decisions[i].is_none() {
                    c.decisions[i] = d.requires.iter().find_map(|x| c.condition(x, l));
                    changed |= c.decisions[i].is_some();
                }
            }
            for (i, f) in s.facts.iter().enumerate() {
                if c.facts[i].is_some() {
                    continue;
                }
                let by_decisions = s
                    .decisions
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| d.reveals.contains(&f.id));
                let by_events = s
                    .events
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| e.reveals.contains(&f.id));
                let sources = by_decisions
                    .map(|(j, _)| c.decisions[j])
                    .chain(by_events.map(|(j, _)| c.events[j]));
                if let Some(e) = every(sources) {
                    c.facts[i] = Some(e);
                    changed = true;
                }
            }
            if !changed {
                return c;
            }
        }
    }

    /// The chance event a condition hangs on, if it can hold only after one.
    fn condition(&self, c: &Condition, l: &Lookups) -> Option<usize> {
        let at = |map: &std::collections::HashMap<&str, usize>, v: &[Option<usize>], id: &str| {
            map.get(id).and_then(|&i| v[i])
        };
        match c {
            Condition::Taken(d) => at(&l.decisions, &self.decisions, d),
            Condition::Known(f) => at(&l.facts, &self.facts, f),
            Condition::Happened(e) => at(&l.events, &self.events, e),
            Condition::WeeksSince(since, _) | Condition::WithinWeeks(since, _) => match since {
                Since::Decision(d) => at(&l.decisions, &self.decisions, d),
                Since::Event(e) => at(&l.events, &self.events, e),
            },
            Condition::Any(cs) => every(cs.iter().map(|x| self.condition(x, l))),
            _ => None,
        }
    }

    fn decision(&self, l: &Lookups, id: &str) -> Option<usize> {
        l.decisions.get(id).and_then(|&i| self.decisions[i])
    }

    /// The chance event a rule's check depends on, if any.
    fn check(&self, s: &Scenario, l: &Lookups, check: &Check) -> Option<usize> {
        let event = |id: &str| l.events.get(id).and_then(|&i| self.events[i]);
        let fact = |id: &str| l.facts.get(id).and_then(|&i| self.facts[i]);
        // Every way of meeting it depends on chance.
        let all_chance = |ids: &[String]| every(ids.iter().map(|d| self.decision(l, d)));
        match check {
            Check::Taken(ids) => all_chance(ids),
            Check::GroupBefore { first, .. } => all_chance(first),
            Check::RespondedTo { event: e, .. } => event(e),
            Check::NotHappened(ids) => ids.iter().find_map(|e| event(e)),
            Check::Before(a, b) => [a, b].into_iter().find_map(|m| match m {
                Marker::Decision(d) => self.decision(l, d),
                Marker::Fact(f) => fact(f),
                Marker::Event(e) => event(e),
                Marker::Stage(_) => None,
            }),
            Check::FactsBefore(ids, _) => ids.iter().find_map(|f| fact(f)),
            Check::KeyFactsBefore(_) => s.facts.iter().filter(|f| f.key).find_map(|f| fact(&f.id)),
            Check::FinalAtLeast(v, _) | Check::FinalAtMost(v, _) => s
                .events
                .iter()
                .enumerate()
                .filter(|(_, e)| e.effects.iter().any(|x| x.variable() == v))
                .find_map(|(i, _)| self.events[i]),
            _ => None,
        }
    }
}

/// The chance event (the first one's) when every one of `each` hangs on chance; None when
/// one does not, or there are none.
fn every(each: impl IntoIterator<Item = Option<usize>>) -> Option<usize> {
    each.into_iter()
        .collect::<Option<Vec<usize>>>()?
        .first()
        .copied()
}

/// In an exam, no critical rule and no heavy one may depend on a chance event: the same
/// choices would pass or fail by the seed.
pub(super) fn exam_luck(
    sink: &mut Sink,
    s: &Scenario,
    r: &Rubric,
    criteria: &[Criterion],
    l: &Lookups,
) {
    if r.kind != RubricKind::Exam {
        return;
    }
    let chance = Chance::of(s, l);
    let total: f64 = criteria.iter().map(|c| f64::from(c.weight)).sum();
    for c in criteria {
        let points: u32 = c.rules.iter().map(|x| x.points).sum();
        for rule in &c.rules {
            let share = if total > 0.0 && points > 0 {
                f64::from(c.weight) / total * f64::from(rule.points) / f64::from(points)
            } else {
                0.0
            };
            if !rule.critical && share < HEAVY_SHARE {
                continue;
            }
            let Some(e) = chance.check(s, l, &rule.check) else {
                continue;
            };
            let why = if rule.critical {
                "critical".to_string()
            } else {
                format!("worth {:.0}% of the total", share * 100.0)
            };
            sink.error(
                &rule.id,
                format!(
                    "exam rule `{}` ({why}) depends on the chance event `{}`: the same choices pass or fail by the seed",
                    rule.id, s.events[e].id
                ),
                "in an exam, let the event come by week or by condition, or keep it out of critical rules and rules worth 10% or more",
            );
        }
    }
}

/// The labels of rewarded and penalised decisions, compared by length in each language: a
/// rubric whose rewarded options are clearly longer can be passed by picking the longest.
pub(super) fn length_tell(sink: &mut Sink, s: &Scenario, criteria: &[Criterion]) {
    let (mut rewarded, mut penalised): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    for rule in criteria.iter().flat_map(|c| &c.rules) {
        let (list, ids): (&mut Vec<&str>, Vec<&String>) = match &rule.check {
            Check::Taken(ids) => (&mut rewarded, ids.iter().collect()),
            Check::GroupBefore { first, .. } => (&mut rewarded, first.iter().collect()),
            Check::RespondedTo { with, .. } => (&mut rewarded, with.iter().collect()),
            Check::Avoided(ids) => (&mut penalised, ids.iter().collect()),
            _ => continue,
        };
        for id in ids {
            if !list.contains(&id.as_str()) {
                list.push(id);
            }
        }
    }
    rewarded.retain(|d| !penalised.contains(d));
    if rewarded.len() < 2 || penalised.len() < 2 {
        return;
    }
    for lang in &s.languages {
        let mean = |ids: &[&str]| -> f64 {
            let lens: Vec<f64> = ids
                .iter()
                .filter_map(|d| s.decision(d))
                .map(|d| d.label.get(lang).chars().count() as f64)
                .collect();
            lens.iter().sum::<f64>() / lens.len().max(1) as f64
        };
        let (good, bad) = (mean(&rewarded), mean(&penalised));
        if good > bad * 1.15 && good - bad > 8.0 {
            sink.warning(
                "criteria:",
                format!(
                    "length gives the answer away ({lang}): the labels of rewarded decisions average {good:.0} characters, of penalised ones {bad:.0}"
                ),
                "write good and poor options of similar length and register: no self-justifying tails, no virtue words only on the good ones",
            );
        }
    }
}

/// For each language, the needs whose longest goal is the concrete one: when that holds for
/// more than two thirds of the needs with both kinds, length picks the goal.
pub(super) fn goal_tell(sink: &mut Sink, s: &Scenario) {
    for lang in &s.languages {
        let (mut mixed, mut told) = (0, 0);
        for n in &s.needs {
            let len = |concrete: bool| {
                n.goals
                    .iter()
                    .filter(|g| g.concrete == concrete)
                    .map(|g| g.text.get(lang).chars().count())
                    .max()
            };
            if let (Some(good), Some(vague)) = (len(true), len(false)) {
                mixed += 1;
                told += usize::from(good > vague);
            }
        }
        if mixed >= 3 && told * 3 > mixed * 2 {
            sink.warning(
                "needs:",
                format!(
                    "length gives the goal away ({lang}): for {told} of {mixed} needs the longest goal is the concrete one"
                ),
                "write vague goals as long and as plausible as concrete ones (not measurable, no deadline, not agreed)",
            );
        }
    }
}

/// The worker can decide to go back: to assessment from the plan, monitoring and revision,
/// and from exit to an earlier stage (reopening the case).
pub(super) fn chosen_returns(sink: &mut Sink, s: &Scenario) {
    let back = |at: Stage, ok: &dyn Fn(Stage) -> bool| {
        s.decisions
            .iter()
            .any(|d| d.open_at(at) && !d.closes && d.next.is_some_and(ok))
    };
    let missing: Vec<&str> = [Stage::ServicePlan, Stage::Monitoring, Stage::PlanRevision]
        .into_iter()
        .filter(|&at| !back(at, &|n| n == Stage::Assessment))
        .map(Stage::key)
        .collect();
    if !missing.is_empty() {
        sink.warning(
            "decisions:",
            format!(
                "the worker can never decide to reassess from {}: only an event can send the case back",
                missing.join(", ")
            ),
            "add a repeatable decision open there (`also_at`) with `next: Some(Assessment)` and a cost in `days`",
        );
    }
    if !back(Stage::Exit, &|n| n < Stage::Exit) {
        sink.warning(
            "decisions:",
            "the case cannot be reopened at exit: no decision there goes back to an earlier stage".into(),
            "add a decision open at Exit with `next: Some(Assessment)` (or another earlier stage) and a cost in `days`",
        );
    }
}
