//! Problems found in input files, reported for people: file, line, column, what is wrong,
//! what to do, and the offending line.

use std::collections::HashMap;
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
    /// Where the thing at fault (an id, a field name, a value) ends: the line and column
    /// just after its last character.
    pub end_line: usize,
    pub end_column: usize,
    pub severity: Severity,
    pub message: String,
    /// What the author can do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
    /// What is shown of the file: boxed, as most diagnostics that travel in a `Result`
    /// are short.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub shown: Option<Box<Shown>>,
}

/// The parts of a file a diagnostic shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Shown {
    /// The offending line of the file, when there is one: at most [`SHOWN_CHARS`]
    /// characters around the column, with `…` where it was cut.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_line: Option<String>,
    /// Where the column falls in `source_line`, and how many characters of it are
    /// underlined. (Each at most [`SHOWN_CHARS`] + 2: bytes keep the struct small.)
    #[serde(skip)]
    pub caret: u8,
    #[serde(skip)]
    pub width: u8,
    /// Other places that explain this one, such as the first declaration of a duplicate.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

/// A second place of a diagnostic, with what it shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_line: Option<String>,
    #[serde(skip)]
    pub caret: u8,
    #[serde(skip)]
    pub width: u8,
}

impl Related {
    /// The place of `d`, the error that kept a file from loading, as a second place.
    pub fn failed_to_load(d: &Diagnostic) -> Related {
        Related {
            path: d.path.clone(),
            line: d.line,
            column: d.column,
            message: "failed to load here (its error is reported above)".into(),
            source_line: d.source_line().map(str::to_string),
            caret: d.shown.as_ref().map_or(0, |s| s.caret),
            width: d.shown.as_ref().map_or(0, |s| s.width),
        }
    }
}

/// Where something is in a file, and the part of its line that is shown.
struct Place {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    shown: String,
    caret: u8,
    width: u8,
}

impl Place {
    /// The token at byte `offset` of the file `map` indexes (a quoted string, a word or
    /// a number, else one character), cut at the end of its line.
    fn of(map: &SourceMap, offset: usize) -> Place {
        let offset = map.boundary(offset);
        let (line, column) = map.line_col(offset);
        let (start, end) = map.line_span(line);
        let token_end = token_end(map.text, offset, end);
        let (shown, caret) = clip(map.text, (start, end), offset);
        let chars = map.text[offset..token_end].chars().count().max(1);
        let room = shown.chars().count().saturating_sub(caret).max(1);
        let byte = |n: usize| u8::try_from(n).unwrap_or(u8::MAX);
        Place {
            line,
            column,
            end_line: line,
            end_column: column + chars,
            width: byte(chars.min(room)),
            caret: byte(caret),
            shown,
        }
    }
}

/// The end (a byte offset, at most `line_end`) of the token starting at `offset`.
fn token_end(text: &str, offset: usize, line_end: usize) -> usize {
    let rest = &text[offset..line_end.max(offset)];
    let mut chars = rest.char_indices();
    let Some((_, first)) = chars.next() else {
        return offset;
    };
    let len = if first == '"' {
        let mut escaped = false;
        chars
            .find(|&(_, c)| {
                let end = c == '"' && !escaped;
                escaped = c == '\\' && !escaped;
                end
            })
            .map_or(rest.len(), |(i, _)| i + 1)
    } else if first.is_alphanumeric() || first == '_' || first == '-' {
        chars
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || c == '-' || c == '.'))
            .map_or(rest.len(), |(i, _)| i)
    } else {
        first.len_utf8()
    };
    offset + len
}

impl Diagnostic {
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line: 1,
            column: 1,
            end_line: 1,
            end_column: 1,
            severity: Severity::Error,
            message: message.into(),
            help: None,
            shown: None,
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

    /// Points the diagnostic at a line and column (characters) of `source`, and keeps
    /// that part of the line.
    pub fn at(self, source: &str, line: usize, column: usize) -> Self {
        let (line, column) = (line.max(1), column.max(1));
        let Some(start) = nth_line_start(source, line) else {
            return Diagnostic {
                line,
                column,
                end_line: line,
                end_column: column,
                ..self
            };
        };
        let end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let offset = source[start..end]
            .char_indices()
            .nth(column - 1)
            .map_or(end, |(i, _)| start + i);
        let mut d = self.at_offset(source, offset);
        if d.column != column {
            d.end_column = column + 1;
        }
        d.line = line;
        d.column = column;
        d
    }

