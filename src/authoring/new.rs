//! `casework new`: a new case folder from templates that already pass `casework check` and
//! play to the end, with every field explained in comments for the instructor.
//!
//! The templates live in `assets/templates/`. Every student-facing text in them is a
//! placeholder `{t:KEY}`, filled with a language map built from `texts.ron` for the
//! languages asked for; `{id}`, `{group}`, `{groups}` and `{languages}` are filled as well.

use std::collections::BTreeMap;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::check::{valid_id, valid_lang};
use crate::scenario::ClientGroup;

const SCENARIO: &str = include_str!("../../assets/templates/scenario.ron");
const RUBRIC: &str = include_str!("../../assets/templates/formative.ron");
const CHOICES: &str = include_str!("../../assets/templates/good.choices");
const TEXTS: &str = include_str!("../../assets/templates/texts.ron");

/// The languages of a new case when none are asked for: Ukrainian first, then English.
pub const DEFAULT_LANGUAGES: &str = "uk,en";

/// The language whose text stands in, marked, for a language the templates lack.
const FALLBACK: &str = "en";

/// Why a new case could not be written. Every kind is a mistake in what was asked, or a
/// folder that cannot be written; none is a problem of an existing case.
#[derive(Debug, Error)]
pub enum NewError {
    #[error("`{0}` is not a valid case id")]
    BadId(String),
    #[error("`{given}` is not a client group")]
    BadGroup {
        given: String,
        suggestion: Option<&'static str>,
    },
    #[error("`{0}` is not a language tag")]
    BadLanguage(String),
    #[error("no language given")]
    NoLanguage,
    #[error("language `{0}` is given twice")]
    DuplicateLanguage(String),
    #[error("{} already exists", .0.display())]
    Exists(PathBuf),
    #[error("cannot write {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the template of a new case is broken: {0}")]
    Template(String),
}

impl NewError {
    /// What the instructor can do about it.
    pub fn help(&self) -> String {
        match self {
            NewError::BadId(_) => "ids use lowercase letters, digits and hyphens, like `older-person-alone`".into(),
            NewError::BadGroup { suggestion, .. } => {
                let keys: Vec<&str> = ClientGroup::ALL.iter().map(|g| g.key()).collect();
                let mean = suggestion.map(|s| format!("did you mean `{s}`? ")).unwrap_or_default();
                format!("{mean}the groups are: {}", keys.join(", "))
            }
            NewError::BadLanguage(_) | NewError::NoLanguage | NewError::DuplicateLanguage(_) => {
                "give the languages as tags separated by commas, the original first, like `--lang uk,en`".into()
            }
            NewError::Exists(path) => format!(
                "choose another id, or move {} away first: `new` never writes over anything",
                path.display()
            ),
            NewError::Io { .. } => "check that the folder exists and you may write in it, or pass --dir".into(),
            NewError::Template(_) => "this is a fault of Casework: please report it".into(),
        }
    }
}

/// What to write: the case's id, its client group and its languages (the first the original).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCase {
    pub id: String,
    pub group: ClientGroup,
    pub languages: Vec<String>,
}

impl NewCase {
    /// Validates what the instructor typed: an id as `check` wants it, a group key (or its
    /// name in a scenario file, `OlderPerson`), and comma-separated languages.
    pub fn parse(id: &str, group: Option<&str>, languages: Option<&str>) -> Result<Self, NewError> {
        if !valid_id(id) {
            return Err(NewError::BadId(id.to_string()));
        }
        Ok(NewCase {
            id: id.to_string(),
            group: group.map_or(Ok(ClientGroup::InternallyDisplaced), parse_group)?,
            languages: parse_languages(languages.unwrap_or(DEFAULT_LANGUAGES))?,
        })
    }
}

/// A client group by its key (`older-person`) or its name in a scenario file (`OlderPerson`).
pub fn parse_group(given: &str) -> Result<ClientGroup, NewError> {
    let wanted = given.trim();
    if let Some(g) = ClientGroup::ALL
        .into_iter()
        .find(|g| g.key() == wanted || format!("{g:?}") == wanted)
    {
        return Ok(g);
    }
    let lowered = wanted.to_lowercase().replace(['_', ' '], "-");
    let suggestion = ClientGroup::ALL
        .iter()
        .map(|g| g.key())
        .map(|k| (strsim::levenshtein(&lowered, k), k))
        .filter(|(d, k)| *d <= 1 + k.len() / 4)
        .min()
        .map(|(_, k)| k);
    Err(NewError::BadGroup {
        given: given.to_string(),
        suggestion,
    })
}

