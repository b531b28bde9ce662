//! vnuma-planner: will this KubeVirt VM start and live-migrate on this NUMA
//! host under this Topology Manager policy?
//!
//! `domain` is the classifier, shared by the command line and the page;
//! `import` reads manifests and host output; `form` is the page's input state and `share` its permalink and answer,
//! both plain Rust; `ui` is the Leptos page
//! (wasm only) and `cli` the command line (native only).

pub mod domain;
pub mod form;
pub mod import;
pub mod share;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod ui;
