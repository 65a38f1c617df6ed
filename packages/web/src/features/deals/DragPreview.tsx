import { Portal } from '@mantine/core';
import type { Deal } from '@nenner/shared';
import { useEffect, useRef } from 'react';
import { DealCardPreview, type DragOrigin } from './DealCard';

// A transparent 1×1 GIF: the browser's own drag image is replaced by the preview below, which follows
// the pointer in every browser (the native ghost is faint, clipped by the board's scroll area, or absent).
const BLANK_GIF = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
let blank: HTMLImageElement | undefined;

/** The blank drag image, created ahead of the first drag: an image still loading is ignored by the browser. */
export const blankDragImage = (): HTMLImageElement => {
  if (!blank) {
    blank = new Image(1, 1);
    blank.src = BLANK_GIF;
  }
  return blank;
};

const at = (x: number, y: number, origin: DragOrigin) =>
  `translate3d(${x - origin.offsetX}px, ${y - origin.offsetY}px, 0)`;

/**
 * The dragged card, drawn over the page at the pointer. It moves with the drag events on the document
 * (mouse events stop during a native drag) and writes its position straight to the style, so the board
 * does not re-render on every pointer move.
 */
export function DragPreview({ deal, origin }: { deal: Deal; origin: DragOrigin }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const follow = (e: DragEvent) => {
      // some browsers report 0/0 for the last event of a drag: keep the last real position
      if ((e.clientX === 0 && e.clientY === 0) || !ref.current) return;
      ref.current.style.transform = at(e.clientX, e.clientY, origin);
    };
    // Chromium sends `drag` (from the card) on every move but `dragover` only now and then; Firefox
    // gives `drag` no coordinates, only `dragover`: listening to all three keeps the preview at the pointer
    const kinds = ['drag', 'dragover', 'dragenter'] as const;
    for (const kind of kinds) document.addEventListener(kind, follow);
    return () => {
      for (const kind of kinds) document.removeEventListener(kind, follow);
    };
  }, [origin]);
  return (
    <Portal>
      <div
        ref={ref}
        aria-hidden
        data-testid="deal-drag-overlay"
        style={{
          position: 'fixed',
          top: 0,
          left: 0,
          zIndex: 1000,
          pointerEvents: 'none',
          transform: at(origin.x, origin.y, origin),
          willChange: 'transform',
        }}
      >
        <DealCardPreview deal={deal} width={origin.width} />
      </div>
    </Portal>
  );
}
