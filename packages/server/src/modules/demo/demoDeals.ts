import {
  CloseDealInput,
  CreateAccountInput,
  CreateActivityInput,
  CreateCompetitorInput,
  CreateContactInput,
  CreateDealInput,
  CreateTaskInput,
  type User,
} from '@nenner/shared';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context.js';
import type { AccountsTable, ContactsTable } from '../../db/schema.js';
import { createAccount } from '../accounts/accounts.service.js';
import { createActivity } from '../activities/activities.service.js';
import { addIntel, createCompetitor, rateBattlecard } from '../competitors/competitors.service.js';
import { createContact } from '../contacts/contacts.service.js';
import { changeContactLifecycle } from '../contacts/lifecycle.service.js';
import { createDeal } from '../deals/deals.service.js';
import { closeDeal, moveDeal } from '../deals/deals.stages.js';
import { ensureDefaultPipeline, listPipelines } from '../pipelines/pipelines.service.js';
import { createTask } from '../tasks/tasks.service.js';
import { createNote } from '../timeline/timeline.service.js';
import { backdateDeal, findDealAccountId, findDealContactIds, moveCreationBack } from './demo.repository.js';
import { asActor } from './demoLeads.js';
import { createRandom } from './generator.js';

const DAY_MS = 86_400_000;
/** When the demo's oldest account was made (demo.service.ts). */
const OLDEST_RECORD = '2025-01-06T08:00:00Z';

/** Fictional German CRM vendors; the battlecards are what marketing would hand to sales. */
const competitors: CreateCompetitorInput[] = [
  {
    name: 'Kundenwerk CRM GmbH',
    website: 'https://www.kundenwerk.example',
    positioning: 'CRM-Suite für den Mittelstand mit Fokus auf Außendienst und ERP-Anbindung.',
    strengths: 'Starke ERP-Schnittstellen (SAP, DATEV)\nGroße Partnerlandschaft in Süddeutschland',
    weaknesses: 'Marketing-Funktionen nur als teures Zusatzmodul\nLange Einführungsprojekte (6–9 Monate)',
    pricingNotes: 'Ab 79 € pro Nutzer und Monat, Einrichtung meist fünfstellig.',
    battlecard: [
      '## Kundenwerk CRM in 30 Sekunden',
      '',
      'Etablierter Anbieter im Mittelstand. Gewinnt über **ERP-Nähe** und persönliche Partnerbetreuung.',
      '',
      '### So gewinnen wir',
      '- Zeigen, wie Marketing und Vertrieb in Nenner **eine** Zeitleiste teilen – bei Kundenwerk sind es zwei Module.',
      '- Einführung in Wochen statt Monaten: Referenz *Sturm Antriebe* nennen.',
      '- Lead-Übergabe mit SLA live vorführen.',
      '',
      '### Einwände',
      '1. „Wir haben schon SAP“ → Nenner liest Firmen und Kontakte per API, kein Big-Bang nötig.',
      '2. „Kundenwerk ist günstiger“ → Zusatzmodule und Partnertage mitrechnen.',
    ].join('\n'),
  },
  {
    name: 'VertriebsPilot AG',
    website: 'https://www.vertriebspilot.example',
    positioning: 'Schlanke Vertriebs-Pipeline für kleine Teams, Cloud aus der Schweiz.',
    strengths: 'Sehr einfache Oberfläche\nSchneller Start ohne Beratung',
    weaknesses: 'Keine Marketing-Funktionen\nWenig Berichte, keine Forecast-Kategorien',
    pricingNotes: 'Ab 29 CHF pro Nutzer und Monat; Rabatte bis 20 % bei Jahresvertrag.',
    battlecard: [
      '## VertriebsPilot',
      '',
      'Kommt oft ins Spiel, wenn **nur der Vertrieb** entscheidet.',
      '',
      '### So gewinnen wir',
      '- Marketing früh in den Termin holen: Lead-Scoring und Übergabe fehlen bei VertriebsPilot ganz.',
      '- Forecast mit *committed / best case* zeigen.',
      '',
      '> Achtung: aggressive Rabatte zum Quartalsende.',
    ].join('\n'),
  },
  {
    name: 'Salesbrücke GmbH',
    website: 'https://www.salesbruecke.example',
    positioning: 'Marketing-Automation mit angeflanschtem CRM, stark im E-Mail-Marketing.',
    strengths: 'Gute Newsletter- und Kampagnenfunktionen\nViele Vorlagen',
    weaknesses: 'Vertriebs-Pipeline rudimentär\nDaten liegen teils außerhalb der EU',
    pricingNotes: 'Preis nach Anzahl Kontakte; ab 10.000 Kontakten schnell teuer.',
    battlecard: [
      '## Salesbrücke',
      '',
      'Marketing liebt es, der Vertrieb arbeitet daneben in Excel weiter.',
      '',
      '### So gewinnen wir',
      '- **DSGVO**: Nenner speichert in der EU bzw. beim Kunden selbst.',
      '- Pipeline-Board und Aufgaben für den Vertrieb vorführen.',
    ].join('\n'),
  },
  {
    name: 'Nordlicht Software KG',
    website: 'https://www.nordlicht-software.example',
    positioning: 'Branchenlösung für Großhandel mit CRM-Modul.',
    strengths: 'Tiefe Branchenfunktionen im Großhandel',
    weaknesses: 'Veraltete Oberfläche, kaum mobil nutzbar',
    pricingNotes: 'Kauflizenz plus 22 % Wartung pro Jahr.',
    battlecard: '## Nordlicht Software\n\nNur im Großhandel relevant. Auf Bedienbarkeit und mobile Nutzung setzen.',
  },
];

