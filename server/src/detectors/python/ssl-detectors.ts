// Detectors on the standard library's ssl module and the stdlib clients that take a context.
import type { Detector } from '../../engine/types';

export const SSL_DETECTORS: Detector[] = [];
