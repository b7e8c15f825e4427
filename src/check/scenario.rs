//! Checks of one scenario's shape and text: its header, sizes, translations, ids,
//! references between items, decisions and events, and what can never happen.

use std::collections::HashSet;

use super::reachability::{Lookups, Possible, Reach};
use super::{Sink, check_text, duplicates, network, valid_id, valid_lang};
use crate::bank::{Bank, Entry, picture_path};
use crate::diagnostic::Diagnostic;
use crate::scenario::{Condition, Decision, Effect, Event, Scenario, Since, Stage, Trigger};

/// Checks one scenario.
pub fn check_scenario(entry: &Entry<Scenario>, bank: &Bank) -> Vec<Diagnostic> {
    let s = &entry.doc;
    let mut sink = Sink::new(&entry.path, &entry.text);
    check_header(&mut sink, s);
    if too_big(&mut sink, s) {
        return sink.finish();
    }
    check_texts(&mut sink, s);
    check_ids(&mut sink, s);
    check_picture(&mut sink, entry, bank);
    check_references(&mut sink, s);
    check_outcome_ifs(&mut sink, s);
    check_source(&mut sink, s);
    check_client_reach(&mut sink, s);
    // What can happen at all.
    let lookups = Lookups::of(s);
    let reach = Reach::with(s, &lookups);
    network::check_network(&mut sink, s, &reach, &lookups);
    check_reachable(&mut sink, s, &reach, &lookups);
    check_stages(&mut sink, s, &reach);
    super::order::check_forward_returns(&mut sink, s, &reach);
    super::order::check_set_values(&mut sink, s);
    check_dead_ends(&mut sink, entry);
    super::fairness::goal_tell(&mut sink, s);
    super::fairness::chosen_returns(&mut sink, s);
    sink.finish()
}

/// The id, languages, weeks and minutes.
fn check_header(sink: &mut Sink, s: &Scenario) {
    if !valid_id(&s.id) {
        sink.error(
            &s.id,
            format!("scenario id `{}` is not a valid id", s.id),
            "use lowercase letters, digits and hyphens",
        );
    }
    if s.languages.is_empty() {
        sink.error(
            "languages:",
            "the case declares no language".into(),
            "add `languages: [\"uk\", \"en\"]`",
        );
    }
    for lang in &s.languages {
        if !valid_lang(lang) {
            sink.error(
                lang,
                format!("`{lang}` is not a language tag"),
                "use tags such as `uk` or `en`",
            );
        }
    }
    if s.weeks == 0 {
        sink.error(
            "weeks:",
            "the case has no time: `weeks` is 0".into(),
            "give the case a budget of weeks, e.g. `weeks: 12`",
        );
    }
    if s.weeks > crate::scenario::MAX_WEEKS {
        sink.error(
            "weeks:",
            format!(
                "the case lasts {} weeks; Casework runs cases of at most {} weeks (ten years)",
                s.weeks,
                crate::scenario::MAX_WEEKS
            ),
            "give the case a realistic budget of weeks",
        );
    }
    if s.minutes == 0 {
        sink.warning(
            "minutes:",
            "`minutes` is 0".into(),
            "say how long a student usually needs",
        );
    }
}

/// Whether the case has more items than any analysis is meant for (and says so).
fn too_big(sink: &mut Sink, s: &Scenario) -> bool {
    // Size first: the analyses below are meant for cases, not for millions of items.
    let counts = [
        ("decisions", s.decisions.len()),
        ("facts", s.facts.len()),
        ("needs", s.needs.len()),
        ("services", s.services.len()),
        ("events", s.events.len()),
        ("variables", s.variables.len()),
        ("network", s.network.len()),
    ];
    if let Some((field, n)) = counts.iter().find(|(_, n)| *n > crate::scenario::MAX_ITEMS) {
        let what = match *field {
            "network" => "network members",
            other => other,
        };
        sink.error(
            &format!("{field}:"),
            format!(
                "the case has {n} {what}; a case holds at most {}",
                crate::scenario::MAX_ITEMS
            ),
            "split it into several cases",
        );
        return true;
    }
    false
}

