import { h, Fragment, type ComponentChildren } from 'preact';

interface Props {
  status: string;
  /** A failure's content; the region is always in the page so that filling it is announced. */
  alert: ComponentChildren;
  children?: ComponentChildren;
}

/** Progress in a polite live region, failures in an alert region. */
export function StatusArea({ status, alert, children }: Props) {
  return (
    <>
      <p role="status" aria-live="polite">
        {status}
      </p>
      {children}
      <div role="alert" class={alert ? 'box alert' : ''}>
        {alert}
      </div>
    </>
  );
}
