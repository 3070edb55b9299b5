/**
 * A modal confirmation on the native `<dialog>` element, which traps focus and closes on
 * Escape by itself.
 */
import { useEffect, useRef } from 'react';

/** Props of `ConfirmDialog`. */
export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm(): void;
  onCancel(): void;
}

/** Asks the person to confirm an action that cannot be undone. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (props.open && !element.open) element.showModal();
    if (!props.open && element.open) element.close();
  }, [props.open]);

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby="dialog-title"
      aria-describedby="dialog-body"
      onCancel={props.onCancel}
    >
      <h2 id="dialog-title">{props.title}</h2>
      <p id="dialog-body">{props.body}</p>
      <div className="actions">
        <button type="button" className="button secondary" onClick={props.onCancel}>
          {props.cancelLabel}
        </button>
        <button type="button" className="button danger" onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
