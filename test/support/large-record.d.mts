export function withNoiseInRecordPage(html: string): Promise<string>;
