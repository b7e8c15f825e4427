//! The `casework` command line: check, list, play, score, new, graph, translate.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;
use std::time::Instant;

use clap::{Parser, Subcommand, ValueEnum};

use crate::bank::{Bank, Entry};
use crate::choices;
use crate::diagnostic::Diagnostic;
use crate::engine::{Case, LoadError, Session, load_log, save_log};
use crate::i18n::{Localizer, n, s};
use crate::rubric::Rubric;
use crate::scenario::Scenario;
use crate::source::{self, Document};

mod check;
mod explore;
mod graph;
mod list;
mod new;
mod play;
mod score;
mod trainer;
mod translate;

use check::cmd_check;
use graph::{GraphFormat, cmd_graph};
use list::cmd_list;
use new::cmd_new;
use play::{Out, cmd_play};
use score::cmd_score;
use trainer::trainer;
use translate::{TranslateCommand, cmd_translate};

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
        /// Where to write the session log (JSON); default: standard output. An existing
        /// log there is replaced; any other file is refused (see --force). Never the choices
        /// file, the scenario, a file of the bank, or a symbolic link.
        #[arg(long, value_name = "LOG")]
        out: Option<PathBuf>,
        /// Replace the --out file even if it is not a Casework session log.
        #[arg(long, requires = "out")]
        force: bool,
    },
    /// Open a saved session in the trainer: resume an unfinished one, or show a finished
    /// one's results and review.
    Open { log: PathBuf },
    /// Walk a case's decision space: best and worst scores, dead ends, what no path reaches,
    /// chance events' real odds, seed sensitivity, gaming strategies. Exit 1 on a dead end
    /// or a gaming strategy that passes.
    Explore {
        /// A scenario id from the bank, or the path of a scenario file.
        scenario: String,
        /// A rubric file or id; default: every rubric of the scenario in the bank.
        #[arg(long, value_name = "FILE|ID")]
        rubric: Option<String>,
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        /// Seeds explored: 0 .. N.
        #[arg(long, value_name = "N", default_value_t = crate::explore::DEFAULT_SEEDS)]
        seeds: u64,
        /// States searched per seed before random walks take over.
        #[arg(long, value_name = "STATES", default_value_t = crate::explore::DEFAULT_BUDGET)]
        budget: usize,
    },
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
    /// Start a new case: a commented scenario, its practice rubric and a choices file that
    /// plays it, in DIR/ID/. They pass `check` and play to the end as they are.
    ///
    /// The languages of the case are those of --lang, separated by commas, the original
    /// first (default: uk,en). Nothing existing is ever written over.
    New {
        /// The case's id: lowercase letters, digits and hyphens, like `older-person-alone`.
        id: String,
        /// The client group: internally-displaced (the default), disability, older-person,
        /// family-in-difficulties, violence-survivor, hiv, released-from-prison,
        /// unemployed, care-leaver, veteran, addiction, homeless, chronic-illness,
        /// rural-isolated.
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
        /// The folder to write the case's folder in (default: the current folder).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Draw a case: its stages as columns, the decisions of each, how the case moves
    /// between stages, and which decisions the rubric rewards (✔), penalises (✘) or names
    /// in a critical rule (⚠). Labels are in the language of --lang.
    Graph {
        /// A scenario id from the bank, or the path of a scenario file.
        scenario: String,
        /// A rubric file or id whose marks are shown; default: the case's formative rubric.
        #[arg(long, value_name = "FILE|ID")]
        rubric: Option<String>,
        /// dot (Graphviz text) or svg (a picture to open in a browser); default: svg when
        /// --out ends in .svg, else dot.
        #[arg(long, value_enum)]
        format: Option<GraphFormat>,
        /// Where to write it; default: standard output.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Translate a case: export its texts to a PO file, import the translations back,
    /// check a PO file for stale and missing translations.
    Translate {
        #[command(subcommand)]
        command: TranslateCommand,
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
            context_bank(cli.bank.as_deref()).and_then(|bank| cmd_list(&bank, l10n, format))
        }
        Some(Command::Play {
            scenario,
            seed,
            choices,
            out,
            force,
        }) => cmd_play(
            cli.bank.as_deref(),
            &scenario,
            seed,
            &choices,
            out.as_deref().map(|path| Out { path, force }),
            l10n,
        ),
        Some(Command::Explore {
            scenario,
            rubric,
            format,
            seeds,
            budget,
        }) => explore::cmd_explore(
            cli.bank.as_deref(),
            explore::Ask {
                scenario: &scenario,
                rubric: rubric.as_deref(),
                format,
                options: crate::explore::Options {
                    seeds,
                    budget,
                    ..Default::default()
                },
            },
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
        Some(Command::New { id, group, dir }) => {
            cmd_new(&id, group.as_deref(), cli.lang.as_deref(), dir.as_deref())
        }
        Some(Command::Graph {
            scenario,
            rubric,
            format,
            out,
        }) => cmd_graph(
            cli.bank.as_deref(),
            &scenario,
            rubric.as_deref(),
            format,
            out.as_deref(),
            &lang,
        ),
        Some(Command::Translate { command }) => cmd_translate(cli.bank.as_deref(), command),
    };
    match result {
        Ok(code) => code,
        Err(failure) => {
            if let Some(d) = failure.diagnostic {
                say(d);
            }
            failure.code
        }
    }
}

/// Why a command could not finish, with its exit code; no diagnostic when there is nothing
/// to say (the reader of standard output has gone).
struct Failure {
    diagnostic: Option<Box<Diagnostic>>,
    code: u8,
}

fn usage(d: Diagnostic) -> Failure {
    Failure {
        diagnostic: Some(Box::new(d)),
        code: EXIT_USAGE,
    }
}

fn problem(d: Diagnostic) -> Failure {
    Failure {
        diagnostic: Some(Box::new(d)),
        code: EXIT_PROBLEMS,
    }
}

/// Whether two paths name one existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Writes a file a command was asked to write (`--out`) atomically: a failure part-way
/// leaves what was there before.
fn write_file(path: &Path, text: &str) -> Result<(), Failure> {
    crate::engine::write_atomically(path, text.as_bytes()).map_err(|e| {
        usage(Diagnostic::error(path.display().to_string(), format!("cannot write: {e}"))
            .help("check that the folder exists and that you may write to it, or choose another place"))
    })
}

/// Writes a line to standard error, the only way the commands print there. A failure to
/// write there has nowhere to be reported (its reader has gone, as in `2>&1 | head -c0`), so
/// it is ignored rather than allowed to panic.
fn say(text: impl std::fmt::Display) {
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// Writes `text` to standard output, the only way the commands print there. When the reader
/// has gone (`casework list | head -c0`), the command stops quietly with exit code 0, as
/// Unix tools do; any other failure to write is said.
fn write_out(text: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure {
            diagnostic: None,
            code: EXIT_OK,
        }),
        Err(e) => Err(usage(Diagnostic::error(
            "standard output",
            format!("cannot write the output: {e}"),
        ))),
    }
}

