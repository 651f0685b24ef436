import { z } from "zod";

import { describeValue, ownValue } from "./value-preview";

/**
 * One field of an LJO object: a zod schema for the type LJO documents (its
 * `.describe()` text names that type in warnings) and the best-effort value
 * used when the sent value does not match. `undefined` means "ignore it".
 */
export interface FieldSpec<T> {
  schema: z.ZodType<T>;
  fallback: (value: unknown) => T | undefined;
}

export type FieldValues<S extends Record<string, FieldSpec<unknown>>> = {
  [K in keyof S]: S[K] extends FieldSpec<infer T> ? T | undefined : never;
};

/**
 * Reads each field of `specs` from `source`, checking it against its own
 * schema so that one field of the wrong type costs a warning, not the lead.
 * Fields that `specs` does not name are left to the caller, which keeps them.
 */
export function readFields<S extends Record<string, FieldSpec<unknown>>>(
  specs: S,
  source: Record<string, unknown>,
  path: string,
  warnings: string[],
): FieldValues<S> {
  const values: Record<string, unknown> = {};

  for (const [key, spec] of Object.entries(specs)) {
    const value = ownValue(source, key);
    const checked = spec.schema.safeParse(value);
    if (checked.success) {
      values[key] = checked.data;
      continue;
    }

    const fallback = spec.fallback(value);
    const expected = spec.schema.description ?? "another type";
    const outcome =
      fallback === undefined
        ? "It is ignored."
        : `It is read as ${describeValue(fallback)}.`;
    warnings.push(
      `${path}.${key} is ${describeValue(value)}, but LJO sends ${expected} there. ${outcome}`,
    );
    values[key] = fallback;
  }

  return values as FieldValues<S>;
}

/** Converts numbers, booleans and bigints to text and ignores anything else. */
function scalarToText(value: unknown): string | undefined {
  if (
    typeof value === "number" ||
    typeof value === "boolean" ||
    typeof value === "bigint"
  ) {
    return String(value);
  }
  return undefined;
}

/**
 * Collects the text and number items of an array as text, or turns a lone
 * number into a one-item list.
 */
function toTextItems(value: unknown): string[] {
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (const item of value as unknown[]) {
      const text = typeof item === "string" ? item : scalarToText(item);
      if (text !== undefined) {
        items.push(text);
      }
    }
    return items;
  }
  const text = scalarToText(value);
  return text === undefined ? [] : [text];
}

function ignore(): undefined {
  return undefined;
}

/** Reads "true", "false", 1 and 0 as booleans. */
function toFlag(value: unknown): boolean | undefined {
  if (value === "true" || value === 1 || value === "1") {
    return true;
  }
  if (value === "false" || value === 0 || value === "0") {
    return false;
  }
  return undefined;
}

export function textField(
  description = "a string",
): FieldSpec<string | null | undefined> {
  return {
    schema: z.string().nullish().describe(description),
    fallback: scalarToText,
  };
}

/** Declares a string field that also accepts a number, as experience does. */
export function textOrNumberField(): FieldSpec<
  string | number | null | undefined
> {
  return {
    schema: z.union([z.string(), z.number()]).nullish().describe("a string"),
    fallback: scalarToText,
  };
}

export function listField(): FieldSpec<string | string[] | null | undefined> {
  return {
    schema: z
      .union([z.array(z.string()), z.string()])
      .nullish()
      .describe("an array of strings or a comma-separated string"),
    fallback: toTextItems,
  };
}

/** Declares an integer id field. A string of digits is read as the same id. */
export function idField(): FieldSpec<number | string | null | undefined> {
  return {
    schema: z
      .union([
        z.int().nonnegative(),
        z
          .string()
          .trim()
          .regex(/^\d{1,30}$/),
      ])
      .nullish()
      .describe("an integer id"),
    fallback: ignore,
  };
}

export function dateField(): FieldSpec<string | null | undefined> {
  return {
    schema: z.string().nullish().describe("a date string"),
    fallback: ignore,
  };
}

export function flagField(): FieldSpec<boolean | null | undefined> {
  return {
    schema: z.boolean().nullish().describe("true or false"),
    fallback: toFlag,
  };
}

/** Formats an id as decimal text without leading zeros, or null if missing. */
export function formatId(
  id: number | string | null | undefined,
): string | null {
  if (id === null || id === undefined) {
    return null;
  }
  return typeof id === "number" ? String(id) : id.replace(/^0+(?=\d)/, "");
}

/** Trims a text field. Missing and null values become an empty string. */
export function toText(value: string | number | null | undefined): string {
  if (value === null || value === undefined) {
    return "";
  }
  return String(value).trim();
}
