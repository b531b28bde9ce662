// Measures, in one run, navigation to a painted grid for the planner and for
// the same 12 cells as static HTML served the same way; prints both medians
// and their ratio. A figure for the README, not a pass/fail on time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { useServerAndBrowser } from "./harness.mjs";

const shared = useServerAndBrowser();
const RUNS = 9;

const STATIC = `<!doctype html><html lang=en><meta charset=utf-8><title>grid</title>
<table class=grid><tr><th>VM size<th>none<th>single-numa-node<th>best-effort<th>restricted
<tr><th>Small<td>Migrates<td>Migrates<td>Migrates<td>Migrates
<tr><th>Large<td>Migration fails<td>Migrates<td>Migrates<td>Migrates
<tr><th>Extra large<td>Migrates<td>Fails to start<td>Migrates<td>Does not work</table>`;

async function staticServer() {
  const server = createServer((req, res) => res.writeHead(200, { "content-type": "text/html" }).end(STATIC));
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { origin: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) };
}

/// Milliseconds from navigation start to the grid's cells painted, and for
/// the planner from the wasm's arrival to the grid, split.
async function timeToGrid(origin) {
  const context = await shared.browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(splitInstantiation);
  await page.goto(origin + "/");
  await page.waitForFunction(() => window.__startup.painted !== undefined);
  const times = await page.evaluate(() => {
    const { painted: now, inDom } = window.__startup;
    const wasm = performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm"));
    if (!wasm) return { grid: now, wasmToGrid: null };
    const { called, compiled, instantiated } = window.__startup;
    return {
      grid: now,
      wasmToGrid: now - wasm.responseEnd,
      fetchToLoader: called - wasm.responseEnd,
      compile: compiled - Math.max(called, wasm.responseEnd),
      instantiate: instantiated - compiled,
      render: inDom - instantiated,
      layoutAndPaint: now - inDom,
    };
  });
  await context.close();
  return times;
}

/// Runs in the page before its scripts: the glue's one
/// `instantiateStreaming` becomes a compile and an instantiation, each timed
/// (compiling overlaps the download, so its figure is what is left after the
/// last byte arrived). The rest to the grid in the DOM is the first render,
/// then the frame that paints it.
function splitInstantiation() {
  window.__startup = {};
  new MutationObserver((_, observer) => {
    if (document.querySelectorAll("table.grid td").length < 12) return;
    observer.disconnect();
    window.__startup.inDom = performance.now();
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (window.__startup.painted = performance.now());
      channel.port2.postMessage(0);
    });
  }).observe(document, { childList: true, subtree: true });
  WebAssembly.instantiateStreaming = async (source, imports) => {
    window.__startup.called = performance.now();
    const module = await WebAssembly.compileStreaming(source);
    window.__startup.compiled = performance.now();
    const instance = await WebAssembly.instantiate(module, imports);
    window.__startup.instantiated = performance.now();
    return { module, instance };
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test("navigation to a painted grid: the planner against static HTML", async () => {
  const plain = await staticServer();
  try {
    const planner = [];
    const html = [];
    for (let i = 0; i < RUNS; i++) {
      planner.push(await timeToGrid(shared.server.origin));
      html.push(await timeToGrid(plain.origin));
    }
    const p = median(planner.map((t) => t.grid));
    const h = median(html.map((t) => t.grid));
    const w = median(planner.map((t) => t.wasmToGrid));
    const part = (key) => median(planner.map((t) => t[key])).toFixed(1);
    console.log(
      `nav-to-grid median: planner ${p.toFixed(1)} ms, static HTML ${h.toFixed(1)} ms, ratio ${(p / h).toFixed(1)}; wasm-to-grid ${w.toFixed(1)} ms (${RUNS} runs each)`,
    );
    console.log(
      `wasm-to-grid split (medians): the loader asked for the wasm ${part("fetchToLoader")} ms after it arrived, compile ${part("compile")} ms, instantiate ${part("instantiate")} ms, first render ${part("render")} ms, then layout and paint ${part("layoutAndPaint")} ms`,
    );
    assert.ok(planner.every((t) => t.wasmToGrid !== null), "the planner's grid came from its wasm");
  } finally {
    await plain.close();
  }
});