const products = [
  'CRM-Einführung',
  'Lizenzerweiterung',
  'Marketing-Automation',
  'Vertriebs-Cockpit',
  'Pilotprojekt',
  'Rollout Standort Süd',
  'Schulungspaket',
  'Support-Verlängerung',
];
const nextSteps = [
  'Demo mit dem Einkauf vereinbaren',
  'Angebot überarbeiten (Staffelpreise)',
  'Referenzgespräch organisieren',
  'Entscheidung im Lenkungskreis abwarten',
  'Technische Prüfung mit der IT',
];
const roles = ['decision_maker', 'champion', 'user', 'technical', 'purchasing'] as const;
const wonReasons = ['product_fit', 'relationship', 'price', 'timing'];
const lostReasons = ['competitor', 'price', 'no_decision', 'product_gap'];

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Moves a demo deal back in time, and the funnel stamps of its contacts with it (the trigger stamped them
 * "now"): they became opportunities when the deal was opened and customers when it was won.
 */
const backdateDealAndContacts = async (
  ctx: AppContext,
  dealId: string,
  at: { stageChangedAt: string; closedAt?: string; createdAt: string },
): Promise<void> => {
  await backdateDeal(ctx.db, dealId, at);
  // the deal's people were in the workspace before the campaigns they met ahead of it (up to 120 days)
  const knownBy = new Date(Math.max(Date.parse(at.createdAt) - 121 * DAY_MS, Date.parse(OLDEST_RECORD))).toISOString();
  const accountId = await findDealAccountId(ctx.db, dealId);
  if (accountId) await moveCreationBack(ctx.db, 'account', accountId, knownBy);
  for (const contactId of await findDealContactIds(ctx.db, dealId)) {
    await moveCreationBack(ctx.db, 'contact', contactId, knownBy);
    await changeContactLifecycle(ctx.db, null, contactId, {
      backdate: {
        opportunity_at: { at: at.createdAt, fill: true },
        ...(at.closedAt && { customer_at: { at: at.closedAt } }),
      },
    });
  }
};

