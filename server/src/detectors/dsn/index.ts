// The connection-string detectors (any language's string literals), registered in one list.
import type { Detector } from '../../engine/types';
import { detector as connectionStringVerify } from './connection-string-verify';

export const DETECTORS: Detector[] = [connectionStringVerify];
