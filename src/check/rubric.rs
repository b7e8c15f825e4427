//! Checks of one rubric against its scenario: ids, weights, the ids its rules name, and
//! rules that can never be met or contradict each other.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::reachability::{Lookups, Possible, Reach};
use super::{Sink, check_text, closest, duplicates, valid_id};
use crate::bank::{Bank, Entry};
use crate::diagnostic::{Diagnostic, Related, Severity};
use crate::rubric::{Check, Criterion, GROUP_PREFIX, Marker, Rubric, Rule};
use crate::scenario::{Condition, Scenario};

/// Checks one rubric against its scenario in the bank.
pub fn check_rubric(entry: &Entry<Rubric>, bank: &Bank) -> Vec<Diagnostic> {
    let r = &entry.doc;
    let mut sink = Sink::new(&entry.path, &entry.text);
    if too_big(&mut sink, r) {
        return sink.finish();
    }
    check_header(&mut sink, r);
    let Some(scenario) = bank.scenario(&r.scenario) else {
        unknown_scenario(&mut sink, r, bank);
        return sink.finish();
    };
    let s = &scenario.doc;
    check_texts(&mut sink, &s.languages, r);
    let lookups = Lookups::of(s);
    let reach = Reach::with(s, &lookups);
    let criteria = resolved(&mut sink, r, &lookups);
    super::fairness::exam_luck(&mut sink, s, r, &criteria, &lookups);
    super::fairness::length_tell(&mut sink, s, &criteria);
    let mut rules = Rules {
        s,
        lookups: &lookups,
        reach: &reach,
        taken_required: Vec::new(),
        avoided: Vec::new(),
    };
    let (mut reachable_max, mut total_weight) = (0.0, 0.0);
    for c in &criteria {
        let (max, reachable) = rules.criterion(&mut sink, c);
        if max > 0 && c.weight > 0 {
            reachable_max += f64::from(c.weight) * f64::from(reachable) / f64::from(max);
            total_weight += f64::from(c.weight);
        }
    }
    rules.contradictions(&mut sink, &criteria);
    rules.exclusions(&mut sink);
    if total_weight > 0.0 && reachable_max / total_weight * 100.0 + 1e-9 < f64::from(r.pass_mark) {
        sink.error(
            "pass_mark:",
            format!(
                "the best possible total is {:.1}%, below the pass mark of {}%: nobody can pass",
                reachable_max / total_weight * 100.0,
                r.pass_mark
            ),
            "",
        );
    }
    sink.finish()
}

/// Whether the rubric has more rules than any analysis is meant for (and says so).
fn too_big(sink: &mut Sink, r: &Rubric) -> bool {
    let rules: usize = r.criteria.iter().map(|c| c.rules.len()).sum();
    if rules > crate::scenario::MAX_ITEMS {
        sink.error(
            "criteria:",
            format!(
                "the rubric has {rules} rules; a rubric holds at most {}",
                crate::scenario::MAX_ITEMS
            ),
            "score the essentials; split the rest into another rubric",
        );
        return true;
    }
    false
}

/// The id, pass mark, criteria and duplicate ids.
fn check_header(sink: &mut Sink, r: &Rubric) {
    if !valid_id(&r.id) {
        sink.error(
            &r.id,
            format!("rubric id `{}` is not a valid id", r.id),
            "use lowercase letters, digits and hyphens",
        );
    }
    if r.pass_mark > 100 {
        sink.error(
            "pass_mark:",
            format!("the pass mark is {}%, above 100%", r.pass_mark),
            "give a pass mark from 1 to 100",
        );
    } else if r.pass_mark == 0 {
        sink.warning(
            "pass_mark:",
            "the pass mark is 0%: every attempt without a critical error passes".into(),
            "",
        );
    }
    if r.criteria.is_empty() {
        sink.error("criteria:", "the rubric has no criteria".into(), "");
    }
    duplicates(
        sink,
        "criterion",
        "criteria",
        r.criteria.iter().map(|c| c.id.as_str()),
    );
    duplicates(
        sink,
        "rule",
        "criteria",
        r.criteria
            .iter()
            .flat_map(|c| c.rules.iter())
            .map(|x| x.id.as_str()),
    );
}

