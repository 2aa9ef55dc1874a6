// The php detectors, registered in one list.
import type { Detector } from '../../engine/types';

export const DETECTORS: Detector[] = [];
