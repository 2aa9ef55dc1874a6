// Cargo.lock: the exact versions in its `[[package]]` tables.
import { packagesOf } from '../../engine/deps/advisories';
import { packageLock } from '../../engine/deps/manifests';
import { defineDetector } from '../../engine/detector';
import { parseManifest, reportDependencies, type BumpState } from './support/dependencies';

export const detector = defineDetector<BumpState>({
  id: 'deps.cargo-lock',
  summary: 'Cargo.lock: the exact versions in its `[[package]]` tables.',
  docs: `
    Cargo.lock: the exact versions in its \`[[package]]\` tables.
  `,
  rule: 'outdated-tls-library',
  languages: ['cargo-lock'],
  apis: packagesOf('crates.io'),
  tokens: packagesOf('crates.io'),
  fixAvailability: 'none',
  detect(file, report) {
    reportDependencies(
      'crates.io',
      parseManifest(file, () => packageLock(file.text, 'Cargo.lock'), []),
      report,
      'cargo update -p <crate>',
    );
  },
  examples: {
    'cargo-lock': {
      bad: '[[package]]\nname = "openssl"\nversion = "0.10.50"\n',
      good: '[[package]]\nname = "openssl"\nversion = "0.10.72"\n',
    },
  },
});
