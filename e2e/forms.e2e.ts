import type { Contact } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSession, type Journey, loginAs, startJourney, visible } from './support';

/*
 * A form saves on its first click (issue 14): an email typed into the chips field but not yet confirmed
 * with Enter becomes part of the contact when "Anlegen" is clicked with the mouse, and that one click saves.
 * Before, mouse-down committed the chip, the form grew, the button moved away from under the pointer, and
 * the click was lost without a word.
 */

describe('forms save on the first click', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney('forms');
  }, 180_000);
  afterAll(async () => {
    await j?.stop();
  });

  it('creates a contact with the email still being typed, in one click', async () => {
    await loginAs(j, 'lena.vogt@nenner.demo');
    const { page } = j;
    await page.goto(`${j.baseUrl}/contacts`);
    await page.getByRole('button', { name: 'Neuer Kontakt' }).click();
    const dialog = page.getByRole('dialog', { name: 'Neuen Kontakt anlegen' });
    await visible(dialog);
    await dialog.getByLabel('Vorname').fill('Jörg');
    await dialog.getByLabel('Nachname').fill('Erstklick');
    // typed, not confirmed with Enter: the chip does not exist yet
    await dialog.getByLabel('E-Mail-Adressen').pressSequentially('j.erstklick@beispiel.de');

    const created = page.waitForResponse((r) => r.url().endsWith('/api/contacts') && r.request().method() === 'POST');
    // one real mouse click: press, release, at the button's position as it was before the press
    const box = await dialog.getByRole('button', { name: 'Anlegen' }).boundingBox();
    expect(box).not.toBeNull();
    await page.mouse.click((box?.x ?? 0) + (box?.width ?? 0) / 2, (box?.y ?? 0) + (box?.height ?? 0) / 2);
    const res = await created;
    expect(res.status()).toBe(201);
    const contact = (await res.json()) as Contact;
    expect(contact.emails).toEqual(['j.erstklick@beispiel.de']);
    await page.waitForURL(`${j.baseUrl}/contacts/${contact.id}`);

    const lena = await apiSession(j.baseUrl, 'lena.vogt@nenner.demo');
    const stored = await lena<Contact>('GET', `/contacts/${contact.id}`);
    expect(stored).toMatchObject({ firstName: 'Jörg', lastName: 'Erstklick', emails: ['j.erstklick@beispiel.de'] });
  });
});
