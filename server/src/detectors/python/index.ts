// The Python detectors, registered in one list.
import type { Detector } from '../../engine/types';
import { detector as requestsVerify } from './requests-verify';

export const DETECTORS: Detector[] = [requestsVerify as Detector];
