// Delivery as documentation sites host the planner: under a strict
// Content-Security-Policy, with no failed request on load.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveDist, launch, typeInto, STRICT_CSP } from "./harness.mjs";

let server;
let browser;
before(async () => {
  server = await serveDist({ "content-security-policy": STRICT_CSP });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("the page works under a strict CSP with zero violations", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.violations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(server.origin + "/?vcpus=40&memory=9Gi&hugepage_size=1Gi&free_hugepages=4,10");
  await page.waitForSelector("table.grid");
  // Everything that writes styles or markup after load: the ruler's bands,
  // the marker, the picture, the lists, an explanation.
  await typeInto(page, "vcpus", "12");
  await page.locator("td[data-size='small'][data-policy='none'] button").click();
  const left = await page.$eval(".marker", (m) => m.style.left);
  assert.match(left, /%$/, "the marker is positioned through the CSSOM");
  assert.notEqual(await page.$eval(".seg-small", (s) => s.style.width), "");
  assert.equal(await page.locator(".picture svg g[data-node]").count(), 2);
  // The Paste panel's script and the importer worker, loaded on demand.
  await page.locator("details.paste > summary").click();
  await page.fill("[data-paste]", "available: 1 nodes (0)\nnode 0 cpus: 0 1 2 3 4 5 6 7\n");
  await page.click('button[data-action="read"]');
  await page.waitForSelector("[data-from-for='numa_nodes']");
  assert.equal(await page.inputValue("[data-field='numa_nodes']"), "1");
  assert.deepEqual(await page.evaluate(() => window.violations), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a plain load requests nothing that is not there", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const failed = [];
  page.on("response", (r) => r.status() >= 400 && failed.push(`${r.status()} ${r.url()}`));
  page.on("requestfailed", (r) => failed.push(`failed ${r.url()}`));
  await page.goto(server.origin + "/");
  await page.waitForSelector("table.grid");
  await page.waitForLoadState("networkidle");
  assert.deepEqual(failed, []);
  await context.close();
});

test("without JavaScript the document's grid is there, with its source and what the planner adds", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.origin + "/?vcpus=40");
  const grid = page.locator("#static-grid table");
  assert.equal(await grid.locator("td").count(), 12);
  assert.match(await grid.locator("tbody tr").nth(1).textContent(), /Migration fails \(row 2, any size\)/);
  assert.match(await page.getAttribute("#static-grid a", "href"), /virt-numa-live-migration_virt-numa-topology$/);
  assert.match(await page.textContent("#static-grid"), /checks whether its pod is admitted/);
  // The same for every scenario: no VM row is marked, no input is shown.
  assert.equal(await page.locator("#static-grid [aria-current], #static-grid input").count(), 0);
  await context.close();
});

test("the static grid is painted before the wasm arrives; the planner's grid comes from the wasm", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  // The page's wasm held back until the static grid has been checked.
  let release;
  const held = new Promise((r) => (release = r));
  await page.route("**/*.wasm", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(server.origin + "/");
  const grid = page.locator("#static-grid table");
  await grid.waitFor({ state: "visible" });
  assert.equal(await grid.locator("td").count(), 12);
  // Painted, not only in the DOM: the first contentful paint happens without the wasm.
  await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length === 1);
  assert.equal(await page.locator("table.grid").count(), 0, "no planner grid without the wasm");
  release();
  await page.waitForSelector("table.grid td");
  assert.equal(await page.locator("#static-grid").count(), 0, "the static grid is gone");
  await context.close();
});

test("the page takes over from the static grid without shifting the layout", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.shifts = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        if (!entry.hadRecentInput) window.shifts += entry.value;
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
  await page.goto(server.origin + "/");
  await page.waitForSelector("table.grid");
  await page.waitForTimeout(300);
  assert.equal(await page.locator("#static-grid").count(), 0, "the static grid is gone");
  const cls = await page.evaluate(() => window.shifts);
  console.log(`cumulative layout shift while the page takes over: ${cls.toFixed(4)}`);
  assert.ok(cls < 0.01, `CLS ${cls}`);
  await context.close();
});
