use super::cell::Cell;
use super::codes::{Policy, SizeClass, Status, TableSize};
use super::rules::{resolve, Rule};
use super::source::Source;
use super::vm::Vm;
use crate::i18n::tr;
use crate::trf;

/// Which rule of the planner decided a cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// A document row that names the VM's size.
    SizeRow,
    /// A document `any` row, filling a size that has no row of its own.
    AnyRow,
    /// Exact half of a node: the small and large rows agree.
    HalfBoundaryAgree,
    /// Exact half of a node: the small and large rows disagree.
    HalfBoundaryDisagree,
    /// More vCPUs than the host: beyond the document.
    BeyondHost,
    /// A VM on shared CPUs: the document's rows are not about it.
    SharedCpus,
}

impl Decision {
    /// How the planner reached the answer, for people.
    pub fn explain(self) -> &'static str {
        match self {
            Decision::SizeRow => tr("Taken from the document row for this size and policy."),
            Decision::AnyRow => tr(
                "Taken from the document's \"any size\" row for this policy: no row names this size, so the general row applies."
            ),
            Decision::HalfBoundaryAgree => tr(
                "The VM is exactly half a NUMA node, which the document calls neither small nor large; the small and large rows agree, so that answer is shown."
            ),
            Decision::HalfBoundaryDisagree => tr(
                "The VM is exactly half a NUMA node, which the document calls neither small nor large; the small and large rows disagree, so the outcome is undefined."
            ),
            Decision::BeyondHost => tr(
                "Not from the document: the VM needs more vCPUs than the whole host has, so no policy can place it."
            ),
            Decision::SharedCpus => tr(
                "Not from the document: the VM runs on shared CPUs, and the table's rows are for VMs with dedicated CPUs and guest NUMA passthrough, so no cell is this VM's. On shared CPUs it has no guest NUMA cells pinned to host nodes: no NUMA guarantees, none of the admission checks of dedicated CPUs, and a live migration like any VM's, with no NUMA cells to match on the target."
            ),
        }
    }

    /// What a decision the document does not make rests on, when the
    /// planner cites it beside the decision.
    pub const fn source(self) -> Option<&'static Source> {
        match self {
            Decision::SharedCpus => Some(&Source::KUBEVIRT_DEDICATED_CPUS),
            _ => None,
        }
    }
}

/// The answer for one policy, with the rows behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellOutcome {
    pub policy: Policy,
    pub status: Status,
    /// Document rows behind the answer: one, two at the exact half, none when
    /// the VM cannot run on the host.
    pub rules: Vec<&'static Rule>,
    pub decision: Decision,
}

impl CellOutcome {
    /// The outcome of a VM of `class` under `policy`.
    pub fn new(class: SizeClass, policy: Policy) -> CellOutcome {
        let rules: Vec<&'static Rule> = TableSize::rows_for(class)
            .iter()
            .map(|&size| resolve(size, policy))
            .collect();
        let (status, decision) = match rules.as_slice() {
            [] => (Status::Unschedulable, Decision::BeyondHost),
            [rule] if rule.is_any() => (rule.status, Decision::AnyRow),
            [rule] => (rule.status, Decision::SizeRow),
            [first, rest @ ..] if rest.iter().all(|r| r.status == first.status) => {
                (first.status, Decision::HalfBoundaryAgree)
            }
            _ => (Status::Ambiguous, Decision::HalfBoundaryDisagree),
        };
        CellOutcome {
            policy,
            status,
            rules,
            decision,
        }
    }

    /// The outcome of `vm`, of `class`, under `policy`. The table's rows
    /// were tested with dedicated CPUs and guest NUMA passthrough; a VM on
    /// shared CPUs gets none of its cells as its own.
    pub fn for_vm(vm: &Vm, class: SizeClass, policy: Policy) -> CellOutcome {
        if vm.dedicated_cpus() {
            CellOutcome::new(class, policy)
        } else {
            CellOutcome::not_applicable(policy)
        }
    }

    /// A VM on shared CPUs under `policy`: the table does not apply, so no
    /// row and no status of the document's.
    fn not_applicable(policy: Policy) -> CellOutcome {
        CellOutcome {
            policy,
            status: Status::NotApplicable,
            rules: Vec::new(),
            decision: Decision::SharedCpus,
        }
    }

    /// Whether the document's table speaks of this VM.
    pub fn applies(&self) -> bool {
        self.decision != Decision::SharedCpus
    }

    /// The outcome of one cell of the document's grid.
    pub fn of_cell(cell: Cell) -> CellOutcome {
        CellOutcome::new(cell.size.class(), cell.policy)
    }

    /// Row numbers, for JSON and display.
    pub fn rows(&self) -> Vec<u8> {
        self.rules.iter().map(|r| r.row).collect()
    }

    /// The rows behind the answer for people: "row 7", "row 2, any size",
    /// "rows 3 + 2", or "no document row".
    pub fn rows_text(&self) -> String {
        match self.rules.as_slice() {
            [] => tr("no document row").to_string(),
            [rule] if rule.is_any() => trf!("row {row}, any size", row = rule.row),
            [rule] => trf!("row {row}", row = rule.row),
            rules => {
                let rows: Vec<String> = rules.iter().map(|r| r.row.to_string()).collect();
                trf!("rows {rows}", rows = rows.join(" + "))
            }
        }
    }

    /// Why the cell says what it says, in one sentence: the row's summary,
    /// or how the planner decided when no single row does.
    pub fn reason(&self) -> &'static str {
        match self.rules.as_slice() {
            [rule] => rule.summary(),
            _ => self.decision.explain(),
        }
    }
}
