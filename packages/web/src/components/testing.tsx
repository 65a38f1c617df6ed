import { MantineProvider } from '@mantine/core';
import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

/*
 * What the component tests share (happy-dom): a node mounted under Mantine, taken down by `unmount` (each
 * file registers `afterEach(unmount)`), and the page's width.
 */

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let mounted: (() => void) | undefined;

/** Takes down what `mount` rendered last, if anything. */
export const unmount = () => {
  mounted?.();
  mounted = undefined;
};

/** Renders `node` under Mantine into a fresh element of the page; returns that element. */
export const mount = (node: ReactNode): HTMLElement => {
  unmount();
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() => root.render(<MantineProvider>{node}</MantineProvider>));
  mounted = () => {
    act(() => root.unmount());
    host.remove();
  };
  return host;
};

/** The page's width, as a phone (390) or a laptop (1440) has it; Mantine's `sm` breakpoint is 768 px. */
export const setWidth = (width: number) => {
  (
    window as unknown as { happyDOM: { setViewport: (v: { width: number; height: number }) => void } }
  ).happyDOM.setViewport({ width, height: 844 });
};
