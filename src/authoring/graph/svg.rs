//! The map drawn as a self-contained SVG (`casework graph --format svg`), with no tool
//! outside Casework: a layered layout, one column per stage (and one for events), the boxes
//! of each column stacked under its heading, arrows as simple Bézier curves drawn beneath
//! the boxes, and a legend.

use std::fmt::Write;

use super::{Column, EdgeKind, Graph, Mark, NodeKind, Target};

const MARGIN: f32 = 20.0;
const COLUMN_W: f32 = 200.0;
const BOX_W: f32 = 176.0;
const HEAD_Y: f32 = 56.0;
const HEAD_H: f32 = 32.0;
const TOP: f32 = HEAD_Y + HEAD_H + 34.0;
const GAP: f32 = 26.0;
const LINE_H: f32 = 15.0;
/// Characters of a label per line: about what a box holds at the font size used.
const LINE_CHARS: usize = 23;
const MAX_LINES: usize = 5;
const FONT: &str = "font-family=\"DejaVu Sans, Arial, sans-serif\"";

/// A rectangle of the drawing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    fn mid_y(&self) -> f32 {
        self.y + self.h / 2.0
    }
    fn mid_x(&self) -> f32 {
        self.x + self.w / 2.0
    }
}

/// Where everything goes: a box per node (same order), a heading per column, the size.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub columns: Vec<(Column, Rect)>,
    pub boxes: Vec<Rect>,
    /// Each node's label, cut into lines.
    pub lines: Vec<Vec<String>>,
    pub legend_y: f32,
    pub width: f32,
    pub height: f32,
}

/// Cuts `text` into lines of at most [`LINE_CHARS`] characters at spaces (a longer word
/// is cut), at most [`MAX_LINES`] lines, the last ending in `…` when text was left out.
pub fn wrap(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let words = text.split_whitespace().flat_map(|w| {
        let chars: Vec<char> = w.chars().collect();
        chars
            .chunks(LINE_CHARS)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
    });
    for word in words {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > LINE_CHARS {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    if lines.len() > MAX_LINES {
        lines.truncate(MAX_LINES);
        let last = &mut lines[MAX_LINES - 1];
        let kept: String = last.chars().take(LINE_CHARS - 1).collect();
        *last = format!("{kept}…");
    }
    lines
}

/// Lays `graph` out: columns side by side, boxes stacked in file order.
pub fn layout(graph: &Graph) -> Layout {
    let columns: Vec<(Column, Rect)> = graph
        .columns()
        .into_iter()
        .enumerate()
        .map(|(i, c)| {
            let x = MARGIN + i as f32 * COLUMN_W;
            (
                c,
                Rect {
                    x,
                    y: HEAD_Y,
                    w: BOX_W,
                    h: HEAD_H,
                },
            )
        })
        .collect();
    let mut next_y: Vec<f32> = vec![TOP; columns.len()];
    let mut boxes = Vec::with_capacity(graph.nodes.len());
    let mut lines = Vec::with_capacity(graph.nodes.len());
    for node in &graph.nodes {
        let col = columns
            .iter()
            .position(|(c, _)| *c == node.column)
            .unwrap_or(0);
        // The sign of a mark starts the first line and takes its room.
        let text = match node.kind {
            NodeKind::Decision { mark: Some(m), .. } => {
                wrap(&format!("{} {}", m.sign(), node.label))
            }
            _ => wrap(&node.label),
        };
        let extra = match node.kind {
            NodeKind::Decision {
                primary, closes, ..
            } => usize::from(!primary) + usize::from(closes),
            NodeKind::Event { ends_case, returns } => {
                usize::from(ends_case) + usize::from(returns.is_some())
            }
        };
        let h = 12.0 + (text.len() + 1 + extra) as f32 * LINE_H;
        let r = Rect {
            x: columns[col].1.x,
            y: next_y[col],
            w: BOX_W,
            h,
        };
        next_y[col] += h + GAP;
        boxes.push(r);
        lines.push(text);
    }
    let bottom = next_y.iter().copied().fold(TOP, f32::max);
    let width = 2.0 * MARGIN + columns.len() as f32 * COLUMN_W - (COLUMN_W - BOX_W);
    Layout {
        columns,
        boxes,
        lines,
        legend_y: bottom + 10.0,
        width,
        height: bottom + 110.0,
    }
}

/// Text made safe to stand in XML, in an element or an attribute.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The SVG document of `graph`.
pub fn render(graph: &Graph) -> String {
    let l = layout(graph);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" {FONT} font-size=\"12\">",
        w = l.width,
        h = l.height
    );
    defs(&mut out);
    let _ = writeln!(
        out,
        "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>"
    );
    let title = match &graph.rubric {
        Some(r) => format!(
            "{} — {} ({} {r})",
            graph.title, graph.id, graph.words.rubric
        ),
        None => format!("{} — {}", graph.title, graph.id),
    };
    let _ = writeln!(
        out,
        "<text x=\"{MARGIN}\" y=\"30\" font-size=\"16\" font-weight=\"bold\">{}</text>",
        escape(&title)
    );
    columns(&mut out, &l, &graph.words);
    for e in &graph.edges {
        edge(&mut out, &l, e.from, e.to, e.kind);
    }
    for (i, node) in graph.nodes.iter().enumerate() {
        node_box(&mut out, node, l.boxes[i], &l.lines[i], &graph.words);
    }
    legend(&mut out, l.legend_y, &graph.words);
    out.push_str("</svg>\n");
    out
}

fn defs(out: &mut String) {
    out.push_str("<defs>\n");
    for (id, colour) in [
        ("arrow", "#333333"),
        ("arrow-also", "#777777"),
        ("arrow-return", "#d46b08"),
    ] {
        let _ = writeln!(
            out,
            "<marker id=\"{id}\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{colour}\"/></marker>"
        );
    }
    out.push_str("</defs>\n");
}

/// Each column's band and heading.
fn columns(out: &mut String, l: &Layout, words: &super::Words) {
    for (column, r) in &l.columns {
        let name = words.heading(*column);
        let _ = writeln!(
            out,
            "<rect class=\"band\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"8\" fill=\"#f4f5f7\"/>",
            r.x - 8.0,
            r.y - 8.0,
            r.w + 16.0,
            l.legend_y - r.y - 4.0
        );
        let _ = writeln!(
            out,
            "<rect class=\"stage\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"4\" fill=\"#3b4a6b\"/>",
            r.x, r.y, r.w, r.h
        );
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" fill=\"#ffffff\" font-weight=\"bold\" text-anchor=\"middle\">{}</text>",
            r.mid_x(),
            r.mid_y() + 4.0,
            escape(name)
        );
    }
}

