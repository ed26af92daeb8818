/**
 * Website forms, reached without a session (./runtime/web-forms.ts):
 * - `GET /forms/<id>.js`: the snippet an agency pastes into its site,
 *   `<script src="https://crm…/forms/advice.js" data-lang="vi" async></script>`: it puts the
 *   form in an iframe where the script stands, passing the page's address and referrer (the
 *   source: page and UTM parameters), and sizes the iframe to the form;
 * - `GET /forms/<id>`: the form itself (the iframe's page), in Vietnamese or English, which
 *   only the form's allowed origins may embed (`frame-ancestors`);
 * - `POST /api/forms/<id>`: a submission, as JSON or as an HTML form post, from the form's
 *   page or (CORS) from an allowed origin's own page; at most 16 KB.
 */
import { randomBytes } from 'node:crypto';
import express, { Router, type Request, type Response } from 'express';
import type { Labels } from '../definitions/definition.js';
import { UserError } from '../errors.js';
import type { Engine } from '../runtime/engine-port.js';
import { contract, serve } from './contract.js';
import { parseJsonInput } from './json-input.js';
import { HONEYPOT, escapeHtml, type FormField, type FormView, type WebForms } from '../runtime/services/index.js';

const FORM_ID = /^[A-Za-z][A-Za-z0-9_-]{0,79}$/;
const MAX_BODY = '16kb';

const WORDS = {
  vi: { send: 'Gửi', sending: 'Đang gửi…', required: 'bắt buộc', error: 'Chưa gửi được: ', fix: 'Vui lòng kiểm tra các ô được đánh dấu.', choose: 'Chọn…', honeypot: 'Đừng điền ô này', missing: 'Vui lòng nhập ô này.', invalid: 'Giá trị này chưa đúng, hãy kiểm tra lại.' },
  en: { send: 'Send', sending: 'Sending…', required: 'required', error: 'Not sent: ', fix: 'Please check the fields marked.', choose: 'Choose…', honeypot: 'Leave this empty', missing: 'Please fill this in.', invalid: 'This does not look right: please check it.' },
};

function formsOf(engine: Engine): WebForms {
  if (!engine.forms) throw new UserError('not-found', 'This server has no forms');
  return engine.forms;
}

function formId(req: Request): string {
  const id = String(req.params.id ?? '').replace(/\.js$/, '');
  if (!FORM_ID.test(id)) throw new UserError('not-found', 'There is no such form');
  return id;
}

const ownOrigin = (req: Request) => `${req.protocol}://${req.get('host') ?? ''}`;

/** The form's HTML control for one field. */
function control(field: FormField, lang: 'vi' | 'en'): string {
  const id = `f-${field.key}`;
  const label = `<label for="${id}">${escapeHtml(field.labels[lang])}${field.required ? ` <span class="req" aria-hidden="true">*</span><span class="sr">(${WORDS[lang].required})</span>` : ''}</label>`;
  const common = `id="${id}" name="${escapeHtml(field.key)}"${field.required ? ' required aria-required="true"' : ''} aria-describedby="${id}-error"`;
  let input: string;
  if (field.type === 'textarea') input = `<textarea ${common} rows="4"></textarea>`;
  else if (field.type === 'select')
    input = `<select ${common}><option value="">${WORDS[lang].choose}</option>${(field.options ?? []).map((o) => `<option value="${escapeHtml(o.value)}">${escapeHtml(o.labels[lang])}</option>`).join('')}</select>`;
  else {
    // Dates are typed dd/mm/yyyy whatever the visitor's browser (its own date picker follows the browser's language, not the page's).
    if (field.type === 'date') return `<div class="field" data-field="${escapeHtml(field.key)}">${label}<input type="text" ${common} data-date="1" inputmode="numeric" placeholder="dd/mm/yyyy" pattern="\\d{1,2}/\\d{1,2}/\\d{4}"><p class="error" id="${id}-error" role="alert"></p></div>`;
    const type = field.type === 'number' ? 'number' : field.type;
    const range = `${field.min !== undefined ? ` min="${field.min}"` : ''}${field.max !== undefined ? ` max="${field.max}"` : ''}`;
    const auto = field.type === 'email' ? ' autocomplete="email"' : field.type === 'tel' ? ' autocomplete="tel" inputmode="tel"' : '';
    input = `<input type="${type}" ${common}${range}${auto}>`;
  }
  return `<div class="field" data-field="${escapeHtml(field.key)}">${label}${input}<p class="error" id="${id}-error" role="alert"></p></div>`;
}

