//! What to change when a check fails or is at risk, checked by the planner
//! itself: each candidate change is applied to the scenario and the check
//! judged again; a change after which it still fails is not offered. Each
//! fix carries the object the user edits (`yaml`) and the planner's own
//! flags that model it (`planner_args`).
//!
//! Only the command and the page's on-demand extras call this: `Report::new`,
//! `PolicyVerdict::new` and the page's views never do, so none of it is
//! linked into the page's own wasm.

mod reserve;

pub use reserve::{launcher_overhead_bytes, reserve_hugepages, NodePages, Reservation};

use super::codes::{CheckCode, CheckResult, HugepageSize, NodeTuning, Policy, Status, Switch};
use super::field::{flag_of, Field};
use super::memory::format_bytes;
use super::report::Report;
use super::scenario::Scenario;
use super::verdict::PolicyVerdict;
use super::vm::VcpuSpec;
use crate::i18n::tr;
use crate::trf;

/// One checked change for a failing or at-risk check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// The check it makes pass.
    pub check: CheckCode,
    /// One sentence.
    pub summary: String,
    /// The change as the object the user edits (an `oc` command or a
    /// snippet of YAML).
    pub yaml: String,
    /// This planner's flags that model the change, added to the ones given.
    pub planner_args: Vec<String>,
    /// The same change as edits of the inputs (the page applies them).
    pub edits: Vec<Edit>,
}

/// The command's flags that make `edits`, as `classify` takes them.
fn flags(edits: &[Edit]) -> Vec<String> {
    edits
        .iter()
        .flat_map(|edit| match edit {
            Edit::Text(field, text) => vec![flag_of(field.key()), text.clone()],
            Edit::On(switch) => vec![switch.flag().to_string()],
            Edit::Policy(policy) => vec!["--policy".to_string(), policy.code().to_string()],
        })
        .collect()
}

/// One edit of the inputs that a fix makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// A field's new text (the vCPUs as a count or as a topology).
    Text(Field, String),
    /// An on/off setting turned on.
    On(Switch),
    /// The cluster's Topology Manager policy.
    Policy(Policy),
}

/// A change the planner can model with its own flags.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Change {
    /// This many vCPUs, the guest's threads per core held.
    Vcpus(u32),
    /// KubeVirt's even-parity emulator thread (`alignCPUs`).
    EmulatorParity,
    /// Judged under another Topology Manager policy.
    Policy(Policy),
    /// The reserved CPUs on this many cores per node (whole cores).
    ReservedCores(Vec<u32>),
    /// This many free huge pages per node; `yaml` is the reservation that
    /// gives the VM its share of them.
    FreeHugepages { free: Vec<u32>, yaml: String },
    /// Guest memory in bytes.
    Memory(u64),
    /// One guest thread per core, the vCPUs held.
    OneThreadPerCore,
}

/// The fixes for every check that fails or is at risk under `policy`, in
/// the order of the checks; a check with no checked fix has none.
pub fn fixes(report: &Report, policy: Policy) -> Vec<Fix> {
    let scenario = &report.scenario;
    let mut out = Vec::new();
    for check in report.verdicts[policy].problems() {
        out.extend(fixes_for(scenario, policy, check.code));
    }
    out
}

/// The checked fixes for one check under `policy`.
pub fn fixes_for(scenario: &Scenario, policy: Policy, code: CheckCode) -> Vec<Fix> {
    candidates(scenario, policy, code)
        .into_iter()
        .filter(|change| {
            change
                .apply(scenario, policy)
                .is_some_and(|(s, p)| passes(&s, p, code))
        })
        .map(|change| {
            let edits = change.edits(scenario);
            Fix {
                check: code,
                summary: change.summary(scenario, code),
                yaml: change.yaml(scenario),
                planner_args: flags(&edits),
                edits,
            }
        })
        .collect()
}

/// Whether `code` passes (or is not asked) for this scenario under `policy`.
pub fn passes(scenario: &Scenario, policy: Policy, code: CheckCode) -> bool {
    // The document's status does not change the checks.
    PolicyVerdict::new(scenario, policy, Status::Works)
        .checks
        .iter()
        .all(|c| c.code != code || c.result == CheckResult::Pass)
}

