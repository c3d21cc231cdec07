import type { Frame, Page } from '@playwright/test';

export function findExtensionFrame(page: Page, file: string, timeoutMs?: number): Promise<Frame>;
export function withoutToken(url: string): string;
