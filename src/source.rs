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

/// Reads a file from disk with the size limit, as bytes. Anything that is not a regular
/// file (a folder, a named pipe, a device) is refused before it is opened: opening a named
/// pipe would block until someone writes into it. Links are followed.
pub fn read_limited(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path)
        .map_err(|e| Diagnostic::error(&shown, format!("cannot open the file: {e}")))?;
    if !meta.is_file() {
        return Err(not_a_file(&shown, meta.file_type()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(&shown, meta.len()));
    }
    let file = std::fs::File::open(path)
        .map_err(|e| Diagnostic::error(&shown, format!("cannot open the file: {e}")))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Diagnostic::error(&shown, format!("cannot read the file: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(&shown, bytes.len() as u64));
    }
    Ok(bytes)
}

/// What a file system entry that is not a regular file is, in words.
pub fn describe(kind: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    if kind.is_dir() {
        "a folder"
    } else if kind.is_symlink() {
        "a link"
    } else {
        "something else"
    }
}

/// The refusal of an input that is not a regular file.
pub fn not_a_file(shown: &str, kind: std::fs::FileType) -> Diagnostic {
    Diagnostic::error(
        shown,
        format!(
            "cannot read this: it is {}, not a regular file",
            describe(kind)
        ),
    )
    .help("give the path of a file; Casework never reads from pipes, folders or devices")
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

/// The UTF-8 byte-order mark some editors (Windows Notepad) write at the start of a file.
const BOM: &[u8] = b"\xef\xbb\xbf";

/// Checks that `bytes` are UTF-8 text, without the byte-order mark if there is one: every
/// input (scenario, rubric, choices, log, script) goes through here, so lines and columns
/// count from the first character people see.
pub fn as_text<'a>(path: &str, bytes: &'a [u8]) -> Result<&'a str, Diagnostic> {
    let (skipped, bytes) = match bytes.strip_prefix(BOM) {
        Some(rest) => (BOM.len(), rest),
        None => (0, bytes),
    };
    std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        // The valid prefix is UTF-8 by construction.
        let prefix = std::str::from_utf8(good).unwrap_or_default();
        let (line, column) = crate::diagnostic::line_col(prefix, prefix.len());
        Diagnostic::error(
            path,
            format!(
                "the file is not UTF-8 text (byte 0x{:02x} at offset {})",
                bytes[e.valid_up_to()],
                skipped + e.valid_up_to()
            ),
        )
        .help("save the file as UTF-8 (most editors: \"Save with encoding\" → UTF-8)")
        .at(prefix, line, column)
    })
}

/// Parses RON text into `T`, turning errors into a diagnostic at the right place.
pub fn parse_ron<T: DeserializeOwned>(path: &str, text: &str) -> Result<T, Diagnostic> {
    ron_options()
        .from_str::<T>(text)
        .map_err(|e| ron_diagnostic(path, text, &e))
}

fn ron_diagnostic(path: &str, text: &str, e: &ron::error::SpannedError) -> Diagnostic {
    use ron::error::Error;
    if let Some(open) = crate::diagnostic::unclosed_string(text, e.span.start.line) {
        return Diagnostic::error(path, "this text is not closed: a `\"` is missing")
            .help("end the text with `\"` where it should stop; a text may span lines, so the next `\"` closed it instead")
            .at_offset(text, open);
    }
    let help = match &e.code {
        Error::NoSuchStructField {
            expected, found, ..
        } => Some(format!(
            "{}the fields allowed here are: {}",
            did_you_mean(found, expected).unwrap_or_else(|| "check the spelling; ".into()),
            expected.join(", ")
        )),
        Error::NoSuchEnumVariant {
            expected, found, ..
        } => Some(format!(
            "{}use one of: {}",
            did_you_mean(found, expected).unwrap_or_default(),
            expected.join(", ")
        )),
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

/// "did you mean `…`? " for the name of `expected` closest to the misspelt `found`, if one
/// is close enough to be a typo.
fn did_you_mean(found: &str, expected: &[&str]) -> Option<String> {
    let found_lower = found.to_lowercase();
    expected
        .iter()
        .map(|c| {
            (
                strsim::damerau_levenshtein(&found_lower, &c.to_lowercase()),
                *c,
            )
        })
        .filter(|&(d, c)| d <= 2.max(c.chars().count() / 3))
        .min()
        .map(|(_, c)| format!("did you mean `{c}`? "))
}

/// The first identifier of a RON document, skipping blanks, comments and `#![…]` attributes.
fn leading_identifier(text: &str) -> Option<&str> {
    let mut rest = text;
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
    parse_text(path, as_text(path, bytes)?)
}

/// [`parse_document`] on text already read with [`as_text`].
pub fn parse_text(path: &str, text: &str) -> Result<Document, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(path, "the file is empty")
            .help("a scenario starts with `Scenario(` and a rubric with `Rubric(`"));
    }
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
