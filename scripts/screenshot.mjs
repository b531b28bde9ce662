// Saves screenshots of the built page (dist/) into docs/ for the README.
import { serveDist, launch, openPlanner } from "../tests/browser/harness.mjs";

const shots = [
  ["docs/screenshot.png", { viewport: { width: 1280, height: 1000 } }, "/"],
  ["docs/screenshot-phone-dark.png", { viewport: { width: 360, height: 1400 }, colorScheme: "dark" }, "/"],
];
const server = await serveDist();
const browser = await launch();
try {
  for (const [file, options, path] of shots) {
    const { page, context } = await openPlanner(browser, server.origin, path, options);
    await page.locator("td[data-size='large'][data-policy='none'] button").click();
    await page.screenshot({ path: file, fullPage: true });
    console.log(`saved ${file}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
