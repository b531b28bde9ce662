// Prints what a real browser fetches, raw and gzip -9, and checks three
// budgets. It serves dist/ on loopback (as the browser tests do), loads the
// page in headless Chromium and records every response until the network is
// idle: the plain load. Then it opens the Paste panel and records what that
// adds (the panel's script and stylesheet, the importer worker's script and
// wasm): on demand. Then, in a new tab, it opens a link with a second host
// and records what that adds to a plain load (the page's extras, with the
// migration view and the answer: glue, wasm, the view's stylesheet). dist/ files none fetched are listed apart.
// With --check, fails when a group is over budget, when a group misses its
// wasm, or when a request fails.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { serveDist, launch } from "../tests/browser/harness.mjs";

/** What a plain page load may fetch, gzip -9: 200 KB (of 1000 bytes, the stricter reading). */
export const BUDGET_GZIP_BYTES = 200_000;
/** What opening the Paste panel, the Cluster page or another language's page may add, gzip -9: 150 KB each. */
export const ON_DEMAND_BUDGET_GZIP_BYTES = 150_000;
/**
 * What the page's extras may add (the migration view, the answer, the fixes,
 * a cell's explanation, the embed panel), gzip -9: 170 KB. They took the
 * explanation and the embed panel from the plain load to make room for
 * languages (docs/size-and-speed-history.md).
 */
export const EXTRAS_BUDGET_GZIP_BYTES = 170_000;
/** A second host: the migration view loads. */
const MIGRATION_QUERY = "?b_numa_nodes=8&b_cpus_per_node=16";
/** No request for this long: the network is idle. */
const IDLE_MS = 500;

const check = process.argv.includes("--check");
const dist = fileURLToPath(new URL("../dist/", import.meta.url));

/**
 * Records the page's responses (its workers' too) by path, with their
 * bodies; `idle()` resolves once no request has been in flight for IDLE_MS.
 */
function recorder(page) {
  const responses = new Map();
  const failed = [];
  const pending = [];
  let inFlight = 0;
  let lastChange = Date.now();
  const settle = () => {
    inFlight -= 1;
    lastChange = Date.now();
  };
  page.on("request", (request) => {
    if (request.url().startsWith("data:")) return;
    inFlight += 1;
    lastChange = Date.now();
  });
  page.on("requestfailed", (request) => {
    failed.push(`failed ${request.url()}`);
    settle();
  });
  page.on("requestfinished", async (request) => {
    const response = await request.response();
    const url = new URL(request.url()).pathname;
    const path = url.endsWith("/") ? `${url}index.html` : url;
    if (!response || response.status() >= 400) {
      failed.push(`${response?.status()} ${path}`);
    } else if (!responses.has(path)) {
      pending.push(response.body().then((body) => responses.set(path, body)));
    }
    settle();
  });
  return {
    responses,
    failed,
    async idle() {
      for (;;) {
        await new Promise((r) => setTimeout(r, 50));
        if (inFlight === 0 && Date.now() - lastChange >= IDLE_MS) break;
      }
      await Promise.all(pending);
    },
  };
}

const server = await serveDist();
const browser = await launch();
let plain;
let onDemand;
let migration;
let language;
let failed;
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const record = recorder(page);
  await page.goto(server.origin + "/");
  await page.waitForSelector("table.grid");
  await record.idle();
  plain = new Map(record.responses);
  // The panel, as a visitor opens it; its worker loads at once.
  await page.click("details.paste > summary");
  await page.waitForSelector("[data-paste]");
  await record.idle();
  onDemand = new Map([...record.responses].filter(([path]) => !plain.has(path)));
  await context.close();
  // What a fresh tab at `path` fetches beyond a plain load, once `selector` shows.
  const addedBy = async (path, selector) => {
    const tab = await browser.newContext();
    const tabPage = await tab.newPage();
    const recordTab = recorder(tabPage);
    await tabPage.goto(server.origin + path);
    await tabPage.waitForSelector(selector);
    await recordTab.idle();
    failed.push(...recordTab.failed);
    await tab.close();
    return new Map([...recordTab.responses].filter(([p]) => !plain.has(p)));
  };
  failed = [...record.failed];
  migration = await addedBy("/" + MIGRATION_QUERY, "[data-migration][data-detail]");
  // Another language: the page fetches its catalogue before drawing.
  language = await addedBy("/?lang=ja", "html[lang='ja'] table.grid");
} finally {
  await browser.close();
  await server.close();
}

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
/** Prints a group's files (sorted by path) and returns its totals. */
function report(title, files) {
  console.log(`${title}:`);
  let [raw, gzip] = [0, 0];
  for (const [path, body] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const packed = gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gzip += packed;
    console.log(`  ${path.padEnd(48)} ${String(body.length).padStart(9)} B  gzip ${String(packed).padStart(8)} B`);
  }
  return { title, raw, gzip };
}

