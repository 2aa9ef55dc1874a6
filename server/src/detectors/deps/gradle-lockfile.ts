// gradle.lockfile: the exact Maven coordinates Gradle locked.
import { packagesOf } from '../../engine/deps/advisories';
import { gradleLockfile } from '../../engine/deps/manifests';
import { defineDetector } from '../../engine/detector';
import { parseManifest, reportDependencies, type BumpState } from './support/dependencies';

export const detector = defineDetector<BumpState>({
  id: 'deps.gradle-lockfile',
  summary: 'gradle.lockfile: the exact Maven coordinates Gradle locked.',
  docs: `
    gradle.lockfile: the exact Maven coordinates Gradle locked.
  `,
  rule: 'outdated-tls-library',
  languages: ['gradle-lockfile'],
  apis: packagesOf('Maven'),
  tokens: packagesOf('Maven'),
  fixAvailability: 'none',
  detect(file, report) {
    reportDependencies(
      'Maven',
      parseManifest(file, () => gradleLockfile(file.text), []),
      report,
      'gradle dependencies --write-locks',
    );
  },
  examples: {
    'gradle-lockfile': {
      bad: 'org.bouncycastle:bcprov-jdk18on:1.77=runtimeClasspath\nempty=\n',
      good: 'org.bouncycastle:bcprov-jdk18on:1.78.1=runtimeClasspath\nempty=\n',
    },
  },
});
