// Every value of an event is stored as sent and read back by code that recurses (JSON.stringify,
// validators, features) or binds it to SQL. So before anything recursive runs, one iterative pass
// over the event refuses what cannot make that trip intact, naming the field:
// - nesting deeper than MAX_DEPTH (recursive code would overflow the stack);
// - NUL characters, in values and keys (PostgreSQL text cannot hold them);
// - lone surrogates (stored as U+FFFD: the value read back would not be the one sent);
// - numbers JSON.parse turned into Infinity (1e400; JSON.stringify would store null);
// - `__proto__` keys, and `prototype` under `constructor` (a trap for any code that merges objects);
// - events larger than MAX_EVENT_CHARS as JSON (Segment's own limit is 32 KB per event).

export const MAX_DEPTH = 32;
export const MAX_EVENT_CHARS = 64 * 1024;

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface Node {
  value: unknown;
  depth: number;
  parent?: Node;
  key?: string | number;
}

function segment(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`;
  if (/^[A-Za-z_$][\w$]*$/.test(key)) return `.${key}`;
  // JSON.stringify shows NUL and lone surrogates as escapes, so the path stays readable.
  return `[${JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)}]`;
}

/** `properties.products[0].name`, built only when there is something to report. */
function pathOf(node: Node): string {
  const parts: string[] = [];
  for (let n: Node | undefined = node; n?.key !== undefined; n = n.parent) parts.push(segment(n.key));
  const path = parts.reverse().join('');
  return path.startsWith('.') ? path.slice(1) : path || 'event';
}

function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (loneSurrogate.test(text)) return 'must be well-formed Unicode (it has a lone surrogate)';
  return undefined;
}

/** null when every value of the event can be stored and read back as sent; else one message naming the field. */
export function unstorable(event: object): string | null {
  const stack: Node[] = [{ value: event, depth: 0 }];
  let chars = 0;
  while (stack.length) {
    const node = stack.pop()!;
    const { value } = node;
    if (typeof value === 'string') {
      chars += value.length + 2;
      const problem = textProblem(value);
      if (problem) return `${pathOf(node)} ${problem}`;
    } else if (typeof value === 'number') {
      chars += 8;
      if (!Number.isFinite(value)) return `${pathOf(node)} is a number too large to store`;
    } else if (value && typeof value === 'object') {
      if (node.depth > MAX_DEPTH) return `${pathOf(node)} is nested more than ${MAX_DEPTH} levels deep`;
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], depth: node.depth + 1, parent: node, key: i });
        chars += value.length + 2;
      } else {
        const keys = Object.keys(value);
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i]!;
          chars += key.length + 4;
          const problem = textProblem(key);
          if (problem) return `${pathOf(node)} has a key that ${problem}`;
          const child: Node = { value: (value as Record<string, unknown>)[key], depth: node.depth + 1, parent: node, key };
          if (key === '__proto__' || (key === 'prototype' && node.key === 'constructor')) return `${pathOf(child)} is not an allowed key`;
          stack.push(child);
        }
      }
    } else chars += 5;
    if (chars > MAX_EVENT_CHARS) return `event is larger than ${MAX_EVENT_CHARS / 1024} KB as JSON (at ${pathOf(node)})`;
  }
  return null;
}
