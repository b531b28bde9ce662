//! Every way the command can refuse its input, as one line for stderr.

use crate::domain::FieldError;
use crate::form::Side;
use std::fmt;

/// Bad input: the command prints it as `error: <line>` and exits with 2.
#[derive(Debug)]
pub enum CliError {
    /// clap's usage error, already joined into one line.
    Usage(String),
    /// Values the planner rejects, each at its flag.
    Fields(Vec<FieldError>),
    /// The second host's values the planner rejects, each at its --b- flag.
    Compared(Vec<FieldError>),
    /// A file that cannot be read or understood.
    File {
        flag: &'static str,
        path: String,
        problem: String,
    },
    /// Any other bad value, with the flag named in the text.
    Input(String),
}

impl CliError {
    pub fn file(flag: &'static str, path: &str, problem: impl fmt::Display) -> CliError {
        CliError::File {
            flag,
            path: path.to_string(),
            problem: problem.to_string(),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let line = match self {
            CliError::Usage(line) | CliError::Input(line) => line.clone(),
            CliError::Fields(errors) => at_flags(errors, Side::Main),
            CliError::Compared(errors) => at_flags(errors, Side::Compare),
            CliError::File {
                flag,
                path,
                problem,
            } if path.is_empty() => format!("{flag}: {problem}"),
            CliError::File {
                flag,
                path,
                problem,
            } => format!("{flag} {path}: {problem}"),
        };
        // One line, whatever a message holds.
        f.write_str(&line.replace(['\n', '\r'], " "))
    }
}

/// Each error at its flag on one side (`--b-numa-nodes`).
fn at_flags(errors: &[FieldError], side: Side) -> String {
    errors
        .iter()
        .map(|e| format!("{}: {}", side.flag(e.field), e.message))
        .collect::<Vec<_>>()
        .join("; ")
}

impl From<Vec<FieldError>> for CliError {
    fn from(errors: Vec<FieldError>) -> CliError {
        CliError::Fields(errors)
    }
}
