//! Spec descriptions as rustdoc: Markdown kept readable, but never a doctest,
//! a broken intra-doc link or an HTML warning.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::RustName;

/// `#[doc]` attributes for `text`, one per line.
pub fn doc_attrs(text: &str) -> TokenStream {
    let lines = sanitize(text);
    quote! { #( #[doc = #lines] )* }
}

/// Doc attributes for several paragraphs, skipping empty ones.
pub fn doc_paragraphs(paragraphs: &[Option<&str>]) -> TokenStream {
    let text: Vec<&str> = paragraphs
        .iter()
        .flatten()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    doc_attrs(&text.join("\n\n"))
}

/// The crate's opening docs, as Markdown: what it is, and a table of the
/// operations, by tag when the spec has tags. Intra-doc links are relative
/// to the module that includes the generated code.
pub fn crate_docs(api: &crate::model::Api) -> String {
    use std::fmt::Write;
    if api.types_only {
        let mut out = format!(
            "The types of the {} (version {}), generated from its OpenAPI spec: one per schema, with `serde` encoding and decoding, and no client.\n\n",
            inline(&api.title),
            inline(&api.version)
        );
        if !api.selection.is_empty() {
            let _ = writeln!(
                out,
                "The types that a selection of the API reaches: {}.\n",
                api.selection.join(", ")
            );
        }
        return out;
    }
    let mut out = format!(
        "Typed async client for the {} (version {}), generated from its OpenAPI spec.\n\n",
        inline(&api.title),
        inline(&api.version)
    );
    if !api.selection.is_empty() {
        let _ = writeln!(
            out,
            "A selection of the API: {}. Other operations, and the types only they use, are not part of this crate.\n",
            api.selection.join(", ")
        );
    }
    if let Some(features) = &api.features {
        out.push_str("## Cargo features\n\nEach compiles its operations and the types they reach; `full`, the default, compiles everything. A service that calls a few tags turns the defaults off (`default-features = false`) and those tags on.\n\n| Feature | Compiles |\n|---|---|\n");
        let _ = writeln!(
            out,
            "| `{}` (default) | every feature below |",
            crate::model::FULL_FEATURE
        );
        for feature in &features.features {
            let _ = writeln!(out, "| `{}` | {} |", feature.name, inline(&feature.docs));
        }
        out.push('\n');
    }
    // One table row; `call` is the group's cell, for tables that have one.
    let row = |out: &mut String, call: Option<String>, op: &crate::model::Operation| {
        let summary = op.summary.as_deref().map(inline).unwrap_or_default();
        let call = call.map(|call| format!("| {call} ")).unwrap_or_default();
        let _ = writeln!(
            out,
            "{call}| [`{name}`](Client::{name}) | `{} {}` | {summary} |",
            op.method,
            op.path.as_str().replace('|', "\\|"),
            name = op.name,
        );
    };
    let find = |name: &RustName| api.operations.iter().find(|op| &op.name == name);
    if api.tag_groups.is_empty() {
        out.push_str("## Operations\n\nEach is a method of [`Client`] that returns a call: set optional parameters by name, then `.await` it.\n\n");
        out.push_str("| Method | Request | Summary |\n|---|---|---|\n");
        for op in &api.operations {
            row(&mut out, None, op);
        }
        return out;
    }
    out.push_str("## Operations by tag\n\nEach operation is a method of its tag's group (`client.orders().create(..)`) and of [`Client`] under its full name; both return the same call: set optional parameters by name, then `.await` it.\n");
    for group in &api.tag_groups {
        let _ = write!(out, "\n### {}\n\n", inline(&group.tag));
        if let Some(docs) = &group.docs {
            let _ = write!(out, "{}\n\n", inline(docs));
        }
        out.push_str("| Call | Method of `Client` | Request | Summary |\n|---|---|---|---|\n");
        for member in &group.members {
            if let Some(op) = find(&member.operation) {
                let call = format!(
                    "[`{}().{}`]({}::{})",
                    group.accessor,
                    member.name.word(),
                    group.type_name,
                    member.name.word()
                );
                row(&mut out, Some(call), op);
            }
        }
    }
    let untagged: Vec<_> = api
        .operations
        .iter()
        .filter(|op| {
            !api.tag_groups
                .iter()
                .any(|g| g.members.iter().any(|m| m.operation == op.name))
        })
        .collect();
    if !untagged.is_empty() {
        out.push_str("\n### Without a tag\n\n| Call | Method of `Client` | Request | Summary |\n|---|---|---|---|\n");
        for op in untagged {
            row(&mut out, Some(String::new()), op);
        }
    }
    out
}

/// Text for one line of Markdown (a table cell, a heading): whitespace
/// collapsed, table pipes and stray markup escaped.
fn inline(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    escape_line(&collapsed).replace('|', "\\|")
}

/// An `# Example` section: the spec's example decoded into the type, a
/// doctest that rustdoc compiles and runs (`path` is how the doctest, a
/// crate of its own, names the generated code).
pub fn example_attrs(type_name: &str, example: &serde_json::Value, path: &str) -> TokenStream {
    let json = example_json(example);
    let mut lines = vec![
        String::new(),
        " # Example".to_owned(),
        String::new(),
        " The spec's example, decoded:".to_owned(),
        String::new(),
        " ```".to_owned(),
        format!(" let value: {path}::{type_name} = serde_json::from_str("),
    ];
    lines.extend(json.lines().map(|line| format!("     {line}")));
    lines.push(" )?;".to_owned());
    lines.push(" # Ok::<(), serde_json::Error>(())".to_owned());
    lines.push(" ```".to_owned());
    quote! { #( #[doc = #lines] )* }
}

/// An example as a Rust raw string literal of pretty JSON, with enough `#`s
/// that the JSON cannot end it.
pub fn example_json(example: &serde_json::Value) -> String {
    let pretty = serde_json::to_string_pretty(example).unwrap_or_else(|_| example.to_string());
    let mut hashes = "#".to_owned();
    while pretty.contains(&format!("\"{hashes}")) {
        hashes.push('#');
    }
    format!("r{hashes}\"{pretty}\"{hashes}")
}

/// The lines of a doc comment, each with the leading space `///` comments have.
pub fn sanitize(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_fence = false;
    // The content column of the list item being continued, if any: a
    // continuation line is indented to it, as Markdown (and clippy) expect.
    let mut list_indent: Option<usize> = None;
    // Inside a block quote (`> ...`): a line that continues it without its
    // own `>` (a "lazy" continuation, which Markdown reads as part of the
    // quote) gets one, so that it reads the same and clippy's
    // `doc_lazy_continuation` has nothing to flag.
    let mut in_quote = false;
    // Tabs render unpredictably (and clippy flags them): four spaces each.
    let text = text.replace('\t', "    ");
    for line in text.trim().lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            // Every fenced block becomes plain text: a description is never
            // a Rust example that rustdoc would compile and run.
            lines.push(if in_fence {
                "```".to_owned()
            } else {
                "```text".to_owned()
            });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            lines.push(line.trim_end().to_owned());
            continue;
        }
        let trimmed = trimmed.trim_end();
        if trimmed.is_empty() {
            list_indent = None;
            in_quote = false;
            lines.push(String::new());
            continue;
        }
        if trimmed.starts_with('>') {
            in_quote = true;
        } else if in_quote {
            lines.push(format!("> {}", escape_line(trimmed)));
            continue;
        }
        // Indentation would make an indented code block (a doctest), so it
        // is dropped, except to continue a list item.
        let escaped = escape_line(trimmed);
        match (list_item_indent(trimmed), list_indent) {
            (Some(indent), _) => {
                list_indent = Some(indent);
                lines.push(escaped);
            }
            (None, Some(indent)) => lines.push(format!("{}{escaped}", " ".repeat(indent))),
            (None, None) => lines.push(escaped),
        }
    }
    if in_fence {
        lines.push("```".to_owned());
    }
    lines.into_iter().map(|line| format!(" {line}")).collect()
}

