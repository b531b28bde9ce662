// The Paste panel and its importer worker, in headless Chromium: what a
// support engineer pastes or drops fills the inputs; the worker's bytes are
// fetched only when the panel opens; bad or hostile input is one message.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { useServerAndBrowser, openPlanner, badgeSize } from "./harness.mjs";

const shared = useServerAndBrowser();
const fixture = (path) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url), "utf8");
const IMPORTER = /paste-panel\.js|import-worker\.js|vnuma-planner-import/;

/// The planner with a log of every URL it requested.
async function open(path = "/") {
  const opened = await openPlanner(shared.browser, shared.server.origin, path);
  opened.requests = [];
  opened.page.on("request", (r) => opened.requests.push(r.url()));
  return opened;
}

async function openPanel(page) {
  await page.click("details.paste > summary");
  await page.waitForSelector("[data-paste]");
}

async function paste(page, text) {
  await page.fill("[data-paste]", text);
  await page.click('button[data-action="read"]');
}

/// Waits until the panel says it read something or why it could not.
async function settled(page) {
  await page.waitForFunction(() => {
    const status = document.querySelector("[data-paste-status]")?.textContent ?? "";
    const error = document.querySelector("[data-paste-error]")?.textContent ?? "";
    return error !== "" || (status !== "" && status !== "Reading…");
  });
  return {
    status: await page.textContent("[data-paste-status]"),
    error: await page.textContent("[data-paste-error]"),
  };
}

const value = (page, key) => page.inputValue(`[data-field="${key}"]`);
const mark = (page, key) => page.locator(`[data-from-for="${key}"]`);

