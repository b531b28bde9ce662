// Permalinks, embedding and the copyable answer, in headless Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser, openPlanner, typeInto, currentRows, badgeSize } from "./harness.mjs";

const shared = useServerAndBrowser();

/// What a user sees of the scenario, to compare two pages.
async function screenState(page) {
  return {
    size: await badgeSize(page),
    rows: await currentRows(page),
    chosen: await page.$$eval("td.chosen", (tds) => [...new Set(tds.map((td) => td.dataset.policy))]),
    cell: await page.getAttribute("#explanation", "data-cell"),
    arithmetic: await page.textContent(".arithmetic"),
    inputs: await page.$$eval("input[data-field]", (els) => els.map((e) => [e.dataset.field, e.value])),
    mode: await page.$eval("input[name='vcpu-mode']:checked", (e) => e.value),
    hostMode: await page.$eval("input[name='host-mode']:checked", (e) => e.value),
    emulator: await page.isChecked("#field-emulator_thread"),
    switches: await page.$$eval("input[data-switch]", (els) => els.map((e) => [e.dataset.switch, e.checked])),
    verdicts: await page.$$eval(".verdicts > li", (lis) => lis.map((li) => [li.dataset.policy, li.dataset.verdict])),
    hostDetailsOpen: await page.$eval(".host-details", (d) => d.open),
  };
}

test("a link with a scenario opens on that scenario", async () => {
  const path =
    "/?numa_nodes=4&cpus_per_node=16&sockets=2&cores=10&threads=1&emulator_thread=1&policy=restricted&cell=extra-large.restricted";
  const { page, context, errors } = await openPlanner(shared.browser, shared.server.origin, path);
  assert.equal(await badgeSize(page), "extra-large");
  assert.deepEqual(await currentRows(page), ["extra-large"]);
  const state = await screenState(page);
  assert.deepEqual(state.chosen, ["restricted"]);
  assert.equal(state.cell, "extra-large.restricted");
  assert.equal(state.mode, "topology");
  assert.equal(state.emulator, true);
  assert.match(state.arithmetic, /20 > 16 and 20 <= 4 x 16 = 64/);
  assert.match(await page.textContent("#cell-detail .provenance"), /Decided by row 12/);
  assert.equal(await page.locator(".link-notices").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("editing a field keeps the address current without new history entries", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin);
  const before = await page.evaluate(() => history.length);
  await typeInto(page, "vcpus", "40");
  await page.selectOption("#field-policy", "best-effort");
  await page.locator("td[data-size='extra-large'][data-policy='best-effort'] button").click();
  // The address is written shortly after the last edit, not per keystroke.
  await page.waitForFunction(() => location.search.includes("cell=extra-large.best-effort"));
  const url = new URL(page.url());
  assert.equal(url.searchParams.get("vcpus"), "40");
  assert.equal(url.searchParams.get("policy"), "best-effort");
  assert.equal(url.searchParams.get("cell"), "extra-large.best-effort");
  assert.equal(await page.evaluate(() => history.length), before);
  await context.close();
});

test("a link with the host as bought opens as bought, with the working", async () => {
  const path = "/?host_sockets=2&cores_per_socket=32&threads_per_core=2&nodes_per_socket=4&vcpus=24";
  const { page, context, errors } = await openPlanner(shared.browser, shared.server.origin, path);
  assert.equal(await page.$eval("input[name='host-mode']:checked", (e) => e.value), "as-bought");
  assert.equal(
    (await page.textContent("[data-host-working]")).trim(),
    "2 sockets x 32 cores x 2 threads / 4 nodes per socket = 8 NUMA nodes x 16 CPUs",
  );
  assert.equal(await badgeSize(page), "extra-large");
  assert.equal(await page.$eval(".host-details", (d) => d.open), false, "threads per core is not a host detail");
  assert.deepEqual(errors, []);
  await context.close();
});

test("page to link to a fresh page gives the same screen", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin);
  await typeInto(page, "numa_nodes", "8");
  await typeInto(page, "cpus_per_node", "24");
  await page.click(".host-details summary");
  await typeInto(page, "threads_per_core", "2");
  await typeInto(page, "reserved_cpus", "2,0,1");
  await page.check("#field-full_pcpus_only");
  await page.check("#field-emulator_parity");
  await page.check("input[name='vcpu-mode'][value='topology']");
  await typeInto(page, "sockets", "3");
  await typeInto(page, "cores", "4");
  await typeInto(page, "threads", "1");
  await typeInto(page, "max_sockets", "3");
  await page.check("#field-emulator_thread");
  await page.selectOption("#field-policy", "single-numa-node");
  await page.locator("td[data-size='large'][data-policy='single-numa-node'] button").click();
  const original = await screenState(page);
  assert.equal(original.size, "half-boundary");

  await page.waitForFunction(() => location.search.includes("cell=large.single-numa-node"));
  const link = await page.evaluate(() => location.href);
  const copy = await openPlanner(shared.browser, shared.server.origin, link.slice(shared.server.origin.length));
  const hidden = (s) => ({ ...s, inputs: s.inputs.filter(([k]) => k !== "vcpus") });
  assert.deepEqual(hidden(await screenState(copy.page)), hidden(original));
  await copy.context.close();
  await context.close();
});

