//! Static analysis of scenarios and rubrics: everything `casework check` reports beyond
//! syntax — unknown and duplicate ids, decisions that can never be taken, stages with no
//! way forward, rubric rules that can never be met, missing translations, pictures outside
//! the bank.

mod network;

use std::collections::{HashMap, HashSet};

use crate::bank::{Bank, Entry, picture_path};
use crate::diagnostic::{Diagnostic, Severity, locate_declaration, locate_id_in};
use crate::rubric::{Check, Marker, Rubric};
use crate::scenario::{Condition, Decision, Effect, Event, Scenario, Stage, Text, Trigger};

/// Every problem in the bank: parse errors, then each scenario's and rubric's, by file.
pub fn check_bank(bank: &Bank) -> Vec<Diagnostic> {
    let mut out = bank.diagnostics.clone();
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for s in &bank.scenarios {
        if let Some(first) = seen.insert(&s.doc.id, &s.path) {
            out.push(
                Diagnostic::error(
                    &s.path,
                    format!("scenario id `{}` is also used by {first}", s.doc.id),
                )
                .help("every scenario needs its own id; logs and rubrics name it")
                .at_id(&s.text, &s.doc.id),
            );
        }
        out.extend(check_scenario(s, bank));
    }
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for r in &bank.rubrics {
        if let Some(first) = seen.insert(&r.doc.id, &r.path) {
            out.push(
                Diagnostic::error(
                    &r.path,
                    format!("rubric id `{}` is also used by {first}", r.doc.id),
                )
                .at_id(&r.text, &r.doc.id),
            );
        }
        out.extend(check_rubric(r, bank));
    }
    out
}

pub fn errors(diags: &[Diagnostic]) -> usize {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

/// Collects diagnostics for one file.
struct Sink<'a> {
    path: &'a str,
    text: &'a str,
    out: Vec<Diagnostic>,
}

impl Sink<'_> {
    fn error(&mut self, at: &str, message: String, help: &str) {
        self.push(Diagnostic::error(self.path, message), at, help);
    }
    fn warning(&mut self, at: &str, message: String, help: &str) {
        self.push(Diagnostic::warning(self.path, message), at, help);
    }
    /// `at` is an id (`"…"` in the file) or, written `field:`, a field name.
    fn push(&mut self, d: Diagnostic, at: &str, help: &str) {
        let d = if help.is_empty() { d } else { d.help(help) };
        self.out.push(match at.strip_suffix(':') {
            _ if at.is_empty() => d,
            Some(field) => d.at_field(self.text, field),
            None => d.at_id(self.text, at),
        });
    }
    /// An error at the declaration of `id` inside the top-level list `section`.
    fn error_in(&mut self, section: &str, id: &str, message: String, help: &str) {
        self.push_in(Diagnostic::error(self.path, message), section, id, help);
    }
    fn warning_in(&mut self, section: &str, id: &str, message: String, help: &str) {
        self.push_in(Diagnostic::warning(self.path, message), section, id, help);
    }
    /// Like [`Sink::push`] with an id, looked for inside the top-level list `section` first
    /// (ids of different kinds may be equal: a service and the network member it is).
    fn push_in(&mut self, d: Diagnostic, section: &str, id: &str, help: &str) {
        if section.is_empty() {
            return self.push(d, id, help);
        }
        let d = if help.is_empty() { d } else { d.help(help) };
        self.out.push(match locate_id_in(self.text, section, id) {
            Some(offset) => d.at_offset(self.text, offset),
            None => d,
        });
    }
    /// Like [`Sink::push`], at byte `offset` of the file.
    fn push_at(&mut self, d: Diagnostic, offset: usize, help: &str) {
        let d = if help.is_empty() { d } else { d.help(help) };
        self.out.push(d.at_offset(self.text, offset));
    }
    fn finish(mut self) -> Vec<Diagnostic> {
        self.out.sort_by_key(|d| (d.line, d.column));
        self.out
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

fn valid_lang(tag: &str) -> bool {
    tag.parse::<unic_langid::LanguageIdentifier>().is_ok() && !tag.is_empty()
}

/// Reports invalid and duplicate ids of one kind, declared inside the top-level list
/// `section`.
fn duplicates<'a>(sink: &mut Sink, kind: &str, section: &str, ids: impl Iterator<Item = &'a str>) {
    let mut seen = HashSet::new();
    for id in ids {
        if !valid_id(id) {
            sink.error(
                id,
                format!("{kind} id `{id}` is not a valid id"),
                "ids use lowercase letters, digits and hyphens, like `explain-consent`",
            );
        }
        if !seen.insert(id) {
            // Point at the second declaration: find it after the first.
            let first = locate_id_in(sink.text, section, id).unwrap_or(0);
            let second = locate_declaration(sink.text, first + 1, id)
                .or_else(|| crate::diagnostic::locate_quoted(sink.text, first + 1, id))
                .unwrap_or(first);
            sink.out.push(
                Diagnostic::error(sink.path, format!("{kind} id `{id}` is declared twice"))
                    .help("rename one of them; every id must be unique")
                    .at_offset(sink.text, second),
            );
        }
    }
}