/// The rubric names a scenario the bank does not have: one that failed to load (said
/// once, at that file's error), or one that is not there at all.
fn unknown_scenario(sink: &mut Sink, r: &Rubric, bank: &Bank) {
    let ids: HashSet<String> = bank.scenarios.iter().map(|s| s.doc.id.clone()).collect();
    let near = closest(&r.scenario, &ids);
    if near.is_none()
        && let Some(failed) = failed_scenario(sink.path, &r.scenario, bank)
    {
        let d = Diagnostic::warning(
            sink.path,
            format!(
                "rubric not checked: its scenario `{}` is probably {}, which failed to load",
                r.scenario, failed.path
            ),
        );
        let mut d = d.help("fix the scenario's error first; the rubric is checked against it then");
        d.add_related(Related::failed_to_load(failed));
        sink.push(d, &r.scenario, "");
        return;
    }
    sink.error(
        &r.scenario,
        format!(
            "the rubric is for scenario `{}`, which is not in the bank",
            r.scenario
        ),
        &near
            .map(|n| format!("did you mean `{n}`?"))
            .unwrap_or_else(|| "check the scenario id".into()),
    );
}

/// The error of a file that failed to load and most likely holds scenario `id`: one whose
/// path names the id, else the only one beside the rubric `path`.
fn failed_scenario<'a>(path: &str, id: &str, bank: &'a Bank) -> Option<&'a Diagnostic> {
    let failed = || {
        bank.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error && d.path.ends_with(".ron"))
    };
    let folder = |p: &str| p.rsplit_once('/').map_or("", |(f, _)| f).to_string();
    let named = failed().find(|d| d.path.split(['/', '.']).any(|part| part == id));
    named.or_else(|| {
        let mut beside = failed().filter(|d| d.path != path && folder(&d.path) == folder(path));
        let only = beside.next();
        only.filter(|_| beside.next().is_none())
    })
}

/// The scenario a rubric scores, what can happen in it, and the decisions rules require
/// or forbid (decision id, rule id), gathered for the checks across rules.
struct Rules<'a> {
    s: &'a Scenario,
    lookups: &'a Lookups<'a>,
    reach: &'a Reach,
    taken_required: Vec<(&'a str, &'a str)>,
    avoided: Vec<(&'a str, &'a str)>,
}

impl<'a> Rules<'a> {
    /// Checks a criterion and its rules; returns its points: at most, and reachable.
    fn criterion(&mut self, sink: &mut Sink, c: &'a Criterion) -> (u32, u32) {
        if c.weight == 0 {
            sink.error(
                &c.id,
                format!("criterion `{}` has weight 0", c.id),
                "give it a weight, or remove it",
            );
        }
        if c.rules.is_empty() {
            sink.error(&c.id, format!("criterion `{}` has no rules", c.id), "");
        }
        let (mut max, mut reachable) = (0u32, 0u32);
        for rule in &c.rules {
            max += rule.points;
            if self.rule(sink, rule) {
                reachable += rule.points;
            }
        }
        (max, reachable)
    }

    /// Checks one rule; returns whether some session can meet it.
    fn rule(&mut self, sink: &mut Sink, rule: &'a Rule) -> bool {
        if rule.title.is_none() {
            sink.warning(
                &rule.id,
                format!(
                    "rule `{}` has no title, so students see its id instead",
                    rule.id
                ),
                "add `title: {\"uk\": …, \"en\": …}`, a few words on what the rule is about",
            );
        }
        if rule.points == 0 && !rule.critical {
            sink.warning(
                &rule.id,
                format!(
                    "rule `{}` gives 0 points and is not critical: it changes nothing",
                    rule.id
                ),
                "",
            );
        }
        let reach_ok = self.can_meet(sink, rule);
        if reach_ok {
            return true;
        }
        if rule.critical {
            sink.error(
                &rule.id,
                format!(
                    "critical rule `{}` can never be met, so every attempt fails",
                    rule.id
                ),
                "check the rule against the scenario",
            );
        } else {
            sink.error(
                &rule.id,
                format!("rule `{}` can never be met in this scenario, so the rubric's maximum cannot be reached", rule.id),
                "check the ids and thresholds against the scenario",
            );
        }
        false
    }

