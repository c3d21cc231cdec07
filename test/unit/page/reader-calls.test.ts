import { siteChangedInPage, toggleSidebarInPage } from '../../../lib/page/reader-calls';

// scripting.executeScript sends a function as its source text and runs it alone in the
// page: rebuilt from its source here, it must still reach the reader (no module scope).
const asInjected = (fn: () => void) => new Function(`(${fn.toString()})()`) as () => void;

type Reader = { toggleSidebar: ReturnType<typeof vi.fn>; siteChanged: ReturnType<typeof vi.fn> };
const g = globalThis as { __dealsideReader?: Reader };

afterEach(() => {
  delete g.__dealsideReader;
});

describe('calls the background runs in a CRM tab', () => {
  it('reach the reader registered in the content script world, each its own method, from their source alone', () => {
    g.__dealsideReader = { toggleSidebar: vi.fn(), siteChanged: vi.fn() };
    asInjected(toggleSidebarInPage)();
    expect(g.__dealsideReader.toggleSidebar).toHaveBeenCalledTimes(1);
    expect(g.__dealsideReader.siteChanged).not.toHaveBeenCalled();
    asInjected(siteChangedInPage)();
    expect(g.__dealsideReader.siteChanged).toHaveBeenCalledTimes(1);
    expect(g.__dealsideReader.toggleSidebar).toHaveBeenCalledTimes(1);
  });

  it('do nothing in a tab without a reader (any page the shortcut is pressed on)', () => {
    expect(() => asInjected(toggleSidebarInPage)()).not.toThrow();
    expect(() => asInjected(siteChangedInPage)()).not.toThrow();
  });
});
