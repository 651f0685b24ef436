import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";

import { LEAD_EVENT_TYPES } from "../shared/lead-events";
import { parseLeadPayload } from "../main/ljo/parse";
import type { ParsedLead } from "../main/ljo/parsed-lead";
import { SAMPLE_PAYLOADS } from "../main/ljo/sample-payloads";

const FIXTURES = path.join(__dirname, "fixtures", "ljo");

function fixture(event: string): Record<string, unknown> {
  const text = readFileSync(path.join(FIXTURES, `${event}.json`), "utf8");
  return JSON.parse(text) as Record<string, unknown>;
}

function parseLead(json: unknown): ParsedLead {
  const outcome = parseLeadPayload(json);
  assert.equal(outcome.kind, "lead", JSON.stringify(outcome));
  if (outcome.kind !== "lead") {
    throw new Error("unreachable");
  }
  return outcome.lead;
}

function quarantineReason(json: unknown): string {
  const outcome = parseLeadPayload(json);
  assert.equal(outcome.kind, "quarantine", JSON.stringify(outcome));
  return outcome.kind === "quarantine" ? outcome.reason : "";
}

/** Builds a job-application payload whose candidate and job fields are overridden. */
function application(
  candidate: Record<string, unknown> = {},
  job: Record<string, unknown> = {},
): Record<string, unknown> {
  const base = fixture("job-application-received");
  const data = base.data as Record<string, unknown>;
  return {
    ...base,
    data: {
      ...data,
      candidate: { ...(data.candidate as object), ...candidate },
      job: { ...(data.job as object), ...job },
    },
  };
}

/** Builds a new-lead payload whose lead fields are overridden. */
function newLead(lead: Record<string, unknown> = {}): Record<string, unknown> {
  const base = fixture("new-lead");
  return { ...base, lead: { ...(base.lead as object), ...lead } };
}

