// Where focus goes as the page changes: to what a new phase shows, and after a blocked submit to the
// first invalid control. It moves in layout effects: right after the render that shows its target,
// before the next key press.
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Phase } from '../flow/session';
import { ALERT_TITLE, KEY_TITLE, PASTE_INPUT, WAIT_TITLE } from './ids';
import { failureOf } from './phase';

export const focus = (id: string) => document.getElementById(id)?.focus();

/** What takes focus when `phase` appears: the key, what to do while waiting, or a failure; undefined when nothing on screen calls for it. */
export function focusTarget(phase: Phase): string | undefined {
  if (phase.kind === 'minted') return KEY_TITLE;
  if (phase.kind === 'waiting') return phase.mode === 'paste' || phase.lost ? PASTE_INPUT : WAIT_TITLE;
  // Only a failure renders the alert's title.
  return failureOf(phase) ? ALERT_TITLE : undefined;
}

/**
 * Moves focus to what each new phase shows. Returns the function a submit calls before it renders
 * again: after that render, the first invalid control in page order takes focus.
 */
export function useFocus(phase: Phase): () => void {
  const shown = useRef(phase);
  const toInvalid = useRef(false);

  useLayoutEffect(() => {
    const before = shown.current;
    shown.current = phase;
    const target = focusTarget(phase);
    if (target && phase !== before && (phase.kind !== before.kind || target !== focusTarget(before))) focus(target);
  }, [phase]);

  useLayoutEffect(() => {
    if (!toInvalid.current) return;
    toInvalid.current = false;
    document.querySelector<HTMLElement>('.columns [aria-invalid]')?.focus();
  });

  return () => {
    toInvalid.current = true;
  };
}
