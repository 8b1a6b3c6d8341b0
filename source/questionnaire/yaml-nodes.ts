// Reading YAML (and JSON, which YAML parses too) node by node, so every complaint names the file and
// the 1-based line of the node at fault.

import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node as YamlNode, YAMLMap, YAMLSeq } from 'yaml';
import { InputError } from '../util/errors.js';

export type { YamlNode };

export interface YamlSource {
  file: string;
  lines: LineCounter;
}

/** Parses one document; syntax errors and aliases throw InputError with the line. */
export function parseYaml(text: string, file: string): { root: YamlNode | null; src: YamlSource } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const [error] = doc.errors;
  if (error) {
    const message = error.message.split('\n')[0] ?? error.message;
    throw new InputError(`invalid YAML: ${message}`, file, lines.linePos(error.pos[0]).line);
  }
  const src = { file, lines };
  const root = doc.contents as YamlNode | null;
  rejectAliases(src, root);
  return { root, src };
}

// Anchors and aliases would let one node appear in two places; nothing here needs them.
function rejectAliases(src: YamlSource, node: YamlNode | null): void {
  if (isAlias(node)) fail(src, node, 'aliases (*name) are not supported here');
  if (isMap(node)) for (const pair of node.items) rejectAliases(src, pair.value as YamlNode | null);
  if (isSeq(node)) for (const item of node.items) rejectAliases(src, item as YamlNode | null);
}

export function lineOf(src: YamlSource, node: YamlNode | null | undefined): number | undefined {
  return node?.range ? src.lines.linePos(node.range[0]).line : undefined;
}

export function fail(src: YamlSource, node: YamlNode | null | undefined, message: string): never {
  throw new InputError(message, src.file, lineOf(src, node));
}

export function expectMap(src: YamlSource, node: YamlNode | null | undefined, what: string): YAMLMap {
  if (!isMap(node)) fail(src, node, `${what} must be a mapping of keys to values`);
  return node;
}

export function expectSeq(src: YamlSource, node: YamlNode | null | undefined, what: string): YAMLSeq {
  if (!isSeq(node)) fail(src, node, `${what} must be a list`);
  return node;
}

/** The keys of a mapping with their nodes, in file order. Keys must be plain strings. */
export function entries(
  src: YamlSource,
  map: YAMLMap,
): { key: string; keyNode: YamlNode; value: YamlNode | null }[] {
  return map.items.map((pair) => {
    const keyNode = pair.key as YamlNode;
    if (!isScalar(keyNode) || typeof keyNode.value !== 'string')
      fail(src, keyNode, 'keys must be plain words');
    return { key: keyNode.value, keyNode, value: (pair.value as YamlNode | null) ?? null };
  });
}

/** A mapping read as key -> node, refusing keys outside `allowed` (a typo must not be ignored). */
export function readMap(
  src: YamlSource,
  node: YamlNode | null | undefined,
  what: string,
  allowed: readonly string[],
): { map: YAMLMap; get: (key: string) => YamlNode | null | undefined } {
  const map = expectMap(src, node, what);
  const byKey = new Map<string, YamlNode | null>();
  for (const { key, keyNode, value } of entries(src, map)) {
    if (!allowed.includes(key))
      fail(src, keyNode, `unknown key '${key}' in ${what} (expected one of: ${allowed.join(', ')})`);
    byKey.set(key, value);
  }
  return { map, get: (key) => (byKey.has(key) ? byKey.get(key) : undefined) };
}

export function scalarValue(node: YamlNode | null | undefined): unknown {
  return isScalar(node) ? node.value : undefined;
}

export function expectString(src: YamlSource, node: YamlNode | null | undefined, what: string): string {
  const value = scalarValue(node);
  if (typeof value !== 'string' || value.trim() === '') fail(src, node, `${what} must be non-empty text`);
  return value.trim();
}

export function expectNumber(src: YamlSource, node: YamlNode | null | undefined, what: string): number {
  const value = scalarValue(node);
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(src, node, `${what} must be a number`);
  return value;
}

export function expectBoolean(src: YamlSource, node: YamlNode | null | undefined, what: string): boolean {
  const value = scalarValue(node);
  if (typeof value !== 'boolean') fail(src, node, `${what} must be true or false`);
  return value;
}

/** A required key: complains at the mapping's line when it is missing. */
export function required(
  src: YamlSource,
  map: YAMLMap,
  get: (key: string) => YamlNode | null | undefined,
  key: string,
  what: string,
): YamlNode | null {
  const node = get(key);
  if (node === undefined) fail(src, map, `${what} is missing '${key}'`);
  return node;
}
