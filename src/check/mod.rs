//! Static analysis of scenarios and rubrics: everything `casework check` reports beyond
//! syntax — unknown and duplicate ids, decisions that can never be taken, stages with no
//! way forward, rubric rules that can never be met, missing translations, pictures outside
//! the bank.

mod fairness;
mod network;
mod order;
mod reachability;
mod rubric;
mod scenario;

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

pub use reachability::Reach;
pub use rubric::check_rubric;
pub use scenario::check_scenario;

use crate::bank::{Bank, Entry};
use crate::diagnostic::{Diagnostic, Severity, SourceMap};
use crate::rubric::Rubric;
use crate::scenario::Scenario;
use crate::scenario::Text;

/// Every problem in the bank: parse errors, then each scenario's and rubric's, by file.
pub fn check_bank(bank: &Bank) -> Vec<Diagnostic> {
    let mut out = bank.diagnostics.clone();
    let mut seen: HashMap<&str, &Entry<Scenario>> = HashMap::new();
    for s in &bank.scenarios {
        if let Some(first) = seen.insert(&s.doc.id, s) {
            out.push(
                Diagnostic::error(
                    &s.path,
                    format!("scenario id `{}` is also used by {}", s.doc.id, first.path),
                )
                .help("every scenario needs its own id; logs and rubrics name it")
                .at_id(&s.text, &s.doc.id)
                .also_at(&first.path, &first.text, &s.doc.id),
            );
        }
        out.extend(check_scenario(s, bank));
    }
    let mut seen: HashMap<&str, &Entry<Rubric>> = HashMap::new();
    for r in &bank.rubrics {
        if let Some(first) = seen.insert(&r.doc.id, r) {
            out.push(
                Diagnostic::error(
                    &r.path,
                    format!("rubric id `{}` is also used by {}", r.doc.id, first.path),
                )
                .at_id(&r.text, &r.doc.id)
                .also_at(&first.path, &first.text, &r.doc.id),
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

/// How many diagnostics of one kind (one message but for its ids and numbers) a file
/// shows; the rest are counted in one summary, so that a file repeating one mistake
/// thousands of times is reported in time and memory proportional to its size.
pub const SHOWN_PER_KIND: usize = 50;

/// Collects diagnostics for one file.
pub(super) struct Sink<'a> {
    path: &'a str,
    text: &'a str,
    /// The file's index, built at the first diagnostic that needs a place.
    map: OnceCell<SourceMap<'a>>,
    out: Vec<Diagnostic>,
    kinds: HashMap<String, Kind>,
}

/// Diagnostics of one kind: how many were shown and hidden, and the last one shown.
struct Kind {
    shown: usize,
    hidden: usize,
    last: usize,
}

/// A message with its ids (`…`) and numbers left out: what diagnostics of one kind share.
fn kind_of(message: &str) -> String {
    let mut kind = String::with_capacity(message.len());
    let mut quoted = false;
    for c in message.chars() {
        match c {
            '`' => {
                quoted = !quoted;
                if quoted {
                    kind.push_str("`…`");
                }
            }
            _ if quoted => {}
            '0'..='9' if kind.ends_with('N') => {}
            '0'..='9' => kind.push('N'),
            c => kind.push(c),
        }
    }
    kind
}

impl<'a> Sink<'a> {
    pub(super) fn new(path: &'a str, text: &'a str) -> Self {
        Sink {
            path,
            text,
            map: OnceCell::new(),
            out: Vec::new(),
            kinds: HashMap::new(),
        }
    }
    /// The file's index.
    pub(super) fn map(&self) -> &SourceMap<'a> {
        self.map.get_or_init(|| SourceMap::new(self.text))
    }
    /// Whether diagnostics like one saying `message` are no longer shown (so that what
    /// only helps to read them, such as a "did you mean", need not be computed).
    fn full(&self, message: &str) -> bool {
        self.kinds
            .get(&kind_of(message))
            .is_some_and(|k| k.shown >= SHOWN_PER_KIND)
    }
    fn error(&mut self, at: &str, message: String, help: &str) {
        self.push(Diagnostic::error(self.path, message), at, help);
    }
    fn warning(&mut self, at: &str, message: String, help: &str) {
        self.push(Diagnostic::warning(self.path, message), at, help);
    }
    /// `at` is an id (`"…"` in the file) or, written `field:`, a field name.
    fn push(&mut self, d: Diagnostic, at: &str, help: &str) {
        if self.hide(&d) {
            return;
        }
        let offset = match at.strip_suffix(':') {
            _ if at.is_empty() => None,
            Some(field) => self.map().field(field),
            None => self.map().id(at),
        };
        self.place(d, offset, help);
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
        if self.hide(&d) {
            return;
        }
        let offset = self.map().id_in(section, id);
        self.place(d, offset, help);
    }
    /// Like [`Sink::push`], at byte `offset` of the file.
    fn push_at(&mut self, d: Diagnostic, offset: usize, help: &str) {
        if !self.hide(&d) {
            self.place(d, Some(offset), help);
        }
    }
    /// Counts `d` in its kind; true when the kind has been shown enough.
    fn hide(&mut self, d: &Diagnostic) -> bool {
        let next = self.out.len();
        let kind = self.kinds.entry(kind_of(&d.message)).or_insert(Kind {
            shown: 0,
            hidden: 0,
            last: next,
        });
        if kind.shown >= SHOWN_PER_KIND {
            kind.hidden += 1;
            return true;
        }
        kind.shown += 1;
        kind.last = next;
        false
    }
    /// Adds `d` (counted by [`Sink::hide`]) at byte `offset`, if known.
    fn place(&mut self, d: Diagnostic, offset: Option<usize>, help: &str) {
        let d = if help.is_empty() { d } else { d.help(help) };
        let d = match offset {
            Some(offset) => d.at_map(self.map(), offset),
            None => d,
        };
        self.out.push(d);
    }
    fn finish(mut self) -> Vec<Diagnostic> {
        for (kind, k) in &self.kinds {
            if k.hidden == 0 {
                continue;
            }
            let last = &self.out[k.last];
            let mut summary = Diagnostic {
                message: format!(
                    "{} more problems of this kind are not shown: {kind}",
                    k.hidden
                ),
                help: Some("fix the ones shown and check again to see the rest".into()),
                ..last.clone()
            };
            summary.column += 1;
            self.out.push(summary);
        }
        self.out.sort_by(|a, b| {
            // At one place, errors (causes) before warnings.
            let key = |d: &Diagnostic| (d.line, d.column, std::cmp::Reverse(d.severity));
            key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message))
        });
        self.out
    }
}

