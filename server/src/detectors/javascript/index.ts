// The javascript detectors (JavaScript, TypeScript, JSX and TSX), registered in one list.
import type { Detector } from '../../engine/types';
import { detector as browserIgnoreHttpsErrors } from './browser-ignore-https-errors';
import { detector as cloudTlsDefault } from './cloud-tls-default';
import { detector as cloudTlsPolicy } from './cloud-tls-policy';
import { detector as curlSslVerifyhost } from './curl-ssl-verifyhost';
import { detector as curlSslVerifypeer } from './curl-ssl-verifypeer';
import { detector as electronCertificateError } from './electron-certificate-error';
import { detector as httpProxySecure } from './http-proxy-secure';
import { detector as mongodbTlsInsecure } from './mongodb-tls-insecure';
import { detector as mongodbTlsInvalidHostnames } from './mongodb-tls-invalid-hostnames';
import { detector as rdkafkaEndpointIdentification } from './rdkafka-endpoint-identification';
import { detector as rdkafkaSslVerification } from './rdkafka-ssl-verification';
import { detector as nodeTlsRejectUnauthorizedEnv } from './node-tls-reject-unauthorized-env';
import { detector as nodeTlsWarningSuppressed } from './node-tls-warning-suppressed';
import { detector as requestStrictSsl } from './request-strict-ssl';
import { detector as sqlTrustServerCertificate } from './sql-trust-server-certificate';
import { detector as superagentDisableTlsCerts } from './superagent-disable-tls-certs';
import { detector as tlsCheckServerIdentity } from './tls-check-server-identity';
import { detector as tlsCreateSecurePair } from './tls-create-secure-pair';
import { detector as tlsLegacyVersion } from './tls-legacy-version';
import { detector as tlsRejectUnauthorized } from './tls-reject-unauthorized';
import { detector as tlsSocketUnverified } from './tls-socket-unverified';
import { detector as tlsSslv23Method } from './tls-sslv23-method';
import { detector as tlsWeakCiphers } from './tls-weak-ciphers';

export const DETECTORS: Detector[] = [
  tlsRejectUnauthorized,
  nodeTlsRejectUnauthorizedEnv,
  requestStrictSsl,
  superagentDisableTlsCerts,
  tlsCheckServerIdentity,
  tlsLegacyVersion,
  tlsSslv23Method,
  tlsCreateSecurePair,
  mongodbTlsInsecure,
  rdkafkaSslVerification,
  rdkafkaEndpointIdentification,
  mongodbTlsInvalidHostnames,
  electronCertificateError,
  browserIgnoreHttpsErrors,
  tlsWeakCiphers,
  nodeTlsWarningSuppressed,
  curlSslVerifypeer,
  curlSslVerifyhost,
  tlsSocketUnverified,
  httpProxySecure,
  cloudTlsDefault,
  cloudTlsPolicy,
  sqlTrustServerCertificate,
];
