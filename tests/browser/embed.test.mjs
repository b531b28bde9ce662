// The widget where docs teams put it: the snippet pasted twice on a dark
// page of another origin, a Pym.js parent, an AMP parent, sandboxed frames,
// and a phone's width.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:http";
import { useServerAndBrowser, openPlanner } from "./harness.mjs";

const shared = useServerAndBrowser();
const require = createRequire(import.meta.url);
const PYM = readFileSync(require.resolve("pym.js/dist/pym.v1.min.js"), "utf8");
/**
 * A docs site serving `html` at `/page.html` (and Pym.js at `/pym.js`) from
 * a server of its own: another port, so another origin than the planner's,
 * and loopback like it (Chromium keeps public pages from framing loopback).
 */
async function docsSite(html, options = {}) {
  const server = createServer((req, res) => {
    const js = req.url === "/pym.js";
    res.writeHead(200, { "content-type": js ? "text/javascript" : "text/html; charset=utf-8" });
    res.end(js ? PYM : html);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const context = await shared.browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(`http://127.0.0.1:${server.address().port}/page.html`);
  const close = async () => {
    await context.close();
    await new Promise((resolve) => server.close(resolve));
  };
  return { context: { close }, page, errors };
}

/** The snippet the planner's Embed panel gives for `path`, as chosen. */
async function snippetFor(path, theme = "follow") {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin, path);
  await page.click("text=Embed in a documentation page");
  await page.check(`input[name='embed-theme'][value='${theme}']`);
  const snippet = await page.inputValue(".embed-snippet");
  await context.close();
  return snippet;
}

const frames = (page) => page.locator("iframe");
const frameHeight = (page, i) => frames(page).nth(i).evaluate((f) => f.getBoundingClientRect().height);

/** The frame's height once it has stayed the same for half a second (a frame may still be taking its theme or its first layout). */
async function settledHeight(page, i) {
  for (let last = -1; ; await page.waitForTimeout(500)) {
    const now = await frameHeight(page, i);
    if (now === last) return now;
    last = now;
  }
}

test("the same snippet twice on a dark page of another origin: each frame sizes on its own and follows the theme", async () => {
  const snippet = await snippetFor("/?vcpus=24");
  const html = `<!DOCTYPE html><html lang="en"><head><title>Docs</title></head>
<body style="background:#0d1117;color:#e6edf3;font-family:sans-serif">
<h1>Docs</h1>${snippet}<p>Between the two.</p>${snippet}<p>After.</p></body></html>`;
  const { context, page, errors } = await docsSite(html, {
    viewport: { width: 1000, height: 800 },
    colorScheme: "light",
    permissions: ["clipboard-read", "clipboard-write"],
  });
  assert.equal(await frames(page).count(), 2);
  const ids = await frames(page).evaluateAll((fs) => fs.map((f) => f.id));
  assert.equal(ids[0], ids[1], "two frames of one id");
  for (const i of [0, 1]) {
    const frame = page.frameLocator("iframe").nth(i);
    await frame.locator("table.grid").waitFor();
    // The page is dark, the system light: the frame follows the page.
    await frame.locator("html[data-theme='dark']").waitFor();
    await page.waitForFunction((i) => document.querySelectorAll("iframe")[i].style.height !== "", i);
    assert.ok((await frameHeight(page, i)) > 480, `frame ${i} sized from its messages`);
  }
  const [first, second] = [await settledHeight(page, 0), await settledHeight(page, 1)];
  await page.frameLocator("iframe").nth(1).locator("td[data-size='large'][data-policy='none'] button").click();
  await page.waitForFunction((h) => document.querySelectorAll("iframe")[1].getBoundingClientRect().height > h, second);
  assert.equal(await frameHeight(page, 0), first, "the first frame keeps its height");
  // Copy works in the frames with the snippet's allow="clipboard-write".
  await page.evaluate(() => navigator.clipboard.writeText("before"));
  const embedded = page.frameLocator("iframe").nth(0);
  await embedded.locator(".copy-embed-link").click();
  await embedded.locator(".full-planner [role='status']").filter({ hasText: /Copied the link/ }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await embedded.locator(".full-planner a").getAttribute("href"));
  assert.doesNotMatch(copied, /embed=1/, "the full planner's link");

  assert.deepEqual(errors, []);
  await context.close();
});

test("copying inside a cross-origin frame works with the snippet's allow, and is refused without it", async () => {
  const link = `${shared.server.origin}/?vcpus=24&cell=large.none`;
  const html = (allow) => `<!DOCTYPE html><html lang="en"><head><title>Docs</title></head><body>
<iframe src="${link}" ${allow} style="width:100%;height:1600px;border:0" title="vNUMA planner"></iframe></body></html>`;
  for (const [allow, copies] of [[`allow="clipboard-write"`, true], ["", false]]) {
    const { context, page } = await docsSite(html(allow), {
      viewport: { width: 1100, height: 900 },
      permissions: ["clipboard-read", "clipboard-write"],
    });
    await page.evaluate(() => navigator.clipboard.writeText("before"));
    const frame = page.frameLocator("iframe");
    await frame.locator("#copy-link").click();
    const status = frame.locator(".copy-status");
    await status.filter({ hasText: /\S/ }).first().waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    if (copies) {
      assert.match(await status.first().textContent(), /Copied the link/);
      assert.match(copied, /vcpus=24/);
    } else {
      assert.match(await status.first().textContent(), /Could not copy/);
      assert.equal(copied, "before");
    }
    await context.close();
  }
});

test("a Pym.js parent sizes the frame from the widget's Pym messages", async () => {
  const url = `${shared.server.origin}/?vcpus=24&embed=1`;
  const html = `<!DOCTYPE html><html lang="en"><head><title>Docs</title></head><body>
<div id="planner"></div>
<script src="/pym.js"></script>
<script>window.pymParent = new pym.Parent("planner", ${JSON.stringify(url)}, { title: "vNUMA planner" });</script>
</body></html>`;
  const { context, page } = await docsSite(html, { viewport: { width: 900, height: 700 } });
  const iframe = page.locator("#planner iframe");
  await iframe.waitFor();
  assert.match(await iframe.getAttribute("src"), /childId=planner/);
  await page.frameLocator("#planner iframe").locator("table.grid").waitFor();
  // Pym sets the height attribute from `pymxPYMxplannerxPYMxheightxPYMx<px>`.
  await page.waitForFunction(() => Number.parseInt(document.querySelector("#planner iframe").getAttribute("height"), 10) > 400);
  const [attribute, content] = await Promise.all([
    iframe.getAttribute("height"),
    page.frameLocator("#planner iframe").locator("body").evaluate((b) => Math.ceil(b.getBoundingClientRect().height)),
  ]);
  assert.equal(Number.parseInt(attribute, 10), content);
  await context.close();
});

test("an AMP parent sizes the frame from the widget's embed-size messages", async () => {
  const url = `${shared.server.origin}/?vcpus=24&embed=1`;
  // What amp-iframe resizable does with the message, and nothing else.
  const html = `<!DOCTYPE html><html lang="en"><head><title>Docs</title></head><body>
<iframe id="amp" src="${url}" style="width:100%;border:0" height="150" title="vNUMA planner"></iframe>
<script>
addEventListener("message", (e) => {
  const frame = document.getElementById("amp");
  if (e.source !== frame.contentWindow || !e.data || e.data.sentinel !== "amp" || e.data.type !== "embed-size") return;
  frame.height = e.data.height;
  frame.dataset.sizedBy = "amp";
});
</script></body></html>`;
  const { context, page } = await docsSite(html, { viewport: { width: 900, height: 700 } });
  await page.waitForFunction(() => document.getElementById("amp").dataset.sizedBy === "amp");
  const height = Number(await page.locator("#amp").getAttribute("height"));
  assert.ok(height > 400, `sized to ${height}`);
  await context.close();
});

test("in a sandbox the widget needs allow-scripts and allow-same-origin", async () => {
  const url = `${shared.server.origin}/?vcpus=24&embed=1`;
  const html = (sandbox) => `<!DOCTYPE html><html lang="en"><head><title>Docs</title></head><body>
<iframe sandbox="${sandbox}" src="${url}" style="width:100%;height:900px;border:0" title="vNUMA planner"></iframe></body></html>`;
  const works = await docsSite(html("allow-scripts allow-same-origin allow-popups"), { viewport: { width: 900, height: 700 } });
  const frame = works.page.frameLocator("iframe");
  await frame.locator(".verdicts > li").first().waitFor();
  assert.equal(await frame.locator(".verdicts > li").count(), 4);
  assert.equal(await frame.locator(".full-planner a").getAttribute("target"), "_blank");
  await works.context.close();

  // Without allow-same-origin the frame's origin is opaque: the browser
  // refuses its scripts and wasm from the planner's address, and the frame
  // shows only the static grid it opens with.
  const opaque = await docsSite(html("allow-scripts allow-popups"), { viewport: { width: 900, height: 700 } });
  const bare = opaque.page.frameLocator("iframe");
  await bare.locator("#static-grid").waitFor();
  await opaque.page.waitForTimeout(1000);
  assert.equal(await bare.locator(".verdicts").count(), 0);
  await opaque.context.close();
});

test("at 360 px the embed shows the VM's verdicts before its inputs", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin, "/?vcpus=24&embed=1", {
    viewport: { width: 360, height: 800 },
  });
  const top = (selector) => page.locator(selector).first().evaluate((e) => e.getBoundingClientRect().top);
  const [verdicts, inputs] = [await top(".verdicts"), await top("form.inputs")];
  assert.ok(verdicts < inputs, `verdicts at ${verdicts}, inputs at ${inputs}`);
  assert.ok(verdicts < 800, "the verdicts are in the first screen");
  await context.close();
});
