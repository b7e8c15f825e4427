//! `casework list`: the scenarios of the bank.

use super::*;

/// Lists what loaded; exits 1 when files of the bank could not be loaded (they are named
/// on standard error), since the list is then incomplete.
pub(super) fn cmd_list(bank: &Bank, l: &Localizer, format: Format) -> Result<u8, Failure> {
    match format {
        Format::Json => {
            let items: Vec<_> = bank
                .scenarios
                .iter()
                .map(|e| {
                    let sc = &e.doc;
                    serde_json::json!({
                        "id": sc.id,
                        "version": sc.version,
                        "title": sc.title.get(l.lang()),
                        "summary": sc.summary.get(l.lang()),
                        "client_group": sc.client_group,
                        "model": sc.model,
                        "difficulty": sc.difficulty,
                        "minutes": sc.minutes,
                        "weeks": sc.weeks,
                        "languages": sc.languages,
                        "source": sc.source,
                        "rubrics": bank.rubrics_of(&sc.id).iter().map(|r| &r.doc.id).collect::<Vec<_>>(),
                        "competencies": bank
                            .rubrics_of(&sc.id)
                            .iter()
                            .flat_map(|r| r.doc.criteria.iter().map(|c| c.competency))
                            .collect::<std::collections::BTreeSet<_>>(),
                        "modes": sc.decisions.iter().filter_map(|d| d.mode).collect::<std::collections::BTreeSet<_>>(),
                        "roles": sc.decisions.iter().filter_map(|d| d.role).collect::<std::collections::BTreeSet<_>>(),
                    })
                })
                .collect();
            write_out(&(serde_json::to_string_pretty(&items).unwrap_or_default() + "\n"))?;
        }
        Format::Human => {
            let mut text = String::new();
            for e in &bank.scenarios {
                let sc = &e.doc;
                text.push_str(&l.tr(
                    "list-line",
                    &[
                        ("id", s(&sc.id)),
                        ("title", s(sc.title.get(l.lang()))),
                        ("group", s(l.t(&format!("group-{}", sc.client_group.key())))),
                        ("model", s(l.t(&format!("model-{}", sc.model.key())))),
                        (
                            "difficulty",
                            s(l.t(&format!("difficulty-{}", sc.difficulty.key()))),
                        ),
                        ("minutes", n(sc.minutes)),
                        ("languages", s(sc.languages.join("/"))),
                    ],
                ));
                text.push('\n');
            }
            text.push_str(&l.tr("list-count", &[("count", n(bank.scenarios.len() as u32))]));
            text.push('\n');
            write_out(&text)?;
        }
    }
    Ok(if bank.unloaded().is_empty() {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    })
}
