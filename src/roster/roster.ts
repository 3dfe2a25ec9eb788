import type { Portal } from "../workflows/portal.ts";
import type { Person, Role, Unit } from "./units-schema.ts";

/** A locked account (seed 000: unused for a month) signs nothing and owns nothing. */
export function isActive(person: Person): boolean {
  return !person.locked;
}

/**
 * The unlocked people who hold `role`, each with the unit they belong to, in
 * the roster's order. `units` narrows the search to those units' own people.
 */
export function peopleWithRole(units: readonly Unit[], role: Role, only?: readonly string[]): { person: Person; unit: Unit }[] {
  return units.filter((u) => !only || only.includes(u.id)).flatMap((unit) => unit.people.filter((p) => p.roles.includes(role) && isActive(p)).map((person) => ({ person, unit })));
}

/** The logins of {@link peopleWithRole}. */
export function loginsWithRole(units: readonly Unit[], role: Role, only?: readonly string[]): string[] {
  return peopleWithRole(units, role, only).map(({ person }) => person.login);
}

/** A unit's owners: its GitHub team when the site names an organisation, else its unlocked reviewers. */
export function unitOwners(unit: Unit, portal: Portal): string[] {
  if (unit.team && portal.site.github) return [`@${portal.site.github.org}/${unit.team}`];
  return loginsWithRole([unit], "reviewer").map((login) => `@${login}`);
}

/** The roster part of a Portal: its units and the lookups by id and by login. */
export function rosterOf(units: Unit[]): Pick<Portal, "units" | "unitById" | "personByLogin"> {
  return {
    units,
    unitById: new Map(units.map((u) => [u.id, u])),
    // GitHub logins are case-insensitive: keyed in lower case, looked up in lower case.
    personByLogin: new Map(units.flatMap((unit) => unit.people.map((person) => [person.login.toLowerCase(), { person, unit }] as const))),
  };
}
