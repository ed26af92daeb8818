/**
 * Steps 4–6 for one cohort: opportunities worked through survey, quote and contract
 * draft to won or lost; won ones become contracts, signed, paid (or overdue), with
 * their travellers on the group list.
 */
import { STAFF, type Departure } from './catalogue.js';
import { person, type Person } from './vietnam.js';
import { byLink, departureFor, fateOf, linked, vnd, type World } from './world.js';

interface Won {
  opportunityId: string;
  owner: string;
  departure: Departure;
  travellers: number;
  amount: number;
  person?: Person;
}

const LOST = [
  ['price', 'Giá cao hơn công ty khác'],
  ['timing', 'Không sắp xếp được ngày nghỉ'],
  ['competitor', 'Đã đặt tour của đối thủ'],
  ['health', 'Người nhà ốm, hoãn chuyến đi'],
  ['visa', 'Không xin được visa'],
  ['changed-plans', 'Đổi kế hoạch, đi tự túc'],
] as const;

/** Opportunities from converted leads and accepted orders, worked to their fate. */
export async function sell(
  world: World,
  fromLeads: { leadId: string; owner: string; person: Person }[],
  fromOrders: string[],
): Promise<Won[]> {
  const { api, dice, calendar } = world;
  const byLead = await byLink(
    world,
    'opportunity',
    'leadId',
    fromLeads.map((l) => l.leadId),
  );
  const byOrder = await byLink(world, 'opportunity', 'orderId', fromOrders);
  const opportunities = [
    ...fromLeads.map((l) => ({
      record: linked(byLead, l.leadId, 'opportunity'),
      owner: l.owner,
      person: l.person,
    })),
    ...fromOrders.map((o) => {
      const record = linked(byOrder, o, 'opportunity');
      // The order's sales person owns its opportunity; someone must, to work it.
      const anyone = dice.pick(STAFF.sales);
      return { record, owner: record.owner ?? anyone, person: undefined };
    }),
  ];
  // Accounts were saved by the opportunities' automations: complete the individual ones' profiles.
  const accounts = await byLink(
    world,
    'account',
    'opportunityId',
    opportunities.map((o) => o.record.id),
  );
  for (const { record, person: who } of opportunities) {
    const account = linked(accounts, record.id, 'account');
    record.data.accountId = account.id;
    if (account.data.kind !== 'individual') continue;
    const profile = who ?? person(dice, world.year);
    await api.update(
      'account',
      account.id,
      {
        dateOfBirth: profile.dateOfBirth,
        gender: profile.gender,
        address: profile.address,
        province: profile.province,
      },
      STAFF.manager,
    );
  }

  const quoted: { id: string; owner: string; departure: Departure; fate: string; travellers: number }[] = [];
  for (const { record, owner } of opportunities) {
    const fate = fateOf(world, 'opportunity', () =>
      dice.weighted({ needsSurvey: 14, proposal: 14, negotiation: 8, lostEarly: 8, lostLate: 12, won: 44 }),
    );
    const subject = dice.pick([
      'Gọi hỏi thăm nhu cầu',
      'Gửi email chương trình tour',
      'Hẹn cà phê trình bày phương án',
    ]);
    const type = subject.startsWith('Gọi') ? 'call' : subject.startsWith('Gửi') ? 'email' : 'meeting';
    const activity = await api.create(
      'sales-activity',
      {
        type,
        subject,
        opportunityId: record.id,
        accountId: record.data.accountId,
        dueAt: calendar.at(dice.int(-10, 7) + 0.4),
      },
      { actor: owner },
    );
    if (dice.chance(0.6))
      await api.send(
        'sales-activity',
        activity.id,
        {
          type: 'COMPLETE',
          data: {
            outcome: dice.pick([
              'Khách quan tâm, hẹn gửi báo giá',
              'Khách cần bàn với gia đình',
              'Khách hỏi thêm về visa',
            ]),
          },
        },
        owner,
      );
    if (fate === 'needsSurvey') continue;
    if (fate === 'lostEarly') {
      const [category, reason] = dice.pick(LOST);
      await api.send(
        'opportunity',
        record.id,
        { type: 'LOSE', data: { lostReasonCategory: category, lostReason: reason } },
        owner,
      );
      continue;
    }
    // Trips still being sold leave later; most of those won have been travelled already.
    const chosen =
      fate === 'won' && dice.chance(0.6)
        ? departureFor(world, undefined, -110, -15)
        : departureFor(world, undefined, 10);
    const departure = world.departures.find((d) => d.id === record.data.tourId) ?? chosen;
    const travellers =
      typeof record.data.travellerCount === 'number' ? record.data.travellerCount : dice.int(1, 5);
    await api.activity('opportunity', record.id, 'needsSurvey', owner);
    await api.send(
      'opportunity',
      record.id,
      {
        type: 'SURVEY_DONE',
        data: {
          productId: departure.product.id,
          tourId: departure.id,
          departureDate: departure.departureDate,
          travellerCount: travellers,
          needs: {
            travelStyle: dice.pick(['relax', 'explore', 'culture', 'shopping'] as const),
            hotelClass: dice.int(3, 5),
            transport: departure.product.international ? 'flight' : dice.pick(['coach', 'flight'] as const),
          },
        },
      },
      owner,
    );
    quoted.push({ id: record.id, owner, departure, fate, travellers });
  }
  await api.settle();

  const quotes = await byLink(
    world,
    'quote',
    'opportunityId',
    quoted.map((q) => q.id),
  );
  const won: Won[] = [];
  for (const q of quoted) {
    const quote = linked(quotes, q.id, 'quote');
    // A price agreed per traveller; the line's amount and the quote's total are computed.
    const unitPrice = vnd(q.departure.product.price * (0.95 + dice.next() * 0.1));
    if (q.fate === 'proposal' && dice.chance(0.4)) continue; // quote still a draft
    await api.send(
      'quote',
      quote.id,
      {
        type: 'SEND',
        data: {
          lines: [
            {
              productId: q.departure.product.id,
              description: q.departure.product.name,
              quantity: q.travellers,
              unitPrice,
            },
          ],
          validUntil: calendar.day(dice.int(-5, 20)),
          itinerary: `${q.departure.product.name}, khởi hành ${q.departure.departureDate}`,
        },
      },
      q.owner,
    );
    await api.activity('opportunity', q.id, 'sendQuote', q.owner);
    if (q.fate === 'proposal') continue;
    if (q.fate === 'lostLate') {
      if (dice.chance(0.5))
        await api.send('quote', quote.id, { type: 'REJECT', data: { rejectReason: 'Giá cao' } }, q.owner);
      const [category, reason] = dice.pick(LOST);
      await api.send(
        'opportunity',
        q.id,
        { type: 'LOSE', data: { lostReasonCategory: category, lostReason: reason } },
        q.owner,
      );
      continue;
    }
    await api.send('quote', quote.id, { type: 'ACCEPT' }, q.owner);
    if (q.fate === 'won')
      won.push({
        opportunityId: q.id,
        owner: q.owner,
        departure: q.departure,
        travellers: q.travellers,
        amount: unitPrice * q.travellers,
      });
  }
  await api.settle();
  for (const w of won) {
    await api.activity('opportunity', w.opportunityId, 'draftContract', w.owner);
    await api.send('opportunity', w.opportunityId, { type: 'WIN', data: { amount: w.amount } }, w.owner);
  }
  await api.settle();
  return won;
}