/** The page of a form (what the iframe shows): plain HTML, a small script with a nonce. */
function formPage(view: FormView, lang: 'vi' | 'en', page: string, referrer: string, nonce: string): string {
  const words = WORDS[lang];
  const success = view.success[lang];
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(view.labels[lang])}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:16px;color:#1f2937;background:#fff}
h1{font-size:18px;margin:0 0 12px}.field{display:flex;flex-direction:column;gap:4px;margin-bottom:12px}
label{font-size:14px;font-weight:600}.req{color:#b91c1c}.sr{position:absolute;left:-9999px}
input,select,textarea{font:inherit;padding:8px 10px;border:1px solid #cbd5e1;border-radius:6px}
input:focus,select:focus,textarea:focus{outline:2px solid #2563eb;outline-offset:1px}
[aria-invalid=true]{border-color:#b91c1c}.error{color:#b91c1c;font-size:13px;margin:0;min-height:0}
button{font:inherit;font-weight:600;padding:10px 18px;border:0;border-radius:6px;background:#2563eb;color:#fff;cursor:pointer}
button[disabled]{opacity:.6}.hp{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}
.done{padding:16px;border-radius:8px;background:#dcfce7;color:#166534}.problem{color:#b91c1c}
</style></head><body>
<form id="form" novalidate>
<h1>${escapeHtml(view.labels[lang])}</h1>
${view.fields.map((f) => control(f, lang)).join('\n')}
<div class="hp" aria-hidden="true"><label for="${HONEYPOT}">${words.honeypot}</label><input id="${HONEYPOT}" name="${HONEYPOT}" tabindex="-1" autocomplete="off"></div>
<p class="problem" id="problem" role="alert"></p>
<button type="submit">${words.send}</button>
</form>
<div class="done" id="done" role="status" hidden>${escapeHtml(success)}</div>
<script nonce="${nonce}">
(function () {
  var form = document.getElementById('form');
  var key = (crypto.randomUUID && crypto.randomUUID()) || String(Date.now()) + Math.random();
  function resize() { parent.postMessage({ tourflowForm: ${JSON.stringify(view.id)}, height: document.documentElement.scrollHeight }, '*'); }
  window.addEventListener('load', resize);
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var button = form.querySelector('button');
    var fields = {};
    form.querySelectorAll('[name]').forEach(function (el) {
      if (el.name === '${HONEYPOT}') return;
      var value = el.value;
      var day = el.getAttribute('data-date') && /^(\\d{1,2})\\/(\\d{1,2})\\/(\\d{4})$/.exec(value.trim());
      if (day) value = day[3] + '-' + ('0' + day[2]).slice(-2) + '-' + ('0' + day[1]).slice(-2);
      fields[el.name] = value;
      el.removeAttribute('aria-invalid');
    });
    form.querySelectorAll('.error').forEach(function (el) { el.textContent = ''; });
    document.getElementById('problem').textContent = '';
    button.disabled = true; button.textContent = ${JSON.stringify(words.sending)};
    fetch(location.pathname.replace(/^\\/forms\\//, '/api/forms/'), {
      method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ fields: fields, ${HONEYPOT}: document.getElementById('${HONEYPOT}').value, page: ${JSON.stringify(page)}, referrer: ${JSON.stringify(referrer)}, lang: ${JSON.stringify(lang)} })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        if (response.ok) { form.hidden = true; document.getElementById('done').hidden = false; resize(); return; }
        var first;
        (body.errors || []).forEach(function (issue) {
          var name = String(issue.pointer || '').replace(/^\\/(data\\/)?/, '');
          var input = document.getElementById('f-' + name);
          var error = document.getElementById('f-' + name + '-error');
          if (input && error) { input.setAttribute('aria-invalid', 'true'); error.textContent = issue.message === 'is required' ? ${JSON.stringify(words.missing)} : ${JSON.stringify(words.invalid)}; first = first || input; }
        });
        document.getElementById('problem').textContent = ${JSON.stringify(words.error)} + (body.detailLocalized || body.detail || ${JSON.stringify(words.fix)});
        if (first) first.focus();
        resize();
      });
    }).catch(function () {
      document.getElementById('problem').textContent = ${JSON.stringify(words.error)} + ${JSON.stringify(lang === 'vi' ? 'không kết nối được, hãy thử lại.' : 'no connection, try again.')};
    }).finally(function () { button.disabled = false; button.textContent = ${JSON.stringify(words.send)}; });
  });
})();
</script></body></html>`;
}

/** The snippet: an iframe of the form where the script stands, sized to its content. */
function snippet(base: string, id: string): string {
  return `(function () {
  var script = document.currentScript;
  var lang = (script && script.getAttribute('data-lang')) || (document.documentElement.lang || 'vi').slice(0, 2);
  var src = ${JSON.stringify(`${base}/forms/${id}`)} + '?lang=' + encodeURIComponent(lang === 'en' ? 'en' : 'vi') + '&page=' + encodeURIComponent(location.href) + '&referrer=' + encodeURIComponent(document.referrer);
  var frame = document.createElement('iframe');
  frame.src = src; frame.title = ${JSON.stringify(id)}; frame.loading = 'lazy';
  frame.setAttribute('data-tourflow-form', ${JSON.stringify(id)});
  frame.style.cssText = 'width:100%;max-width:560px;border:0;min-height:420px;display:block';
  window.addEventListener('message', function (event) {
    if (event.source === frame.contentWindow && event.data && event.data.tourflowForm === ${JSON.stringify(id)}) frame.style.height = event.data.height + 'px';
  });
  if (script && script.parentNode) script.parentNode.insertBefore(frame, script); else document.body.appendChild(frame);
})();
`;
}

const ERROR_WORDS: Record<string, Labels> = {
  'too-many-attempts': { vi: 'Bạn đã gửi quá nhiều lần, hãy thử lại sau ít phút.', en: 'Too many submissions: try again in a few minutes.' },
  'validation-failed': { vi: 'Vui lòng kiểm tra các ô được đánh dấu.', en: 'Please check the fields marked.' },
  'invalid-request': { vi: 'Không gửi được biểu mẫu này.', en: 'This form could not be sent.' },
};

const pathParam = (name: string, description: string) => ({ name, in: 'path', required: true, schema: { type: 'string' }, description });
const queryParam = (name: string, schema: Record<string, unknown>, description: string) => ({ name, in: 'query', required: false, schema, description });
const FORM_ANSWER = { type: 'object', required: ['outcome', 'message'], properties: { outcome: { enum: ['created', 'matched'] }, message: { type: 'string', description: 'the form’s thank-you, in its language' } } };

const getWebForm = contract({
  method: 'get',
  path: '/forms/:id',
  root: true,
  operationId: 'getWebForm',
  tags: ['forms'],
  roles: 'public',
  summary: 'A website form: the page an iframe shows, or (`<id>.js`) the script that embeds it',
  otherParameters: [
    pathParam('id', 'the form’s id; with `.js`, the snippet a website pastes'),
    queryParam('lang', { enum: ['vi', 'en'] }, 'the form’s language'),
    queryParam('page', { type: 'string' }, 'the page the form stands on (its source, with UTM parameters)'),
    queryParam('referrer', { type: 'string' }, 'where the visitor came from'),
  ],
  responses: { 200: { description: 'The form’s page (only its allowed origins may frame it) or its script', content: { 'text/html': { schema: { type: 'string' } }, 'application/javascript': { schema: { type: 'string' } } } } },
  problems: { 404: 'not-found' },
});

const submitWebForm = contract({
  method: 'post',
  path: '/api/forms/:id',
  root: true,
  operationId: 'submitWebForm',
  tags: ['forms'],
  roles: 'public',
  summary: 'A website form’s submission, as JSON or as an HTML form post (at most 16 KB)',
  description: 'From the form’s page, or (CORS) from an allowed origin’s own page. An `Idempotency-Key` header (or `_key`) makes a repeat answer the same. Limited per address.',
  otherParameters: [pathParam('id', 'the form’s id')],
  rawBody: {
    content: {
      'application/json': { schema: { type: 'object', properties: { fields: { type: 'object' }, website_url: { type: 'string', description: 'a honeypot: people leave it empty' }, page: { type: 'string' }, referrer: { type: 'string' }, lang: { enum: ['vi', 'en'] }, _key: { type: 'string' } } } },
      'application/x-www-form-urlencoded': { schema: { type: 'object' } },
    },
  },
  responses: { 201: { description: 'Created a record', schema: FORM_ANSWER }, 200: { description: 'A repeat, or a submission matched to a record already there', schema: FORM_ANSWER } },
  problems: { 400: 'invalid-request (`detailLocalized` in the form’s language)', 403: 'forbidden (an origin the form does not allow)', 404: 'not-found', 429: 'too-many-attempts' },
});

/** The contracts of the routes below (the OpenAPI document is made of them). */
export const formContracts = [getWebForm, submitWebForm];

/** @example app.use(formRoutes(engine)); // before the session middleware */
export function formRoutes(engine: Engine): Router {
  const router = Router();

  serve(router, getWebForm, async (_input, req, res) => {
    const forms = formsOf(engine);
    const id = formId(req);
    const base = ownOrigin(req);
    if (String(req.params.id).endsWith('.js')) {
      await forms.describe(id); // unknown form: 404
      res.type('application/javascript').set('Cache-Control', 'public, max-age=300').send(snippet(base, id));
      return;
    }
    const view = await forms.describe(id);
    const lang = req.query.lang === 'en' ? 'en' : 'vi';
    const text = (name: string) => (typeof req.query[name] === 'string' ? (req.query[name]).slice(0, 1000) : '');
    const nonce = randomBytes(16).toString('base64');
    res
      .type('html')
      .set('Cache-Control', 'no-store')
      .set('Content-Security-Policy', `default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}'; connect-src 'self'; form-action 'self'; frame-ancestors 'self' ${view.origins.join(' ')}`)
      .send(formPage(view, lang, text('page'), text('referrer'), nonce));
  });

  // Cross-origin posts (a site's own form) only from the form's origins: preflight and answer.
  const cors = (req: Request, res: Response, id: string): boolean => {
    const origin = req.get('origin');
    if (!origin || origin === ownOrigin(req)) return true;
    if (!formsOf(engine).origins(id).includes(origin)) return false;
    res.set('Access-Control-Allow-Origin', origin).set('Vary', 'Origin');
    return true;
  };
  router.options('/api/forms/:id', (req, res) => {
    const id = formId(req);
    if (!cors(req, res, id)) throw new UserError('forbidden', 'This website may not send this form');
    res.set('Access-Control-Allow-Methods', 'POST').set('Access-Control-Allow-Headers', 'content-type, idempotency-key').set('Access-Control-Max-Age', '600').status(204).end();
  });

  const parsers = [express.urlencoded({ extended: false, limit: MAX_BODY }), express.text({ type: 'application/json', limit: MAX_BODY })];
  serve(router, submitWebForm, async (_input, req, res) => {
    const id = formId(req);
    if (!cors(req, res, id)) throw new UserError('forbidden', 'This website may not send this form', { issues: [{ pointer: '/headers/origin', message: 'is not one of the websites allowed to send this form' }] });
    const raw: unknown = typeof req.body === 'string' ? parseJsonInput(req.body, '/body') : req.body;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new UserError('invalid-request', 'The form must be sent as JSON or as an HTML form', { issues: [{ pointer: '/body', message: 'must be an object' }] });
    const body = raw as Record<string, unknown>;
    // JSON: { fields, website_url, page, referrer }; an HTML form post: the fields themselves.
    const fields = typeof body.fields === 'object' && body.fields !== null ? (body.fields as Record<string, unknown>) : Object.fromEntries(Object.entries(body).filter(([k]) => ![HONEYPOT, 'page', 'referrer', 'lang', '_key'].includes(k)));
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const key = req.get('idempotency-key') ?? str(body._key);
    if (key !== undefined && !/^[A-Za-z0-9_.:-]{8,100}$/.test(key)) throw new UserError('invalid-request', 'The idempotency key must be 8–100 letters, digits or _ . : -', { issues: [{ pointer: '/headers/idempotency-key', message: 'is not a valid key' }] });
    const lang = body.lang === 'en' ? 'en' : 'vi';
    try {
      const outcome = await formsOf(engine).submit(id, {
        fields,
        ...(str(body[HONEYPOT]) ? { honeypot: str(body[HONEYPOT]) } : {}),
        ...(key ? { key } : {}),
        ...(str(body.page) ? { page: str(body.page) } : {}),
        ...(str(body.referrer) ? { referrer: str(body.referrer) } : {}),
        address: req.ip ?? 'unknown',
      });
      res.status(outcome.outcome === 'created' ? 201 : 200).json({ outcome: outcome.outcome, message: formsOf(engine).success(id)[lang] });
    } catch (error) {
      // The same problem, with the reason in the form's language for the page to show.
      if (error instanceof UserError && ERROR_WORDS[error.code]) Object.assign(error.extra, { detailLocalized: ERROR_WORDS[error.code]?.[lang] });
      throw error;
    }
  }, parsers);
  return router;
}
