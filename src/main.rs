//! The `vnuma-planner` command line (native only).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    vnuma_planner::cli::run()
}

// The wasm build of this crate is the page (`vnuma-planner-web`); there is no
// command line in a browser.
#[cfg(target_arch = "wasm32")]
fn main() {}
