// yarn.lock: the exact npm package versions it locks.
import { packagesOf } from '../../engine/deps/advisories';
import { yarnLock } from '../../engine/deps/manifests';
import { defineDetector } from '../../engine/detector';
import { parseManifest, reportDependencies, type BumpState } from './support/dependencies';

export const detector = defineDetector<BumpState>({
  id: 'deps.yarn-lock',
  summary: 'yarn.lock: the exact npm package versions it locks.',
  docs: `
    yarn.lock: the exact npm package versions it locks.
  `,
  rule: 'outdated-tls-library',
  languages: ['yarn-lock'],
  apis: packagesOf('npm'),
  tokens: packagesOf('npm'),
  fixAvailability: 'none',
  detect(file, report) {
    reportDependencies(
      'npm',
      parseManifest(file, () => yarnLock(file.text), []),
      report,
      'yarn up <package>',
    );
  },
  examples: {
    'yarn-lock': {
      bad: 'node-forge@^1.2.0:\n  version "1.2.1"\n',
      good: 'node-forge@^1.2.0:\n  version "1.3.1"\n',
    },
  },
});
