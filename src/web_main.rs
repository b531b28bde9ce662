//! The planner page: `trunk build` compiles this binary to WebAssembly.

fn main() {
    vnuma_planner::ui::start();
}
