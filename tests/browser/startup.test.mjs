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

/// Milliseconds from navigation start to the grid's cells in the DOM, and
/// for the planner from the wasm's arrival to the grid.
async function timeToGrid(origin, cells) {
  const context = await shared.browser.newContext();
  const page = await context.newPage();
  await page.goto(origin + "/");
  await page.waitForFunction((n) => document.querySelectorAll("table.grid td").length >= n, cells);
  const times = await page.evaluate(() => {
    const now = performance.now();
    const wasm = performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm"));
    return { grid: now, wasmToGrid: wasm ? now - wasm.responseEnd : null };
  });
  await context.close();
  return times;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test("navigation to a painted grid: the planner against static HTML", async () => {
  const plain = await staticServer();
  try {
    const planner = [];
    const html = [];
    for (let i = 0; i < RUNS; i++) {
      planner.push(await timeToGrid(shared.server.origin, 12));
      html.push(await timeToGrid(plain.origin, 12));
    }
    const p = median(planner.map((t) => t.grid));
    const h = median(html.map((t) => t.grid));
    const w = median(planner.map((t) => t.wasmToGrid));
    console.log(
      `nav-to-grid median: planner ${p.toFixed(1)} ms, static HTML ${h.toFixed(1)} ms, ratio ${(p / h).toFixed(1)}; wasm-to-grid ${w.toFixed(1)} ms (${RUNS} runs each)`,
    );
    assert.ok(planner.every((t) => t.wasmToGrid !== null), "the planner's grid came from its wasm");
  } finally {
    await plain.close();
  }
});
