//! The client's ecomap: ties change after the right decision or event, hidden members
//! appear once their fact is known, and the past can be shown as it stood.

mod common;

use casework::engine::Record;
use casework::network::{Ecomap, ecomap, ecomap_at};
use casework::scenario::{Sector, Tie};
use common::*;

fn ids(map: &Ecomap) -> Vec<&str> {
    map.members.iter().map(|m| m.id.as_str()).collect()
}

/// The 1-based log record of the event, if it happened.
fn record_of(s: &casework::engine::Session, event: &str) -> Option<u32> {
    (1u32..)
        .zip(&s.log().records)
        .find(|(_, r)| matches!(r, Record::Event { event: e, .. } if e == event))
        .map(|(seq, _)| seq)
}

#[test]
fn at_the_start_only_members_without_a_hidden_fact_are_drawn() {
    let s = play(&mini_case(), 0, "");
    let map = ecomap(&s);
    assert_eq!(ids(&map), ["pension-fund"]);
    let fund = &map.members[0];
    assert_eq!(fund.sector, Sector::Formal);
    assert_eq!(fund.tie, Tie::Stressful);
    assert!(fund.known.is_empty(), "nothing found yet");
    assert_eq!((fund.changed_at, fund.previous), (None, None));
}

#[test]
fn hidden_members_appear_when_their_fact_is_found_and_show_what_is_known() {
    let case = mini_case();
    // The interview reveals the grandson (the school appears) and the address problem.
    let s = play(&case, 0, "consent\ninterview\n");
    let map = ecomap(&s);
    assert_eq!(ids(&map), ["school", "pension-fund"], "scenario order");
    assert_eq!(map.member("pension-fund").unwrap().known, ["why-address"]);
    // The home visit reveals the hostel, and with it the neighbour.
    let s = play(&case, 0, "consent\ninterview\nhome-visit\n");
    let map = ecomap(&s);
    assert_eq!(ids(&map), ["neighbour", "school", "pension-fund"]);
    let neighbour = map.member("neighbour").unwrap();
    assert_eq!(neighbour.sector, Sector::Informal);
    assert_eq!(neighbour.tie, Tie::Weak);
    assert_eq!(neighbour.known, ["where-dorm"]);
}

#[test]
fn a_decision_changes_the_tie_it_names_at_its_record() {
    let case = mini_case();
    let seed = no_suspension_seed();
    let before = play(&case, seed, TO_IMPLEMENTATION);
    assert_eq!(
        ecomap(&before).member("pension-fund").unwrap().tie,
        Tie::Stressful
    );
    let s = play(&case, seed, &format!("{TO_IMPLEMENTATION}accompany\n"));
    let fund = ecomap(&s).member("pension-fund").unwrap().clone();
    assert_eq!(fund.tie, Tie::Normal);
    assert_eq!(fund.previous, Some(Tie::Stressful));
    let accompany_record = u32::try_from(before.log().records.len()).unwrap() + 1;
    assert_eq!(fund.changed_at, Some(accompany_record));
    // Another way through the implementation leaves the tie as it was.
    let s = play(&case, seed, &format!("{TO_IMPLEMENTATION}send-link\n"));
    assert_eq!(
        ecomap(&s).member("pension-fund").unwrap().tie,
        Tie::Stressful
    );
}

#[test]
fn an_event_changes_the_tie_even_of_a_member_not_yet_drawn() {
    let case = mini_case();
    let seed = no_suspension_seed();
    // Week 3: the grandson falls ill and the neighbour helps, whether or not the student
    // has met her yet.
    let s = play(&case, seed, &format!("{TO_IMPLEMENTATION}accompany\n"));
    let ill = record_of(&s, "grandson-ill").expect("week 3 is reached");
    let neighbour = ecomap(&s).member("neighbour").unwrap().clone();
    assert_eq!(neighbour.tie, Tie::Strong);
    assert_eq!(neighbour.previous, Some(Tie::Weak));
    assert_eq!(neighbour.changed_at, Some(ill));
    // Without the home visit she stays off the map, with her tie changed all the same.
    let s = play(
        &case,
        seed,
        "consent\ninterview\nto-plan\nplan pension restore pension-fund 4\nplan-agreed\naccompany\ncall-client\ncall-client\n",
    );
    assert!(record_of(&s, "grandson-ill").is_some());
    assert!(ecomap(&s).member("neighbour").is_none());
}

#[test]
fn a_later_event_undoes_a_decision_and_the_last_change_counts() {
    let case = mini_case();
    let s = play(
        &case,
        suspension_seed(),
        &format!("{TO_IMPLEMENTATION}accompany\n"),
    );
    let stops = record_of(&s, "payment-stops").expect("the suspension seed");
    let fund = ecomap(&s).member("pension-fund").unwrap().clone();
    assert_eq!(fund.tie, Tie::Stressful);
    assert_eq!(
        fund.previous,
        Some(Tie::Normal),
        "the accompaniment had eased it"
    );
    assert_eq!(fund.changed_at, Some(stops));
}

#[test]
fn the_ecomap_at_a_past_record_is_the_ecomap_the_student_saw_then() {
    let case = mini_case();
    let seed = suspension_seed();
    let script = format!("{TO_IMPLEMENTATION}accompany\ninterview\nhome-visit\n");
    let full = play(&case, seed, &script);
    let records = full.log().records.len();
    assert_eq!(ecomap_at(&full, records as u32), ecomap(&full));
    // Replaying each prefix of the script gives a live session standing at a past record;
    // its ecomap must be what `ecomap_at` computes for that record.
    let steps: Vec<&str> = script.lines().collect();
    for n in 0..=steps.len() {
        let past = play(&case, seed, &steps[..n].join("\n"));
        let at = past.log().records.len() as u32;
        assert_eq!(
            ecomap_at(&full, at),
            ecomap(&past),
            "after {n} steps (record {at})"
        );
    }
    assert_eq!(ids(&ecomap_at(&full, 0)), ["pension-fund"]);
}

#[test]
fn every_sector_and_tie_has_a_name_and_a_legend_in_every_language() {
    use casework::i18n::{LOCALES, Localizer};
    for (lang, _) in LOCALES {
        let l = Localizer::new(lang);
        let mut ids: Vec<String> = Sector::ALL
            .iter()
            .map(|s| format!("sector-{}", s.key()))
            .collect();
        for t in Tie::ALL {
            ids.push(format!("tie-{}", t.key()));
            ids.push(format!("tie-{}-legend", t.key()));
        }
        for id in ids {
            let text = l.t(&id);
            assert!(!text.is_empty() && text != id, "{lang} lacks `{id}`");
        }
    }
}