/// Every text has every declared language, and no other.
fn check_texts(sink: &mut Sink, s: &Scenario) {
    for (id, text) in s.texts() {
        let mut parts = id.split('.');
        let kind = parts.next().unwrap_or("");
        let owner = parts.next().unwrap_or("");
        // Items' texts are placed at the item; the case's own at their field.
        let place = match kind {
            "variable" => ("variables", owner),
            "fact" => ("facts", owner),
            "need" => ("needs", owner),
            "service" => ("services", owner),
            "decision" => ("decisions", owner),
            "event" => ("events", owner),
            "network" => ("network", owner),
            "title" => ("", "title:"),
            "summary" => ("", "summary:"),
            "objective" => ("", "objectives:"),
            "client" => ("", "client:"),
            _ => ("", ""),
        };
        check_text(sink, &s.languages, &id, place, text);
    }
}

/// Invalid and duplicate ids of each kind, and variables' ranges.
fn check_ids(sink: &mut Sink, s: &Scenario) {
    duplicates(
        sink,
        "variable",
        "variables",
        s.variables.iter().map(|v| v.id.as_str()),
    );
    duplicates(sink, "fact", "facts", s.facts.iter().map(|v| v.id.as_str()));
    duplicates(sink, "need", "needs", s.needs.iter().map(|v| v.id.as_str()));
    duplicates(
        sink,
        "service",
        "services",
        s.services.iter().map(|v| v.id.as_str()),
    );
    duplicates(
        sink,
        "decision",
        "decisions",
        s.decisions.iter().map(|v| v.id.as_str()),
    );
    duplicates(
        sink,
        "event",
        "events",
        s.events.iter().map(|v| v.id.as_str()),
    );
    for n in &s.needs {
        duplicates(sink, "goal", "needs", n.goals.iter().map(|g| g.id.as_str()));
    }
    for v in &s.variables {
        if v.min >= v.max {
            sink.error_in(
                "variables",
                &v.id,
                format!(
                    "variable `{}` has min {} not below max {}",
                    v.id, v.min, v.max
                ),
                "",
            );
        } else if v.initial < v.min || v.initial > v.max {
            sink.error_in(
                "variables",
                &v.id,
                format!(
                    "variable `{}` starts at {}, outside {}..={}",
                    v.id, v.initial, v.min, v.max
                ),
                "",
            );
        }
    }
}

/// The client's picture: the loader's rule (a bank never holds a scenario that breaks it,
/// so only a scenario built by hand can reach the first arm), then whether the file is there.
fn check_picture(sink: &mut Sink, entry: &Entry<Scenario>, bank: &Bank) {
    match picture_path(entry) {
        Err(d) => sink.out.push(d),
        Ok(Some(rel)) if !bank.files.contains(&rel) => {
            let p = entry.doc.client.picture.as_deref().unwrap_or_default();
            sink.error(
                p,
                format!("picture `{p}` does not exist in the bank"),
                "check the file name",
            )
        }
        Ok(_) => {}
    }
}

/// The ids a scenario declares, by kind, to tell names of things that do not exist.
struct Known {
    facts: HashSet<String>,
    decisions: HashSet<String>,
    events: HashSet<String>,
    vars: HashSet<String>,
    needs: HashSet<String>,
    services: HashSet<String>,
}

fn ids<'a>(ids: impl Iterator<Item = &'a str>) -> HashSet<String> {
    ids.map(str::to_string).collect()
}

impl Known {
    fn of(s: &Scenario) -> Known {
        Known {
            facts: ids(s.facts.iter().map(|x| x.id.as_str())),
            decisions: ids(s.decisions.iter().map(|x| x.id.as_str())),
            events: ids(s.events.iter().map(|x| x.id.as_str())),
            vars: ids(s.variables.iter().map(|x| x.id.as_str())),
            needs: ids(s.needs.iter().map(|x| x.id.as_str())),
            services: ids(s.services.iter().map(|x| x.id.as_str())),
        }
    }

    /// Reports `id`, named by `owner`, unless it is in `set` (ids of one `kind`).
    fn name(sink: &mut Sink, kind: &str, id: &str, set: &HashSet<String>, owner: &str) {
        if set.contains(id) {
            return;
        }
        let (message, help) = super::unknown_reference(sink, owner, kind, id, set);
        sink.error(id, message, &help);
    }