/**
 * The deals side of the demo workspace, built with the real services: competitors with battlecards,
 * ratings and field intel; about 60 deals over the default pipeline (EUR, CHF for Swiss accounts), some
 * marketing-sourced, some won or lost; tasks and activities; and duplicate accounts and contacts for the
 * review queue. Deterministic apart from dates, which are relative to today.
 */
export const seedDemoDeals = async (
  ctx: AppContext,
  users: User[],
  data: { accounts: AccountsTable[]; contacts: ContactsTable[] },
): Promise<void> => {
  const rnd = createRandom(4_2027);
  const actorOf = (email: string): Actor => {
    const u = users.find((x) => x.email === email);
    if (!u) throw new Error(`demo user ${email} missing`);
    return asActor(u);
  };
  const marketing = actorOf('tim.berger@nenner.demo');
  const lena = actorOf('lena.vogt@nenner.demo');
  const jonas = actorOf('jonas.keller@nenner.demo');
  const sales = users.filter((u) => u.department === 'sales').map(asActor);
  const now = Date.now();

  const comps = [];
  for (const c of competitors) comps.push(await createCompetitor(ctx, marketing, CreateCompetitorInput.parse(c)));
  const [kundenwerk, pilot, bruecke] = comps;
  if (!kundenwerk || !pilot || !bruecke) throw new Error('demo competitors missing');
  await rateBattlecard(ctx, jonas, kundenwerk.id, {
    rating: 'helpful',
    comment: 'Einwand zu SAP hat im Termin gezogen.',
  });
  await rateBattlecard(ctx, actorOf('petra.huber@nenner.demo'), kundenwerk.id, { rating: 'helpful' });
  await rateBattlecard(ctx, actorOf('markus.wolf@nenner.demo'), pilot.id, {
    rating: 'outdated',
    comment: 'Preise haben sich geändert, Jahresrabatt liegt inzwischen bei 25 %.',
  });

  await ensureDefaultPipeline(ctx);
  const pipeline = (await listPipelines(ctx))[0];
  if (!pipeline) throw new Error('default pipeline missing');
  const openStages = pipeline.stages.filter((s) => s.kind === 'open');

  const contactsOf = new Map<string, ContactsTable[]>();
  for (const c of data.contacts) {
    if (!c.account_id) continue;
    const list = contactsOf.get(c.account_id) ?? [];
    list.push(c);
    contactsOf.set(c.account_id, list);
  }
  const accounts = data.accounts.filter((a) => (contactsOf.get(a.id)?.length ?? 0) > 0).slice(0, 60);

  const dealIds: string[] = [];
  for (const [i, account] of accounts.entries()) {
    // Jonas (the demo sales login) owns every third deal, so "Mine" shows a full board
    const owner = i % 3 === 0 ? jonas : (rnd.pick(sales) ?? jonas);
    const people = contactsOf.get(account.id) ?? [];
    const marketingSourced = rnd.next() < 0.3;
    const outcome = i % 8 === 3 ? 'won' : i % 8 === 6 ? 'lost' : 'open';
    const competitor = rnd.next() < 0.45 || outcome === 'lost' ? rnd.pick(comps) : undefined;
    const input = CreateDealInput.parse({
      name: `${account.name} – ${rnd.pick(products)}`,
      accountId: account.id,
      amount: rnd.int(8, 180) * 1000_00,
      currency: account.country === 'CH' ? 'CHF' : 'EUR',
      contacts: people.slice(0, rnd.int(1, 2)).map((c) => ({ contactId: c.id, role: rnd.pick(roles) })),
      ownerId: owner.id,
      closeDate: isoDay(now + rnd.int(-15, 200) * DAY_MS),
      source: marketingSourced ? 'marketing' : 'sales',
      campaignKey: marketingSourced ? rnd.pick(['fruehjahr-2026', 'webinar-nov', 'hannover-messe']) : null,
      competitorIds: competitor ? [competitor.id] : [],
      nextStep: rnd.next() < 0.6 ? rnd.pick(nextSteps) : null,
    });
    let deal = await createDeal(ctx, owner, input);
    dealIds.push(deal.id);
    const target = rnd.pick(openStages);
    if (target && target.id !== deal.stageId) deal = await moveDeal(ctx, owner, deal.id, deal.version, target.id);
    // deals were opened over the last year (spread by their position, so the random picks stay as they were)
    const openedDaysAgo = 10 + ((i * 37) % 320);
    if (outcome === 'open') {
      // about one open deal in six has sat in its stage for too long
      const stale = rnd.next() < 0.17;
      const stageChangedAt = stale ? now - rnd.int(30, 60) * DAY_MS : now - Math.min(openedDaysAgo, 5) * DAY_MS;
      const createdAt = Math.min(now - openedDaysAgo * DAY_MS, stageChangedAt - DAY_MS);
      await backdateDealAndContacts(ctx, deal.id, {
        stageChangedAt: new Date(stageChangedAt).toISOString(),
        createdAt: new Date(createdAt).toISOString(),
      });
      continue;
    }
    const reason = outcome === 'won' ? rnd.pick(wonReasons) : rnd.pick(lostReasons);
    deal = await closeDeal(
      ctx,
      owner,
      deal.id,
      deal.version,
      CloseDealInput.parse({
        outcome,
        reason,
        comment: outcome === 'lost' ? 'Entscheidung fiel im Lenkungskreis.' : undefined,
        competitorId: outcome === 'lost' && reason === 'competitor' && competitor ? competitor.id : null,
      }),
    );
    const closedAtMs = now - rnd.int(3, 150) * DAY_MS;
    const closedAt = new Date(closedAtMs).toISOString();
    const createdAt = new Date(closedAtMs - (20 + ((i * 29) % 100)) * DAY_MS).toISOString();
    await backdateDealAndContacts(ctx, deal.id, { stageChangedAt: closedAt, closedAt, createdAt });
  }

  await addIntel(ctx, jonas, pilot.id, {
    body: 'Beim Kunden gehört: VertriebsPilot bietet 20 % Rabatt bei Unterschrift bis Quartalsende.',
    dealId: dealIds[0] ?? null,
  });
  await addIntel(ctx, actorOf('nico.frei@nenner.demo'), kundenwerk.id, {
    body: 'Kundenwerk verlangt für die DATEV-Schnittstelle inzwischen 4.500 € Einrichtung.',
  });

  // tasks: Jonas has one overdue, one due today and one next week; Lena one for the next webinar
  const day = (offset: number, hour = 9) => {
    const d = new Date(now + offset * DAY_MS);
    d.setUTCHours(hour, 0, 0, 0);
    return d.toISOString();
  };
  const tasks: [Actor, Actor, z.input<typeof CreateTaskInput>][] = [
    [jonas, jonas, { title: 'Angebot nachfassen', dueAt: day(-2), entityType: 'deal', entityId: dealIds[0] }],
    [jonas, jonas, { title: 'Referenzkunden anfragen', dueAt: day(0, 15), entityType: 'deal', entityId: dealIds[3] }],
    [
      jonas,
      jonas,
      {
        title: 'Termin mit der IT vorbereiten',
        dueAt: day(6),
        remindAt: day(5),
        entityType: 'deal',
        entityId: dealIds[6],
      },
    ],
    [lena, lena, { title: 'Einladungen für das Kundenwebinar versenden', dueAt: day(3) }],
    [lena, jonas, { title: 'Teilnehmerliste der Messe durchsehen', dueAt: day(1) }],
  ];
  for (const [actor, owner, t] of tasks)
    await createTask(ctx, actor, CreateTaskInput.parse({ ...t, ownerId: owner.id }));

  const activityTypes = ['call', 'meeting', 'email'] as const;
  for (const [i, id] of dealIds.slice(0, 12).entries()) {
    const type = activityTypes[i % 3] ?? 'call';
    await createActivity(
      ctx,
      i % 4 === 0 ? lena : jonas,
      CreateActivityInput.parse({
        type,
        subject:
          type === 'call' ? 'Telefonat zum Projektstand' : type === 'meeting' ? 'Vor-Ort-Termin' : 'Angebot versendet',
        summary:
          type === 'meeting' ? 'Anforderungen der Fachabteilung aufgenommen, nächster Termin in zwei Wochen.' : null,
        occurredAt: new Date(now - (i + 1) * DAY_MS).toISOString(),
        durationMinutes: type === 'email' ? null : type === 'call' ? 20 : 90,
        entityType: 'deal',
        entityId: id,
      }),
    );
  }

  await seedDuplicates(ctx, jonas, lena);
};

