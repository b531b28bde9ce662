// The Cluster view (cluster.html): the three-worker example of README "A
// cluster" picked through the file input gives the numbers
// tests/cluster.rs pins; the tables sort and filter by keyboard; one VM ->
// node pair opens in the planner with both hosts; strict CSP, axe in light
// and dark, 360 px; and a synthetic 500-node, 5,000-VM cluster answered
// with a progress indicator while the page stays responsive.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { serveDist, launch, STRICT_CSP } from "./harness.mjs";
import { clusterFiles } from "./synthetic-cluster.mjs";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
const EXAMPLE = fileURLToPath(new URL("../fixtures/cluster/three-workers/", import.meta.url));
const FILES = ["noderesourcetopologies.yaml", "vmis.yaml"].map((f) => join(EXAMPLE, f));

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

/** The Cluster page with the example read; CSP violations and errors collected. */
async function openExample(options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.goto(server.origin + "/cluster.html");
  await page.setInputFiles("[data-files]", FILES);
  await page.waitForSelector("[data-capacity-total]");
  return { page, context, errors };
}

const column = (page, table, attribute) =>
  page.$$eval(`table[data-cluster='${table}'] > tbody > tr`, (rows, a) => rows.map((r) => r.getAttribute(a)), attribute);

test("the three-worker example: targets, drains and capacity as pinned natively", async () => {
  const { page, context, errors } = await openExample();
  try {
    assert.deepEqual(await column(page, "nodes", "data-node"), ["worker-1", "worker-2", "worker-3"]);
    // The free CPUs as bars, their widths set through the CSSOM.
    const widths = await page.$$eval("tr[data-node='worker-3'] .fill", (fills) => fills.map((f) => f.style.width));
    assert.deepEqual(widths, ["93.8%", "12.5%"]);
    assert.deepEqual(await column(page, "vms", "data-vm"), ["apps/vm-a", "apps/vm-b", "db/vm-c", "db/vm-d", "db/vm-e"]);
    const drains = await page.$$eval("table[data-cluster='drain'] tr[data-drain-ok]", (rows) =>
      rows.map((r) => `${r.dataset.node} ${r.dataset.drainOk}`),
    );
    assert.deepEqual(drains, ["worker-1 true", "worker-2 true", "worker-3 false"]);
    const capacity = await page.$$eval("table[data-cluster='capacity'] tbody tr", (rows) =>
      rows.map((r) => `${r.dataset.node} ${r.querySelector("td").textContent}`),
    );
    assert.deepEqual(capacity, ["worker-1 1", "worker-2 1", "worker-3 1"]);
    assert.equal(await page.getAttribute("[data-capacity-total]", "data-capacity-total"), "3");
    // Each VM's targets, opened one at a time.
    const expected = {
      "apps/vm-a": ["worker-2 blocked", "worker-3 migrates"],
      "apps/vm-b": ["worker-2 migrates", "worker-3 migrates"],
      "db/vm-c": ["worker-1 migrates", "worker-3 migrates"],
      "db/vm-d": ["worker-1 migrates", "worker-3 migrates"],
      "db/vm-e": ["worker-1 blocked", "worker-2 blocked"],
    };
    for (const [vm, targets] of Object.entries(expected)) {
      await page.click(`tr[data-vm='${vm}'] button.expand`);
      await page.waitForSelector(`table[data-targets='${vm}'] tr[data-target]`);
      const got = await page.$$eval("tr[data-target]", (rows) => rows.map((r) => `${r.dataset.target} ${r.dataset.verdict}`));
      assert.deepEqual(got, targets, vm);
    }
    // Another VM shape: the capacity alone is redrawn (17 vCPUs: 1, 0, 1).
    await page.fill("[data-vcpus]", "17");
    await page.waitForSelector("[data-capacity-total='2']");
    assert.deepEqual(await page.evaluate(() => window.violations), []);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("tables sort and filter from the keyboard", async () => {
  const { page, context } = await openExample();
  try {
    const sortButton = "table[data-cluster='vms'] th button:text-is('Pod CPUs')";
    await page.focus(sortButton);
    await page.keyboard.press("Enter");
    const th = page.locator("table[data-cluster='vms'] th:has(button:text-is('Pod CPUs'))");
    assert.equal(await th.getAttribute("aria-sort"), "ascending");
    assert.deepEqual(await column(page, "vms", "data-vm"), ["apps/vm-b", "db/vm-d", "db/vm-c", "apps/vm-a", "db/vm-e"]);
    await page.keyboard.press("Enter");
    assert.equal(await th.getAttribute("aria-sort"), "descending");
    assert.deepEqual(await column(page, "vms", "data-vm"), ["db/vm-e", "apps/vm-a", "db/vm-c", "db/vm-d", "apps/vm-b"]);
    await page.focus("[data-filter='vms']");
    await page.keyboard.type("db/");
    assert.deepEqual(await column(page, "vms", "data-vm"), ["db/vm-e", "db/vm-c", "db/vm-d"]);
    await page.focus("[data-filter='drain']");
    await page.keyboard.type("vm-e");
    assert.deepEqual(await column(page, "drain", "data-node"), ["worker-3"]);
  } finally {
    await context.close();
  }
});

test("one VM -> node pair opens in the planner with both hosts filled in", async () => {
  const { page, context } = await openExample();
  try {
    await page.click("tr[data-vm='apps/vm-a'] button.expand");
    const href = await page.getAttribute("tr[data-target='worker-3'] a[data-planner-link]", "href");
    assert.ok(href.startsWith("./?"), href);
    const planner = await context.newPage();
    await planner.goto(new URL(href, server.origin + "/cluster.html").href);
    await planner.waitForSelector("table.grid");
    const value = (key) => planner.inputValue(`input[data-field='${key}']`);
    assert.equal(await value("numa_nodes"), "2");
    assert.equal(await value("cpus_per_node"), "32");
    assert.equal(await value("cores"), "24");
    assert.equal(await value("b_numa_nodes"), "2");
    assert.equal(await value("b_free_cpus"), "30,4");
    const verdict = "article[data-migration='a-to-b'][data-detail]";
    await planner.waitForSelector(verdict);
    await planner.click("button[data-migration='a-to-b'][data-policy='single-numa-node']");
    await planner.waitForSelector(`${verdict}[data-verdict='migrates']`);
    // And the blocked pair.
    const blocked = await page.getAttribute("tr[data-target='worker-2'] a[data-planner-link]", "href");
    await planner.goto(new URL(blocked, server.origin + "/cluster.html").href);
    await planner.waitForSelector(verdict);
    await planner.click("button[data-migration='a-to-b'][data-policy='single-numa-node']");
    await planner.waitForSelector(`${verdict}[data-verdict='blocked']`);
  } finally {
    await context.close();
  }
});

test("what is not matched is listed, and no topology at all is an error", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(server.origin + "/cluster.html");
    const vm = fileURLToPath(new URL("../fixtures/vm/vm-numa-topology.yaml", import.meta.url));
    await page.setInputFiles("[data-files]", [...FILES, vm]);
    await page.waitForSelector("[data-capacity-total]");
    const lines = await page.$$eval("[data-unmatched] li", (items) => items.map((i) => i.textContent));
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(lines[0], /vm-numa-topology\.yaml: no running VirtualMachineInstance/);
    // The VMIs alone: no node to put them on.
    await page.setInputFiles("[data-files]", [FILES[1]]);
    await page.waitForSelector("[data-error]:not([hidden])");
    assert.match(await page.textContent("[data-error]"), /No NodeResourceTopology could be read/);
    assert.equal(await page.locator("table[data-cluster]").count(), 0);
    assert.ok((await page.locator("[data-unmatched] li").count()) >= 5);
  } finally {
    await context.close();
  }
});

test("the planner links to the Cluster view and back", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(server.origin + "/");
    await page.waitForSelector("table.grid");
    await page.click(".page-footer a[href='cluster.html']");
    await page.waitForSelector("[data-files]");
    // The empty state says what to drop and that nothing leaves the browser.
    assert.match(await page.textContent(".files"), /nothing leaves it, and a cluster is never put in a link/);
    await page.click("header a[href='./']");
    await page.waitForSelector("table.grid");
  } finally {
    await context.close();
  }
});

