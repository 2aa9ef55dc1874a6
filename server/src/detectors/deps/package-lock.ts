// package-lock.json: the exact npm package versions it locks.
import { packagesOf } from '../../engine/deps/advisories';
import { npmLock } from '../../engine/deps/manifests';
import { defineDetector } from '../../engine/detector';
import { parseManifest, reportDependencies, type BumpState } from './support/dependencies';

export const detector = defineDetector<BumpState>({
  id: 'deps.package-lock',
  summary: 'package-lock.json: the exact npm package versions it locks.',
  docs: `
    package-lock.json: the exact npm package versions it locks.
  `,
  rule: 'outdated-tls-library',
  languages: ['npm-lock'],
  apis: packagesOf('npm'),
  tokens: packagesOf('npm'),
  fixAvailability: 'none',
  detect(file, report) {
    reportDependencies(
      'npm',
      parseManifest(file, () => npmLock(file.text), []),
      report,
      'npm update <package>',
    );
  },
  examples: {
    'npm-lock': {
      bad: '{\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/node-forge": { "version": "1.2.1" }\n  }\n}\n',
      good: '{\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/node-forge": { "version": "1.3.1" }\n  }\n}\n',
    },
  },
});
