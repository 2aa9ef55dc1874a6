/**
 * @fileoverview Which documents the language client sends to the server. Pure (no vscode import), so
 * a unit test checks it against the engine's own `languageOf`.
 */
import { LANGUAGES } from '../../server/src/engine/languages';

/** The shape of a vscode DocumentFilter, without importing vscode. */
export interface DocumentFilter {
  scheme?: string;
  language?: string;
  pattern?: string;
}

/**
 * Every VS Code language id the engine maps, plus glob patterns for files VS Code has no language for
 * (nginx, Apache, HAProxy, .env, kubeconfig, appsettings.json, VS Code settings) and for `.tlslint.json`, whose problems the server reports.
 */
export function documentSelector(): DocumentFilter[] {
  const languages = [...new Set(Object.values(LANGUAGES).flatMap((l) => l.vscodeIds))];
  const names = new Set<string>();
  for (const l of Object.values(LANGUAGES)) {
    for (const f of l.fileNames) names.add(f);
    for (const e of l.extensions) names.add(`*${e}`);
  }
  // The path rules of languageOf() that are not plain names or extensions.
  for (const n of [
    'Dockerfile.*',
    'Containerfile.*',
    '.env.*',
    '*.nginx',
    '*nginx*.conf',
    '.tlslint.json',
    'requirements*.txt',
    'requirements*.in',
    'constraints*.txt',
    'appsettings.*.json',
    'ocelot.*.json',
  ])
    names.add(n);
  return [
    ...languages.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
      // Jupyter notebook cells: each code cell is a document of its own, in the kernel's language.
      { scheme: 'vscode-notebook-cell', language },
    ]),
    { scheme: 'file', pattern: `**/{${[...names].sort().join(',')}}` },
    { scheme: 'file', pattern: '**/nginx/**/*.conf' },
    { scheme: 'file', pattern: '**/nginx/sites-{available,enabled}/*' },
    { scheme: 'file', pattern: '**/{apache,apache2,httpd}/**/*.conf' },
    { scheme: 'file', pattern: '**/{apache,apache2,httpd}/{sites,conf}-{available,enabled}/*' },
    { scheme: 'file', pattern: '**/haproxy/**/*.cfg' },
    { scheme: 'file', pattern: '**/.kube/config' },
    { scheme: 'file', pattern: '**/.vscode/settings.json' },
  ];
}
