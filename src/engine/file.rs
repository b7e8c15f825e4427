//! Session log files: saving atomically, so that a crash or a full disk never leaves a
//! half-written log, and reading them safely.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::SessionLog;
use crate::diagnostic::Diagnostic;
use crate::source;

/// Why a session log could not be saved. The file that was there before is left as it was.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error(
        "cannot save the session to {}: {source}; check that the folder exists and that you may write to it, or choose another place",
        path.display()
    )]
    Write {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error(
        "cannot save the session to {}: it is not a file name; choose a file such as session.json",
        path.display()
    )]
    NotAFile { path: PathBuf },
}

/// Writes a session log atomically (see [`write_atomically`]).
pub fn save_log(path: &Path, log: &SessionLog) -> Result<(), SaveError> {
    write_atomically(path, (log.to_json() + "\n").as_bytes()).map_err(|e| match e {
        WriteError::NotAFile => SaveError::NotAFile {
            path: path.to_path_buf(),
        },
        WriteError::Io(source) => SaveError::Write {
            path: path.to_path_buf(),
            source,
        },
    })
}

/// Why [`write_atomically`] failed.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The path ends in no file name (`..`, `/`).
    #[error("it is not a file name")]
    NotAFile,
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// Writes atomically: a temporary file in the same folder, fsync, rename over the target,
/// fsync the folder. A failure part-way leaves the old file intact.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let Some(name) = path.file_name() else {
        return Err(WriteError::NotAFile);
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let (tmp, mut file) = create_temporary(folder, name)?;
    let written = file
        .write_all(bytes)
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            drop(file);
            fs::rename(&tmp, path)
        });
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e.into());
    }
    sync_folder(folder);
    Ok(())
}

/// A new file beside the target, named after it, that no one else is writing.
fn create_temporary(folder: &Path, name: &std::ffi::OsStr) -> io::Result<(PathBuf, File)> {
    let mut attempt = 0u32;
    loop {
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".{}.{attempt}.tmp", std::process::id()));
        let tmp = folder.join(tmp_name);
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempt < 100 => attempt += 1,
            Err(e) => return Err(e),
        }
    }
}

/// Makes the rename itself durable. Folders cannot be opened on every system; where they
/// cannot, the rename is as durable as the system makes it.
fn sync_folder(folder: &Path) {
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
}

/// Why a session log could not be loaded. Each kind carries the [`Diagnostic`] that says it
/// to people (file, line, column, what to do); it reads as that diagnostic.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// The file cannot be read at all: missing, not permitted, not a regular file.
    #[error("{0}")]
    Unreadable(Box<Diagnostic>),
    /// The file was read but is not a Casework session log: not text, not JSON, a field
    /// missing or unknown, too large to be one.
    #[error("{0}")]
    NotALog(Box<Diagnostic>),
}

impl LoadError {
    pub fn diagnostic(&self) -> &Diagnostic {
        match self {
            LoadError::Unreadable(d) | LoadError::NotALog(d) => d,
        }
    }

    pub fn into_diagnostic(self) -> Diagnostic {
        match self {
            LoadError::Unreadable(d) | LoadError::NotALog(d) => *d,
        }
    }
}

/// A load error reads as its diagnostic (`err.message`, `err.line`).
impl std::ops::Deref for LoadError {
    type Target = Diagnostic;
    fn deref(&self) -> &Diagnostic {
        self.diagnostic()
    }
}

const WHAT_A_LOG_IS: &str =
    "a log is the JSON file written by `casework play --out` or by the trainer";

/// Reads a log with the reader of every input ([`source::read_limited`]: regular files
/// only; [`source::as_text`]: UTF-8, byte-order mark stripped); keeps line/column in parse
/// errors.
pub fn load_log(path: &Path) -> Result<SessionLog, LoadError> {
    let shown = path.display().to_string();
    let unreadable = |d: Diagnostic| LoadError::Unreadable(Box::new(d));
    let not_a_log = |d: Diagnostic| LoadError::NotALog(Box::new(d));
    // `read_limited` refuses what is not a regular file (a named pipe must not block) before
    // opening it; a file too large to be a log is said as such.
    let meta = fs::metadata(path).map_err(|e| {
        unreadable(
            Diagnostic::error(&shown, format!("cannot open the file: {e}"))
                .help("check the path, and that you may read the file"),
        )
    })?;
    if meta.len() > source::MAX_FILE_BYTES {
        return Err(not_a_log(
            Diagnostic::error(
                &shown,
                format!(
                    "not a Casework session log: the file is {} MiB, more than any log",
                    meta.len() / (1024 * 1024)
                ),
            )
            .help(WHAT_A_LOG_IS),
        ));
    }
    let bytes = source::read_limited(path).map_err(unreadable)?;
    let text = source::as_text(&shown, &bytes).map_err(not_a_log)?;
    serde_json::from_str(text).map_err(|e| {
        not_a_log(
            Diagnostic::error(&shown, format!("not a Casework session log: {e}"))
                .help(WHAT_A_LOG_IS)
                .at(text, e.line(), e.column()),
        )
    })
}

/// Why a log will not be written to a path: it would destroy a file nobody asked to replace.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OverwriteRefusal {
    /// The path is one of the files the run reads, or inside a folder it reads.
    #[error(
        "will not write the log to {}: it is {what} ({}), which this run reads",
        out.display(),
        input.display()
    )]
    Input {
        out: PathBuf,
        what: String,
        input: PathBuf,
    },
    /// The path is a symbolic link: saving renames a new file over it, which would replace
    /// the link itself, not write to its target.
    #[error(
        "will not write the log to {}: it is a symbolic link (to {}); saving would replace the link itself, not write to its target",
        out.display(),
        target.display()
    )]
    Symlink { out: PathBuf, target: PathBuf },
    /// Something is there that is not a Casework session log.
    #[error(
        "will not replace {}: it exists and is not a Casework session log",
        out.display()
    )]
    NotALog { out: PathBuf },
}

/// Checks that saving a log to `out` destroys nothing it should not: `out` is none of the
/// `inputs` (described, with their paths; a folder stands for every file in it), not a
/// symbolic link, and, unless `force`, either absent or a session log (replacing a log is
/// the normal re-run). Paths are compared canonicalized, so `./a/../c` is `c`.
pub fn check_overwrite(
    out: &Path,
    inputs: &[(&str, &Path)],
    force: bool,
) -> Result<(), OverwriteRefusal> {
    // Nothing there (or nothing this process may look at: saving will say why).
    let Ok(meta) = fs::symlink_metadata(out) else {
        return Ok(());
    };
    if let Ok(real) = fs::canonicalize(out) {
        for (what, input) in inputs {
            let Ok(input_real) = fs::canonicalize(input) else {
                continue;
            };
            if real == input_real || (input_real.is_dir() && real.starts_with(&input_real)) {
                return Err(OverwriteRefusal::Input {
                    out: out.to_path_buf(),
                    what: what.to_string(),
                    input: input.to_path_buf(),
                });
            }
        }
    }
    if meta.file_type().is_symlink() {
        return Err(OverwriteRefusal::Symlink {
            out: out.to_path_buf(),
            target: fs::read_link(out).unwrap_or_default(),
        });
    }
    if !force && load_log(out).is_err() {
        return Err(OverwriteRefusal::NotALog {
            out: out.to_path_buf(),
        });
    }
    Ok(())
}
