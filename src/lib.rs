//! vnuma-planner: will this KubeVirt VM start and live-migrate on this NUMA
//! host under this Topology Manager policy?
//!
//! `domain` is the classifier, shared by the command line and the page.

pub mod domain;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
