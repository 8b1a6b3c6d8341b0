import { describe, expect, it } from 'vitest';
import { KEY, questionById, questionnaireScreen, reopenSession, type TestApp } from './harness.js';

const vendorList = () => questionnaireScreen('vendors.list');

const field = (id: string) => {
  const texts: Record<string, string> = {
    name: 'Vendor name',
    service: 'What do they do for you?',
    customer_data: 'Do they store, process or have access to customer data?',
    soc2_report: 'Do you have their SOC 2 Type II report on file?',
    report_period_end: "On what date does that report's period end?",
    bridge_letter: 'Do you have a bridge letter from them',
    cuecs_reviewed: "Have you reviewed the report's complementary user entity controls",
  };
  return texts[id]!;
};

/** Adds Stripe (no SOC 2 report, so the report's follow-up fields are not asked). */
async function addStripe(a: TestApp) {
  await a.press(KEY.enter); // Add the first entry
  await a.waitFor('Entry 1');
  await a.waitFor(field('name'));
  await a.type('Stripe');
  await a.press(KEY.enter);
  await a.waitFor(field('service'));
  expect(a.frame()).toContain('Entry 1: Stripe');
  await a.type('Payments');
  await a.press(KEY.enter);
  await a.waitFor(field('customer_data'));
  await a.press(KEY.enter); // Yes
  await a.waitFor(field('soc2_report'));
  await a.press(KEY.down, KEY.enter); // No
  await a.waitFor('1. Stripe');
}

/** In a new entry: types its name and service, and waits for the customer-data question. */
async function nameAndService(a: TestApp, name: string, service: string) {
  await a.type(name);
  await a.press(KEY.enter);
  await a.type(service);
  await a.press(KEY.enter);
  await a.waitFor(field('customer_data'));
}

