/**
 * Identifiers (table and column names) cannot be bound as parameters, so every one that reaches SQL text goes
 * through here: it must come from an allow-list or match a strict pattern, and is then double-quoted.
 */

const SAFE_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** True when `name` is a lower-case identifier we are willing to quote. */
export function isSafeIdentifier(name: string): boolean {
	return SAFE_IDENTIFIER.test(name);
}

/** Double-quotes a safe identifier; throws on anything else (never escapes its way around bad input). */
export function quoteIdent(name: string): string {
	if (!isSafeIdentifier(name)) throw new Error(`Unsafe SQL identifier: ${JSON.stringify(name)}`);
	return `"${name}"`;
}

/** Quotes `name` only if it is one of `allowed`. */
export function quoteAllowed<T extends string>(name: string, allowed: readonly T[]): string {
	if (!(allowed as readonly string[]).includes(name)) {
		throw new Error(`Identifier not allowed here: ${JSON.stringify(name)}`);
	}
	return quoteIdent(name);
}
