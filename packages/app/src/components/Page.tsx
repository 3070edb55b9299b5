/**
 * Frame of one screen: a heading that receives focus on navigation so screen-reader users
 * hear where they are, and the screen's content.
 */
import { useEffect, useRef, type ReactNode } from 'react';

/** Props of `Page`. */
export interface PageProps {
  title: string;
  children: ReactNode;
}

// The first screen after start-up keeps the browser's own focus; later screens move focus to
// their heading so a screen reader announces the new page.
let firstScreen = true;

/** One screen with its focused heading. */
export function Page({ title, children }: PageProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (firstScreen) {
      firstScreen = false;
      return;
    }
    heading.current?.focus();
  }, [title]);

  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title" ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </section>
  );
}