    /// Points the diagnostic at a byte offset of `source` (one diagnostic: for many in one
    /// file, build a [`SourceMap`] once and use [`Diagnostic::at_map`]).
    pub fn at_offset(self, source: &str, offset: usize) -> Self {
        self.at_map(&SourceMap::lines_of(source), offset)
    }

    /// Points the diagnostic at a byte offset of the file `map` indexes, underlining the
    /// whole token there (a quoted id or value, a field name).
    pub fn at_map(mut self, map: &SourceMap, offset: usize) -> Self {
        let p = Place::of(map, offset);
        self.line = p.line;
        self.column = p.column;
        self.end_line = p.end_line;
        self.end_column = p.end_column;
        let shown = self.shown.get_or_insert_default();
        shown.source_line = Some(p.shown);
        shown.caret = p.caret;
        shown.width = p.width;
        self
    }

    /// Adds a second place of the same file, byte `offset` of the file `map` indexes,
    /// labelled `message` (such as "first declared here").
    pub fn related_at(self, map: &SourceMap, offset: usize, message: impl Into<String>) -> Self {
        let path = self.path.clone();
        self.related_in(path, map, offset, message)
    }

    /// Adds a second place, byte `offset` of the file `path` that `map` indexes.
    pub fn related_in(
        mut self,
        path: impl Into<String>,
        map: &SourceMap,
        offset: usize,
        message: impl Into<String>,
    ) -> Self {
        let p = Place::of(map, offset);
        self.add_related(Related {
            path: path.into(),
            line: p.line,
            column: p.column,
            message: message.into(),
            source_line: Some(p.shown),
            caret: p.caret,
            width: p.width,
        });
        self
    }

    /// Adds a second place.
    pub fn add_related(&mut self, related: Related) {
        self.shown.get_or_insert_default().related.push(related);
    }

    /// The offending line, as shown.
    pub fn source_line(&self) -> Option<&str> {
        self.shown.as_ref()?.source_line.as_deref()
    }

    /// The second places.
    pub fn related(&self) -> &[Related] {
        self.shown.as_ref().map_or(&[], |s| &s.related)
    }

    /// Adds the declaration of `id` in the file `path` holding `text` as a second place:
    /// "first declared here".
    pub fn also_at(self, path: &str, text: &str, id: &str) -> Self {
        let map = SourceMap::new(text);
        match map.id(id) {
            Some(offset) => self.related_in(path, &map, offset, "first declared here"),
            None => self,
        }
    }

    /// Points at the first `field:` of `source` (a top-level field such as `decisions`).
    pub fn at_field(self, source: &str, field: &str) -> Self {
        let map = SourceMap::new(source);
        match map.field(field) {
            Some(offset) => self.at_map(&map, offset),
            None => self,
        }
    }

    /// Points at where `id` is declared (`id: "…"`), or else first named, in `source`.
    pub fn at_id(self, source: &str, id: &str) -> Self {
        let map = SourceMap::new(source);
        match map.id(id) {
            Some(offset) => self.at_map(&map, offset),
            None => self,
        }
    }
}

/// Byte offset where 1-based line `line` of `text` starts.
fn nth_line_start(text: &str, line: usize) -> Option<usize> {
    if line == 1 {
        return Some(0);
    }
    text.match_indices('\n').nth(line - 2).map(|(i, _)| i + 1)
}

/// Byte range, in `shown`, of `width` characters from character `caret`.
fn byte_span(shown: &str, caret: u8, width: u8) -> std::ops::Range<usize> {
    let at = |n: usize| shown.char_indices().nth(n).map_or(shown.len(), |(i, _)| i);
    let start = at(usize::from(caret));
    let end = at(usize::from(caret) + usize::from(width.max(1)));
    start..end.max(start)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use annotate_snippets::{Group, Level, Renderer};
        let (kind, level) = match self.severity {
            Severity::Error => ("error", Level::ERROR),
            Severity::Warning => ("warning", Level::WARNING),
        };
        write!(
            f,
            "{}:{}:{}: {kind}: {}",
            self.path, self.line, self.column, self.message
        )?;
        let mut group = Group::with_level(level);
        let mut empty = true;
        // This line and, below one another in line order, those related in this file.
        let mut lines: Vec<(usize, &str, u8, u8, Option<&str>)> = Vec::new();
        let mut others = Vec::new();
        if let Some(shown) = &self.shown
            && let Some(src) = &shown.source_line
        {
            lines.push((self.line, src, shown.caret, shown.width, None));
        }
        for r in self.related() {
            match &r.source_line {
                Some(src) if r.path == self.path && !lines.is_empty() => {
                    lines.push((r.line, src, r.caret, r.width, Some(&r.message)));
                }
                Some(src) => {
                    let mut other = [(r.line, src.as_str(), r.caret, r.width, Some(&*r.message))];
                    others.push(snippet(&mut other).path(r.path.as_str()));
                }
                _ => {
                    let note = format!("{}:{}:{}: {}", r.path, r.line, r.column, r.message);
                    group = group.element(Level::NOTE.message(note));
                    empty = false;
                }
            }
        }
        if !lines.is_empty() {
            group = group.element(snippet(&mut lines));
            empty = false;
        }
        for other in others {
            group = group.element(other);
            empty = false;
        }
        if empty {
            // Nothing to show of the file: the help alone, as the renderer would indent it
            // under a line number.
            if let Some(help) = &self.help {
                write!(f, "\n  = help: {help}")?;
            }
            return Ok(());
        }
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(help));
        }
        {
            let rendered = Renderer::plain().render(&[group]);
            write!(f, "\n{}", rendered.trim_end())?;
        }
        Ok(())
    }
}

