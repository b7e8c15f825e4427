//! A scenario with its id lookups, built once and shared by every session of it.

use std::collections::HashMap;
use std::sync::Arc;

use crate::scenario::Scenario;

/// A scenario with its lookups built once, shared by every session of it.
#[derive(Debug)]
pub struct Case {
    pub scenario: Scenario,
    /// SHA-256 of the scenario file, written into every log.
    pub hash: String,
    decisions: HashMap<String, usize>,
    facts: HashMap<String, usize>,
    events: HashMap<String, usize>,
    variables: HashMap<String, usize>,
    needs: HashMap<String, usize>,
    services: HashMap<String, usize>,
}

fn index_of<T>(items: &[T], id: impl Fn(&T) -> &str) -> HashMap<String, usize> {
    let mut map = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        // The first of duplicate ids wins; `casework check` reports duplicates.
        map.entry(id(item).to_string()).or_insert(i);
    }
    map
}

impl Case {
    pub fn new(scenario: Scenario, hash: impl Into<String>) -> Arc<Case> {
        Arc::new(Case {
            decisions: index_of(&scenario.decisions, |d| &d.id),
            facts: index_of(&scenario.facts, |f| &f.id),
            events: index_of(&scenario.events, |e| &e.id),
            variables: index_of(&scenario.variables, |v| &v.id),
            needs: index_of(&scenario.needs, |n| &n.id),
            services: index_of(&scenario.services, |s| &s.id),
            hash: hash.into(),
            scenario,
        })
    }

    pub fn decision_index(&self, id: &str) -> Option<usize> {
        self.decisions.get(id).copied()
    }
    pub fn fact_index(&self, id: &str) -> Option<usize> {
        self.facts.get(id).copied()
    }
    pub fn event_index(&self, id: &str) -> Option<usize> {
        self.events.get(id).copied()
    }
    pub fn variable_index(&self, id: &str) -> Option<usize> {
        self.variables.get(id).copied()
    }
    pub fn need_index(&self, id: &str) -> Option<usize> {
        self.needs.get(id).copied()
    }
    pub fn service_index(&self, id: &str) -> Option<usize> {
        self.services.get(id).copied()
    }
}
