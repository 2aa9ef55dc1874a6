// The C# detectors, registered in one list.
import type { Detector } from '../../engine/types';
import { detector as certValidationCallback } from './cert-validation-callback';
import { detector as securityProtocolType } from './security-protocol-type';
import { detector as sslProtocols } from './ssl-protocols';
import { detector as tlsCipherSuite } from './tls-cipher-suite';

export const DETECTORS: Detector[] = [certValidationCallback as Detector, sslProtocols as Detector, securityProtocolType as Detector, tlsCipherSuite];
