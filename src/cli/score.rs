//! `casework score`: replay a log and score it against a rubric.

use super::*;
use crate::engine::ReplayError;

/// The rubric to score with: a file, an id in the bank, or by default the scenario's
/// formative rubric. A rubric is never swapped for another: no formative rubric, no score.
pub(super) fn find_rubric(
    bank: &Bank,
    scenario: &str,
    name: Option<&str>,
) -> Result<Rubric, Failure> {
    match name {
        // `exists`, not `is_file`: a named pipe given by path is refused as such.
        Some(name) if Path::new(name).exists() => {
            let path = Path::new(name);
            let bytes = source::read_limited(path).map_err(usage)?;
            match source::parse_document(name, &bytes).map_err(problem)? {
                Document::Rubric(r) => Ok(*r),
                Document::Scenario(_) => Err(usage(Diagnostic::error(
                    name,
                    "this is a scenario, not a rubric",
                ))),
            }
        }
        Some(id) => bank.rubric(id).map(|r| r.doc.clone()).ok_or_else(|| {
            missing(
                bank,
                Diagnostic::error(id, format!("no rubric `{id}` in the bank")),
                "give the id of a rubric of the bank, or the path of a rubric file".into(),
            )
        }),
        None => match bank.formative_rubric(scenario) {
            Some(r) => Ok(r.doc.clone()),
            None => {
                let others: Vec<String> = bank
                    .rubrics_of(scenario)
                    .iter()
                    .map(|r| format!("--rubric {}", r.doc.id))
                    .collect();
                let help = if others.is_empty() {
                    "write a rubric of `kind: Formative` for it (see docs/formats.md)".to_string()
                } else {
                    format!(
                        "to score against another rubric, pass {}",
                        others.join(" or ")
                    )
                };
                Err(missing(
                    bank,
                    Diagnostic::error(
                        scenario,
                        format!("scenario `{scenario}` has no formative rubric in the bank"),
                    ),
                    help,
                ))
            }
        },
    }
}

/// A log that does not replay, said for people: what is wrong, at the log's field at fault
/// when there is one, and what to do. Every kind is a problem of the log (exit 1).
fn replay_failure(path: &Path, e: &ReplayError) -> Failure {
    let shown = path.display().to_string();
    let d = Diagnostic::error(&shown, e.to_string()).help(e.help());
    let text = source::read_limited(path)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok());
    match (e.field(), text) {
        (Some(field), Some(text)) => match field_offset(&text, field) {
            Some(offset) => problem(d.at_offset(&text, offset)),
            None => problem(d),
        },
        _ => problem(d),
    }
}

/// Where the JSON key `field` is, in a log's text.
fn field_offset(text: &str, field: &str) -> Option<usize> {
    let key = format!("\"{field}\"");
    text.match_indices(&key)
        .map(|(i, _)| i)
        .find(|&i| text[i + key.len()..].trim_start().starts_with(':'))
}

pub(super) fn cmd_score(
    bank_dir: Option<&Path>,
    log_path: &Path,
    rubric: Option<&str>,
    format: Format,
    lang: Option<&str>,
) -> Result<u8, Failure> {
    let log = read_log(log_path)?;
    let bank = context_bank(bank_dir)?;
    let shown = log_path.display().to_string();
    let Some(entry) = bank.scenario(&log.scenario) else {
        return Err(missing(
            &bank,
            Diagnostic::error(
                &shown,
                format!(
                    "the log is of scenario `{}`, which is not in the bank",
                    log.scenario
                ),
            ),
            "pass --bank DIR with the bank the session was played on".into(),
        ));
    };
    let rubric = find_rubric(&bank, &log.scenario, rubric)?;
    if rubric.scenario != log.scenario {
        return Err(usage(Diagnostic::error(
            &shown,
            format!(
                "rubric `{}` is for scenario `{}`, but the log is of `{}`",
                rubric.id, rubric.scenario, log.scenario
            ),
        )));
    }
    let case = Case::new(entry.doc.clone(), entry.hash.clone());
    let session = Session::replay(case, &log).map_err(|e| replay_failure(log_path, &e))?;
    // The report is in the language asked for, else in the session's own.
    let lang = lang.unwrap_or(&log.language);
    let report = crate::score::score_in(&session, &rubric, lang);
    let l10n = crate::i18n::localizer(lang);
    match format {
        Format::Json => {
            write_out(&(serde_json::to_string_pretty(&report).unwrap_or_default() + "\n"))?;
            // The JSON says `"finished": false`; say it to people too.
            if !report.finished {
                say(l10n.tr("score-cli-unfinished", &[("log", s(&shown))]));
            }
        }
        Format::Human => write_out(&crate::score::render_text(&report, l10n))?,
    }
    // An unfinished session has only a provisional score: not a result to rely on.
    Ok(if report.finished {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    })
}
