//! The guest's NUMA cells as a running VM has them on a host (its libvirt
//! domain: `virsh dumpxml`): which host node each cell's memory is bound
//! to, its vCPUs and its memory. A live migration keeps these cells (X2),
//! so they, not the planner's placement, are the source's k_S.

use super::codes::HugepageSize;
use super::field::{Field, FieldError};
use super::host::Host;
use super::memory::{format_bytes, parse_quantity};
use super::number::parse_count;
use super::placement::NodeShare;
use super::quote::quote;
use super::vm::Vm;
use crate::i18n::tr;
use crate::trf;

/// Most cells read: KubeVirt makes one per host node, and a host has at
/// most 1024.
const MOST_CELLS: usize = 1024;

/// One guest NUMA cell of the running domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GuestCell {
    /// The host node its memory is bound to (`<memnode nodeset>`).
    pub node: u32,
    pub vcpus: u32,
    /// Bytes.
    pub memory: u64,
}

/// Reads `NODE:VCPUS:MEMORY` per cell, comma-separated, in cell order
/// ("0:12:8Gi,1:12:8Gi"); empty text is no cells. The node's bounds are a
/// host's (checked against the host in `check`), the vCPUs' the field's.
pub fn parse_guest_cells(text: &str) -> Result<Vec<GuestCell>, FieldError> {
    let field = Field::GuestCells;
    let text = text.trim();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let count = text.split(',').count();
    if count > MOST_CELLS {
        return Err(FieldError::new(
            field,
            trf!(
                "{field} has {count} cells; the planner reads at most {most}",
                field = field,
                count = count,
                most = MOST_CELLS
            ),
        ));
    }
    text.split(',')
        .enumerate()
        .map(|(i, entry)| {
            let at = |message: String| {
                FieldError::new(
                    field,
                    trf!(
                        "{field}, cell {cell}: {message}",
                        field = field,
                        cell = i,
                        message = message
                    ),
                )
            };
            let parts: Vec<&str> = entry.trim().split(':').collect();
            let [node, vcpus, memory] = parts[..] else {
                return Err(at(trf!(
                    "{entry} is not NODE:VCPUS:MEMORY (0:12:8Gi)",
                    entry = quote(entry.trim())
                )));
            };
            let node = node.trim();
            let node = node
                .parse::<u32>()
                .ok()
                .filter(|_| node.bytes().all(|b| b.is_ascii_digit()))
                .ok_or_else(|| {
                    at(trf!(
                        "the host node {node} is not a whole number",
                        node = quote(node)
                    ))
                })?;
            // The shared parsers' messages name the field; here they are
            // about one part of a cell.
            let part = |e: FieldError, name: &str| at(e.message.replacen(field.label(), name, 1));
            Ok(GuestCell {
                node,
                vcpus: parse_count(field, vcpus).map_err(|e| part(e, tr("its vCPUs")))?,
                memory: parse_quantity(field, memory).map_err(|e| part(e, tr("its memory")))?,
            })
        })
        .collect()
}

/// The cells as links carry them.
pub fn format_guest_cells(cells: &[GuestCell]) -> String {
    cells
        .iter()
        .map(|c| format!("{}:{}:{}", c.node, c.vcpus, format_bytes(c.memory)))
        .collect::<Vec<_>>()
        .join(",")
}

/// The cells' own rules against the host they run on and the VM: every
/// node is one of the host's, the vCPUs are the VM's, the memory is the
/// VM's when given, and each cell holds whole huge pages.
pub fn check(cells: &[GuestCell], host: &Host, vm: &Vm) -> Result<(), FieldError> {
    let field = Field::GuestCells;
    let bad = |message: String| Err(FieldError::new(field, format!("{field}: {message}")));
    let n = host.numa_nodes();
    if let Some((i, c)) = cells.iter().enumerate().find(|(_, c)| c.node >= n) {
        return bad(trf!(
            "cell {cell} is bound to host node {node}; the host has {nodes} NUMA nodes (0-{last})",
            cell = i,
            node = c.node,
            nodes = n,
            last = n - 1
        ));
    }
    let vcpus: u64 = cells.iter().map(|c| u64::from(c.vcpus)).sum();
    if vcpus != u64::from(vm.vcpus()) {
        return bad(trf!(
            "the cells have {vcpus} vCPUs; the VM has {vm_vcpus}",
            vcpus = vcpus,
            vm_vcpus = vm.vcpus()
        ));
    }
    let memory: u64 = cells.iter().map(|c| c.memory).sum();
    if let Some(m) = vm.memory_bytes().filter(|&m| m != memory) {
        return bad(trf!(
            "the cells have {memory} of memory; the VM has {vm_memory}",
            memory = format_bytes(memory),
            vm_memory = format_bytes(m)
        ));
    }
    if let Some(size) = vm.hugepage_size() {
        if let Some((i, c)) = cells
            .iter()
            .enumerate()
            .find(|(_, c)| !c.memory.is_multiple_of(size.bytes()))
        {
            return bad(trf!(
                "cell {cell}'s {memory} is not a whole number of {size} pages",
                cell = i,
                memory = format_bytes(c.memory),
                size = size.code()
            ));
        }
    }
    Ok(())
}

/// The guest's cells as `host` runs `vm`, each on its node with its vCPUs
/// and, when the page size is known, its pages; `None` when the host has
/// none for a VM of this many vCPUs (`migrates_for_vcpus` asks about other
/// counts, which are other VMs).
pub fn running_cells(host: &Host, vm: &Vm) -> Option<Vec<NodeShare>> {
    let cells = host.guest_cells();
    let vcpus: u64 = cells.iter().map(|c| u64::from(c.vcpus)).sum();
    if cells.is_empty() || vcpus != u64::from(vm.vcpus()) {
        return None;
    }
    let size = vm.hugepage_size().map(HugepageSize::bytes);
    Some(
        cells
            .iter()
            .map(|c| NodeShare {
                node: c.node,
                cpus: c.vcpus,
                vcpus: c.vcpus,
                pages: size.map(|s| c.memory / s),
            })
            .collect(),
    )
}
