//! The planner page (wasm only): `trunk build` compiles this binary.

#[cfg(target_arch = "wasm32")]
fn main() {
    vnuma_planner::ui::start();
}

// Natively this crate is the command line (`vnuma-planner`); the page needs a browser.
#[cfg(not(target_arch = "wasm32"))]
fn main() {}
