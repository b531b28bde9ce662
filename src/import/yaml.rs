//! YAML and JSON (a subset of YAML 1.2) through yaml-rust2, with the bounds
//! the planner needs: input size, nesting depth, and error positions.

use super::{check_size, ImportError};
use crate::domain::quote;
use yaml_rust2::{Yaml, YamlLoader};

/// Deepest `[`/`{` nesting accepted; Kubernetes objects stay far below.
const MAX_FLOW_DEPTH: usize = 64;

/// All documents of a YAML or JSON text.
pub fn load(text: &str) -> Result<Vec<Yaml>, ImportError> {
    check_size(text)?;
    let mut depth: usize = 0;
    for c in text.chars() {
        match c {
            '[' | '{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Err(ImportError::new(format!(
                        "The text nests brackets more than {MAX_FLOW_DEPTH} deep; it is not a Kubernetes object."
                    )));
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    YamlLoader::load_from_str(text).map_err(|e| {
        let at = e.marker();
        ImportError::new(format!(
            "Not valid YAML or JSON at line {}, column {}: {}.",
            at.line(),
            at.col() + 1,
            e.info()
        ))
    })
}

/// The node at a dotted path, e.g. "spec.domain.cpu".
pub fn at<'a>(node: &'a Yaml, path: &str) -> &'a Yaml {
    path.split('.').fold(node, |n, key| &n[key])
}

pub fn string(node: &Yaml) -> Option<String> {
    match node {
        Yaml::String(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Real(r) => Some(r.clone()),
        _ => None,
    }
}

/// A whole count at `path`: `None` when absent, an error naming the path when
/// it is there but not a whole number from 1 to `max`.
pub fn count(node: &Yaml, path: &str, max: u32) -> Result<Option<u32>, ImportError> {
    let value = at(node, path);
    let problem = match value {
        Yaml::BadValue | Yaml::Null => return Ok(None),
        Yaml::Integer(i) if (1..=i64::from(max)).contains(i) => {
            return Ok(Some(u32::try_from(*i).unwrap_or(max)))
        }
        Yaml::Integer(i) => format!("{i} is outside 1-{max}"),
        Yaml::String(s) => match s.trim().parse::<u32>() {
            Ok(v) if (1..=max).contains(&v) => return Ok(Some(v)),
            _ => format!("{} is not a whole number from 1 to {max}", quoted(s)),
        },
        other => format!("{} is not a whole number", kind(other)),
    };
    Err(ImportError::new(format!("{path}: {problem}.")))
}

/// A boolean at `path`, false when absent.
pub fn flag(node: &Yaml, path: &str) -> Result<bool, ImportError> {
    match at(node, path) {
        Yaml::BadValue | Yaml::Null => Ok(false),
        Yaml::Boolean(b) => Ok(*b),
        other => Err(ImportError::new(format!(
            "{path}: expected true or false, found {}.",
            kind(other)
        ))),
    }
}

/// Whether a key is present at `path` (even as an empty object).
pub fn present(node: &Yaml, path: &str) -> bool {
    !matches!(at(node, path), Yaml::BadValue)
}

pub fn kind(node: &Yaml) -> String {
    match node {
        Yaml::String(s) => quoted(s),
        Yaml::Integer(i) => i.to_string(),
        Yaml::Real(r) => r.clone(),
        Yaml::Boolean(b) => b.to_string(),
        Yaml::Array(_) => "a list".into(),
        Yaml::Hash(_) => "an object".into(),
        Yaml::Alias(_) => "an alias".into(),
        Yaml::Null => "null".into(),
        Yaml::BadValue => "nothing".into(),
    }
}

/// A value quoted for a message, cut to the planner's one limit.
pub fn quoted(text: &str) -> String {
    quote(text)
}
