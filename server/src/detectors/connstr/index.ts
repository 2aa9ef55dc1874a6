// Connection strings and URIs (JDBC, ADO.NET, MongoDB) written as text in any language or configuration
// file, registered in one list.
import type { Detector } from '../../engine/types';
import { detector as allowInvalidHostnames } from './allow-invalid-hostnames';
import { detector as trustAnyCertificate } from './trust-any-certificate';

export const DETECTORS: Detector[] = [trustAnyCertificate, allowInvalidHostnames];
