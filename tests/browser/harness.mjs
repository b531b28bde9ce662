// Serves dist/ on loopback and drives Debian's Chromium through playwright-core.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join, extname, normalize } from "node:path";
import { before, after } from "node:test";
import { chromium } from "playwright-core";

const ROOT = new URL("../../dist/", import.meta.url).pathname;
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".mjs": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

/// The Content-Security-Policy the README recommends to hosts.
export const STRICT_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'";

/// Serves dist/ at the root and, to check that it works from any folder of a
/// static host, under /some/folder/ too; `headers` go on every response.
export async function serveDist(headers = {}) {
  const server = createServer(async (req, res) => {
    const full = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const path = full.startsWith("/some/folder/") ? full.slice("/some/folder".length) : full;
    const file = normalize(join(ROOT, path.endsWith("/") ? path + "index.html" : path));
    if (!file.startsWith(ROOT)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { ...headers, "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404, headers).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, close: () => new Promise((r) => server.close(r)) };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/// A fresh page at `path`, waiting until the planner has rendered.
export async function openPlanner(browser, origin, path = "/", options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(origin + path);
  await page.waitForSelector("table.grid");
  return { page, context, errors };
}

/// Replaces the text of an input the way a user would.
export async function typeInto(page, key, text) {
  const input = page.locator(`input[data-field="${key}"]`);
  await input.fill(text);
}

export async function currentRows(page) {
  return page.$$eval("tr[aria-current='true']", (rows) => rows.map((r) => r.dataset.size));
}

export async function badgeSize(page) {
  return page.getAttribute(".badge", "data-size");
}

/// Registers the test file's hooks: one server for dist/ and one browser,
/// shared by its tests through the returned object.
export function useServerAndBrowser() {
  const shared = {};
  before(async () => {
    shared.server = await serveDist();
    shared.browser = await launch();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}
