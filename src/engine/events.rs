//! What happens between the student's steps: events by week, by chance and by condition,
//! and the effects, facts and stage changes that steps and events bring.

use std::sync::Arc;

use rand::RngCore;

use super::{End, Record, Session};
use crate::scenario::{Effect, Event, Stage, Trigger};

impl Session {
    /// The events due after a step: week by week from `old_week` to now, then those whose
    /// conditions hold.
    pub(super) fn run_events(&mut self, old_week: u32, fired: &mut Vec<String>) {
        self.run_events_in(old_week, false, fired);
    }

    /// After a case is closed, the rest of its weeks still play out: every event that is
    /// not `while_open` happens when due, so rules on events and on the final state see
    /// what the closure led to. The stage stays where it was; no event can send the case
    /// back or end it again.
    pub(super) fn follow_up(&mut self, fired: &mut Vec<String>) {
        let last = self
            .case
            .scenario
            .weeks
            .clamp(1, crate::scenario::MAX_WEEKS);
        let closed_week = self.state.week();
        self.run_events_in(closed_week, true, fired);
        for week in closed_week + 1..=last {
            self.state.day = self.state.day.max((week - 1) * 7);
            self.run_events_in(week - 1, true, fired);
        }
    }

    fn run_events_in(&mut self, old_week: u32, follow_up: bool, fired: &mut Vec<String>) {
        // In the follow-up the case has ended; nothing else stops the events.
        let stopped = |s: &Session| !follow_up && s.ended();
        // Happened already and not repeatable, or kept for the open case only.
        let spent = |s: &Session, i: usize, e: &Event| {
            (!e.repeatable && !s.state.happened[i].is_empty()) || (follow_up && e.while_open)
        };
        let case = Arc::clone(&self.case);
        let events = &case.scenario.events;
        let new_week = self
            .state
            .week()
            .min(case.scenario.weeks.max(1))
            .min(crate::scenario::MAX_WEEKS);
        for week in old_week + 1..=new_week {
            for (i, e) in events.iter().enumerate() {
                if stopped(self) {
                    return;
                }
                if spent(self, i, e) {
                    continue;
                }
                let due = match e.trigger {
                    Trigger::Week(n) => week >= n,
                    Trigger::Chance {
                        percent,
                        from,
                        until,
                    } => {
                        (from..=until).contains(&week)
                            && e.requires.iter().all(|c| self.holds(c))
                            && self.roll(percent)
                    }
                    Trigger::When => false,
                };
                if due && e.requires.iter().all(|c| self.holds(c)) {
                    self.fire(i, e, follow_up, fired);
                }
            }
        }
        // Conditions and scheduled weeks are looked at after every step; each event at most
        // once per step, so a repeatable one cannot loop.
        let mut fired_now = vec![false; events.len()];
        loop {
            let mut any = false;
            for (i, e) in events.iter().enumerate() {
                if stopped(self) {
                    return;
                }
                if fired_now[i] || spent(self, i, e) {
                    continue;
                }
                let due = match e.trigger {
                    Trigger::Week(n) => self.state.week() >= n,
                    Trigger::When => true,
                    Trigger::Chance { .. } => false,
                };
                if due && e.requires.iter().all(|c| self.holds(c)) {
                    fired_now[i] = true;
                    any = true;
                    self.fire(i, e, follow_up, fired);
                }
            }
            if !any {
                break;
            }
        }
    }

    /// True with `percent` chance; one draw from the session's generator.
    fn roll(&mut self, percent: u8) -> bool {
        let draw = (u64::from(self.rng.next_u32()) * 100) >> 32;
        draw < u64::from(percent)
    }

    fn fire(&mut self, i: usize, e: &Event, follow_up: bool, fired: &mut Vec<String>) {
        let seq = self.next_seq();
        self.log.records.push(Record::Event {
            after_step: self.state.steps,
            stage: self.state.stage,
            day: self.state.day,
            event: e.id.clone(),
        });
        self.state.happened[i].push(seq);
        self.apply_effects(&e.effects);
        self.reveal(&e.reveals, seq);
        // In the follow-up the case is closed: nothing sends it back or ends it again.
        if !follow_up {
            self.move_case(e, seq, fired);
        }
        fired.push(e.id.clone());
    }

    /// What an event does to the open case: sends it back (`return_to`), or ends it.
    fn move_case(&mut self, e: &Event, seq: u32, fired: &[String]) {
        if let Some(stage) = e.return_to {
            // Two returns after one step: the earlier stage wins, so the case restarts from
            // the more fundamental point (a new assessment before a plan revision).
            let earlier_return = fired
                .iter()
                .filter_map(|id| self.case.scenario.event(id).and_then(|x| x.return_to))
                .min();
            if earlier_return.is_none_or(|r| stage < r) {
                self.enter(stage, seq);
            }
        }
        if e.ends_case {
            self.state.end = Some(End::EndedByEvent {
                event: e.id.clone(),
            });
        }
    }

    pub(super) fn enter(&mut self, stage: Stage, seq: u32) {
        if stage != self.state.stage {
            self.state.stage = stage;
            self.state.entered[stage.index()].push(seq);
        }
    }

    pub(super) fn apply_effects(&mut self, effects: &[Effect]) {
        for effect in effects {
            let Some(i) = self.case.variable_index(effect.variable()) else {
                continue;
            };
            let v = &self.case.scenario.variables[i];
            let value = match effect {
                Effect::Add(_, n) => self.state.values[i].saturating_add(*n),
                Effect::Set(_, n) => *n,
            };
            self.state.values[i] = value.clamp(v.min, v.max.max(v.min));
        }
    }

    pub(super) fn reveal(&mut self, facts: &[String], seq: u32) {
        for f in facts {
            if let Some(i) = self.case.fact_index(f) {
                self.state.known[i].get_or_insert(seq);
            }
        }
    }
}
