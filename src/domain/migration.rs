//! A live migration from one host to another (X1-X7 in `docs/rules.md`):
//! the target is a new launcher pod the target's kubelet admits on its own
//! terms, and the guest keeps the NUMA cells it started with on the source.
//! Only the CPU pinning and the memory binding are rebuilt on the target.

use super::admission::Check;
use super::codes::{CheckCode, CheckResult, MigrationVerdict, Policy, SizeClass, Status, Verdict};
use super::field::Field;
use super::guest_cells::running_cells;
use super::outcome::CellOutcome;
use super::placement::{NodeShare, Placement};
use super::report::Report;
use super::scenario::Scenario;
use super::source::Source;
use super::verdict::PolicyVerdict;
use crate::i18n::tr;
use crate::trf;

/// One rule the migration meets or breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MigrationCheck {
    pub code: CheckCode,
    pub result: CheckResult,
    /// What happens to the migration when the check fails.
    pub fails_as: MigrationVerdict,
    pub message: String,
    pub source: &'static Source,
}

impl MigrationCheck {
    fn new(
        code: CheckCode,
        result: CheckResult,
        fails_as: MigrationVerdict,
        message: String,
        source: &'static Source,
    ) -> MigrationCheck {
        MigrationCheck {
            code,
            result,
            fails_as,
            message,
            source,
        }
    }

    /// The verdict this check allows at best.
    pub fn verdict(&self) -> MigrationVerdict {
        match self.result {
            CheckResult::Pass => MigrationVerdict::Migrates,
            CheckResult::Fail => self.fails_as,
            CheckResult::Risk => MigrationVerdict::AtRisk,
        }
    }
}

/// The migration of the VM from one host (under one policy) to another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Migration {
    pub verdict: MigrationVerdict,
    pub checks: Vec<MigrationCheck>,
    /// The guest's NUMA cells as the VM runs on the source (empty when it
    /// does not run there).
    pub source_cells: Vec<NodeShare>,
    /// Where `source_cells` come from.
    pub source_cells_from: CellsFrom,
    /// Where the target pod's CPUs land (empty when it is not placed).
    pub target_nodes: Vec<NodeShare>,
}

/// Where a migration's source cells come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellsFrom {
    /// The running VM's domain, given for the source host (`guest_cells`).
    RunningDomain,
    /// The planner's placement of the VM on the source host.
    Placement,
}

impl CellsFrom {
    /// The JSON's `source_cells_from`.
    pub const fn code(self) -> &'static str {
        match self {
            CellsFrom::RunningDomain => "running-domain",
            CellsFrom::Placement => "placement",
        }
    }

    /// How messages say it, after "the guest's cells".
    pub fn phrase(self) -> &'static str {
        match self {
            CellsFrom::RunningDomain => tr("as the running domain gives them"),
            CellsFrom::Placement => tr("as the planner places the VM on the source"),
        }
    }
}

/// The target's checks that its kubelet or the scheduler decide before any
/// migration starts; the others (QEMU's pages) are judged with the source's
/// cells (`target-pages`).
fn decided_before_migration(code: CheckCode) -> bool {
    !matches!(
        code,
        CheckCode::NodeHugepages | CheckCode::PagesPerCell | CheckCode::NonePolicyMigration
    )
}

/// One host's side of a migration: the scenario (the same VM on that
/// host), its verdict under the policy in question and the document's
/// status there.
pub struct Side<'a> {
    pub scenario: &'a Scenario,
    pub verdict: &'a PolicyVerdict,
    pub status: Status,
}

impl<'a> Side<'a> {
    /// The side of `report` under `policy`.
    pub fn of(report: &'a Report, policy: Policy) -> Side<'a> {
        Side {
            scenario: &report.scenario,
            verdict: &report.verdicts[policy],
            status: report.outcomes[policy].status,
        }
    }
}

impl Migration {
    /// The same VM (`source` and `target` are reports of it) moving from
    /// the source host under `from` to the target host under `to`.
    pub fn new(source: &Report, from: Policy, target: &Report, to: Policy) -> Migration {
        Migration::between(&Side::of(source, from), from, &Side::of(target, to), to)
    }

