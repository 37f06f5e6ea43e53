// Writes dist-plugin/homing-woocommerce.zip: the plugin folder as WordPress's "Upload Plugin"
// expects it (everything under homing/), with the built script copied in by copy-assets.mjs.
// A plain zip (deflate, UTF-8 names, fixed timestamps so the same files give the same zip), written
// with Node's zlib: no zip tool is needed on the machine that builds it.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';

const pluginDir = import.meta.dirname;
const out = join(pluginDir, '../../../dist-plugin/homing-woocommerce.zip');
/** Build tools of the plugin, not part of it. */
const SKIP = new Set(['copy-assets.mjs', 'zip.mjs', '.gitignore']);

function files(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (SKIP.has(name) || name.endsWith('.map')) return [];
      return statSync(path).isDirectory() ? files(path) : [path];
    });
}

const DOS_DATE_1980_01_01 = (1 << 5) | 1;
const UTF8_NAMES = 0x0800;

function zip(entries) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const fields = (header, extra) => {
      header.writeUInt16LE(20, extra); // version needed: 2.0 (deflate)
      header.writeUInt16LE(UTF8_NAMES, extra + 2);
      header.writeUInt16LE(8, extra + 4); // deflate
      header.writeUInt16LE(0, extra + 6); // time 00:00
      header.writeUInt16LE(DOS_DATE_1980_01_01, extra + 8);
      header.writeUInt32LE(crc, extra + 10);
      header.writeUInt32LE(packed.length, extra + 14);
      header.writeUInt32LE(data.length, extra + 18);
      header.writeUInt16LE(nameBytes.length, extra + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    fields(local, 4);
    locals.push(local, nameBytes, packed);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // made by: 2.0
    fields(entry, 6);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

if (!statSync(join(pluginDir, 'assets/homing.iife.js'), { throwIfNoEntry: false })) {
  console.error('assets/homing.iife.js is missing: run `npm run build` and copy-assets.mjs first (or `npm run plugin:zip`)');
  process.exit(1);
}
const entries = files(pluginDir).map((path) => ({ name: `homing/${relative(pluginDir, path).split(sep).join('/')}`, data: readFileSync(path) }));
mkdirSync(join(out, '..'), { recursive: true });
writeFileSync(out, zip(entries));
console.log(`wrote ${relative(process.cwd(), out)} (${entries.length} files)`);
