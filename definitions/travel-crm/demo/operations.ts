/**
 * Steps 7–10 over the calendar of departures: each tour is operated as far as its dates
 * say (bookings, briefing, on the road with incidents, returned, settled); settlements
 * close tours and contracts, which ask for care calls and feedback; poor feedback opens
 * cases; birthdays finish the customer picture (tiers follow from the contracts settled).
 */
import { STAFF, type Departure } from './catalogue.js';
import { byLink, linked, vnd, type World } from './world.js';

/** What a next campaign aims at, by the KPI it follows (a campaign's name is read by people). */
const METRIC_GOALS: Record<string, string> = {
  revenue: 'tăng doanh thu',
  'contracts-won': 'chốt thêm hợp đồng',
  'new-leads': 'tìm khách mới',
  'conversion-rate': 'tăng tỉ lệ chốt',
  satisfaction: 'khách hài lòng hơn',
  'new-customers': 'thêm khách hàng mới',
};

type TourPhase =
  'planning' | 'booking' | 'preparing' | 'inProgress' | 'returned' | 'review' | 'closed' | 'cancelled';

function phaseOf(d: Departure): TourPhase {
  const back = d.inDays + d.product.days - 1;
  if (d.cancelled) return 'cancelled';
  if (back < -14) return 'closed';
  if (back < -6) return 'review';
  if (back < -1) return 'returned';
  if (d.inDays <= 0) return 'inProgress';
  if (d.inDays <= 7) return 'preparing';
  if (d.inDays <= 30) return 'booking';
  return 'planning';
}

const ORDER: TourPhase[] = ['planning', 'booking', 'preparing', 'inProgress', 'returned', 'review', 'closed'];
const reached = (phase: TourPhase, step: TourPhase) => ORDER.indexOf(phase) >= ORDER.indexOf(step);

const INCIDENTS = [
  ['Khách say xe, mua thuốc', 120_000],
  ['Đổi phòng do điều hòa hỏng', 0],
  ['Thêm bữa ăn cho tài xế', 250_000],
  ['Khách quên hành lý, gửi xe chuyển lại', 300_000],
  ['Tắc đường, đến khách sạn muộn 2 giờ', 0],
  ['Mua thêm vé cáp treo cho 2 khách', 1_500_000],
] as const;

const LEADERS = ['Đỗ Minh Khôi', 'Trần Thu Hà', 'Lê Quang Vinh', 'Phạm Thị Ngọc', 'Nguyễn Hữu Phước'];

