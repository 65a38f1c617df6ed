import { addDays, type Rotation, type User } from '@nenner/shared';
import type { AppContext } from '../../context.js';
import { createActivity } from '../activities/activities.service.js';
import { addCheckin, createRotation, updateRotation, writeReport } from '../rotations/rotations.service.js';
import { findDemoAccounts } from './demo.repository.js';
import { demoActor } from './demoTeams.js';
import { type DemoCalendar, demoCalendar, mondayOf, nextWeekday } from './demoTime.js';

const MONDAY = 1;
const WORKDAYS = [1, 2, 3, 4, 5];

/** Every stamp a rotation's services wrote since the calendar began, moved to `at`. */
const stampRotation = async (cal: DemoCalendar, id: string, at: string) => {
  await cal.restamp('rotations', { id }, ['created_at', 'updated_at', 'reported_at', 'rated_at'], at);
  await cal.restamp('rotation_checkins', { rotation_id: id }, ['created_at'], at);
  await cal.restamp('timeline_entries', { entity_type: 'rotation', entity_id: id }, ['created_at'], at);
};

/** Ticks learning goals (met) and activities (done) by their text, keeping the rest as they are. */
const tick = (r: Rotation, goals: string[], activities: string[]) => ({
  goals: r.goals.map((g) => ({ id: g.id, text: g.text, met: g.met || goals.includes(g.text) })),
  activities: r.activities.map((a) => ({ id: a.id, text: a.text, done: a.done || activities.includes(a.text) })),
});

