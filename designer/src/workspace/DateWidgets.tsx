/**
 * Date fields written the app's way, not the browser's (react-aria-components with the
 * app's locale): Vietnamese dd/mm/yyyy and 24-hour times, a calendar on the button, each
 * part typed or stepped with the arrow keys. `day` holds a calendar day (`2026-12-02`);
 * `instant` a moment (ISO 8601, UTC), shown and typed in the business time zone.
 */
import { parseAbsolute, parseDate, type CalendarDate, type ZonedDateTime } from '@internationalized/date';
import type { WidgetProps } from '@rjsf/utils';
import type { ReactNode } from 'react';
import {
  Button,
  Calendar,
  CalendarCell,
  CalendarGrid,
  DateInput,
  DatePicker,
  DateSegment,
  Dialog,
  Group,
  Heading,
  I18nProvider,
  Popover,
} from 'react-aria-components';
import { BUSINESS_TIME_ZONE } from '../i18n/format.js';
import { useI18n } from '../i18n/useI18n.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function readDay(value: unknown): CalendarDate | null {
  return typeof value === 'string' && DAY.test(value) ? parseDate(value) : null;
}

function readInstant(value: unknown): ZonedDateTime | null {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return null;
  return parseAbsolute(new Date(value).toISOString(), BUSINESS_TIME_ZONE);
}

function Picker({ widget, children }: { widget: WidgetProps; children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <I18nProvider locale={lang === 'vi' ? 'vi-VN' : 'en-GB'}>
      <div className="date-widget" id={widget.id} data-invalid={widget.rawErrors?.length ? true : undefined}>
        {children}
      </div>
    </I18nProvider>
  );
}

function Parts({ label }: { label: string }) {
  return (
    <>
      <Group className="date-field">
        <DateInput className="date-input">{(segment) => <DateSegment segment={segment} className="date-segment" />}</DateInput>
        <Button className="date-toggle" aria-label={label}>
          ▦
        </Button>
      </Group>
      <Popover className="date-popover" placement="bottom start">
        <Dialog className="date-dialog" aria-label={label}>
          <Calendar className="date-calendar">
            <header className="date-calendar-head">
              <Button slot="previous">‹</Button>
              <Heading />
              <Button slot="next">›</Button>
            </header>
            <CalendarGrid>{(date) => <CalendarCell date={date} className="date-cell" />}</CalendarGrid>
          </Calendar>
        </Dialog>
      </Popover>
    </>
  );
}

type Mode = 'day' | 'instant';

/** One date field: a calendar day, or a moment in the business time zone. */
function DateField({ mode, widget }: { mode: Mode; widget: WidgetProps }) {
  const { id, label, required, disabled, readonly, rawErrors, onChange, onBlur, onFocus } = widget;
  const value: unknown = widget.value;
  const { lang } = useI18n();
  const moment = mode === 'instant';
  return (
    <Picker widget={widget}>
      <DatePicker<CalendarDate | ZonedDateTime>
        aria-label={label}
        value={moment ? readInstant(value) : readDay(value)}
        onChange={(picked) => onChange(picked ? ('timeZone' in picked ? picked.toDate().toISOString() : picked.toString()) : undefined)}
        onBlur={() => onBlur(id, value)}
        onFocus={() => onFocus(id, value)}
        {...(moment
          ? {
              granularity: 'minute' as const,
              hourCycle: lang === 'vi' ? (24 as const) : (12 as const),
              hideTimeZone: true,
              placeholderValue: parseAbsolute(new Date().toISOString(), BUSINESS_TIME_ZONE).set({ hour: 9, minute: 0, second: 0, millisecond: 0 }),
            }
          : {})}
        isRequired={required}
        isDisabled={disabled}
        isReadOnly={readonly}
        isInvalid={Boolean(rawErrors?.length)}
        shouldForceLeadingZeros
      >
        <Parts label={label} />
      </DatePicker>
    </Picker>
  );
}

/** A calendar day: dd/mm/yyyy in Vietnamese. */
export function DayWidget(props: WidgetProps) {
  return <DateField mode="day" widget={props} />;
}

/** A moment: date and 24-hour time in Vietnamese, in the business time zone. */
export function InstantWidget(props: WidgetProps) {
  return <DateField mode="instant" widget={props} />;
}
