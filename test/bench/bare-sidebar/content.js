// The least an in-page sidebar built like Dealside's must make the CRM page run:
// ask the background for the saved width (one message), put a closed shadow host
// holding an extension-page iframe beside the page and reserve its width, wait for
// the record's fields (a MutationObserver until the active page host shows them),
// read the six fields with one query each, and report them (a second message).
// Light DOM only: the fixture's amount (a formatted number's shadow root) and Next
// Step (a section's shadow root) are not found, four of six are. No hidden stale
// records, labels, other CRMs, address watching, re-reads, bar, keyboard or reload check.
chrome.runtime.sendMessage({ type: 'layout' }).then(({ width }) => {
  const host = document.createElement('bare-sidebar');
  const root = host.attachShadow({ mode: 'closed' });
  const frame = document.createElement('iframe');
  frame.src = chrome.runtime.getURL('panel.html');
  frame.style.cssText = `position:fixed;top:0;right:0;height:100%;width:${width}px;border:0`;
  root.append(frame);
  document.body.append(host);
  document.documentElement.style.setProperty('margin-right', `${width}px`, 'important');
});

const FIELDS = ['Name', 'Amount', 'StageName', 'CloseDate', 'OwnerId', 'NextStep'];
const readAndReport = () => {
  const record = document.querySelector('.active.lafPageHost');
  if (!record) return false;
  const fields = {};
  for (const f of FIELDS) {
    fields[f] = record.querySelector(`[data-target-selection-name="sfdc:RecordField.Opportunity.${f}"] .test-id__field-value`)?.textContent.trim();
  }
  chrome.runtime.sendMessage({ type: 'snapshot', fields });
  // for the benchmark's check that this read happened (how many fields it found)
  document.documentElement.setAttribute('data-bare-sidebar-read', String(Object.values(fields).filter(Boolean).length));
  return true;
};
if (!readAndReport()) {
  const waiting = new MutationObserver(() => readAndReport() && waiting.disconnect());
  waiting.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
}
