//! `casework new`: start a case from templates that already pass `check` and play.

use super::*;
use crate::authoring::new::{NewCase, NewError, write};

/// The exit code of a refusal: a mistake in what was asked, or a folder that cannot be
/// written, is a usage failure; a broken template is Casework's own problem.
fn failure(e: &NewError, shown: &str) -> Failure {
    let d = Diagnostic::error(shown, e.to_string()).help(e.help());
    match e {
        NewError::Template(_) => problem(d),
        NewError::BadId(_)
        | NewError::BadGroup { .. }
        | NewError::BadLanguage(_)
        | NewError::NoLanguage
        | NewError::DuplicateLanguage(_)
        | NewError::Exists(_)
        | NewError::Io { .. } => usage(d),
    }
}

pub(super) fn cmd_new(
    id: &str,
    group: Option<&str>,
    languages: Option<&str>,
    dir: Option<&Path>,
) -> Result<u8, Failure> {
    let case = NewCase::parse(id, group, languages).map_err(|e| {
        let shown = match &e {
            NewError::BadGroup { .. } => "--group",
            NewError::BadLanguage(_) | NewError::NoLanguage | NewError::DuplicateLanguage(_) => {
                "--lang"
            }
            _ => "casework new",
        };
        failure(&e, shown)
    })?;
    let dir = dir.unwrap_or(Path::new("."));
    let folder = write(dir, &case).map_err(|e| failure(&e, &dir.display().to_string()))?;
    let f = folder.display();
    say(format!(
        "wrote {f}: scenario.ron, formative.ron and good.choices (languages {}).\n\
         Next: read the comments in {f}/scenario.ron, then after each change run\n  \
         casework check {f}\n  \
         casework play {f}/scenario.ron --choices {f}/good.choices --out {f}/good.log\n  \
         casework --bank {f} score {f}/good.log",
        case.languages.join(", ")
    ));
    Ok(EXIT_OK)
}
