import { LEVEL_TEMPLATES, withLevelName } from '@gridguard/types';

describe('a label with its level name', () => {
  it('never puts a level name inside another pair of brackets', () => {
    expect(withLevelName('所在网格', '村(社区)')).toBe('所在网格 · 村(社区)');
    for (const template of Object.values(LEVEL_TEMPLATES))
      for (const level of template.levels) {
        const label = withLevelName('所在网格', level);
        expect(label).not.toMatch(/[（(][^（）()]*[（(]/);
        expect(label.endsWith(level)).toBe(true);
      }
  });

  it('is the label alone when there is no level', () => {
    expect(withLevelName('所在网格', null)).toBe('所在网格');
    expect(withLevelName('所在网格', '')).toBe('所在网格');
  });
});
