// Prints how long the page takes from an input event to a settled DOM
// (all reactive work done), for a 2-node and a 1024-node host with huge
// pages: a figure, not a test. Median of 60 edits of the vCPU count.
// Then pastes about 600 KB of YAML into the Paste panel and prints the
// main thread's longest task meanwhile (a long-task observer) and the
// time to the filled inputs: the parsing runs in the importer worker.
import { readFileSync } from "node:fs";
import { serveDist, launch, openPlanner } from "../tests/browser/harness.mjs";

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
} finally {
  await browser.close();
  await server.close();
}
