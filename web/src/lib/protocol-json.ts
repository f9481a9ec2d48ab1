/** Live validation of the isolation-protocol JSON editor against the domain schema. */
import { type IsolationProtocol, isolationProtocolSchema } from '../../../src/domain/isolation-protocol.ts';

export type Validation =
  | { ok: true; protocol: IsolationProtocol }
  | { ok: false; syntax: boolean; messages: { where: string; message: string }[] };

/**
 * Offset of the first JSON syntax error, found by a small recursive-descent scan (browsers' JSON.parse
 * messages do not all carry a position). Null when the text is valid JSON.
 */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    if (text[i] !== '"') fail();
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m || m[0] === '' || m[0] === '-') fail();
    i += (m as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          ws();
          if (text[i] !== '"') fail();
          string();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail();
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return null;
  } catch (offset) {
    if (typeof offset === 'number') return offset;
    throw offset;
  }
}

/** "line 3, column 13" of a JSON syntax error. */
function jsonErrorLocation(text: string): string {
  const offset = jsonErrorOffset(text);
  if (offset === null) return 'JSON';
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

export function validateProtocolJson(text: string): Validation {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      syntax: true,
      messages: [
        {
          where: jsonErrorLocation(text),
          message: message.replace(/^JSON\.parse: /, '').replace(/,\s*(\.\.\.)?"[\s\S]*$/, ''),
        },
      ],
    };
  }
  const result = isolationProtocolSchema.safeParse(value);
  if (result.success) return { ok: true, protocol: result.data };
  return {
    ok: false,
    syntax: false,
    messages: result.error.issues.map((issue) => ({
      where: issue.path.length ? issue.path.map(String).join('.') : '(root)',
      message: issue.message,
    })),
  };
}
