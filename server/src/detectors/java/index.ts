// The java detectors, registered in one list.
import type { Detector } from '../../engine/types';
import { detector as apacheDefaultHttpClient } from './apache-default-http-client';
import { detector as cipherSuites } from './cipher-suites';
import { detector as hostnameVerifier } from './hostname-verifier';
import { detector as javamailSsl } from './javamail-ssl';
import { detector as javamailSslTrust } from './javamail-ssl-trust';
import { detector as okhttpTlsVersion } from './okhttp-tls-version';
import { detector as sslContextProtocol } from './ssl-context-protocol';
import { detector as tlsProtocols } from './tls-protocols';
import { detector as trustAllManager } from './trust-all-manager';
import { detector as trustAllOption } from './trust-all-option';
import { detector as trustStrategy } from './trust-strategy';
import { detector as verifyHostOption } from './verify-host-option';
import { detector as webviewSslError } from './webview-ssl-error';

export const DETECTORS: Detector[] = [
  trustAllManager,
  trustStrategy,
  webviewSslError,
  javamailSslTrust,
  trustAllOption,
  hostnameVerifier,
  javamailSsl,
  verifyHostOption,
  sslContextProtocol,
  tlsProtocols,
  okhttpTlsVersion,
  cipherSuites,
  apacheDefaultHttpClient,
];
