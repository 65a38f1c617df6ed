import type { AgendaItem, OccurrenceDetail } from '@nenner/shared';
import { timeBoxes } from './meetingFormat';

/** One section of an occurrence's agenda: its items in order and, for a template section, its time box. */
export interface AgendaGroup {
  section: string;
  /** null for the participants' own topics and any section the template does not hold. */
  minutes: number | null;
  startsAt: string | null;
  endsAt: string | null;
  items: AgendaItem[];
}

/**
 * The agenda grouped by section: the template's sections in their order with their time boxes (one after
 * the other from the start), then the participants' topics, then anything else; items by position.
 */
export const groupAgenda = (o: Pick<OccurrenceDetail, 'sections' | 'startsAt' | 'agenda'>): AgendaGroup[] => {
  const items = [...o.agenda].sort((a, b) => a.position - b.position);
  const groups: AgendaGroup[] = timeBoxes(o.sections, o.startsAt).map((box) => ({
    section: box.section,
    minutes: box.minutes,
    startsAt: box.startsAt,
    endsAt: box.endsAt,
    items: items.filter((i) => i.section === box.section),
  }));
  const known = new Set(groups.map((g) => g.section));
  const rest = [...new Set(items.map((i) => i.section).filter((s) => !known.has(s)))].sort((a, b) =>
    a === 'topics' ? -1 : b === 'topics' ? 1 : 0,
  );
  for (const section of rest) {
    groups.push({
      section,
      minutes: null,
      startsAt: null,
      endsAt: null,
      items: items.filter((i) => i.section === section),
    });
  }
  return groups;
};

/**
 * The position to send to move an item past its neighbour within its section (-1: up, +1: down), or
 * null at the section's edge.
 */
export const neighbourPosition = (group: readonly AgendaItem[], index: number, by: -1 | 1): number | null => {
  const neighbour = group[index + by];
  return neighbour ? neighbour.position : null;
};
