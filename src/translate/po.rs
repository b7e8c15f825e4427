//! Gettext PO files, as far as Casework uses them: one entry per text, keyed by `msgctxt`,
//! with `#:` references and `#, fuzzy` flags. Plural forms are not used and are refused.

use std::fmt::Write as _;

/// One entry of a PO file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// `#:` references, as written.
    pub references: Vec<String>,
    /// `#,` flags (`fuzzy`, …).
    pub flags: Vec<String>,
    pub context: Option<String>,
    pub id: String,
    pub text: String,
    /// 1-based line of the entry's `msgid`, for messages.
    pub line: usize,
}

impl Entry {
    pub fn fuzzy(&self) -> bool {
        self.flags.iter().any(|f| f == "fuzzy")
    }
}

/// A PO file: its header entry's fields, then its entries.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalog {
    /// `Name: value` lines of the header (the entry whose `msgid` is empty).
    pub header: Vec<(String, String)>,
    pub entries: Vec<Entry>,
}

impl Catalog {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.header
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Why a PO file cannot be read: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct PoError {
    pub line: usize,
    pub message: String,
    pub help: &'static str,
}

/// `s` with backslashes, double quotes, newlines, tabs and carriage returns escaped as both
/// PO and RON write them inside a string literal.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// `s` as a PO string literal, cut after each newline (a string with a newline inside
/// starts with `""`, as gettext tools write it).
fn quoted(keyword: &str, s: &str) -> String {
    let lines: Vec<&str> = s.split_inclusive('\n').collect();
    if lines.len() <= 1 {
        return format!("{keyword} \"{}\"\n", escape(s));
    }
    let mut out = format!("{keyword} \"\"\n");
    for l in lines {
        let _ = writeln!(out, "\"{}\"", escape(l));
    }
    out
}

/// The PO text of a catalog.
pub fn write(catalog: &Catalog) -> String {
    let mut out = String::from("msgid \"\"\n");
    let header: String = catalog
        .header
        .iter()
        .map(|(n, v)| format!("{n}: {v}\n"))
        .collect();
    out.push_str(&quoted("msgstr", &header));
    for e in &catalog.entries {
        out.push('\n');
        for r in &e.references {
            let _ = writeln!(out, "#: {r}");
        }
        if !e.flags.is_empty() {
            let _ = writeln!(out, "#, {}", e.flags.join(", "));
        }
        if let Some(c) = &e.context {
            out.push_str(&quoted("msgctxt", c));
        }
        out.push_str(&quoted("msgid", &e.id));
        out.push_str(&quoted("msgstr", &e.text));
    }
    out
}

/// Which string an entry's next continuation line adds to.
#[derive(Clone, Copy, PartialEq)]
enum Field {
    None,
    Context,
    Id,
    Text,
}

/// Reads a PO file. Obsolete entries (`#~`) and comments other than references and flags
/// are skipped.
pub fn read(text: &str) -> Result<Catalog, PoError> {
    let mut entries = Vec::new();
    let mut cur = Entry::default();
    let mut field = Field::None;
    let mut started = false;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let at = n + 1;
        let err = |message: String, help| PoError {
            line: at,
            message,
            help,
        };
        // A comment or keyword after a complete entry's `msgstr` starts the next entry.
        let starts_entry = line.starts_with("#") || line.starts_with("msgctxt");
        if (starts_entry || line.starts_with("msgid ")) && field == Field::Text {
            entries.push(std::mem::take(&mut cur));
            field = Field::None;
            started = false;
        }
        if line.is_empty() || line.starts_with("#~") {
            continue;
        }
        if let Some(r) = line.strip_prefix("#:") {
            cur.references
                .extend(r.split_whitespace().map(str::to_string));
        } else if let Some(f) = line.strip_prefix("#,") {
            cur.flags.extend(
                f.split(',')
                    .map(|f| f.trim().to_string())
                    .filter(|f| !f.is_empty()),
            );
        } else if line.starts_with('#') {
        } else if line.starts_with("msgid_plural") || line.starts_with("msgstr[") {
            return Err(err(
                "plural forms are not used in Casework files".into(),
                "remove the plural entry; every Casework text is one string",
            ));
        } else {
            let (keyword, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            let (target, value) = match keyword {
                k if k.starts_with('"') => (field, unquote(line).map_err(|m| err(m, HELP_QUOTE))?),
                "msgctxt" | "msgid" | "msgstr" => {
                    let f = match keyword {
                        "msgctxt" => Field::Context,
                        "msgid" => Field::Id,
                        _ => Field::Text,
                    };
                    let order_ok = match f {
                        Field::Context => field == Field::None,
                        Field::Id => matches!(field, Field::None | Field::Context),
                        _ => field == Field::Id,
                    };
                    if !order_ok {
                        return Err(err(
                            format!("`{keyword}` is out of place"),
                            "each entry is msgctxt (optional), msgid, msgstr, in this order",
                        ));
                    }
                    if f == Field::Id {
                        cur.line = at;
                    }
                    (f, unquote(rest.trim()).map_err(|m| err(m, HELP_QUOTE))?)
                }
                other => {
                    return Err(err(
                        format!("`{other}` is not part of a PO file"),
                        "lines are comments (#), msgctxt, msgid, msgstr or quoted strings",
                    ));
                }
            };
            match target {
                Field::Context => cur.context.get_or_insert_default().push_str(&value),
                Field::Id => cur.id.push_str(&value),
                Field::Text => cur.text.push_str(&value),
                Field::None => {
                    return Err(err(
                        "a quoted string with no msgid or msgstr before it".into(),
                        "put it after the msgid or msgstr it continues",
                    ));
                }
            }
            field = target;
            started = true;
        }
    }
    if field == Field::Text {
        entries.push(cur);
    } else if started {
        return Err(PoError {
            line: text.lines().count(),
            message: "the last entry has no msgstr".into(),
            help: "end every entry with msgstr \"…\" (empty when not yet translated)",
        });
    }
    Ok(split_header(entries))
}

const HELP_QUOTE: &str = "write the text between double quotes, with \\\" for a quote inside";

/// The header entry (empty msgid, no context) taken out of the entries.
fn split_header(mut entries: Vec<Entry>) -> Catalog {
    let mut header = Vec::new();
    if let Some(i) = entries
        .iter()
        .position(|e| e.id.is_empty() && e.context.is_none())
    {
        let h = entries.remove(i);
        for line in h.text.lines() {
            if let Some((n, v)) = line.split_once(':') {
                header.push((n.trim().to_string(), v.trim().to_string()));
            }
        }
    }
    Catalog { header, entries }
}

/// The value of one PO string literal `"…"`.
fn unquote(s: &str) -> Result<String, String> {
    let inner = s
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .filter(|_| s.len() >= 2)
        .ok_or_else(|| format!("`{s}` is not a quoted string"))?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('\\') => out.push('\\'),
                Some('"') => out.push('"'),
                Some(other) => return Err(format!("unknown escape `\\{other}` in `{s}`")),
                None => return Err(format!("`{s}` ends in a lone backslash")),
            },
            '"' => return Err(format!("a quote inside `{s}` is not escaped")),
            c => out.push(c),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(context: &str, id: &str, text: &str) -> Entry {
        Entry {
            references: vec!["a.ron:3".into()],
            context: Some(context.into()),
            id: id.into(),
            text: text.into(),
            ..Entry::default()
        }
    }

