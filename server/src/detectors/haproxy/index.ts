// The HAProxy detectors, registered in one list.
import type { Detector } from '../../engine/types';
import { detector as sslMinVer } from './ssl-min-ver';
import { detector as verifyNone } from './verify-none';
import { detector as ciphers } from './ciphers';

export const DETECTORS: Detector[] = [sslMinVer, verifyNone, ciphers];
