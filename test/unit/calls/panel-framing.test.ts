import { describe, expect, it } from 'vitest';
import { PANEL_REFUSED, panelFramingProblem } from '../../../lib/calls/panel-framing';
import { framingProblem, SIDEBAR_REFUSED } from '../../../lib/page/sidebar-framing';

const CALL = 'https://app.gong.io/call?id=7782342274025937895';
const refused = /only beside the recording it belongs to/;

describe('panelFramingProblem (is the call-review frame where Dealside put it?)', () => {
  it('framed directly by the top page of the call’s site: shown', () => {
    expect(panelFramingProblem({ parentIsTop: true, ancestorOrigins: ['https://app.gong.io'] }, CALL)).toBeNull();
    // the tab's call not known yet: nothing to show, nothing to refuse
    expect(panelFramingProblem({ parentIsTop: true, ancestorOrigins: ['https://app.gong.io'] }, undefined)).toBeNull();
  });

  it('framed by a widget inside the recording page: refused, whatever the call', () => {
    expect(panelFramingProblem({ parentIsTop: false, ancestorOrigins: ['https://widget.example', 'https://app.gong.io'] }, CALL)).toMatch(refused);
    expect(panelFramingProblem({ parentIsTop: false, ancestorOrigins: ['https://app.gong.io', 'https://app.gong.io'] }, CALL)).toMatch(refused);
    expect(panelFramingProblem({ parentIsTop: false, ancestorOrigins: undefined }, undefined)).toMatch(refused);
  });

  it('framed by the next site opened in the same tab (the tab still holds the call): refused', () => {
    expect(panelFramingProblem({ parentIsTop: true, ancestorOrigins: ['https://evil.example'] }, CALL)).toMatch(refused);
    expect(panelFramingProblem({ parentIsTop: true, ancestorOrigins: ['https://app.gong.io'] }, 'not a url')).toMatch(refused);
  });

  it('where the browser does not tell ancestors (Firefox), the parent check stands alone (the background checks the frame token)', () => {
    expect(panelFramingProblem({ parentIsTop: true, ancestorOrigins: undefined }, CALL)).toBeNull();
    expect(panelFramingProblem({ parentIsTop: true, ancestorOrigins: undefined }, undefined)).toBeNull();
  });

  it('a parent that hid its origin (referrerpolicy="no-referrer") is not Dealside, whose frames state theirs: refused, before asking', () => {
    expect(panelFramingProblem({ parentIsTop: true, ancestorOrigins: ['null'] }, CALL)).toMatch(refused);
    expect(panelFramingProblem({ parentIsTop: true, ancestorOrigins: ['null'] }, undefined)).toMatch(refused);
  });

  it('says so in the panel’s words; the sidebar keeps its own', () => {
    expect(panelFramingProblem({ parentIsTop: false, ancestorOrigins: undefined }, CALL)).toBe(PANEL_REFUSED);
    expect(framingProblem({ parentIsTop: false, ancestorOrigins: undefined }, CALL)).toBe(SIDEBAR_REFUSED);
    expect(SIDEBAR_REFUSED).toMatch(/only beside the CRM page it read/);
  });
});
