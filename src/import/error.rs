//! What went wrong reading a pasted text, and where.

use crate::domain::{quote, FieldError, QUOTE_LIMIT};
use std::fmt;

/// Why a pasted text could not be read: where, and what was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    /// Where: a field path such as `spec.domain.cpu.cores`, a line such as
    /// `lscpu line 7`, or empty when the whole text is meant.
    pub at: String,
    /// What is wrong, as a sentence.
    pub problem: String,
    /// The names to choose from when the text holds several VMs or instance
    /// types and none was picked (or the pick is not among them), so a page
    /// can offer them; empty for every other problem.
    pub choices: Vec<String>,
}

impl ImportError {
    /// A problem with the whole text.
    pub fn whole(problem: impl Into<String>) -> Self {
        ImportError::new(String::new(), problem)
    }

    /// A problem at one place of the text.
    pub fn new(at: impl Into<String>, problem: impl Into<String>) -> Self {
        ImportError {
            at: at.into(),
            problem: problem.into(),
            choices: Vec::new(),
        }
    }

    /// A value out of its field's bounds, at `at`.
    pub(super) fn field(at: impl Into<String>, error: FieldError) -> Self {
        ImportError::new(at, format!("{}.", error.message))
    }

    /// The same problem, placed at `at` when it has no place yet (a CPU
    /// list is parsed without knowing which line or field it came from).
    pub(super) fn placed(self, at: impl Into<String>) -> Self {
        if self.at.is_empty() {
            ImportError {
                at: at.into(),
                ..self
            }
        } else {
            self
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.at.is_empty() {
            f.write_str(&self.problem)
        } else {
            write!(f, "{}: {}", self.at, self.problem)
        }
    }
}

impl std::error::Error for ImportError {}

/// A name, kind or number from the input as a message shows it: bare when it
/// is a short plain token (`VirtualMachine`, `worker-2.example.com`, `2.5`),
/// otherwise through `quote`, so no message echoes more than its one limit.
pub(super) fn token(text: &str) -> String {
    let plain = !text.is_empty()
        && text.chars().count() <= QUOTE_LIMIT
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '+'));
    if plain {
        text.to_string()
    } else {
        quote(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_puts_the_place_first() {
        assert_eq!(
            ImportError::new("lscpu line 7", "bad").to_string(),
            "lscpu line 7: bad"
        );
        assert_eq!(ImportError::whole("bad").to_string(), "bad");
        let placed = ImportError::whole("bad").placed("x");
        assert_eq!(placed.to_string(), "x: bad");
        assert!(placed.choices.is_empty());
        assert_eq!(placed.placed("y").at, "x");
        let choice = ImportError {
            choices: vec!["a".into()],
            ..ImportError::whole("bad")
        };
        assert_eq!(choice.placed("x").choices, ["a"]);
    }

    #[test]
    fn tokens_are_bare_only_when_short_and_plain() {
        assert_eq!(token("VirtualMachine"), "VirtualMachine");
        assert_eq!(token("worker-2.example.com"), "worker-2.example.com");
        assert_eq!(token("a b"), "\"a b\"");
        assert_eq!(token(""), "\"\"");
        let long = "x".repeat(10_000);
        assert_eq!(token(&long), quote(&long));
    }
}
