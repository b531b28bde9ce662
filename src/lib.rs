//! vnuma-planner: will this KubeVirt VM start and live-migrate on this NUMA
//! host under this Topology Manager policy?
//!
//! `domain` is the classifier and its phrasing, shared by the command line
//! and the page. `form` (the inputs as typed) and `share` (permalinks, the
//! copyable answer) are plain Rust too. With the `import` feature, `import`
//! reads manifests and host output; with `cli`, `cli` is the command line; with the
//! `web` feature, `ui` is the Leptos page; with the `worker` feature,
//! `import_worker` runs the importers in the page's Web Worker; with
//! `cluster-worker`, `cluster_worker` answers the Cluster page in its own.

/// The wasm builds' allocator (the page's and the importer worker's):
/// smaller than Rust's default. talc's own condition: single-threaded wasm.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub mod domain;
pub mod form;
pub mod i18n;
pub mod share;

#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "import")]
pub mod import;

#[cfg(feature = "worker")]
pub mod import_worker;

#[cfg(feature = "cluster-worker")]
pub mod cluster_worker;

#[cfg(feature = "web")]
pub mod ui;
