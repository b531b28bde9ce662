// The planner page in headless Chromium, against the release build in dist/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser, openPlanner, typeInto, currentRows, badgeSize } from "./harness.mjs";

const shared = useServerAndBrowser();

test("the default scenario renders the grid with the large row current", async () => {
  const { page, context, errors } = await openPlanner(shared.browser, shared.server.origin);
  assert.equal(await badgeSize(page), "large");
  assert.deepEqual(await currentRows(page), ["large"]);
  assert.match(await page.textContent(".arithmetic"), /24 > 32 \/ 2 = 16/);
  assert.match(
    await page.textContent(".ranges"),
    /small up to 15 vCPUs, exactly 16 is the half \(no row of its own; undefined only under none\), large 17-32, extra large 33-64, more than 64 cannot run/,
  );
  // 12 cells, each with the core's codes, an icon and a label.
  // The exact half's row is apart (its own test): the document's 12 cells.
  const cells = await page.$$eval("td[data-status]:not([data-size='half-boundary'])", (tds) =>
    tds.map((td) => [td.dataset.size, td.dataset.policy, td.dataset.status, td.querySelector(".cell-label").textContent]),
  );
  assert.equal(cells.length, 12);
  assert.deepEqual(cells.find(([s, p]) => s === "large" && p === "none"), ["large", "none", "migration-fails", "Migration fails"]);
  assert.deepEqual(cells.find(([s, p]) => s === "extra-large" && p === "restricted"), [
    "extra-large",
    "restricted",
    "vm-does-not-work",
    "Does not work",
  ]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("changing vCPUs across each boundary moves the class and the current row", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin);
  const steps = [
    ["15", "small", ["small"]],
    ["16", "half-boundary", ["small", "half-boundary", "large"]],
    ["17", "large", ["large"]],
    ["32", "large", ["large"]],
    ["33", "extra-large", ["extra-large"]],
    ["64", "extra-large", ["extra-large"]],
    ["65", "exceeds-host", []],
  ];
  for (const [vcpus, size, rows] of steps) {
    await typeInto(page, "vcpus", vcpus);
    assert.equal(await badgeSize(page), size, `${vcpus} vCPUs`);
    assert.deepEqual(await currentRows(page), rows, `${vcpus} vCPUs`);
    if (vcpus === "15") {
      // The arithmetic's "<" is text, not the start of a tag.
      assert.match(await page.textContent(".arithmetic"), /Decided by 15 < 32 \/ 2 = 16 \(/);
    }
  }
  // Beyond the host every policy says it cannot run.
  const statuses = await page.$$eval(".verdicts > li", (lis) => lis.map((li) => li.dataset.status));
  assert.deepEqual(statuses, ["unschedulable", "unschedulable", "unschedulable", "unschedulable"]);
  await context.close();
});

test("the half boundary marks its row, the two rows it reads, and an undefined outcome under none", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin);
  await typeInto(page, "cpus_per_node", "48");
  await typeInto(page, "vcpus", "24");
  assert.equal(await badgeSize(page), "half-boundary");
  assert.deepEqual(await currentRows(page), ["small", "half-boundary", "large"]);
  const none = page.locator(".verdicts > li[data-policy='none']");
  assert.equal(await none.getAttribute("data-status"), "ambiguous");
  assert.match(await none.textContent(), /rows 3 \+ 2/);
  const advisory = page.locator(".advisories li[data-code='half-boundary']");
  assert.equal(await advisory.count(), 1);
  assert.equal(await advisory.locator(".tag").textContent(), "Beyond the document");
  assert.equal(await advisory.locator(".source a").getAttribute("rel"), "noopener noreferrer");
  await context.close();
});

test("an open explanation's exact-half note follows the inputs", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin);
  await page.locator("td[data-size='large'][data-policy='none'] button").click();
  const note = page.locator("#explanation [data-half-note]");
  assert.equal(await note.count(), 0, "24 of 32 is not the half");
  await typeInto(page, "vcpus", "16");
  assert.equal(await page.getAttribute("#explanation", "data-cell"), "large.none", "still open");
  assert.match(await note.textContent(), /For your VM \(exactly half a node\).*disagree/);
  await typeInto(page, "vcpus", "17");
  assert.equal(await note.count(), 0, "gone again past the half");
  await context.close();
});

