//! The planner page: a thin Leptos layer over `domain`.
//!
//! A reactive value in `view!` is written as a closure at its site
//! (`class:chosen=move || is_chosen()`, not `class:chosen=is_chosen`): with
//! `--cfg erase_components` (see .cargo/config.toml) the macro then wraps it
//! in one shared, type-erased function per value type instead of compiling
//! the attribute's code again for every closure type, which keeps the wasm
//! smaller. Clippy's `redundant_closure` cannot see that.
#![allow(clippy::redundant_closure)]

mod advisories;
mod app;
mod browser;
pub mod cell_detail;
mod checks;
pub mod embed_panel;
mod explanation;
pub mod extras;
mod fatal;
mod field;
pub mod fixes_view;
mod grid;
mod inputs;
mod link_notice;
mod migration_slot;
pub mod migration_view;
mod paste;
mod picture;
mod ruler;
mod share;
mod size_summary;
mod state;

pub use app::App;

use crate::domain::Lang;
use crate::i18n::{self, Catalogue};

/// Installs the panic screen and, once the page's language is known (its
/// catalogue fetched, unless English), mounts the page.
pub fn start() {
    fatal::install_panic_screen();
    let lang = browser::page_lang();
    if lang == Lang::En {
        return mount();
    }
    let loaded = browser::load_catalogue(lang.code());
    browser::then_text(
        loaded,
        Box::new(move |text| {
            // Unreadable or missing: the page stays English, and says so by
            // its `lang`.
            if let Ok(catalogue) = Catalogue::parse(lang, &text) {
                if catalogue.entries().next().is_some() {
                    i18n::activate(catalogue);
                }
            }
            mount();
        }),
    );
}

/// Removes the static grid the page opens with and mounts the page on
/// `<body>` in the same task: the static grid is never moved, so taking
/// over shifts no layout.
fn mount() {
    browser::set_root_attribute("lang", Some(i18n::active_lang().code()));
    browser::set_title(i18n::tr("vNUMA planner"));
    browser::remove_element("static-grid");
    leptos::mount::mount_to_body(App);
    // After the app, which marks the embed (it has no menu).
    browser::show_language_menu(i18n::active_lang().code());
}
