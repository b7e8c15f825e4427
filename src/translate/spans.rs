//! Where each text of a RON file is written: a light parse of the file that keeps byte
//! spans, so that a translation can be written into the file at its exact place, leaving
//! comments and layout as they are.

use crate::diagnostic::{block_comment_end, raw_start, string_at};

/// Nesting deeper than this is refused (serde's RON reader refuses it before, too).
const MAX_DEPTH: usize = 128;

/// A value of the file and where it is written (`start..end`, bytes).
#[derive(Debug)]
pub struct Node {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

#[derive(Debug)]
pub enum Kind {
    /// `Name(field: value, …)`, `(…)`, `Some(value)`: named fields and positional values.
    Struct {
        fields: Vec<(String, Node)>,
        positional: Vec<Node>,
    },
    List(Vec<Node>),
    /// `{key: value, …}`; `open` is the byte just after `{`.
    Map {
        entries: Vec<(Node, Node)>,
        open: usize,
    },
    Str(String),
    /// Numbers, booleans, unit variants.
    Other,
}

/// Parses RON text into nodes with spans; `None` when it is not RON this parser reads
/// (the caller has already read it with the real RON reader, so this is not expected).
pub fn parse(text: &str) -> Option<Node> {
    let mut p = Parser { t: text, i: 0 };
    p.value(0)
}

struct Parser<'a> {
    t: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn b(&self) -> &[u8] {
        self.t.as_bytes()
    }
    fn peek(&self) -> Option<u8> {
        self.b().get(self.i).copied()
    }
    /// Skips whitespace, comments and `#![enable(…)]` attributes.
    fn skip(&mut self) {
        while let Some(c) = self.peek() {
            let next = self.b().get(self.i + 1).copied();
            if c.is_ascii_whitespace() {
                self.i += 1;
            } else if c == b'/' && next == Some(b'/') {
                self.i = self.t[self.i..]
                    .find('\n')
                    .map_or(self.t.len(), |n| self.i + n);
            } else if c == b'/' && next == Some(b'*') {
                self.i = block_comment_end(self.b(), self.i);
            } else if c == b'#' && next == Some(b'!') {
                self.i = self.t[self.i..]
                    .find(']')
                    .map_or(self.t.len(), |n| self.i + n + 1);
            } else {
                return;
            }
        }
    }
    fn ident(&mut self) -> &str {
        let start = self.i;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
        {
            self.i += 1;
        }
        &self.t[start..self.i]
    }
    fn value(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip();
        let start = self.i;
        let c = self.peek()?;
        let kind = if c == b'"' || (c == b'r' && raw_start(self.b(), self.i).is_some()) {
            let (end, value) = string_at(self.t, self.i);
            self.i = end;
            Kind::Str(value?)
        } else if c == b'[' {
            self.i += 1;
            Kind::List(self.list(depth)?)
        } else if c == b'{' {
            self.i += 1;
            self.map(depth)?
        } else if c == b'(' {
            self.i += 1;
            self.body(depth)?
        } else if c.is_ascii_alphabetic() || c == b'_' {
            self.ident();
            self.skip();
            if self.peek() == Some(b'(') {
                self.i += 1;
                self.body(depth)?
            } else {
                Kind::Other
            }
        } else {
            self.scalar()?
        };
        Some(Node {
            start,
            end: self.i,
            kind,
        })
    }
    /// A number or a character literal.
    fn scalar(&mut self) -> Option<Kind> {
        let start = self.i;
        if self.peek() == Some(b'\'') {
            let close = self.t[self.i + 1..].find('\'')?;
            self.i += close + 2;
            return Some(Kind::Other);
        }
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'+' | b'.' | b'_'))
        {
            self.i += 1;
        }
        (self.i > start).then_some(Kind::Other)
    }
    /// After `,`, or before the closing `close`: true when the closing bracket was eaten.
    fn separator(&mut self, close: u8) -> Option<bool> {
        self.skip();
        match self.peek()? {
            b',' => {
                self.i += 1;
                self.skip();
                if self.peek() == Some(close) {
                    self.i += 1;
                    return Some(true);
                }
                Some(false)
            }
            c if c == close => {
                self.i += 1;
                Some(true)
            }
            _ => None,
        }
    }
    fn list(&mut self, depth: usize) -> Option<Vec<Node>> {
        let mut items = Vec::new();
        self.skip();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Some(items);
        }
        loop {
            items.push(self.value(depth + 1)?);
            if self.separator(b']')? {
                return Some(items);
            }
        }
    }
    fn map(&mut self, depth: usize) -> Option<Kind> {
        let open = self.i;
        let mut entries = Vec::new();
        self.skip();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Some(Kind::Map { entries, open });
        }
        loop {
            let key = self.value(depth + 1)?;
            self.skip();
            (self.peek()? == b':').then_some(())?;
            self.i += 1;
            entries.push((key, self.value(depth + 1)?));
            if self.separator(b'}')? {
                return Some(Kind::Map { entries, open });
            }
        }
    }
    /// The inside of `(…)`, after `(`.
    fn body(&mut self, depth: usize) -> Option<Kind> {
        let (mut fields, mut positional) = (Vec::new(), Vec::new());
        self.skip();
        if self.peek() == Some(b')') {
            self.i += 1;
            return Some(Kind::Struct { fields, positional });
        }
        loop {
            let before = self.i;
            let name = self.ident().to_string();
            self.skip();
            let b = self.b();
            if !name.is_empty() && b.get(self.i) == Some(&b':') && b.get(self.i + 1) != Some(&b':')
            {
                self.i += 1;
                fields.push((name, self.value(depth + 1)?));
            } else {
                self.i = before;
                positional.push(self.value(depth + 1)?);
            }
            if self.separator(b')')? {
                return Some(Kind::Struct { fields, positional });
            }
        }
    }
}