test("the verdict per policy follows the inputs; the grid stays the document's", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin);
  const verdicts = () => page.$$eval(".verdicts > li", (lis) => lis.map((li) => li.dataset.verdict));
  assert.deepEqual(await verdicts(), ["migration-fails", "works", "works", "works"]);
  await typeInto(page, "vcpus", "64");
  assert.deepEqual(await verdicts(), ["unschedulable", "unschedulable", "unschedulable", "unschedulable"]);
  const none = page.locator(".verdicts > li[data-policy='none']");
  assert.equal(await none.getAttribute("data-status"), "works", "the document's cell beside it");
  assert.match(await none.locator(".checks").textContent(), /host has 63 allocatable/);
  // Each failing check is an item with its code and result; its quotes are text.
  const check = none.locator(".checks > li").first();
  assert.equal(await check.getAttribute("data-check"), "host-allocatable");
  assert.equal(await check.getAttribute("data-result"), "fail");
  assert.match(await check.textContent(), /"Insufficient cpu"/);
  assert.equal(await page.getAttribute("td[data-size='extra-large'][data-policy='none']", "data-status"), "works");

  await typeInto(page, "vcpus", "32");
  await page.click(".host-details summary");
  await typeInto(page, "reserved_cpus", "2,2");
  assert.deepEqual(await verdicts(), ["migration-fails", "fails-to-start", "works", "fails-to-start"]);
  // The cell's explanation says what this host changes.
  await page.locator("td[data-size='large'][data-policy='single-numa-node'] button").click();
  assert.match(await page.textContent("#explanation .verdict-note"), /For your VM on this host: Fails to start/);
  await typeInto(page, "reserved_cpus", "2");
  assert.deepEqual(await verdicts(), ["migration-fails", "works", "works", "works"]);
  // The extras redraw the explanation for the new inputs: the note goes.
  await page.locator("#explanation .verdict-note").waitFor({ state: "detached" });

  // A bad list is a message at the field; the last result stays.
  await typeInto(page, "reserved_cpus", "0");
  assert.match(await page.textContent("[data-error-for='reserved_cpus']"), /must total at least 1/);
  assert.equal(await page.getAttribute(".results", "data-stale"), "true");
  await context.close();
});

test("an invalid value shows a field message and keeps the last result, marked stale", async () => {
  const { page, context, errors } = await openPlanner(shared.browser, shared.server.origin);
  await typeInto(page, "vcpus", "abc");
  const message = page.locator("[data-error-for='vcpus']");
  assert.match(await message.textContent(), /vCPUs must be a whole number from 1 to 16384; "abc" is not a number/);
  assert.equal(await page.getAttribute("input[data-field='vcpus']", "aria-invalid"), "true");
  assert.equal(await page.getAttribute(".results", "data-stale"), "true");
  assert.match(await page.textContent(".stale-notice"), /last valid result/);
  assert.equal(await badgeSize(page), "large", "the last valid class stays on screen");
  assert.deepEqual(await currentRows(page), ["large"]);

  for (const bad of ["0", "-5", "2.5", "99999999999999999999999999", ""]) {
    await typeInto(page, "vcpus", bad);
    assert.notEqual((await message.textContent()).trim(), "", `message for ${JSON.stringify(bad)}`);
    assert.equal(await badgeSize(page), "large");
  }
  const body = await page.textContent("body");
  assert.doesNotMatch(body, /NaN|\[object |\bnull\b|undefined(?! only under none)/);

  await typeInto(page, "vcpus", "40");
  assert.equal(await page.getAttribute(".results", "data-stale"), "false");
  assert.equal(await badgeSize(page), "extra-large");
  assert.equal((await message.textContent()).trim(), "");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a cell's explanation opens from the keyboard", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin);
  const button = page.locator("td[data-size='large'][data-policy='none'] button");
  await button.focus();
  await page.keyboard.press("Enter");
  const panel = page.locator("#explanation");
  assert.equal(await panel.getAttribute("data-cell"), "large.none");
  assert.equal(await button.getAttribute("aria-expanded"), "true");
  // The explanation itself comes from the page's extras.
  await panel.locator("#cell-detail[data-detail='large.none'] .provenance").waitFor();
  const text = await panel.locator("#cell-detail").textContent();
  assert.match(text, /What happens/);
  assert.match(text, /What you will see/);
  assert.match(text, /What to do/);
  assert.match(text, /Decided by row 2 \(any size, none\)/);
  assert.match(text, /any size\u201d row fills the cell/);
  const link = await panel.locator("#cell-detail a").first().getAttribute("href");
  assert.match(link, /virt-numa-live-migration_virt-numa-topology$/);
  // Its Close button, from the keyboard too, closes it and leaves the cell's focus usable.
  await panel.locator("button.close").focus();
  await page.keyboard.press("Enter");
  assert.equal(await panel.getAttribute("data-cell"), null);
  assert.equal(await panel.locator(".explanation-empty").isVisible(), true);
  assert.match(await panel.locator(".explanation-empty").textContent(), /Select a cell of the grid/);
  assert.equal(await button.getAttribute("aria-expanded"), "false");
  await button.focus();
  await page.keyboard.press("Enter");
  assert.equal(await panel.getAttribute("data-cell"), "large.none");

  // Arrow keys step a field.
  await page.locator("input[data-field='vcpus']").focus();
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.inputValue("input[data-field='vcpus']"), "25");
  await page.keyboard.press("Shift+ArrowDown");
  assert.equal(await page.inputValue("input[data-field='vcpus']"), "15");
  assert.equal(await badgeSize(page), "small");
  await context.close();
});

