//! `casework check`: validate scenarios and rubrics.

use super::*;

pub(super) fn cmd_check(
    bank_dir: Option<&Path>,
    paths: &[PathBuf],
    format: Format,
) -> Result<u8, Failure> {
    let mut diags = Vec::new();
    let (mut scenarios, mut rubrics, mut unreadable) = (0, 0, 0);
    if paths.is_empty() {
        // Its problems are reported below, with the others.
        let bank = load_bank(bank_dir)?;
        scenarios += bank.scenarios.len();
        rubrics += bank.rubrics.len();
        unreadable += bank.unloaded().len();
        diags.extend(crate::check::check_bank(&bank));
    }
    // The bank that rubrics given by path may score: read once, when first needed.
    let mut bank_for_lookup: Option<Bank> = None;
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| {
            usage(Diagnostic::error(
                path.display().to_string(),
                format!("cannot read: {e}"),
            ))
        })?;
        let (target, root) = if meta.is_dir() {
            (Bank::from_dir(path).map_err(usage)?, path.clone())
        } else {
            let root = crate::bank::root_for(path, bank_dir);
            (Bank::from_file(path, &root), root)
        };
        // Rubrics may score scenarios kept elsewhere: look them up beside the file, then in
        // the bank.
        let mut lookup = target.clone();
        let beside = match meta.is_dir() {
            true => None,
            false => Bank::from_dir(&root).ok(),
        };
        // Only a lookup for rubrics: its own problems are not those of the files checked.
        if bank_for_lookup.is_none() {
            bank_for_lookup = Some(load_bank(bank_dir)?);
        }
        for other in beside.iter().chain(bank_for_lookup.as_ref()) {
            for s in &other.scenarios {
                if lookup.scenario(&s.doc.id).is_none() {
                    lookup.scenarios.push(s.clone());
                }
            }
        }
        scenarios += target.scenarios.len();
        rubrics += target.rubrics.len();
        unreadable += target.unloaded().len();
        diags.extend(target.diagnostics.iter().cloned());
        let mut seen = std::collections::HashSet::new();
        for s in &target.scenarios {
            if !seen.insert(s.doc.id.clone()) {
                diags.push(
                    Diagnostic::error(&s.path, format!("scenario id `{}` is used twice", s.doc.id))
                        .at_id(&s.text, &s.doc.id),
                );
            }
            diags.extend(crate::check::check_scenario(s, &lookup));
        }
        for r in &target.rubrics {
            diags.extend(crate::check::check_rubric(r, &lookup));
        }
    }
    let errors = crate::check::errors(&diags);
    let warnings = diags.len() - errors;
    // Pointing `check` at a folder without a single case is a mistake worth saying.
    let nothing_found = !paths.is_empty() && scenarios + rubrics == 0 && diags.is_empty();
    match format {
        Format::Json => {
            let out = serde_json::json!({
                "scenarios": scenarios,
                "rubrics": rubrics,
                "unreadable": unreadable,
                "errors": errors,
                "warnings": warnings,
                "diagnostics": diags,
            });
            write_out(&(serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"))?;
            if nothing_found {
                say("no scenario or rubric files (*.ron) found");
            }
        }
        Format::Human => {
            let mut err = std::io::stderr().lock();
            for d in &diags {
                let _ = writeln!(err, "{d}\n");
            }
            if nothing_found {
                let _ = writeln!(err, "no scenario or rubric files (*.ron) found");
            }
            // Last, so that it is what a reader sees at the end of a long report.
            let _ = writeln!(
                err,
                "checked {scenarios} scenario(s) and {rubrics} rubric(s): {errors} error(s), {warnings} warning(s){}",
                match unreadable {
                    0 => String::new(),
                    n => format!("; {n} file(s) could not be read"),
                }
            );
        }
    }
    Ok(if errors > 0 || nothing_found {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    })
}
