// The page printed, in forced colours (Windows high contrast) and with
// reduced motion: what each keeps of the answer.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser, openPlanner } from "./harness.mjs";

const shared = useServerAndBrowser();

const display = (page, selector) => page.$eval(selector, (e) => getComputedStyle(e).display);

test("printed, the page is the answer without the form or the buttons", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin, "/?vcpus=40&policy=best-effort");
  await page.emulateMedia({ media: "print" });
  assert.equal(await display(page, ".input-column"), "none");
  assert.equal(await display(page, ".share"), "none");
  assert.notEqual(await display(page, "table.grid"), "none");
  assert.notEqual(await display(page, ".verdicts"), "none");
  // The source is printed with its address.
  const after = await page.$eval("footer a[href^='http']", (a) => getComputedStyle(a, "::after").content);
  assert.match(after, /docs\.redhat\.com/);
  await page.emulateMedia({ media: "screen" });
  assert.notEqual(await display(page, ".input-column"), "none");
  await context.close();
});

test("in forced colours each status keeps a border style of its own", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin, "/?vcpus=24");
  await page.emulateMedia({ forcedColors: "active" });
  const border = (status) =>
    page.$eval(`table.grid td[data-status='${status}']`, (td) => getComputedStyle(td).borderTopStyle);
  const styles = {
    works: await border("works"),
    "migration-fails": await border("migration-fails"),
    "fails-to-start": await border("fails-to-start"),
    ambiguous: await border("ambiguous"),
  };
  assert.deepEqual(styles, { works: "solid", "migration-fails": "dashed", "fails-to-start": "double", ambiguous: "dotted" });
  await context.close();
});