test("choosing a policy marks its column", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin);
  await page.selectOption("#field-policy", "restricted");
  const chosen = await page.$$eval("td.chosen", (tds) => tds.map((td) => [td.dataset.size, td.dataset.policy]));
  assert.deepEqual(chosen, [
    ["small", "restricted"],
    ["half-boundary", "restricted"],
    ["large", "restricted"],
    ["extra-large", "restricted"],
  ]);
  assert.equal(await page.getAttribute("th[data-policy='restricted']", "data-chosen"), "true");
  assert.equal(await page.getAttribute(".verdicts > li[aria-current='true']", "data-policy"), "restricted");
  await context.close();
});

test("sockets x cores x threads drive the class like a vCPU count", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin);
  await page.check("input[name='vcpu-mode'][value='topology']");
  await typeInto(page, "sockets", "2");
  await typeInto(page, "cores", "20");
  await typeInto(page, "threads", "1");
  assert.equal(await badgeSize(page), "extra-large");
  assert.match(await page.textContent(".product"), /= 40 vCPUs/);
  await context.close();
});

test("the host as bought fills the NUMA inputs and shows the working", async () => {
  const { page, context, errors } = await openPlanner(shared.browser, shared.server.origin);
  await page.check("input[name='host-mode'][value='as-bought']");
  // The 2 x 32 host reads as two sockets of 32 cores: nothing changes.
  assert.equal(await page.inputValue("input[data-field='host_sockets']"), "2");
  assert.equal(await page.inputValue("input[data-field='cores_per_socket']"), "32");
  assert.equal(await badgeSize(page), "large");
  await typeInto(page, "threads_per_core", "2");
  await typeInto(page, "nodes_per_socket", "4");
  assert.equal(
    (await page.textContent("[data-host-working]")).trim(),
    "2 sockets x 32 cores x 2 threads / 4 nodes per socket = 8 NUMA nodes x 16 CPUs",
  );
  // 24 vCPUs on nodes of 16 CPUs: extra large now.
  assert.equal(await badgeSize(page), "extra-large");
  assert.equal(await page.inputValue("input[data-field='numa_nodes']"), "8");
  assert.equal(await page.inputValue("input[data-field='cpus_per_node']"), "16");
  await page.waitForFunction(() => new URL(location.href).searchParams.get("nodes_per_socket") === "4");
  assert.equal(new URL(page.url()).searchParams.get("numa_nodes"), null);
  // Nodes that do not divide the cores: the first nodes take one core more.
  await typeInto(page, "nodes_per_socket", "3");
  assert.match(await page.textContent("[data-host-working]"), /6 NUMA nodes of 22, 22, 20 CPUs in each socket/);
  // A shape that cannot be: the error at its field, the last result kept.
  await typeInto(page, "nodes_per_socket", "33");
  assert.match(await page.textContent("[data-error-for='nodes_per_socket']"), /cannot be more than the 32 cores of a socket; 33 is/);
  assert.equal(await page.getAttribute(".results", "data-stale"), "true");
  await typeInto(page, "nodes_per_socket", "4");
  await page.check("input[name='host-mode'][value='nodes']");
  assert.equal(await page.inputValue("input[data-field='numa_nodes']"), "8");
  assert.equal(await badgeSize(page), "extra-large");
  assert.deepEqual(errors, []);
  await context.close();
});

test("switching to sockets x cores x threads keeps a typed vCPU count", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin);
  await typeInto(page, "vcpus", "40");
  assert.equal(await badgeSize(page), "extra-large");
  await page.check("input[name='vcpu-mode'][value='topology']");
  assert.equal(await badgeSize(page), "extra-large");
  assert.match(await page.textContent(".product"), /= 40 vCPUs/);
  assert.equal(await page.inputValue("input[data-field='sockets']"), "40");
  await typeInto(page, "cores", "2");
  await page.check("input[name='vcpu-mode'][value='count']");
  assert.equal(await page.inputValue("input[data-field='vcpus']"), "80");
  await context.close();
});

test("the class reads once, and a VM beyond the host is weighed against the whole host", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin, "/?vcpus=200");
  assert.equal((await page.textContent(".badge")).trim(), "Larger than the host");
  assert.match(await page.textContent(".arithmetic"), /200 > 2 x 32 = 64 \(vCPUs against the logical CPUs of the whole host\)/);
  await typeInto(page, "vcpus", "40");
  assert.match(await page.textContent(".arithmetic"), /of one NUMA node\)/);
  await context.close();
});

