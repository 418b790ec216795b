//! Where a spec's nodes are in its text: JSON pointer to line and columns,
//! so that diagnostics can show the offending line.
//!
//! The text is scanned with a YAML event parser (JSON is YAML), which keeps
//! positions that `serde_yaml` drops. It runs only when diagnostics are
//! shown, and keeps only the pointers asked for.

use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Parser, Span};

use crate::json_pointer::child;

/// A line and column in a spec's text, both counted from 1 (columns in
/// characters), for problems that no JSON pointer can name: a syntax error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
}

/// Where a node is: its first line and the columns it covers on that line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceSpan {
    /// The line, from 1.
    pub line: usize,
    /// The first column, from 0, in characters.
    pub start_column: usize,
    /// The column after the last, on the same line.
    pub end_column: usize,
}

impl SourceSpan {
    /// The span as a rustc-style `line:column` position (both from 1).
    pub fn position(&self) -> Position {
        Position {
            line: self.line,
            column: self.start_column + 1,
        }
    }
}

/// The lines of a text, found once, so that showing many diagnostics of a
/// large spec does not scan it from the start for each.
pub(crate) struct Lines<'t> {
    text: &'t str,
    /// The byte offset at which each line starts.
    starts: Vec<usize>,
}

impl<'t> Lines<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(at, _)| at + 1));
        // As `str::lines`: a final line break does not start another line.
        if starts.len() > 1 && starts.last() == Some(&text.len()) {
            starts.pop();
        }
        Self { text, starts }
    }

    /// How many lines there are (an empty text has one, empty).
    pub(crate) fn count(&self) -> usize {
        self.starts.len()
    }

    /// Line `number` (from 1), without its line break.
    pub(crate) fn line(&self, number: usize) -> Option<&'t str> {
        let start = *self.starts.get(number.checked_sub(1)?)?;
        let end = self.starts.get(number).copied().unwrap_or(self.text.len());
        let line = self.text.get(start..end)?;
        let line = line.strip_suffix('\n').unwrap_or(line);
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

/// The span of one character at a known position.
pub(crate) fn span_at(lines: &Lines<'_>, position: Position) -> Option<SourceSpan> {
    (position.line >= 1 && position.line <= lines.count()).then(|| SourceSpan {
        line: position.line,
        start_column: position.column.saturating_sub(1),
        end_column: position.column,
    })
}

/// Finds each pointer in the text. A pointer to a node that is not written
/// in the text (one the generator made up, or one under an alias) gets the
/// span of its nearest ancestor that is. For a node with a key, the span is
/// the key's when the value spans several lines (an object or a list), and
/// the value's otherwise; a list item's is its value's first line.
pub fn locate<'p>(text: &str, pointers: &[&'p str]) -> HashMap<&'p str, SourceSpan> {
    let mut wanted: HashSet<String> = HashSet::new();
    for pointer in pointers {
        let mut ancestor = *pointer;
        loop {
            wanted.insert(ancestor.to_owned());
            match ancestor.rfind('/') {
                Some(slash) => ancestor = &ancestor[..slash],
                None => break,
            }
        }
    }
    let found = scan(text, &wanted);
    let mut located = HashMap::new();
    for pointer in pointers {
        let mut ancestor = *pointer;
        let span = loop {
            if let Some(span) = found.get(ancestor) {
                break Some(*span);
            }
            match ancestor.rfind('/') {
                Some(slash) => ancestor = &ancestor[..slash],
                None => break None,
            }
        };
        if let Some(span) = span {
            located.insert(*pointer, span);
        }
    }
    located
}

/// A container being read.
struct Frame {
    /// Its JSON pointer.
    pointer: String,
    kind: FrameKind,
    /// Whether the container is itself a mapping key (YAML allows that; no
    /// pointer can name what is inside one).
    is_key: bool,
    /// Where it starts.
    start: Span,
}

enum FrameKind {
    /// A mapping, with the key just read, if any, waiting for its value.
    Mapping { key: Option<(String, Span)> },
    /// A sequence, with the index of its next item.
    Sequence { next: usize },
}