/** The first day of the quarter a local date falls in. */
const quarterStart = (date: string): string => {
  const [year, month] = date.split('-').map(Number) as [number, number];
  return `${year}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
};

/**
 * The job rotations: Petra (sales) spent two weeks in marketing last quarter with Lena as her mentor,
 * wrote her report and got Lena's rating; Aylin (marketing) is in sales right now with Markus, some
 * goals and activities ticked and a check-in written; Nico (sales) goes to marketing next month with
 * Aylin, who then knows both sides. Through the rotations service, each step moved back to its day.
 */
export const seedDemoRotations = async (ctx: AppContext, users: User[]): Promise<void> => {
  const cal = await demoCalendar(ctx);
  const actor = (email: string) => demoActor(users, email);
  const petra = actor('petra.huber@nenner.demo');
  const lena = actor('lena.vogt@nenner.demo');
  const aylin = actor('aylin.demir@nenner.demo');
  const markus = actor('markus.wolf@nenner.demo');
  const nico = actor('nico.frei@nenner.demo');

  // Last quarter: two weeks from the sixth week of the quarter on, reported and rated after it.
  {
    const startsOn = nextWeekday(addDays(quarterStart(addDays(quarterStart(cal.today), -1)), 35), [MONDAY]);
    const endsOn = addDays(startsOn, 11);
    let r = await createRotation(ctx, petra, {
      userId: petra.id,
      hostDepartment: 'marketing',
      startsOn,
      endsOn,
      mentorId: lena.id,
      goals: [
        'Verstehen, wie eine Kampagne von der Idee bis zum Versand entsteht',
        'Lead-Scoring nachvollziehen und Verbesserungen vorschlagen',
        'Die Sprache unserer Anzeigen und Landingpages kennenlernen',
      ],
      activities: [
        'Eine Newsletter-Ausgabe mitplanen und die Texte gegenlesen',
        'Eine Woche im Kampagnen-Stand-up dabei sein',
        'Die Scoring-Regeln mit Tim durchgehen',
        'Zwei Anwenderberichte um Kundenstimmen aus dem Vertrieb ergänzen',
      ],
    });
    await stampRotation(cal, r.id, cal.past(addDays(startsOn, -28), '10:00'));
    r = await updateRotation(
      ctx,
      petra,
      r.id,
      r.version,
      tick(r, [], ['Eine Woche im Kampagnen-Stand-up dabei sein', 'Die Scoring-Regeln mit Tim durchgehen']),
    );
    await stampRotation(cal, r.id, cal.past(addDays(startsOn, 4), '16:00'));
    r = await addCheckin(ctx, lena, r.id, {
      date: addDays(startsOn, 4),
      note: 'Erste Woche: Petra hat im Stand-up die Sicht des Vertriebs eingebracht und beim Scoring zwei Regeln hinterfragt, die wir jetzt ändern.',
    });
    await stampRotation(cal, r.id, cal.past(addDays(startsOn, 4), '17:15'));
    r = await addCheckin(ctx, petra, r.id, {
      date: addDays(startsOn, 9),
      note: 'Newsletter mitgeplant. Überraschend: Wie lange eine Freigabe für einen Anwenderbericht dauert.',
    });
    await stampRotation(cal, r.id, cal.past(addDays(startsOn, 9), '12:30'));
    r = await updateRotation(
      ctx,
      petra,
      r.id,
      r.version,
      tick(
        r,
        [
          'Verstehen, wie eine Kampagne von der Idee bis zum Versand entsteht',
          'Lead-Scoring nachvollziehen und Verbesserungen vorschlagen',
        ],
        r.activities.map((a) => a.text),
      ),
    );
    await stampRotation(cal, r.id, cal.past(endsOn, '15:00'));
    r = await writeReport(ctx, petra, r.id, {
      report: [
        'Zwei Wochen im Marketing haben meinen Blick auf unsere Leads verändert.',
        '',
        'Gelernt: Eine Kampagne beginnt Wochen vor dem ersten Lead. Das Scoring belohnt heute Formulare stärker als Gespräche auf Messen; das haben wir gemeinsam angepasst.',
        '',
        'Für den Vertrieb nehme ich mit: Rückmeldungen zu abgelehnten Leads mit Grund schreiben, nicht nur ablehnen. Marketing kann damit wirklich arbeiten.',
      ].join('\n'),
    });
    await stampRotation(cal, r.id, cal.past(addDays(endsOn, 3), '10:00'));
    await writeReport(ctx, lena, r.id, {
      rating: 4,
      comment:
        'Petra hat viele Fragen gestellt, die wir uns selbst nie gestellt hätten. Gern wieder, dann mit einer eigenen Kampagne.',
    });
    await stampRotation(cal, r.id, cal.past(addDays(endsOn, 5), '14:00'));
  }

  // Now: four weeks from last week's Monday on; the first week is behind her.
  {
    const startsOn = addDays(mondayOf(cal.today), -7);
    const endsOn = addDays(startsOn, 25);
    let r = await createRotation(ctx, aylin, {
      userId: aylin.id,
      hostDepartment: 'sales',
      startsOn,
      endsOn,
      mentorId: markus.id,
      goals: [
        'Verstehen, wie ein Erstgespräch mit einem Neukunden abläuft',
        'Die Einwände kennen, die unsere Kunden am häufigsten bringen',
        'Die Lead-Übergabe aus Sicht des Vertriebs erleben',
      ],
      activities: [
        'Fünf Kundentermine mit Markus begleiten',
        'Eine Woche lang die Lead-Inbox mitbearbeiten',
        'Am Forecast-Call teilnehmen',
        'Ein Angebot gemeinsam mit dem Vertrieb erstellen',
        'Erkenntnisse im Team Süd vorstellen',
      ],
    });
    await stampRotation(cal, r.id, cal.past(addDays(startsOn, -24), '10:00'));
    r = await updateRotation(ctx, aylin, r.id, r.version, tick(r, [], ['Am Forecast-Call teilnehmen']));
    await stampRotation(cal, r.id, cal.past(addDays(startsOn, 2), '16:00'));
    // what she logged with the host rights: the first customer meeting at a Team Süd account
    const account = (await findDemoAccounts(ctx.db, { ownerIds: [markus.id], createdBefore: startsOn }))[0];
    if (account) {
      const occurredAt = cal.past(addDays(startsOn, 3), '10:00');
      const activity = await createActivity(
        ctx,
        { ...aylin, hostDepartment: 'sales', rotationId: r.id },
        {
          type: 'meeting',
          subject: 'Erstgespräch mit Markus begleitet',
          summary:
            'Einwand zur Datenübernahme aus dem alten System notiert; Markus schickt die Checkliste zum Onboarding.',
          occurredAt,
          durationMinutes: 60,
          entityType: 'account',
          entityId: account.id,
        },
      );
      await cal.restamp('activities', { id: activity.id }, ['created_at'], cal.past(addDays(startsOn, 3), '12:30'));
    }
    r = await updateRotation(
      ctx,
      aylin,
      r.id,
      r.version,
      tick(r, ['Die Lead-Übergabe aus Sicht des Vertriebs erleben'], ['Eine Woche lang die Lead-Inbox mitbearbeiten']),
    );
    await stampRotation(cal, r.id, cal.past(addDays(startsOn, 4), '17:00'));
    r = await addCheckin(ctx, markus, r.id, {
      date: addDays(startsOn, 4),
      note: 'Erste Woche: Aylin hat drei Termine begleitet und die Lead-Inbox mitbearbeitet. Nächste Woche führt sie ein Erstgespräch selbst, ich bin dabei.',
    });
    await stampRotation(cal, r.id, cal.past(addDays(startsOn, 4), '17:30'));
  }

  // Next month: two weeks from its first Monday on, planned on the last workday.
  {
    const [year, month] = cal.today.split('-').map(Number) as [number, number];
    const nextMonth = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
    const startsOn = nextWeekday(nextMonth, [MONDAY]);
    let plannedOn = addDays(cal.today, -1);
    while (!WORKDAYS.includes(new Date(`${plannedOn}T12:00:00Z`).getUTCDay())) plannedOn = addDays(plannedOn, -1);
    const r = await createRotation(ctx, nico, {
      userId: nico.id,
      hostDepartment: 'marketing',
      startsOn,
      endsOn: addDays(startsOn, 11),
      mentorId: aylin.id,
      goals: [
        'Verstehen, wie Marketing Leads bewertet, bevor sie zu uns kommen',
        'Eine Kampagne für Systemhäuser mit vorbereiten',
      ],
      activities: [
        'Im Kampagnen-Stand-up mitarbeiten',
        'Eine Webinar-Folge mit vorbereiten',
        'Die Scoring-Regeln mit Aylin durchgehen',
      ],
    });
    await stampRotation(cal, r.id, cal.past(plannedOn, '14:00'));
  }
};
