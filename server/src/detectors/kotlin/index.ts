// The kotlin detectors, registered in one list. They read the tree-sitter-kotlin grammar
// (@tree-sitter-grammars/tree-sitter-kotlin, which ships a .wasm); until the engine has that grammar
// (LANGUAGES.kotlin.grammar), Kotlin files have no tree and the list stays empty.
import { LANGUAGES } from '../../engine/languages';
import type { Detector } from '../../engine/types';
import { detector as apacheDefaultHttpClient } from './apache-default-http-client';
import { detector as cipherSuites } from './cipher-suites';
import { detector as hostnameVerifier } from './hostname-verifier';
import { detector as sslContextProtocol } from './ssl-context-protocol';
import { detector as tlsProtocols } from './tls-protocols';
import { detector as trustAllManager } from './trust-all-manager';
import { detector as trustAllOption } from './trust-all-option';
import { detector as trustStrategy } from './trust-strategy';
import { detector as verifyHostOption } from './verify-host-option';
import { detector as webviewSslError } from './webview-ssl-error';

export const KOTLIN_DETECTORS: Detector[] = [
  trustAllManager,
  trustStrategy,
  webviewSslError,
  trustAllOption,
  hostnameVerifier,
  verifyHostOption,
  sslContextProtocol,
  tlsProtocols,
  cipherSuites,
  apacheDefaultHttpClient,
];

export const DETECTORS: Detector[] = LANGUAGES.kotlin.grammar ? KOTLIN_DETECTORS : [];
