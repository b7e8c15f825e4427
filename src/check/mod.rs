//! Static analysis of scenarios and rubrics: everything `casework check` reports beyond
//! syntax — unknown and duplicate ids, decisions that can never be taken, stages with no
//! way forward, rubric rules that can never be met, missing translations, pictures outside
//! the bank.

mod network;
mod reachability;
mod rubric;
mod scenario;

use std::collections::{HashMap, HashSet};

pub use reachability::Reach;
pub use rubric::check_rubric;
pub use scenario::check_scenario;

use crate::bank::Bank;
use crate::diagnostic::{Diagnostic, Severity, locate_declaration, locate_id_in};
use crate::scenario::Text;

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
pub(super) struct Sink<'a> {
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