/// Checks one text's languages; `owner` is the id of the item holding it, declared inside
/// the top-level list `section` (empty: anywhere).
fn check_text(
    sink: &mut Sink,
    languages: &[String],
    id: &str,
    (section, owner): (&str, &str),
    text: &Text,
) {
    for lang in languages {
        if !text.has(lang) {
            sink.error_in(
                section,
                owner,
                format!("`{id}` has no `{lang}` text, though the case declares `{lang}`"),
                "add the translation, or remove the language from `languages`",
            );
        }
    }
    for lang in text.0.keys() {
        if !languages.contains(lang) {
            sink.warning_in(
                section,
                owner,
                format!("`{id}` has text in `{lang}`, which the case does not declare"),
                "add the language to `languages`, or remove the text",
            );
        }
    }
}

/// What can possibly happen in a scenario: a sound over-approximation. A decision marked
/// impossible here can never be taken in any session.
#[derive(Debug, Clone)]
pub struct Reach {
    pub decisions: Vec<bool>,
    pub events: Vec<bool>,
    pub facts: Vec<bool>,
    pub stages: [bool; 7],
    /// Lowest and highest value each variable can take.
    pub low: Vec<i32>,
    pub high: Vec<i32>,
}

impl Reach {
    fn with(s: &Scenario, l: &Lookups) -> Reach {
        let mut stages = [false; 7];
        stages[Stage::Intake.index()] = true;
        let mut r = Reach {
            decisions: vec![false; s.decisions.len()],
            events: vec![false; s.events.len()],
            facts: vec![false; s.facts.len()],
            stages,
            low: s
                .variables
                .iter()
                .map(|v| v.initial.clamp(v.min, v.max.max(v.min)))
                .collect(),
            high: s
                .variables
                .iter()
                .map(|v| v.initial.clamp(v.min, v.max.max(v.min)))
                .collect(),
        };
        loop {
            let before = (
                r.decisions.clone(),
                r.events.clone(),
                r.facts.clone(),
                r.stages,
                r.low.clone(),
                r.high.clone(),
            );
            let ctx = Possible { s, r: &r, l };
            let takeable: Vec<bool> = s
                .decisions
                .iter()
                .map(|d| {
                    d.stages().any(|st| r.stages[st.index()])
                        && d.requires.iter().all(|c| ctx.possible(c))
                })
                .collect();
            let firing: Vec<bool> = s
                .events
                .iter()
                .map(|e| {
                    let trigger = match e.trigger {
                        Trigger::Week(n) => n <= s.weeks,
                        Trigger::Chance {
                            percent,
                            from,
                            until,
                        } => percent > 0 && from <= until && from <= s.weeks,
                        Trigger::When => true,
                    };
                    trigger && e.requires.iter().all(|c| ctx.possible(c))
                })
                .collect();
            r.decisions = takeable;
            r.events = firing;
            for (d, _) in s.decisions.iter().zip(&r.decisions).filter(|(_, ok)| **ok) {
                mark_facts(&mut r.facts, &l.facts, &d.reveals);
                if let Some(next) = d.next {
                    r.stages[next.index()] = true;
                }
            }
            for (e, _) in s.events.iter().zip(&r.events).filter(|(_, ok)| **ok) {
                mark_facts(&mut r.facts, &l.facts, &e.reveals);
                if let Some(st) = e.return_to {
                    r.stages[st.index()] = true;
                }
            }
            r.bounds(s, &l.vars);
            if before
                == (
                    r.decisions.clone(),
                    r.events.clone(),
                    r.facts.clone(),
                    r.stages,
                    r.low.clone(),
                    r.high.clone(),
                )
            {
                return r;
            }
        }
    }

