// The PHP detectors (curl, stream contexts, Guzzle, Laravel's HTTP client, Symfony HttpClient), registered in one list.
import type { Detector } from '../../engine/types';
import { detector as sslCiphers } from './ssl-ciphers';
import { detector as curlSslversion } from './curl-sslversion';
import { detector as curlVerifyhost } from './curl-verifyhost';
import { detector as clientSslVerification } from './client-ssl-verification';
import { detector as curlVerifypeer } from './curl-verifypeer';
import { detector as databaseSslVerify } from './database-ssl-verify';
import { detector as driverVerifyOption } from './driver-verify-option';
import { detector as guzzleVerify } from './guzzle-verify';
import { detector as rdkafkaEndpointIdentification } from './rdkafka-endpoint-identification';
import { detector as ldapTlsRequireCert } from './ldap-tls-require-cert';
import { detector as streamContextVerifyPeer } from './stream-context-verify-peer';
import { detector as streamContextVerifyPeerName } from './stream-context-verify-peer-name';
import { detector as streamCryptoMethod } from './stream-crypto-method';
import { detector as wordpressSslverify } from './wordpress-sslverify';

export const DETECTORS: Detector[] = [
  curlVerifypeer,
  curlVerifyhost,
  curlSslversion,
  streamContextVerifyPeer,
  streamContextVerifyPeerName,
  guzzleVerify,
  streamCryptoMethod,
  sslCiphers,
  wordpressSslverify,
  databaseSslVerify,
  driverVerifyOption,
  clientSslVerification,
  ldapTlsRequireCert,
  rdkafkaEndpointIdentification,
];