    /// Whether one of the decisions `with` can be open after event `i` has happened, as
    /// a `RespondedTo` rule needs; reports the rule when none can.
    fn answerable(&self, sink: &mut Sink, rule: &Rule, i: usize, with: &[String]) -> bool {
        let (reach, lookups) = (self.reach, self.lookups);
        let moves = reach.moves(self.s);
        let event = &self.s.events[i];
        let fired_at = reach.event_stages(event);
        let mut after = [false; 7];
        for from in (0..7).filter(|&st| fired_at[st]) {
            for (a, ok) in after.iter_mut().zip(reach.after(&moves, from)) {
                *a |= ok;
            }
        }
        let open = with.iter().any(|d| {
            lookups.decisions.get(d.as_str()).is_some_and(|&d| {
                reach.decisions[d] && self.s.decisions[d].stages().any(|st| after[st.index()])
            })
        });
        if !open {
            sink.error(
                &rule.id,
                format!(
                    "rule `{}` can never be met: none of its decisions is open at a stage the case can be at after event `{}`",
                    rule.id, event.id
                ),
                "answer the event with a decision open where it happens or later",
            );
        }
        open
    }

    /// Index of decision `id`, reporting it when the scenario lacks it.
    fn decision(&self, sink: &mut Sink, rule: &Rule, id: &str) -> Option<usize> {
        let i = self.lookups.decisions.get(id).copied();
        names(sink, rule, "decision", id, i.is_some());
        i
    }

    /// Whether a marker can happen, reporting ids the scenario lacks.
    fn marker(&self, sink: &mut Sink, rule: &Rule, m: &Marker) -> bool {
        let (reach, lookups) = (self.reach, self.lookups);
        let (kind, id, map, reached) = match m {
            Marker::Decision(d) => ("decision", d, &lookups.decisions, &reach.decisions),
            Marker::Fact(f) => ("fact", f, &lookups.facts, &reach.facts),
            Marker::Event(e) => ("event", e, &lookups.events, &reach.events),
            Marker::Stage(st) => return reach.stages[st.index()],
        };
        let i = map.get(id.as_str()).copied();
        names(sink, rule, kind, id, i.is_some());
        i.is_some_and(|i| reached[i])
    }

