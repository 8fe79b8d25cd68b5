/** Named coefficients of the logistics model (docs/model.md, "Ports of entry", is tested against them). */

/** Staging in a third country without an agreement needs at least this much trust with it. */
export const STAGING = { trustWithoutAgreement: 0.5 } as const;
