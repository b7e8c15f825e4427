//! The service plan: checking and making edits, what the plan covers, and what is wrong
//! with an item.

use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use super::{Refusal, Session};
use crate::scenario::{Need, Stage};

/// One line of the service plan: need → goal → service (and its provider) → deadline.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PlanItem {
    pub need: String,
    pub goal: String,
    pub service: String,
    pub deadline_week: u32,
    /// The week the item was written; a deadline must leave the service its waiting time.
    pub added_week: u32,
}

/// What is wrong with a plan item: the rules a realistic plan is scored by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "fault", rename_all = "snake_case")]
pub enum PlanFault {
    /// The goal is not concrete (specific, measurable, agreed with the client).
    VagueGoal,
    /// The service does not meet the need.
    DoesNotMeetNeed,
    /// The service meets the need online only, and the client has no internet access.
    OnlineOnly,
    /// The service meets the need through a smartphone app, and the client has no
    /// smartphone (or no internet access to use it).
    NeedsSmartphone,
    /// The deadline comes before the service can start; `earliest` is the first week it
    /// could be.
    DeadlineTooSoon { earliest: u32 },
}

impl Session {
    /// Whether a plan item's service meets its need, for this client: a service that meets
    /// the need online only does not, for a client without internet access.
    pub fn covers(&self, item: &PlanItem) -> bool {
        let scenario = &self.case.scenario;
        scenario
            .service(&item.service)
            .is_some_and(|s| scenario.can_meet(s, &item.need))
    }

    /// Needs identified so far and not met by any item of the plan.
    pub fn uncovered_needs(&self) -> Vec<&str> {
        self.identified_needs()
            .into_iter()
            .filter(|n| {
                !self
                    .state
                    .plan
                    .iter()
                    .any(|i| i.need == n.id && self.covers(i))
            })
            .map(|n| n.id.as_str())
            .collect()
    }

    /// Needs identified so far (any evidence fact known), in scenario order.
    pub fn identified_needs(&self) -> Vec<&Need> {
        self.case
            .scenario
            .needs
            .iter()
            .filter(|n| self.is_identified(&n.id))
            .collect()
    }

    /// What is wrong with a plan item (empty: nothing).
    pub fn plan_faults(&self, item: &PlanItem) -> Vec<PlanFault> {
        let scenario = &self.case.scenario;
        let goal = scenario
            .need(&item.need)
            .and_then(|n| n.goals.iter().find(|g| g.id == item.goal));
        let service = scenario.service(&item.service);
        let mut faults = Vec::new();
        if !goal.is_some_and(|g| g.concrete) {
            faults.push(PlanFault::VagueGoal);
        }
        if !self.covers(item) {
            let fault = match service.filter(|s| s.meets.contains(&item.need)) {
                Some(s) if s.needs_smartphone => PlanFault::NeedsSmartphone,
                Some(s) if s.online_only => PlanFault::OnlineOnly,
                _ => PlanFault::DoesNotMeetNeed,
            };
            faults.push(fault);
        }
        if let Some(s) = service {
            let earliest = item.added_week.saturating_add(s.wait_weeks);
            if item.deadline_week < earliest {
                faults.push(PlanFault::DeadlineTooSoon { earliest });
            }
        }
        faults
    }

    /// Whether the service plan can be edited now.
    pub fn plan_open(&self) -> bool {
        !self.ended() && matches!(self.state.stage, Stage::ServicePlan | Stage::PlanRevision)
    }

    /// The deadline weeks a Plan action would be accepted with now (None when the plan
    /// cannot be edited).
    pub fn deadline_range(&self) -> Option<RangeInclusive<u32>> {
        let range = self.state.week()..=self.case.scenario.weeks;
        (self.plan_open() && !range.is_empty()).then_some(range)
    }

    fn check_plan_edit(&self, need: &str, service: &str) -> Result<(), Refusal> {
        if self.ended() {
            return Err(Refusal::CaseEnded);
        }
        if !self.plan_open() {
            return Err(Refusal::PlanNotOpen(self.state.stage));
        }
        if self.case.need_index(need).is_none() {
            return Err(Refusal::UnknownNeed(need.to_string()));
        }
        if !self.is_identified(need) {
            return Err(Refusal::NeedNotIdentified(need.to_string()));
        }
        if self.case.service_index(service).is_none() {
            return Err(Refusal::UnknownService(service.to_string()));
        }
        Ok(())
    }

    /// The item a Plan action would write, or why it is refused.
    pub(super) fn check_plan_item(
        &self,
        need: &str,
        goal: &str,
        service: &str,
        deadline_week: u32,
    ) -> Result<PlanItem, Refusal> {
        self.check_plan_edit(need, service)?;
        let n = &self.case.scenario.needs[self.case.need_index(need).unwrap_or(0)];
        if !n.goals.iter().any(|g| g.id == goal) {
            return Err(Refusal::UnknownGoal {
                need: need.to_string(),
                goal: goal.to_string(),
            });
        }
        let week = self.state.week();
        if deadline_week < week {
            return Err(Refusal::DeadlinePassed {
                deadline: deadline_week,
                week,
            });
        }
        if deadline_week > self.case.scenario.weeks {
            return Err(Refusal::DeadlineBeyondCase {
                deadline: deadline_week,
                weeks: self.case.scenario.weeks,
            });
        }
        Ok(PlanItem {
            need: need.to_string(),
            goal: goal.to_string(),
            service: service.to_string(),
            deadline_week,
            added_week: week,
        })
    }

    /// Adds the item, or replaces the item for the same need and service.
    pub(super) fn put_in_plan(&mut self, item: PlanItem) {
        match self
            .state
            .plan
            .iter_mut()
            .find(|i| i.need == item.need && i.service == item.service)
        {
            Some(existing) => *existing = item,
            None => self.state.plan.push(item),
        }
    }

    /// Where the item an Unplan action removes is, or why it is refused.
    pub(super) fn check_unplan(&self, need: &str, service: &str) -> Result<usize, Refusal> {
        self.check_plan_edit(need, service)?;
        self.state
            .plan
            .iter()
            .position(|i| i.need == need && i.service == service)
            .ok_or_else(|| Refusal::NotInPlan {
                need: need.to_string(),
                service: service.to_string(),
            })
    }
}