    /// Whether some session can meet the rule's check, reporting what makes it impossible.
    fn can_meet(&mut self, sink: &mut Sink, rule: &'a Rule) -> bool {
        let (reach, lookups) = (self.reach, self.lookups);
        let mut reach_ok = true;
        match &rule.check {
            Check::Taken(ids) => {
                for d in ids {
                    self.decision(sink, rule, d);
                    self.taken_required.push((d, &rule.id));
                }
                reach_ok = ids.iter().any(|d| {
                    lookups
                        .decisions
                        .get(d.as_str())
                        .is_some_and(|&i| reach.decisions[i])
                });
            }
            Check::Avoided(ids) => {
                for d in ids {
                    self.decision(sink, rule, d);
                    self.avoided.push((d, &rule.id));
                }
            }
            Check::Before(a, b) => {
                let a_ok = self.marker(sink, rule, a);
                let b_ok = self.marker(sink, rule, b);
                if !a_ok && b_ok && rule.critical {
                    sink.error(&rule.id, format!("critical rule `{}` fails every attempt in which its second marker happens: its first marker can never happen", rule.id), "check the first marker against the scenario: can it be taken, and before the second?");
                } else if !a_ok {
                    sink.warning(&rule.id, format!("in rule `{}` the first marker can never happen, so the rule holds only when the second never does", rule.id), "");
                } else if !b_ok {
                    sink.warning(
                        &rule.id,
                        format!(
                            "rule `{}` is always met: its second marker can never happen",
                            rule.id
                        ),
                        "check the second marker against the scenario, or drop the rule",
                    );
                }
            }
            Check::FactsBefore(ids, _) => {
                for f in ids {
                    names(
                        sink,
                        rule,
                        "fact",
                        f,
                        lookups.facts.contains_key(f.as_str()),
                    );
                }
                reach_ok = ids.iter().all(|f| {
                    lookups
                        .facts
                        .get(f.as_str())
                        .is_some_and(|&i| reach.facts[i])
                });
            }
            Check::RespondedTo {
                event,
                with,
                within,
                ..
            } => {
                let e = lookups.events.get(event.as_str()).copied();
                names(sink, rule, "event", event, e.is_some());
                for d in with {
                    self.decision(sink, rule, d);
                }
                if *within == 0 {
                    sink.error(
                        &rule.id,
                        format!("rule `{}` allows 0 steps to respond", rule.id),
                        "allow at least 1 step",
                    );
                    reach_ok = false;
                }
                if e.is_some_and(|i| !reach.events[i]) {
                    sink.warning(&rule.id, format!("rule `{}` answers event `{event}`, which can never happen: it never applies", rule.id), "");
                }
                reach_ok &= with.iter().any(|d| {
                    lookups
                        .decisions
                        .get(d.as_str())
                        .is_some_and(|&i| reach.decisions[i])
                });
                if reach_ok && e.is_some_and(|i| reach.events[i]) {
                    reach_ok = self.answerable(sink, rule, e.unwrap_or(0), with);
                }
            }
            Check::FinalAtLeast(v, n) | Check::FinalAtMost(v, n) => {
                let i = lookups.vars.get(v.as_str()).copied();
                names(sink, rule, "variable", v, i.is_some());
                reach_ok = i.is_some_and(|i| match rule.check {
                    Check::FinalAtLeast(..) => reach.high[i] >= *n,
                    _ => reach.low[i] <= *n,
                });
            }
            Check::WeeksAtMost(_) => {}
            Check::NotHappened(ids) => self.not_happened(sink, rule, ids),
            Check::GroupBefore { first, then } => {
                reach_ok = self.group_before(sink, rule, first, then);
            }
            Check::RoleAt(stage, role) => {
                reach_ok = self.reached_any(|d| d.role == Some(*role) && d.open_at(*stage));
            }
            Check::ModeFor(service, mode) => {
                names(
                    sink,
                    rule,
                    "service",
                    service,
                    self.s.service(service).is_some(),
                );
                reach_ok = self.reached_any(|d| {
                    d.delivers() == Some(service.as_str()) && d.mode == Some(*mode)
                });
            }
            Check::ModelFollowed(model) => {
                reach_ok = self.reached_any(|d| d.model == Some(*model));
            }
            _ => return self.whole_case(sink, rule),
        }
        reach_ok
    }

    /// Whether some decision for which `pred` holds can be taken in some session.
    fn reached_any(&self, pred: impl Fn(&crate::scenario::Decision) -> bool) -> bool {
        self.s
            .decisions
            .iter()
            .enumerate()
            .any(|(i, d)| pred(d) && self.reach.decisions[i])
    }

    /// The events of a `NotHappened` rule: each must exist; one that can never happen
    /// never breaks the rule, which is worth a warning.
    fn not_happened(&self, sink: &mut Sink, rule: &Rule, ids: &[String]) {
        for e in ids {
            let i = self.lookups.events.get(e.as_str()).copied();
            names(sink, rule, "event", e, i.is_some());
            if i.is_some_and(|i| !self.reach.events[i]) {
                sink.warning(
                    e,
                    format!(
                        "rule `{}` forbids event `{e}`, which can never happen: that part of the rule is always met",
                        rule.id
                    ),
                    "name an event the case can reach, or remove it",
                );
            }
        }
    }

