import { z } from "zod";
import { calendarDate } from "../calendar/dates.ts";
import "../findings/zod-locale.ts";

/**
 * `workflows/notices.yaml`: the 通报 each unit received from above, the input
 * of the quarterly points (seed 004: each notice from the city government
 * office costs 2 points in the yearly assessment; one from the State Council's
 * or the province's office, or three from the city's, and the unit is not
 * rated 良好 or better that year).
 */
export const NOTICES_FILE = "workflows/notices.yaml";

export const NOTICE_ISSUERS = ["city", "province", "state-council"] as const;

export const noticesFileSchema = z.strictObject({
  notices: z
    .array(
      z.strictObject({
        date: calendarDate,
        unit: z.string().min(1),
        /** city 市政府办公室, province 省政府办公厅, state-council 国务院办公厅. */
        by: z.enum(NOTICE_ISSUERS, { error: "通报单位只能是 city（市政府办公室）、province（省政府办公厅）或 state-council（国务院办公厅）" }),
        title: z.string().min(1),
      }),
    )
    .default([]),
});

export type Notice = z.infer<typeof noticesFileSchema>["notices"][number];

/** Seed 004's rule: 2 points per city notice; a province or State Council notice, or 3 city ones, caps the year's rating. */
export const POINTS_PER_CITY_NOTICE = 2;
export const CITY_NOTICES_CAPPING = 3;
