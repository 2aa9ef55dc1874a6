// Kafka and Spring Boot settings written in scripts: `kafka-server-start.sh --override key=value`,
// `--producer-property key=value`, `-Dkey=value`, Spring's `--server.ssl.enabled-protocols=...`, `echo 'key=value'
// >> server.properties`, and a here-document that writes a `.properties` file. Shared by the shell detectors
// of each rule, which judge the key and value as every other format does (engine/kafka-settings).
import { parseProperties } from '../../../engine/languages/properties';
import { shellAssignments } from '../../../engine/languages/shell';
import type { SourceFile } from '../../../engine/types';

/** One `key=value` setting found in a script. */
export interface ScriptSetting {
  key: string;
  /** The value as written (quotes of an enclosing string excluded); '' when nothing follows the `=`. */
  value: string;
  /** The `key=value` span. */
  start: number;
  end: number;
  /** The value's span ('' → an empty span right after the `=`). */
  valueStart: number;
  valueEnd: number;
  /** A plain literal value: a fix may rewrite it in place. */
  literal: boolean;
}

/**
 * `key=value` in a word or string of a command: the key follows a blank, a quote or `-D`/`--`, and is dotted
 * (`ssl.enabled.protocols`, `listener.name.x.ssl.protocol`); the value runs to a blank or a quote. A value
 * followed by an expansion (`'key='$ALG`) is the script's variable, not an empty value.
 */
const IN_WORD = /(?:^|[\s"'])(?:-D|--)?([a-z][\w-]*(?:\.[\w-]+)+)=([^\s"'$\\`]*)/gi;

/** The nodes of a shell tree that hold a whole word: no node inside another of these is read twice. */
const WORDS = ['word', 'string', 'raw_string', 'concatenation'];

/** Every dotted `key=value` setting of the script (words, strings, here-documents), memoised per file. */
export function scriptSettings(file: SourceFile): ScriptSetting[] {
  return file.memo('shell.kafkaSettings', () => {
    const out: ScriptSetting[] = [];
    for (const node of file.nodes(...WORDS)) {
      if (node.parent && WORDS.includes(node.parent.type)) continue;
      const text = node.text;
      if (!text.includes('=') || !text.includes('.')) continue;
      for (const m of text.matchAll(IN_WORD)) {
        const value = m[2];
        const valueEnd = node.startIndex + m.index + m[0].length;
        const valueStart = valueEnd - value.length;
        const keyStart = valueStart - 1 - m[1].length;
        // After the value: closing quotes (`\"\"` of an escaped empty string too), then a blank or the end.
        // Anything else (`'key='$ALG`, `"key="more`) makes the value the script's, not this literal.
        const after = text.slice(m.index + m[0].length);
        if (!/^(\\?["'])*(\s|$)/.test(after)) continue;
        out.push({
          key: m[1],
          value,
          start: keyStart,
          end: valueEnd,
          valueStart,
          valueEnd,
          // An escaped quoted value (`=\"\"`) is not rewritten in place.
          literal: !value.includes('\\') && !after.startsWith('\\'),
        });
      }
    }
    // Environment variables the Confluent images and Spring map to the keys (`export KAFKA_SSL_ENABLED_PROTOCOLS=...`,
    // Dockerfile `ENV`, a `.env` file's `KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM=`); a value with an expansion is dynamic.
    for (const a of shellAssignments(file)) {
      if (!/^[A-Z][A-Z0-9_]*_SSL_[A-Z0-9_]+$/.test(a.name) || a.value === undefined) continue;
      const v = a.valueNode;
      let valueStart = v ? v.startIndex : a.node.endIndex;
      let valueEnd = v ? v.endIndex : a.node.endIndex;
      // Dockerfile `ENV NAME=value`: the value node is the whole word.
      if (v && v.text.startsWith(`${a.name}=`)) valueStart += a.name.length + 1;
      const quoted = v !== undefined && /^(string|raw_string)$/.test(v.type);
      if (quoted) {
        valueStart += 1;
        valueEnd -= 1;
      }
      out.push({
        key: a.name,
        value: a.value,
        start: a.node.startIndex,
        end: a.node.endIndex,
        valueStart,
        valueEnd,
        literal: !v || v.type === 'word' || (quoted && !v.namedChildren.some((c) => c && c.type !== 'string_content')),
      });
    }
    // `cat > client.properties <<EOF ... EOF`: the body is a .properties text (expansions in it are dynamic).
    for (const body of file.nodes('heredoc_body')) {
      for (const p of parseProperties(body.text)) {
        if (!p.key.includes('.')) continue;
        const raw = body.text.slice(p.valueStart, p.valueEnd);
        if (raw.includes('$')) continue;
        out.push({
          key: p.key,
          value: p.value,
          start: body.startIndex + p.start,
          end: body.startIndex + p.end,
          valueStart: body.startIndex + p.valueStart,
          valueEnd: body.startIndex + p.valueEnd,
          literal: true,
        });
      }
    }
    return out;
  });
}
