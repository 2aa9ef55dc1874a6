// The dependency detectors of outdated-tls-library: one per manifest or lock file format.
import type { Detector } from '../../engine/types';
import { detector as cargoLock } from './cargo-lock';
import { detector as dockerBaseImage } from './docker-base-image';
import { detector as goMod } from './go-mod';
import { detector as gradleLockfile } from './gradle-lockfile';
import { detector as mavenPom } from './maven-pom';
import { detector as nodeEngines } from './node-engines';
import { detector as packageLock } from './package-lock';
import { detector as pipfileLock } from './pipfile-lock';
import { detector as pnpmLock } from './pnpm-lock';
import { detector as poetryLock } from './poetry-lock';
import { detector as pyproject } from './pyproject';
import { detector as requirements } from './requirements';
import { detector as uvLock } from './uv-lock';
import { detector as yarnLock } from './yarn-lock';

export const DETECTORS: Detector[] = [
  requirements,
  pipfileLock,
  poetryLock,
  uvLock,
  pyproject,
  packageLock,
  yarnLock,
  pnpmLock,
  nodeEngines,
  goMod,
  cargoLock,
  mavenPom,
  gradleLockfile,
  dockerBaseImage,
];
