/**
 * Website forms through the public endpoint: a request for advice becomes a web lead with
 * its page and UTM source; a person already known gets the request on their record, not a
 * duplicate; automated, repeated, too frequent, foreign and malformed submissions are
 * refused with a clear answer and store nothing; the embeddable pages are served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChannelWorld, type ChannelWorld } from './channel-world.js';

let world: ChannelWorld;
let address = 0;
beforeAll(async () => {
  world = await openChannelWorld({});
});
afterAll(async () => world?.close());

/** A submission from its own address (the rate limit counts per address). */
async function submit(form: string, body: unknown, headers: Record<string, string> = {}) {
  address++;
  const response = await fetch(`${world.url}/api/forms/${form}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.0.${Math.floor(address / 250)}.${address % 250}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', headers: response.headers, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
}

const leads = async (filter: Record<string, unknown>) => (await world.tf.engine.list('lead', { filter, limit: 50 })).items;

describe('website forms', () => {
  it('turns a request for advice into a web lead, with its page and UTM parameters', async () => {
    const reply = await submit('advice', {
      fields: { fullName: 'Trịnh Minh Khoa', phone: '0912 000 111', email: 'khoa@example.vn', tripInterest: 'Phú Quốc 4N3Đ', travellerCount: '4', notes: 'Đi tháng 6' },
      page: 'https://senvang.vn/tour/phu-quoc?utm_source=facebook&utm_medium=cpc&utm_campaign=he2027',
      referrer: 'https://www.facebook.com/',
      lang: 'vi',
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body).toEqual({ outcome: 'created', message: 'Cảm ơn anh/chị! Tư vấn viên sẽ gọi lại trong giờ làm việc.' });
    const [lead] = await leads({ 'data.fullName': 'Trịnh Minh Khoa' });
    expect(lead?.data).toMatchObject({
      source: 'web-form',
      phone: '+84912000111', // normalised by the vn-phone plugin
      travellerCount: 4,
      webSource: { form: 'advice', page: 'https://senvang.vn/tour/phu-quoc?utm_source=facebook&utm_medium=cpc&utm_campaign=he2027', referrer: 'https://www.facebook.com/', utmSource: 'facebook', utmMedium: 'cpc', utmCampaign: 'he2027' },
    });
    expect(lead?.owner).toBeUndefined(); // a web lead waits to be picked up
  });

  it('gives a person already known the new request on their record instead of a duplicate', async () => {
    const before = (await leads({})).length;
    // The same phone typed another way.
    const again = await submit('advice', { fields: { fullName: 'Khoa Trịnh', phone: '+84 912.000.111', notes: 'Hỏi thêm về visa' } });
    expect([again.status, again.body.outcome]).toEqual([200, 'matched']);
    expect((await leads({})).length).toBe(before);
    const [lead] = await leads({ 'data.fullName': 'Trịnh Minh Khoa' });
    const inquiry = (await world.tf.engine.timeline('lead', lead?.id ?? '')).find((e) => e.type === 'WEB_INQUIRY');
    expect(inquiry?.payload).toMatchObject({ form: 'advice', notes: 'Hỏi thêm về visa' });
    // A customer already on file by email: the request goes on the account.
    const account = await world.tf.engine.create('account', { data: { kind: 'individual', name: 'Hồ Thị Lệ', email: 'le.ho@example.vn' } }, 'admin');
    const byEmail = await submit('advice', { fields: { fullName: 'Lệ Hồ', phone: '0988777666', email: 'LE.HO@example.vn' } });
    expect(byEmail.body.outcome).toBe('matched');
    expect((await world.tf.engine.timeline('account', account.id)).some((e) => e.type === 'WEB_INQUIRY')).toBe(true);
  });

  it('books a tour as an order', async () => {
    const reply = await submit('booking', { fields: { customerName: 'Lý Văn Hải', phone: '0909123456', tourName: 'Hạ Long 2N1Đ', departureDate: '2027-07-10', travellerCount: 2 } });
    expect(reply.status).toBe(201);
    const [order] = (await world.tf.engine.list('order', { filter: { 'data.customerName': 'Lý Văn Hải' } })).items;
    expect(order?.data).toMatchObject({ source: 'website-booking', phone: '+84909123456', departureDate: '2027-07-10' });
  });

  it('answers a double submit (same key) as the first, storing one record', async () => {
    const body = { fields: { fullName: 'Đoàn Thu Trang', phone: '0935111222' } };
    const first = await submit('advice', body, { 'idempotency-key': 'double-submit-0001' });
    const second = await submit('advice', body, { 'idempotency-key': 'double-submit-0001' });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(await leads({ 'data.fullName': 'Đoàn Thu Trang' })).toHaveLength(1);
  });

  it('refuses what it should, with the failing field, storing nothing', async () => {
    const count = async () => (await leads({})).length;
    const before = await count();
    const bot = await submit('advice', { fields: { fullName: 'Bot', phone: '0900000001' }, website_url: 'http://spam.example' });
    expect([bot.status, bot.type]).toEqual([400, 'application/problem+json; charset=utf-8']);
    expect(bot.body.errors).toEqual([{ pointer: '/website_url', message: 'must be left empty' }]);
    const missing = await submit('advice', { fields: { fullName: 'Không Số' } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([{ pointer: '/phone', message: 'is required' }]);
    const foreignField = await submit('advice', { fields: { fullName: 'A', phone: '0900000002', owner: 'admin' } });
    expect(foreignField.body.errors).toEqual([{ pointer: '/owner', message: 'is not a field of this form' }]);
    const badPhone = await submit('advice', { fields: { fullName: 'A', phone: 'call me' } });
    expect(badPhone.status).toBe(422);
    expect(JSON.stringify(badPhone.body.errors)).toContain('phone');
    const notJson = await submit('advice', '{"fields":');
    expect(notJson.status).toBe(400);
    const huge = await submit('advice', { fields: { fullName: 'A', phone: '0900000003', notes: 'x'.repeat(20_000) } });
    expect(huge.status).toBe(413);
    const unknown = await submit('nope', { fields: {} });
    expect(unknown.status).toBe(404);
    expect(await count()).toBe(before);
  });

  it('limits submissions per address, also when they come at once', async () => {
    const from = { 'x-forwarded-for': '192.0.2.7' };
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        fetch(`${world.url}/api/forms/booking`, { method: 'POST', headers: { 'content-type': 'application/json', ...from }, body: JSON.stringify({ fields: { customerName: `Khách dồn ${i}`, phone: `09350000${10 + i}` } }) }),
      ),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
    const refused = replies.find((r) => r.status === 429);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await world.tf.engine.list('order', { filter: { 'data.customerName': { $regex: '^Khách dồn' } } })).total).toBe(5);
  });

  it('takes posts from other websites only from the form’s allowed origins', async () => {
    const before = (await leads({})).length;
    const foreign = await submit('advice', { fields: { fullName: 'X', phone: '0900000004' } }, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    const preflight = await fetch(`${world.url}/api/forms/advice`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(403);
    expect((await leads({})).length).toBe(before);
  });

  it('serves the form page in both languages and the snippet that embeds it', async () => {
    const vi = await fetch(`${world.url}/forms/advice?lang=vi`);
    expect(vi.status).toBe(200);
    const html = await vi.text();
    expect(html).toContain('Nhận tư vấn tour');
    expect(html).toContain('Số điện thoại');
    expect(vi.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
    expect(await (await fetch(`${world.url}/forms/advice?lang=en`)).text()).toContain('Ask us about a tour');
    const script = await fetch(`${world.url}/forms/advice.js`);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(await script.text()).toContain(`${world.url}/forms/advice`);
    expect((await fetch(`${world.url}/forms/nope.js`)).status).toBe(404);
  });
});