/** Two accounts and two contact pairs that are the same company and people, spelled differently. */
const seedDuplicates = async (ctx: AppContext, sales: Actor, marketing: Actor) => {
  const a1 = await createAccount(
    ctx,
    sales,
    CreateAccountInput.parse({
      name: 'Müller Maschinenbau GmbH',
      domain: 'mueller-maschinenbau.de',
      industry: 'Maschinenbau',
      country: 'DE',
      city: 'Stuttgart',
      ownerId: sales.id,
    }),
  );
  const a2 = await createAccount(
    ctx,
    marketing,
    CreateAccountInput.parse({ name: 'Mueller Maschinenbau GmbH & Co. KG', country: 'DE', city: 'Stuttgart' }),
  );
  const k1 = await createContact(
    ctx,
    sales,
    CreateContactInput.parse({
      firstName: 'Katrin',
      lastName: 'Müller',
      emails: ['katrin.mueller@mueller-maschinenbau.de'],
      phone: '+49 711 4802 100',
      jobTitle: 'Geschäftsführerin',
      accountId: a1.id,
      ownerId: sales.id,
      lifecycleStage: 'opportunity',
    }),
  );
  const k2 = await createContact(
    ctx,
    marketing,
    CreateContactInput.parse({
      firstName: 'Katrin',
      lastName: 'Mueller',
      emails: ['katrin.mueller@mueller-maschinenbau.de'],
      accountId: a2.id,
      lifecycleStage: 'mql',
      source: 'webinar',
    }),
  );
  await createNote(ctx, sales, 'contact', k1.id, {
    body: 'Rückruf zum Wartungsvertrag für Mitte nächster Woche vereinbart.',
  });
  await createNote(ctx, marketing, 'contact', k2.id, {
    body: 'Hat das Whitepaper „Instandhaltung 4.0“ geladen und am Webinar teilgenommen.',
  });
  const j1 = await createContact(
    ctx,
    sales,
    CreateContactInput.parse({
      firstName: 'Jan',
      lastName: 'Köhler',
      phone: '+49 711 4802 230',
      jobTitle: 'Leiter Instandhaltung',
      accountId: a1.id,
      ownerId: sales.id,
    }),
  );
  await createContact(
    ctx,
    marketing,
    CreateContactInput.parse({
      firstName: 'Jan',
      lastName: 'Koehler',
      emails: ['j.koehler@mueller-maschinenbau.de'],
      phone: '+49 (711) 4802-230',
      accountId: a1.id,
    }),
  );
  await createDeal(
    ctx,
    sales,
    CreateDealInput.parse({
      name: 'Müller Maschinenbau – Wartungsportal',
      accountId: a1.id,
      amount: 46_000_00,
      contacts: [
        { contactId: k1.id, role: 'decision_maker' },
        { contactId: j1.id, role: 'user' },
      ],
      ownerId: sales.id,
      closeDate: isoDay(Date.now() + 40 * DAY_MS),
      nextStep: 'Angebot für das Wartungsportal schicken',
    }),
  );
};