test("a bad value in the link is a notice at its field", async () => {
  const path = "/?io_threads=abc&node_tuning=bogus&memory_per_vcpu=4GB&vcpus=8";
  const { page, context, errors } = await openPlanner(shared.browser, shared.server.origin, path);
  const at = (key) => page.locator(`[data-notice-for='${key}']`);
  assert.match(await at("io_threads").textContent(), /Ignored io_threads="abc" from the link/);
  assert.match(await at("node_tuning").textContent(), /Ignored node_tuning="bogus" from the link: use one of performance-profile, kubelet-config/);
  assert.match(await at("memory_per_vcpu").textContent(), /Ignored memory_per_vcpu="4GB" from the link/);
  // The rest of the link is used, and the fields keep their defaults.
  assert.equal(await page.inputValue("input[data-field='vcpus']"), "8");
  assert.equal(await page.inputValue("input[data-field='io_threads']"), "");
  assert.equal(await page.inputValue("#field-node_tuning"), "performance-profile");
  // The page works on: a value typed into the field is used.
  await typeInto(page, "io_threads", "2");
  assert.match(await page.textContent("#picture-text"), /the pod's 10 CPUs go on/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("hostile and broken values show as text and fall back with a notice", async () => {
  const dialogs = [];
  const path =
    "/?vcpus=%3Cscript%3Ewindow.pwned%3D1%3C%2Fscript%3E&numa_nodes=%22%3E%3Cimg%20src%3Dx%20onerror%3D%22window.pwned%3D2%22%3E" +
    "&cpus_per_node=999999999999999999999999&max_sockets=-3&policy=%3Cb%3Ebold%3C%2Fb%3E&vcpus=7&cell=large.none";
  const { page, context, errors } = await openPlanner(shared.browser, shared.server.origin, path);
  page.on("dialog", (d) => dialogs.push(d.message()));
  const notices = await page.textContent(".link-notices");
  assert.match(notices, /Ignored vcpus="<script>window.pwned=1<\/script>" from the link/);
  assert.match(notices, /Ignored numa_nodes=""><img src=x onerror="window.pwn…" from the link: NUMA nodes must be/);
  assert.match(notices, /Ignored cpus_per_node="999999999999999999999999" from the link: CPUs per NUMA node must be at most 4096/);
  assert.match(notices, /Ignored max_sockets="-3" from the link: .* is negative\. Leaving it unset\./);
  assert.match(notices, /Ignored policy="<b>bold<\/b>"/);
  assert.match(notices, /The link gives vcpus more than once/);
  assert.equal(await page.locator("img, script:not([type]), b").count(), 0, "nothing from the link became markup");
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.deepEqual(dialogs, []);
  // Fallbacks: the defaults, and the cell that was fine.
  assert.equal(await page.inputValue("input[data-field='numa_nodes']"), "2");
  assert.equal(await page.inputValue("input[data-field='cpus_per_node']"), "32");
  assert.equal(await page.inputValue("input[data-field='vcpus']"), "24");
  assert.equal(await badgeSize(page), "large");
  assert.equal(await page.getAttribute("#explanation", "data-cell"), "large.none");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the copied answer has the class, the outcome and the source link", async () => {
  const context = await shared.browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  await page.goto(shared.server.origin + "/?numa_nodes=2&cpus_per_node=32&vcpus=40&policy=single-numa-node");
  await page.waitForSelector("table.grid");
  await page.click("#copy-answer");
  await page.waitForFunction(() => document.querySelector(".copy-status").textContent.length > 0);
  assert.equal(await page.textContent(".copy-status"), "Copied the answer.");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /\*\*Size class:\*\* extra-large \(40 > 32 and 40 <= 2 x 32 = 64\)/);
  // The verdict leads, with Red Hat's row beside it and the check behind it.
  assert.match(copied, /^\*\*Under the single-numa-node Topology Manager policy: Fails to start\*\* \(Red Hat's table, row 1: Fails to start\)\n/);
  assert.match(copied, /\n- No NUMA node has 40 allocatable CPUs/);
  assert.match(copied, /https:\/\/docs\.redhat\.com\/.*virt-numa-live-migration_virt-numa-topology/);
  assert.match(copied, /Planner: http:\/\/127\.0\.0\.1:\d+\/\?numa_nodes=2&cpus_per_node=32&vcpus=40&policy=single-numa-node/);
  // The same text is on the page, to select by hand.
  assert.equal((await page.textContent(".answer-text")).trim(), copied.trim());

  await page.click("#copy-link");
  await page.waitForFunction(() => document.querySelector(".copy-status").textContent.includes("link"));
  const clipboard = await page.evaluate(() => navigator.clipboard.readText());
  await page.waitForFunction((link) => location.href === link, clipboard);
  await context.close();
});

test("a denied clipboard says so and reveals the text", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin);
  await page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException("denied", "NotAllowedError"));
  });
  await page.click("#copy-answer");
  await page.waitForFunction(() => document.querySelector(".copy-status").textContent.length > 0);
  assert.match(await page.textContent(".copy-status"), /Could not copy the answer; select the text below/);
  assert.equal(await page.locator(".answer-text").isVisible(), true);
  await context.close();
});

