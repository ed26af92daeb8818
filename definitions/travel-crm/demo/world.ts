/** What every phase of the demo data shares: the API, the dice, the calendar, the catalogue. */
import type { DemoSeedApi } from '../../../engine/index.js';
import type { Departure, TourProduct } from './catalogue.js';
import type { Calendar, Dice } from './dice.js';

export interface World {
  api: DemoSeedApi;
  dice: Dice;
  calendar: Calendar;
  products: TourProduct[];
  departures: Departure[];
  campaigns: { id: string; channel: 'email' | 'sms' }[];
  year: number;
  /** Fates dealt first, in order, so that even a small demo shows every stage. */
  showcase: Record<string, string[]>;
}

/** The next showcase fate of `key`, or a random one once they are dealt. */
export function fateOf(world: World, key: string, random: () => string): string {
  return world.showcase[key]?.shift() ?? random();
}

/** Records of an entity whose link field holds one of `ids`, keyed by that field. */
export async function byLink(
  world: World,
  entity: string,
  field: string,
  ids: string[],
): Promise<Map<string, { id: string; owner?: string; data: Record<string, unknown> }[]>> {
  const found = new Map<string, { id: string; owner?: string; data: Record<string, unknown> }[]>();
  if (ids.length === 0) return found;
  for (const record of await world.api.find(entity, { [`data.${field}`]: { $in: ids } })) {
    const key = record.data[field] as string;
    found.set(key, [...(found.get(key) ?? []), record]);
  }
  return found;
}

/** The one record linked to `id`, which an automation must have created. */
export function linked(
  map: Map<string, { id: string; owner?: string; data: Record<string, unknown> }[]>,
  id: string,
  what: string,
): { id: string; owner?: string; data: Record<string, unknown> } {
  const record = map.get(id)?.[0];
  if (!record) throw new Error(`demo data: the automation did not create the ${what} of ${id}`);
  return record;
}

/** A departure that has not been cancelled, leaving between `fromDays` and `toDays` from today. */
export function departureFor(
  world: World,
  product?: TourProduct,
  fromDays = -110,
  toDays = Infinity,
): Departure {
  const open = world.departures.filter(
    (d) =>
      !d.cancelled && d.inDays >= fromDays && d.inDays <= toDays && (!product || d.product.id === product.id),
  );
  return world.dice.pick(open.length > 0 ? open : world.departures.filter((d) => !d.cancelled));
}

/** Round VND to the thousand. */
export function vnd(amount: number): number {
  return Math.round(amount / 1000) * 1000;
}