    /// The decisions of a `GroupBefore` rule; whether one of `first` can be taken.
    fn group_before(
        &self,
        sink: &mut Sink,
        rule: &Rule,
        first: &[String],
        then: &[String],
    ) -> bool {
        for d in first.iter().chain(then) {
            self.decision(sink, rule, d);
        }
        if let Some(d) = first.iter().find(|d| then.contains(d)) {
            sink.error(
                &rule.id,
                format!(
                    "in rule `{}` decision `{d}` is both in `first` and in `then`",
                    rule.id
                ),
                "a decision cannot come before itself: keep it in one list",
            );
        }
        first.iter().any(|d| {
            self.lookups
                .decisions
                .get(d.as_str())
                .is_some_and(|&i| self.reach.decisions[i])
        })
    }

    /// Whether some session can meet a rule about the case as a whole (key facts, the five
    /// Ws, the plan, the close), reporting what makes it impossible.
    fn whole_case(&self, sink: &mut Sink, rule: &Rule) -> bool {
        let (s, reach, lookups) = (self.s, self.reach, self.lookups);
        let mut reach_ok = true;
        match &rule.check {
            Check::KeyFactsBefore(_) => {
                if !s.facts.iter().any(|f| f.key) {
                    sink.error(
                        &rule.id,
                        format!(
                            "rule `{}` asks for key facts, but the scenario marks none as key",
                            rule.id
                        ),
                        "mark facts with `key: true`",
                    );
                    reach_ok = false;
                }
                reach_ok &= s
                    .facts
                    .iter()
                    .enumerate()
                    .all(|(i, f)| !f.key || reach.facts[i]);
            }
            Check::FiveWBefore(_) => {
                reach_ok = crate::scenario::W::ALL.iter().all(|w| {
                    s.facts
                        .iter()
                        .enumerate()
                        .any(|(i, f)| f.w == *w && reach.facts[i])
                });
            }
            Check::NeedsCovered | Check::RealisticPlan => {
                if s.needs.is_empty() {
                    sink.error(
                        &rule.id,
                        format!(
                            "rule `{}` scores the plan, but the scenario declares no needs",
                            rule.id
                        ),
                        "",
                    );
                    reach_ok = false;
                }
                reach_ok &= Possible {
                    s,
                    r: reach,
                    l: lookups,
                }
                .plan_possible();
                if matches!(rule.check, Check::NeedsCovered) {
                    reach_ok &= s
                        .needs
                        .iter()
                        .all(|n| s.services.iter().any(|x| s.can_meet(x, &n.id)));
                }
            }
            Check::DeliveredOnTime => {
                reach_ok = Possible {
                    s,
                    r: reach,
                    l: lookups,
                }
                .plan_possible()
                    && self.reached_any(|d| d.delivers().is_some());
            }
            Check::ClosedByDecision => {
                reach_ok = s
                    .decisions
                    .iter()
                    .enumerate()
                    .any(|(i, d)| d.closes && reach.decisions[i]);
            }
            _ => {}
        }
        reach_ok
    }

    /// Rules that need a decision taken while others need it avoided, with no other way
    /// to meet the first.
    fn contradictions(&self, sink: &mut Sink, criteria: &[Criterion]) {
        let avoided: HashMap<&str, &str> = self.avoided.iter().rev().copied().collect();
        let rules: HashMap<&str, &Rule> = criteria
            .iter()
            .flat_map(|c| &c.rules)
            .rev()
            .map(|x| (x.id.as_str(), x))
            .collect();
        for &(d, rule_a) in &self.taken_required {
            let Some(rule_b) = avoided.get(d) else {
                continue;
            };
            let alternatives = rules.get(rule_a).is_some_and(|x| match &x.check {
                Check::Taken(ids) => ids.iter().any(|i| !avoided.contains_key(i.as_str())),
                _ => false,
            });
            if !alternatives {
                sink.error(
                    rule_a,
                    format!("rules `{rule_a}` and `{rule_b}` contradict: one needs `{d}` taken, the other avoided"),
                    "no session can meet both, so the maximum cannot be reached",
                );
            }
        }
    }

