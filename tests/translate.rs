//! `casework translate`: export to PO, import back, stale entries, `translate check`.

mod common;

use std::path::Path;

use casework::bank::Bank;
use casework::source::{self, Document};
use casework::translate::{self, File, po};
use common::{fixture_dir, root, run};

const MINI: &str = include_str!("fixtures/mini/scenario.ron");

/// A scratch folder with the mini scenario as `case.ron`.
fn scratch_case(text: &str) -> tempfile::TempDir {
    common::scratch(&[("case.ron", text)])
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).expect("read")
}

/// Exports `case.ron` of `dir` into English as `en.po`.
fn export(dir: &Path) -> String {
    let (code, _, err) = run(
        &[
            "translate",
            "export",
            "case.ron",
            "--to",
            "en",
            "--out",
            "en.po",
        ],
        dir,
    );
    assert_eq!(code, 0, "{err}");
    read(dir, "en.po")
}

/// `casework translate import case.ron en.po --out OUT` in `dir`: the exit code and
/// standard error.
fn import(dir: &Path, out: &str) -> (i32, String) {
    let (code, _, err) = run(
        &["translate", "import", "case.ron", "en.po", "--out", out],
        dir,
    );
    (code, err)
}

/// The PO text with the msgstr of the entry `ctx` set to `new` (as PO text, escaped).
fn set_msgstr(po_text: &str, ctx: &str, new: &str) -> String {
    let mut catalog = po::read(po_text).expect("reads");
    let e = catalog
        .entries
        .iter_mut()
        .find(|e| e.context.as_deref() == Some(ctx))
        .expect("entry");
    e.text = new.into();
    po::write(&catalog)
}

fn doc_text(text: &str, id: &str, lang: &str) -> Option<String> {
    let doc = source::parse_text("x.ron", text).expect("parses");
    translate::texts(&doc)
        .into_iter()
        .find(|(i, _)| i == id)
        .and_then(|(_, t)| t.0.get(lang).cloned())
}

#[test]
fn every_bank_file_survives_export_and_import_byte_for_byte() {
    let bank = Bank::from_dir(&root().join("scenarios")).expect("bank");
    let mut files: Vec<(String, String, Document, Vec<String>)> = Vec::new();
    for s in &bank.scenarios {
        let doc = Document::Scenario(Box::new(s.doc.clone()));
        files.push((s.path.clone(), s.text.clone(), doc, s.doc.languages.clone()));
    }
    for r in &bank.rubrics {
        let langs = bank
            .scenario(&r.doc.scenario)
            .expect("scenario")
            .doc
            .languages
            .clone();
        let doc = Document::Rubric(Box::new(r.doc.clone()));
        files.push((r.path.clone(), r.text.clone(), doc, langs));
    }
    assert!(files.len() >= 24, "{} files", files.len());
    for (path, text, doc, langs) in &files {
        let file = File { path, text, doc };
        for to in &langs[1..] {
            let (catalog, warnings) = translate::export(&file, &langs[0], to);
            assert!(warnings.is_empty(), "{path}: {warnings:?}");
            assert_eq!(catalog.entries.len(), translate::texts(doc).len(), "{path}");
            assert!(
                catalog
                    .entries
                    .iter()
                    .all(|e| e.references[0].starts_with(&format!("{path}:")))
            );
            let po_text = po::write(&catalog);
            let (out, report) = translate::import(&file, "x.po", &po_text).expect("imports");
            assert_eq!(
                report.changed + report.stale + report.unknown + report.missing,
                0,
                "{path}: {:?}",
                report.diagnostics
            );
            assert!(out == *text, "{path}: the file changed");
        }
    }
}

#[test]
fn a_changed_translation_is_imported_in_place_and_the_result_passes_check() {
    let dir = scratch_case(MINI);
    let po_text = export(dir.path());
    std::fs::write(
        dir.path().join("en.po"),
        set_msgstr(&po_text, "title", "Mrs Olha's lost pension"),
    )
    .expect("write");
    let (code, err) = import(dir.path(), "new.ron");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("imported 1 translation"), "{err}");
    let new = read(dir.path(), "new.ron");
    assert_eq!(
        new,
        MINI.replace("\"Mrs Olha's pension\"", "\"Mrs Olha's lost pension\"")
    );
    let (code, _, err) = run(&["check", "new.ron"], dir.path());
    assert_eq!(code, 0, "{err}");
    // The input is never written over without --force.
    assert_eq!(read(dir.path(), "case.ron"), MINI);
    let (code, _, err) = run(&["translate", "import", "case.ron", "en.po"], dir.path());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(read(dir.path(), "case.ron"), MINI);
    let (code, _, err) = run(
        &["translate", "import", "case.ron", "en.po", "--force"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(read(dir.path(), "case.ron"), new);
}

#[test]
fn a_stale_entry_is_reported_and_not_imported() {
    let dir = scratch_case(MINI);
    let po_text = export(dir.path());
    let po_text = set_msgstr(&po_text, "title", "A new title");
    // The source text changed after export.
    let changed = MINI.replace("\"Пенсія пані Ольги\"", "\"Пенсія пані Ольги Петрівни\"");
    std::fs::write(dir.path().join("case.ron"), &changed).expect("write");
    std::fs::write(dir.path().join("en.po"), &po_text).expect("write");
    let (code, err) = import(dir.path(), "new.ron");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("`title` is stale"), "{err}");
    assert!(err.contains("Пенсія пані Ольги Петрівни"), "{err}");
    assert!(err.contains("en.po:"), "placed in the PO file: {err}");
    assert_eq!(read(dir.path(), "new.ron"), changed);
}

