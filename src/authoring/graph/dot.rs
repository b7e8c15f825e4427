//! The map as Graphviz text (`casework graph --format dot`): one cluster per column, a
//! heading node per stage that arrows point to, one node per decision at each stage.

use std::fmt::Write;

use super::{Column, EdgeKind, Graph, Mark, NodeKind, Target};
use crate::scenario::Stage;

/// A quoted Graphviz string.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn column_key(column: Column) -> String {
    match column {
        Column::Stage(s) => s.key().replace('-', "_"),
        Column::Events => "events".into(),
    }
}

fn heading(stage: Stage) -> String {
    format!("stage_{}", column_key(Column::Stage(stage)))
}

/// The fill colour of a mark (light, so that the text stays readable).
pub(super) fn fill(mark: Option<Mark>) -> &'static str {
    match mark {
        Some(Mark::Rewarded) => "#d9f2d9",
        Some(Mark::Penalised) => "#fde9c8",
        Some(Mark::Critical) => "#f8d0d0",
        None => "#ffffff",
    }
}

/// The Graphviz text of `graph`.
pub fn render(graph: &Graph) -> String {
    let mut out = String::new();
    let title = match &graph.rubric {
        Some(r) => format!("{} — {} (rubric {r})", graph.title, graph.id),
        None => format!("{} — {}", graph.title, graph.id),
    };
    let _ = writeln!(out, "digraph {} {{", quote(&graph.id));
    let _ = writeln!(
        out,
        "  label={}; labelloc=t; rankdir=LR; newrank=true;",
        quote(&title)
    );
    let _ = writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"sans-serif\"];"
    );
    for column in graph.columns() {
        let key = column_key(column);
        let name = graph.words.heading(column);
        let _ = writeln!(out, "  subgraph cluster_{key} {{");
        let _ = writeln!(
            out,
            "    label={}; style=rounded; color=\"#999999\";",
            quote(name)
        );
        if let Column::Stage(s) = column {
            let _ = writeln!(
                out,
                "    {} [label={}, shape=box, style=bold];",
                heading(s),
                quote(name)
            );
        }
        for (i, n) in graph
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.column == column)
        {
            let _ = writeln!(out, "    n{i} [{}];", node_attrs(n, &graph.words));
        }
        let _ = writeln!(out, "  }}");
    }
    for e in &graph.edges {
        let to = match e.to {
            Target::Stage(s) => heading(s),
            Target::Node(i) => format!("n{i}"),
        };
        let attrs = match e.kind {
            EdgeKind::Moves => "color=\"#333333\"",
            EdgeKind::AlsoAt => "style=dashed, color=\"#666666\", label=\"also at\"",
            EdgeKind::Returns => {
                "style=dashed, color=\"#d46b08\", fontcolor=\"#d46b08\", label=\"returns\""
            }
        };
        let _ = writeln!(out, "  n{} -> {to} [{attrs}];", e.from);
    }
    out.push_str("}\n");
    out
}

/// The attributes of one node: its label (sign, text, id), colour and border.
fn node_attrs(n: &super::Node, words: &super::Words) -> String {
    match &n.kind {
        NodeKind::Decision {
            primary,
            closes,
            mark,
            rules,
        } => {
            let sign = mark.map(|m| format!("{} ", m.sign())).unwrap_or_default();
            let end = match closes {
                true => format!("\n■ {}", words.closes),
                false => String::new(),
            };
            let label = format!("{sign}{}\n({}){end}", n.label, n.id);
            let style = if *primary {
                "rounded,filled"
            } else {
                "rounded,filled,dashed"
            };
            let tooltip = if rules.is_empty() {
                String::new()
            } else {
                format!(
                    ", tooltip={}",
                    quote(&format!("{}: {}", words.rubric, rules.join(", ")))
                )
            };
            format!(
                "label={}, style={}, fillcolor={}{tooltip}",
                quote(&label),
                quote(style),
                quote(fill(*mark))
            )
        }
        NodeKind::Event { ends_case, returns } => {
            let back = returns
                .map(|s| format!("\n↩ {}", words.returns_to(s)))
                .unwrap_or_default();
            let end = match ends_case {
                true => format!("\n■ {}", words.ends),
                false => String::new(),
            };
            let label = format!("{}\n({}){back}{end}", n.label, n.id);
            format!(
                "label={}, shape=note, style=filled, fillcolor=\"#fff7e6\"",
                quote(&label)
            )
        }
    }
}
