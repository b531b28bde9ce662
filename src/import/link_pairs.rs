//! The page's form as link pairs (`share::keys`), as the importer worker
//! receives and returns it: the worker reads them with the page's own link
//! decoder, and an import is merged into the page's pairs key by key. The
//! page then reads the result as it reads a link, so a permalink afterwards
//! carries the imported inputs.

use crate::domain::{Field, Way};
use crate::form::FormState;
use crate::share::from_pairs;

pub type Pairs = Vec<(String, String)>;

/// The page's form from its link pairs, read as the page reads a link.
pub fn form_for_reading(pairs: &[(String, String)]) -> FormState {
    from_pairs(pairs.iter().cloned()).form
}

/// The way of giving the host or the vCPUs a key belongs to, when it does.
fn way_of(key: &str) -> Option<Way> {
    Field::from_key(key)
        .map(Field::way)
        .filter(|&w| w != Way::Always)
}

/// Whether `key` is a field of one of `ways`.
fn is_of(key: &str, ways: &[Way]) -> bool {
    way_of(key).is_some_and(|w| ways.contains(&w))
}

/// The ways whose keys a key of `set` replaces besides its own: the vCPUs
/// and the host's shape are each given one way, so a vCPU key replaces
/// every vCPU key, a NUMA node key the host as bought and the reverse.
fn replaced_ways(key: &str) -> &'static [Way] {
    match way_of(key) {
        Some(Way::Count | Way::Topology) => &[Way::Count, Way::Topology],
        Some(Way::Nodes) => &[Way::AsBought],
        Some(Way::AsBought) => &[Way::Nodes],
        _ => &[],
    }
}

/// The CPUs the form's VM pod asks for, when the form is a valid scenario.
pub fn pod_cpus(form: &FormState) -> Option<u32> {
    let scenario = form.input().parse().ok()?;
    Some(scenario.vm.pod_cpus())
}

/// `current` with `set` in place: each key of `set` replaces the current
/// value (an empty value removes it, as a link leaves an unset key out), and
/// a vCPU key replaces every current vCPU key, a NUMA node key the host as
/// bought and the other way round.
pub fn merge_pairs(current: &[(String, String)], set: &[(String, String)]) -> Pairs {
    let given = |key: &str| {
        set.iter()
            .any(|(k, _)| k == key || is_of(key, replaced_ways(k)))
    };
    let kept = current.iter().filter(|(k, _)| !given(k));
    set.iter()
        .filter(|(_, v)| !v.is_empty())
        .chain(kept)
        .cloned()
        .collect()
}

