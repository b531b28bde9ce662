// Trunk post_build hook: the wasm, then the JS glue, in this order (Trunk
// starts the hooks of one stage together; the glue is pruned against the
// optimized wasm before it is minified).
await import("./optimize-wasm.mjs");
await import("./minify-js.mjs");
