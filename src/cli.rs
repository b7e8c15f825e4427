//! The `casework` command line: check, list, play, score.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use crate::bank::{Bank, Entry};
use crate::check;
use crate::choices;
use crate::diagnostic::Diagnostic;
use crate::engine::{Case, Session, load_log, save_log};
use crate::i18n::{Localizer, n, s};
use crate::rubric::Rubric;
use crate::scenario::Scenario;
use crate::score;
use crate::source::{self, Document};

/// When the process started, as near as the program can tell: the first thing `main` does is
/// set it. The trainer's start-up measurement (`CASEWORK_STARTUP_LOG`) counts from here.
pub static PROCESS_START: OnceLock<Instant> = OnceLock::new();

/// Everything went as asked.
pub const EXIT_OK: u8 = 0;
/// The input has problems (invalid files, a refused step).
pub const EXIT_PROBLEMS: u8 = 1;
/// Casework could not do what was asked (usage, missing or unreadable files).
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "casework",
    version,
    about = "A teaching simulator and scenario bank for social-work case management",
    long_about = "Casework takes social-work students through the seven stages of case management \
                  (intake, assessment, service plan, implementation, monitoring, plan revision, exit) \
                  on realistic cases, and scores every decision against the instructor's rubric."
)]
pub struct Cli {
    /// Use the scenario bank in this folder instead of the one built into Casework.
    #[arg(long, global = true, value_name = "DIR")]
    pub bank: Option<PathBuf>,
    /// Language of the interface and of case texts (uk, en); default: from the environment.
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,
    #[command(flatten)]
    pub trainer: TrainerArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Options of the trainer window (`casework` with no command, or `casework open LOG`).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct TrainerArgs {
    /// Where the trainer saves sessions (default: the user's data folder, or $CASEWORK_DATA).
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Play a choices file through the trainer window, one step at a time (with --case).
    #[arg(long, value_name = "CHOICES", requires = "case")]
    pub script: Option<PathBuf>,
    /// The case the script plays.
    #[arg(long, value_name = "ID")]
    pub case: Option<String>,
    /// Frames between two scripted steps.
    #[arg(long, default_value_t = 2, value_name = "FRAMES")]
    pub pace: u32,
    /// Save a PNG screenshot of every screen the script passes through into this folder.
    #[arg(long, value_name = "DIR")]
    pub screenshots: Option<PathBuf>,
    /// Play the script in self-test mode (no feedback until the end).
    #[arg(long)]
    pub self_test: bool,
    /// Keep the window open when the script ends.
    #[arg(long)]
    pub stay: bool,
    /// Window size, e.g. 1280x800.
    #[arg(long, value_name = "WxH")]
    pub window: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate scenarios and rubrics (files or folders; default: the bank).
    Check {
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// List the scenarios of the bank, one line each.
    List {
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
    /// Play a session headless from a file of decisions and write its log.
    Play {
        /// A scenario id from the bank, or the path of a scenario file.
        scenario: String,
        /// Seed of the session's random events (default: the choices file's `# seed: N`).
        #[arg(long)]
        seed: Option<u64>,
        /// The decisions, one a line.
        #[arg(long, value_name = "FILE")]
        choices: PathBuf,
        /// Where to write the session log (JSON); default: standard output.
        #[arg(long, value_name = "LOG")]
        out: Option<PathBuf>,
    },
    /// Open a saved session in the trainer: resume an unfinished one, or show a finished
    /// one's results and review.
    Open { log: PathBuf },
    /// Replay a session log and score it against a rubric, explaining every point.
    ///
    /// The log of an unfinished session gets a provisional score and exit code 1.
    Score {
        log: PathBuf,
        /// A rubric file, or a rubric id from the bank; default: the scenario's formative rubric.
        #[arg(long, value_name = "FILE|ID")]
        rubric: Option<String>,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
    },
}

pub fn main() -> ExitCode {
    PROCESS_START.get_or_init(Instant::now);
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { EXIT_OK });
        }
    };
    ExitCode::from(run(cli))
}

