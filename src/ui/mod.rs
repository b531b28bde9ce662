//! The planner page: a thin Leptos layer over `domain`.

mod advisories;
mod app;
mod browser;
mod checks;
mod explanation;
mod fatal;
mod field;
mod grid;
mod inputs;
mod paste;
mod picture;
mod ruler;
mod share;
mod size_summary;
mod state;

pub use app::App;

/// Installs the panic screen, removes the static grid the page opens with
/// and mounts the page on `<body>` in the same task: the static grid is
/// never moved, so taking over shifts no layout.
pub fn start() {
    fatal::install_panic_screen();
    browser::remove_element("static-grid");
    leptos::mount::mount_to_body(App);
}
