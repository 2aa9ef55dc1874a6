// poetry.lock: the exact versions in its `[[package]]` tables.
import { packagesOf } from '../../engine/deps/advisories';
import { packageLock } from '../../engine/deps/manifests';
import { defineDetector } from '../../engine/detector';
import { parseManifest, reportDependencies, type BumpState } from './support/dependencies';

export const detector = defineDetector<BumpState>({
  id: 'deps.poetry-lock',
  summary: 'poetry.lock: the exact versions in its `[[package]]` tables.',
  docs: `
    poetry.lock: the exact versions in its \`[[package]]\` tables.
  `,
  rule: 'outdated-tls-library',
  languages: ['poetry-lock'],
  apis: packagesOf('PyPI'),
  // PyPI names are case-insensitive (`pyOpenSSL`, `PyOpenSSL`): no literal pre-filter.
  tokens: [],
  fixAvailability: 'none',
  detect(file, report) {
    reportDependencies(
      'PyPI',
      parseManifest(file, () => packageLock(file.text, 'poetry.lock'), []),
      report,
      'poetry lock',
    );
  },
  examples: {
    'poetry-lock': {
      bad: '[[package]]\nname = "pyopenssl"\nversion = "17.4.0"\n',
      good: '[[package]]\nname = "pyopenssl"\nversion = "24.2.1"\n',
    },
  },
});
