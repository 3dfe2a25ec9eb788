import { isMap, isScalar, isSeq, parseDocument } from "yaml";

/**
 * units.yaml with `locked: { date, reason }` added to each named person,
 * every other byte as the office wrote it (comments, order, flow or block
 * style): the text is edited at the positions the `yaml` parser reports,
 * because re-printing the document would re-space every list. Pure.
 */
export function lockInUnitsYaml(text: string, logins: ReadonlySet<string>, date: string, reason: string): { text: string; locked: string[] } {
  const doc = parseDocument(text);
  const locked: string[] = [];
  const edits: { at: number; insert: string }[] = [];
  const entry = `locked: { date: ${date}, reason: ${JSON.stringify(reason)} }`;
  const units = doc.get("units");
  if (!isSeq(units)) return { text, locked };
  for (const unit of units.items) {
    const people = isMap(unit) ? unit.get("people") : undefined;
    if (!isSeq(people)) continue;
    for (const person of people.items) {
      if (!isMap(person) || !person.range || person.has("locked")) continue;
      const login = person.get("login", true);
      const name = isScalar(login) ? String(login.value) : "";
      if (!logins.has(name.toLowerCase())) continue;
      const [start, end] = person.range;
      if (person.flow) {
        // `{ login: x, … }`: before the closing brace.
        const close = text.lastIndexOf("}", end);
        edits.push({ at: text.slice(start, close).trimEnd().length + start, insert: `, ${entry}` });
      } else {
        // A block map: a line of its own after the person's last line, at the keys' indent.
        const keyStart = person.items[0]?.key && isScalar(person.items[0].key) ? person.items[0].key.range![0] : start;
        const indent = keyStart - text.lastIndexOf("\n", keyStart - 1) - 1;
        const lineEnd = text.indexOf("\n", Math.max(start, end - 1));
        const at = lineEnd === -1 ? text.length : lineEnd;
        edits.push({ at, insert: `\n${" ".repeat(indent)}${entry}` });
      }
      locked.push(name);
    }
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.insert + out.slice(e.at);
  return { text: out, locked };
}
