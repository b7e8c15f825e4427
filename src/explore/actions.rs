//! The actions the explorer tries in a state: every decision open now, and a finite set of
//! plan edits, one of each kind the scorer tells apart.

use crate::engine::{Action, Session};
use crate::scenario::{Need, Service};

/// Every decision open now, then the plan edits of [`plan_actions`].
pub fn actions(s: &Session) -> Vec<Action> {
    let mut out: Vec<Action> = s
        .open_decisions()
        .into_iter()
        .map(|d| Action::decide(d.id.clone()))
        .collect();
    out.extend(plan_actions(s));
    out
}

/// The plan edits tried while the plan is open. A student could write any goal, service and
/// deadline; the explorer writes, for each identified need that has no item yet, one item of
/// each kind the rules tell apart: a good one (a concrete goal, the first service that meets
/// the need, a deadline the service can keep), one with a vague goal, one with a service
/// that does not meet the need, and one with a deadline too soon; and it removes any item.
/// So a need has at most one item at a time.
pub fn plan_actions(s: &Session) -> Vec<Action> {
    let Some(weeks) = s.deadline_range() else {
        return Vec::new();
    };
    let (lo, hi) = (*weeks.start(), *weeks.end());
    let scenario = s.scenario();
    let mut out = Vec::new();
    for need in s.identified_needs() {
        if s.state().plan.iter().any(|i| i.need == need.id) {
            continue;
        }
        let concrete = need.goals.iter().find(|g| g.concrete);
        let vague = need.goals.iter().find(|g| !g.concrete);
        let meets = scenario
            .services
            .iter()
            .find(|sv| scenario.can_meet(sv, &need.id));
        let other = scenario
            .services
            .iter()
            .find(|sv| !scenario.can_meet(sv, &need.id));
        let keepable = |sv: &Service| (lo + sv.wait_weeks).clamp(lo, hi);
        let good_goal = concrete.or(vague);
        let item = |goal: Option<&crate::scenario::Goal>, sv: Option<&Service>, week: u32| {
            Some(plan(need, &goal?.id, &sv?.id, week))
        };
        let candidates = [
            item(good_goal, meets, meets.map_or(lo, keepable)),
            item(concrete.and(vague), meets, meets.map_or(lo, keepable)),
            item(good_goal, other, other.map_or(lo, keepable)),
            meets
                .filter(|sv| keepable(sv) > lo)
                .and_then(|sv| item(good_goal, Some(sv), lo)),
        ];
        for a in candidates.into_iter().flatten() {
            if !out.contains(&a) {
                out.push(a);
            }
        }
    }
    out.extend(s.state().plan.iter().map(|i| Action::Unplan {
        need: i.need.clone(),
        service: i.service.clone(),
    }));
    out
}

fn plan(need: &Need, goal: &str, service: &str, deadline_week: u32) -> Action {
    Action::Plan {
        need: need.id.clone(),
        goal: goal.to_string(),
        service: service.to_string(),
        deadline_week,
    }
}