/// Runs a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> u8 {
    let lang = cli
        .lang
        .clone()
        .or_else(crate::i18n::from_env)
        .unwrap_or_else(|| "en".into());
    let l10n = crate::i18n::localizer(&lang);
    let result = match cli.command {
        None => trainer(
            cli.bank.as_deref(),
            cli.lang.clone(),
            cli.trainer.clone(),
            None,
        ),
        // A missing or broken log is said as such, display or not, before any window opens.
        Some(Command::Open { log }) => read_log(&log).and_then(|_| {
            trainer(
                cli.bank.as_deref(),
                cli.lang.clone(),
                cli.trainer.clone(),
                Some(log),
            )
        }),
        Some(Command::Check { paths, format }) => cmd_check(cli.bank.as_deref(), &paths, format),
        Some(Command::List { format }) => {
            context_bank(cli.bank.as_deref()).map(|bank| cmd_list(&bank, l10n, format))
        }
        Some(Command::Play {
            scenario,
            seed,
            choices,
            out,
        }) => cmd_play(
            cli.bank.as_deref(),
            &scenario,
            seed,
            &choices,
            out.as_deref(),
            l10n,
        ),
        Some(Command::Score {
            log,
            rubric,
            format,
        }) => cmd_score(
            cli.bank.as_deref(),
            &log,
            rubric.as_deref(),
            format,
            cli.lang.as_deref(),
        ),
    };
    match result {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("{}", failure.diagnostic);
            failure.code
        }
    }
}

/// Opens the trainer window.
#[cfg(feature = "gui")]
fn trainer(
    bank_dir: Option<&Path>,
    lang: Option<String>,
    args: TrainerArgs,
    open: Option<PathBuf>,
) -> Result<u8, Failure> {
    let bank = context_bank(bank_dir)?;
    for d in &bank.diagnostics {
        eprintln!("{d}");
    }
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
fn trainer(
    _bank_dir: Option<&Path>,
    _lang: Option<String>,
    _args: TrainerArgs,
    _open: Option<PathBuf>,
) -> Result<u8, Failure> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    let _ = cmd.print_help();
    eprintln!(
        "\nThis build of Casework has no trainer window (built without the `gui` feature); use `casework play` to play a case headless."
    );
    Ok(EXIT_USAGE)
}

/// Why a command could not finish, with its exit code.
struct Failure {
    diagnostic: Box<Diagnostic>,
    code: u8,
}

fn usage(d: Diagnostic) -> Failure {
    Failure {
        diagnostic: Box::new(d),
        code: EXIT_USAGE,
    }
}

fn problem(d: Diagnostic) -> Failure {
    Failure {
        diagnostic: Box::new(d),
        code: EXIT_PROBLEMS,
    }
}

/// A session log: one that cannot be read is a usage failure, one that is not a log a
/// problem of the input.
fn read_log(path: &Path) -> Result<crate::engine::SessionLog, Failure> {
    load_log(path).map_err(|d| {
        if d.message.starts_with("cannot") {
            usage(d)
        } else {
            problem(d)
        }
    })
}

fn context_bank(dir: Option<&Path>) -> Result<Bank, Failure> {
    match dir {
        Some(d) => Bank::from_dir(d).map_err(usage),
        None => Ok(Bank::embedded()),
    }
}

