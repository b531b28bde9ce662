//! A running VM's libvirt domain (`virsh dumpxml`, run in the
//! virt-launcher pod): its guest NUMA cells, the host node each cell's
//! memory is bound to (`numatune`), its vCPUs and huge page size. A live
//! migration keeps these cells (X2), so they are the source's k_S.

use crate::domain::{format_bytes, format_guest_cells, quote, GuestCell, HugepageSize};
use crate::import::error::token;
use crate::import::origin::Origin;
use crate::import::xml::{self, Element};
use crate::import::{CpuList, ImportError};

/// Most guest cells read (a host has at most 1024 NUMA nodes).
const MOST_CELLS: usize = 1024;

/// What the domain says about the VM as it runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunningDomain {
    /// Its guest NUMA cells in cell order, each on its host node.
    pub cells: Vec<GuestCell>,
    /// The vCPUs it runs with (`<vcpu current>`, else `<vcpu>`).
    pub vcpus: u32,
    /// Its huge page size, when it is one KubeVirt uses.
    pub hugepage_size: Option<HugepageSize>,
    /// `virsh dumpxml <name>`; the places below are paths in it.
    pub from: Origin,
    /// Read lines about what was not used.
    pub notes: Vec<String>,
}

impl RunningDomain {
    /// The guest's memory: its cells' memory together.
    pub fn memory(&self) -> u64 {
        self.cells.iter().map(|c| c.memory).sum()
    }

    /// The cells as the form holds them (`Field::GuestCells`).
    pub fn cells_text(&self) -> String {
        format_guest_cells(&self.cells)
    }

    /// "What was read from where": the cells, and the VM's values.
    pub(super) fn read_lines(&self) -> [String; 2] {
        let page = self
            .hugepage_size
            .map_or(String::new(), |s| format!(", huge page size {}", s.code()));
        [
            format!(
                "guest cells {} (host node:vCPUs:memory per cell) from {} cpu/numa and numatune: the VM as it runs on this host, whose cells a migration from it keeps",
                self.cells_text(),
                self.from
            ),
            format!(
                "vCPUs {}, guest memory {}{page} from {}: the VM's, where no VM file gives them",
                self.vcpus,
                format_bytes(self.memory()),
                self.from
            ),
        ]
    }
}

/// Whether `text` is an XML document, which among host texts only a
/// domain is: it starts with `<domain`, or with an XML declaration or a
/// document type (refused by `parse`, which says why).
pub fn looks_like(text: &str) -> bool {
    let start = text.trim_start();
    ["<domain", "<?xml", "<!DOCTYPE"]
        .iter()
        .any(|s| start.starts_with(s))
}

/// Reads a domain. The XML reader refuses documents with a DTD (so no
/// entity can expand), and the input is at most `MAX_INPUT_BYTES` long.
pub fn parse(text: &str) -> Result<RunningDomain, ImportError> {
    let root = xml::parse(text).map_err(|e| {
        ImportError::whole(format!(
            "This looks like virsh dumpxml output but is not XML the planner reads: {e}."
        ))
    })?;
    let root = &root;
    if root.name != "domain" {
        return Err(ImportError::whole(format!(
            "An XML document whose root is <{}> does not describe a host; the planner reads a libvirt domain (virsh dumpxml) here.",
            token(&root.name)
        )));
    }
    let name = root
        .child("name")
        .and_then(|n| n.text())
        .map_or_else(|| "(no name)".to_string(), |n| token(n.trim()));
    let from = Origin::new(format!("virsh dumpxml {name}"), "");
    let at = |path: &str| format!("{from} {path}");
    let vcpu = root
        .child("vcpu")
        .ok_or_else(|| ImportError::new(at("vcpu"), "the domain has no <vcpu> element."))?;
    let vcpus = match vcpu.attribute("current") {
        Some(current) => count(current),
        None => vcpu.text().and_then(count),
    }
    .ok_or_else(|| ImportError::new(at("vcpu"), "the vCPU count is not a whole number."))?;
    let numatune = root.child("numatune");
    // Cells without a memnode: the domain's own binding, when one node.
    let whole = numatune
        .and_then(|t| t.child("memory"))
        .and_then(|m| m.attribute("nodeset"));
    let memnodes: Vec<&Element> = numatune
        .map(|t| t.elements("memnode").collect())
        .unwrap_or_default();
    let numa = root.child("cpu").and_then(|c| c.child("numa"));
    let mut cells = Vec::new();
    let mut notes = Vec::new();
    match numa {
        Some(numa) => {
            if numa.elements("cell").nth(MOST_CELLS).is_some() {
                return Err(ImportError::new(
                    at("cpu/numa"),
                    format!("the domain has more than {MOST_CELLS} guest NUMA cells; a host has at most {MOST_CELLS} nodes."),
                ));
            }
            for (i, cell) in numa.elements("cell").enumerate() {
                let path = format!("cpu/numa/cell[{i}]");
                cells.push(
                    read_cell(cell, i, &memnodes, whole)
                        .map_err(|p| ImportError::new(at(&path), p))?,
                );
            }
        }
        None => {
            // One guest cell of every vCPU and all memory.
            let memory = root
                .child("memory")
                .ok_or_else(|| {
                    ImportError::new(at("memory"), "the domain has no <memory> element.")
                })
                .and_then(|m| bytes(m).map_err(|p| ImportError::new(at("memory"), p)))?;
            let node = one_node(whole).map_err(|p| {
                ImportError::new(
                    at("numatune/memory"),
                    format!("the domain has no guest NUMA cells (cpu/numa), so its one cell's memory is bound by numatune/memory, and {p}"),
                )
            })?;
            cells.push(GuestCell {
                node,
                vcpus,
                memory,
            });
        }
    }
    if cells.is_empty() {
        return Err(ImportError::new(
            at("cpu/numa"),
            "the domain's <numa> element has no <cell>.",
        ));
    }
    let page = root
        .child("memoryBacking")
        .and_then(|b| b.child("hugepages"))
        .map(|h| h.elements("page").collect::<Vec<_>>());
    let hugepage_size = match page.as_deref() {
        None => None,
        // `<hugepages/>` alone: the host's default size, not known here.
        Some([]) => {
            notes.push(format!("huge page size not read from {from} memoryBacking/hugepages: it names no page size (the host's default)"));
            None
        }
        Some([page]) => match bytes(page).ok() {
            Some(b) if b == HugepageSize::OneGi.bytes() => Some(HugepageSize::OneGi),
            Some(b) if b == HugepageSize::TwoMi.bytes() => Some(HugepageSize::TwoMi),
            size => {
                notes.push(format!(
                    "huge page size {} from {from} memoryBacking/hugepages/page not used: KubeVirt backs guests with 2Mi or 1Gi pages",
                    size.map_or_else(|| "(unreadable)".to_string(), format_bytes)
                ));
                None
            }
        },
        Some(_) => {
            notes.push(format!("huge page size not read from {from} memoryBacking/hugepages: it names several page sizes"));
            None
        }
    };
    Ok(RunningDomain {
        cells,
        vcpus,
        hugepage_size,
        from,
        notes,
    })
}

