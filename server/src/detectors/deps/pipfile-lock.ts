// Pipfile.lock: the exact versions pipenv locked (`"version": "==41.0.1"`).
import { packagesOf } from '../../engine/deps/advisories';
import { pipfileLock } from '../../engine/deps/manifests';
import { defineDetector } from '../../engine/detector';
import { parseManifest, reportDependencies, type BumpState } from './support/dependencies';

export const detector = defineDetector<BumpState>({
  id: 'deps.pipfile-lock',
  summary: 'Pipfile.lock: the exact versions pipenv locked (`"version": "==41.0.1"`).',
  docs: `
    Pipfile.lock: the exact versions pipenv locked (\`"version": "==41.0.1"\`).
  `,
  rule: 'outdated-tls-library',
  languages: ['pipfile-lock'],
  apis: packagesOf('PyPI'),
  // PyPI names are case-insensitive (`pyOpenSSL`, `PyOpenSSL`): no literal pre-filter.
  tokens: [],
  fixAvailability: 'none',
  detect(file, report) {
    reportDependencies(
      'PyPI',
      parseManifest(file, () => pipfileLock(file.text), []),
      report,
      'pipenv lock',
    );
  },
  examples: {
    'pipfile-lock': {
      bad: '{"default": {"pyopenssl": {"version": "==17.4.0"}}, "develop": {}}\n',
      good: '{"default": {"pyopenssl": {"version": "==24.2.1"}}, "develop": {}}\n',
    },
  },
});
