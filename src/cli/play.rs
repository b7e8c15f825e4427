//! `casework play`: a headless session from a file of decisions.

use super::*;
use crate::engine::{OverwriteRefusal, SaveError, check_overwrite};

/// A scenario named by path, or else by id in the bank. Either way it is loaded as the
/// bank loads its files, under the same rules (pictures inside the bank, say).
pub(super) fn find_scenario(
    bank_dir: Option<&Path>,
    name: &str,
) -> Result<Entry<Scenario>, Failure> {
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

/// Where `play` writes its log, and whether it may replace a file that is not a log.
#[derive(Debug, Clone, Copy)]
pub(super) struct Out<'a> {
    pub path: &'a Path,
    pub force: bool,
}

/// Refuses an `--out` that would destroy an input, a symbolic link, or (unless forced) a
/// file that is not a session log.
fn check_out(
    out: Out<'_>,
    bank_dir: Option<&Path>,
    scenario: &str,
    choices: &Path,
) -> Result<(), Failure> {
    let mut inputs = vec![("the choices file", choices)];
    // As `find_scenario` reads it: a path when a file is there, else an id of the bank.
    if Path::new(scenario).is_file() {
        inputs.push(("the scenario file", Path::new(scenario)));
    }
    if let Some(dir) = bank_dir {
        inputs.push(("a file of the bank folder", dir));
    }
    check_overwrite(out.path, &inputs, out.force).map_err(|refusal| {
        let help = match &refusal {
            OverwriteRefusal::Input { .. } => "choose another name for --out".to_string(),
            OverwriteRefusal::Symlink { target, .. } => format!(
                "give --out the path the link points to ({}) if you mean to replace that file, or choose another name",
                target.display()
            ),
            OverwriteRefusal::NotALog { .. } => {
                "choose another name for --out, or pass --force to replace it".to_string()
            }
        };
        usage(Diagnostic::error(out.path.display().to_string(), refusal.to_string()).help(help))
    })
}

/// What to do about a refused step: what is open now, or that nothing is; and where the
/// log of the steps before it went, when it was asked for.
fn refusal_help(session: &Session, saved: Option<(&Path, Result<(), SaveError>)>) -> String {
    let st = session.state();
    let open: Vec<&str> = session
        .open_decisions()
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    let mut help = if session.ended() {
        format!(
            "the case ended at step {}; remove the lines after it",
            st.steps
        )
    } else if open.is_empty() {
        format!(
            "the case is at the {} stage, week {}; nothing is open: the case is stuck here, which is a fault of the scenario — run `casework check` on it",
            st.stage,
            st.week()
        )
    } else {
        format!(
            "the case is at the {} stage, week {}; open now: {}",
            st.stage,
            st.week(),
            open.join(", ")
        )
    };
    match saved {
        Some((path, Ok(()))) if session.ended() => help.push_str(&format!(
            "; the log of the session up to it was written to {}",
            path.display()
        )),
        Some((path, Ok(()))) => help.push_str(&format!(
            "; the log of the steps before it ({} played) was written to {}: the session is unfinished, so its score is provisional",
            st.steps,
            path.display()
        )),
        Some((_, Err(e))) => help.push_str(&format!(
            "; the log of the steps before it could not be written: {e}"
        )),
        None => {}
    }
    help
}

pub(super) fn cmd_play(
    bank_dir: Option<&Path>,
    scenario: &str,
    seed: Option<u64>,
    choices_path: &Path,
    out: Option<Out<'_>>,
    l: &Localizer,
) -> Result<u8, Failure> {
    if let Some(out) = out {
        check_out(out, bank_dir, scenario, choices_path)?;
    }
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
            // The steps before it are kept, as the trainer keeps them.
            let saved = out.map(|o| (o.path, save_log(o.path, session.log())));
            return Err(problem(
                Diagnostic::error(&shown, format!("step `{action}` is refused: {refusal}"))
                    .help(refusal_help(&session, saved))
                    .at(text, line, 1),
            ));
        }
    }
    match out.map(|o| o.path) {
        Some(path) => {
            save_log(path, session.log())
                .map_err(|e| usage(Diagnostic::error(path.display().to_string(), e.to_string())))?;
            let st = session.state();
            say(l.tr(
                "play-done",
                &[
                    ("steps", n(st.steps)),
                    ("out", s(path.display().to_string())),
                ],
            ));
        }
        None => write_out(&(session.log().to_json() + "\n"))?,
    }
    Ok(EXIT_OK)
}
