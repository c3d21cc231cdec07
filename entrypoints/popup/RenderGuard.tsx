import { Component, Fragment, type ReactNode } from 'react';

interface Props {
  /** the popup, mounted again (once) after a render error */
  children: () => ReactNode;
}
interface State {
  attempt: number;
  failed: Error | null;
}

/**
 * Never a blank popup: if drawing throws (say a kept card in session storage
 * that does not have the shape the table needs), the popup is mounted once
 * more — the kept card is taken only once, so the second try waits for the
 * background's fresh answer — and a second failure shows what went wrong.
 */
export class RenderGuard extends Component<Props, State> {
  override state: State = { attempt: 0, failed: null };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { failed: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown) {
    console.warn('Dealside popup could not draw', error);
    if (this.state.attempt === 0) this.setState({ attempt: 1, failed: null });
  }

  override componentDidUpdate(_props: unknown, before: { failed: unknown }) {
    // "Try again" drew the popup: its banner (and the button pressed) is gone; the keyboard goes to the heading
    if (before.failed && !this.state.failed) document.querySelector<HTMLElement>('main h1')?.focus();
  }

  override render() {
    const { attempt, failed } = this.state;
    if (failed) {
      return (
        <main className="popup">
          <div className="banner error" role="alert">
            <p>
              <strong>Dealside could not show your scorecard.</strong> Nothing was changed. {failed.message}
            </p>
            <button type="button" onClick={() => this.setState({ attempt: attempt + 1, failed: null })}>
              Try again
            </button>
          </div>
        </main>
      );
    }
    return <Fragment key={attempt}>{this.props.children()}</Fragment>;
  }
}
