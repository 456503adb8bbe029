/**
 * What the plan and quality validators share in reading JSON Schema (ajv) errors: the compiled validator, and how
 * a value and its place are named in a message. Pure, no Node.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import type { PathSegment } from './json-position';

/** The schema's validator, compiled on first use (compiling costs more than most files take to check). */
export function lazyValidator(schema: object): () => ValidateFunction {
	let compiled: ValidateFunction | null = null;
	return () => {
		// verbose: errors carry the data and the schema object at fault, which is how they are told apart.
		compiled ??= new Ajv({
			allErrors: true,
			verbose: true,
			strictTypes: false,
			allowUnionTypes: true
		}).compile(schema);
		return compiled;
	};
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The JSON type of a value, as messages name it. */
export function jsonType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

/** A value as it would appear in the file, cut short for messages. */
export function shown(value: unknown): string {
	const text = JSON.stringify(value) ?? String(value);
	return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** JSON Pointer (`/rules/0/event`) to path segments, numbers where the data holds an array. */
export function pointerToPath(pointer: string, root: unknown): PathSegment[] {
	if (pointer === '') return [];
	const path: PathSegment[] = [];
	let node: unknown = root;
	for (const raw of pointer.slice(1).split('/')) {
		const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
		if (Array.isArray(node)) {
			const index = Number(key);
			path.push(index);
			node = node[index];
		} else {
			path.push(key);
			node = isObject(node) ? node[key] : undefined;
		}
	}
	return path;
}
