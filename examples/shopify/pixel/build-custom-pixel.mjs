// Prints the code to paste into Shopify admin → Settings → Customer events → Add custom pixel:
// the Homing pixel (dist/shopify-pixel.iife.js, about 2 KB compressed) and the call with your settings.
//   node examples/shopify/pixel/build-custom-pixel.mjs --write-key wk_live_123 --collector https://collect.example.com [--country IR] > pixel.js
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { 'write-key': { type: 'string' }, collector: { type: 'string' }, country: { type: 'string' } } });
if (!values['write-key'] || !values.collector) {
  console.error('usage: build-custom-pixel.mjs --write-key <key> --collector <https://collector> [--country <ISO 3166 alpha-2>]');
  process.exit(1);
}
const pixel = readFileSync(new URL('../../../dist/shopify-pixel.iife.js', import.meta.url), 'utf8');
const settings = { writeKey: values['write-key'], collector: values.collector, ...(values.country ? { country: values.country.toUpperCase() } : {}) };
process.stdout.write(`// Homing pixel: orders, checkout phone and SMS consent, add-to-cart\n${pixel.replace(/\n\/\/# sourceMappingURL=.*$/, '')}\nhomingShopifyPixel(${JSON.stringify(settings)});\n`);