void describe("LJO sample payloads", () => {
  for (const event of LEAD_EVENT_TYPES) {
    void test(`${event} parses to John Doe`, () => {
      const lead = parseLead(fixture(event));
      const { candidate } = lead;
      assert.equal(lead.event, event);
      assert.equal(candidate.ljoCandidateId, "12345");
      assert.equal(candidate.firstName, "John");
      assert.equal(candidate.lastName, "Doe");
      assert.equal(candidate.email, "johndoe@test.com");
      assert.equal(candidate.emailNormalized, "johndoe@test.com");
      assert.equal(candidate.address, "1234 Example Street");
      assert.equal(candidate.address2, "");
      assert.equal(candidate.city, "Louisville");
      assert.equal(candidate.state, "KY");
      assert.equal(candidate.zip, "40210");
      assert.deepEqual(candidate.sentAt, {
        raw: "2015-12-08T15:24:35-05:00",
        utc: "2015-12-08T20:24:35.000Z",
      });
      assert.deepEqual(lead.occurredAt, {
        raw: "2015-12-08T15:24:35-05:00",
        utc: "2015-12-08T20:24:35.000Z",
      });
    });
  }

  void test("sample payloads match the fixtures", () => {
    for (const event of LEAD_EVENT_TYPES) {
      assert.deepEqual(SAMPLE_PAYLOADS[event], fixture(event), event);
    }
  });

  void test("job application fields", () => {
    const lead = parseLead(fixture("job-application-received"));
    assert.equal(lead.candidate.license, "OD");
    assert.equal(lead.candidate.experience, "63");
    assert.deepEqual(lead.candidate.specialties, [
      "Periodontics",
      "Neonatal",
      "Child and Adolescent Psychiatry",
    ]);
    assert.deepEqual(lead.candidate.licensedStates, [
      "PA",
      "FL",
      "NY",
      "VA",
      "Compact",
    ]);
    assert.deepEqual(lead.candidate.phone, {
      raw: "1234567890",
      e164: "+11234567890",
      extension: null,
    });
    assert.deepEqual(lead.candidate.extra, {});
    assert.deepEqual(lead.jobApplications, []);
    assert.equal(lead.unlockedBy, null);
    assert.deepEqual(lead.warnings, []);
  });

  void test("job of a job application", () => {
    const payload = fixture("job-application-received");
    const job = parseLead(payload).job;
    assert.ok(job);
    assert.equal(job.ljoJobId, "3");
    assert.equal(job.title, "Job Title");
    assert.equal(job.license, "PA");
    assert.equal(job.specialty, "Administration");
    assert.deepEqual(job.specialties, []);
    assert.equal(job.city, "Lancaster");
    assert.equal(job.state, "PA");
    assert.equal(job.zip, "17603");
    assert.equal(job.referenceNumber, "mWtvcVk0");
    assert.deepEqual(job.startDate, { raw: "2025-12-06", utc: "2025-12-06" });
    assert.deepEqual(job.posted, { raw: "2025-12-06", utc: "2025-12-06" });
    const data = payload.data as { job: unknown };
    assert.deepEqual(job.data, data.job);
  });

  void test("direct application job id", () => {
    const lead = parseLead(fixture("direct-application-received"));
    assert.equal(lead.job?.ljoJobId, "7");
    assert.equal(lead.candidate.license, "CRNA");
  });

  void test("real-time lead has no job", () => {
    const lead = parseLead(fixture("real-time-lead-received"));
    assert.equal(lead.job, null);
    assert.deepEqual(lead.warnings, []);
  });

  void test("lead-unlocked reads unlocked_by", () => {
    const lead = parseLead(fixture("lead-unlocked"));
    assert.equal(lead.unlockedBy, "Smith, John");
    assert.equal(lead.job, null);
  });

  void test("new-lead reads lead and job_applications", () => {
    const lead = parseLead(fixture("new-lead"));
    assert.equal(lead.candidate.license, "CAA");
    assert.deepEqual(lead.candidate.specialties, ["Perinatology"]);
    assert.deepEqual(lead.candidate.licensedStates, ["WV"]);
    assert.equal(lead.unlockedBy, "Smith, John");
    assert.deepEqual(lead.jobApplications, [
      {
        ljoJobId: "15247",
        title: "Example Job Title",
        referenceNumber: "EXAMPLE12356",
        isDirectApplication: false,
        createdAt: {
          raw: "1980-04-17T06:49:57+00:00",
          utc: "1980-04-17T06:49:57.000Z",
        },
      },
    ]);
  });

  void test("new-lead keeps its other fields in extra", () => {
    const { extra } = parseLead(fixture("new-lead")).candidate;
    assert.equal(extra.license_state, "South Carolina");
    assert.equal(extra.license_date_issued, "2005-04-04");
    assert.equal(extra.license_date_expires, "1955-12-18");
    assert.equal(extra.contact_time, "Afternoon");
    assert.equal(extra.unlocked_by, "Smith, John");
    assert.equal(extra.license_investigation_details, "");
    assert.deepEqual(extra.employment_history, [
      {
        company: "Example Company",
        state: "PA",
        phone: "1234567890",
        start_date: "2021-01-01",
        end_date: null,
      },
    ]);
    assert.ok(Array.isArray(extra.job_applications));
    assert.equal(extra.first_name, undefined);
  });

  void test("new-lead sample phone +1234567890", () => {
    // "+1" and nine digits is too short for the North American plan, so the
    // sample keeps its raw phone without an E.164 form and gets a warning.
    const lead = parseLead(fixture("new-lead"));
    assert.deepEqual(lead.candidate.phone, {
      raw: "+1234567890",
      e164: null,
      extension: null,
    });
    assert.deepEqual(lead.warnings, [
      'lead.phone "+1234567890" is not a possible phone number for region US. It is kept as sent but cannot be used to find duplicates.',
    ]);
  });

  void test("parsing does not change the input", () => {
    for (const event of LEAD_EVENT_TYPES) {
      const payload = fixture(event);
      parseLeadPayload(payload);
      assert.deepEqual(payload, fixture(event), event);
    }
  });

  void test("output is deterministic", () => {
    for (const event of LEAD_EVENT_TYPES) {
      const first = JSON.stringify(parseLeadPayload(fixture(event)));
      const second = JSON.stringify(parseLeadPayload(fixture(event)));
      assert.equal(first, second, event);
    }
  });
});

