//! Checks of the client's network (the ecomap): member ids, the facts and services members
//! name, the ties that decisions and events change, and members that could never appear.

use std::collections::HashSet;

use super::reachability::{Lookups, Reach};
use super::{Sink, duplicates};
use crate::diagnostic::{Diagnostic, SourceMap};
use crate::scenario::{NetworkMember, Scenario, Sector, Tie};

/// A member's name longer than this (in any language) does not fit an ecomap node.
const LONGEST_NAME: usize = 40;

/// Checks `s.network` and the `ties` of its decisions and events.
pub(super) fn check_network(sink: &mut Sink, s: &Scenario, reach: &Reach, lookups: &Lookups) {
    duplicates(
        sink,
        "network member",
        "network",
        s.network.iter().map(|m| m.id.as_str()),
    );
    let facts: HashSet<String> = s.facts.iter().map(|f| f.id.clone()).collect();
    let services: HashSet<String> = s.services.iter().map(|x| x.id.clone()).collect();
    for m in &s.network {
        check_member(sink, m, &facts, &services);
        if let Some(f) = &m.hidden_until
            && lookups
                .facts
                .get(f.as_str())
                .is_some_and(|&i| !reach.facts[i])
        {
            let at = member_part(sink.map(), &m.id, f);
            sink.push_at(
                Diagnostic::error(
                    sink.path,
                    format!(
                        "network member `{}` is hidden until fact `{f}`, which can never be uncovered, so it never appears on the ecomap",
                        m.id
                    ),
                ),
                at,
                "let a decision or event reveal the fact, or drop `hidden_until`",
            );
        }
    }
    let members: HashSet<String> = s.network.iter().map(|m| m.id.clone()).collect();
    for d in &s.decisions {
        let owner = format!("decision `{}`", d.id);
        check_ties(sink, &members, ("decisions", &d.id), &owner, &d.ties);
    }
    for e in &s.events {
        let owner = format!("event `{}`", e.id);
        check_ties(sink, &members, ("events", &e.id), &owner, &e.ties);
    }
}

/// The facts and service one member names, its sector and its name.
fn check_member(
    sink: &mut Sink,
    m: &NetworkMember,
    facts: &HashSet<String>,
    services: &HashSet<String>,
) {
    let owner = format!("network member `{}`", m.id);
    for f in m.about.iter().chain(&m.hidden_until) {
        if !facts.contains(f) {
            let at = member_part(sink.map(), &m.id, f);
            unknown(sink, at, &owner, "fact", f, facts);
        }
    }
    if let Some(svc) = &m.service {
        if !services.contains(svc) {
            let at = member_part(sink.map(), &m.id, svc);
            unknown(sink, at, &owner, "service", svc, services);
        }
        if m.sector == Sector::Informal {
            let at = member_part(sink.map(), &m.id, svc);
            sink.push_at(
                Diagnostic::error(
                    sink.path,
                    format!("{owner} is informal but is the service `{svc}`"),
                ),
                at,
                "services of the network are formal: make it `sector: Formal`, or drop `service`",
            );
        }
    }
    for (lang, name) in &m.name.0 {
        let len = name.chars().count();
        if len > LONGEST_NAME {
            sink.warning_in(
                "network",
                &m.id,
                format!(
                    "the `{lang}` name of {owner} has {len} characters, too long for an ecomap node"
                ),
                "keep it to about 30 characters (“Olena, her sister”); say more in a fact",
            );
        }
    }
}

/// The `ties` of one decision or event, declared as `id` in the list `section`.
fn check_ties(
    sink: &mut Sink,
    members: &HashSet<String>,
    (section, id): (&str, &str),
    owner: &str,
    ties: &[(String, Tie)],
) {
    let map = sink.map();
    let start = map.id_in(section, id);
    let ties_at = start.and_then(|o| map.field_after(o, "ties"));
    let mut seen = HashSet::new();
    // The ties are written in order: each is looked for after the one before, so that a
    // repeated member is placed at its repetition.
    let mut from = ties_at;
    for (member, _) in ties {
        let found = from.and_then(|o| sink.map().quoted(o, member));
        from = found.map(|o| o + 1).or(from);
        let at = found.or(start).unwrap_or(0);
        if !members.contains(member) {
            unknown(sink, at, owner, "network member", member, members);
        } else if !seen.insert(member.as_str()) {
            sink.push_at(
                Diagnostic::warning(
                    sink.path,
                    format!("{owner} changes the tie of `{member}` twice; the last one counts"),
                ),
                at,
                "keep one change per member",
            );
        }
    }
}

/// An error for a reference to `id`, which `set` does not hold, with a "did you mean".
fn unknown(sink: &mut Sink, at: usize, owner: &str, kind: &str, id: &str, set: &HashSet<String>) {
    let (message, help) = super::unknown_reference(sink, owner, kind, id, set);
    sink.push_at(Diagnostic::error(sink.path, message), at, &help);
}

/// Byte offset of `"value"` inside the declaration of network member `member`, else of the
/// member, else of the first `"value"` in the file.
fn member_part(map: &SourceMap, member: &str, value: &str) -> usize {
    let decl = map
        .field("network")
        .and_then(|o| map.declaration(o, member));
    decl.and_then(|o| map.quoted(o + 1, value))
        .or(decl)
        .or_else(|| map.quoted(0, value))
        .unwrap_or(0)
}
