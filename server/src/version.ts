// The product version, injected by the bundler; compiled tests read it from package.json.
import * as fs from 'fs';
import * as path from 'path';

declare const TLSLINT_VERSION: string | undefined;

function fromPackageJson(): string {
  try {
    return (
      JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string }
    ).version;
  } catch {
    return '0.0.0-dev';
  }
}

export const VERSION: string = typeof TLSLINT_VERSION === 'string' ? TLSLINT_VERSION : fromPackageJson();