test("embedded mode shows inputs and grid only, in the theme asked for", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin, "/?vcpus=12&embed=1&theme=dark");
  assert.equal(await page.getAttribute("html", "data-embed"), "true");
  assert.equal(await page.getAttribute("html", "data-theme"), "dark");
  for (const chrome of [".page-header", ".page-footer", ".share", ".advisories"]) {
    assert.equal(await page.locator(chrome).count(), 0, `${chrome} in embed mode`);
  }
  assert.equal(await page.locator("table.grid").isVisible(), true);
  assert.equal(await page.locator("input[data-field='vcpus']").isVisible(), true);
  assert.equal(await badgeSize(page), "small");
  assert.equal(new URL(page.url()).searchParams.get("embed"), "1", "the address keeps embed");
  // Its own dark background, readable on any docs page.
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, "rgb(15, 18, 22)");
  const full = page.locator(".full-planner a");
  assert.equal(await full.getAttribute("target"), "_blank");
  assert.doesNotMatch(await full.getAttribute("href"), /embed=1/);
  // Checks that change the outcome show in the embed too.
  assert.equal(await page.locator(".verdicts > li").count(), 4);
  await context.close();
});

test("the full page offers an embed snippet for the current scenario, theme and language", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin, "/?vcpus=12&theme=light");
  await page.click("text=Embed in a documentation page");
  const snippet = await page.inputValue(".embed-snippet");
  const idOf = (s) => s.match(/<iframe id="(vnuma-planner-[0-9a-f]{6}-[0-9a-f]{4})"/)[1];
  const id = idOf(snippet);
  // Following the docs page's theme by default: no theme key, the frame marked.
  assert.match(snippet, new RegExp(`src="http://127\\.0\\.0\\.1:\\d+/\\?numa_nodes=2&amp;cpus_per_node=32&amp;vcpus=12&amp;embed=1&amp;id=${id}"`));
  assert.match(snippet, / allow="clipboard-write" data-vnuma-planner="follow"><\/iframe>/);
  assert.match(snippet, /vnuma-planner:height/);
  // Another scenario, another frame id.
  await page.fill("input[data-field='vcpus']", "40");
  await page.waitForFunction((id) => !document.querySelector(".embed-snippet").value.includes(id), id);
  assert.notEqual(idOf(await page.inputValue(".embed-snippet")), id);
  // A fixed theme and a language for every reader go into the link.
  await page.check("input[name='embed-theme'][value='dark']");
  await page.selectOption("#embed-lang", "ja");
  const fixed = await page.inputValue(".embed-snippet");
  assert.match(fixed, /&amp;embed=1&amp;theme=dark&amp;id=vnuma-planner-[0-9a-f-]+&amp;lang=ja"/);
  assert.match(fixed, /data-vnuma-planner=""/);
  await context.close();
});