    /// Decisions that exclude each other but are both required.
    fn exclusions(&self, sink: &mut Sink) {
        let s = self.s;
        let decision = |id: &str| self.lookups.decisions.get(id).map(|&i| &s.decisions[i]);
        for &(a, rule_a) in &self.taken_required {
            let Some(da) = decision(a) else { continue };
            let excluded: HashSet<&str> = da
                .requires
                .iter()
                .filter_map(|c| match c {
                    Condition::NotTaken(b) => Some(b.as_str()),
                    _ => None,
                })
                .collect();
            for b in excluded {
                let excludes_a = |db: &crate::scenario::Decision| {
                    db.requires.contains(&Condition::NotTaken(a.to_string()))
                };
                if a == b || !decision(b).is_some_and(excludes_a) {
                    continue;
                }
                for &(_, rule_b) in self.taken_required.iter().filter(|(x, _)| *x == b) {
                    if rule_a < rule_b {
                        sink.warning(rule_a, format!("rules `{rule_a}` and `{rule_b}` need `{a}` and `{b}`, which exclude each other"), "");
                    }
                }
            }
        }
    }
}

/// Every text of the rubric has every language of its case, and no other; each is placed
/// at the item that owns it.
fn check_texts(sink: &mut Sink, languages: &[String], r: &Rubric) {
    for (id, text) in r.texts() {
        let owner = id.split('.').nth(1).unwrap_or("title:");
        check_text(sink, languages, &id, ("", owner), text);
    }
}

/// The rubric's criteria with every `@group` reference of their rules replaced by the
/// group's members, after checking the groups and the references (members the scenario
/// lacks are reported here once and left out).
fn resolved(sink: &mut Sink, r: &Rubric, lookups: &Lookups) -> Vec<Criterion> {
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, members) in &r.groups {
        if !valid_id(name) {
            sink.error(
                name,
                format!("group name `{name}` is not a valid id"),
                "use lowercase letters, digits and hyphens",
            );
        }
        if members.is_empty() {
            sink.error(name, format!("group `{name}` has no decisions"), "");
        }
        for m in members {
            if !lookups.decisions.contains_key(m.as_str()) {
                sink.error(
                    m,
                    format!(
                        "group `{name}` names decision `{m}`, which the scenario does not have"
                    ),
                    "check the id against the scenario",
                );
            }
        }
        let known = members
            .iter()
            .filter(|m| lookups.decisions.contains_key(m.as_str()));
        groups.insert(name.clone(), known.cloned().collect());
    }
    let mut criteria = r.criteria.clone();
    for rule in criteria.iter_mut().flat_map(|c| c.rules.iter_mut()) {
        group_refs(sink, rule, &r.groups);
        rule.check = crate::rubric::resolve(&rule.check, &groups);
    }
    criteria
}

/// Reports `@group` references of `rule` to groups the rubric does not define.
fn group_refs(sink: &mut Sink, rule: &Rule, groups: &BTreeMap<String, Vec<String>>) {
    let names: HashSet<String> = groups.keys().cloned().collect();
    for id in rule.check.decision_lists().into_iter().flatten() {
        let Some(name) = id.strip_prefix(GROUP_PREFIX) else {
            continue;
        };
        if !groups.contains_key(name) {
            let help = closest(name, &names)
                .map(|n| format!("did you mean `@{n}`?"))
                .unwrap_or_else(|| "define it under `groups:`".into());
            sink.error(
                id,
                format!(
                    "rule `{}` names group `{id}`, which the rubric does not define",
                    rule.id
                ),
                &help,
            );
        }
    }
}

/// Reports `id`, named by `rule`, when the scenario has no such thing.
fn names(sink: &mut Sink, rule: &Rule, kind: &str, id: &str, exists: bool) {
    if !exists {
        sink.error(
            id,
            format!(
                "rule `{}` names {kind} `{id}`, which the scenario does not have",
                rule.id
            ),
            "check the id against the scenario",
        );
    }
}