/// One snippet of the lines `(line, shown, caret, width, label)` of one file, the first
/// the primary place: lines in between are left out (`...`).
fn snippet<'a>(
    lines: &mut [(usize, &'a str, u8, u8, Option<&'a str>)],
) -> annotate_snippets::Snippet<'a, annotate_snippets::Annotation<'a>> {
    use annotate_snippets::{AnnotationKind, Snippet};
    let primary = lines[0].0;
    lines.sort_by_key(|l| l.0);
    let first = lines[0].0;
    let mut source = String::new();
    let mut spans = Vec::new();
    let mut at_line = first;
    for (n, &(line, shown, caret, width, label)) in lines.iter().enumerate() {
        if n > 0 && line <= at_line {
            continue; // two places on one line: the first kept
        }
        source.push_str(&"\n".repeat(line - at_line));
        let span = byte_span(shown, caret, width);
        spans.push((
            line,
            source.len() + span.start..source.len() + span.end,
            label,
        ));
        source.push_str(shown);
        at_line = line;
    }
    let mut snippet = Snippet::source(source).line_start(first).fold(true);
    for (line, span, label) in spans {
        let kind = if line == primary && label.is_none() {
            AnnotationKind::Primary
        } else {
            AnnotationKind::Context
        };
        snippet = snippet.annotation(kind.span(span).label(label));
    }
    snippet
}

/// How much of an offending line is shown.
const SHOWN_CHARS: usize = 100;

/// At most [`SHOWN_CHARS`] characters of the line `start..end` of `text` around byte
/// `offset`, trailing blanks trimmed, with `…` where it was cut, and the caret's position
/// in what is shown. Walks only the characters shown, so its cost does not grow with the
/// line's length.
fn clip(text: &str, (start, end): (usize, usize), offset: usize) -> (String, usize) {
    let line = text[start..end].trim_end();
    let offset = offset.clamp(start, start + line.len()) - start;
    let before = line[..offset].char_indices().rev().take(SHOWN_CHARS / 2);
    let mut from = before.last().map_or(offset, |(i, _)| i);
    let after = line[offset..].char_indices().map(|(i, _)| offset + i);
    let taken_before = line[from..offset].chars().count();
    let mut to = after
        .clone()
        .nth(SHOWN_CHARS - taken_before)
        .unwrap_or(line.len());
    if to == line.len() {
        // Near the end: show more of what comes before.
        let shown = taken_before + line[offset..].chars().count();
        if shown < SHOWN_CHARS {
            let extra = SHOWN_CHARS - shown;
            from = line[..from]
                .char_indices()
                .rev()
                .take(extra)
                .last()
                .map_or(from, |(i, _)| i);
        }
    }
    to = to.max(offset);
    let mut shown = String::new();
    let mut caret = line[from..offset].chars().count();
    if from > 0 {
        shown.push('…');
        caret += 1;
    }
    shown.push_str(&line[from..to]);
    if to < line.len() {
        shown.push('…');
    }
    (shown, caret)
}

/// 1-based line and character column of a byte offset (of one offset: for many, see
/// [`SourceMap`]).
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    SourceMap::lines_of(source).line_col(offset)
}

/// Bytes between the points where characters are counted, so that a column is found by
/// counting at most this many bytes.
const CHECKPOINT: usize = 4096;

