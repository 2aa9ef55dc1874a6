// The Python detectors, registered in one list (two files, so the ssl and the library detectors
// can be added to without touching each other's lines).
import type { Detector } from '../../engine/types';
import { LIBRARY_DETECTORS } from './library-detectors';
import { SSL_DETECTORS } from './ssl-detectors';

export const DETECTORS: Detector[] = [...SSL_DETECTORS, ...LIBRARY_DETECTORS];