void describe("quarantine", () => {
  const expected =
    "Expected one of job-application-received, direct-application-received, real-time-lead-received, lead-unlocked, new-lead.";

  void test("unknown event names the value", () => {
    const outcome = parseLeadPayload({ event: "lead-updated", data: {} });
    assert.deepEqual(outcome, {
      kind: "quarantine",
      event: "lead-updated",
      reason: `Unknown event "lead-updated". ${expected}`,
    });
  });

  void test("missing event", () => {
    const outcome = parseLeadPayload({ data: {} });
    assert.deepEqual(outcome, {
      kind: "quarantine",
      event: null,
      reason: `The payload has no "event" field. ${expected}`,
    });
  });

  void test("event that is not a string", () => {
    const outcome = parseLeadPayload({ event: 42 });
    assert.equal(outcome.kind, "quarantine");
    assert.equal(outcome.kind === "quarantine" && outcome.event, null);
    assert.equal(
      quarantineReason({ event: 42 }),
      `The "event" field is the number 42, not an event name. ${expected}`,
    );
  });

  void test("huge event name is cut", () => {
    const outcome = parseLeadPayload({ event: "x".repeat(100_000) });
    assert.equal(outcome.kind, "quarantine");
    if (outcome.kind === "quarantine") {
      assert.equal(outcome.event?.length, 200);
      assert.ok(outcome.reason.length < 300);
    }
  });

  const notObjects: Array<[unknown, string]> = [
    [null, "null"],
    ["hello", 'the text "hello"'],
    [12, "the number 12"],
    [true, "the value true"],
    [[fixture("new-lead")], "a list of 1 item"],
  ];
  for (const [json, described] of notObjects) {
    void test(`payload that is ${described}`, () => {
      assert.equal(
        quarantineReason(json),
        `The payload is ${described}, not a JSON object, so it is not an LJO lead event.`,
      );
    });
  }

  void test("data event without data", () => {
    assert.equal(
      quarantineReason({ event: "real-time-lead-received" }),
      'The real-time-lead-received event has no "data" object, so there is no candidate to add.',
    );
  });

  void test("data event without candidate", () => {
    assert.equal(
      quarantineReason({ event: "lead-unlocked", data: { candidate: "x" } }),
      'The lead-unlocked event has the text "x" in data.candidate instead of a candidate, so there is no one to add.',
    );
  });

  void test("new-lead without lead", () => {
    const payload = { event: "new-lead", data: fixture("new-lead").lead };
    assert.equal(
      quarantineReason(payload),
      'The new-lead event has nothing in "lead" instead of a candidate, so there is no one to add.',
    );
  });

  void test("candidate without id, email or phone", () => {
    const payload = application({ id: null, email: " ", phone: "" });
    assert.equal(
      quarantineReason(payload),
      "The job-application-received event's candidate (data.candidate) has no id, email or phone, so it cannot be matched to a person or contacted.",
    );
  });

  const usable: Array<[string, Record<string, unknown>]> = [
    ["id only", { email: undefined, phone: undefined }],
    ["email only", { id: undefined, phone: undefined }],
    ["phone only", { id: undefined, email: undefined }],
    ["unparseable phone only", { id: null, email: "", phone: "call me" }],
  ];
  for (const [name, candidate] of usable) {
    void test(`candidate with ${name} is a lead`, () => {
      assert.equal(parseLeadPayload(application(candidate)).kind, "lead");
    });
  }
});

