//! The scenario bank: scenarios and rubrics read from a folder or from the copy embedded in
//! the binary.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::diagnostic::Diagnostic;
use crate::rubric::Rubric;
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

    /// A bank in a folder on disk.
    pub fn from_dir(dir: &Path) -> Result<Bank, Diagnostic> {
        let mut raw = Vec::new();
        walk(dir, dir, &mut raw)?;
        Ok(Bank::from_files(raw))
    }

    /// A single file (scenario or rubric), as a bank of one, with `root` as the bank folder
    /// for picture paths.
    pub fn from_file(path: &Path, root: &Path) -> Bank {
        let rel = path
            .strip_prefix(root)
            .map(rel_string)
            .unwrap_or_else(|_| file_name(path));
        let mut files = Vec::new();
        if root.is_dir() {
            // Only the names of the other files are needed, for picture checks.
            let _ = walk_names(root, root, &mut files);
        }
        let mut bank = Bank::from_files(vec![RawFile {
            shown: path.display().to_string(),
            rel,
            bytes: source::read_limited(path),
        }]);
        bank.files.extend(files);
        bank
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
            match source::parse_document(&f.shown, &bytes) {
                Ok(doc) => {
                    let hash = source::content_hash(&bytes);
                    // parse_document succeeded, so the bytes are UTF-8.
                    let text = String::from_utf8(bytes).unwrap_or_default();
                    match doc {
                        Document::Scenario(s) => bank.scenarios.push(Entry {
                            doc: *s,
                            path: f.shown,
                            rel: f.rel,
                            text,
                            hash,
                        }),
                        Document::Rubric(r) => bank.rubrics.push(Entry {
                            doc: *r,
                            path: f.shown,
                            rel: f.rel,
                            text,
                            hash,
                        }),
                    }
                }
                Err(d) => bank.diagnostics.push(d),
            }
        }
        bank.scenarios.sort_by(|a, b| a.doc.id.cmp(&b.doc.id));
        bank.rubrics.sort_by(|a, b| a.rel.cmp(&b.rel));
        bank
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

fn walk(root: &Path, dir: &Path, out: &mut Vec<RawFile>) -> Result<(), Diagnostic> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| {
            Diagnostic::error(
                dir.display().to_string(),
                format!("cannot read the folder: {e}"),
            )
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let meta = match std::fs::symlink_metadata(&path) {
            Ok(m) => m,
            Err(_) => continue,
        };
        if meta.is_dir() {
            walk(root, &path, out)?;
        } else if meta.is_file() {
            let rel = path.strip_prefix(root).map(rel_string).unwrap_or_default();
            let bytes = if rel.ends_with(".ron") || is_picture(&rel) {
                source::read_limited(&path)
            } else {
                Ok(Vec::new())
            };
            out.push(RawFile {
                shown: path.display().to_string(),
                rel,
                bytes,
            });
        }
    }
    Ok(())
}

fn walk_names(root: &Path, dir: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let path = e?.path();
        let meta = std::fs::symlink_metadata(&path)?;
        if meta.is_dir() {
            walk_names(root, &path, out)?;
        } else if meta.is_file()
            && let Ok(rel) = path.strip_prefix(root)
        {
            out.push(rel_string(rel));
        }
    }
    Ok(())
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
