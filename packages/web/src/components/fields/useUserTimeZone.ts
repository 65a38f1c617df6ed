import type { Me } from '@nenner/shared';
import { useQueryClient } from '@tanstack/react-query';
import { meQuery } from '../../features/auth/useAuth';
import { browserTimeZone } from './fieldFormat';

/** The logged-in user's time zone (their profile's), else the browser's. */
export const useUserTimeZone = (): string => {
  const me = useQueryClient().getQueryData<Me>(meQuery.queryKey);
  return me?.timeZone ?? browserTimeZone();
};