void describe("payload variants", () => {
  void test("real-time lead with a date-only created_at", () => {
    const payload = fixture("real-time-lead-received");
    const data = { ...(payload.data as object), created_at: "2025-09-04" };
    const lead = parseLead({ ...payload, data });
    assert.deepEqual(lead.occurredAt, { raw: "2025-09-04", utc: "2025-09-04" });
  });

  void test("unparseable created_at is a warning", () => {
    const payload = fixture("job-application-received");
    const data = { ...(payload.data as object), created_at: "2015-02-30" };
    const lead = parseLead({ ...payload, data });
    assert.deepEqual(lead.occurredAt, { raw: "2015-02-30", utc: null });
    assert.deepEqual(lead.warnings, [
      'data.created_at has the date "2015-02-30", which is not a valid YYYY-MM-DD or an ISO 8601 timestamp with an offset. It is kept as sent without a normalized date.',
    ]);
  });

  const listCases: Array<[string, unknown, string[]]> = [
    ["array", ["Urology", "Neonatal"], ["Urology", "Neonatal"]],
    ["comma string", "Urology, Neonatal", ["Urology", "Neonatal"]],
    ["empty array", [], []],
    ["empty string", "", []],
    ["null", null, []],
    [
      "array with blanks and repeats",
      [" Urology ", "", "Urology"],
      ["Urology"],
    ],
  ];
  for (const [name, value, expected] of listCases) {
    void test(`candidate specialties as ${name}`, () => {
      const lead = parseLead(application({ specialties: value }));
      assert.deepEqual(lead.candidate.specialties, expected);
      assert.deepEqual(lead.warnings, []);
    });
    void test(`job specialties as ${name}`, () => {
      const lead = parseLead(application({}, { specialties: value }));
      assert.deepEqual(lead.job?.specialties, expected);
      assert.deepEqual(lead.warnings, []);
    });
  }

  const stateCases: Array<[unknown, string[]]> = [
    ["PA, FL, Compact", ["PA", "FL", "Compact"]],
    ["West Virginia", ["WV"]],
    [
      ["west virginia", "District of Columbia", "Puerto Rico"],
      ["WV", "DC", "PR"],
    ],
    ["", []],
    [[], []],
    [["Atlantis "], ["Atlantis"]],
  ];
  for (const [value, expected] of stateCases) {
    void test(`licensed_states ${JSON.stringify(value)}`, () => {
      const lead = parseLead(application({ licensed_states: value }));
      assert.deepEqual(lead.candidate.licensedStates, expected);
    });
  }

  void test("job startDate spelled either way", () => {
    const camel = parseLead(
      application({}, { startdate: undefined, startDate: "2025-08-21" }),
    );
    assert.deepEqual(camel.job?.startDate, {
      raw: "2025-08-21",
      utc: "2025-08-21",
    });
    const lower = parseLead(application({}, { startdate: "2025-08-22" }));
    assert.deepEqual(lower.job?.startDate, {
      raw: "2025-08-22",
      utc: "2025-08-22",
    });
    const none = parseLead(application({}, { startdate: null }));
    assert.equal(none.job?.startDate, null);
  });

  void test("job nullable and optional fields", () => {
    const lead = parseLead(
      application(
        {},
        {
          city: null,
          zip: null,
          shiftsPerWeek: null,
          hoursPerShift: null,
          payFrequency: null,
          requirements: null,
          payAmountMin: "",
          payAmountMax: "",
          payRate: undefined,
          positionType: undefined,
          duration: undefined,
          isPromoted: undefined,
          description: "<p>Nights &amp; <b>weekends</b></p>",
        },
      ),
    );
    assert.ok(lead.job);
    assert.equal(lead.job.city, null);
    assert.equal(lead.job.zip, null);
    assert.equal(
      lead.job.data.description,
      "<p>Nights &amp; <b>weekends</b></p>",
    );
    assert.equal(lead.job.data.payAmountMin, "");
    assert.equal(lead.job.data.requirements, null);
    assert.deepEqual(lead.warnings, []);
  });

  void test("job id as a numeric string", () => {
    const lead = parseLead(application({}, { id: "0042" }));
    assert.equal(lead.job?.ljoJobId, "42");
  });

  void test("application without a job", () => {
    const payload = fixture("direct-application-received");
    const data = { ...(payload.data as object), job: undefined };
    const lead = parseLead({ ...payload, data });
    assert.equal(lead.job, null);
    assert.deepEqual(lead.warnings, [
      "data.job is nothing instead of a job object, so this lead is stored without its job.",
    ]);
  });

  const idCases: Array<[unknown, string | null]> = [
    [12345, "12345"],
    ["12345", "12345"],
    [" 12345 ", "12345"],
    ["012345", "12345"],
    [0, "0"],
  ];
  for (const [id, expected] of idCases) {
    void test(`candidate id ${JSON.stringify(id)}`, () => {
      const lead = parseLead(application({ id }));
      assert.equal(lead.candidate.ljoCandidateId, expected);
      assert.deepEqual(lead.warnings, []);
    });
  }

  const badIds: unknown[] = [12.5, -3, "abc", true, {}];
  for (const id of badIds) {
    void test(`candidate id ${JSON.stringify(id)} is ignored`, () => {
      const lead = parseLead(application({ id }));
      assert.equal(lead.candidate.ljoCandidateId, null);
      assert.equal(lead.warnings.length, 1);
      assert.match(
        lead.warnings[0] ?? "",
        /^data\.candidate\.id is .*an integer id/,
      );
    });
  }

  void test("missing candidate id is null", () => {
    const lead = parseLead(application({ id: undefined }));
    assert.equal(lead.candidate.ljoCandidateId, null);
    assert.deepEqual(lead.warnings, []);
  });

  void test("phone with an extension", () => {
    const lead = parseLead(application({ phone: "(650) 253-0000 x12" }));
    assert.deepEqual(lead.candidate.phone, {
      raw: "(650) 253-0000 x12",
      e164: "+16502530000",
      extension: "12",
    });
  });

  void test("phone in another default region", () => {
    const outcome = parseLeadPayload(application({ phone: "020 7946 0958" }), {
      defaultRegion: "GB",
    });
    assert.equal(outcome.kind, "lead");
    if (outcome.kind === "lead") {
      assert.equal(outcome.lead.candidate.phone?.e164, "+442079460958");
    }
  });

  void test("email is trimmed and normalized", () => {
    const lead = parseLead(application({ email: "  John.DOE@Test.com " }));
    assert.equal(lead.candidate.email, "John.DOE@Test.com");
    assert.equal(lead.candidate.emailNormalized, "john.doe@test.com");
    assert.deepEqual(lead.warnings, []);
  });

  void test("invalid email is kept with a warning", () => {
    const lead = parseLead(application({ email: "johndoe at test" }));
    assert.equal(lead.candidate.email, "johndoe at test");
    assert.equal(lead.candidate.emailNormalized, "johndoe at test");
    assert.deepEqual(lead.warnings, [
      'data.candidate.email "johndoe at test" does not look like an email address. It is kept as sent, so check it before exporting.',
    ]);
  });

  void test("numeric experience is stringified", () => {
    const lead = parseLead(application({ experience: 12 }));
    assert.equal(lead.candidate.experience, "12");
    assert.deepEqual(lead.warnings, []);
  });

  void test("address2 null and text", () => {
    assert.equal(
      parseLead(application({ address2: null })).candidate.address2,
      "",
    );
    assert.equal(
      parseLead(application({ address2: "Suite 5" })).candidate.address2,
      "Suite 5",
    );
  });

  void test("full state name in candidate state", () => {
    const lead = parseLead(application({ state: "kentucky" }));
    assert.equal(lead.candidate.state, "KY");
  });

  void test("city as a number is a warning", () => {
    const lead = parseLead(application({ city: 42 }));
    assert.equal(lead.candidate.city, "42");
    assert.deepEqual(lead.warnings, [
      'data.candidate.city is the number 42, but LJO sends a string there. It is read as the text "42".',
    ]);
  });

  void test("specialties as an object is a warning", () => {
    const lead = parseLead(application({ specialties: { a: "Urology" } }));
    assert.deepEqual(lead.candidate.specialties, []);
    assert.equal(lead.warnings.length, 1);
    assert.match(
      lead.warnings[0] ?? "",
      /^data\.candidate\.specialties is an object/,
    );
  });

  void test("specialties with non-text items keeps the text", () => {
    const lead = parseLead(
      application({ specialties: ["Urology", 7, null, ["x"]] }),
    );
    assert.deepEqual(lead.candidate.specialties, ["Urology", "7"]);
    assert.equal(lead.warnings.length, 1);
  });

  void test("unknown candidate fields go to extra", () => {
    const lead = parseLead(
      application({
        is_premium: true,
        nested: { deep: [1, 2] },
      }),
    );
    assert.deepEqual(Object.keys(lead.candidate.extra), [
      "is_premium",
      "nested",
    ]);
    assert.equal(lead.candidate.extra.is_premium, true);
    assert.deepEqual(lead.candidate.extra.nested, { deep: [1, 2] });
  });

  void test("__proto__ field stays an ordinary field", () => {
    const json: unknown = JSON.parse(
      '{"event":"lead-unlocked","data":{"candidate":{"id":1,"__proto__":{"polluted":true}}}}',
    );
    const lead = parseLead(json);
    assert.deepEqual(Object.keys(lead.candidate.extra), ["__proto__"]);
    assert.equal(Object.getPrototypeOf(lead.candidate.extra), Object.prototype);
    assert.equal(
      (lead.candidate.extra as { polluted?: unknown }).polluted,
      undefined,
    );
  });

  void test("unknown job fields stay in data", () => {
    const lead = parseLead(application({}, { isPromoted: true, bonus: "$5k" }));
    assert.equal(lead.job?.data.isPromoted, true);
    assert.equal(lead.job?.data.bonus, "$5k");
  });

  void test("new-lead job_applications as strings", () => {
    const lead = parseLead(
      newLead({ job_applications: ["15247", "EXAMPLE1", ""] }),
    );
    assert.deepEqual(lead.jobApplications, [
      {
        ljoJobId: "15247",
        title: "",
        referenceNumber: "",
        isDirectApplication: null,
        createdAt: null,
      },
      {
        ljoJobId: null,
        title: "",
        referenceNumber: "EXAMPLE1",
        isDirectApplication: null,
        createdAt: null,
      },
    ]);
  });

  void test("new-lead empty job_applications", () => {
    assert.deepEqual(
      parseLead(newLead({ job_applications: [] })).jobApplications,
      [],
    );
  });

  const licenseDates: Array<[string, unknown, unknown]> = [
    ["US date", "04/04/2005", "2005-04-04"],
    ["ISO date", "2005-04-04", "2005-04-04"],
    ["empty", "", ""],
    ["null", null, null],
  ];
  for (const [name, value, expected] of licenseDates) {
    void test(`license date as ${name}`, () => {
      const lead = parseLead(newLead({ license_date_issued: value }));
      assert.equal(lead.candidate.extra.license_date_issued, expected);
      assert.equal(lead.warnings.length, 1, "only the sample phone warning");
    });
  }

  void test("unparseable license date is a warning", () => {
    const lead = parseLead(newLead({ license_date_expires: "02/30/2020" }));
    assert.equal(lead.candidate.extra.license_date_expires, "02/30/2020");
    assert.ok(
      lead.warnings.includes(
        'lead.license_date_expires has the date "02/30/2020", which is not a valid YYYY-MM-DD, MM/DD/YYYY or an ISO 8601 timestamp with an offset. It is kept as sent without a normalized date.',
      ),
    );
  });

  void test("new-lead without unlocked_by", () => {
    const lead = parseLead(newLead({ unlocked_by: null }));
    assert.equal(lead.unlockedBy, null);
  });
});

void describe("list limits", () => {
  void test("specialties over the limit are capped", () => {
    const payload = fixture("real-time-lead-received");
    const data = payload.data as { candidate: Record<string, unknown> };
    data.candidate.specialties = Array.from(
      { length: 5000 },
      (_, i) => `S${i}`,
    ).join(",");
    const lead = parseLead(payload);
    assert.equal(lead.candidate.specialties.length, 150);
    assert.equal(lead.candidate.specialties[0], "S0");
    assert.ok(lead.warnings.some((warning) => /5000 items/.test(warning)));
  });
});
