import { COLLECTIONS } from '@gridguard/types';
import { fetchDocs, isDuplicateKey, updatedOne, type CloudDatabase } from './cloud';

/**
 * Tallies of wrong codes (door codes, the setup code), one document per person, kind and China
 * day, so codes cannot be guessed one after another. The only write a refusal makes.
 */
export function codeAttempts(db: CloudDatabase) {
  const attempts = () => db.collection(COLLECTIONS.codeAttempts);
  const _ = db.command;
  const increment = async (key: string) =>
    updatedOne(
      await attempts()
        .where({ _id: key })
        .update({ data: { misses: _.inc(1) } }),
    );

  return {
    misses: async (key: string) =>
      (await fetchDocs<{ misses: number }>(attempts().where({ _id: key }).limit(1)))[0]?.misses ??
      0,
    /** Counts one more wrong code (the counter usually exists after the first). */
    async miss(key: string): Promise<void> {
      if (await increment(key)) return;
      try {
        await attempts().add({ data: { _id: key, misses: 1 } });
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        await increment(key);
      }
    },
  };
}

export type CodeAttempts = ReturnType<typeof codeAttempts>;
