import { describe, expect, it } from 'vitest';
import { accountCompletenessFields, completenessOf, contactCompletenessFields } from '../src/quality/completeness.js';
import {
  foldGerman,
  koelnerPhonetik,
  normalizeCompanyName,
  normalizePersonName,
  normalizePhone,
} from '../src/quality/normalize.js';

describe('normalizeCompanyName', () => {
  it.each([
    ['Müller Maschinenbau GmbH & Co. KG', 'mueller maschinenbau'],
    ['Mueller Maschinenbau GmbH', 'mueller maschinenbau'],
    ['MÜLLER MASCHINENBAU', 'mueller maschinenbau'],
    ['Huber AG & Co. KG', 'huber'],
    ['Alpen-Logistik e.K.', 'alpen logistik'],
    ['Straßenbau Weiß UG (haftungsbeschränkt)', 'strassenbau weiss'],
    ['Keller & Söhne Ltd.', 'keller und soehne'],
    ['AGRAR Technik AG', 'agrar technik'],
    ['Seidel SE', 'seidel'],
    ['Zürcher Informatik SA', 'zuercher informatik'],
    ['Agentur Sägewerk', 'agentur saegewerk'],
  ])('%s → %s', (name, key) => {
    expect(normalizeCompanyName(name)).toBe(key);
  });
});

describe('normalizePersonName and foldGerman', () => {
  it.each([
    ['Dr. Jürgen Meyer-Lüdenscheidt', 'juergen meyer luedenscheidt'],
    ['  Anna   MÜLLER ', 'anna mueller'],
    ['Prof. Dr. Zoë Weiß', 'zoe weiss'],
  ])('%s → %s', (name, key) => {
    expect(normalizePersonName(name)).toBe(key);
  });

  it('spells umlauts out so both spellings meet', () => {
    expect(foldGerman('Müßig')).toBe(foldGerman('Muessig'));
  });
});

describe('normalizePhone', () => {
  it.each([
    ['+49 89 1234567', '49891234567'],
    ['0049 (0)89 1234567', '490891234567'],
    ['089 / 123 45 67', '49891234567'],
    ['+41 44 123 45 67', '41441234567'],
  ])('%s → %s', (phone, digits) => {
    expect(normalizePhone(phone)).toBe(digits);
  });
});

describe('koelnerPhonetik', () => {
  // Codes worked out by hand with Postel's table; Müller-Lüdenscheidt and Breschnew are the classic examples.
  it.each([
    ['Müller-Lüdenscheidt', '65752682'],
    ['Breschnew', '17863'],
    ['Wikipedia', '3412'],
    ['Meier', '67'],
    ['Mayer', '67'],
    ['Maier', '67'],
    ['Schmidt', '862'],
    ['Schmitt', '862'],
    ['Xaver', '4837'],
    ['Christoph', '47823'],
    ['Philipp', '351'],
    ['', ''],
  ])('%s → %s', (word, code) => {
    expect(koelnerPhonetik(word)).toBe(code);
  });
});

describe('completenessOf', () => {
  it('weighs the missing fields (worked example)', () => {
    // weights: email 3, lastName 2, firstName 1, account 2, jobTitle 1, phone 1, owner 1 = 11
    // missing: firstName 1 + account 2 + phone 1 = 4 → 7/11 = 63.6 % → 64
    const result = completenessOf(
      {
        emails: ['a@b.de'],
        lastName: 'Huber',
        firstName: ' ',
        accountId: null,
        jobTitle: 'CEO',
        phone: null,
        ownerId: 'u1',
      },
      contactCompletenessFields,
    );
    expect(result).toEqual({ score: 64, missing: ['accountId', 'firstName', 'phone'] });
  });

  it.each([
    [{ domain: 'a.de', industry: 'Bau', employeeBand: '1-10', country: 'DE', city: 'Ulm', ownerId: 'u' }, 100, []],
    [{}, 0, ['domain', 'ownerId', 'industry', 'employeeBand', 'country', 'city']],
    // missing owner (2) of 8 → 75
    [{ domain: 'a.de', industry: 'Bau', employeeBand: '1-10', country: 'DE', city: 'Ulm' }, 75, ['ownerId']],
  ])('account %j → %i', (account, score, missing) => {
    expect(completenessOf(account as Record<string, unknown>, accountCompletenessFields)).toEqual({ score, missing });
  });
});
