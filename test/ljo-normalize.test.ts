import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { splitCommaList } from "../main/ljo/list-values";
import { normalizeSpecialtyList } from "../main/ljo/parse-candidate";
import { isPlausibleEmail, normalizeEmail } from "../main/ljo/normalize-email";
import { normalizePhone } from "../main/ljo/normalize-phone";
import { normalizeDateText } from "../main/ljo/parse-date";
import { normalizeState, normalizeStateList } from "../main/ljo/us-states";

void describe("normalizeDateText", () => {
  const cases: Array<[string, string | null]> = [
    ["2015-12-08T15:24:35-05:00", "2015-12-08T20:24:35.000Z"],
    ["2025-08-25T20:19:54+00:00", "2025-08-25T20:19:54.000Z"],
    ["2025-08-25T20:19:54+0000", "2025-08-25T20:19:54.000Z"],
    ["2025-08-25T20:19:54Z", "2025-08-25T20:19:54.000Z"],
    ["2025-08-25T20:19:54.123456+05:30", "2025-08-25T14:49:54.123Z"],
    ["2025-08-25 20:19:54+02", "2025-08-25T18:19:54.000Z"],
    ["2015-12-31T23:30:00-01:00", "2016-01-01T00:30:00.000Z"],
    ["2025-09-04", "2025-09-04"],
    ["  2025-09-04  ", "2025-09-04"],
    ["2024-02-29", "2024-02-29"],
    ["0050-01-01T00:00:00Z", "0050-01-01T00:00:00.000Z"],
    ["2015-02-30", null],
    ["2023-02-29", null],
    ["1900-02-29", null],
    ["2015-13-01", null],
    ["2015-00-10", null],
    ["2015-12-08T24:00:00Z", null],
    ["2015-12-08T15:60:00Z", null],
    ["2015-12-08T15:24:35+24:00", null],
    ["2015-12-08T15:24:35", null],
    ["12/08/2015", null],
    ["yesterday", null],
    ["", null],
  ];
  for (const [text, expected] of cases) {
    void test(`reads ${JSON.stringify(text)}`, () => {
      assert.equal(normalizeDateText(text), expected);
    });
  }

  void test("reads MM/DD/YYYY only when allowed", () => {
    assert.equal(
      normalizeDateText("04/04/2005", { allowUsDate: true }),
      "2005-04-04",
    );
    assert.equal(
      normalizeDateText("4/4/2005", { allowUsDate: true }),
      "2005-04-04",
    );
    assert.equal(normalizeDateText("02/30/2005", { allowUsDate: true }), null);
    assert.equal(normalizeDateText("13/01/2005", { allowUsDate: true }), null);
    assert.equal(normalizeDateText("04/04/2005"), null);
  });
});

void describe("normalizePhone", () => {
  const cases: Array<[string, string | null, string | null]> = [
    ["(650) 253-0000 x12", "+16502530000", "12"],
    ["650.253.0000 ext. 7", "+16502530000", "7"],
    ["+14155552671", "+14155552671", null],
    ["415-555-2671", "+14155552671", null],
    ["1 415 555 2671", "+14155552671", null],
    ["+44 20 7946 0958", "+442079460958", null],
    // LJO's samples: ten digits are a possible US length even though area
    // code 123 does not exist, while "+1" and nine digits are too short.
    ["1234567890", "+11234567890", null],
    ["+1234567890", null, null],
    ["555-1234", null, null],
    ["call me", null, null],
  ];
  for (const [raw, e164, extension] of cases) {
    void test(`reads ${JSON.stringify(raw)}`, () => {
      const phone = normalizePhone(raw, "US");
      assert.equal(phone.raw, raw);
      assert.equal(phone.e164, e164);
      assert.equal(phone.extension, extension);
    });
  }

  void test("uses the default region for national numbers", () => {
    assert.equal(normalizePhone("020 7946 0958", "GB").e164, "+442079460958");
    assert.equal(normalizePhone("020 7946 0958", "US").e164, null);
  });

  void test("unknown region gives no E.164", () => {
    assert.equal(normalizePhone("650 253 0000", "ZZ" as never).e164, null);
  });
});