const served = readdirSync(dist, { recursive: true })
  .filter((name) => statSync(join(dist, name)).isFile())
  .map((name) => "/" + name.split(sep).join("/"));
const totals = [
  { ...report("fetched by a plain page load", plain), budget: BUDGET_GZIP_BYTES, files: plain },
  { ...report("fetched when the Paste panel opens", onDemand), budget: ON_DEMAND_BUDGET_GZIP_BYTES, files: onDemand },
  { ...report("fetched when a second host shows the migration view", migration), budget: EXTRAS_BUDGET_GZIP_BYTES, files: migration },
  { ...report("added by a page in Japanese", language), budget: ON_DEMAND_BUDGET_GZIP_BYTES, files: language, catalogue: true },
];
// The other languages' catalogues are the same kind of file as Japanese's.
const beside = served.filter(
  (p) => !plain.has(p) && !onDemand.has(p) && !migration.has(p) && !language.has(p) && !p.startsWith("/i18n/"),
);
if (beside.length > 0) {
  report(
    "served beside it, never fetched by the page",
    beside.map((p) => [p, readFileSync(join(dist, p))]),
  );
}

let ok = true;
for (const { title, raw, gzip, budget, files, catalogue } of totals) {
  console.log(`${title}: ${raw} B raw, ${gzip} B gzip -9 (${kb(gzip)}; budget ${kb(budget)})`);
  if (gzip > budget) {
    ok = false;
    if (check) console.error(`over budget: ${title}: ${gzip} B gzip > ${budget} B`);
  }
  // Each group's own kind of file, so a group measured empty fails.
  const own = catalogue ? (p) => p.endsWith(".po") : (p) => p.endsWith(".wasm");
  if (![...files.keys()].some(own)) {
    ok = false;
    if (check) console.error(`no ${catalogue ? "catalogue" : "wasm"} ${title}`);
  }
}

// The Cluster view, its own page (cluster.html): what loading it and
// reading the three-worker example fetches (the page, its script and
// stylesheet, its worker's script and wasm), under the on-demand budget.
{
  const clusterServer = await serveDist();
  const clusterBrowser = await launch();
  let fetched;
  try {
    const page = await clusterBrowser.newPage();
    const record = recorder(page);
    await page.goto(clusterServer.origin + "/cluster.html");
    const example = fileURLToPath(new URL("../tests/fixtures/cluster/three-workers/", import.meta.url));
    await page.setInputFiles("[data-files]", ["noderesourcetopologies.yaml", "vmis.yaml"].map((f) => join(example, f)));
    await page.waitForSelector("[data-capacity-total]");
    await record.idle();
    fetched = record.responses;
    failed.push(...record.failed);
  } finally {
    await clusterBrowser.close();
    await clusterServer.close();
  }
  const title = "fetched by the Cluster page";
  const { raw, gzip } = report(title, fetched);
  console.log(`${title}: ${raw} B raw, ${gzip} B gzip -9 (${kb(gzip)}; budget ${kb(ON_DEMAND_BUDGET_GZIP_BYTES)})`);
  if (gzip > ON_DEMAND_BUDGET_GZIP_BYTES) {
    ok = false;
    if (check) console.error(`over budget: ${title}: ${gzip} B gzip > ${ON_DEMAND_BUDGET_GZIP_BYTES} B`);
  }
  if (![...fetched.keys()].some((p) => p.endsWith(".wasm"))) {
    ok = false;
    if (check) console.error(`no wasm ${title}`);
  }
}
if (failed.length > 0) {
  ok = false;
  console.error(`requests that failed: ${failed.join(", ")}`);
}
if (check && !ok) process.exit(1);
