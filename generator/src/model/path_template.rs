//! Path templates (`/orders/{order_id}/payments`), parsed once: validation
//! refuses a malformed one, lowering orders the path parameters by it and
//! names operations after its segments, and the emitter prints its text.

use std::fmt;

/// A parsed path template: its text, and the parameter names in its
/// braces, in order, each once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathTemplate {
    text: String,
    parameters: Vec<String>,
}

/// One `/`-separated segment of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    /// A segment that is one parameter and nothing else (`{order_id}`).
    Parameter(&'a str),
    /// A segment of several parameters between its first and last brace
    /// (`{name}.{ext}`): the text inside them (`name}.{ext`).
    Parameters(&'a str),
    /// Any other segment, as written (`orders`, `file.{ext}`).
    Literal(&'a str),
}

/// What is wrong with a malformed template; its `Display` completes the
/// sentence "the path template `...` ".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateError {
    /// A `}` before any `{`.
    UnopenedBrace,
    /// A `{` with no `}` after it.
    UnclosedBrace,
    /// `{}`, or a `{` inside the braces.
    MalformedParameter(String),
    /// The same name in braces twice.
    RepeatedParameter(String),
}

impl PathTemplate {
    /// Parses a template, as a path item's key writes it.
    pub fn parse(text: &str) -> Result<Self, TemplateError> {
        let mut parameters: Vec<String> = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find(['{', '}']) {
            if rest[open..].starts_with('}') {
                return Err(TemplateError::UnopenedBrace);
            }
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                return Err(TemplateError::UnclosedBrace);
            };
            let name = &after[..close];
            if name.is_empty() || name.contains('{') {
                return Err(TemplateError::MalformedParameter(name.to_owned()));
            }
            if parameters.iter().any(|known| known == name) {
                return Err(TemplateError::RepeatedParameter(name.to_owned()));
            }
            parameters.push(name.to_owned());
            rest = &after[close + 1..];
        }
        Ok(Self {
            text: text.to_owned(),
            parameters,
        })
    }

    /// The template as the spec writes it.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The parameter names, in template order.
    pub fn parameters(&self) -> impl Iterator<Item = &str> {
        self.parameters.iter().map(String::as_str)
    }

    /// Whether `name` is one of the template's parameters.
    pub fn has_parameter(&self, name: &str) -> bool {
        self.parameters().any(|known| known == name)
    }

    /// Where `name` comes in the template (0 for the first parameter).
    pub fn position(&self, name: &str) -> Option<usize> {
        self.parameters().position(|known| known == name)
    }

    /// The non-empty `/`-separated segments, in order.
    pub fn segments(&self) -> impl Iterator<Item = Segment<'_>> {
        self.text
            .split('/')
            .filter(|s| !s.is_empty())
            .map(
                |segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    Some(name) if name.contains(['{', '}']) => Segment::Parameters(name),
                    Some(name) => Segment::Parameter(name),
                    None => Segment::Literal(segment),
                },
            )
    }
}

impl fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnopenedBrace => f.write_str("has a `}` with no `{` before it"),
            Self::UnclosedBrace => f.write_str("has a `{` that is never closed"),
            Self::MalformedParameter(name) => write!(f, "has a malformed parameter `{{{name}}}`"),
            Self::RepeatedParameter(name) => write!(f, "names `{{{name}}}` twice"),
        }
    }
}

impl std::error::Error for TemplateError {}

#[cfg(test)]
mod tests {
    use super::{PathTemplate, Segment, TemplateError};

    #[test]
    fn parameters_are_read_in_order() {
        let template = PathTemplate::parse("/a/{b}/c/{d}").unwrap();
        assert_eq!(template.parameters().collect::<Vec<_>>(), ["b", "d"]);
        assert_eq!(template.position("d"), Some(1));
        assert_eq!(template.position("c"), None);
        assert!(template.has_parameter("b"));
        assert_eq!(template.as_str(), "/a/{b}/c/{d}");
    }

    #[test]
    fn malformed_templates_are_refused_with_the_reason() {
        assert_eq!(
            PathTemplate::parse("/a/{b"),
            Err(TemplateError::UnclosedBrace)
        );
        assert_eq!(
            PathTemplate::parse("/a/b}"),
            Err(TemplateError::UnopenedBrace)
        );
        assert_eq!(
            PathTemplate::parse("/a/{}"),
            Err(TemplateError::MalformedParameter(String::new()))
        );
        assert_eq!(
            PathTemplate::parse("/a/{{b}"),
            Err(TemplateError::MalformedParameter("{b".to_owned()))
        );
        assert_eq!(
            PathTemplate::parse("/a/{b}/{b}"),
            Err(TemplateError::RepeatedParameter("b".to_owned()))
        );
        assert_eq!(
            TemplateError::RepeatedParameter("b".into()).to_string(),
            "names `{b}` twice"
        );
    }

    #[test]
    fn segments_tell_whole_parameters_from_mixed_text() {
        let template = PathTemplate::parse("/files/{id}/name.{ext}/{a}.{b}").unwrap();
        assert_eq!(
            template.segments().collect::<Vec<_>>(),
            [
                Segment::Literal("files"),
                Segment::Parameter("id"),
                Segment::Literal("name.{ext}"),
                Segment::Parameters("a}.{b"),
            ]
        );
    }
}
