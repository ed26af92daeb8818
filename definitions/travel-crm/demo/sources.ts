/**
 * Steps 1–3 of the loop for one cohort of customers: campaign openings become targets,
 * conversations and website orders arrive, targets convert to leads, leads are nurtured,
 * kept for later, dropped or turned into opportunities.
 */
import { STAFF } from './catalogue.js';
import { person, company, type Person } from './vietnam.js';
import { byLink, departureFor, linked, vnd, type World } from './world.js';

export interface Arrivals {
  /** Leads ready to be worked, with the person behind each. */
  leads: { id: string; owner: string; person: Person }[];
  /** Orders accepted: each made an opportunity. */
  acceptedOrders: string[];
}

const SEGMENTS = ['family', 'couple', 'senior', 'student', 'corporate', 'luxury'];

export async function arrive(world: World, size: number): Promise<Arrivals> {
  const { api, dice, calendar } = world;
  const direct: Arrivals['leads'] = [];
  const fromCampaign: { person: Person; campaignId: string; owner: string; fate: string }[] = [];
  const conversations: { id: string; person: Person; owner: string; fate: string }[] = [];
  const orders: { id: string; owner: string; accept: boolean }[] = [];

  for (let i = 0; i < size; i++) {
    const who = person(dice, world.year);
    const owner = dice.pick(STAFF.sales);
    const source = dice.weighted({ campaign: 35, direct: 30, conversation: 15, order: 20 });
    if (source === 'campaign' && world.campaigns.length > 0) {
      const campaign = dice.pick(world.campaigns);
      const type = campaign.channel === 'email' ? 'EMAIL_OPENED' : 'LINK_CLICKED';
      await api.send(
        'campaign',
        campaign.id,
        { type, payload: { email: who.email, name: who.fullName, phone: who.phone } },
        'system:email',
      );
      fromCampaign.push({
        person: who,
        campaignId: campaign.id,
        owner,
        fate: dice.weighted({ new: 15, assigned: 15, verified: 10, disqualified: 10, converted: 50 }),
      });
    } else if (source === 'conversation') {
      const channel = dice.pick(['zalo', 'facebook', 'website-chat'] as const);
      const fate = dice.weighted({ open: 15, assigned: 20, lead: 50, order: 15 });
      // As the inbox makes them: by the channel, given to the sales person who will answer (open ones wait for someone).
      const chat = await api.create(
        'conversation',
        { channel, externalId: `${channel}-${dice.int(100000, 999999)}`, customerName: who.fullName },
        { actor: `system:channel:${channel === 'facebook' ? 'messenger' : channel}`, ...(fate === 'open' ? {} : { owner }) },
      );
      const product = dice.pick(world.products);
      // A few messages over the last days, as a customer writes them.
      const said = [
        dice.pick([`Cho mình hỏi tour ${product.destination} còn chỗ không?`, `Chào shop, tour ${product.destination} tháng sau giá bao nhiêu ạ?`, `Mình muốn đặt tour ${product.destination} cho gia đình`]),
        ...(dice.chance(0.7) ? [dice.pick(['Nhà mình 2 người lớn 1 trẻ em', 'Đi 4 người nhé', 'Có lịch khởi hành cuối tuần không?', 'Giá đã gồm vé máy bay chưa ạ?'])] : []),
        ...(dice.chance(0.4) ? [dice.pick(['Shop gửi lịch trình chi tiết giúp mình', 'Có ưu đãi cho nhóm không ạ?', 'Mình cần xuất hóa đơn công ty'])] : []),
      ];
      const first = -dice.int(1, 5) - dice.int(0, 23) / 24;
      for (const [n, text] of said.entries()) {
        await api.send(
          'conversation',
          chat.id,
          { type: 'MESSAGE_RECEIVED', payload: { text, at: calendar.at(first + n * 0.02) } },
          `system:channel:${channel === 'facebook' ? 'messenger' : channel}`,
        );
      }
      conversations.push({ id: chat.id, person: who, owner, fate });
    } else if (source === 'order') {
      const departure = departureFor(world, undefined, 5);
      const travellers = dice.int(1, 4);
      const order = await api.create(
        'order',
        {
          customerName: who.fullName,
          phone: who.phone,
          email: who.email,
          source: 'website-booking',
          productId: departure.product.id,
          tourId: departure.id,
          tourName: departure.product.name,
          departureDate: departure.departureDate,
          travellerCount: travellers,
          amount: travellers * departure.product.price,
        },
        { actor: STAFF.web, owner },
      );
      orders.push({ id: order.id, owner, accept: dice.chance(0.75) });
    } else {
      const lead = await api.create(
        'lead',
        {
          fullName: who.fullName,
          phone: who.phone,
          email: who.email,
          source: dice.weighted({ 'web-form': 40, phone: 20, referral: 20, trial: 5, facebook: 15 }),
          interests: [dice.pick(world.products).destination],
          segment: dice.pick(SEGMENTS),
          score: dice.int(10, 95),
          travellerCount: dice.int(1, 6),
          budget: dice.int(3, 40) * 1_000_000,
          preferredDeparture: calendar.day(dice.int(10, 150)),
        },
        { actor: dice.chance(0.5) ? STAFF.web : owner, owner },
      );
      direct.push({ id: lead.id, owner, person: who });
    }
  }
  await api.settle();

  // Targets go onto sales people's lists; verified ones convert to leads.
  const targets = await byLink(world, 'target', 'campaignId', [
    ...new Set(fromCampaign.map((c) => c.campaignId)),
  ]);
  const converted: { targetId: string; owner: string; person: Person }[] = [];
  for (const entry of fromCampaign) {
    const target = targets.get(entry.campaignId)?.find((t) => t.data.phone === entry.person.phone);
    if (!target || entry.fate === 'new') continue;
    const marketer = dice.pick(STAFF.marketing);
    if (entry.fate === 'disqualified') {
      await api.send(
        'target',
        target.id,
        {
          type: 'DISQUALIFY',
          data: {
            disqualifyReason: dice.pick([
              'Số điện thoại không liên lạc được',
              'Chỉ xem tin, không có nhu cầu',
              'Trùng khách hàng cũ',
            ]),
          },
        },
        marketer,
      );
      continue;
    }
    await api.send('target', target.id, { type: 'ASSIGN', data: { salesRep: entry.owner } }, marketer);
    if (entry.fate === 'assigned') continue;
    await api.activity('target', target.id, 'verifyCall', entry.owner);
    await api.send('target', target.id, { type: 'VERIFY' }, entry.owner);
    if (entry.fate === 'verified') continue;
    await api.send('target', target.id, { type: 'CONVERT' }, entry.owner);
    converted.push({ targetId: target.id, owner: entry.owner, person: entry.person });
  }

  // A manager assigns conversations; the sales person captures a lead or takes an order.
  const captured: { conversationId: string; owner: string; person: Person }[] = [];
  for (const chat of conversations) {
    if (chat.fate === 'open') continue;
    await api.send(
      'conversation',
      chat.id,
      { type: 'ASSIGN', data: { assignee: chat.owner } },
      STAFF.manager,
    );
    if (chat.fate === 'lead') {
      await api.send(
        'conversation',
        chat.id,
        {
          type: 'CAPTURE_LEAD',
          data: {
            phone: chat.person.phone,
            email: chat.person.email,
            interests: [dice.pick(world.products).destination],
          },
        },
        chat.owner,
      );
      captured.push({ conversationId: chat.id, owner: chat.owner, person: chat.person });
    } else if (chat.fate === 'order') {
      const departure = departureFor(world, undefined, 10);
      await api.send(
        'conversation',
        chat.id,
        {
          type: 'CREATE_ORDER',
          data: {
            phone: chat.person.phone,
            tourName: departure.product.name,
            productId: departure.product.id,
            tourId: departure.id,
            travellerCount: dice.int(1, 4),
          },
        },
        chat.owner,
      );
    }
    if (chat.fate !== 'assigned' && dice.chance(0.5))
      await api.send('conversation', chat.id, { type: 'CLOSE' }, chat.owner);
  }

  const acceptedOrders: string[] = [];
  for (const order of orders) {
    if (order.accept) {
      await api.send('order', order.id, { type: 'ACCEPT' }, order.owner);
      acceptedOrders.push(order.id);
    } else if (dice.chance(0.5)) {
      await api.send(
        'order',
        order.id,
        { type: 'CANCEL', data: { cancelReason: 'Khách đặt nhầm ngày' } },
        order.owner,
      );
    }
  }
  await api.settle();

  const fromTargets = await byLink(
    world,
    'lead',
    'targetId',
    converted.map((c) => c.targetId),
  );
  const fromChats = await byLink(
    world,
    'lead',
    'conversationId',
    captured.map((c) => c.conversationId),
  );
  const leads = [
    ...direct,
    ...converted.map((c) => ({
      id: linked(fromTargets, c.targetId, 'lead').id,
      owner: c.owner,
      person: c.person,
    })),
    ...captured.map((c) => ({
      id: linked(fromChats, c.conversationId, 'lead').id,
      owner: c.owner,
      person: c.person,
    })),
  ];
  return { leads, acceptedOrders };
}

