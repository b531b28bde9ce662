// Two hosts for one VM, and the vCPU counts that work per policy.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser, openPlanner, typeInto } from "./harness.mjs";

const shared = useServerAndBrowser();

/// The vCPU counts that work under `policy`, as the host's verdict list says.
async function worksFor(page, host, policy) {
  const text = await page.textContent(
    `.results[data-host='${host}'] .verdicts > li[data-policy='${policy}'] [data-works-for]`,
  );
  return text.replace("vCPU counts that work: ", "");
}

async function currentRowsOf(page, host) {
  return page.$$eval(`.results[data-host='${host}'] tr[aria-current='true']`, (rows) => rows.map((r) => r.dataset.size));
}

const NPS1_VS_NPS4 =
  "/?host_sockets=2&cores_per_socket=32&threads_per_core=2&vcpus=24&policy=single-numa-node" +
  "&b_host_sockets=2&b_cores_per_socket=32&b_nodes_per_socket=4&b_threads_per_core=2";

test("two hosts side by side from one link", async () => {
  const { page, context, errors } = await openPlanner(shared.browser, shared.server.origin, NPS1_VS_NPS4, {
    viewport: { width: 1400, height: 1000 },
  });
  assert.equal(await page.isChecked("#field-compare"), true);
  assert.equal(await page.inputValue("input[data-field='b_nodes_per_socket']"), "4");
  assert.match(await page.textContent("#results-title"), /First host: 2 NUMA nodes x 64 logical CPUs/);
  assert.match(await page.textContent("#compared-title"), /Second host: 8 NUMA nodes x 16 logical CPUs/);
  // The same 24 vCPUs: small on a node of 64, extra large on a node of 16.
  assert.deepEqual(await currentRowsOf(page, "a"), ["small"]);
  assert.deepEqual(await currentRowsOf(page, "b"), ["extra-large"]);
  const verdict = (host) =>
    page.getAttribute(`.results[data-host='${host}'] .verdicts > li[data-policy='single-numa-node']`, "data-verdict");
  assert.equal(await verdict("a"), "works");
  assert.equal(await verdict("b"), "fails-to-start");
  // Both highlight the cluster's policy.
  for (const host of ["a", "b"]) {
    assert.equal(
      await page.getAttribute(`.results[data-host='${host}'] thead th.chosen`, "data-policy"),
      "single-numa-node",
    );
  }
  // With SMT the PerformanceProfile's full-pcpus-only (implied under
  // single-numa-node) admits whole cores only.
  assert.equal(await worksFor(page, "a", "single-numa-node"), "even counts 2-64");
  assert.equal(await worksFor(page, "b", "single-numa-node"), "even counts 2-16");
  // Side by side: the second host's results start level with the first's, to its right.
  const a = await page.locator(".results[data-host='a']").boundingBox();
  const b = await page.locator(".results[data-host='b']").boundingBox();
  assert.ok(b.x >= a.x + a.width, `second host at x=${b.x}, first ends at ${a.x + a.width}`);
  assert.ok(Math.abs(b.y - a.y) < 2, `tops at ${a.y} and ${b.y}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page overflows by ${overflow}px`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("comparing starts from a copy of the host, follows its fields into the link, and stops", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin);
  assert.equal(await page.locator(".results[data-host='b']").count(), 0);
  await page.check("#field-compare");
  assert.equal(await page.inputValue("input[data-field='b_numa_nodes']"), "2");
  assert.equal(await page.inputValue("input[data-field='b_cpus_per_node']"), "32");
  await typeInto(page, "b_cpus_per_node", "16");
  await page.waitForFunction(() => location.search.includes("b_cpus_per_node=16"));
  assert.deepEqual(await currentRowsOf(page, "b"), ["extra-large"]);
  assert.deepEqual(await currentRowsOf(page, "a"), ["large"]);
  // A bad value is an error at the second host's field; the first host is untouched.
  await typeInto(page, "b_numa_nodes", "0");
  assert.match(await page.textContent("[data-error-for='b_numa_nodes']"), /at least 1/);
  assert.equal(await page.textContent("[data-error-for='numa_nodes']"), "");
  assert.equal(await page.getAttribute(".results[data-host='a']", "data-stale"), "false");
  assert.equal(await page.getAttribute(".results[data-host='b']", "data-stale"), "true");
  await page.uncheck("#field-compare");
  assert.equal(await page.locator(".results[data-host='b']").count(), 0);
  await page.waitForFunction(() => !location.search.includes("b_"));
  await context.close();
});

test("the vCPU counts that work follow the inputs, and stay visible at 360 px", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin, "/", {
    viewport: { width: 360, height: 800 },
  });
  // Under none no vNUMA VM is free of the migration risk (CNV-70330).
  assert.equal(await worksFor(page, "a", "none"), "none");
  assert.equal(await worksFor(page, "a", "best-effort"), "1-62");
  assert.equal(await worksFor(page, "a", "single-numa-node"), "1-32");
  await typeInto(page, "cpus_per_node", "24");
  assert.equal(await worksFor(page, "a", "single-numa-node"), "1-24");
  assert.equal(await worksFor(page, "a", "best-effort"), "1-46");
  const ranges = page.locator(".results[data-host='a'] .verdicts > li[data-policy='single-numa-node'] [data-works-for]");
  assert.ok(await ranges.isVisible());
  const box = await ranges.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 360, `ranges at ${box.x}..${box.x + box.width}`);
  // The grid's own ranges stay on screen too.
  const range = page.locator("tr[data-size='large'] .size-range");
  assert.ok(await range.isVisible());
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page overflows by ${overflow}px at 360 px`);
  await context.close();
});

test("the exact half has its own row where the host has one", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin, "/?vcpus=16&policy=best-effort");
  const half = page.locator("tr[data-size='half-boundary']");
  assert.match(await half.textContent(), /Exactly half\s*16 vCPUs\s*your VM/);
  assert.equal(await half.getAttribute("aria-current"), "true");
  const cell = (p) => page.locator(`tr[data-size='half-boundary'] td[data-policy='${p}']`);
  const status = (p) => cell(p).getAttribute("data-status");
  assert.equal(await status("none"), "ambiguous");
  assert.equal(await status("single-numa-node"), "works");
  assert.equal(await status("best-effort"), "works");
  // The cluster's policy is marked in the half row too.
  assert.match(await cell("best-effort").getAttribute("class"), /\bchosen\b/);
  assert.doesNotMatch((await cell("none").getAttribute("class")) ?? "", /\bchosen\b/);
  // Not the VM's size: the row stays, unmarked.
  await typeInto(page, "vcpus", "8");
  assert.equal(await half.getAttribute("aria-current"), null);
  assert.equal(await half.locator(".you").count(), 0);
  assert.match(await half.textContent(), /16 vCPUs/);
  await typeInto(page, "cpus_per_node", "31");
  assert.equal(await half.count(), 0, "no exact half on a node of 31");
  await context.close();
});
