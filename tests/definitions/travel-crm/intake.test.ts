/**
 * An opportunity's intake makes its customer's account from what the sales person typed,
 * and only when there is something to make it from: an opportunity with a title alone, or
 * a company's contact without the company's name, used to set off an automation that
 * failed ("account: name is required") on the record's timeline and in the sales
 * person's inbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTravelServer, type TravelApi } from './travel-server.js';

describe('the opportunity intake', () => {
  let api: TravelApi;
  beforeAll(async () => {
    api = await startTravelServer();
  });
  afterAll(async () => api.close());

  async function intake(data: Record<string, unknown>) {
    const opportunity = await api.create('opportunity', { title: 'Tour Đà Nẵng 4N3Đ', ...data });
    while ((await api.engine.drainOutbox()) > 0);
    const timeline = await api.engine.timeline('opportunity', opportunity.id);
    const accounts = await api.list('account', { 'data.opportunityId': opportunity.id });
    return { opportunity: await api.get('opportunity', opportunity.id), failures: timeline.filter((e) => e.kind === 'effect-failed'), accounts };
  }

  it.each([
    ['a title alone', {}],
    ['a company’s contact without the company’s name', { customerKind: 'business', customerName: 'Chị Hoa' }],
    ['an agent without its name', { customerKind: 'agent' }],
  ])('with %s: opens the opportunity, makes no account and fails nothing', async (_, data) => {
    const { opportunity, failures, accounts } = await intake(data);
    expect(opportunity.state).toBe('open.needsSurvey');
    expect(failures).toEqual([]);
    expect(accounts).toEqual([]);
  });

  it('makes an individual’s account from their name', async () => {
    const { opportunity, failures, accounts } = await intake({ customerName: 'Anh Tuấn', customerPhone: '0903123456' });
    expect(failures).toEqual([]);
    expect(accounts.map((a) => a.data)).toEqual([expect.objectContaining({ kind: 'individual', name: 'Anh Tuấn', phone: '0903123456' })]);
    expect(opportunity.data.accountId).toBe(accounts[0]?.id);
  });

  it('makes a company’s account from the company’s name, its contact beside it', async () => {
    const { opportunity, failures, accounts } = await intake({ customerKind: 'business', companyName: 'Công ty TNHH Biển Xanh', customerName: 'Chị Hoa' });
    expect(failures).toEqual([]);
    expect(accounts.map((a) => a.data)).toEqual([expect.objectContaining({ kind: 'business', name: 'Công ty TNHH Biển Xanh', contactName: 'Chị Hoa' })]);
    expect(opportunity.data.accountId).toBe(accounts[0]?.id);
  });
});