void describe("normalizeEmail", () => {
  void test("trims and lowercases", () => {
    assert.equal(
      normalizeEmail("  John.Doe@Example.COM \n"),
      "john.doe@example.com",
    );
  });

  void test("lowercases beyond ASCII", () => {
    assert.equal(normalizeEmail("ÉLODIE@EXAMPLE.FR"), "élodie@example.fr");
  });

  void test("NFD and NFC forms are equal", () => {
    const nfc = "Jos\u00e9@example.com";
    const nfd = "Jose\u0301@example.com";
    assert.notEqual(nfc, nfd);
    assert.equal(normalizeEmail(nfd), normalizeEmail(nfc));
    assert.equal(normalizeEmail(nfd), "jos\u00e9@example.com");
  });

  const plausible: Array<[string, boolean]> = [
    ["johndoe@test.com", true],
    ["first.last+tag@sub.example.org", true],
    ["johndoe@test", false],
    ["johndoe.test.com", false],
    ["john@doe@test.com", false],
    ["john doe@test.com", false],
    ["@test.com", false],
    ["john@.com", false],
    ["john@test.", false],
    ["john@test..com", false],
    [`${"a".repeat(65)}@test.com`, false],
    [`a@${"b".repeat(250)}.com`, false],
  ];
  for (const [email, expected] of plausible) {
    void test(`shape check of ${JSON.stringify(email.slice(0, 30))}`, () => {
      assert.equal(isPlausibleEmail(email), expected);
    });
  }
});

void describe("normalizeState", () => {
  const cases: Array<[string, string]> = [
    ["PA", "PA"],
    ["pa", "PA"],
    [" ky ", "KY"],
    ["West Virginia", "WV"],
    ["west virginia", "WV"],
    ["WEST  VIRGINIA", "WV"],
    ["District of Columbia", "DC"],
    ["Washington, D.C.", "DC"],
    ["D.C.", "DC"],
    ["Washington", "WA"],
    ["Puerto Rico", "PR"],
    ["U.S. Virgin Islands", "VI"],
    ["Guam", "GU"],
    ["American Samoa", "AS"],
    ["Northern Mariana Islands", "MP"],
    ["Compact", "Compact"],
    ["COMPACT", "Compact"],
    ["Ontario", "Ontario"],
    ["  Somewhere Else ", "Somewhere Else"],
    ["constructor", "constructor"],
    ["", ""],
  ];
  for (const [text, expected] of cases) {
    void test(`maps ${JSON.stringify(text)}`, () => {
      assert.equal(normalizeState(text), expected);
    });
  }
});

void describe("normalizeStateList", () => {
  const cases: Array<[string | string[], string[]]> = [
    [
      ["PA", "FL", "NY", "VA", "Compact"],
      ["PA", "FL", "NY", "VA", "Compact"],
    ],
    ["PA, FL,NY ,VA", ["PA", "FL", "NY", "VA"]],
    ["West Virginia", ["WV"]],
    ["West Virginia, WV, wv, Ohio", ["WV", "OH"]],
    ["Washington, D.C., Maryland", ["DC", "MD"]],
    ["Washington, Oregon", ["WA", "OR"]],
    [["Washington, DC"], ["DC"]],
    [["", " ", "TX", ""], ["TX"]],
    ["", []],
    [" , ,", []],
    [[], []],
    [["compact", "Compact", "COMPACT"], ["Compact"]],
    [
      ["Ontario", "ontario", "ON"],
      ["Ontario", "ON"],
    ],
  ];
  for (const [value, expected] of cases) {
    void test(`normalizes ${JSON.stringify(value)}`, () => {
      assert.deepEqual(normalizeStateList(value), expected);
    });
  }
});

void describe("normalizeSpecialtyList", () => {
  const cases: Array<[string | string[], string[]]> = [
    [
      ["Periodontics", "Neonatal", "Child and Adolescent Psychiatry"],
      ["Periodontics", "Neonatal", "Child and Adolescent Psychiatry"],
    ],
    ["Perinatology", ["Perinatology"]],
    ["Admin/Mgmt, Antepartum", ["Admin/Mgmt", "Antepartum"]],
    [" Urology ,, Neonatal , ", ["Urology", "Neonatal"]],
    ["Urology, urology, Neonatal", ["Urology", "Neonatal"]],
    [
      "Urology, Wound, Burn & Ostomy, Neonatal",
      ["Urology", "Wound, Burn & Ostomy", "Neonatal"],
    ],
    ["wound,burn & ostomy", ["wound, burn & ostomy"]],
    [["Wound, Burn & Ostomy"], ["Wound, Burn & Ostomy"]],
    ["", []],
    [[], []],
  ];
  for (const [value, expected] of cases) {
    void test(`normalizes ${JSON.stringify(value)}`, () => {
      assert.deepEqual(normalizeSpecialtyList(value), expected);
    });
  }

  void test("splitting a huge comma list is fast", () => {
    const text = ",".repeat(200_000) + "Urology";
    const started = performance.now();
    assert.deepEqual(splitCommaList(text), ["Urology"]);
    // A look-ahead over all pieces would be quadratic and take minutes here.
    assert.ok(performance.now() - started < 5000);
  });
});