/** Contracts of the won opportunities: signed, paid or overdue, travellers listed, as their departure dictates. */
export async function contract(world: World, won: Won[]): Promise<void> {
  const { api, dice, calendar } = world;
  const contracts = await byLink(
    world,
    'contract',
    'opportunityId',
    won.map((w) => w.opportunityId),
  );
  const signed: { id: string; owner: string; fate: string }[] = [];
  for (const w of won) {
    const record = linked(contracts, w.opportunityId, 'contract');
    const soon = w.departure.inDays <= 7;
    const fate = w.departure.cancelled
      ? 'cancelled'
      : soon
        ? dice.weighted({ paid: 88, depositPaid: 8, cancelled: 4 })
        : fateOf(world, 'upcomingContract', () =>
            dice.weighted({ draft: 15, signed: 25, depositPaid: 35, paid: 20, cancelled: 5 }),
          );
    if (fate === 'draft') continue;
    if (fate === 'cancelled' && dice.chance(0.3)) {
      await api.send(
        'contract',
        record.id,
        { type: 'CANCEL', data: { cancelReason: 'Khách đổi ý trước khi ký' } },
        w.owner,
      );
      continue;
    }
    const deposit = vnd(w.amount * 0.3);
    await api.activity('contract', record.id, 'customerReview', w.owner);
    await api.send(
      'contract',
      record.id,
      {
        type: 'SIGN',
        data: {
          contractNo: `HĐ-${w.departure.departureDate.slice(0, 4)}-${String(dice.int(1, 99999)).padStart(5, '0')}`,
          services: [
            'Vận chuyển',
            'Khách sạn',
            'Ăn uống theo chương trình',
            'Vé tham quan',
            'Hướng dẫn viên',
            'Bảo hiểm du lịch',
          ],
          depositAmount: deposit,
          // Half of the contracts still waiting for their deposit are already late with it.
          depositDueDate: calendar.day(
            fate === 'signed' &&
              fateOf(world, 'lateDeposit', () => (dice.chance(0.5) ? 'late' : 'on time')) === 'late'
              ? -dice.int(2, 10)
              : Math.min(w.departure.inDays - 30, dice.int(-3, 10)),
          ),
          balanceDueDate: calendar.day(w.departure.inDays - 7),
        },
      },
      w.owner,
    );
    for (let i = 0; i < w.travellers; i++) {
      const who = i === 0 && w.person ? w.person : person(dice, world.year);
      await api.create(
        'traveller',
        {
          fullName: who.fullName,
          contractId: record.id,
          tourId: w.departure.id,
          accountId: record.data.accountId,
          dateOfBirth: who.dateOfBirth,
          gender: who.gender,
          phone: who.phone,
          idNumber: `0${dice.int(10, 99)}${dice.int(100_000_000, 999_999_999)}`,
          roomPreference: dice.pick(['twin', 'double', 'single'] as const),
          isGroupLeader: i === 0,
        },
        { actor: w.owner },
      );
    }
    await api.activity('contract', record.id, 'travellerList', w.owner);
    signed.push({ id: record.id, owner: w.owner, fate });
  }
  await api.settle();

  const payments = await byLink(
    world,
    'payment',
    'contractId',
    signed.map((s) => s.id),
  );
  const pay = (id: string, dueDate: unknown) =>
    api.send(
      'payment',
      id,
      {
        type: 'PAY',
        data: {
          paidAt: calendar.at(Math.min(-1, calendar.daysUntil(String(dueDate)) - dice.int(0, 3))),
          method: dice.pick(['bank-transfer', 'cash', 'card', 'e-wallet'] as const),
          reference: `PT${dice.int(10000, 99999)}`,
        },
      },
      STAFF.accountant,
    );
  const overdue = async (p: { id: string; data: Record<string, unknown> }) => {
    // What the payment's reminder does one day after the due date.
    if (calendar.daysUntil(String(p.data.dueDate)) < -1)
      await api.send('payment', p.id, { type: 'OVERDUE' }, 'system:reminder');
  };
  // Deposits settle before balances are paid, so every contract sees them in that order.
  const balances: { balance: { id: string; data: Record<string, unknown> }; fate: string }[] = [];
  for (const s of signed) {
    const schedule = payments.get(s.id) ?? [];
    const deposit = schedule.find((p) => p.data.isDeposit === true);
    const balance = schedule.find((p) => p.data.isDeposit === false);
    if (!deposit || !balance) throw new Error(`demo data: contract ${s.id} has no payment schedule`);
    if (s.fate === 'cancelled') {
      await api.send(
        'contract',
        s.id,
        {
          type: 'CANCEL',
          data: { cancelReason: dice.pick(['Khách ốm', 'Tour hủy do thời tiết', 'Khách đổi lịch công tác']) },
        },
        s.owner,
      );
      for (const p of [deposit, balance])
        await api.send(
          'payment',
          p.id,
          { type: 'CANCEL', data: { cancelReason: 'Hợp đồng đã hủy' } },
          STAFF.accountant,
        );
      continue;
    }
    if (s.fate === 'signed') {
      await overdue(deposit);
      continue;
    }
    await pay(deposit.id, deposit.data.dueDate);
    balances.push({ balance, fate: s.fate });
  }
  await api.settle();
  for (const { balance, fate } of balances) {
    if (fate === 'paid') await pay(balance.id, balance.data.dueDate);
    else await overdue(balance);
  }
  await api.settle();
}
