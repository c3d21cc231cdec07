import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { RenderGuard } from './RenderGuard';
import '../../components/base.css';
import './style.css';

function start() {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <RenderGuard>{() => <App />}</RenderGuard>
    </StrictMode>,
  );
}

// popup-early.js adds this module from the page's <head>; the body may still be parsing.
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
