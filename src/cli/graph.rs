//! `casework graph`: draw a case's stages and decisions as Graphviz text or an SVG.

use super::*;
use crate::authoring::graph::{Graph, dot, svg};
use play::find_scenario;
use score::find_rubric;

/// What `graph` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz text, for `dot -Tsvg` and other Graphviz tools.
    Dot,
    /// A picture Casework draws itself, to open in a browser.
    Svg,
}

/// The rubric whose marks are shown: the one asked for, else the case's formative rubric
/// beside the scenario file or in the bank, else none (the map is drawn without marks).
fn rubric_for(
    bank_dir: Option<&Path>,
    scenario: &str,
    id: &str,
    asked: Option<&str>,
) -> Result<Option<Rubric>, Failure> {
    if asked.is_some() {
        let bank = load_bank(bank_dir)?;
        let rubric = find_rubric(&bank, id, asked)?;
        if rubric.scenario != id {
            return Err(usage(
                Diagnostic::error(
                    asked.unwrap_or_default(),
                    format!(
                        "rubric `{}` is for scenario `{}`, not `{id}`",
                        rubric.id, rubric.scenario
                    ),
                )
                .help("give a rubric of this scenario, or leave --rubric out"),
            ));
        }
        return Ok(Some(rubric));
    }
    let path = Path::new(scenario);
    if path.is_file() {
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if let Some(r) = Bank::from_dir(dir)
            .ok()
            .and_then(|b| b.formative_rubric(id).map(|r| r.doc.clone()))
        {
            return Ok(Some(r));
        }
    }
    Ok(load_bank(bank_dir)
        .ok()
        .and_then(|b| b.formative_rubric(id).map(|r| r.doc.clone())))
}

pub(super) fn cmd_graph(
    bank_dir: Option<&Path>,
    scenario: &str,
    rubric: Option<&str>,
    format: Option<GraphFormat>,
    out: Option<&Path>,
    lang: &str,
) -> Result<u8, Failure> {
    let entry = find_scenario(bank_dir, scenario)?;
    let asked = rubric;
    let rubric = rubric_for(bank_dir, scenario, &entry.doc.id, asked)?;
    let format = format.unwrap_or(match out.and_then(|p| p.extension()) {
        Some(ext) if ext.eq_ignore_ascii_case("svg") => GraphFormat::Svg,
        _ => GraphFormat::Dot,
    });
    let graph = Graph::build(&entry.doc, rubric.as_ref(), lang);
    let text = match format {
        GraphFormat::Dot => dot::render(&graph),
        GraphFormat::Svg => svg::render(&graph),
    };
    let Some(out) = out else {
        write_out(&text)?;
        return Ok(EXIT_OK);
    };
    let inputs = [scenario, entry.path.as_str(), asked.unwrap_or_default()];
    if inputs.iter().any(|input| same_file(out, Path::new(input))) {
        return Err(usage(
            Diagnostic::error(out.display().to_string(), "this is an input of the graph (the scenario or the rubric): graph never writes over it")
                .help("choose another name for --out, such as map.svg"),
        ));
    }
    write_file(out, &text)?;
    say(format!(
        "the graph of {} is in {}.",
        entry.doc.id,
        out.display()
    ));
    Ok(EXIT_OK)
}