    /// Variable bounds from the effects of every possible decision and event: start from
    /// the initial value or any value set, then add every possible rise (or fall).
    fn bounds(&mut self, s: &Scenario, vars: &HashMap<&str, usize>) {
        let n = s.variables.len();
        let mut top: Vec<i64> = s.variables.iter().map(|v| i64::from(v.initial)).collect();
        let mut bottom = top.clone();
        let mut rise = vec![0i64; n];
        let mut fall = vec![0i64; n];
        let mut unbounded_rise = vec![false; n];
        let mut unbounded_fall = vec![false; n];
        let effects = s
            .decisions
            .iter()
            .enumerate()
            .filter(|(i, _)| self.decisions[*i])
            .map(|(_, d)| (d.repeatable, &d.effects))
            .chain(
                s.events
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| self.events[*i])
                    .map(|(_, e)| (e.repeatable, &e.effects)),
            );
        for (repeatable, effects) in effects {
            for e in effects {
                let Some(&i) = vars.get(e.variable()) else {
                    continue;
                };
                match e {
                    Effect::Set(_, v) => {
                        top[i] = top[i].max(i64::from(*v));
                        bottom[i] = bottom[i].min(i64::from(*v));
                    }
                    Effect::Add(_, d) if *d > 0 => {
                        rise[i] += i64::from(*d);
                        unbounded_rise[i] |= repeatable;
                    }
                    Effect::Add(_, d) => {
                        fall[i] += i64::from(*d);
                        unbounded_fall[i] |= repeatable;
                    }
                }
            }
        }
        for (i, v) in s.variables.iter().enumerate() {
            let (min, max) = (i64::from(v.min), i64::from(v.max.max(v.min)));
            let hi = if unbounded_rise[i] {
                max
            } else {
                (top[i] + rise[i]).min(max)
            };
            let lo = if unbounded_fall[i] {
                min
            } else {
                (bottom[i] + fall[i]).max(min)
            };
            self.high[i] = self.high[i].max(hi.clamp(min, max) as i32);
            self.low[i] = self.low[i].min(lo.clamp(min, max) as i32);
        }
    }
}

fn mark_facts(known: &mut [bool], facts: &HashMap<&str, usize>, ids: &[String]) {
    for f in ids {
        if let Some(&i) = facts.get(f.as_str()) {
            known[i] = true;
        }
    }
}

/// Indexes of a scenario's ids, built once per analysis.
struct Lookups<'a> {
    facts: HashMap<&'a str, usize>,
    decisions: HashMap<&'a str, usize>,
    events: HashMap<&'a str, usize>,
    vars: HashMap<&'a str, usize>,
}

/// Id → index, the first of duplicate ids winning (as in the engine; `check` reports the
/// duplicates).
fn index<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a str) -> HashMap<&'a str, usize> {
    let mut map = HashMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        map.entry(id(item)).or_insert(i);
    }
    map
}

impl<'a> Lookups<'a> {
    fn of(s: &'a Scenario) -> Self {
        Lookups {
            facts: index(&s.facts, |f| &f.id),
            decisions: index(&s.decisions, |d| &d.id),
            events: index(&s.events, |e| &e.id),
            vars: index(&s.variables, |v| &v.id),
        }
    }
}

