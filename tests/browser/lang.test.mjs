// The page in the reader's language: the link's `lang` key, else the
// browser's languages; technical terms and policy names stay as they are.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useServerAndBrowser, openPlanner } from "./harness.mjs";

const shared = useServerAndBrowser();
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

for (const lang of ["ja", "zh-cn", "ko"]) {
  test(`?lang=${lang} shows the page in that language, policy names untranslated`, async () => {
    const { page, context, errors } = await openPlanner(shared.browser, shared.server.origin, `/?vcpus=24&lang=${lang}`);
    assert.equal(await page.getAttribute("html", "lang"), lang);
    assert.match(await page.title(), CJK, "the tab's title too");
    const title = await page.textContent(".verdicts-title");
    assert.match(title, CJK, `the verdicts' title in ${lang}: ${title}`);
    assert.notEqual(title, "Your VM on this host");
    // Policy names are codes in every language.
    assert.deepEqual(await page.$$eval("thead th[data-policy]", (ths) => ths.map((t) => t.textContent.trim())), [
      "none",
      "single-numa-node",
      "best-effort",
      "restricted",
    ]);
    assert.deepEqual(await page.$$eval(".verdicts .policy", (s) => s.map((e) => e.textContent)), [
      "none",
      "single-numa-node",
      "best-effort",
      "restricted",
    ]);
    assert.match(await page.textContent("label[for='field-policy']"), /Topology Manager/);
    // The menu names the language in itself, and keeps the scenario when changed.
    assert.equal(await page.inputValue("select[name='lang']"), lang);
    // The explanation, from the page's extras, is in the language too.
    await page.click(".results[data-host='a'] td[data-size='large'][data-policy='none'] button");
    const summary = page.locator("#cell-detail .summary-line");
    await summary.waitFor();
    assert.match(await summary.textContent(), CJK);
    assert.match(await page.textContent("#cell-detail .provenance"), /Live migration outcomes using vNUMA/, "the source keeps its English title");
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("the browser's language is the default; the menu switches and keeps the scenario", async () => {
  for (const [locale, lang] of [
    ["ko-KR", "ko"],
    ["zh-CN", "zh-cn"],
    ["ja-JP", "ja"],
    ["fr-FR", "en"],
    ["zh-TW", "en"],
  ]) {
    const { page, context } = await openPlanner(shared.browser, shared.server.origin, "/?vcpus=40", { locale });
    assert.equal(await page.getAttribute("html", "lang"), lang, locale);
    await context.close();
  }
  const { page, context } = await openPlanner(shared.browser, shared.server.origin, "/?vcpus=40", { locale: "en-US" });
  assert.equal(await page.textContent(".verdicts-title"), "Your VM on this host");
  await Promise.all([page.waitForURL(/lang=zh-cn/), page.selectOption("select[name='lang']", "zh-cn")]);
  await page.waitForSelector("html[lang='zh-cn'] table.grid");
  assert.equal(await page.inputValue("input[data-field='vcpus']"), "40");
  assert.match(await page.textContent(".verdicts-title"), CJK);
  await context.close();
});

test("the embed has no language menu; it follows its link", async () => {
  const { page, context } = await openPlanner(shared.browser, shared.server.origin, "/?embed=1&lang=ko");
  assert.equal(await page.getAttribute("html", "lang"), "ko");
  assert.equal(await page.locator("nav.language").isVisible(), false);
  await context.close();
});

test("a catalogue that cannot be fetched leaves the page in English", async () => {
  const context = await shared.browser.newContext();
  await context.route("**/i18n/ko.po", (route) => route.fulfill({ status: 404, body: "" }));
  const page = await context.newPage();
  await page.goto(shared.server.origin + "/?lang=ko");
  await page.waitForSelector("table.grid");
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.equal(await page.textContent(".verdicts-title"), "Your VM on this host");
  await context.close();
});

test("no language widens a 360 px phone, full page or embed, an explanation open", async () => {
  for (const lang of ["ja", "zh-cn", "ko"]) {
    for (const embed of ["", "&embed=1"]) {
      const { page, context } = await openPlanner(shared.browser, shared.server.origin, `/?lang=${lang}${embed}`, {
        viewport: { width: 360, height: 900 },
      });
      await page.click(".results[data-host='a'] td[data-size='large'][data-policy='none'] button");
      await page.waitForSelector("#cell-detail .provenance");
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 360, `${lang}${embed}`);
      await context.close();
    }
  }
});
