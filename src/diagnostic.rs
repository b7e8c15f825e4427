//! Problems found in input files, reported for people: file, line, column, what is wrong,
//! what to do, and the offending line.

use std::fmt;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// One problem in one file. Lines and columns are 1-based, columns count characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: String,
    /// What the author can do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// The offending line of the file, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line: 1,
            column: 1,
            severity: Severity::Error,
            message: message.into(),
            help: None,
            source_line: None,
        }
    }

    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Points the diagnostic at a line and column of `source`, and keeps that line.
    pub fn at(mut self, source: &str, line: usize, column: usize) -> Self {
        self.line = line.max(1);
        self.column = column.max(1);
        self.source_line = source
            .lines()
            .nth(self.line - 1)
            .map(|l| l.trim_end().to_string());
        self
    }

    /// Points the diagnostic at a byte offset of `source`.
    pub fn at_offset(self, source: &str, offset: usize) -> Self {
        let (line, column) = line_col(source, offset);
        self.at(source, line, column)
    }

    /// Points at the first `field:` of `source` (a top-level field such as `decisions`).
    pub fn at_field(self, source: &str, field: &str) -> Self {
        match locate_field(source, field) {
            Some(offset) => self.at_offset(source, offset),
            None => self,
        }
    }

    /// Points at where `id` is declared (`id: "…"`), or else first named, in `source`.
    pub fn at_id(self, source: &str, id: &str) -> Self {
        match locate_id(source, id) {
            Some(offset) => self.at_offset(source, offset),
            None => self,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {kind}: {}",
            self.path, self.line, self.column, self.message
        )?;
        if let Some(src) = &self.source_line {
            let (shown, caret) = clip(src, self.column.saturating_sub(1));
            let gutter = self.line.to_string().len();
            writeln!(f)?;
            writeln!(f, "{:gutter$} |", "")?;
            writeln!(f, "{} | {}", self.line, shown)?;
            let pad: String = shown
                .chars()
                .take(caret)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "{:gutter$} | {pad}^", "")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}

/// At most [`SHOWN_CHARS`] characters of a long line around the column (0-based), with
/// `…` where it was cut, and the caret's position in what is shown.
fn clip(line: &str, column: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= SHOWN_CHARS {
        return (line.to_string(), column);
    }
    let start = column
        .saturating_sub(SHOWN_CHARS / 2)
        .min(chars.len() - SHOWN_CHARS);
    let end = start + SHOWN_CHARS;
    let mut shown = String::new();
    let mut caret = column - start;
    if start > 0 {
        shown.push('…');
        caret += 1;
    }
    shown.extend(&chars[start..end]);
    if end < chars.len() {
        shown.push('…');
    }
    (shown, caret)
}

/// How much of an offending line is shown.
const SHOWN_CHARS: usize = 100;

/// 1-based line and character column of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = source[line_start..offset].chars().count() + 1;
    (line, column)
}

/// Byte offset of `id: "ID"` in `source`, else of the first `"ID"`.
pub fn locate_id(source: &str, id: &str) -> Option<usize> {
    locate_declaration(source, 0, id).or_else(|| locate_quoted(source, 0, id))
}

/// Byte offset of the first `field:` of `source` that is a whole field name.
pub fn locate_field(source: &str, field: &str) -> Option<usize> {
    let pattern = format!("{field}:");
    source.match_indices(&pattern).map(|(i, _)| i).find(|&i| {
        let before = source[..i].chars().next_back();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// Byte offset of the first `id: "ID"` at or after byte `from`.
pub fn locate_declaration(source: &str, from: usize, id: &str) -> Option<usize> {
    let quoted = format!("\"{id}\"");
    let rest = source.get(from..)?;
    rest.match_indices(&quoted)
        .map(|(i, _)| from + i)
        .find(|&pos| {
            source[..pos]
                .trim_end()
                .strip_suffix(':')
                .is_some_and(|rest| rest.trim_end().ends_with("id"))
        })
}

/// Byte offset of the first `"ID"` at or after byte `from`.
pub fn locate_quoted(source: &str, from: usize, id: &str) -> Option<usize> {
    let quoted = format!("\"{id}\"");
    source.get(from..)?.find(&quoted).map(|i| from + i)
}

/// Byte offset of `id: "ID"` declared inside the top-level list `field` (`services`, say),
/// so that a service and a network member sharing an id are told apart; else as
/// [`locate_id`].
pub fn locate_id_in(source: &str, field: &str, id: &str) -> Option<usize> {
    locate_field(source, field)
        .and_then(|start| locate_declaration(source, start, id))
        .or_else(|| locate_id(source, id))
}
