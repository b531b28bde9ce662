//! Huge pages as the inputs write them: page sizes in each spelling, NUMA
//! node numbers, and page counts within the planner's bounds.

use super::error::token;
use super::yaml::{kind, Place};
use super::ImportError;
use crate::domain::{parse_memory, Field, HugepageSize};
use yaml_rust2::Yaml;

/// The highest NUMA node number read; a host has at most 1024 nodes.
const MAX_NODE: u32 = 1023;

/// The size of `bytes`, when it is one the planner knows.
pub fn from_bytes(bytes: u64) -> Option<HugepageSize> {
    HugepageSize::ALL.into_iter().find(|s| s.bytes() == bytes)
}

/// A size as a Kubernetes quantity: `2Mi`, `1Gi`, or the same bytes spelled
/// otherwise (`2048Ki`, `1024Mi`, `1048576Ki`).
pub fn from_quantity(text: &str) -> Option<HugepageSize> {
    parse_memory(text).ok().and_then(from_bytes)
}

/// A size as a PerformanceProfile writes it (`2M`, `1G`, binary units in
/// the Node Tuning Operator's spelling), or as a Kubernetes quantity.
pub fn from_profile(text: &str) -> Option<HugepageSize> {
    match text.trim() {
        "2M" => Some(HugepageSize::TwoMi),
        "1G" => Some(HugepageSize::OneGi),
        other => from_quantity(other),
    }
}

/// The size of a sysfs directory `hugepages-<kb>kB`.
pub fn from_kb(kb: u64) -> Option<HugepageSize> {
    kb.checked_mul(1024).and_then(from_bytes)
}

/// A NUMA node number written as text ("0", "12").
pub fn node_id(text: &str) -> Option<u32> {
    let digits = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    text.parse().ok().filter(|&n| digits && n <= MAX_NODE)
}

/// Why a node number was refused.
pub fn bad_node(shown: &str) -> String {
    format!(
        "{} is not a NUMA node number from 0 to {MAX_NODE}.",
        token(shown)
    )
}

/// A NUMA node number at `place`: `None` when absent.
pub fn node_at(place: &Place) -> Result<Option<u32>, ImportError> {
    let text = match place.node {
        Yaml::BadValue | Yaml::Null => return Ok(None),
        Yaml::Integer(i) => i.to_string(),
        Yaml::String(s) => s.trim().to_string(),
        Yaml::Real(r) => r.clone(),
        other => return Err(place.error(format!("{} is not a NUMA node number.", kind(other)))),
    };
    node_id(&text)
        .map(Some)
        .ok_or_else(|| place.error(bad_node(&text)))
}

/// A page count within the free huge pages field's bounds, or an error at `at`.
pub fn count(pages: u64, at: impl Into<String>) -> Result<u64, ImportError> {
    Field::FreeHugepages
        .check(pages)
        .map(u64::from)
        .map_err(|e| ImportError::field(at, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_in_every_spelling() {
        for text in ["2Mi", "2048Ki", "2097152"] {
            assert_eq!(from_quantity(text), Some(HugepageSize::TwoMi), "{text}");
        }
        for text in ["1Gi", "1024Mi", "1048576Ki"] {
            assert_eq!(from_quantity(text), Some(HugepageSize::OneGi), "{text}");
        }
        for text in ["2M", "1G", "4Mi", "64Ki", "", "x"] {
            assert_eq!(from_quantity(text), None, "{text}");
        }
        assert_eq!(from_profile("1G"), Some(HugepageSize::OneGi));
        assert_eq!(from_profile(" 2M "), Some(HugepageSize::TwoMi));
        assert_eq!(from_profile("1Gi"), Some(HugepageSize::OneGi));
        assert_eq!(from_profile("32M"), None);
        assert_eq!(from_kb(2048), Some(HugepageSize::TwoMi));
        assert_eq!(from_kb(1_048_576), Some(HugepageSize::OneGi));
        assert_eq!(from_kb(64), None);
        assert_eq!(from_kb(u64::MAX), None);
    }

    #[test]
    fn node_numbers() {
        assert_eq!(node_id("0"), Some(0));
        assert_eq!(node_id("1023"), Some(1023));
        assert_eq!(node_id("1024"), None);
        assert_eq!(node_id("+1"), None);
        assert_eq!(node_id(""), None);
        let doc = Yaml::Integer(-1);
        let e = node_at(&Place::new(&doc, "node".into())).unwrap_err();
        assert_eq!(
            e.to_string(),
            "node: -1 is not a NUMA node number from 0 to 1023."
        );
        assert_eq!(
            count(16_777_217, "x").unwrap_err().to_string(),
            "x: Free huge pages must be at most 16777216; got 16777217."
        );
    }
}