#[test]
fn quotes_newlines_tabs_and_backslashes_survive_the_round_trip() {
    let dir = scratch_case(MINI);
    let po_text = export(dir.path());
    let tricky = "She said \"no\".\nC:\\path\\ and\ta tab";
    std::fs::write(
        dir.path().join("en.po"),
        set_msgstr(&po_text, "client.situation", tricky),
    )
    .expect("write");
    let (code, err) = import(dir.path(), "new.ron");
    assert_eq!(code, 0, "{err}");
    let new = read(dir.path(), "new.ron");
    assert_eq!(
        doc_text(&new, "client.situation", "en").as_deref(),
        Some(tricky)
    );
    // Exported again, the text reads back as it was, and imports as no change.
    std::fs::rename(dir.path().join("new.ron"), dir.path().join("case.ron")).expect("rename");
    let again = export(dir.path());
    assert!(
        again.contains("\"She said \\\"no\\\".\\n\"\n\"C:\\\\path\\\\ and\\ta tab\"\n"),
        "{again}"
    );
    let (code, err) = import(dir.path(), "same.ron");
    assert_eq!(code, 0, "{err}");
    assert_eq!(read(dir.path(), "same.ron"), new);
}

#[test]
fn a_missing_language_is_inserted_after_the_last_entry_of_its_text() {
    let without = MINI.replace(", \"en\": \"Mrs Olha's pension\"", "");
    assert_ne!(without, MINI);
    let dir = scratch_case(&without);
    let po_text = export(dir.path());
    std::fs::write(
        dir.path().join("en.po"),
        set_msgstr(&po_text, "title", "Mrs Olha's pension"),
    )
    .expect("write");
    let (code, err) = import(dir.path(), "new.ron");
    assert_eq!(code, 0, "{err}");
    assert_eq!(read(dir.path(), "new.ron"), MINI);
}

#[test]
fn translate_check_lists_stale_missing_and_unknown_entries() {
    let dir = scratch_case(MINI);
    let po_text = export(dir.path());
    let (code, _, err) = run(&["translate", "check", "case.ron", "en.po"], dir.path());
    assert_eq!(
        (code, err.contains("0 stale, 0 missing, 0 unknown")),
        (0, true),
        "{err}"
    );

    // Missing: a text with no translation, neither in the PO nor in the case.
    let without = MINI.replace(", \"en\": \"Mrs Olha's pension\"", "");
    std::fs::write(dir.path().join("case.ron"), &without).expect("write");
    std::fs::write(dir.path().join("en.po"), set_msgstr(&po_text, "title", "")).expect("write");
    let (code, _, err) = run(&["translate", "check", "case.ron", "en.po"], dir.path());
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("`title` is not translated into en"), "{err}");

    // Unknown: an entry for an item that is no longer there.
    std::fs::write(dir.path().join("case.ron"), MINI).expect("write");
    let renamed = po_text.replace("msgctxt \"title\"", "msgctxt \"decision.gone.label\"");
    std::fs::write(dir.path().join("en.po"), renamed).expect("write");
    let (code, _, err) = run(&["translate", "check", "case.ron", "en.po"], dir.path());
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("`decision.gone.label` is not a text of case.ron"),
        "{err}"
    );

    // Stale, and a broken PO file placed at its line; nothing is ever written.
    std::fs::write(
        dir.path().join("en.po"),
        po_text.replace("msgid \"Пенсія пані Ольги\"", "msgid \"Стара назва\""),
    )
    .expect("write");
    let (code, _, err) = run(&["translate", "check", "case.ron", "en.po"], dir.path());
    assert_eq!((code, err.contains("`title` is stale")), (1, true), "{err}");
    std::fs::write(dir.path().join("en.po"), "msgid \"a\nmsgstr \"b\"\n").expect("write");
    let (code, _, err) = run(&["translate", "check", "case.ron", "en.po"], dir.path());
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("en.po:1:1"), "{err}");
    assert_eq!(read(dir.path(), "case.ron"), MINI);
}

#[test]
fn fuzzy_entries_are_not_imported_and_a_rubric_is_exported_from_its_case_language() {
    let dir = scratch_case(MINI);
    let po_text = export(dir.path());
    let fuzzy = set_msgstr(&po_text, "title", "Guess").replacen(
        "msgctxt \"title\"",
        "#, fuzzy\nmsgctxt \"title\"",
        1,
    );
    std::fs::write(dir.path().join("en.po"), fuzzy).expect("write");
    let (code, err) = import(dir.path(), "new.ron");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("`title` is marked fuzzy"), "{err}");
    assert_eq!(read(dir.path(), "new.ron"), MINI);

    let rubric = fixture_dir().join("rubric.ron");
    let (code, out, err) = run(
        &[
            "translate",
            "export",
            rubric.to_str().expect("utf-8"),
            "--to",
            "en",
        ],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("X-Casework-Source-Language: uk"), "{out}");
    assert!(out.contains("msgctxt \"criterion."), "{out}");
}
