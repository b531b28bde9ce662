// Prints the page's figures (numbers, not tests; run it on a quiet machine):
//
// - startup: navigation to a painted grid, the planner against the same 12
//   cells as static HTML served the same way (medians of 9 runs each, and
//   their ratio), the first contentful paint (the static grid in
//   index.html), and the planner's time from the wasm's arrival to its grid,
//   split into compile, instantiate, first render, layout and paint;
// - how long the page takes from an input event to a settled DOM (all
//   reactive work done), for a 2-node and a 1024-node host with huge pages:
//   median of 60 edits of the vCPU count;
// - a paste of about 600 KB of YAML into the Paste panel: the main thread's
//   longest task meanwhile (a long-task observer) and the time to the
//   filled inputs (the parsing runs in the importer worker);
// - the Cluster view with a synthetic cluster of 500 nodes and 5,000 VMs:
//   the time from picking the files to the answer drawn.
import { readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { dirname } from "node:path";
import { clusterFiles } from "../tests/browser/synthetic-cluster.mjs";
import { serveDist, launch, openPlanner } from "../tests/browser/harness.mjs";

const STARTUP_RUNS = 9;

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

/// Milliseconds from navigation start to the grid's cells painted (and the
/// first contentful paint), and for the planner from the wasm's arrival to
/// the grid, split.
async function timeToGrid(browser, origin) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(splitInstantiation);
  await page.goto(origin + "/");
  await page.waitForFunction(() => window.__startup.painted !== undefined);
  const times = await page.evaluate(() => {
    const { painted: now, inDom } = window.__startup;
    const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null;
    const wasm = performance.getEntriesByType("resource").find((e) => e.name.endsWith(".wasm"));
    if (!wasm) return { grid: now, fcp, wasmToGrid: null };
    const { called, compiled, instantiated } = window.__startup;
    return {
      grid: now,
      fcp,
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
/// then the frame that paints it. (The static grid in index.html is a plain
/// table, not `table.grid`: the planner's grid is the wasm's.)
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

const middle = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/// The startup figures: the planner against static HTML, alternating runs.
async function startup(browser, origin) {
  const plain = await staticServer();
  try {
    const planner = [];
    const html = [];
    for (let i = 0; i < STARTUP_RUNS; i++) {
      planner.push(await timeToGrid(browser, origin));
      html.push(await timeToGrid(browser, plain.origin));
    }
    if (planner.some((t) => t.wasmToGrid === null)) throw new Error("the planner's grid came before its wasm");
    const part = (key) => middle(planner.map((t) => t[key])).toFixed(1);
    const [p, h] = [middle(planner.map((t) => t.grid)), middle(html.map((t) => t.grid))];
    console.log(
      `nav-to-grid median: planner ${p.toFixed(1)} ms, static HTML ${h.toFixed(1)} ms, ratio ${(p / h).toFixed(1)}; ` +
        `first contentful paint (the static grid) ${part("fcp")} ms; wasm-to-grid ${part("wasmToGrid")} ms ` +
        `(${STARTUP_RUNS} runs each)`,
    );
    console.log(
      `wasm-to-grid split (medians): the loader asked for the wasm ${part("fetchToLoader")} ms after it arrived, ` +
        `compile ${part("compile")} ms, instantiate ${part("instantiate")} ms, first render ${part("render")} ms, ` +
        `then layout and paint ${part("layoutAndPaint")} ms`,
    );
  } finally {
    await plain.close();
  }
}

/// About 600 KB of YAML: a VM, then many NodeResourceTopology objects'
/// worth of padding in a List, as a must-gather might hold.
function bigPaste() {
  const vm = readFileSync(new URL("../tests/fixtures/vm/vm-hugepages-1gi.yaml", import.meta.url), "utf8");
  const filler = [];
  for (let i = 0; filler.join("").length < 600 * 1024; i++) {
    filler.push(`  note-${i}: "${"x".repeat(60)}"\n`);
  }
  return vm.replace("metadata:\n", `metadata:\n  annotations:\n${filler.join("").replace(/^  /gm, "    ")}`);
}

const hosts = [
  ["2 nodes", 2, 32],
  ["1024 nodes", 1024, 64],
];
const server = await serveDist();
const browser = await launch();
try {
  await startup(browser, server.origin);
  for (const [name, nodes, cpus] of hosts) {
    const free = Array(nodes).fill(16).join(",");
    const path = `/?numa_nodes=${nodes}&cpus_per_node=${cpus}&vcpus=24&memory=16Gi&hugepage_size=1Gi&free_hugepages=${free}&policy=best-effort`;
    const { page, context } = await openPlanner(browser, server.origin, path);
    const times = await page.evaluate(async () => {
      const input = document.querySelector("input[data-field='vcpus']");
      const out = [];
      for (let i = 0; i < 60; i++) {
        input.value = String(20 + (i % 2) * 60);
        const tasks = [];
    new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration))).observe({
      type: "longtask",
    });
    const t0 = performance.now();
        input.dispatchEvent(new Event("input", { bubbles: true }));
        // A message task runs after every microtask the event queued (and,
        // unlike a timer, is never clamped).
        await new Promise((r) => {
          const channel = new MessageChannel();
          channel.port1.onmessage = r;
          channel.port2.postMessage(0);
        });
        out.push(performance.now() - t0);
      }
      return out.sort((a, b) => a - b);
    });
    const median = times[Math.floor(times.length / 2)];
    console.log(`input to update, ${name.padEnd(10)} median ${median.toFixed(2)} ms (max ${times.at(-1).toFixed(2)} ms, 60 edits)`);
    await context.close();
  }
  const { page, context } = await openPlanner(browser, server.origin, "/");
  await page.click("details.paste > summary");
  await page.waitForSelector("[data-paste]");
  const text = bigPaste();
  const result = await page.evaluate(async (text) => {
    document.querySelector("[data-paste]").value = text;
    // Laying out the text area's 600 KB is the browser's own work, as when
    // a user pastes; measure from the click on.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await new Promise((r) => setTimeout(r, 200));
    const tasks = [];
    new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration))).observe({
      type: "longtask",
    });
    const t0 = performance.now();
    document.querySelector('button[data-action="read"]').click();
    // The longest gap between 1 ms timers: how long the main thread was
    // busy at a stretch (the observer only reports tasks over 50 ms).
    let [gap, last] = [0, performance.now()];
    await new Promise((resolve) => {
      const done = () => document.querySelector("[data-from-for]") || document.querySelector("[data-paste-error]").textContent;
      const poll = () => {
        const now = performance.now();
        gap = Math.max(gap, now - last);
        last = now;
        done() ? resolve() : setTimeout(poll, 1);
      };
      poll();
    });
    const filled = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 100));
    const error = document.querySelector("[data-paste-error]").textContent;
    return { filled, gap, longest: Math.max(0, ...tasks), bytes: text.length, error };
  }, text);
  if (result.error) console.log(`paste: ${result.error}`);
  console.log(
    `paste ${(result.bytes / 1024).toFixed(0)} KB of YAML: inputs filled after ${result.filled.toFixed(0)} ms; ` +
      `main thread busy at most ${result.gap.toFixed(0)} ms at a stretch; long tasks over 50 ms: ` +
      (result.longest ? `${result.longest.toFixed(0)} ms` : "none"),
  );
  await context.close();
  // The Cluster view: a synthetic 500-node, 5,000-VM cluster picked on
  // cluster.html, from the pick to the capacity table (read, judged and
  // drawn; the work runs in the cluster's worker), and the worker's
  // memory (its wasm's linear memory) afterwards.
  {
    const files = clusterFiles(500, 5000);
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.origin + "/cluster.html");
    const started = Date.now();
    await page.setInputFiles("[data-files]", files);
    await page.waitForSelector("[data-capacity-total]", { timeout: 300_000 });
    const seconds = (Date.now() - started) / 1000;
    const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? 0);
    console.log(
      `cluster view, 500 nodes and 5,000 VMs: answered after ${seconds.toFixed(1)} s ` +
        `(the page's JS heap then ${(heap / 1e6).toFixed(0)} MB)`,
    );
    await context.close();
    rmSync(dirname(files[0]), { recursive: true, force: true });
  }
} finally {
  await browser.close();
  await server.close();
}