test("a ruler band too narrow for its label hides it rather than clip it", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin, "/?numa_nodes=16&cpus_per_node=8&vcpus=4");
  const labels = () =>
    page.$$eval(".ruler-bar .seg-label", (spans) =>
      spans
        .filter((s) => !s.parentElement.hidden && s.textContent !== "")
        .map((s) => {
          const band = s.parentElement.getBoundingClientRect();
          const text = s.getBoundingClientRect();
          return {
            label: s.textContent,
            shown: getComputedStyle(s).visibility === "visible",
            fits: text.left >= band.left - 0.5 && text.right <= band.right + 0.5,
          };
        }),
    );
  // 1-3 of 128 CPUs: no room for "small"; "extra large" has plenty.
  let now = await labels();
  assert.deepEqual(now.find((l) => l.label === "small"), { label: "small", shown: false, fits: false });
  assert.equal(now.find((l) => l.label === "extra large").shown, true);
  for (const l of now) assert.ok(!l.shown || l.fits, `${l.label} is shown but clipped`);
  // On 2 x 32 every label has room, and shows.
  await typeInto(page, "numa_nodes", "2");
  await typeInto(page, "cpus_per_node", "32");
  now = await labels();
  assert.deepEqual(now.map((l) => [l.label, l.shown, l.fits]), [
    ["small", true, true],
    ["large", true, true],
    ["extra large", true, true],
  ]);
  await context.close();
});

test("the ruler's node label starts at the node boundary and clears the end labels", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin, "/?numa_nodes=8&cpus_per_node=16&vcpus=12", {
    viewport: { width: 360, height: 800 },
  });
  const at = await page.evaluate(() => {
    const bar = document.querySelector(".ruler-bar").getBoundingClientRect();
    const [one, node, host] = [...document.querySelectorAll(".ruler-scale > span")].map((s) => s.getBoundingClientRect());
    return { start: (node.left - bar.left) / bar.width, clear: one.right <= node.left && node.right <= host.left };
  });
  assert.ok(Math.abs(at.start - 16 / 128) < 0.01, `label starts at ${(at.start * 100).toFixed(1)}%, boundary at 12.5%`);
  assert.ok(at.clear, "the node label overlaps the 1 or the host label at 360 px");
  // One node: the host's label says it; the node label would cover it.
  await typeInto(page, "numa_nodes", "1");
  assert.equal(await page.isVisible(".ruler-scale .node-label"), false);
  await context.close();
});

test("at 768 px the inputs and the results sit side by side", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin, "/", {
    viewport: { width: 768, height: 1000 },
  });
  const [inputs, results] = await page.evaluate(() =>
    [".input-column", ".results"].map((s) => document.querySelector(s).getBoundingClientRect().toJSON()),
  );
  assert.ok(inputs.right <= results.left, "the inputs are left of the results");
  assert.ok(Math.abs(inputs.top - results.top) < 5, "both start at the top");
  const grid = await page.evaluate(() => document.querySelector("table.grid").getBoundingClientRect().top);
  assert.ok(grid < 1000, `the grid starts at ${grid}px, in the first screen`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page overflows by ${overflow}px at 768 px`);
  await context.close();
});

test("the page makes no request outside its own origin", async () => {
  const context = await shared.browser.newContext();
  const page = await context.newPage();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(shared.server.origin + "/");
  await page.waitForSelector("table.grid");
  await page.locator("td[data-size='small'][data-policy='none'] button").click();
  await page.waitForLoadState("networkidle");
  assert.ok(requests.length >= 3, "html, js and wasm were loaded");
  const foreign = requests.filter((u) => !u.startsWith(shared.server.origin + "/"));
  assert.deepEqual(foreign, []);
  await context.close();
});

test("readable at 360 px wide and in dark mode", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin, "/", {
    viewport: { width: 360, height: 800 },
    colorScheme: "dark",
  });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page overflows by ${overflow}px at 360 px`);
  // The most useful planning fact on a phone: each row's vCPU range.
  for (const size of ["small", "large", "extra-large"]) {
    assert.ok(await page.isVisible(`tr[data-size='${size}'] .size-range`), `${size} range visible`);
  }
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, "rgb(15, 18, 22)");
  await context.close();
});

test("dist works from a folder of a static host, not only its root", async () => {
  const { page, context, errors } = await openPlanner(shared.browser, shared.server.origin, "/some/folder/?vcpus=12");
  assert.equal(await badgeSize(page), "small");
  assert.equal(new URL(page.url()).pathname, "/some/folder/");
  assert.deepEqual(errors, []);
  await context.close();
});
