//! Reading scenario and rubric files safely: size limit, UTF-8, RON with positions.

use std::path::Path;

use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use crate::diagnostic::Diagnostic;
use crate::rubric::Rubric;
use crate::scenario::Scenario;

/// Files larger than this are refused before they are read: no case needs more.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// The RON dialect of Casework files: `Some(…)` may be left out around optional values.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// What a file turned out to hold.
#[derive(Debug, Clone)]
pub enum Document {
    Scenario(Box<Scenario>),
    Rubric(Box<Rubric>),
}

/// Reads a file from disk with the size limit, as bytes.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let shown = path.display().to_string();
    let file = std::fs::File::open(path)
        .map_err(|e| Diagnostic::error(&shown, format!("cannot open the file: {e}")))?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    if len > MAX_FILE_BYTES {
        return Err(too_big(&shown, len));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::error(&shown, format!("cannot read the file: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(&shown, bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_big(path: &str, len: u64) -> Diagnostic {
    Diagnostic::error(
        path,
        format!(
            "the file is {} MiB; Casework reads files of at most {} MiB",
            len / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
    .help("is this the right file? A scenario or rubric is text of a few hundred kilobytes at most")
}

/// Checks that `bytes` are UTF-8 text and not empty.
pub fn as_text<'a>(path: &str, bytes: &'a [u8]) -> Result<&'a str, Diagnostic> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            // The valid prefix is UTF-8 by construction.
            let prefix = std::str::from_utf8(good).unwrap_or_default();
            let (line, column) = crate::diagnostic::line_col(prefix, prefix.len());
            let diag = Diagnostic::error(
                path,
                format!(
                    "the file is not UTF-8 text (byte 0x{:02x} at offset {})",
                    bytes[e.valid_up_to()],
                    e.valid_up_to()
                ),
            )
            .help("save the file as UTF-8 (most editors: \"Save with encoding\" → UTF-8)");
            return Err(diag.at(prefix, line, column));
        }
    };
    if text.trim().is_empty() {
        return Err(Diagnostic::error(path, "the file is empty")
            .help("a scenario starts with `Scenario(` and a rubric with `Rubric(`"));
    }
    Ok(text)
}

/// Parses RON text into `T`, turning errors into a diagnostic at the right place.
pub fn parse_ron<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, Diagnostic> {
    ron_options()
        .from_str::<T>(text)
        .map_err(|e| ron_diagnostic(path, text, &e))
}

fn ron_diagnostic(path: &str, text: &str, e: &ron::error::SpannedError) -> Diagnostic {
    use ron::error::Error;
    let help = match &e.code {
        Error::NoSuchStructField { expected, .. } => Some(format!(
            "check the spelling; the fields allowed here are: {}",
            expected.join(", ")
        )),
        Error::NoSuchEnumVariant { expected, .. } => {
            Some(format!("use one of: {}", expected.join(", ")))
        }
        Error::MissingStructField { field, .. } => Some(format!(
            "add `{field}: …` to this item (see docs/formats.md)"
        )),
        Error::ExceededRecursionLimit => {
            Some("nesting this deep is never needed; a scenario nests a few levels at most".into())
        }
        Error::Eof => Some("the file ends too early: is a closing bracket missing?".into()),
        Error::ExpectedString | Error::ExpectedStringEnd => {
            Some("text goes between double quotes: \"…\"".into())
        }
        _ => None,
    };
    let diag = Diagnostic::error(path, e.code.to_string());
    let diag = match help {
        Some(h) => diag.help(h),
        None => diag,
    };
    diag.at(text, e.span.start.line, e.span.start.col)
}

/// The first identifier of a RON document, skipping blanks, comments and `#![…]` attributes.
fn leading_identifier(text: &str) -> Option<&str> {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, r)| r);
        } else if let Some(r) = rest.strip_prefix("#!") {
            rest = r.split_once(']').map_or("", |(_, r)| r);
        } else {
            break;
        }
    }
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// Reads a scenario or a rubric, telling them apart by their first word.
pub fn parse_document(path: &str, bytes: &[u8]) -> Result<Document, Diagnostic> {
    let text = as_text(path, bytes)?;
    match leading_identifier(text) {
        Some("Scenario") => parse_ron(path, text).map(|s| Document::Scenario(Box::new(s))),
        Some("Rubric") => parse_ron(path, text).map(|r| Document::Rubric(Box::new(r))),
        other => {
            let offset = other.map_or(0, |w| text.find(w).unwrap_or(0));
            Err(Diagnostic::error(
                path,
                match other {
                    Some(word) => format!("expected `Scenario(` or `Rubric(`, found `{word}`"),
                    None => "expected `Scenario(` or `Rubric(` at the start of the file".into(),
                },
            )
            .help("every Casework file names what it is: `Scenario(` … `)` or `Rubric(` … `)`")
            .at_offset(text, offset))
        }
    }
}

/// A short, stable content hash (SHA-256, hex) of a file's bytes.
pub fn content_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_identifier_skips_comments_and_attributes() {
        assert_eq!(
            leading_identifier("// hi\n/* x */ #![enable(implicit_some)]\n Rubric("),
            Some("Rubric")
        );
        assert_eq!(leading_identifier("   "), None);
        assert_eq!(leading_identifier("(x: 1)"), None);
    }
}
