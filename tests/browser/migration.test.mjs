// Live migration between two hosts on the page: the migration view, a
// second wasm fetched only once a second host is shown, with both
// directions under every policy, one policy in detail, and its answer.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser, openPlanner, typeInto } from "./harness.mjs";

const shared = useServerAndBrowser();

// Issue 21's example: a 24 vCPU VM between NPS1 (2 x 64) and NPS4 (8 x 16).
const NPS1_TO_NPS4 = "/?numa_nodes=2&cpus_per_node=64&vcpus=24&policy=best-effort&b_numa_nodes=8&b_cpus_per_node=16";

/** The verdict of one direction under one policy, as the table's button says. */
function verdict(page, way, policy) {
  return page.getAttribute(`button[data-migration='${way}'][data-policy='${policy}']`, "data-verdict");
}

const detail = (way) => `article[data-migration='${way}'][data-detail]`;

test("the migration view shows both directions, loaded only with a second host", async () => {
  const context = await shared.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const fetched = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(shared.server.origin + "/");
  await page.waitForSelector("table.grid");
  await page.waitForLoadState("networkidle");
  assert.deepEqual(
    fetched.filter((p) => p.includes("extras") || p.includes("migration")),
    [],
    "one host: the page's extras are not fetched",
  );
  await page.goto(shared.server.origin + NPS1_TO_NPS4);
  await page.waitForSelector(detail("a-to-b"));
  assert.ok(fetched.includes("/vnuma-planner-extras_bg.wasm"));
  // NPS1 -> NPS4 under best-effort: one guest cell, spread over two target nodes.
  assert.equal(await verdict(page, "a-to-b", "best-effort"), "fails");
  assert.equal(await page.getAttribute(detail("a-to-b"), "data-policy"), "best-effort");
  assert.equal(await page.getAttribute(detail("a-to-b"), "data-verdict"), "fails");
  assert.equal(await page.textContent(`${detail("a-to-b")} [data-migrates-for]`), "vCPU counts that migrate this way: 1-16");
  assert.equal(await page.locator(`${detail("a-to-b")} li[data-check='guest-cells'][data-result='fail']`).count(), 1);
  assert.match(await page.textContent(`${detail("a-to-b")} .todo`), /What to do: Choose a target with room/);
  // Back, the two NPS4 cells onto one NPS1 node: not a failure of the CPUs.
  assert.equal(await verdict(page, "b-to-a", "best-effort"), "at-risk");
  // Under single-numa-node the NPS4 target does not admit the pod, and the
  // VM does not run on NPS4 to begin with.
  assert.equal(await verdict(page, "a-to-b", "single-numa-node"), "blocked");
  assert.equal(await verdict(page, "b-to-a", "single-numa-node"), "not-running");
  // The picture: the cell, and a target node with vCPUs but no cell; its text beside it.
  assert.equal(await page.locator(`${detail("a-to-b")} .landing-col`).count(), 2);
  assert.equal(await page.locator(`${detail("a-to-b")} .landing-col.extra`).count(), 1);
  assert.match(await page.textContent(`${detail("a-to-b")} .landing-text`), /but no guest cell/);
  assert.equal(await page.getAttribute(`${detail("a-to-b")} .landing-picture`, "aria-hidden"), "true");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a verdict in the table opens its details, by mouse or keyboard", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin, NPS1_TO_NPS4);
  await page.waitForSelector(detail("a-to-b"));
  await page.click("button[data-migration='a-to-b'][data-policy='single-numa-node']");
  await page.waitForSelector(`${detail("a-to-b")}[data-policy='single-numa-node']`);
  assert.equal(await page.getAttribute(detail("a-to-b"), "data-verdict"), "blocked");
  assert.equal(await page.getAttribute(detail("b-to-a"), "data-verdict"), "not-running");
  assert.equal(
    await page.getAttribute("button[data-migration='a-to-b'][data-policy='single-numa-node']", "aria-pressed"),
    "true",
  );
  await page.focus("button[data-migration='b-to-a'][data-policy='restricted']");
  await page.keyboard.press("Enter");
  await page.waitForSelector(`${detail("b-to-a")}[data-policy='restricted']`);
  await context.close();
});

