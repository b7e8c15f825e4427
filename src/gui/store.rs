//! Where the trainer keeps a student's sessions: one JSON log per session, saved after
//! every step by the core's atomic writer, in the user's data folder.

use std::path::{Path, PathBuf};

use crate::bank::Bank;
use crate::engine::{Case, Session};
use crate::scenario::Stage;

/// A folder of saved sessions.
#[derive(Debug, Clone)]
pub struct Store {
    pub dir: PathBuf,
}

/// What the student chose for the interface, kept between runs.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    pub lang: String,
    pub text_scale: f32,
}

/// An unfinished session the library offers to continue.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedSession {
    pub path: PathBuf,
    pub scenario: String,
    pub steps: u32,
    pub stage: Stage,
    pub week: u32,
    pub saved_at: u64,
}

impl Store {
    /// The folder given, or `$CASEWORK_DATA`, or the user's data folder
    /// (`$XDG_DATA_HOME/casework`, `~/.local/share/casework`, `%APPDATA%\casework`).
    pub fn locate(explicit: Option<&Path>) -> Option<Store> {
        let dir = explicit
            .map(Path::to_path_buf)
            .or_else(|| std::env::var_os("CASEWORK_DATA").map(PathBuf::from))
            .or_else(|| {
                std::env::var_os("XDG_DATA_HOME")
                    .filter(|v| !v.is_empty())
                    .map(|d| PathBuf::from(d).join("casework"))
            })
            .or_else(|| {
                std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share/casework"))
            })
            .or_else(|| std::env::var_os("APPDATA").map(|d| PathBuf::from(d).join("casework")))?;
        Some(Store {
            dir: dir.join("sessions"),
        })
    }

    /// The settings file, beside the sessions folder.
    fn settings_path(&self) -> PathBuf {
        self.dir
            .parent()
            .map(|p| p.join("settings.json"))
            .unwrap_or_else(|| self.dir.join("settings.json"))
    }

    /// The saved settings; none when there are none or they cannot be read.
    pub fn settings(&self) -> Option<Settings> {
        let bytes = crate::source::read_limited(&self.settings_path()).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// Keeps the settings for the next run: a temporary file renamed over the old one, so a
    /// crash leaves either the old settings or the new.
    pub fn save_settings(&self, settings: &Settings) -> std::io::Result<()> {
        let path = self.settings_path();
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("json.tmp");
        let text = serde_json::to_string_pretty(settings).map_err(std::io::Error::other)?;
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, &path)
    }

    /// The file of a new session.
    pub fn new_session_path(&self, scenario: &str, started_at: u64, seed: u64) -> PathBuf {
        self.dir
            .join(format!("{scenario}-{started_at}-{seed}.json"))
    }

    /// The unfinished sessions that still replay on this bank, newest first, and how many
    /// files could not be read.
    pub fn unfinished(&self, bank: &Bank) -> (Vec<SavedSession>, usize) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return (Vec::new(), 0);
        };
        let mut saved = Vec::new();
        let mut problems = 0;
        for entry in entries.flatten() {
            let path = entry.path();
            if is_stale_temporary(&path) {
                // What a save killed half-way left behind; the session file itself is whole.
                let _ = std::fs::remove_file(&path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            match read_unfinished(&path, bank) {
                Ok(Some(s)) => saved.push(s),
                Ok(None) => {}
                Err(()) => problems += 1,
            }
        }
        saved.sort_by(|a, b| b.saved_at.cmp(&a.saved_at).then(a.path.cmp(&b.path)));
        (saved, problems)
    }
}

/// A temporary file of the atomic writer (`.NAME.PID.N.tmp`) not touched for ten minutes.
fn is_stale_temporary(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let old = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age.as_secs() > 600);
    name.starts_with('.') && name.ends_with(".tmp") && old
}

/// A saved session if it is unfinished; `Err` when it cannot be read or replayed.
fn read_unfinished(path: &Path, bank: &Bank) -> Result<Option<SavedSession>, ()> {
    let log = crate::engine::load_log(path).map_err(|_| ())?;
    if log.end.is_some() {
        return Ok(None);
    }
    let entry = bank.scenario(&log.scenario).ok_or(())?;
    let case = Case::new(entry.doc.clone(), entry.hash.clone());
    let session = Session::replay(case, &log).map_err(|_| ())?;
    let st = session.state();
    Ok(Some(SavedSession {
        path: path.to_path_buf(),
        scenario: log.scenario.clone(),
        steps: st.steps,
        stage: st.stage,
        week: st.week(),
        saved_at: log.meta.as_ref().map(|m| m.saved_at).unwrap_or(0),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_files_left_by_a_killed_save_are_cleared_and_fresh_ones_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store {
            dir: dir.path().to_path_buf(),
        };
        let old = dir.path().join(".case-1-2.json.4242.0.tmp");
        let fresh = dir.path().join(".case-1-3.json.4243.0.tmp");
        for p in [&old, &fresh] {
            std::fs::write(p, b"{").expect("write");
        }
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&old)
            .and_then(|f| f.set_modified(an_hour_ago))
            .expect("age the file");
        let (saved, problems) = store.unfinished(&Bank::default());
        assert!(saved.is_empty());
        assert_eq!(problems, 0, "a temporary file is not a broken session");
        assert!(!old.exists(), "the stale temporary file is removed");
        assert!(fresh.exists(), "a save in progress elsewhere is left alone");
    }
}
