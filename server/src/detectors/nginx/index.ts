// The nginx detectors, registered in one list.
import type { Detector } from '../../engine/types';
import { detector as listenSslDefaults } from './listen-ssl-defaults';
import { detector as sslProtocols } from './ssl-protocols';
import { detector as sslCiphers } from './ssl-ciphers';

export const DETECTORS: Detector[] = [sslProtocols, listenSslDefaults, sslCiphers];
