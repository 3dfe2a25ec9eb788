import type { Column } from "./column-tree.ts";
import type { Timeliness } from "./columns-schema.ts";

// Who answers for a column (责任单位). The table names them one of two ways:
// - units of equal standing, `units: [...]`: seed 000's 时政要闻 "市政协办公室、各委室，
//   商洛日报社、商洛新闻网、各界导报驻商洛记者站"; every one of them answers for the column;
// - one lead and its supporters, `lead:` + `support: [...]`: seed 000's 委员风采
//   "委工委牵头、各委室配合", seed 004 一（四） "由责任单位负责牵头、相关单位配合".
//   The lead answers for the column's timeliness; supporters may deliver to it.
// A single unit is written `units: [x]` (the same as `lead: x` with no supporters).

/** How a unit stands in a column: 牵头, 并列 (units of equal standing) or 配合. */
export type Standing = "lead" | "equal" | "support";

export const STANDING_NAMES: Record<Standing, string> = { lead: "牵头", equal: "并列", support: "配合" };

/** Whether items of this unit may be delivered to the column: the lead, a unit of equal standing or a supporter. */
export function mayDeliver(column: Column, unit: string): boolean {
  return column.units.includes(unit);
}

export function standingOf(column: Column, unit: string): Standing | undefined {
  if (unit === column.lead) return "lead";
  if (column.support.includes(unit)) return "support";
  return column.units.includes(unit) ? "equal" : undefined;
}

/**
 * The units the `stale` job holds to the column's timeliness and
 * staleness: the lead when the table names one, else every unit of equal
 * standing. Supporters are not among them.
 */
export function accountableUnits(column: Column): string[] {
  return column.lead ? [column.lead] : column.units.filter((u) => !column.support.includes(u));
}

/** One update requirement and the units it binds. */
export interface TimelinessDuty {
  units: string[];
  timeliness: Timeliness;
  /** Whose duty: the accountable units' (the lead or the units of equal standing), or the supporters' own. */
  of: "accountable" | "support";
}

/**
 * Every update requirement of the column and whom it binds: the column's
 * timeliness binds the accountable units; `support_timeliness` (seed 004's
 * leaders' photos "于新闻发生后的6小时内提供") binds the supporters.
 */
export function timelinessDuties(column: Column): TimelinessDuty[] {
  const duties: TimelinessDuty[] = [];
  const accountable = accountableUnits(column);
  if (column.timeliness && accountable.length) duties.push({ units: accountable, timeliness: column.timeliness, of: "accountable" });
  if (column.supportTimeliness && column.support.length) duties.push({ units: column.support, timeliness: column.supportTimeliness, of: "support" });
  return duties;
}

/** The requirement an item of `unit` is held to: the supporters' own when the unit supports and the column has one, else the column's. */
export function dutyFor(column: Column, unit: string): TimelinessDuty | undefined {
  const duties = timelinessDuties(column);
  return duties.find((d) => d.units.includes(unit)) ?? duties.find((d) => d.of === "accountable");
}

/**
 * The responsible units as a clerk reads them: 市政协委员工作委员会（牵头）、
 * 市政协各专门委员会（配合）; units of equal standing are listed plainly.
 */
export function describeResponsibility(column: Column, nameOf: (unit: string) => string): string {
  return column.units
    .map((u) => {
      const standing = standingOf(column, u);
      return standing && standing !== "equal" ? `${nameOf(u)}（${STANDING_NAMES[standing]}）` : nameOf(u);
    })
    .join("、");
}