/// Something a command needs is not in the bank. When files of the bank failed to load, it
/// may be in one of them: the bank is at fault (exit 1) and they are named; else it is a
/// usage mistake (exit 2) and `help` says what to do.
fn missing(bank: &Bank, d: Diagnostic, help: String) -> Failure {
    let unloaded = bank.unloaded();
    if unloaded.is_empty() {
        usage(d.help(help))
    } else {
        problem(d.help(format!(
            "it may be in a file that could not be loaded: {} (fix the errors above); else {help}",
            unloaded.join(", ")
        )))
    }
}

/// A session log: one that cannot be read is a usage failure, one that is not a log a
/// problem of the input.
fn read_log(path: &Path) -> Result<crate::engine::SessionLog, Failure> {
    load_log(path).map_err(|e| match e {
        LoadError::Unreadable(d) => usage(*d),
        LoadError::NotALog(d) => problem(*d),
    })
}

/// The bank of a command (`--bank DIR`, else the one built in), every file it could not
/// load reported on standard error, as every command that uses a bank does.
fn context_bank(dir: Option<&Path>) -> Result<Bank, Failure> {
    let bank = load_bank(dir)?;
    let mut err = std::io::stderr().lock();
    for d in &bank.diagnostics {
        let _ = writeln!(err, "{d}\n");
    }
    Ok(bank)
}

/// The bank of a command, its problems left to the caller to report (`check` reports them
/// with its own). A folder with no scenario at all is refused: no command can use it.
fn load_bank(dir: Option<&Path>) -> Result<Bank, Failure> {
    let Some(dir) = dir else {
        return Ok(Bank::embedded());
    };
    let bank = Bank::from_dir(dir).map_err(usage)?;
    if bank.scenarios.is_empty() && bank.unloaded().is_empty() {
        return Err(usage(
            Diagnostic::error(
                dir.display().to_string(),
                "this folder holds no scenario (*.ron) file",
            )
            .help("pass --bank the folder that holds the cases, or leave it out for the built-in bank"),
        ));
    }
    Ok(bank)
}