/// The most vCPU counts searched below the VM's for one that passes.
const MOST_TRIES: u32 = 512;

fn candidates(scenario: &Scenario, policy: Policy, code: CheckCode) -> Vec<Change> {
    let (host, vm) = (&scenario.host, &scenario.vm);
    let v = vm.vcpus();
    let fewer = || fewer_vcpus(scenario, policy, code).map(Change::Vcpus);
    let pages = || free_pages(scenario, policy);
    let mut out: Vec<Change> = Vec::new();
    match code {
        CheckCode::HostAllocatable | CheckCode::PodOverhead | CheckCode::SpillsPastNode => {
            out.extend(fewer());
            if code == CheckCode::SpillsPastNode {
                out.push(Change::Policy(Policy::BestEffort));
            }
        }
        CheckCode::SingleNodeFit | CheckCode::RestrictedFit => {
            out.extend(fewer());
            out.push(Change::Policy(Policy::BestEffort));
        }
        CheckCode::SmtAlignment => {
            if vm.isolate_emulator_thread() && !vm.emulator_parity() {
                out.push(Change::EmulatorParity);
            }
            out.push(Change::Vcpus(v.saturating_sub(1)));
            out.push(Change::Vcpus(v + 1));
        }
        CheckCode::PhysicalCpus => {
            if let (true, Some(t)) = (host.reserved_cores_given(), host.threads_per_core()) {
                let whole = host.reserved_cpus().iter().map(|r| r.div_ceil(t)).collect();
                out.push(Change::ReservedCores(whole));
            }
            out.extend(fewer());
        }
        CheckCode::NumaNodeLimit => out.push(Change::Policy(Policy::None)),
        CheckCode::NonePolicyMigration => out.push(Change::Policy(Policy::BestEffort)),
        CheckCode::HugepageMultiple => {
            if let (Some(bytes), Some(size)) = (vm.memory_bytes(), vm.hugepage_size()) {
                out.push(Change::Memory(
                    bytes.div_ceil(size.bytes()).max(1) * size.bytes(),
                ));
            }
        }
        CheckCode::PagesPerCell => {
            if let Some(size) = vm.hugepage_size() {
                out.push(Change::Memory(u64::from(host.numa_nodes()) * size.bytes()));
            }
            out.extend(fewer());
        }
        CheckCode::HostHugepages | CheckCode::NodeHugepages => out.extend(pages()),
        CheckCode::MemoryManagerNode | CheckCode::MemoryManagerMerge => {
            out.extend(pages());
            out.extend(fewer());
        }
        CheckCode::DedicatedThreads => out.push(Change::OneThreadPerCore),
        _ => {}
    }
    out.dedup();
    // A change to what the VM already has changes nothing.
    out.retain(|c| !matches!(c, Change::Vcpus(n) if *n == v || *n == 0));
    out
}

/// The most vCPUs below the VM's for which `code` passes.
fn fewer_vcpus(scenario: &Scenario, policy: Policy, code: CheckCode) -> Option<u32> {
    let v = scenario.vm.vcpus();
    (v.saturating_sub(MOST_TRIES).max(1)..v).rev().find(|&n| {
        Change::Vcpus(n)
            .apply(scenario, policy)
            .is_some_and(|(s, p)| passes(&s, p, code))
    })
}

/// The free pages each node needs for the VM under `policy`, where fewer
/// are free: the reservation's pages (with their headroom).
fn free_pages(scenario: &Scenario, policy: Policy) -> Option<Change> {
    let reservation = reserve_hugepages(scenario, policy)?;
    let free = scenario.host.free_hugepages().unwrap_or_default();
    let mut out: Vec<u32> = (0..scenario.host.numa_nodes() as usize)
        .map(|i| u32::try_from(free.get(i).copied().unwrap_or(0)).unwrap_or(u32::MAX))
        .collect();
    for n in &reservation.nodes {
        let slot = out.get_mut(n.node as usize)?;
        *slot = (*slot).max(u32::try_from(n.pages).ok()?);
    }
    Some(Change::FreeHugepages {
        free: out,
        yaml: reservation.yaml,
    })
}

