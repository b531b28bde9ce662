// Accessibility: axe-core finds nothing (WCAG 2.0/2.1 A and AA, best
// practices) in light and dark, full page and embed, with the explanation,
// the share panel's details and the host details open, and in scenarios that
// show every status colour.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { useServerAndBrowser, openPlanner } from "./harness.mjs";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

const shared = useServerAndBrowser();

const openCell = (size, policy) => async (page) => {
  await page.locator(`.results[data-host='a'] td[data-size='${size}'][data-policy='${policy}'] button`).click();
  await page.waitForSelector(`#explanation[data-cell='${size}.${policy}']`);
  // The explanation itself comes from the page's extras.
  await page.waitForSelector(`#cell-detail[data-detail='${size}.${policy}'] .provenance`);
};

async function openShareDetails(page) {
  for (const summary of await page.locator(".share details > summary").all()) {
    await summary.click();
  }
  assert.deepEqual(await page.$$eval(".share details", (ds) => ds.map((d) => d.open)), [true, true]);
  await page.waitForSelector(".embed-snippet");
}

async function openHostDetails(page) {
  if (!(await page.$eval(".host-details", (d) => d.open))) {
    await page.locator(".host-details > summary").click();
  }
}

const MEMORY = "/?vcpus=40&memory=9Gi&hugepage_size=1Gi&free_hugepages=4,10&policy=best-effort";

/// name, path, what to do before the check, and whether the embed has it.
const STATES = [
  ["as opened", "/", async () => {}, true],
  ["explanation open", "/", openCell("large", "none"), true],
  ["share details open", "/", openShareDetails, false],
  [
    "memory scenario with a failing check, host details and its explanation open",
    MEMORY,
    async (page) => {
      await openHostDetails(page);
      await openCell("extra-large", "best-effort")(page);
    },
    true,
  ],
  ["half a node (ambiguous), explanation open", "/?vcpus=16", openCell("large", "none"), true],
  [
    "two hosts compared, the second one's fields open, an explanation open",
    "/?vcpus=24&b_host_sockets=2&b_cores_per_socket=32&b_nodes_per_socket=4&b_reserved_cpus=2",
    openCell("large", "none"),
    true,
  ],
  [
    "the migration view, a direction in detail, the answer open",
    "/?numa_nodes=2&cpus_per_node=64&vcpus=24&policy=best-effort&b_numa_nodes=8&b_cpus_per_node=16&guest_cells=0:12:8Gi,1:12:8Gi",
    async (page) => {
      await page.click("button[data-migration='b-to-a'][data-policy='restricted']");
      await page.waitForSelector("article[data-migration][data-detail][data-policy='restricted']");
      await page.click("details:has(> .answer-text) > summary");
      await page.waitForFunction(() => document.querySelector(".answer-text").textContent.length > 0);
    },
    false,
  ],
  ["more vCPUs than the host", "/?vcpus=80&policy=single-numa-node", async () => {}, true],
  ["picture for a policy picked beside it", "/?vcpus=40&emulator_thread=1", async () => {}, false],
  [
    "paste panel after a read, imported fields marked",
    "/",
    async (page) => {
      await page.locator("details.paste > summary").click();
      await page.fill("[data-paste]", "available: 2 nodes (0-1)\nnode 0 cpus: 0 1 2 3\nnode 1 cpus: 4 5 6 7\n");
      await page.click('button[data-action="read"]');
      await page.waitForSelector("[data-from-for='numa_nodes']");
    },
    false,
  ],
  [
    "stale results while a field is invalid",
    "/",
    async (page) => {
      await page.locator("input[data-field='vcpus']").fill("abc");
      await page.waitForSelector(".results[data-stale='true']");
    },
    true,
  ],
];

/// One line per violation and one per element it was found on.
function describe(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => {
        const summary = (n.failureSummary ?? "").replace(/\s+/g, " ").trim();
        return `    ${n.target.join(" ")}: ${summary}`;
      });
      return `  ${v.id} (${v.impact}): ${v.help}\n${nodes.join("\n")}`;
    })
    .join("\n");
}

async function axeViolations(page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }).then((r) => r.violations),
    TAGS,
  );
}

/// A test that `url`, after `act`, has no axe violations and no page
/// error; `lang`: the language the page must be in.
function clean(title, url, act, options, lang) {
  test(title, async () => {
    const { page, context, errors } = await openPlanner(shared.browser, shared.server.origin, url, {
      viewport: { width: 1280, height: 1000 },
      ...options,
    });
    try {
      if (lang) assert.equal(await page.getAttribute("html", "lang"), lang);
      await act(page);
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, `axe found at ${url}:\n${describe(violations)}`);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
}

const withKey = (path, pair) => path + (path.includes("?") ? "&" : "?") + pair;

for (const colorScheme of ["light", "dark"]) {
  for (const embed of [false, true]) {
    for (const [name, path, act, inEmbed] of STATES) {
      if (embed && !inEmbed) continue;
      const url = embed ? withKey(path, "embed=1") : path;
      clean(`no axe violations: ${colorScheme}, ${embed ? "embed" : "full page"}, ${name}`, url, act, { colorScheme });
    }
  }
}

// Each language: the page, an explanation, the Share details, the
// migration view (their texts come from the catalogues, `lang` follows).
for (const lang of ["ja", "zh-cn", "ko"]) {
  for (const [name, path, act] of STATES.filter(([name]) => /explanation open$|share details|migration view/.test(name))) {
    clean(`no axe violations in ${lang}: ${name}`, withKey(path, `lang=${lang}`), act, {}, lang);
  }
}

/// No violations at `path` with the explanation open, in this context.
async function explanationIsClean(path, options) {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin, path, options);
  try {
    await openCell("large", "none")(page);
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `axe found:\n${describe(violations)}`);
  } finally {
    await context.close();
  }
}

test("no axe violations on a phone, dark, with the explanation open", () =>
  explanationIsClean("/", { colorScheme: "dark", viewport: { width: 360, height: 1400 } }));

test("the theme in the link wins over the system's", () =>
  explanationIsClean("/?theme=dark", { colorScheme: "light" }));
