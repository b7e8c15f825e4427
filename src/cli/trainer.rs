//! Opening the trainer window from the command line.

use super::*;

/// Opens the trainer window.
#[cfg(feature = "gui")]
pub(super) fn trainer(
    bank_dir: Option<&Path>,
    lang: Option<String>,
    args: TrainerArgs,
    open: Option<PathBuf>,
) -> Result<u8, Failure> {
    // Files that could not be loaded are said on standard error.
    let bank = context_bank(bank_dir)?;
    let script = match (&args.script, &args.case) {
        (Some(path), Some(case)) => {
            // The same reader as every other input: size limit, regular files only.
            let bytes = source::read_limited(path).map_err(usage)?;
            let text = source::as_text(&path.display().to_string(), &bytes).map_err(usage)?;
            let parsed = choices::parse(&path.display().to_string(), text).map_err(usage)?;
            Some(crate::gui::script::ScriptOptions {
                scenario: case.clone(),
                seed: parsed.seed,
                actions: parsed.steps.into_iter().map(|(_, a)| a).collect(),
                pace: args.pace,
                screenshots: args.screenshots.clone(),
                mode: if args.self_test {
                    crate::engine::TrainingMode::SelfTest
                } else {
                    crate::engine::TrainingMode::Practice
                },
                stay: args.stay,
            })
        }
        _ => None,
    };
    let size = args.window.as_deref().and_then(|w| {
        let (a, b) = w.split_once('x')?;
        Some((a.parse().ok()?, b.parse().ok()?))
    });
    if let Some(dir) = &args.screenshots {
        std::fs::create_dir_all(dir)
            .map_err(|e| usage(Diagnostic::error(dir.display().to_string(), e.to_string())))?;
    }
    let options = crate::gui::Options {
        lang,
        data: args.data,
        open,
        script,
        size,
    };
    Ok(crate::gui::run(bank, options))
}

/// Without the `gui` feature there is no window: say how to play headless.
#[cfg(not(feature = "gui"))]
pub(super) fn trainer(
    _bank_dir: Option<&Path>,
    _lang: Option<String>,
    _args: TrainerArgs,
    _open: Option<PathBuf>,
) -> Result<u8, Failure> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    let _ = cmd.print_help();
    say(
        "\nThis build of Casework has no trainer window (built without the `gui` feature); use `casework play` to play a case headless.",
    );
    Ok(EXIT_USAGE)
}
