//! Every message `casework check` can give, each produced by one small, purpose-built
//! break of the mini fixture and asserted with its text and its place (file, line, column:
//! the item at fault). A last test reads the sources of `check`, of the loader and of the
//! bank for message literals and fails on one that no row here produces, so a new message
//! cannot be added untested.

mod common;

use std::fs;
use std::path::Path;

use casework::bank::Bank;
use casework::check;
use casework::diagnostic::{Diagnostic, Severity};
use common::*;

/// The files of one broken bank, built from the mini fixture by a row's edit.
struct Case {
    scenario: String,
    rubric: String,
    /// Other entries of the bank folder.
    extra: Vec<(&'static str, Extra)>,
    /// How the bank is read (from its folder by default) and checked.
    load: fn(&Path) -> Result<Bank, Diagnostic>,
}

enum Extra {
    Bytes(Vec<u8>),
    /// A symbolic link to the given target.
    Link(&'static str),
    Fifo,
    /// A file of this many bytes, all zero (sparse on disk).
    Sized(u64),
}

impl Case {
    /// Replaces every `from` of the scenario by `to`; `from` must be there.
    fn sc(&mut self, from: &str, to: &str) {
        assert!(self.scenario.contains(from), "scenario lacks {from:?}");
        self.scenario = self.scenario.replace(from, to);
    }
    /// Replaces every `from` of the rubric by `to`; `from` must be there.
    fn rb(&mut self, from: &str, to: &str) {
        assert!(self.rubric.contains(from), "rubric lacks {from:?}");
        self.rubric = self.rubric.replace(from, to);
    }
    /// Replaces the first `from` after `anchor` in the scenario.
    fn sc_after(&mut self, anchor: &str, from: &str, to: &str) {
        self.scenario = replace_after(&self.scenario, anchor, from, to);
    }
    fn rb_after(&mut self, anchor: &str, from: &str, to: &str) {
        self.rubric = replace_after(&self.rubric, anchor, from, to);
    }
    fn add(&mut self, name: &'static str, what: Extra) {
        self.extra.push((name, what));
    }
    fn text(&mut self, name: &'static str, text: &str) {
        self.add(name, Extra::Bytes(text.as_bytes().to_vec()));
    }
}

fn replace_after(text: &str, anchor: &str, from: &str, to: &str) -> String {
    let start = text.find(anchor).unwrap_or_else(|| panic!("no {anchor:?}"));
    let at = start
        + text[start..]
            .find(from)
            .unwrap_or_else(|| panic!("no {from:?} after {anchor:?}"));
    format!("{}{to}{}", &text[..at], &text[at + from.len()..])
}

/// Where a diagnostic must point, in the final text of its file.
enum At {
    /// The whole file: line 1, column 1.
    File,
    /// The first occurrence of this text.
    Text(&'static str),
    /// The `n`th (from 0) occurrence of this text.
    Nth(&'static str, usize),
    /// The first occurrence of the second text after (the end of) the first.
    After(&'static str, &'static str),
    /// One column after the first occurrence of this text (a summary beside the last
    /// diagnostic shown).
    Beside(&'static str),
    /// A line and column given outright (for bytes that are not text).
    LineCol(usize, usize),
}

struct Row {
    /// The message; `{}` stands for text that comes from the system (an I/O error).
    message: &'static str,
    severity: Severity,
    /// The file (or folder) at fault, by name.
    file: &'static str,
    edit: fn(&mut Case),
    at: At,
}

const E: Severity = Severity::Error;
const W: Severity = Severity::Warning;

fn row(
    severity: Severity,
    message: &'static str,
    file: &'static str,
    at: At,
    edit: fn(&mut Case),
) -> Row {
    Row {
        message,
        severity,
        file,
        edit,
        at,
    }
}

const S: &str = "scenario.ron";
const R: &str = "rubric.ron";

/// `n` items made by `item` from 0..n, joined.
fn many(n: usize, item: impl Fn(usize) -> String) -> String {
    (0..n).map(item).collect()
}

/// Every message of `check`, one row each: severity, message, file at fault, place, edit.
fn rows() -> Vec<Row> {
    use At::*;
    let mut rows = scenario_rows();
    rows.extend(reference_rows());
    rows.extend(rubric_rows());
    rows.extend(network_rows());
    rows.extend(file_rows());
    rows.extend(format_rows());
    rows.extend(vec![
        row(E, "scenario id `mini-pension` is also used by {}copy.ron", S, Text("\"mini-pension\""), |c| {
            let copy = c.scenario.clone();
            c.text("copy.ron", &copy);
        }),
        row(E, "rubric id `mini-pension-formative` is also used by {}copy-rubric.ron", R, Text("\"mini-pension-formative\""), |c| {
            let copy = c.rubric.clone();
            c.text("copy-rubric.ron", &copy);
        }),
        // 51 variables with one mistake: 50 shown, the 51st summed up beside the 50th.
        row(E, "1 more problems of this kind are not shown: variable `…` has min N not below max N", S, Beside("\"v49\""), |c| {
            let vars = many(51, |i| format!("(id: \"v{i}\", label: {{\"uk\": \"в\", \"en\": \"v\"}}, min: 5, max: 5, initial: 5),\n"));
            c.sc("variables: [", &format!("variables: [\n{vars}"));
        }),
    ]);
    rows
}

/// The scenario's header, ids, texts and the shape of its decisions and events.
#[rustfmt::skip]
fn scenario_rows() -> Vec<Row> {
    use At::*;
    vec![
        row(E, "scenario id `Mini Pension` is not a valid id", S, Text("\"Mini Pension\""), |c| c.sc("\"mini-pension\"", "\"Mini Pension\"")),
        row(E, "decision id `Close` is not a valid id", S, Text("\"Close\""), |c| c.sc("(id: \"close\"", "(id: \"Close\"")),
        row(E, "decision id `accompany` is declared twice", S, Nth("\"accompany\"", 1), |c| c.sc("(id: \"send-link\"", "(id: \"accompany\"")),
        row(E, "`decision.close.label` has no `en` text, though the case declares `en`", S, Text("\"close\""), |c| c.sc(", \"en\": \"Close the case together with her\"", "")),
        row(W, "`decision.close.outcome` has text in `de`, which the case does not declare", S, Text("\"close\""), |c| c.sc("\"en\": \"The case is closed.\"", "\"en\": \"The case is closed.\", \"de\": \"Geschlossen.\"")),
        row(E, "`title` has no `en` text, though the case declares `en`", S, Text("title:"), |c| c.sc(", \"en\": \"Mrs Olha's pension\"", "")),
        row(W, "`client.situation` has text in `de`, which the case does not declare", S, Text("client:"), |c| c.sc("\"uk\": \"Прийшла", "\"de\": \"Sie kam.\", \"uk\": \"Прийшла")),
        row(E, "the case declares no language", S, Text("languages:"), |c| c.sc("languages: [\"uk\", \"en\"]", "languages: []")),
        row(E, "`not a tag!` is not a language tag", S, Text("\"not a tag!\""), |c| c.sc("languages: [\"uk\", \"en\"]", "languages: [\"uk\", \"en\", \"not a tag!\"]")),
        row(E, "the case has no time: `weeks` is 0", S, Text("weeks:"), |c| c.sc("weeks: 6,", "weeks: 0,")),
        row(E, "the case lasts 600 weeks; Casework runs cases of at most 520 weeks (ten years)", S, Text("weeks:"), |c| c.sc("weeks: 6,", "weeks: 600,")),
        row(W, "`minutes` is 0", S, Text("minutes:"), |c| c.sc("minutes: 5,", "minutes: 0,")),
        row(E, "the case has 1006 facts; a case holds at most 1000", S, Text("facts:"), |c| {
            let facts = many(1001, |i| format!("(id: \"f{i}\", w: Who, text: {{\"uk\": \"ф\", \"en\": \"f\"}}),\n"));
            c.sc("facts: [", &format!("facts: [\n{facts}"));
        }),
        row(E, "variable `trust` has min 10 not below max 10", S, Text("\"trust\""), |c| c.sc("min: 0, max: 10, initial: 4", "min: 10, max: 10, initial: 10")),
        row(E, "variable `trust` starts at 40, outside 0..=10", S, Text("\"trust\""), |c| c.sc("initial: 4)", "initial: 40)")),
        row(E, "picture `pictures/olha.png` does not exist in the bank", S, Text("\"pictures/olha.png\""), |c| c.sc("age: 67,", "age: 67, picture: \"pictures/olha.png\",")),
        row(W, "decision `close` both closes the case and names a next stage", S, Text("\"close\""), |c| c.sc("closes: true,", "closes: true, next: Monitoring,")),
        row(E, "implementation decision `accompany` uses a service but does not say its mode", S, Text("\"accompany\""), |c| c.sc("mode: Accompanied, ", "")),
        row(W, "referral `send-link` does not name the service it refers to", S, Text("\"send-link\""), |c| c.sc("mode: Independent, service: \"online-portal\",", "mode: Referral,")),
        row(E, "decision `accompany` takes 70 days, longer than the whole case", S, Text("\"accompany\""), |c| c.sc("Add(\"trust\", 1)], days: 7,", "Add(\"trust\", 1)], days: 70,")),
        row(W, "decision `call-client` is both `once` and `repeatable`; `once` wins", S, Text("\"call-client\""), |c| c.sc("repeatable: true,", "repeatable: true, once: true,")),
        row(W, "decision `plan-agreed` lists its own stage in `also_at`", S, Text("\"plan-agreed\""), |c| c.sc("also_at: [PlanRevision]", "also_at: [PlanRevision, ServicePlan]")),
        row(E, "event `payment-stops` has a chance of 0%", S, Text("\"payment-stops\""), |c| c.sc("percent: 50", "percent: 0")),
        row(E, "event `payment-stops` starts at week 5, after it stops at week 3", S, Text("\"payment-stops\""), |c| c.sc("from: 2, until: 6", "from: 5, until: 3")),
        row(E, "event `payment-stops` starts at week 7, after the case's 6 weeks", S, Text("\"payment-stops\""), |c| c.sc("from: 2, until: 6", "from: 7, until: 7")),
        row(E, "event `payment-stops` runs until week 9, after the case's 6 weeks", S, Text("\"payment-stops\""), |c| c.sc("from: 2, until: 6", "from: 2, until: 9")),
        row(E, "event `grandson-ill` is set for week 7, after the case's 6 weeks", S, Text("\"grandson-ill\""), |c| c.sc("Week(3)", "Week(7)")),
    ]
}

/// The later fields of the format: where a case comes from, and clients' reach.
#[rustfmt::skip]
fn format_rows() -> Vec<Row> {
    use At::*;
    vec![
        row(W, "case `mini-pension` does not say where it comes from", S, Text("\"mini-pension\""), |c| c.sc("    source: (title: \"Casework scenario bank\", author: \"Casework authors\", licence: \"MIT OR Apache-2.0\"),\n", "")),
        row(W, "service `online-portal` can never serve this client: it needs internet access, which the client does not have, and no decision tries it", S, After("services:", "\"online-portal\""), |c| {
            c.sc("meets: [],\n            online_only: true,", "meets: [\"pension\"],\n            online_only: true,");
            c.sc("age: 67,", "age: 67, internet: false,");
            c.sc("mode: Independent, service: \"online-portal\",", "mode: Independent,");
        }),
    ]
}

/// References between items, and what can never happen.
#[rustfmt::skip]
fn reference_rows() -> Vec<Row> {
    use At::*;
    vec![
        row(E, "decision `home-visit` names decision `intervew`, which does not exist", S, Text("\"intervew\""), |c| c.sc("Taken(\"interview\")", "Taken(\"intervew\")")),
        row(E, "no implementation decision says its mode, so the plan is never carried out", S, Text("decisions:"), |c| {
            c.sc("mode: Accompanied, ", "");
            c.sc("mode: Independent, ", "");
        }),
        // Without its chosen return, the worked example strands a student at the service
        // plan after `consent`, `to-plan`: nothing is open and nothing can be planned.
        row(E, "a student can get stuck at the service-plan stage: nothing is open there and the case has not ended", S, Text("decisions:"), |c| {
            c.sc("(id: \"back-to-assessment\", stage: ServicePlan, also_at: [Monitoring, PlanRevision], repeatable: true,", "(id: \"back-to-assessment\", stage: Exit, repeatable: true,");
        }),
        row(E, "need `pension` has no evidence facts, so it can never be identified", S, After("needs:", "\"pension\""), |c| c.sc("evidence: [\"why-address\"]", "evidence: []")),
        row(E, "need `pension` has no goals to choose in the plan", S, After("needs:", "\"pension\""), |c| {
            c.sc_after("goals: [", "(id: \"restore\"", "// (id: \"restore\"");
            c.sc_after("goals: [", "(id: \"help-somehow\"", "// (id: \"help-somehow\"");
        }),
        row(W, "no service of the network meets need `pension` for this client, so no plan can cover it", S, After("needs:", "\"pension\""), |c| c.sc("meets: [\"pension\"]", "meets: []")),
        row(E, "decision `to-exit` can never be taken: it needs `income` at least 11, which can never hold", S, Text("\"to-exit\""), |c| c.sc("AtLeast(\"income\", 5)", "AtLeast(\"income\", 11)")),
        row(W, "the case never reaches the exit stage; so 2 decision(s) of these stages can never be taken", S, Text("decisions:"), |c| c.sc("next: Exit)", "next: Monitoring)")),
        row(W, "the case never reaches the monitoring stage, nor the plan-revision, exit stage(s) after it; so 5 decision(s) of these stages can never be taken", S, Text("decisions:"), |c| c.sc("days: 7, next: Monitoring", "days: 7")),
        row(W, "the case never reaches the exit stage", S, Text("decisions:"), |c| {
            c.sc("next: Exit)", "next: Monitoring)");
            c.sc("(id: \"close\", stage: Exit,", "(id: \"close\", stage: Monitoring,");
            c.sc("(id: \"reopen\", stage: Exit,", "(id: \"reopen\", stage: Monitoring,");
        }),
        row(W, "event `grandson-ill` has `averted_by` but is not a `consequence`, so nothing reads it", S, Text("\"grandson-ill\""), |c| c.sc("(id: \"grandson-ill\", trigger: Week(3),", "(id: \"grandson-ill\", trigger: Week(3), averted_by: [\"interview\"],")),
        row(E, "decision `accompany` can never be taken: it needs the service `pension-fund` in the service plan, which can never hold", S, Text("\"accompany\""), |c| c.sc("meets: [\"pension\"],\n            wait_weeks: 1,", "meets: [],\n            wait_weeks: 1,")),
        row(W, "the case cannot be reopened at exit: no decision there goes back to an earlier stage", S, Text("decisions:"), |c| c.sc("days: 3, next: Assessment),", "days: 3),")),
        row(W, "the worker can never decide to reassess from service-plan, monitoring, plan-revision: only an event can send the case back", S, Text("decisions:"), |c| c.sc("days: 2, next: Assessment),", "days: 2),")),
        row(W, "length gives the goal away (en): for 3 of 3 needs the longest goal is the concrete one", S, Text("needs:"), long_concrete_goals),
        row(W, "length gives the goal away (uk): for 3 of 3 needs the longest goal is the concrete one", S, Text("needs:"), long_concrete_goals),
        row(W, "length gives the answer away (en): the labels of rewarded decisions average 27 characters, of penalised ones 18", R, Text("criteria:"), |c| {
            c.rb("Taken([\"accompany\"]), points: 2,", "Taken([\"accompany\", \"consent\", \"home-visit\"]), points: 2,");
            c.rb("Avoided([\"send-link\"]), points: 1,", "Avoided([\"to-plan\", \"call-client\"]), points: 1,");
        }),
        row(E, "exam rule `answer-suspension` (critical) depends on the chance event `payment-stops`: the same choices pass or fail by the seed", R, Text("\"answer-suspension\""), |c| {
            c.rb("kind: Formative", "kind: Exam");
            c.rb("within: 2), points: 2,", "within: 2), points: 2, critical: true,");
        }),
        row(W, "event `grandson-ill` can never happen", S, Text("\"grandson-ill\""), |c| c.sc("Week(3)", "Week(7)")),
        row(W, "fact `what-no-phone` can never be uncovered: no possible decision or event reveals it", S, Text("\"what-no-phone\""), |c| c.sc("reveals: [\"where-dorm\", \"what-no-phone\"]", "reveals: [\"where-dorm\"]")),
        row(W, "event `grandson-ill` has `return_to: Exit`, later than every stage at which it can happen: `return_to` sends the case forward to the exit stage", S, Text("\"grandson-ill\""), |c| c.sc("(id: \"grandson-ill\", trigger: Week(3),", "(id: \"grandson-ill\", trigger: Week(3), requires: [AtStage(Assessment)], return_to: Exit,")),
        // Nothing leaves the exit stage once the stopped payment no longer sends the case back.
        row(E, "decision `home-visit` can never be taken: it needs `close` taken first, but `close` is open only at stages after which the case never comes back to this decision's", S, Text("\"home-visit\""), |c| {
            c.sc("requires: [Taken(\"interview\")]", "requires: [Taken(\"close\")]");
            c.sc("return_to: Assessment,", "");
        }),
        row(W, "decision `accompany` sets `income` to 15, outside 0..=10: it will be clamped to 10", S, Text("\"accompany\""), |c| c.sc("effects: [Add(\"income\", 5), Add(\"trust\", 1)]", "effects: [Set(\"income\", 15), Add(\"trust\", 1)]")),
        row(E, "the implementation stage has no way forward: no decision open there moves the case on or closes it", S, Text("decisions:"), |c| c.sc("days: 7, next: Monitoring", "days: 7")),
    ]
}

/// `criteria: [` followed by a criterion holding one rule with this id and check.
/// Two more needs whose concrete goal is the longer: three of three needs give their goal
/// away by length.
fn long_concrete_goals(c: &mut Case) {
    let more = |id: &str| {
        format!(
            "        (id: \"{id}\", domain: Social, label: {{\"uk\": \"Потреба\", \"en\": \"A need\"}}, evidence: [\"where-dorm\"],\n         goals: [(id: \"g\", text: {{\"uk\": \"Конкретна і довга мета\", \"en\": \"A concrete and long goal\"}}), (id: \"v\", concrete: false, text: {{\"uk\": \"Якось\", \"en\": \"Somehow\"}})]),\n"
        )
    };
    c.sc(
        "    needs: [\n",
        &format!("    needs: [\n{}{}", more("extra-a"), more("extra-b")),
    );
}

fn extra_rule(id: &str, check: &str) -> String {
    format!(
        "criteria: [\n(id: \"extra\", competency: Exit, title: {{\"uk\": \"д\", \"en\": \"x\"}}, weight: 1, rules: [\n(id: \"{id}\", title: {{\"uk\": \"т\", \"en\": \"t\"}}, check: {check}, points: 1, met: {{\"uk\": \"т\", \"en\": \"y\"}}, missed: {{\"uk\": \"н\", \"en\": \"n\"}})]),"
    )
}

/// The rubric against its scenario.
#[rustfmt::skip]
fn rubric_rows() -> Vec<Row> {
    use At::*;
    vec![
        row(W, "rule `quiet` forbids event `payment-stops`, which can never happen: that part of the rule is always met", R, Text("\"payment-stops\""), |c| {
            c.sc("requires: [Taken(\"accompany\")]", "requires: [AtLeast(\"income\", 11)]");
            c.rb("criteria: [", &extra_rule("quiet", "NotHappened([\"payment-stops\"])"));
        }),
        row(E, "in rule `both` decision `accompany` is both in `first` and in `then`", R, Text("\"both\""), |c| c.rb("criteria: [", &extra_rule("both", "GroupBefore(first: [\"accompany\"], then: [\"accompany\"])"))),
        row(E, "group name `Bad` is not a valid id", R, Text("\"Bad\""), |c| c.rb("pass_mark: 60,", "pass_mark: 60, groups: {\"Bad\": [\"interview\"]},")),
        row(E, "group `none` has no decisions", R, Text("\"none\""), |c| c.rb("pass_mark: 60,", "pass_mark: 60, groups: {\"none\": []},")),
        row(E, "group `g` names decision `nowhere`, which the scenario does not have", R, Text("\"nowhere\""), |c| c.rb("pass_mark: 60,", "pass_mark: 60, groups: {\"g\": [\"nowhere\"]},")),
        row(E, "rule `accompanied` names group `@formal`, which the rubric does not define", R, Text("\"@formal\""), |c| c.rb("Taken([\"accompany\"])", "Taken([\"@formal\"])")),
        row(W, "rule `in-time` has no title, so students see its id instead", R, Text("\"in-time\""), |c| c.rb("title: {\"uk\": \"Вчасне завершення\", \"en\": \"Finished in time\"}, ", "")),
        row(E, "the best possible total is 97.1%, below the pass mark of 100%: nobody can pass", R, Text("pass_mark:"), |c| {
            c.rb("pass_mark: 60", "pass_mark: 100");
            c.rb("FinalAtMost(\"trust\", 10)", "FinalAtMost(\"trust\", -1)");
        }),
        row(E, "the rubric has 1013 rules; a rubric holds at most 1000", R, Text("criteria:"), |c| {
            let rules = many(1001, |i| format!("(id: \"r{i}\", check: WeeksAtMost(5), points: 1, met: {{\"uk\": \"т\", \"en\": \"y\"}}, missed: {{\"uk\": \"н\", \"en\": \"n\"}}),\n"));
            c.rb_after("id: \"exit\"", "rules: [", &format!("rules: [\n{rules}"));
        }),
        row(E, "rubric id `Bad Id` is not a valid id", R, Text("\"Bad Id\""), |c| c.rb("\"mini-pension-formative\"", "\"Bad Id\"")),
        row(E, "the pass mark is 101%, above 100%", R, Text("pass_mark:"), |c| c.rb("pass_mark: 60", "pass_mark: 101")),
        row(W, "the pass mark is 0%: every attempt without a critical error passes", R, Text("pass_mark:"), |c| c.rb("pass_mark: 60", "pass_mark: 0")),
        row(E, "the rubric has no criteria", R, Text("criteria:"), |c| {
            let start = c.rubric.find("criteria: [").unwrap();
            c.rubric = format!("{}criteria: [],\n)\n", &c.rubric[..start]);
        }),
        row(E, "the rubric is for scenario `mini-pensoin`, which is not in the bank", R, Text("\"mini-pensoin\""), |c| c.rb("scenario: \"mini-pension\"", "scenario: \"mini-pensoin\"")),
        row(E, "`title` has no `en` text, though the case declares `en`", R, Text("title:"), |c| c.rb(", \"en\": \"Practice rubric\"", "")),
        row(E, "criterion `heavy` has weight 0", R, Text("\"heavy\""), |c| c.rb("criteria: [", "criteria: [\n(id: \"heavy\", competency: Exit, title: {\"uk\": \"в\", \"en\": \"h\"}, weight: 0, rules: [\n(id: \"r\", check: WeeksAtMost(5), points: 1, met: {\"uk\": \"т\", \"en\": \"y\"}, missed: {\"uk\": \"н\", \"en\": \"n\"})]),")),
        row(E, "criterion `empty` has no rules", R, Text("\"empty\""), |c| c.rb("criteria: [", "criteria: [\n(id: \"empty\", competency: Exit, title: {\"uk\": \"п\", \"en\": \"e\"}, weight: 1, rules: []),")),
        row(W, "rule `in-time` gives 0 points and is not critical: it changes nothing", R, Text("\"in-time\""), |c| c.rb_after("\"in-time\"", "points: 1", "points: 0")),
        row(E, "critical rule `income` can never be met, so every attempt fails", R, After("\"monitoring\"", "\"income\""), |c| c.rb("FinalAtLeast(\"income\", 5), points: 2,", "FinalAtLeast(\"income\", 11), points: 2, critical: true,")),
        row(E, "rule `trust-kept` can never be met in this scenario, so the rubric's maximum cannot be reached", R, Text("\"trust-kept\""), |c| c.rb("FinalAtMost(\"trust\", 10)", "FinalAtMost(\"trust\", -1)")),
        row(W, "in rule `consent-first` the first marker can never happen, so the rule holds only when the second never does", R, Text("\"consent-first\""), |c| {
            c.rb("Before(Decision(\"consent\")", "Before(Decision(\"to-exit\")");
            c.rb_after("\"consent-first\"", " critical: true,", "");
            c.sc("AtLeast(\"income\", 5)", "AtLeast(\"income\", 11)");
        }),
        row(E, "critical rule `consent-first` fails every attempt in which its second marker happens: its first marker can never happen", R, Text("\"consent-first\""), |c| {
            c.sc("effects: [Add(\"trust\", 2)], days: 1, next: Assessment),", "effects: [Add(\"trust\", 2)], days: 1, next: Assessment, requires: [Taken(\"close\")]),");
            c.sc("return_to: Assessment,", "");
        }),
        row(W, "rule `consent-first` is always met: its second marker can never happen", R, Text("\"consent-first\""), |c| {
            c.rb("Stage(Assessment)), points: 2, critical: true,", "Event(\"grandson-ill\")), points: 2, critical: true,");
            c.sc("Week(3)", "Week(7)");
        }),
        // The payment stops only at the exit, from which the case never goes back.
        row(E, "rule `answer-suspension` can never be met: none of its decisions is open at a stage the case can be at after event `payment-stops`", R, Text("\"answer-suspension\""), |c| {
            c.sc("requires: [Taken(\"accompany\")]", "requires: [Taken(\"accompany\"), AtStage(Exit)]");
            c.sc("return_to: Assessment,", "");
            c.rb("with: [\"interview\", \"call-client\"]", "with: [\"interview\"]");
            // No reopening from exit either.
            c.sc("days: 3, next: Assessment),", "days: 3),");
        }),
        row(E, "rule `answer-suspension` allows 0 steps to respond", R, Text("\"answer-suspension\""), |c| c.rb("within: 2", "within: 0")),
        row(W, "rule `answer-suspension` answers event `payment-stops`, which can never happen: it never applies", R, Text("\"answer-suspension\""), |c| c.sc("requires: [Taken(\"accompany\")]", "requires: [AtLeast(\"income\", 11)]")),
        row(E, "rule `key-facts` asks for key facts, but the scenario marks none as key", R, Text("\"key-facts\""), |c| c.sc("key: true, ", "")),
        row(E, "rule `needs-covered` scores the plan, but the scenario declares no needs", R, Text("\"needs-covered\""), |c| {
            let (start, end) = (c.scenario.find("    needs: [").unwrap(), c.scenario.find("    services: [").unwrap());
            c.scenario = format!("{}    needs: [],\n{}", &c.scenario[..start], &c.scenario[end..]);
        }),
        row(E, "rules `accompanied` and `no-portal` contradict: one needs `accompany` taken, the other avoided", R, Text("\"accompanied\""), |c| c.rb("Avoided([\"send-link\"])", "Avoided([\"send-link\", \"accompany\"])")),
        row(W, "rules `accompanied` and `portal` need `accompany` and `send-link`, which exclude each other", R, Text("\"accompanied\""), |c| {
            c.sc("service: \"pension-fund\", role: Manager,", "service: \"pension-fund\", role: Manager, requires: [NotTaken(\"send-link\")],");
            c.sc("service: \"online-portal\",", "service: \"online-portal\", requires: [NotTaken(\"accompany\")],");
            c.rb("Avoided([\"send-link\"])", "Taken([\"send-link\"])");
            c.rb("(id: \"no-portal\"", "(id: \"portal\"");
        }),
        row(E, "rule `accompanied` names decision `acompany`, which the scenario does not have", R, Text("\"acompany\""), |c| c.rb("Taken([\"accompany\"])", "Taken([\"acompany\"])")),
    ]
}

/// The client's network.
#[rustfmt::skip]
fn network_rows() -> Vec<Row> {
    use At::*;
    vec![
        row(E, "network member `school` is hidden until fact `who-grandson`, which can never be uncovered, so it never appears on the ecomap", S, After("(id: \"school\"", "\"who-grandson\""), |c| {
            c.sc("reveals: [\"who-grandson\"], ", "");
            c.sc("reveals: [\"who-grandson\", \"why-address\"", "reveals: [\"why-address\"");
        }),
        row(E, "network member `neighbour` is informal but is the service `pension-fund`", S, After("(id: \"neighbour\"", "\"pension-fund\""), |c| c.sc("hidden_until: \"where-dorm\")", "hidden_until: \"where-dorm\", service: \"pension-fund\")")),
        row(W, "the `en` name of network member `neighbour` has 49 characters, too long for an ecomap node", S, Text("\"neighbour\""), |c| c.sc("\"Nadiia, a neighbour\"", "\"Nadiia, a neighbour who lives on the second floor\"")),
        row(W, "decision `accompany` changes the tie of `pension-fund` twice; the last one counts", S, After("(\"pension-fund\", Normal)", "\"pension-fund\""), |c| c.sc("(\"pension-fund\", Normal)", "(\"pension-fund\", Normal), (\"pension-fund\", Weak)")),
        row(E, "event `grandson-ill` names network member `neighbor`, which does not exist", S, Text("\"neighbor\""), |c| c.sc("(\"neighbour\", Strong)", "(\"neighbor\", Strong)")),
        row(E, "network member `neighbour` names fact `where-drom`, which does not exist", S, Text("\"where-drom\""), |c| c.sc("about: [\"where-dorm\"]", "about: [\"where-drom\"]")),
        row(E, "network member `pension-fund` names service `pension-fnd`, which does not exist", S, Text("\"pension-fnd\""), |c| c.sc("about: [\"why-address\"], service: \"pension-fund\"", "about: [\"why-address\"], service: \"pension-fnd\"")),
        row(E, "network member id `school` is declared twice", S, Nth("\"school\"", 1), |c| c.sc("(id: \"pension-fund\", name: {\"uk\": \"Пенсійний фонд\"", "(id: \"school\", name: {\"uk\": \"Пенсійний фонд\"")),
    ]
}

/// The files themselves: reading, encoding, the first word, links and odd entries.
#[rustfmt::skip]
fn file_rows() -> Vec<Row> {
    use At::*;
    vec![
        // `caf` then a Latin-1 `é`: line 2, column 13.
        row(E, "the file is not UTF-8 text (byte 0xe9 at offset 22)", "latin.ron", LineCol(2, 13), |c| c.add("latin.ron", Extra::Bytes(b"Scenario(\n    id: \"caf\xe9\",\n)".to_vec()))),
        row(E, "the file is empty", "empty.ron", File, |c| c.text("empty.ron", "\n  \n")),
        row(E, "this text is not closed: a `\"` is missing", S, Text("\"Hold an interview},"), |c| c.sc("\"Hold an interview\"}", "\"Hold an interview}")),
        row(W, "rubric not checked: its scenario `mini-pension` is probably {}scenario.ron, which failed to load", R, Text("\"mini-pension\""), |c| c.sc("requires: [Taken(\"interview\")]", "requries: [Taken(\"interview\")]")),
        row(E, "expected `Scenario(` or `Rubric(`, found `Rubrik`", "typo.ron", Text("Rubrik"), |c| c.text("typo.ron", "// the rubric\nRubrik(\n)\n")),
        row(E, "expected `Scenario(` or `Rubric(` at the start of the file", "bare.ron", File, |c| c.text("bare.ron", "(id: \"x\")\n")),
        row(E, "the file is 9 MiB; Casework reads files of at most 8 MiB", "huge.ron", File, |c| c.add("huge.ron", Extra::Sized(9 << 20))),
        row(E, "cannot read this: it is a named pipe, not a regular file", "pipe.ron", File, |c| c.add("pipe.ron", Extra::Fifo)),
        row(E, "cannot read this: it is a named pipe, not a regular file", "pipe.ron", File, |c| {
            c.add("pipe.ron", Extra::Fifo);
            c.load = |dir| Ok(Bank::from_file(&dir.join("pipe.ron"), dir));
        }),
        row(E, "a dangling link: `nowhere.ron` does not exist", "dangling.ron", File, |c| c.add("dangling.ron", Extra::Link("nowhere.ron"))),
        row(E, "the link leads outside the bank, to `/`; Casework reads only files inside it", "out.ron", File, |c| c.add("out.ron", Extra::Link("/"))),
        row(W, "this link leads to a folder of the bank already read (a loop?); skipped", "loop", File, |c| c.add("loop", Extra::Link("."))),
        row(E, "cannot open the file: {}", "missing.ron", File, |c| c.load = |dir| Ok(Bank::from_file(&dir.join("missing.ron"), dir))),
        // A regular file that cannot be read: the kernel refuses reading this one at offset 0.
        row(E, "cannot read the file: {}", "mem.ron", File, |c| {
            c.add("mem.ron", Extra::Link("/proc/self/mem"));
            c.load = |dir| Ok(Bank::from_file(&dir.join("mem.ron"), dir));
        }),
        row(E, "cannot read the folder: {}", "missing", File, |c| c.load = |dir| Bank::from_dir(&dir.join("missing"))),
        // Known misplacement, not in check: the loader (src/bank.rs) places the picture by
        // its id, and an empty one is found nowhere, so the file's start is given.
        row(E, "picture: the picture path is empty", S, File, |c| c.sc("age: 67,", "age: 67, picture: \"\",")),
        row(E, "picture: `/etc/olha.png` is an absolute path; pictures are given relative to the scenario file", S, Text("\"/etc/olha.png\""), |c| c.sc("age: 67,", "age: 67, picture: \"/etc/olha.png\",")),
        row(E, "picture: `../olha.png` points outside the scenario bank", S, Text("\"../olha.png\""), |c| c.sc("age: 67,", "age: 67, picture: \"../olha.png\",")),
    ]
}

/// 1-based line and column (in characters) of byte `offset` of `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

impl At {
    fn place(&self, text: &str) -> (usize, usize) {
        let find = |needle: &str, from: usize| {
            from + text[from..]
                .find(needle)
                .unwrap_or_else(|| panic!("{needle:?} is not in the file"))
        };
        match *self {
            At::File => (1, 1),
            At::LineCol(line, column) => (line, column),
            At::Text(needle) => line_col(text, find(needle, 0)),
            At::Nth(needle, n) => {
                let (offset, _) = text
                    .match_indices(needle)
                    .nth(n)
                    .unwrap_or_else(|| panic!("{needle:?} is not there {} times", n + 1));
                line_col(text, offset)
            }
            At::After(anchor, needle) => {
                line_col(text, find(needle, find(anchor, 0) + anchor.len()))
            }
            At::Beside(needle) => {
                let (line, column) = line_col(text, find(needle, 0));
                (line, column + 1)
            }
        }
    }
}

/// Whether `message` is `template`, where each `{}` of the template stands for any text.
fn fits(template: &str, message: &str) -> bool {
    let pieces: Vec<&str> = template.split("{}").collect();
    let (first, last) = (pieces[0], pieces[pieces.len() - 1]);
    if pieces.len() == 1 {
        return template == message;
    }
    let Some(mut rest) = message.strip_prefix(first) else {
        return false;
    };
    for piece in &pieces[1..pieces.len() - 1] {
        match rest.find(piece) {
            Some(i) => rest = &rest[i + piece.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

/// Builds the row's bank in a fresh folder and checks it, as `casework --bank DIR check`.
fn diagnostics(row: &Row) -> (tempfile::TempDir, Vec<Diagnostic>, Case) {
    let read = |name| fs::read_to_string(fixture_dir().join(name)).unwrap();
    let mut case = Case {
        scenario: read("scenario.ron"),
        rubric: read("rubric.ron"),
        extra: Vec::new(),
        load: |dir| Bank::from_dir(dir),
    };
    (row.edit)(&mut case);
    let dir = tempfile::tempdir().unwrap();
    let bank = dir.path();
    fs::write(bank.join(S), &case.scenario).unwrap();
    fs::write(bank.join(R), &case.rubric).unwrap();
    for (name, what) in &case.extra {
        let path = bank.join(name);
        match what {
            Extra::Bytes(b) => fs::write(&path, b).unwrap(),
            Extra::Link(target) => std::os::unix::fs::symlink(target, &path).unwrap(),
            Extra::Fifo => {
                let ok = std::process::Command::new("mkfifo").arg(&path).status();
                assert!(ok.is_ok_and(|s| s.success()), "mkfifo");
            }
            Extra::Sized(len) => fs::File::create(&path).unwrap().set_len(*len).unwrap(),
        }
    }
    let diags = match (case.load)(bank) {
        Ok(bank) => check::check_bank(&bank),
        Err(d) => vec![d],
    };
    (dir, diags, case)
}

/// What is wrong with one row, if anything.
fn verify(row: &Row) -> Option<String> {
    let (_dir, diags, case) = diagnostics(row);
    let found = diags.iter().find(|d| fits(row.message, &d.message));
    let Some(d) = found else {
        let all: Vec<String> = diags.iter().map(|d| format!("  {d}")).collect();
        return Some(format!(
            "no diagnostic says it; there are:\n{}",
            all.join("\n")
        ));
    };
    let text = match row.file {
        S => case.scenario.clone(),
        R => case.rubric.clone(),
        name => match case.extra.iter().find(|(n, _)| *n == name) {
            Some((_, Extra::Bytes(b))) => String::from_utf8_lossy(b).into_owned(),
            _ => String::new(),
        },
    };
    let want = (row.file, row.at.place(&text), row.severity);
    let got = (
        d.path.rsplit('/').next().unwrap_or_default(),
        (d.line, d.column),
        d.severity,
    );
    (want != got).then(|| format!("wanted {want:?}, got {got:?}: {d}"))
}

#[test]
fn every_message_of_check_points_at_the_item_at_fault() {
    let failures: Vec<String> = rows()
        .iter()
        .filter_map(|row| verify(row).map(|why| format!("{}\n  {why}", row.message)))
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

/// Messages no input can produce on purpose: the file system changing between two looks
/// at one entry (it is listed, then cannot be looked at; a link resolves, then cannot be
/// followed). Each is named with why it has no row.
const UNREACHABLE: &[(&str, &str)] = &[(
    "cannot read: {e}",
    "bank.rs: an entry vanishing between being listed and being looked at",
)];

/// The files whose messages `check` reports.
const SOURCES: &[&str] = &[
    "src/check/mod.rs",
    "src/check/scenario.rs",
    "src/check/rubric.rs",
    "src/check/reachability.rs",
    "src/check/network.rs",
    "src/check/order.rs",
    "src/check/fairness.rs",
    "src/source.rs",
    "src/bank.rs",
];

/// Where messages are written, and which argument (from 0) is the message.
const CALLS: &[(&str, usize)] = &[
    ("Diagnostic::error(", 1),
    ("Diagnostic::warning(", 1),
    ("sink.error(", 1),
    ("sink.warning(", 1),
    ("sink.error_in(", 2),
    ("sink.warning_in(", 2),
    ("self.problem(", 2),
    ("let message = ", 0),
    ("message: ", 0),
    ("Err(", 0),
];

/// The arguments of a call whose `(` was just before `text`, up to its `)` (or the value
/// of an assignment, up to its `;`).
fn arguments(text: &str) -> Vec<&str> {
    let (mut depth, mut start, mut out) = (0usize, 0, Vec::new());
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                while let Some((_, c)) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => {
                out.push(&text[start..i]);
                return out;
            }
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(&text[start..i]);
                start = i + 1;
            }
            ';' if depth == 0 => {
                out.push(&text[start..i]);
                return out;
            }
            _ => {}
        }
    }
    out.push(&text[start..]);
    out
}

/// The string literals of `arg` that are messages: `format!("…"`, `"…".into()` or the
/// whole argument, unescaped as Rust reads them.
fn literals(arg: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = arg;
    while let Some(open) = rest.find('"') {
        let body_start = open + 1;
        let mut end = body_start;
        let bytes = rest.as_bytes();
        while end < bytes.len() && bytes[end] != b'"' {
            end += if bytes[end] == b'\\' { 2 } else { 1 };
        }
        let before = rest[..open].trim_end();
        let after = rest[(end + 1).min(rest.len())..].trim_start();
        let message = before.ends_with("format!(")
            || after.starts_with(".into()")
            || (before.is_empty() && after.is_empty());
        if message {
            out.push(unescape(&rest[body_start..end.min(rest.len())]));
        }
        rest = &rest[(end + 1).min(rest.len())..];
    }
    out
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('\n') => {
                    while chars.clone().next().is_some_and(char::is_whitespace) {
                        chars.next();
                    }
                }
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            },
            (c, false) => out.push(c),
        }
    }
    out
}

/// Every message literal of `SOURCES` (outside their unit tests), with its file.
fn message_literals() -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for file in SOURCES {
        let text = fs::read_to_string(root().join(file)).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (call, index) in CALLS {
            for (at, _) in code.match_indices(call) {
                let args = arguments(&code[at + call.len()..]);
                for literal in args.get(*index).map_or(Vec::new(), |a| literals(a)) {
                    out.push((literal, *file));
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Whether a message literal (a format string) could have produced `message`: its fixed
/// parts appear in `message` in order.
fn produces(literal: &str, message: &str) -> bool {
    let literal = literal.replace("{{", "\u{1}").replace("}}", "\u{2}");
    let mut rest = message;
    for part in literal.split(['{', '}']).step_by(2) {
        let part = part.replace('\u{1}', "{").replace('\u{2}', "}");
        match rest.find(part.as_str()) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

#[test]
fn every_message_literal_has_a_row() {
    let literals = message_literals();
    // The scan finds the messages (a scan that finds nothing would pass vacuously).
    assert!(literals.len() > 60, "{literals:#?}");
    let rows = rows();
    let missing: Vec<String> = literals
        .iter()
        .filter(|(l, _)| !UNREACHABLE.iter().any(|(u, _)| u == l))
        .filter(|(l, _)| !rows.iter().any(|r| produces(l, r.message)))
        .map(|(l, file)| format!("{file}: {l:?}"))
        .collect();
    assert!(
        missing.is_empty(),
        "messages without a row in `rows()` (add one that produces each):\n{}",
        missing.join("\n")
    );
    // And the unreachable ones are still there to be excused.
    for (u, why) in UNREACHABLE {
        assert!(
            literals.iter().any(|(l, _)| l == u),
            "{u:?} ({why}) is gone"
        );
    }
}