/// Comma-separated language tags, in order, none twice.
pub fn parse_languages(given: &str) -> Result<Vec<String>, NewError> {
    let mut out: Vec<String> = Vec::new();
    for tag in given.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if !valid_lang(tag) {
            return Err(NewError::BadLanguage(tag.to_string()));
        }
        if out.iter().any(|t| t == tag) {
            return Err(NewError::DuplicateLanguage(tag.to_string()));
        }
        out.push(tag.to_string());
    }
    if out.is_empty() {
        return Err(NewError::NoLanguage);
    }
    Ok(out)
}

/// The files of the new case: (file name, contents), in the order they are written.
pub fn render(case: &NewCase) -> Result<Vec<(&'static str, String)>, NewError> {
    let texts: BTreeMap<String, BTreeMap<String, String>> =
        ron::from_str(TEXTS).map_err(|e| NewError::Template(format!("texts.ron: {e}")))?;
    let fill = |template: &str| fill(template, case, &texts);
    Ok(vec![
        ("scenario.ron", fill(SCENARIO)?),
        ("formative.ron", fill(RUBRIC)?),
        ("good.choices", CHOICES.to_string()),
    ])
}

/// Replaces every placeholder of `template`.
fn fill(
    template: &str,
    case: &NewCase,
    texts: &BTreeMap<String, BTreeMap<String, String>>,
) -> Result<String, NewError> {
    let languages: Vec<String> = case.languages.iter().map(|l| quote(l)).collect();
    let groups: Vec<String> = ClientGroup::ALL.iter().map(|g| format!("{g:?}")).collect();
    let mut out = String::with_capacity(template.len() * 2);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let after = rest;
        let Some(close) = after.find('}') else {
            break;
        };
        let name = &after[1..close];
        let value = match name {
            "id" => Some(case.id.clone()),
            "group" => Some(format!("{:?}", case.group)),
            "groups" => Some(groups.join(", ")),
            "languages" => Some(format!("[{}]", languages.join(", "))),
            _ => name
                .strip_prefix("t:")
                .map(|key| text_map(key, case, texts))
                .transpose()?,
        };
        match value {
            Some(v) => {
                out.push_str(&v);
                rest = &after[close + 1..];
            }
            // A brace that opens no placeholder (a RON map) is copied as it is.
            _ => {
                out.push('{');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// The RON language map of one text: its template text in each language of the case, or,
/// for a language the templates lack, the English text marked to be translated.
fn text_map(
    key: &str,
    case: &NewCase,
    texts: &BTreeMap<String, BTreeMap<String, String>>,
) -> Result<String, NewError> {
    let text = texts
        .get(key)
        .ok_or_else(|| NewError::Template(format!("no text `{key}` in texts.ron")))?;
    let fallback = text
        .get(FALLBACK)
        .ok_or_else(|| NewError::Template(format!("text `{key}` has no `{FALLBACK}`")))?;
    let pairs: Vec<String> = case
        .languages
        .iter()
        .map(|lang| {
            let value = text
                .get(lang)
                .cloned()
                .unwrap_or_else(|| format!("[{lang}] {fallback}"));
            format!("{}: {}", quote(lang), quote(&value))
        })
        .collect();
    Ok(format!("{{{}}}", pairs.join(", ")))
}

/// A RON string literal.
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Writes the case into `dir/ID/` (creating `dir` if needed) and returns that folder.
/// Refuses when `dir/ID` exists in any form: nothing is ever written over.
pub fn write(dir: &Path, case: &NewCase) -> Result<PathBuf, NewError> {
    let files = render(case)?;
    let folder = dir.join(&case.id);
    if folder.symlink_metadata().is_ok() {
        return Err(NewError::Exists(folder));
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| NewError::Io { path, source }
    };
    fs::create_dir_all(dir).map_err(io(dir))?;
    fs::create_dir(&folder).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => NewError::Exists(folder.clone()),
        _ => io(&folder)(e),
    })?;
    for (name, contents) in files {
        let path = folder.join(name);
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(io(&path))?;
        file.write_all(contents.as_bytes()).map_err(io(&path))?;
    }
    Ok(folder)
}
