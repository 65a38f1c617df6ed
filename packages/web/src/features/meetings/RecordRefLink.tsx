import { Badge } from '@mantine/core';
import type { RecordLink } from '@nenner/shared';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A link to the record an agenda item, decision or action item concerns; an unknown kind is plain text. */
export function RecordRefLink({ refTo, children }: { refTo: RecordLink; children: ReactNode }) {
  const { id } = refTo;
  switch (refTo.type) {
    case 'contact':
      return (
        <Link to="/contacts/$contactId" params={{ contactId: id }} className="nenner-link">
          {children}
        </Link>
      );
    case 'account':
      return (
        <Link to="/accounts/$accountId" params={{ accountId: id }} className="nenner-link">
          {children}
        </Link>
      );
    case 'deal':
      return (
        <Link to="/deals/$dealId" params={{ dealId: id }} className="nenner-link">
          {children}
        </Link>
      );
    case 'handoff':
      return (
        <Link to="/leads/$handoffId" params={{ handoffId: id }} className="nenner-link">
          {children}
        </Link>
      );
    case 'campaign':
      return (
        <Link to="/campaigns/$campaignId" params={{ campaignId: id }} className="nenner-link">
          {children}
        </Link>
      );
    case 'goal':
      return (
        <Link to="/goals/$goalId" params={{ goalId: id }} className="nenner-link">
          {children}
        </Link>
      );
    case 'competitor':
      return (
        <Link to="/competitors/$competitorId" params={{ competitorId: id }} className="nenner-link">
          {children}
        </Link>
      );
    case 'meeting':
      return (
        <Link to="/meetings/$seriesId" params={{ seriesId: id }} className="nenner-link">
          {children}
        </Link>
      );
    case 'occurrence':
      return (
        <Link to="/occurrences/$occurrenceId" params={{ occurrenceId: id }} className="nenner-link">
          {children}
        </Link>
      );
    default:
      return <>{children}</>;
  }
}

/** The records of an item as small links, by name where known, else numbered („Lead 1“, „Lead 2“). */
export function RecordRefs({
  refs,
  max = 12,
}: {
  refs: readonly (RecordLink & { name?: string | null })[];
  max?: number;
}) {
  const { t } = useTranslation();
  if (refs.length === 0) return null;
  const counts = new Map<string, number>();
  return (
    <>
      {refs.slice(0, max).map((r) => {
        const n = (counts.get(r.type) ?? 0) + 1;
        counts.set(r.type, n);
        return (
          <Badge
            key={`${r.type}:${r.id}`}
            variant="outline"
            color="gray"
            size="sm"
            tt="none"
            fw={500}
            data-testid="record-ref"
          >
            <RecordRefLink refTo={r}>
              {r.name ?? `${t(`meetings.refType.${r.type}`, { defaultValue: r.type })} ${n}`}
            </RecordRefLink>
          </Badge>
        );
      })}
      {refs.length > max && (
        <Badge variant="light" color="gray" size="sm" tt="none">
          {t('meetings.moreRefs', { count: refs.length - max })}
        </Badge>
      )}
    </>
  );
}