/// One arrow: to the right as an S-curve into the heading's side, back (or within the same
/// column) as a loop over the top into the heading's bottom; to a node, a curve down.
fn edge(out: &mut String, l: &Layout, from: usize, to: Target, kind: EdgeKind) {
    let a = l.boxes[from];
    let path = match to {
        Target::Stage(stage) => {
            let Some((_, h)) = l.columns.iter().find(|(c, _)| *c == Column::Stage(stage)) else {
                return;
            };
            if h.x > a.x {
                let (x1, y1) = (a.x + a.w, a.mid_y());
                let (x2, y2) = (h.x, h.mid_y());
                format!(
                    "M{x1},{y1} C{},{y1} {},{y2} {x2},{y2}",
                    x1 + 40.0,
                    x2 - 60.0
                )
            } else {
                let (x1, y1) = (a.x + 12.0, a.y);
                let (x2, y2) = (h.mid_x() - 20.0, h.y + h.h);
                format!(
                    "M{x1},{y1} C{x1},{} {x2},{} {x2},{y2}",
                    y1 - 40.0,
                    y2 + 50.0
                )
            }
        }
        Target::Node(i) => {
            let b = l.boxes[i];
            let (x1, y1) = (a.x + a.w, a.mid_y());
            let (x2, y2) = (b.x, b.mid_y());
            format!(
                "M{x1},{y1} C{},{y1} {},{y2} {x2},{y2}",
                x1 + 60.0,
                x2 - 60.0
            )
        }
    };
    let style = match kind {
        EdgeKind::Moves => "stroke=\"#333333\" marker-end=\"url(#arrow)\"",
        EdgeKind::AlsoAt => {
            "stroke=\"#777777\" stroke-dasharray=\"4 3\" marker-end=\"url(#arrow-also)\""
        }
        EdgeKind::Returns => {
            "stroke=\"#d46b08\" stroke-dasharray=\"6 3\" stroke-width=\"1.6\" marker-end=\"url(#arrow-return)\""
        }
    };
    let _ = writeln!(
        out,
        "<path class=\"edge\" d=\"{path}\" fill=\"none\" {style} opacity=\"0.8\"/>"
    );
}

/// The border colour of a mark.
fn stroke(mark: Option<Mark>) -> &'static str {
    match mark {
        Some(Mark::Rewarded) => "#2e7d32",
        Some(Mark::Penalised) => "#d46b08",
        Some(Mark::Critical) => "#c62828",
        None => "#5b6b8c",
    }
}

