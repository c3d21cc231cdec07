import type { BrowserContext, Page } from '@playwright/test';

export function dealsideWorld(context: BrowserContext, page: Page): Promise<(expression: string) => Promise<unknown>>;
export function dealsideRanIn(context: BrowserContext, page: Page): Promise<boolean>;
