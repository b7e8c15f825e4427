//! `casework new`: the case it writes passes `check`, plays to the end and passes its own
//! rubric, in every language set asked for; it never writes over anything; bad ids and
//! groups are refused with what to do.

mod common;

use std::fs;
use std::path::Path;

use casework::authoring::new::{NewCase, NewError, parse_group, render};
use casework::bank::Bank;
use casework::scenario::{ClientGroup, Stage};
use common::*;

/// `new` → `check` → `play good.choices` → `score`, all by the command line, in `dir`.
fn new_check_play_score(dir: &Path, id: &str, langs: Option<&str>, group: &str) {
    let mut args = vec!["new", id, "--group", group];
    if let Some(l) = langs {
        args.extend(["--lang", l]);
    }
    let (code, _, err) = run(&args, dir);
    assert_eq!(code, 0, "new: {err}");
    let folder = dir.join(id);
    for f in ["scenario.ron", "formative.ron", "good.choices"] {
        assert!(folder.join(f).is_file(), "{f} missing");
    }

    let (code, _, err) = run(&["check", id], dir);
    assert_eq!(code, 0, "check: {err}");
    assert!(
        err.contains("1 scenario(s) and 1 rubric(s): 0 error(s), 0 warning(s)"),
        "{err}"
    );

    let case = format!("{id}/scenario.ron");
    let choices = format!("{id}/good.choices");
    let (code, _, err) = run(
        &["play", &case, "--choices", &choices, "--out", "good.log"],
        dir,
    );
    assert_eq!(code, 0, "play: {err}");

    let (code, out, err) = run(
        &["--bank", id, "score", "good.log", "--format", "json"],
        dir,
    );
    assert_eq!(code, 0, "score: {err}\n{out}");
    let report: serde_json::Value = serde_json::from_str(&out).expect("JSON report");
    assert_eq!(report["finished"], true, "{out}");
    assert_eq!(report["passed"], true, "{out}");
    let log: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("good.log")).unwrap()).unwrap();
    assert_eq!(log["end"]["kind"], "closed", "{log}");
}

#[test]
fn new_case_checks_plays_and_passes_in_every_language_set() {
    let dir = tempfile::tempdir().unwrap();
    new_check_play_score(dir.path(), "both-langs", None, "older-person");
    new_check_play_score(dir.path(), "english", Some("en"), "veteran");
    new_check_play_score(dir.path(), "ukrainian", Some("uk"), "Homeless");
    new_check_play_score(dir.path(), "german-too", Some("de,uk"), "rural-isolated");
}

#[test]
fn texts_are_in_exactly_the_languages_asked_and_marked_as_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(
        &["--lang", "en,de", "new", "two", "--group", "hiv"],
        dir.path(),
    );
    assert_eq!(code, 0, "{err}");
    let bank = Bank::from_dir(&dir.path().join("two")).unwrap();
    assert!(bank.diagnostics.is_empty(), "{:?}", bank.diagnostics);
    let s = &bank.scenario("two").unwrap().doc;
    assert_eq!(s.languages, ["en", "de"]);
    assert_eq!(s.client_group, ClientGroup::Hiv);
    for (path, text) in s.texts() {
        let langs: Vec<&String> = text.0.keys().collect();
        assert_eq!(langs, ["de", "en"], "{path}");
    }
    assert_eq!(s.title.get("en"), "[Title of the case]");
    assert_eq!(s.title.get("de"), "[de] [Title of the case]");
    // Every stage has a decision, PlanRevision through `also_at`.
    for stage in Stage::ALL {
        assert!(s.decisions.iter().any(|d| d.open_at(stage)), "{stage:?}");
    }
}

#[test]
fn every_section_of_the_scenario_is_explained_in_a_comment() {
    let case = NewCase::parse("x", None, None).unwrap();
    let files = render(&case).unwrap();
    let scenario = &files[0].1;
    for section in [
        "client:",
        "network:",
        "variables:",
        "facts:",
        "needs:",
        "services:",
        "decisions:",
        "events:",
    ] {
        let at = scenario.find(&format!("    {section}")).expect(section);
        let before = scenario[..at].trim_end().lines().last().unwrap();
        assert!(
            before.trim_start().starts_with("//"),
            "no comment above {section}"
        );
    }
    // Every group is listed for the instructor.
    for g in ClientGroup::ALL {
        assert!(scenario.contains(&format!("{g:?}")), "{g:?}");
    }
    assert!(!scenario.contains("{t:"), "a placeholder was left unfilled");
}

#[test]
fn new_never_writes_over_anything() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("taken")).unwrap();
    fs::write(dir.path().join("taken/scenario.ron"), "mine").unwrap();
    let (code, _, err) = run(&["new", "taken"], dir.path());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("already exists"), "{err}");
    assert!(err.contains("help: choose another id"), "{err}");
    assert_eq!(
        fs::read_to_string(dir.path().join("taken/scenario.ron")).unwrap(),
        "mine"
    );

    // A file of that name is not replaced by a folder either.
    fs::write(dir.path().join("plain"), "a file").unwrap();
    let (code, _, _) = run(&["new", "plain"], dir.path());
    assert_eq!(code, 2);
    assert_eq!(
        fs::read_to_string(dir.path().join("plain")).unwrap(),
        "a file"
    );

    // And a second `new` of the same id, with --dir, is refused the same way.
    let (code, _, err) = run(&["new", "twice", "--dir", "cases"], dir.path());
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&["new", "twice", "--dir", "cases"], dir.path());
    assert_eq!(code, 2, "{err}");
}

#[test]
fn bad_ids_groups_and_languages_are_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    for id in ["has space", "Capitals", "dot.ted", ""] {
        let (code, _, err) = run(&["new", id], dir.path());
        assert_eq!(code, 2, "{id}: {err}");
        assert!(err.contains("is not a valid case id"), "{err}");
        assert!(
            err.contains("lowercase letters, digits and hyphens"),
            "{err}"
        );
    }
    let (code, _, err) = run(&["new", "ok", "--group", "olderperson"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("`olderperson` is not a client group"), "{err}");
    assert!(err.contains("did you mean `older-person`?"), "{err}");
    assert!(
        err.contains("rural-isolated"),
        "the error lists the groups: {err}"
    );
    let (code, _, err) = run(&["--lang", "uk,uk", "new", "ok"], dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("given twice"), "{err}");
    assert!(
        fs::read_dir(dir.path()).unwrap().next().is_none(),
        "nothing is written"
    );
}

#[test]
fn help_lists_every_client_group() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, _) = run(&["new", "--help"], dir.path());
    assert_eq!(code, 0);
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    for g in ClientGroup::ALL {
        assert!(flat.contains(g.key()), "{} missing from --help", g.key());
    }
}

#[test]
fn group_names_are_read_as_keys_or_as_in_a_scenario_file() {
    assert_eq!(
        parse_group("older-person").unwrap(),
        ClientGroup::OlderPerson
    );
    assert_eq!(
        parse_group("OlderPerson").unwrap(),
        ClientGroup::OlderPerson
    );
    match parse_group("veteren") {
        Err(NewError::BadGroup { suggestion, .. }) => assert_eq!(suggestion, Some("veteran")),
        other => panic!("{other:?}"),
    }
    match parse_group("xyz") {
        Err(NewError::BadGroup { suggestion, .. }) => assert_eq!(suggestion, None),
        other => panic!("{other:?}"),
    }
}