fn cmd_check(bank_dir: Option<&Path>, paths: &[PathBuf], format: Format) -> Result<u8, Failure> {
    let mut diags = Vec::new();
    let (mut scenarios, mut rubrics) = (0, 0);
    if paths.is_empty() {
        let bank = context_bank(bank_dir)?;
        scenarios += bank.scenarios.len();
        rubrics += bank.rubrics.len();
        diags.extend(check::check_bank(&bank));
    }
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
            let root = match bank_dir {
                Some(b) if path.starts_with(b) => b.to_path_buf(),
                _ => path.parent().map(Path::to_path_buf).unwrap_or_default(),
            };
            (Bank::from_file(path, &root), root)
        };
        // Rubrics may score scenarios kept elsewhere: look them up beside the file, then in
        // the bank.
        let mut lookup = target.clone();
        let mut context = Vec::new();
        if !meta.is_dir()
            && let Ok(beside) = Bank::from_dir(&root)
        {
            context.push(beside);
        }
        context.push(context_bank(bank_dir)?);
        for other in context {
            for s in other.scenarios {
                if lookup.scenario(&s.doc.id).is_none() {
                    lookup.scenarios.push(s);
                }
            }
        }
        scenarios += target.scenarios.len();
        rubrics += target.rubrics.len();
        diags.extend(target.diagnostics.iter().cloned());
        let mut seen = std::collections::HashSet::new();
        for s in &target.scenarios {
            if !seen.insert(s.doc.id.clone()) {
                diags.push(
                    Diagnostic::error(&s.path, format!("scenario id `{}` is used twice", s.doc.id))
                        .at_id(&s.text, &s.doc.id),
                );
            }
            diags.extend(check::check_scenario(s, &lookup));
        }
        for r in &target.rubrics {
            diags.extend(check::check_rubric(r, &lookup));
        }
    }
    let errors = check::errors(&diags);
    let warnings = diags.len() - errors;
    match format {
        Format::Json => {
            let out = serde_json::json!({
                "scenarios": scenarios,
                "rubrics": rubrics,
                "errors": errors,
                "warnings": warnings,
                "diagnostics": diags,
            });
            println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
        }
        Format::Human => {
            let mut err = std::io::stderr().lock();
            for d in &diags {
                let _ = writeln!(err, "{d}\n");
            }
            let _ = writeln!(
                err,
                "checked {scenarios} scenario(s) and {rubrics} rubric(s): {errors} error(s), {warnings} warning(s)"
            );
        }
    }
    // Pointing `check` at a folder without a single case is a mistake worth saying.
    let nothing_found = !paths.is_empty() && scenarios + rubrics == 0 && diags.is_empty();
    if nothing_found {
        eprintln!("no scenario or rubric files (*.ron) found");
    }
    Ok(if errors > 0 || nothing_found {
        EXIT_PROBLEMS
    } else {
        EXIT_OK
    })
}

fn cmd_list(bank: &Bank, l: &Localizer, format: Format) -> u8 {
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
            println!(
                "{}",
                serde_json::to_string_pretty(&items).unwrap_or_default()
            );
        }
        Format::Human => {
            for e in &bank.scenarios {
                let sc = &e.doc;
                println!(
                    "{}",
                    l.tr(
                        "list-line",
                        &[
                            ("id", s(&sc.id)),
                            ("title", s(sc.title.get(l.lang()))),
                            ("group", s(l.t(&format!("group-{}", sc.client_group.key())))),
                            ("model", s(l.t(&format!("model-{}", sc.model.key())))),
                            (
                                "difficulty",
                                s(l.t(&format!("difficulty-{}", sc.difficulty.key())))
                            ),
                            ("minutes", n(sc.minutes)),
                            ("languages", s(sc.languages.join("/"))),
                        ]
                    )
                );
            }
            println!(
                "{}",
                l.tr("list-count", &[("count", n(bank.scenarios.len() as u32))])
            );
        }
    }
    EXIT_OK
}

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

fn cmd_play(
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
        None => println!("{}", session.log().to_json()),
    }
    Ok(EXIT_OK)
}

fn find_rubric(bank: &Bank, scenario: &str, name: Option<&str>) -> Result<Rubric, Failure> {
    match name {
        Some(name) if Path::new(name).is_file() => {
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
            usage(Diagnostic::error(
                id,
                format!("no rubric `{id}` in the bank"),
            ))
        }),
        None => bank
            .rubrics_of(scenario)
            .first()
            .map(|r| r.doc.clone())
            .ok_or_else(|| {
                usage(Diagnostic::error(
                    scenario,
                    format!("scenario `{scenario}` has no rubric in the bank"),
                ))
            }),
    }
}

fn cmd_score(
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
        return Err(usage(
            Diagnostic::error(
                &shown,
                format!(
                    "the log is of scenario `{}`, which is not in the bank",
                    log.scenario
                ),
            )
            .help("pass --bank DIR with the bank the session was played on"),
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
    let session = Session::replay(case, &log)
        .map_err(|e| problem(Diagnostic::error(&shown, e.to_string())))?;
    // The report is in the language asked for, else in the session's own.
    let lang = lang.unwrap_or(&log.language);
    let report = score::score_in(&session, &rubric, lang);
    let l10n = crate::i18n::localizer(lang);
    match format {
        Format::Json => {
            println!(
                "{}",
                serde_json::to_string_pretty(&report).unwrap_or_default()
            );
            // The JSON says `"finished": false`; say it to people too.
            if !report.finished {
                eprintln!("{}", l10n.tr("score-cli-unfinished", &[("log", s(&shown))]));
            }
        }
        Format::Human => print!("{}", score::render_text(&report, l10n)),
    }
    // An unfinished session has only a provisional score: not a result to rely on.
    Ok(if report.finished {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    })
}
