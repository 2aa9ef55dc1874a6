// The Apache httpd (mod_ssl) detectors, registered in one list.
import type { Detector } from '../../engine/types';
import { detector as sslProtocol } from './ssl-protocol';
import { detector as sslProxyCheckPeerName } from './ssl-proxy-check-peer-name';
import { detector as sslProxyVerify } from './ssl-proxy-verify';
import { detector as sslCipherSuite } from './ssl-cipher-suite';

export const DETECTORS: Detector[] = [sslProtocol, sslProxyVerify, sslProxyCheckPeerName, sslCipherSuite];
