import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { afterEarlyTheme } from '../../lib/theme';
import '../../components/base.css';
import './style.css';

// The sidebar's code is loaded and starts: "first render" is timed from here (see test/bench/sidebar.bench.mjs).
performance.mark('dealside:app-start');
// First content in the saved theme, not the system's (lib/theme.ts).
void afterEarlyTheme().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
