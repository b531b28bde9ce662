//! The planner page: `trunk build` compiles this binary to WebAssembly.

// talc's own condition: single-threaded wasm (no atomics).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    vnuma_planner::ui::start();
}
