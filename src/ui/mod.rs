//! The planner page: a thin Leptos layer over `domain`.

mod advisories;
mod app;
mod browser;
mod explanation;
mod fatal;
mod field;
mod grid;
mod inputs;
mod markup;
mod picture;
mod ruler;
mod share;
mod size_summary;
mod state;

pub use app::App;

/// Installs the panic screen and mounts the page on `<body>`.
pub fn start() {
    fatal::install_panic_screen();
    leptos::mount::mount_to_body(App);
}
