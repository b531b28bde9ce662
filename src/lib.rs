//! vnuma-planner: will this KubeVirt VM start and live-migrate on this NUMA
//! host under this Topology Manager policy?
//!
//! `domain` is the classifier, shared by the command line and the page.
//! `form` (the page's inputs) and `share` (permalinks, the copyable answer)
//! are plain Rust too. `import` reads manifests and host output, `cli` is the
//! command line (both native only); `ui` is the Leptos page (wasm only).

pub mod domain;
pub mod form;
// Native only while the page's size budget has no room for a YAML parser.
#[cfg(not(target_arch = "wasm32"))]
pub mod import;
pub mod share;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod ui;
