//! `casework graph`: the Graphviz text has a cluster per stage and a node per decision; the
//! SVG is well-formed XML with every label, no overlapping boxes, escaped text, and the
//! rubric's marks.

mod common;

use std::collections::HashMap;

use casework::authoring::graph::{Graph, dot, svg};
use casework::bank::Bank;
use casework::scenario::{Scenario, Stage};
use common::*;
use quick_xml::events::Event;

/// A box the SVG draws, from its attributes.
#[derive(Debug, Clone, Copy)]
struct Box4 {
    x: f32,
    y: f32,
    w: f32,
    h: f32,
}

impl Box4 {
    fn overlaps(&self, o: &Box4) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
}

/// What a test needs of an SVG: its boxes (nodes and stage headings), and for each node
/// (by `data-id`, one entry per occurrence) its visible text and its tooltip.
#[derive(Debug, Default)]
struct Parsed {
    boxes: Vec<Box4>,
    nodes: Vec<(String, String, String)>,
    all_text: String,
}

fn attr(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .filter_map(Result::ok)
        .find(|a| a.key.as_ref() == name.as_bytes())
        .map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .expect("attribute escapes")
                .into_owned()
        })
}

/// Parses `text` as XML, failing on anything malformed.
fn parse(text: &str) -> Parsed {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut p = Parsed::default();
    let mut stack: Vec<String> = Vec::new();
    let mut node: Option<(String, String, String)> = None;
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed: {e}"));
        let piece = match &event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                let class = attr(e, "class").unwrap_or_default();
                if name == "rect" && (class == "node" || class == "stage") {
                    let n = |k| attr(e, k).unwrap().parse::<f32>().unwrap();
                    p.boxes.push(Box4 {
                        x: n("x"),
                        y: n("y"),
                        w: n("width"),
                        h: n("height"),
                    });
                }
                if name == "g" && class == "node" {
                    node = Some((attr(e, "data-id").unwrap(), String::new(), String::new()));
                }
                if matches!(event, Event::Start(_)) {
                    stack.push(name);
                }
                None
            }
            Event::End(_) => {
                if stack.pop().as_deref() == Some("g") && node.is_some() {
                    p.nodes.extend(node.take());
                }
                None
            }
            Event::Text(t) => Some(t.decode().unwrap().into_owned()),
            Event::GeneralRef(r) => Some(match r.resolve_char_ref().unwrap() {
                Some(c) => c.to_string(),
                None => match r.decode().unwrap().as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unknown entity &{other};"),
                }
                .to_string(),
            }),
            _ => None,
        };
        let Some(piece) = piece else { continue };
        p.all_text.push_str(&piece);
        if let Some((_, shown, tip)) = node.as_mut() {
            match stack.last().map(String::as_str) {
                Some("title") => tip.push_str(&piece),
                _ if shown.is_empty() => shown.push_str(piece.trim_start()),
                _ => shown.push_str(&piece),
            }
        }
    }
    assert!(stack.is_empty(), "unclosed elements: {stack:?}");
    p
}

fn mini() -> (Scenario, casework::rubric::Rubric) {
    (mini_case().scenario.clone(), mini_rubric())
}

#[test]
fn dot_has_a_cluster_per_stage_and_a_node_per_decision() {
    let (s, r) = mini();
    let text = dot::render(&Graph::build(&s, Some(&r), "en"));
    assert!(text.starts_with("digraph \"mini-pension\" {"), "{text}");
    assert!(text.trim_end().ends_with('}'));
    for stage in Stage::ALL {
        let cluster = format!("subgraph cluster_{} {{", stage.key().replace('-', "_"));
        assert!(text.contains(&cluster), "{cluster}");
    }
    for d in &s.decisions {
        let label = format!("{}\\n({})", d.label.get("en"), d.id);
        assert!(text.contains(&label), "no node for {}", d.id);
    }
    // plan-agreed is also open at PlanRevision; the payment stops and sends the case back.
    assert!(text.contains("label=\"also at\""));
    assert!(text.contains("-> stage_assessment [style=dashed, color=\"#d46b08\""));
}

#[test]
fn svg_is_well_formed_with_every_label_and_no_overlapping_boxes() {
    let bank = Bank::embedded();
    for entry in bank
        .scenarios
        .iter()
        .take(4)
        .chain(bank.scenario("older-person-alone"))
    {
        let s = &entry.doc;
        let rubric = bank.formative_rubric(&s.id).map(|r| r.doc.clone());
        for lang in &s.languages {
            let p = parse(&svg::render(&Graph::build(s, rubric.as_ref(), lang)));
            for d in &s.decisions {
                let label = d.label.get(lang);
                assert!(
                    p.nodes
                        .iter()
                        .any(|(id, _, tip)| id == &d.id && tip.contains(label)),
                    "{}: no box labelled {label:?}",
                    s.id
                );
            }
            for (i, a) in p.boxes.iter().enumerate() {
                for b in &p.boxes[i + 1..] {
                    assert!(!a.overlaps(b), "{} ({lang}): {a:?} overlaps {b:?}", s.id);
                }
            }
        }
    }
}