test("the view follows the second host's inputs and keeps its last result while one is wrong", async () => {
  const { page, context, errors } = await openPlanner(shared.browser, shared.server.origin, NPS1_TO_NPS4);
  await page.waitForSelector(detail("a-to-b"));
  // The target as NPS1 too: the same shape migrates under best-effort.
  await typeInto(page, "b_numa_nodes", "2");
  await typeInto(page, "b_cpus_per_node", "64");
  await page.waitForSelector(`${detail("a-to-b")}[data-verdict='migrates']`);
  // A target with 20 free CPUs on each node: its pod is not admitted under
  // single-numa-node, and best-effort spreads the one cell (issue 21).
  await page.click("fieldset[data-host='b'] details.host-details > summary");
  await typeInto(page, "b_free_cpus", "20,20");
  await page.waitForSelector(`${detail("a-to-b")}[data-verdict='fails']`);
  assert.equal(await verdict(page, "a-to-b", "single-numa-node"), "blocked");
  assert.equal(await verdict(page, "a-to-b", "restricted"), "blocked");
  await typeInto(page, "b_numa_nodes", "0");
  await page.waitForSelector("#migration-view .stale-notice:not([hidden])");
  assert.equal(await page.getAttribute(detail("a-to-b"), "data-verdict"), "fails");
  // Off and on again: a new slot, the view mounted again.
  await page.uncheck("#field-compare");
  assert.equal(await page.locator("section.migration").count(), 0);
  await page.check("#field-compare");
  await page.waitForSelector(detail("a-to-b"));
  assert.deepEqual(errors, []);
  await context.close();
});

test("at a tablet's width the target's result is within one screen of its inputs", async () => {
  const height = 1024;
  const { page, context } = await openPlanner(shared.browser, shared.server.origin, NPS1_TO_NPS4, {
    viewport: { width: 768, height },
  });
  await page.waitForSelector(detail("a-to-b"));
  const box = async (selector) => {
    const b = await page.locator(selector).boundingBox();
    return { top: b.y, bottom: b.y + b.height };
  };
  const inputs = await box("fieldset[data-host='b']");
  const result = await box(detail("a-to-b"));
  assert.ok(Math.abs(result.top - inputs.top) < height, `inputs at ${inputs.top}, result at ${result.top}`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page overflows by ${overflow}px`);
  await context.close();
});

test("the copied answer says whether the VM migrates to the second host", async () => {
  const context = await shared.browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  await page.goto(shared.server.origin + NPS1_TO_NPS4);
  await page.waitForSelector(detail("a-to-b"));
  await page.click("#copy-answer");
  await page.waitForFunction(() => document.querySelector(".copy-status").textContent.length > 0);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(
    copied,
    /\*\*Migrating to the second host\*\* \(8 NUMA nodes x 16 logical CPUs = 128 CPUs\), the guest keeping its NUMA cells:\n- Under best-effort: \*\*Fails\*\*\. The guest has 1 NUMA cell/,
  );
  assert.match(copied, /\*\*Migrating back to the first host\*\*/);
  // The answer shown to select by hand is the same, and follows the inputs.
  await page.click("details:has(> .answer-text) > summary");
  assert.equal((await page.textContent(".answer-text")).trim(), copied.trim());
  await typeInto(page, "b_cpus_per_node", "64");
  await typeInto(page, "b_numa_nodes", "2");
  await page.waitForFunction(() => document.querySelector(".answer-text").textContent.includes("Under best-effort: **Migrates**"));
  await context.close();
});

test("the running domain's guest cells replace the planner's placement on the source", async () => {
  // The VM as virsh dumpxml shows it on NPS1: two cells, one per node.
  const { page, context } = await openPlanner(
    shared.browser,
    shared.server.origin,
    NPS1_TO_NPS4 + "&guest_cells=0:12:8Gi,1:12:8Gi",
  );
  await page.waitForSelector(detail("a-to-b"));
  assert.equal(await page.getAttribute(`${detail("a-to-b")} [data-cells-from]`, "data-cells-from"), "running-domain");
  assert.match(await page.textContent(`${detail("a-to-b")} .landing-key`), /as the running domain gives them/);
  // Two cells onto two target nodes: no longer a definite failure.
  assert.equal(await page.getAttribute(detail("a-to-b"), "data-verdict"), "at-risk");
  assert.equal(await page.locator(`${detail("a-to-b")} .landing-col.extra`).count(), 0);
  // Back from NPS4, where no domain was given: the planner's placement.
  assert.equal(await page.getAttribute(`${detail("b-to-a")} [data-cells-from]`, "data-cells-from"), "placement");
  await context.close();
  // Cells on a node the host lacks: said in the view, which keeps nothing wrong.
  const bad = await openPlanner(shared.browser, shared.server.origin, NPS1_TO_NPS4 + "&guest_cells=0:12:8Gi,5:12:8Gi");
  await bad.page.waitForSelector(".migration-problems li");
  assert.match(
    await bad.page.textContent(".migration-problems"),
    /^First host: Guest cells as running: cell 1 is bound to host node 5; the host has 2 NUMA nodes/,
  );
  assert.deepEqual(bad.errors, []);
  await bad.context.close();
});
