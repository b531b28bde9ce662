//! A PerformanceProfile's huge pages: `spec.hugepages.pages` (size, count,
//! optional node) and `spec.hugepages.defaultHugepagesSize`. These are the
//! pages configured at boot, not the free ones.

use super::hugepages::{of_size, Count, Found};
use super::kubelet::Sourced;
use crate::domain::{Field, HugepageSize};
use crate::import::error::token;
use crate::import::origin::Origin;
use crate::import::pages::{count, from_profile, node_at};
use crate::import::yaml::Place;
use crate::import::ImportError;
use yaml_rust2::Yaml;

/// The profile's pages of each size, and read lines about its default size
/// and the entries it left out.
pub fn hugepages(doc: &Yaml) -> Result<(Vec<Found>, Vec<String>), ImportError> {
    let hugepages = Place::root(doc).at("spec.hugepages");
    let default = hugepages.at("defaultHugepagesSize");
    let default_size = default.string().map(|text| (from_profile(&text), text));
    let mut notes = Vec::new();
    match &default_size {
        Some((Some(size), _)) => notes.push(format!(
            "default huge page size {size} from PerformanceProfile {}",
            default.path
        )),
        Some((None, text)) => notes.push(unknown(&default, text)),
        None => {}
    }
    let pages = hugepages.at("pages");
    let Some(entries) = pages.list("a list of pages (size, count, node)")? else {
        return Ok((Vec::new(), notes));
    };
    let from = Origin::new("PerformanceProfile", pages.path.clone());
    let mut found: Vec<Found> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let entry = Place::new(entry, format!("{}[{i}]", pages.path));
        let size_at = entry.at("size");
        let size = match (size_at.string(), &default_size) {
            (Some(text), _) => from_profile(&text).ok_or_else(|| unknown(&size_at, &text)),
            (None, Some((Some(size), _))) => Ok(*size),
            (None, _) => Err(format!(
                "{} ignored: no size and no known defaultHugepagesSize",
                entry.path
            )),
        };
        let size = match size {
            Ok(size) => size,
            Err(note) => {
                notes.push(note);
                continue;
            }
        };
        let pages = entry
            .at("count")
            .count(Field::FreeHugepages)?
            .map_or(0, u64::from);
        let slot = of_size(&mut found, size, Count::Configured, &from);
        match node_at(&entry.at("node"))? {
            Some(node) => slot.add(node, pages, &entry.path)?,
            None => add_unplaced(slot, pages, &entry.path)?,
        }
    }
    Ok((found, notes))
}

/// Adds pages given without a node.
fn add_unplaced(found: &mut Found, pages: u64, at: &str) -> Result<(), ImportError> {
    let unplaced = match &mut found.unplaced {
        Some(unplaced) => {
            unplaced.from.path.push_str(&format!(", {at}"));
            unplaced
        }
        None => found
            .unplaced
            .insert(Sourced::new(0, Origin::new("PerformanceProfile", at))),
    };
    unplaced.value = count(unplaced.value.saturating_add(pages), at)?;
    Ok(())
}

/// The read line for a size the planner does not know.
fn unknown(place: &Place, text: &str) -> String {
    format!(
        "huge page size {} at PerformanceProfile {} ignored: the planner knows {} and {}",
        token(text.trim()),
        place.path,
        HugepageSize::TwoMi,
        HugepageSize::OneGi
    )
}
