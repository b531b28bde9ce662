// A VM on shared CPUs on the page: the table is shown for reference, no row
// is the VM's, and every verdict says the table does not apply.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser, openPlanner, currentRows } from "./harness.mjs";

const shared = useServerAndBrowser();

test("a shared-CPU VM from a link has no row of the table and no verdict of it", async () => {
  // 40 vCPUs on 2 x 32 is extra large: the document's cells say fails to
  // start and does not work, none of which is this VM's.
  const path = "/?numa_nodes=2&cpus_per_node=32&vcpus=40&dedicated_cpus=0&numa_passthrough=0";
  const { page, context, errors } = await openPlanner(shared.browser, shared.server.origin, path);
  const items = () =>
    page.$$eval(".verdicts > li", (lis) => lis.map((li) => [li.dataset.verdict, li.dataset.status, li.dataset.applies]));
  assert.deepEqual(await items(), Array(4).fill(["not-applicable", "not-applicable", "false"]));
  assert.deepEqual(await currentRows(page), []);
  assert.equal(await page.getAttribute("table.grid", "data-applies"), "false");
  assert.equal(await page.locator(".grid-scope").isVisible(), true);
  assert.match(await page.textContent("[data-applies-note]"), /runs on shared CPUs.*no NUMA guarantees/);
  assert.equal(
    await page.getAttribute("[data-applies-note] a", "href"),
    "https://kubevirt.io/user-guide/compute/dedicated_cpu_resources/",
  );
  assert.match(await page.textContent(".verdicts > li[data-policy='restricted']"), /Table does not apply/);
  // The grid is still the document's, for reference.
  assert.equal(
    await page.getAttribute("td[data-size='extra-large'][data-policy='restricted']", "data-status"),
    "vm-does-not-work",
  );
  // Its cell says it is not this VM's outcome.
  await page.locator("td[data-size='extra-large'][data-policy='restricted'] button").click();
  // The explanation comes from the page's extras.
  assert.match(await page.textContent("#cell-detail .shared-note"), /not your VM's outcome/);
  assert.equal(await page.locator("#explanation .verdict-note").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the dedicated-CPU default applies: its row is current and no scope note shows", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin);
  assert.deepEqual(await currentRows(page), ["large"]);
  assert.equal(await page.getAttribute("table.grid", "data-applies"), "true");
  assert.equal(await page.locator(".grid-scope").isVisible(), false);
  assert.equal(await page.locator("[data-applies-note]").count(), 0);
  const applies = await page.$$eval(".verdicts > li", (lis) => lis.map((li) => li.dataset.applies));
  assert.deepEqual(applies, ["true", "true", "true", "true"]);
  await context.close();
});
