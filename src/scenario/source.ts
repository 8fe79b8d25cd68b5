import { INPUT_BYTE_LIMITS, InputFileError, readInputBytes } from '../guard/input-file.js';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { ScenarioIssue, SourcePosition } from './issues.js';

/**
 * Reading scenario text safely: the guards that turn hostile or broken input (huge or
 * deeply nested files, alias bombs, binary data, wrong encodings, empty files) into one
 * clear positioned error, quickly, before the YAML parser or the schema sees it.
 */

/** Largest scenario file accepted, bytes. Real scenarios are tens of KiB; parsing 256 KiB of YAML takes well under a second. */
export const MAX_SCENARIO_BYTES = INPUT_BYTE_LIMITS.scenario;
/** Deepest nesting of flow collections (`[`, `{`) or indentation levels accepted; real scenarios stay under 10. */
export const MAX_NESTING_DEPTH = 64;
/** Most alias expansions accepted when building the data ("billion laughs" protection). */
export const MAX_ALIAS_COUNT = 100;

/** A scenario source parsed into a YAML document, with what positions need. */
export interface ParsedSource {
  file: string;
  doc: Document;
  lineCounter: LineCounter;
  data: unknown;
  /** Syntax errors, when parsed with `tolerant` (the data is then the parser's best reading). */
  syntax: ScenarioIssue[];
}

function issue(file: string, code: string, message: string, position: SourcePosition = { line: 1, col: 1 }): ScenarioIssue {
  return { severity: 'error', code, message, path: [], file, position };
}

function tooLarge(size: number | 'more than the limit', file: string): ScenarioIssue {
  return issue(file, 'file.too_large', `file is too large (${typeof size === 'number' ? `${size} bytes` : size}; the limit is ${MAX_SCENARIO_BYTES} bytes)`);
}

/** Line and column (1-based) of a character offset in a text. */
function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

/** Decodes file bytes as UTF-8 (a BOM is allowed), or explains why they are not scenario text. */
export function decodeScenarioBytes(bytes: Uint8Array, file: string): { text: string } | { issue: ScenarioIssue } {
  if (bytes.length > MAX_SCENARIO_BYTES) return { issue: tooLarge(bytes.length, file) };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { issue: issue(file, 'file.encoding', 'file is UTF-16 encoded; save it as UTF-8') };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, bad));
    const hex = bytes[bad]!.toString(16).padStart(2, '0');
    return { issue: issue(file, 'file.encoding', `invalid UTF-8 (byte 0x${hex}); save the file as UTF-8`, positionAt(before, before.length)) };
  }
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence (after a valid prefix). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || index + length > bytes.length) return index;
    try {
      decoder.decode(bytes.subarray(index, index + length));
    } catch {
      return index;
    }
    index += length;
  }
  return index;
}

/** Checks decoded text for binary data, emptiness, size and nesting before parsing. */
export function checkTextLimits(text: string, file: string): ScenarioIssue | undefined {
  if (text.length > MAX_SCENARIO_BYTES) return tooLarge(text.length, file);
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).padStart(4, '0');
    return issue(file, 'file.binary', `binary data (character U+${code.toUpperCase()}); a scenario is YAML text`, positionAt(text, control.index));
  }
  if (/^\s*(?:#[^\n]*\s*)*$/.test(text.replace(/^\ufeff/, ''))) {
    return issue(file, 'file.empty', 'empty file: a scenario needs at least id, name, nations and crisis (start from `crisis-sim new <kind>`)');
  }
  const deep = deepestNesting(text);
  if (deep) return issue(file, 'yaml.too_deep', `nesting deeper than ${MAX_NESTING_DEPTH} levels`, positionAt(text, deep));
  return undefined;
}

/**
 * Offset where flow brackets or indentation first nest deeper than the limit, or
 * undefined. Quoted strings and comments are skipped; the count is deliberately rough
 * (a bracket in a plain scalar counts) since real scenarios are far below the limit.
 */
function deepestNesting(text: string): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  let lineStart = true;
  let indent = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (char === '\n') {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (char === ' ' || char === '-') {
        indent += 1;
        if (indent > MAX_NESTING_DEPTH * 4) return index;
        continue;
      }
      lineStart = false;
    }
    if (quote !== undefined) {
      if (char === '\\' && quote === '"') index += 1;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (index === 0 || /\s/.test(text[index - 1]!))) {
      const end = text.indexOf('\n', index);
      index = end === -1 ? text.length : end - 1;
    } else if (char === '[' || char === '{') {
      depth += 1;
      if (depth > MAX_NESTING_DEPTH) return index;
    } else if ((char === ']' || char === '}') && depth > 0) depth -= 1;
  }
  return undefined;
}

/**
 * Parses scenario YAML (or JSON) into a document and plain data, or returns every problem
 * found. With `tolerant`, syntax errors come back in `syntax` beside the parser's best
 * reading of the rest, so later passes can still check what the errors do not touch.
 */
export function parseScenarioSource(text: string, file: string, options: { tolerant?: boolean } = {}): ParsedSource | ScenarioIssue[] {
  const limit = checkTextLimits(text, file);
  if (limit) return [limit];
  const lineCounter = new LineCounter();
  // logLevel error: a broken document read tolerantly may hold odd keys; problems come back as issues, not console warnings.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true, logLevel: 'error' });
  const syntax = syntaxIssues(doc, lineCounter, file);
  if (syntax.length > 0 && options.tolerant !== true) return syntax;
  try {
    return { file, doc, lineCounter, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), syntax };
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    const first = /\*[^\s,\]}]+/.exec(text);
    return [
      issue(
        file,
        'yaml.aliases',
        `aliases expand too much (more than ${MAX_ALIAS_COUNT} expansions; possible "billion laughs"): ${message}`,
        first ? positionAt(text, first.index) : undefined,
      ),
    ];
  }
}

/**
 * The parser's syntax errors, each at the line and column the parser gives (its offset
 * through the line counter: `linePos` is only filled in with pretty errors), once per
 * position and message.
 */
export function syntaxIssues(doc: Document, lineCounter: LineCounter, file: string): ScenarioIssue[] {
  const seen = new Set<string>();
  const issues: ScenarioIssue[] = [];
  for (const yamlError of doc.errors) {
    const position = lineCounter.linePos(yamlError.pos[0]);
    const message = yamlError.message.split('\n')[0]!;
    const key = `${position.line}:${position.col}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue(file, 'yaml.syntax', message, { line: position.line, col: position.col }));
  }
  return issues;
}

/** Reads a scenario file as UTF-8 text (a regular file, at most {@link MAX_SCENARIO_BYTES} read), or returns why it cannot be read. */
export function readScenarioText(file: string): { text: string } | { issue: ScenarioIssue } {
  let bytes: Buffer;
  try {
    bytes = readInputBytes(file, MAX_SCENARIO_BYTES);
  } catch (cause) {
    if (!(cause instanceof InputFileError)) throw cause;
    return { issue: cause.problem === 'too_large' ? tooLarge('more than the limit', file) : issue(file, 'file.unreadable', cause.reason) };
  }
  return decodeScenarioBytes(bytes, file);
}
