// requirements*.txt / constraints*.txt: pinned (`==`) or ranged Python requirements of TLS libraries.
import { packagesOf } from '../../engine/deps/advisories';
import { requirementsTxt } from '../../engine/deps/manifests';
import { defineDetector } from '../../engine/detector';
import { bumpFix, parseManifest, reportDependencies, type BumpState } from './support/dependencies';

export const detector = defineDetector<BumpState>({
  id: 'deps.requirements',
  summary: 'requirements*.txt / constraints*.txt: pinned (`==`) or ranged Python requirements of TLS libraries.',
  docs: `
    requirements*.txt / constraints*.txt: pinned (\`==\`) or ranged Python requirements of TLS libraries.
  `,
  rule: 'outdated-tls-library',
  languages: ['pip-requirements'],
  apis: packagesOf('PyPI'),
  // PyPI names are case-insensitive (`pyOpenSSL`, `PyOpenSSL`): no literal pre-filter.
  tokens: [],
  fixAvailability: 'sometimes',
  detect(file, report) {
    reportDependencies(
      'PyPI',
      parseManifest(file, () => requirementsTxt(file.text), []),
      report,
    );
  },
  fix: bumpFix,
  examples: {
    'pip-requirements': {
      bad: 'pyOpenSSL==17.4.0\n',
      good: 'pyOpenSSL==24.2.1\n',
    },
  },
});
