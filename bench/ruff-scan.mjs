// ruff's official WebAssembly build over every .py file of a folder, with the TLS rules tlslint overlaps
// (S501-S504, S323): the peer tlslint's scan is compared with. Prints {files, findings} as JSON.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs');

const ws = new Workspace({ lint: { select: ['S501', 'S502', 'S503', 'S504', 'S323'] } }, PositionEncoding.Utf16);
let files = 0;
let findings = 0;

function walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile() && e.name.endsWith('.py')) {
      files++;
      let text;
      try {
        text = readFileSync(p, 'utf8');
      } catch {
        continue;
      }
      findings += ws.check(text).filter((d) => d.code && d.code.startsWith('S')).length;
    }
  }
}

walk(process.argv[2]);
process.stdout.write(JSON.stringify({ files, findings }) + '\n');