describe('List editor (vendors)', () => {
  it('adds an entry field by field, skipping the fields its answers hide, and saves it at once', async () => {
    const { session, app } = await vendorList();
    expect(app.frame()).toContain('No entries yet.');
    expect(app.selected()).toContain('Add the first entry');
    expect(app.frame()).toContain('None to list: save an empty list');
    expect(app.frame()).toContain("I don't know");

    await addStripe(app);
    expect(app.frame()).not.toContain(field('report_period_end'));
    expect(app.frame()).toContain('1. Stripe · service: Payments · customer data: Yes · soc2 report: No');
    const stripe = { name: 'Stripe', service: 'Payments', customer_data: 'yes', soc2_report: 'no' };
    expect(session.workspace.answers['vendors.list']).toEqual([stripe]);
    expect((await reopenSession(session)).workspace.answers['vendors.list']).toEqual([stripe]);
    // Still on the list question, ready for another.
    expect(app.selected()).toContain('Add another entry');

    // With a report on file, its date, bridge letter and CUECs are asked; a bad date is refused.
    await app.press(KEY.enter);
    await app.waitFor('Entry 2');
    await nameAndService(app, 'AWS', 'Hosting');
    await app.press(KEY.enter);
    await app.waitFor(field('soc2_report'));
    await app.press(KEY.enter); // Yes
    await app.waitFor(field('report_period_end'));
    expect(app.frame()).toContain('Printed on the report'); // the field's help
    await app.type('2026-13-45');
    await app.press(KEY.enter);
    await app.waitFor('Enter a date as YYYY-MM-DD.');
    expect(app.frame()).toContain(field('report_period_end'));
    await app.press(KEY.ctrlU);
    await app.type('2026-06-30');
    await app.press(KEY.enter);
    await app.waitFor(field('bridge_letter'));
    expect(app.frame()).not.toContain('Enter a date as');
    await app.press(KEY.down, KEY.enter); // No
    await app.waitFor(field('cuecs_reviewed'));
    await app.press(KEY.enter); // Yes
    await app.waitFor('2. AWS');
    expect(session.workspace.answers['vendors.list']).toEqual([
      stripe,
      {
        name: 'AWS',
        service: 'Hosting',
        customer_data: 'yes',
        soc2_report: 'yes',
        report_period_end: '2026-06-30',
        bridge_letter: 'no',
        cuecs_reviewed: 'yes',
      },
    ]);
  });

  it('refuses a vendor listed twice and asks for its name again', async () => {
    const { session, app } = await vendorList();
    await addStripe(app);
    await app.press(KEY.enter);
    await app.waitFor('Entry 2');
    await nameAndService(app, 'Stripe', 'Payouts');
    await app.press(KEY.enter);
    await app.waitFor(field('soc2_report'));
    await app.press(KEY.down, KEY.enter);
    await app.waitFor("'Stripe' is listed twice.");
    expect(app.frame()).toContain(field('name'));
    expect(app.frame()).toContain('› Stripe');
    expect(session.workspace.answers['vendors.list']).toHaveLength(1);
    await app.press(KEY.ctrlU);
    await app.type('Adyen');
    await app.press(KEY.enter);
    // The other fields keep their answers; the entry is complete now.
    await app.waitFor('2. Adyen');
    expect(session.workspace.answers['vendors.list']).toEqual([
      expect.objectContaining({ name: 'Stripe' }),
      { name: 'Adyen', service: 'Payouts', customer_data: 'yes', soc2_report: 'no' },
    ]);
  });

  it('drops an entry in progress with Esc, and typing q there is text', async () => {
    const { session, app } = await vendorList();
    await addStripe(app);
    await app.press(KEY.enter);
    await app.waitFor('Entry 2');
    expect(app.frame()).toContain('Esc drops this entry.');
    expect(app.frame()).toMatch(/Enter answer · Esc drop this entry · Ctrl-C quit/);
    await app.type('qonto');
    expect(app.frame()).toContain('› qonto');
    expect(app.exited()).toBe(false);
    await app.press(KEY.enter);
    await app.waitFor(field('service'));
    await app.press(KEY.escape);
    await app.waitFor('Add another entry');
    expect(app.frame()).not.toContain('qonto');
    expect(app.frame()).toContain(questionById(session, 'vendors.list').text);
    expect(session.workspace.answers['vendors.list']).toHaveLength(1);
    // Esc in a yes/no field drops the entry too.
    await app.press(KEY.enter);
    await nameAndService(app, 'Plaid', 'Bank data');
    await app.press(KEY.escape);
    await app.waitFor('Add another entry');
    expect(session.workspace.answers['vendors.list']).toHaveLength(1);
  });

  it('removes the last entry, and Done saves the list and goes on', async () => {
    const { session, app } = await vendorList();
    await addStripe(app);
    await app.press(KEY.enter);
    await nameAndService(app, 'Plaid', 'Bank data');
    await app.press(KEY.down, KEY.enter); // No
    await app.waitFor(field('soc2_report'));
    await app.press(KEY.down, KEY.enter); // No
    await app.waitFor('2. Plaid');

    await app.press(KEY.down);
    expect(app.selected()).toContain('Remove the last entry (Plaid)');
    await app.press(KEY.enter);
    await app.waitForGone('2. Plaid');
    expect(session.workspace.answers['vendors.list']).toEqual([expect.objectContaining({ name: 'Stripe' })]);

    // The cursor stays where it was: one down is Done.
    expect(app.selected()).toContain('Remove the last entry (Stripe)');
    await app.press(KEY.down);
    expect(app.selected()).toContain('Done: save 1 entry and go on');
    await app.press(KEY.enter);
    await app.waitFor(questionById(session, 'vendors.contracts').text);
    expect(session.workspace.answers['vendors.list']).toEqual([expect.objectContaining({ name: 'Stripe' })]);
    expect(session.workspace.data.answers.resumeAt).toBe('vendors.contracts');

    // Back on the list, the entries are there.
    await app.press(KEY.escape);
    await app.waitFor('1. Stripe');
  });

  it("saves an empty list, or I don't know", async () => {
    const { session, app } = await vendorList();
    await app.press(KEY.down);
    expect(app.selected()).toContain('None to list: save an empty list');
    await app.press(KEY.enter);
    await app.waitFor(questionById(session, 'vendors.contracts').text);
    expect(session.workspace.answers['vendors.list']).toEqual([]);

    await app.press(KEY.escape);
    await app.waitFor('No entries yet.');
    await app.press(KEY.down, KEY.down);
    expect(app.selected()).toContain("I don't know");
    await app.press(KEY.enter);
    await app.waitFor(questionById(session, 'vendors.contracts').text);
    expect(session.workspace.answers['vendors.list']).toBe('unknown');
  });

  it("shows the list's help with '?' in the menu", async () => {
    const { session, app } = await vendorList();
    const help = questionById(session, 'vendors.list').help;
    expect(app.text()).not.toContain(help);
    await app.press('?');
    await app.waitFor(help);
  });
});
