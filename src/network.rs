//! The client's ecomap as it stands in a session: which members of the network the student
//! can see, how strong each tie is now, what is known about each member, and what changed.
//!
//! Everything is read off the session's log and state; the engine knows nothing of the
//! network. A tie is what the scenario starts it at, changed by the `ties` of each decision
//! taken and each event that happened, in log order.

use std::collections::{HashMap, HashSet};

use crate::engine::{Action, Record, Session};
use crate::scenario::{NetworkMember, Scenario, Sector, Tie};

/// The members of the client's network visible now, in scenario order. The client and the
/// household stand in the middle and are not members.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ecomap {
    pub members: Vec<MemberView>,
}

impl Ecomap {
    pub fn member(&self, id: &str) -> Option<&MemberView> {
        self.members.iter().find(|m| m.id == id)
    }
}

/// One node of the ecomap and its line to the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberView {
    pub id: String,
    pub sector: Sector,
    /// The tie after every decision and event so far, in log order.
    pub tie: Tie,
    /// Ids of the member's `about` facts the student has found, in scenario order.
    pub known: Vec<String>,
    /// The log record (1-based) of the last change of its tie, if it ever changed. A
    /// decision or event that sets the tie it already has changes nothing.
    pub changed_at: Option<u32>,
    /// Its tie before that change.
    pub previous: Option<Tie>,
}

/// The ecomap now, after every record of the session's log.
pub fn ecomap(session: &Session) -> Ecomap {
    let records = u32::try_from(session.log().records.len()).unwrap_or(u32::MAX);
    ecomap_at(session, records)
}

/// The ecomap as it stood after the given log record (for the review screen): the same,
/// computed over records `1..=record`; record 0 is the start of the case.
pub fn ecomap_at(session: &Session, record: u32) -> Ecomap {
    let s = session.scenario();
    let mut ties = ties_after(session, record);
    let known = |fact: &str| {
        session
            .case()
            .fact_index(fact)
            .and_then(|i| session.state().known[i])
            .is_some_and(|at| at <= record)
    };
    let members = first_of_each_id(s)
        .filter(|(_, m)| m.hidden_until.as_deref().is_none_or(known))
        .map(|(i, m)| {
            let line = ties[i].take().unwrap_or(Line::start(m.tie));
            MemberView {
                id: m.id.clone(),
                sector: m.sector,
                tie: line.tie,
                known: m.about.iter().filter(|f| known(f)).cloned().collect(),
                changed_at: line.changed_at,
                previous: line.previous,
            }
        })
        .collect();
    Ecomap { members }
}

/// A member's line to the client and its last change.
#[derive(Debug, Clone, Copy)]
struct Line {
    tie: Tie,
    changed_at: Option<u32>,
    previous: Option<Tie>,
}

impl Line {
    fn start(tie: Tie) -> Line {
        Line {
            tie,
            changed_at: None,
            previous: None,
        }
    }
}

/// Each member's line after records `1..=record`, by position in `network`.
fn ties_after(session: &Session, record: u32) -> Vec<Option<Line>> {
    let s = session.scenario();
    let index: HashMap<&str, usize> = first_of_each_id(s).map(|(i, m)| (&*m.id, i)).collect();
    let mut lines: Vec<Option<Line>> = s.network.iter().map(|m| Some(Line::start(m.tie))).collect();
    let records = session.log().records.iter().take(record as usize);
    for (seq, r) in (1u32..).zip(records) {
        for (member, tie) in changes(session, r) {
            let Some(line) = index.get(member.as_str()).and_then(|&i| lines[i].as_mut()) else {
                continue;
            };
            if line.tie != *tie {
                line.previous = Some(line.tie);
                line.tie = *tie;
                line.changed_at = Some(seq);
            }
        }
    }
    lines
}

/// The tie changes a log record brings: its decision's or its event's `ties`.
fn changes<'a>(session: &'a Session, r: &Record) -> &'a [(String, Tie)] {
    let case = session.case();
    let s = session.scenario();
    match r {
        Record::Step {
            action: Action::Decide { decision },
            ..
        } => case
            .decision_index(decision)
            .map_or(&[], |i| &s.decisions[i].ties),
        Record::Event { event, .. } => case.event_index(event).map_or(&[], |i| &s.events[i].ties),
        Record::Step { .. } => &[],
    }
}

/// Members with their position, the first of duplicate ids only (as everywhere in the
/// engine; `casework check` reports duplicates).
fn first_of_each_id(s: &Scenario) -> impl Iterator<Item = (usize, &NetworkMember)> {
    let mut seen = HashSet::new();
    s.network
        .iter()
        .enumerate()
        .filter(move |(_, m)| seen.insert(m.id.as_str()))
}
