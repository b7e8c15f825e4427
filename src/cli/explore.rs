//! `casework explore`: walk a case's decision space and report what a student could run
//! into (see [`crate::explore`]).

use std::io::IsTerminal as _;
use std::sync::Arc;

use super::play::find_scenario;
use super::score::find_rubric;
use super::*;
use crate::explore::{Options, Report, explore_with, render};

/// What `casework explore` was asked.
pub(super) struct Ask<'a> {
    pub scenario: &'a str,
    pub rubric: Option<&'a str>,
    pub format: Format,
    pub options: Options,
}

/// Explores the case against the rubric asked for, or every rubric of the case; exit 1 when
/// it finds a dead end or a gaming strategy that passes.
pub(super) fn cmd_explore(bank_dir: Option<&Path>, ask: Ask<'_>) -> Result<u8, Failure> {
    let entry = find_scenario(bank_dir, ask.scenario)?;
    let rubrics: Vec<Rubric> = match ask.rubric {
        Some(name) => {
            let bank = load_bank(bank_dir)?;
            vec![find_rubric(&bank, &entry.doc.id, Some(name))?]
        }
        None => {
            // A scenario given by path is scored by the rubrics beside it.
            let beside = Path::new(ask.scenario)
                .is_file()
                .then(|| Path::new(ask.scenario).parent())
                .flatten()
                .and_then(|dir| {
                    Bank::from_dir(if dir.as_os_str().is_empty() {
                        Path::new(".")
                    } else {
                        dir
                    })
                    .ok()
                });
            let bank = match beside {
                Some(bank) => bank,
                None => load_bank(bank_dir)?,
            };
            bank.rubrics_of(&entry.doc.id)
                .iter()
                .map(|r| r.doc.clone())
                .collect()
        }
    };
    if ask.options.seeds == 0 || ask.options.budget == 0 {
        return Err(usage(
            Diagnostic::error("explore", "--seeds and --budget must be at least 1")
                .help("leave them out for the defaults (8 seeds, 1000 states a seed)"),
        ));
    }
    let case = Case::new(entry.doc.clone(), entry.hash.clone());
    let report = run_with_progress(&case, &rubrics, &ask);
    let text = match ask.format {
        Format::Human => render(&report),
        Format::Json => {
            serde_json::to_string_pretty(&report)
                .unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"))
                + "\n"
        }
    };
    write_out(&text)?;
    Ok(if report.has_problems() {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    })
}

/// The exploration, with a progress bar over the seeds on a terminal in human mode.
fn run_with_progress(case: &Arc<Case>, rubrics: &[Rubric], ask: &Ask<'_>) -> Report {
    let show = ask.format == Format::Human && std::io::stderr().is_terminal();
    if !show {
        return explore_with(case, rubrics, &ask.options, &|_| {});
    }
    let bar = indicatif::ProgressBar::new(ask.options.seeds);
    bar.set_style(
        indicatif::ProgressStyle::with_template("exploring {msg} [{bar:30}] {pos}/{len} seeds")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message(case.scenario.id.clone());
    let report = explore_with(case, rubrics, &ask.options, &|done| bar.set_position(done));
    bar.finish_and_clear();
    report
}
