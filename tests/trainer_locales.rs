//! Every message the trainer's screens ask for exists in Ukrainian and in English, and the
//! Ukrainian numbers agree with their nouns.

use std::collections::BTreeSet;
use std::path::Path;

use casework::i18n::{LOCALES, Localizer, n, s};
use casework::rubric::Competency;
use casework::scenario::{ClientGroup, Difficulty, Model, Sector, Stage, Tie, W};
use fluent_syntax::ast::Entry;

fn ids(sources: &[&str]) -> BTreeSet<String> {
    sources
        .iter()
        .flat_map(|source| {
            let resource = fluent_syntax::parser::parse(*source).expect("the .ftl file parses");
            resource.body.into_iter().filter_map(|e| match e {
                Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("source folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whole message ids written as string literals (`"trainer-start"`), not the prefixes of
/// ids built with `format!` (`"stage-{}"`).
fn literal_ids(code: &str, prefix: &str) -> Vec<String> {
    let mut found = Vec::new();
    let quoted = format!("\"{prefix}");
    for (at, _) in code.match_indices(&quoted) {
        let rest = &code[at + 1..];
        let end = rest
            .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
            .unwrap_or(rest.len());
        if rest[end..].starts_with('"') && !rest[..end].ends_with('-') {
            found.push(rest[..end].to_string());
        }
    }
    found
}

/// Every id the GUI asks the localizer for: its literals and the families it builds.
fn gui_ids() -> BTreeSet<String> {
    let mut files = Vec::new();
    rust_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/gui"),
        &mut files,
    );
    let mut wanted = BTreeSet::new();
    for file in &files {
        let code = std::fs::read_to_string(file).expect("source file");
        for prefix in ["trainer-", "score-kind-"] {
            wanted.extend(literal_ids(&code, prefix));
        }
    }
    assert!(wanted.len() > 100, "only {} ids found", wanted.len());
    assert!(wanted.contains("trainer-start") && wanted.contains("trainer-new"));
    let family = |prefix: &str, keys: Vec<&str>| -> Vec<String> {
        keys.into_iter().map(|k| format!("{prefix}-{k}")).collect()
    };
    wanted.extend(family("stage", Stage::ALL.map(Stage::key).to_vec()));
    wanted.extend(family(
        "group",
        ClientGroup::ALL.map(ClientGroup::key).to_vec(),
    ));
    wanted.extend(family("model", Model::ALL.map(Model::key).to_vec()));
    wanted.extend(family(
        "difficulty",
        Difficulty::ALL.map(Difficulty::key).to_vec(),
    ));
    wanted.extend(family(
        "competency",
        Competency::ALL.map(Competency::key).to_vec(),
    ));
    wanted.extend(family("tie", Tie::ALL.map(Tie::key).to_vec()));
    wanted.extend(Tie::ALL.map(|t| format!("tie-{}-legend", t.key())));
    wanted.extend(family("sector", Sector::ALL.map(Sector::key).to_vec()));
    wanted.extend(family("w", W::ALL.map(W::key).to_vec()));
    wanted
}

#[test]
fn every_message_the_trainer_uses_exists_in_both_languages() {
    let wanted = gui_ids();
    for (lang, sources) in LOCALES {
        let have = ids(sources);
        let missing: Vec<&String> = wanted.difference(&have).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
    }
}

#[test]
fn ukrainian_weeks_agree_with_their_numbers() {
    let l = Localizer::new("uk");
    let facts = |weeks: u32| {
        l.tr(
            "trainer-briefing-facts",
            &[
                ("group", s("Переселенці")),
                ("minutes", n(30)),
                ("weeks", n(weeks)),
            ],
        )
    };
    for (weeks, words) in [
        (1, "1 тиждень"),
        (2, "2 тижні"),
        (4, "4 тижні"),
        (5, "5 тижнів"),
        (11, "11 тижнів"),
        (12, "12 тижнів"),
        (21, "21 тиждень"),
        (22, "22 тижні"),
    ] {
        let text = facts(weeks);
        assert!(text.ends_with(&format!("триває {words}")), "{text}");
    }
}

#[test]
fn ukrainian_steps_agree_with_their_numbers() {
    let l = Localizer::new("uk");
    for (steps, words) in [
        (1, "1 крок"),
        (3, "3 кроки"),
        (5, "5 кроків"),
        (12, "12 кроків"),
        (14, "14 кроків"),
        (21, "21 крок"),
        (42, "42 кроки"),
    ] {
        let text = l.tr(
            "trainer-result-session",
            &[("steps", n(steps)), ("weeks", n(2))],
        );
        assert_eq!(text, format!("{words} за 2 тижні"));
    }
}

#[test]
fn english_counts_read_as_english() {
    let l = Localizer::new("en");
    let text = |steps: u32, weeks: u32| {
        l.tr(
            "trainer-result-session",
            &[("steps", n(steps)), ("weeks", n(weeks))],
        )
    };
    assert_eq!(text(1, 1), "One step over one week");
    assert_eq!(text(12, 5), "12 steps over 5 weeks");
}
