import { chinaDay } from '@gridguard/types';
import type { Emulator } from '@gridguard/emulator';
import { actingAs, dataOf } from './actions';

/**
 * The demo resident 王秀英 declares she came back from 湖北省 today, as she would on the return
 * page: from now on she is under home observation and owes today's report. Answers her person id.
 */
export async function residentReturnsToday(emulator: Emulator): Promise<string> {
  const asResident = actingAs(emulator, 'oDemoResident');
  const household = dataOf(await asResident('households', 'mine', {}));
  const self = household?.people.find((person) => person.name === '王秀英');
  if (!self) throw new Error('王秀英 is not in her household');
  const today = chinaDay(Date.now());
  dataOf(
    await asResident('returns', 'declare', {
      personId: self.id,
      declaration: {
        origin: { province: '湖北省' },
        transport: 'train',
        departureDay: today,
        arrivalDay: today,
        contactWithCases: false,
        symptoms: [],
      },
    }),
  );
  return self.id;
}