/// One `<cell id cpus memory unit>`: its vCPUs, memory and host node.
fn read_cell(
    cell: &Element,
    i: usize,
    memnodes: &[&Element],
    whole: Option<&str>,
) -> Result<GuestCell, String> {
    let id = cell
        .attribute("id")
        .map_or(Some(i), |id| count(id).map(|id| id as usize));
    if id != Some(i) {
        return Err(format!(
            "the cell's id is {}; libvirt numbers the cells 0, 1, ... in order, and this is cell {i}.",
            quote(cell.attribute("id").unwrap_or(""))
        ));
    }
    let cpus = cell
        .attribute("cpus")
        .ok_or("the cell has no cpus attribute.")?;
    let vcpus = vcpu_list(cpus)?.len();
    if vcpus == 0 {
        return Err("the cell has no vCPUs; the planner reads cells that hold vCPUs.".to_string());
    }
    let memory = bytes(cell)?;
    let bound = memnodes
        .iter()
        .find(|m| m.attribute("cellid").and_then(count) == Some(i as u32))
        .and_then(|m| m.attribute("nodeset"));
    let node = match bound {
        Some(set) => one_node(Some(set)).map_err(|p| format!("its numatune/memnode: {p}"))?,
        None => one_node(whole).map_err(|p| {
            format!(
                "the cell has no numatune/memnode, so numatune/memory binds its memory, and {p}"
            )
        })?,
    };
    Ok(GuestCell {
        node,
        vcpus,
        memory,
    })
}

/// The one host node of a nodeset; a set of several leaves the node that
/// holds a cell's memory unknown.
fn one_node(nodeset: Option<&str>) -> Result<u32, String> {
    let set = nodeset.ok_or("no host node is named (no nodeset).")?;
    let list = vcpu_list(set)?;
    let mut ids = list.ids();
    match (ids.next(), ids.next()) {
        (Some(node), None) => Ok(node),
        _ => Err(format!(
            "its nodeset {} is not one host node, so which node holds the cell's memory is not known; give the guest cells by hand (--guest-cells).",
            quote(set)
        )),
    }
}

/// A libvirt CPU or node list: "0-11", "0,2", with `^N` taking ids out.
fn vcpu_list(text: &str) -> Result<CpuList, String> {
    let (out, kept): (Vec<&str>, Vec<&str>) = text
        .split(',')
        .map(str::trim)
        .partition(|item| item.starts_with('^'));
    let list =
        |items: &[&str]| CpuList::parse(&items.join(",").replace('^', "")).map_err(|e| e.problem);
    Ok(list(&kept)?.without(&list(&out)?))
}

/// A whole count ("24").
fn count(text: &str) -> Option<u32> {
    let text = text.trim();
    text.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| text.parse().ok())
        .flatten()
}

/// An element's size in bytes: its `memory` attribute, or `size` for a
/// page, else its text, in its `unit` (libvirt's default: KiB).
fn bytes(node: &Element) -> Result<u64, String> {
    let value = node
        .attribute("memory")
        .or_else(|| node.attribute("size"))
        .or_else(|| node.text())
        .unwrap_or("");
    let unit = node.attribute("unit").unwrap_or("KiB");
    let scale: u64 = match unit {
        "b" | "bytes" => 1,
        "KB" => 1000,
        "k" | "KiB" => 1 << 10,
        "MB" => 1_000_000,
        "M" | "MiB" => 1 << 20,
        "GB" => 1_000_000_000,
        "G" | "GiB" => 1 << 30,
        "TB" => 1_000_000_000_000,
        "T" | "TiB" => 1 << 40,
        _ => {
            return Err(format!(
                "the memory unit {} is not one libvirt writes.",
                quote(unit)
            ))
        }
    };
    let digits = value.trim();
    digits
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| digits.parse::<u64>().ok())
        .flatten()
        .and_then(|v| v.checked_mul(scale))
        .filter(|&b| b > 0)
        .ok_or_else(|| {
            format!(
                "the memory size {} is not a whole number above 0.",
                quote(value)
            )
        })
}
