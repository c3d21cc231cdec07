export function watchRecordFields(win: Window): void;
export const fieldsWatchScript: string;