for (const colorScheme of ["light", "dark"]) {
  test(`no axe violations, ${colorScheme}, with a VM's targets open`, async () => {
    // axe is injected as an inline script: the CSP is checked above.
    const { page, context } = await openExample({ colorScheme, viewport: { width: 1280, height: 1000 }, bypassCSP: true });
    try {
      await page.click("tr[data-vm='apps/vm-a'] button.expand");
      await page.waitForSelector("tr[data-target]");
      await page.addScriptTag({ content: AXE });
      const violations = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }).then((r) => r.violations),
        TAGS,
      );
      const described = violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      assert.deepEqual(described, []);
    } finally {
      await context.close();
    }
  });
}

test("no horizontal overflow at 360 px", async () => {
  const { page, context } = await openExample({ viewport: { width: 360, height: 800 } });
  try {
    await page.click("tr[data-vm='apps/vm-a'] button.expand");
    await page.waitForSelector("tr[data-target]");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page overflows by ${overflow}px at 360 px`);
  } finally {
    await context.close();
  }
});

test("a synthetic cluster of 500 nodes and 5,000 VMs: progress shown, the page responsive", async () => {
  const files = clusterFiles(500, 5000);
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(server.origin + "/cluster.html");
    await page.waitForFunction(() => true);
    const started = Date.now();
    await page.setInputFiles("[data-files]", files);
    await page.waitForSelector("[data-progress]:not([hidden])");
    // The main thread answers input while the worker works.
    await page.fill("[data-vcpus]", "8");
    assert.equal(await page.inputValue("[data-vcpus]"), "8");
    await page.waitForSelector("[data-capacity-total]", { timeout: 120_000 });
    console.log(`500 nodes, 5,000 VMs answered in the page in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    assert.equal(await page.locator("table[data-cluster='vms'] > tbody > tr").count(), 200);
    await page.click("[data-more='vms']");
    assert.equal(await page.locator("table[data-cluster='vms'] > tbody > tr").count(), 400);
  } finally {
    await context.close();
    rmSync(dirname(files[0]), { recursive: true, force: true });
  }
});