test("the example docs page: the same snippet twice, each frame sized on its own, both following its theme", async () => {
  const context = await shared.browser.newContext({ viewport: { width: 1000, height: 700 }, colorScheme: "light" });
  const page = await context.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(shared.server.origin + "/docs-page.html");
  const ids = await page.$$eval("iframe[data-vnuma-planner]", (fs) => fs.map((f) => f.id));
  assert.equal(ids.length, 2);
  assert.equal(ids[0], ids[1], "one snippet pasted twice");
  const fit = (i) =>
    page.evaluate((i) => {
      const f = document.querySelectorAll("iframe[data-vnuma-planner]")[i];
      const d = f.contentDocument.documentElement;
      return { scroll: d.scrollHeight, client: d.clientHeight, outer: f.getBoundingClientRect().height };
    }, i);
  const frame = (i) => page.frameLocator(`iframe[data-vnuma-planner] >> nth=${i}`);
  for (const i of [0, 1]) {
    await frame(i).locator("table.grid").waitFor();
    await page.waitForFunction((i) => {
      const f = document.querySelectorAll("iframe[data-vnuma-planner]")[i];
      const d = f.contentDocument.documentElement;
      return f.style.height !== "" && d.scrollHeight <= d.clientHeight;
    }, i);
    assert.ok((await fit(i)).outer > 480, `frame ${i} grew past a small default`);
  }

  // Opening an explanation in the first frame grows that frame only.
  const [first, second] = [await fit(0), await fit(1)];
  await frame(0).locator("td[data-size='large'][data-policy='none'] button").click();
  await page.waitForFunction(
    (h) => document.querySelectorAll("iframe[data-vnuma-planner]")[0].getBoundingClientRect().height > h,
    first.outer,
  );
  const grown = await fit(0);
  assert.ok(grown.scroll <= grown.client, `no inner scrollbar after growing: ${JSON.stringify(grown)}`);
  assert.equal((await fit(1)).outer, second.outer, "the other frame keeps its height");

  // The docs theme toggle changes only the page; both frames follow it.
  const themed = (theme) =>
    page.waitForFunction(
      (theme) => [...document.querySelectorAll("iframe[data-vnuma-planner]")].every((f) => f.contentDocument.documentElement.dataset.theme === theme),
      theme,
    );
  await themed("light");
  await page.click("#theme-toggle");
  await themed("dark");
  for (const i of [0, 1]) {
    const bg = await frame(i).locator("body").evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(bg, "rgb(15, 18, 22)");
  }
  await page.click("#theme-toggle");
  await themed("light");
  assert.deepEqual(requests.filter((u) => !u.startsWith(shared.server.origin + "/")), []);
  await context.close();
});