/** Operate every departure as far as today allows, then settle and care. */
export async function operateTours(world: World): Promise<void> {
  const { api, dice, calendar } = world;
  const ran: Departure[] = [];
  for (const d of world.departures) {
    const phase = phaseOf(d);
    const op = dice.pick(STAFF.operators);
    if (phase === 'cancelled') {
      await api.send(
        'tour',
        d.id,
        { type: 'CANCEL', data: { cancelReason: 'Không đủ số khách tối thiểu' } },
        op,
      );
      continue;
    }
    if (phase === 'planning') continue;
    await api.send('tour', d.id, { type: 'START_BOOKING' }, op);
    const bookings = [
      'bookMeals',
      'bookHotel',
      'bookSightseeing',
      'hireGuide',
      'bookVehicle',
      ...(d.product.international ? ['bookFlights'] : []),
    ];
    const doneBookings = phase === 'booking' ? bookings.slice(0, dice.int(0, bookings.length - 1)) : bookings;
    for (const activity of doneBookings) await api.activity('tour', d.id, activity, op);
    if (phase === 'booking') continue;
    await api.send(
      'tour',
      d.id,
      {
        type: 'BOOKINGS_DONE',
        data: {
          tourLeader: dice.pick(LEADERS),
          guideName: dice.pick(LEADERS),
          hotel: `Khách sạn ${dice.int(3, 5)} sao tại ${d.product.destination}`,
          vehicle: d.product.international ? 'Xe 45 chỗ (đối tác)' : 'Xe 29 chỗ Hoàng Long',
          ...(d.product.international ? { flight: `VN${dice.int(100, 999)}` } : {}),
        },
      },
      op,
    );
    const prep = ['groupPlan', 'briefing', 'advance'];
    for (const activity of phase === 'preparing' ? prep.slice(0, dice.int(0, 2)) : prep)
      await api.activity('tour', d.id, activity, op);
    if (phase === 'preparing') continue;
    const advance = dice.int(5, 20) * 1_000_000;
    await api.send(
      'tour',
      d.id,
      {
        type: 'DEPART',
        data: {
          advanceAmount: advance,
          briefingAt: calendar.at(d.inDays - 2),
          groupPlan: 'Tập trung 6h00 tại văn phòng, xe đón theo danh sách',
        },
      },
      op,
    );
    await api
      .create(
        'payment',
        {
          kind: 'expense',
          purpose: 'advance',
          tourId: d.id,
          amount: advance,
          title: 'Tạm ứng trưởng đoàn',
          counterparty: 'Trưởng đoàn',
          dueDate: calendar.day(d.inDays - 1),
        },
        { actor: STAFF.accountant },
      )
      .then((p) =>
        reached(phase, 'returned') || dice.chance(0.7)
          ? api.send(
              'payment',
              p.id,
              { type: 'PAY', data: { paidAt: calendar.at(d.inDays - 1), method: 'cash' } },
              STAFF.accountant,
            )
          : p,
      );
    for (let i = dice.int(0, 2); i > 0; i--) {
      const [description, cost] = dice.pick(INCIDENTS);
      await api.send(
        'tour',
        d.id,
        {
          type: 'LOG_INCIDENT',
          payload: { description, cost, at: calendar.at(d.inDays + dice.int(0, d.product.days - 1) + 0.3) },
        },
        op,
      );
    }
    if (phase === 'inProgress') continue;
    await api.send('tour', d.id, { type: 'RETURN' }, op);
    ran.push(d);
  }
  await api.settle();

  const settlements = await byLink(
    world,
    'settlement',
    'tourId',
    ran.map((d) => d.id),
  );
  const contracts = await byLink(
    world,
    'contract',
    'tourId',
    ran.map((d) => d.id),
  );
  for (const d of ran) {
    const phase = phaseOf(d);
    const settlement = linked(settlements, d.id, 'settlement');
    const revenue = (contracts.get(d.id) ?? []).reduce(
      (sum, c) => sum + (typeof c.data.totalValue === 'number' ? c.data.totalValue : 0),
      0,
    );
    const incidentCost = ((settlement.data.incidents as { cost?: number }[] | undefined) ?? []).reduce(
      (sum, i) => sum + (i.cost ?? 0),
      0,
    );
    const supplierCost = vnd(revenue * (0.68 + dice.next() * 0.12));
    if (supplierCost > 0) {
      const expense = await api.create(
        'payment',
        {
          kind: 'expense',
          purpose: 'supplier',
          tourId: d.id,
          amount: supplierCost,
          title: `Thanh toán nhà cung cấp – ${d.code}`,
          counterparty: 'Khách sạn, nhà xe, nhà hàng',
        },
        { actor: STAFF.accountant },
      );
      await api.send(
        'payment',
        expense.id,
        {
          type: 'PAY',
          data: { paidAt: calendar.at(d.inDays + d.product.days + 2), method: 'bank-transfer' },
        },
        STAFF.accountant,
      );
    }
    const activities = ['supplierInvoices', 'reconcileIncidents', 'settleAdvance'];
    for (const activity of phase === 'returned' ? activities.slice(0, dice.int(0, 2)) : activities)
      await api.activity('settlement', settlement.id, activity, STAFF.accountant);
    if (phase === 'returned') continue;
    await api.send(
      'settlement',
      settlement.id,
      { type: 'SUBMIT', data: { revenue, totalCost: supplierCost + incidentCost, incidentCost } },
      STAFF.accountant,
    );
    if (phase === 'closed') await api.send('settlement', settlement.id, { type: 'APPROVE' }, STAFF.manager);
  }
  await api.settle();
}

