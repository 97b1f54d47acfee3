"use client";

import { Component, type ReactNode } from "react";

export interface PanelErrorBoundaryProps {
  children: ReactNode;
  /** Changes when the panel's inputs change, so a fixed panel renders again. */
  resetKey: string;
}

interface State {
  error: Error | null;
  key: string;
}

/** A rendering failure stays inside its panel: the rest of the dashboard keeps working. */
export class PanelErrorBoundary extends Component<PanelErrorBoundaryProps, State> {
  state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: PanelErrorBoundaryProps, state: State): Partial<State> | null {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  render() {
    if (this.state.error) {
      return (
        <p role="alert" className="p-3 text-sm text-red-700 dark:text-red-400">
          This panel failed to render: {this.state.error.message}
        </p>
      );
    }
    return this.props.children;
  }
}