    /// The ids named by conditions, nested ones included.
    fn conditions(&self, sink: &mut Sink, owner: &str, cs: &[Condition]) {
        let mut stack: Vec<&Condition> = cs.iter().collect();
        while let Some(c) = stack.pop() {
            let (kind, id, set) = match c {
                Condition::Taken(d) | Condition::NotTaken(d) => ("decision", d, &self.decisions),
                Condition::Known(f) | Condition::Unknown(f) => ("fact", f, &self.facts),
                Condition::Happened(e) | Condition::NotHappened(e) => ("event", e, &self.events),
                Condition::AtLeast(v, _) | Condition::AtMost(v, _) => ("variable", v, &self.vars),
                Condition::Planned(n) => ("need", n, &self.needs),
                Condition::ServicePlanned(svc) => ("service", svc, &self.services),
                Condition::WeeksSince(since, _) | Condition::WithinWeeks(since, _) => match since {
                    Since::Decision(d) => ("decision", d, &self.decisions),
                    Since::Event(e) => ("event", e, &self.events),
                },
                Condition::Any(inner) => {
                    stack.extend(inner.iter());
                    continue;
                }
                Condition::FromWeek(_)
                | Condition::UntilWeek(_)
                | Condition::PlanComplete
                | Condition::AtStage(_)
                | Condition::NotAtStage(_) => continue,
            };
            Known::name(sink, kind, id, set, owner);
        }
    }

    /// The ids named by requirements, effects and revealed facts.
    fn step(
        &self,
        sink: &mut Sink,
        owner: &str,
        requires: &[Condition],
        effects: &[Effect],
        reveals: &[String],
    ) {
        self.conditions(sink, owner, requires);
        for e in effects {
            Known::name(sink, "variable", e.variable(), &self.vars, owner);
        }
        for f in reveals {
            Known::name(sink, "fact", f, &self.facts, owner);
        }
    }
}

/// Every id named by a decision, event, need or service exists; decisions and events are
/// well formed.
fn check_references(sink: &mut Sink, s: &Scenario) {
    let known = Known::of(s);
    for d in &s.decisions {
        let owner = format!("decision `{}`", d.id);
        known.step(sink, &owner, &d.requires, &d.effects, &d.reveals);
        if let Some(svc) = &d.service {
            Known::name(sink, "service", svc, &known.services, &owner);
        }
        check_decision_shape(sink, d, s.weeks);
    }
    for e in &s.events {
        let owner = format!("event `{}`", e.id);
        known.step(sink, &owner, &e.requires, &e.effects, &e.reveals);
        for d in &e.averted_by {
            Known::name(sink, "decision", d, &known.decisions, &owner);
        }
        if !e.averted_by.is_empty() && !e.consequence {
            sink.warning_in(
                "events",
                &e.id,
                format!(
                    "event `{}` has `averted_by` but is not a `consequence`, so nothing reads it",
                    e.id
                ),
                "add `consequence: true`, or drop `averted_by`",
            );
        }
        check_event_shape(sink, e, s.weeks);
    }
    for n in &s.needs {
        for f in &n.evidence {
            Known::name(sink, "fact", f, &known.facts, &format!("need `{}`", n.id));
        }
    }
    for svc in &s.services {
        for n in &svc.meets {
            let owner = format!("service `{}`", svc.id);
            Known::name(sink, "need", n, &known.needs, &owner);
        }
    }
    check_needs(sink, s);
    if !s
        .decisions
        .iter()
        .any(|d| d.open_at(Stage::Implementation) && d.mode.is_some())
    {
        sink.error(
            "decisions:",
            "no implementation decision says its mode, so the plan is never carried out".into(),
            "give the implementation steps `mode: Independent`, `Accompanied` or `Referral`",
        );
    }
}

