/**
 * The whole loop of DOMAIN.md, step 1 to step 12, through the HTTP API only: every
 * record a person moves, and every record an automation creates after commit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordView } from '../../../engine/runtime/core/record.js';
import { startTravelServer, type TravelApi } from './travel-server.js';

const MARKETING = 'user:mkt.lan';
const SALES = 'user:sales.minh';
const OPERATOR = 'user:op.khanh';
const ACCOUNTANT = 'user:acc.trang';
const MANAGER = 'user:mgr.hai';

describe('the travel CRM loop, step 1 to step 12', () => {
  let api: TravelApi;
  // What each step leaves for the next.
  let campaign: RecordView;
  let target: RecordView;
  let lead: RecordView;
  let opportunity: RecordView;
  let account: RecordView;
  let product: RecordView;
  let tour: RecordView;
  let quote: RecordView;
  let contract: RecordView;
  let travellers: RecordView[];
  let settlement: RecordView;

  beforeAll(async () => {
    api = await startTravelServer();
    // Reference data an operator keeps: a tour product and one of its departures.
    product = await api.create(
      'product',
      {
        code: 'HL-3N2D',
        name: 'Hạ Long 3 ngày 2 đêm',
        kind: 'tour',
        destination: 'Hạ Long',
        region: 'domestic',
        durationDays: 3,
      },
      OPERATOR,
    );
    product = await api.send(
      'product',
      product.id,
      'PUBLISH',
      { data: { price: 4_590_000, unit: 'per-person' } },
      OPERATOR,
    );
    tour = await api.create(
      'tour',
      {
        code: 'HL-2027-03-12',
        name: 'Hạ Long 3N2Đ – đoàn 12/03',
        productId: product.id,
        destination: 'Hạ Long',
        departureDate: '2027-03-12',
        returnDate: '2027-03-14',
        capacity: 30,
        pricePerPerson: 4_590_000,
      },
      OPERATOR,
    );
  });
  afterAll(async () => {
    expect(api.unexpected).toEqual([]);
    await api.close();
  });

  it('1. an email campaign turns the recipients who open it into targets', async () => {
    campaign = await api.create(
      'campaign',
      {
        name: 'Hè rực rỡ 2027',
        channel: 'email',
        destinations: ['Hạ Long', 'Sa Pa'],
        audience: { entity: 'account', segment: 'family', filter: { 'data.kind': 'individual' }, size: 1200 },
      },
      MARKETING,
    );
    expect(campaign.state).toBe('draft');
    const missing = await api.refuse('campaign', campaign.id, 'LAUNCH');
    expect(missing.missingFields).toEqual(['message']);
    campaign = await api.send(
      'campaign',
      campaign.id,
      'LAUNCH',
      { data: { subject: 'Ưu đãi hè', message: 'Giảm 10% tour gia đình' } },
      MARKETING,
    );
    expect(campaign.state).toBe('running');
    campaign = await api.send(
      'campaign',
      campaign.id,
      'EMAIL_OPENED',
      { payload: { email: 'an.nguyen@example.vn', name: 'Nguyễn Văn An', phone: '0912345678' } },
      'system:email',
    );
    await api.send(
      'campaign',
      campaign.id,
      'EMAIL_OPENED',
      { payload: { email: 'binh.tran@example.vn', name: 'Trần Thị Bình' } },
      'system:email',
    );
    const targets = await api.waitFor('target', { 'data.campaignId': campaign.id }, 2);
    target = targets.find((t) => t.data.email === 'an.nguyen@example.vn') as RecordView;
    expect(target).toMatchObject({
      state: 'new',
      owner: MARKETING,
      data: { fullName: 'Nguyễn Văn An', phone: '0912345678', interests: ['Hạ Long', 'Sa Pa'] },
    });
    expect((await api.get('campaign', campaign.id)).data.openedCount).toBe(2);
  });

  it('2. targets go onto a sales person’s list and a verified target converts to a lead', async () => {
    target = await api.send('target', target.id, 'ASSIGN', { data: { salesRep: SALES } }, MARKETING);
    expect(target.state).toBe('assigned');
    const mine = await api.list('target', { 'data.salesRep': SALES, stage: 'assigned' });
    expect(mine.map((t) => t.id)).toEqual([target.id]);
    expect((await api.refuse('target', target.id, 'VERIFY')).reasons).toBeDefined();
    await api.done('target', target.id, 'verifyCall');
    target = await api.send('target', target.id, 'VERIFY');
    expect(target.state).toBe('verified');
    target = await api.send('target', target.id, 'CONVERT');
    expect(target.state).toBe('converted');
    [lead] = await api.waitFor('lead', { 'data.targetId': target.id });
    expect(lead).toMatchObject({
      state: 'new',
      owner: SALES,
      data: { source: 'campaign', fullName: 'Nguyễn Văn An', campaignId: campaign.id },
    });
    // The back-link is written by the same effect, just after the lead is created.
    await api.waitUntil('target', target.id, (t) => t.data.leadId === lead.id);
  });

  it('3–4. a nurtured lead becomes an opportunity, saving the company as a prospect with its contact', async () => {
    await api.done('lead', lead.id, 'firstContact');
    lead = await api.send('lead', lead.id, 'START_NURTURING');
    expect(lead.state).toBe('nurturing');
    lead = await api.send('lead', lead.id, 'CONVERT', {
      data: {
        tripInterest: 'Du thuyền Hạ Long cho ban giám đốc',
        kind: 'business',
        companyName: 'Công ty TNHH Sao Việt',
        taxCode: '0101234567',
        travellerCount: 3,
        budget: 15_000_000,
        interests: ['Hạ Long'],
      },
    });
    expect(lead.state).toBe('converted');
    [opportunity] = await api.waitFor('opportunity', { 'data.leadId': lead.id });
    expect(opportunity).toMatchObject({
      state: 'open.needsSurvey',
      owner: SALES,
      data: { customerKind: 'business', companyName: 'Công ty TNHH Sao Việt', travellerCount: 3 },
    });
    [account] = await api.waitFor('account', { 'data.opportunityId': opportunity.id });
    expect(account).toMatchObject({
      state: 'prospect',
      data: {
        kind: 'business',
        name: 'Công ty TNHH Sao Việt',
        taxCode: '0101234567',
        contactName: 'Nguyễn Văn An',
      },
    });
    const [contact] = await api.waitFor('contact', { 'data.accountId': account.id });
    expect(contact).toMatchObject({
      state: 'active',
      data: { fullName: 'Nguyễn Văn An', phone: '0912345678', isPrimary: true },
    });
    opportunity = await api.waitUntil('opportunity', opportunity.id, (o) => o.data.accountId !== undefined);
    expect(opportunity.data.accountId).toBe(account.id);
    await api.waitUntil('lead', lead.id, (l) => l.data.opportunityId === opportunity.id);
    // 4.2: one account, many opportunities; a second trip is created on the same account.
    const second = await api.create('opportunity', {
      title: 'Teambuilding Phú Quốc 2027',
      accountId: account.id,
      travellerCount: 25,
    });
    expect(second.state).toBe('open.needsSurvey');
    expect(await api.list('account', { 'data.taxCode': '0101234567' })).toHaveLength(1);
  });

  it('5. sales activities take the opportunity through survey, quote and contract draft to won', async () => {
    const call = await api.create('sales-activity', {
      type: 'call',
      subject: 'Gọi hỏi thăm nhu cầu',
      opportunityId: opportunity.id,
      accountId: account.id,
      dueAt: '2027-01-10T09:00:00.000Z',
    });
    expect(call.state).toBe('planned');
    expect((await api.refuse('sales-activity', call.id, 'COMPLETE')).missingFields).toEqual(['outcome']);
    expect(
      (
        await api.send('sales-activity', call.id, 'COMPLETE', {
          data: { outcome: 'Khách muốn đi đầu tháng 3' },
        })
      ).state,
    ).toBe('done');

    await api.done('opportunity', opportunity.id, 'needsSurvey', 'followUpCall');
    opportunity = await api.send('opportunity', opportunity.id, 'SURVEY_DONE', {
      data: {
        productId: product.id,
        tourId: tour.id,
        needs: { travelStyle: 'relax', hotelClass: 4, transport: 'coach', dietary: 'Một khách ăn chay' },
      },
    });
    expect(opportunity.state).toBe('open.proposal');
    [quote] = await api.waitFor('quote', { 'data.opportunityId': opportunity.id });
    expect(quote).toMatchObject({
      state: 'draft',
      data: { accountId: account.id, productId: product.id, tourId: tour.id, travellerCount: 3 },
    });
    const lines = [
      {
        productId: product.id,
        description: 'Hạ Long 3N2Đ',
        quantity: 3,
        unitPrice: 4_590_000,
        amount: 13_770_000,
      },
    ];
    quote = await api.send('quote', quote.id, 'SEND', {
      data: { lines, total: 13_770_000, validUntil: '2027-02-15' },
    });
    expect(quote.state).toBe('sent');
    await api.done('opportunity', opportunity.id, 'meeting', 'sendQuote');
    quote = await api.send('quote', quote.id, 'ACCEPT');
    expect(quote.state).toBe('accepted');
    opportunity = await api.waitForState('opportunity', opportunity.id, 'open.negotiation');

    await api.done('opportunity', opportunity.id, 'draftContract');
    // The deal's amount is the accepted quote's total.
    expect(opportunity.data.amount).toBe(13_770_000);
    opportunity = await api.send('opportunity', opportunity.id, 'WIN');
    expect(opportunity.state).toBe('won');
    [contract] = await api.waitFor('contract', { 'data.opportunityId': opportunity.id });
    expect(contract).toMatchObject({
      state: 'draft',
      owner: SALES,
      data: { accountId: account.id, quoteId: quote.id, tourId: tour.id, totalValue: 13_770_000 },
    });
  });

  it('6. the contract schedules receipts; the deposit makes a customer and puts the travellers on the group list', async () => {
    await api.done('contract', contract.id, 'customerReview');
    contract = await api.send('contract', contract.id, 'SIGN', {
      data: {
        contractNo: 'HD-2027-0001',
        depositAmount: 5_000_000,
        depositDueDate: '2027-01-20',
        balanceAmount: 8_770_000,
        balanceDueDate: '2027-02-26',
      },
    });
    expect(contract.state).toBe('signed');
    const payments = await api.waitFor('payment', { 'data.contractId': contract.id }, 2);
    const deposit = payments.find((p) => p.data.isDeposit === true) as RecordView;
    const balance = payments.find((p) => p.data.isDeposit === false) as RecordView;
    expect(deposit).toMatchObject({
      state: 'due',
      data: {
        kind: 'receipt',
        purpose: 'deposit',
        amount: 5_000_000,
        dueDate: '2027-01-20',
        accountId: account.id,
      },
    });
    expect(balance).toMatchObject({
      state: 'due',
      data: { purpose: 'balance', amount: 8_770_000, dueDate: '2027-02-26' },
    });

    travellers = [];
    for (const fullName of ['Nguyễn Văn An', 'Lê Thị Hoa', 'Phạm Quốc Bảo']) {
      travellers.push(
        await api.create('traveller', {
          fullName,
          contractId: contract.id,
          tourId: tour.id,
          accountId: account.id,
        }),
      );
    }
    expect(travellers.every((t) => t.state === 'registered')).toBe(true);
    await api.done('contract', contract.id, 'travellerList');

    expect((await api.refuse('payment', deposit.id, 'PAY')).missingFields).toEqual(['paidAt', 'method']);
    expect(
      (
        await api.send(
          'payment',
          deposit.id,
          'PAY',
          { data: { paidAt: '2027-01-18T03:00:00.000Z', method: 'bank-transfer' } },
          ACCOUNTANT,
        )
      ).state,
    ).toBe('paid');
    contract = await api.waitForState('contract', contract.id, 'depositPaid');
    // The contract keeps what was paid and what is still owed (computed fields).
    expect([contract.data.paidAmount, contract.data.balanceAmount, contract.data.outstandingAmount]).toEqual([5_000_000, 8_770_000, 8_770_000]);
    account = await api.waitForState('account', account.id, 'customer');
    expect(account.data).toMatchObject({ contractCount: 1 });
    expect(account.data.becameCustomerAt).toEqual(expect.any(String));
    const groupList = await api.waitFor('traveller', { 'data.tourId': tour.id, stage: 'onList' }, 3);
    expect(groupList.map((t) => t.data.fullName).sort()).toEqual([
      'Lê Thị Hoa',
      'Nguyễn Văn An',
      'Phạm Quốc Bảo',
    ]);

    await api.send(
      'payment',
      balance.id,
      'PAY',
      { data: { paidAt: '2027-02-20T03:00:00.000Z', method: 'cash' } },
      ACCOUNTANT,
    );
    contract = await api.waitForState('contract', contract.id, 'paid');
    expect([contract.data.paidAmount, contract.data.outstandingAmount]).toEqual([13_770_000, 0]);
    expect(contract.data.receiptCount).toBe(2);
    // An expense (phiếu chi) against the tour moves no contract.
    const expense = await api.create(
      'payment',
      {
        kind: 'expense',
        purpose: 'supplier',
        tourId: tour.id,
        amount: 9_000_000,
        title: 'Đặt cọc du thuyền',
        counterparty: 'Du thuyền Paradise',
      },
      ACCOUNTANT,
    );
    expect(
      (
        await api.send(
          'payment',
          expense.id,
          'PAY',
          { data: { paidAt: '2027-02-01T03:00:00.000Z', method: 'bank-transfer' } },
          ACCOUNTANT,
        )
      ).state,
    ).toBe('paid');
  });

  it('7. tour operations: bookings, group plan, briefing, advance, incidents, return', async () => {
    tour = await api.send('tour', tour.id, 'START_BOOKING', {}, OPERATOR);
    expect((await api.refuse('tour', tour.id, 'BOOKINGS_DONE')).reasons).toBeDefined();
    await api.done('tour', tour.id, 'bookMeals', 'bookHotel', 'bookSightseeing', 'hireGuide', 'bookVehicle');
    tour = await api.send(
      'tour',
      tour.id,
      'BOOKINGS_DONE',
      { data: { tourLeader: 'Đỗ Minh Khôi', hotel: 'Vinpearl Hạ Long', vehicle: 'Xe 29 chỗ' } },
      OPERATOR,
    );
    expect(tour.state).toBe('preparing');
    await api.done('tour', tour.id, 'groupPlan', 'briefing', 'advance');
    tour = await api.send('tour', tour.id, 'DEPART', { data: { advanceAmount: 10_000_000 } }, OPERATOR);
    expect(tour.state).toBe('inProgress');
    tour = await api.send(
      'tour',
      tour.id,
      'LOG_INCIDENT',
      {
        payload: { description: 'Khách say sóng, mua thuốc', cost: 150_000, at: '2027-03-13T02:00:00.000Z' },
      },
      OPERATOR,
    );
    expect(tour.data.incidents).toEqual([
      { description: 'Khách say sóng, mua thuốc', cost: 150_000, at: '2027-03-13T02:00:00.000Z' },
    ]);
    expect(tour.data.incidentCount).toBe(1);
    tour = await api.send('tour', tour.id, 'RETURN', {}, OPERATOR);
    expect(tour.state).toBe('returned');
    [settlement] = await api.waitFor('settlement', { 'data.tourId': tour.id });
    expect(settlement).toMatchObject({
      state: 'open',
      data: { advanceAmount: 10_000_000, incidents: tour.data.incidents },
    });
  });

  it('8. the settlement closes costs and incidents, and closes the tour, its contracts and travellers', async () => {
    await api.done('settlement', settlement.id, 'supplierInvoices', 'reconcileIncidents', 'settleAdvance');
    settlement = await api.send(
      'settlement',
      settlement.id,
      'SUBMIT',
      { data: { revenue: 13_770_000, totalCost: 9_150_000, incidentCost: 150_000 } },
      ACCOUNTANT,
    );
    expect(settlement.state).toBe('review');
    settlement = await api.send('settlement', settlement.id, 'APPROVE', {}, MANAGER);
    expect(settlement.state).toBe('closed');
    tour = await api.waitForState('tour', tour.id, 'closed');
    contract = await api.waitForState('contract', contract.id, 'completed');
    await api.waitFor('traveller', { 'data.tourId': tour.id, stage: 'travelled' }, 3);
    account = await api.waitUntil('account', account.id, (a) => a.data.tripCount === 1);
  });

  it('9. customer care: a follow-up call after the trip and birthday greetings', async () => {
    const [followUp] = await api.waitFor('care-task', { 'data.contractId': contract.id });
    expect(followUp).toMatchObject({
      state: 'open',
      owner: SALES,
      data: { kind: 'follow-up-call', accountId: account.id, tourId: tour.id },
    });
    expect(
      (
        await api.send('care-task', followUp.id, 'DONE', {
          data: { outcome: 'Khách hài lòng, muốn đi Sa Pa mùa lúa chín' },
        })
      ).state,
    ).toBe('done');
    // The pack's daily recurring job sends BIRTHDAY to accounts born today.
    await api.send('account', account.id, 'BIRTHDAY', {}, 'system:scheduler');
    // A greeting by email and by SMS, each written on the account's timeline (this server
    // has no channel configured: they say so instead of going out).
    let greetings: Awaited<ReturnType<typeof api.engine.timeline>> = [];
    for (let tries = 0; tries < 2000 && greetings.length < 2; tries++) {
      greetings = (await api.engine.timeline('account', account.id)).filter((e) => e.kind === 'message');
      if (greetings.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(greetings.map((g) => [g.payload?.channel, g.payload?.template]).sort()).toEqual([
      ['email', 'birthdayEmail'],
      ['sms', 'birthdaySms'],
    ]);
    // Segments are list filters: loyal and VIP customers, prospects, …
    expect(
      (await api.list('account', { stage: 'customer', 'data.kind': 'business' })).map((a) => a.id),
    ).toContain(account.id);
  });

  it('10. a poor comment after the tour opens a case about the supplier', async () => {
    const [comment] = await api.waitFor('comment', { 'data.contractId': contract.id });
    expect(comment).toMatchObject({
      state: 'requested',
      data: { accountId: account.id, tourId: tour.id, productId: product.id },
    });
    const received = await api.send('comment', comment.id, 'SUBMIT', {
      data: {
        subject: 'hotel',
        supplierName: 'Vinpearl Hạ Long',
        rating: 2,
        text: 'Phòng không đúng hạng đã hứa',
      },
    });
    expect(received.state).toBe('received');
    const [kase] = await api.waitFor('case', { 'data.commentId': comment.id });
    expect(kase).toMatchObject({
      state: 'open',
      data: {
        category: 'complaint',
        about: 'hotel',
        supplierName: 'Vinpearl Hạ Long',
        accountId: account.id,
        tourId: tour.id,
        description: 'Phòng không đúng hạng đã hứa',
      },
    });
    await api.send('case', kase.id, 'INVESTIGATE', {}, MANAGER);
    expect((await api.refuse('case', kase.id, 'RESOLVE')).missingFields).toEqual(['resolution']);
    await api.send(
      'case',
      kase.id,
      'RESOLVE',
      { data: { resolution: 'Hoàn 500.000đ, đổi khách sạn đối tác', compensation: 500_000 } },
      MANAGER,
    );
    expect((await api.send('case', kase.id, 'CLOSE', {}, MANAGER)).state).toBe('closed');
    expect((await api.send('comment', comment.id, 'REVIEW', {}, MANAGER)).state).toBe('reviewed');
  });

  it('11. reports are queries over the records: customers, sales and revenue', async () => {
    expect(await api.list('account', { stage: 'customer' })).toHaveLength(1);
    expect(await api.list('account', { stage: 'prospect' })).toHaveLength(0);
    const won = await api.list('opportunity', { stage: 'won', owner: SALES });
    expect(won.map((o) => o.data.amount)).toEqual([13_770_000]);
    const receipts = await api.list('payment', { stage: 'paid', 'data.kind': 'receipt' });
    expect(receipts.reduce((sum, p) => sum + (p.data.amount as number), 0)).toBe(13_770_000);
    const timeline = await api.http.get<{ items: { type: string }[] }>(
      `/api/records/opportunity/${opportunity.id}/timeline`,
    );
    expect(timeline.body.items.map((e) => e.type)).toEqual(
      expect.arrayContaining(['created', 'SURVEY_DONE', 'QUOTE_ACCEPTED', 'WIN', 'createRecord']),
    );
  });

  it('12. business targets: the period review records adjustments and creates the next campaign', async () => {
    let kpi = await api.create(
      'kpi-target',
      { period: '2027-Q1', metric: 'revenue', target: 2_000_000_000 },
      MANAGER,
    );
    kpi = await api.send(
      'kpi-target',
      kpi.id,
      'ACTIVATE',
      {
        data: {
          periodStart: '2027-01-01',
          periodEnd: '2027-03-31',
          scope: 'team',
          team: 'Kinh doanh miền Bắc',
        },
      },
      MANAGER,
    );
    expect(kpi.state).toBe('active');
    // The actual is computed from the records (see tests/engine/runtime/kpis.test.ts), never typed.
    kpi = await api.send('kpi-target', kpi.id, 'PERIOD_ENDED', {}, 'system:scheduler');
    expect(kpi.state).toBe('review');
    await api.done('kpi-target', kpi.id, 'reviewFeedback', 'reviewReports');
    kpi = await api.send(
      'kpi-target',
      kpi.id,
      'CLOSE_REVIEW',
      {
        data: {
          feedbackSummary: 'Khách đoàn phàn nàn về khách sạn',
          salesPolicyChanges: 'Ưu đãi 5% cho khách cũ',
          careChanges: 'Gọi hỏi thăm trong 3 ngày sau tour',
          processChanges: 'Kiểm tra hạng phòng trước khởi hành',
          adjustments: 'Tập trung khách doanh nghiệp, tour Sa Pa mùa lúa chín',
          nextCampaignName: 'Sa Pa mùa lúa chín 2027',
          nextCampaignChannel: 'sms',
        },
      },
      MANAGER,
    );
    expect(kpi.state).toBe('closed');
    const [next] = await api.waitFor('campaign', { 'data.kpiTargetId': kpi.id });
    expect(next).toMatchObject({
      state: 'draft',
      owner: MANAGER,
      data: {
        name: 'Sa Pa mùa lúa chín 2027',
        channel: 'sms',
        objective: 'Tập trung khách doanh nghiệp, tour Sa Pa mùa lúa chín',
      },
    });
    expect(
      (await api.waitUntil('kpi-target', kpi.id, (k) => k.data.nextCampaignId !== undefined)).data
        .nextCampaignId,
    ).toBe(next.id);
    // Back to step 1.
    expect((await api.send('campaign', campaign.id, 'COMPLETE', {}, MARKETING)).state).toBe('completed');
  });
});
