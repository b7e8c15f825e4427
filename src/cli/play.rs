//! `casework play`: a headless session from a file of decisions.

use super::*;

/// A scenario named by id (in the bank) or by path.
fn find_scenario(bank_dir: Option<&Path>, name: &str) -> Result<Entry<Scenario>, Failure> {
    let path = Path::new(name);
    if path.is_file() {
        let bytes = source::read_limited(path).map_err(usage)?;
        let shown = path.display().to_string();
        return match source::parse_document(&shown, &bytes).map_err(problem)? {
            Document::Scenario(sc) => Ok(Entry {
                doc: *sc,
                rel: shown.clone(),
                path: shown,
                text: String::from_utf8(bytes.clone()).unwrap_or_default(),
                hash: source::content_hash(&bytes),
            }),
            Document::Rubric(_) => Err(usage(Diagnostic::error(
                shown,
                "this is a rubric, not a scenario",
            ))),
        };
    }
    let bank = context_bank(bank_dir)?;
    bank.scenario(name).cloned().ok_or_else(|| {
        let ids: Vec<&str> = bank.scenarios.iter().map(|s| s.doc.id.as_str()).collect();
        usage(
            Diagnostic::error(name, format!("no scenario `{name}` in the bank"))
                .help(format!("the bank has: {}", ids.join(", "))),
        )
    })
}

/// Where `play` writes its log, and whether it may replace a file that is not a log.
#[derive(Debug, Clone, Copy)]
pub(super) struct Out<'a> {
    pub path: &'a Path,
    pub force: bool,
}

pub(super) fn cmd_play(
    bank_dir: Option<&Path>,
    scenario: &str,
    seed: Option<u64>,
    choices_path: &Path,
    out: Option<Out<'_>>,
    l: &Localizer,
) -> Result<u8, Failure> {
    let entry = find_scenario(bank_dir, scenario)?;
    let shown = choices_path.display().to_string();
    let bytes = source::read_limited(choices_path).map_err(usage)?;
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        usage(Diagnostic::error(
            &shown,
            "the choices file is not UTF-8 text",
        ))
    })?;
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
    match out.map(|o| o.path) {
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
        None => println!("{}", session.log().to_json()),
    }
    Ok(EXIT_OK)
}