/// Each need can be identified, planned and met.
fn check_needs(sink: &mut Sink, s: &Scenario) {
    for n in &s.needs {
        if n.evidence.is_empty() {
            sink.error_in(
                "needs",
                &n.id,
                format!(
                    "need `{}` has no evidence facts, so it can never be identified",
                    n.id
                ),
                "list the facts that reveal it",
            );
        }
        if n.goals.is_empty() {
            sink.error_in(
                "needs",
                &n.id,
                format!("need `{}` has no goals to choose in the plan", n.id),
                "add at least one goal",
            );
        }
        if !s.services.iter().any(|svc| s.can_meet(svc, &n.id)) {
            sink.warning_in(
                "needs",
                &n.id,
                format!("no service of the network meets need `{}` for this client, so no plan can cover it", n.id),
                "add the service to the network, or list the need under an existing service's `meets`",
            );
        }
    }
}

/// Decisions that can never be taken, events that can never happen, facts never uncovered.
/// Only causes are reported: a decision never taken because its stage is never reached is
/// counted in that stage's warning ([`check_stages`]), one that names an unknown id is
/// left to that id's error, and a fact revealed only by such decisions is left to them.
fn check_reachable(sink: &mut Sink, s: &Scenario, reach: &Reach, lookups: &Lookups) {
    let possible = Possible {
        s,
        r: reach,
        l: lookups,
    };
    let moves = reach.moves(s);
    for (i, d) in s.decisions.iter().enumerate() {
        if reach.decisions[i] || d.requires.iter().any(|c| names_unknown(s, c)) {
            continue;
        }
        let implicit = d.implicit_requirement();
        let Some(c) = d
            .requires
            .iter()
            .chain(implicit.iter())
            .find(|c| !possible.possible(c))
        else {
            if let Some(x) = reach.in_order(s, lookups, d, &moves) {
                sink.error_in(
                    "decisions",
                    &d.id,
                    format!("decision `{}` can never be taken: it needs `{x}` taken first, but `{x}` is open only at stages after which the case never comes back to this decision's", d.id),
                    "open the required decision at an earlier stage, or let the case come back (a decision's `next`, an event's `return_to`)",
                );
            }
            continue; // else its stage is never reached: said once, at the stage
        };
        sink.error_in(
            "decisions",
            &d.id,
            format!(
                "decision `{}` can never be taken: it needs {}, which can never hold",
                d.id,
                crate::engine::describe(c)
            ),
            "fix its conditions or the way to its stage",
        );
    }
    for (i, e) in s.events.iter().enumerate() {
        if !reach.events[i] {
            sink.warning_in(
                "events",
                &e.id,
                format!("event `{}` can never happen", e.id),
                "check its trigger and conditions",
            );
        }
    }
    for (i, f) in s.facts.iter().enumerate() {
        let revealed = |reveals: &[String]| reveals.contains(&f.id);
        let by_decision = s.decisions.iter().any(|d| revealed(&d.reveals));
        let by_event = s.events.iter().any(|e| revealed(&e.reveals));
        if !reach.facts[i] && !by_decision && !by_event {
            sink.warning_in(
                "facts",
                &f.id,
                format!(
                    "fact `{}` can never be uncovered: no possible decision or event reveals it",
                    f.id
                ),
                "",
            );
        }
    }
}

/// Whether condition `c` names an id that `s` does not declare (an error of its own).
fn names_unknown(s: &Scenario, c: &Condition) -> bool {
    fn has<'a>(mut ids: impl Iterator<Item = &'a String>, id: &str) -> bool {
        ids.all(|x| x != id)
    }
    match c {
        Condition::Taken(id) | Condition::NotTaken(id) => {
            has(s.decisions.iter().map(|d| &d.id), id)
        }
        Condition::Known(id) | Condition::Unknown(id) => has(s.facts.iter().map(|f| &f.id), id),
        Condition::Happened(id) | Condition::NotHappened(id) => {
            has(s.events.iter().map(|e| &e.id), id)
        }
        Condition::AtLeast(v, _) | Condition::AtMost(v, _) => {
            has(s.variables.iter().map(|x| &x.id), v)
        }
        Condition::Planned(n) => has(s.needs.iter().map(|x| &x.id), n),
        Condition::ServicePlanned(svc) => has(s.services.iter().map(|x| &x.id), svc),
        Condition::Any(cs) => cs.iter().any(|c| names_unknown(s, c)),
        _ => false,
    }
}

