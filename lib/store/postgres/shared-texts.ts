// An event's sentence and search text are ~280 of the ~650 bytes of its row, and on most accounts a
// few thousand pairs of them recur across a million events (a principal's routine call on a
// channel). The PostgreSQL store keeps a pair that several events of one batch share once, in
// `event_texts`, and each such event's row holds its number; a pair seen once stays in its row. So
// an account whose sentences all differ (the bench's wide shape) adds nothing to the table that a
// free-text query reads whole (lib/store/queries/where.ts), while the demo's mix keeps ~1 in 250.
// PostgreSQL compresses no value of a row shorter than 2 kB, whatever toast_tuple_target says.

/** The SQL of a pair's key in `event_texts`: unambiguous, as the first part has a fixed length. */
export const sharedTextKey = (alias: string) => `sha256(sha256(convert_to(${alias}.description, 'UTF8')) || convert_to(${alias}.search_text, 'UTF8'))`;

export interface SharedTexts {
  /** The pairs to store once, each with its place (its `ord` when staged). */
  pairs: { ord: number; description: string; searchText: string }[];
  /** For each event, its pair's place among `pairs`, or null to keep its texts in its row. */
  ords: (number | null)[];
}

/** Which of a batch's events share their sentence and search text with another of the batch. */
export function sharedTexts(texts: { description: string; searchText: string }[]): SharedTexts {
  const keys = texts.map((t) => `${t.description.length}:${t.description}${t.searchText}`);
  const seen = new Map<string, number>();
  for (const key of keys) seen.set(key, (seen.get(key) ?? 0) + 1);
  const pairs: SharedTexts['pairs'] = [];
  const ordOf = new Map<string, number>();
  const ords = keys.map((key, i) => {
    if (seen.get(key)! < 2) return null;
    let ord = ordOf.get(key);
    if (ord === undefined) {
      ord = pairs.length;
      ordOf.set(key, ord);
      pairs.push({ ord, description: texts[i].description, searchText: texts[i].searchText });
    }
    return ord;
  });
  return { pairs, ords };
}
