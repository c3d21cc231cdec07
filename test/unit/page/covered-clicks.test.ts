import { refusesPointer } from '../../../lib/page/covered-clicks';

describe('a pointer press or click on a Dealside frame', () => {
  const mouse = { isTrusted: true, detail: 1 };
  it('is refused only while the browser says the frame is not shown as drawn', () => {
    expect(refusesPointer(mouse, false)).toBe(true);
    expect(refusesPointer({ ...mouse, detail: 2 }, false)).toBe(true);
    expect(refusesPointer(mouse, true)).toBe(false);
    // before the browser's first answer (or where it gives none, Firefox)
    expect(refusesPointer(mouse, undefined)).toBe(false);
  });
  it('made by the keyboard (detail 0) or by a script is never refused', () => {
    expect(refusesPointer({ isTrusted: true, detail: 0 }, false)).toBe(false);
    expect(refusesPointer({ isTrusted: false, detail: 1 }, false)).toBe(false);
  });
});