    /// The migration from one side to the other.
    pub fn between(source: &Side, from: Policy, target: &Side, to: Policy) -> Migration {
        let running = source.verdict.verdict;
        // X2: the guest keeps the cells it runs with; the running domain
        // says which they are, else the planner's placement on the source.
        let (source_cells, cells_from) =
            match running_cells(&source.scenario.host, &source.scenario.vm) {
                Some(cells) => (Some(cells), CellsFrom::RunningDomain),
                None => (
                    source
                        .verdict
                        .placement
                        .as_ref()
                        .map(|p| p.cells().cloned().collect::<Vec<_>>()),
                    CellsFrom::Placement,
                ),
            };
        let target_placement = target.verdict.placement.as_ref();
        if running < Verdict::MigrationFails {
            return Migration {
                verdict: MigrationVerdict::NotRunning,
                checks: vec![MigrationCheck::new(
                    CheckCode::SourceRunning,
                    CheckResult::Fail,
                    MigrationVerdict::NotRunning,
                    trf!(
                        "The VM does not run on the source under {from} ({verdict}), so there is nothing to migrate.",
                        from = from,
                        verdict = running.label()
                    ),
                    &Source::KUBEVIRT_MIGRATION_CPU,
                )],
                source_cells: Vec::new(),
                source_cells_from: cells_from,
                target_nodes: Vec::new(),
            };
        }
        let mut checks = Vec::new();
        let admission = target_admission(target.verdict.checks.as_slice(), to);
        // A target pod that is not admitted starts no migration.
        let admitted = admission.result != CheckResult::Fail;
        checks.push(admission);
        checks.extend(document_status(target.status, to));
        if admitted && target.scenario.vm.dedicated_cpus() {
            if let (Some(s), Some(t)) = (&source_cells, target_placement) {
                checks.push(guest_cells(s.len(), cells_from, t));
                checks.extend(target_pages(s, source.scenario, target.scenario, t));
            }
            checks.extend(target_packing(target.scenario, to));
        }
        let verdict = checks
            .iter()
            .map(MigrationCheck::verdict)
            .fold(MigrationVerdict::Migrates, MigrationVerdict::min);
        Migration {
            verdict,
            checks,
            source_cells: source_cells.unwrap_or_default(),
            source_cells_from: cells_from,
            target_nodes: target_placement.map_or_else(Vec::new, |p| p.nodes.clone()),
        }
    }
}

/// One way between the first host and the second under one of the first
/// host's policies; the second host under its own policy when it has one.
pub struct Direction<'r> {
    /// First host to second, or back.
    pub a_to_b: bool,
    pub from: &'r Report,
    pub from_policy: Policy,
    pub to: &'r Report,
    pub to_policy: Policy,
}

impl<'r> Direction<'r> {
    /// Both ways between `a` and `b` under the first host's `policy`.
    pub fn both(
        a: &'r Report,
        b: &'r Report,
        policy: Policy,
        b_policy: Option<Policy>,
    ) -> [Direction<'r>; 2] {
        let bp = b_policy.unwrap_or(policy);
        [
            Direction {
                a_to_b: true,
                from: a,
                from_policy: policy,
                to: b,
                to_policy: bp,
            },
            Direction {
                a_to_b: false,
                from: b,
                from_policy: bp,
                to: a,
                to_policy: policy,
            },
        ]
    }

    pub fn migration(&self) -> Migration {
        Migration::new(self.from, self.from_policy, self.to, self.to_policy)
    }

    /// `migrates_for_vcpus` this way.
    pub fn migrates_for_vcpus(&self) -> Option<Vec<(u32, u32)>> {
        migrates_for_vcpus(
            &self.from.scenario,
            self.from_policy,
            &self.to.scenario,
            self.to_policy,
        )
    }
}

/// The most vCPU counts `migrates_for_vcpus` judges one by one.
pub const MOST_COUNTS: u32 = 1024;

/// The vCPU counts whose migration from `source` (under `from`) to
/// `target` (under `to`) migrates, the VM's other settings held, as
/// inclusive ranges; judged count by count, so `None` past `MOST_COUNTS`
/// counts (the smaller host's CPUs).
pub fn migrates_for_vcpus(
    source: &Scenario,
    from: Policy,
    target: &Scenario,
    to: Policy,
) -> Option<Vec<(u32, u32)>> {
    let last = source
        .host
        .total_cpus()
        .min(target.host.total_cpus())
        .min(Field::Vcpus.bounds().1);
    if last > MOST_COUNTS {
        return None;
    }
    let (mut a, mut b) = (source.clone(), target.clone());
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for v in 1..=last {
        let Some(vm) = source.vm.with_vcpus(v) else {
            continue;
        };
        a.vm = vm;
        b.vm = vm;
        let status = |s: &Scenario, p: Policy| {
            let host = &s.host;
            let class = SizeClass::against(
                v.into(),
                host.cpus_per_node().into(),
                host.total_cpus().into(),
            );
            CellOutcome::for_vm(&s.vm, class, p).status
        };
        let (sa, sb) = (status(&a, from), status(&b, to));
        let (va, vb) = (
            PolicyVerdict::new(&a, from, sa),
            PolicyVerdict::new(&b, to, sb),
        );
        let m = Migration::between(
            &Side {
                scenario: &a,
                verdict: &va,
                status: sa,
            },
            from,
            &Side {
                scenario: &b,
                verdict: &vb,
                status: sb,
            },
            to,
        );
        if m.verdict != MigrationVerdict::Migrates {
            continue;
        }
        match ranges.last_mut() {
            Some((_, end)) if *end + 1 == v => *end = v,
            _ => ranges.push((v, v)),
        }
    }
    Some(ranges)
}

