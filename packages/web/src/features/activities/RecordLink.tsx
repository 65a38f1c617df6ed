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
