//! A VM's guest memory and huge page size.

use super::kind::VmKind;
use crate::domain::{format_bytes, Field, HugepageSize};
use crate::import::error::token;
use crate::import::origin::{Origin, Origins};
use crate::import::pages::from_quantity;
use crate::import::quantity::memory_bytes;
use crate::import::yaml::Place;
use crate::import::ImportError;
use crate::share::HUGEPAGE_SIZE;

/// A VM's memory as read, where each value came from, and the read lines
/// written from that.
pub struct Memory {
    pub bytes: Option<u64>,
    pub hugepage_size: Option<HugepageSize>,
    pub origins: Origins,
    pub lines: Vec<String>,
}

/// The guest memory and huge page size of `object`: `memory.guest`, else the
/// memory request, else the memory limit (instance types have only
/// `memory.guest`); the page size from `memory.hugepages.pageSize`.
pub fn guest_memory(object: &Place, kind: VmKind, from: &Origin) -> Result<Memory, ImportError> {
    let layout = kind.layout();
    let memory = object.at(layout.memory);
    let mut places = vec![(memory.at("guest"), "")];
    if let Some(resources) = layout.resources.map(|r| object.at(r)) {
        places.push((
            resources.at("requests.memory"),
            " (no memory.guest: KubeVirt gives the guest the memory request)",
        ));
        places.push((
            resources.at("limits.memory"),
            " (no memory.guest or memory request: the request defaults to the limit)",
        ));
    }
    let mut lines = Vec::new();
    let mut origins = Vec::new();
    let mut bytes = None;
    for (place, why) in &places {
        if let Some(found) = memory_bytes(place)? {
            let shown = spelled(&format_bytes(found), place);
            let at = from.at(&place.path);
            lines.push(format!("guest memory {shown} from {at}{why}"));
            origins.push((Field::Memory.key(), at));
            bytes = Some(found);
            break;
        }
    }
    let page = memory.at("hugepages.pageSize");
    let hugepage_size = page
        .string()
        .map(|text| {
            from_quantity(&text).ok_or_else(|| {
                page.error(format!(
                    "huge page size {} is not one the planner knows: use 2Mi or 1Gi.",
                    token(text.trim())
                ))
            })
        })
        .transpose()?;
    if let Some(size) = hugepage_size {
        let shown = spelled(size.code(), &page);
        let at = from.at(&page.path);
        lines.push(format!("huge page size {shown} from {at}"));
        origins.push((HUGEPAGE_SIZE, at));
    }
    Ok(Memory {
        bytes,
        hugepage_size,
        origins,
        lines,
    })
}

/// `value`, with the manifest's own spelling after it when that differs
/// ("1Gi (1024Mi)").
fn spelled(value: &str, place: &Place) -> String {
    match place.string() {
        Some(text) if text.trim() != value => format!("{value} ({})", token(text.trim())),
        _ => value.to_string(),
    }
}
