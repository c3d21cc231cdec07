/**
 * Dealside's keyboard shortcuts, as the sidebar and Options list them: one
 * list for both, each row naming where its key is handled, so a key that
 * changes there is easy to change here too.
 *
 * The sidebar's show/hide key is a browser command: the user can rebind or
 * clear it (chrome://extensions/shortcuts, Firefox's add-on shortcuts), so its
 * keys are passed in as the browser reports them.
 */

/** The manifest's command name for showing and hiding the sidebar (wxt.config.ts). */
export const TOGGLE_SIDEBAR_COMMAND = 'toggle-sidebar';

export interface ShortcutRow {
  /** what to press, one entry per key or chord ("Alt+Shift+D"; "1 – 5"); none: no keys set */
  keys: string[];
  does: string;
}

export interface ShortcutGroup {
  where: string;
  rows: ShortcutRow[];
}

/**
 * @param toggleKeys the toggle command's keys as the browser reports them ('' or null: none set)
 * @param mac whether to name the Command key rather than Ctrl
 */
export function keyboardShortcuts(toggleKeys: string | null | undefined, mac: boolean): ShortcutGroup[] {
  const toggle = toggleKeys?.trim();
  return [
    {
      where: 'On a deal page',
      rows: [
        {
          // background.ts (commands.onCommand) → lib/page/reader-calls.ts
          keys: toggle ? [toggle] : [],
          does: toggle
            ? 'Show or hide the sidebar (change the keys in the browser’s extension shortcuts)'
            : 'Show or hide the sidebar: no keys are set; choose some in the browser’s extension shortcuts',
        },
      ],
    },
    {
      where: 'In the sidebar',
      rows: [
        // entrypoints/sidebar/sections/NextStepSection.tsx (NextStepForm)
        { keys: ['Esc'], does: 'In the next-step form: cancel, letting go of what was typed there' },
        // entrypoints/sidebar/sections/NotesSection.tsx
        { keys: [mac ? '⌘+Enter' : 'Ctrl+Enter'], does: 'Add the coaching note being typed' },
        // entrypoints/crm-reader/frame-host.ts (the grip beside the sidebar)
        { keys: ['←', '→'], does: 'With the resize grip focused: widen or narrow the sidebar by 16 px (Home, End: widest, narrowest)' },
        { keys: ['Shift+←', 'Shift+→'], does: 'With the resize grip focused: widen or narrow the sidebar by 64 px' },
      ],
    },
    {
      // components/ScoreGroup.tsx: the sidebar's Scores and the call-review panel's, one component
      where: 'In a score group (the sidebar’s Scores, or reviewing a call)',
      rows: [
        { keys: ['1 – 5'], does: 'Score the score group that has focus' },
        { keys: ['←', '→', '↑', '↓'], does: 'Move between levels and read each one’s rubric, without scoring (Home, End: first, last)' },
        { keys: ['Space'], does: 'Score the level that has focus' },
      ],
    },
    {
      where: 'In the weekly scorecard (toolbar button)',
      rows: [
        // entrypoints/popup/App.tsx
        { keys: ['←', '→'], does: 'Previous or next week' },
        { keys: ['Home'], does: 'Back to this week' },
        { keys: ['Esc'], does: 'From a rep’s 1:1 view, back to the scorecard' },
      ],
    },
    {
      where: 'Reviewing a call',
      rows: [
        // entrypoints/call-review/App.tsx, PinNoteForm.tsx
        { keys: ['Alt+P'], does: 'Pin the note to the recording’s current moment (from anywhere in the panel)' },
        { keys: ['Enter'], does: 'In the note box or the “At (m:ss)” box: pin the note' },
      ],
    },
  ];
}

/** The toggle command's keys from the browser's list of commands ('' when the user cleared them). */
export function toggleKeysOf(commands: readonly { name?: string; shortcut?: string }[]): string {
  return commands.find((c) => c.name === TOGGLE_SIDEBAR_COMMAND)?.shortcut ?? '';
}
