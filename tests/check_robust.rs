//! `casework check` on hostile scenarios: odd line separators, ids written with escapes,
//! and files that repeat one mistake thousands of times. It never panics, points at the
//! right place, and reports a bounded number of problems.

mod common;

use std::fs;

use common::*;

fn fixture() -> String {
    fs::read_to_string(fixture_dir().join("scenario.ron")).unwrap()
}

/// Runs `casework check --format json` on `text`; the exit code and the diagnostics.
fn check_json(text: &str) -> (i32, Vec<serde_json::Value>, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("case.ron");
    fs::write(&path, text).unwrap();
    let (code, out, err) = run(
        &["check", "--format", "json", path.to_str().unwrap()],
        dir.path(),
    );
    assert!(!err.contains("panicked"), "{err}");
    let json: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let diags = json["diagnostics"].as_array().cloned().unwrap_or_default();
    (code, diags, err)
}

/// The 1-based line of the first line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> u64 {
    text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1
}

#[test]
fn a_line_separator_first_and_a_duplicate_id_written_with_escapes() {
    // Both variables are declared `tr\u{75}st` (= `trust`): RON decodes the escape, so the
    // second is a duplicate, and the file starts with U+2028, a 3-byte character that is
    // not a line break for RON.
    let text = format!(
        "\u{2028}{}",
        fixture()
            .replace("(id: \"trust\"", "(id: \"tr\\u{75}st\"")
            .replace("(id: \"income\"", "(id: \"tr\\u{75}st\"")
    );
    let (code, diags, err) = check_json(&text);
    assert_eq!(code, 1, "{err}");
    let dup = diags
        .iter()
        .find(|d| d["message"] == "variable id `trust` is declared twice")
        .unwrap_or_else(|| panic!("{diags:#?}"));
    // The second declaration, though the id is nowhere written as `"trust"` there.
    let line = line_of(&text, "label: {\"uk\": \"Дохід\"");
    assert_eq!(
        (dup["line"].as_u64(), dup["column"].as_u64()),
        (Some(line), Some(14))
    );
    assert!(
        dup["source_line"].as_str().unwrap().contains("tr\\u{75}st"),
        "{dup:#?}"
    );
}

#[test]
fn escaped_duplicates_in_every_form_never_panic() {
    for prefix in ["", "\u{2028}", "\u{2028}\u{2029}\u{85}", "// é\u{2028}\n"] {
        for (a, b) in [
            ("a\\u{62}", "\\u{61}b"),
            ("\\u{61}\\u{62}", "ab"),
            ("ab", "a\\x62"),
        ] {
            let text = format!(
                "{prefix}{}",
                fixture()
                    .replace("(id: \"consent\"", &format!("(id: \"{a}\""))
                    .replace("(id: \"interview\"", &format!("(id: \"{b}\""))
                    .replace("\"consent\"", "\"ab\"")
                    .replace("\"interview\"", "\"ab\"")
            );
            let (code, diags, err) = check_json(&text);
            assert_eq!(code, 1, "{prefix:?} {a} {b}: {err}");
            assert!(
                diags
                    .iter()
                    .any(|d| d["message"] == "decision id `ab` is declared twice"),
                "{prefix:?} {a} {b}: {diags:#?}"
            );
        }
    }
}

#[path = "support/repeated_ids.rs"]
mod support;

/// A scenario of about `bytes` bytes on a single line, whose hundreds of decisions share
/// one id, name ids that do not exist and can never be taken.
pub fn repeated_ids(bytes: usize) -> String {
    support::repeated_ids(&fixture(), bytes)
}

#[test]
fn a_megabyte_of_repeated_ids_gives_a_bounded_report() {
    let text = repeated_ids(1 << 20);
    assert!(text.len() > 1_000_000 && !text.contains('\n'));
    let (code, diags, err) = check_json(&text);
    assert_eq!(code, 1, "{err}");
    // 980 decisions times seven problems each, cut to 50 of each kind plus a summary.
    assert!(diags.len() <= 500, "{} diagnostics", diags.len());
    let summary = diags
        .iter()
        .find(|d| {
            d["message"]
                == "929 more problems of this kind are not shown: decision id `…` is declared twice"
        })
        .unwrap_or_else(|| panic!("{diags:#?}"));
    assert_eq!(summary["line"], 1);
    // Each diagnostic keeps a short piece of the line, not the megabyte.
    assert!(diags.iter().all(|d| {
        d["source_line"]
            .as_str()
            .is_none_or(|s| s.chars().count() <= 102)
    }));
}