/// The values `before` had for the `marked` keys, to merge back: clearing
/// imported values puts back what the fields held before the import. A
/// marked vCPU key brings back the whole way the vCPUs were given; a marked
/// host key the host as bought, when it was given so (otherwise a field
/// edited by hand since keeps its value).
pub fn restore_pairs(before: &[(String, String)], marked: &[String]) -> Pairs {
    let as_bought = before.iter().any(|(k, _)| is_of(k, &[Way::AsBought]));
    let value = |key: &str| {
        before
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut keys: Vec<&str> = Vec::new();
    for key in marked {
        let key = key.as_str();
        let whole: &[Way] = match way_of(key) {
            Some(Way::Count | Way::Topology) => &[Way::Count, Way::Topology],
            Some(Way::Nodes) if as_bought => &[Way::AsBought],
            _ => &[],
        };
        let mut wanted: Vec<&str> = Field::ALL
            .into_iter()
            .filter(|f| whole.contains(&f.way()))
            .map(Field::key)
            .collect();
        wanted.push(key);
        for k in wanted {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
    }
    keys.into_iter()
        .map(|k| (k.to_string(), value(k)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::HugepageSize;

    fn pairs(list: &[(&str, &str)]) -> Pairs {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn set_values_replace_their_keys_and_empty_ones_remove_them() {
        let current = pairs(&[("numa_nodes", "2"), ("vcpus", "24"), ("max_sockets", "8")]);
        let set = pairs(&[("numa_nodes", "4"), ("max_sockets", "")]);
        assert_eq!(
            merge_pairs(&current, &set),
            pairs(&[("numa_nodes", "4"), ("vcpus", "24")])
        );
    }

    #[test]
    fn vcpus_given_as_a_topology_replace_a_count() {
        let current = pairs(&[("vcpus", "24"), ("numa_nodes", "2")]);
        let set = pairs(&[("sockets", "2"), ("cores", "20"), ("threads", "1")]);
        let merged = merge_pairs(&current, &set);
        assert!(!merged.iter().any(|(k, _)| k == "vcpus"));
        assert_eq!(merged.len(), 4);
    }

    #[test]
    fn restoring_puts_back_the_values_before_and_the_vcpus_whole() {
        let before = pairs(&[("vcpus", "24"), ("numa_nodes", "2")]);
        let marked = vec![
            "sockets".to_string(),
            "numa_nodes".to_string(),
            "memory".to_string(),
        ];
        let restore = restore_pairs(&before, &marked);
        assert!(restore.contains(&("vcpus".to_string(), "24".to_string())));
        assert!(restore.contains(&("sockets".to_string(), String::new())));
        assert!(restore.contains(&("numa_nodes".to_string(), "2".to_string())));
        assert!(restore.contains(&("memory".to_string(), String::new())));
        let now = pairs(&[
            ("sockets", "2"),
            ("cores", "20"),
            ("threads", "1"),
            ("numa_nodes", "8"),
            ("memory", "8Gi"),
        ]);
        let mut back = merge_pairs(&now, &restore);
        back.sort();
        assert_eq!(back, pairs(&[("numa_nodes", "2"), ("vcpus", "24")]));
    }

    #[test]
    fn an_imported_host_replaces_the_host_as_bought_and_clearing_brings_it_back() {
        let before = pairs(&[
            ("host_sockets", "2"),
            ("cores_per_socket", "32"),
            ("nodes_per_socket", "4"),
            ("vcpus", "24"),
        ]);
        let set = pairs(&[("numa_nodes", "2"), ("cpus_per_node", "64")]);
        let merged = merge_pairs(&before, &set);
        assert_eq!(
            merged,
            pairs(&[
                ("numa_nodes", "2"),
                ("cpus_per_node", "64"),
                ("vcpus", "24")
            ])
        );
        let marked = ["numa_nodes".to_string(), "cpus_per_node".to_string()];
        let back = merge_pairs(&merged, &restore_pairs(&before, &marked));
        assert_eq!(
            back,
            pairs(&[
                ("host_sockets", "2"),
                ("cores_per_socket", "32"),
                ("nodes_per_socket", "4"),
                ("vcpus", "24")
            ])
        );
        // Reading a host while the page holds it as bought: 8 nodes.
        let form = form_for_reading(&before);
        assert_eq!(form.text(Field::NumaNodes), "8");
        // Parts the page's link leaves out are 1, as the page reads them.
        let one = form_for_reading(&pairs(&[("cores_per_socket", "16")]));
        assert_eq!(one.text(Field::NumaNodes), "1");
    }

    #[test]
    fn reading_takes_the_link_as_the_page_does() {
        let form = form_for_reading(&pairs(&[
            ("memory", "8Gi"),
            ("hugepage_size", "1Gi"),
            ("numa_nodes", "4"),
            ("vcpus", "64"),
        ]));
        assert_eq!(form.text(Field::Memory), "8Gi");
        assert_eq!(form.vm.hugepage_size, Some(HugepageSize::OneGi));
        assert_eq!(form.text(Field::NumaNodes), "4");
        assert_eq!(pod_cpus(&form), Some(64));
        let form = form_for_reading(&pairs(&[
            ("sockets", "2"),
            ("cores", "3"),
            ("threads", "1"),
            ("emulator_thread", "1"),
            ("emulator_parity", "1"),
        ]));
        assert_eq!(pod_cpus(&form), Some(8));
        // A value the page would not use is read as the page reads it: the default.
        assert_eq!(
            pod_cpus(&form_for_reading(&pairs(&[("vcpus", "x")]))),
            Some(24)
        );
    }
}