test("the embed ignores theme messages from anyone but its parent, and bad values", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin, "/?embed=1&theme=light");
  // Not in a frame: its own window posts; nothing changes.
  await page.evaluate(() => window.postMessage({ type: "vnuma-planner:theme", theme: "dark" }, "*"));
  await page.waitForTimeout(50);
  assert.equal(await page.getAttribute("html", "data-theme"), "light");
  await context.close();

  const docs = await shared.browser.newContext({ colorScheme: "light" });
  const host = await docs.newPage();
  await host.goto(shared.server.origin + "/docs-page.html");
  const frame = host.frameLocator("iframe[data-vnuma-planner] >> nth=0");
  await frame.locator("table.grid").waitFor();
  await host.waitForFunction(() => document.querySelector("iframe[data-vnuma-planner]").contentDocument.documentElement.dataset.theme === "light");
  await host.evaluate(() => {
    const w = document.querySelector("iframe[data-vnuma-planner]").contentWindow;
    w.postMessage({ type: "vnuma-planner:theme", theme: "<script>" }, "*");
    w.postMessage({ type: "other", theme: "dark" }, "*");
    // From the frame's own window, not its parent: ignored too.
    w.eval("postMessage({ type: 'vnuma-planner:theme', theme: 'dark' }, '*')");
  });
  await host.waitForTimeout(50);
  assert.equal(await frame.locator("html").getAttribute("data-theme"), "light");
  await docs.close();
});

test("a link with the admission keys opens on them, with the host details open", async () => {
  const path = "/?numa_nodes=2&cpus_per_node=32&threads_per_core=2&reserved_cpus=2,2&vcpus=32&emulator_thread=1&emulator_parity=1&full_pcpus_only=1";
  const { page, context, errors } = await openPlanner(shared.browser, shared.server.origin, path);
  assert.equal(await page.$eval(".host-details", (d) => d.open), true);
  assert.equal(await page.inputValue("input[data-field='reserved_cpus']"), "2,2");
  assert.equal(await page.isChecked("#field-full_pcpus_only"), true);
  assert.equal(await page.isChecked("#field-emulator_parity"), true);
  // 32 vCPUs + 2 for the even-parity emulator = 34 > 30 allocatable per node.
  const single = page.locator(".verdicts > li[data-policy='single-numa-node']");
  assert.equal(await single.getAttribute("data-verdict"), "fails-to-start");
  assert.equal(await single.getAttribute("data-status"), "works");
  assert.match(await single.textContent(), /No NUMA node has 34 allocatable CPUs/);
  assert.deepEqual(errors, []);
  await context.close();

  // A plain link keeps the group closed.
  const plain = await openPlanner(shared.browser, shared.server.origin, "/?vcpus=8");
  assert.equal(await plain.page.$eval(".host-details", (d) => d.open), false);
  await plain.context.close();
});

test("hostile values of the admission keys are text notices", async () => {
  const path =
    "/?reserved_cpus=%3Cimg%20src%3Dx%20onerror%3D%22window.pwn%3D1%22%3E&full_pcpus_only=%3Cscript%3E&emulator_parity=maybe&reserved_cpus=5";
  const { page, context, errors } = await openPlanner(shared.browser, shared.server.origin, path);
  const notices = await page.textContent(".link-notices");
  assert.match(notices, /Ignored reserved_cpus="<img src=x onerror=/);
  assert.match(notices, /Ignored full_pcpus_only="<script>" from the link: use 1 or 0/);
  assert.match(notices, /Ignored emulator_parity="maybe"/);
  assert.match(notices, /reserved_cpus more than once/);
  assert.equal(await page.evaluate(() => window.pwn), undefined);
  assert.equal(await page.locator(".link-notices img, .link-notices script").count(), 0);
  assert.equal(await page.inputValue("input[data-field='reserved_cpus']"), "");
  assert.deepEqual(errors, []);
  await context.close();
});