/// Whether a condition can ever hold, given what can happen.
struct Possible<'a> {
    s: &'a Scenario,
    r: &'a Reach,
    l: &'a Lookups<'a>,
}

impl Possible<'_> {
    fn possible(&self, c: &Condition) -> bool {
        let r = self.r;
        let l = self.l;
        match c {
            Condition::Taken(d) => l.decisions.get(d.as_str()).is_some_and(|&i| r.decisions[i]),
            Condition::Known(f) => l.facts.get(f.as_str()).is_some_and(|&i| r.facts[i]),
            Condition::Happened(e) => l.events.get(e.as_str()).is_some_and(|&i| r.events[i]),
            Condition::NotTaken(_) | Condition::Unknown(_) | Condition::NotHappened(_) => true,
            Condition::AtLeast(v, n) => l.vars.get(v.as_str()).is_some_and(|&i| r.high[i] >= *n),
            Condition::AtMost(v, n) => l.vars.get(v.as_str()).is_some_and(|&i| r.low[i] <= *n),
            Condition::FromWeek(w) => *w <= self.s.weeks,
            Condition::UntilWeek(w) => *w >= 1,
            Condition::Planned(n) => {
                self.plan_possible()
                    && self.s.need(n).is_some_and(|need| {
                        need.evidence
                            .iter()
                            .any(|f| l.facts.get(f.as_str()).is_some_and(|&i| r.facts[i]))
                    })
            }
            Condition::PlanComplete | Condition::NotAtStage(_) => true,
            Condition::AtStage(stage) => r.stages[stage.index()],
            Condition::Any(cs) => cs.iter().any(|c| self.possible(c)),
        }
    }

    fn plan_possible(&self) -> bool {
        self.r.stages[Stage::ServicePlan.index()] || self.r.stages[Stage::PlanRevision.index()]
    }
}