/// One box: the sign of its mark, its label, its id in small grey, and notes (open here
/// too, closes the case, returns, ends the case); a tooltip names the rubric's rules.
fn node_box(out: &mut String, node: &super::Node, r: Rect, lines: &[String], words: &super::Words) {
    let (fill, border, dash, mark, notes, tip) = match &node.kind {
        NodeKind::Decision {
            primary,
            closes,
            mark,
            rules,
        } => {
            let mut notes = Vec::new();
            if !primary {
                notes.push(words.also_open.clone());
            }
            if *closes {
                notes.push(format!("■ {}", words.closes));
            }
            let tip = match rules.is_empty() {
                true => format!("{} ({})", node.label, node.id),
                false => format!(
                    "{} ({}); {}: {}",
                    node.label,
                    node.id,
                    words.rubric,
                    rules.join(", ")
                ),
            };
            let dash = if *primary {
                ""
            } else {
                " stroke-dasharray=\"5 3\""
            };
            (
                super::dot::fill(*mark),
                stroke(*mark),
                dash,
                *mark,
                notes,
                tip,
            )
        }
        NodeKind::Event { ends_case, returns } => {
            let mut notes = Vec::new();
            if let Some(stage) = returns {
                notes.push(format!("↩ {}", words.returns_to(*stage)));
            }
            if *ends_case {
                notes.push(format!("■ {}", words.ends));
            }
            let tip = format!("{} ({})", node.label, node.id);
            ("#fff7e6", "#d46b08", "", None, notes, tip)
        }
    };
    let _ = writeln!(out, "<g class=\"node\" data-id=\"{}\">", escape(&node.id));
    let _ = writeln!(out, "<title>{}</title>", escape(&tip));
    let _ = writeln!(
        out,
        "<rect class=\"node\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\" fill=\"{fill}\" stroke=\"{border}\" stroke-width=\"1.4\"{dash}/>",
        r.x, r.y, r.w, r.h
    );
    let x = r.x + 8.0;
    let mut y = r.y + 18.0;
    for (i, line) in lines.iter().enumerate() {
        let signed = mark.and_then(|m| Some(m).zip(line.strip_prefix(m.sign())));
        let text = match (i, signed) {
            (0, Some((m, rest))) => format!(
                "<tspan fill=\"{}\" font-weight=\"bold\">{}</tspan>&#160;{}",
                stroke(Some(m)),
                m.sign(),
                escape(rest.trim_start())
            ),
            _ => escape(line),
        };
        let _ = writeln!(out, "<text x=\"{x}\" y=\"{y}\">{text}</text>");
        y += LINE_H;
    }
    let _ = writeln!(
        out,
        "<text x=\"{x}\" y=\"{y}\" font-size=\"10\" fill=\"#777777\">{}</text>",
        escape(&node.id)
    );
    for note in notes {
        y += LINE_H;
        let _ = writeln!(
            out,
            "<text x=\"{x}\" y=\"{y}\" font-size=\"10\" font-style=\"italic\" fill=\"{border}\">{}</text>",
            escape(&note)
        );
    }
    out.push_str("</g>\n");
}

/// What the signs, colours and arrows mean.
fn legend(out: &mut String, y: f32, words: &super::Words) {
    let _ = writeln!(out, "<g class=\"legend\">");
    let _ = writeln!(
        out,
        "<text x=\"{MARGIN}\" y=\"{}\" font-weight=\"bold\">{}</text>",
        y + 14.0,
        escape(&words.legend)
    );
    let signs = [
        (Some(Mark::Rewarded), format!("✔ {}", words.rewarded)),
        (Some(Mark::Penalised), format!("✘ {}", words.penalised)),
        (Some(Mark::Critical), format!("⚠ {}", words.critical)),
        (None, words.unmarked.clone()),
    ];
    // Each entry as wide as its text (about 6.6 px a character at 12 px), so that longer
    // words in another language never run into the next entry.
    let width = |text: &str| text.chars().count() as f32 * 6.6;
    let mut x = MARGIN;
    for (mark, text) in &signs {
        let _ = writeln!(
            out,
            "<rect class=\"key\" x=\"{x}\" y=\"{}\" width=\"18\" height=\"14\" rx=\"3\" fill=\"{}\" stroke=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text>",
            y + 24.0,
            super::dot::fill(*mark),
            stroke(*mark),
            x + 24.0,
            y + 35.0,
            escape(text)
        );
        x += 24.0 + width(text) + 28.0;
    }
    let arrows = [
        ("#333333", "", "arrow", words.moves.as_str()),
        (
            "#777777",
            " stroke-dasharray=\"4 3\"",
            "arrow-also",
            words.also_arrow.as_str(),
        ),
        (
            "#d46b08",
            " stroke-dasharray=\"6 3\"",
            "arrow-return",
            words.return_arrow.as_str(),
        ),
    ];
    let mut x = MARGIN;
    for (colour, dash, marker, text) in &arrows {
        let _ = writeln!(
            out,
            "<path d=\"M{x},{y1} L{},{y1}\" stroke=\"{colour}\"{dash} marker-end=\"url(#{marker})\"/><text x=\"{}\" y=\"{}\">{}</text>",
            x + 34.0,
            x + 42.0,
            y + 65.0,
            escape(text),
            y1 = y + 61.0
        );
        x += 42.0 + width(text) + 28.0;
    }
    out.push_str("</g>\n");
}
