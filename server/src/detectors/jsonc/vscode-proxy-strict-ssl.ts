import { defineDetector } from '../../engine/detector';
import { jsonModel, spanOf } from '../../engine/languages/jsonc';
import type { Range } from '../../engine/types';

const KEY = 'http.proxyStrictSSL';

/**
 * The objects VS Code reads settings from: the root of `.vscode/settings.json`, `settings` of a
 * `.code-workspace`, and a dev container's `customizations.vscode.settings` (or its older top-level `settings`).
 */
function isSettingsObject(path: readonly string[]): boolean {
  if (path.length === 0) return true;
  if (path.length === 1) return path[0] === 'settings';
  return path.length === 3 && path[0] === 'customizations' && path[1] === 'vscode' && path[2] === 'settings';
}

export const detector = defineDetector<{ value: Range }>({
  id: 'jsonc.vscode-proxy-strict-ssl',
  summary: 'VS Code workspace settings with `"http.proxyStrictSSL": false`.',
  docs: `
    VS Code's \`"http.proxyStrictSSL": false\` in a workspace's \`.vscode/settings.json\`, the
    \`settings\` of a \`.code-workspace\` file or a dev container's \`customizations.vscode.settings\`:
    VS Code and its extensions then stop verifying the certificates of servers reached through the proxy
    against the list of supplied CAs, so every checkout of the repository trusts any certificate. The fix
    sets it to \`true\` (the default). Only this documented setting is read: other VS Code settings, and
    the same key with \`true\`, in a comment or under another object, are not findings.
  `,
  rule: 'cert-verification-disabled',
  languages: ['json-config'],
  apis: ['http.proxyStrictSSL'],
  tokens: ['proxyStrictSSL'],
  fixAvailability: 'always',
  detect(file, report) {
    for (const p of jsonModel(file).properties) {
      if (p.key !== KEY || p.value.type !== 'boolean' || p.value.value !== false) continue;
      if (!isSettingsObject(p.path)) continue;
      report({
        range: { start: p.keyStart, end: p.value.offset + p.value.length },
        message:
          '`"http.proxyStrictSSL": false`: VS Code and its extensions accept any certificate from servers reached through the proxy.',
        state: { value: spanOf(p.value) },
      });
    }
  },
  fix(_file, r) {
    return {
      title: 'Verify certificates through the proxy (`"http.proxyStrictSSL": true`)',
      safety: 'safe',
      edits: [{ ...r.state.value, newText: 'true' }],
    };
  },
  examples: {
    'json-config': {
      bad: `
        {
          "http.proxy": "http://proxy.corp.example:3128",
          "http.proxyStrictSSL": false
        }
      `,
      good: `
        {
          "http.proxy": "http://proxy.corp.example:3128",
          "http.proxyStrictSSL": true
        }
      `,
    },
  },
});
