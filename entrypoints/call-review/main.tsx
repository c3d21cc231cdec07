import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { CoveredClickGuard } from '../../components/CoveredClickGuard';
import { afterEarlyTheme } from '../../lib/theme';
import { askDockForRoom } from '../../lib/page/dock-room';
import './style.css';

const root = document.getElementById('root');
// First content in the saved theme, not the system's (lib/theme.ts).
if (root) {
  void afterEarlyTheme().then(() =>
    createRoot(root).render(
      <StrictMode>
        <CoveredClickGuard onCovered={askDockForRoom} />
        <App />
      </StrictMode>,
    ),
  );
}