/// The content column of a Markdown list item (`- x`, `* x`, `+ x`, `1. x`):
/// the marker's width plus the spaces after it (GitHub writes `*   x`, whose
/// continuation lines must be indented by 4). Five spaces or more would
/// start an indented code block inside the item; Markdown then counts one.
fn list_item_indent(line: &str) -> Option<usize> {
    let marker = if line.starts_with(['-', '*', '+']) {
        1
    } else {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || !line[digits..].starts_with('.') {
            return None;
        }
        digits + 1
    };
    let spaces = line[marker..].bytes().take_while(|b| *b == b' ').count();
    match spaces {
        0 => None,
        1..=4 => Some(marker + spaces),
        _ => Some(marker + 1),
    }
}

/// Escapes Markdown that rustdoc would misread, outside `code spans`.
fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    for (index, part) in line.split('`').enumerate() {
        if index > 0 {
            out.push('`');
        }
        if index % 2 == 1 {
            out.push_str(part);
        } else {
            out.push_str(&escape_prose(part));
        }
    }
    // An unbalanced backtick would start a code span that never ends.
    if line.matches('`').count() % 2 == 1 {
        return line.replace('`', "'");
    }
    out
}

fn escape_prose(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '<' => match html_anchor(&chars[i..]) {
                // Specs written for HTML renderers (Cashfree) link with
                // `<a href="…">`; rustdoc shows raw HTML's URL as a bare one.
                Some(anchor) => {
                    let text = escape_prose(&anchor.text.replace(['[', ']'], ""));
                    if anchor.url.starts_with("https://") || anchor.url.starts_with("http://") {
                        out.push('[');
                        out.push_str(&text);
                        out.push_str("](");
                        out.push_str(&anchor.url);
                        out.push(')');
                    } else {
                        // A relative link has nothing to point at in docs.rs.
                        out.push_str(&text);
                    }
                    i += anchor.len;
                    continue;
                }
                None => out.push_str("&lt;"),
            },
            '>' if i > 0 => out.push_str("&gt;"),
            '[' | ']' => {
                // `[text](url)` is a link; any other bracket would be taken
                // for an intra-doc link.
                let is_link_open = c == '[' && closes_as_link(&chars[i..]);
                let is_link_close = c == ']' && chars.get(i + 1) == Some(&'(');
                if !is_link_open && !is_link_close {
                    out.push('\\');
                }
                out.push(c);
            }
            'h' if starts_url(&chars[i..]) && !out.ends_with('(') => {
                let end = chars[i..]
                    .iter()
                    .position(|c| c.is_whitespace() || matches!(c, ')' | '>' | '"'))
                    .map_or(chars.len(), |p| i + p);
                let mut url_end = end;
                while url_end > i && matches!(chars[url_end - 1], '.' | ',' | ';' | ':' | '!' | '?')
                {
                    url_end -= 1;
                }
                let url: String = chars[i..url_end].iter().collect();
                out.push('<');
                out.push_str(&url);
                out.push('>');
                i = url_end;
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// The longest HTML link turned into a Markdown one.
const MAX_ANCHOR_CHARS: usize = 2048;

/// An HTML link, `<a href="url" …>text</a>`, on one line.
struct HtmlAnchor {
    url: String,
    text: String,
    /// How many characters it spans.
    len: usize,
}

fn html_anchor(chars: &[char]) -> Option<HtmlAnchor> {
    if !matches!(chars.get(1), Some('a' | 'A')) {
        return None;
    }
    // Looked for within a bounded window, so that a line of many `<a` stays
    // linear to escape.
    let chars = &chars[..chars.len().min(MAX_ANCHOR_CHARS)];
    let original: String = chars.iter().collect();
    // Byte offsets in the lowercased text are those of the original: ASCII
    // case changes keep lengths, and non-ASCII characters are left as they are.
    let lower = original.to_ascii_lowercase();
    let rest = lower.strip_prefix("<a")?;
    if !rest.starts_with(|c: char| c.is_whitespace()) {
        return None;
    }
    let tag_end = lower.find('>')?;
    let tag = &lower[..tag_end];
    let href = tag.find("href=")? + "href=".len();
    let quote = tag[href..]
        .chars()
        .next()
        .filter(|q| matches!(q, '"' | '\''))?;
    let url_start = href + 1;
    let url_len = tag[url_start..].find(quote)?;
    let close = lower[tag_end..].find("</a>")? + tag_end;
    let url = original.get(url_start..url_start + url_len)?.trim();
    let text = original.get(tag_end + 1..close)?.trim();
    if url.is_empty()
        || url.contains(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '<' | '>'))
        || text.is_empty()
        || text.contains('<')
    {
        return None;
    }
    Some(HtmlAnchor {
        url: url.to_owned(),
        text: text.to_owned(),
        len: original[..close + "</a>".len()].chars().count(),
    })
}

fn starts_url(chars: &[char]) -> bool {
    let head: String = chars.iter().take(8).collect();
    head.starts_with("http://") || head.starts_with("https://")
}

fn closes_as_link(chars: &[char]) -> bool {
    let mut depth = 0;
    for (i, c) in chars.iter().enumerate() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    return chars.get(i + 1) == Some(&'(');
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn list_continuations_are_indented_to_the_item() {
        let lines = sanitize("States:\n- ACTIVE: open\n  still open\nPAID: done\n\nAfter.");
        assert_eq!(
            lines,
            [
                " States:",
                " - ACTIVE: open",
                "   still open",
                "   PAID: done",
                " ",
                " After."
            ]
        );
    }

    #[test]
    fn a_quote_continued_without_its_marker_gets_one() {
        let lines = sanitize(
            "IP address.\n> For 3D Secure 2, required.\nAlso mandatory for some.\n\nAfter.",
        );
        assert_eq!(
            lines,
            [
                " IP address.",
                " > For 3D Secure 2, required.",
                " > Also mandatory for some.",
                " ",
                " After."
            ]
        );
    }

    #[test]
    fn continuations_follow_the_spaces_after_the_marker() {
        let lines = sanitize("Note:\n*   one\n  wrapped\n10.  ten\nwrapped");
        assert_eq!(
            lines,
            [
                " Note:",
                " *   one",
                "     wrapped",
                " 10.  ten",
                "      wrapped"
            ]
        );
    }

    #[test]
    fn code_never_becomes_a_doctest() {
        let lines = sanitize("Example:\n\n    let x = 1;\n\n```\nfoo()\n```");
        assert_eq!(
            lines,
            [
                " Example:",
                " ",
                " let x = 1;",
                " ",
                " ```text",
                " foo()",
                " ```"
            ]
        );
    }

    #[test]
    fn links_stay_and_stray_markup_is_escaped() {
        assert_eq!(
            sanitize("See [docs](https://x.io) [1] <b>"),
            [r" See [docs](https://x.io) \[1\] &lt;b&gt;"]
        );
        assert_eq!(
            sanitize("Go to https://x.io/a."),
            [" Go to <https://x.io/a>."]
        );
        assert_eq!(sanitize("`a[0] <T>` ok"), [" `a[0] <T>` ok"]);
        assert_eq!(
            sanitize(r#"The url is "https://x.io/cb"."#),
            [r#" The url is "<https://x.io/cb>"."#]
        );
    }

    #[test]
    fn html_links_become_markdown_links() {
        assert_eq!(
            sanitize(
                r#"Find it in the <a href="https://x.io/keys?env=prod" target="_blank">merchant dashboard</a>."#
            ),
            [" Find it in the [merchant dashboard](https://x.io/keys?env=prod)."]
        );
        assert_eq!(
            sanitize(r#"See <A HREF='/docs/x'>the [guide]</A> or <a>this</a>"#),
            [" See the guide or &lt;a&gt;this&lt;/a&gt;"]
        );
    }
}