/// Checks one scenario.
pub fn check_scenario(entry: &Entry<Scenario>, bank: &Bank) -> Vec<Diagnostic> {
    let s = &entry.doc;
    let mut sink = Sink {
        path: &entry.path,
        text: &entry.text,
        out: Vec::new(),
    };
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
        return sink.finish();
    }
    // Texts.
    for (id, text) in s.texts() {
        let mut parts = id.split('.');
        let kind = parts.next().unwrap_or("");
        let owner = parts.next().unwrap_or("");
        let section = match kind {
            "variable" => "variables",
            "fact" => "facts",
            "need" => "needs",
            "service" => "services",
            "decision" => "decisions",
            "event" => "events",
            "network" => "network",
            _ => "",
        };
        check_text(&mut sink, &s.languages, &id, (section, owner), text);
    }
    // Ids.
    duplicates(
        &mut sink,
        "variable",
        "variables",
        s.variables.iter().map(|v| v.id.as_str()),
    );
    duplicates(
        &mut sink,
        "fact",
        "facts",
        s.facts.iter().map(|v| v.id.as_str()),
    );
    duplicates(
        &mut sink,
        "need",
        "needs",
        s.needs.iter().map(|v| v.id.as_str()),
    );
    duplicates(
        &mut sink,
        "service",
        "services",
        s.services.iter().map(|v| v.id.as_str()),
    );
    duplicates(
        &mut sink,
        "decision",
        "decisions",
        s.decisions.iter().map(|v| v.id.as_str()),
    );
    duplicates(
        &mut sink,
        "event",
        "events",
        s.events.iter().map(|v| v.id.as_str()),
    );
    for n in &s.needs {
        duplicates(
            &mut sink,
            "goal",
            "needs",
            n.goals.iter().map(|g| g.id.as_str()),
        );
    }
    for v in &s.variables {
        if v.min >= v.max {
            sink.error(
                &v.id,
                format!(
                    "variable `{}` has min {} not below max {}",
                    v.id, v.min, v.max
                ),
                "",
            );
        } else if v.initial < v.min || v.initial > v.max {
            sink.error(
                &v.id,
                format!(
                    "variable `{}` starts at {}, outside {}..={}",
                    v.id, v.initial, v.min, v.max
                ),
                "",
            );
        }
    }
    // Picture: the rule of the loader (a bank never holds a scenario that breaks it), then
    // whether the file is there.
    if let Some(p) = &s.client.picture {
        match picture_path(entry) {
            Err(d) => sink.out.push(d),
            Ok(Some(rel)) if !bank.files.contains(&rel) => sink.error(
                p,
                format!("picture `{p}` does not exist in the bank"),
                "check the file name",
            ),
            Ok(_) => {}
        }
    }
    // References.
    let known = |ids: &mut dyn Iterator<Item = &str>| -> HashSet<String> {
        ids.map(str::to_string).collect()
    };
    let facts = known(&mut s.facts.iter().map(|f| f.id.as_str()));
    let decisions = known(&mut s.decisions.iter().map(|f| f.id.as_str()));
    let events = known(&mut s.events.iter().map(|f| f.id.as_str()));
    let vars = known(&mut s.variables.iter().map(|f| f.id.as_str()));
    let needs = known(&mut s.needs.iter().map(|f| f.id.as_str()));
    let services = known(&mut s.services.iter().map(|f| f.id.as_str()));
    let unknown = |sink: &mut Sink, kind: &str, id: &str, set: &HashSet<String>, owner: &str| {
        if !set.contains(id) {
            let near = closest(id, set);
            sink.error(
                id,
                format!("{owner} names {kind} `{id}`, which does not exist"),
                &near
                    .map(|n| format!("did you mean `{n}`?"))
                    .unwrap_or_else(|| format!("declare the {kind}, or fix the id")),
            );
        }
    };
    let conditions = |sink: &mut Sink, owner: &str, cs: &[Condition]| {
        let mut stack: Vec<&Condition> = cs.iter().collect();
        while let Some(c) = stack.pop() {
            match c {
                Condition::Taken(d) | Condition::NotTaken(d) => {
                    unknown(sink, "decision", d, &decisions, owner)
                }
                Condition::Known(f) | Condition::Unknown(f) => {
                    unknown(sink, "fact", f, &facts, owner)
                }
                Condition::Happened(e) | Condition::NotHappened(e) => {
                    unknown(sink, "event", e, &events, owner)
                }
                Condition::AtLeast(v, _) | Condition::AtMost(v, _) => {
                    unknown(sink, "variable", v, &vars, owner)
                }
                Condition::Planned(n) => unknown(sink, "need", n, &needs, owner),
                Condition::Any(inner) => stack.extend(inner.iter()),
                Condition::FromWeek(_)
                | Condition::UntilWeek(_)
                | Condition::PlanComplete
                | Condition::AtStage(_)
                | Condition::NotAtStage(_) => {}
            }
        }
    };
    for d in &s.decisions {
        let owner = format!("decision `{}`", d.id);
        conditions(&mut sink, &owner, &d.requires);
        for e in &d.effects {
            unknown(&mut sink, "variable", e.variable(), &vars, &owner);
        }
        for f in &d.reveals {
            unknown(&mut sink, "fact", f, &facts, &owner);
        }
        if let Some(svc) = &d.service {
            unknown(&mut sink, "service", svc, &services, &owner);
        }
        check_decision_shape(&mut sink, d, s.weeks);
    }
    for e in &s.events {
        let owner = format!("event `{}`", e.id);
        conditions(&mut sink, &owner, &e.requires);
        for x in &e.effects {
            unknown(&mut sink, "variable", x.variable(), &vars, &owner);
        }
        for f in &e.reveals {
            unknown(&mut sink, "fact", f, &facts, &owner);
        }
        check_event_shape(&mut sink, e, s.weeks);
    }
    for n in &s.needs {
        let owner = format!("need `{}`", n.id);
        for f in &n.evidence {
            unknown(&mut sink, "fact", f, &facts, &owner);
        }
        if n.evidence.is_empty() {
            sink.error(
                &n.id,
                format!(
                    "need `{}` has no evidence facts, so it can never be identified",
                    n.id
                ),
                "list the facts that reveal it",
            );
        }
        if n.goals.is_empty() {
            sink.error(
                &n.id,
                format!("need `{}` has no goals to choose in the plan", n.id),
                "add at least one goal",
            );
        }
        if !s.services.iter().any(|svc| s.can_meet(svc, &n.id)) {
            sink.warning(
                &n.id,
                format!("no service of the network meets need `{}` for this client, so no plan can cover it", n.id),
                "add the service to the network, or list the need under an existing service's `meets`",
            );
        }
    }
    for svc in &s.services {
        for n in &svc.meets {
            unknown(
                &mut sink,
                "need",
                n,
                &needs,
                &format!("service `{}`", svc.id),
            );
        }
    }
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
    // What can happen at all.
    let lookups = Lookups::of(s);
    let reach = Reach::with(s, &lookups);
    network::check_network(&mut sink, s, &reach, &lookups);
    let possible = Possible {
        s,
        r: &reach,
        l: &lookups,
    };
    for (i, d) in s.decisions.iter().enumerate() {
        if !reach.decisions[i] {
            let why = d
                .requires
                .iter()
                .find(|c| !possible.possible(c))
                .map(|c| {
                    format!(
                        ": it needs {}, which can never hold",
                        crate::engine::describe(c)
                    )
                })
                .unwrap_or_else(|| {
                    format!(
                        ": the case never reaches the {} stage",
                        d.stages()
                            .map(|x| x.to_string())
                            .collect::<Vec<_>>()
                            .join(" or ")
                    )
                });
            sink.error(
                &d.id,
                format!("decision `{}` can never be taken{why}", d.id),
                "fix its conditions or the way to its stage",
            );
        }
    }
    for (i, e) in s.events.iter().enumerate() {
        if !reach.events[i] {
            sink.warning(
                &e.id,
                format!("event `{}` can never happen", e.id),
                "check its trigger and conditions",
            );
        }
    }
    for (i, f) in s.facts.iter().enumerate() {
        if !reach.facts[i] {
            sink.warning(
                &f.id,
                format!(
                    "fact `{}` can never be uncovered: no possible decision or event reveals it",
                    f.id
                ),
                "",
            );
        }
    }
    for stage in Stage::ALL {
        if !reach.stages[stage.index()] {
            sink.warning(
                "decisions:",
                format!("the case never reaches the {stage} stage"),
                "a case should walk all seven stages",
            );
            continue;
        }
        let leaves = s.decisions.iter().enumerate().any(|(i, d)| {
            reach.decisions[i]
                && d.open_at(stage)
                && (d.closes || d.next.is_some_and(|n| n != stage))
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
    sink.finish()
}

fn check_decision_shape(sink: &mut Sink, d: &Decision, weeks: u32) {
    if d.closes && d.next.is_some() {
        sink.warning(
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
        sink.error(
            &d.id,
            format!(
                "implementation decision `{}` uses a service but does not say its mode",
                d.id
            ),
            "add `mode: Independent`, `mode: Accompanied` or `mode: Referral`",
        );
    }
    if matches!(d.mode, Some(crate::scenario::Mode::Referral)) && d.service.is_none() {
        sink.warning(
            &d.id,
            format!("referral `{}` does not name the service it refers to", d.id),
            "add `service: \"…\"`",
        );
    }
    if d.days > weeks.saturating_mul(7) {
        sink.error(
            &d.id,
            format!(
                "decision `{}` takes {} days, longer than the whole case",
                d.id, d.days
            ),
            "give it a realistic time in days",
        );
    }
    if d.once && d.repeatable {
        sink.warning(
            &d.id,
            format!(
                "decision `{}` is both `once` and `repeatable`; `once` wins",
                d.id
            ),
            "keep the one you mean",
        );
    }
    if d.also_at.contains(&d.stage) {
        sink.warning(
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
                sink.error(
                    &e.id,
                    format!("event `{}` has a chance of {percent}%", e.id),
                    "give a chance from 1 to 100 (per week)",
                );
            }
            if from > until {
                sink.error(
                    &e.id,
                    format!(
                        "event `{}` starts at week {from}, after it stops at week {until}",
                        e.id
                    ),
                    "",
                );
            }
            if from > weeks {
                sink.error(
                    &e.id,
                    format!(
                        "event `{}` starts at week {from}, after the case's {weeks} weeks",
                        e.id
                    ),
                    "",
                );
            }
            if until > weeks {
                sink.error(
                    &e.id,
                    format!(
                        "event `{}` runs until week {until}, after the case's {weeks} weeks",
                        e.id
                    ),
                    "end its window within the case",
                );
            }
        }
        Trigger::Week(n) if n > weeks => sink.error(
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

/// The id of `set` nearest to `id`, if one is close enough to be a typo.
fn closest<'a>(id: &str, set: &'a HashSet<String>) -> Option<&'a str> {
    set.iter()
        .map(|c| (edit_distance(id, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min()
        .map(|(_, c)| c.as_str())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Checks one rubric against its scenario in the bank.
pub fn check_rubric(entry: &Entry<Rubric>, bank: &Bank) -> Vec<Diagnostic> {
    let r = &entry.doc;
    let mut sink = Sink {
        path: &entry.path,
        text: &entry.text,
        out: Vec::new(),
    };
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
        return sink.finish();
    }
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
        &mut sink,
        "criterion",
        "criteria",
        r.criteria.iter().map(|c| c.id.as_str()),
    );
    duplicates(
        &mut sink,
        "rule",
        "criteria",
        r.criteria
            .iter()
            .flat_map(|c| c.rules.iter())
            .map(|x| x.id.as_str()),
    );
    let Some(scenario) = bank.scenario(&r.scenario) else {
        let ids: HashSet<String> = bank.scenarios.iter().map(|s| s.doc.id.clone()).collect();
        let near = closest(&r.scenario, &ids);
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
        return sink.finish();
    };
    let s = &scenario.doc;
    check_text(&mut sink, &s.languages, "title", ("", ""), &r.title);
    let lookups = Lookups::of(s);
    let reach = Reach::with(s, &lookups);
    let possible = Possible {
        s,
        r: &reach,
        l: &lookups,
    };
    let decision = |id: &str| lookups.decisions.get(id).copied();
    let mut taken_required: Vec<(&str, &str)> = Vec::new();
    let mut avoided: Vec<(&str, &str)> = Vec::new();
    let mut reachable_max = 0.0;
    let mut total_weight = 0.0;
    for c in &r.criteria {
        check_text(
            &mut sink,
            &s.languages,
            &format!("criterion {}", c.id),
            ("", &c.id),
            &c.title,
        );
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
            check_text(
                &mut sink,
                &s.languages,
                &format!("rule {} met", rule.id),
                ("", &rule.id),
                &rule.met,
            );
            check_text(
                &mut sink,
                &s.languages,
                &format!("rule {} missed", rule.id),
                ("", &rule.id),
                &rule.missed,
            );
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
            let mut names = |kind: &str, id: &str, exists: bool| {
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
            };
            let mut reach_ok = true;
            let marker = |m: &Marker, names: &mut dyn FnMut(&str, &str, bool)| -> bool {
                match m {
                    Marker::Decision(d) => {
                        let i = decision(d);
                        names("decision", d, i.is_some());
                        i.is_some_and(|i| reach.decisions[i])
                    }
                    Marker::Fact(f) => {
                        let i = lookups.facts.get(f.as_str()).copied();
                        names("fact", f, i.is_some());
                        i.is_some_and(|i| reach.facts[i])
                    }
                    Marker::Event(e) => {
                        let i = lookups.events.get(e.as_str()).copied();
                        names("event", e, i.is_some());
                        i.is_some_and(|i| reach.events[i])
                    }
                    Marker::Stage(st) => reach.stages[st.index()],
                }
            };
            match &rule.check {
                Check::Taken(ids) => {
                    for d in ids {
                        names("decision", d, decision(d).is_some());
                        taken_required.push((d, &rule.id));
                    }
                    reach_ok = ids
                        .iter()
                        .any(|d| decision(d).is_some_and(|i| reach.decisions[i]));
                }
                Check::Avoided(ids) => {
                    for d in ids {
                        names("decision", d, decision(d).is_some());
                        avoided.push((d, &rule.id));
                    }
                }
                Check::Before(a, b) => {
                    let a_ok = marker(a, &mut names);
                    let _ = marker(b, &mut names);
                    if !a_ok {
                        sink.warning(&rule.id, format!("in rule `{}` the first marker can never happen, so the rule holds only when the second never does", rule.id), "");
                    }
                }
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
                Check::FactsBefore(ids, _) => {
                    for f in ids {
                        names("fact", f, s.fact(f).is_some());
                    }
                    reach_ok = ids.iter().all(|f| {
                        lookups
                            .facts
                            .get(f.as_str())
                            .is_some_and(|&i| reach.facts[i])
                    });
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
                    reach_ok &= possible.plan_possible();
                    if matches!(rule.check, Check::NeedsCovered) {
                        reach_ok &= s
                            .needs
                            .iter()
                            .all(|n| s.services.iter().any(|x| s.can_meet(x, &n.id)));
                    }
                }
                Check::RespondedTo {
                    event,
                    with,
                    within,
                } => {
                    let e = lookups.events.get(event.as_str()).copied();
                    names("event", event, e.is_some());
                    for d in with {
                        names("decision", d, decision(d).is_some());
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
                    reach_ok &= with
                        .iter()
                        .any(|d| decision(d).is_some_and(|i| reach.decisions[i]));
                }
                Check::FinalAtLeast(v, n) | Check::FinalAtMost(v, n) => {
                    let i = lookups.vars.get(v.as_str()).copied();
                    names("variable", v, i.is_some());
                    reach_ok = i.is_some_and(|i| match rule.check {
                        Check::FinalAtLeast(..) => reach.high[i] >= *n,
                        _ => reach.low[i] <= *n,
                    });
                }
                Check::WeeksAtMost(_) => {}
                Check::ClosedByDecision => {
                    reach_ok = s
                        .decisions
                        .iter()
                        .enumerate()
                        .any(|(i, d)| d.closes && reach.decisions[i]);
                }
            }
            max += rule.points;
            if reach_ok {
                reachable += rule.points;
            } else if rule.critical {
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
        }
        if max > 0 && c.weight > 0 {
            reachable_max += f64::from(c.weight) * f64::from(reachable) / f64::from(max);
            total_weight += f64::from(c.weight);
        }
    }
    for (d, rule_a) in &taken_required {
        if let Some((_, rule_b)) = avoided.iter().find(|(x, _)| x == d) {
            let alternatives = r
                .criteria
                .iter()
                .flat_map(|c| &c.rules)
                .find(|x| &x.id == rule_a)
                .map(|x| match &x.check {
                    Check::Taken(ids) => ids.iter().any(|i| !avoided.iter().any(|(a, _)| a == i)),
                    _ => false,
                })
                .unwrap_or(false);
            if !alternatives {
                sink.error(
                    rule_a,
                    format!("rules `{rule_a}` and `{rule_b}` contradict: one needs `{d}` taken, the other avoided"),
                    "no session can meet both, so the maximum cannot be reached",
                );
            }
        }
    }
    // Decisions that exclude each other but are both required.
    for (a, rule_a) in &taken_required {
        let Some(da) = s.decision(a) else { continue };
        for (b, rule_b) in &taken_required {
            if a != b
                && da.requires.contains(&Condition::NotTaken(b.to_string()))
                && s.decision(b)
                    .is_some_and(|db| db.requires.contains(&Condition::NotTaken(a.to_string())))
                && rule_a < rule_b
            {
                sink.warning(rule_a, format!("rules `{rule_a}` and `{rule_b}` need `{a}` and `{b}`, which exclude each other"), "");
            }
        }
    }
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
