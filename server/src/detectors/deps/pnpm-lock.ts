// pnpm-lock.yaml: the exact npm package versions it locks.
import { packagesOf } from '../../engine/deps/advisories';
import { pnpmLock } from '../../engine/deps/manifests';
import { defineDetector } from '../../engine/detector';
import { parseManifest, reportDependencies, type BumpState } from './support/dependencies';

export const detector = defineDetector<BumpState>({
  id: 'deps.pnpm-lock',
  summary: 'pnpm-lock.yaml: the exact npm package versions it locks.',
  docs: `
    pnpm-lock.yaml: the exact npm package versions it locks.
  `,
  rule: 'outdated-tls-library',
  languages: ['pnpm-lock'],
  apis: packagesOf('npm'),
  tokens: packagesOf('npm'),
  fixAvailability: 'none',
  detect(file, report) {
    reportDependencies(
      'npm',
      parseManifest(file, () => pnpmLock(file.text), []),
      report,
      'pnpm update <package>',
    );
  },
  examples: {
    'pnpm-lock': {
      bad: "lockfileVersion: '9.0'\npackages:\n  node-forge@1.2.1:\n    resolution: {integrity: sha512-x}\n",
      good: "lockfileVersion: '9.0'\npackages:\n  node-forge@1.3.1:\n    resolution: {integrity: sha512-x}\n",
    },
  },
});