/// Whether `id` is a valid id of a scenario, rubric or item: what `check` accepts.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 80
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// Whether `tag` is a language tag `check` accepts in `languages`.
pub fn valid_lang(tag: &str) -> bool {
    tag.parse::<unic_langid::LanguageIdentifier>().is_ok() && !tag.is_empty()
}

/// Reports invalid and duplicate ids of one kind, declared inside the top-level list
/// `section`.
fn duplicates<'a>(sink: &mut Sink, kind: &str, section: &str, ids: impl Iterator<Item = &'a str>) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for id in ids {
        if !valid_id(id) {
            sink.error_in(
                section,
                id,
                format!("{kind} id `{id}` is not a valid id"),
                "ids use lowercase letters, digits and hyphens, like `explain-consent`",
            );
        }
        let times = seen.entry(id).or_insert(0);
        *times += 1;
        if *times > 1 {
            let d = Diagnostic::error(sink.path, format!("{kind} id `{id}` is declared twice"));
            if sink.hide(&d) {
                continue;
            }
            // Point at this repetition: the how-manieth declaration after the first.
            let map = sink.map();
            let first = map.id_in(section, id).unwrap_or(0);
            let at = map
                .nth_declaration(first + 1, id, *times - 2)
                .or_else(|| map.quoted(first + 1, id))
                .unwrap_or(first);
            let d = d.related_at(map, first, "first declared here");
            sink.place(d, Some(at), "rename one of them; every id must be unique");
        }
    }
}

/// Checks one text's languages; `owner` is the id of the item holding it, declared inside
/// the top-level list `section` (empty: anywhere), or, written `field:`, the field holding
/// it.
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

/// The message and help for `owner` naming `id` of `kind` when `set` (the ids of that kind)
/// does not hold it: a "did you mean" when one is near, until the kind's diagnostics are
/// capped.
fn unknown_reference(
    sink: &Sink,
    owner: &str,
    kind: &str,
    id: &str,
    set: &HashSet<String>,
) -> (String, String) {
    let message = format!("{owner} names {kind} `{id}`, which does not exist");
    let help = match sink.full(&message) {
        true => String::new(),
        false => closest(id, set)
            .map(|n| format!("did you mean `{n}`?"))
            .unwrap_or_else(|| format!("declare the {kind}, or fix the id")),
    };
    (message, help)
}

/// The id of `set` nearest to `id`, if one is close enough to be a typo.
fn closest<'a>(id: &str, set: &'a HashSet<String>) -> Option<&'a str> {
    set.iter()
        .map(|c| (strsim::levenshtein(id, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 4))
        .min()
        .map(|(_, c)| c.as_str())
}