#[test]
fn svg_shows_short_labels_in_full_on_the_box() {
    let (s, r) = mini();
    let p = parse(&svg::render(&Graph::build(&s, Some(&r), "en")));
    let (_, shown, _) = p.nodes.iter().find(|(id, ..)| id == "accompany").unwrap();
    let words: Vec<&str> = shown.split_whitespace().collect();
    assert_eq!(
        words.join(" "),
        "✔ Accompany her to the Pension Fund accompany"
    );
}

#[test]
fn special_characters_are_escaped() {
    let (mut s, r) = mini();
    s.decisions[0]
        .label
        .0
        .insert("en".into(), "Tom & Jerry <say> \"hi\" 'x'".into());
    s.title.0.insert("en".into(), "A & B".into());
    let graph = Graph::build(&s, Some(&r), "en");
    let text = svg::render(&graph);
    assert!(
        text.contains("Tom &amp; Jerry &lt;say&gt; &quot;hi&quot;"),
        "{text}"
    );
    let p = parse(&text);
    assert!(p.all_text.contains("A & B"));
    let (_, _, tip) = p.nodes.iter().find(|(id, ..)| id == "consent").unwrap();
    assert!(tip.contains("Tom & Jerry <say> \"hi\" 'x'"), "{tip}");
    let dot = dot::render(&graph);
    assert!(
        dot.contains("Tom & Jerry <say> \\\"hi\\\" 'x'\\n(consent)"),
        "{dot}"
    );
}

#[test]
fn rubric_marks_critical_rewarded_and_penalised_decisions() {
    let (s, r) = mini();
    let p = parse(&svg::render(&Graph::build(&s, Some(&r), "en")));
    let shown: HashMap<&str, &str> = p
        .nodes
        .iter()
        .map(|(id, shown, _)| (id.as_str(), shown.as_str()))
        .collect();
    // consent-first is critical; accompany is rewarded; send-link is to be avoided;
    // interview answers the suspension.
    assert!(shown["consent"].starts_with("⚠"), "{}", shown["consent"]);
    assert!(shown["accompany"].starts_with("✔"));
    assert!(shown["interview"].starts_with("✔"));
    assert!(shown["send-link"].starts_with("✘"));
    assert!(!shown["home-visit"].starts_with(['✔', '✘', '⚠']));
    assert!(p.all_text.contains("a critical rule names it"), "legend");
    // Without a rubric, no marks.
    let bare = parse(&svg::render(&Graph::build(&s, None, "en")));
    assert!(
        bare.nodes
            .iter()
            .all(|(_, shown, _)| !shown.starts_with(['✔', '✘', '⚠']))
    );
}

#[test]
fn cli_writes_dot_or_svg_and_never_over_its_input() {
    let dir = scratch(&[]);
    let (code, out, err) = run_on_fixture(&["graph", "mini-pension"], dir.path());
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("digraph"), "{out}");
    assert!(
        out.contains("⚠ Explain confidentiality"),
        "the formative rubric is used: {out}"
    );

    let (code, _, err) = run_on_fixture(&["graph", "mini-pension", "--out", "map.svg"], dir.path());
    assert_eq!(code, 0, "{err}");
    let svg_text = std::fs::read_to_string(dir.path().join("map.svg")).unwrap();
    parse(&svg_text);

    let scenario = fixture_dir().join("scenario.ron");
    let copy = dir.path().join("scenario.ron");
    std::fs::copy(&scenario, &copy).unwrap();
    let (code, _, err) = run(
        &["graph", "scenario.ron", "--out", "scenario.ron"],
        dir.path(),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("never writes over it"), "{err}");
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        std::fs::read(&scenario).unwrap()
    );

    let (code, _, err) = run_on_fixture(&["graph", "no-such-case"], dir.path());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no scenario `no-such-case`"), "{err}");
}

#[test]
fn the_map_speaks_the_language_of_its_labels() {
    let (s, r) = mini();
    let en = svg::render(&Graph::build(&s, Some(&r), "en"));
    let uk = svg::render(&Graph::build(&s, Some(&r), "uk"));
    for (text, words) in [
        (
            &en,
            ["Service plan", "Plan revision", "Legend", "also open here"],
        ),
        (
            &uk,
            [
                "Сервісний план",
                "Корекція плану",
                "Умовні позначення",
                "відкрите й тут",
            ],
        ),
    ] {
        for w in words {
            assert!(text.contains(w), "{w} missing");
        }
        assert!(!text.contains("ServicePlan"), "a raw stage name is shown");
    }
    let dot_uk = dot::render(&Graph::build(&s, Some(&r), "uk"));
    assert!(dot_uk.contains("Сервісний план") && !dot_uk.contains("ServicePlan"));
}
