/** Runs axe-core inside a page and returns its serious and critical violations. */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const PAUSE_AGAIN_AFTER_MS = 1000;

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** One accessibility problem axe found, reduced to what a failing test should print. */
export interface AxeProblem {
  id: string;
  impact: string;
  nodes: string[];
}

interface AxeResults {
  violations: { id: string; impact?: string; nodes: { html: string }[] }[];
}

/**
 * Serious or critical WCAG A/AA violations on the page as it is now. axe waits on timers, so
 * a paused Playwright clock runs for the moment of the audit and is paused again after.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeProblem[]> {
  const clock = page.context().clock;
  await clock.resume();
  try {
    return await audit(page);
  } finally {
    const pageNow = await page.evaluate(() => Date.now());
    await clock.pauseAt(pageNow + PAUSE_AGAIN_AFTER_MS);
  }
}

async function audit(page: Page): Promise<AxeProblem[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: unknown): Promise<AxeResults> } }).axe;
    const results = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact ?? '', nodes: v.nodes.map((n) => n.html) }));
  });
}
