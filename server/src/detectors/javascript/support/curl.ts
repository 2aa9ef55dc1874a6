// The node-libcurl / node-curl adaptor of the shared curl checks (engine/curl.ts).
import { CURL_CHECK_OPTIONS, type CurlCheck, type CurlCheckSetting } from '../../../engine/curl';
import { curlOptionWrites, unwrap } from '../../../engine/languages/javascript';
import type { SourceFile } from '../../../engine/types';

/** Each write of a verify option of `check` (`setOpt('SSL_VERIFYPEER', 0)`, `{ SSL_VERIFYHOST: 0 }`), with its literal value as a number. */
export function curlCheckSettings(file: SourceFile, check: CurlCheck): CurlCheckSetting[] {
  const out: CurlCheckSetting[] = [];
  for (const option of CURL_CHECK_OPTIONS[check]) {
    for (const w of curlOptionWrites(file, option)) {
      const v = unwrap(w.value);
      if (!v) continue;
      const number = v.type === 'false' ? 0 : v.type === 'true' ? 1 : v.type === 'number' ? Number(v.text) : undefined;
      out.push({
        option,
        verb: 'is set to',
        number,
        value: v,
        at: w.node,
        spell: (on) => (on === 1 && v.type === 'false' ? 'true' : String(on)),
      });
    }
  }
  return out;
}
