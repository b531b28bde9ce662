//! The error texts users paste (a `describe` output, events, a launcher
//! log, a bare line), read as the planner's checks: which rule each one is,
//! its numbers, what the planner needs to confirm it, and what usually
//! fixes it. The table is `docs/rules.md`'s "Errors users paste".
//!
//! Only the command and the page's on-demand extras call this; nothing the
//! page's own wasm runs does.

use super::codes::CheckCode;
use super::quote::quote;
use crate::i18n::tr;
use crate::tr_key;

/// The most text read, as the importers' limit.
pub const MOST_BYTES: usize = 2 * 1024 * 1024;
/// The most errors reported from one paste (each kind with its numbers
/// once).
pub const MOST_ERRORS: usize = 64;
/// The most characters of one line searched: an error is never longer.
const MOST_LINE: usize = 4096;

/// One kind of error text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    TopologyAffinity,
    SmtNotMultiple,
    SmtPhysicalCpus,
    MemPrealloc,
    BackingStore,
    CellId,
    InsufficientCpu,
    InsufficientHugepages,
    NumaNodeLimit,
    RequestsLimits,
    InstancetypeConflict,
    Hotplug,
    Mbind,
    UnexpectedAdmission,
}

/// What the planner knows of one kind.
struct Known {
    kind: ErrorKind,
    /// Any of these, in the line lowercased with its spaces collapsed.
    needles: &'static [&'static str],
    check: Option<CheckCode>,
    /// Other checks that print the same text.
    also: &'static [CheckCode],
    /// Texts in English, translated when read (`tr_key!` marks them).
    means: &'static str,
    needs: &'static [&'static str],
    fixes: &'static [&'static str],
}

