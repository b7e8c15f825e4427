//! The scenario bank: scenarios and rubrics read from a folder or from the copy embedded in
//! the binary.

use std::collections::{BTreeSet, HashSet};
use std::path::{Component, Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::diagnostic::{Diagnostic, Severity};
use crate::rubric::{Rubric, RubricKind};
use crate::scenario::Scenario;
use crate::source::{self, Document};

static EMBEDDED: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/scenarios");

/// A parsed file with what is needed to report on it and to pin logs to it.
#[derive(Debug, Clone)]
pub struct Entry<T> {
    pub doc: T,
    /// The path shown to people.
    pub path: String,
    /// The path inside the bank, with `/` separators.
    pub rel: String,
    pub text: String,
    /// SHA-256 of the file's bytes.
    pub hash: String,
}

/// A bank: every scenario and rubric found, and the problems met reading them.
#[derive(Debug, Clone, Default)]
pub struct Bank {
    pub scenarios: Vec<Entry<Scenario>>,
    pub rubrics: Vec<Entry<Rubric>>,
    /// Every file of the bank (relative, `/`-separated), for checking picture paths.
    pub files: BTreeSet<String>,
    /// The bytes of the pictures (PNG, JPEG) of the bank, by path inside it, for the trainer.
    pub pictures: std::collections::BTreeMap<String, Vec<u8>>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Whether a file of the bank is a picture a case may show.
fn is_picture(rel: &str) -> bool {
    let lower = rel.to_ascii_lowercase();
    [".png", ".jpg", ".jpeg"].iter().any(|e| lower.ends_with(e))
}

/// One input file: where it is shown from, its path inside the bank, its bytes.
pub struct RawFile {
    pub shown: String,
    pub rel: String,
    pub bytes: Result<Vec<u8>, Diagnostic>,
}

impl Bank {
    /// The bank compiled into the binary.
    pub fn embedded() -> Bank {
        let mut raw = Vec::new();
        collect_embedded(&EMBEDDED, &mut raw);
        Bank::from_files(raw)
    }

    /// A bank in a folder on disk. Links to files and folders inside the bank are followed;
    /// what cannot be used (a dangling link, a link out of the bank, a named pipe) is
    /// reported in `diagnostics`. Only an unreadable `dir` itself is an error.
    pub fn from_dir(dir: &Path) -> Result<Bank, Diagnostic> {
        let walk = Walk::run(dir, true)?;
        let mut bank = Bank::from_files(walk.files);
        bank.diagnostics.splice(0..0, walk.problems);
        Ok(bank)
    }

    /// A single file (scenario or rubric), as a bank of one, with `root` as the bank folder
    /// for picture paths.
    pub fn from_file(path: &Path, root: &Path) -> Bank {
        let mut bank = Bank::single(path, root, source::read_limited(path));
        if root.is_dir() {
            // Only the names of the other files are needed, for picture checks.
            if let Ok(walk) = Walk::run(root, false) {
                bank.files.extend(walk.files.into_iter().map(|f| f.rel));
            }
        }
        bank
    }

    /// The file at `path` with its `bytes` (as read by [`source::read_limited`]), as a bank
    /// of one, with `root` as the bank folder for picture paths.
    pub fn single(path: &Path, root: &Path, bytes: Result<Vec<u8>, Diagnostic>) -> Bank {
        let rel = path
            .strip_prefix(root)
            .map(rel_string)
            .unwrap_or_else(|_| file_name(path));
        Bank::from_files(vec![RawFile {
            shown: path.display().to_string(),
            rel,
            bytes,
        }])
    }

    pub fn from_files(raw: Vec<RawFile>) -> Bank {
        let mut bank = Bank::default();
        for f in &raw {
            bank.files.insert(f.rel.clone());
        }
        for f in raw {
            if is_picture(&f.rel) {
                if let Ok(bytes) = f.bytes {
                    bank.pictures.insert(f.rel, bytes);
                }
                continue;
            }
            if !f.rel.ends_with(".ron") {
                continue;
            }
            let bytes = match f.bytes {
                Ok(b) => b,
                Err(d) => {
                    bank.diagnostics.push(d);
                    continue;
                }
            };
            if let Err(d) = bank.add(f.shown, f.rel, &bytes) {
                bank.diagnostics.push(d);
            }
        }
        bank.scenarios.sort_by(|a, b| a.doc.id.cmp(&b.doc.id));
        bank.rubrics.sort_by(|a, b| a.rel.cmp(&b.rel));
        bank
    }

    /// Parses one file and adds it, or says why it cannot be used.
    fn add(&mut self, path: String, rel: String, bytes: &[u8]) -> Result<(), Diagnostic> {
        let text = source::as_text(&path, bytes)?;
        let doc = source::parse_text(&path, text)?;
        let hash = source::content_hash(bytes);
        let text = text.to_string();
        match doc {
            Document::Scenario(s) => {
                let entry = Entry {
                    doc: *s,
                    path,
                    rel,
                    text,
                    hash,
                };
                picture_path(&entry)?;
                self.scenarios.push(entry);
            }
            Document::Rubric(r) => self.rubrics.push(Entry {
                doc: *r,
                path,
                rel,
                text,
                hash,
            }),
        }
        Ok(())
    }

    /// The files that could not be loaded (those with an error), each named once, in order.
    pub fn unloaded(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for d in &self.diagnostics {
            if d.severity == Severity::Error && !out.contains(&d.path.as_str()) {
                out.push(&d.path);
            }
        }
        out
    }

    /// The bytes of a scenario's picture, if it has one and the file is in the bank.
    pub fn picture_of(&self, scenario: &Entry<Scenario>) -> Option<&[u8]> {
        let picture = scenario.doc.client.picture.as_deref()?;
        let rel = resolve_inside_bank(&scenario.rel, picture).ok()?;
        self.pictures.get(&rel).map(Vec::as_slice)
    }

    pub fn scenario(&self, id: &str) -> Option<&Entry<Scenario>> {
        self.scenarios.iter().find(|s| s.doc.id == id)
    }

    /// The rubrics of a scenario, formative ones first.
    pub fn rubrics_of(&self, scenario: &str) -> Vec<&Entry<Rubric>> {
        let mut out: Vec<_> = self
            .rubrics
            .iter()
            .filter(|r| r.doc.scenario == scenario)
            .collect();
        out.sort_by_key(|r| (r.doc.kind, r.doc.id.clone()));
        out
    }

    /// The scenario's default rubric: its rubric of kind `Formative`, never another kind.
    pub fn formative_rubric(&self, scenario: &str) -> Option<&Entry<Rubric>> {
        self.rubrics_of(scenario)
            .into_iter()
            .find(|r| r.doc.kind == RubricKind::Formative)
    }

    /// A rubric by id, or by the path of its file.
    pub fn rubric(&self, id_or_path: &str) -> Option<&Entry<Rubric>> {
        self.rubrics
            .iter()
            .find(|r| r.doc.id == id_or_path || r.path == id_or_path)
    }
}

fn collect_embedded(dir: &Dir<'static>, out: &mut Vec<RawFile>) {
    for f in dir.files() {
        let rel = rel_string(f.path());
        out.push(RawFile {
            shown: format!("scenarios/{rel}"),
            rel,
            bytes: Ok(f.contents().to_vec()),
        });
    }
    for d in dir.dirs() {
        collect_embedded(d, out);
    }
}

/// A walk through a bank folder: every file once, links inside the bank followed, folders
/// already walked (a link to an ancestor) not walked again, and what cannot be used said.
struct Walk {
    root: PathBuf,
    /// The bank folder with every link resolved: where links may lead.
    real_root: PathBuf,
    /// Folders walked, with every link resolved.
    walked: HashSet<PathBuf>,
    /// Whether to read the files the bank uses, or only list names.
    read: bool,
    files: Vec<RawFile>,
    problems: Vec<Diagnostic>,
}

impl Walk {
    fn run(root: &Path, read: bool) -> Result<Walk, Diagnostic> {
        let cannot = |e: std::io::Error| {
            Diagnostic::error(
                root.display().to_string(),
                format!("cannot read the folder: {e}"),
            )
        };
        let real_root = std::fs::canonicalize(root).map_err(cannot)?;
        let mut walk = Walk {
            root: root.to_path_buf(),
            walked: HashSet::from([real_root.clone()]),
            real_root,
            read,
            files: Vec::new(),
            problems: Vec::new(),
        };
        let entries = std::fs::read_dir(root).map_err(cannot)?;
        walk.folder(entries);
        Ok(walk)
    }

    fn folder(&mut self, entries: std::fs::ReadDir) {
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            self.entry(&path);
        }
    }

    fn entry(&mut self, path: &Path) {
        let rel = path
            .strip_prefix(&self.root)
            .map(rel_string)
            .unwrap_or_default();
        let meta = match std::fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => match self.follow(path, &rel) {
                Some(m) => m,
                None => return,
            },
            Ok(m) => m,
            Err(e) => return self.problem(path, &rel, format!("cannot read: {e}"), ""),
        };
        if meta.is_dir() {
            self.subfolder(path, &rel);
        } else if meta.is_file() {
            let bytes = if self.read && (rel.ends_with(".ron") || is_picture(&rel)) {
                source::read_limited(path)
            } else {
                Ok(Vec::new())
            };
            self.files.push(RawFile {
                shown: path.display().to_string(),
                rel,
                bytes,
            });
        } else {
            let what = source::describe(meta.file_type());
            self.problem(
                path,
                &rel,
                format!("cannot read this: it is {what}, not a regular file"),
                "a bank holds files and folders only; remove it or replace it by a file",
            );
        }
    }

    /// Where a link leads, if it leads to something inside the bank.
    fn follow(&mut self, path: &Path, rel: &str) -> Option<std::fs::Metadata> {
        let target = std::fs::read_link(path).unwrap_or_default();
        let Ok(real) = std::fs::canonicalize(path) else {
            let help = "point the link at a file that exists, or remove it";
            let message = format!("a dangling link: `{}` does not exist", target.display());
            self.problem(path, rel, message, help);
            return None;
        };
        if !real.starts_with(&self.real_root) {
            let message = format!(
                "the link leads outside the bank, to `{}`; Casework reads only files inside it",
                real.display()
            );
            let help = "copy the file into the bank, or pass --bank on a folder that holds both";
            self.problem(path, rel, message, help);
            return None;
        }
        match std::fs::metadata(path) {
            Ok(m) => Some(m),
            Err(e) => {
                self.problem(path, rel, format!("cannot read: {e}"), "");
                None
            }
        }
    }

    fn subfolder(&mut self, path: &Path, rel: &str) {
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if !self.walked.insert(real) {
            let d = Diagnostic::warning(
                path.display().to_string(),
                "this link leads to a folder of the bank already read (a loop?); skipped",
            );
            self.problems.push(d);
            return;
        }
        match std::fs::read_dir(path) {
            Ok(entries) => self.folder(entries),
            Err(e) => self.problem(path, rel, format!("cannot read the folder: {e}"), ""),
        }
    }

    /// A problem with `path`: an error if it is a file the bank would read (a scenario, a
    /// rubric, a picture), else a warning.
    fn problem(&mut self, path: &Path, rel: &str, message: String, help: &str) {
        let shown = path.display().to_string();
        let d = if rel.ends_with(".ron") || is_picture(rel) {
            Diagnostic::error(shown, message)
        } else {
            Diagnostic::warning(shown, message)
        };
        self.problems
            .push(if help.is_empty() { d } else { d.help(help) });
    }
}