/// Where things are in one file's text, found in one pass: lines, character counts, the
/// fields (`name:`) and the string literals, decoded, with whether each is an `id: "…"`.
/// Built once per file, it places any number of diagnostics in time proportional to
/// their number rather than to the file's size times their number.
#[derive(Debug, Default)]
pub struct SourceMap<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// (byte offset, characters before it), one every [`CHECKPOINT`] bytes or so.
    checkpoints: Vec<(usize, usize)>,
    /// Each field name and the byte offsets where it is written, in order.
    fields: HashMap<&'a str, Vec<usize>>,
    /// Each string's value and where it is written: byte offset of its opening quote, and
    /// whether it is the value of an `id:` field.
    strings: HashMap<String, Vec<(usize, bool)>>,
}

impl<'a> SourceMap<'a> {
    /// Lines and character counts only (enough for [`SourceMap::line_col`]).
    pub fn lines_of(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut checkpoints = vec![(0, 0)];
        let (mut at, mut chars) = (0, 0);
        while at + CHECKPOINT < text.len() {
            let mut next = at + CHECKPOINT;
            while !text.is_char_boundary(next) {
                next += 1;
            }
            chars += text[at..next].chars().count();
            checkpoints.push((next, chars));
            at = next;
        }
        SourceMap {
            text,
            line_starts,
            checkpoints,
            ..SourceMap::default()
        }
    }

    /// The whole index.
    pub fn new(text: &'a str) -> Self {
        let mut map = SourceMap::lines_of(text);
        scan(text, &mut map.fields, &mut map.strings);
        map
    }

    /// `offset`, clamped to the text and moved back to a character boundary.
    fn boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// Characters before byte `offset` (a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let i = self.checkpoints.partition_point(|&(at, _)| at <= offset) - 1;
        let (at, chars) = self.checkpoints[i];
        chars + self.text[at..offset].chars().count()
    }

    /// 1-based line and character column of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.boundary(offset);
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let column = self.chars_before(offset) - self.chars_before(start) + 1;
        (line, column)
    }

    /// Byte range of 1-based line `line`, without its newline.
    fn line_span(&self, line: usize) -> (usize, usize) {
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next - 1);
        (start, end)
    }

    /// Byte offset of the first `field:`.
    pub fn field(&self, field: &str) -> Option<usize> {
        self.fields.get(field).and_then(|v| v.first().copied())
    }

    /// Byte offset of the first `field:` at or after byte `from`.
    pub fn field_after(&self, from: usize, field: &str) -> Option<usize> {
        let at = self.fields.get(field)?;
        at.get(at.partition_point(|&o| o < from)).copied()
    }

    /// Where the string `value` is written at or after byte `from`, in order.
    fn quotes(&self, from: usize, value: &str) -> impl Iterator<Item = (usize, bool)> + '_ {
        let at = self.strings.get(value).map_or(&[][..], Vec::as_slice);
        at[at.partition_point(|&(o, _)| o < from)..].iter().copied()
    }

    /// Byte offset of the first `id: "ID"` at or after byte `from`.
    pub fn declaration(&self, from: usize, id: &str) -> Option<usize> {
        self.quotes(from, id).find(|&(_, d)| d).map(|(o, _)| o)
    }

    /// Byte offset of the `n`th (from 0) `id: "ID"` at or after byte `from`.
    pub fn nth_declaration(&self, from: usize, id: &str, n: usize) -> Option<usize> {
        self.quotes(from, id)
            .filter(|&(_, d)| d)
            .nth(n)
            .map(|(o, _)| o)
    }

    /// Byte offset of the first `"ID"` at or after byte `from`.
    pub fn quoted(&self, from: usize, id: &str) -> Option<usize> {
        self.quotes(from, id).next().map(|(o, _)| o)
    }

    /// Byte offset of `id: "ID"`, else of the first `"ID"`.
    pub fn id(&self, id: &str) -> Option<usize> {
        self.declaration(0, id).or_else(|| self.quoted(0, id))
    }

    /// Byte offset of `id: "ID"` declared inside the top-level list `field` (`services`,
    /// say), so that a service and a network member sharing an id are told apart; else
    /// as [`SourceMap::id`].
    pub fn id_in(&self, field: &str, id: &str) -> Option<usize> {
        self.field(field)
            .and_then(|start| self.declaration(start, id))
            .or_else(|| self.id(id))
    }
}

