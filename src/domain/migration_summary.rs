//! A migration said briefly, for people: its verdict as words, the check
//! that decided it, what to do about it, and where each guest cell lands on
//! the target. The page's migration view and the Markdown answer both say
//! it this way.

use super::codes::{CheckCode, CheckResult, MigrationVerdict, Policy};
use super::migration::{Migration, MigrationCheck};
use super::placement::NodeShare;
use crate::i18n::tr;
use crate::trf;

impl MigrationVerdict {
    pub fn label(self) -> &'static str {
        match self {
            MigrationVerdict::NotRunning => tr("Not running on the source"),
            MigrationVerdict::Blocked => tr("Blocked"),
            MigrationVerdict::Fails => tr("Fails"),
            MigrationVerdict::AtRisk => tr("At risk"),
            MigrationVerdict::Migrates => tr("Migrates"),
        }
    }
}

/// One guest cell and the target node that takes it, or a target node the
/// pod's vCPUs land on with no guest cell for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Landing<'m> {
    /// The guest cell's number and its share of the source node.
    pub cell: Option<(usize, &'m NodeShare)>,
    /// The target node that holds the cell's vCPUs.
    pub target: Option<&'m NodeShare>,
}

impl Migration {
    /// The check that decided the verdict: the first that allows no better.
    /// `None` when every check passes.
    pub fn deciding(&self) -> Option<&MigrationCheck> {
        self.checks
            .iter()
            .find(|c| c.result != CheckResult::Pass && c.verdict() == self.verdict)
    }

    /// The reason for the verdict in one sentence.
    pub fn reason(&self) -> String {
        match self.deciding() {
            Some(check) => check.message.clone(),
            None => tr("The target admits the pod, and every guest cell keeps a node of its own with its pages there.").to_string(),
        }
    }

    /// What to change so the VM migrates, when it does not (`to`: the
    /// target's policy).
    pub fn what_to_do(&self, to: Policy) -> Option<&'static str> {
        let check = self.deciding()?;
        Some(match check.code {
            CheckCode::SourceRunning => tr("Make the VM run on the source first: its own verdict there says what stops it."),
            CheckCode::TargetAdmission => tr("Give the target room for the pod (free CPUs on the nodes its policy needs, free huge pages) or choose a target that has it: no migration starts until the target pod is admitted."),
            CheckCode::DocumentStatus if to == Policy::None => tr("Use best-effort or single-numa-node on the target's nodes: Red Hat's table has this size fail under none."),
            CheckCode::DocumentStatus => tr("Choose a target policy under which Red Hat's table has this size migrate (see the grid)."),
            CheckCode::GuestCells if check.result == CheckResult::Fail => tr("Choose a target with room for the VM on as few nodes as the guest has cells (free CPUs on one node for a one-cell guest), or start the VM where it gets as many cells as the target will spread it over."),
            CheckCode::GuestCells => tr("Make sure the target nodes the kubelet binds hold the pages of every guest cell, or choose a target where each cell gets a node of its own."),
            CheckCode::TargetPages => tr("Free enough huge pages for each guest cell on the target node that takes it, or choose a target node that has them."),
            CheckCode::TargetPacking => tr("Use best-effort instead of none on the target: it places the pod on the nodes with room instead of packing the fullest node first."),
            _ => tr("See the target's checks above."),
        })
    }

    /// Each guest cell in order with the target node that takes its vCPUs
    /// (the target's nodes with vCPUs, in order), then target nodes with
    /// vCPUs beyond the guest's cells.
    pub fn landings(&self) -> Vec<Landing<'_>> {
        let targets: Vec<&NodeShare> = self.target_nodes.iter().filter(|n| n.vcpus > 0).collect();
        let n = self.source_cells.len().max(targets.len());
        (0..n)
            .map(|i| Landing {
                cell: self.source_cells.get(i).map(|c| (i, c)),
                target: targets.get(i).copied(),
            })
            .collect()
    }

    /// The landings as one sentence each: the picture's text alternative.
    pub fn landing_lines(&self) -> Vec<String> {
        let pages = |share: &NodeShare| {
            share
                .pages
                .map_or(String::new(), |p| trf!(", {pages} huge pages", pages = p))
        };
        self.landings()
            .into_iter()
            .map(|l| match (l.cell, l.target) {
                (Some((i, cell)), Some(target)) => trf!(
                    "Guest cell {cell} ({vcpus} vCPUs{pages}, on source node {node}) goes to target node {target} ({target_vcpus} vCPUs there).",
                    cell = i,
                    vcpus = cell.vcpus,
                    pages = pages(cell),
                    node = cell.node,
                    target = target.node,
                    target_vcpus = target.vcpus
                ),
                (Some((i, cell)), None) => trf!(
                    "Guest cell {cell} ({vcpus} vCPUs{pages}, on source node {node}) gets no target node of its own.",
                    cell = i,
                    vcpus = cell.vcpus,
                    pages = pages(cell),
                    node = cell.node
                ),
                (None, Some(target)) => trf!(
                    "Target node {target} gets {vcpus} vCPUs but no guest cell: the guest has none left for it.",
                    target = target.node,
                    vcpus = target.vcpus
                ),
                (None, None) => String::new(),
            })
            .collect()
    }
}