impl Change {
    /// The scenario with the change made, and the policy to judge it under.
    fn apply(&self, scenario: &Scenario, policy: Policy) -> Option<(Scenario, Policy)> {
        let mut s = scenario.clone();
        let mut p = policy;
        match self {
            Change::Vcpus(n) => {
                Field::Vcpus.check((*n).into()).ok()?;
                s.vm = s.vm.with_vcpus(*n)?;
            }
            Change::EmulatorParity => s.vm = s.vm.with_emulator_parity(true),
            Change::Policy(to) => p = *to,
            Change::ReservedCores(cores) => {
                s.host = s.host.with_reserved_cores(cores.clone()).ok()?;
            }
            Change::FreeHugepages { free, .. } => {
                s.host = s.host.with_free_hugepages(free.clone()).ok()?;
            }
            Change::Memory(bytes) => {
                if s.vm.memory_per_vcpu().is_some() {
                    return None;
                }
                s.vm = s.vm.with_memory(Some(*bytes), s.vm.hugepage_size());
            }
            Change::OneThreadPerCore => {
                let VcpuSpec::Topology {
                    sockets,
                    cores,
                    threads,
                } = s.vm.spec()
                else {
                    return None;
                };
                let cores = cores.checked_mul(threads)?;
                Field::Cores.check(cores.into()).ok()?;
                s.vm = s.vm.with_spec(VcpuSpec::Topology {
                    sockets,
                    cores,
                    threads: 1,
                });
            }
        }
        Some((s, p))
    }

    /// The change as edits of the inputs (its flags are made from them).
    fn edits(&self, scenario: &Scenario) -> Vec<Edit> {
        let list = |values: &[u32]| {
            values
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(",")
        };
        let topology = |sockets: u32, cores: u32, threads: u32| {
            vec![
                Edit::Text(Field::Sockets, sockets.to_string()),
                Edit::Text(Field::Cores, cores.to_string()),
                Edit::Text(Field::Threads, threads.to_string()),
            ]
        };
        match self {
            Change::Vcpus(n) => match scenario.vm.spec() {
                VcpuSpec::Topology { threads, .. } if threads > 1 => {
                    topology(n / threads, 1, threads)
                }
                _ => vec![Edit::Text(Field::Vcpus, n.to_string())],
            },
            Change::EmulatorParity => vec![Edit::On(Switch::EmulatorParity)],
            Change::Policy(p) => vec![Edit::Policy(*p)],
            Change::ReservedCores(cores) => vec![Edit::Text(Field::ReservedCores, list(cores))],
            Change::FreeHugepages { free, .. } => {
                vec![Edit::Text(Field::FreeHugepages, list(free))]
            }
            Change::Memory(bytes) => vec![Edit::Text(Field::Memory, format_bytes(*bytes))],
            Change::OneThreadPerCore => match scenario.vm.spec() {
                VcpuSpec::Topology {
                    sockets,
                    cores,
                    threads,
                } => topology(sockets, cores * threads, 1),
                VcpuSpec::Count(_) => Vec::new(),
            },
        }
    }

    fn summary(&self, scenario: &Scenario, code: CheckCode) -> String {
        let vm = &scenario.vm;
        match self {
            Change::Vcpus(n) if *n < vm.vcpus() => trf!(
                "Give the VM {vcpus} vCPUs instead of {now}: the largest count below it for which {check} passes.",
                vcpus = n,
                now = vm.vcpus(),
                check = code
            ),
            Change::Vcpus(n) => trf!(
                "Give the VM {vcpus} vCPUs instead of {now}, so the pod's CPUs are whole cores.",
                vcpus = n,
                now = vm.vcpus()
            ),
            Change::EmulatorParity => tr("Turn on KubeVirt's even-parity emulator thread (HyperConverged alignCPUs), so the pod asks for an even number of CPUs.").to_string(),
            Change::Policy(p) => trf!(
                "Use the {policy} Topology Manager policy on the node (or move the VM to nodes that have it).",
                policy = p
            ),
            Change::ReservedCores(cores) => trf!(
                "Reserve the kubelet's CPUs as whole cores (both threads of each), so they take {cores} cores instead of more.",
                cores = cores.iter().sum::<u32>()
            ),
            Change::FreeHugepages { free, .. } => trf!(
                "Reserve huge pages per NUMA node where the guest's cells land, one page of headroom on each, so that {pages} pages are free on nodes 0 up.",
                pages = free.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
            ),
            Change::Memory(bytes) => trf!(
                "Give the guest {memory} of memory, a whole number of its huge pages with at least one per NUMA cell.",
                memory = format_bytes(*bytes)
            ),
            Change::OneThreadPerCore => tr("Give the guest one thread per core (as many cores), which dedicated CPUs always accept.").to_string(),
        }
    }