/// One pass over RON text: field names (`name:`) and string literals, skipping comments.
/// Only ASCII bytes are ever cut at, so every offset recorded is a character boundary.
fn scan<'a>(
    text: &'a str,
    fields: &mut HashMap<&'a str, Vec<usize>>,
    strings: &mut HashMap<String, Vec<(usize, bool)>>,
) {
    let b = text.as_bytes();
    let mut i = 0;
    // The field whose value comes next, when the last tokens were `name:`.
    let mut field: Option<&str> = None;
    while i < b.len() {
        let c = b[i];
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            i = text[i..].find('\n').map_or(b.len(), |n| i + n);
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            i = block_comment_end(b, i);
        } else if c == b'"' || (c == b'r' && raw_start(b, i).is_some()) {
            let (end, value) = string_at(text, i);
            if let Some(value) = value {
                let declared = field == Some("id");
                strings.entry(value).or_default().push((i, declared));
            }
            field = None;
            i = end;
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let end = i + b[i..]
                .iter()
                .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                .unwrap_or(b.len() - i);
            let next = end
                + b[end..]
                    .iter()
                    .position(|c| !c.is_ascii_whitespace())
                    .unwrap_or(b.len() - end);
            if b.get(next) == Some(&b':') && b.get(next + 1) != Some(&b':') {
                fields.entry(&text[i..end]).or_default().push(i);
                field = Some(&text[i..end]);
                i = next + 1;
            } else {
                field = None;
                i = end;
            }
        } else {
            if !c.is_ascii_whitespace() {
                field = None;
            }
            i += 1;
        }
    }
}

/// Byte just after the block comment (RON nests them) opening at `i`.
pub(crate) fn block_comment_end(b: &[u8], mut i: usize) -> usize {
    let mut depth = 0;
    while i < b.len() {
        if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
            depth += 1;
            i += 2;
        } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return i;
            }
        } else {
            i += 1;
        }
    }
    b.len()
}

/// The number of `#` of a raw string `r#"…"#` opening at `i`.
pub(crate) fn raw_start(b: &[u8], i: usize) -> Option<usize> {
    if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_') {
        return None;
    }
    let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
    (b.get(i + 1 + hashes) == Some(&b'"')).then_some(hashes)
}

/// The end of the string literal opening at `i`, and its value (decoded as RON decodes
/// it) when it is a valid literal.
pub(crate) fn string_at(text: &str, i: usize) -> (usize, Option<String>) {
    let b = text.as_bytes();
    if let Some(hashes) = raw_start(b, i) {
        let open = i + 2 + hashes;
        let close = format!("\"{}", "#".repeat(hashes));
        return match text[open..].find(&close) {
            Some(n) => (
                open + n + close.len(),
                Some(text[open..open + n].to_string()),
            ),
            None => (b.len(), None),
        };
    }
    let mut j = i + 1;
    let mut escaped = false;
    while j < b.len() {
        match b[j] {
            b'\\' => {
                escaped = true;
                j += 2;
            }
            b'"' => {
                let literal = &text[i..=j];
                let value = if escaped {
                    ron::from_str::<String>(literal).ok()
                } else {
                    Some(literal[1..literal.len() - 1].to_string())
                };
                return (j + 1, value);
            }
            _ => j += 1,
        }
    }
    (b.len(), None)
}

/// The byte offset of the opening quote of a text that was most likely left unclosed,
/// looking at the texts that start on or before 1-based line `line` (where parsing
/// failed): one that runs across a line starting with a field (`name:`), which means its
/// closing quote was taken from the next text.
pub fn unclosed_string(text: &str, line: usize) -> Option<usize> {
    let b = text.as_bytes();
    let (mut i, mut at_line) = (0, 1);
    while i < b.len() && at_line <= line {
        let c = b[i];
        let start = i;
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            i = text[i..].find('\n').map_or(b.len(), |n| i + n);
        } else if c == b'/' && b.get(i + 1) == Some(&b'*') {
            i = block_comment_end(b, i);
        } else if c == b'"' || (c == b'r' && raw_start(b, i).is_some()) {
            i = string_at(text, i).0;
            if text[start..i].lines().skip(1).any(starts_with_field) {
                return Some(start);
            }
        } else {
            i += 1;
        }
        // Bytes, not text: `start` may be inside a character.
        at_line += b[start..i.min(b.len())]
            .iter()
            .filter(|&&c| c == b'\n')
            .count();
    }
    None
}

/// Whether `line` starts (after blanks) with `name:`.
fn starts_with_field(line: &str) -> bool {
    let line = line.trim_start();
    let name = line
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(line.len());
    name > 0
        && !line.starts_with(|c: char| c.is_ascii_digit())
        && line[name..].trim_start().starts_with(':')
        && !line[name..].trim_start().starts_with("::")
}
