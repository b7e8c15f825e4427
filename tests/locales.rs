//! The interface texts: every language has every message, and every message the code asks
//! for exists.

use std::collections::BTreeSet;

use casework::i18n::{LOCALES, Localizer};
use casework::scenario::{ClientGroup, Difficulty, Model, Stage};
use fluent_syntax::ast::Entry;

/// The message ids of all the files of one language; no id may be defined twice.
fn ids(sources: &[&str]) -> BTreeSet<String> {
    let mut all = BTreeSet::new();
    for source in sources {
        let resource =
            fluent_syntax::parser::parse(*source).expect("the .ftl file parses without errors");
        for e in &resource.body {
            if let Entry::Message(m) = e {
                let id = m.id.name.to_string();
                assert!(all.insert(id.clone()), "`{id}` is defined twice");
            }
        }
    }
    all
}

#[test]
fn every_language_has_the_same_messages() {
    let (first_lang, first) = LOCALES[0];
    let expected = ids(first);
    for (lang, source) in &LOCALES[1..] {
        let got = ids(source);
        let missing: Vec<_> = expected.difference(&got).collect();
        let extra: Vec<_> = got.difference(&expected).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{lang} vs {first_lang}: missing {missing:?}, extra {extra:?}"
        );
    }
}

#[test]
fn every_name_the_code_shows_has_a_message() {
    let mut wanted: Vec<String> = Stage::ALL
        .iter()
        .map(|s| format!("stage-{}", s.key()))
        .collect();
    wanted.extend(
        ClientGroup::ALL
            .iter()
            .map(|g| format!("group-{}", g.key())),
    );
    wanted.extend(Model::ALL.iter().map(|m| format!("model-{}", m.key())));
    wanted.extend(
        Difficulty::ALL
            .iter()
            .map(|d| format!("difficulty-{}", d.key())),
    );
    for (lang, source) in LOCALES {
        let have = ids(source);
        for id in &wanted {
            assert!(have.contains(id), "{lang} lacks `{id}`");
        }
        // And formatting them gives real text, not the id back.
        let l = Localizer::new(lang);
        assert_ne!(l.t("stage-service-plan"), "stage-service-plan");
    }
}