const KNOWN: &[Known] = &[
    Known {
        kind: ErrorKind::SmtNotMultiple,
        needles: &["smt alignment error: requested", "not multiple cpus per core"],
        check: Some(CheckCode::SmtAlignment),
        also: &[],
        means: tr_key!("The kubelet's full-pcpus-only option hands out whole cores only, and the pod asked for a number of CPUs that is not a multiple of the threads per core: usually an even vCPU count plus one isolated emulator thread."),
        needs: &["--vcpus", "--isolate-emulator-thread", "--threads-per-core", "--full-pcpus-only"],
        fixes: &[
            tr_key!("Turn on the even-parity emulator thread (HyperConverged alignCPUs), so the pod's CPUs are even."),
            tr_key!("Give the VM an odd vCPU count, so with the emulator thread the pod's CPUs are even."),
        ],
    },
    Known {
        kind: ErrorKind::SmtPhysicalCpus,
        needles: &["not enough free physical cpus"],
        check: Some(CheckCode::PhysicalCpus),
        also: &[],
        means: tr_key!("With full-pcpus-only every core holding a reserved CPU is lost, its other threads too, and the cores left cannot hold the pod's CPUs."),
        needs: &["--vcpus", "--threads-per-core", "--reserved-cpus", "--reserved-cores", "--full-pcpus-only"],
        fixes: &[
            tr_key!("Reserve the kubelet's CPUs as whole cores (both threads of each)."),
            tr_key!("Give the VM fewer vCPUs."),
        ],
    },
    Known {
        kind: ErrorKind::TopologyAffinity,
        needles: &["topologyaffinityerror", "resources cannot be allocated with topology locality"],
        check: Some(CheckCode::SingleNodeFit),
        also: &[CheckCode::RestrictedFit, CheckCode::MemoryManagerNode, CheckCode::MemoryManagerMerge],
        means: tr_key!("The kubelet's Topology Manager refused the pod: under single-numa-node no NUMA node has room for all its CPUs (and, with the Memory Manager, its pages); under restricted the nodes that could hold it are wider than the narrowest the CPUs prefer."),
        needs: &["--vcpus", "--isolate-emulator-thread", "--numa-nodes", "--cpus-per-node", "--reserved-cpus", "--free-cpus", "--policy"],
        fixes: &[
            tr_key!("Give the VM fewer vCPUs, so its pod fits one NUMA node's allocatable CPUs."),
            tr_key!("Use best-effort on the VM's nodes, or a node with room on one NUMA node."),
        ],
    },
    Known {
        kind: ErrorKind::MemPrealloc,
        needles: &["os_mem_prealloc", "insufficient free host memory pages"],
        check: Some(CheckCode::NodeHugepages),
        also: &[CheckCode::TargetPages],
        means: tr_key!("QEMU could not take a guest cell's huge pages on the NUMA node the cell is bound to: the host had enough pages in all, not on that node."),
        needs: &["--memory", "--hugepage-size", "--free-hugepages"],
        fixes: &[tr_key!("Reserve huge pages per NUMA node where the guest's cells land, not only in total (PerformanceProfile hugepages.pages[] with node).")],
    },
    Known {
        kind: ErrorKind::BackingStore,
        needles: &["unable to map backing store for guest ram"],
        check: Some(CheckCode::NodeHugepages),
        also: &[CheckCode::HostHugepages],
        means: tr_key!("QEMU could not map the guest's memory: the free huge pages were an exact fit or short, and QEMU needs a little more than the guest's own pages."),
        needs: &["--memory", "--hugepage-size", "--free-hugepages"],
        fixes: &[tr_key!("Leave headroom: reserve a page or more beyond the guest's pages on each node holding a cell.")],
    },
    Known {
        kind: ErrorKind::CellId,
        needles: &["argument 'cellid' in memnode element", "must correspond to existing guest's numa cell"],
        check: Some(CheckCode::GuestCells),
        also: &[],
        means: tr_key!("During a live migration the target pod's CPUs landed on more NUMA nodes than the guest has cells, and libvirt refused to bind memory for a cell the guest lacks."),
        needs: &["--vcpus", "--numa-nodes", "--cpus-per-node", "--guest-cells", tr_key!("a second host (--compare-host-file or the --b- flags)")],
        fixes: &[tr_key!("Migrate to a target whose policy keeps the VM on as many nodes: best-effort or single-numa-node instead of none, or free CPUs on one node.")],
    },
    Known {
        kind: ErrorKind::InsufficientHugepages,
        needles: &["insufficient hugepages-"],
        check: Some(CheckCode::HostHugepages),
        also: &[],
        means: tr_key!("The scheduler found no node with enough free huge pages of that size for the pod: the pod stays Pending."),
        needs: &["--memory", "--hugepage-size", "--free-hugepages"],
        fixes: &[tr_key!("Reserve more huge pages of that size on the nodes meant for the VM, or give the guest less memory.")],
    },
    Known {
        kind: ErrorKind::InsufficientCpu,
        needles: &["insufficient cpu"],
        check: Some(CheckCode::HostAllocatable),
        also: &[CheckCode::PodOverhead],
        means: tr_key!("The scheduler found no node with enough allocatable CPU for the pod's requests: the pod stays Pending."),
        needs: &["--vcpus", "--isolate-emulator-thread", "--numa-nodes", "--cpus-per-node", "--reserved-cpus", "--free-cpus"],
        fixes: &[tr_key!("Give the VM fewer vCPUs, leaving room for the launcher's other containers, or add capacity.")],
    },
    Known {
        kind: ErrorKind::NumaNodeLimit,
        needles: &["unsupported on machines with more than"],
        check: Some(CheckCode::NumaNodeLimit),
        also: &[],
        means: tr_key!("The kubelet's Topology Manager refuses hosts with more NUMA nodes than its limit, so the kubelet does not start."),
        needs: &["--numa-nodes", "--policy"],
        fixes: &[tr_key!("Set the Topology Manager option max-allowable-numa-nodes, or use the policy none.")],
    },
    Known {
        kind: ErrorKind::RequestsLimits,
        needles: &["must be equal when dedicatedcpuplacement", "dedicatedcpuplacement is true"],
        check: Some(CheckCode::CpuRequestsEqualLimits),
        also: &[],
        means: tr_key!("KubeVirt's API refuses a VM with dedicated CPUs whose CPU request and limit differ."),
        needs: &["--vm-file"],
        fixes: &[tr_key!("Give resources.requests.cpu and resources.limits.cpu the same whole number, or leave both out.")],
    },
    Known {
        kind: ErrorKind::InstancetypeConflict,
        needles: &["conflicts with selected instance type", "conflicts with selected instancetype"],
        check: Some(CheckCode::InstancetypeConflict),
        also: &[],
        means: tr_key!("KubeVirt's API refuses a VM that sets what its instance type decides."),
        needs: &["--vm-file"],
        fixes: &[tr_key!("Remove the named fields from the VM, or pick another instance type.")],
    },
    Known {
        kind: ErrorKind::Hotplug,
        needles: &["number of hotpluggable cpus requested"],
        check: None,
        also: &[],
        means: tr_key!("A warning, not a failure: the VM's CPU hot-plug ceiling (maxSockets) gives QEMU more possible vCPUs than KVM recommends. The planner's advisory hotplug-exceeds-host says the same."),
        needs: &["--vcpus", "--max-sockets"],
        fixes: &[tr_key!("Set maxSockets equal to sockets, or lower maxHotplugRatio or the cluster's maxCpuSockets.")],
    },
    Known {
        kind: ErrorKind::Mbind,
        needles: &["cannot bind memory to host numa nodes"],
        check: None,
        also: &[],
        means: tr_key!("Not a NUMA fit rule: the launcher was not allowed to bind memory to NUMA nodes (mbind) by the container runtime or SELinux (kubevirt #17248)."),
        needs: &[],
        fixes: &[tr_key!("Check the container runtime's and SELinux's permission for mbind on the node.")],
    },
    Known {
        kind: ErrorKind::UnexpectedAdmission,
        needles: &["unexpectedadmissionerror"],
        check: None,
        also: &[],
        means: tr_key!("Not a fit rule: with the Memory Manager the kubelet has refused pods it should admit, a known kubelet defect (kubernetes #128708)."),
        needs: &[],
        fixes: &[tr_key!("Check the Memory Manager's state on the node (its checkpoint file) and the kubelet's release.")],
    },
];

