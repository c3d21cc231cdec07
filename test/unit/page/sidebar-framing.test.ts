import { framingProblem } from '../../../lib/page/sidebar-framing';

const DEAL = 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000AcmeQAAS/view';

describe('framingProblem (is the sidebar frame where Dealside put it?)', () => {
  it('framed by the top page whose deal the tab shows: shown', () => {
    expect(framingProblem({ parentIsTop: true, ancestorOrigins: ['https://acme.lightning.force.com'] }, DEAL)).toBeNull();
    // nothing read yet: nothing to show, nothing to refuse
    expect(framingProblem({ parentIsTop: true, ancestorOrigins: ['https://acme.lightning.force.com'] }, undefined)).toBeNull();
  });

  it('framed by a frame inside the page (a widget, an ad): refused', () => {
    expect(framingProblem({ parentIsTop: false, ancestorOrigins: ['https://widget.example', 'https://acme.lightning.force.com'] }, DEAL)).toMatch(/only beside the CRM page/);
    expect(framingProblem({ parentIsTop: false, ancestorOrigins: undefined }, DEAL)).toMatch(/only beside the CRM page/);
  });

  it('framed by a top page of another site than the deal the tab shows: refused', () => {
    expect(framingProblem({ parentIsTop: true, ancestorOrigins: ['https://evil.example'] }, DEAL)).toMatch(/only beside the CRM page/);
    expect(framingProblem({ parentIsTop: true, ancestorOrigins: ['https://acme.lightning.force.com'] }, 'not a url')).toMatch(/only beside/);
  });

  it('where the browser does not tell ancestors (Firefox), the parent check stands alone (the background checks the frame token)', () => {
    expect(framingProblem({ parentIsTop: true, ancestorOrigins: undefined }, DEAL)).toBeNull();
    expect(framingProblem({ parentIsTop: true, ancestorOrigins: undefined }, undefined)).toBeNull();
  });

  it('a parent that hid its origin (referrerpolicy="no-referrer") is not Dealside, whose frames state theirs: refused, before asking', () => {
    expect(framingProblem({ parentIsTop: true, ancestorOrigins: ['null'] }, DEAL)).toMatch(/only beside the CRM page/);
    expect(framingProblem({ parentIsTop: true, ancestorOrigins: ['null'] }, undefined)).toMatch(/only beside the CRM page/);
  });
});
