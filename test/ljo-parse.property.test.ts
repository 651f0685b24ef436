import assert from "node:assert/strict";
import { describe, test } from "node:test";

import fc from "fast-check";

import { LEAD_EVENT_TYPES } from "../shared/lead-events";
import { normalizeEmail } from "../main/ljo/normalize-email";
import { parseLeadPayload } from "../main/ljo/parse";
import type { ParseOutcome } from "../main/ljo/parsed-lead";
import { normalizeSpecialtyList } from "../main/ljo/parse-candidate";
import { SAMPLE_PAYLOADS } from "../main/ljo/sample-payloads";
import { normalizeStateList } from "../main/ljo/us-states";

const RUNS = 300;

type JsonPath = ReadonlyArray<string | number>;

/** Lists every path to a value inside `value`, the value itself excluded. */
function pathsOf(value: unknown, prefix: JsonPath = []): JsonPath[] {
  if (typeof value !== "object" || value === null) {
    return [];
  }
  const paths: JsonPath[] = [];
  for (const [key, child] of Object.entries(value)) {
    const path = [...prefix, Array.isArray(value) ? Number(key) : key];
    paths.push(path, ...pathsOf(child, path));
  }
  return paths;
}

/** Returns a deep copy of `value` with the value at `path` replaced. */
function replaceAt(
  value: unknown,
  path: JsonPath,
  replacement: unknown,
): unknown {
  if (path.length === 0) {
    return replacement;
  }
  const [head, ...rest] = path;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  copy[head as string | number] = replaceAt(
    copy[head as string | number],
    rest,
    replacement,
  );
  return copy;
}

function nestedArrays(depth: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i += 1) {
    value = [value];
  }
  return value;
}

function nestedObjects(depth: number): unknown {
  let value: unknown = { email: "deep@example.com" };
  for (let i = 0; i < depth; i += 1) {
    value = { candidate: value };
  }
  return value;
}

const hugeString = "\u{1F600}x, ".repeat(250_000);

/** Odd values: any JSON, deep nesting and huge strings. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.anything({ maxDepth: 3 }),
  fc.integer({ min: 100, max: 5000 }).map(nestedArrays),
  fc.integer({ min: 100, max: 5000 }).map(nestedObjects),
  fc.constant(hugeString),
  fc.constant(["PA", hugeString]),
);

function assertHandled(outcome: ParseOutcome): void {
  assert.ok(outcome.kind === "lead" || outcome.kind === "quarantine");
  if (outcome.kind === "quarantine") {
    assert.doesNotMatch(outcome.reason, /internal error/, outcome.reason);
  }
}

const samples = LEAD_EVENT_TYPES.map((event) => SAMPLE_PAYLOADS[event]);
const samplePaths = samples.flatMap((sample) =>
  pathsOf(sample).map((path) => ({ sample, path })),
);

/**
 * Paths whose replacement may leave no candidate to read. Any other single
 * replacement keeps two of id, email and phone, so it must stay a lead.
 */
const STRUCTURAL_PATHS = new Set(["event", "data", "lead", "data.candidate"]);

void describe("parseLeadPayload properties", () => {
  void test("never throws on JSON text", () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 6 }), (text) => {
        assertHandled(parseLeadPayload(JSON.parse(text)));
      }),
      { numRuns: RUNS },
    );
  });

  void test("never throws on any value", () => {
    fc.assert(
      fc.property(oddValue, (value) => {
        assertHandled(parseLeadPayload(value));
      }),
      { numRuns: RUNS },
    );
  });

  void test("objects with a known event never throw", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LEAD_EVENT_TYPES),
        fc.dictionary(fc.string(), oddValue, { maxKeys: 4 }),
        oddValue,
        (event, rest, body) => {
          assertHandled(
            parseLeadPayload({ ...rest, event, data: body, lead: body }),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  void test("sample with one field replaced", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...samplePaths),
        oddValue,
        ({ sample, path }, value) => {
          const payload = replaceAt(sample, path, value);
          const outcome = parseLeadPayload(payload);
          assertHandled(outcome);
          if (!STRUCTURAL_PATHS.has(path.join("."))) {
            assert.equal(outcome.kind, "lead", `replaced ${path.join(".")}`);
          }
          assert.deepEqual(parseLeadPayload(payload), outcome);
        },
      ),
      { numRuns: RUNS },
    );
  });

  void test("names keep right-to-left and emoji text", () => {
    const letters = [..."שלוםعليمحمدأحمد😀👩‍⚕️🇺🇸é\u0301"];
    const word = fc
      .array(fc.constantFrom(...letters), { minLength: 1, maxLength: 8 })
      .map((chars) => chars.join(""));
    const name = fc
      .array(word, { minLength: 1, maxLength: 3 })
      .map((words) => words.join(" "));
    fc.assert(
      fc.property(name, name, (first, last) => {
        const payload = replaceAt(
          replaceAt(
            SAMPLE_PAYLOADS["lead-unlocked"],
            ["data", "candidate", "first_name"],
            first,
          ),
          ["data", "candidate", "last_name"],
          last,
        );
        const outcome = parseLeadPayload(payload);
        assert.equal(outcome.kind, "lead");
        if (outcome.kind === "lead") {
          assert.equal(outcome.lead.candidate.firstName, first);
          assert.equal(outcome.lead.candidate.lastName, last);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

void describe("normalizer properties", () => {
  const anyText = fc.oneof(
    fc.string({ unit: "grapheme" }),
    fc.string({ unit: "binary" }),
  );
  const stateText = fc.oneof(
    anyText,
    fc.constantFrom(
      "PA",
      "wv",
      "West Virginia",
      "Compact",
      "D.C.",
      "Washington, D.C.",
      " , ",
    ),
  );
  const listValue = fc.oneof(
    fc.array(stateText, { maxLength: 6 }),
    fc.array(stateText, { maxLength: 6 }).map((items) => items.join(",")),
  );

  void test("email normalization is idempotent", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = normalizeEmail(text);
        assert.equal(normalizeEmail(once), once);
      }),
      { numRuns: RUNS },
    );
  });

  void test("NFD and NFC emails normalize equal", () => {
    const local = fc.string({ unit: "grapheme", minLength: 1 });
    fc.assert(
      fc.property(local, (text) => {
        const email = `${text}@Exämple.com`;
        assert.equal(
          normalizeEmail(email.normalize("NFD")),
          normalizeEmail(email.normalize("NFC")),
        );
      }),
      { numRuns: RUNS },
    );
  });

  void test("state lists normalize idempotently", () => {
    fc.assert(
      fc.property(listValue, (value) => {
        const once = normalizeStateList(value);
        assert.deepEqual(normalizeStateList(once), once);
      }),
      { numRuns: RUNS },
    );
  });

  void test("specialty lists normalize idempotently", () => {
    const specialty = fc.oneof(
      anyText,
      fc.constantFrom(
        "Urology",
        "Wound, Burn & Ostomy",
        "wound",
        "Burn & Ostomy",
      ),
    );
    const value = fc.oneof(
      fc.array(specialty, { maxLength: 6 }),
      fc.array(specialty, { maxLength: 6 }).map((items) => items.join(", ")),
    );
    fc.assert(
      fc.property(value, (list) => {
        const once = normalizeSpecialtyList(list);
        assert.deepEqual(normalizeSpecialtyList(once), once);
      }),
      { numRuns: RUNS },
    );
  });
});
