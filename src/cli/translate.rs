//! `casework translate`: export a file's texts to a PO file, import the translations back,
//! check a PO file against the file.

use super::*;
use crate::translate::{self, File, Report};

#[derive(Debug, Subcommand)]
pub enum TranslateCommand {
    /// Write a PO file (gettext) with every text of a scenario or rubric, keyed by its
    /// stable id, to translate in Poedit or any PO editor.
    Export {
        /// The scenario or rubric file (.ron).
        file: PathBuf,
        /// The language to translate into, like `en`.
        #[arg(long, value_name = "LANG")]
        to: String,
        /// The language to translate from (default: the case's first language).
        #[arg(long, value_name = "LANG")]
        from: Option<String>,
        /// Where to write the PO file; default: standard output.
        #[arg(long, value_name = "FILE.po")]
        out: Option<PathBuf>,
    },
    /// Write the translations of a PO file into the scenario or rubric file. Stale entries
    /// (their source text has changed since export), fuzzy and unknown ones are not
    /// imported. Exit 1 when some entry was stale or unknown.
    Import {
        /// The scenario or rubric file (.ron).
        file: PathBuf,
        /// The translated PO file.
        po: PathBuf,
        /// Where to write the result; default: FILE itself, which needs --force.
        #[arg(long, value_name = "NEW.ron")]
        out: Option<PathBuf>,
        /// Replace an existing file (FILE itself when there is no --out).
        #[arg(long)]
        force: bool,
    },
    /// List the stale, missing and unknown entries of a PO file; write nothing. Exit 1 if
    /// there are any.
    Check {
        /// The scenario or rubric file (.ron).
        file: PathBuf,
        /// The PO file.
        po: PathBuf,
    },
}

pub(super) fn cmd_translate(
    bank_dir: Option<&Path>,
    command: TranslateCommand,
) -> Result<u8, Failure> {
    match command {
        TranslateCommand::Export {
            file,
            to,
            from,
            out,
        } => export(bank_dir, &file, &to, from, out.as_deref()),
        TranslateCommand::Import {
            file,
            po,
            out,
            force,
        } => import(&file, &po, out.as_deref(), force),
        TranslateCommand::Check { file, po } => {
            let (shown, _, text, doc) = read_document(&file)?;
            let (po_shown, po_text) = read_po(&po)?;
            let input = File {
                path: &shown,
                text: &text,
                doc: &doc,
            };
            let report = translate::check(&input, &po_shown, &po_text).map_err(problem)?;
            tell(&report);
            say(format_args!(
                "{po_shown}: {} to import, {} stale, {} missing, {} unknown, {} fuzzy",
                report.changed, report.stale, report.missing, report.unknown, report.fuzzy
            ));
            Ok(if report.stale + report.missing + report.unknown > 0 {
                EXIT_PROBLEMS
            } else {
                EXIT_OK
            })
        }
    }
}

/// A scenario or rubric file: the path shown, the byte-order mark it starts with (kept
/// when the file is written back), its text and what it holds.
fn read_document(path: &Path) -> Result<(String, &'static str, String, Document), Failure> {
    let shown = path.display().to_string();
    let bytes = source::read_limited(path).map_err(usage)?;
    let text = source::as_text(&shown, &bytes).map_err(problem)?;
    let doc = source::parse_text(&shown, text).map_err(problem)?;
    let bom = if bytes.starts_with("\u{feff}".as_bytes()) {
        "\u{feff}"
    } else {
        ""
    };
    Ok((shown, bom, text.to_string(), doc))
}

fn read_po(path: &Path) -> Result<(String, String), Failure> {
    let shown = path.display().to_string();
    let bytes = source::read_limited(path).map_err(usage)?;
    let text = source::as_text(&shown, &bytes).map_err(problem)?;
    Ok((shown, text.to_string()))
}

/// The language a file's texts are written in first: a scenario's first language, a
/// rubric's scenario's (looked up beside the file, then in the bank), else `uk`.
fn source_language(bank_dir: Option<&Path>, path: &Path, doc: &Document) -> String {
    let scenario = match doc {
        Document::Scenario(s) => {
            return s.languages.first().cloned().unwrap_or_else(|| "uk".into());
        }
        Document::Rubric(r) => r.scenario.clone(),
    };
    let root = crate::bank::root_for(path, bank_dir);
    let beside = Bank::from_dir(&root).ok();
    let bank = load_bank(bank_dir).ok();
    [beside, bank]
        .iter()
        .flatten()
        .find_map(|b| b.scenario(&scenario)?.doc.languages.first().cloned())
        .unwrap_or_else(|| "uk".into())
}

fn export(
    bank_dir: Option<&Path>,
    path: &Path,
    to: &str,
    from: Option<String>,
    out: Option<&Path>,
) -> Result<u8, Failure> {
    let (shown, _, text, doc) = read_document(path)?;
    let from = from.unwrap_or_else(|| source_language(bank_dir, path, &doc));
    if from == to {
        return Err(usage(
            Diagnostic::error(&shown, format!("--from and --to are both `{to}`"))
                .help("translate into another language than the texts are written in"),
        ));
    }
    let input = File {
        path: &shown,
        text: &text,
        doc: &doc,
    };
    let (catalog, warnings) = translate::export(&input, &from, to);
    for w in &warnings {
        say(format_args!("{w}\n"));
    }
    let po = translate::po::write(&catalog);
    match out {
        None => write_out(&po)?,
        Some(out) => {
            if same_file(out, path) {
                return Err(usage(
                    Diagnostic::error(
                        out.display().to_string(),
                        "will not write the PO file over the file it is exported from",
                    )
                    .help("choose another --out, like case.en.po"),
                ));
            }
            write_file(out, &po)?;
            say(format_args!(
                "wrote {} text(s) to {}",
                catalog.entries.len(),
                out.display()
            ));
        }
    }
    Ok(EXIT_OK)
}

fn import(path: &Path, po: &Path, out: Option<&Path>, force: bool) -> Result<u8, Failure> {
    let (shown, bom, text, doc) = read_document(path)?;
    let (po_shown, po_text) = read_po(po)?;
    let target = out.unwrap_or(path);
    if same_file(target, po) {
        return Err(usage(
            Diagnostic::error(
                target.display().to_string(),
                "will not write the result over the PO file",
            )
            .help("choose another --out"),
        ));
    }
    if !force && std::fs::symlink_metadata(target).is_ok() {
        return Err(usage(
            Diagnostic::error(
                target.display().to_string(),
                "will not replace this file: it exists",
            )
            .help("pass --out with a new file name, or --force to replace it"),
        ));
    }
    let input = File {
        path: &shown,
        text: &text,
        doc: &doc,
    };
    let (new_text, report) = translate::import(&input, &po_shown, &po_text).map_err(problem)?;
    tell(&report);
    write_file(target, &format!("{bom}{new_text}"))?;
    say(format_args!(
        "imported {} translation(s) into {}; not imported: {} stale, {} unknown, {} fuzzy; {} missing",
        report.changed,
        target.display(),
        report.stale,
        report.unknown,
        report.fuzzy,
        report.missing
    ));
    Ok(if report.stale + report.unknown > 0 {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    })
}

fn tell(report: &Report) {
    for d in &report.diagnostics {
        say(format_args!("{d}\n"));
    }
}