fn rel_string(p: &Path) -> String {
    p.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The one rule for a scenario's picture, applied when the bank is loaded, whatever the
/// command: a path relative to the scenario file that stays inside the bank. Gives the
/// picture's path inside the bank, if the scenario has one.
pub fn picture_path(entry: &Entry<Scenario>) -> Result<Option<String>, Diagnostic> {
    let Some(picture) = entry.doc.client.picture.as_deref() else {
        return Ok(None);
    };
    resolve_inside_bank(&entry.rel, picture)
        .map(Some)
        .map_err(|why| {
            Diagnostic::error(&entry.path, format!("picture: {why}"))
                .help("keep pictures inside the bank, next to the scenario")
                .at_id(&entry.text, picture)
        })
}

/// The bank folder of a file given by path: `bank_dir` when the file is in it, else the
/// file's own folder.
pub fn root_for(path: &Path, bank_dir: Option<&Path>) -> PathBuf {
    match bank_dir {
        Some(b) if path.starts_with(b) => b.to_path_buf(),
        _ => path.parent().map(Path::to_path_buf).unwrap_or_default(),
    }
}

/// Resolves a picture path written in a scenario at `scenario_rel` to a path inside the
/// bank, or says why it is not allowed.
pub fn resolve_inside_bank(scenario_rel: &str, picture: &str) -> Result<String, String> {
    if picture.is_empty() {
        return Err("the picture path is empty".into());
    }
    if picture.starts_with('/') || picture.starts_with('\\') || picture.contains(':') {
        return Err(format!(
            "`{picture}` is an absolute path; pictures are given relative to the scenario file"
        ));
    }
    let mut parts: Vec<&str> = scenario_rel.split('/').collect();
    parts.pop(); // the scenario file itself
    for part in picture.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!("`{picture}` points outside the scenario bank"));
                }
            }
            p => parts.push(p),
        }
    }
    Ok(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_stay_inside_the_bank() {
        assert_eq!(
            resolve_inside_bank("idp/scenario.ron", "pictures/a.png").unwrap(),
            "idp/pictures/a.png"
        );
        assert_eq!(
            resolve_inside_bank("idp/scenario.ron", "../shared/a.png").unwrap(),
            "shared/a.png"
        );
        assert!(resolve_inside_bank("idp/scenario.ron", "../../etc/passwd").is_err());
        assert!(resolve_inside_bank("idp/scenario.ron", "/etc/passwd").is_err());
        assert!(resolve_inside_bank("idp/scenario.ron", "C:\\x.png").is_err());
    }
}
