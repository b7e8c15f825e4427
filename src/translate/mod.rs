//! Translation round-trip: a scenario's or rubric's texts exported to a gettext PO file,
//! keyed by their stable ids, and the translations written back into the RON file at the
//! exact place of each text, leaving everything else (comments, layout) as it was.
//!
//! A PO entry whose source text (`msgid`) is no longer the file's is *stale*: its
//! translation was made for another text and is not imported.

pub mod po;
mod spans;

use crate::diagnostic::{Diagnostic, SourceMap};
use crate::scenario::Text;
use crate::source::Document;

/// The header field naming the language translated from (gettext's `Language` names the
/// one translated into).
pub const SOURCE_LANGUAGE: &str = "X-Casework-Source-Language";

/// Every text of a document with its stable id: the one list `check` and `translate` walk.
pub fn texts(doc: &Document) -> Vec<(String, &Text)> {
    match doc {
        Document::Scenario(s) => s.texts(),
        Document::Rubric(r) => r.texts(),
    }
}

/// A file being translated: the path shown to people, its text, what it holds.
pub struct File<'a> {
    pub path: &'a str,
    pub text: &'a str,
    pub doc: &'a Document,
}

/// The PO catalog of a file's texts from language `from` into `to`, with the existing
/// `to` texts as translations; warnings for texts with no `from` text (left out: there is
/// nothing to translate from).
pub fn export(file: &File, from: &str, to: &str) -> (po::Catalog, Vec<Diagnostic>) {
    let root = spans::parse(file.text);
    let map = SourceMap::lines_of(file.text);
    let mut warnings = Vec::new();
    let mut entries = Vec::new();
    for (id, text) in texts(file.doc) {
        let at = root.as_ref().and_then(|r| r.text(&id)).map(|n| n.start);
        let Some(source) = text.0.get(from).filter(|s| !s.trim().is_empty()) else {
            let d = Diagnostic::warning(
                file.path,
                format!("`{id}` has no `{from}` text to translate from: left out"),
            )
            .help(format!(
                "write its `{from}` text first, or choose another language with --from"
            ));
            warnings.push(match at {
                Some(at) => d.at_map(&map, at),
                None => d,
            });
            continue;
        };
        entries.push(po::Entry {
            references: vec![match at {
                Some(at) => format!("{}:{}", file.path, map.line_col(at).0),
                None => file.path.to_string(),
            }],
            context: Some(id),
            id: source.clone(),
            text: text.0.get(to).cloned().unwrap_or_default(),
            ..po::Entry::default()
        });
    }
    let header = vec![
        ("Content-Type".into(), "text/plain; charset=UTF-8".into()),
        ("Content-Transfer-Encoding".into(), "8bit".into()),
        ("Language".into(), to.into()),
        (SOURCE_LANGUAGE.into(), from.into()),
        ("X-Generator".into(), "casework translate export".into()),
    ];
    (po::Catalog { header, entries }, warnings)
}

/// What reading a PO file against a RON file found.
#[derive(Debug, Default)]
pub struct Report {
    /// Translations that differ from the file's and will be (or were) written.
    pub changed: usize,
    /// Entries marked fuzzy, not imported.
    pub fuzzy: usize,
    /// Entries whose source text is no longer the file's, not imported.
    pub stale: usize,
    /// Entries naming no text of the file.
    pub unknown: usize,
    /// Texts with no translation, in the PO file or the RON file.
    pub missing: usize,
    /// One per stale, unknown or missing text, and per fuzzy entry.
    pub diagnostics: Vec<Diagnostic>,
}

/// The languages of a PO file: (source, target), from its header.
pub fn languages(po_path: &str, catalog: &po::Catalog) -> Result<(String, String), Diagnostic> {
    let get = |name: &str| {
        catalog.header(name).filter(|v| !v.is_empty()).ok_or_else(|| {
            Diagnostic::error(po_path, format!("the PO file's header has no `{name}` field"))
                .help("export the file with `casework translate export`, which writes it, or add it to the header")
        })
    };
    Ok((get(SOURCE_LANGUAGE)?.into(), get("Language")?.into()))
}

/// A text's new translation: its stable id and the new text.
struct Change {
    id: String,
    text: String,
}

