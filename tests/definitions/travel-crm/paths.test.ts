/**
 * The other ways through the loop: a lost opportunity (its reason kept on the prospect),
 * a recycled lead kept for later campaigns, and leads and orders arriving from the
 * website, Zalo and SMS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordView } from '../../../engine/runtime/core/record.js';
import { startTravelServer, type TravelApi } from './travel-server.js';

const SALES = 'user:sales.huong';

describe('travel CRM paths other than the happy loop', () => {
  let api: TravelApi;
  beforeAll(async () => {
    api = await startTravelServer();
  });
  afterAll(async () => {
    expect(api.unexpected).toEqual([]);
    await api.close();
  });

  async function nurturedLead(data: Record<string, unknown>): Promise<RecordView> {
    const lead = await api.create('lead', { source: 'web-form', ...data }, SALES);
    await api.done('lead', lead.id, 'firstContact');
    return api.send('lead', lead.id, 'START_NURTURING', {}, SALES);
  }

  it('a lost opportunity needs a reason, which is kept on the opportunity and the prospect', async () => {
    const lead = await nurturedLead({
      fullName: 'Võ Thị Mai',
      phone: '0903111222',
      email: 'mai.vo@example.vn',
    });
    await api.send(
      'lead',
      lead.id,
      'CONVERT',
      { data: { tripInterest: 'Seoul mùa thu 5N4Đ', travellerCount: 2 } },
      SALES,
    );
    const [opportunity] = await api.waitFor('opportunity', { 'data.leadId': lead.id });
    const [account] = await api.waitFor('account', { 'data.opportunityId': opportunity.id });
    expect(account).toMatchObject({
      state: 'prospect',
      data: { kind: 'individual', name: 'Võ Thị Mai', phone: '0903111222' },
    });
    expect(await api.list('contact', { 'data.accountId': account.id })).toEqual([]);
    await api.waitUntil('opportunity', opportunity.id, (o) => o.data.accountId === account.id);

    const refused = await api.refuse('opportunity', opportunity.id, 'LOSE');
    expect(refused.missingFields).toEqual(['lostReasonCategory', 'lostReason']);
    expect((await api.get('opportunity', opportunity.id)).state).toBe('open.needsSurvey');
    const lost = await api.send(
      'opportunity',
      opportunity.id,
      'LOSE',
      {
        data: { lostReasonCategory: 'visa', lostReason: 'Không xin được visa Hàn Quốc kịp' },
      },
      SALES,
    );
    expect(lost).toMatchObject({
      state: 'lost',
      status: 'done',
      data: { lostReason: 'Không xin được visa Hàn Quốc kịp' },
    });
    expect(lost.data.lostAt).toEqual(expect.any(String));
    const prospect = await api.waitUntil('account', account.id, (a) => a.data.lostOpportunityCount === 1);
    expect(prospect).toMatchObject({
      state: 'prospect',
      data: { lastLostReason: 'Không xin được visa Hàn Quốc kịp' },
    });
    // Lost from a later stage too: the LOSE transition belongs to the whole open stage.
    const again = await api.create(
      'opportunity',
      { title: 'Bangkok – Pattaya 5N4Đ', accountId: account.id },
      SALES,
    );
    await api.done('opportunity', again.id, 'needsSurvey');
    const bangkok = await api.create('product', { code: 'BKK-5N4D', name: 'Bangkok – Pattaya 5N4Đ', kind: 'tour', tourType: 'city' }, SALES);
    await api.send('opportunity', again.id, 'SURVEY_DONE', { data: { productId: bangkok.id } }, SALES);
    const lostLater = await api.send(
      'opportunity',
      again.id,
      'LOSE',
      { data: { lostReasonCategory: 'price', lostReason: 'Bên khác rẻ hơn 2 triệu' } },
      SALES,
    );
    expect(lostLater.state).toBe('lost');
    await api.waitUntil(
      'account',
      account.id,
      (a) => a.data.lostOpportunityCount === 2 && a.data.lastLostReason === 'Bên khác rẻ hơn 2 triệu',
    );
  });

  it('a lead without an opportunity is updated and kept for later campaigns, then brought back', async () => {
    const lead = await nurturedLead({
      fullName: 'Đặng Quang Huy',
      phone: '0987654321',
      interests: ['Sa Pa'],
    });
    expect((await api.refuse('lead', lead.id, 'RECYCLE')).missingFields).toEqual(['recycleReason']);
    const kept = await api.send(
      'lead',
      lead.id,
      'RECYCLE',
      { data: { recycleReason: 'Chưa có kế hoạch năm nay', segment: 'couple', score: 35 } },
      SALES,
    );
    expect(kept).toMatchObject({
      state: 'recycled',
      status: 'active',
      data: { recycleReason: 'Chưa có kế hoạch năm nay', segment: 'couple', score: 35 },
    });
    expect(kept.allowedEvents.map((e) => e.type).sort()).toEqual(['DISQUALIFY', 'REACTIVATE']);
    // The next campaign's audience is a query over kept leads.
    const audience = await api.list('lead', { stage: 'recycled', 'data.interests': 'Sa Pa' });
    expect(audience.map((l) => l.id)).toEqual([lead.id]);
    const back = await api.send('lead', lead.id, 'REACTIVATE', {}, SALES);
    expect(back.state).toBe('nurturing');
    expect(back.data.recycleReason).toBe('Chưa có kế hoạch năm nay');
  });

  it('an SMS campaign turns clicks into targets; an email-only open is refused for SMS', async () => {
    let sms = await api.create(
      'campaign',
      { name: 'Flash sale Đà Nẵng – Hội An', channel: 'sms', destinations: ['Đà Nẵng', 'Hội An'], audience: { entity: 'account', segment: 'Đà Nẵng', filter: { 'data.province': 'Đà Nẵng' } } },
      'user:mkt.lan',
    );
    sms = await api.send(
      'campaign',
      sms.id,
      'LAUNCH',
      { data: { message: 'Giảm 1 triệu tour Đà Nẵng – Hội An' } },
      'user:mkt.lan',
    );
    // An SMS campaign has no email opens: the email channel's report is refused by the guard.
    await expect(api.send('campaign', sms.id, 'EMAIL_OPENED', { payload: { email: 'x@example.vn' } }, 'system:email')).rejects.toMatchObject({ code: 'guard-refused' });
    // Nobody on the staff reports a click: the SMS channel does.
    expect((await api.refuse('campaign', sms.id, 'LINK_CLICKED', { payload: { phone: '0911222333' } })).type).toMatch(/forbidden/);
    await api.send(
      'campaign',
      sms.id,
      'LINK_CLICKED',
      { payload: { phone: '0911222333', name: 'Hoàng Văn Nam' } },
      'system:sms',
    );
    const [target] = await api.waitFor('target', { 'data.campaignId': sms.id });
    expect(target.data).toMatchObject({
      phone: '0911222333',
      fullName: 'Hoàng Văn Nam',
      interests: ['Đà Nẵng', 'Hội An'],
    });
    expect((await api.get('campaign', sms.id)).data.clickedCount).toBe(1);
  });

  it('a Zalo conversation gives a lead to the assigned sales person and an order from the website becomes an opportunity', async () => {
    let chat = await api.create(
      'conversation',
      { channel: 'zalo', externalId: 'zalo-8841', customerName: 'Bùi Thu Trang' },
      'user:mgr.hai',
    );
    chat = await api.send(
      'conversation',
      chat.id,
      'MESSAGE_RECEIVED',
      { payload: { text: 'Tour Phú Quốc tháng 6 còn chỗ không ạ?' } },
      'system:zalo',
    );
    expect(chat.data).toMatchObject({
      messageCount: 1,
      lastMessage: 'Tour Phú Quốc tháng 6 còn chỗ không ạ?',
    });
    chat = await api.send('conversation', chat.id, 'ASSIGN', { data: { assignee: SALES } }, 'user:mgr.hai');
    expect(chat.state).toBe('assigned');
    expect((await api.refuse('conversation', chat.id, 'CAPTURE_LEAD')).reasons).toBeDefined();
    await api.send(
      'conversation',
      chat.id,
      'CAPTURE_LEAD',
      { data: { phone: '0935123456', interests: ['Phú Quốc'] } },
      SALES,
    );
    const [lead] = await api.waitFor('lead', { 'data.conversationId': chat.id });
    expect(lead).toMatchObject({
      state: 'new',
      owner: SALES,
      data: { source: 'zalo', fullName: 'Bùi Thu Trang', phone: '0935123456', interests: ['Phú Quốc'] },
    });

    const order = await api.create(
      'order',
      {
        customerName: 'Lý Gia Hân',
        phone: '0977000111',
        source: 'website-booking',
        tourName: 'Phú Quốc 4N3Đ',
        travellerCount: 4,
        amount: 23_960_000,
        departureDate: '2027-06-05',
      },
      'user:web',
    );
    expect((await api.send('order', order.id, 'ACCEPT', {}, SALES)).state).toBe('accepted');
    const [opportunity] = await api.waitFor('opportunity', { 'data.orderId': order.id });
    expect(opportunity).toMatchObject({
      state: 'open.needsSurvey',
      data: { title: 'Phú Quốc 4N3Đ', travellerCount: 4, amount: 23_960_000, source: 'website-booking' },
    });
    const [account] = await api.waitFor('account', { 'data.opportunityId': opportunity.id });
    expect(account).toMatchObject({ state: 'prospect', data: { kind: 'individual', name: 'Lý Gia Hân' } });
  });

  it('payments past due go overdue and can still be paid; a cancelled contract takes its travellers off the list', async () => {
    // References name real records the sales person may see.
    const account = await api.create('account', { kind: 'individual', name: 'Ngô Bảo Châu' }, SALES);
    const sapa = await api.create('product', { code: 'SP-3N2D', name: 'Sa Pa 3N2Đ', kind: 'tour', tourType: 'mountain' }, SALES);
    const tour = await api.create('tour', { code: 'SP-20260110', name: 'Sa Pa 3N2Đ – đoàn 10/01', productId: sapa.id, departureDate: '2026-01-10' }, SALES);
    const contract = await api.create(
      'contract',
      { title: 'Sa Pa 3N2Đ', accountId: account.id, tourId: tour.id },
      SALES,
    );
    await api.done('contract', contract.id, 'customerReview');
    await api.send(
      'contract',
      contract.id,
      'SIGN',
      {
        data: {
          totalValue: 9_000_000,
          depositAmount: 3_000_000,
          depositDueDate: '2026-01-05',
          balanceAmount: 6_000_000,
          balanceDueDate: '2026-02-01',
        },
      },
      SALES,
    );
    const payments = await api.waitFor('payment', { 'data.contractId': contract.id }, 2);
    const deposit = payments.find((p) => p.data.isDeposit === true) as RecordView;
    expect((await api.send('payment', deposit.id, 'OVERDUE', {}, 'system:scheduler')).state).toBe('overdue');
    const traveller = await api.create(
      'traveller',
      { fullName: 'Ngô Bảo Châu', contractId: contract.id, tourId: tour.id },
      SALES,
    );
    expect((await api.refuse('contract', contract.id, 'CANCEL')).missingFields).toEqual(['cancelReason']);
    await api.send('contract', contract.id, 'CANCEL', { data: { cancelReason: 'Khách ốm' } }, SALES);
    await api.waitForState('traveller', traveller.id, 'cancelled');
    expect(
      (
        await api.send(
          'payment',
          deposit.id,
          'CANCEL',
          { data: { cancelReason: 'Hợp đồng đã hủy' } },
          'user:acc.trang',
        )
      ).state,
    ).toBe('cancelled');
  });
});