/// X1: the target pod passes every admission check of the target host.
fn target_admission(checks: &[Check], to: Policy) -> MigrationCheck {
    let decided = || checks.iter().filter(|c| decided_before_migration(c.code));
    let failed: Vec<&Check> = decided()
        .filter(|c| c.result == CheckResult::Fail)
        .collect();
    let risky: Vec<&Check> = decided()
        .filter(|c| c.result == CheckResult::Risk)
        .collect();
    let codes = |list: &[&Check]| {
        list.iter()
            .map(|c| c.code.code())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (result, message) = if !failed.is_empty() {
        (
            CheckResult::Fail,
            trf!(
                "The target pod is not admitted under {to} ({checks}): no migration starts and the VM stays on the source.",
                to = to,
                checks = codes(&failed)
            ),
        )
    } else if !risky.is_empty() {
        (
            CheckResult::Risk,
            trf!(
                "The target pod may not be admitted under {to} ({checks}).",
                to = to,
                checks = codes(&risky)
            ),
        )
    } else {
        (
            CheckResult::Pass,
            trf!(
                "The target's kubelet admits the target pod under {to}.",
                to = to
            ),
        )
    };
    MigrationCheck::new(
        CheckCode::TargetAdmission,
        result,
        MigrationVerdict::Blocked,
        message,
        &Source::KUBERNETES_TOPOLOGY_MANAGER,
    )
}

/// The document's tested outcome for the VM's size under the target's
/// policy: a migration it says fails does.
fn document_status(status: Status, to: Policy) -> Option<MigrationCheck> {
    let (result, fails_as) = match status {
        Status::Works | Status::NotApplicable => return None,
        Status::Ambiguous => (CheckResult::Risk, MigrationVerdict::AtRisk),
        Status::MigrationFails | Status::VmDoesNotWork => {
            (CheckResult::Fail, MigrationVerdict::Fails)
        }
        Status::FailsToStart | Status::Unschedulable => {
            (CheckResult::Fail, MigrationVerdict::Blocked)
        }
    };
    Some(MigrationCheck::new(
        CheckCode::DocumentStatus,
        result,
        fails_as,
        trf!(
            "Red Hat's table gives this VM size under {to} on the target: {status}.",
            to = to,
            status = status.label()
        ),
        &Source::DOCUMENT_TABLE,
    ))
}

/// X2-X4: the guest keeps its k_S cells; the target pod's vCPUs on more
/// host nodes than that name cells the guest lacks, and libvirt refuses.
fn guest_cells(ks: usize, from: CellsFrom, target: &Placement) -> MigrationCheck {
    let kt = target.cells().count();
    let from = from.phrase();
    let (result, fails_as, message) = if kt > ks {
        (
            CheckResult::Fail,
            MigrationVerdict::Fails,
            trf!(
                "The guest has {ks} NUMA cell(s) from the source ({from}), and the target pod's vCPUs land on {kt} host nodes: the target's memory binding names a cell the guest lacks, libvirt refuses it (\"Argument 'cellid' in memnode element must correspond to existing guest's NUMA cell\") and the VM stays on the source.",
                ks = ks,
                from = from,
                kt = kt
            ),
        )
    } else if kt < ks {
        (
            CheckResult::Risk,
            MigrationVerdict::AtRisk,
            trf!(
                "The guest has {ks} NUMA cells from the source ({from}) and the target pod's vCPUs land on {kt} host node(s): the cells without a node of their own fall back to the nodes the target binds, which must then hold their pages too (inferred, medium confidence).",
                ks = ks,
                from = from,
                kt = kt
            ),
        )
    } else if !target.certain && kt > 1 {
        (
            CheckResult::Risk,
            MigrationVerdict::Fails,
            trf!(
                "The guest keeps its {ks} cells ({from}); the target pod spans {kt} nodes too, but which ones the target's kubelet picks is not certain.",
                ks = ks,
                from = from,
                kt = kt
            ),
        )
    } else {
        (
            CheckResult::Pass,
            MigrationVerdict::Fails,
            trf!(
                "The guest keeps its {ks} NUMA cell(s) ({from}), and the target pod's vCPUs land on as many host nodes.",
                ks = ks,
                from = from
            ),
        )
    };
    MigrationCheck::new(
        CheckCode::GuestCells,
        result,
        fails_as,
        message,
        &Source::LIBVIRT_MEMNODE,
    )
}

/// X4/X5: each guest cell's pages (the source's split) free on the target
/// node that holds it. None when the pages or the target's free pages per
/// node are unknown.
fn target_pages(
    source: &[NodeShare],
    source_scenario: &Scenario,
    target_scenario: &Scenario,
    target: &Placement,
) -> Option<MigrationCheck> {
    let size = source_scenario.vm.hugepage_size()?.code();
    let free = target_scenario.host.free_hugepages()?;
    let split: Vec<u64> = source.iter().map(|c| c.pages).collect::<Option<_>>()?;
    let pages: u64 = split.iter().sum();
    let ks = source.len();
    let cells: Vec<&NodeShare> = target.cells().collect();
    let (result, detail) = if cells.len() < ks {
        let held: u64 = cells.iter().map(|c| free[c.node as usize]).sum();
        if held < pages {
            (
                CheckResult::Fail,
                trf!(
                    "the target nodes the guest's cells bind to have {held} free pages for its {pages} x {size}",
                    held = held,
                    pages = pages,
                    size = size
                ),
            )
        } else {
            (
                CheckResult::Risk,
                trf!(
                    "the target nodes the guest's cells bind to have {held} free pages for its {pages} x {size}, if the cells without a node of their own take theirs there",
                    held = held,
                    pages = pages,
                    size = size
                ),
            )
        }
    } else if cells.len() == 1 && !target.certain {
        // One cell, on a node the target's kubelet picks among candidates.
        let need = split[0];
        let holding = target
            .candidates
            .iter()
            .filter(|&&i| free[i as usize] >= need)
            .count();
        let result = match holding {
            0 => CheckResult::Fail,
            n if n == target.candidates.len() => CheckResult::Pass,
            _ => CheckResult::Risk,
        };
        (
            result,
            trf!(
                "the guest's one cell needs {need} x {size}; {holding} of the {candidates} target nodes the kubelet may pick have that many free",
                need = need,
                size = size,
                holding = holding,
                candidates = target.candidates.len()
            ),
        )
    } else {
        let short: Vec<String> = cells
            .iter()
            .zip(&split)
            .filter(|(c, &need)| free[c.node as usize] < need)
            .map(|(c, need)| {
                trf!(
                    "node {node} has {free} free for a cell of {need}",
                    node = c.node,
                    free = free[c.node as usize],
                    need = need
                )
            })
            .collect();
        if short.is_empty() {
            (
                CheckResult::Pass,
                trf!(
                    "every guest cell's pages are free on the target node that holds it ({size} pages)",
                    size = size
                ),
            )
        } else {
            (CheckResult::Fail, short.join("; "))
        }
    };
    let message = match result {
        CheckResult::Fail => trf!(
            "Huge pages on the target: {detail}. QEMU on the target cannot allocate the guest's memory and the migration fails.",
            detail = detail
        ),
        _ => trf!("Huge pages on the target: {detail}.", detail = detail),
    };
    Some(MigrationCheck::new(
        CheckCode::TargetPages,
        result,
        MigrationVerdict::Fails,
        message,
        &Source::KUBEVIRT_NUMA,
    ))
}

/// X6: under none the target's CPU manager packs the pod from its fullest
/// node up; with the target's free CPUs given the planner places it so,
/// otherwise a busy target can split a VM that one node would hold. A risk
/// either way (L1).
fn target_packing(target: &Scenario, to: Policy) -> Option<MigrationCheck> {
    if to != Policy::None {
        return None;
    }
    let host = &target.host;
    // The 4.20 release notes name any vNUMA VM under none (CNV-70330), so
    // this stays a risk even where the packing is known.
    let message = if host.free_cpus_given() {
        tr("Under none the target's CPU manager packs the pod from the node with the fewest free CPUs up, so the target nodes above follow that order (its free CPUs are given), and the 4.20 release notes still list any vNUMA VM's migration under none as a known issue (CNV-70330).")
    } else {
        tr("Under none the target's CPU manager packs the pod from the node with the fewest free CPUs up, so on a busy target even a VM that one node would hold can be split over more nodes than it has cells; give the target's free CPUs per node to know.")
    };
    Some(MigrationCheck::new(
        CheckCode::TargetPacking,
        CheckResult::Risk,
        MigrationVerdict::Fails,
        message.to_string(),
        &Source::KUBERNETES_CPU_MANAGER_STATIC,
    ))
}