const SUPPLIERS: Record<string, string[]> = {
  hotel: ['Vinpearl', 'Mường Thanh', 'Novotel', 'InterContinental'],
  restaurant: ['Nhà hàng Hồng Hạnh', 'Nhà hàng Ngon', 'Bếp Việt'],
  airline: ['Vietnam Airlines', 'Vietjet Air', 'Bamboo Airways'],
  guide: ['HDV Trần Thu Hà', 'HDV Lê Quang Vinh'],
  vehicle: ['Vận tải Hoàng Long', 'Xe du lịch Phương Trang'],
};

/** Feedback, cases and care after the tours; birthdays. */
export async function care(world: World): Promise<void> {
  const { api, dice } = world;
  const requested = await api.find('comment', { stage: 'requested' });
  // The first answers are complaints, so that even a small demo shows a case being handled.
  const complaints = [2, 1, 2];
  for (const comment of requested) {
    const fate =
      complaints.length > 0 ? 'submitted' : dice.weighted({ submitted: 60, waiting: 25, expired: 15 });
    if (fate === 'waiting') continue;
    if (fate === 'expired') {
      await api.send('comment', comment.id, { type: 'EXPIRE' }, 'system:reminder');
      continue;
    }
    const subject = dice.pick(['overall', 'hotel', 'restaurant', 'airline', 'guide', 'vehicle'] as const);
    const rating = complaints.shift() ?? Number(dice.weighted({ 5: 40, 4: 35, 3: 13, 2: 8, 1: 4 }));
    const text =
      rating >= 4
        ? 'Chuyến đi rất vui, hướng dẫn viên nhiệt tình'
        : rating === 3
          ? 'Tạm ổn, lịch trình hơi dày'
          : 'Dịch vụ không như cam kết';
    await api.send(
      'comment',
      comment.id,
      {
        type: 'SUBMIT',
        data: {
          subject,
          rating,
          text,
          ...(SUPPLIERS[subject] ? { supplierName: dice.pick(SUPPLIERS[subject]) } : {}),
        },
      },
      comment.owner ?? STAFF.manager,
    );
    if (dice.chance(0.5)) await api.send('comment', comment.id, { type: 'REVIEW' }, STAFF.manager);
  }
  await api.settle();

  const shown = ['closed', 'investigating', 'resolved', 'open'];
  for (const kase of await api.find('case', { stage: 'open' })) {
    const fate = shown.shift() ?? dice.weighted({ open: 25, investigating: 25, resolved: 20, closed: 30 });
    if (fate === 'open') continue;
    await api.send('case', kase.id, { type: 'INVESTIGATE' }, STAFF.manager);
    if (fate === 'investigating') continue;
    await api.send(
      'case',
      kase.id,
      {
        type: 'RESOLVE',
        data: { resolution: 'Xin lỗi khách, tặng voucher 500.000đ cho chuyến sau', compensation: 500_000 },
      },
      STAFF.manager,
    );
    if (fate === 'closed') await api.send('case', kase.id, { type: 'CLOSE' }, STAFF.manager);
  }

  const customers = await api.find('account', { stage: 'customer' });
  for (const account of customers) {
    // What the daily birthday job sends on the day.
    if (account.data.kind === 'individual' && dice.chance(0.1))
      await api.send('account', account.id, { type: 'BIRTHDAY' }, 'system:scheduler');
  }
  await api.settle();

  for (const task of await api.find('care-task', { stage: 'open' })) {
    const fate = dice.weighted({ open: 35, done: 58, skipped: 7 });
    if (fate === 'open') continue;
    if (fate === 'skipped')
      await api.send('care-task', task.id, { type: 'SKIP' }, task.owner ?? STAFF.manager);
    else
      await api.send(
        'care-task',
        task.id,
        {
          type: 'DONE',
          data: {
            outcome:
              task.data.kind === 'follow-up-call' ? 'Khách hài lòng, hẹn chuyến sau' : 'Đã gửi lời chúc',
          },
        },
        task.owner ?? STAFF.manager,
      );
  }
}

