/**
 * Renders the app's PNG icons from its one SVG mark (app/icon.svg, the favicon Next serves):
 * app/apple-icon.png (180×180) and public/icons/icon-192.png, icon-512.png for the web app manifest.
 * Every PNG is opaque and full-bleed in the brand colour (the mark's rounded corners vanish into it),
 * so iOS's rounded corners and Android's maskable shapes cut nothing that matters: the check lies within
 * 25% of the side from the centre, inside the maskable safe circle of radius 40%. Run `node --import tsx scripts/make-icons.ts` after changing the SVG, and commit the output.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = join(root, 'app/icon.svg');
/** The mark's own square colour (app/icon.svg, --color-accent in app/globals.css). */
const BACKGROUND = '#3645b0';

const OUTPUTS: readonly { readonly file: string; readonly size: number }[] = [
  { file: 'app/apple-icon.png', size: 180 },
  { file: 'public/icons/icon-192.png', size: 192 },
  { file: 'public/icons/icon-512.png', size: 512 },
];

async function render(svg: Buffer, size: number, file: string): Promise<void> {
  // The SVG is 24 units wide: render it at the density that makes it `size` pixels, not scaled up.
  const mark = await sharp(svg, { density: Math.ceil((72 * size) / 24) }).resize(size, size).png().toBuffer();
  await mkdir(dirname(join(root, file)), { recursive: true });
  await sharp({ create: { width: size, height: size, channels: 3, background: BACKGROUND } })
    .composite([{ input: mark }])
    .removeAlpha()
    .png({ compressionLevel: 9 })
    .toFile(join(root, file));
}

const svg = await readFile(SOURCE);
for (const { file, size } of OUTPUTS) {
  await render(svg, size, file);
  console.log(`${file} (${size}×${size})`);
}
