import { FORM_FIELDS, type FormField } from "./issue-form.ts";

/**
 * An issue made by the 投稿 form, read back: GitHub writes each answer under
 * its label as a `### 标题` heading, `_No response_` for an empty one, and a
 * file dropped into a field as a Markdown image or link (or an `<img>` tag)
 * to its own attachment store. Only text is read here; nothing in it is run.
 */
export interface Submission {
  /** The answers by field, trimmed; empty answers left out. */
  answers: Partial<Record<FormField, string>>;
}

const BY_LABEL = new Map<string, FormField>(Object.entries(FORM_FIELDS).map(([id, label]) => [label, id as FormField]));

export function readSubmission(issueBody: string): Submission {
  const text = issueBody.replace(/\r\n?/g, "\n");
  const answers: Partial<Record<FormField, string>> = {};
  const headings = [...text.matchAll(/^### (.+)$/gm)];
  headings.forEach((h, i) => {
    const field = BY_LABEL.get(h[1]!.trim());
    if (!field || answers[field] !== undefined) return;
    const end = i + 1 < headings.length ? headings[i + 1]!.index : text.length;
    const value = text.slice(h.index + h[0].length, end).trim();
    if (value && value !== "_No response_") answers[field] = value;
  });
  return { answers };
}

/** A file the clerk dropped into the form: where GitHub keeps it, and what they called it. */
export interface Upload {
  url: string;
  /** The alt text or link text: a camera name (IMG_2034), a file name (通知.pdf), or words. */
  label: string;
  image: boolean;
  /** Where in the answer it stood, to put the local file in its place. */
  start: number;
  end: number;
}

/** Images and links in one answer: `![alt](url)`, `<img alt="…" src="…">`, `[name.pdf](url)`. */
export function uploadsIn(answer: string): Upload[] {
  const out: Upload[] = [];
  for (const m of answer.matchAll(/!\[([^\]]*)\]\((\S+?)\)|<img\b[^>]*>|(?<!!)\[([^\]]+)\]\((\S+?)\)/g)) {
    const [whole] = m;
    if (whole.startsWith("<img")) {
      const src = /\bsrc="([^"]+)"/.exec(whole)?.[1];
      if (src) out.push({ url: src, label: /\balt="([^"]*)"/.exec(whole)?.[1] ?? "", image: true, start: m.index, end: m.index + whole.length });
    } else if (m[2]) out.push({ url: m[2], label: m[1] ?? "", image: true, start: m.index, end: m.index + whole.length });
    else out.push({ url: m[4]!, label: m[3]!, image: false, start: m.index, end: m.index + whole.length });
  }
  return out;
}

/**
 * Where GitHub keeps what is dropped into an issue: its own attachment
 * store, on github.com (or the Enterprise Server's own host) and its
 * githubusercontent hosts. Anything else is a link the clerk typed, which the
 * job never fetches (no request to an address an issue names).
 */
export function isGitHubUpload(url: string, uploadHosts: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!["https:", "http:"].includes(parsed.protocol)) return false;
  if (!uploadHosts.includes(parsed.host)) return false;
  return /githubusercontent\.com$/.test(parsed.hostname) || /^\/(user-attachments\/(assets|files)\/|[^/]+\/[^/]+\/(assets|files)\/)/.test(parsed.pathname);
}
