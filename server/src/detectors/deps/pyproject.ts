// pyproject.toml: PEP 621 dependency strings and Poetry's dependency tables, pinned or ranged.
import { packagesOf } from '../../engine/deps/advisories';
import { pyproject } from '../../engine/deps/manifests';
import { defineDetector } from '../../engine/detector';
import { bumpFix, parseManifest, reportDependencies, type BumpState } from './support/dependencies';

export const detector = defineDetector<BumpState>({
  id: 'deps.pyproject',
  summary: "pyproject.toml: PEP 621 dependency strings and Poetry's dependency tables, pinned or ranged.",
  docs: `
    pyproject.toml: PEP 621 dependency strings and Poetry's dependency tables, pinned or ranged.
  `,
  rule: 'outdated-tls-library',
  languages: ['pyproject'],
  apis: packagesOf('PyPI'),
  // PyPI names are case-insensitive (`pyOpenSSL`, `PyOpenSSL`): no literal pre-filter.
  tokens: [],
  fixAvailability: 'sometimes',
  detect(file, report) {
    reportDependencies(
      'PyPI',
      parseManifest(file, () => pyproject(file.text), []),
      report,
    );
  },
  fix: bumpFix,
  examples: {
    pyproject: {
      bad: '[project]\nname = "svc"\ndependencies = ["pyOpenSSL==17.4.0"]\n',
      good: '[project]\nname = "svc"\ndependencies = ["pyOpenSSL==24.2.1"]\n',
    },
  },
});
