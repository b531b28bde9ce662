use super::policy::Policy;
use super::rules::{Rule, TableSize, RULES};
use super::size::SizeClass;
use super::status::Status;

/// The document rows that could fill one cell, most specific first:
/// rows naming this size, then `any` rows.
pub fn candidates(size: TableSize, policy: Policy) -> (Vec<&'static Rule>, Vec<&'static Rule>) {
    let for_policy = || RULES.iter().filter(move |r| r.policy == policy);
    (
        for_policy().filter(|r| r.size.names(size)).collect(),
        for_policy().filter(|r| r.is_any()).collect(),
    )
}

/// The one row behind a cell of the document's grid: a row that names the
/// size wins over an `any` row. `None` when the table gives no single answer
/// (the table's tests make sure all 12 cells have one).
pub fn resolve(size: TableSize, policy: Policy) -> Option<&'static Rule> {
    let (specific, any) = candidates(size, policy);
    match (specific.as_slice(), any.as_slice()) {
        ([rule], _) => Some(rule),
        ([], [rule]) => Some(rule),
        _ => None,
    }
}

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
    /// The table had no single row (never for the shipped table).
    NoRow,
}

impl Decision {
    /// How the planner reached the answer, for people.
    pub const fn explain(self) -> &'static str {
        match self {
            Decision::SizeRow => "Taken from the document row for this size and policy.",
            Decision::AnyRow => {
                "Taken from the document's \"any size\" row for this policy: no row names this size, so the general row applies."
            }
            Decision::HalfBoundaryAgree => {
                "The VM is exactly half a NUMA node, which the document calls neither small nor large; the small and large rows agree, so that answer is shown."
            }
            Decision::HalfBoundaryDisagree => {
                "The VM is exactly half a NUMA node, which the document calls neither small nor large; the small and large rows disagree, so the outcome is undefined."
            }
            Decision::BeyondHost => {
                "Not from the document: the VM needs more vCPUs than the whole host has, so no policy can place it."
            }
            Decision::NoRow => "The document's table gives no single row for this cell.",
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
    /// Row numbers, for JSON and display.
    pub fn rows(&self) -> Vec<u8> {
        self.rules.iter().map(|r| r.row).collect()
    }

    /// The rows behind the answer for people: "row 7", "row 2, any size",
    /// "rows 3 + 2", or "no document row".
    pub fn rows_text(&self) -> String {
        match self.rules.as_slice() {
            [] => "no document row".to_string(),
            [rule] if rule.is_any() => format!("row {}, any size", rule.row),
            [rule] => format!("row {}", rule.row),
            rules => {
                let rows: Vec<String> = rules.iter().map(|r| r.row.to_string()).collect();
                format!("rows {}", rows.join(" + "))
            }
        }
    }
}

/// The outcome of a VM of `class` under `policy`.
pub fn outcome_for(class: SizeClass, policy: Policy) -> CellOutcome {
    let sizes = TableSize::rows_for(class);
    let found: Vec<Option<&'static Rule>> = sizes.iter().map(|&s| resolve(s, policy)).collect();
    let rules: Vec<&'static Rule> = found.iter().flatten().copied().collect();
    let (status, decision) = if class == SizeClass::ExceedsHost {
        (Status::Unschedulable, Decision::BeyondHost)
    } else if rules.len() != sizes.len() {
        (Status::Ambiguous, Decision::NoRow)
    } else if class == SizeClass::HalfBoundary {
        if rules.iter().all(|r| r.status == rules[0].status) {
            (rules[0].status, Decision::HalfBoundaryAgree)
        } else {
            (Status::Ambiguous, Decision::HalfBoundaryDisagree)
        }
    } else if rules[0].is_any() {
        (rules[0].status, Decision::AnyRow)
    } else {
        (rules[0].status, Decision::SizeRow)
    };
    CellOutcome {
        policy,
        status,
        rules,
        decision,
    }
}
