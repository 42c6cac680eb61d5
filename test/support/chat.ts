/** The oracle's chat environment uses a fixed clock: 2026-01-02 03:04:05 local time. */
export const FIXED_NOW = (): Date => new Date(2026, 0, 2, 3, 4, 5);
