//! `casework graph`: a case seen as a map — the seven stages as columns, the decisions open
//! at each, arrows for how the case moves between stages (decisions that move it, decisions
//! open at several stages, events that send it back), and which decisions the rubric rewards,
//! penalises or names in a critical rule.
//!
//! [`Graph::build`] turns a scenario (and a rubric) into nodes and edges; [`dot`] writes them
//! as Graphviz text and [`svg`] draws them itself, with a simple layered layout.

pub mod dot;
pub mod svg;

use std::collections::BTreeMap;

use crate::rubric::{Check, Marker, Rubric};
use crate::scenario::{Scenario, Stage};

/// What the rubric makes of a decision; a stronger mark wins over a weaker one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mark {
    /// A rule rewards taking it (`Taken`, the first marker of `Before`, an answer of
    /// `RespondedTo`).
    Rewarded,
    /// A rule penalises taking it (`Avoided`).
    Penalised,
    /// A critical rule names it: getting it wrong fails the attempt.
    Critical,
}

impl Mark {
    /// The sign drawn before the label.
    pub fn sign(self) -> &'static str {
        match self {
            Mark::Rewarded => "✔",
            Mark::Penalised => "✘",
            Mark::Critical => "⚠",
        }
    }
}

/// A column of the map: one per stage, and one for the case's events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    Stage(Stage),
    Events,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    /// A decision at one of its stages; `primary` at its own `stage`, not at an `also_at` one.
    Decision {
        primary: bool,
        closes: bool,
        mark: Option<Mark>,
        /// The ids of the rubric rules that name it.
        rules: Vec<String>,
    },
    Event {
        ends_case: bool,
        /// The stage it sends the case back to.
        returns: Option<Stage>,
    },
}

/// A box of the map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// The decision's or event's id.
    pub id: String,
    /// Its label (or text, for an event) in the chosen language.
    pub label: String,
    pub column: Column,
    pub kind: NodeKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeKind {
    /// Taking the decision moves the case to the stage.
    Moves,
    /// The decision is open at another stage too (`also_at`).
    AlsoAt,
    /// The event sends the case back to the stage (`return_to`).
    Returns,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The column of a stage (its heading).
    Stage(Stage),
    /// Another node, by index.
    Node(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    pub from: usize,
    pub to: Target,
    pub kind: EdgeKind,
}

/// A case as a map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Graph {
    pub id: String,
    pub title: String,
    /// The rubric whose marks are shown, if any.
    pub rubric: Option<String>,
    /// Column by column (stages in order, then events), in file order within each.
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// The map's own words (headings, notes, legend) in the language of its labels.
    pub words: Words,
}

/// The words a map shows besides the case's own texts, from the interface's Fluent files
/// (`graph-*`, `stage-*` in locales/), in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    stages: Vec<String>,
    pub events: String,
    pub rubric: String,
    pub also_open: String,
    pub closes: String,
    pub ends: String,
    returns_to: Vec<String>,
    pub legend: String,
    pub rewarded: String,
    pub penalised: String,
    pub critical: String,
    pub unmarked: String,
    pub moves: String,
    pub also_arrow: String,
    pub return_arrow: String,
}

impl Words {
    pub fn new(lang: &str) -> Words {
        let l = crate::i18n::localizer(lang);
        let stage = |s: Stage| l.t(&format!("stage-{}", s.key()));
        Words {
            stages: Stage::ALL.into_iter().map(stage).collect(),
            events: l.t("graph-events"),
            rubric: l.t("graph-rubric"),
            also_open: l.t("graph-also-open"),
            closes: l.t("graph-closes"),
            ends: l.t("graph-ends"),
            returns_to: Stage::ALL
                .into_iter()
                .map(|s| l.tr("graph-returns-to", &[("stage", crate::i18n::s(stage(s)))]))
                .collect(),
            legend: l.t("graph-legend"),
            rewarded: l.t("graph-rewarded"),
            penalised: l.t("graph-penalised"),
            critical: l.t("graph-critical"),
            unmarked: l.t("graph-unmarked"),
            moves: l.t("graph-moves"),
            also_arrow: l.t("graph-also-arrow"),
            return_arrow: l.t("graph-return-arrow"),
        }
    }

