// Types of browser.mjs (plain JavaScript so scripts/test-all.mjs can load it without a TypeScript step).
export interface FoundBrowser {
  readonly path: string;
  /** Playwright's own download rather than the system's browser. */
  readonly own?: true;
}
export declare function systemBrowsers(platform: string, env: Record<string, string | undefined>): string[];
export declare function findBrowser(opts?: {
  platform?: string;
  env?: Record<string, string | undefined>;
  exists?: (path: string) => boolean;
  playwrightOwn?: string;
}): FoundBrowser | undefined;
export declare const NO_BROWSER: string;
export declare const CHROMIUM_ARGS: string[];
