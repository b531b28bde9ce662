// The memory side on the page: huge page inputs, and the picture of where
// the VM lands with its text alternative.
import { test } from "node:test";
import assert from "node:assert/strict";
import { openPlanner, typeInto, useServerAndBrowser } from "./harness.mjs";

const shared = useServerAndBrowser();

const nodes = (page) => page.$$eval(".picture svg g[data-node]", (gs) => gs.map((g) => g.dataset.node));

test("the picture follows the inputs and says the same in words", async () => {
  const path = "/?vcpus=40&memory=9Gi&hugepage_size=1Gi&free_hugepages=4,10&policy=best-effort";
  const { page, context, errors } = await openPlanner(shared.browser, shared.server.origin, path);
  assert.equal(await page.$eval(".host-details", (d) => d.open), true, "a link with free pages opens the details");
  assert.deepEqual(await nodes(page), ["0", "1"]);
  // Each node: the box, four CPU segments and two page bars.
  for (const node of ["0", "1"]) {
    assert.equal(await page.locator(`.picture g[data-node='${node}'] rect[data-part]`).count(), 6);
  }
  const short = page.locator(".picture g[data-node='0'] rect.pages-need.short");
  assert.equal(await short.count(), 1, "node 0 lacks pages for its cell");
  assert.equal(await page.locator(".picture g[data-node='1'] rect.pages-need.short").count(), 0);
  assert.match(await page.textContent(".picture g[data-node='0']"), /5 x 1Gi needed, 4 free/);
  const text = await page.textContent("#picture-text");
  // The kubelet takes node 1 whole, then 8 of node 0's CPUs (its packing order).
  assert.match(text, /node 0: 8 of 31 allocatable CPUs, guest cell 0 needs 5 x 1Gi pages, 4 free/);
  assert.match(text, /node 1: 32 of 32 allocatable CPUs, guest cell 1 needs 4 x 1Gi pages, 10 free/);
  assert.equal(await page.getAttribute(".picture svg", "aria-labelledby"), "picture-text");
  const card = page.locator(".verdicts > li[data-policy='best-effort']");
  assert.equal(await card.getAttribute("data-verdict"), "fails-to-start");

  // More free pages on node 0: the cell fits, the bar is no longer short.
  await typeInto(page, "free_hugepages", "5,10");
  assert.equal(await short.count(), 0);
  assert.equal(await card.getAttribute("data-verdict"), "works");
  // A VM that fits one node: one cell, and the other node drawn empty.
  await typeInto(page, "vcpus", "8");
  assert.match(await page.textContent(".picture g[data-node='0']"), /cell 0: 8 of 31 CPUs/);
  assert.match(await page.textContent(".picture g[data-node='1']"), /32 CPUs free/);
  assert.match(await page.textContent("#picture-text"), /may pick any of nodes 0, 1/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("without a chosen policy the picture's own choice picks one", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin, "/?vcpus=40");
  assert.equal(await page.getAttribute(".picture", "data-policy"), "none");
  await page.check("input[name='picture-policy'][value='single-numa-node']");
  assert.equal(await page.getAttribute(".picture", "data-policy"), "single-numa-node");
  assert.match(await page.textContent("#picture-text"), /cannot be placed/);
  await context.close();
});

test("a 1024-node host draws a few nodes and summarises the rest", async () => {
  const { page, context, errors } = await openPlanner(
    shared.browser,
    shared.server.origin,
    "/?numa_nodes=1024&cpus_per_node=64&vcpus=200&policy=best-effort",
  );
  assert.equal(await page.getAttribute(".picture svg", "data-nodes-drawn"), "8");
  assert.match(await page.textContent(".picture-more"), /1016 more NUMA nodes not drawn/);
  assert.match(await page.textContent("#picture-text"), /go on node 1: 64 of 64 allocatable CPUs; .*node 4: 8 of 64/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the memory inputs fit a phone and bad values are messages at their fields", async () => {
  const path = "/?vcpus=40&memory=9Gi&hugepage_size=1Gi&free_hugepages=4,10&memory_manager=static";
  const { page, context } = await openPlanner(shared.browser, shared.server.origin, path, {
    viewport: { width: 360, height: 800 },
  });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page overflows by ${overflow}px at 360 px`);
  assert.equal(await page.inputValue("#field-memory_manager"), "static");
  await typeInto(page, "memory", "9 gigs");
  assert.match(await page.textContent("[data-error-for='memory']"), /Kubernetes quantity such as 16Gi/);
  assert.equal(await page.getAttribute(".results", "data-stale"), "true");
  await context.close();
});