/// Every stage is reached and has a way forward. Of the stages never reached, the first
/// is the cause: the others, and the decisions open only there, are counted in its warning.
fn check_stages(sink: &mut Sink, s: &Scenario, reach: &Reach) {
    let unreached: Vec<Stage> = Stage::ALL
        .into_iter()
        .filter(|st| !reach.stages[st.index()])
        .collect();
    if let Some(&first) = unreached.first() {
        let stranded = s
            .decisions
            .iter()
            .filter(|d| d.stages().all(|st| !reach.stages[st.index()]))
            .count();
        let later: Vec<String> = unreached[1..].iter().map(ToString::to_string).collect();
        let mut message = format!("the case never reaches the {first} stage");
        if !later.is_empty() {
            message.push_str(&format!(", nor the {} stage(s) after it", later.join(", ")));
        }
        if stranded > 0 {
            message.push_str(&format!(
                "; so {stranded} decision(s) of these stages can never be taken"
            ));
        }
        sink.warning(
            "decisions:",
            message,
            "give a decision of the stage before it `next: …` to it; a case should walk all seven stages",
        );
    }
    for stage in Stage::ALL {
        if !reach.stages[stage.index()] {
            continue;
        }
        // The exit stage's way forward is the closure: reopening the case leads back.
        let leaves = s.decisions.iter().enumerate().any(|(i, d)| {
            reach.decisions[i]
                && d.open_at(stage)
                && (d.closes || (stage != Stage::Exit && d.next.is_some_and(|n| n != stage)))
        });
        if !leaves {
            let help = if stage == Stage::Exit {
                "add a decision with `closes: true` at the exit stage"
            } else {
                "add a decision with `next: …` (or `closes: true`) open at this stage"
            };
            sink.error("decisions:", format!("the {stage} stage has no way forward: no decision open there moves the case on or closes it"), help);
        }
    }
}

/// Seeds and states per seed of the dead-end search `check` runs (`casework explore` goes
/// further).
const DEAD_END_SEEDS: u64 = 2;
const DEAD_END_BUDGET: usize = 500;

/// States a student can reach where nothing is open and the case has not ended, found by
/// driving the engine ([`crate::explore::dead_ends`]); one error per stage, with a path.
fn check_dead_ends(sink: &mut Sink, entry: &Entry<Scenario>) {
    let case = crate::engine::Case::new(entry.doc.clone(), entry.hash.clone());
    for d in crate::explore::dead_ends(&case, DEAD_END_SEEDS, DEAD_END_BUDGET) {
        sink.error(
            "decisions:",
            format!(
                "a student can get stuck at the {} stage: nothing is open there and the case has not ended",
                d.stage
            ),
            &format!(
                "a student gets there by: {} (seed {}); open a decision there for this situation, or give the stage a way back",
                d.witness.steps(),
                d.witness.seed
            ),
        );
    }
}

fn check_decision_shape(sink: &mut Sink, d: &Decision, weeks: u32) {
    if d.closes && d.next.is_some() {
        sink.warning_in(
            "decisions",
            &d.id,
            format!(
                "decision `{}` both closes the case and names a next stage",
                d.id
            ),
            "a closed case goes nowhere: drop `next`",
        );
    }
    // A step that uses a service must say how: the client alone, accompanied, or referred.
    // The worker's own actions (mediation, supervision, a phone call) need no mode.
    if d.open_at(Stage::Implementation) && d.service.is_some() && d.mode.is_none() {
        sink.error_in(
            "decisions",
            &d.id,
            format!(
                "implementation decision `{}` uses a service but does not say its mode",
                d.id
            ),
            "add `mode: Independent`, `mode: Accompanied` or `mode: Referral`",
        );
    }
    if matches!(d.mode, Some(crate::scenario::Mode::Referral)) && d.service.is_none() {
        sink.warning_in(
            "decisions",
            &d.id,
            format!("referral `{}` does not name the service it refers to", d.id),
            "add `service: \"…\"`",
        );
    }
    if d.days > weeks.saturating_mul(7) {
        sink.error_in(
            "decisions",
            &d.id,
            format!(
                "decision `{}` takes {} days, longer than the whole case",
                d.id, d.days
            ),
            "give it a realistic time in days",
        );
    }
    if d.once && d.repeatable {
        sink.warning_in(
            "decisions",
            &d.id,
            format!(
                "decision `{}` is both `once` and `repeatable`; `once` wins",
                d.id
            ),
            "keep the one you mean",
        );
    }
    if d.also_at.contains(&d.stage) {
        sink.warning_in(
            "decisions",
            &d.id,
            format!("decision `{}` lists its own stage in `also_at`", d.id),
            "",
        );
    }
}

