//! Kubernetes quantities: CPUs ("24", 24, "24000m") and memory ("9Gi", "4096Mi").

use super::yaml::{kind, Place};
use super::ImportError;
use crate::domain::{parse_memory, quote, Field};
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
    let Some(text) = scalar(place, "CPU quantity")? else {
        return Ok(None);
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

/// The text of the quantity at `place`: `None` when absent, an error naming
/// the place for a list or a map.
fn scalar(place: &Place, what: &str) -> Result<Option<String>, ImportError> {
    match place.node {
        Yaml::BadValue | Yaml::Null => Ok(None),
        Yaml::Integer(i) => Ok(Some(i.to_string())),
        Yaml::String(s) => Ok(Some(s.trim().to_string())),
        Yaml::Real(r) => Ok(Some(r.clone())),
        other => Err(place.error(format!("{} is not a {what}.", kind(other)))),
    }
}

/// Guest memory at `place` in bytes, read by the planner's own
/// `parse_memory`: `None` when absent; an error naming the place otherwise.
pub fn memory_bytes(place: &Place) -> Result<Option<u64>, ImportError> {
    scalar(place, "memory quantity")?
        .map(|text| parse_memory(&text).map_err(|e| ImportError::field(place.path.clone(), e)))
        .transpose()
}

/// A memory quantity that may be zero (free or reserved huge pages), in
/// bytes: `None` when absent.
pub fn bytes_or_zero(place: &Place) -> Result<Option<u64>, ImportError> {
    let Some(text) = scalar(place, "memory quantity")? else {
        return Ok(None);
    };
    let number = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if !number.is_empty() && number.bytes().all(|b| b == b'0') {
        return Ok(Some(0));
    }
    parse_memory(&text).map(Some).map_err(|_| {
        place.error(format!(
            "{} is not a memory quantity such as 4Gi or 2048Mi.",
            quote(&text)
        ))
    })
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

    #[test]
    fn memory_quantities() {
        let at = |text: &str| Yaml::String(text.into());
        let read = |node: &Yaml| bytes_or_zero(&Place::new(node, "m".into()));
        assert_eq!(read(&at("0")), Ok(Some(0)));
        assert_eq!(read(&at("0Gi")), Ok(Some(0)));
        assert_eq!(read(&at("4Gi")), Ok(Some(4 << 30)));
        assert_eq!(read(&Yaml::Integer(0)), Ok(Some(0)));
        assert_eq!(read(&Yaml::BadValue), Ok(None));
        assert_eq!(
            read(&at("lots")).unwrap_err().to_string(),
            "m: \"lots\" is not a memory quantity such as 4Gi or 2048Mi."
        );
        let zero = at("0Mi");
        let e = memory_bytes(&Place::new(&zero, "guest".into())).unwrap_err();
        assert_eq!(e.at, "guest");
        assert!(e.problem.ends_with("is zero."), "{e}");
        let list = Yaml::Array(vec![]);
        assert_eq!(
            memory_bytes(&Place::new(&list, "guest".into()))
                .unwrap_err()
                .problem,
            "a list is not a memory quantity."
        );
    }
}
