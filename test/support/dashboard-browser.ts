// Opens the web dashboard as a user sees it, in Debian's Chromium through playwright-core (the
// server: serve-process.ts). Used by test/web/dashboard-browser.test.ts and
// bench/dashboard-speed.ts.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { DashboardView } from '../../web/dashboard/view.js';

export const CHROMIUM = '/usr/bin/chromium';

export const haveChromium = (): boolean => existsSync(CHROMIUM);

export function launchChromium(): Promise<Browser> {
  // --no-sandbox: the tests run as root in a container, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}

/** Opens the dashboard at `query` and waits until it has drawn everything. */
export async function openDashboard(
  page: Page,
  url: string,
  query: Record<string, string>,
): Promise<DashboardView> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${url}/dashboard/?${new URLSearchParams(query).toString()}`);
  await page.waitForFunction('window.gobaselineDashboard?.ready === true', null, {
    timeout: 60_000,
  });
  const view = (await page.evaluate('window.gobaselineDashboard.view()')) as DashboardView;
  return { ...view, error: view.error ?? (errors.length ? errors.join('; ') : null) };
}
