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

/// Writes atomically: a temporary file in the same folder, fsync, rename over the target,
/// fsync the folder. A failure part-way leaves the old file intact.
pub fn save_log(path: &Path, log: &SessionLog) -> Result<(), SaveError> {
    let Some(name) = path.file_name() else {
        return Err(SaveError::NotAFile {
            path: path.to_path_buf(),
        });
    };
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let fail = |source: io::Error| SaveError::Write {
        path: path.to_path_buf(),
        source,
    };
    let (tmp, mut file) = create_temporary(folder, name).map_err(fail)?;
    let written = file
        .write_all((log.to_json() + "\n").as_bytes())
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            drop(file);
            fs::rename(&tmp, path)
        });
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(fail(e));
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

/// Reads a log with the reader of every input ([`source::read_limited`]: regular files
/// only, so a named pipe cannot block; [`source::as_text`]: UTF-8, byte-order mark
/// stripped); keeps line/column in parse errors.
pub fn load_log(path: &Path) -> Result<SessionLog, Diagnostic> {
    let shown = path.display().to_string();
    let bytes = source::read_limited(path)?;
    let text = source::as_text(&shown, &bytes)?;
    serde_json::from_str(text).map_err(|e| {
        Diagnostic::error(&shown, format!("not a Casework session log: {e}"))
            .help("a log is the JSON file written by `casework play --out` or by the trainer")
            .at(text, e.line(), e.column())
    })
}
