//! `casework check` on the client's network: each mistake an author can make in `network`
//! or in `ties` gets its own message, at the line of the mistake, with a way to fix it.

mod common;

use std::fs;

use casework::bank::Bank;
use casework::check::check_bank;
use casework::diagnostic::{Diagnostic, Severity};
use common::*;

/// The fixture scenario after `edit`, checked with its rubric: the edited text and the
/// diagnostics.
fn check_variant(edit: impl Fn(String) -> String) -> (String, Vec<Diagnostic>) {
    let original = fs::read_to_string(fixture_dir().join("scenario.ron")).unwrap();
    let text = edit(original.clone());
    assert_ne!(text, original, "the edit changed nothing");
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("scenario.ron"), &text).unwrap();
    fs::copy(
        fixture_dir().join("rubric.ron"),
        dir.path().join("rubric.ron"),
    )
    .unwrap();
    let bank = Bank::from_dir(dir.path()).expect("bank");
    (text, check_bank(&bank))
}

/// The one diagnostic whose message contains `message`.
fn find<'a>(diags: &'a [Diagnostic], message: &str) -> &'a Diagnostic {
    let found: Vec<&Diagnostic> = diags
        .iter()
        .filter(|d| d.message.contains(message))
        .collect();
    assert_eq!(found.len(), 1, "`{message}` in {diags:#?}");
    found[0]
}

/// The 1-based line of `text` holding `needle` (the only one).
fn line_of(text: &str, needle: &str) -> usize {
    let lines: Vec<usize> = (1..)
        .zip(text.lines())
        .filter(|(_, l)| l.contains(needle))
        .map(|(n, _)| n)
        .collect();
    assert_eq!(lines.len(), 1, "`{needle}` on lines {lines:?}");
    lines[0]
}

/// Asserts an error with `message`, at the line holding `at`, with `help`.
fn assert_error(edit: impl Fn(String) -> String, message: &str, at: &str, help: &str) {
    let (text, diags) = check_variant(edit);
    let d = find(&diags, message);
    assert_eq!(d.severity, Severity::Error, "{d}");
    assert_eq!(d.line, line_of(&text, at), "{d}");
    assert_eq!(d.help.as_deref(), Some(help), "{d}");
}

#[test]
fn the_worked_example_network_checks_clean() {
    let (_, diags) = check_variant(|s| s.replace("version: 1,", "version: 2,"));
    assert!(diags.is_empty(), "{diags:#?}");
}

#[test]
fn a_member_id_declared_twice() {
    assert_error(
        |s| s.replace("(id: \"school\"", "(id: \"neighbour\""),
        "network member id `neighbour` is declared twice",
        "Школа Марка",
        "rename one of them; every id must be unique",
    );
}

#[test]
fn a_decision_or_event_changing_the_tie_of_no_member() {
    assert_error(
        |s| s.replace("(\"pension-fund\", Normal)", "(\"pension-fnd\", Normal)"),
        "decision `accompany` names network member `pension-fnd`, which does not exist",
        "pension-fnd",
        "did you mean `pension-fund`?",
    );
    assert_error(
        |s| s.replace("(\"neighbour\", Strong)", "(\"grandmother\", Strong)"),
        "event `grandson-ill` names network member `grandmother`, which does not exist",
        "grandmother",
        "declare the network member, or fix the id",
    );
}

#[test]
fn a_member_naming_an_unknown_fact() {
    assert_error(
        |s| s.replace("about: [\"where-dorm\"]", "about: [\"where-drom\"]"),
        "network member `neighbour` names fact `where-drom`, which does not exist",
        "where-drom",
        "did you mean `where-dorm`?",
    );
    assert_error(
        |s| {
            s.replace(
                "hidden_until: \"who-grandson\"",
                "hidden_until: \"who-grandsn\"",
            )
        },
        "network member `school` names fact `who-grandsn`, which does not exist",
        "who-grandsn",
        "did you mean `who-grandson`?",
    );
}

#[test]
fn a_member_naming_an_unknown_service() {
    assert_error(
        |s| s.replace("service: \"pension-fund\")", "service: \"pension-fnd\")"),
        "network member `pension-fund` names service `pension-fnd`, which does not exist",
        "pension-fnd",
        "did you mean `pension-fund`?",
    );
}

#[test]
fn an_informal_member_that_is_a_service() {
    assert_error(
        |s| {
            s.replace(
                "hidden_until: \"where-dorm\")",
                "hidden_until: \"where-dorm\", service: \"online-portal\")",
            )
        },
        "network member `neighbour` is informal but is the service `online-portal`",
        "service: \"online-portal\")",
        "services of the network are formal: make it `sector: Formal`, or drop `service`",
    );
}

#[test]
fn a_member_hidden_until_a_fact_that_can_never_be_found() {
    // Without the home visit's discovery nobody ever learns of the hostel, or the neighbour.
    assert_error(
        |s| {
            s.replace(
                "reveals: [\"where-dorm\", \"what-no-phone\"]",
                "reveals: [\"what-no-phone\"]",
            )
        },
        "network member `neighbour` is hidden until fact `where-dorm`, which can never be uncovered, so it never appears on the ecomap",
        "tie: Weak",
        "let a decision or event reveal the fact, or drop `hidden_until`",
    );
}

#[test]
fn a_member_name_without_a_translation() {
    assert_error(
        |s| {
            s.replace(
                "{\"uk\": \"Школа Марка\", \"en\": \"Marko's school\"}",
                "{\"uk\": \"Школа Марка\"}",
            )
        },
        "`network.school.name` has no `en` text, though the case declares `en`",
        "Школа Марка",
        "add the translation, or remove the language from `languages`",
    );
}

#[test]
fn a_service_sharing_its_id_with_a_member_is_still_found_in_the_services() {
    // The member `pension-fund` is declared before the service `pension-fund`; an error
    // about the service must point at the service.
    assert_error(
        |s| {
            s.replace(
                "{\"uk\": \"Сервісний центр Пенсійного фонду\", \"en\": \"Pension Fund service centre\"}",
                "{\"uk\": \"Сервісний центр Пенсійного фонду\"}",
            )
        },
        "`service.pension-fund.name` has no `en` text",
        "            id: \"pension-fund\",",
        "add the translation, or remove the language from `languages`",
    );
}

#[test]
fn doubtful_networks_get_warnings() {
    let (text, diags) = check_variant(|s| {
        s.replace(
            "\"en\": \"Nadiia, a neighbour\"",
            "\"en\": \"Nadiia, a neighbour from the third floor of the hostel\"",
        )
        .replace(
            "(\"neighbour\", Strong)",
            "(\"neighbour\", Strong), (\"neighbour\", Normal)",
        )
    });
    let long = find(
        &diags,
        "the `en` name of network member `neighbour` has 54 characters, too long for an ecomap node",
    );
    assert_eq!(long.severity, Severity::Warning);
    assert_eq!(long.line, line_of(&text, "Nadiia"));
    let twice = find(
        &diags,
        "event `grandson-ill` changes the tie of `neighbour` twice; the last one counts",
    );
    assert_eq!(twice.severity, Severity::Warning);
    assert_eq!(twice.line, line_of(&text, "(\"neighbour\", Normal)"));
    assert_eq!(casework::check::errors(&diags), 0, "{diags:#?}");
}
