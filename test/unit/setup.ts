import 'fake-indexeddb/auto';

// Dates are shown in the user's region (lib/dates.ts `displayLocale`, from `navigator.language`).
// Node 21+ has a navigator whose language follows the machine's locale; the tests expect what a
// browser in en-US shows, whatever machine runs them (Node 20 has none: en-US already).
if (typeof globalThis.navigator !== 'undefined' && globalThis.navigator.language !== 'en-US') {
  Object.defineProperty(globalThis, 'navigator', { value: { language: 'en-US', languages: ['en-US'] }, configurable: true, writable: true });
}