/// Compares a PO file with a RON file: what would be imported and what not, and why.
fn compare(
    file: &File,
    po_path: &str,
    po_text: &str,
    catalog: &po::Catalog,
) -> Result<(Report, Vec<Change>), Diagnostic> {
    let (from, to) = languages(po_path, catalog)?;
    let texts = texts(file.doc);
    let mut report = Report::default();
    let mut changes = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for e in &catalog.entries {
        let at = |d: Diagnostic| d.at(po_text, e.line.max(1), 1);
        let ctx = e.context.as_deref().unwrap_or("");
        let Some((_, text)) = texts.iter().find(|(id, _)| id == ctx) else {
            report.unknown += 1;
            report.diagnostics.push(at(Diagnostic::warning(
                po_path,
                match e.context {
                    Some(_) => format!("`{ctx}` is not a text of {}", file.path),
                    None => format!(
                        "an entry without msgctxt (`{}`) names no text of {}",
                        e.id, file.path
                    ),
                },
            )
            .help(
                "the item may have been removed or renamed: export again to get the current texts",
            )));
            continue;
        };
        seen.insert(ctx);
        let current = text.0.get(&from).map(String::as_str).unwrap_or("");
        if e.fuzzy() {
            report.fuzzy += 1;
            report.missing += usize::from(!text.has(&to));
            report.diagnostics.push(
                at(Diagnostic::warning(
                    po_path,
                    format!("`{ctx}` is marked fuzzy: not imported"),
                ))
                .help(
                    "review the translation and remove the fuzzy mark (in Poedit: mark it as done)",
                ),
            );
        } else if e.id != current {
            report.stale += 1;
            report.diagnostics.push(at(Diagnostic::warning(
                po_path,
                format!("`{ctx}` is stale: it translates {from} text {:?}, but the text is now {current:?}; not imported", e.id),
            ))
            .help("export again and translate the new text"));
        } else if e.text.is_empty() {
            if !text.has(&to) {
                report.missing += 1;
                report.diagnostics.push(at(Diagnostic::warning(
                    po_path,
                    format!("`{ctx}` is not translated into {to}"),
                )));
            }
        } else if text.0.get(&to) != Some(&e.text) {
            report.changed += 1;
            changes.push(Change {
                id: ctx.to_string(),
                text: e.text.clone(),
            });
        }
    }
    for (id, text) in &texts {
        if !seen.contains(id.as_str()) && !text.has(&to) && text.has(&from) {
            report.missing += 1;
            report.diagnostics.push(
                Diagnostic::warning(
                    po_path,
                    format!("`{id}` is not in the PO file and has no {to} text"),
                )
                .help("export again to get the current texts"),
            );
        }
    }
    Ok((report, changes))
}

/// Checks a PO file against a RON file without writing anything.
pub fn check(file: &File, po_path: &str, po_text: &str) -> Result<Report, Diagnostic> {
    let catalog = read_po(po_path, po_text)?;
    compare(file, po_path, po_text, &catalog).map(|(report, _)| report)
}

fn read_po(po_path: &str, po_text: &str) -> Result<po::Catalog, Diagnostic> {
    po::read(po_text).map_err(|e| {
        Diagnostic::error(
            po_path,
            format!("this is not a PO file Casework can read: {}", e.message),
        )
        .help(e.help)
        .at(po_text, e.line.max(1), 1)
    })
}

/// The RON file's text with the PO file's translations written in, and what was found.
/// Only the string literals of changed translations are replaced (or, for a language a
/// text does not have yet, inserted after its last one); everything else is kept byte for
/// byte.
pub fn import(file: &File, po_path: &str, po_text: &str) -> Result<(String, Report), Diagnostic> {
    let catalog = read_po(po_path, po_text)?;
    let (_, to) = languages(po_path, &catalog)?;
    let (report, changes) = compare(file, po_path, po_text, &catalog)?;
    let root = spans::parse(file.text).ok_or_else(|| cannot_place(file, "the file"))?;
    // (start, end, replacement), applied from the end so that offsets stay valid.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for c in &changes {
        let map = root.text(&c.id).ok_or_else(|| cannot_place(file, &c.id))?;
        let literal = ron_string(&c.text);
        match map.entry(&to) {
            Some(v) => edits.push((v.start, v.end, literal)),
            None => {
                let (at, comma) = map.insertion().ok_or_else(|| cannot_place(file, &c.id))?;
                let sep = if comma { ", " } else { "" };
                edits.push((at, at, format!("{sep}{}: {literal}", ron_string(&to))));
            }
        }
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = file.text.to_string();
    for (start, end, with) in edits {
        out.replace_range(start..end, &with);
    }
    verify(file, &out, &to, &changes)?;
    Ok((out, report))
}

/// The new text reads back as the same kind of document, with each change in place.
fn verify(file: &File, out: &str, to: &str, changes: &[Change]) -> Result<(), Diagnostic> {
    let doc = crate::source::parse_text(file.path, out).map_err(|d| {
        Diagnostic::error(
            file.path,
            format!(
                "writing the translations in would break the file: {}",
                d.message
            ),
        )
        .help("this is a bug in Casework: please report it with the two files")
    })?;
    let texts = texts(&doc);
    for c in changes {
        let now = texts
            .iter()
            .find(|(id, _)| *id == c.id)
            .and_then(|(_, t)| t.0.get(to));
        if now != Some(&c.text) {
            return Err(cannot_place(file, &c.id));
        }
    }
    Ok(())
}

fn cannot_place(file: &File, what: &str) -> Diagnostic {
    Diagnostic::error(file.path, format!("cannot find where `{what}` is written in the file"))
        .help("this is a bug in Casework: please report it with the file; meanwhile copy the translation in by hand")
}

/// `s` as a RON string literal.
fn ron_string(s: &str) -> String {
    format!("\"{}\"", po::escape(s))
}
