//! The page's form as link pairs (`share::KEYS`), as the importer worker
//! receives and returns it: it decodes no link, so reading a host takes
//! only the few values it depends on, and an import is merged into the
//! page's pairs key by key. The page then reads the result as it reads a
//! link, so a permalink afterwards carries the imported inputs.

use crate::domain::{Field, HugepageSize, Switch, VcpuSpec, Vm};
use crate::form::{FormState, VcpuMode};
use crate::share::HUGEPAGE_SIZE;

pub type Pairs = Vec<(String, String)>;

/// The keys of the VM's vCPUs: given one way, they replace the other way.
const VCPU_KEYS: [&str; 4] = [
    Field::Vcpus.key(),
    Field::Sockets.key(),
    Field::Cores.key(),
    Field::Threads.key(),
];
/// The host's NUMA shape is given as nodes or as bought: keys given one way
/// (an imported host gives nodes) replace the other way's.
const NODE_KEYS: [&str; 2] = [Field::NumaNodes.key(), Field::CpusPerNode.key()];
const AS_BOUGHT_KEYS: [&str; 3] = [
    Field::HostSockets.key(),
    Field::CoresPerSocket.key(),
    Field::NodesPerSocket.key(),
];
/// The fields reading a host depends on, besides the vCPUs and the host as
/// bought.
const READ_FIELDS: [Field; 3] = [Field::Memory, Field::NumaNodes, Field::ThreadsPerCore];
const EMULATOR_PARITY: &str = Switch::EmulatorParity.code();
const EMULATOR_THREAD: &str = Switch::EmulatorThread.code();

/// A form with what reading a host depends on (the VM's memory and page
/// size, whose free pages to take; the node count, or the host as bought
/// that gives it; the VM's CPUs, for the notes on which nodes its pod fits)
/// and defaults elsewhere. Values stay text: the importers only compare
/// them, and the page checks them.
pub fn form_for_reading(pairs: &[(String, String)]) -> FormState {
    let mut form = FormState::default();
    for (key, value) in pairs {
        let key = key.as_str();
        match key {
            HUGEPAGE_SIZE => form.hugepage_size = value.parse::<HugepageSize>().ok(),
            EMULATOR_PARITY => form.set_switch(Switch::EmulatorParity, value == "1"),
            EMULATOR_THREAD => form.set_switch(Switch::EmulatorThread, value == "1"),
            _ => {
                let Some(field) = Field::ALL.into_iter().find(|f| f.key() == key) else {
                    continue;
                };
                if is_vcpu_key(key) {
                    form.mode = if field == Field::Vcpus {
                        VcpuMode::Count
                    } else {
                        VcpuMode::Topology
                    };
                } else if AS_BOUGHT_KEYS.contains(&key) {
                    form.host.take_as_bought();
                } else if !READ_FIELDS.contains(&field) {
                    continue;
                }
                form.set_text(field, value.clone());
            }
        }
    }
    form
}

/// The CPUs the form's VM pod asks for, when its vCPUs are readable.
pub fn pod_cpus(form: &FormState) -> Option<u32> {
    let count = |text: &str| text.trim().parse::<u32>().ok();
    let spec = match form.mode {
        VcpuMode::Count => VcpuSpec::Count(count(&form.vcpus)?),
        VcpuMode::Topology => VcpuSpec::Topology {
            sockets: count(&form.sockets)?,
            cores: count(&form.cores)?,
            threads: count(&form.threads)?,
        },
    };
    let vm = Vm::new(spec, form.isolate_emulator_thread, None).ok()?;
    Some(vm.with_emulator_parity(form.emulator_parity).pod_cpus())
}

fn is_vcpu_key(key: &str) -> bool {
    VCPU_KEYS.contains(&key)
}

/// The current keys a key of `set` replaces besides its own: the vCPUs and
/// the host's shape are each given one way.
fn replaced_by(key: &str) -> &'static [&'static str] {
    if is_vcpu_key(key) {
        &VCPU_KEYS
    } else if NODE_KEYS.contains(&key) {
        &AS_BOUGHT_KEYS
    } else if AS_BOUGHT_KEYS.contains(&key) {
        &NODE_KEYS
    } else {
        &[]
    }
}

/// `current` with `set` in place: each key of `set` replaces the current
/// value (an empty value removes it, as a link leaves an unset key out), and
/// a vCPU key replaces every current vCPU key, a NUMA node key the host as
/// bought and the other way round.
pub fn merge_pairs(current: &[(String, String)], set: &[(String, String)]) -> Pairs {
    let given = |key: &str| {
        set.iter()
            .any(|(k, _)| k == key || replaced_by(k).contains(&key))
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
    let as_bought = before
        .iter()
        .any(|(k, _)| AS_BOUGHT_KEYS.contains(&k.as_str()));
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
        let whole: &[&str] = if is_vcpu_key(key) {
            &VCPU_KEYS
        } else if as_bought && NODE_KEYS.contains(&key) {
            &AS_BOUGHT_KEYS
        } else {
            &[]
        };
        for k in whole.iter().copied().chain([key]) {
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
    fn reading_takes_only_what_the_host_depends_on() {
        let form = form_for_reading(&pairs(&[
            ("memory", "8Gi"),
            ("hugepage_size", "1Gi"),
            ("numa_nodes", "4"),
            ("vcpus", "64"),
        ]));
        assert_eq!(form.memory, "8Gi");
        assert_eq!(form.hugepage_size, Some(HugepageSize::OneGi));
        assert_eq!(form.host.numa_nodes, "4");
        assert_eq!(pod_cpus(&form), Some(64));
        let form = form_for_reading(&pairs(&[
            ("sockets", "2"),
            ("cores", "3"),
            ("threads", "1"),
            ("emulator_thread", "1"),
            ("emulator_parity", "1"),
        ]));
        assert_eq!(pod_cpus(&form), Some(8));
        assert_eq!(pod_cpus(&form_for_reading(&pairs(&[("vcpus", "x")]))), None);
    }
}
