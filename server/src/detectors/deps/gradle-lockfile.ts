// gradle.lockfile: the exact Maven coordinates Gradle locked.
import { packagesOf } from '../../engine/deps/advisories';
import { gradleLockfile } from '../../engine/deps/manifests';
import type { Detector } from '../../engine/types';
import { parseManifest, reportDependencies, type BumpState } from './shared';

export const detector: Detector<BumpState> = {
  id: 'deps.gradle-lockfile',
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
    bad: 'org.bouncycastle:bcprov-jdk18on:1.77=runtimeClasspath\nempty=\n',
    good: 'org.bouncycastle:bcprov-jdk18on:1.78.1=runtimeClasspath\nempty=\n',
  },
};
