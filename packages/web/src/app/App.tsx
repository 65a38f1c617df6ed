import { Center, Loader, MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { lazy, Suspense, useState } from 'react';
import { isApiError } from '../api/client';
import { createAppRouter } from './router';
import { cssVariables, theme } from './theme';

// The toasts' component (and its transitions) is not needed to draw the first page.
const Toasts = lazy(() => import('../components/Toasts').then((m) => ({ default: m.Toasts })));

const makeQueryClient = () =>
  new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (count, err) => count < 2 && !(isApiError(err) && err.status >= 400 && err.status < 500),
      },
    },
  });

export function App() {
  const [queryClient] = useState(makeQueryClient);
  const [router] = useState(() => createAppRouter(queryClient));
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariables} defaultColorScheme="light">
      <Suspense fallback={null}>
        <Toasts />
      </Suspense>
      <QueryClientProvider client={queryClient}>
        <RouterProvider
          router={router}
          defaultPendingComponent={() => (
            <Center h="60vh">
              <Loader />
            </Center>
          )}
        />
      </QueryClientProvider>
    </MantineProvider>
  );
}
