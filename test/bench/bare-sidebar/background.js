// Answers the content script's two messages as a real background would: a saved width, and "got it".
chrome.runtime.onMessage.addListener((message, _sender, reply) => {
  reply(message?.type === 'layout' ? { width: 360 } : { ok: true });
});
