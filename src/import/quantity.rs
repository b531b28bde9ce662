//! Kubernetes CPU quantities ("24", 24, "24000m").

use super::yaml::{at, kind, quoted};
use super::ImportError;
use yaml_rust2::Yaml;

/// A whole number of CPUs at `path`: `None` when absent; an error naming the
/// path for fractions, zero, text or anything above `max`.
pub fn whole_cpus(node: &Yaml, path: &str, max: u32) -> Result<Option<u32>, ImportError> {
    let text = match at(node, path) {
        Yaml::BadValue | Yaml::Null => return Ok(None),
        Yaml::Integer(i) => i.to_string(),
        Yaml::String(s) => s.trim().to_string(),
        Yaml::Real(r) => r.clone(),
        other => {
            return Err(ImportError::new(format!(
                "{path}: {} is not a CPU quantity.",
                kind(other)
            )))
        }
    };
    let value = match text.strip_suffix('m') {
        Some(milli) => milli
            .parse::<u64>()
            .ok()
            .filter(|m| m % 1000 == 0)
            .map(|m| m / 1000),
        None => text.parse::<u64>().ok(),
    };
    match value {
        Some(v) if (1..=u64::from(max)).contains(&v) => Ok(Some(v as u32)),
        _ => Err(ImportError::new(format!(
            "{path}: {} is not a whole number of CPUs from 1 to {max} (dedicated CPUs need whole numbers).",
            quoted(&text)
        ))),
    }
}