fn scan(text: &str, wanted: &HashSet<String>) -> HashMap<String, SourceSpan> {
    let mut found = HashMap::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut parser = Parser::new_from_str(text);
    // A parse error ends the scan: what was found before it is still right.
    while let Some(Ok((event, span))) = parser.next_event() {
        let is_container_start =
            matches!(event, Event::MappingStart(..) | Event::SequenceStart(..));
        match event {
            Event::Scalar(..)
            | Event::Alias(..)
            | Event::MappingStart(..)
            | Event::SequenceStart(..) => {
                let scalar = match &event {
                    Event::Scalar(value, ..) => Some(value.to_string()),
                    _ => None,
                };
                // A key, or a value with its pointer and key span.
                let placed = match stack.last_mut() {
                    None => Some(("#".to_owned(), None)),
                    Some(frame) if frame.is_key => None,
                    Some(frame) => match &mut frame.kind {
                        FrameKind::Mapping { key } => match key.take() {
                            None => {
                                *key = Some((scalar.clone().unwrap_or_default(), span));
                                None
                            }
                            Some((name, key_span)) => {
                                Some((child(&frame.pointer, &name), Some(key_span)))
                            }
                        },
                        FrameKind::Sequence { next } => {
                            *next += 1;
                            Some((child(&frame.pointer, &(*next - 1).to_string()), None))
                        }
                    },
                };
                let is_key = placed.is_none();
                let pointer = match placed {
                    Some((pointer, key_span)) => {
                        if wanted.contains(&pointer) {
                            let shown = match key_span {
                                Some(key_span) if is_container_start => key_span,
                                _ => span,
                            };
                            found.insert(pointer.clone(), one_line(shown));
                        }
                        pointer
                    }
                    None => String::new(),
                };
                if is_container_start {
                    let kind = if matches!(event, Event::MappingStart(..)) {
                        FrameKind::Mapping { key: None }
                    } else {
                        FrameKind::Sequence { next: 0 }
                    };
                    let is_key = is_key || stack.last().is_some_and(|f| f.is_key);
                    stack.push(Frame {
                        pointer,
                        kind,
                        is_key,
                        start: span,
                    });
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(done) = stack.pop() {
                    // A container that was a key: its parent now waits for
                    // the value (named by the key's position, not its text).
                    if let (
                        true,
                        Some(Frame {
                            kind: FrameKind::Mapping { key },
                            is_key: false,
                            ..
                        }),
                    ) = (done.is_key, stack.last_mut())
                    {
                        *key = Some((String::new(), done.start));
                    }
                }
            }
            Event::DocumentEnd | Event::StreamEnd => break,
            Event::Nothing | Event::StreamStart | Event::DocumentStart(_) => {}
        }
    }
    found
}

/// A span cut to its first line.
fn one_line(span: Span) -> SourceSpan {
    let (start, end) = (span.start, span.end);
    let end_column = if end.line() == start.line() && end.col() > start.col() {
        end.col()
    } else {
        start.col() + 1
    };
    SourceSpan {
        line: start.line(),
        start_column: start.col(),
        end_column,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "openapi: 3.0.3\npaths:\n  /orders/{id}:\n    get:\n      responses:\n        '200':\n          $ref: '#/components/responses/Missing'\nlist:\n  - a\n  - {b: 1}\n";

    #[test]
    fn keys_values_and_items_are_located() {
        let pointers = [
            "#/openapi",
            "#/paths/~1orders~1{id}/get",
            "#/paths/~1orders~1{id}/get/responses/200/$ref",
            "#/list/1/b",
            "#/list/0",
            "#/paths/~1orders~1{id}/get/parameters/0",
        ];
        let spans = locate(YAML, &pointers);
        let at = |p: &str| spans.get(p).map(|s| (s.line, s.start_column, s.end_column));
        assert_eq!(at("#/openapi"), Some((1, 9, 14)));
        // An object: the key.
        assert_eq!(at("#/paths/~1orders~1{id}/get"), Some((4, 4, 7)));
        // A scalar: the value, quotes included.
        assert_eq!(
            at("#/paths/~1orders~1{id}/get/responses/200/$ref"),
            Some((7, 16, 48))
        );
        assert_eq!(at("#/list/0"), Some((9, 4, 5)));
        assert_eq!(at("#/list/1/b"), Some((10, 8, 9)));
        // Not written in the text: its nearest ancestor that is.
        assert_eq!(
            at("#/paths/~1orders~1{id}/get/parameters/0"),
            Some((4, 4, 7))
        );
    }

    #[test]
    fn json_is_located_too() {
        let json = "{\n  \"openapi\": \"3.0.0\",\n  \"info\": {\"title\": \"T\"}\n}\n";
        let spans = locate(json, &["#/info/title", "#/info"]);
        assert_eq!(spans.get("#/info/title").map(|s| s.line), Some(3));
        assert_eq!(spans.get("#/info").map(|s| s.start_column), Some(2));
    }

    #[test]
    fn broken_text_keeps_what_was_found_before_the_break() {
        let spans = locate("a: 1\nb: [\n", &["#/a", "#/b/0"]);
        assert_eq!(spans.get("#/a").map(|s| s.line), Some(1));
    }

    #[test]
    fn lines_are_those_of_str_lines() {
        for text in [
            "",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "\n\n",
            "x\n\ny\n",
            "é\nü",
        ] {
            let lines = super::Lines::new(text);
            let expected: Vec<&str> = text.lines().collect();
            assert_eq!(lines.count(), expected.len().max(1), "{text:?}");
            for (index, line) in expected.iter().enumerate() {
                assert_eq!(lines.line(index + 1), Some(*line), "{text:?}");
            }
            assert_eq!(lines.line(0), None);
            assert_eq!(lines.line(expected.len().max(1) + 1), None);
        }
    }
}
