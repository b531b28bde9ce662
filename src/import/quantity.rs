//! Kubernetes CPU quantities ("24", 24, "24000m").

use super::yaml::{kind, Place};
use super::ImportError;
use crate::domain::{quote, Field};
use yaml_rust2::Yaml;

/// Whole CPUs in a quantity's text: `None` for fractions or anything else.
fn whole(text: &str) -> Option<u64> {
    match text.strip_suffix('m') {
        Some(milli) => milli
            .parse::<u64>()
            .ok()
            .filter(|m| m % 1000 == 0)
            .map(|m| m / 1000),
        None => text.parse::<u64>().ok(),
    }
}

/// A whole number of CPUs at `place`, within `field`'s bounds: `None` when
/// absent; an error naming the place for fractions, text or anything out of
/// bounds.
pub fn whole_cpus(place: &Place, field: Field) -> Result<Option<u32>, ImportError> {
    let text = match place.node {
        Yaml::BadValue | Yaml::Null => return Ok(None),
        Yaml::Integer(i) => i.to_string(),
        Yaml::String(s) => s.trim().to_string(),
        Yaml::Real(r) => r.clone(),
        other => return Err(place.error(format!("{} is not a CPU quantity.", kind(other)))),
    };
    let Some(value) = whole(&text) else {
        let (min, max) = field.bounds();
        return Err(place.error(format!(
            "{} is not a whole number of CPUs from {min} to {max} (dedicated CPUs need whole numbers).",
            quote(&text)
        )));
    };
    field
        .check(value)
        .map(Some)
        .map_err(|e| ImportError::field(place.path.clone(), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_quantities() {
        assert_eq!(whole("24"), Some(24));
        assert_eq!(whole("24000m"), Some(24));
        assert_eq!(whole("1500m"), None);
        assert_eq!(whole("2.5"), None);
        assert_eq!(whole("-1"), None);
        assert_eq!(whole("m"), None);
    }

    #[test]
    fn out_of_bounds_goes_through_the_field() {
        let doc = Yaml::Integer(0);
        let e = whole_cpus(&Place::new(&doc, "cpu".into()), Field::Vcpus).unwrap_err();
        assert_eq!(e.to_string(), "cpu: vCPUs must be at least 1; got 0.");
        let doc = Yaml::String("1500m".into());
        let e = whole_cpus(&Place::new(&doc, "cpu".into()), Field::Vcpus).unwrap_err();
        assert!(e
            .problem
            .starts_with("\"1500m\" is not a whole number of CPUs"));
    }
}
