// Saves screenshots of the built page (dist/) into docs/ for the README.
// The Japanese one needs a CJK font where Chromium runs (Debian:
// fonts-wqy-zenhei), or its text shows as boxes.
import { readFileSync } from "node:fs";
import { serveDist, launch, openPlanner } from "../tests/browser/harness.mjs";

const shots = [
  ["docs/screenshot.png", { viewport: { width: 1280, height: 1000 } }, "/"],
  [
    "docs/screenshot-compare.png",
    { viewport: { width: 1500, height: 1000 } },
    "/?host_sockets=2&cores_per_socket=32&threads_per_core=2&vcpus=24&policy=single-numa-node&b_host_sockets=2&b_cores_per_socket=32&b_nodes_per_socket=4&b_threads_per_core=2",
  ],
  [
    "docs/screenshot-migration.png",
    { viewport: { width: 1280, height: 1000 } },
    "/?numa_nodes=2&cpus_per_node=64&vcpus=24&policy=best-effort&b_numa_nodes=8&b_cpus_per_node=16",
  ],
  ["docs/screenshot-phone-dark.png", { viewport: { width: 360, height: 1400 }, colorScheme: "dark" }, "/"],
  ["docs/screenshot-ja.png", { viewport: { width: 1280, height: 1000 } }, "/?vcpus=24&lang=ja"],
  [
    "docs/screenshot-as-bought.png",
    { viewport: { width: 1280, height: 1000 } },
    "/?host_sockets=2&cores_per_socket=32&threads_per_core=2&nodes_per_socket=4&vcpus=24&policy=single-numa-node",
  ],
  [
    "docs/screenshot-snc3.png",
    { viewport: { width: 1280, height: 1300 } },
    "/?host_sockets=2&cores_per_socket=128&threads_per_core=2&nodes_per_socket=3&vcpus=85&policy=single-numa-node",
  ],
  [
    "docs/screenshot-memory.png",
    { viewport: { width: 1280, height: 1000 } },
    "/?vcpus=40&emulator_thread=1&memory=9Gi&hugepage_size=1Gi&free_hugepages=4,10&policy=best-effort",
  ],
];
const pages = [["docs/screenshot-docs-page.png", "/docs-page.html"]];
const fixture = (path) => readFileSync(new URL(`../tests/fixtures/${path}`, import.meta.url), "utf8");
const server = await serveDist();
const browser = await launch();
try {
  for (const [file, options, path] of shots) {
    const { page, context } = await openPlanner(browser, server.origin, path, options);
    await page.locator(".results[data-host='a'] td[data-size='large'][data-policy='none'] button").click();
    // The explanation comes from the page's extras.
    await page.waitForSelector("#cell-detail .provenance");
    // With a second host, the migration view (loaded on demand) is drawn.
    if (path.includes("b_")) await page.waitForSelector("[data-migration][data-detail]");
    await page.screenshot({ path: file, fullPage: true });
    console.log(`saved ${file}`);
    await context.close();
  }
  // The Paste panel after reading a VM and lscpu: the fields marked.
  {
    const { page, context } = await openPlanner(browser, server.origin, "/", { viewport: { width: 1280, height: 1100 } });
    await page.click("details.paste > summary");
    await page.fill("[data-paste]", `${fixture("vm/vm-numa-topology.yaml")}\n---\n${fixture("host/lscpu-2socket-smt.txt")}`);
    await page.click('button[data-action="read"]');
    await page.waitForSelector("[data-from-for='numa_nodes']");
    await page.screenshot({ path: "docs/screenshot-paste.png", fullPage: true });
    console.log("saved docs/screenshot-paste.png");
    await context.close();
  }
  // A failing verdict's checked fixes, and the inputs after one is applied.
  {
    const { page, context } = await openPlanner(
      browser,
      server.origin,
      "/?numa_nodes=2&cpus_per_node=32&vcpus=40&policy=single-numa-node",
      { viewport: { width: 1280, height: 900 } },
    );
    const card = ".results[data-host='a'] .verdicts > li[data-policy='single-numa-node']";
    await page.click(`${card} .fixes > button`);
    await page.waitForSelector(`${card} .fix-items li`);
    await page.locator(`${card} .fix-items li details > summary`).first().click();
    await page.screenshot({ path: "docs/screenshot-fixes.png", fullPage: false });
    console.log("saved docs/screenshot-fixes.png");
    await page.locator(`${card} button[data-apply]`).first().click();
    await page.waitForFunction((sel) => document.querySelector(sel).dataset.verdict === "works", card);
    await page.screenshot({ path: "docs/screenshot-fix-applied.png", fullPage: false });
    console.log("saved docs/screenshot-fix-applied.png");
    await context.close();
  }
  // The Cluster view after reading the three-worker example, vm-a's targets open.
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    await page.goto(server.origin + "/cluster.html");
    const example = ["noderesourcetopologies.yaml", "vmis.yaml"].map((f) =>
      new URL(`../tests/fixtures/cluster/three-workers/${f}`, import.meta.url).pathname,
    );
    await page.setInputFiles("[data-files]", example);
    await page.waitForSelector("[data-capacity-total]");
    await page.click("tr[data-vm='apps/vm-a'] button.expand");
    await page.waitForSelector("tr[data-target]");
    await page.screenshot({ path: "docs/screenshot-cluster.png", fullPage: true });
    console.log("saved docs/screenshot-cluster.png");
    await context.close();
  }
  for (const [file, path] of pages) {
    const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.origin + path);
    await page.waitForFunction(() =>
      [...document.querySelectorAll("iframe[data-vnuma-planner]")].every(
        (f) => f.style.height !== "" && f.contentDocument.documentElement.dataset.theme,
      ),
    );
    await page.screenshot({ path: file, fullPage: true });
    console.log(`saved ${file}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
