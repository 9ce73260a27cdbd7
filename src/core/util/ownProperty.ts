/**
 * Objects keyed by a file's own words (headers, property names, spellings): "__proto__", "constructor" or "toString"
 * are words like any other there, and must neither reach Object.prototype nor change an object's prototype.
 */

/** `record[key]` when the record itself holds the key (never an inherited member such as "constructor"). */
export function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Sets `record[key]` as an own, enumerable property, even for "__proto__" (which assignment would not). */
export function setOwnValue<T>(record: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
