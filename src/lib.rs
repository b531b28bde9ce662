//! vnuma-planner: will this KubeVirt VM start and live-migrate on this NUMA
//! host under this Topology Manager policy?
//!
//! `domain` is the classifier, shared by the command line and the page;
//! `form` is the page's input state as plain Rust; `ui` is the Leptos page
//! (wasm only) and `cli` the command line (native only).

pub mod domain;
pub mod form;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;

#[cfg(target_arch = "wasm32")]
pub mod ui;
