export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const MAX_TIME = 8.64e15; // the largest JavaScript Date
