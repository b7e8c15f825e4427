//! What the order of stages makes pointless: events that jump the case forward, and
//! values set outside their variable's range.

use super::Sink;
use super::reachability::Reach;
use crate::scenario::{Effect, Scenario};

/// Events whose `return_to` is later than every stage at which they can happen: they move
/// the case on, which is a decision's job (the student should choose it).
pub(super) fn check_forward_returns(sink: &mut Sink, s: &Scenario, reach: &Reach) {
    for (i, e) in s.events.iter().enumerate() {
        let Some(to) = e.return_to else { continue };
        if !reach.events[i] {
            continue; // said where it can never happen
        }
        let at = reach.event_stages(e);
        let latest = (0..7).rev().find(|&st| at[st]);
        if latest.is_some_and(|st| st < to.index()) {
            sink.warning_in(
                "events",
                &e.id,
                format!(
                    "event `{}` has `return_to: {to:?}`, later than every stage at which it can happen: `return_to` sends the case forward to the {to} stage",
                    e.id
                ),
                "`return_to` is for sending the case back; use a decision with `next` to move it on",
            );
        }
    }
}

/// `Set(var, v)` with `v` outside the variable's range: the engine clamps it.
pub(super) fn check_set_values(sink: &mut Sink, s: &Scenario) {
    let owners = s
        .decisions
        .iter()
        .map(|d| ("decisions", "decision", &d.id, &d.effects))
        .chain(
            s.events
                .iter()
                .map(|e| ("events", "event", &e.id, &e.effects)),
        );
    for (section, kind, id, effects) in owners {
        for effect in effects {
            let Effect::Set(var, value) = effect else {
                continue;
            };
            let Some(v) = s.variables.iter().find(|v| &v.id == var) else {
                continue; // an unknown variable is an error of its own
            };
            let (min, max) = (v.min, v.max.max(v.min));
            if (min..=max).contains(value) {
                continue;
            }
            let clamped = (*value).clamp(min, max);
            sink.warning_in(
                section,
                id,
                format!("{kind} `{id}` sets `{var}` to {value}, outside {min}..={max}: it will be clamped to {clamped}"),
                "set a value inside the variable's range, or widen the range",
            );
        }
    }
}