/// One error found in a paste.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PastedError {
    pub kind: ErrorKind,
    /// The matched text, from where the error starts, quoted (`quote`).
    pub text: String,
    /// The planner's check, or `None` when it is not a fit rule.
    pub check: Option<CheckCode>,
    /// Other checks that print the same text.
    pub also: &'static [CheckCode],
    pub means: &'static str,
    /// The numbers the text gives, by name, in the order found.
    pub numbers: Vec<(&'static str, u64)>,
    /// The inputs the planner needs to confirm it.
    pub needs: Vec<&'static str>,
    /// What usually fixes it.
    pub fixes: Vec<&'static str>,
}

/// Every known error in `text` (its first `MOST_BYTES`), in the order
/// found, each kind with the same numbers once.
pub fn read_errors(text: &str) -> Vec<PastedError> {
    let mut end = text.len().min(MOST_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut out: Vec<PastedError> = Vec::new();
    for line in text[..end].lines() {
        let line: String = line.chars().take(MOST_LINE).collect();
        let shown = collapse(&line);
        let lower = shown.to_ascii_lowercase();
        let mut matched: Vec<(&Known, usize)> = KNOWN
            .iter()
            .filter_map(|k| {
                let at = k.needles.iter().filter_map(|n| lower.find(n)).min()?;
                Some((k, at))
            })
            .collect();
        // In the order the line gives them.
        matched.sort_by_key(|&(_, at)| at);
        // The kubelet reports its SMT refusals as UnexpectedAdmissionError:
        // the text that says why is the error.
        let alone = matched.len() == 1;
        for (known, at) in matched {
            if known.kind == ErrorKind::UnexpectedAdmission && !alone {
                continue;
            }
            let start = error_start(&lower, at);
            let found = PastedError {
                kind: known.kind,
                text: quote(&shown[start..]),
                check: known.check,
                also: known.also,
                means: tr(known.means),
                numbers: numbers(known.kind, &lower),
                needs: known.needs.iter().map(|n| tr(n)).collect(),
                fixes: known.fixes.iter().map(|f| tr(f)).collect(),
            };
            if out.len() < MOST_ERRORS
                && !out
                    .iter()
                    .any(|e| e.kind == found.kind && e.numbers == found.numbers)
            {
                out.push(found);
            }
        }
    }
    out
}

/// The line with each run of white space one space, trimmed.
fn collapse(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Where the error starts: the scheduler's "0/3 nodes are available"
/// before its reasons, else the matched text.
fn error_start(lower: &str, at: usize) -> usize {
    lower[..at]
        .rfind(" nodes are available")
        .and_then(|i| lower[..i].rfind(' ').map(|s| s + 1).or(Some(0)))
        .unwrap_or(at)
}

fn numbers(kind: ErrorKind, lower: &str) -> Vec<(&'static str, u64)> {
    let after = |key: &str| {
        lower
            .find(key)
            .and_then(|i| leading(&lower[i + key.len()..]))
    };
    let mut out = Vec::new();
    let mut push = |name: &'static str, value: Option<u64>| {
        if let Some(v) = value {
            out.push((name, v));
        }
    };
    match kind {
        ErrorKind::SmtNotMultiple => {
            push("requested_cpus", after("requested "));
            push("cpus_per_core", after("cpus per core = "));
        }
        ErrorKind::SmtPhysicalCpus => {
            push(
                "available_physical_cpus",
                after("available physical cpus = "),
            );
            push("requested_cpus", after("requested cpus = "));
            push("cpus_per_core", after("cpus per core = "));
        }
        ErrorKind::InsufficientHugepages => {
            if let Some(size) = after("insufficient hugepages-") {
                let unit = lower
                    .split("insufficient hugepages-")
                    .nth(1)
                    .map(|s| s.trim_start_matches(|c: char| c.is_ascii_digit()))
                    .unwrap_or("");
                let mib = if unit.starts_with("gi") {
                    size.checked_mul(1024)
                } else if unit.starts_with("mi") {
                    Some(size)
                } else {
                    None
                };
                push("page_size_mib", mib);
            }
            scheduler_counts(lower, "insufficient hugepages-", &mut push);
        }
        ErrorKind::InsufficientCpu => scheduler_counts(lower, "insufficient cpu", &mut push),
        ErrorKind::NumaNodeLimit => push("most_numa_nodes", after("more than ")),
        ErrorKind::Hotplug => {
            push("hotplug_cpus_requested", after("requested ("));
            push("kvm_recommended_cpus", after("supported by kvm ("));
        }
        _ => {}
    }
    out
}

/// The scheduler's "0/3 nodes are available: 3 Insufficient ...".
fn scheduler_counts(lower: &str, reason: &str, push: &mut impl FnMut(&'static str, Option<u64>)) {
    let Some(i) = lower.find(" nodes are available") else {
        return;
    };
    let head = &lower[..i];
    let word = head.rsplit(' ').next().unwrap_or(head);
    if let Some((available, total)) = word.split_once('/') {
        push("nodes_available", leading(available));
        push("nodes_total", leading(total));
    }
    // The count just before the reason.
    if let Some(r) = lower.find(reason) {
        let before = lower[..r].trim_end();
        let count = before.rsplit([' ', ',', ':']).next().unwrap_or("");
        push("nodes_insufficient", leading(count));
    }
}

/// The whole number `text` starts with.
fn leading(text: &str) -> Option<u64> {
    let digits: String = text
        .chars()
        .take_while(char::is_ascii_digit)
        .take(19)
        .collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_and_odd_text_never_panics() {
        for text in [
            "é".repeat(MOST_BYTES),
            "0/ nodes are available: Insufficient hugepages-".to_string(),
            "requested 99999999999999999999999 cpus not multiple cpus per core = ".to_string(),
            " nodes are available Insufficient cpu".to_string(),
        ] {
            let _ = read_errors(&text);
        }
    }
}
