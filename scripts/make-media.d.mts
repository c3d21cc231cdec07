export const MEDIA_DIR: string;
export function makeWav(options: { seconds: number; rate?: number; freq?: number }): Buffer;
export function makeMedia(): string[];
