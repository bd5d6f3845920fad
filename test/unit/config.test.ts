/** Run-time settings that carry a legal bound. */
import { loadConfig } from '../../lib/config';

describe('PARCOURS_RECTIFICATION_MOIS (spec §11)', () => {
  it('defaults to three months, the longest period whose outcome a late fact can change', () => {
    expect(loadConfig({}).rectificationMois).toBe(3);
    expect(loadConfig({ PARCOURS_RECTIFICATION_MOIS: '6' }).rectificationMois).toBe(6);
  });

  it.each(['2', '0', '3.5', 'trois', '25'])('refuses %s, naming the variable', (value) => {
    expect(() => loadConfig({ PARCOURS_RECTIFICATION_MOIS: value })).toThrow(/PARCOURS_RECTIFICATION_MOIS/);
  });
});
