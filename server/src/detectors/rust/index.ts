// The Rust detectors (reqwest, native-tls, rustls, the openssl crate), registered in one list.
import type { Detector } from '../../engine/types';
import { detector as opensslCipherList } from './openssl-cipher-list';
import { detector as dangerAcceptInvalidCerts } from './danger-accept-invalid-certs';
import { detector as dangerAcceptInvalidHostnames } from './danger-accept-invalid-hostnames';
import { detector as legacyTlsVersion } from './legacy-tls-version';
import { detector as opensslDefaultContext } from './openssl-default-context';
import { detector as opensslVerifyNone } from './openssl-verify-none';
import { detector as rdkafkaEndpointIdentification } from './rdkafka-endpoint-identification';
import { detector as rustlsDangerousVerifier } from './rustls-dangerous-verifier';
import { detector as rustlsHostnameVerifier } from './rustls-hostname-verifier';

export const DETECTORS: Detector[] = [
  dangerAcceptInvalidCerts,
  dangerAcceptInvalidHostnames,
  opensslVerifyNone,
  rustlsDangerousVerifier,
  rustlsHostnameVerifier,
  legacyTlsVersion,
  opensslCipherList,
  opensslDefaultContext,
  rdkafkaEndpointIdentification,
];