/** Work the leads: nurture, keep for later, drop, or convert. Returns the converted leads. */
export async function nurture(
  world: World,
  leads: Arrivals['leads'],
): Promise<{ leadId: string; owner: string; person: Person }[]> {
  const { api, dice, calendar } = world;
  const converted: { leadId: string; owner: string; person: Person }[] = [];
  for (const lead of leads) {
    const fate = dice.weighted({ new: 12, nurturing: 18, recycled: 14, disqualified: 8, converted: 48 });
    if (fate === 'new') continue;
    await api.activity('lead', lead.id, 'firstContact', lead.owner);
    if (fate === 'disqualified' && dice.chance(0.5)) {
      await api.send(
        'lead',
        lead.id,
        { type: 'DISQUALIFY', data: { disqualifyReason: 'Thông tin giả, không liên lạc được' } },
        lead.owner,
      );
      continue;
    }
    await api.send('lead', lead.id, { type: 'START_NURTURING' }, lead.owner);
    if (dice.chance(0.6)) await api.activity('lead', lead.id, 'followUpCall', lead.owner);
    if (fate === 'nurturing') continue;
    if (fate === 'recycled') {
      const reason = dice.pick([
        'Chưa sắp xếp được thời gian',
        'Ngân sách chưa đủ, hẹn năm sau',
        'Chờ con nghỉ hè',
        'Đã đi với công ty khác năm nay',
      ]);
      await api.send(
        'lead',
        lead.id,
        {
          type: 'RECYCLE',
          data: { recycleReason: reason, segment: dice.pick(SEGMENTS), score: dice.int(10, 50) },
        },
        lead.owner,
      );
    } else if (fate === 'disqualified') {
      await api.send(
        'lead',
        lead.id,
        { type: 'DISQUALIFY', data: { disqualifyReason: 'Không có nhu cầu đi tour' } },
        lead.owner,
      );
    } else {
      const product = dice.pick(world.products);
      const business = dice.chance(0.2);
      const firm = company(dice);
      const travellers = business ? dice.int(8, 30) : dice.int(1, 5);
      await api.send(
        'lead',
        lead.id,
        {
          type: 'CONVERT',
          data: {
            tripInterest: business ? `${product.name} cho đoàn công ty` : product.name,
            kind: business ? 'business' : 'individual',
            ...(business ? { companyName: firm.name, taxCode: firm.taxCode } : {}),
            travellerCount: travellers,
            budget: vnd(travellers * product.price * (0.9 + dice.next() * 0.3)),
            preferredDeparture: calendar.day(dice.int(-60, 120)),
            interests: [product.destination],
          },
        },
        lead.owner,
      );
      converted.push({ leadId: lead.id, owner: lead.owner, person: lead.person });
    }
  }
  await api.settle();
  return converted;
}
