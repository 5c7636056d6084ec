/**
 * Draws the site's icons from web/public/favicon.svg with Chromium and writes them into web/public: the PNGs a
 * phone's home screen and the web manifest ask for, and favicon.ico (16, 32 and 48 px PNGs in one ICO) for browsers
 * and crawlers that ask for /favicon.ico by habit. Run once after changing the SVG, then commit the results:
 *   npx tsx web/make-icons.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const PUBLIC = fileURLToPath(new URL('./public/', import.meta.url));
const svg = fs.readFileSync(path.join(PUBLIC, 'favicon.svg'), 'utf8');
/** Home-screen icons fill their square: the system rounds or masks the corners itself. */
const fullBleed = svg.replace(/ rx="\d+"/, '');

/** An ICO file whose images are PNGs, as every browser since 2010 reads them. */
function ico(pngs: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(pngs.length, 4);
  let offset = 6 + 16 * pngs.length;
  const entries = pngs.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e.writeUInt8(size % 256, 0);
    e.writeUInt8(size % 256, 1);
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([header, ...entries, ...pngs.map((p) => p.data)]);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
try {
  const draw = async (source: string, size: number): Promise<Buffer> => {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const url = `data:image/svg+xml;base64,${Buffer.from(source).toString('base64')}`;
    await page.setContent(
      `<html><body style="margin:0;background:transparent"><img src="${url}" width="${size}" height="${size}"` +
        ' style="display:block"></body></html>',
    );
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    await page.close();
    return png;
  };
  const write = (name: string, data: Buffer) => fs.writeFileSync(path.join(PUBLIC, name), data);
  write('icon-192.png', await draw(svg, 192));
  write('icon-512.png', await draw(svg, 512));
  write('icon-maskable-512.png', await draw(fullBleed, 512));
  write('apple-touch-icon.png', await draw(fullBleed, 180));
  const small = await Promise.all([16, 32, 48].map(async (size) => ({ size, data: await draw(svg, size) })));
  write('favicon.ico', ico(small));
} finally {
  await browser.close();
}
