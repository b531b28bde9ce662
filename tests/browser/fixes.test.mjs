// The checked fixes of a failing verdict, made by the page's extras when
// asked for, and applied to the inputs with one button.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser, openPlanner } from "./harness.mjs";

const shared = useServerAndBrowser();

const card = (policy) => `.results[data-host='a'] .verdicts > li[data-policy='${policy}']`;

test("a failing verdict's checked fix applies to the inputs and the verdict passes", async () => {
  // 40 vCPUs on nodes of 32 CPUs: single-numa-node cannot place the pod.
  const { page, context, errors } = await openPlanner(
    shared.browser,
    shared.server.origin,
    "/?numa_nodes=2&cpus_per_node=32&vcpus=40&policy=single-numa-node",
  );
  assert.equal(await page.getAttribute(card("single-numa-node"), "data-verdict"), "fails-to-start");
  // A verdict that works offers nothing to fix.
  assert.equal(await page.isHidden(`${card("best-effort")} .fixes`), true);
  await page.click(`${card("single-numa-node")} .fixes > button`);
  const fix = `${card("single-numa-node")} .fix-items li[data-fix='single-numa-node-fit']`;
  await page.waitForSelector(fix);
  const summaries = await page.$$eval(`${card("single-numa-node")} .fix-items li`, (li) =>
    li.map((l) => l.querySelector(".fix-summary").textContent),
  );
  assert.ok(summaries.some((s) => /vCPUs instead of 40/.test(s)), summaries.join(" | "));
  // The object to edit is there to copy.
  assert.match(await page.textContent(`${fix} pre`), /\S/);
  // Fewer vCPUs: the first fix; applied, the verdict passes and the link follows.
  const fewer = page.locator(`${card("single-numa-node")} .fix-items li`, { hasText: "vCPUs instead of 40" }).first();
  await fewer.locator("button[data-apply]").click();
  await page.waitForFunction(
    (sel) => document.querySelector(sel).dataset.verdict === "works",
    card("single-numa-node"),
  );
  const vcpus = await page.inputValue("input[data-field='vcpus']");
  assert.ok(Number(vcpus) < 40, vcpus);
  await page.waitForFunction((v) => location.search.includes(`vcpus=${v}`), vcpus);
  // With nothing left to fix, the fixes go.
  assert.equal(await page.isHidden(`${card("single-numa-node")} .fixes`), true);
  // The extras' stylesheet came in once, however often they were asked.
  assert.equal(await page.locator("link[href$='extras.css']").count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test("an error message pasted alone is named with the planner's check", async () => {
  const { page, context, errors } = await openPlanner(shared.browser, shared.server.origin, "/?vcpus=24");
  await page.locator("details.paste > summary").click();
  await page.fill(
    "[data-paste]",
    "Events:\n  Warning  UnexpectedAdmissionError  12s  kubelet  Allocate failed due to SMT Alignment Error: requested 25 cpus not multiple cpus per core = 2, which is unexpected\n",
  );
  await page.click('button[data-action="read"]');
  const item = ".paste-errors li[data-check='smt-alignment']";
  await page.waitForSelector(item);
  assert.match(await page.textContent(item), /^smt-alignment: /);
  // Nothing was filled: the inputs are as they were.
  assert.equal(await page.inputValue("input[data-field='vcpus']"), "24");
  assert.equal(await page.locator("[data-from-for]").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});
