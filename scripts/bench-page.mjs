// Prints how long the page takes from an input event to a settled DOM
// (all reactive work done), for a 2-node and a 1024-node host with huge
// pages: a figure, not a test. Median of 30 edits of the vCPU count.
import { serveDist, launch, openPlanner } from "../tests/browser/harness.mjs";

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
      for (let i = 0; i < 30; i++) {
        input.value = String(20 + (i % 2) * 60);
        const t0 = performance.now();
        input.dispatchEvent(new Event("input", { bubbles: true }));
        // A timer runs after every microtask the event queued.
        await new Promise((r) => setTimeout(r, 0));
        out.push(performance.now() - t0);
      }
      return out.sort((a, b) => a - b);
    });
    const median = times[Math.floor(times.length / 2)];
    console.log(`input to update, ${name.padEnd(10)} median ${median.toFixed(2)} ms (max ${times.at(-1).toFixed(2)} ms, 30 edits)`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