    #[test]
    fn escapes_and_multi_line_strings_survive_writing_and_reading() {
        let catalog = Catalog {
            header: vec![("Language".into(), "en".into())],
            entries: vec![
                entry("title", "Пенсія \"пані\" Ольги", "a\\b\tc"),
                entry("client.situation", "рядок 1\nрядок 2\n", "line 1\nline 2"),
            ],
        };
        let text = write(&catalog);
        assert!(
            text.contains("msgid \"\"\n\"рядок 1\\n\"\n\"рядок 2\\n\"\n"),
            "{text}"
        );
        let back = read(&text).expect("reads");
        assert_eq!(back.header, catalog.header);
        let strip = |e: &Entry| {
            (
                e.context.clone(),
                e.id.clone(),
                e.text.clone(),
                e.references.clone(),
            )
        };
        assert_eq!(
            back.entries.iter().map(strip).collect::<Vec<_>>(),
            catalog.entries.iter().map(strip).collect::<Vec<_>>()
        );
    }

    #[test]
    fn flags_are_read_and_bad_lines_are_placed() {
        let po = "#, fuzzy, c-format\nmsgctxt \"t\"\nmsgid \"a\"\nmsgstr \"b\"\n";
        let c = read(po).expect("reads");
        assert!(c.entries[0].fuzzy());
        assert_eq!(c.entries[0].line, 3);
        let e = read("msgid \"a\"\nmsgstr \"b\nmsgid \"c\"\n").expect_err("unclosed");
        assert_eq!(e.line, 2);
        let e = read("msgid \"a\"\nmsgid_plural \"as\"\nmsgstr[0] \"b\"\n").expect_err("plural");
        assert_eq!(e.line, 2);
        let e = read("msgctxt \"t\"\nmsgid \"a\"\n").expect_err("no msgstr");
        assert!(e.message.contains("no msgstr"), "{e}");
    }
}
