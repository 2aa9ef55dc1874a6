// The go detectors, registered in one list.
import type { Detector } from '../../engine/types';
import { detector as clientInsecureOption } from './client-insecure-option';
import { detector as rdkafkaEndpointIdentification } from './rdkafka-endpoint-identification';
import { detector as tlsCipherSuites } from './tls-cipher-suites';
import { detector as tlsDefaultMinVersion } from './tls-default-min-version';
import { detector as tlsInsecureSkipVerify } from './tls-insecure-skip-verify';
import { detector as tlsMinVersion } from './tls-min-version';
import { detector as tlsPreferServerCipherSuites } from './tls-prefer-server-cipher-suites';
import { detector as tlsVerifyChainOnly } from './tls-verify-chain-only';

export const DETECTORS: Detector[] = [
  tlsInsecureSkipVerify,
  tlsVerifyChainOnly,
  tlsMinVersion,
  tlsCipherSuites,
  tlsPreferServerCipherSuites,
  tlsDefaultMinVersion,
  clientInsecureOption,
  rdkafkaEndpointIdentification,
];
