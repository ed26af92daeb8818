/** Seeded choices and dates for the demo data: the same seed gives the same data. */

export class Dice {
  constructor(private readonly random: () => number) {}

  /** A number in [0, 1). */
  next(): number {
    return this.random();
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.random() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** One key of `weights`, chosen in proportion to its weight. */
  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as [K, number][];
    let roll = this.random() * entries.reduce((sum, [, w]) => sum + w, 0);
    for (const [key, weight] of entries) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return entries[entries.length - 1][0];
  }
}

const DAY = 86_400_000;

/** Dates relative to the moment the demo is generated for. */
export class Calendar {
  constructor(readonly now: Date) {}

  /** 'YYYY-MM-DD', `days` from today (negative: in the past). */
  day(days: number): string {
    return new Date(this.now.getTime() + days * DAY).toISOString().slice(0, 10);
  }

  /** An ISO date-time, `days` (fractional allowed) from now. */
  at(days: number): string {
    return new Date(this.now.getTime() + days * DAY).toISOString();
  }

  /** Days from today to a 'YYYY-MM-DD' date. */
  daysUntil(date: string): number {
    return Math.round(
      (Date.parse(`${date}T00:00:00.000Z`) - Date.parse(`${this.day(0)}T00:00:00.000Z`)) / DAY,
    );
  }
}