impl Node {
    /// The value inside `Some(…)`, else the node itself.
    fn unwrapped(&self) -> &Node {
        match &self.kind {
            Kind::Struct { fields, positional } if fields.is_empty() && positional.len() == 1 => {
                &positional[0]
            }
            _ => self,
        }
    }
    fn field(&self, name: &str) -> Option<&Node> {
        match &self.unwrapped().kind {
            Kind::Struct { fields, .. } => fields
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.unwrapped()),
            _ => None,
        }
    }
    fn items(&self) -> &[Node] {
        match &self.kind {
            Kind::List(items) => items,
            _ => &[],
        }
    }
    /// The item of a list with `id: "…"`, else (lists without ids) the 1-based `n`th.
    fn item(&self, key: &str) -> Option<&Node> {
        let items = self.items();
        let by_id = items.iter().find(|it| {
            it.field("id")
                .is_some_and(|id| matches!(&id.kind, Kind::Str(s) if s == key))
        });
        by_id
            .or_else(|| {
                let n: usize = key.parse().ok()?;
                items.get(n.checked_sub(1)?)
            })
            .map(Node::unwrapped)
    }

    /// The map `{"uk": …, "en": …}` of the text whose stable id is `id` (see
    /// [`Scenario::texts`](crate::scenario::Scenario::texts) and
    /// [`Rubric::texts`](crate::rubric::Rubric::texts)): each part names a field, or the
    /// list of such items (`decision` → `decisions`), and then the item's id or number.
    pub fn text(&self, id: &str) -> Option<&Node> {
        let parts: Vec<&str> = id.split('.').collect();
        let mut at = self.unwrapped();
        let mut i = 0;
        while i < parts.len() {
            let part = parts[i];
            if part == "rule" {
                let key = parts.get(i + 1)?;
                let criteria = at.field("criteria")?.items();
                at = criteria
                    .iter()
                    .find_map(|c| c.unwrapped().field("rules")?.item(key))?;
                i += 2;
                continue;
            }
            let next = at.field(part).or_else(|| at.field(&plural(part)))?;
            if matches!(next.kind, Kind::List(_)) {
                at = next.item(parts.get(i + 1)?)?;
                i += 2;
            } else {
                at = next;
                i += 1;
            }
        }
        matches!(at.kind, Kind::Map { .. }).then_some(at)
    }

    /// The value of `key` in a map, and its span.
    pub fn entry(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            Kind::Map { entries, .. } => entries
                .iter()
                .find(|(k, _)| matches!(&k.kind, Kind::Str(s) if s == key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// Where a new entry goes in a map, and whether it needs a comma before it: just after
    /// the last value, or just after `{` in an empty map.
    pub fn insertion(&self) -> Option<(usize, bool)> {
        match &self.kind {
            Kind::Map { entries, open } => Some(match entries.last() {
                Some((_, v)) => (v.end, true),
                None => (*open, false),
            }),
            _ => None,
        }
    }
}

/// The field holding a list of items of one kind.
fn plural(kind: &str) -> String {
    match kind {
        "criterion" => "criteria".into(),
        "network" | "household" | "outcome_if" => kind.into(),
        _ => format!("{kind}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_found_by_their_stable_id_past_comments() {
        let ron = r##"Scenario( // a comment with "quotes" and {braces}
            title: {"uk": "т", /* "en": "x" */ "en": "T"},
            decisions: [(id: "a", label: {"uk": "л"}, outcome_if: [(when: [Taken("b")], text: {})])],
            needs: [(id: "n", goals: [(id: "g", text: {"en": r#"raw"#})])],
        )"##;
        let root = parse(ron).expect("parses");
        let title = root.text("title").expect("title");
        let en = title.entry("en").expect("en");
        assert_eq!(&ron[en.start..en.end], "\"T\"");
        let label = root.text("decision.a.label").expect("label");
        assert_eq!(
            label
                .insertion()
                .map(|(at, comma)| (&ron[..at], comma))
                .map(|(s, c)| (s.ends_with("\"л\""), c)),
            Some((true, true))
        );
        let empty = root
            .text("decision.a.outcome_if.1.text")
            .expect("outcome_if");
        assert_eq!(empty.insertion().map(|(_, comma)| comma), Some(false));
        let goal = root.text("need.n.goal.g.text").expect("goal");
        assert!(matches!(&goal.entry("en").expect("en").kind, Kind::Str(s) if s == "raw"));
        assert!(root.text("decision.b.label").is_none());
    }
}
