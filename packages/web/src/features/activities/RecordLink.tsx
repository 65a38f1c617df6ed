import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';

/** A link to an account, contact or deal by its type and id. */
export function RecordLink({ type, id, children }: { type: string; id: string; children: ReactNode }) {
  if (type === 'deal') {
    return (
      <Link to="/deals/$dealId" params={{ dealId: id }} className="nenner-link">
        {children}
      </Link>
    );
  }
  if (type === 'contact') {
    return (
      <Link to="/contacts/$contactId" params={{ contactId: id }} className="nenner-link">
        {children}
      </Link>
    );
  }
  if (type === 'account') {
    return (
      <Link to="/accounts/$accountId" params={{ accountId: id }} className="nenner-link">
        {children}
      </Link>
    );
  }
  return <>{children}</>;
}

/** A datetime-local input value (the browser's local time) as an ISO instant; empty → null. */
export const localToIso = (value: string): string | null => (value ? new Date(value).toISOString() : null);

/** Now as a datetime-local input value. */
export const nowLocal = (d = new Date()): string => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
