// The Python detectors, registered in one list (two files, so the ssl and the library detectors
// can be added to without touching each other's lines).
import type { Detector } from '../../engine/types';
import { LIBRARY_DETECTORS } from './library-detectors';
import { SSL_DETECTORS } from './ssl-detectors';

// Library detectors come first: where both report one construct under one rule (urllib3's
// `cert_reqs=ssl.CERT_NONE`), the engine keeps the first, and the library's knows its API (safe fix).
export const DETECTORS: Detector[] = [...LIBRARY_DETECTORS, ...SSL_DETECTORS];
