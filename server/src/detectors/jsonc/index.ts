// The JSON configuration detectors (appsettings*.json, ocelot*.json, VS Code settings), registered in one list.
// Connection strings in them are read by dsn.connection-string-verify.
import type { Detector } from '../../engine/types';
import { detector as ocelotAcceptAnyCertificate } from './ocelot-accept-any-certificate';
import { detector as sslProtocols } from './ssl-protocols';
import { detector as vscodeProxyStrictSsl } from './vscode-proxy-strict-ssl';
import { detector as yarpAcceptAnyCertificate } from './yarp-accept-any-certificate';

export const DETECTORS: Detector[] = [
  yarpAcceptAnyCertificate,
  ocelotAcceptAnyCertificate,
  sslProtocols,
  vscodeProxyStrictSsl,
];
