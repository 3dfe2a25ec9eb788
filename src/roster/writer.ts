import type { Person, Unit } from "./units-schema.ts";
import type { Portal } from "../workflows/portal.ts";

/**
 * Who is writing, from what the machine knows of them: a GitHub login given
 * on the command line, or git's user.email (the address written in
 * units.yaml, or GitHub's noreply address, which carries the login), or
 * git's user.name when it is the person's name in the roster.
 */
export interface WriterClues {
  login?: string | undefined;
  email?: string | undefined;
  name?: string | undefined;
}

export interface Writer {
  person: Person;
  unit: Unit;
  /** Which clue named them, for the message. */
  by: "login" | "email" | "name";
}

/** GitHub's commit address: `12345+login@users.noreply.github.com` or `login@users.noreply.github.com`. */
const NOREPLY = /^(?:\d+\+)?([A-Za-z0-9-]+)@users\.noreply\.github\.com$/i;

export function identifyWriter(portal: Portal, clues: WriterClues): Writer | undefined {
  if (clues.login) {
    const found = portal.personByLogin.get(clues.login.replace(/^@/, "").toLowerCase());
    return found && { ...found, by: "login" };
  }
  const email = clues.email?.trim().toLowerCase();
  if (email) {
    for (const unit of portal.units) {
      const person = unit.people.find((p) => p.email?.toLowerCase() === email);
      if (person) return { person, unit, by: "email" };
    }
    const login = NOREPLY.exec(email)?.[1];
    const found = login ? portal.personByLogin.get(login.toLowerCase()) : undefined;
    if (found) return { ...found, by: "email" };
  }
  const name = clues.name?.trim();
  if (name) {
    const matches = portal.units.flatMap((unit) => unit.people.filter((p) => p.name === name).map((person) => ({ person, unit })));
    // Two people of the same name: the name alone does not say which.
    if (matches.length === 1) return { ...matches[0]!, by: "name" };
  }
  return undefined;
}