    /// A column's heading: the stage's name, or "Events".
    pub fn heading(&self, column: Column) -> &str {
        match column {
            Column::Stage(s) => &self.stages[s.index()],
            Column::Events => &self.events,
        }
    }

    /// "↩ returns to <stage>".
    pub fn returns_to(&self, stage: Stage) -> &str {
        &self.returns_to[stage.index()]
    }
}

impl Graph {
    /// The map of `scenario`, its labels in `lang`, marked by `rubric`.
    pub fn build(scenario: &Scenario, rubric: Option<&Rubric>, lang: &str) -> Graph {
        let marks = rubric.map(marks).unwrap_or_default();
        let mut nodes = Vec::new();
        let mut primary: BTreeMap<&str, usize> = BTreeMap::new();
        for stage in Stage::ALL {
            for d in scenario.decisions.iter().filter(|d| d.open_at(stage)) {
                let (mark, rules) = marks.get(d.id.as_str()).cloned().unwrap_or_default();
                if d.stage == stage {
                    primary.insert(&d.id, nodes.len());
                }
                nodes.push(Node {
                    id: d.id.clone(),
                    label: d.label.get(lang).to_string(),
                    column: Column::Stage(stage),
                    kind: NodeKind::Decision {
                        primary: d.stage == stage,
                        closes: d.closes,
                        mark,
                        rules,
                    },
                });
            }
        }
        let mut edges = Vec::new();
        for (i, n) in nodes.iter().enumerate() {
            let Some(d) = scenario.decision(&n.id) else {
                continue;
            };
            if let Some(next) = d.next {
                edges.push(Edge {
                    from: i,
                    to: Target::Stage(next),
                    kind: EdgeKind::Moves,
                });
            }
            if matches!(n.kind, NodeKind::Decision { primary: false, .. })
                && let Some(&from) = primary.get(n.id.as_str())
            {
                edges.push(Edge {
                    from,
                    to: Target::Node(i),
                    kind: EdgeKind::AlsoAt,
                });
            }
        }
        for e in &scenario.events {
            if let Some(stage) = e.return_to {
                edges.push(Edge {
                    from: nodes.len(),
                    to: Target::Stage(stage),
                    kind: EdgeKind::Returns,
                });
            }
            nodes.push(Node {
                id: e.id.clone(),
                label: e.text.get(lang).to_string(),
                column: Column::Events,
                kind: NodeKind::Event {
                    ends_case: e.ends_case,
                    returns: e.return_to,
                },
            });
        }
        Graph {
            id: scenario.id.clone(),
            title: scenario.title.get(lang).to_string(),
            rubric: rubric.map(|r| r.id.clone()),
            nodes,
            edges,
            words: Words::new(lang),
        }
    }

    /// The columns the map has: the seven stages, then events if the case has any.
    pub fn columns(&self) -> Vec<Column> {
        let mut columns: Vec<Column> = Stage::ALL.into_iter().map(Column::Stage).collect();
        if self.nodes.iter().any(|n| n.column == Column::Events) {
            columns.push(Column::Events);
        }
        columns
    }
}

/// The mark of every decision a rule of `rubric` names, with the ids of those rules.
fn marks(rubric: &Rubric) -> BTreeMap<&str, (Option<Mark>, Vec<String>)> {
    let mut out: BTreeMap<&str, (Option<Mark>, Vec<String>)> = BTreeMap::new();
    for rule in rubric.criteria.iter().flat_map(|c| &c.rules) {
        let (mark, named): (Mark, Vec<&str>) = match &rule.check {
            Check::Taken(ds) => (Mark::Rewarded, ds.iter().map(String::as_str).collect()),
            Check::Avoided(ds) => (Mark::Penalised, ds.iter().map(String::as_str).collect()),
            Check::Before(Marker::Decision(d), _) => (Mark::Rewarded, vec![d.as_str()]),
            Check::RespondedTo { with, .. } => {
                (Mark::Rewarded, with.iter().map(String::as_str).collect())
            }
            _ => continue,
        };
        let mark = if rule.critical { Mark::Critical } else { mark };
        for d in named {
            let entry = out.entry(d).or_default();
            entry.0 = entry.0.max(Some(mark));
            entry.1.push(rule.id.clone());
        }
    }
    out
}