    fn yaml(&self, scenario: &Scenario) -> String {
        let (host, vm) = (&scenario.host, &scenario.vm);
        let patch = |domain: String| {
            format!("oc patch vm <vm> --type merge -p '{{\"spec\":{{\"template\":{{\"spec\":{{\"domain\":{domain}}}}}}}}}'")
        };
        let cpu = |s: u32, c: u32, t: u32| {
            patch(format!(
                "{{\"cpu\":{{\"sockets\":{s},\"cores\":{c},\"threads\":{t}}}}}"
            ))
        };
        match self {
            Change::Vcpus(n) => match vm.spec() {
                VcpuSpec::Topology { threads, .. } if threads > 1 => cpu(n / threads, 1, threads),
                _ => cpu(*n, 1, 1),
            },
            Change::EmulatorParity => "oc annotate --overwrite -n openshift-cnv hyperconverged kubevirt-hyperconverged \\\n  kubevirt.kubevirt.io/jsonpatch='[{\"op\":\"add\",\"path\":\"/spec/configuration/developerConfiguration/featureGates/-\",\"value\":\"AlignCPUs\"}]'".to_string(),
            Change::Policy(p) => match host.tuning().node_tuning {
                NodeTuning::PerformanceProfile => format!(
                    "# {}\nspec:\n  numa:\n    topologyPolicy: {p}",
                    tr("PerformanceProfile of the VM's nodes")
                ),
                NodeTuning::KubeletConfig => format!(
                    "# {}\nspec:\n  kubeletConfig:\n    topologyManagerPolicy: {p}",
                    tr("KubeletConfig of the VM's nodes")
                ),
            },
            Change::ReservedCores(cores) => {
                let t = host.threads_per_core().unwrap_or(1);
                let per_node: Vec<String> = cores
                    .iter()
                    .enumerate()
                    .filter(|(_, &k)| k > 0)
                    .map(|(i, k)| trf!("{cores} whole core(s) on node {node}", cores = k, node = i))
                    .collect();
                format!(
                    "# {}\n# {}\nspec:\n  cpu:\n    reserved: \"<{}>\"",
                    trf!(
                        "PerformanceProfile (or KubeletConfig reservedSystemCPUs): list all {threads} threads of each reserved core",
                        threads = t
                    ),
                    trf!(
                        "({cores}; lscpu -e shows each CPU's core)",
                        cores = per_node.join(", ")
                    ),
                    tr("the CPUs of those cores")
                )
            }
            Change::FreeHugepages { yaml, .. } => yaml.clone(),
            Change::Memory(bytes) => patch(format!(
                "{{\"memory\":{{\"guest\":\"{}\"}}}}",
                format_bytes(*bytes)
            )),
            Change::OneThreadPerCore => match vm.spec() {
                VcpuSpec::Topology {
                    sockets,
                    cores,
                    threads,
                } => cpu(sockets, cores * threads, 1),
                VcpuSpec::Count(_) => String::new(),
            },
        }
    }
}

/// A PerformanceProfile's `hugepages.pages[]`, one entry per node with pages.
pub(super) fn pages_yaml(size: HugepageSize, nodes: impl Iterator<Item = (u32, u64)>) -> String {
    // The profile spells sizes as the kernel does.
    let size = match size {
        HugepageSize::TwoMi => "2M",
        HugepageSize::OneGi => "1G",
    };
    let mut out = format!(
        "# {}\n# {}\nspec:\n  hugepages:\n    defaultHugepagesSize: {size}\n    pages:",
        tr("PerformanceProfile of the VM's nodes: the VM's pages per NUMA node"),
        tr("(add what other pods there use)")
    );
    for (node, count) in nodes.filter(|&(_, n)| n > 0) {
        out.push_str(&format!(
            "\n    - size: {size}\n      count: {count}\n      node: {node}"
        ));
    }
    out
}