fn check_event_shape(sink: &mut Sink, e: &Event, weeks: u32) {
    match e.trigger {
        Trigger::Chance {
            percent,
            from,
            until,
        } => {
            if percent == 0 || percent > 100 {
                sink.error_in(
                    "events",
                    &e.id,
                    format!("event `{}` has a chance of {percent}%", e.id),
                    "give a chance from 1 to 100 (per week)",
                );
            }
            if from > until {
                sink.error_in(
                    "events",
                    &e.id,
                    format!(
                        "event `{}` starts at week {from}, after it stops at week {until}",
                        e.id
                    ),
                    "",
                );
            }
            if from > weeks {
                sink.error_in(
                    "events",
                    &e.id,
                    format!(
                        "event `{}` starts at week {from}, after the case's {weeks} weeks",
                        e.id
                    ),
                    "",
                );
            }
            if until > weeks {
                sink.error_in(
                    "events",
                    &e.id,
                    format!(
                        "event `{}` runs until week {until}, after the case's {weeks} weeks",
                        e.id
                    ),
                    "end its window within the case",
                );
            }
        }
        Trigger::Week(n) if n > weeks => sink.error_in(
            "events",
            &e.id,
            format!(
                "event `{}` is set for week {n}, after the case's {weeks} weeks",
                e.id
            ),
            "",
        ),
        _ => {}
    }
}

/// The conditions of decisions' `outcome_if` name items that exist (their texts are
/// checked with every other text).
fn check_outcome_ifs(sink: &mut Sink, s: &Scenario) {
    let known = Known::of(s);
    for d in &s.decisions {
        for (i, o) in d.outcome_if.iter().enumerate() {
            let owner = format!("outcome {} of decision `{}`", i + 1, d.id);
            known.conditions(sink, &owner, &o.when);
        }
    }
}

/// Where the case comes from: a case should say, and the facts it says were invented for
/// teaching must be facts of the case.
fn check_source(sink: &mut Sink, s: &Scenario) {
    if s.source.is_none() {
        sink.warning(
            &s.id,
            format!("case `{}` does not say where it comes from", s.id),
            "add `source: (title: \"…\", author: \"…\", licence: \"…\")`; a case written for \
             the bank names the bank as its source",
        );
    }
    let facts = ids(s.facts.iter().map(|f| f.id.as_str()));
    for f in &s.invented {
        Known::name(sink, "fact", f, &facts, "`invented`");
    }
}

/// A service that meets needs but that this client can never use (it needs internet
/// access or a smartphone the client lacks) is a trap for the plan; a case that means it
/// lets the student try it with a decision, so one that no decision uses is likely a slip.
fn check_client_reach(sink: &mut Sink, s: &Scenario) {
    for svc in &s.services {
        if svc.meets.is_empty() || s.reaches(svc) {
            continue;
        }
        if s.decisions
            .iter()
            .any(|d| d.service.as_ref() == Some(&svc.id))
        {
            continue;
        }
        let lacks = if svc.needs_smartphone && !s.client.smartphone {
            "a smartphone, which the client does not have"
        } else {
            "internet access, which the client does not have"
        };
        sink.warning_in(
            "services",
            &svc.id,
            format!(
                "service `{}` can never serve this client: it needs {lacks}, and no decision tries it",
                svc.id
            ),
            "if it is there to be found wanting, give the case a decision that tries it; \
             otherwise correct the client's `internet` or `smartphone`, or the service",
        );
    }
}
