//! `casework play`: a headless session from a file of decisions.

use super::*;

/// A scenario named by path, or else by id in the bank. Either way it is loaded as the
/// bank loads its files, under the same rules (pictures inside the bank, say).
fn find_scenario(bank_dir: Option<&Path>, name: &str) -> Result<Entry<Scenario>, Failure> {
    let path = Path::new(name);
    // `exists`, not `is_file`: a named pipe given by path is refused as such, not looked
    // up as an id.
    if path.exists() {
        let bytes = source::read_limited(path).map_err(usage)?;
        let root = crate::bank::root_for(path, bank_dir);
        let mut one = Bank::single(path, &root, Ok(bytes));
        if let Some(d) = one.diagnostics.pop() {
            return Err(problem(d));
        }
        return one.scenarios.pop().ok_or_else(|| {
            usage(Diagnostic::error(
                path.display().to_string(),
                "this is a rubric, not a scenario",
            ))
        });
    }
    let bank = context_bank(bank_dir)?;
    bank.scenario(name).cloned().ok_or_else(|| {
        let ids: Vec<&str> = bank.scenarios.iter().map(|s| s.doc.id.as_str()).collect();
        missing(
            &bank,
            Diagnostic::error(name, format!("no scenario `{name}` in the bank")),
            format!("the bank has: {}", ids.join(", ")),
        )
    })
}

pub(super) fn cmd_play(
    bank_dir: Option<&Path>,
    scenario: &str,
    seed: Option<u64>,
    choices_path: &Path,
    out: Option<&Path>,
    l: &Localizer,
) -> Result<u8, Failure> {
    let entry = find_scenario(bank_dir, scenario)?;
    let shown = choices_path.display().to_string();
    let bytes = source::read_limited(choices_path).map_err(usage)?;
    let text = source::as_text(&shown, &bytes).map_err(usage)?;
    let script = choices::parse(&shown, text).map_err(problem)?;
    let Some(seed) = seed.or(script.seed) else {
        return Err(usage(
            Diagnostic::error(&shown, "no seed given")
                .help("pass --seed N, or start the choices file with `# seed: N`"),
        ));
    };
    let language = crate::i18n::session_language(&entry.doc, l.lang());
    let case = Case::new(entry.doc, entry.hash);
    let mut session = Session::new(case, seed, language);
    for (line, action) in script.steps {
        if let Err(refusal) = session.apply(action.clone()) {
            let st = session.state();
            return Err(problem(
                Diagnostic::error(&shown, format!("step `{action}` is refused: {refusal}"))
                    .help(format!(
                        "the case is at the {} stage, week {}; open now: {}",
                        st.stage,
                        st.week(),
                        session
                            .open_decisions()
                            .iter()
                            .map(|d| d.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                    .at(text, line, 1),
            ));
        }
    }
    match out {
        Some(path) => {
            save_log(path, session.log())
                .map_err(|e| usage(Diagnostic::error(path.display().to_string(), e.to_string())))?;
            let st = session.state();
            eprintln!(
                "{}",
                l.tr(
                    "play-done",
                    &[
                        ("steps", n(st.steps)),
                        ("out", s(path.display().to_string()))
                    ]
                )
            );
        }
        None => write_out(&(session.log().to_json() + "\n"))?,
    }
    Ok(EXIT_OK)
}