/** Step 12: business targets per quarter; reviewed quarters make the next campaign. */
export async function businessTargets(world: World): Promise<void> {
  const { api, dice, calendar } = world;
  const today = calendar.day(0);
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  for (let offset = -2; offset <= 1; offset++) {
    const index = year * 4 + quarter - 1 + offset;
    const [y, q] = [Math.floor(index / 4), (index % 4) + 1];
    const start = `${y}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
    const endMonth = q * 3;
    const end = `${y}-${String(endMonth).padStart(2, '0')}-${endMonth === 6 || endMonth === 9 ? '30' : '31'}`;
    const goals = [
      { metric: 'revenue', scope: 'company', target: dice.int(18, 30) * 100_000_000 },
      { metric: 'new-leads', scope: 'team', team: 'Marketing', target: dice.int(150, 400) },
      ...STAFF.sales.map((userId) => ({
        metric: 'contracts-won',
        scope: 'user',
        userId,
        target: dice.int(8, 20),
      })),
    ];
    for (const goal of goals) {
      const kpi = await api.create(
        'kpi-target',
        { period: `${y}-Q${q}`, metric: goal.metric, target: goal.target },
        { actor: STAFF.manager },
      );
      if (offset === 1) continue; // next quarter: still a draft
      await api.send(
        'kpi-target',
        kpi.id,
        {
          type: 'ACTIVATE',
          data: {
            periodStart: start,
            periodEnd: end,
            scope: goal.scope,
            ...('team' in goal ? { team: goal.team } : {}),
            ...('userId' in goal ? { userId: goal.userId } : {}),
          },
        },
        STAFF.manager,
      );
      if (offset === 0) continue;
      // The actual is the engine's (computed from the records); the review's words are the manager's.
      const actual = Math.round(goal.target * (0.7 + dice.next() * 0.5));
      await api.send('kpi-target', kpi.id, { type: 'PERIOD_ENDED' }, 'system:reminder');
      // Reviews by the company and the marketing team close; the sales people's stay open for their managers.
      if (goal.scope === 'user' || (offset === -1 && goal.metric !== 'revenue')) continue;
      await api.activity('kpi-target', kpi.id, 'reviewFeedback', STAFF.manager);
      await api.activity('kpi-target', kpi.id, 'reviewReports', STAFF.manager);
      await api.send(
        'kpi-target',
        kpi.id,
        {
          type: 'CLOSE_REVIEW',
          data: {
            feedbackSummary: 'Khách khen hướng dẫn viên, phàn nàn về khách sạn ở một số đoàn',
            salesPolicyChanges: 'Giảm 5% cho khách cũ đặt trước 45 ngày',
            careChanges: 'Gọi hỏi thăm trong 3 ngày sau tour',
            processChanges: 'Kiểm tra hạng phòng với khách sạn trước khởi hành 7 ngày',
            adjustments:
              actual < goal.target
                ? 'Tăng ngân sách email cho khách doanh nghiệp'
                : 'Giữ nhịp, mở thêm tour quốc tế',
            nextCampaignName: `Chiến dịch ${q === 4 ? `Q1/${y + 1}` : `Q${q + 1}/${y}`} – ${METRIC_GOALS[goal.metric] ?? 'tăng trưởng'}`,
            nextCampaignChannel: dice.chance(0.7) ? 'email' : 'sms',
          },
        },
        STAFF.manager,
      );
    }
  }
  await api.settle();
}
