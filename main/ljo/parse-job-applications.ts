import {
  dateField,
  flagField,
  formatId,
  idField,
  readFields,
  textField,
  toText,
} from "./field-reader";
import { splitCommaList } from "./list-values";
import { readDate } from "./parse-date";
import type { ParsedJobApplication } from "./parsed-lead";
import { describeValue, isRecord } from "./value-preview";

const APPLICATION_FIELDS = {
  job_id: idField(),
  title: textField(),
  reference: textField(),
  is_direct_app: flagField(),
  created_at: dateField(),
};

/**
 * Reads the new-lead event's job_applications. LJO documents an array of
 * strings, but its sample sends objects {job_id, title, reference,
 * is_direct_app, created_at}, so both are accepted.
 */
export function parseJobApplications(
  value: unknown,
  path: string,
  warnings: string[],
): ParsedJobApplication[] {
  if (value === null || value === undefined) {
    return [];
  }

  let items: unknown[];
  if (Array.isArray(value)) {
    items = value as unknown[];
  } else if (typeof value === "string") {
    items = splitCommaList(value);
  } else {
    warnings.push(
      `${path} is ${describeValue(value)}, but LJO sends a list there. Its job applications are ignored.`,
    );
    return [];
  }

  const applications: ParsedJobApplication[] = [];
  items.forEach((item, index) => {
    const application = parseApplication(item, `${path}[${index}]`, warnings);
    if (application !== null) {
      applications.push(application);
    }
  });
  return applications;
}

function parseApplication(
  item: unknown,
  path: string,
  warnings: string[],
): ParsedJobApplication | null {
  if (typeof item === "string" || typeof item === "number") {
    return fromText(String(item).trim());
  }
  if (!isRecord(item)) {
    warnings.push(
      `${path} is ${describeValue(item)}, but LJO sends a job reference or an object there. It is ignored.`,
    );
    return null;
  }

  const fields = readFields(APPLICATION_FIELDS, item, path, warnings);
  return {
    ljoJobId: formatId(fields.job_id),
    title: toText(fields.title),
    referenceNumber: toText(fields.reference),
    isDirectApplication: fields.is_direct_app ?? null,
    createdAt: readDate(fields.created_at, `${path}.created_at`, warnings),
  };
}

/**
 * NOTE: LJO does not say what a string entry holds. Digits are read as a job
 * id, like the objects' job_id, and other text as a job reference number.
 */
function fromText(text: string): ParsedJobApplication | null {
  if (text === "") {
    return null;
  }
  const isId = /^\d{1,30}$/.test(text);
  return {
    ljoJobId: isId ? formatId(text) : null,
    title: "",
    referenceNumber: isId ? "" : text,
    isDirectApplication: null,
    createdAt: null,
  };
}
