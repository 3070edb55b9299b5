/**
 * Renders the app icon SVG to the PNG sizes the web manifest lists, with Debian's Chromium.
 * Run after changing `public/icons/icon.svg`: `npx tsx packages/app/scripts/draw-icons.ts`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/browser.ts';

const iconsDir = fileURLToPath(new URL('../public/icons/', import.meta.url));
const svg = readFileSync(`${iconsDir}icon.svg`, 'utf8');

// Maskable icons must keep their content inside the central 80 % safe zone.
const targets = [
  { file: 'icon-192.png', size: 192, padding: 0 },
  { file: 'icon-512.png', size: 512, padding: 0 },
  { file: 'icon-maskable-512.png', size: 512, padding: 0.12 },
];

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
try {
  for (const target of targets) {
    const page = await browser.newPage({ viewport: { width: target.size, height: target.size } });
    const inset = Math.round(target.size * target.padding);
    await page.setContent(
      `<body style="margin:0;background:#0b5394"><div style="padding:${inset}px">` +
        `<div style="width:${target.size - 2 * inset}px;height:${target.size - 2 * inset}px">` +
        `${svg.replace('<svg ', '<svg width="100%" height="100%" ')}</div></div></body>`,
    );
    await page.screenshot({ path: `${iconsDir}${target.file}`, omitBackground: false });
    await page.close();
  }
} finally {
  await browser.close();
}
