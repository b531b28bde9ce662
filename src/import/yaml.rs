//! YAML and JSON (a subset of YAML 1.2) through yaml-rust2, with the bounds
//! the planner needs: input size, nesting depth, nodes (aliases included),
//! and error positions.

use super::error::token;
use super::yaml_loader::{self, LoadError};
use super::{check_size, ImportError};
use crate::domain::{quote, Field};
use yaml_rust2::Yaml;

/// Deepest `[`/`{` nesting accepted; Kubernetes objects stay far below.
const MAX_FLOW_DEPTH: usize = 64;

/// All documents of a YAML or JSON text.
fn load(text: &str) -> Result<Vec<Yaml>, ImportError> {
    check_size(text)?;
    let mut depth: usize = 0;
    for c in text.chars() {
        match c {
            '[' | '{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Err(ImportError::whole(format!(
                        "The text nests brackets more than {MAX_FLOW_DEPTH} deep; it is not a Kubernetes object."
                    )));
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    yaml_loader::load(text).map_err(|e| match e {
        LoadError::Scan(e) => {
            let at = e.marker();
            ImportError::whole(format!(
                "Not valid YAML or JSON at line {}, column {}: {}.",
                at.line(),
                at.col() + 1,
                e.info()
            ))
        }
        LoadError::TooManyNodes { limit, aliases: true } => ImportError::whole(format!(
            "The YAML expands to more than {limit} nodes through its aliases (&anchor and *alias); the planner refuses it."
        )),
        LoadError::TooManyNodes { limit, aliases: false } => ImportError::whole(format!(
            "The YAML has more than {limit} nodes; the planner refuses it."
        )),
    })
}

/// The Kubernetes objects of a text: each document, with the `items` of a
/// `kind: List` in its place.
pub fn objects(text: &str) -> Result<Vec<Yaml>, ImportError> {
    let mut objects = Vec::new();
    for doc in load(text)? {
        match &doc["items"] {
            Yaml::Array(items) if string(&doc["kind"]).as_deref() == Some("List") => {
                objects.extend(items.iter().cloned())
            }
            _ => objects.push(doc),
        }
    }
    Ok(objects)
}

/// A scalar as text.
pub fn string(node: &Yaml) -> Option<String> {
    match node {
        Yaml::String(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Real(r) => Some(r.clone()),
        _ => None,
    }
}

/// A node and the path that leads to it, so that errors name the place.
#[derive(Clone, Debug)]
pub struct Place<'a> {
    pub node: &'a Yaml,
    pub path: String,
}

impl<'a> Place<'a> {
    /// The top of an object.
    pub fn root(node: &'a Yaml) -> Self {
        Place::new(node, String::new())
    }

    /// A node reached some other way, named by `path`.
    pub fn new(node: &'a Yaml, path: String) -> Self {
        Place { node, path }
    }

    /// The node at a dotted path below this one, e.g. "spec.domain.cpu".
    pub fn at(&self, dotted: &str) -> Place<'a> {
        let node = dotted.split('.').fold(self.node, |n, key| &n[key]);
        let path = if self.path.is_empty() {
            dotted.to_string()
        } else {
            format!("{}.{dotted}", self.path)
        };
        Place { node, path }
    }

    pub fn string(&self) -> Option<String> {
        string(self.node)
    }

    /// Whether a key is present here (even as an empty object or null).
    pub fn is_present(&self) -> bool {
        !matches!(self.node, Yaml::BadValue)
    }

    /// A problem at this place.
    pub fn error(&self, problem: impl Into<String>) -> ImportError {
        ImportError::new(self.path.clone(), problem)
    }

    /// A whole count for `field`: `None` when absent, an error naming the
    /// place when it is there but not a whole number within the field's bounds.
    pub fn count(&self, field: Field) -> Result<Option<u32>, ImportError> {
        let (min, max) = field.bounds();
        let not_whole = |shown: String| {
            self.error(format!(
                "{shown} is not a whole number from {min} to {max}."
            ))
        };
        let value = match self.node {
            Yaml::BadValue | Yaml::Null => return Ok(None),
            Yaml::Integer(i) => u64::try_from(*i).map_err(|_| not_whole(i.to_string()))?,
            Yaml::String(s) => s.trim().parse::<u64>().map_err(|_| not_whole(quote(s)))?,
            other => return Err(self.error(format!("{} is not a whole number.", kind(other)))),
        };
        field
            .check(value)
            .map(Some)
            .map_err(|e| ImportError::field(self.path.clone(), e))
    }

    /// A list: `None` when absent, an error naming the place and what was
    /// `expected` when it is something else.
    pub fn list(&self, expected: &str) -> Result<Option<&'a [Yaml]>, ImportError> {
        match self.node {
            Yaml::BadValue | Yaml::Null => Ok(None),
            Yaml::Array(items) => Ok(Some(items)),
            other => Err(self.error(format!("expected {expected}, found {}.", kind(other)))),
        }
    }

    /// A boolean, false when absent.
    pub fn flag(&self) -> Result<bool, ImportError> {
        match self.node {
            Yaml::BadValue | Yaml::Null => Ok(false),
            Yaml::Boolean(b) => Ok(*b),
            other => Err(self.error(format!("expected true or false, found {}.", kind(other)))),
        }
    }
}

/// A value as a message names it, bounded.
pub fn kind(node: &Yaml) -> String {
    match node {
        Yaml::String(s) => quote(s),
        Yaml::Integer(i) => i.to_string(),
        Yaml::Real(r) => token(r),
        Yaml::Boolean(b) => b.to_string(),
        Yaml::Array(_) => "a list".into(),
        Yaml::Hash(_) => "an object".into(),
        Yaml::Alias(_) => "an alias".into(),
        Yaml::Null => "null".into(),
        Yaml::BadValue => "nothing".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Yaml {
        objects(text).unwrap().remove(0)
    }

    #[test]
    fn lists_are_unpacked() {
        let all = objects("kind: List\nitems:\n- kind: A\n- kind: B\n---\nkind: C\n").unwrap();
        let kinds: Vec<_> = all.iter().filter_map(|o| string(&o["kind"])).collect();
        assert_eq!(kinds, ["A", "B", "C"]);
    }

    #[test]
    fn places_build_their_paths() {
        let doc = one("spec:\n  cpu:\n    cores: 4\n    sockets: many\n    threads: 0\n");
        let cpu = Place::root(&doc).at("spec.cpu");
        assert_eq!(cpu.path, "spec.cpu");
        assert_eq!(cpu.at("cores").count(Field::Cores), Ok(Some(4)));
        assert_eq!(cpu.at("maxSockets").count(Field::MaxSockets), Ok(None));
        assert_eq!(
            cpu.at("sockets")
                .count(Field::Sockets)
                .unwrap_err()
                .to_string(),
            "spec.cpu.sockets: \"many\" is not a whole number from 1 to 16384."
        );
        let zero = cpu.at("threads").count(Field::Threads).unwrap_err();
        assert_eq!(zero.at, "spec.cpu.threads");
        assert!(zero.problem.contains("at least 1"), "{zero}");
    }

    #[test]
    fn errors_give_the_line() {
        let e = objects("a: [b\n").unwrap_err();
        assert!(e.at.is_empty());
        assert!(
            e.problem.starts_with("Not valid YAML or JSON at line"),
            "{e}"
        );
    }
}
