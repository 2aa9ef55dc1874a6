// Every detector of every language. Each language folder (named as the detector id's prefix)
// registers its own detectors in its index.ts.
import type { Detector } from '../engine/types';
import { DETECTORS as python } from './python';
import { DETECTORS as javascript } from './javascript';
import { DETECTORS as go } from './go';
import { DETECTORS as java } from './java';
import { DETECTORS as kotlin } from './kotlin';
import { DETECTORS as csharp } from './csharp';
import { DETECTORS as c } from './c';
import { DETECTORS as ruby } from './ruby';
import { DETECTORS as php } from './php';
import { DETECTORS as rust } from './rust';
import { DETECTORS as shell } from './shell';
import { DETECTORS as yaml } from './yaml';
import { DETECTORS as nginx } from './nginx';
import { DETECTORS as apache } from './apache';
import { DETECTORS as haproxy } from './haproxy';
import { DETECTORS as jsonConfig } from './jsonc';
import { DETECTORS as properties } from './properties';
import { DETECTORS as deps } from './deps';
import { DETECTORS as dsn } from './dsn';

export const ALL_DETECTORS: readonly Detector[] = [
  ...python,
  ...javascript,
  ...go,
  ...java,
  ...kotlin,
  ...csharp,
  ...c,
  ...ruby,
  ...php,
  ...rust,
  ...shell,
  ...yaml,
  ...nginx,
  ...apache,
  ...haproxy,
  ...jsonConfig,
  ...properties,
  ...deps,
  ...dsn,
];