test("a plain page load fetches no importer bytes; opening the panel fetches them once", async () => {
  const { page, context, errors, requests } = await open();
  await page.goto(shared.server.origin + "/");
  await page.waitForSelector("table.grid");
  await page.waitForTimeout(300);
  assert.deepEqual(requests.filter((u) => IMPORTER.test(u)), []);
  await openPanel(page);
  await paste(page, fixture("host/lscpu-2socket-smt.txt"));
  await settled(page);
  await page.click("details.paste > summary");
  await page.click("details.paste > summary");
  await paste(page, fixture("host/numactl-nps4.txt"));
  await settled(page);
  const fetched = requests.filter((u) => IMPORTER.test(u)).map((u) => new URL(u).pathname);
  for (const file of ["/paste-panel.js", "/import-worker.js", "/vnuma-planner-import.wasm"]) {
    assert.equal(fetched.filter((f) => f === file).length, 1, `${file} fetched once: ${fetched}`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("a pasted VM and lscpu fill the inputs, each marked with its source", async () => {
  const { page, context, errors } = await open();
  await openPanel(page);
  const both = fixture("vm/vm-hugepages-1gi.yaml") + "\n---\n" + fixture("host/lscpu-2socket-smt.txt");
  await paste(page, both);
  const { status, error } = await settled(page);
  assert.equal(error, "");
  assert.match(status, /Filled \d+ inputs/);
  assert.equal(await value(page, "numa_nodes"), "2");
  assert.equal(await value(page, "cpus_per_node"), "32");
  assert.equal(await value(page, "threads_per_core"), "2");
  assert.equal(await page.inputValue('[data-field="sockets"]'), "2");
  assert.equal(await page.inputValue('[data-field="cores"]'), "20");
  assert.equal(await value(page, "memory"), "9Gi");
  assert.equal(await page.inputValue('select[name="hugepage_size"]'), "1Gi");
  assert.equal(await badgeSize(page), "extra-large");
  assert.match(await mark(page, "cores").textContent(), /^from pasted text: VirtualMachine reports-vnuma spec\.template\.spec\.domain\.cpu/);
  assert.match(await mark(page, "numa_nodes").textContent(), /^from pasted text: lscpu/);
  assert.match(await page.textContent(".paste-read"), /NUMA nodes 2/);
  // The link carries the imported inputs, never the pasted text.
  await page.waitForFunction(() => location.search.includes("cores=20"));
  const url = page.url();
  assert.match(url, /cores=20/);
  assert.doesNotMatch(url, /reports-vnuma|kubevirt/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a hand edit takes the mark off and wins; clear puts back the values before the import", async () => {
  const { page, context, errors } = await open("/?numa_nodes=4&cpus_per_node=16&vcpus=12");
  await openPanel(page);
  await paste(page, fixture("host/lscpu-2socket-smt.txt"));
  await settled(page);
  assert.equal(await value(page, "numa_nodes"), "2");
  await page.fill('[data-field="cpus_per_node"]', "30");
  assert.equal(await mark(page, "cpus_per_node").count(), 0);
  assert.equal(await mark(page, "numa_nodes").count(), 1);
  await page.click('button[data-action="clear-imported"]');
  await page.waitForFunction(() => document.querySelector('[data-field="numa_nodes"]').value === "4");
  assert.equal(await value(page, "cpus_per_node"), "30");
  assert.equal(await value(page, "vcpus"), "12");
  assert.equal(await mark(page, "numa_nodes").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("dropping two files (a VM and an lscpu) on the closed panel reads both", async () => {
  const { page, context, errors } = await open();
  const files = [
    ["vm.yaml", fixture("vm/vm-numa-topology.yaml")],
    ["lscpu.txt", fixture("host/lscpu-2socket-smt.txt")],
  ];
  const transfer = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const [name, text] of files) dt.items.add(new File([text], name, { type: "text/plain" }));
    return dt;
  }, files);
  await page.dispatchEvent("details.paste", "drop", { dataTransfer: transfer });
  const { error } = await settled(page);
  assert.equal(error, "");
  assert.equal(await page.$eval("details.paste", (d) => d.open), true);
  assert.equal(await value(page, "numa_nodes"), "2");
  assert.match(await mark(page, "numa_nodes").textContent(), /^from lscpu\.txt: lscpu/);
  assert.ok((await page.locator('[data-from-for^="v"], [data-from-for="sockets"]').count()) > 0);
  assert.match(await page.locator("[data-from-for]").first().textContent(), /from (vm\.yaml|lscpu\.txt)/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("several VMs in one paste offer the choice", async () => {
  const { page, context, errors } = await open();
  await openPanel(page);
  await paste(page, fixture("vm/vms-list-three.yaml"));
  const { error } = await settled(page);
  assert.match(error, /holds 3 VMs/);
  const names = await page.$$eval("[data-paste-choice] option", (os) => os.map((o) => o.textContent).slice(1));
  assert.equal(names.length, 3);
  await page.selectOption("[data-paste-choice]", names[1]);
  await page.waitForSelector(`[data-from-for]`);
  assert.equal(await page.textContent("[data-paste-error]"), "");
  assert.deepEqual(errors, []);
  await context.close();
});

test("more than 2 MB is refused before it reaches the worker", async () => {
  const { page, context, errors, requests } = await open();
  await openPanel(page);
  await page.waitForTimeout(200);
  const before = requests.length;
  await page.$eval("[data-paste]", (t) => (t.value = "x".repeat(2 * 1024 * 1024 + 1)));
  await page.click('button[data-action="read"]');
  const { error } = await settled(page);
  assert.match(error, /at most 2 MB/);
  assert.equal(await value(page, "numa_nodes"), "2");
  assert.equal(requests.length, before);
  assert.deepEqual(errors, []);
  await context.close();
});

test("hostile or unreadable pastes give one line and inject nothing", async () => {
  const { page, context, errors } = await open();
  await openPanel(page);
  const before = await page.$$eval("input[data-field]", (els) => els.map((e) => e.value));
  for (const hostile of [
    "<script>window.pwned = 1</script><img src=x onerror='window.pwned = 1'>",
    "[".repeat(100_000),
    "kind: VirtualMachine\nspec: {template: {spec: {domain: {cpu: {cores: <b>x</b>}}}}}",
    "$ oc get vm x -o yaml\nkind: Nothing",
  ]) {
    await page.fill("[data-paste]", hostile);
    await page.click('button[data-action="read"]');
    const { error } = await settled(page);
    assert.ok(error.length > 0 && error.length < 400 && !error.includes("\n"), error);
    await page.evaluate(() => (document.querySelector("[data-paste-error]").textContent = ""));
  }
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator("details.paste script, details.paste img").count(), 0);
  assert.deepEqual(await page.$$eval("input[data-field]", (els) => els.map((e) => e.value)), before);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a worker that crashes or hangs is replaced and the page stays usable", async () => {
  const { page, context, errors } = await open();
  // A stand-in worker script that never answers, then one that throws.
  await page.route("**/import-worker.js", (route) =>
    route.fulfill({ contentType: "text/javascript", body: 'postMessage({ protocol: {} });' }),
  );
  await openPanel(page);
  await paste(page, "numa_nodes: 2");
  const hung = await settled(page);
  assert.match(hung.error, /longer than 5 seconds/);
  await page.route("**/import-worker.js", (route) =>
    route.fulfill({
      contentType: "text/javascript",
      body: 'postMessage({ protocol: {} }); onmessage = () => { throw new Error("boom"); };',
    }),
  );
  await page.evaluate(() => (document.querySelector("[data-paste-error]").textContent = ""));
  await paste(page, "numa_nodes: 2");
  const crashed = await settled(page);
  assert.match(crashed.error, /stopped with an error/);
  await page.unroute("**/import-worker.js");
  await page.evaluate(() => (document.querySelector("[data-paste-error]").textContent = ""));
  await paste(page, fixture("host/numactl-nps4.txt"));
  const { error } = await settled(page);
  assert.equal(error, "");
  assert.notEqual(await value(page, "numa_nodes"), "2");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the page's own wasm has no YAML parser; the worker's has it", () => {
  const dist = new URL("../../dist/", import.meta.url);
  const wasm = (pattern) => {
    const name = readdirSync(dist).find((n) => pattern.test(n));
    assert.ok(name, `${pattern} in dist/`);
    return readFileSync(new URL(name, dist)).toString("latin1");
  };
  // yaml-rust2's own error messages: linked only where its parser is.
  const parser = /did not find expected <document start>|while scanning a block scalar/;
  assert.doesNotMatch(wasm(/^vnuma-planner-web-.*_bg\.wasm$/), parser);
  assert.match(wasm(/^vnuma-planner-import\.wasm$/), parser);
});
