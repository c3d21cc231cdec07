import type { BrowserContext } from '@playwright/test';

export const ROOT: string;
export const EXTENSION_DIR: string;
export const CHROMIUM: string;
export function launchChromium(options: { extension: true; extraArgs?: string[]; profileDir?: string; extensionDir?: string; backForwardCache?: boolean }): Promise<{
  context: BrowserContext;
  extensionId: string;
  close(): Promise<void>;
}>;
export function launchChromium(options: { extension: boolean; extraArgs?: string[]; profileDir?: string; extensionDir?: string; backForwardCache?: boolean }): Promise<{
  context: BrowserContext;
  extensionId: string | null;
  close(): Promise<void>;
}>;
